"""Regional search (広域): what this guidebook publishes for other guidebooks, and what its search page needs to
search theirs together with its own (site.yaml `network:`).

Every guidebook publishes at its site root `guidebook.json` (small, read by the other guidebooks' search pages): its
municipality (the value its company pages carry in the `municipality` search filter), its search bundles, the
Pagefind version that made them, its languages and the names of its areas; and `vocabularies.json`, every term of
its vocabularies with labels and aliases. A search page whose site.yaml lists other guidebooks reads each one's
guidebook.json and merges their bundles into its own search in the browser (static/network.js, Pagefind's
mergeIndex); `guidebook check-network` compares the vocabularies so that the filters of all of them line up
(generator/network_check.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model.taxonomy import Term
from ..model.text import Text
from .shards import bundle_folders

FILE = "guidebook.json"
PLACE = "place"  # the filter of a company's area among guidebooks searched together: "municipality/area key"
VOCABULARIES = "vocabularies.json"
FORMAT = 1  # of guidebook.json: a reader that finds a newer one still reads the fields it knows
FILTER = "municipality"  # the search filter every company page carries, whatever the network


@dataclass(frozen=True)
class MunicipalityFacet:
    """The search page's filter group of the guidebooks searched together, shaped as a vocabulary for the template."""

    title: Text = Text("自治体", "Municipality")


def municipality_facet(guide) -> tuple | None:
    """(name, facet, [(term, count)]) of the municipality filter: this guidebook first with its count, then the
    others (counted in the browser once their indexes are merged); None without a network."""
    site = guide.site
    if not site.network:
        return None
    values = [(Term(FILTER, site.municipality.ja, site.municipality), len(guide.companies))]
    values += [(Term(FILTER, n.name.ja, n.name), 0) for n in site.network]
    return FILTER, MunicipalityFacet(), values


def place(municipality: str, area_key: str) -> str:
    """The `place` filter value of a company: its municipality and area (two cities may both have a 'kita')."""
    return f"{municipality}/{area_key}"


def place_facet(guide) -> tuple | None:
    """With a network, the search page's area filter as places: this guidebook's areas under its municipality's
    name (static/network.js adds each other guidebook's areas, from its guidebook.json, once it answers); None
    without a network, where the filter stays `areas`."""
    from .facets import Group, Panel, Value

    site = guide.site
    if not site.network or "areas" not in guide.taxonomies:
        return None
    used = tuple((Value(place(site.municipality.ja, term.key), term.label), count)
                 for term, count in guide.used_terms("areas"))
    return PLACE, Panel(PLACE, guide.taxonomies["areas"].title, (Group(PLACE, site.municipality, used),),
                        range=False), used


def facet_terms(guide, name: str) -> list[tuple[Term, int]]:
    """The terms a search page offers as filters of vocabulary `name`, with this guidebook's counts: the used ones;
    with a network, every term (another guidebook may use one that this one does not; the browser shows it then)."""
    used = guide.used_terms(name)
    if not guide.site.network:
        return used
    counts = {term.key: count for term, count in used}
    return [(term, counts.get(key, 0)) for key, term in guide.taxonomies[name].terms.items()]


def page_data(guide, texts: dict) -> dict:
    """What static/network.js reads from the search page: this guidebook's municipality, the others, and the words
    it says when one cannot be reached or was made with another Pagefind version (in Japanese, then English, on both
    search pages)."""
    site = guide.site
    return {"own": {"value": site.municipality.ja, "name": _text(site.municipality)},
            "sites": [{"url": n.url, "name": _text(n.name), "value": n.name.ja, "id": n.id} for n in site.network],
            "down": {lang: texts[lang]["search_network_down"] for lang in ("ja", "en")},
            "version": {lang: texts[lang]["search_network_version"] for lang in ("ja", "en")}}


def guidebook_data(guide, pagefind_version: str) -> dict:
    """The content of guidebook.json: what another search page needs, a few hundred bytes (its areas are named
    there because they are this municipality's own, and its results show them)."""
    site = guide.site
    areas = guide.taxonomies.get("areas")
    return {"format": FORMAT, "generator": "monozukuri-guidebook",
            "municipality": _text(site.municipality), "municipality_code": site.municipality_code,
            "prefecture": site.prefecture, "title": _text(site.title), "edition": site.edition,
            "languages": list(site.languages), "filter": {FILTER: site.municipality.ja},
            "bundles": bundle_folders(len(guide.companies)), "pagefind": pagefind_version,
            "areas": {key: _text(t.label) for key, t in (areas.terms.items() if areas else ())},
            "vocabularies": VOCABULARIES}


def vocabularies_data(guide) -> dict:
    """The content of vocabularies.json: every term of every vocabulary, {name: {key: {ja, en, aliases}}}."""
    return {name: {key: {"ja": t.label.ja, "en": t.label.en or "", "aliases": list(t.aliases)}
                   for key, t in taxonomy.terms.items()} for name, taxonomy in guide.taxonomies.items()}


def write_guidebook_file(guide, out: Path, pagefind_version: str) -> None:
    """Write guidebook.json and vocabularies.json at the site root (new files, never into a hard link to the
    previous build's)."""
    for name, data in ((FILE, guidebook_data(guide, pagefind_version)), (VOCABULARIES, vocabularies_data(guide))):
        path = out / name
        path.unlink(missing_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _text(text: Text) -> dict:
    return {"ja": text.ja, "en": text.en or text.ja}
