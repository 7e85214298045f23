"""English words for what a profile says only in Japanese, and a zinc plater for 亜鉛めっき, through the site's own
search page in headless Chromium (outsider buyer, session 14: `zinc` and `bolt` found nothing, `nickel plating` only
techno-plate, `powder coating` missed nakase-valve, 亜鉛めっき missed muramatsu-mekki and listed shops that only use
galvanised sheet).

Every expectation is read here from content/companies/*/company.yaml with PyYAML: a plater lists the technology
`plating`, a zinc or nickel plater is a plater whose profile writes 亜鉛 or ニッケル, and the other words are found in
the profiles' own text (ボルト, 粉体塗装).
"""
from __future__ import annotations

from urllib.parse import quote

import pytest
import yaml

from search.test_facts_search import profiles
from search.test_search_page import base, page, searched, shown  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def saying(word: str) -> set[str]:
    return {slug for slug, data in profiles().items() if word in text(data)}


def platers_of(metal: str) -> set[str]:
    return {slug for slug, data in profiles().items() if "plating" in (data.get("technologies") or [])
            and metal in text(data)}


def in_order(page) -> list[str]:
    shown(page)  # every result on screen
    return [href.rstrip("/").split("/")[-1] for href in
            page.eval_on_selector_all(".result-title a", "as => as.map(a => a.getAttribute('href'))")]


def test_the_expectations_name_real_companies():
    assert platers_of("亜鉛") == {"aoba-mekki", "muramatsu-mekki"}  # as read by hand from the two profiles
    assert len(platers_of("ニッケル")) == 3
    assert saying("ボルト") and len(saying("粉体塗装")) == 3
    # the profiles that write the thing only in Japanese: the English words are nowhere in them
    assert not any(w in text(profiles()[s]).lower() for s in platers_of("亜鉛") for w in ("zinc", "galvani"))
    assert not any("bolt" in text(profiles()[s]).lower() for s in saying("ボルト"))


CASES = [
    ("en", "zinc", platers_of("亜鉛")),
    ("en", "zinc plating", platers_of("亜鉛")),
    ("ja", "亜鉛めっき", platers_of("亜鉛")),
    ("en", "nickel plating", platers_of("ニッケル")),
    ("en", "bolt", saying("ボルト")),
    ("en", "powder coating", saying("粉体塗装")),
]


@pytest.mark.parametrize("lang, typed, expected", CASES, ids=[c[1] for c in CASES])
def test_a_word_finds_the_profiles_that_say_it_in_japanese_first(page, base, lang, typed, expected):
    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(typed))
    searched(page)
    found = in_order(page)
    # every one, ahead of any other (a shop that paints galvanised sheet says 亜鉛めっき鋼板, after the platers)
    assert set(found[:len(expected)]) == expected, (typed, found)


def listing_group(group: str) -> set[str]:
    """Companies that list a material of a group of materials.yaml (its key, label or alias as the profile writes it)."""
    from search.test_facts_search import resolve, vocabulary

    terms = vocabulary("materials")["terms"]
    return {slug for slug, data in profiles().items()
            if any((terms.get(resolve("materials", m) or "") or {}).get("group") == group
                   for m in data.get("materials") or [] if isinstance(m, str))}


def test_a_misspelt_material_does_not_become_another_materials_filter(page, base):
    """`stainles steel` ticked the plain-steel filter (its last word) and shut out the stainless-only shops: the
    misspelt kind is the stainless kind, and every company listing a stainless grade is found."""
    stainless = listing_group("stainless")
    assert {"axis-seiko", "fujimaki-food-machinery", "saegusa-iko"} <= stainless - listing_group("steel")
    page.goto(base + "en/search/index.html?q=" + quote("stainles steel"))
    searched(page)
    assert "material_groups=steel" not in page.url
    assert stainless <= shown(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_search_hint_is_whole_on_a_phone(browser, base, lang):
    """The box's placeholder was cut off at 390 px (「例：切削 アル」, "Technology, product, na")."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        for path in ("index.html", "search/index.html", "companies/aoba-mekki/index.html"):
            page.goto(base + ("en/" if lang == "en" else "") + path)
            for box in page.locator("input[type=search][placeholder]").all():
                if not box.is_visible():
                    continue
                room, needed = box.evaluate("""el => {
                  const s = getComputedStyle(el, '::placeholder'), c = document.createElement('canvas').getContext('2d');
                  c.font = s.fontStyle + ' ' + s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;
                  return [el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)
                          - parseFloat(getComputedStyle(el).paddingRight), c.measureText(el.placeholder).width];
                }""")
                assert needed <= room, (path, box.get_attribute("placeholder"), needed, room)
    finally:
        page.close()
