"""What a page weighs: listing pages draw their dotted leaders as strokes, not as one path per dot."""
from __future__ import annotations

import re


def test_dotted_leaders_are_dashed_strokes_not_a_path_per_dot(screen_ja):
    import pikepdf

    toc = screen_ja.plan.chunks[0].sheets[0].number
    with pikepdf.open(screen_ja.pdf) as pdf:
        page = pdf.pages[toc - 1]
        contents = page.obj.Contents
        data = b"".join(c.read_bytes() for c in (contents if isinstance(contents, pikepdf.Array) else [contents]))
    rows = sum(1 for annot in page.obj.get("/Annots", []) if annot.get("/Subtype") == "/Link")
    assert rows >= 10, "the table of contents links its rows"
    curves = len(re.findall(rb" c\n", data))  # a dot drawn as a circle is four Bézier curves
    dashes = len(re.findall(rb"\] [\d.]+ d\n", data))
    assert dashes >= rows // 3 and curves < 40, (curves, dashes)
    assert len(data) < 60_000 + 1_500 * rows  # was about 12 KB per row, a megabyte per full page
