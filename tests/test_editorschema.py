"""content/company.schema.json: the schema a profile's first line points at, with the vocabulary words for editors."""
from __future__ import annotations

import json
import shutil

import yaml

from conftest import SAMPLE
from conftest import guidebook as run_guidebook


def guidebook(*args, root):
    """`guidebook --root ROOT ARGS` (in this process: conftest.guidebook)."""
    return run_guidebook("--root", str(root), *args)


def test_every_sample_profile_points_at_the_content_schema_and_it_is_current():
    line = "# yaml-language-server: $schema=../../company.schema.json"
    for profile in sorted((SAMPLE / "companies").glob("*/company.yaml")):
        first = profile.read_text(encoding="utf-8").splitlines()[0]
        assert first == line, profile
        assert (profile.parent / "../../company.schema.json").resolve() == (SAMPLE / "company.schema.json").resolve()
    from generator.editorschema import schema_text
    from generator.load import load_content
    from generator.model import taxonomies_from

    taxonomies = taxonomies_from(load_content(SAMPLE, []))
    assert (SAMPLE / "company.schema.json").read_text(encoding="utf-8") == schema_text(taxonomies), \
        "content/company.schema.json is stale: run `guidebook schema` and commit it"


def test_the_schema_offers_each_vocabulary_term_with_its_labels():
    schema = json.loads((SAMPLE / "company.schema.json").read_text(encoding="utf-8"))
    technologies = schema["properties"]["technologies"]["items"]
    terms = yaml.safe_load((SAMPLE / "taxonomies" / "technologies.yaml").read_text(encoding="utf-8"))["terms"]
    for key, term in terms.items():
        for word in (key, term["ja"], term["en"]):
            at = technologies["enum"].index(word)
            assert technologies["enumDescriptions"][at] == f"{term['ja']} / {term['en']} ({key})"
    areas = schema["properties"]["area"]
    assert "enum" in areas and "minato" in areas["enum"]


def test_validate_says_when_the_schema_no_longer_matches_the_vocabularies(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE, root)
    assert "schema-file-stale" not in guidebook("validate", "--format", "json", root=root).stdout
    vocabulary = root / "taxonomies" / "capabilities.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "  night-shift:\n    ja: 夜間対応\n    en: Night shift\n",
                          encoding="utf-8")
    run = guidebook("validate", root=root)
    assert run.returncode == 0  # a warning: the profiles are still right
    assert "company.schema.json:1:1: warning:" in run.stderr and "`guidebook schema`" in run.stderr
    assert guidebook("schema", root=root).returncode == 0
    assert "夜間対応" in (root / "company.schema.json").read_text(encoding="utf-8")
    assert "company.schema.json" not in guidebook("validate", root=root).stderr


def test_guidebook_new_writes_the_schema_its_template_points_at(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE, root)
    (root / "company.schema.json").unlink()
    run = guidebook("new", "sato-kogyo", root=root)
    assert run.returncode == 0, run.stderr
    first = (root / "companies" / "sato-kogyo" / "company.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith("$schema=../../company.schema.json")
    assert (root / "company.schema.json").is_file()
