"""One link annotation per link: WeasyPrint gives every box inside an <a> its own annotation (a listing row's leader,
page number and label), chunks.drop_nested_links keeps the <a>'s, which covers them."""
from __future__ import annotations

import pikepdf

from generator.pdf.chunks import Job, render_job

# Two rows as the contents and the indexes set them (print/rows.html), both leading to page 12, and a third row
# to another page; then two links side by side to the same address, neither inside the other.
ROWS = """<html lang="ja"><body style="margin: 0">
<ul style="list-style: none; margin: 0; padding: 0; width: 60mm">
{rows}
</ul>
<p><a href="https://example.invalid/a">左</a> と <a href="https://example.invalid/a">右</a></p>
</body></html>"""
ROW = ('<li style="height: 6mm"><a href="https://example.invalid/page/{page}" style="display: block; position: '
       'relative; height: 6mm; overflow: hidden"><span style="position: absolute; left: 0; right: 0; top: 4mm; '
       'height: 1pt"></span><span style="position: absolute; right: 0">{page}</span><span style="display: '
       'inline-block">{label}</span></a></li>')


def _links(path) -> list[tuple[str, tuple[float, float, float, float]]]:
    with pikepdf.open(path) as pdf:
        found = []
        for annot in pdf.pages[0].obj.get("/Annots", []):
            x1, y1, x2, y2 = (float(v) for v in annot.Rect)
            found.append((str(annot.A.URI), (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))))
        return found


def test_a_row_is_one_link_and_links_side_by_side_stay(tmp_path):
    rows = "".join(ROW.format(page=page, label=label) for page, label in [(12, "旋盤"), (12, "溶接"), (30, "研削")])
    job = Job("body-0000", ROWS.format(rows=rows), tmp_path.as_uri() + "/", [str(tmp_path)], {"pdf_tags": True},
              key="rows")
    (tmp_path / "cache").mkdir()
    done = render_job(job, tmp_path / "cache")
    links = _links(done.path)
    targets = sorted(uri for uri, _ in links)
    # three rows, one annotation each (not five), and both links of the paragraph
    assert targets == ["https://example.invalid/a"] * 2 + ["https://example.invalid/page/12"] * 2 + [
        "https://example.invalid/page/30"]
    mm = 72 / 25.4
    for uri, (x1, y1, x2, y2) in links:
        if "/page/" in uri:  # the whole row: 60 mm wide, 6 mm high
            assert abs((x2 - x1) - 60 * mm) < 0.5 and abs((y2 - y1) - 6 * mm) < 0.5
    left, right = sorted(rect for uri, rect in links if uri.endswith("/a"))
    assert left[2] <= right[0] + 0.01  # side by side, not one inside the other
