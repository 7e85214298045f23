"""Open data: the directory as a CSV (自治体標準オープンデータセット conventions), JSON, the JSON Schema and a licence.

The CSV is UTF-8 with a BOM so that Excel opens it without garbling Japanese, one row per company, one value per
cell; several values in one cell are separated by ";" as the standard datasets do. `COLUMNS` below is the one
definition of the CSV: the writer uses it, and `import_mapping()` turns it into the mapping with which
`guidebook import companies.csv` reads the same file back into the same profiles.

The texts come from anyone's pull request and the city's staff open the CSV in Excel, which runs a cell starting
with "=" as a formula (`=HYPERLINK("https://evil.example/",…)`). Following OWASP's CSV injection guidance, every cell
is quoted and a cell that starts with = + - @, a tab, CR or LF (after any spaces) gets a leading "'", so the
spreadsheet shows it as text; the reader sees that apostrophe. Phone, fax and postal numbers never need it (the
validator lets them start with a digit or "(" only), numbers and dates neither (no negative values). companies.json
keeps every text exactly as written.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Company, Guide, Page, Text
from .model.figrange import is_range, span

SCHEMA = Path(__file__).resolve().parent / "schema" / "company.schema.json"
SEP = ";"
# OWASP: a cell starting with one of them may run as a formula; also their full-width forms, which a Japanese IME
# types and some spreadsheets read as the ASCII ones (outside attacker, session 15)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
FORMULA_PREFIX = "'"
LICENSES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.ja",
    "CC0": "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.ja",
}


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, the profile field it holds (None: for reading only) and how to write it."""

    name: str
    field: str | None
    get: object  # (company, guide) -> str


def _t(text: Text | None, lang: str = "ja") -> str:
    if text is None:
        return ""
    return text.ja if lang == "ja" else (text.en or "")


def _many(values: list[str]) -> str:
    return SEP.join(values) if any(values) else ""


def _terms(name: str):
    return lambda c, g: SEP.join(t.label.ja for t in (getattr(c, name) if name in ("accepts", "outsources")
                                                      else c.terms(name)))


def _texts(attr: str, lang: str, sub: str | None = None):
    def get(c: Company, g: Guide) -> str:
        items = getattr(c, attr)
        return _many([_t(getattr(i, sub) if sub else i, lang) for i in items])
    return get


def _aligned(attr: str, get):
    """One value per list item (empty when missing), so that columns of the same list line up item by item."""
    def cell(c: Company, g: Guide) -> str:
        values = [get(item) for item in getattr(c, attr)]
        return SEP.join("" if v is None else str(v) for v in values) if any(v not in (None, "") for v in values) else ""
    return cell


def _figures(figures: dict) -> str:
    """A machine's figures as "tonnage_t=200 bed_mm=2100" (key=value, space-separated; a range "tonnage_t=60-300")."""
    return " ".join(f"{k}={'-'.join(_number(n) for n in span(v)) if is_range(v) else _number(v)}"
                    for k, v in figures.items())


def _number(value) -> str:
    return "" if value is None else str(int(value)) if float(value).is_integer() else str(value)


def _capacity(key: str):
    return lambda c, g: _number((c.capacity or {}).get(key))


UPPER = "@upper"  # a column holding the upper end of a range field (capacity.lead_time_days@upper): importer.py


def _low(key: str):
    """A field that may be a range (x-range): its single figure, or the range's lower end (a number either way)."""
    def get(c: Company, g: Guide) -> str:
        ends = span((c.capacity or {}).get(key))
        return _number(ends[0]) if ends else ""
    return get


def _high(key: str):
    """The upper end of a range field; empty when the profile gives one figure (the column beside holds it)."""
    def get(c: Company, g: Guide) -> str:
        value = (c.capacity or {}).get(key)
        return _number(span(value)[1]) if is_range(value) else ""
    return get


def machine_counts(c: Company) -> dict:
    """{machine type: number of machines of that type}, in the order of the equipment list."""
    counts: dict = {}
    for e in c.equipment:
        if e.type is not None:
            counts[e.type] = counts.get(e.type, 0) + (e.count or 1)
    return counts


def _machine_counts(c: Company, g: Guide) -> str:
    """Each machine type with the number of machines of that type: "プレス機 19台;5軸マシニングセンタ 3台"."""
    return SEP.join(f"{t.label.ja} {n}台" for t, n in machine_counts(c).items())


