"""What each chunk of a PDF edition shows, as one digest: a rebuild reuses a cached chunk without composing its HTML.

A chunk's cache key (chunks.job_key) hashes its HTML, so finding it needs the HTML, and composing the HTML of every
chunk of a 1,000-company book costs more than a second. The digest is known before composing: it covers what every
chunk of the edition depends on (the front chunk's key, which already hashes the stylesheets, the fonts they load,
the render options and the WeasyPrint version; the generator's code; the theme's templates; site.yaml and the
vocabularies; lang and target) plus the planned pages of the chunk (their numbers, rows, running heads and the
whole profile of each company shown, see generator/site/record.py for the website's finer way) and the content hash
of each company image they show. `digests.json` in the edition's cache folder maps a digest to the key the
chunk had when it was last composed; an unknown digest composes the chunk as before.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..state import code_digest, digest, theme_digest
from .chunks import CACHE_URL, content_hash
from .plan import Chunk, Sheet

FILE = "digests.json"


def edition_digest(front_key: str, composer, options: dict) -> str:
    """What every chunk of one edition depends on besides its own pages."""
    guide = composer.guide
    return digest(front_key, code_digest(), theme_digest(composer.themes), guide.site, guide.taxonomies,
                  composer.lang, composer.target, composer.page_css, composer.stylesheets,
                  str(composer.content_root.resolve()), json.dumps(options, sort_keys=True))


def _image_stats(sheet: Sheet) -> list:
    stats = []
    company = sheet.company
    for image in (([company.logo] if company.logo else []) + list(company.photos)) if company else []:
        try:
            stats.append((str(image.path), content_hash(image.path)))
        except OSError:
            stats.append((str(image.path), None))
    return stats


def sheet_digests(edition: str, chunk: Chunk) -> list[str]:
    """The digest of each page of a chunk: the edition's digest, the planned page (its number, running head, rows,
    the whole profile of the company shown) and the files of the images it shows. A page's rendering depends on
    nothing else (no page-position selectors in the print CSS), so a changed page can be rendered alone."""
    return [digest(edition, sheet, _image_stats(sheet)) for sheet in chunk.sheets]


def chunk_digest(edition: str, chunk: Chunk, sheets: list[str] | None = None) -> str:
    """The digest of one chunk: its name and the digests of its pages (`sheets`, computed when not given)."""
    return digest(edition, chunk.name, sheets if sheets is not None else sheet_digests(edition, chunk))


class Digests:
    """The digest → chunk key table of one edition's cache folder."""

    def __init__(self, cache: Path):
        self.path = cache / FILE
        self.cache_url = cache.resolve().as_uri()  # saved as CACHE_URL: the cache folder moves between builds
        try:
            self.known: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}  # none yet, or unreadable: every chunk is composed
        self.used: dict[str, dict] = {}

    def lookup(self, chunk_digest_: str) -> tuple[str, dict[str, Path]] | None:
        """The chunk's key last time and the image files behind its warnings (URL → file), or None."""
        entry = self.known.get(chunk_digest_)
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            return None
        sources = {url.replace(CACHE_URL, self.cache_url, 1): Path(path)
                   for url, path in entry.get("sources", {}).items()}
        return entry["key"], sources

    def remember(self, chunk_digest_: str, key: str, sources: dict[str, Path]) -> None:
        """Record the chunk made from `chunk_digest_` in this build."""
        self.used[chunk_digest_] = {"key": key, "sources": {url.replace(self.cache_url, CACHE_URL): str(path)
                                                            for url, path in sources.items()}}

    def save(self) -> None:
        """Keep the entries of this build only (written beside, then renamed: the cache files may be hard links)."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.used, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)
