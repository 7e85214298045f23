"""What the city tells the print shop about each press file: the binding, the page count (a multiple of 4 for
saddle stitching), and for a perfect-bound book the body's pages, the spine width and the cover file."""
from __future__ import annotations

from pathlib import Path

import pikepdf

from ..model import Guide
from .cover import cover_path, spine_mm


def press_note(guide: Guide, press: Path, stage: Path) -> str:
    """One line, Japanese then English, for the press file `press` (written under `stage`) as the build left it."""
    settings = guide.site.print
    with pikepdf.open(press) as pdf:
        pages = len(pdf.pages)
    name = press.relative_to(stage).as_posix()
    paper = f"{settings.paper}・PDF/{settings.pdfx}"
    if settings.binding == "perfect":
        spine = spine_mm(pages, settings.paper_thickness_mm)
        leaves = -(-pages // 2)
        cover = cover_path(press).relative_to(stage).as_posix()
        return (f"印刷所へ: {name} 無線綴じ・本文 {pages} ページ（{paper}）、背幅 {spine:.1f} mm（{leaves} 枚 × 用紙 "
                f"{settings.paper_thickness_mm} mm）、表紙 {cover}（表4・背・表1、裏に表2・表3） / for the print shop: "
                f"{name}, perfect binding, body of {pages} pages ({settings.paper}, PDF/{settings.pdfx}), spine "
                f"{spine:.1f} mm ({leaves} leaves × {settings.paper_thickness_mm} mm paper), cover {cover} (back "
                f"cover, spine, front cover; inside covers on its back)")
    if pages % 4 == 0:
        return (f"印刷所へ: {name} 中綴じ・表紙を含め {pages} ページ（4 の倍数、{paper}） / for the print shop: {name}, "
                f"saddle stitch, {pages} pages with the cover (a multiple of 4; {settings.paper}, PDF/{settings.pdfx})")
    return (f"印刷所へ: {name} 表紙を含め {pages} ページは 4 の倍数ではないため中綴じにできません。site.yaml の "
            f"print.pad_to_multiple を 4 にしてください（{paper}） / for the print shop: {name} has {pages} pages with "
            f"the cover, not a multiple of 4, so it cannot be saddle-stitched: set print.pad_to_multiple to 4 in "
            f"site.yaml ({settings.paper}, PDF/{settings.pdfx})")
