"""The search page as a buyer uses it, in headless Chromium: filters OR inside a group and AND across groups, counts
of what a value would give, removable chips, the state in the address, and help when nothing is found.

Every expectation is read from the sample profiles (content/companies/*/company.yaml): areas kita = 北部工業団地
(arc-laser, axis-seiko, momijigawa-kogyo, thermo-giken, yamada-seiki), minato = 港地区 (aoba-mekki, minato-giken,
momijigawa-kagaku, okochi-seisakusho, takeuchi-tekkosho); welding (溶接) = arc-laser, fujimaki-food-machinery,
hoshino-seiko, maruyama-kogyo, momijigawa-kogyo, okochi-seisakusho, takeuchi-tekkosho; no welding company is in
nishi (西部地区).
"""
import pytest

from generator.search.recall import served, slug_of

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

KITA = {"arc-laser", "axis-seiko", "momijigawa-kogyo", "thermo-giken", "yamada-seiki"}
MINATO = {"aoba-mekki", "minato-giken", "momijigawa-kagaku", "okochi-seisakusho", "takeuchi-tekkosho"}
WELDING = {"arc-laser", "fujimaki-food-machinery", "hoshino-seiko", "maruyama-kogyo", "momijigawa-kogyo",
           "okochi-seisakusho", "takeuchi-tekkosho"}


@pytest.fixture(scope="module")
def base(sample_build):
    with served(sample_build / "site") as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def searched(page, serial_before: str = "") -> None:
    """Wait until the page has finished the search started last."""
    page.wait_for_function(f"(b => b.dataset.done && b.dataset.done !== '{serial_before}')"
                           "(document.getElementById('search'))", timeout=60_000)


def shown(page) -> set[str]:
    """Slugs of every result, pressing "more" until all are on screen."""
    while page.locator(".search-more").is_visible():
        # "more" keeps the search's serial: it empties `done` on click and sets the same value back when shown
        page.locator(".search-more").click()
        searched(page)
    return {slug_of(href) for href in page.eval_on_selector_all(".result-title a", "as => as.map(a => a.href)")}


def count(page, name: str, value: str) -> int:
    return int(page.locator(f".facet-value:has(input[name='{name}'][value='{value}']) .facet-count").inner_text())


def tick(page, name: str, value: str) -> None:
    done = page.evaluate("document.getElementById('search').dataset.done")
    facet = page.locator(f".facet[data-facet='{name}']")
    if not facet.evaluate("f => f.open"):
        facet.locator("summary").click()
    page.locator(f"input[name='{name}'][value='{value}']").check()
    searched(page, done)


def test_values_of_one_group_are_alternatives_and_groups_narrow_each_other(page, base):
    page.goto(base + "search/index.html")
    searched(page)
    tick(page, "areas", "kita")
    assert shown(page) == KITA
    # every other area stays on screen with what ticking it would add (minato: 5), not what it has among kita (0)
    assert count(page, "areas", "minato") == len(MINATO) and page.locator("input[value='minato']").is_visible()
    tick(page, "areas", "minato")
    assert shown(page) == KITA | MINATO  # OR inside a group
    assert count(page, "areas", "kita") == len(KITA) and count(page, "areas", "minato") == len(MINATO)
    # technologies count among the companies of kita or minato: welding there is arc-laser, momijigawa-kogyo,
    # okochi-seisakusho, takeuchi-tekkosho
    assert count(page, "technologies", "welding") == 4
    tick(page, "technologies", "welding")
    assert shown(page) == (KITA | MINATO) & WELDING  # AND across groups
    # with welding ticked, an area counts the welding companies it would add (higashi: fujimaki-food-machinery)
    assert count(page, "areas", "higashi") == 1
    assert "areas=kita" in page.url and "areas=minato" in page.url and "technologies=welding" in page.url
    chips = page.locator(".search-chips .chip")
    assert chips.all_inner_texts() == ["溶接", "北部工業団地", "港地区"]  # in the order of the filter panel
    done = page.evaluate("document.getElementById('search').dataset.done")
    chips.filter(has_text="北部工業団地").click()  # a chip removes its filter
    searched(page, done)
    assert shown(page) == MINATO & WELDING and "areas=kita" not in page.url
    assert not page.locator("input[value='kita']").is_checked()


