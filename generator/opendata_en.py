"""The open data's CSV in English (open-data/companies-en.csv): what the English site's shortlist and search-result
exports give a buyer abroad.

The same columns, rows and quoting as companies.csv (opendata.COLUMNS is the one definition), headed by the profile
schema's English titles (x-title-en, the titles the field guide and the form show) and, for the columns computed
from a profile, by the English titles below. Vocabulary values are the vocabularies' English labels, phone numbers
are written for callers abroad (+81), yes/no and the access lines are in English; a company's own texts stay as
written, the Japanese column beside its English one.
"""
from __future__ import annotations

import csv
import io
import json
from functools import lru_cache

from .model import Company, Guide
from .model.phone import international_phone
from .opendata import COLUMNS, SCHEMA, SEP, UPPER, Column, machine_counts, neutralise

# The columns no profile field holds (opendata.COLUMNS with field None), by their Japanese name
COMPUTED_TITLES = {
    "全国地方公共団体コード": "Local government code",
    "地方公共団体名": "Local government",
    "名称_ローマ字": "Company name: romanised (from the reading)",
    "住所": "Address (Japanese)",
    "住所_ローマ字": "Address: romanised",
    "設備の種類と台数": "Machine types and counts",
    "プレス最大能力_t": "Largest press force (t)",
    "マシニングセンタ最大X軸ストローク_mm": "Largest machining-center X travel (mm)",
    "旋盤最大加工径_mm": "Largest turning diameter (mm)",
    "成形機最大型締力_t": "Largest clamping force (t)",
    "レーザー最大出力_kW": "Largest laser power (kW)",
    "対応材料_キー": "Materials: vocabulary keys",
    "アクセス": "Access",
    "掲載ページ": "Page in this guidebook",
}
TERM_FIELDS = ("industries", "technologies", "certifications", "capabilities", "accepts", "outsources")


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _titles(field: str) -> tuple[list[str], bool]:
    """The English titles along a field's path (the top field's, then the item field's), and whether the field is
    the English half of a bilingual text (summary.en: a text written as {ja, en}, no field of its own)."""
    node, titles = _schema(), []
    parts = [p for p in field.replace("[]", "").split(".") if p]
    for at, part in enumerate(parts):
        found = (node.get("properties") or {}).get(part)
        if found is None:
            return titles, part == "en" and at == len(parts) - 1
        node = found
        if node.get("x-title-en"):
            titles.append(node["x-title-en"])
        if node.get("type") == "array" or "items" in node:
            node = node.get("items") or {}
    return titles, False


def header(column: Column) -> str:
    """A column's English header: the schema's titles of its field ("Contact: Phone", "Catchphrase (English)"), or
    the computed column's English title; the Japanese name when neither is known."""
    if column.field is None:
        return COMPUTED_TITLES.get(column.name, column.name)
    if column.field == "slug":
        return "ID"
    if column.field.endswith(UPPER):  # the upper end of a range field
        return header(Column(column.name, column.field[: -len(UPPER)], column.get)) + ": upper end of a range"
    titles, english = _titles(column.field)
    if not titles:
        return column.name
    text = ": ".join(dict.fromkeys(titles))
    if english:
        return text + " (English)"
    if any(c.field == column.field + ".en" for c in COLUMNS):
        return text + " (Japanese)"
    return text


def _labels(terms) -> str:
    return SEP.join(t.label.get("en") for t in terms)


def _machine_counts(c: Company, g: Guide) -> str:
    return SEP.join(f"{t.label.get('en')} × {n}" for t, n in machine_counts(c).items())


def _access(c: Company, g: Guide) -> str:
    from .site.facts import access_text

    return SEP.join(access_text(a, "en") for a in c.access)


def _aligned(c: Company, get) -> str:
    """One value per equipment row, as companies.csv aligns the columns of a list."""
    values = [get(e) for e in c.equipment]
    return SEP.join(values) if any(values) else ""


def _page(c: Company, g: Guide) -> str:
    return f"{g.site.base_url or ''}en/companies/{c.slug}/"


# English values where the Japanese CSV writes Japanese words of the tool or the vocabularies
BY_NAME = {
    "地方公共団体名": lambda c, g: g.site.municipality.get("en"),
    "設備の種類と台数": _machine_counts,
    "アクセス": _access,
    "掲載ページ": _page,
}
BY_FIELD = {
    "area": lambda c, g: c.area.label.get("en"),
    "contact.phone": lambda c, g: international_phone(c.contact.phone),
    "contact.fax": lambda c, g: international_phone(c.contact.fax) if c.contact.fax else "",
    "equipment[].type": lambda c, g: _aligned(c, lambda e: e.type.label.get("en") if e.type else ""),
    # a machine the profile names only in Japanese goes by its type's English label
    "equipment[].name.en": lambda c, g: _aligned(c, lambda e: (e.name.en if e.name and e.name.en else
                                                               e.type.label.get("en") if e.type else "")),
    "qualifications[].type": lambda c, g: _labels(t for t, _ in c.qualifications),
    "factory_visits": lambda c, g: {True: "yes", False: "no"}.get(c.factory_visits, ""),
    **{name: (lambda name: lambda c, g: _labels(getattr(c, name) if name in ("accepts", "outsources")
                                                else c.terms(name)))(name) for name in TERM_FIELDS},
}


def value(column: Column, company: Company, guide: Guide) -> str:
    """A column's cell for a company in the English CSV."""
    get = BY_NAME.get(column.name) or BY_FIELD.get(column.field or "") or column.get
    return str(get(company, guide))


def rows(guide: Guide) -> list[list[str]]:
    """The English CSV as rows: the header, then one row per company (the order of companies.csv), neutralised."""
    return [[header(c) for c in COLUMNS]] + [[neutralise(value(col, company, guide)) for col in COLUMNS]
                                            for company in guide.companies]


def csv_text(guide: Guide) -> str:
    """The English CSV text (without the BOM), written as companies.csv is: every cell quoted, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows(guide))
    return buffer.getvalue()
