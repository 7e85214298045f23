"""Japanese search quality: the query set through Pagefind's own JS in headless Chromium, with and without variants."""
from pathlib import Path

import pytest

from generator.build import build
from generator.search import index_search
from generator.search.recall import load_queries, measure, plain_site, report
from generator.site import render_site
from generator.model import make_guide
from generator.load import load_content
from generator.site.templates import theme_dirs

HERE = Path(__file__).parent
QUERIES = load_queries(HERE / "queries.yaml")
SAMPLE = HERE.parent.parent / "content"

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_query_set_is_big_and_varied():
    kinds = {q["kind"] for q in QUERIES}
    assert len(QUERIES) >= 40
    assert {"compound", "name", "kana", "loanword", "width", "english"} <= kinds


def test_recall_with_variants_is_at_least_95_percent(sample_build, browser):
    recall = measure(sample_build / "site", QUERIES, browser)
    print("\n" + report("with variants", recall))
    assert recall.value >= 0.95, report("with variants", recall)


def test_plain_pagefind_figure_is_reported(tmp_path, browser, capsys):
    """The same site without the hidden variant words, indexed by plain Pagefind: the figure the variants are
    measured against."""
    site = tmp_path / "site"
    plain_site(make_guide(load_content(SAMPLE)), site)
    recall = measure(site, QUERIES, browser, normalise=False)
    with capsys.disabled():
        print("\n" + report("plain Pagefind", recall).splitlines()[0])
    assert 0 < recall.value < 1  # plain Pagefind finds some but not all: the set does measure something


def test_a_directory_split_into_several_bundles_is_searched_as_one(tmp_path, browser, monkeypatch):
    """Above `SHARD` companies there are several bundles; the search pages merge them: the same recall, and every
    company is found in exactly one bundle."""
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
    recall = measure(site, QUERIES, browser)
    assert recall.value >= 0.95, report("several bundles", recall)
