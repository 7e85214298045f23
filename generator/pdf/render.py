"""Stage 6, render PDF: plan every page, render chunks in parallel (cached), merge; the editions of one build."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pikepdf

from ..errors import ContentError, Problem
from ..model import Guide
from ..files import link_or_copy
from ..state import State
from ..parallel import FreshPool, settled_heap
from .chunks import PRELOAD, Chunks, Job, Rendered, cached, drop_nested_links, prune, render_all
from .colophon import colophon_problems
from .compose import QR_STEPS, Composer
from .cover import COVER_PAGES, spine_problems, write_cover
from .digest import ChunkState, chunk_digest, edition_digest, sheet_digests
from .finish import build_date, drop_unused_colour_spaces, finish
from .fit import fit_problems
from .fonts import check_fonts
from .measure import FILE as HEIGHTS, heights
from .merge import merge
from .overprint import set_black_overprint
from .plan import Chunk, Plan, make_plan
from .preflight import ALLOWED, preflight
from .pressnote import press_note
from .tabs import tab_problems
from .transparency import transparency
from .volumes import Volume, volumes

PDFX = {"X-4": "pdf/x-4", "X-1a": "pdf/x-1a"}


def _options(guide: Guide, target: str) -> dict:
    if target == "print":
        return {"pdf_variant": PDFX.get(guide.site.print.pdfx, "pdf/x-4"), "dpi": 450}
    # Tagged for accessibility (reading order, headings, lists, tables, alternative texts): merge.py joins the
    # chunks' structure trees into one.
    # Photos down to 220 dpi (a quarter of the bytes); not optimize_images, which re-encodes every JPEG for a few
    # per cent and costs a quarter of a chunk's time.
    return {"dpi": 220, "pdf_tags": True}


def _job(composer: Composer, name: str, html: str, options: dict, cost: float = 0) -> Job:
    return Job(name, html, composer.content_root.resolve().as_uri() + "/", [str(p) for p in composer.allowed], options,
               cost=cost)


def render_pdf(guide: Guide, out: Path, themes: list[Path], content_root: Path, lang: str = "ja", *,
               target: str = "screen", cache: Path | None = None, processes: int | None = None,
               warnings: list[Problem] | None = None, state: State | None = None,
               volume: Volume | None = None) -> int:
    """Write the guidebook PDF (`target` screen or print) to `out` and return its page count.

    Chunks are rendered in parallel and kept in `cache` (a temporary folder when None), so that a rebuild after
    one profile changed re-renders only the chunks whose HTML changed; with the previous build's `state`, a chunk
    whose pages did not change is not even composed.
    """
    return render_planned(guide, out, themes, content_root, lang, target=target, cache=cache, processes=processes,
                          warnings=warnings, state=state, volume=volume)[0]


def render_planned(guide: Guide, out: Path, themes: list[Path], content_root: Path, lang: str = "ja", *,
                   target: str = "screen", cache: Path | None = None, processes: int | None = None,
                   warnings: list[Problem] | None = None, state: State | None = None,
                   volume: Volume | None = None) -> tuple[int, Plan]:
    """render_pdf that also returns the page plan (company page numbers for the one-page PDFs and the tests).

    With a `volume` (volumes.py), the file is that volume: its companies only, its own cover, contents and indexes,
    its chunks in a cache folder and build-state entries of its own.

    The file is always merged whole from the chunks, never patched: a published PDF holds nothing of an earlier
    version (an incremental update would keep the old pages readable behind the new ones).
    """
    check_fonts()
    if cache is None:
        with tempfile.TemporaryDirectory(prefix="guidebook-pdf-") as tmp:
            return render_planned(guide, out, themes, content_root, lang, target=target, cache=Path(tmp),
                                  processes=processes, warnings=warnings, state=state, volume=volume)
    edition_name = f"{lang}-{target}" + (f"-{volume.key}" if volume else "")
    if volume is not None:
        guide = volume.guide
    cache = cache / edition_name
    # Every document in one pool of fresh workers (its server starts importing WeasyPrint now): the front chunk beside
    # the measuring documents, each chunk as soon as it is composed (the parent composes the next while the workers
    # render).
    with FreshPool(processes, PRELOAD) as pool, settled_heap():
        composer = Composer(guide, themes, content_root, lang, target, cache, volume=volume)
        options = _options(guide, target)
        front_job = _job(composer, "front", composer.html([], front=True), options)
        early = Chunks(cache, pool)
        early.submit(front_job)
        edition = edition_digest(front_job.key, composer, options)
        # the profiles short enough to share a page, measured while the front chunk renders
        measured = heights(composer, guide.companies, edition, cache, processes, pool=pool)
        front = early.wait()["front"]
        plan = make_plan(guide, composer.geo, front.pages, lang, measured, volume.parts if volume else None,
                         volume.set_rows(lang) if volume else None, perfect=composer.perfect)
        # each chunk's page digests are made just before it is composed (_render_chunks): made here, all of them kept
        # both cores waiting between the measuring pass and the first chunk
        sheets: dict[str, list[str]] = {}
        outline = [(p.title.get(lang), i + 1, 0) for p in guide.pages
                   for i, anchors in enumerate(front.anchors) if f"page-{p.slug}" in anchors] + plan.outline
        title = f"{guide.site.title.get(lang)} {guide.site.edition}" + (f" {volume.name(lang)}" if volume else "")
        tagged = bool(options.get("pdf_tags"))
        identity = ""  # what the parts were made of, for the document ID in the XMP metadata (once they are known)

        def finishing(pdf) -> None:
            finish(pdf, moment=build_date(guide, content_root), identity=identity, intent=composer.intent)
            if target == "print":
                set_black_overprint(pdf)
            if target == "print" and guide.site.print.pdfx == "X-1a":
                _refuse_transparency(pdf, content_root)
                drop_unused_colour_spaces(pdf, ALLOWED["X-1a"])

        chunks = ChunkState(state if state is not None else State(), edition_name, cache)
        done = _render_chunks(plan, composer, options, edition, sheets, chunks, cache, processes, pool)
        identity = "\0".join([edition_name if volume else lang, target, front_job.key,
                              *(d for c in plan.chunks for d in sheets[c.name])])
        _check_pages(plan.chunks, done, guide, themes, content_root, lang)
        plan.rendered = {"front": front.cached, **{name: r.cached for name, r in done.items()}}
        parts = [Path(front.path)] + [Path(done[c.name].path) for c in plan.chunks]
        pages = merge(parts, out, outline, title=title, marks=target == "print", tagged=tagged, finish=finishing)
        _preflight(out, target, guide.site.print.pdfx, warnings)
        if target == "print" and guide.site.print.binding == "perfect":
            # the cover sheet goes to a file of its own (on thicker paper), and must pass the same preflight
            cover, spine = write_cover(out, composer, options, guide.site.print.paper_thickness_mm, prepare=finishing,
                                       finish=lambda pdf: finish(pdf, moment=build_date(guide, content_root),
                                                                 identity="cover\0" + identity, intent=composer.intent))
            _preflight(cover, target, guide.site.print.pdfx, warnings)
            if warnings is not None:
                warnings.extend(spine_problems(spine, pages - COVER_PAGES, guide.site.print.paper_thickness_mm,
                                               content_root))
        if warnings is not None:
            warnings.extend(_qr_warnings(list(done.values()), guide, lang))
        if warnings is not None and target == "print":
            warnings.extend(_dpi_warnings([front, *done.values()], composer))
        prune(cache, {Path(r.path).stem for r in [front, *done.values()]} | {Path(HEIGHTS).stem})
        return pages, plan


def _render_chunks(plan: Plan, composer: Composer, options: dict, edition: str, sheets: dict[str, list[str]],
                   chunks: ChunkState, cache: Path, processes: int | None, pool: FreshPool) -> dict[str, Rendered]:
    """Every chunk of the plan: from the cache by its digest when what it shows did not change (no HTML composed),
    else composed and handed to `pool` at once (or found in the cache by the key of its HTML). Fills `sheets` with
    each chunk's page digests (digest.sheet_digests)."""
    done: dict[str, Rendered] = {}
    digest_of: dict[str, str] = {}
    rendering = Chunks(cache, pool)
    # The costliest first, so that both cores stay busy to the end; composed in that order, so that the first
    # starts before the last is composed.
    for chunk in sorted(plan.chunks, key=lambda c: -c.cost):
        sheets[chunk.name] = sheet_digests(edition, chunk)
        digest_of[chunk.name] = chunk_digest(edition, chunk, sheets[chunk.name])
        known = chunks.lookup(chunk.name, digest_of[chunk.name])
        hit = cached(chunk.name, known[0], cache) if known else None
        if hit is not None:
            done[chunk.name] = hit
            composer.sources.update(known[1])
        else:
            rendering.submit(_job(composer, chunk.name, composer.html(chunk.sheets), options, chunk.cost))
    done.update(rendering.wait())
    done = {chunk.name: done[chunk.name] for chunk in plan.chunks}  # in page order, as the warnings name them
    # A page that runs over only because of its QR code makes room for it, one step at a time (compose.QR_STEPS):
    # the code moves to the main column, then the type shrinks to the floor, and last the page goes without it
    # (the build says which): the QR code is a convenience, the company's own text is not.
    for _step in QR_STEPS:
        redo = []
        for chunk in plan.chunks:
            crowded = [c.slug for c in _overflowing(chunk, done[chunk.name]) if composer.qr_code(c) is not None]
            if not crowded:
                continue
            for slug in crowded:
                now = composer.qr_room.get(slug)
                composer.qr_room[slug] = QR_STEPS[QR_STEPS.index(now) + 1 if now else 0]
            redo.append(_job(composer, chunk.name, composer.html(chunk.sheets), options, chunk.cost))
            shown = [c.slug for s in chunk.sheets for c in s.shown]
            redo[-1].qr_room = {slug: composer.qr_room[slug] for slug in shown if slug in composer.qr_room}
        if not redo:
            break
        done.update(render_all(redo, cache, processes))
    for name, result in done.items():
        # the image files behind the chunk's under-300-dpi warnings: a chunk taken by digest composes no HTML
        sources = {url: composer.sources[url] for url, _ in result.low_dpi if url in composer.sources}
        chunks.remember(name, digest_of[name], Path(result.path).stem, sources)
    return done


