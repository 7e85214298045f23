"""What a buyer sees on the result list, in headless Chromium through the site's own search page: who does a process
comes before who only names it, and a result says why it is there.

Expectations from the sample profiles (content/companies/*/company.yaml):
- plating (めっき) among technologies: aoba-mekki, muramatsu-mekki, techno-plate; colortech-momiji, momiji-denki and
  momijigawa-kogyo only use SECC sheet (materials: secc, SECC（電気亜鉛めっき鋼板）); momijigawa-kogyo is in kita.
- heat treatment (熱処理) among technologies or accepts: iwabuchi-tanko, momiji-diecast, momiji-shoketsu, owada-spring,
  thermo-giken; yamada-seiki only gives it out (outsources: heat-treatment) and its PR names it.
- iwabuchi-tanko's PR names 金型設計; its qualification 金属熱処理技能士 has nothing to do with 金型.
"""
import pytest

from generator.search.recall import slug_of
from search.test_search_page import base, page, searched  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PLATERS = {"aoba-mekki", "muramatsu-mekki", "techno-plate"}
ZINC_PLATERS = {"aoba-mekki", "muramatsu-mekki"}
SECC_USERS = {"colortech-momiji", "momiji-denki", "momijigawa-kogyo"}
HEAT_TREATERS = {"iwabuchi-tanko", "momiji-diecast", "momiji-shoketsu", "owada-spring", "thermo-giken"}


def results(page) -> list[str]:
    """The slugs of the results on screen, in order."""
    return [slug_of(h) for h in page.eval_on_selector_all(".result-title a", "as => as.map(a => a.href)")]


@pytest.mark.parametrize("path", ["search/index.html?q=めっき", "en/search/index.html?q=plating"])
def test_platers_are_found_for_plating_not_the_shops_that_use_plated_sheet(page, base, path):
    page.goto(base + path)
    searched(page)
    found = results(page)
    assert set(found[:3]) == PLATERS, found
    assert not SECC_USERS & set(found), found


def test_zinc_platers_come_first_for_zinc_plating(page, base):
    """Zinc plating is narrower than plating: aoba-mekki (亜鉛めっき) and muramatsu-mekki (バレルメッキ（亜鉛・
    ニッケル）) do it, techno-plate does not; the SECC users' pages name 電気亜鉛めっき鋼板, so they may follow, never
    lead."""
    page.goto(base + "en/search/index.html?q=zinc+plating")
    searched(page)
    found = results(page)
    assert set(found[:2]) == ZINC_PLATERS, found
    assert not set(found) - ZINC_PLATERS - SECC_USERS, found


def test_plating_in_an_area_without_a_plater_finds_no_sheet_metal_shop(page, base):
    page.goto(base + "search/index.html?q=めっき&areas=kita")
    searched(page)
    assert "momijigawa-kogyo" not in results(page)


def test_who_does_heat_treatment_comes_before_who_gives_it_out_with_the_reason(page, base):
    page.goto(base + "search/index.html?q=熱処理")
    searched(page)
    assert set(results(page)) == HEAT_TREATERS  # who gives it out is no heat treater: one click away (session 16)
    before = page.evaluate("document.getElementById('search').dataset.done")
    page.locator(".search-help-action", has_text="熱処理").click()
    searched(page, before)
    found = results(page)
    assert set(found[:len(HEAT_TREATERS)]) == HEAT_TREATERS, found
    assert "yamada-seiki" in found[len(HEAT_TREATERS):]
    yamada = page.locator(".result", has=page.locator("a[href*='yamada-seiki']"))
    assert "外注している工程：熱処理" in yamada.locator(".result-why").inner_text()
    assert "「熱処理」は、この企業の技術・受託できる工程には挙がっていません" in yamada.locator(".result-note").inner_text()
    doer = page.locator(".result", has=page.locator("a[href*='thermo-giken']"))
    assert doer.locator(".result-note").count() == 0


def test_a_reason_is_never_a_word_that_only_shares_a_kanji_with_the_query(page, base):
    page.goto(base + "search/index.html?q=金型")
    searched(page)
    why = page.eval_on_selector_all(".result-why", "ps => ps.map(p => p.innerText)")
    assert why and not any("金属熱処理技能士" in w or "金属プレス" in w for w in why), why


def test_after_a_size_search_each_result_says_which_machines_meet_it(page, base):
    """Presses of 200 t or more (m-tonnage_t=200): hoshino-seiko has 3 servo presses of 200 t (model H1F200) and 12
    progressive presses of 60–300 t (no one model: up to 300 t); its 150 t presses do not meet it."""
    page.goto(base + "search/index.html?m-tonnage_t=200")
    searched(page)
    hoshino = page.locator(".result", has=page.locator("a[href*='hoshino-seiko']"))
    assert hoshino.locator(".result-figures").inner_text() == "条件に合う設備： プレス機 200 t ×3、プレス機 最大300 t ×12"
    page.goto(base + "en/search/index.html?m-tonnage_t=200")
    searched(page)
    hoshino = page.locator(".result", has=page.locator("a[href*='hoshino-seiko']"))
    assert hoshino.locator(".result-figures").inner_text() == "Meets the size: Press 200 t ×3, Press up to 300 t ×12"


def test_a_machine_types_page_lists_each_companys_key_figures(page, base):
    # hoshino-seiko's profile: 4 presses of 150 t, 3 of 200 t, 12 of 60 to 300 t (tonnage_t: [60, 300])
    page.goto(base + "machines/press/index.html")
    card = page.locator(".card", has=page.locator("a[href*='hoshino-seiko']"))
    assert card.locator(".card-figures").inner_text() == "150 t ×4、200 t ×3、60〜300 t ×12"


def test_back_steps_back_through_the_filters_ticked(page, base):
    """Outsider buyer (item 11): ticking filters made no history entries, so Back left the search page."""
    page.goto(base + "index.html")
    page.goto(base + "search/index.html")
    searched(page)
    for value in ("press", "welding"):
        done = page.evaluate("document.getElementById('search').dataset.done")
        page.locator(f"input[name='technologies'][value='{value}']").check()
        searched(page, done)
    assert "technologies=press&technologies=welding" in page.url
    done = page.evaluate("document.getElementById('search').dataset.done")
    page.go_back()
    searched(page, done)
    assert page.url.endswith("search/index.html?technologies=press")
    press, welding = (page.locator(f"input[name='technologies'][value='{v}']") for v in ("press", "welding"))
    assert press.is_checked() and not welding.is_checked()
    page.go_back()
    page.wait_for_function("!document.querySelector(\"input[name='technologies'][value='press']\").checked",
                           timeout=60_000)
    assert page.url.endswith("search/index.html")


def test_on_a_phone_the_first_result_is_on_the_first_screen(browser, base):
    """Outsider buyer (item 16): at 390 px the first result came after 12 filter buttons (y≈776 of 844); the filters
    fold into one control; the footer's phone number is never broken."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "search/index.html?q=溶接&technologies=welding")
    searched(page)
    first = page.locator(".result").first.locator(".result-title").bounding_box()
    assert first["y"] + first["height"] < 600, first
    assert page.locator(".facet").first.is_hidden() and page.locator(".filters-toggle").is_visible()
    assert page.locator(".filters-toggle").inner_text().endswith("（1）")
    assert page.evaluate("document.querySelector('.site-footer .no-break').getClientRects().length") == 1
    page.close()
