"""The field guide: every profile field explained, generated from the JSON Schema so it never drifts from it.

`python -m generator.fieldguide` rewrites docs/ja/fields.md and docs/en/fields.md (a test fails when they are out
of date); the site publishes the same text as a page (fields/index.html, en/fields/index.html).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from .model import Page, Text

SCHEMA = Path(__file__).resolve().parent / "schema" / "company.schema.json"
DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE_PATHS = {"ja": "fields/index.html", "en": "en/fields/index.html"}
TITLE = Text("記入項目の説明（company.yaml）", "Profile fields (company.yaml)")

WORDS = {
    "ja": {"required": "必須", "optional": "任意", "type": "形式", "max": "最大", "chars": "字", "items": "件まで",
           "example": "例", "file": "ファイルに書くとき", "required_with": "{0}を書くときは必須", "vocab": "用語集 content/taxonomies/{0}.yaml の用語（キーか日本語・英語の名前）",
           "text": "文章（日本語だけなら そのまま、英語も書くなら ja: と en: に分けます）", "string": "文字",
           "integer": "整数（半角数字、カンマなし）", "array": "リスト（1行に1つ、行頭に「- 」）",
           "object": "下の項目のまとまり", "range": "数値1つ、または幅 [小さい方, 大きい方]（例: [5, 20]）", "markdown": "Markdown が使えます（空行で段落、「- 」で箇条書き）",
           "pattern": "書き方", "intro": "このページは検査に使うスキーマ（generator/schema/company.schema.json）から"
           "自動で作られています。項目名（左の英字）は変えずに、値を書き換えてください。"},
    "en": {"required": "required", "optional": "optional", "type": "Type", "max": "max.", "chars": " characters",
           "items": " items at most", "example": "Example", "file": "In the file",
           "required_with": "required when {0} is given",
           "vocab": "a term of content/taxonomies/{0}.yaml (its key, or its Japanese or English label)",
           "text": "text (plain Japanese, or ja: and en: for both languages)", "string": "text",
           "integer": "whole number (digits only, no commas)", "array": "list (one per line, starting with '- ')",
           "object": "a group of the fields below", "range": "one number, or a range [lower, upper] (e.g. [5, 20])", "markdown": "Markdown allowed (blank line between paragraphs, "
           "'- ' for bullet points)", "pattern": "Format",
           "intro": "This page is generated from the schema the validator uses (generator/schema/company.schema.json). "
           "Keep the field names (the English keys) and change the values."},
}


def _kind(node: dict, lang: str) -> str:
    w = WORDS[lang]
    if node.get("x-taxonomy"):
        return w["vocab"].format(node["x-taxonomy"])
    if node.get("x-range"):
        return w["range"]
    branches = node.get("anyOf") or []
    if any(b.get("type") == "object" for b in branches) and any(b.get("type") == "string" for b in branches):
        return w["text"]
    kinds = [node.get("type")] if node.get("type") else [b.get("type") for b in branches]
    return " / ".join(w.get(k, k) for k in kinds if k)


def _limits(node: dict, lang: str) -> list[str]:
    w = WORDS[lang]
    out = []
    limit = node.get("x-max-length")
    if isinstance(limit, dict):
        out.append(f"{w['max']} {limit.get(lang) or limit.get('ja')}{w['chars']}")
    elif node.get("maxLength"):
        out.append(f"{w['max']} {node['maxLength']}{w['chars']}")
    if node.get("maxItems"):
        out.append(f"{node['maxItems']}{w['items']}" if lang == "ja" else f"{node['maxItems']}{w['items']}")
    if node.get("x-markdown"):
        out.append(w["markdown"])
    return out


def _example(node: dict) -> str:
    examples = node.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, str) and value.isdigit():  # YAML reads bare digits as a number: the text is quoted
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def short_title(node: dict, lang: str) -> str:
    """A group's title without its parenthesis: 位置（緯度・経度） → 位置, Location (latitude, longitude) → Location."""
    title = node.get("title" if lang == "ja" else "x-title-en") or node.get("title") or ""
    return re.split(r"\s*[（(]", title, maxsplit=1)[0]


def _fields(node: dict, prefix: str, required: set[str], lang: str, depth: int, out: list[str],
            max_depth: int = 6, within: str = "") -> None:
    """`within`: the title of the optional group these fields belong to (their 必須 holds when it is given)."""
    w = WORDS[lang]
    for key, child in (node.get("properties") or {}).items():
        path = f"{prefix}{key}"
        title = child.get("title" if lang == "ja" else "x-title-en") or child.get("title") or key
        desc = child.get("description" if lang == "ja" else "x-description-en") or ""
        note = child.get("x-file-note" if lang == "ja" else "x-file-note-en") or ""
        need = (w["required_with"].format(within) if within else w["required"]) if key in required else w["optional"]
        level = "#" * min(depth, max_depth)
        out.append(f"{level} `{path}` — {title}（{need}）" if lang == "ja" else f"{level} `{path}` — {title} ({need})")
        out.append("")
        if desc:
            out.append(desc)
            out.append("")
        if note:
            out.append(f"{w['file']}: {note}")
            out.append("")
        facts = [f"{w['type']}: {_kind(child, lang)}", *_limits(child, lang)]
        example = _example(child)
        if example:
            facts.append(f"{w['example']}: `{example}`")
        out += [f"- {f}" for f in facts] + [""]
        items = child.get("items") or {}
        if child.get("properties"):
            _fields(child, f"{path}.", set(child.get("required", [])), lang, depth + 1, out, max_depth,
                    "" if key in required or prefix else short_title(child, lang))
        elif items.get("properties"):
            _fields(items, f"{path}[].", set(items.get("required", [])), lang, depth + 1, out, max_depth)