def _overflowing(chunk: Chunk, got: Rendered) -> list:
    """The companies of `chunk` whose page ran onto a second one when it was rendered as `got`."""
    if got.pages == chunk.pages:
        return []
    pages_of: dict[str, int] = {}
    owner = ""
    for anchors in got.anchors:  # a page belongs to the first part that starts on it, else to the one before
        fresh = [a for a in anchors if a.startswith(("c-", "chapter-")) and a not in pages_of]
        owner = fresh[0] if fresh else owner
        pages_of[owner] = pages_of.get(owner, 0) + 1
    return [s.company for s in chunk.sheets if s.kind == "company" and pages_of.get(f"c-{s.company.slug}", 1) > 1]


def _check_pages(chunks: list[Chunk], done: dict[str, Rendered], guide: Guide, themes, content_root, lang) -> None:
    """Every chunk must have exactly its planned pages, one company per company page: else a number would lie."""
    overflowing = []
    for chunk in chunks:
        got = done[chunk.name]
        if got.pages == chunk.pages:
            continue
        crowded = _overflowing(chunk, got)
        if not crowded:
            raise RuntimeError(f"chunk {chunk.name}: {got.pages} pages rendered, {chunk.pages} planned")
        overflowing += crowded
    if overflowing:
        raise ContentError(fit_problems(guide, overflowing, themes, content_root, lang) or [
            Problem(str(c.folder / "company.yaml"), 1, 1, "1ページに収まりません。 / does not fit on one page.",
                    rule="print-fit") for c in overflowing])