def _figure_max(key: str):
    """The largest value of a figure over the machines its buyer's threshold is about (machines.yaml facet_types)."""
    def get(c: Company, g: Guide) -> str:
        machines = g.taxonomies.get("machines")
        figure = machines.figures.get(key) if machines else None
        return _number(c.figure_max(key, figure.facet_types or None) if figure else None)
    return get


def _visits(c: Company, g: Guide) -> str:
    return {True: "可", False: "不可"}.get(c.factory_visits, "")


def _access_line(c: Company, g: Guide) -> str:
    kinds = {"walk": "徒歩", "car": "車", "bus": "バス", "taxi": "タクシー"}
    return SEP.join(f"{a.place.ja}から{kinds.get(a.by, '')}{a.minutes}分" for a in c.access)


def _page_url(c: Company, g: Guide) -> str:
    return f"{g.site.base_url}companies/{c.slug}/" if g.site.base_url else f"companies/{c.slug}/"


COLUMNS: list[Column] = [
    Column("全国地方公共団体コード", None, lambda c, g: g.site.municipality_code),
    Column("ID", "slug", lambda c, g: c.slug),
    Column("地方公共団体名", None, lambda c, g: g.site.municipality.ja),
    Column("法人番号", "corporate_number", lambda c, g: c.corporate_number or ""),
    Column("名称", "name.ja", lambda c, g: c.name.ja),
    Column("名称_カナ", "name.kana", lambda c, g: c.kana),
    Column("名称_英語", "name.en", lambda c, g: "" if c.name.romanised else c.name.en or ""),
    # what the English pages show when the profile gives no English (model/english.py); not read back by import
    Column("名称_ローマ字", None, lambda c, g: c.name.en if c.name.romanised else ""),
    Column("郵便番号", "address.postal_code", lambda c, g: c.address.postal_code),
    Column("住所", None, lambda c, g: f"{c.address.prefecture}{c.address.city}{c.address.street}"),
    Column("住所_都道府県", "address.prefecture", lambda c, g: c.address.prefecture),
    Column("住所_市区町村", "address.city", lambda c, g: c.address.city),
    Column("住所_町名番地", "address.street", lambda c, g: c.address.street),
    Column("住所_英語", "address.en", lambda c, g: "" if c.address.romanised else c.address.en or ""),
    Column("住所_ローマ字", None, lambda c, g: c.address.en if c.address.romanised else ""),
    Column("電話番号", "contact.phone", lambda c, g: c.contact.phone),
    Column("FAX番号", "contact.fax", lambda c, g: c.contact.fax or ""),
    Column("メールアドレス", "contact.email", lambda c, g: c.contact.email or ""),
    Column("URL", "contact.website", lambda c, g: c.contact.website or ""),
    Column("代表者_役職", "representative.title", lambda c, g: _t(c.representative_title)),
    Column("代表者_役職_英語", "representative.title.en", lambda c, g: _t(c.representative_title, "en")),
    Column("代表者_氏名", "representative.name", lambda c, g: _t(c.representative_name)),
    Column("代表者_氏名_英語", "representative.name.en", lambda c, g: _t(c.representative_name, "en")),
    Column("設立", "established", lambda c, g: c.established or ""),
    Column("資本金", "capital", lambda c, g: "" if c.capital is None else str(c.capital)),
    Column("従業員数", "employees", lambda c, g: "" if c.employees is None else str(c.employees)),
    Column("地区", "area", lambda c, g: c.area.label.ja),
    Column("業種", "industries", _terms("industries")),
    Column("技術", "technologies", _terms("technologies")),
    Column("認証", "certifications", _terms("certifications")),
    Column("対応力", "capabilities", _terms("capabilities")),
    Column("キャッチフレーズ", "summary", lambda c, g: _t(c.summary)),
    Column("キャッチフレーズ_英語", "summary.en", lambda c, g: _t(c.summary, "en")),
    Column("PR文", "pr", lambda c, g: _t(c.pr).strip()),
    Column("PR文_英語", "pr.en", lambda c, g: _t(c.pr, "en").strip()),
    Column("主な製品", "products[].name", _texts("products", "ja", "name")),
    Column("主な製品_英語", "products[].name.en", _texts("products", "en", "name")),
    Column("主要設備", "equipment[].name", _texts("equipment", "ja", "name")),
    Column("主要設備_英語", "equipment[].name.en", _texts("equipment", "en", "name")),
    # format v2: the equipment rows column by column, item by item (the n-th value of each belongs to the n-th row)
    Column("主要設備_種類", "equipment[].type", _aligned("equipment", lambda e: e.type.key if e.type else "")),
    Column("主要設備_メーカー", "equipment[].maker", _aligned("equipment", lambda e: e.maker)),
    Column("主要設備_型式", "equipment[].model", _aligned("equipment", lambda e: e.model)),
    Column("主要設備_台数", "equipment[].count", _aligned("equipment", lambda e: e.count)),
    Column("主要設備_数値", "equipment[].figures", _aligned("equipment", lambda e: _figures(e.figures))),
    Column("主要設備_仕様", "equipment[].spec", _aligned("equipment", lambda e: _t(e.spec))),
    Column("主要設備_仕様_英語", "equipment[].spec.en", _aligned("equipment", lambda e: _t(e.spec, "en"))),
    # … and what a buyer compares, computed from them (not read back by import)
    Column("設備の種類と台数", None, _machine_counts),
    Column("プレス最大能力_t", None, _figure_max("tonnage_t")),
    Column("マシニングセンタ最大X軸ストローク_mm", None, _figure_max("x_mm")),
    Column("旋盤最大加工径_mm", None, _figure_max("diameter_mm")),
    Column("成形機最大型締力_t", None, _figure_max("clamping_t")),
    Column("レーザー最大出力_kW", None, _figure_max("power_kw")),
    Column("対応材料", "materials[]", _texts("materials", "ja")),
    Column("対応材料_英語", "materials[].en", _texts("materials", "en")),
    Column("対応材料_キー", None, lambda c, g: SEP.join(t.key for t in c.material_terms)),
    Column("最大加工寸法_mm", "capacity.max_part_mm", _capacity("max_part_mm")),
    Column("最大重量_kg", "capacity.max_weight_kg", _capacity("max_weight_kg")),
    Column("最高精度_mm", "capacity.tolerance_mm", _low("tolerance_mm")),
    Column("最高精度_幅の上限_mm", "capacity.tolerance_mm" + UPPER, _high("tolerance_mm")),
    Column("最小ロット_個", "capacity.lot_min", _capacity("lot_min")),
    Column("最大ロット_個", "capacity.lot_max", _capacity("lot_max")),
    Column("標準納期_日", "capacity.lead_time_days", _low("lead_time_days")),
    Column("標準納期_幅の上限_日", "capacity.lead_time_days" + UPPER, _high("lead_time_days")),
    Column("工場延床面積_m2", "capacity.floor_area_m2", _capacity("floor_area_m2")),
    Column("売上高_円", "capacity.sales_jpy", _capacity("sales_jpy")),
    Column("有資格者_資格", "qualifications[].type", lambda c, g: SEP.join(t.label.ja for t, _ in c.qualifications)),
    Column("有資格者_人数", "qualifications[].count",
           lambda c, g: SEP.join("" if n is None else str(n) for _, n in c.qualifications)),
    Column("受託できる工程", "accepts", _terms("accepts")),
    Column("外注している工程", "outsources", _terms("outsources")),
    Column("工場見学", "factory_visits", _visits),
    Column("得意なこと", "strengths[]", _texts("strengths", "ja")),
    Column("得意なこと_英語", "strengths[].en", _texts("strengths", "en")),
    Column("不得意なこと", "limits[]", _texts("limits", "ja")),
    Column("不得意なこと_英語", "limits[].en", _texts("limits", "en")),
    Column("アクセス", None, _access_line),
    Column("アクセス_場所", "access[].place", _aligned("access", lambda a: a.place.ja)),
    Column("アクセス_場所_英語", "access[].place.en", _aligned("access", lambda a: a.place.en or "")),
    Column("アクセス_種類", "access[].kind", _aligned("access", lambda a: a.kind or "")),
    Column("アクセス_手段", "access[].by", _aligned("access", lambda a: a.by or "")),
    Column("アクセス_分", "access[].minutes", _aligned("access", lambda a: a.minutes)),
    Column("緯度", "location.lat", lambda c, g: "" if c.location is None else str(c.location.lat)),
    Column("経度", "location.lng", lambda c, g: "" if c.location is None else str(c.location.lng)),
    Column("主要取引先", "customers[]", _texts("customers", "ja")),
    Column("主要取引先_英語", "customers[].en", _texts("customers", "en")),
    Column("最終確認日", "last_confirmed", lambda c, g: c.last_confirmed or ""),
    Column("掲載ページ", None, _page_url),
]


