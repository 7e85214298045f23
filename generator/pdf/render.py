"""One PDF edition: plan every page, render its chunks in parallel (cached), merge them, check the result."""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import ContentError, Problem
from ..model import Guide
from ..parallel import FreshPool, settled_heap
from .chunks import PRELOAD, Chunks, Job, Rendered, cached, drop_nested_links, prune, render_all
from .compose import QR_STEPS, Composer
from .cover import COVER_PAGES, spine_problems, write_cover
from .digest import ChunkState, chunk_digest, edition_digest, sheet_digests
from .edition import Edition, Run
from .finish import build_date, drop_unused_colour_spaces, finish
from .fit import fit_problems
from ..fonts import check_fonts
from .measure import FILE as HEIGHTS, heights
from .merge import merge
from .overprint import set_black_overprint
from .plan import Chunk, Plan, make_plan
from .preflight import ALLOWED, preflight
from .transparency import transparency


def _job(composer: Composer, name: str, html: str, cost: float = 0) -> Job:
    return Job(name, html, composer.base_url, [str(p) for p in composer.allowed], composer.options, cost=cost)


def render_pdf(run: Run, out: Path, edition: Edition = Edition()) -> int:
    """Write the PDF of `edition` to `out` and return its page count.

    Chunks are rendered in parallel and kept in the run's cache (a temporary folder when None), so that a rebuild
    after one profile changed re-renders only the chunks whose HTML changed; with the previous build's state, a
    chunk whose pages did not change is not even composed.
    """
    return render_planned(run, out, edition)[0]


def render_planned(run: Run, out: Path, edition: Edition = Edition()) -> tuple[int, Plan]:
    """render_pdf that also returns the page plan (company page numbers for the one-page PDFs and the tests).

    An edition of one volume (volumes.py) holds its companies only, its own cover, contents and indexes, its chunks
    in a cache folder and build-state entries of its own.

    The file is always merged whole from the chunks, never patched: a published PDF holds nothing of an earlier
    version (an incremental update would keep the old pages readable behind the new ones).
    """
    check_fonts()
    if run.cache is None:
        with tempfile.TemporaryDirectory(prefix="guidebook-pdf-") as tmp:
            return render_planned(replace(run, cache=Path(tmp)), out, edition)
    lang, target, volume = edition.lang, edition.target, edition.volume
    # Every document in one pool of fresh workers (its server starts importing WeasyPrint now): the front chunk beside
    # the measuring documents, each chunk as soon as it is composed (the parent composes the next while the workers
    # render).
    with FreshPool(run.processes, PRELOAD) as pool, settled_heap():
        composer = Composer(run, edition)
        guide, cache, root = composer.guide, composer.cache, run.root
        front_job = _job(composer, "front", composer.html([], front=True))
        early = Chunks(cache, pool)
        early.submit(front_job)
        edition_key = edition_digest(front_job.key, composer)
        # the profiles short enough to share a page, measured while the front chunk renders
        measured = heights(composer, guide.companies, edition_key, pool=pool)
        front = early.wait()["front"]
        plan = make_plan(guide, composer.geo, front.pages, edition, measured)
        outline = [(p.title.get(lang), i + 1, 0) for p in guide.pages
                   for i, anchors in enumerate(front.anchors) if f"page-{p.slug}" in anchors] + plan.outline
        title = f"{guide.site.title.get(lang)} {guide.site.edition}" + (f" {volume.name(lang)}" if volume else "")
        identity = ""  # what the parts were made of, for the document ID in the XMP metadata (once they are known)

        def finishing(pdf) -> None:
            finish(pdf, moment=build_date(guide, root), identity=identity, intent=composer.intent)
            if edition.press:
                set_black_overprint(pdf)
            if edition.press and guide.site.print.pdfx == "X-1a":
                _refuse_transparency(pdf, root)
                drop_unused_colour_spaces(pdf, ALLOWED["X-1a"])

        done, sheets = _render_chunks(plan, composer, edition_key, pool)
        identity = "\0".join([edition.key if volume else lang, target, front_job.key,
                              *(d for c in plan.chunks for d in sheets[c.name])])
        _check_listings(plan.chunks, done, f"print/{out.name}" if edition.press else out.name)
        _check_pages(plan.chunks, done, composer)
        plan.rendered = {"front": front.cached, **{name: r.cached for name, r in done.items()}}
        parts = [Path(front.path)] + [Path(done[c.name].path) for c in plan.chunks]
        tagged = bool(composer.options.get("pdf_tags"))
        pages = merge(parts, out, outline, title=title, marks=edition.press, tagged=tagged, finish=finishing)
        _preflight(out, edition, guide.site.print.pdfx, run.warnings)
        if edition.perfect(guide):
            # the cover sheet goes to a file of its own (on thicker paper), and must pass the same preflight
            cover, spine = write_cover(out, composer, prepare=finishing,
                                       finish=lambda pdf: finish(pdf, moment=build_date(guide, root),
                                                                 identity="cover\0" + identity, intent=composer.intent))
            _preflight(cover, edition, guide.site.print.pdfx, run.warnings)
            run.warnings.extend(spine_problems(spine, pages - COVER_PAGES, guide.site.print.paper_thickness_mm, root))
        run.warnings.extend(_qr_warnings(list(done.values()), guide, lang))
        if edition.press:
            run.warnings.extend(_dpi_warnings([front, *done.values()], composer))
        prune(cache, {Path(r.path).stem for r in [front, *done.values()]} | {Path(HEIGHTS).stem})
        return pages, plan


