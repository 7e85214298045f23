"""Editors: every field of the profile schema has a Japanese and an English title and description."""
from __future__ import annotations

import re
from pathlib import Path

from generator.validate.schema import schema

PROJECT = Path(__file__).resolve().parent.parent.parent


def fields(node: dict, path: str = ""):
    """Every named property of the schema (and list items with properties), with its path."""
    for key, sub in node.get("properties", {}).items():
        yield f"{path}.{key}".lstrip("."), sub
        yield from fields(sub, f"{path}.{key}")
        if isinstance(sub.get("items"), dict):
            yield from fields(sub["items"], f"{path}.{key}[]")
    for branch in node.get("anyOf", []):
        if "properties" in branch and path:
            yield from ()  # ja/en of a bilingual text: described by the field itself


def test_every_profile_field_is_described_in_japanese_and_english():
    missing = [(path, k) for path, sub in fields(schema("company"))
               for k in ("title", "x-title-en", "description", "x-description-en") if not sub.get(k)]
    assert missing == []


def test_the_new_profile_template_points_editors_at_the_schema():
    template = (PROJECT / "generator" / "schema" / "new_company.yaml").read_text(encoding="utf-8")
    target = re.match(r"# yaml-language-server: \$schema=(\S+)", template).group(1)
    profile_folder = PROJECT / "content" / "companies" / "some-slug"
    # the content's copy with the vocabulary words (tests/test_editorschema.py checks it is current)
    assert (profile_folder / target).resolve() == (PROJECT / "content" / "company.schema.json")


def test_pre_commit_hook_runs_the_validator():
    import yaml

    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "guidebook-validate")
    assert hook["entry"].startswith("guidebook") and "validate" in hook["entry"]
    assert "company" in hook["files"]