def _qr_warnings(results: list[Rendered], guide: Guide, lang: str) -> list[Problem]:
    """Say which company pages made room for their QR code and how, or went without it (see _render_chunks)."""
    folders = {c.slug: c.folder for c in guide.companies}
    edition = "日本語版 / Japanese edition" if lang == "ja" else f"{lang} 版 / {lang} edition"
    said = {
        "main": ("側欄に余白がないため、QR コードを本文欄の下に置きました", "no room in the side column: the QR code "
                 "is set at the foot of the main column"),
        "tight": ("QR コードを載せるため、側欄と PR 文を 7.5 pt に詰めました", "to make room for the QR code, the side "
                  "column and the PR text are set at 7.5 pt"),
        "tight-main": ("QR コードを載せるため、側欄と PR 文を 7.5 pt に詰め、QR コードを本文欄の下に置きました",
                       "to make room for the QR code, the side column and the PR text are set at 7.5 pt and the code "
                       "at the foot of the main column"),
        "none": ("印刷ページに QR コードを載せる余白がないため省きました", "no room for the QR code on the printed page: it "
                 "was left out"),
    }
    problems = []
    for result in results:
        for slug, step in sorted(result.qr_room.items()):
            if slug not in folders or step not in said:
                continue
            ja, en = said[step]
            problems.append(Problem(str(folders[slug] / "company.yaml"), 1, 1,
                                    f"{ja}（{edition}）。PR文や一覧を少し短くすると元の組み方に戻ります。 / {en} ({edition}); "
                                    f"shorten the PR text or a list a little to get the usual layout back.",
                                    "warning", "print-qr"))
    return problems


