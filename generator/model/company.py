"""A company profile as typed objects, the only shape templates see."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .taxonomy import Taxonomy, Term
from .text import Text


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
    name: Text
    maker: str = ""
    model: str = ""
    count: int | None = None
    spec: Text | None = None


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
    materials: list[Text] = field(default_factory=list)
    customers: list[Text] = field(default_factory=list)
    logo: Image | None = None
    photos: list[Image] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    last_confirmed: str | None = None

    def terms(self, taxonomy: str) -> list[Term]:
        """The company's terms of one taxonomy (area as a one-item list)."""
        return [self.area] if taxonomy == "areas" else getattr(self, taxonomy)

    @property
    def has_english(self) -> bool:
        return bool(self.name.en and not self.name.romanised and self.summary.en)


def company_from(slug: str, folder: Path, data: dict, taxonomies: dict[str, Taxonomy]) -> Company:
    """Build a Company from a validated profile; vocabulary words become Terms."""
    def terms(name: str) -> list[Term]:
        return [taxonomies[name].resolve(w) for w in data.get(name, []) or []]

    def image(entry) -> Image:
        file = entry["file"] if isinstance(entry, dict) else entry
        alt = Text.of(entry.get("alt")) if isinstance(entry, dict) else None
        return Image(file, folder / file, alt)

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
        equipment=[Equipment(Text.of(e["name"]), e.get("maker", ""), e.get("model", ""), e.get("count"),
                             Text.of(e.get("spec"))) for e in data.get("equipment", []) or []],
        materials=[Text.of(m) for m in data.get("materials", []) or []],
        customers=[Text.of(c) for c in data.get("customers", []) or []],
        logo=image(images["logo"]) if images.get("logo") else None,
        photos=[image(p) for p in images.get("photos", []) or []],
        maintainers=list(data.get("maintainers", []) or []),
        last_confirmed=data.get("last_confirmed"),
    )
