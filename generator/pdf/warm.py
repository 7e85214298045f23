"""Imported once in the PDF workers' forkserver (chunks.PRELOAD): lay out and write a line of text, so that every
worker forked from it starts with Pango, fontconfig, HarfBuzz and the C declarations WeasyPrint parses on first use
already set up, instead of each paying for them again."""
from __future__ import annotations

import io

import weasyprint


def warm_up() -> None:
    """Render a one-line document into memory (its bytes are dropped)."""
    weasyprint.HTML(string="<p style=\"font-family: 'BIZ UDPGothic', sans-serif\">製造 Aa 1</p>").render().write_pdf(
        io.BytesIO())


try:
    warm_up()
except Exception:  # noqa: BLE001 - only a head start: a worker that finds nothing set up does it itself
    pass
