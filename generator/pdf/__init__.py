"""Stage 6, render PDF: the printable guidebook."""
from .render import render_pdf

__all__ = ["render_pdf"]