def _render_chunks(plan: Plan, composer: Composer, edition_key: str,
                   pool: FreshPool) -> tuple[dict[str, Rendered], dict[str, list[str]]]:
    """Every chunk of the plan: from the cache by its digest when what it shows did not change (no HTML composed),
    else composed and handed to `pool` at once (or found in the cache by the key of its HTML). Returns the chunks
    and each chunk's page digests (digest.sheet_digests); `edition_key` is what every chunk depends on
    (digest.edition_digest). The chunks' entries in the build state are read and written here (digest.ChunkState)."""
    done: dict[str, Rendered] = {}
    # each chunk's page digests are made just before it is composed: made all at once, they kept both cores waiting
    # between the measuring pass and the first chunk
    sheets: dict[str, list[str]] = {}
    digest_of: dict[str, str] = {}
    cache = composer.cache
    chunks = ChunkState(composer.run.state, composer.edition.key)
    rendering = Chunks(cache, pool)
    # The costliest first, so that both cores stay busy to the end; composed in that order, so that the first
    # starts before the last is composed.
    for chunk in sorted(plan.chunks, key=lambda c: -c.cost):
        sheets[chunk.name] = sheet_digests(edition_key, chunk)
        digest_of[chunk.name] = chunk_digest(edition_key, chunk, sheets[chunk.name])
        known = chunks.lookup(chunk.name, digest_of[chunk.name])
        hit = cached(chunk.name, known[0], cache) if known else None
        if hit is not None:
            done[chunk.name] = hit
            composer.sources.update(known[1])
        else:
            rendering.submit(_job(composer, chunk.name, composer.html(chunk.sheets), chunk.cost))
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
            redo.append(_job(composer, chunk.name, composer.html(chunk.sheets), chunk.cost))
            shown = [c.slug for s in chunk.sheets for c in s.shown]
            redo[-1].qr_room = {slug: composer.qr_room[slug] for slug in shown if slug in composer.qr_room}
        if not redo:
            break
        done.update(render_all(redo, cache, composer.run.processes))
    for name, result in done.items():
        # the image files behind the chunk's under-300-dpi warnings: a chunk taken by digest composes no HTML
        sources = {url: composer.sources[url] for url, _ in result.low_dpi if url in composer.sources}
        chunks.remember(name, digest_of[name], Path(result.path).stem, sources)
    return done, sheets


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


