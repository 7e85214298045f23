"""The validator's message catalogue (messages.json), shared with the browser form editor, and its formatter.

Each rule has a Japanese and an English template and an optional example; placeholders are `{name}`. The editor
fills the same templates in JavaScript (`s.replace(/\\{(\\w+)\\}/g, …)`), so keep them to plain `{name}` holes.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent / "messages.json"
_HOLE = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every rule's {ja, en, example} templates."""
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def shown(value) -> str:
    """A value as the clerk writes it in YAML: true, not Python's True; a mapping {x_mm: 735}, never {'x_mm': 735};
    nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{shown(k)}: {shown(v) or 'null'}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) or "null" for v in value) + "]"
    return str(value)


def fill(template: str, params: dict) -> str:
    """Fill `{name}` holes; a hole without a value becomes empty (never a literal `{name}`)."""
    return _HOLE.sub(lambda m: shown(params.get(m.group(1), "")), template)


def say(rule: str, **params) -> str:
    """The full bilingual message of `rule`: "日本語 / English. 例 / e.g.: example"."""
    entry = catalogue()[rule]
    ja, en = fill(entry["ja"], params).strip(), fill(entry["en"], params).strip()
    example = fill(entry.get("example", ""), params).strip() if entry.get("example") else ""
    text = f"{ja} / {en}"
    if example and example not in ('""', '"None"'):
        text += f" 例 / e.g.: {example}"
    return text
