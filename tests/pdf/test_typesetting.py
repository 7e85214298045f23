"""What a prepress operator read in the sample's booklets (session 14): figures and model numbers of the equipment
tables never broken across lines and never past their column, English labels only in the English edition, whole
names in the English indexes with a text layer that reads right. Sample companies whose pages showed each fault."""
from __future__ import annotations

import re
import subprocess

import pdfplumber
import pytest
import yaml

from tests.conftest import SAMPLE, copy_sample

from .conftest import render

MM = 72 / 25.4
# the companies of the press edition's pages 11, 18, 22, 25 and 33, whose tables broke 11 figures; English names of
# the index's cut and garbled rows; names the English edition romanises
COMPANIES = ("momiji-diecast", "momijigawa-kogyo", "nakase-valve", "fujimaki-food-machinery", "okochi-seisakusho",
             "saegusa-iko", "arai-kanagata", "momiji-yogyo")
PREFIX = {"x_mm": "X", "y_mm": "Y", "z_mm": "Z", "diameter_mm": "φ", "length_mm": "L"}
UNIT = {"tonnage_t": " t", "power_kw": " kW"}


def _profile(slug: str) -> dict:
    return yaml.safe_load((SAMPLE / "companies" / slug / "company.yaml").read_text(encoding="utf-8"))


