"""The cover of a perfect-bound book: back cover, spine and front cover on one sheet (the inside covers on its back),
the spine as wide as the body is thick, the title on the spine when it is wide enough; saddle stitch keeps the cover
as page 1."""
from __future__ import annotations

import math

import pikepdf
import pytest

from generator.pdf.cover import cover_path, spine_mm

MM = 72 / 25.4
A4 = (210, 297)
BLEED, MARKS = 3, 10
# mm per leaf: thick board, so that the body of a few companies (FEW_COMPANIES: a body of 12 pages, 6 leaves) has a
# spine wide enough for its text, as a thick book on ordinary paper has (the whole sample costs a render of 36)
THICKNESS = 0.9


def test_the_spine_is_one_leaf_per_two_pages():
    assert spine_mm(40, 0.1) == pytest.approx(2.0)
    assert spine_mm(41, 0.1) == pytest.approx(2.1), "an odd page still takes a leaf"
    assert spine_mm(200, 0.08) == pytest.approx(8.0)


def test_saddle_stitch_has_no_separate_cover(print_ja):
    assert print_ja.guide.site.print.binding == "saddle"
    assert not cover_path(print_ja.pdf).exists()
    with pikepdf.open(print_ja.pdf) as pdf:
        assert len(pdf.pages) == print_ja.plan.total, "the cover stays page 1"


def test_a_narrow_spine_carries_no_text(small_content):
    from generator.pdf import Edition, Run
    from generator.pdf.compose import Composer
    from generator.pdf.cover import spine_html
    from generator.site.templates import theme_dirs

    from .conftest import load_guide

    guide = load_guide(small_content)
    composer = Composer(Run(guide, theme_dirs(None), small_content), Edition(target="print"))
    title = f'<p class="spine-title">{guide.site.title.ja}</p>'
    assert title in spine_html(composer, 5.0)
    assert "spine-title" not in spine_html(composer, 4.9)
    assert "spine-band" in spine_html(composer, 2.0), "the city's colour on the spine whatever its width"


@pytest.fixture(scope="module")
def perfect(tmp_path_factory):
    """The sample's settings, pages and FEW_COMPANIES, perfect-bound: the press edition and its cover sheet."""
    from tests.conftest import copy_sample

    from .conftest import render

    tmp = tmp_path_factory.mktemp("perfect")
    root = copy_sample(tmp / "content")
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "pad_to_multiple: 4\n" in text and "binding" not in text
    site.write_text(text.replace("pad_to_multiple: 4\n", f"pad_to_multiple: 4\n  binding: perfect\n"
                                 f"  paper_thickness_mm: {THICKNESS}\n", 1), encoding="utf-8")
    (tmp / "print").mkdir()
    return render(root, tmp / "print" / "guidebook.pdf", target="print")


def boxes(page) -> dict[str, tuple[float, float]]:
    """Width and height (mm) of each box of a page."""
    return {name: ((float(page[name][2]) - float(page[name][0])) / MM, (float(page[name][3]) - float(page[name][1]))
                   / MM) for name in ("/MediaBox", "/TrimBox", "/BleedBox")}


@pytest.mark.e2e
def test_perfect_binding_writes_a_cover_sheet_with_a_spine_for_the_body(perfect):
    with pikepdf.open(perfect.pdf) as body:
        pages = len(body.pages)
        first_label = int(body.Root.PageLabels.Nums[1].St)
        annotations = sum(len(page.obj.get("/Annots", [])) for page in body.pages)
    # the body is the book less its four cover pages (表1, 表2, 表3, 表4), still a multiple of 4, numbered from 3
    assert pages == perfect.plan.total - 4 and pages % 4 == 0
    assert first_label == 3 and annotations == 0
    spine = math.ceil(pages / 2) * THICKNESS
    assert spine >= 5, "the test needs a spine wide enough for its text"
    cover = cover_path(perfect.pdf)
    assert cover.name == "guidebook-cover.pdf"
    with pikepdf.open(cover) as sheet:
        assert len(sheet.pages) == 2, "outside (表4・背・表1) and inside (表2・表3)"
        assert "/OutputIntents" in sheet.Root, "a PDF/X file like the body"
        assert "表紙" in str(sheet.open_metadata().get("dc:title")), "its XMP title says it is the cover"
        for page in sheet.pages:
            got = boxes(page.obj)
            width = 2 * A4[0] + spine
            assert got["/TrimBox"] == pytest.approx((width, A4[1]), abs=0.01)
            assert got["/BleedBox"] == pytest.approx((width + 2 * BLEED, A4[1] + 2 * BLEED), abs=0.01)
            assert got["/MediaBox"] == pytest.approx((width + 2 * (BLEED + MARKS), A4[1] + 2 * (BLEED + MARKS)),
                                                     abs=0.01)
            assert "/Annots" not in page.obj


