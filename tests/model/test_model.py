"""The model: typed objects from validated content; vocabulary words resolve by key or label."""
from __future__ import annotations

from conftest import minimal_profile
from generator.load import load_content
from generator.model import make_guide
from generator.model.text import Text
from generator.validate import validate


def test_text_falls_back_to_japanese():
    text = Text("切削加工")
    assert text.get("en") == "切削加工" and text.lang("en") == "ja"
    both = Text("切削加工", "Machining")
    assert both.get("en") == "Machining" and both.lang("en") == "en"


def test_terms_resolve_by_key_japanese_or_english_label(make_content):
    root = make_content({"a": minimal_profile(technology="切削加工"), "b": minimal_profile(technology="cutting")})
    content = load_content(root)
    assert [p for p in validate(content) if p.is_error] == []
    guide = make_guide(content)
    assert {c.technologies[0].key for c in guide.companies} == {"cutting"}
    term = guide.companies[0].technologies[0]
    assert guide.companies_with(term) == guide.companies


def test_companies_are_in_kana_order(make_content):
    later = minimal_profile().replace("テストセイキ", "ワタナベコウギョウ").replace("テスト精機", "渡辺工業")
    earlier = minimal_profile().replace("テストセイキ", "アオキセイコウ").replace("テスト精機", "青木精工")
    guide = make_guide(load_content(make_content({"watanabe": later, "aoki": earlier})))
    assert [c.slug for c in guide.companies] == ["aoki", "watanabe"]
