"""A buyer looking for a second source (outsider buyer, session 14; search15): machine names however they are spelt,
misreadings and typos, half-nonsense queries said as such, why an address matched, typed lead times and tolerances.
Through the site's own search page in headless Chromium.

Every expectation is read from the sample profiles (content/companies/*/company.yaml) by the helpers below, or
written out from them.
"""
import pytest

from generator.search.recall import slug_of
from search.test_search_page import base, page, searched  # noqa: F401 (fixtures)
from search.test_search_trust import PROFILES, WELDING, in_order, open_search

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def with_machining_centre() -> set[str]:
    """The companies with a machining centre among their equipment: a type of the machining-centre kind (mc-…) or
    a name that says マシニングセンタ."""
    return {slug for slug, p in PROFILES.items() for e in p.get("equipment") or []
            if str(e.get("type", "")).startswith("mc-") or "マシニングセンタ" in str(e.get("name", ""))}


def test_the_profiles_say_what_the_tests_expect():
    assert with_machining_centre() == {"arai-kanagata", "axis-seiko", "fujimaki-food-machinery", "marutaka-kasei",
                                       "momiji-diecast", "momiji-yogyo", "okochi-seisakusho", "saegusa-iko",
                                       "yamada-seiki"}


@pytest.mark.parametrize("typed", ["マシニングセンター", "マシニングセンタ"])
def test_every_company_with_a_machining_centre_is_found_however_it_is_spelt(page, base, typed):
    """Pagefind 1.6 looks each word of a query up in one index file only: a page whose form of a word sits in the
    next file is not found by the words, only by the phrase (both spellings are searched as phrases, search.js run)."""
    open_search(page, base, typed)
    assert set(in_order(page)) == with_machining_centre()


def doing(key: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if key in (p.get("technologies") or [])}


def test_the_misreading_of_a_word_finds_its_companies_first(page, base):
    """きんがた is a common misreading of 金型 (read かながた): content/taxonomies/readings.yaml gives it, so it is searched
    as 金型: the mould makers (technologies: mold-making) first, not the four unrelated companies its kana matched."""
    makers = doing("mold-making")
    assert makers == {"arai-kanagata", "hoshino-seiko", "kawabata-gomu", "marutaka-kasei", "momiji-diecast"}
    for typed in ("きんがた", "kingata"):
        open_search(page, base, typed)
        assert set(in_order(page)[:len(makers)]) == makers, typed


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_misspelt_vocabulary_word_is_searched_as_the_word(page, base, lang):
    """weldng is one letter from welding and from no other word of the vocabulary: it is searched as welding at once
    (the welders, no other company), with a line saying so and a button to search it as typed."""
    open_search(page, base, "weldng", lang)
    assert set(in_order(page)) == WELDING
    help_text = page.locator(".search-help").inner_text()
    assert "weldng" in help_text and "welding" in help_text
    assert page.locator(".search-help-action").count() == 1


def test_a_query_partly_matched_says_which_words_matched_nothing(page, base):
    """XYZ合金: Pagefind finds the pages of 合金 and drops XYZ, which no page has: the page says so and offers 合金
    alone; a query whose every word matches (溶接 ステンレス) says nothing of the kind."""
    assert not any("XYZ" in str(p) for p in PROFILES.values())
    open_search(page, base, "XYZ合金")
    line = page.locator(".search-help-line", has_text="XYZ")
    assert line.count() == 1 and "合金" in line.inner_text()
    before = page.evaluate("document.getElementById('search').dataset.done")
    line.locator(".search-help-action").click()
    searched(page, before)
    assert page.locator("#search-q").input_value() == "合金"
    for typed in ("溶接 ステンレス", "アルミ ダイカスト", "5軸加工"):
        open_search(page, base, typed)
        assert page.locator(".search-help-line").count() == 0, typed


@pytest.mark.parametrize("lang, typed, shown", [("ja", "桜ケ丘", "所在地："), ("en", "Sakuragaoka", "Address: ")])
def test_an_address_match_says_it_matched_the_address(page, base, lang, typed, shown):
    """arai-kanagata's street is 桜ケ丘2-3-11 (2-3-11 Sakuragaoka), a word of no other profile: its result says the
    address matched."""
    holders = {slug for slug, p in PROFILES.items() if "桜ケ丘" in str(p.get("address", {}).get("street", ""))}
    assert holders == {"arai-kanagata"}
    open_search(page, base, typed, lang)
    assert in_order(page) == ["arai-kanagata"]
    a = PROFILES["arai-kanagata"]["address"]
    why = page.locator(".result-why").inner_text()
    assert shown in why and (a["prefecture"] + a["city"] + a["street"] if lang == "ja" else typed) in why


def lowest(value) -> float:
    """A capacity figure's best end: the lower end of a range ([5, 20] days)."""
    return min(value) if isinstance(value, list) else value


def capable(field: str, at_most: float) -> set[str]:
    return {slug for slug, p in PROFILES.items()
            if (p.get("capacity") or {}).get(field) is not None and lowest(p["capacity"][field]) <= at_most}


