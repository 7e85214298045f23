"""The profile JSON Schema published with the site: the same text as content/company.schema.json (editorschema.py)."""
from __future__ import annotations

from pathlib import Path

from ..editorschema import schema_text

SITE_PATH = "schema/company.schema.json"


def write_schema(guide, out: Path) -> str:
    """Write `schema/company.schema.json` into the site; returns its path under the site root."""
    dest = out / SITE_PATH
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(schema_text(guide.taxonomies), encoding="utf-8")
    return SITE_PATH