@pytest.mark.e2e
def test_the_spine_carries_the_title_and_the_city_and_the_covers_sit_either_side(perfect):
    import pdfplumber

    with pikepdf.open(perfect.pdf) as body:
        spine = math.ceil(len(body.pages) / 2) * THICKNESS
    site = perfect.guide.site
    with pdfplumber.open(cover_path(perfect.pdf)) as sheet:
        page = sheet.pages[0]
        left = page.trimbox[0] + A4[0] * MM
        on_spine = [c for c in page.chars if left <= c["x0"] and c["x1"] <= left + spine * MM]
        text = "".join(c["text"] for c in sorted(on_spine, key=lambda c: c["top"]))
        assert text.startswith(site.title.ja) and text.endswith(site.municipality.ja)
        assert f"{site.edition}年度版" in text
        # every spine character keeps 1 mm from the folds
        assert all(c["x0"] >= left + 0.9 * MM and c["x1"] <= left + (spine - 0.9) * MM for c in on_spine)
        front = "".join(c["text"] for c in page.chars if c["x0"] > left + spine * MM)
        back = "".join(c["text"] for c in page.chars if c["x1"] < left)
        assert "掲載企業" in front, "表1 on the right"
        assert "お問い合わせ" in back and "お問い合わせ" not in front, "表4 on the left"
        inside = sheet.pages[1]
        assert not [c for c in inside.chars if left <= c["x0"] and c["x1"] <= left + spine * MM], \
            "no ink where the spine is glued"


@pytest.mark.e2e
def test_the_cover_passes_the_preflight(perfect):
    from generator.pdf.preflight import preflight

    assert [f.message() for f in preflight(cover_path(perfect.pdf), press=True)] == []
    assert [f.message() for f in preflight(perfect.pdf, press=True)] == []


@pytest.mark.parametrize("setting, title", [("binding: stapled", "製本"), ("paper_thickness_mm: 0", "本文用紙の厚さ")])
def test_bad_binding_settings_are_located_in_site_yaml(setting, title, tmp_path):
    from generator.load import load_content
    from generator.validate import errors_in, validate

    from .conftest import write_content

    root = write_content(tmp_path / "content", {"pad_to_multiple: 4\n": f"pad_to_multiple: 4\n  {setting}\n"})
    lines = (root / "site.yaml").read_text(encoding="utf-8").splitlines()
    errors = errors_in(validate(load_content(root)))
    assert [(e.path.endswith("site.yaml"), e.line) for e in errors] == [(True, lines.index(f"  {setting}") + 1)]
    assert title in errors[0].message, "named by the schema's title"


@pytest.mark.e2e
def test_perfect_binding_keeps_every_page_of_content_in_the_body_and_the_inside_covers_blank(perfect):
    import pdfplumber
    import yaml

    from tests.conftest import SAMPLE

    names = [yaml.safe_load(p.read_text(encoding="utf-8"))["name"]["ja"]
             for p in sorted((perfect.root / "companies").glob("*/company.yaml"))]
    assert len(names) > 1
    with pdfplumber.open(perfect.pdf) as body:
        texts = ["".join(c["text"] for c in page.chars) for page in body.pages]
    start = next(i for i, text in enumerate(texts) if "50音索引" in text)
    kana_index = "".join(texts[start:]).replace(" ", "")
    missing = [name for name in names if name.replace(" ", "").replace("　", "") not in kana_index]
    assert missing == [], "the 50音 index ends inside the body, not on the inside back cover"
    greeting = yaml.safe_load((SAMPLE / "pages" / "greeting.md").read_text(encoding="utf-8").split("---")[1])
    assert greeting["title"]["ja"] in texts[0], "the greeting opens the body (page 3), not the inside front cover"
    with pdfplumber.open(cover_path(perfect.pdf)) as sheet:
        inside = sheet.pages[1]
        assert inside.chars == [] and inside.images == [], "表2 and 表3 are blank: the cover is printed 4/0"
    assert (perfect.plan.total - 4) % 2 == 0