def _lines(pdf, number: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return copy_sample(tmp_path_factory.mktemp("typesetting") / "content", COMPANIES)


@pytest.fixture(scope="module")
def press(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("press")
    return render(content, out / "guidebook.pdf", target="print", cache=out / "cache")


@pytest.fixture(scope="module")
def english(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("english")
    return render(content, out / "guidebook-en.pdf", lang="en", cache=out / "cache")


def test_figures_numbers_with_units_and_model_numbers_stay_on_one_line(press):
    pages = press.plan.company_pages()
    checked = 0
    for slug in COMPANIES:
        lines = _lines(press.pdf, pages[slug])
        for row in _profile(slug).get("equipment") or []:
            figures = row.get("figures") or {}
            wanted = [f"{PREFIX[k]}{v:,}" for k, v in figures.items() if k in PREFIX]
            wanted += [f"{v:,}{UNIT[k]}" for k, v in figures.items() if k in UNIT]
            wanted += [row["model"]] if row.get("model") else []
            for token in wanted:
                assert any(token in line for line in lines), (slug, pages[slug], token)
                checked += 1
    assert checked > 60, checked  # the five tables hold this many figures and model numbers


def test_the_equipment_tables_stay_inside_the_text_area(press):
    from generator.pdf.layout import geometry

    geo = geometry("A4")
    with pdfplumber.open(press.pdf) as pdf:
        for slug, number in press.plan.company_pages().items():
            page = pdf.pages[number - 1]
            left, top, right, _bottom = page.trimbox
            inner, outer = (geo.inner, geo.outer) if number % 2 else (geo.outer, geo.inner)
            heading = next((w for w in page.extract_words() if w["text"].startswith("主要設備")), None)
            if heading is None:
                continue
            table = [c for c in page.chars if c["top"] > heading["top"] - 1]
            assert table
            assert min(c["x0"] for c in table) >= left + inner * MM - .5 * MM, (slug, number)
            assert max(c["x1"] for c in table) <= right - outer * MM + .5 * MM, (slug, number)


def test_the_english_edition_labels_romanised_names_in_english(english):
    romanised = [slug for slug in COMPANIES if not _profile(slug)["name"].get("en")]
    assert romanised, "the sample has companies without an English name"
    pages = english.plan.company_pages()
    for number in range(1, english.plan.total + 1):
        assert "ローマ字表記" not in english.page_text(number), number
    for slug in romanised:
        text = english.page_text(pages[slug])
        assert _profile(slug)["name"]["ja"] in text and "romanised from the Japanese" in text, slug


def test_the_english_indexes_print_whole_names_that_extract_as_written(english):
    names = [_profile(slug)["name"]["en"] for slug in COMPANIES if _profile(slug)["name"].get("en")]
    long = [n for n in names if len(n) > 28]
    assert long, "names too long for one row of an index column"
    pages = [s.number for s in english.plan.sheets() if s.kind == "index"]
    text = " ".join(re.sub(r"\s+", " ", english.page_text(n)) for n in pages)
    assert "…" not in text
    # a wrapped name reads across its two lines in the column's order; its page number ends its last line
    joined = " ".join(line for n in pages for line in _column_lines(english.pdf, n))
    for name in names:
        first = " ".join(name.split()[:2])  # Momiji Diecast: no other name starts so
        assert joined.count(name) >= 2, name  # the index by name and at least one other
        assert joined.count(name) == joined.count(first), (name, joined.count(name), joined.count(first))


def test_the_english_indexes_print_whole_headings(english):
    # "Lumber and wood products (except furniture)" and "ISO 14001 (Environmental management)" were cut at the edge
    # of their column: a heading too long for one row takes two
    labels = {t.label.get("en") for which in ("technologies", "industries", "certifications", "areas")
              for t, _n in english.guide.used_terms(which)}
    from generator.pdf.layout import geometry
    from generator.pdf.plan import column_width
    from generator.pdf.unbroken import width_mm

    room = column_width(geometry("A4"), "index") - 2
    assert [label for label in labels if width_mm(label, 7.6) > room], "headings wider than an index column"
    pages = [s.number for s in english.plan.sheets() if s.kind == "index"]
    joined = " ".join(line for n in pages for line in _column_lines(english.pdf, n))
    assert [label for label in labels if label not in joined] == []


def _column_lines(pdf, number: int) -> list[str]:
    """The lines of an index page column by column (left to right), without page numbers."""
    from generator.pdf.layout import geometry

    geo = geometry("A4")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[number - 1]
        left = page.trimbox[0] + (geo.inner if number % 2 else geo.outer) * MM
        width = (geo.width - geo.inner - geo.outer - 12) / 3 * MM
        out = []
        for i in range(3):
            x0 = left + i * (width + 6 * MM)
            crop = page.crop((x0 - 1, page.bbox[1], min(x0 + width + 1, page.bbox[2]), page.bbox[3]))
            for line in (crop.extract_text() or "").splitlines():
                out.append(re.sub(r"\s*\d+$", "", line.strip()))
        return out


def test_every_part_opens_on_a_right_hand_page_with_its_full_name(press, english):
    groups = yaml.safe_load((SAMPLE / "taxonomies" / "industries.yaml").read_text(encoding="utf-8"))["groups"]
    for edition, lang in ((press, "ja"), (english, "en")):
        sheets = edition.plan.sheets()
        dividers = [s for s in sheets if s.kind == "chapter"]
        assert len(dividers) >= 2
        for divider in dividers:
            assert divider.number % 2 == 1, (lang, divider.number)
            text = re.sub(r"\s+", "", edition.page_text(divider.number))
            assert any(re.sub(r"\s+", "", g[lang]) in text for g in groups.values()), (lang, divider.number)
        # what stands before a divider on a left-hand page is a notes page, never a company's
        for sheet in sheets:
            if sheet.kind == "notes":
                assert ("メモ" if lang == "ja" else "Notes") in edition.page_text(sheet.number)


def test_the_plan_opens_every_part_on_a_right_hand_page_whatever_comes_before():
    from generator.pdf.layout import geometry
    from generator.pdf.plan import make_plan

    from .conftest import load_guide

    guide = load_guide(SAMPLE)
    for front in (2, 3):  # front matter of either parity; every company on a page of its own (no heights)
        plan = make_plan(guide, geometry("A4"), front)
        sheets = plan.sheets()
        dividers = [s.number for s in sheets if s.kind == "chapter"]
        assert len(dividers) == 3 and all(n % 2 == 1 for n in dividers), (front, dividers)
        assert plan.total % 4 == 0
        kinds = {s.number: s.kind for s in sheets}
        assert all(kinds.get(n - 1) in ("notes", "toc", "company", "pair") for n in dividers)