def _looks_like_formula(cell: str) -> bool:
    # spreadsheets skip leading spaces (also no-break and ideographic ones) before they look for a formula; a text
    # that already starts with "'" before one is escaped too, so that reading the file back is exact
    rest = cell.lstrip(" \u00a0\u3000")
    return rest.startswith(FORMULA_START) or (cell.startswith(FORMULA_PREFIX) and _looks_like_formula(cell[1:]))


def neutralise(cell: str) -> str:
    """`cell` with a leading "'" when a spreadsheet would take it for a formula (OWASP CSV injection)."""
    return FORMULA_PREFIX + cell if _looks_like_formula(cell) else cell


def unneutralise(cell: str) -> str:
    """The text `neutralise` was given (for reading companies.csv back)."""
    return cell[1:] if cell.startswith(FORMULA_PREFIX) and _looks_like_formula(cell[1:]) else cell


def rows(guide: Guide) -> list[list[str]]:
    """The CSV as rows: the header, then one row per company in 50音 order, each cell neutralised."""
    return [[c.name for c in COLUMNS]] + [[neutralise(str(col.get(company, guide))) for col in COLUMNS]
                                         for company in guide.companies]


def csv_text(guide: Guide) -> str:
    """The CSV text (without the BOM); CRLF line ends as Excel and the standard datasets use."""
    buffer = io.StringIO()
    # every cell quoted: a ";" inside a cell (our separator of several values) cannot start a new cell in a
    # spreadsheet that splits on ";" (OWASP: take care of the field separator too)
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows(guide))
    return buffer.getvalue()


