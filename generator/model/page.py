"""Front pages from content/pages/*.md (greeting, how to use)."""
from __future__ import annotations

from dataclasses import dataclass

from .text import Text

EN_MARKER = "<!-- en -->"


@dataclass(frozen=True)
class Page:
    """A Markdown page with a Japanese body and an optional English body."""

    slug: str
    title: Text
    order: int
    body: Text  # Markdown source


def page_from(slug: str, meta: dict, source: str) -> Page:
    """Split the Markdown source at the `<!-- en -->` line into Japanese and English."""
    ja, _, en = source.partition(EN_MARKER)
    return Page(slug, Text.of(meta.get("title")) or Text(slug), int(meta.get("order", 99)),
                Text(ja.strip(), en.strip() or None))
