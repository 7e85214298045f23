"""Search a buyer trusts (issue 19, session 14): names misspelt in kana or romaji, filters read from the box,
ISO 9001 however it is typed, doers first over every page, and a "why it matched" line that says only what matched.
Through the site's own search page in headless Chromium.

Every expectation is read from the sample profiles (content/companies/*/company.yaml), by the helpers below or
written out from them: sugiura-seisakusho is 杉浦製作所 (スギウラセイサクショ), okochi-seisakusho 大河内製作所
(オオコウチセイサクショ); five companies' readings start with モミジ (momiji-denki, -diecast, -shoketsu, -yogyo,
momijigawa-*); the area momijidai (紅葉台地区) holds marutaka-kasei, momiji-diecast, momiji-shoketsu, momiji-yogyo,
saegusa-iko.
"""
from pathlib import Path

import pytest
import yaml

from generator.search.recall import slug_of
from search.test_search_page import base, page, searched  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

COMPANIES = Path(__file__).resolve().parents[2] / "content" / "companies"
PROFILES = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in COMPANIES.glob("*/company.yaml")}
MOMIJIDAI = {"marutaka-kasei", "momiji-diecast", "momiji-shoketsu", "momiji-yogyo", "saegusa-iko"}
# technologies: welding, of the profiles (tests/search/test_search_page.py)
WELDING = {"arc-laser", "fujimaki-food-machinery", "hoshino-seiko", "maruyama-kogyo", "momijigawa-kogyo",
           "okochi-seisakusho", "takeuchi-tekkosho"}


def iso_9001() -> set[str]:
    """The companies certified to ISO 9001: in their certifications, or saying it in their own words."""
    out = set()
    for slug, p in PROFILES.items():
        text = yaml.safe_dump(p, allow_unicode=True).replace(" ", "")
        if "iso-9001" in (p.get("certifications") or []) or "ISO9001" in text:
            out.add(slug)
    return out


def doing(key: str) -> set[str]:
    """The companies that list a process among their technologies or the work they take on."""
    return {slug for slug, p in PROFILES.items() if key in (p.get("technologies") or []) + (p.get("accepts") or [])}


def making(word: str) -> set[str]:
    """The companies whose products or equipment carry a word in their name."""
    out = set()
    for slug, p in PROFILES.items():
        for item in (p.get("products") or []) + (p.get("equipment") or []):
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, dict):
                name = name.get("ja", "")
            if word in str(name or ""):
                out.add(slug)
    return out


def done(page) -> str:
    return page.evaluate("document.getElementById('search').dataset.done")


def in_order(page) -> list[str]:
    """Slugs of every result in the order shown, pressing "more" until all are on screen."""
    while page.locator(".search-more").is_visible():
        page.locator(".search-more").click()
        searched(page)
    return [slug_of(h) for h in page.eval_on_selector_all(".result-title a", "as => as.map(a => a.href)")]


def open_search(page, base, q: str, lang: str = "ja") -> None:
    from urllib.parse import quote

    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(q))
    searched(page)


def test_the_profiles_say_what_the_tests_expect():
    assert PROFILES["sugiura-seisakusho"]["name"]["kana"] == "スギウラセイサクショ"
    assert PROFILES["okochi-seisakusho"]["name"]["kana"] == "オオコウチセイサクショ"
    assert {s for s, p in PROFILES.items() if p["name"]["kana"].startswith("モミジ")} >= {"momiji-denki", "momiji-yogyo"}
    assert {s for s, p in PROFILES.items() if p.get("area") == "momijidai"} == MOMIJIDAI
    assert len(iso_9001()) == 20
    assert making("窒化") == {"thermo-giken"} and making("産業機械") == {"okochi-seisakusho"}


# --- 1. a company name misspelt in romaji or kana ---

@pytest.mark.parametrize("typed, slug", [
    ("sugiyra", "sugiura-seisakusho"),  # one letter wrong
    ("sugira", "sugiura-seisakusho"),  # one letter missing
    ("すぎうろ", "sugiura-seisakusho"),
    ("スギウワ", "sugiura-seisakusho"),
    ("okouchi", "okochi-seisakusho"),  # Hepburn variants of オオコウチ: o, oo, ou, oh
    ("ohkochi", "okochi-seisakusho"),
    ("oukouchi", "okochi-seisakusho"),
])
def test_a_name_misspelt_in_romaji_or_kana_finds_the_company_at_once(page, base, typed, slug):
    open_search(page, base, typed)
    assert in_order(page)[:1] == [slug]
    name = PROFILES[slug]["name"]["ja"]
    box = page.locator("#search-q").input_value()
    assert box in name and box  # the box says what was searched: the name, without its legal form
    assert typed in page.locator(".search-help").inner_text()  # and a line says it was not what was typed
    assert "q=" in page.url and typed not in page.url
    before = done(page)
    page.locator(".search-help-action").click()  # "search as typed"
    searched(page, before)
    assert page.locator("#search-q").input_value() == typed


def test_a_word_as_close_to_several_names_is_not_guessed(page, base):
    open_search(page, base, "momijo")  # モミジ… is the start of several names
    assert page.locator("#search-q").input_value() == "momijo"