def _check_listings(chunks: list[Chunk], done: dict[str, Rendered], name: str) -> None:
    """Every row of the contents and of the indexes must print inside its page's text area (chunks.overfull_rows):
    else an entry would be lost from the printed book with no error. One error per page and column, located as
    `name:PAGE:COLUMN`, naming the first row lost."""
    problems = []
    for chunk in chunks:
        lost: dict[tuple[int, int], list[str]] = {}
        for index, column, text in done[chunk.name].overfull:
            lost.setdefault((index, column), []).append(text)
        for (index, column), rows in sorted(lost.items()):
            sheet = chunk.sheets[min(index, len(chunk.sheets) - 1)]
            page = chunk.start + index
            ja, en = ("目次", "contents") if sheet.kind == "toc" else ("索引", "index")
            problems.append(Problem(
                name, page, column,
                f"{ja}の {page} ページ {column} 列目の {len(rows)} 行が版面の下にはみ出し、印刷されません（「{rows[0]}」から）。"
                f"ページ計画の誤りです。開発者に報告してください。 / {en} page {page}, column {column}: {len(rows)} rows run "
                f"below the text area and would not print (from \"{rows[0]}\"). The page plan is wrong: please report it.",
                rule="listing-overflow"))
    if problems:
        raise ContentError(problems)


def _check_pages(chunks: list[Chunk], done: dict[str, Rendered], composer: Composer) -> None:
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
        # measured as on screen, in the guide of this edition (a volume's companies)
        raise ContentError(fit_problems(replace(composer.run, guide=composer.guide), overflowing, composer.lang) or [
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


def _preflight(out: Path, edition: Edition, pdfx: str, warnings: list[Problem]) -> None:
    """The press file must pass the preflight (preflight.py) or the build fails; a screen edition's findings
    are warnings. Each is located by page (the line of the PDF's path) and position in millimetres."""
    press = edition.press
    name = f"print/{out.name}" if press else out.name
    problems = [Problem(name, f.page, 0, "プリフライト: " + f.message(),
                        "error" if press and not f.warning else "warning", "preflight-" + f.rule)
                for f in preflight(out, press=press, pdfx=pdfx)]
    if any(p.is_error for p in problems):
        out.unlink(missing_ok=True)  # a press file that fails its preflight is never handed on
        raise ContentError([p for p in problems if p.is_error])
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


def render_single_document(run: Run, out: Path, edition: Edition = Edition()) -> int:
    """The baseline for the benchmark: the same pages as one WeasyPrint document, no chunks, no cache."""
    import weasyprint

    check_fonts()
    with tempfile.TemporaryDirectory(prefix="guidebook-single-") as tmp:
        composer = Composer(replace(run, cache=Path(tmp), processes=1), edition)
        guide = composer.guide
        front = weasyprint.HTML(string=composer.html([], front=True)).render()
        plan = make_plan(guide, composer.geo, len(front.pages), edition,
                         heights(composer, guide.companies, "single"))
        del front
        html = composer.html(plan.sheets(), front=True)
        options = composer.options  # as for the chunks: images are sized for `dpi` when they are laid out
        document = weasyprint.HTML(string=html, base_url=composer.base_url,
                                   url_fetcher=composer.fetcher()).render(**options)
        for page in document.pages:  # the same links as the chunks have
            drop_nested_links(page)
        document.write_pdf(out, **options)
        return len(document.pages)


def print_html(run: Run, edition: Edition = Edition()) -> str:
    """The whole guidebook as one HTML document, for inspection (assumes one page per front page)."""
    with tempfile.TemporaryDirectory(prefix="guidebook-html-") as tmp:
        composer = Composer(replace(run, cache=Path(tmp)), edition)
        plan = make_plan(composer.guide, composer.geo, 1 + len(composer.guide.pages), edition)
        return composer.html(plan.sheets(), front=True)
