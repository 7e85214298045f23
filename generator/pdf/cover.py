"""The cover of a perfect-bound book (無線綴じ, site.yaml `print.binding: perfect`): one sheet with the back cover,
the spine and the front cover (表4・背・表1), and on its back the inside covers (表2・表3), cut from the press file's own
pages; the press file keeps the body only.

The spine is as wide as the body is thick: one leaf of body paper per two pages (`print.paper_thickness_mm`). The
cover board wraps around the body and adds nothing to that width here; a print shop that wants an allowance for it
says so, and a thicker paper_thickness_mm gives it. The spine's own panel and text are laid out by WeasyPrint (the
title and the city set vertically, one upright character under the other, when the spine is at least 5 mm wide).
"""
from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import weasyprint

from ..errors import ContentError, Problem
from ..files import atomic_path
from ..load.yamlfile import load
from .layout import BLEED_MM
from .merge import MARKS, MM, crop_marks, unique_subset_tags

SPINE_TEXT_MM = 5.0  # a narrower spine carries no text: it would not sit on the spine when the book is bound
SPINE_MARGIN_MM = 1.0  # the spine's text keeps this far from each fold
# The spine's colour runs this far onto the back and front covers (its own bleed): a fold off by a millimetre
# then shows the colour on the spine, never a white line, as bindery tolerance needs.
WRAP_MM = BLEED_MM
COVER_PAGES = 4  # 表1, 表2 (the first two pages of the plan) and 表3, 表4 (the last two)
MIN_SPINE_MM = 3.0  # below this, many print shops will not perfect-bind: the glue has too little to hold


def spine_mm(body_pages: int, thickness_mm: float) -> float:
    """The spine's width in mm: the body's leaves (two pages each, rounded up) times the paper's thickness."""
    return math.ceil(body_pages / 2) * thickness_mm


def spine_problems(spine: float, body_pages: int, thickness_mm: float, content_root: Path) -> list[Problem]:
    """A warning, located at site.yaml's `binding` line, when the spine is too thin to perfect-bind."""
    if spine >= MIN_SPINE_MM:
        return []
    site_file = content_root / "site.yaml"
    line, col = load(site_file).where(("print", "binding")) if site_file.is_file() else (1, 1)
    return [Problem(str(site_file), line, col,
                    f"無線綴じの背幅が {spine:.1f} mm です（本文 {body_pages} ページ × 用紙 {thickness_mm} mm）。"
                    f"背幅 {MIN_SPINE_MM:.0f} mm 未満は無線綴じを受けない印刷所が多いため、このページ数なら "
                    "print.binding: saddle（中綴じ）にするか、厚い用紙（print.paper_thickness_mm）にしてください。 / "
                    f"the perfect-bound spine is {spine:.1f} mm ({body_pages} body pages × {thickness_mm} mm paper); "
                    f"many print shops will not perfect-bind below {MIN_SPINE_MM:.0f} mm: at this page count use "
                    "print.binding: saddle (saddle stitch), or a thicker paper (print.paper_thickness_mm).",
                    "warning", "print-spine")]


def cover_path(press: Path) -> Path:
    """Where the cover of the press file `press` goes: guidebook.pdf → guidebook-cover.pdf."""
    return press.with_name(f"{press.stem}-cover{press.suffix}")


def spine_html(composer, spine: float) -> str:
    """The spine alone as an HTML page `spine` mm wide and as tall as the book, with its bleed."""
    geo = composer.geo
    site = composer.guide.site
    title = site.title.get("ja")
    muni = site.municipality.get("ja")
    volume = composer.edition.volume
    volume = f"　{volume.ordinal('ja')}" if volume is not None else ""  # which book of a set
    size = 0.0
    if spine >= SPINE_TEXT_MM:
        # as large as the spine allows (at most 12 pt), and short enough for the title and the city to fit the height
        chars = len(title) + len(str(site.edition)) + 3 + len(volume) + len(muni)
        size = min(spine - 2 * SPINE_MARGIN_MM, 12 * 25.4 / 72, (geo.height - 60) / (chars * 1.1))
    page = (f"\n@page {{ size: {spine}mm {geo.height}mm; margin: 0; }}"
            f"\n:root {{ --spine: {spine}mm; --spine-text: {size:.2f}mm; }}")
    return composer.env.get_template("print/spine.html").render(
        site=site, lang="ja", stylesheets=composer.stylesheets, page_css=composer.page_css + page,
        title=title if size else "", muni=muni, edition=f"{site.edition}年度版{volume}")


