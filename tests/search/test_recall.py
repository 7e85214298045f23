"""Search quality: a buyer's query set (tests/search/queries.yaml, written from the profiles) through the site's own
search page in headless Chromium, beside plain Pagefind on the same content."""
from pathlib import Path

import pytest

from generator.load import load_content
from generator.model import make_guide
from generator.search.index import index_search
from generator.search.recall import figures, load_queries, measure, plain_site, report
from generator.site.render import render_site
from generator.site.templates import theme_dirs

HERE = Path(__file__).parent
QUERIES = load_queries(HERE / "queries.yaml")
SAMPLE = HERE.parent.parent / "content"

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_query_set_is_big_varied_and_names_real_companies():
    kinds = {q["kind"] for q in QUERIES}
    assert len(QUERIES) >= 150
    assert {"term", "spelling", "compound", "product", "material", "name", "reading", "english", "concept", "typo",
            "filter"} <= kinds
    assert sum(1 for q in QUERIES if q.get("lang") == "en") >= 30
    assert sum(1 for q in QUERIES if q.get("filters")) >= 10
    slugs = {p.name for p in (SAMPLE / "companies").iterdir() if (p / "company.yaml").is_file()}
    for q in QUERIES:
        assert set(q["expect"]) | set(q.get("also", [])) <= slugs, q
        assert not set(q["expect"]) & set(q.get("also", [])), q
    # many queries expect several companies: the set asks for every company a buyer would expect, not one
    assert sum(1 for q in QUERIES if len(q["expect"]) >= 3) >= 60


@pytest.fixture(scope="module")
def ours(sample_build, browser):
    recall = measure(sample_build / "site", QUERIES, browser)
    print("\n" + report("search page", recall))
    return recall


def test_recall_within_the_first_results(ours):
    assert ours.value >= 0.97, report("search page", ours)


def test_first_result_is_right(ours):
    assert ours.first_right >= 0.95, report("search page", ours)


def test_names_by_their_reading_are_in_the_top_three(ours):
    assert ours.readings >= 0.95, report("search page", ours)


def test_precision(ours):
    assert ours.precision >= 0.85, report("search page", ours)


def test_plain_pagefind_figure_is_reported(tmp_path, browser, capsys, ours):
    """The same site without the hidden words, indexed by plain Pagefind and asked through its own API: the figure
    the search page is measured against."""
    site = tmp_path / "site"
    plain_site(make_guide(load_content(SAMPLE)), site)
    plain = measure(site, QUERIES, browser, plain=True)
    with capsys.disabled():
        print(f"\nplain Pagefind: {figures(plain)}\nsearch page:    {figures(ours)}")
    assert 0 < plain.value < ours.value  # plain Pagefind finds some but fewer: the set does measure something


def test_a_directory_split_into_several_bundles_is_searched_as_one(tmp_path, browser, monkeypatch):
    """Above `SHARD` companies there are several bundles; the search pages merge them: the same results (on every
    fourth query, for time), and every company is found in exactly one bundle."""
    from generator.search import shards

    monkeypatch.setattr(shards, "SHARD", 10)  # the 36 sample companies in 4 bundles
    guide = make_guide(load_content(SAMPLE))
    site = tmp_path / "site"
    render_site(guide, site, theme_dirs(guide.site.theme))
    folders = index_search(site)
    assert folders == ["pagefind", "pagefind-2", "pagefind-3", "pagefind-4"]
    search_page = (site / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-root="../../" data-bundles="pagefind pagefind-2 pagefind-3 pagefind-4"' in search_page
    pages = {f: sum(1 for _ in (site / f / "fragment").iterdir()) for f in folders}
    assert sum(pages.values()) == len(guide.companies)
    assert all(pages.values())  # no bundle is empty
    recall = measure(site, QUERIES[::4], browser)
    assert recall.value >= 0.95 and recall.results[0].found, report("several bundles", recall)
