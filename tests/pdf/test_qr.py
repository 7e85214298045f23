"""QR codes: vector paths that a phone reads back as the company's web address; a page never runs over because of
one (the code moves to the main column, the type shrinks to the 7.5 pt floor, or last the code is left out; the
build says which)."""
from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
import zxingcpp
from PIL import Image

from .conftest import PROFILES, render


def decoded(pdf, numbers, tmp_path) -> dict[int, list[str]]:
    """Page number → the QR codes a reader finds on that page rendered at 300 dpi.

    One pdftoppm run for the pages from the first to the last asked (one per page parsed the whole file each time),
    grey and uncompressed (the reader takes the luminance; PNG compression cost more than reading), and a reader
    that looks for QR codes only (the other formats were looked for and thrown away)."""
    numbers = sorted(set(numbers))
    folder = tmp_path / f"pages-{pdf.stem}"
    folder.mkdir()
    subprocess.run(["pdftoppm", "-gray", "-r", "300", "-f", str(numbers[0]), "-l", str(numbers[-1]), str(pdf),
                    str(folder / "p")], check=True)
    rendered = {int(path.stem.rsplit("-", 1)[1]): path for path in folder.iterdir()}  # p-07.pgm: page 7
    found = {}
    for number in numbers:
        with Image.open(rendered[number]) as image:
            found[number] = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
                             if code.format == zxingcpp.BarcodeFormat.QRCode]
    return found


def gray_images(pdf, number: int) -> list:
    with pikepdf.open(pdf) as opened:
        images = list(opened.pages[number - 1].get_images().values())
        return [i for i in images if i.get("/ColorSpace") == pikepdf.Name.DeviceGray]


@pytest.mark.parametrize("edition, prefix", [("screen_ja", ""), ("screen_en", "en/"), ("print_ja", "")])
def test_every_company_page_has_a_vector_qr_code_to_its_web_page(edition, prefix, request, tmp_path):
    book = request.getfixturevalue(edition)
    base = book.guide.site.base_url
    assert base.startswith("https://")
    pages = book.plan.company_pages()
    codes = decoded(book.pdf, pages.values(), tmp_path)
    for slug, number in pages.items():
        assert codes[number] == [f"{base}{prefix}companies/{slug}/"], (slug, number)
        assert gray_images(book.pdf, number) == [], "the QR code is drawn, not a grey raster"


def test_a_page_with_no_room_for_its_qr_code_tries_each_step_then_goes_without_and_the_build_says_so(
        small_content, tmp_path, monkeypatch):
    from markupsafe import Markup

    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    # a QR code far taller than any page: every long company page runs over with it wherever it goes, at any size
    monkeypatch.setattr("generator.pdf.compose.qr_svg", lambda url, ink: Markup('<div style="height: 400mm"></div>'))
    from generator.pdf import Run
    from generator.pdf.render import render_planned
    from generator.site.templates import theme_dirs

    from .conftest import load_guide

    guide = load_guide(root)
    warnings: list = []
    pages, plan = render_planned(Run(guide, theme_dirs(None), root, cache=tmp_path / "cache", warnings=warnings),
                                 tmp_path / "g.pdf")
    # every page runs onto a second one with it, in the main column too: the long profiles (all but the first, see
    # conftest.write_content) and the short one, whose facts stand across its page in the flow (company.html
    # `spread`; in a floated side column the code ran off the page unseen, as WeasyPrint does not paginate a float)
    slugs = sorted(PROFILES)

    def left_out(found):
        return sorted(w.path.split("/")[-2] for w in found if w.rule == "print-qr" and "left out" in w.message)

    assert left_out(warnings) == slugs
    assert all(not w.is_error and "QR" in w.message for w in warnings if w.rule == "print-qr")
    # a rebuild takes the chunks from the cache and still says so
    again: list = []
    render_planned(Run(guide, theme_dirs(None), root, cache=tmp_path / "cache", warnings=again), tmp_path / "g2.pdf")
    assert left_out(again) == slugs


@pytest.mark.parametrize("step", ["", "main", "tight", "tight-main", "none"])
def test_each_way_of_making_room_puts_the_code_where_it_says(step, small_content):
    from generator.pdf import Run
    from generator.pdf.compose import Composer
    from generator.pdf.plan import Sheet
    from generator.site.templates import theme_dirs

    from .conftest import load_guide

    guide = load_guide(small_content)
    company = next(c for c in guide.companies if c.slug == "kaede-kogyo")
    composer = Composer(Run(guide, theme_dirs(None), small_content))
    if step:
        composer.qr_room[company.slug] = step
    html = composer.html([Sheet("company", 5, "", company=company, chapter=company.industries[0], chapter_no=1)])
    side = html[html.index('<aside class="co-side">'):html.index("</aside>")]
    main = html[html.index('<div class="co-main">'):html.index('<div class="co-equipment-block">')]
    assert ("<svg" in side) == (step in ("", "tight"))
    assert ("<svg" in main) == (step in ("main", "tight-main"))
    # beside the code at the main column's foot, the address it leads to
    assert ("https://guidebook.example.jp/companies/kaede-kogyo/" in main) == (step in ("main", "tight-main"))
    assert ('class="co-body tight"' in html) == step.startswith("tight")
    assert ("<svg" in html) == (step != "none")


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_sample_builds_with_base_url_and_every_qr_code_reads(lang, tmp_path):
    from tests.conftest import SAMPLE

    root = tmp_path / "content"
    shutil.copytree(SAMPLE, root)
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert 'base_url: ""' in text
    site.write_text(text.replace('base_url: ""', "base_url: https://guidebook.example.jp/", 1), encoding="utf-8")
    book = render(root, tmp_path / "guidebook.pdf", lang=lang)
    prefix = "" if lang == "ja" else "en/"
    pages: dict[int, list[str]] = {}
    for slug, number in book.plan.company_pages().items():
        pages.setdefault(number, []).append(f"https://guidebook.example.jp/{prefix}companies/{slug}/")
    assert any(len(urls) == 2 for urls in pages.values()), "short profiles share a page"
    codes = decoded(book.pdf, pages, tmp_path)
    for number, urls in pages.items():
        assert sorted(codes[number]) == sorted(urls), number
