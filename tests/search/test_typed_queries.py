"""What a buyer types, understood through the site's own search page in headless Chromium (outsider buyer 11):
diameter signs (旋盤 φ400, lathe Ø400), a size that keeps its machine word (ダイカスト 800t is die-casting machines of
800 t or more, not every clamping force), lengths in metres or bare after a machine word (ベンダー 4m, ベンダー 4000),
figures between the filter steps filtered on the companies' own figures (プレス 1000t, ロット 50000個), the words kept
in the box, and no request for a search file that does not exist.

Every expectation is computed here from content/companies/*/company.yaml and machines.yaml, read with PyYAML.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from search.test_facts_search import machines_where, profiles, resolve, takes_lot, vocabulary
from search.test_search_page import base, page, searched, shown  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

FIGURES = vocabulary("machines")["figures"]
LATHES = set(FIGURES["diameter_mm"]["facet_types"])  # the types a work diameter is filtered on


def reaching(figure: str, n: float, types: set[str] | None = None) -> set[str]:
    """Companies with a machine of `types` (default: the figure's own) whose `figure` is n or more."""
    types = types or set(FIGURES[figure]["facet_types"])
    return machines_where(lambda key, group, f: key in types and f.get(figure, 0) >= n)


CASES = [
    ("ja", "旋盤 φ400", reaching("diameter_mm", 400, LATHES)),
    ("ja", "旋盤 Φ400", reaching("diameter_mm", 400, LATHES)),
    ("ja", "φ300", reaching("diameter_mm", 300)),
    ("ja", "⌀300", reaching("diameter_mm", 300)),
    ("en", "lathe Ø400", reaching("diameter_mm", 400, LATHES)),
    ("ja", "ダイカスト 800t", reaching("clamping_t", 800, {"die-casting"})),
    ("ja", "射出成形 350t", reaching("clamping_t", 350, {"injection-molding"})),
    ("ja", "ベンダー 4m", reaching("bed_mm", 4000)),
    ("ja", "ベンダー 4000", reaching("bed_mm", 4000)),
    ("en", "press brake 4 m", reaching("bed_mm", 4000)),
    ("ja", "プレス 1000t", reaching("tonnage_t", 1000)),
    # English plurals and "over" before the figure (outsider buyer, session 14: 2 of the 4 presses of 200 t or more)
    ("en", "presses over 200 tons", reaching("tonnage_t", 200)),
    ("ja", "ロット 50000個", takes_lot(50000)),
]


def test_the_cases_tell_a_step_from_the_figure():
    """Each case must exclude someone the step below it would list, or it cannot catch rounding down."""
    assert reaching("tonnage_t", 500) - reaching("tonnage_t", 1000)  # a 500 t press shop
    assert takes_lot(10000) - takes_lot(50000)  # a maximum lot of 20,000
    assert reaching("clamping_t", 350) - reaching("clamping_t", 800, {"die-casting"})  # moulders of 350 t and more
    assert reaching("bed_mm", 2000) - reaching("bed_mm", 4000)
    assert reaching("diameter_mm", 100, LATHES) - reaching("diameter_mm", 400, LATHES)
    for lang, typed, expected in CASES:
        assert expected and len(expected) < len(profiles()), typed


@pytest.mark.parametrize("lang, typed, expected", CASES, ids=[c[1] for c in CASES])
def test_a_typed_size_lists_who_reaches_it_with_its_machine(page, base, lang, typed, expected):
    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(typed))
    searched(page)
    assert shown(page) == expected
    assert page.input_value("#search-q") == typed  # the buyer's words stay in the box
    assert page.locator(".search-typed").inner_text()  # a line says what the figure became
    # each result shows its own figure (加圧能力：2,500 t), not only the step
    assert page.locator(".result-figures").count() == len(expected)


def test_removing_the_size_chip_drops_the_exact_figure_too(page, base):
    page.goto(base + "search/index.html?q=" + quote("プレス 1000t"))
    searched(page)
    done = page.evaluate("document.getElementById('search').dataset.done")
    page.locator(".search-chips .chip", has_text="500").click()
    searched(page, done)
    assert shown(page) == machines_where(lambda key, group, f: key == "press")
    # the removed chip stays removed: the words read as filters leave the box with it (the address with them would
    # tick the size again), the press filter stays as its chip
    assert page.input_value("#search-q") == "" and "1000t" not in page.url
    assert page.locator(".search-chips .chip").all_inner_texts() == ["プレス機"]