def _preflight(out: Path, target: str, pdfx: str, warnings: list[Problem] | None) -> None:
    """The press file must pass the preflight (preflight.py) or the build fails; a screen edition's findings
    are warnings. Each is located by page (the line of the PDF's path) and position in millimetres."""
    press = target == "print"
    name = f"print/{out.name}" if press else out.name
    problems = [Problem(name, f.page, 0, "プリフライト: " + f.message(),
                        "error" if press and not f.warning else "warning", "preflight-" + f.rule)
                for f in preflight(out, press=press, pdfx=pdfx)]
    if any(p.is_error for p in problems):
        out.unlink(missing_ok=True)  # a press file that fails its preflight is never handed on
        raise ContentError([p for p in problems if p.is_error])
    if warnings is not None:
        warnings.extend(problems)


def _refuse_transparency(pdf, content_root: Path) -> None:
    """PDF/X-1a has no transparency: name the pages and what is transparent on them, and stop."""
    found = transparency(pdf)
    if not found:
        return
    where = "; ".join(f"p.{page}: {', '.join(items)}" for page, items in list(found.items())[:5])
    more = f" …（ほか {len(found) - 5} ページ / {len(found) - 5} more pages）" if len(found) > 5 else ""
    site = content_root / "site.yaml"
    line = next((i for i, text in enumerate(site.read_text(encoding="utf-8").splitlines(), 1) if "pdfx" in text), 1) \
        if site.is_file() else 1
    raise ContentError.at(site, line, 1, f"PDF/X-1a には透明を使えません。テーマの CSS の opacity・rgba()・半透明の"
                                         f"画像をやめるか、pdfx: X-4 にしてください。 / PDF/X-1a allows no "
                                         f"transparency: remove opacity, rgba() and translucent images from the theme's "
                                         f"CSS, or set pdfx: X-4. {where}{more}", "pdfx-transparency")


def _dpi_warnings(results: list[Rendered], composer: Composer) -> list[Problem]:
    seen, problems = set(), []
    for result in results:
        for url, dpi in result.low_dpi:
            source = composer.sources.get(url)
            if source is None or (url, dpi) in seen:
                continue
            seen.add((url, dpi))
            yaml_file = source.parent / "company.yaml"
            problems.append(Problem(str(yaml_file if yaml_file.is_file() else source), 1, 1,
                                    f"画像 {source.name} は印刷サイズで約 {dpi} dpi です（300 dpi 以上を推奨）。より大きな"
                                    f"画像に差し替えてください。 / image {source.name} prints at about {dpi} dpi (300 dpi "
                                    f"or more recommended): use a larger image.", "warning", "print-dpi"))
    return problems