def import_mapping() -> dict:
    """The `guidebook import` mapping that reads companies.csv back into profiles."""
    columns = {c.name: c.field for c in COLUMNS if c.field and c.field != "slug"}
    columns.update({c.name: "ignore" for c in COLUMNS if c.field is None})
    return {"encoding": "utf-8", "slug": "ID", "split": SEP, "formula_prefix": FORMULA_PREFIX, "columns": columns}


def licence_line(guide: Guide) -> str:
    """The licence notice in Japanese and English."""
    lic = guide.site.license
    url = LICENSES.get(lic, "")
    who = guide.site.publisher.name
    return (f"このデータは {lic} で提供します{f'（{url}）' if url else ''}。出典: {who.ja}「{guide.site.title.ja}」\n"
            f"This data is provided under {lic}{f' ({url})' if url else ''}. "
            f"Source: {who.en or who.ja}, {guide.site.title.en or guide.site.title.ja}\n")


def profiles_json(guide: Guide, profiles: dict[str, dict]) -> dict:
    """companies.json: every profile as written (valid against company.schema.json), with its ID and page."""
    companies = []
    for company in guide.companies:
        data = {k: v for k, v in profiles[company.slug].items() if k != "maintainers"}
        companies.append({"id": company.slug, "page": _page_url(company, guide), "profile": data})
    return {"title": guide.site.title.ja, "municipality_code": guide.site.municipality_code,
            "edition": guide.site.edition, "license": guide.site.license, "schema": "company.schema.json",
            "companies": companies}


def write_open_data(guide: Guide, profiles: dict[str, dict], out: Path) -> list[Path]:
    """Write companies.csv, companies.json, the schema, the licence and the import mapping into `out`."""
    from . import opendata_en

    out.mkdir(parents=True, exist_ok=True)
    files = {
        "companies.csv": "\ufeff" + csv_text(guide),
        "companies-en.csv": "\ufeff" + opendata_en.csv_text(guide),  # what the English site's exports give
        "companies.json": json.dumps(profiles_json(guide, profiles), ensure_ascii=False, indent=1) + "\n",
        "LICENSE.txt": licence_line(guide),
        "import-mapping.yaml": "# guidebook import companies.csv --map import-mapping.yaml\n"
                               + yaml.safe_dump(import_mapping(), allow_unicode=True, sort_keys=False),
    }
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
        written.append(out / name)
    shutil.copyfile(SCHEMA, out / SCHEMA.name)
    return written + [out / SCHEMA.name]


