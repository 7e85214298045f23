"""The whole pipeline in one function: load → validate → model → render site → index search → render PDF → write."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem
from .load import load_content
from .model import make_guide
from .opendata import publish as publish_open_data
from .pdf import render_editions
from .pdf.fonts import check_fonts
from .search import index_search
from .site import render_site
from .site.editor import render_editor
from .site.templates import theme_dirs
from .validate import errors_in, validate
from .write import staging


@dataclass
class BuildResult:
    """What a build made, for the command line to report."""

    companies: int = 0
    site_pages: int = 0
    pdf_pages: int = 0
    warnings: list[Problem] = field(default_factory=list)


def build(root: Path, out: Path, *, pdf: bool = True, for_print: bool = False) -> BuildResult:
    """Build the website and the PDF guidebook from `root` into `out`; nothing in `out` changes unless all succeed."""
    content = load_content(root)
    problems = validate(content)
    if errors_in(problems):
        raise ContentError(errors_in(problems))
    guide = make_guide(content)
    themes = theme_dirs(guide.site.theme)
    if pdf:
        check_fonts()  # before anything is written: a missing font must not cost a half build
    result = BuildResult(len(guide.companies), warnings=problems)
    with staging(out) as stage:
        result.site_pages = len(render_site(guide, stage / "site", themes))
        publish_open_data(guide, {s: d.data for s, d in content.companies.items()}, stage)  # build/open-data/
        result.warnings = result.warnings + render_editor(content, guide, stage / "site", themes)
        index_search(stage / "site")
        if pdf:
            # guidebook.pdf, guidebook-en.pdf, a one-page PDF per company; print/guidebook.pdf with for_print.
            # Rendered chunks are kept in out/.cache so that a rebuild re-renders only what changed.
            result.pdf_pages = render_editions(guide, stage, themes, root, cache=out / ".cache" / "pdf",
                                               for_print=for_print, warnings=result.warnings)
    return result


def _link(src: Path, dest: Path) -> None:
    """The site offers the same PDF for download: a hard link, or a copy where links are not possible."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)
