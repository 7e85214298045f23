"""The preflight finds each fault a prepress operator would send back, on the page and at the place it is; the
guidebook's own editions pass it."""
from __future__ import annotations

import subprocess

import pikepdf
import pytest

from generator.pdf.preflight import MM, preflight, subset_tags

BLEED = 3 * MM
TRIM = (0.0, 0.0, 200.0, 300.0)  # points


def page(pdf: pikepdf.Pdf, content: bytes, resources: dict | None = None, annots: list | None = None) -> None:
    """A press page: trim 200 × 300 pt, 3 mm of bleed, room for crop marks."""
    x0, y0, x1, y1 = TRIM
    obj = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[x0 - 40, y0 - 40, x1 + 40, y1 + 40],
        BleedBox=[x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED],
        TrimBox=list(TRIM),
        Resources=pikepdf.Dictionary(resources or {}),
        Contents=pikepdf.Stream(pdf, content),
    )
    if annots:
        obj.Annots = pikepdf.Array(annots)
    pdf.pages.append(pikepdf.Page(obj))


def helvetica(pdf: pikepdf.Pdf) -> dict:
    """Helvetica as /F0, and /OP: the graphics state that overprints fills (black text must)."""
    return {"/Font": pikepdf.Dictionary(F0=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                              BaseFont=pikepdf.Name.Helvetica)),
            "/ExtGState": pikepdf.Dictionary(OP=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=True, OPM=1))}


def tagged_font(pdf: pikepdf.Pdf, program: bytes) -> pikepdf.Object:
    """A TrueType font named ABCDEF+Test whose embedded program is `program`."""
    descriptor = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name(
        "/ABCDEF+Test"), FontFile2=pikepdf.Stream(pdf, program)))
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                                                BaseFont=pikepdf.Name("/ABCDEF+Test"), FontDescriptor=descriptor))


