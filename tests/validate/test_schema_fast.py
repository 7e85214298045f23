"""The compiled yes/no validator (merged anyOf) accepts exactly what the detailed validator accepts."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.validate.schema import fast, merge_any_of, validator

PROJECT = Path(__file__).resolve().parent.parent.parent
PROFILES = sorted((PROJECT / "content" / "companies").glob("*/company.yaml")) + sorted(
    (PROJECT / "tests" / "corpus").glob("*.yaml"))

TEXT = {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 3},
                  {"type": "object", "required": ["ja"], "additionalProperties": False,
                   "properties": {"ja": {"type": "string", "maxLength": 3}, "en": {"type": "string"}}}]}


def test_an_any_of_of_distinct_types_becomes_one_schema_of_those_types():
    merged = merge_any_of({"properties": {"summary": {"title": "概要", **TEXT}}})["properties"]["summary"]
    assert "anyOf" not in merged and merged["type"] == ["string", "object"]
    assert merged["maxLength"] == 3 and merged["required"] == ["ja"] and merged["title"] == "概要"


@pytest.mark.parametrize("branches", [
    [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "x"}],      # same type twice
    [{"type": "integer", "minimum": 1}, {"type": "number", "maximum": 9}],        # overlapping types
    [{"type": "string", "const": "a"}, {"type": "object", "const": {}}],          # one keyword in two branches
    [{"type": ["string", "null"]}, {"type": "object"}],                          # a branch of several types
])
def test_overlapping_branches_keep_their_any_of(branches):
    assert merge_any_of({"anyOf": branches}) == {"anyOf": branches}


@pytest.mark.parametrize("value", ["abc", "", "abcd", 3, None, [], {"ja": "abc"}, {"en": "x"}, {"ja": "abcd"},
                                   {"ja": "a", "en": "b", "fr": "c"}, {"ja": 1}])
def test_merged_and_original_agree_on_a_bilingual_text(value):
    import fastjsonschema
    from jsonschema import Draft202012Validator

    compiled = fastjsonschema.compile(merge_any_of(TEXT))
    try:
        compiled(value)
        accepted = True
    except fastjsonschema.JsonSchemaException:
        accepted = False
    assert accepted == Draft202012Validator(TEXT).is_valid(value)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_compiled_and_detailed_validators_agree_on_every_sample_and_corpus_profile(path):
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        pytest.skip("not YAML: the loader's case, not the schema's")
    if not isinstance(data, dict):
        pytest.skip("not a mapping")
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    try:
        fast("company")(data)
        accepted = True
    except Exception:  # noqa: BLE001 - the compiled validator's exception, or a value it cannot handle
        accepted = False
    assert accepted == validator("company").is_valid(data)
