"""Site settings that change the output: base_url (canonical, sitemap), the municipality's theme."""
import re
from pathlib import Path

from generator.build import build

SAMPLE = Path(__file__).resolve().parents[2] / "content"


def site_yaml(**changes) -> str:
    text = (SAMPLE / "site.yaml").read_text(encoding="utf-8")
    for key, value in changes.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines()]
        if not any(line.startswith(f"{key}:") for line in text.splitlines()):
            lines.append(f"{key}: {value}")
        text = "\n".join(lines) + "\n"
    return text


def test_base_url_gives_canonical_og_url_and_sitemap(make_content, tmp_path):
    root = make_content(site_yaml=site_yaml(base_url='"https://guide.example.jp/monozukuri/"'))
    build(root, tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    html = (site / "companies/test-seiki/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://guide.example.jp/monozukuri/companies/test-seiki/index.html">' in html
    assert 'hreflang="en" href="https://guide.example.jp/monozukuri/en/companies/test-seiki/index.html"' in html
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://guide.example.jp/monozukuri/companies/test-seiki/</loc>" in sitemap
    assert 'hreflang="en"' in sitemap
    assert "Sitemap: https://guide.example.jp/monozukuri/sitemap.xml" in (site / "robots.txt").read_text()


def test_municipality_theme_overrides_templates_styles_and_texts(make_content, tmp_path):
    root = make_content(site_yaml=site_yaml(theme="theme"))
    theme = root / "theme"
    (theme / "templates" / "site").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "templates" / "site" / "kana.html").write_text(
        '{% extends "site/base.html" %}{% block content %}<h1>独自の索引</h1>{% endblock %}', encoding="utf-8")
    (theme / "static" / "site.css").write_text("body { color: #123456; }", encoding="utf-8")
    (theme / "static" / "extra.css").write_text("/* added */", encoding="utf-8")
    (theme / "strings.yaml").write_text("ja:\n  search_button: さがす\n", encoding="utf-8")
    build(root, tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    assert "独自の索引" in (site / "kana/index.html").read_text(encoding="utf-8")
    assert (site / "assets/site.css").read_text() == "body{color:#123456}\n"  # the municipality's, minified
    assert (site / "assets/extra.css").is_file() and (site / "assets/search.js").is_file()  # default kept
    assert ">さがす</button>" in (site / "companies/test-seiki/index.html").read_text(encoding="utf-8")
    assert "株式会社テスト精機" in (site / "index.html").read_text(encoding="utf-8")  # untouched templates


def test_site_without_pdfs_does_not_link_them(make_content, tmp_path):
    build(make_content(), tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    for page in ("index.html", "companies/test-seiki/index.html", "en/companies/test-seiki/index.html"):
        assert ".pdf" not in (site / page).read_text(encoding="utf-8"), page


def test_not_found_page_links_work_at_any_address(make_content, tmp_path):
    """Hosts show 404.html at the address asked for, at any depth: with base_url its links are absolute."""
    build(make_content(site_yaml=site_yaml(base_url='"https://guide.example.jp/monozukuri/"')), tmp_path / "out",
          pdf=False)
    html = (tmp_path / "out" / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="https://guide.example.jp/monozukuri/favicon.svg"' in html
    assert 'href="https://guide.example.jp/monozukuri/en/index.html"' in html
    links = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert all(link.startswith(("https://", "#")) for link in links), links


def test_not_found_page_without_base_url_has_no_root_absolute_link(make_content, tmp_path):
    """Without base_url the page cannot know the site's folder: its links are relative to the site root (a script
    makes them absolute once it has found the root, tests/browser/test_shortlist.py), its styles are inside it."""
    build(make_content(), tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    html = (site / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert links and not [link for link in links if link.startswith("/")], links
    for link in links:
        assert link.startswith(("#", "https://", "data:image/svg+xml,")) or (site / link).is_file(), link
    assert "<style>" in html and ".site-header" in html  # styled without fetching anything
    # the icon is in the page until the root is found: a guessed address would be a failed request
    assert 'rel="icon" href="data:image/svg+xml,' in html and 'href="favicon.ico"' not in html


def test_a_directory_without_companies_yet_has_a_search_page_that_says_so(make_content, tmp_path):
    import shutil

    root = make_content()
    shutil.rmtree(root / "companies" / "test-seiki")  # a municipality's first build, before any profile
    build(root, tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    assert not (site / "pagefind").exists()  # no company page, no search index
    for page, text in (("search/index.html", "まだ掲載されている企業がありません"), ("en/search/index.html", "No companies")):
        html = (site / page).read_text(encoding="utf-8")
        assert text in html and "pagefind" not in html, page  # no script or style from a missing index
    build(make_content(), tmp_path / "out", pdf=False)  # the first profile arrives: the search page is made again
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles="pagefind"' in html and (site / "pagefind" / "pagefind.js").is_file()
