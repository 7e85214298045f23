"""`guidebook import`: make profile folders from the list a municipality already has (Excel or CSV).

A mapping file names, for each column, the profile field it fills (the JSON Schema decides types and which fields are
bilingual); without one, or for the columns it leaves out, the Japanese headers a city's list has (会社名, フリガナ,
住所, 電話番号 …) are recognised. What is clearly meant is read as meant and reported per row as guessed: a slug
romanised from the フリガナ, a vocabulary word written as one of its aliases (板金, 港), 1,000万円 and 約25名, one 住所
cell split into prefecture, city and street. A cell that still does not fit (an unknown vocabulary word, a phone
number Excel stored as a number and so lost its leading 0) is reported with its row and column and left out. Each
written profile starts with a comment holding the hash of what the import wrote; a later import replaces a profile only
while that hash still matches, so a profile someone has edited since is never overwritten.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from .editorschema import SCHEMA_LINE  # as `guidebook new` writes it
from .load.content import PROFILE, SLUG
from .model import Taxonomy
from .model.text import KANA_LEGAL_FORM, fold, hiragana_to_katakana
from .validate.japanese import PREFECTURES
from .validate.schema import as_integer

SCHEMA = json.loads((Path(__file__).resolve().parent / "schema" / "company.schema.json").read_text(encoding="utf-8"))
MARK = "# guidebook-import sha256="
DIGITS_ONLY = {"address.postal_code", "contact.phone", "contact.fax", "corporate_number"}


class MappingError(Exception):
    """The mapping file or the input file cannot be used at all (a usage problem: exit 2)."""


@dataclass
class ImportResult:
    """What an import did, row by row."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited since the last import: not overwritten
    notes: list[str] = field(default_factory=list)  # each cell or row that could not be mapped
    guessed: list[str] = field(default_factory=list)  # each value read as clearly meant, per row, for a person to check
    encoding: str = ""


def _m(ja: str, en: str) -> str:
    return f"{ja} / {en}"


# ---- the headers a city's list has ---------------------------------------------------------------------------------

# header (folded) → profile field; the schema's own titles are added by `header_fields`
HEADERS = {
    "会社名": "name.ja", "企業名": "name.ja", "事業所名": "name.ja", "社名": "name.ja", "名称": "name.ja",
    "フリガナ": "name.kana", "ふりがな": "name.kana", "よみがな": "name.kana", "カナ": "name.kana", "読み": "name.kana",
    "会社名フリガナ": "name.kana", "英語名": "name.en", "英文社名": "name.en",
    "住所": "address", "所在地": "address", "郵便番号": "address.postal_code", "〒": "address.postal_code",
    "都道府県": "address.prefecture", "市町村": "address.city", "番地": "address.street",
    "電話": "contact.phone", "電話番号": "contact.phone", "tel": "contact.phone", "ファクス": "contact.fax",
    "fax": "contact.fax", "fax番号": "contact.fax", "メール": "contact.email", "メールアドレス": "contact.email",
    "e-mail": "contact.email", "email": "contact.email", "ホームページ": "contact.website", "url": "contact.website",
    "ウェブサイト": "contact.website", "担当者": "contact.person", "代表者": "representative.name",
    "代表者名": "representative.name", "代表者役職": "representative.title", "役職": "representative.title",
    "資本金": "capital", "資本金(円)": "capital", "従業員": "employees", "従業員数": "employees", "設立": "established",
    "創業": "established", "設立年": "established", "創業年": "established", "業種": "industries",
    "技術": "technologies", "主な技術": "technologies", "加工技術": "technologies", "得意技術": "technologies",
    "認証": "certifications", "認証取得": "certifications", "地区": "area", "地域": "area",
    "キャッチフレーズ": "summary", "事業内容": "summary", "一言pr": "summary", "pr": "pr", "会社紹介": "pr",
    "主な製品": "products[].name", "主要製品": "products[].name", "法人番号": "corporate_number",
    "主要設備": "equipment[].name", "主な設備": "equipment[].name", "保有設備": "equipment[].name",
    "設備": "equipment[].name", "対応材料": "materials[]", "材料": "materials[]", "取扱材料": "materials[]",
    "工場見学": "factory_visits", "受託できる工程": "accepts", "外注している工程": "outsources",
}


# a unit in a header: 資本金（万円）, 資本金(億円)
HEADER_UNIT = re.compile(r"[（(]\s*(万円|億円|円)\s*[)）]\s*$")


def header_fields() -> dict[str, str]:
    """Every header the import recognises (folded) → the profile field it fills; the schema's titles included."""
    known = {fold(h): f for h, f in HEADERS.items()}
    for key, sub in SCHEMA["properties"].items():
        if sub.get("title") and sub.get("type") != "object" and fold(sub["title"]) not in known:
            known[fold(sub["title"])] = key
    return known


# ---- reading the table -------------------------------------------------------------------------------------------