def _form(pdf: pikepdf.Pdf, page: pikepdf.Page) -> tuple[pikepdf.Stream, list[float]]:
    """The page as a form XObject showing everything up to its BleedBox (not its crop marks), and its TrimBox."""
    trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    bleed = [float(v) for v in page.obj.get("/BleedBox", page.mediabox)]
    form = page.as_form_xobject()
    form.BBox = pikepdf.Array(bleed)
    data = form.read_bytes()
    marks = data.rfind(MARKS)
    if marks >= 0:  # the page's own crop marks would stand inside the sheet (clipped, but still in the file)
        form.write(data[:marks] + b"Q\n")  # the Q closes the q that merge.crop_marks put before the page's content
    return pdf.make_indirect(form), trim


def _sheet(pdf: pikepdf.Pdf, width: float, height: float, placed: list[tuple[pikepdf.Stream, list[float], float,
                                                                             list[float]]],
           folds: list[float] | None = None) -> None:
    """Add one cover sheet (`width` × `height` pt at the trim) showing each form with its trim's left edge at x,
    clipped to its rectangle (x0, x1 in pt; the bleed above and below)."""
    bleed = BLEED_MM * MM
    page = pdf.add_blank_page(page_size=(width, height))
    page.obj.TrimBox = pikepdf.Array([0, 0, width, height])
    page.obj.BleedBox = pikepdf.Array([-bleed, -bleed, width + bleed, height + bleed])
    ops, names = [], pikepdf.Dictionary()
    for i, (form, trim, x, (x0, x1)) in enumerate(placed):
        name = f"/Cover{i}"
        names[name] = form
        ops.append(f"q {x0:.3f} {-bleed:.3f} {x1 - x0:.3f} {height + 2 * bleed:.3f} re W n "
                   f"1 0 0 1 {x - trim[0]:.3f} {-trim[1]:.3f} cm {name} Do Q")
    page.obj.Resources = pikepdf.Dictionary(XObject=names)
    page.obj.Contents = pdf.make_stream("\n".join(ops).encode())
    crop_marks(pdf, page)
    _fold_marks(pdf, page, folds if folds is not None else [x for _f, _t, x, _c in placed[1:]])


def _fold_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, folds: list[float]) -> None:
    """Short lines outside the bleed, above and below the sheet, where it folds round the spine (背のトンボ)."""
    trim = [float(v) for v in page.obj.TrimBox]
    gap, room = BLEED_MM * MM, float(page.obj.MediaBox[3]) - trim[3]
    ops = ["q 0.25 w 1 1 1 1 K"]
    for x in folds:
        ops += [f"{x:.2f} {trim[3] + gap:.2f} m {x:.2f} {trim[3] + room:.2f} l S",
                f"{x:.2f} {trim[1] - gap:.2f} m {x:.2f} {trim[1] - room:.2f} l S"]
    page.contents_add(pikepdf.Stream(pdf, ("\n".join(ops + ["Q"]) + "\n").encode()), prepend=False)