def render_single_document(guide: Guide, out: Path, themes: list[Path], content_root: Path, lang: str = "ja",
                           target: str = "screen") -> int:
    """The baseline for the benchmark: the same pages as one WeasyPrint document, no chunks, no cache."""
    import weasyprint

    from .fetcher import ContentOnlyFetcher

    check_fonts()
    with tempfile.TemporaryDirectory(prefix="guidebook-single-") as tmp:
        composer = Composer(guide, themes, content_root, lang, target, Path(tmp))
        front = weasyprint.HTML(string=composer.html([], front=True)).render()
        plan = make_plan(guide, composer.geo, len(front.pages), lang,
                         heights(composer, guide.companies, "single", None, processes=1))
        del front
        html = composer.html(plan.sheets(), front=True)
        options = _options(guide, target)  # as for the chunks: images are sized for `dpi` when they are laid out
        document = weasyprint.HTML(string=html, base_url=content_root.resolve().as_uri() + "/",
                                   url_fetcher=ContentOnlyFetcher(composer.allowed)).render(**options)
        for page in document.pages:  # the same links as the chunks have
            drop_nested_links(page)
        document.write_pdf(out, **options)
        return len(document.pages)


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


def render_editions(guide: Guide, stage: Path, themes: list[Path], content_root: Path, *, cache: Path,
                    for_print: bool = False, warnings: list[Problem] | None = None, state: State | None = None,
                    notes: list[str] | None = None) -> int:
    """Every PDF of a build: guidebook.pdf, guidebook-en.pdf, one page per company for the website, and with
    `for_print` the press edition print/guidebook.pdf (PDF/X, CMYK, bleed, crop marks); with volumes
    (volumes.py) guidebook-vol1.pdf, guidebook-vol1-en.pdf … and print/guidebook-vol1.pdf … instead of each book.
    Returns the page count of the first language's book (its volumes together); `notes` gets one line per press
    file for the print shop (pressnote.py)."""
    pages = 0
    books: list[Volume | None] = volumes(guide) or [None]
    if warnings is not None and "ja" in guide.site.languages:
        warnings.extend(tab_problems(guide, content_root))  # a part's name too long for its thumb tab
    for lang in guide.site.languages:
        total = 0
        for volume in books:
            name = volume.file_name(lang) if volume else "guidebook.pdf" if lang == "ja" else f"guidebook-{lang}.pdf"
            count, plan = render_planned(guide, stage / name, themes, content_root, lang, cache=cache,
                                         warnings=warnings, state=state, volume=volume)
            total += count
            numbers = plan.company_pages()
            prefix = "" if lang == "ja" else f"{lang}/"
            suffix = "" if lang == "ja" else f"-{lang}"
            company_pdfs(stage / name, numbers,
                         lambda slug: stage / "site" / f"{prefix}companies" / slug / f"{slug}{suffix}.pdf")
            if (stage / "site").is_dir():  # the website offers the same file
                link_or_copy(stage / name, stage / "site" / name)
        pages = pages or total
    if for_print:
        (stage / "print").mkdir(exist_ok=True)
        if warnings is not None:
            warnings.extend(colophon_problems(guide, content_root))
        for volume in books:
            press = stage / "print" / (volume.file_name("ja") if volume else "guidebook.pdf")
            render_pdf(guide, press, themes, content_root, "ja", target="print", cache=cache, warnings=warnings,
                       state=state, volume=volume)
            if notes is not None:
                notes.append(press_note(guide, press, stage))
    _prune_volumes(cache, books)
    return pages


def _prune_volumes(cache: Path, books: list[Volume | None]) -> None:
    """Drop the cache folders of volumes this build no longer has (fewer volumes, or none)."""
    keep = {book.key for book in books if book is not None}
    for folder in cache.glob("*-vol*"):
        if folder.is_dir() and folder.name.rsplit("-", 1)[-1] not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def print_html(guide: Guide, themes: list[Path], lang: str = "ja", content_root: Path | None = None) -> str:
    """The whole guidebook as one HTML document, for inspection (assumes one page per front page)."""
    with tempfile.TemporaryDirectory(prefix="guidebook-html-") as tmp:
        composer = Composer(guide, themes, content_root or Path("content"), lang, "screen", Path(tmp))
        plan = make_plan(guide, composer.geo, 1 + len(guide.pages), lang)
        return composer.html(plan.sheets(), front=True)