@pytest.mark.parametrize("lang, field", [("ja", "kana"), ("en", "en")])
def test_results_of_filters_alone_come_in_the_order_of_names(page, base, lang, field):
    """A search without words lists its results by name: 50音 (name.kana) on the Japanese page, A–Z (name.en) on the
    English one, as Pagefind sorts the names (by code point), from each bundle's order file."""
    from pathlib import Path

    import yaml

    content = Path(__file__).resolve().parents[2] / "content" / "companies"
    names = {slug: yaml.safe_load((content / slug / "company.yaml").read_text(encoding="utf-8"))["name"][field]
             for slug in KITA}
    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?areas=kita")
    searched(page)
    on_screen = [slug_of(h) for h in page.eval_on_selector_all(".result-title a", "as => as.map(a => a.href)")]
    assert on_screen == sorted(KITA, key=names.get)


def test_the_address_keeps_the_state(page, base):
    page.goto(base + "search/index.html?q=溶接&areas=kita&areas=minato")
    searched(page)
    assert page.locator("#search-q").input_value() == "溶接"
    assert page.locator("input[value='kita']").is_checked() and page.locator("input[value='minato']").is_checked()
    assert shown(page) == (KITA | MINATO) & WELDING


def test_a_filter_that_empties_the_list_is_named_and_removed_in_one_click(page, base):
    page.goto(base + "search/index.html?q=溶接")
    searched(page)
    everyone = shown(page)
    assert WELDING <= everyone
    page.goto(base + "search/index.html?q=溶接&areas=nishi")
    searched(page)
    assert page.locator(".result").count() == 0
    help_text = page.locator(".search-help").inner_text()
    assert "西部地区" in help_text and f"{len(everyone)} 件" in help_text
    assert page.locator(".facet[data-facet='areas']").is_visible()  # the filters stay on screen
    done = page.evaluate("document.getElementById('search').dataset.done")
    page.locator(".search-help-action", has_text="西部地区").click()
    searched(page, done)
    assert shown(page) == everyone


@pytest.mark.parametrize("typed, meant, expected", [
    ("アルマイド", "アルマイト", {"techno-plate"}),  # the vocabulary (陽極酸化（アルマイト） and its aliases)
    # a name's reading one letter away (スギウワ) is searched as the name at once: test_search_trust.py
])
def test_a_misspelt_word_gets_a_suggestion_that_leads_to_results(page, base, typed, meant, expected):
    page.goto(base + f"search/index.html?q={typed}")
    searched(page)
    suggestion = page.locator(".search-suggest a").first
    assert suggestion.inner_text().startswith(meant)
    done = page.evaluate("document.getElementById('search').dataset.done")
    suggestion.click()
    searched(page, done)
    assert expected <= shown(page)
    assert page.locator("#search-q").input_value().startswith(meant)


def test_a_vocabulary_alias_typed_finds_every_company_of_its_term(page, base):
    """The pages do not carry the aliases (generator/search/variants.py): the search page searches an alias as its
    term's label. 焼鈍 and annealing are aliases of heat-treatment (熱処理) that no profile writes; the companies
    whose profile lists heat-treatment among its technologies are read from the YAML."""
    from pathlib import Path

    import yaml

    content = Path(__file__).resolve().parents[2] / "content"
    term = yaml.safe_load((content / "taxonomies" / "technologies.yaml").read_text(encoding="utf-8"))["terms"]
    assert {"焼鈍", "annealing"} <= set(term["heat-treatment"]["aliases"])
    profiles = [p.read_text(encoding="utf-8") for p in (content / "companies").glob("*/company.yaml")]
    assert not any("焼鈍" in text or "annealing" in text.lower() for text in profiles)
    doers = {p.parent.name for p in (content / "companies").glob("*/company.yaml")
             if "heat-treatment" in (yaml.safe_load(p.read_text(encoding="utf-8")).get("technologies") or [])}
    assert len(doers) >= 3
    for typed in ("焼鈍", "annealing"):
        page.goto(base + f"search/index.html?q={typed}")
        searched(page)
        assert doers <= shown(page), typed
        assert page.locator("#search-q").input_value() == typed  # the box keeps what the buyer typed
        why = page.locator(".result").first.locator(".result-why").inner_text()
        assert "熱処理" in why  # the term it matched, by its label


