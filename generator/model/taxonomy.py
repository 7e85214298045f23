"""Vocabularies (technologies, industries …) read from content/taxonomies/*.yaml."""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import Text, fold

TITLES = {
    "industries": Text("業種", "Industries"),
    "technologies": Text("技術", "Technologies"),
    "certifications": Text("認証", "Certifications"),
    "capabilities": Text("対応力", "Capabilities"),
    "areas": Text("地区", "Areas"),
    "machines": Text("設備の種類", "Machine types"),
    "materials": Text("材料", "Materials"),
    "qualifications": Text("資格", "Qualifications"),
}


@dataclass(frozen=True)
class Figure:
    """A key figure of a machine type (tonnage, X travel …): its name, unit, plausible range and buyer thresholds."""

    key: str
    label: Text
    unit: Text
    min: float
    max: float
    facets: tuple[float, ...] = ()
    facet_types: tuple[str, ...] = ()  # the machine types a buyer's threshold on this figure is about



@dataclass(frozen=True)
class Term:
    """One vocabulary term: a stable key with Japanese and English labels."""

    taxonomy: str
    key: str
    label: Text
    group: str | None = None
    code: str | None = None
    kana: str | None = None
    aliases: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()  # machine types: the keys of the figures that fit this kind of machine
    places: tuple[str, ...] = ()  # areas: the towns (町名) the area covers, for guessing it from an address

    def words(self) -> list[str]:
        """Every word that names this term: labels and aliases, for search."""
        return [w for w in (self.label.ja, self.label.en, *self.aliases) if w]


def _remembered_repr(self: Term) -> str:
    """The dataclass's repr of a term, made once: a page's key holds the repr of its company whole (site/record.py),
    and a company names a dozen terms or more, each shared by many companies (a Term never changes)."""
    made = self.__dict__.get("_repr")
    if made is None:
        made = _term_repr(self)
        object.__setattr__(self, "_repr", made)  # not a field: equality, hashing and asdict() do not see it
    return made


_term_repr, Term.__repr__ = Term.__repr__, _remembered_repr


@dataclass
class Taxonomy:
    """A vocabulary: its terms in file order, optional groups, and a lookup by key or label."""

    name: str
    terms: dict[str, Term]
    groups: dict[str, Text] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)  # machine types: every figure, defined once
    makers: dict[str, str] = field(default_factory=dict)  # machine types: a maker's English name by its folded name
    tabs: dict[str, str] = field(default_factory=dict)  # group or term key → its short form for a thumb tab
    _lookup: dict[str, Term] = field(default_factory=dict, repr=False)
    _aliases: dict[str, Term] = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # what checks remember per vocabulary

    def __post_init__(self):
        for term in self.terms.values():
            for word in (term.key, term.label.ja, term.label.en):
                if word:
                    self._lookup.setdefault(fold(word), term)

    @property
    def title(self) -> Text:
        return TITLES[self.name]

    def resolve(self, word) -> Term | None:
        """The term written as its key or its Japanese or English label, or None."""
        return self._lookup.get(fold(str(word))) if word is not None else None

    def resolve_any(self, word) -> Term | None:
        """The term written as its key, a label or one of its aliases (for open vocabularies such as materials,
        where 「ステンレス」 plainly means the general stainless term), or None."""
        term = self.resolve(word)
        if term is not None or word is None:
            return term
        if not self._aliases:
            for t in self.terms.values():
                for alias in t.aliases:
                    self._aliases.setdefault(fold(alias), t)
        return self._aliases.get(fold(str(word)))

    def suggestions(self, word: str, n: int = 3) -> list[Term]:
        """The terms closest to an unknown word, aliases and partial matches first."""
        import difflib

        folded = fold(word)
        hits = [t for t in self.terms.values() if any(fold(a) == folded for a in t.aliases)]
        hits += [t for t in self.terms.values() if t not in hits and folded and
                 any(folded in fold(w) or fold(w) in folded for w in (t.label.ja, t.label.en or "") if w)]
        names = {fold(w): t for t in self.terms.values() for w in (t.key, t.label.ja, t.label.en, *t.aliases) if w}
        for close in difflib.get_close_matches(folded, list(names), n=n, cutoff=0.5):
            if names[close] not in hits:
                hits.append(names[close])
        return hits[:n]


def taxonomy_from(name: str, data: dict) -> Taxonomy:
    """Build a Taxonomy from the (already validated) data of its YAML file."""
    terms_data = data.get("terms", data) if isinstance(data, dict) else {}
    terms = {}
    for key, value in terms_data.items():
        value = value or {}
        terms[key] = Term(name, key, Text(str(value.get("ja", key)), value.get("en")), value.get("group"),
                          value.get("code"), value.get("kana"), tuple(str(a) for a in value.get("aliases", []) or []),
                          tuple(value.get("figures", []) or []), tuple(str(p) for p in value.get("places", []) or []))
    groups = {k: Text.of(v) for k, v in (data.get("groups") or {}).items()} if "terms" in data else {}
    figures = {k: Figure(k, Text(v["ja"], v.get("en")), Text(v["unit"], v.get("unit_en", v["unit"])), v["min"], v["max"],
                         tuple(v.get("facets", []) or []), tuple(v.get("facet_types", []) or []))
               for k, v in ((data.get("figures") or {}).items() if "terms" in data else ())}
    makers = {fold(str(k)): str(v) for k, v in (data.get("makers") or {}).items()} if "terms" in data else {}
    tabs = {k: str(v["tab"]) for part in (data.get("groups") or {}, terms_data) if "terms" in data
            for k, v in part.items() if isinstance(v, dict) and v.get("tab")}
    return Taxonomy(name, terms, groups, figures, makers, tabs)
