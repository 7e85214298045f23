"""Lay each measured half page out once: `python -m bench.pdfgraft CONTENT [CHUNK]` (a prototype and its figures).

The measuring pass (generator/pdf/measure.py) lays out every short profile as the half of a shared page to learn its
height; the chunk that shows the pair lays the same profile out again. This renders one chunk of the book twice in
one process: as render_pdf does (A), and with each pair page's halves left empty at their measured height and the
boxes the measuring document laid out moved into them (B). It prints the CPU of both, whether the pages look the same
(pdftoppm at 60 dpi), whether the structure trees and link annotations agree, and what B would save over the book.

Not used by any build: the measuring documents and the chunks run in different processes there, and WeasyPrint's
boxes (text laid out by Pango) cannot be handed from one process to another (bench/RESULTS.md, pdf3x third round).
"""
from __future__ import annotations

import collections
import gc
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import weasyprint
from weasyprint.document import Page
from weasyprint.layout.background import layout_box_backgrounds

PX_MM = 25.4 / 96
REPEAT = 3


def halves(pages) -> dict[str, object]:
    """slug → the laid-out box of each company's half (div.half) on `pages`."""
    found = {}
    for page in pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and box.element_tag == "div" and "half" in (element.get("class") or "").split():
                found.setdefault(element.get("data-slug"), box)
                continue
            stack.extend(getattr(box, "children", []) or [])
    return found


def placeholders_css(measured: dict[str, object], slugs: list[str]) -> str:
    """CSS that makes the halves of `slugs` as tall as their measured content (and hides what they still hold)."""
    return ".pair .half > * { display: none !important; }\n" + "\n".join(
        f"#c-{slug} {{ height: {measured[slug].height}px; }}" for slug in slugs)


HALF = re.compile(r'(<div class="company half half-\d" id="c-[^"]+" data-slug="[^"]+">).*?<p class="half-confirmed">'
                  r'.*?</p>\s*</div>', re.S)


def empty_halves(html: str) -> str:
    """A chunk's HTML with every half of a shared page (print/pair.html) left empty: what a chunk would be composed
    as if it took its halves from the measuring pass (nothing to parse and style for them)."""
    return HALF.sub(r"\1</div>", html)


def graft(document, measured: dict[str, object], slugs: set[str]) -> None:
    """Move the measured content of each half in `slugs` into its empty placeholder on `document`'s pages, then
    gather each page's links and anchors again.

    The content box of a half must start and end with its children's margin boxes, as the theme's halves do (the
    co-head has no top margin, the foot line no bottom margin): a child margin collapsing through the half would
    sit outside the measured box on one page and inside it on the other."""
    for page in document.pages:
        for slug, slot in halves([page]).items():
            if slug not in slugs:
                continue
            source = measured[slug]
            dx, dy = slot.content_box_x() - source.content_box_x(), slot.content_box_y() - source.content_box_y()
            for child in source.children:
                child.translate(dx, dy)
            slot.children = source.children
            for child in slot.children:  # backgrounds are placed while laying out, in page coordinates
                layout_box_backgrounds(page._page_box, child, None)
    document.pages = [Page(page._page_box) for page in document.pages]