PAGE_PATHS = {"ja": "open-data/index.html", "en": "en/open-data/index.html"}


def page_markdown(guide: Guide, lang: str) -> str:
    """The open-data page: what each file is, and the licence."""
    prefix = "" if lang == "ja" else "../../open-data/"
    rows = [("companies.csv", "全社の一覧（CSV、UTF-8 BOM付き、Excel で開けます。数式と読まれないよう、= + - @ で始まる欄には先頭に ' を付けています）",
             "all companies (CSV, UTF-8 with BOM; opens in Excel; a cell starting with = + - @ (or their full-width forms) begins with ' so that it is not run as a formula)"),
            ("", "名称_ローマ字・住所_ローマ字 は英語の名称・住所がない企業について読み（カナ）と住所から作ったローマ字表記です",
             "名称_ローマ字 and 住所_ローマ字 are the name and address romanised from the reading and the address, for "
             "companies that give no English"),
            ("", "幅のある数値（標準納期 5〜20日 など）は、小さい方を「標準納期_日」、大きい方を「標準納期_幅の上限_日」に書きます（1つの数値なら上限の欄は空）",
             "a figure given as a range (a lead time of 5–20 days) has its lower end in 標準納期_日 and its upper end in "
             "標準納期_幅の上限_日 (empty for a single figure); the same for 最高精度_mm"),
            ("companies-en.csv", "同じ一覧の英語版（英語の列名・用語・+81 の電話番号。英語サイトの書き出しはこの形）",
             "the same list in English (English headers and vocabulary, +81 phone numbers: what the English site exports)"),
            ("companies.json", "全社のプロフィール（JSON）", "every profile (JSON)"),
            ("company.schema.json", "プロフィールの形式（JSON Schema）", "the profile format (JSON Schema)"),
            ("import-mapping.yaml", "CSV を `guidebook import` で読み込むための対応表", "the mapping to read the CSV back with `guidebook import`"),
            ("LICENSE.txt", "ライセンス", "licence")]
    items = "\n".join(f"- [{name}]({prefix}{name}) — {ja if lang == 'ja' else en}" if name else
                      f"  {ja if lang == 'ja' else en}" for name, ja, en in rows)
    lic = guide.site.license
    url = LICENSES.get(lic)
    linked = f"[{lic}]({url})" if url else lic
    who = guide.site.publisher.name
    if lang == "ja":
        return (f"{guide.site.title.ja}に掲載している企業の情報を、オープンデータとして公開しています。"
                f"列名は自治体標準オープンデータセットの書き方にならっています（全国地方公共団体コード {guide.site.municipality_code}）。\n\n"
                f"{items}\n\n**ライセンス**: このデータは {linked} で提供します。出典: {who.ja}「{guide.site.title.ja}」\n\n"
                f"各項目の意味は[記入項目の説明](../fields/index.html)をご覧ください。\n")
    return (f"The companies of the {guide.site.title.en or guide.site.title.ja} as open data. Column names follow "
            f"the Japanese standard open dataset conventions (local government code {guide.site.municipality_code}).\n\n"
            f"{items}\n\n**Licence**: {linked}. Source: {who.en or who.ja}, {guide.site.title.en or guide.site.title.ja}\n\n"
            f"What each field means: [profile fields](../fields/index.html).\n")


def open_data_page(guide: Guide) -> tuple[Page, dict[str, str]]:
    """The open-data page of the website and where it goes; the site renders it like the front pages."""
    return Page("open-data", Text("オープンデータ", "Open data"), 99,
                Text(page_markdown(guide, "ja"), page_markdown(guide, "en"))), PAGE_PATHS


def publish(guide: Guide, profiles: dict[str, dict], stage: Path) -> list[Path]:
    """Write build/open-data/ and serve the same files from the site's open-data/ folder."""
    written = write_open_data(guide, profiles, stage / "open-data")
    shutil.copytree(stage / "open-data", stage / "site" / "open-data", dirs_exist_ok=True)
    return written
