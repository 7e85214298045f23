"""Rebuilding the website renders only the pages whose inputs changed, and the result is the same, byte for byte,
as a clean build; pages render the same on any number of processes; a failed rebuild leaves the output alone."""
import os
import shutil
from pathlib import Path

import pytest

from conftest import FEW_COMPANIES, copy_sample
from generator.build import build
from generator.load import load_content
from generator.model import make_guide
from generator.site.render import render_site
from generator.state import FILE as STATE
from generator.site.templates import theme_dirs

SAMPLE = Path(__file__).resolve().parents[2] / "content"
SLUG = "yamada-seiki"
from generator.load.content import TAXONOMIES  # noqa: E402 - every vocabulary has its term pages
OWN_PAGES = {f"companies/{SLUG}/index.html", f"en/companies/{SLUG}/index.html", "404.html"}


@pytest.fixture
def content(tmp_path) -> Path:
    """A few sample companies, yamada-seiki among them: each test renders the site several times over."""
    root = copy_sample(tmp_path / "content")
    assert SLUG in FEW_COMPANIES
    return root


def edit(root: Path, old: str, new: str, slug: str = SLUG) -> None:
    profile = root / "companies" / slug / "company.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def render(root: Path, out: Path, **options):
    guide = make_guide(load_content(root))
    return render_site(guide, out, theme_dirs(guide.site.theme), **options)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(root: Path, site: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "site"
    render(root, clean)
    assert tree(site) == tree(clean)
    assert (site.parent / STATE).read_bytes() == (clean.parent / STATE).read_bytes()  # the same state too


def test_changed_pr_text_renders_only_that_company_pages(content, tmp_path):
    first = render(content, tmp_path / "a" / "site")
    assert set(first.rendered) == set(first)  # nothing to reuse the first time
    edit(content, "当社は1968年の創業以来", "当社は1968年（昭和43年）の創業以来")
    site = tmp_path / "b" / "site"
    again = render(content, site, previous=tmp_path / "a" / "site")
    assert set(again.rendered) == OWN_PAGES
    assert list(again) == list(first)
    assert "1968年（昭和43年）" in (site / f"companies/{SLUG}/index.html").read_text(encoding="utf-8")
    # the pages taken over are hard links of the previous output's files, never copies written again
    kept = tmp_path / "a" / "site" / "technologies" / "cutting" / "index.html"
    assert os.path.samefile(kept, site / "technologies" / "cutting" / "index.html")
    assert_same_as_clean_build(content, site, tmp_path)


def test_changed_summary_renders_the_lists_that_show_it_and_no_other(content, tmp_path):
    site = tmp_path / "site"
    render(content, site)
    edit(content, "航空機部品の5軸加工で0.005mmの精度に挑む", "航空機部品の5軸加工で0.003mmの精度に挑む")
    edit(content, "5-axis machining of aircraft parts to 0.005 mm", "5-axis machining of aircraft parts to 0.003mm")
    again = render(content, site)  # in place, as `python -m bench` rebuilds
    lists = {p for p in again.rendered if p not in OWN_PAGES}
    html = {p: (site / p).read_text(encoding="utf-8") for p in again}
    showing = {p for p in again if "0.003mm" in html[p]} - OWN_PAGES
    assert lists == showing  # exactly the lists that show the summary: its terms, the top page
    assert {"index.html", "en/index.html", "technologies/cutting/index.html"} <= lists
    assert "technologies/index.html" not in lists and "kana/index.html" not in lists  # 50音: names and readings
    assert_same_as_clean_build(content, site, tmp_path)


def test_site_settings_render_everything_and_a_template_the_pages_that_loaded_it(content, tmp_path):
    site = tmp_path / "site"
    render(content, site)
    settings = content / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('color: "#1d5e8c"', 'color: "#224466"'),
                        encoding="utf-8")
    again = render(content, site)
    assert set(again.rendered) == set(again)
    assert 'content="#224466"' in (site / "kana" / "index.html").read_text(encoding="utf-8")
    theme = content / "theme"
    (theme / "templates" / "site").mkdir(parents=True)
    (theme / "templates" / "site" / "term.html").write_text(
        '{% extends "site/base.html" %}{% block content %}<h1>独自の一覧</h1>{% endblock %}', encoding="utf-8")
    settings.write_text(settings.read_text(encoding="utf-8") + "theme: theme\n", encoding="utf-8")
    render(content, site)
    (theme / "templates" / "site" / "term.html").write_text(
        '{% extends "site/base.html" %}{% block content %}<h1>独自の一覧2</h1>{% endblock %}', encoding="utf-8")
    again = render(content, site)
    # the pages that loaded term.html while they were rendered (recorded), and no other: one per used term
    terms = {p for p in again if p.removeprefix("en/").split("/")[0] in TAXONOMIES and p.count("/") >= 2 + p.startswith("en/")}
    assert set(again.rendered) == terms | {"404.html"}
    assert all("独自の一覧2" in (site / p).read_text(encoding="utf-8") for p in terms)
    assert_same_as_clean_build(content, site, tmp_path)


