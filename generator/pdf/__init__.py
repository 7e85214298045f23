"""Stage 6, render PDF: the printable guidebook (WeasyPrint is imported only when a PDF is made)."""
from __future__ import annotations

from pathlib import Path


def render_pdf(guide, out: Path, themes: list[Path], content_root: Path, lang: str = "ja", *,
               target: str = "screen", cache: Path | None = None, processes: int | None = None,
               warnings: list | None = None, state=None) -> int:
    """Write the guidebook PDF and return its page count; see render.render_pdf."""
    from .render import render_pdf as render

    return render(guide, out, themes, content_root, lang, target=target, cache=cache, processes=processes,
                  warnings=warnings, state=state)


def render_editions(guide, stage: Path, themes: list[Path], content_root: Path, *, cache: Path,
                    for_print: bool = False, warnings: list | None = None, state=None,
                    notes: list | None = None) -> int:
    """Write every PDF of a build; see render.render_editions."""
    from .render import render_editions as render

    return render(guide, stage, themes, content_root, cache=cache, for_print=for_print, warnings=warnings,
                  state=state, notes=notes)


__all__ = ["render_pdf", "render_editions"]