def read_table(path: Path, mapping: dict) -> tuple[list[list], str]:
    """All rows of an .xlsx sheet or a CSV file (UTF-8 with or without BOM, or Shift_JIS), and the encoding used."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book[mapping["sheet"]] if mapping.get("sheet") else book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)], "xlsx"
    if path.suffix.lower() not in (".csv", ".txt"):
        raise MappingError(_m(f"{path.name} は読めません。Excel（.xlsx）か CSV にしてください。",
                              f"cannot read {path.name}: use .xlsx or .csv"))
    raw = path.read_bytes()
    wanted = (mapping.get("encoding") or "auto").lower().replace("-", "_")
    order = ["utf_8_sig", "cp932"] if wanted == "auto" else ["cp932" if wanted in ("shift_jis", "sjis", "cp932")
                                                            else "utf_8_sig"]
    for encoding in order:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(io.StringIO(text, newline=""))), "Shift_JIS" if encoding == "cp932" else "UTF-8"
    raise MappingError(_m(f"{path.name} の文字コードが UTF-8 でも Shift_JIS でもありません。",
                          f"{path.name} is neither UTF-8 nor Shift_JIS"))


# ---- the schema decides types ------------------------------------------------------------------------------------

def _node(path: list[str]) -> dict | None:
    """The schema node of a field path such as ['products', '[]', 'name', 'en']."""
    node = SCHEMA
    for part in path:
        if part == "[]":
            node = node.get("items")
        else:
            props = node.get("properties") or next((b.get("properties") for b in node.get("anyOf", [])
                                                    if b.get("type") == "object"), None)
            node = (props or {}).get(part)
        if node is None:
            return None
    return node


def _is_text(node: dict) -> bool:
    """A bilingual text field: a plain string or {ja, en}."""
    return any(b.get("type") == "string" for b in node.get("anyOf", [])) and \
        any(b.get("type") == "object" for b in node.get("anyOf", []))


def _types(node: dict) -> set[str]:
    kinds = node.get("type")
    found = set(kinds if isinstance(kinds, list) else [kinds] if kinds else [])
    return found | {b.get("type") for b in node.get("anyOf", []) if b.get("type")}


def parse_field(spec: str) -> list[str]:
    """A mapping target ('products[].name.en') as schema path parts, Japanese made explicit for bilingual text."""
    from .opendata import UPPER

    if spec.endswith(UPPER):  # the upper end of a range (x-range) field: profile_from_row makes [lower, upper]
        parts = parse_field(spec[: -len(UPPER)])
        if not (_node(parts) or {}).get("x-range"):
            raise MappingError(_m(f"マッピングの「{spec}」: {spec[: -len(UPPER)]} は幅を書ける項目ではありません。",
                                  f"'{spec}' in the mapping: {spec[: -len(UPPER)]} takes no range"))
        return parts + [UPPER]
    parts = [p for p in re.split(r"\.|(\[\])", spec) if p]
    if parts == ["address"]:
        return parts  # one cell holding the whole address, split by split_address
    if _node(parts) is None:
        raise MappingError(_m(f"マッピングの「{spec}」はプロフィールの項目にありません。",
                              f"'{spec}' in the mapping is not a profile field"))
    if _is_text(_node(parts)):
        parts.append("ja")
    return parts


# ---- one cell ----------------------------------------------------------------------------------------------------

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_GUESS = "\0guess:"  # a note that is a guess to report, not a cell left out


def convert(parts: list[str], value, taxonomies: dict[str, Taxonomy]) -> tuple[object, str | None]:
    """The cell as the profile field wants it, or a note saying why it cannot be used."""
    dotted = ".".join(p for p in parts if p != "[]")
    node = _node(parts) or {}
    kinds = _types(node)
    if dotted in DIGITS_ONLY and isinstance(value, (int, float)):
        return None, _m("数値として保存されているため先頭の0が消えている可能性があります。セルを「文字列」にして"
                        "入力し直してください", "stored as a number, so a leading 0 may be lost; store it as text")
    text = _cell_text(value)
    if dotted == "name.kana":  # ｺｰﾊﾟｽｾｲｷ (half-width, from an old system) is コーパスセイキ
        text = unicodedata.normalize("NFKC", text)
        reading = KANA_LEGAL_FORM.sub("", hiragana_to_katakana(text)).strip(" \u3000")
        if reading and reading != text:  # やまだせいき, ユウゲンガイシャコバヤシ…: katakana, without the legal form
            return reading, _GUESS + _m(f"フリガナ「{text}」を {reading} としました（カタカナにし、会社の種類の読みは除きます）",
                                        f"reading '{text}' read as {reading} (katakana, without the legal form)")
    if dotted == "name.ja":  # 株式会社　ヤマダ工業: no space beside the legal form; (株) and ㈱ written out
        written = text
        text = _LEGAL_ABBREVIATED.sub(lambda m: _ABBREVIATIONS[unicodedata.normalize("NFKC", m.group(0))], text)
        text = _LEGAL_SPACE.sub(lambda m: m.group(1) or m.group(2), text)
        if text != _LEGAL_SPACE.sub(lambda m: m.group(1) or m.group(2), written):
            return text, _GUESS + _m(f"会社名「{written}」を {text} としました", f"name '{written}' read as {text}")
    if dotted == "established":  # 昭和55年4月 → "1980-04", as the validator proposes
        from .validate.meant import suggestion

        found = suggestion("year", unicodedata.normalize("NFKC", text)) if not re.fullmatch(r"\d{4}(-\d{2})?", text) else None
        if found:
            written = found[0].strip('"')
            meant = int(written) if written.isdigit() else written
            return meant, _GUESS + _m(f"「{text}」を {written} としました", f"'{text}' read as {written}")
    if dotted in DIGITS_ONLY:
        text = unicodedata.normalize("NFKC", text).replace("ー", "-").replace("−", "-")
        if dotted in ("contact.phone", "contact.fax") and re.fullmatch(r"[1-9][0-9]{8,9}", text):
            # a phone number always starts with 0: a list saved through a spreadsheet lost it
            return None, _m(f"「{text}」は先頭の0が消えているようです（表計算ソフトが数値にしたため）。セルを「文字列」にして"
                            "入力し直してください", f"'{text}' seems to have lost its leading 0 (stored as a number); "
                            "store it as text")
        if dotted in ("contact.phone", "contact.fax") and re.fullmatch(r"[1-9][0-9]*(-[0-9]+){1,2}", text) \
                and len(text.replace("-", "")) in (9, 10):
            # 548-33-1111 typed as text: the 0 every Japanese number starts with is missing
            return None, _m(f"「{text}」は先頭の0がないようです（電話番号は0で始まります）。「0{text}」ではありませんか。"
                            "一覧を直すか、取り込んだ後に会社のファイルに書いてください",
                            f"'{text}' has no leading 0 (Japanese numbers start with 0): is it 0{text}? Correct the "
                            "list, or write it into the profile after the import")
        if dotted == "address.postal_code" and re.fullmatch(r"[0-9]{7}", text):
            text = f"{text[:3]}-{text[3:]}"
    if node.get("x-range"):  # 14, or a range 5-20 / 5〜20 ([5, 20])
        return _range_cell(node, text)
    if "integer" in kinds:
        number = unicodedata.normalize("NFKC", text).replace(",", "")
        if re.fullmatch(r"-?[0-9]+", number):
            return int(number), None
        meant = as_integer(text)  # 1,000万円, 約25名
        if meant is not None and kinds == {"integer"}:
            return meant, _GUESS + _m(f"「{text}」を {meant} としました", f"'{text}' read as {meant}")
        if kinds == {"integer"}:
            return None, _m(f"「{text}」は数値ではありません（例: 3000000）", f"'{text}' is not a number")
    if kinds == {"number"}:  # 0.005 (mm), 34.712 (latitude)
        number = unicodedata.normalize("NFKC", text).replace(",", "")
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", number):
            return (int(number) if re.fullmatch(r"-?[0-9]+", number) else float(number)), None
        return None, _m(f"「{text}」は数値ではありません（例: 0.005）", f"'{text}' is not a number")
    if kinds == {"boolean"}:  # 工場見学: 可 / 不可
        said = YES_NO.get(fold(text))
        if said is None:
            return None, _m(f"「{text}」は 可・不可（true / false）のどちらでもありません", f"'{text}' is neither yes nor no")
        return said, None
    if node.get("x-figures"):  # a machine's figures: "tonnage_t=200 bed_mm=2100"
        number = r"[0-9][0-9,]*(?:\.[0-9]+)?"
        pairs = re.findall(rf"([a-z][a-z0-9_]*)\s*[=:]\s*({number})(?:\s*[-~〜]\s*({number}))?",
                           unicodedata.normalize("NFKC", text))
        if not pairs:
            return None, _m(f"「{text}」は数値の欄の書き方ではありません（例: tonnage_t=200 bed_mm=2100）",
                            f"'{text}' is not written as figures (e.g. tonnage_t=200 bed_mm=2100)")

        def one(v: str):
            return int(v.replace(",", "")) if "." not in v else float(v.replace(",", ""))
        # tonnage_t=60-300: the row's machines range over the figure
        return {k: [one(v), one(w)] if w else one(v) for k, v, w in pairs}, None
    return text, None


def _range_cell(node: dict, text: str) -> tuple[object, str | None]:
    """A cell of a field that takes a number or a range: 14 → 14, 5-20 / 5〜20日 → [5, 20]."""
    whole = node["anyOf"][0].get("type") == "integer"
    pattern = r"[0-9]+" if whole else r"[0-9]+(?:\.[0-9]+)?"
    t = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    t = re.sub(r"^(?:±|\+-)|\s*(?:日|mm|ミリ)$", "", t)
    found = re.fullmatch(rf"({pattern})(?:\s*[~〜\-–]\s*(?:±)?({pattern}))?", t)
    if not found:
        return None, _m(f"「{text}」は数値でも幅（例: 5-20）でもありません", f"'{text}' is neither a number nor a range (e.g. 5-20)")
    ends = [int(v) if whole or re.fullmatch(r"[0-9]+", v) else float(v) for v in found.groups() if v is not None]
    return (ends[0] if len(ends) == 1 or ends[0] == ends[1] else sorted(ends)), None


_LEGAL = "株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|協同組合"
# (株) ㈱ and their kin as lists abbreviate them, by their NFKC form
_ABBREVIATIONS = {"(株)": "株式会社", "(有)": "有限会社", "(同)": "合同会社", "(資)": "合資会社", "(名)": "合名会社"}
_LEGAL_ABBREVIATED = re.compile(r"[(（][株有同資名][)）]|[㈱㈲㈾㈴]")
_LEGAL_SPACE = re.compile(rf"(?:({_LEGAL})[\s\u3000]+|[\s\u3000]+({_LEGAL}))")
# a representative's title written before the name in one cell (代表取締役　丸山一郎), longest first
TITLES = ("代表取締役社長", "代表取締役会長", "代表取締役", "取締役社長", "代表社員", "代表理事", "理事長", "社長", "会長",
          "代表者", "代表", "所長", "工場長", "組合長")


def split_title(text: str) -> tuple[str | None, str]:
    """(title, name) of 「代表取締役　丸山一郎」; (None, text) when no title leads the cell."""
    t = text.strip()
    for title in TITLES:
        if t.startswith(title) and t[len(title):].strip(" \u3000"):
            return title, t[len(title):].strip(" \u3000")
    return None, t


YES_NO = {w: True for w in ("可", "true", "yes", "はい", "あり", "○", "〇", "1")} | \
    {w: False for w in ("不可", "false", "no", "いいえ", "なし", "×", "0")}


def _by_alias(taxonomy: Taxonomy, word: str):
    """The one term that lists `word` among its aliases, or None (also when two terms list it)."""
    folded = fold(word)
    hits = [t for t in taxonomy.terms.values() if any(fold(a) == folded for a in t.aliases)]
    return hits[0] if len(hits) == 1 else None


def split_address(text: str) -> tuple[dict, list[str]]:
    """One 住所 cell as {postal_code, prefecture, city, street}, and what was guessed doing it."""
    t = unicodedata.normalize("NFKC", text).strip()
    out: dict = {}
    found = re.match(r"〒?\s*(\d{3})-?(\d{4})\s*", t)
    if found:
        out["postal_code"] = f"{found.group(1)}-{found.group(2)}"
        t = t[found.end():]
    prefecture = next((p for p in PREFECTURES if t.startswith(p)), None)
    if prefecture:
        out["prefecture"] = prefecture
        t = t[len(prefecture):]
    city = re.match(r"(.+?郡.+?[町村]|.+?市.+?区|.+?[市区町村])", t)
    if city and len(city.group(1)) <= 12:
        out["city"] = city.group(1)
        t = t[city.end():]
    if t.strip():
        out["street"] = t.strip()
    return out, [_m(f"住所「{text}」を分けました: " + " / ".join(out.values()), f"split the address '{text}'")]


def _terms(taxonomy: Taxonomy, words: list[str], guessed: list[str] | None = None) -> tuple[list[str], list[str]]:
    keys, notes = [], []
    for word in words:
        term = taxonomy.resolve(word)
        if term is None:
            term = _by_alias(taxonomy, word)
            if term is not None and guessed is not None:
                guessed.append(_m(f"「{word}」を {taxonomy.title.ja}「{term.label.ja}」（{term.key}）としました",
                                  f"'{word}' read as the {taxonomy.name} term {term.key}"))
        if term is None:
            close = "、".join(t.label.ja for t in taxonomy.suggestions(word))
            notes.append(_m(f"「{word}」は用語集 {taxonomy.name} にありません" + (f"（候補: {close}）" if close else ""),
                            f"'{word}' is not a term of {taxonomy.name}"))
        elif term.key not in keys:
            keys.append(term.key)
    return keys, notes


def _trades_as_technologies(words: list[str], taxonomies: dict[str, Taxonomy], data: dict, notes: list[str],
                             column: str) -> list[str]:
    """The words of a 業種 cell that are no industry but name a technology (板金, 塗装業: a trade named by what it does)
    go to the technologies, each with a note that 業種 is still to be chosen (a spelling-alike industry such as
    木材 for 板金 would be a wrong guess); the other words are returned."""
    industries, technologies = taxonomies["industries"], taxonomies.get("technologies")
    left = []
    for word in words:
        term = None
        if technologies is not None and industries.resolve(word) is None and _by_alias(industries, word) is None:
            for form in dict.fromkeys((word, re.sub(r"業$", "", word))):
                term = technologies.resolve(form) or _by_alias(technologies, form)
                if term is not None:
                    break
        if term is None:
            left.append(word)
            continue
        chosen = data.setdefault("technologies", [])
        if term.key not in chosen:
            chosen.append(term.key)
        notes.append(f"{column}: " + _m(
            f"「{word}」は業種ではなく技術「{term.label.ja}」（{term.key}）の言葉なので、技術に入れました。業種は用語集 "
            f"industries（日本標準産業分類の中分類）から選んで書き足してください",
            f"'{word}' is no industry but the technology {term.key}: it went to the technologies; choose the industry "
            "from the industries vocabulary"))
    return left


# ---- assembling a profile ----------------------------------------------------------------------------------------

def _assign(target: dict, parts: list[str], value) -> None:
    """Set a value at a path of dict keys and '[]' list positions (the index follows the '[]' as an int)."""
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            target = target.setdefault(part, [] if isinstance(nxt, int) else {})
    last = parts[-1]
    target[last] = value


def _collapse(value, path: list[str]):
    """{ja: x} of a bilingual field becomes x; empty containers disappear; key order follows the schema."""
    node = _node(path) or {}
    if isinstance(value, list):
        items = [_collapse(v, path + ["[]"]) for v in value]
        return [v for v in items if v not in (None, {}, "")]
    if isinstance(value, dict):
        order = list((node.get("properties") or {}).keys()) or ["ja", "en"]
        out = {k: _collapse(value[k], path + [k]) for k in sorted(value, key=lambda k: (order.index(k)
                                                                                         if k in order else 99, k))}
        out = {k: v for k, v in out.items() if v not in (None, {}, [], "")}
        if _is_text(node) and set(out) == {"ja"}:
            return out["ja"]
        return out
    return value


def profile_from_row(row: dict[str, object], columns: dict[str, list[str]], split: str,
                     taxonomies: dict[str, Taxonomy], guessed: list[str] | None = None) -> tuple[dict, list[str]]:
    """One row as profile data, with a note for each cell that could not be used (and in `guessed`, what was read as
    clearly meant)."""
    data: dict = {}
    notes: list[str] = []
    guessed = [] if guessed is None else guessed
    # a list whose machines have columns of their own (the open data's 主要設備_種類, _台数 …) gives one machine per
    # item; only a lone equipment column is a cell of several machines to be split and read
    itemised = any(parts[:2] == ["equipment", "[]"] and parts[2:3] != ["name"] for parts in columns.values())
    uppers = []
    for column, parts in columns.items():
        value = row.get(column)
        if _cell_text(value) == "":
            continue
        if parts[-1:] == ["@upper"]:  # the upper end of a range: joined to its lower end after the other cells
            converted, note = convert(parts[:-1], value, taxonomies)
            if note:
                notes.append(f"{column}: {note}")
            else:
                uppers.append((column, parts[:-1], converted))
            continue
        if parts == ["address"]:  # one 住所 cell: postal code, prefecture, city and street
            split_parts, said = split_address(_cell_text(value))
            for key, part in split_parts.items():
                (data.setdefault("address", {})).setdefault(key, part)
            guessed += said
            continue
        taxonomy = (_node(parts) or {}).get("x-taxonomy")
        if taxonomy and "[]" not in parts and (_node(parts) or {}).get("type") == "array":
            words = [w.strip() for w in re.split(f"[{re.escape(split)}、,，]", _cell_text(value)) if w.strip()]
            if taxonomy == "industries":  # 業種「板金」「塗装業」: a technology, not an industry
                words = _trades_as_technologies(words, taxonomies, data, notes, column)
            keys, bad = _terms(taxonomies[taxonomy], words, guessed)
            notes += [f"{column}: {b}" for b in bad]
            if len(parts) == 1 and isinstance(data.get(parts[0]), list):  # a 業種 cell gave a technology already
                keys = data[parts[0]] + [k for k in keys if k not in data[parts[0]]]
            if keys:
                _assign(data, parts, keys)
            continue
        if taxonomy and "[]" not in parts:  # a single term (area)
            keys, bad = _terms(taxonomies[taxonomy], [_cell_text(value)], guessed)
            notes += [f"{column}: {b}" for b in bad]
            if keys:
                _assign(data, parts, keys[0])
            continue
        if parts[:3] == ["equipment", "[]", "name"] and "machines" in taxonomies and not itemised:  # 「ベンダー 80t ×2、タレパン」
            rows, said, left = split_equipment(_cell_text(value), taxonomies["machines"], split)
            data.setdefault("equipment", []).extend(rows)
            guessed += [f"{column}: {g}" for g in said]
            notes += [f"{column}: {n}" for n in left]
            continue
        if "[]" in parts:
            at = parts.index("[]")
            for index, item in enumerate(_cell_text(value).split(split)):
                if item.strip() and taxonomy:  # one term per item (equipment[].type, qualifications[].type)
                    keys, bad = _terms(taxonomies[taxonomy], [item.strip()], guessed)
                    notes += [f"{column}: {b}" for b in bad]
                    if keys:
                        _assign(data, parts[:at] + [index] + parts[at + 1:], keys[0])
                elif item.strip():
                    converted, note = convert(parts, item.strip(), taxonomies)
                    if note:
                        notes.append(f"{column}: {note}")
                    else:
                        _assign(data, parts[:at] + [index] + parts[at + 1:] or [index], converted)
            continue
        converted, note = convert(parts, value, taxonomies)
        if parts[:2] == ["representative", "name"] and isinstance(converted, str) and not note:
            title, name = split_title(converted)
            if title:
                (data.setdefault("representative", {})).setdefault("title", title)
                converted = name
        if note and note.startswith(_GUESS):
            guessed.append(f"{column}: {note[len(_GUESS):]}")
            _assign(data, parts, converted)
        elif note:
            notes.append(f"{column}: {note}")
        else:
            _assign(data, parts, converted)
    for column, parts, upper in uppers:
        holder = data
        for part in parts[:-1]:
            holder = holder.get(part) if isinstance(holder, dict) else None
        lower = holder.get(parts[-1]) if isinstance(holder, dict) else None
        if isinstance(lower, (int, float)) and not isinstance(lower, bool):
            if upper != lower:
                holder[parts[-1]] = [lower, upper]
        else:
            notes.append(_m(f"{column}: 幅の上限だけで下限（{'.'.join(parts)}）がないため読み込みませんでした",
                            f"{column}: an upper end without the lower end ({'.'.join(parts)}) was not read"))
    data = _collapse(data, [])
    guess_machines(data, taxonomies, guessed)
    return data, notes


def guess_machines(data: dict, taxonomies: dict[str, Taxonomy], guessed: list[str]) -> None:
    """Give each equipment row without a type the machine type its name names (as `guidebook migrate` does), and
    the figures a plain spec states; each guess is reported for a person to check."""
    from .migrate import figures_from_spec, machine_type

    if "machines" not in taxonomies:
        return
    for row in data.get("equipment") or []:
        if not isinstance(row, dict) or row.get("type"):
            continue
        name = row.get("name")
        name = name.get("ja") if isinstance(name, dict) else name
        term = machine_type(name, taxonomies["machines"]) if isinstance(name, str) else None
        if term is None:
            continue
        ordered = {"type": term.key, **row}
        row.clear()
        row.update(ordered)
        guessed.append(_m(f"設備「{name}」の種類を「{term.label.ja}」（{term.key}）としました",
                          f"equipment '{name}' read as the machine type {term.key}"))
        spec = row.get("spec")
        figures = figures_from_spec(spec, term) if isinstance(spec, str) and "figures" not in row else None
        if figures:
            row["figures"] = figures
            del row["spec"]
            guessed.append(_m(f"仕様「{spec}」を数値 {figures} としました", f"spec '{spec}' read as {figures}"))


# ---- an equipment cell: several machines, counts and figures ------------------------------------------------------

# what a list puts between machines in one cell; a comma between digits (1,000mm) and anything in brackets are not
SEPARATORS = "、,，／/・;\n"
# ×2, x2, 2台: not the × of a size (500×400) nor the X of a travel (X500)
_COUNT = re.compile(r"\s*(?:(?<![\d.])[×✕✖*]\s*(\d{1,3})(?![\d.])\s*(?:台|基)?"
                    r"|(?<![A-Za-z0-9])[xX]\s*(\d{1,3})\s*(?:台|基)?(?![A-Za-z0-9.])|(?<![\d.])(\d{1,3})\s*(?:台|基))\s*")
_FIGURE = re.compile(r"(?<![A-Za-z0-9.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(mm|cm|m|t|トン|kW|kw|W|ミリ|メートル)"
                     r"(?![A-Za-z])")


def _cuts(text: str, machines: Taxonomy, split: str) -> list[str]:
    """`text` cut at the separators, but not inside brackets, between digits, between two Latin letters or digits
    (X500/Y400) nor inside a machine name that has a separator in it (パンチ・レーザー複合機)."""
    kept = []  # the spans of the machine names with a separator inside
    for word in sorted({w for term in machines.terms.values() for w in (term.label.ja, *term.aliases)
                        if w and any(c in w for c in SEPARATORS)}, key=len, reverse=True):
        at = text.find(word)
        while at >= 0:
            kept.append((at, at + len(word)))
            at = text.find(word, at + len(word))
    pieces, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(［[「":
            depth += 1
        elif ch in "）)］]」":
            depth = max(0, depth - 1)
        if depth or (ch not in SEPARATORS and ch != split) or any(a <= i < b for a, b in kept):
            continue
        before, after = text[i - 1:i], text[i + 1:i + 2]
        if ch in ",/" and before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            continue  # 1,000 and X500/Y400
        pieces.append(text[start:i])
        start = i + 1
    pieces.append(text[start:])
    return [p.strip(" \u3000") for p in pieces if p.strip(" \u3000")]


def _machine_row(piece: str, machines: Taxonomy) -> tuple[dict, list[str], list[str]]:
    """One machine of an equipment cell as a row: {type, name, maker, count, figures, spec}; what was guessed; what
    could not be placed."""
    from .migrate import machine_type
    from .validate.figures import UNITS

    text = unicodedata.normalize("NFKC", piece).strip()
    row: dict = {}
    count = _COUNT.search(text)
    if count:
        row["count"] = int(next(g for g in count.groups() if g))
        text = (text[:count.start()] + " " + text[count.end():]).strip()
    written = [(m, float(m.group(1).replace(",", "")), UNITS[m.group(2).lower()]) for m in _FIGURE.finditer(text)
               if m.group(2).lower() in UNITS]
    name = _FIGURE.sub(" ", text) if written else text
    name = re.sub(r"[\s\u3000]+", " ", re.sub(r"[（(]\s*[）)]", "", name)).strip(" ,、/／・")
    words = name.split(" ")
    maker = next((w for w in words if fold(w) in machines.makers and len(words) > 1), None)
    if maker:
        name = " ".join(w for w in words if w != maker)
    term = machine_type(name, machines) if name else None
    if term is None and name != text:
        term = machine_type(text, machines)
    guessed, notes = [], []
    if term is None and not name:  # 「×2」 or 「80t」 alone: no machine to make a row of
        return {}, [], [_m(f"「{piece.strip()}」は設備名がないため取り込みませんでした",
                           f"'{piece.strip()}' names no machine; not imported")]
    figures, unplaced = {}, []  # unplaced: (the text, the figures it could be)
    for found, number, (unit, factor) in written:
        value = number * factor
        value = int(value) if float(value).is_integer() else value
        keys = [k for k in (term.figures if term else ()) if machines.figures[k].unit.ja == unit and k not in figures]
        if len(keys) > 1:  # a shear's 3 m is its length, not its sheet thickness: the one figure it is usual for
            keys = [k for k in keys if machines.figures[k].min <= value <= machines.figures[k].max] or keys
        if len(keys) == 1:
            figures[keys[0]] = value
        else:
            unplaced.append((found.group(0).strip(), keys))
    if term is not None:
        row = {"type": term.key, **row}
    if name:
        row = {**({"type": row.pop("type")} if "type" in row else {}), "name": name, **row}
    if maker:
        row["maker"] = maker
    if figures:
        row["figures"] = figures
    if unplaced:
        row["spec"] = " ".join(text for text, _ in unplaced)
    shown = piece.strip()
    left = "「" + "」「".join(text for text, _ in unplaced) + "」" if unplaced else ""
    if term is not None:
        said = [f"種類を「{term.label.ja}」（{term.key}）"] + ([f"台数を {row['count']} 台"] if "count" in row else []) + \
            [f"{machines.figures[k].label.ja}を「{v} {machines.figures[k].unit.ja}」" for k, v in figures.items()]
        guessed.append(_m(f"設備「{shown}」の" + "、".join(said) + "としました",
                          f"equipment '{shown}' read as {term.key}" + "".join(f", {k}: {v}" for k, v in figures.items())))
        for text, keys in unplaced:
            could = "・".join(machines.figures[k].label.ja for k in keys)
            which = "どちらか" if len(keys) == 2 else "どれか"
            twice = [machines.figures[k].label.ja for k in term.figures if k in figures
                     and machines.figures[k].unit.ja == UNITS[re.sub(r"[\d.,\s]", "", text).lower()][0]]
            why = (f"{could}の{which}決められないため" if could else f"「{twice[0]}」が二つになるため" if twice
                   else f"「{term.label.ja}」の数値にないため")
            notes.append(_m(f"設備「{shown}」の「{text}」は{why} spec（仕様）に残しました。合う数値に書き直してください",
                            f"'{text}' of '{shown}' " + (f"could be {', '.join(keys)}" if keys else "is a second value"
                                                         if twice else f"is no figure of a {term.label.en}") + "; kept in spec"))
    else:
        notes.append(_m(f"設備「{shown}」の種類（type）を決められませんでした" + (f"（{left}は spec に残しました）" if left
                        else "") + "。種類を書き足してください（一覧にない設備は type: other）",
                        f"no machine type found for '{shown}'" + (" (its figures kept in spec)" if left else "")
                        + "; add its type (type: other for a machine the list lacks)"))
    return row, guessed, notes


def split_equipment(text: str, machines: Taxonomy, split: str = ";") -> tuple[list[dict], list[str], list[str]]:
    """An equipment cell (「ベンダー 80t ×2、タレパン」) as one row per machine, with what was guessed and what could
    not be placed."""
    rows, guessed, notes = [], [], []
    for piece in _cuts(text, machines, split):
        row, said, left = _machine_row(piece, machines)
        if row:
            rows.append(row)
        guessed += said
        notes += left
    return rows, guessed, notes


# ---- the area from the address -------------------------------------------------------------------------------------

def guess_area(address: dict, areas: Taxonomy) -> tuple[object, str]:
    """(the area whose `places` (areas.yaml: the towns it covers) begins the street, and the town), or (None, town)
    when no area or several list it."""
    street = unicodedata.normalize("NFKC", str(address.get("street") or "")).strip()
    town = re.split(r"[\d０-９\-−]", street, maxsplit=1)[0].strip()
    found = {t.key: t for t in areas.terms.values() for place in t.places
             if street.startswith(unicodedata.normalize("NFKC", place))
             and re.match(r"(?:$|[\d\-−丁番]|\s)", street[len(unicodedata.normalize("NFKC", place)):])}
    return (next(iter(found.values())) if len(found) == 1 else None), town


# ---- writing -----------------------------------------------------------------------------------------------------

def profile_text(data: dict, source: str) -> str:
    """The YAML of an imported profile, starting with the marker that lets a re-import see later edits."""
    body = SCHEMA_LINE + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False,
                                               width=1000)
    return f"{MARK}{_hash(body)}\n# {source} から取り込み / imported from {source}\n{body}"


def _hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def edited_since_import(text: str) -> bool:
    """Whether a profile was changed after the import wrote it (or never came from an import)."""
    first, _, rest = text.partition("\n")
    if not first.startswith(MARK):
        return True
    _comment, _, body = rest.partition("\n")
    return first[len(MARK):].strip() != _hash(body)


def load_mapping(path: Path | None) -> dict:
    """The mapping file: columns → fields, with `slug`, `split`, `sheet`, `header_row`, `encoding`, `defaults` and
    `formula_prefix`; without one, the headers alone decide (see HEADERS)."""
    if path is None:
        return {"columns": {}}
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(_m(f"マッピング {path} を読めません", f"cannot read the mapping {path}: {exc}")) from None
    if not isinstance(mapping, dict) or not isinstance(mapping.get("columns"), dict):
        raise MappingError(_m(f"マッピング {path} に columns: がありません", f"{path} has no 'columns:' mapping"))
    return mapping


def import_table(source: Path, mapping: dict, root: Path, taxonomies: dict[str, Taxonomy]) -> ImportResult:
    """Create or refresh a profile folder under `root/companies/` for each row of `source`."""
    result = ImportResult()
    rows, result.encoding = read_table(source, mapping)
    if mapping.get("formula_prefix") == "'":  # companies.csv: drop the "'" put before cells that look like formulas
        from .opendata import unneutralise

        rows = [[unneutralise(c) if isinstance(c, str) else c for c in r] for r in rows]
    header_at = int(mapping.get("header_row", 1)) - 1
    if len(rows) <= header_at:
        raise MappingError(_m(f"{source.name} に見出しの行がありません", f"{source.name} has no header row"))
    header = [_cell_text(h) for h in rows[header_at]]
    columns, split = {}, str(mapping.get("split", ";"))
    for column, spec in mapping["columns"].items():
        if column not in header:
            result.notes.append(_m(f"列「{column}」がファイルにありません", f"no column '{column}' in the file"))
        elif spec and spec != "ignore":
            columns[column] = parse_field(str(spec))
    slug_column = mapping.get("slug")
    known = header_fields() if not mapping["columns"] else {}  # a mapping file says it all; no mapping: the headers
    taken = {".".join(p) for p in columns.values()}
    units: dict[str, str] = {}  # 資本金（万円）: the unit the header gives every cell of its column
    for name in header:
        field_ = known.get(fold(re.sub(r"[\s（）()]", "", name))) if name else None
        unit = HEADER_UNIT.search(name) if name and not field_ else None
        if unit:
            field_ = known.get(fold(re.sub(r"[\s（）()]", "", name[:unit.start()])))
            field_ = field_ if field_ in ("capital",) else None
        if name and name not in mapping["columns"] and name != slug_column and field_ and field_ not in taken:
            columns[name] = parse_field(field_)
            taken.add(field_)
            if unit and field_:
                units[name] = unit.group(1)
                result.guessed.append(_m(f"列「{name}」を {field_} として、各セルを{unit.group(1)}単位で読みました",
                                         f"column '{name}' read as {field_}, each cell in {unit.group(1)}"))
            else:
                result.guessed.append(_m(f"列「{name}」を {field_} として読みました", f"column '{name}' read as {field_}"))
    for name in header:
        if name and name not in mapping["columns"] and name != slug_column and name not in columns:
            result.notes.append(_m(f"列「{name}」は対応付けがないため読み込みませんでした（マッピングに追加するか ignore と書く）",
                                   f"column '{name}' is not in the mapping and was not read (map it, or write ignore)"))
    seen: set[str] = set()
    for number, cells in enumerate(rows[header_at + 1:], start=header_at + 2):
        row = {h: cells[i] if i < len(cells) else None for i, h in enumerate(header) if h}
        for name, unit in units.items():  # 1000 in 資本金（万円） is 1000万円; a cell that says its unit keeps it
            written = _cell_text(row.get(name))
            if written and not re.search(r"[万億円]", written):
                row[name] = written + unit
        if not any(_cell_text(v) for v in row.values()):
            continue
        guessed: list[str] = []
        data, notes = profile_from_row(row, columns, split, taxonomies, guessed)
        for key, value in (mapping.get("defaults") or {}).items():
            data.setdefault(key, value if not isinstance(value, date) else value.isoformat())
        address = data.get("address")
        if isinstance(address, dict) and "prefecture" not in address and mapping.get("prefecture"):
            address["prefecture"] = mapping["prefecture"]
            guessed.append(_m(f"都道府県を「{mapping['prefecture']}」としました（site.yaml）",
                              f"prefecture taken from site.yaml: {mapping['prefecture']}"))
        if isinstance(address, dict):
            data["address"] = {k: address[k] for k in ("postal_code", "prefecture", "city", "street", "en") if k in address}
        if isinstance(address, dict) and "area" not in data and "areas" in taxonomies and address.get("street"):
            area, town = guess_area(address, taxonomies["areas"])
            if area is not None:
                data = _schema_order({**data, "area": area.key})
                guessed.append(_m(f"住所の「{town}」から地区を「{area.label.ja}」（{area.key}）としました",
                                  f"area {area.key} from the town '{town}' of the address"))
            else:
                notes.append(_m(f"住所の「{town}」から地区を決められませんでした。地区の列を足すか、"
                                f"content/taxonomies/areas.yaml の地区の places に町名を加えてください",
                                f"no area for the town '{town}': add an area column, or the town to an area's places "
                                "in areas.yaml"))
        result.notes += [f"{number}行目 / row {number}: {n}" for n in notes]
        slug = _slug(row.get(slug_column) if slug_column else None, data)
        if slug and not (slug_column and _cell_text(row.get(slug_column))):
            guessed.append(_m(f"フォルダ名を {slug} としました", f"folder name {slug}"))
        result.guessed += [f"{number}行目 / row {number}: {g}" for g in guessed]
        if not slug or not SLUG.match(slug) or slug in seen:
            why = "重複しています / duplicate" if slug in seen else "フォルダ名（slug）を決められません / no usable slug"
            result.notes.append(f"{number}行目 / row {number}: {why} ({slug or '-'})。この行は取り込みません。 / row skipped.")
            continue
        seen.add(slug)
        _write(root / "companies" / slug, data, f"{source.name} {number}行目", result, slug)
    return result


def _schema_order(data: dict) -> dict:
    """The profile's fields in the schema's order (a field added after the row was read goes to its place)."""
    order = list(SCHEMA["properties"])
    return {k: data[k] for k in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}


def _slug(value, data: dict) -> str:
    """The folder name: the slug column, else the English name, else the フリガナ romanised (as search reads it)."""
    text = _cell_text(value)
    name = data.get("name") if isinstance(data.get("name"), dict) else {}
    if not text:
        text = name.get("en") or ""
        text = re.sub(r"\b(co|ltd|inc|corp|corporation|company|kk|k\.k)\b\.?", "", text.lower())
    if not text.strip() and isinstance(name.get("kana"), str):
        from .model.romaji import romanize_name

        text = romanize_name(name["kana"], name.get("ja"))
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-")[:64]


def _write(folder: Path, data: dict, source: str, result: ImportResult, slug: str) -> None:
    target = folder / PROFILE
    text = profile_text(data, source)
    if target.is_file():
        old = target.read_text(encoding="utf-8-sig")
        if edited_since_import(old):
            result.kept.append(slug)
            return
        if old.partition("\n")[0] == text.partition("\n")[0]:
            result.unchanged.append(slug)
            return
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result.written.append(slug)


# ---- command line ------------------------------------------------------------------------------------------------

def add_command(sub) -> None:
    """Register `guidebook import FILE --map MAPPING.yaml`."""
    p = sub.add_parser("import", help="Excel・CSV の一覧から取り込み / create profiles from an Excel or CSV list")
    p.add_argument("file", type=Path, help="FILE.xlsx or FILE.csv (UTF-8 or Shift_JIS)")
    p.add_argument("--map", type=Path, metavar="MAPPING.yaml",
                   help="columns → profile fields (optional: Japanese headers such as 会社名・フリガナ・住所 are recognised)")
    p.set_defaults(func=cmd_import)


def cmd_import(args) -> int:
    """Import a table; print what was written, kept and could not be mapped, then check the written profiles."""
    import sys

    from .load import load_content
    from .model import taxonomies_from
    from .validate import validate

    content = load_content(args.root, [])
    from .load.content import TAXONOMIES

    if len(content.taxonomies) < len(TAXONOMIES):
        for problem in content.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    try:
        mapping = load_mapping(args.map)
        if content.site is not None and isinstance(content.site.data, dict):
            mapping.setdefault("prefecture", content.site.data.get("prefecture"))
        result = import_table(args.file, mapping, args.root, taxonomies_from(content))
    except MappingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"{args.file}: {note}", file=sys.stderr)
    for guess in result.guessed:  # read as clearly meant: for a person to check before the profiles are published
        print(f"{args.file}: 推測 / guessed: {guess}")
    for slug in result.kept:
        print(_m(f"{slug}: 取り込み後に編集されているため上書きしませんでした", f"{slug}: edited since the last import; "
                 f"not overwritten"), file=sys.stderr)
    written = [args.root / "companies" / s for s in result.written]
    problems = validate(load_content(args.root, written)) if written else []
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    # a warning (a material outside the vocabulary) is for the profile's clerk to improve, not a failed import
    errors = [p for p in problems if p.is_error]
    warned = f"、警告 {len(problems) - len(errors)} 件" if len(problems) > len(errors) else ""
    warned_en = f", {len(problems) - len(errors)} warning(s)" if len(problems) > len(errors) else ""
    print(f"取り込み（{result.encoding}）: 作成・更新 {len(result.written)} 社、変更なし {len(result.unchanged)} 社、"
          f"保護 {len(result.kept)} 社、取り込めなかったセル・行 {len(result.notes)} 件、要修正 {len(errors)} 件{warned} / "
          f"imported ({result.encoding}): {len(result.written)} written, {len(result.unchanged)} unchanged, "
          f"{len(result.kept)} kept, {len(result.notes)} note(s), {len(errors)} problem(s) to fix{warned_en}.")
    return 1 if result.notes or errors else 0