def test_a_result_says_why_it_matched_with_the_words_marked(page, base):
    page.goto(base + "search/index.html?q=バスバー")  # hoshino-seiko's product 車載用バスバー
    searched(page)
    result = page.locator(".result", has_text="星野精工")
    assert "製品：車載用バスバー" in result.locator(".result-why").inner_text()
    assert result.locator(".result-why mark").first.inner_text() == "バスバー"


def filter_files(requested: list[str]) -> int:
    """How many of Pagefind's filter files the page fetched (one per filter group and bundle)."""
    return len({u for u in requested if "/filter/" in u and u.endswith(".pf_filter")})


def facet_files(requested: list[str]) -> int:
    """How many of the bundles' own filter-count files (search/compact.py facets.json) the page fetched."""
    return len({u for u in requested if u.endswith("/facets.json")})


def test_a_closed_group_is_counted_when_it_is_opened(page, base):
    """Each filter group is a file to download: a search counts the groups on screen, one opened later then; the
    groups of the panels a wide screen opens are counted and applied from the bundle's small facets.json, another
    group's from its own facets-<group>.json once its panel is opened, none from Pagefind's filter files."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "search/index.html?areas=kita")
    searched(page)
    assert shown(page) == KITA
    # the sample is one search bundle: the ticked areas and the technologies panel open beside them, both from
    # facets.json, no filter file of Pagefind's
    assert sorted(page.evaluate("[...document.querySelectorAll('.facet[open]')].map(f => f.dataset.facet)")) \
        == ["areas", "technologies"]
    assert filter_files(requested) == 0 and facet_files(requested) == 1
    # technologies among the kita companies: welding arc-laser and momijigawa-kogyo
    assert count(page, "technologies", "welding") == 2
    certifications = page.locator(".facet[data-facet='certifications']")
    assert not certifications.evaluate("f => f.open")
    certifications.locator("summary").click()
    page.wait_for_function("document.querySelector(\".facet-value input[value='iso-14001']\")"
                           ".parentNode.querySelector('.facet-count').textContent !== ''", timeout=60_000)
    # among the kita companies: iso-9001 all five, iso-14001 momijigawa-kogyo and yamada-seiki, jis-q-9100 yamada-seiki
    assert count(page, "certifications", "iso-9001") == 5
    assert count(page, "certifications", "iso-14001") == 2
    assert count(page, "certifications", "jis-q-9100") == 1
    assert filter_files(requested) == 0 and facet_files(requested) == 1
    assert len({u for u in requested if u.endswith("/facets-certifications.json")}) == 1
    assert shown(page) == KITA  # the results stay as they were


def test_a_filtered_address_opened_cold_on_a_phone_shows_results_chips_and_counts(browser, base):
    """On a phone every panel starts folded: the ticked areas are applied from the bundle's facets.json (no filter
    file), and a panel's counts come when it is opened (the technologies' from the same file)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "search/index.html?q=溶接&areas=kita&areas=minato")
    searched(page)
    assert shown(page) == (KITA | MINATO) & WELDING
    assert page.locator(".search-chips .chip").all_inner_texts() == ["北部工業団地", "港地区"]
    assert page.evaluate("document.querySelectorAll('.facet[open]').length") == 0
    assert filter_files(requested) == 0 and facet_files(requested) == 1  # areas, ticked: counted without itself
    # 溶接 in kita: arc-laser, momijigawa-kogyo; in minato: okochi-seisakusho, takeuchi-tekkosho
    page.locator(".filters-toggle").click()  # a phone folds the filters into one control
    page.locator(".facet[data-facet='areas'] summary").click()
    assert count(page, "areas", "kita") == 2 and count(page, "areas", "minato") == 2
    page.locator(".facet[data-facet='technologies'] summary").click()
    page.wait_for_function("document.querySelector(\".facet-value input[value='welding']\")"
                           ".parentNode.querySelector('.facet-count').textContent !== ''", timeout=60_000)
    assert count(page, "technologies", "welding") == 4
    assert filter_files(requested) == 0 and facet_files(requested) == 1
    page.close()


def test_the_index_is_written_in_small_files(sample_build):
    """A search fetches, from every bundle, the index file holding each word typed: the files are smaller than
    Pagefind's default (about 20 KB each), so that a word costs a few KB (search/index.py INDEX_CHUNK)."""
    sizes = sorted(p.stat().st_size for p in (sample_build / "site" / "pagefind" / "index").glob("*.pf_index"))
    assert len(sizes) > 4 and sizes[len(sizes) // 2] < 10_000