def structure(path: Path) -> tuple[collections.Counter, int]:
    """The structure elements of a tagged PDF by type, and its link annotations."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        counts: collections.Counter = collections.Counter()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if "/S" in element:
                counts[str(element.S)] += 1
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary)]
        return counts, sum(len(page.obj.get("/Annots", [])) for page in pdf.pages)


def same_images(a: Path, b: Path, pages: list[int], folder: Path) -> list[int]:
    """The pages among `pages` whose 60 dpi images differ between PDFs `a` and `b`."""
    from PIL import Image, ImageChops

    differ = []
    for number in pages:
        images = []
        for pdf in (a, b):
            prefix = folder / f"{pdf.stem}-{number}"
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            str(pdf), str(prefix)], check=True)
            images.append(Image.open(f"{prefix}.png").convert("RGB"))
        if ImageChops.difference(*images).getbbox() is not None:
            differ.append(number)
    return differ


def main(root: Path, chunk_name: str | None) -> None:
    from generator.load import load_content
    from generator.model import make_guide
    from generator.pdf.chunks import drop_nested_links
    from generator.pdf import Run
    from generator.pdf.compose import Composer
    from generator.pdf.measure import could_fit
    from generator.pdf.plan import Sheet, chapters, make_plan
    from generator.site.templates import theme_dirs

    guide = make_guide(load_content(root))
    folder = Path(tempfile.mkdtemp(prefix="pdfgraft-"))
    composer = Composer(Run(guide, theme_dirs(guide.site.theme), root, cache=folder))
    options = composer.options
    base = root.resolve().as_uri() + "/"
    chapter_of = {c.slug: term for term, cs in chapters(guide) for c in cs}
    short = [c for c in guide.companies if could_fit(c)]
    by_slug = {c.slug: c for c in guide.companies}
    weasyprint.HTML(string="<p>.</p>").render()  # WeasyPrint's first-document set-up, outside the figures
    gc.disable()  # as in a worker (chunks.render_job)

    def render(html: str):
        return weasyprint.HTML(string=html, base_url=base, url_fetcher=composer.fetcher()) \
            .render(**options)

    def write(document, path: Path) -> None:
        for page in document.pages:
            drop_nested_links(page)
        document.write_pdf(path, **options)

    start = time.process_time()
    measuring = render(composer.measuring_html([Sheet("pair", 1, "", pair=[(chapter_of[c.slug], c)], chapter_no=1)
                                                for c in short]))
    measured = halves(measuring.pages)
    print(f"measuring {len(short)} short profiles in one document: {time.process_time() - start:.2f} s CPU")
    plan = make_plan(guide, composer.geo, 4, heights={s: b.margin_height() * PX_MM for s, b in measured.items()})
    kinds = collections.Counter(s.kind for s in plan.sheets())
    chunk = next(c for c in plan.chunks if c.name == chunk_name) if chunk_name else max(
        plan.chunks, key=lambda c: sum(s.kind == "pair" for s in c.sheets))
    pairs = [s for s in chunk.sheets if s.kind == "pair"]
    slugs = [c.slug for s in pairs for _t, c in s.pair]
    html = composer.html(chunk.sheets)

    skeleton = empty_halves(html).replace("</head>", f"<style>{placeholders_css(measured, slugs)}</style></head>")
    assert skeleton.count('class="company half') == len(slugs) and "half-confirmed" not in skeleton
    normal, grafted = [], []
    for _ in range(REPEAT):  # alternately, so that a shared machine's load weighs on both alike
        start = time.process_time()
        write(render(html), folder / "A.pdf")
        normal.append(time.process_time() - start)
        again = halves(render(composer.measuring_html(  # the measured boxes move when grafted: a fresh set
            [Sheet("pair", 1, "", pair=[(chapter_of[slug], by_slug[slug])], chapter_no=1) for slug in slugs])).pages)
        start = time.process_time()
        document = render(skeleton)
        graft(document, again, set(slugs))
        write(document, folder / "B.pdf")
        grafted.append(time.process_time() - start)
    normal, grafted = statistics.median(normal), statistics.median(grafted)

    saved = (normal - grafted) / max(1, len(slugs))
    print(f"book: {dict(kinds)}; chunk {chunk.name}: {chunk.pages} pages, {len(pairs)} pair pages")
    print(f"A as render_pdf lays it out: {normal:.2f} s CPU; B halves grafted: {grafted:.2f} s CPU "
          f"(medians of {REPEAT}); {saved * 1000:.0f} ms a half, {saved * 2 * kinds['pair']:.1f} s CPU over the "
          f"book's {kinds['pair']} pair pages")
    numbers = [s.number - chunk.start + 1 for s in pairs]
    print(f"pair pages whose 60 dpi images differ: {same_images(folder / 'A.pdf', folder / 'B.pdf', numbers, folder)}")
    alike = structure(folder / "A.pdf") == structure(folder / "B.pdf")
    print(f"structure elements and link annotations alike: {alike}")
    print(f"files in {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
