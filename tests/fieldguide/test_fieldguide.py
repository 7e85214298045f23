"""The field guide is generated from the schema: every field is explained, docs/ are up to date, the site has it."""
from __future__ import annotations

import json
from pathlib import Path

from generator import fieldguide

PROJECT = Path(__file__).resolve().parents[2]


def all_paths(node: dict, prefix: str = "") -> list[str]:
    out = []
    for key, child in (node.get("properties") or {}).items():
        out.append(prefix + key)
        out += all_paths(child, f"{prefix}{key}.")
        out += all_paths(child.get("items") or {}, f"{prefix}{key}[].")
    return out


def test_every_field_of_the_schema_is_explained_in_both_languages():
    schema = json.loads(fieldguide.SCHEMA.read_text(encoding="utf-8"))
    ja, en = fieldguide.markdown("ja"), fieldguide.markdown("en")
    for path in all_paths(schema):
        assert f"`{path}`" in ja and f"`{path}`" in en, path
    assert schema["properties"]["summary"]["description"] in ja
    assert schema["properties"]["summary"]["x-description-en"] in en


def test_a_schema_change_changes_the_guide():
    schema = json.loads(fieldguide.SCHEMA.read_text(encoding="utf-8"))
    schema["properties"]["employees"]["description"] = "新しい説明文"
    assert "新しい説明文" in fieldguide.markdown("ja", schema)


def test_the_docs_are_the_generated_text():
    for lang in ("ja", "en"):
        assert (PROJECT / "docs" / lang / "fields.md").read_text(encoding="utf-8") == fieldguide.document(lang), \
            "docs are out of date: run `python -m generator.fieldguide`"


def test_the_guides_exist_in_both_languages_and_their_links_resolve():
    import re

    for lang in ("ja", "en"):
        for name in ("company-guide", "staff-guide", "deploy", "fields"):
            path = PROJECT / "docs" / lang / f"{name}.md"
            text = path.read_text(encoding="utf-8")
            for target in re.findall(r"\]\(([^)#:]+\.md)\)", text):
                assert (path.parent / target).is_file(), f"{path.name} links to missing {target}"


def test_the_guide_lists_the_words_of_every_vocabulary():
    import yaml

    for lang in ("ja", "en"):
        text = (PROJECT / "docs" / lang / "fields.md").read_text(encoding="utf-8")
        for name in ("industries", "technologies", "certifications", "capabilities", "areas", "machines", "materials",
                     "qualifications"):
            path = PROJECT / "content" / "taxonomies" / f"{name}.yaml"
            terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
            for key, term in terms.items():
                assert f"| `{key}` | {term['ja']} | {term['en']} |" in text, (lang, path.name, key)


def test_the_guide_lists_each_machine_figure_with_its_unit_and_range():
    import yaml

    machines = yaml.safe_load((PROJECT / "content" / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))
    ja = (PROJECT / "docs" / "ja" / "fields.md").read_text(encoding="utf-8")
    tonnage = machines["figures"]["tonnage_t"]
    assert f"| `tonnage_t` | {tonnage['ja']} | t | 1〜5000 | 100, 200, 500 |" in ja
    assert "| `press` | `tonnage_t`, `bed_mm` |" in ja


def test_the_pictures_the_company_guides_show_exist():
    import re

    for lang in ("ja", "en"):
        path = PROJECT / "docs" / lang / "company-guide.md"
        pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", path.read_text(encoding="utf-8"))
        assert len(pictures) >= 4
        for target in pictures:
            assert (path.parent / target).is_file(), f"{path.name} shows missing {target}"
