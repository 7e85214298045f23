"""Stage 4, render site."""
from .render import render_site

__all__ = ["render_site"]
