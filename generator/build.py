"""The whole pipeline in one function: load → validate → model → render site → index search → render PDF → write."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import progress
from .errors import ContentError, Problem
from .stopping import pdf_time_limit, time_limit
from .model import Ahead, make_guide
from .keep_going import set_aside
from .opendata import publish as publish_open_data
from .parallel import Beside, release_memory
from .pdf import Run as PdfRun, render_editions
from .fonts import check_fonts
from .pdf.intent import output_intent
from .pdf.volumes import volumes
from .search.index import index_search
from .site.render import render_site
from .site.editor import render_editor
from .site.imagecache import cache_dir as image_cache_dir, prune as prune_images
from .state import State
from .theme import Theme
from .validate import errors_in
from .validate.run import load_and_validate
from .write import seed_cache, staging


# the top-level outputs only the PDF stage makes: never kept from an earlier build that this one did not remake
PDF_OUTPUTS = ("guidebook*.pdf", "print")


@dataclass
class BuildResult:
    """What a build made, for the command line to report."""

    companies: int = 0
    site_pages: int = 0
    site_rendered: int = 0  # pages rendered by this build; the others were unchanged since the previous one
    pdf_pages: int = 0  # of the first language's book (all its volumes together)
    pdf_volumes: int = 0  # with print.volumes: how many booklets each edition is split into (0: one book)
    warnings: list[Problem] = field(default_factory=list)
    press_notes: list[str] = field(default_factory=list)  # with --for print: what to tell the print shop, per file
    left_out: dict[str, list[Problem]] = field(default_factory=dict)  # --keep-going: slug -> its errors


def build(root: Path, out: Path, *, pdf: bool = True, keep_going: bool = False,
          for_print: bool = False) -> BuildResult:
    """Build the website and the PDF guidebook from `root` into `out`; nothing in `out` changes unless all succeed.

    With `keep_going`, companies whose profiles have errors are left out (listed in `left_out`) instead of stopping.
    """
    with progress.stage("validate", "プロフィールを読み込み・検査", "loading and checking the profiles") as step:
        ahead = Ahead()  # the companies are made in this process while the workers read and check the others
        content, problems = load_and_validate(root, each=ahead.add)  # read and checked together, on all cores
        step.said(f"{len(content.companies):,} 社を検査", f"checked {len(content.companies):,} profiles")
    left_out: dict[str, list[Problem]] = {}
    if errors_in(problems) and keep_going:
        left_out, fatal = set_aside(content, errors_in(problems))
        if fatal:
            raise ContentError(fatal)
        problems = [p for p in problems if not p.is_error]
    if errors_in(problems):
        raise ContentError(errors_in(problems))
    with progress.stage("model", "データを組み立て", "building the model") as step:
        guide = make_guide(content, ahead=ahead)
        del ahead  # the profiles' data it kept go with the content, after the pages
        step.said(f"{len(guide.companies):,} 社", f"{len(guide.companies):,} companies")
    themes = Theme.of(guide.site.theme)
    if pdf:
        check_fonts()  # before anything is written: a missing font must not cost a half build
    if pdf and for_print:  # the press edition's ICC profile too, before minutes of screen editions
        output_intent(guide.site.print.output_intent, themes, root)
    result = BuildResult(len(guide.companies), warnings=problems, left_out=left_out)
    started = time.time() - 1  # minus the file system clock's coarseness: an image used now counts as used
    state = State.load(out)  # what the previous output was made from (state.py)
    # "write": the staging folder, the open data and the editor, the swap; the stages inside count for themselves
    writing = progress.stage("write", "出力を書き込み・入れ替え", "writing and publishing the output")
    with writing as step, staging(out, owned=PDF_OUTPUTS) as stage:
        step.said(f"{out}/ を更新", f"updated {out}/")
        # the open data and the profile editor need neither photos nor pages: made beside them (parallel.Beside)
        with Beside(_open_data_and_editor, guide, content, stage, themes) as side:
            # pages whose inputs did not change since the last build are hard-linked from it, the rest rendered
            with progress.stage("site", "ウェブページを生成", "rendering the web pages") as site_step:
                pages = render_site(guide, stage / "site", themes, previous=out / "site", pdf=pdf,
                                    state=state)
                result.site_pages, result.site_rendered = len(pages), len(pages.rendered)
                site_step.said(f"{len(pages):,} ページ（今回描画 {len(pages.rendered):,}）",
                               f"{len(pages):,} pages ({len(pages.rendered):,} rendered)")
            result.warnings = result.warnings + side.result()
        del content  # the profiles as read (documents, line maps): the model has all the rest needs
        release_memory()  # before Pagefind runs beside us and the PDF workers fork from us
        # bundles whose pages did not change since the last build are hard-linked from it, the rest made again
        with progress.stage("search", "検索索引を作成", "indexing for search"):
            index_search(stage / "site", previous=out / "site", state=state)
        if pdf:
            # guidebook.pdf, guidebook-en.pdf, a one-page PDF per company; print/guidebook.pdf with for_print.
            # Rendered chunks are kept in .cache/pdf so that a rebuild re-renders only what changed. The cache is
            # built in the stage like everything else (hard links to the previous build's chunks, new chunks
            # beside them): a build that fails leaves the published output and its cache exactly as they were.
            cache = seed_cache(out / ".cache" / "pdf", stage / ".cache" / "pdf")
            with time_limit(pdf_time_limit(), "PDF の組版", "laying out the PDF"), \
                    progress.stage("pdf", "PDF を組版", "laying out the PDF") as pdf_step:
                # every PDF is merged whole from the chunks: nothing of a previous version stays in a published file
                run = PdfRun(guide, themes, root, cache=cache, state=state, warnings=result.warnings)
                result.pdf_pages = render_editions(run, stage, for_print=for_print, notes=result.press_notes)
                result.pdf_volumes = len(volumes(guide))
                books_ja, books_en = (f"{result.pdf_volumes} 分冊・計 ", f"{result.pdf_volumes} volumes, ") \
                    if result.pdf_volumes else ("", "")
                pdf_step.said(f"{books_ja}{result.pdf_pages:,} ページ", f"{books_en}{result.pdf_pages:,} pages")
        state.save(stage)  # last: it describes the whole new output, and is published with it
    try:  # only now that the new output is published: a failed build leaves the cache the previous one needs
        prune_images(image_cache_dir(), since=started)
    except OSError:
        pass  # a read-only or vanished cache is not worth failing a finished build
    return result


def _open_data_and_editor(guide, content, stage: Path, themes: Theme) -> list[Problem]:
    """build/open-data/ (also served from the site), and the profile editor with each profile's data; its warnings."""
    publish_open_data(guide, {s: d.data for s, d in content.companies.items()}, stage)
    return render_editor(content, guide, stage / "site", themes)
