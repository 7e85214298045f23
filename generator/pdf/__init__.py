"""Stage 6, render PDF: the printable guidebook (WeasyPrint is imported only when a PDF is made).

Two objects go through the stage (edition.py): a `Run`, what every PDF of a build shares (the guide, the theme,
the content folder, the chunk cache, the build state, the warnings), and an `Edition`, what one PDF file is
(language, screen or press, volume).
"""
from __future__ import annotations

from pathlib import Path

from .edition import Edition, Run


def render_pdf(run: Run, out: Path, edition: Edition = Edition()) -> int:
    """Write one edition's PDF to `out` and return its page count; see render.render_pdf."""
    from .render import render_pdf as render

    return render(run, out, edition)


def render_editions(run: Run, stage: Path, *, for_print: bool = False, notes: list[str] | None = None) -> int:
    """Write every PDF of a build into `stage`; see books.render_editions."""
    from .books import render_editions as render

    return render(run, stage, for_print=for_print, notes=notes)


__all__ = ["Edition", "Run", "render_pdf", "render_editions"]