def test_a_spine_under_3_mm_is_a_warning_at_the_binding_line(tmp_path):
    from generator.pdf.cover import spine_problems

    from .conftest import write_content

    root = write_content(tmp_path / "content", {"pad_to_multiple: 4\n": "pad_to_multiple: 4\n  binding: perfect\n"})
    lines = (root / "site.yaml").read_text(encoding="utf-8").splitlines()
    thin = spine_problems(spine_mm(40, 0.1), 40, 0.1, root)  # 20 leaves of 0.1 mm: 2.0 mm
    assert [(p.line, p.severity) for p in thin] == [(lines.index("  binding: perfect") + 1, "warning")]
    assert "2.0 mm" in thin[0].message and "saddle" in thin[0].message and "中綴じ" in thin[0].message
    assert spine_problems(spine_mm(60, 0.1), 60, 0.1, root) == []  # 3.0 mm


@pytest.mark.e2e
def test_the_spine_colour_wraps_onto_both_covers(perfect, tmp_path):
    """A fold 1 mm off still shows the spine's colour on the spine: the colour runs 3 mm past each fold, even where
    the back cover is white (measured on the rendered sheet)."""
    import subprocess

    from PIL import Image

    with pikepdf.open(perfect.pdf) as body:
        spine = math.ceil(len(body.pages) / 2) * THICKNESS
    dpi = 100
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile",
                    str(cover_path(perfect.pdf)), str(tmp_path / "outside")], check=True)
    image = Image.open(tmp_path / "outside.png").convert("RGB")
    px = dpi / 25.4
    edge = BLEED + MARKS  # the trim's top-left corner on the rendered media box, mm
    middle = image.getpixel((round((edge + A4[0] + spine / 2) * px), round((edge + 5) * px)))
    assert middle != (255, 255, 255), "the spine is coloured"
    for x in (A4[0] - 2.5, A4[0] - 1, A4[0] + spine + 1, A4[0] + spine + 2.5):  # mm from the sheet's left trim
        for y in (5, A4[1] / 2, A4[1] - 5):
            got = image.getpixel((round((edge + x) * px), round((edge + y) * px)))
            assert max(abs(a - b) for a, b in zip(got, middle)) < 12, (x, y, got, middle)
    back = image.getpixel((round((edge + A4[0] - 6) * px), round((edge + 5) * px)))
    assert back != middle, "the wrap is 3 mm, not the whole back cover"


def test_the_build_tells_the_print_shop_the_saddle_stitched_page_count(print_ja):
    from generator.pdf.pressnote import press_note

    total = print_ja.plan.total
    assert total % 4 == 0
    note = press_note(print_ja.guide, print_ja.pdf, print_ja.pdf.parent)
    assert f"guidebook.pdf 中綴じ・表紙を含め {total} ページ（4 の倍数" in note
    assert f"saddle stitch, {total} pages with the cover (a multiple of 4" in note


@pytest.mark.e2e
def test_the_build_tells_the_print_shop_the_body_spine_and_cover_file(perfect):
    from generator.pdf.pressnote import press_note

    body = perfect.plan.total - 4  # 表1・表2 and 表3・表4 go to the cover sheet
    leaves = math.ceil(body / 2)
    stage = perfect.pdf.parent.parent  # build/: the note names build/print/… as the city finds them
    note = press_note(perfect.guide, perfect.pdf, stage)
    assert f"print/guidebook.pdf 無線綴じ・本文 {body} ページ" in note
    assert f"背幅 {leaves * THICKNESS:.1f} mm（{leaves} 枚 × 用紙 {THICKNESS} mm）、表紙 print/guidebook-cover.pdf" in note
    assert f"body of {body} pages" in note and f"spine {leaves * THICKNESS:.1f} mm" in note
    assert "cover print/guidebook-cover.pdf" in note
