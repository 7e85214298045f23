"""Property-based: whatever text or data a profile holds, loader and validator answer with located problems only."""
from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, Problem
from generator.load import Content
from generator.load.yamlfile import YamlDoc, parse
from generator.validate import validate

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

SLOWER = settings(FAST, max_examples=60)  # each example validates a whole content tree

YAML_ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\n \t") + list(string.ascii_letters[:6]) +
                                list("0123456789") + ["株", "ア", "\u202e", "\x00", "\ufeff", "\ud800"[:0] or "é"])
yaml_like = st.text(YAML_ALPHABET, max_size=200) | st.text(max_size=200)

keys = st.sampled_from(["name", "ja", "kana", "en", "address", "area", "contact", "phone", "summary", "pr", "products",
                        "images", "logo", "photos", "file", "corporate_number", "technologies", "x"])
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
data = st.recursive(scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children,
                                                                                               max_size=5),
                    max_leaves=30)


@FAST
@given(yaml_like)
def test_loader_raises_only_content_error(text):
    try:
        doc = parse(Path("content/companies/x/company.yaml"), text)
    except ContentError as exc:
        assert exc.problems and all(isinstance(p, Problem) and p.line >= 0 for p in exc.problems)
    else:
        assert isinstance(doc, YamlDoc)


_LOADED: dict[Path, Content] = {}


def content_with(root: Path, profile) -> Content:
    """The content tree at `root` (read once) with one profile replaced by arbitrary data."""
    import copy

    from generator.load import load_content

    if root not in _LOADED:
        _LOADED[root] = load_content(root)
    content = copy.copy(_LOADED[root])
    folder = root / "companies" / "prop-co"
    content.companies = {"prop-co": YamlDoc(folder / "company.yaml", profile, "", {(): (1, 1)})}
    return content


@SLOWER
@given(profile=data)
def test_validator_returns_problems_for_any_data(profile, make_content):
    root = make_content({"prop-co": None})
    problems = validate(content_with(root, profile))
    assert all(isinstance(p, Problem) for p in problems)
    if not isinstance(profile, dict):
        assert any(p.is_error for p in problems)


@SLOWER
@given(text=st.text(max_size=300))
def test_validator_handles_any_text_in_every_text_field(text, make_content):
    from conftest import minimal_profile
    import yaml

    profile = yaml.safe_load(minimal_profile())
    profile["summary"] = text
    profile["pr"] = {"ja": text, "en": text}
    profile["name"]["ja"] = text
    profile["products"] = [{"name": text, "description": text}]
    problems = validate(content_with(make_content({"prop-co": None}), profile))
    assert all(isinstance(p, Problem) for p in problems)