def test_a_word_nothing_matches_offers_the_search_without_it(page, base):
    page.goto(base + "search/index.html?q=" + quote("旋盤 φ400 zzqx"))
    searched(page)
    assert shown(page) == set()
    done = page.evaluate("document.getElementById('search').dataset.done")
    page.locator(".search-help .search-help-action", has_text="zzqx").click()
    searched(page, done)
    assert shown(page) == reaching("diameter_mm", 400, LATHES)


def test_a_search_asks_only_for_files_that_exist(page, base):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for typed in ["プレス", "wire EDM", "certified welder", "hosino seiko", "すぎうわ", "ohkochi", "zzqx", "φ400",
                  "ようせつ", "kakou"]:
        page.goto(base + "search/index.html?q=" + quote(typed))
        searched(page)
    assert missing == []


# --- spellings, typos and "did you mean" (outsider buyer 11, items 4, 6 and 13) ---

WIRE_EDM = machines_where(lambda key, group, f: key == "wire-edm")


@pytest.mark.parametrize("short, long", [("レーザ加工", "レーザー加工"), ("ワイヤ放電", "ワイヤー放電"),
                                         ("ワイヤカット", "ワイヤーカット")])
def test_a_word_with_or_without_its_long_vowel_finds_the_same(page, base, short, long):
    found = []
    for typed in (short, long):
        page.goto(base + "search/index.html?q=" + quote(typed))
        searched(page)
        found.append(shown(page))
    assert found[0] == found[1] and found[0]


@pytest.mark.parametrize("typed", ["ワイヤーカット", "ワイヤ放電"])
def test_wire_cut_finds_every_wire_edm_owner(page, base, typed):
    assert len(WIRE_EDM) >= 4
    page.goto(base + "search/index.html?q=" + quote(typed))
    searched(page)
    assert WIRE_EDM <= shown(page)


@pytest.mark.parametrize("typed, slug", [("hosino seiko", "hoshino-seiko"), ("ohkochi", "okochi-seisakusho"),
                                         ("oukouchi", "okochi-seisakusho")])
def test_a_name_in_kunrei_romaji_or_with_oh_leads_to_the_company(page, base, typed, slug):
    assert slug in profiles()
    page.goto(base + "search/index.html?q=" + quote(typed))
    searched(page)
    if slug not in shown(page):  # not found as typed: "did you mean" leads there
        done = page.evaluate("document.getElementById('search').dataset.done")
        page.locator(".search-suggest a").first.click()
        searched(page, done)
        assert slug in shown(page)


def test_a_missing_small_tsu_leads_to_the_word(page, base):
    """せつさく for せっさく (切削): the suggestion finds the cutting companies of the profiles."""
    cutting = {s for s, d in profiles().items()
               if "cutting" in {resolve("technologies", w) for w in d.get("technologies") or []}}
    assert cutting
    page.goto(base + "search/index.html?q=" + quote("せつさく"))
    searched(page)
    done = page.evaluate("document.getElementById('search').dataset.done")
    link = page.locator(".search-suggest a", has_text="せっさく")
    link.click()
    searched(page, done)
    assert cutting <= shown(page)


@pytest.mark.parametrize("lang, typed", [("en", "TIG welding"), ("ja", "ワイヤーカット"), ("ja", "ワイヤ放電")])
def test_did_you_mean_offers_nothing_unrelated_nor_the_same_list(page, base, lang, typed):
    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(typed))
    searched(page)
    before = shown(page)
    offers = page.locator(".search-suggest a").all_inner_texts()
    assert not [o for o in offers if "jig" in o.casefold()]
    for offer in offers:  # each leads somewhere else than the list already shown
        page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(typed))
        searched(page)
        done = page.evaluate("document.getElementById('search').dataset.done")
        page.locator(".search-suggest a", has_text=offer).first.click()
        searched(page, done)
        assert shown(page) != before, offer
