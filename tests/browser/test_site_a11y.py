"""Accessibility and behaviour of the website in headless Chromium: axe-core, keyboard, search with filters, file://."""
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


@pytest.fixture(scope="module")
def base(sample_build):
    from generator.search.recall import served

    with served(sample_build / "site") as url:
        yield url


def axe_violations(page) -> list[str]:
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing (make setup runs npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))""")
    return result


@pytest.mark.parametrize("path", ["index.html", "en/index.html", "companies/yamada-seiki/index.html",
                                  "en/companies/sugiura-seisakusho/index.html", "technologies/cutting/index.html",
                                  "kana/index.html"])
def test_pages_have_no_axe_violations(browser, base, path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + path)
    assert axe_violations(page) == []
    page.close()


def test_axe_check_does_fail_on_a_known_violation(browser, base):
    """The checks above can fail: a company page whose photo lost its alt text is reported by axe."""
    page = browser.new_page()
    page.goto(base + "companies/yamada-seiki/index.html")
    assert page.evaluate("() => { const img = document.querySelector('main img[alt]'); img.removeAttribute('alt');"
                         " return img.hasAttribute('alt'); }") is False
    assert any(v.startswith("image-alt:") for v in axe_violations(page))
    page.close()


def test_search_results_with_a_filter_have_no_axe_violations(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "search/index.html?q=部品")  # a word that stays a word (アルミ is the aluminium filter now)
    page.wait_for_selector(".result", timeout=60_000)
    before = page.locator(".result").count()
    status = page.locator(".search-status").inner_text()
    assert status.startswith("「部品」の検索結果：") and int(status.split("：")[1].rstrip("件")) >= before == 10
    page.locator("summary", has_text="認証").first.click()
    page.locator(".facet-value", has_text="IATF 16949").first.click()
    # the list is redrawn after the filter: wait for the filtered results themselves, not just for fewer results
    page.wait_for_function(
        f"""(() => {{ const names = [...document.querySelectorAll('.result-title a')].map(a => a.textContent.trim());
               return names.length > 0 && names.length < {before} && names.includes('株式会社紅葉ダイカスト'); }})()""",
        timeout=60_000)
    assert "certifications=iatf-16949" in page.url  # the filter is in the address: the page can be shared
    meta = page.locator(".result", has_text="株式会社紅葉ダイカスト").locator(".result-meta").inner_text()
    assert meta.startswith("紅葉台地区 ・ ") and "切削加工" in meta  # area and technologies, in Japanese
    # the technologies count among these results; the ticked IATF 16949 counts all of them
    counts = page.evaluate("[...document.querySelectorAll('.facet[data-facet=technologies] .facet-count')]"
                           ".map(c => +c.textContent)")
    assert counts and max(counts) <= page.locator(".result").count()
    iatf = page.locator(".facet-value:has(input[value='iatf-16949']) .facet-count").inner_text()
    assert int(iatf) == page.locator(".result").count()
    assert page.locator(".result-thumb").count() >= 1  # thumbnails
    assert axe_violations(page) == []
    page.close()


def test_english_search_page_labels_filters_and_results_in_english(browser, base):
    """The English page searches the same index as the Japanese one and shows it in English."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "en/search/index.html?q=die+casting")
    page.wait_for_selector(".result", timeout=60_000)
    result = page.locator(".result", has_text="Momiji Diecast Co., Ltd.")
    assert result.count() == 1
    assert result.locator("a").get_attribute("href").endswith("/en/companies/momiji-diecast/")
    assert "Casting" in result.locator(".result-meta").inner_text()
    page.locator(".filters-toggle").click()  # on a phone the filters are folded behind one control
    page.locator("summary", has_text="Technologies").click()
    page.locator(".facet-value", has_text="Casting").first.click()
    page.wait_for_function("location.search.includes('technologies=casting')")
    page.wait_for_selector(".search-status:has-text('for “die casting”')")
    assert axe_violations(page) == []
    page.close()


def test_filters_alone_list_companies_and_load_more_moves_focus(browser, base):
    page = browser.new_page()
    page.goto(base + "search/index.html?technologies=welding")
    page.wait_for_selector(".result", timeout=60_000)
    status = page.locator(".search-status").inner_text()
    total = int(status.rstrip("件").split("：")[1])
    assert total > 10 or page.locator(".search-more").is_hidden()
    if total > 10:
        page.locator(".search-more").click()
        page.wait_for_function(f"document.querySelectorAll('.result').length == {min(total, 20)}")
        assert page.evaluate("document.activeElement.closest('.result') === document.querySelectorAll('.result')[10]")
    page.locator(".search-clear").click()
    page.wait_for_function("document.querySelectorAll('.result').length == 0")
    assert page.locator(".search-status").inner_text() == "言葉を入力するか、分類を選んで絞り込んでください。"
    page.close()


def test_keyboard_reaches_skip_link_then_search(browser, base):
    page = browser.new_page()
    page.goto(base + "companies/yamada-seiki/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(base + "index.html")
    page.focus("#q")
    page.keyboard.type("めっき")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result")
    assert "search/index.html?q=" in page.url
    page.close()


def test_search_page_opened_from_a_file_says_it_needs_http(browser, sample_build):
    page = browser.new_page()
    page.goto((sample_build / "site" / "search" / "index.html").as_uri())
    assert page.locator("#search-file-notice").is_visible()
    page.goto((sample_build / "site" / "index.html").as_uri())
    page.click("text=株式会社山田精機")  # plain links work from file://
    assert page.url.endswith("companies/yamada-seiki/index.html")
    page.close()


def test_links_that_stand_alone_on_a_company_page_are_thumb_sized_on_a_phone(browser, base):
    """Buyer, session 16: the equipment types, the map link, the mail address and 「この情報を修正する」 were 15–16 px
    tall at 390 px. okochi-seisakusho's profile has typed equipment and an e-mail address."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "companies/okochi-seisakusho/index.html")
    selectors = [".equipment .eq-type th a", ".map-link", "dd[data-compare='email'] a", ".edit-link a"]
    for selector in selectors:
        links = page.locator(selector)
        assert links.count() >= 1, selector
        heights = [links.nth(i).bounding_box()["height"] for i in range(links.count())]
        assert min(heights) >= 44, (selector, heights)
    page.close()