CLEAN = (b"0 0 0 1 k 20 100 m 100 100 l 100 150 l 20 150 l f "  # a panel well inside
         b"0.8 0.5 0 0 k -8.50394 -8.50394 60 308.50394 re f "  # one that bleeds exactly to the BleedBox
         b"0 0 0 1 K 0.5 w 20 40 m 180 40 l S "  # a rule 7 mm inside
         b"q /OP gs BT /F0 9 Tf 0 0 0 1 k 30 200 Td (Inside) Tj ET Q")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """One page per fault, then a clean page."""
    pdf = pikepdf.new()
    text = helvetica(pdf)
    # 1: text 1 mm from the trim on the left
    page(pdf, b"BT /F0 9 Tf 0 0 0 1 k %.4f 150 Td (Edge) Tj ET" % (1 * MM), text)
    # 2: a link annotation
    link = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                                Rect=[50, 50, 100, 60]))
    page(pdf, CLEAN, text, [link])
    # 3: one subset tag, two different programs
    fonts = {"/Font": pikepdf.Dictionary(F1=tagged_font(pdf, b"program one"), F2=tagged_font(pdf, b"program two"))}
    page(pdf, b"0 0 0 1 k 20 100 50 50 re f", fonts)
    # 4: an RGB image and an RGB fill
    image = pikepdf.Stream(pdf, bytes([255, 0, 0] * 4), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    page(pdf, b"q 40 0 0 40 50 50 cm /Im0 Do Q 1 0 0 rg 120 200 30 30 re f",
         {"/XObject": pikepdf.Dictionary(Im0=image)})
    # 5: a panel that stops at the trim, one that crosses it by 1 mm only, one that runs far past the bleed
    page(pdf, b"0.8 0.5 0 0 k 0 200 100 20 re f %.4f 150 100 20 re f -20 100 100 20 re f" % (-1 * MM))
    # 6: black text that knocks out instead of overprinting
    page(pdf, b"BT /F0 9 Tf 0 0 0 1 k 30 200 Td (Knockout) Tj ET", text)
    # 7: a panel in 400 % ink
    page(pdf, b"1 1 1 1 k 20 100 50 50 re f")
    # 8: a hairline (0.1 pt) and a 0.5 pt rule
    page(pdf, b"0 0 0 1 K 0.1 w 20 40 m 180 40 l S 0.5 w 20 60 m 180 60 l S")
    # 9: an image of 10 × 10 pixels printed 40 pt (14 mm) wide: 18 ppi
    small = pikepdf.Stream(pdf, bytes([0, 0, 0, 128] * 100), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=10, Height=10, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8)
    page(pdf, b"q 40 0 0 40 50 50 cm /Im0 Do Q", {"/XObject": pikepdf.Dictionary(Im0=small)})
    # 10: clean
    page(pdf, CLEAN, text)
    # 11: 7.5 pt text in four process inks; beside it what passes: 7.5 pt in cyan alone, 7 pt black, 9 pt in four inks
    page(pdf, b"BT /F0 7.5 Tf 0.9 0.6 0.2 0.1 k 30 200 Td (Small) Tj ET BT /F0 7.5 Tf 1 0 0 0 k 30 180 Td (Cyan) Tj ET "
              b"q /OP gs BT /F0 7 Tf 0 0 0 1 k 30 170 Td (Black) Tj ET Q BT /F0 9 Tf 0.9 0.6 0.2 0.1 k 30 150 Td (Big) Tj ET",
         text)
    # 12: white 7.5 pt text knocked out of a four-colour panel (a thumb tab), and out of a cyan one (passes)
    page(pdf, b"0.9 0.6 0.2 0.1 k 20 100 100 30 re f BT /F0 7.5 Tf 0 0 0 0 k 30 110 Td (Tab) Tj ET "
              b"1 0 0 0 k 20 200 100 30 re f BT /F0 7.5 Tf 0 0 0 0 k 30 210 Td (Fine) Tj ET", text)
    # 13: the thumb tab's 8 pt label knocked out of a four-colour panel; 8.5 pt on the same panel passes
    page(pdf, b"0.9 0.6 0.2 0.1 k 20 100 100 60 re f BT /F0 8 Tf 0 0 0 0 k 30 110 Td (Label) Tj ET "
              b"BT /F0 8.5 Tf 0 0 0 0 k 30 140 Td (Folio) Tj ET", text)
    path = tmp_path_factory.mktemp("preflight") / "faulty.pdf"
    pdf.save(path)
    return preflight(path, press=True, pdfx="X-4")


def on(findings, number: int, rule: str) -> list:
    return [f for f in findings if f.page == number and f.rule == rule]


def test_text_1_mm_from_the_trim_is_found_where_it_is(faulty):
    found = on(faulty, 1, "safe-zone")
    assert found, faulty
    x0, y0, x1, y1 = found[0].where
    assert x0 == pytest.approx(1.0, abs=0.05)
    assert 300 / MM - y1 == pytest.approx(150 / MM, abs=1.0)  # the baseline is 150 pt above the trim's foot
    assert "page 1" in found[0].message() and "1.0" in found[0].message()


def test_an_annotation_is_found_with_its_rectangle(faulty):
    found = on(faulty, 2, "annotation")
    assert len(found) == 1
    assert found[0].where == pytest.approx((50 / MM, 240 / MM, 100 / MM, 250 / MM), abs=0.01)
    assert [f for f in faulty if f.page == 2] == found, "the rest of the page is clean"


def test_one_subset_tag_for_two_programs_is_found(faulty):
    found = on(faulty, 3, "subset-tag")
    assert [f.what for f in found] == ["ABCDEF+Test"]


def test_rgb_is_found_in_the_declared_image_and_where_it_is_painted(faulty):
    assert [f.what for f in on(faulty, 4, "colour-space") if f.where is None] == ["DeviceRGB"]
    placed = sorted(f.where for f in on(faulty, 4, "colour-space") if f.where is not None)
    assert placed == [pytest.approx((50 / MM, 210 / MM, 90 / MM, 250 / MM), abs=0.01),
                      pytest.approx((120 / MM, 70 / MM, 150 / MM, 100 / MM), abs=0.01)]


def test_panels_short_of_the_bleed_and_beyond_it_are_found(faulty):
    short = sorted(f.where[0] for f in on(faulty, 5, "short-of-bleed"))
    assert short == [pytest.approx(-1.0, abs=0.01), pytest.approx(0.0, abs=0.01)]
    beyond = on(faulty, 5, "beyond-bleed")
    assert [f.where[0] for f in beyond] == [pytest.approx(-20 / MM, abs=0.01)]


def test_black_text_that_does_not_overprint_is_found(faulty):
    assert [(f.page, f.what) for f in faulty if f.rule == "overprint"] == [(1, "1"), (6, "1")]


def test_ink_above_the_limit_is_found(faulty):
    assert [(f.page, f.what) for f in faulty if f.rule == "total-ink"] == [(7, "400 %")]


def test_a_hairline_is_found_where_it_is_and_a_half_point_rule_is_not(faulty):
    found = on(faulty, 8, "hairline")
    assert len(found) == 1 and found[0].what == "0.04 mm"
    assert 300 / MM - found[0].where[3] == pytest.approx(40 / MM, abs=0.2)


def test_a_low_resolution_image_is_reported_but_does_not_stop_the_file(faulty):
    found = on(faulty, 9, "low-ppi")
    assert [f.what for f in found] == ["18 ppi"] and found[0].warning
    assert found[0].where == pytest.approx((50 / MM, 210 / MM, 90 / MM, 250 / MM), abs=0.01)


def test_small_text_in_four_inks_is_found_where_it_is(faulty):
    found = on(faulty, 11, "small-process-text")
    assert len(found) == 1, faulty
    x0, y0, x1, y1 = found[0].where
    assert x0 == pytest.approx(30 / MM, abs=0.05) and 300 / MM - y1 == pytest.approx(200 / MM, abs=1.0)
    assert found[0].what == "5 chars from 7.5 pt, C90 M60 Y20 K10: Small"
    assert "page 11" in found[0].message() and not found[0].warning


def test_small_white_text_knocked_out_of_a_four_colour_panel_is_found(faulty):
    found = on(faulty, 12, "small-process-text")
    assert [f.what for f in found] == ["3 chars from 7.5 pt, knocked out of C90 M60 Y20 K10: Tab"]
    assert found[0].where[0] == pytest.approx(30 / MM, abs=0.05)
    assert 300 / MM - found[0].where[3] == pytest.approx(110 / MM, abs=1.0)


def test_an_8_pt_label_knocked_out_of_a_four_colour_panel_is_found(faulty):
    found = on(faulty, 13, "small-process-text")
    assert [f.what for f in found] == ["5 chars from 8.0 pt, knocked out of C90 M60 Y20 K10: Label"]


def test_a_clean_page_has_no_finding(faulty):
    assert [f for f in faulty if f.page == 10] == []
    assert {f.page for f in faulty} == set(range(1, 10)) | {11, 12, 13}
    assert not any(f.warning for f in faulty if f.rule != "low-ppi")


def distinct_programs(path, family: str) -> dict[str, set]:
    """Tagged name → the set of distinct embedded programs under it, for one font family."""
    from generator.pdf.preflight import font_program, fonts

    names: dict[str, set] = {}
    with pikepdf.open(path) as pdf:
        seen: set = set()
        for pg in pdf.pages:
            for font in fonts(pg.obj.get("/Resources"), seen):
                name = str(font.BaseFont)[1:]
                if name.endswith("+" + family):
                    names.setdefault(name, set()).add(font_program(font).read_raw_bytes())
    return names


@pytest.mark.parametrize("edition", ["screen_ja", "print_ja", "screen_en"])
def test_each_subset_of_the_merged_chunks_has_a_tag_of_its_own(edition, request):
    pdf = request.getfixturevalue(edition).pdf
    names = distinct_programs(pdf, "BIZ-UDPGothic")  # the running text's font
    assert len(names) > 1, "the chunks embed several subsets of the font"
    assert all(len(programs) == 1 for programs in names.values()), names
    with pikepdf.open(pdf) as opened:
        assert subset_tags(opened) == []
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    gothic = [line.split()[0] for line in listed.splitlines() if line.split()[0].endswith("+BIZ-UDPGothic")]
    assert set(gothic) == set(names)
    # one font object per program: a name listed twice is a font a RIP's list shows twice (same program or not)
    every = [line.split()[0] for line in listed.splitlines()[2:]]
    assert len(every) == len(set(every)), every


@pytest.mark.parametrize("edition", ["screen_ja", "print_ja"])
def test_each_font_program_is_embedded_once(edition, request):
    import hashlib

    with pikepdf.open(request.getfixturevalue(edition).pdf) as opened:
        programs: dict[str, set] = {}  # the program's digest → the objects holding it
        for obj in opened.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.FontDescriptor:
                for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                    if key in obj:
                        programs.setdefault(hashlib.sha256(obj[key].read_raw_bytes()).hexdigest(), set()).add(
                            obj[key].objgen)
    assert programs and all(len(copies) == 1 for copies in programs.values()), programs


def test_the_press_edition_passes_the_preflight_and_has_no_links(print_ja):
    assert preflight(print_ja.pdf, press=True) == []  # black text overprints, no hairlines, ink within the limit
    with pikepdf.open(print_ja.pdf) as pdf:
        assert all("/Annots" not in pg.obj for pg in pdf.pages)


@pytest.mark.e2e
def test_the_sample_press_edition_passes_the_preflight(sample_press):
    # the build fails on any finding: this reads the file again
    assert preflight(sample_press.pdf, press=True, pdfx=sample_press.guide.site.print.pdfx) == []


@pytest.mark.e2e
def test_an_english_name_with_no_break_point_wraps_inside_the_trim(tmp_path):
    """Outsider attacker: a 120-letter English name passed the check and then stopped the press build (text past the
    trim); a word wider than its line now breaks where it must."""
    from .conftest import write_content, render

    root = write_content(tmp_path / "content")
    profile = root / "companies" / "nara-giken" / "company.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "Nara Giken Co., Ltd." in text
    profile.write_text(text.replace("Nara Giken Co., Ltd.", "W" * 120), encoding="utf-8")
    edition = render(root, tmp_path / "guidebook-en.pdf", lang="en", target="print")  # fails on any finding
    assert preflight(edition.pdf, press=True, pdfx=edition.guide.site.print.pdfx) == []
    shown = subprocess.run(["pdftotext", str(edition.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert shown.count("W") >= 120  # the whole name is printed (the profile's other text has one W)


@pytest.mark.e2e
def test_wide_photos_stay_inside_the_trim_in_the_press_edition(tmp_path):
    """A 16:9 phone photo on the left of three reached the trim, and a 4000×2 one was drawn metres past the bleed
    (object-fit: cover draws the whole picture and clips it): both stopped the press build after the pull-request
    check had passed them (outsider attacker). The press copies are cut to at most 3:2 around their centre."""
    from PIL import Image

    from .conftest import render, write_content

    root = write_content(tmp_path / "content")
    folder = root / "companies" / "nara-giken"
    sizes = [(1920, 1080), (1920, 1080), (4000, 2)]
    for i, size in enumerate(sizes):
        Image.new("RGB", size, (200, 120, 60)).save(folder / f"p{i}.jpg", quality=90)
    yaml = folder / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "images:\n  photos:\n"
                    + "".join(f"    - {{file: p{i}.jpg, alt: 工場}}\n" for i in range(len(sizes))), encoding="utf-8")
    edition = render(root, tmp_path / "guidebook.pdf", target="print")  # the build fails on any error
    found = preflight(edition.pdf, press=True, pdfx=edition.guide.site.print.pdfx)
    assert [f.rule for f in found] == ["low-ppi"]  # only the 2-pixel-high picture's resolution, a warning
    with pikepdf.open(edition.pdf) as pdf:
        shapes = {(int(img.Width), int(img.Height)) for page in pdf.pages for img in page.get_images().values()}
    # 4000×2 → 3×2; 1920×1080 → 3:2 (then scaled to the print resolution)
    assert (3, 2) in shapes and any(abs(w / h - 1.5) < 0.01 and h > 2 for w, h in shapes)
    assert all(w / h <= 1.51 for w, h in shapes)


@pytest.mark.e2e
@pytest.mark.parametrize("size", [(1800, 2400), (1600, 2400)], ids=["3:4", "2:3"])
def test_a_single_portrait_photo_stays_inside_the_bleed_in_the_press_edition(tmp_path, size):
    """The only photo of a company gets a wide frame; object-fit: cover scaled a portrait to the frame's width and drew
    it 12–22 mm above the page: the press build stopped after the pull-request check had passed it (outside attack
    14). The press copy of a lone photo is cut to at least 3:2 wide; the frame shows the same middle band."""
    from PIL import Image

    from .conftest import render, write_content

    root = write_content(tmp_path / "content")
    folder = root / "companies" / "nara-giken"
    Image.new("RGB", size, (200, 120, 60)).save(folder / "portrait.jpg", quality=90)
    yaml = folder / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "images:\n  photos:\n    - {file: portrait.jpg, alt: 工場}\n",
                    encoding="utf-8")
    edition = render(root, tmp_path / "guidebook.pdf", target="print")  # the build fails on any error
    assert preflight(edition.pdf, press=True, pdfx=edition.guide.site.print.pdfx) == []
    with pikepdf.open(edition.pdf) as pdf:
        shapes = {(int(img.Width), int(img.Height)) for page in pdf.pages for img in page.get_images().values()}
    assert any(abs(w / h - 1.5) < 0.01 for w, h in shapes), shapes