def markdown(lang: str, schema: dict | None = None, top: int = 2, bottom: int = 6) -> str:
    """The field guide in `lang` ('ja' or 'en') as Markdown, headings from level `top` down to `bottom`."""
    schema = schema or json.loads(SCHEMA.read_text(encoding="utf-8"))
    out = [WORDS[lang]["intro"], ""]
    _fields(schema, "", set(schema.get("required", [])), lang, top, out, bottom)
    return "\n".join(out).rstrip() + "\n"


TAXONOMIES = DOCS.parent / "content" / "taxonomies"
VOCAB_WORDS = {
    "ja": ("使える用語", "業種・技術などの欄には、次の表の「キー」か「日本語」か「English」のどれかを書きます"
                     "（このリポジトリの content/taxonomies/ の用語。自治体ごとに変わります）。", "キー", "日本語"),
    "en": ("Allowed words", "In the vocabulary fields write a term's key, its Japanese name or its English name from "
                            "these tables (the terms of this repository's content/taxonomies/; each municipality has "
                            "its own).", "key", "日本語"),
}
VOCAB_TITLES = {"industries": ("業種", "Industries"), "technologies": ("技術", "Technologies"),
                "certifications": ("認証", "Certifications"), "capabilities": ("対応力", "Capabilities"),
                "areas": ("地区", "Areas"), "machines": ("設備の種類", "Machine types"),
                "materials": ("材料", "Materials"), "qualifications": ("資格", "Qualifications")}
FIGURE_WORDS = {
    "ja": ("設備の主な数値（figures）", "設備の種類ごとに、次の数値を書けます（キーの末尾が単位）。範囲の外の値は確認をお願いする"
                                     "警告になります。", ("キー", "意味", "単位", "ふつうの範囲", "絞り込みの目安"), "使える数値"),
    "en": ("Key figures of equipment (figures)", "Each machine type takes these figures (the key ends with the unit). "
                                                "A value outside the usual range gets a warning asking you to check it.",
           ("key", "meaning", "unit", "usual range", "filter thresholds"), "figures"),
}


def vocabularies(lang: str, folder: Path = TAXONOMIES, level: int = 2) -> str:
    """The words each vocabulary allows, a table per vocabulary, from the taxonomy files in `folder`."""
    import yaml

    title, intro, key, ja = VOCAB_WORDS[lang]
    out = [f"{'#' * level} {title}", "", intro, ""]
    for name, (title_ja, title_en) in VOCAB_TITLES.items():
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        terms = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms") or {}
        out += [f"{'#' * (level + 1)} {title_ja if lang == 'ja' else title_en} (`{name}`)", "",
                f"| {key} | {ja} | English |", "|---|---|---|"]
        out += [f"| `{k}` | {t.get('ja', '')} | {t.get('en', '')} |" for k, t in terms.items() if isinstance(t, dict)]
        out.append("")
        if name == "machines":
            out += _figures(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, lang, level + 1)
    return "\n".join(out).rstrip() + "\n"


def _figures(data: dict, lang: str, level: int) -> list[str]:
    """The table of machine figures (unit, usual range, filter thresholds) and which figures each type takes."""
    title, intro, heads, takes = FIGURE_WORDS[lang]
    figures = data.get("figures") or {}
    out = [f"{'#' * level} {title}", "", intro, "", "| " + " | ".join(heads) + " |", "|---|---|---|---|---|"]
    for key, f in figures.items():
        unit = f.get("unit") if lang == "ja" else f.get("unit_en", f.get("unit"))
        facets = ", ".join(f"{v:g}" for v in f.get("facets") or [])
        out.append(f"| `{key}` | {f.get('ja') if lang == 'ja' else f.get('en')} | {unit} | {f.get('min'):g}〜{f.get('max'):g} "
                   f"| {facets} |")
    out += ["", f"| {'種類' if lang == 'ja' else 'type'} | {takes} |", "|---|---|"]
    for key, term in (data.get("terms") or {}).items():
        if term.get("figures"):
            out.append(f"| `{key}` | {', '.join(f'`{x}`' for x in term['figures'])} |")
    return out + [""]


def document(lang: str) -> str:
    """The Markdown file under docs/: a title, then the guide and the words each vocabulary allows."""
    note = ("<!-- generated by `python -m generator.fieldguide` from generator/schema/company.schema.json and "
            "content/taxonomies/: do not edit by hand -->\n")
    return f"{note}# {TITLE.get(lang)}\n\n{markdown(lang)}\n{vocabularies(lang)}"


def field_guide_page() -> tuple[Page, dict[str, str]]:
    """The field guide as a page of the website and where it goes; the site renders it like the front pages."""
    # the site's Markdown allows h3 and h4 only (the page title is the h1)
    return Page("fields", TITLE, 99, Text(markdown("ja", top=3, bottom=4), markdown("en", top=3, bottom=4))), PAGE_PATHS


def main() -> int:
    """Rewrite docs/{ja,en}/fields.md from the schema."""
    for lang in ("ja", "en"):
        target = DOCS / lang / "fields.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(lang), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
