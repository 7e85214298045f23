"""Placeholders left from the `guidebook new` template (〇〇, 000-0000, 0548-00-0000, its example texts) are errors.

A template filled in halfway validates otherwise: 株式会社〇〇製作所 is a fine company name to the schema.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say
from .strings import strings_at, text_of

TEMPLATE = Path(__file__).resolve().parent.parent / "schema" / "new_company.yaml"
MARKS = re.compile(r"[〇○◯●]{2}|[×✕]{2}|000-0000|-00-0000")
# example values of the template that are not real anywhere (also those written only in its comments)
EXAMPLES = ("info@example.co.jp", "https://www.example.co.jp/", "your-github-account", "マルマルセイサクショ",
            "Marumaru Seisakusho Co., Ltd.", "1-2-3 Marumaru-cho, Momijigawa, Shizuoka")


@lru_cache(maxsize=1)
def template_texts() -> frozenset[str]:
    """The template's own sentences ("当社は…（会社の紹介を…）"), which mean nothing was written yet."""
    import yaml

    data = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8")) or {}
    texts = {v.strip() for k in ("pr", "summary") for v in [data.get(k)] if isinstance(v, str)}
    return frozenset(texts)


def check(doc: YamlDoc, display: str, label) -> list[Problem]:
    """A problem for each value that is still the template's placeholder."""
    text = text_of(doc)
    if not MARKS.search(text) and not any(e in text for e in EXAMPLES) and "当社は…" not in text:
        return []
    problems = []
    templates = template_texts()
    for pointer, value in strings_at(doc.data if isinstance(doc.data, dict) else {}):
        hit = MARKS.search(value)
        shown = hit.group(0) if hit else next((e for e in EXAMPLES if e in value), None)
        if shown is None and value.strip() in templates:
            shown = value.strip()
        if shown is None:
            continue
        field, field_en = label(pointer)
        mark = value if len(value) <= 20 else shown  # a whole phone number or name reads better than its part
        problems.append(Problem(display, *doc.where(pointer), say(
            "placeholder", field=field, field_en=field_en, value=value, mark=mark), "error", "placeholder"))
    return problems