# --- 2. the filters read from the box go with their words ---

def test_clearing_the_filters_read_from_the_box_takes_their_words_out(page, base):
    open_search(page, base, "プレス 200t")
    assert page.locator(".search-chips .chip").count() == 2  # the press filter and its size
    before = done(page)
    page.locator(".search-clear").click()
    searched(page, before)
    assert page.locator("#search-q").input_value() == ""
    assert page.locator(".search-chips .chip").count() == 0 and "?" not in page.url
    assert page.eval_on_selector_all(".facet input:checked", "es => es.length") == 0
    open_search(page, base, "溶接 プレス 200t")
    before = done(page)
    page.locator(".search-clear").click()
    searched(page, before)
    assert page.locator("#search-q").input_value() == "溶接"
    assert page.url.endswith("?q=%E6%BA%B6%E6%8E%A5")  # q=溶接 and no filter
    assert WELDING <= set(in_order(page))


def test_removing_a_chip_read_from_the_box_takes_the_words_out(page, base):
    """The size chip removed: the box keeps 溶接 (searched as a word), the press filter stays as its chip, and the
    address opened again gives the same page (with the old text it would tick the size again)."""
    open_search(page, base, "溶接 プレス 200t")
    before = done(page)
    page.locator(".search-chips .chip", has_text="200").click()
    searched(page, before)
    state = lambda: (page.locator("#search-q").input_value(), page.locator(".search-chips .chip").all_inner_texts())
    assert state() == ("溶接", ["プレス機"]) and "200" not in page.url
    shown = in_order(page)
    page.goto(page.url)
    searched(page)
    assert state() == ("溶接", ["プレス機"]) and in_order(page) == shown


# --- 3. ISO 9001 however it is typed ---

@pytest.mark.parametrize("typed, lang", [("ISO9001", "ja"), ("ＩＳＯ９００１", "ja"), ("ISO 9001", "ja"),
                                         ("iso9001", "ja"), ("ISO9001", "en"), ("ＩＳＯ９００１", "en")])
def test_iso_9001_finds_every_certified_company_and_no_other(page, base, typed, lang):
    open_search(page, base, typed, lang)
    assert set(in_order(page)) == iso_9001()


# --- 4. the company that does it comes first ---

@pytest.mark.parametrize("typed", ["窒化", "産業機械"])
def test_a_company_whose_products_or_equipment_carry_the_word_comes_first(page, base, typed):
    """First the companies whose industry names the word (産業機械 is an alias of production-machinery, 生産用機械器具
    製造業: what the company is outweighs a product, outsider buyer, session 16), then those whose products or
    equipment carry it, then the rest."""
    open_search(page, base, typed)
    found = in_order(page)
    makers = making(typed)
    industry = {s for s, p in PROFILES.items() if "production-machinery" in (p.get("industries") or [])} \
        if typed == "産業機械" else set()
    assert set(found[:len(industry)]) == industry and set(found[len(industry):len(industry) + len(makers)]) == makers, found


def test_a_product_for_the_thing_is_not_the_thing(page, base):
    """食品機械: fujimaki-food-machinery makes food machinery (its catchphrase: ステンレス食品機械); kawabata-gomu
    makes 食品機械用ゴム部品, rubber parts for it."""
    assert making("食品機械") == {"kawabata-gomu"}
    open_search(page, base, "食品機械")
    assert in_order(page)[:2] == ["fujimaki-food-machinery", "kawabata-gomu"]


# --- 5. doers first over every page, not page by page ---

@pytest.mark.parametrize("typed, key", [("組立", "assembly"), ("検査", "inspection"), ("設計", "design")])
def test_companies_that_do_it_come_before_those_that_mention_it_on_every_page(page, base, typed, key):
    open_search(page, base, typed)
    found = in_order(page)
    doers = doing(key)
    assert len(found) > 10  # more than one page
    places = [i for i, s in enumerate(found) if s in doers]
    assert places == list(range(len(places))), found  # every doer before every other result
    assert doers <= set(found)


# --- 6. the "why" line says what matched ---

def test_a_place_is_a_reason_only_when_typed(page, base):
    open_search(page, base, "momiji")  # in names (Momiji Yogyo …) and in every address (紅葉川市): not the area
    whys = page.eval_on_selector_all(".result-why", "ps => ps.map(p => p.textContent)")
    assert not [w for w in whys if "紅葉台" in w]
    open_search(page, base, "紅葉台")
    lines = page.eval_on_selector_all(".result", "ls => ls.map(l => [l.querySelector('.result-title a').href, "
                                      "(l.querySelector('.result-why') || {}).textContent || ''])")
    assert {slug_of(h) for h, w in lines if "紅葉台地区" in w} == MOMIJIDAI


def test_a_piece_of_a_compound_is_no_reason(page, base):
    """産業機械 is searched as 産業 and 機械; 機械 alone (機械加工, an alias of 切削加工) does not make a technology the reason.
    No profile lists 産業機械 among its technologies."""
    open_search(page, base, "産業機械")
    whys = page.eval_on_selector_all(".result-why", "ps => ps.map(p => p.textContent)")
    assert whys and not [w for w in whys if "技術" in w or "切削" in w]
