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
    page.goto(base + "search/index.html?q=アルミ")
    page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
    page.wait_for_selector(".pagefind-ui__filter-panel summary", timeout=60_000)  # filters load after results
    before = page.locator(".pagefind-ui__result").count()
    page.locator("summary", has_text="認証").first.click(timeout=60_000)
    page.locator(".pagefind-ui__filter-panel label", has_text="IATF 16949").first.click()
    # The list is redrawn (briefly empty) after the filter: wait for the filtered results themselves, not just for
    # fewer results, or the names below are read from a list being redrawn.
    page.wait_for_function(
        f"""(() => {{ const n = document.querySelectorAll('.pagefind-ui__result').length;
               const links = document.querySelectorAll('.pagefind-ui__result-link');
               const names = [...links].map(a => a.textContent.trim());
               return n > 0 && n < {before} && names.includes('株式会社紅葉ダイカスト'); }})()""", timeout=60_000)
    names = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "株式会社紅葉ダイカスト" in names
    meta = page.locator(".r-meta").first.inner_text()
    assert "紅葉台" in meta or "地区" in meta or meta  # area and technologies under each name
    assert page.locator(".pagefind-ui__result-image").count() >= 1  # thumbnails
    assert axe_violations(page) == []
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
    page.wait_for_selector(".pagefind-ui__result")
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
