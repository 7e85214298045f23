"""Join rendered chunks into one PDF: internal links between chunks, bookmarks, and crop marks for the press."""
from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Callable
from pathlib import Path

import pikepdf

from ..files import atomic_path

from .compose import linked_page
from .layout import BLEED_MM, MARKS_MM
from .preflight import font_program, fonts
from .structure import StructureMerger

MM = 72 / 25.4
MARKS = b"Q q 0.25 w 1 1 1 1 K"  # where a page's crop marks start in its content (cover.py takes them off again)


def merge(parts: list[Path], out: Path, outline: list[tuple[str, int, int]], *, title: str = "",
          marks: bool = False, tagged: bool = False, finish: Callable[[pikepdf.Pdf], None] | None = None) -> int:
    """Write the chunks `parts` (in order) as one PDF at `out`; return its page count.

    The first chunk's document catalog is kept (its output intent and XMP metadata for PDF/X); placeholder links
    to `PAGE_LINK<n>` become links to page n; `outline` becomes the PDF bookmarks. With `tagged`, the chunks'
    structure trees become one; `finish` sets the document-level facts (dates, IDs, output intent) before saving.
    With `marks` (the press file) pages get crop marks and lose their links: a press file has no annotations.
    Every chunk embeds its own subset of each font: each subset gets a tag of its own (unique_subset_tags).
    `out` is written beside and renamed: until then a previous file there stays as it was.
    """
    pdf = pikepdf.open(parts[0])
    try:
        tree = StructureMerger(pdf) if tagged else None
        # One chunk open at a time: pikepdf opens every Pdf with QPDF's immediate-copy mode, so copied pages keep
        # their stream data once the chunk is closed; QPDF holds ~10x a chunk's bytes while it is open, and
        # keeping all 92 chunks of a 1,000-company book open put ~600 MB on the peak.
        for part in parts[1:]:
            with pikepdf.open(part) as source:
                start = len(pdf.pages)
                pdf.pages.extend(source.pages)
                if tree is not None:
                    tree.append(source, start)
        if tree is not None:
            tree.close()
        unique_subset_tags(pdf)
        if marks:
            for page in pdf.pages:
                if "/Annots" in page.obj:
                    del page.obj["/Annots"]
                crop_marks(pdf, page)
        else:
            _resolve_links(pdf)
        _outline(pdf, outline)
        if title:
            pdf.docinfo["/Title"] = title
        if finish is not None:
            finish(pdf)
        # deterministic_id: the /ID is a hash of the content, not random, so the same content gives the same bytes
        # Object streams need PDF 1.5: PDF/X-1a is PDF 1.4 and must stay so.
        streams = pikepdf.ObjectStreamMode.generate if pdf.pdf_version >= "1.5" else pikepdf.ObjectStreamMode.disable
        with atomic_path(out) as tmp:
            pdf.save(tmp, object_stream_mode=streams, compress_streams=True, deterministic_id=True)
        return len(pdf.pages)
    finally:
        pdf.close()


