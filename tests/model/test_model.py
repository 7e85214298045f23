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


V2 = minimal_profile() + """\
equipment:
  - {type: press, name: サーボプレス, count: 2, figures: {tonnage_t: 200}}
  - {type: press, count: 1, figures: {tonnage_t: 300}}
  - {type: press-brake, name: ベンディングマシン, figures: {tonnage_t: 400, bed_mm: 4000}}
  - {type: 5軸マシニングセンタ, figures: {x_mm: 735, y_mm: 650, z_mm: 560, axes: 5}}
materials: [sus316, ステンレス, A5052, 秘伝の合金]
capacity: {max_part_mm: 1500, lot_min: 1}
qualifications:
  - {type: welding-jis, count: 6}
  - {type: 機械加工技能士 1級}
accepts: [heat-treatment, 溶接]
outsources: [plating]
factory_visits: false
strengths: [{ja: 小ロットの試作, en: Small-lot prototypes}]
access:
  - {place: 紅葉川駅, kind: station, by: walk, minutes: 8}
location: {lat: 34.712, lng: 137.731}
"""


def test_the_v2_facts_are_plain_attributes_of_the_company(make_content):
    content = load_content(make_content({"v2": V2}))
    assert [p for p in validate(content) if p.is_error] == []
    guide = make_guide(content)
    c = guide.companies[0]
    assert [e.type.key for e in c.equipment] == ["press", "press", "press-brake", "mc-5axis"]  # a label names a type too
    assert c.equipment[1].name.ja == "プレス機" and c.equipment[1].name.en == "Press"  # no name: the type's label
    assert [t.key for t in c.machines] == ["press", "press-brake", "mc-5axis"] == [t.key for t in c.terms("machines")]
    assert c.figure_max("tonnage_t") == 400 and c.figure_max("tonnage_t", {"press"}) == 300
    assert c.figure_max("x_mm", ("mc-5axis",)) == 735 and c.figure_max("sheet_mm") is None
    # materials: keys, labels and aliases are terms (ステンレス: the general term), the rest stays free text
    assert [t.key for t in c.material_terms] == ["sus316", "stainless", "a5052"]
    assert [m.ja for m in c.material_others] == ["秘伝の合金"]
    assert [m.ja for m in c.materials] == ["SUS316・SUS316L", "ステンレス", "A5052", "秘伝の合金"]
    assert c.capacity == {"max_part_mm": 1500, "lot_min": 1}
    assert [(t.key, n) for t, n in c.qualifications] == [("welding-jis", 6), ("machining-1", None)]
    assert c.qualified("welding-jis") == 6 and c.qualified("machining-1") == 0 and c.qualified("crane") is None
    assert [t.key for t in c.accepts] == ["heat-treatment", "welding"] and [t.key for t in c.outsources] == ["plating"]
    assert c.factory_visits is False and c.strengths[0].get("en") == "Small-lot prototypes" and c.limits == []
    assert (c.access[0].place.ja, c.access[0].kind, c.access[0].by, c.access[0].minutes) == ("紅葉川駅", "station", "walk", 8)
    assert (c.location.lat, c.location.lng) == (34.712, 137.731)
    assert [t.key for t, _ in guide.used_terms("machines")][:2] == ["mc-5axis", "press"]  # in vocabulary order
    assert guide.companies_with(guide.taxonomies["materials"].terms["sus316"]) == [c]


def test_absent_v2_facts_are_empty_not_missing(make_content):
    c = make_guide(load_content(make_content({"v1": None}))).companies[0]
    assert (c.equipment, c.material_terms, c.capacity, c.qualifications, c.accepts, c.factory_visits, c.access,
            c.location) == ([], [], None, [], [], None, [], None)


def test_companies_made_ahead_are_the_ones_make_guide_would_make(make_content):
    from generator.model import Ahead

    no_english = minimal_profile().replace("テスト精機", "杉浦製作所").replace("テストセイキ", "スギウラセイサクショ")
    root = make_content({"a-seiki": minimal_profile(), "sugiura": no_english})
    assert "en:" not in no_english.split("kana:")[0]  # its English name is romanised by the model
    content = load_content(root)
    ahead = Ahead()
    docs = list(content.companies.items())
    ahead.add(content, [(slug, doc.path, doc.data) for slug, doc in docs[:1]])
    ahead.add(content, [(slug, doc.path, doc.data) for slug, doc in docs[1:]]
              + [("broken", root / "companies" / "broken" / "company.yaml", {"name": 3})])
    assert "broken" not in ahead.made  # a profile that cannot be modelled is left to validation
    guide = make_guide(content, ahead=ahead)
    assert repr(guide) == repr(make_guide(load_content(root)))
    assert all(c is ahead.made[c.slug][1] for c in guide.companies)
    assert next(c for c in guide.companies if c.slug == "sugiura").name.en == "Sugiura Seisakusho Co., Ltd."
    # a profile read again (other data) is modelled again, not taken from what was made ahead
    again = load_content(root)
    assert all(c is not ahead.made[c.slug][1] for c in make_guide(again, ahead=ahead).companies)


def test_nothing_is_made_ahead_from_a_vocabulary_that_cannot_be_modelled(make_content):
    from generator.model import Ahead

    content = load_content(make_content({"a-seiki": minimal_profile()}))
    next(iter(content.taxonomies.values())).data["terms"] = {"broken": "a term written as a bare string"}
    ahead = Ahead()
    doc = content.companies["a-seiki"]
    ahead.add(content, [("a-seiki", doc.path, doc.data)])  # validation reports the vocabulary; the build stops there
    assert ahead.off and ahead.made == {} and ahead.company("a-seiki", doc.data) is None
