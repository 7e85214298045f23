"""Every PDF file of a build: each edition's book (render.py), the companies' one-page PDFs cut from it, the press
files with their notes for the print shop."""
from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf

from ..files import link_or_copy
from ..model import Guide
from .colophon import colophon_problems
from .edition import Edition, Run
from .pressnote import press_note
from .render import render_planned
from .tabs import tab_problems
from .volumes import Volume, volumes


def editions(guide: Guide, for_print: bool = False) -> list[Edition]:
    """The editions of a build in the order they are made: each language's book (or its volumes), then with
    `for_print` the press edition's (Japanese, one per volume)."""
    books = volumes(guide) or [None]
    screen = [Edition(lang, "screen", volume) for lang in guide.site.languages for volume in books]
    return screen + ([Edition("ja", "print", volume) for volume in books] if for_print else [])


def render_editions(run: Run, stage: Path, *, for_print: bool = False, notes: list[str] | None = None) -> int:
    """Every PDF of a build into `stage`: guidebook.pdf, guidebook-en.pdf, one page per company for the website,
    and with `for_print` the press edition print/guidebook.pdf (PDF/X, CMYK, bleed, crop marks); with volumes
    (volumes.py) guidebook-vol1.pdf, guidebook-vol1-en.pdf … and print/guidebook-vol1.pdf … instead of each book.
    Returns the page count of the first language's book (its volumes together); `notes` gets one line per press
    file for the print shop (pressnote.py). The run's cache must be set: it keeps each edition's chunks."""
    guide = run.guide
    every = editions(guide, for_print)
    if "ja" in guide.site.languages:
        run.warnings.extend(tab_problems(guide, run.root))  # a part's name too long for its thumb tab
    pages: dict[str, int] = {}  # language → its book's pages, its volumes together
    for edition in (e for e in every if not e.press):
        book = stage / edition.file_name
        count, plan = render_planned(run, book, edition)
        pages[edition.lang] = pages.get(edition.lang, 0) + count
        company_pdfs(book, plan.company_pages(), lambda slug, lang=edition.lang: stage / company_pdf(slug, lang))
        if (stage / "site").is_dir():  # the website offers the same file
            link_or_copy(book, stage / "site" / edition.file_name)
    press = [e for e in every if e.press]
    if press:
        (stage / "print").mkdir(exist_ok=True)
        run.warnings.extend(colophon_problems(guide, run.root))
    for edition in press:
        render_planned(run, stage / edition.file_name, edition)
        if notes is not None:
            notes.append(press_note(guide, stage / edition.file_name, stage))
    _prune_volumes(run.cache, [edition.volume for edition in every])
    return next(iter(pages.values()), 0)


def company_pdf(slug: str, lang: str) -> str:
    """Where a company's one-page PDF goes in the output: site/companies/<slug>/<slug>.pdf, or under site/en/ with
    -en before the suffix."""
    return f"site/companies/{slug}/{slug}.pdf" if lang == "ja" else f"site/{lang}/companies/{slug}/{slug}-{lang}.pdf"


def company_pdfs(guidebook: Path, plan_pages: dict[str, int], target_of) -> None:
    """One-page PDFs per company, cut from the finished guidebook (the same page, no second layout)."""
    with pikepdf.open(guidebook) as book:
        for slug, number in plan_pages.items():
            single = pikepdf.new()
            single.pages.append(book.pages[number - 1])
            page = single.pages[0].obj
            if "/StructParents" in page:  # the book's structure tree stays behind: no keys into a missing tree
                del page["/StructParents"]
            for annot in page.get("/Annots", []):
                if "/Dest" in annot:  # links into the rest of the booklet lead nowhere in a one-page file
                    del annot["/Dest"]
                if "/StructParent" in annot:
                    del annot["/StructParent"]
            _only_drawn_xobjects(single.pages[0])
            single.docinfo["/Title"] = str(book.docinfo.get("/Title", "")) + f" — {slug}"
            target = target_of(slug)
            target.parent.mkdir(parents=True, exist_ok=True)
            single.save(target, compress_streams=True, deterministic_id=True)  # same content, same bytes


def _only_drawn_xobjects(page) -> None:
    """Keep in a cut-out page's resources only the images and forms its content draws: the book's pages share one
    resource dictionary, so a one-page PDF carried every photo of the booklet (a saved file holds only what is
    referenced)."""
    resources = page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return
    drawn = {str(operands[0]) for operands, op in pikepdf.parse_content_stream(page) if str(op) == "Do" and operands}
    resources["/XObject"] = pikepdf.Dictionary({k: v for k, v in xobjects.items() if k in drawn})


def _prune_volumes(cache: Path, books: list[Volume | None]) -> None:
    """Drop the cache folders of volumes this build no longer has (fewer volumes, or none)."""
    keep = {book.key for book in books if book is not None}
    for folder in cache.glob("*-vol*"):
        if folder.is_dir() and folder.name.rsplit("-", 1)[-1] not in keep:
            shutil.rmtree(folder, ignore_errors=True)