def write_cover(press: Path, composer, *, prepare: Callable[[pikepdf.Pdf], None],
                finish: Callable[[pikepdf.Pdf], None]) -> tuple[Path, float]:
    """Move the four cover pages of the press file `press` (of `composer`'s edition) onto a cover sheet
    (cover_path) and leave the body in `press`; return the cover's path and the spine's width in mm. `prepare`
    makes the spine's PDF a press file as the book's pages were made (black overprint, PDF/X-1a colour spaces);
    `finish` sets the cover's document facts."""
    out = cover_path(press)
    with pikepdf.open(press) as book:
        total = len(book.pages)
    body_pages = total - COVER_PAGES
    if body_pages < 4:
        raise ContentError(Problem("site.yaml", 1, 1, f"無線綴じにするには本文が少なすぎます（全 {total} ページ）。"
                                   "print.binding を saddle（中綴じ）にしてください。 / too few pages for perfect binding "
                                   f"({total} in all): set print.binding to saddle.", "error", "print-binding"))
    spine = spine_mm(body_pages, composer.guide.site.print.paper_thickness_mm)
    with tempfile.TemporaryDirectory(prefix="guidebook-spine-") as tmp:
        spine_pdf = Path(tmp) / "spine.pdf"
        weasyprint.HTML(string=spine_html(composer, spine), base_url=composer.base_url,
                        url_fetcher=composer.fetcher()).write_pdf(spine_pdf, **composer.options)
        with pikepdf.open(press) as cover, pikepdf.open(spine_pdf) as spine_doc:
            prepare(spine_doc)
            cover.pages.append(spine_doc.pages[0])
            pages = list(cover.pages)
            front, inside_front, inside_back, back, ridge = (
                _form(cover, pages[i]) for i in (0, 1, total - 2, total - 1, total))
            trim = front[1]
            trim_w, trim_h = trim[2] - trim[0], trim[3] - trim[1]
            s, b = spine * MM, BLEED_MM * MM
            sheet_w = 2 * trim_w + s
            for page in list(cover.pages):
                cover.pages.remove(page)
            # outside: 表4 | spine | 表1, the spine drawn last and wrapping WRAP_MM onto both covers;
            # inside (the same sheet turned over): 表2 | glued spine (no ink) | 表3
            wrap = WRAP_MM * MM
            _sheet(cover, sheet_w, trim_h, [(back[0], back[1], 0, (-b, trim_w)),
                                            (front[0], front[1], trim_w + s, (trim_w + s, sheet_w + b)),
                                            (ridge[0], ridge[1], trim_w, (trim_w - wrap, trim_w + s + wrap))],
                   folds=[trim_w, trim_w + s])
            _sheet(cover, sheet_w, trim_h, [(inside_front[0], inside_front[1], 0, (-b, trim_w)),
                                            (inside_back[0], inside_back[1], trim_w + s, (trim_w + s, sheet_w + b))])
            for key in ("/Outlines", "/Names", "/PageLabels", "/StructTreeRoot", "/MarkInfo"):
                if key in cover.Root:
                    del cover.Root[key]
            title = f"{cover.docinfo.get('/Title', '')} 表紙 / cover"
            cover.docinfo["/Title"] = title
            cover.remove_unreferenced_resources()
            unique_subset_tags(cover)
            finish(cover)
            if "/Metadata" in cover.Root:  # the XMP title (PDF/X requires one) names the file as the Info does
                with cover.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                    meta["dc:title"] = title
            with atomic_path(out) as tmp_out:
                cover.save(tmp_out, **_saving(cover))
    _body_only(press)
    return out, spine


def _body_only(press: Path) -> None:
    """The press file without its four cover pages; its page labels keep the booklet's numbers (the first body
    page is page 3), its bookmarks those that lead into the body."""
    with pikepdf.open(press, allow_overwriting_input=True) as book:
        total = len(book.pages)
        kept = {page.obj.objgen for page in list(book.pages)[2:total - 2]}
        if "/Outlines" in book.Root:
            with book.open_outline() as outline:
                outline.root[:] = [item for item in outline.root if _leads_into(item, kept, book)]
        for index in (total - 1, total - 2, 1, 0):
            del book.pages[index]
        book.Root.PageLabels = book.make_indirect(pikepdf.Dictionary(
            Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, St=3)])))
        with atomic_path(press) as tmp:
            book.save(tmp, **_saving(book))


def _saving(pdf: pikepdf.Pdf) -> dict:
    """As merge.py saves: the same content gives the same bytes; no object streams in PDF 1.4 (PDF/X-1a)."""
    streams = pikepdf.ObjectStreamMode.generate if pdf.pdf_version >= "1.5" else pikepdf.ObjectStreamMode.disable
    return {"object_stream_mode": streams, "compress_streams": True, "deterministic_id": True}


def _leads_into(item, kept: set, pdf: pikepdf.Pdf) -> bool:
    item.children[:] = [child for child in item.children if _leads_into(child, kept, pdf)]
    target = item.destination
    if isinstance(target, pikepdf.Array) and len(target) and isinstance(target[0], pikepdf.Dictionary):
        return target[0].objgen in kept or bool(item.children)
    return True