@pytest.mark.parametrize("lang, typed, field, figure, chip", [
    ("ja", "納期 7日", "lead_time_days", 7, "納期 7日以内"),
    ("ja", "7日以内", "lead_time_days", 7, "納期 7日以内"),
    ("en", "lead time 14 days", "lead_time_days", 14, "Lead time within 14 days"),
    ("en", "within 7 days", "lead_time_days", 7, "Lead time within 7 days"),
    ("ja", "公差 0.01", "tolerance_mm", 0.01, "公差（精度） ±0.01 mm 以内"),
    ("ja", "公差 ±0.005mm", "tolerance_mm", 0.005, "公差（精度） ±0.005 mm 以内"),
    ("en", "tolerance 0.01 mm", "tolerance_mm", 0.01, "Tolerance within ±0.01 mm"),
])
def test_a_lead_time_or_tolerance_typed_is_its_filter(page, base, lang, typed, field, figure, chip):
    """As プレス 200t ticks the press range: a lead time or a tolerance typed ticks its "at most" step, and the
    companies listed are those whose figure (or the better end of its range) is within it."""
    open_search(page, base, typed, lang)
    assert page.locator(".search-chips .chip").all_inner_texts() == [chip]
    assert set(in_order(page)) == capable(field, figure)


def test_a_tolerance_between_steps_takes_the_step_holding_it_and_says_so(page, base):
    open_search(page, base, "公差 0.02mm")
    assert page.locator(".search-chips .chip").all_inner_texts() == ["公差（精度） ±0.05 mm 以内"]
    assert set(in_order(page)) == capable("tolerance_mm", 0.05)
    assert "0.02" in page.locator(".search-typed").inner_text()


def secc_users() -> set[str]:
    """The companies that list SECC (zinc-coated sheet) among their materials: they use zinc, they do not plate."""
    return {slug for slug, p in PROFILES.items() if "secc" in (p.get("materials") or [])}


@pytest.mark.parametrize("lang, typed", [("ja", "亜鉛めっき"), ("ja", "亜鉛"), ("en", "zinc"), ("en", "zinc plating")])
def test_shops_that_only_use_zinc_coated_sheet_come_after_the_platers_matched_by_the_material(page, base, lang, typed):
    """The zinc platers (aoba-mekki: 亜鉛めっき; muramatsu-mekki: バレルメッキ（亜鉛・ニッケル）) first; a shop that
    lists SECC comes after both, and its result says it matched by a material, never by a process of its own."""
    platers = {"aoba-mekki", "muramatsu-mekki"}
    assert all("plating" in PROFILES[s]["technologies"] for s in platers)
    users = secc_users() - platers
    assert users and not any("plating" in (PROFILES[s].get("technologies") or []) for s in users)
    open_search(page, base, typed, lang)
    order = in_order(page)
    assert set(order[:2]) == platers
    whys = page.eval_on_selector_all(".result", "rs => rs.map(r => [r.querySelector('.result-title a').href, "
                                     "(r.querySelector('.result-why') || {}).textContent || ''])")
    for href, why in whys:
        slug = slug_of(href)
        if slug in users:
            assert ("材" if lang == "ja" else "Material") in why and ("技術：" not in why and "Technologies:" not in why), (slug, why)


def test_a_result_downloads_its_text_only_when_the_page_needs_it(page, base):
    """A fragment holds no text (generator/search/compact.py): 溶接 is in the terms and machines of the welders, which
    say why they matched without their texts (only a result that shows nothing of why downloads its own); 紅葉 is in
    some names and in every address (紅葉川市): a result whose name and catchphrase do not hold it downloads its own
    text and says the address matched."""
    texts = []
    page.on("request", lambda r: texts.append(r.url) if "/text/" in r.url else None)
    open_search(page, base, "溶接")
    assert set(in_order(page)) >= WELDING
    for li in page.locator(".results li").all():
        slug = slug_of(li.locator(".result-title a").get_attribute("href"))
        if "welding" in PROFILES[slug].get("technologies", []):
            assert "技術：溶接" in li.locator(".result-why").inner_text(), slug
    mute = page.locator(".results li").filter(has_not=page.locator(".result-why, mark")).count()
    assert len(texts) == mute < len(WELDING)
    texts.clear()
    open_search(page, base, "紅葉")
    silent = 0
    for li in page.locator(".results li").all():
        slug = slug_of(li.locator(".result-title a").get_attribute("href"))
        p = PROFILES[slug]
        summary = p.get("summary") or ""
        if "紅葉" in p["name"]["ja"] + (summary.get("ja", "") if isinstance(summary, dict) else summary):
            assert li.locator(".result-title mark, .result-summary mark").count(), slug
            continue
        silent += 1
        a = p["address"]
        assert "紅葉" in a["city"] + a["street"]
        assert "所在地：" + a["prefecture"] + a["city"] + a["street"] in li.locator(".result-why").inner_text(), slug
    assert silent and 0 < len(texts) <= silent


def test_a_two_kanji_typo_is_offered_the_word_it_is_one_kanji_from(page, base):
    """溶節 (outsider buyer, session 16): Pagefind fell back to 溶 and listed 13 companies, foundries among them, with
    nothing said; 溶節 is one kanji from 溶接 (welding's label), so the page offers 溶接, which finds the welders."""
    assert not any("溶節" in str(p) for p in PROFILES.values())
    open_search(page, base, "溶節")
    offer = page.locator(".search-suggest a", has_text="溶接")
    offer.first.wait_for(timeout=60_000)
    before = page.evaluate("document.getElementById('search').dataset.done")
    offer.first.click()
    searched(page, before)
    assert page.locator("#search-q").input_value() == "溶接"
    assert set(in_order(page)[:len(WELDING)]) == WELDING
