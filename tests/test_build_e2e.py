"""End to end: the bundled sample content builds into a website, a search index and a PDF guidebook."""
from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE

pytestmark = pytest.mark.e2e


@functools.cache  # read once: a test asks for it on every page of the book (callers only read it)
def sample_profiles() -> dict[str, dict]:
    return {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((SAMPLE / "companies").glob("*/company.yaml"))}


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page of a PDF, via poppler's pdftotext (form feed between pages)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def test_sample_has_at_least_30_companies():
    assert len(sample_profiles()) >= 30


def test_every_company_has_a_japanese_and_an_english_page(sample_build):
    site = sample_build / "site"
    for slug, data in sample_profiles().items():
        ja = (site / "companies" / slug / "index.html").read_text(encoding="utf-8")
        en = (site / "en" / "companies" / slug / "index.html").read_text(encoding="utf-8")
        assert data["name"]["ja"] in ja
        assert '<html lang="ja">' in ja and '<html lang="en">' in en
        assert (data["name"].get("en") or data["name"]["ja"]) in en


def test_list_pages_link_to_their_companies(sample_build):
    site = sample_build / "site"
    techs = yaml.safe_load((SAMPLE / "taxonomies" / "technologies.yaml").read_text(encoding="utf-8"))["terms"]
    cutting = site / "technologies" / "cutting" / "index.html"
    html = cutting.read_text(encoding="utf-8")
    users = [slug for slug, d in sample_profiles().items()
             if any(t in ("cutting", techs["cutting"]["ja"], techs["cutting"]["en"]) for t in d["technologies"])]
    assert len(users) >= 2
    for slug in users:
        assert f'href="../../companies/{slug}/index.html"' in html
    for folder in ("industries", "areas", "kana"):
        assert (site / folder / "index.html").is_file()


def test_links_are_relative(sample_build):
    for page in (sample_build / "site").rglob("*.html"):
        if page.name == "404.html" or "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src)="/(?!/)', html), f"root-absolute link in {page}"


def test_pdf_has_every_company_and_the_japanese_font_embedded(sample_build):
    pdf = sample_build / "guidebook.pdf"
    text = "\n".join(pdf_pages_text(pdf))
    for data in sample_profiles().values():
        assert data["name"]["ja"] in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    japanese = [line for line in fonts.splitlines() if "BIZ-UD" in line or "BIZUD" in line]
    assert japanese, fonts
    for line in japanese:
        columns = line.split()
        assert columns[-5] == "yes" and columns[-4] == "yes", f"not embedded+subset: {line}"


def test_table_of_contents_names_the_right_page(sample_build):
    pages = pdf_pages_text(sample_build / "guidebook.pdf")
    toc_index = next(i for i, p in enumerate(pages) if "目次" in p)
    toc = "\n".join(p for p in pages[toc_index:toc_index + 3] if "目次" in p)
    for data in sample_profiles().values():
        name = data["name"]["ja"]
        match = re.search(re.escape(name) + r"[\s.・…]*?(\d+)", toc)
        assert match, f"{name} is not in the table of contents"
        number = int(match.group(1))
        assert name in pages[number - 1], f"TOC says {name} is on page {number}"


def test_the_sample_book_wastes_no_paper(sample_build):
    """Issue 21: the 36-company sample in at most companies + 16 pages, a multiple of four (saddle stitching), with
    short profiles sharing pages."""
    pages = pdf_pages_text(sample_build / "guidebook.pdf")[:-1]  # the text ends with a form feed
    companies = len(sample_profiles())
    assert len(pages) <= companies + 16 and len(pages) % 4 == 0, len(pages)
    shared = [p for p in pages if "目次" not in p and "索引" not in p
              and sum(data["name"]["ja"] in p for data in sample_profiles().values()) == 2]
    assert shared, "no page holds two companies"


def test_search_index_finds_a_japanese_word(sample_build, serve, browser):
    base = serve(sample_build / "site")
    page = browser.new_page()
    page.goto(base + "search/index.html")
    slugs = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const search = await pagefind.search('めっき');
        const data = await Promise.all(search.results.map(r => r.data()));
        return data.map(d => d.url);
    }""")
    page.close()
    platers = [slug for slug, d in sample_profiles().items() if "plating" in d["technologies"] or "めっき" in d["technologies"]]
    assert platers
    assert any(f"/companies/{slug}/" in url for url in slugs for slug in platers), slugs