def test_removed_and_added_companies(content, tmp_path):
    site = tmp_path / "site"
    render(content, site)
    shutil.move(content / "companies" / SLUG, tmp_path / "aside")
    again = render(content, site)
    assert not (site / "companies" / SLUG / "index.html").exists()
    assert_same_as_clean_build(content, site, tmp_path)
    shutil.move(tmp_path / "aside", content / "companies" / SLUG)
    back = render(content, site)
    assert OWN_PAGES <= set(back.rendered) < set(back)
    shutil.rmtree(tmp_path / "clean")
    assert_same_as_clean_build(content, site, tmp_path)


def test_pages_are_the_same_on_one_or_two_processes(tmp_path):
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    render(SAMPLE, one, processes=1)
    render(SAMPLE, two, processes=2)
    assert tree(one) == tree(two)


def test_build_rebuild_and_a_failed_rebuild_leave_a_whole_output(content, tmp_path, monkeypatch):
    out = tmp_path / "build"
    first = build(content, out, pdf=False)
    assert first.site_rendered == first.site_pages
    page = out / "site" / "companies" / SLUG / "index.html"
    before = page.read_bytes()
    edit(content, "当社は1968年の創業以来", "当社は1968年（昭和43年）の創業以来")

    import generator.build as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("search index failed")

    monkeypatch.setattr(pipeline, "index_search", broken)
    with pytest.raises(RuntimeError):
        build(content, out, pdf=False)
    assert page.read_bytes() == before  # the re-rendered page went to the staging folder, not through a link
    monkeypatch.undo()
    again = build(content, out, pdf=False)
    assert again.site_rendered == len(OWN_PAGES)
    assert "1968年（昭和43年）" in page.read_text(encoding="utf-8")


def test_without_a_month_of_issue_a_later_build_says_the_age_of_the_information_again(content, tmp_path, monkeypatch):
    """aoba-mekki was last confirmed 2024-06-28. With no `issued` in site.yaml its page counts the age to the day
    of the build: built on 2026-10-15 it is 2 years 3 months old, on 2027-01-15 2 years 6 months; the later build
    must not take the page over from the earlier one."""
    settings = content / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    assert 'issued: "2026-10"' in text
    settings.write_text(text.replace('issued: "2026-10"', "", 1), encoding="utf-8")
    page = tmp_path / "site" / "companies" / "aoba-mekki" / "index.html"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1792022400")  # 2026-10-15 00:00 UTC
    render(content, tmp_path / "site")
    assert "2024-06-28（2年3か月前）" in page.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1799971200")  # 2027-01-15 00:00 UTC
    again = render(content, tmp_path / "site")
    assert "companies/aoba-mekki/index.html" in again.rendered
    assert "2024-06-28（2年6か月前）" in page.read_text(encoding="utf-8")
