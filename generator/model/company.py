"""A company profile as typed objects, the only shape templates see."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .figrange import is_number, is_range, span
from .taxonomy import Taxonomy, Term
from .text import Text, fold


@dataclass(frozen=True)
class Image:
    """An image file in the company's own folder."""

    file: str
    path: Path
    alt: Text | None = None


@dataclass(frozen=True)
class Product:
    name: Text
    description: Text | None = None


@dataclass(frozen=True)
class Equipment:
    """One row of the equipment list; `name` is the type's label when the profile gives none."""

    name: Text
    maker: str = ""
    model: str = ""
    count: int | None = None
    spec: Text | None = None
    type: Term | None = None  # a machines.yaml term; None for a v1 row
    figures: dict = field(default_factory=dict, hash=False, compare=False)  # figure key (tonnage_t …) -> number
    maker_en: str | None = None  # the maker's English name (machines.yaml makers), for the English pages

    @property
    def maker_text(self) -> Text | None:
        """The maker as a bilingual text (Amada for アマダ on an English page), or None when the row names none."""
        if not self.maker:
            return None
        latin = not any("\u3040" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f" for ch in self.maker)  # FARO, HP
        return Text(self.maker, self.maker_en or (self.maker if latin else None))


@dataclass(frozen=True)
class Access:
    """How to reach the factory: from a station, interchange … by some means, in minutes."""

    place: Text
    minutes: int
    kind: str | None = None  # station | ic | airport | port
    by: str | None = None  # walk | car | bus | taxi


@dataclass(frozen=True)
class Location:
    lat: float
    lng: float


@dataclass(frozen=True)
class Address:
    postal_code: str
    prefecture: str
    city: str
    street: str
    en: str | None = None
    romanised: bool = False  # `en` is the tool's romanisation (english.py), not the company's own

    def get(self, lang: str) -> str:
        """The address as one line, in English when there is an English version."""
        if lang == "en" and self.en:
            return self.en
        return f"〒{self.postal_code} {self.prefecture}{self.city}{self.street}"


@dataclass(frozen=True)
class Contact:
    phone: str
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    person: Text | None = None


@dataclass
class Company:
    """One company of the guidebook."""

    slug: str
    folder: Path
    name: Text
    kana: str
    address: Address
    area: Term
    contact: Contact
    summary: Text
    industries: list[Term]
    technologies: list[Term]
    certifications: list[Term] = field(default_factory=list)
    capabilities: list[Term] = field(default_factory=list)
    corporate_number: str | None = None
    representative_title: Text | None = None
    representative_name: Text | None = None
    established: str | None = None
    capital: int | None = None
    employees: int | None = None
    pr: Text | None = None
    products: list[Product] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    materials: list[Text] = field(default_factory=list)  # as shown: a term's label, or the free text written
    # (a material written as a term's alias, 「ステンレス」, is that term)
    material_terms: list[Term] = field(default_factory=list)  # the materials that are vocabulary terms
    material_others: list[Text] = field(default_factory=list)  # the free-text leftovers (no filter, warned)
    capacity: dict | None = None  # max_part_mm, tolerance_mm, lot_min … as written (see the schema)
    qualifications: list[tuple[Term, int | None]] = field(default_factory=list)
    accepts: list[Term] = field(default_factory=list)  # technologies taken on for others
    outsources: list[Term] = field(default_factory=list)  # technologies given to partners
    factory_visits: bool | None = None  # None: not stated
    strengths: list[Text] = field(default_factory=list)
    limits: list[Text] = field(default_factory=list)
    access: list[Access] = field(default_factory=list)
    location: Location | None = None
    customers: list[Text] = field(default_factory=list)
    logo: Image | None = None
    photos: list[Image] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    last_confirmed: str | None = None

    def terms(self, taxonomy: str) -> list[Term]:
        """The company's terms of one taxonomy (area as a one-item list; machine types of its equipment, once each)."""
        if taxonomy == "areas":
            return [self.area]
        if taxonomy == "machines":
            return self.machines
        if taxonomy == "materials":
            return self.material_terms
        if taxonomy == "qualifications":
            return [term for term, _ in self.qualifications]
        return getattr(self, taxonomy)

    @property
    def machines(self) -> list[Term]:
        """The machine types of the equipment, once each, in the order of the list."""
        return list(dict.fromkeys(e.type for e in self.equipment if e.type is not None))

    def figure_max(self, figure: str, types=None) -> float | None:
        """The largest value of one key figure over the equipment (only machines whose type key is in `types`)."""
        values = [span(e.figures[figure])[1] for e in self.equipment if figure in e.figures and
                  (types is None or (e.type is not None and e.type.key in types))]
        return max(values) if values else None

    def qualified(self, key: str) -> int | None:
        """How many staff hold the qualification `key` (0 when listed without a count), or None when not listed."""
        return next((count or 0 for term, count in self.qualifications if term.key == key), None)

    @property
    def has_english(self) -> bool:
        return bool(self.name.en and not self.name.romanised and self.summary.en)


def company_from(slug: str, folder: Path, data: dict, taxonomies: dict[str, Taxonomy]) -> Company:
    """Build a Company from a validated profile; vocabulary words become Terms."""
    def terms(name: str, taxonomy: str | None = None) -> list[Term]:
        return [taxonomies[taxonomy or name].resolve(w) for w in data.get(name, []) or []]

    def image(entry) -> Image:
        file = entry["file"] if isinstance(entry, dict) else entry
        alt = Text.of(entry.get("alt")) if isinstance(entry, dict) else None
        return Image(file, folder / file, alt)

    def equipment(row: dict) -> Equipment:
        kind = taxonomies["machines"].resolve_any(row.get("type")) if "machines" in taxonomies else None  # ホイスト too
        name = Text.of(row.get("name")) or (kind.label if kind else Text(""))
        # a figure is a number, or a range [low, high] (the row's machines range over it), kept lowest first
        figures = {k: (v if is_number(v) else list(span(v))) for k, v in (row.get("figures") or {}).items()
                   if is_number(v) or is_range(v)}
        maker = row.get("maker", "")
        makers = getattr(taxonomies.get("machines"), "makers", None) or {}
        return Equipment(name, maker, row.get("model", ""), row.get("count"), Text.of(row.get("spec")),
                         kind, figures, makers.get(fold(maker)) if maker else None)

    materials = taxonomies.get("materials")
    material_terms, material_others, shown = [], [], []
    for m in data.get("materials", []) or []:
        written = m.get("ja") if isinstance(m, dict) else m  # {ja: SUS304, en: …} names the term by its ja
        term = materials.resolve_any(written) if materials is not None and isinstance(written, str) else None
        if term is not None:
            if term not in material_terms:  # two words of one term show once (the validator warns)
                material_terms.append(term)
                shown.append(term.label)
        else:
            material_others.append(Text.of(m))
            shown.append(Text.of(m))
    qualifications = taxonomies.get("qualifications")
    quals = [(qualifications.resolve(q.get("type")), q.get("count")) for q in data.get("qualifications", []) or []
             if qualifications is not None]
    location = data.get("location")

    name, address, contact = data["name"], data["address"], data["contact"]
    rep = data.get("representative") or {}
    images = data.get("images") or {}
    return Company(
        slug=slug, folder=folder,
        name=Text(name["ja"], name.get("en")), kana=name["kana"],
        address=Address(address["postal_code"], address["prefecture"], address["city"], address["street"],
                        address.get("en")),
        area=taxonomies["areas"].resolve(data["area"]),
        contact=Contact(contact["phone"], contact.get("fax"), contact.get("email"), contact.get("website"),
                        Text.of(contact.get("person"))),
        summary=Text.of(data["summary"]),
        industries=terms("industries"), technologies=terms("technologies"),
        certifications=terms("certifications"), capabilities=terms("capabilities"),
        corporate_number=data.get("corporate_number"),
        representative_title=Text.of(rep.get("title")), representative_name=Text.of(rep.get("name")),
        established=str(data["established"]) if data.get("established") is not None else None,
        capital=data.get("capital"), employees=data.get("employees"),
        pr=Text.of(data.get("pr")),
        products=[Product(Text.of(p["name"]), Text.of(p.get("description"))) for p in data.get("products", []) or []],
        equipment=[equipment(e) for e in data.get("equipment", []) or []],
        materials=shown, material_terms=material_terms, material_others=material_others,
        capacity=dict(data["capacity"]) if data.get("capacity") else None,
        qualifications=[(term, count) for term, count in quals if term is not None],
        accepts=[t for t in terms("accepts", "technologies") if t is not None],
        outsources=[t for t in terms("outsources", "technologies") if t is not None],
        factory_visits=data.get("factory_visits") if isinstance(data.get("factory_visits"), bool) else None,
        strengths=[Text.of(x) for x in data.get("strengths", []) or []],
        limits=[Text.of(x) for x in data.get("limits", []) or []],
        access=[Access(Text.of(a["place"]), a["minutes"], a.get("kind"), a.get("by")) for a in data.get("access", []) or []],
        location=Location(location["lat"], location["lng"]) if location else None,
        customers=[Text.of(c) for c in data.get("customers", []) or []],
        logo=image(images["logo"]) if images.get("logo") else None,
        photos=[image(p) for p in images.get("photos", []) or []],
        maintainers=list(data.get("maintainers", []) or []),
        last_confirmed=data.get("last_confirmed"),
    )