def unique_subset_tags(pdf: pikepdf.Pdf) -> None:
    """Give each embedded font subset a tag (the `ABCDEF+` of its name) made from its own bytes.

    WeasyPrint tags a subset after the font it was cut from, so the subsets of one font in different chunks (each
    a different program) share one name; a RIP or imposition tool that caches fonts by name then prints blanks.
    The same program keeps the same tag: the same content still gives the same bytes. Chunks that cut the very
    same subset share one copy of its program (the others are then written no more)."""
    tags: dict[bytes, str] = {}  # program digest → tag
    programs: dict[bytes, pikepdf.Stream] = {}  # program digest → the copy every font of it points at
    taken: set[str] = set()
    seen: set = set()
    for page in pdf.pages:
        for font in fonts(page.obj.get("/Resources"), seen):
            named = [font] + ([font.DescendantFonts[0]] if font.get("/Subtype") == pikepdf.Name.Type0 else [])
            descriptor = named[-1].get("/FontDescriptor")
            program = font_program(font)
            name = str(font.get("/BaseFont", ""))[1:]
            if program is None or len(name) < 8 or name[6] != "+":
                continue
            digest = hashlib.sha256(program.read_raw_bytes()).digest()
            first = programs.setdefault(digest, program)
            if descriptor is not None and first.is_indirect and program.is_indirect and first.objgen != program.objgen:
                for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                    if key in descriptor:
                        descriptor[key] = first
            tag = tags.get(digest)
            if tag is None:
                number = int.from_bytes(digest[:8], "big")
                while tag is None or tag in taken:
                    tag = "".join(string.ascii_uppercase[(number // 26 ** i) % 26] for i in range(6))
                    number += 1
                tags[digest] = tag
                taken.add(tag)
            renamed = pikepdf.Name("/" + tag + name[6:])
            for item in named:
                item.BaseFont = renamed
            if descriptor is not None:
                descriptor.FontName = renamed
    share_fonts(pdf)


def share_fonts(pdf: pikepdf.Pdf) -> None:
    """One font object per embedded program: the chunks that cut the very same subset each bring a font object of
    their own for it, alike but for the order of their ToUnicode entries, and `pdffonts` (as a RIP's font list)
    then shows one name twice. Every resource dictionary is pointed at the first of them; a font whose widths or
    encoding differ keeps its own object, and ToUnicode maps that disagree on a glyph are never merged."""
    kept: dict[bytes, pikepdf.Object] = {}  # program digest → the font object every page uses for it
    seen: set = set()

    def visit(resources) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        named = resources.get("/Font")
        if isinstance(named, pikepdf.Dictionary):
            for key in list(named.keys()):
                font = named[key]
                if not font.is_indirect or font_program(font) is None:
                    continue
                first = kept.setdefault(_program_digest(font), font)
                if first.objgen != font.objgen and _joined_unicode(pdf, first, font):
                    named[key] = first
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page.obj.get("/Resources"))


def _program_digest(font: pikepdf.Dictionary) -> bytes:
    return hashlib.sha256(font_program(font).read_raw_bytes()).digest()


def _same_but_unicode(a: pikepdf.Dictionary, b: pikepdf.Dictionary) -> bool:
    """The two fonts are alike in everything a glyph's shape and advance come from (program, widths, encoding)."""
    if a.get("/Subtype") != b.get("/Subtype") or repr(a.get("/Encoding")) != repr(b.get("/Encoding")):
        return False
    if a.get("/Subtype") == pikepdf.Name.Type0:
        a, b = a.DescendantFonts[0], b.DescendantFonts[0]
        keys = ("/Subtype", "/DW", "/CIDToGIDMap", "/CIDSystemInfo")
        wa, wb = _widths(a.get("/W")), _widths(b.get("/W"))
        # the same program, its advances rounded to 1/1000 em from different sizes (333 in one chunk, 334 in
        # another): the same glyphs, and a RIP that caches the font by its name uses one of them anyway
        if wa is None or wb is None or wa.keys() != wb.keys() or any(abs(wa[c] - wb[c]) > 1 for c in wa):
            return False
    else:
        keys = ("/FirstChar", "/LastChar", "/Widths")
    return all(repr(a.get(k)) == repr(b.get(k)) for k in keys)


def _widths(array) -> dict[int, float] | None:
    """A CIDFont's /W array (`c [w1 w2 …]` and `c_first c_last w` entries) as CID → width; None if unreadable."""
    widths: dict[int, float] = {}
    items = list(array) if array is not None else []
    i = 0
    try:
        while i < len(items):
            first = int(items[i])
            if isinstance(items[i + 1], pikepdf.Array):
                for offset, width in enumerate(items[i + 1]):
                    widths[first + offset] = float(width)
                i += 2
            else:
                for cid in range(first, int(items[i + 1]) + 1):
                    widths[cid] = float(items[i + 2])
                i += 3
    except (IndexError, TypeError, ValueError):
        return None
    return widths


_BFCHAR = re.compile(rb"^<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*$", re.M)


def _unicode_map(font: pikepdf.Dictionary) -> dict[bytes, bytes] | None:
    """A ToUnicode CMap of single-code entries (bfchar, as WeasyPrint writes them) as a dict; None for another
    kind (a bfrange is not unpicked here)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.read_bytes()
    if b"bfrange" in data:
        return None
    return {code.lower(): text.lower() for code, text in _BFCHAR.findall(data)}


def _joined_unicode(pdf: pikepdf.Pdf, first: pikepdf.Dictionary, other: pikepdf.Dictionary) -> bool:
    """Whether `other` can be replaced by `first`: alike, and `first`'s ToUnicode map (made the union of both when
    they name different glyphs) agrees with `other`'s on every glyph both map."""
    if not _same_but_unicode(first, other):
        return False
    mine, theirs = _unicode_map(first), _unicode_map(other)
    if mine is None or theirs is None or any(mine[c] != t for c, t in theirs.items() if c in mine):
        return False
    missing = {c: t for c, t in theirs.items() if c not in mine}
    if missing and first.get("/Subtype") != pikepdf.Name.Type0:
        return False  # the map written below is for two-byte codes
    if missing:
        first.ToUnicode = pikepdf.Stream(pdf, _cmap({**mine, **missing}))
    return True


def _cmap(entries: dict[bytes, bytes]) -> bytes:
    """A ToUnicode CMap of `entries` (code → UTF-16BE hex), in bfchar blocks of at most 100 (PDF's limit)."""
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(entries.items())
    for start in range(0, len(items), 100):
        block = items[start:start + 100]
        lines.append(b"%d beginbfchar" % len(block))
        lines += [b"<" + code + b"> <" + text + b">" for code, text in block]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"


def _resolve_links(pdf: pikepdf.Pdf) -> None:
    """Turn the placeholder links (page_link) into links to the pages they name."""
    pages = [page.obj for page in pdf.pages]  # once: len() and indexing of pdf.pages cost a call into QPDF each time
    for page in pages:
        for annot in page.get("/Annots", []):
            number = linked_page(annot)
            if number is None:
                continue
            del annot["/A"]
            if 1 <= number <= len(pages):
                annot["/Dest"] = pikepdf.Array([pages[number - 1], pikepdf.Name.Fit])


def _outline(pdf: pikepdf.Pdf, entries: list[tuple[str, int, int]]) -> None:
    with pdf.open_outline() as outline:
        outline.root.clear()
        parent = None
        for title, page, level in entries:
            if not 1 <= page <= len(pdf.pages):
                continue
            item = pikepdf.OutlineItem(title, page - 1)
            if level == 0 or parent is None:
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)


def crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Japanese-style corner crop marks (トンボ: one line at the trim, one at the bleed) outside the bleed box,
    in registration colour, on a media box enlarged to hold them."""
    x0, y0, x1, y1 = (float(v) for v in page.obj.get("/TrimBox", page.mediabox))
    bleed, room = BLEED_MM * MM, (BLEED_MM + MARKS_MM) * MM
    page.obj.MediaBox = pikepdf.Array([x0 - room, y0 - room, x1 + room, y1 + room])
    page.obj.CropBox = page.obj.MediaBox
    page.obj.BleedBox = pikepdf.Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
    if "/ArtBox" in page.obj:
        del page.obj["/ArtBox"]
    lines = []
    gap = bleed  # marks start outside the bleed so they never print on the page
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            for offset in (0, bleed):  # trim line and bleed line
                hy = y + sy * offset
                lines.append((x + sx * gap, hy, x + sx * room, hy))
                vx = x + sx * offset
                lines.append((vx, y + sy * gap, vx, y + sy * room))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for sy, y in ((-1, y0), (1, y1)):  # centre marks
        lines.append((cx, y + sy * gap, cx, y + sy * room))
        lines.append((cx - 5 * MM, y + sy * (gap + room) / 2, cx + 5 * MM, y + sy * (gap + room) / 2))
    for sx, x in ((-1, x0), (1, x1)):
        lines.append((x + sx * gap, cy, x + sx * room, cy))
        lines.append((x + sx * (gap + room) / 2, cy - 5 * MM, x + sx * (gap + room) / 2, cy + 5 * MM))
    ops = [MARKS.decode()] + [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines] + ["Q"]
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, ("\n" + "\n".join(ops) + "\n").encode()), prepend=False)
