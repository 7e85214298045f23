"""What each chunk of a PDF edition shows, as one digest: a rebuild reuses a cached chunk without composing its HTML.

A chunk's cache key (chunks.job_key) hashes its HTML, so finding it needs the HTML, and composing the HTML of every
chunk of a 1,000-company book costs more than a second. The digest is known before composing: it covers what every
chunk of the edition depends on (the front chunk's key, which already hashes the stylesheets, the fonts they load,
the render options and the WeasyPrint version; the generator's code; the theme's templates; site.yaml and the
vocabularies; lang and target) plus the planned pages of the chunk (their numbers, rows, running heads and the
whole profile of each company shown, see generator/site/record.py for the website's finer way) and the content hash
of each company image they show. The build state (generator/state.py) records, per chunk, the digest it was made
from and the key its HTML had; a chunk whose digest is unchanged is taken from the cache by that key, and an unknown
digest composes the chunk as before.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..state import State, code_digest, digest, theme_digest
from .chunks import content_hash
from .plan import Chunk, Sheet


def edition_digest(front_key: str, composer) -> str:
    """What every chunk of one edition depends on besides its own pages (`composer` is the edition's)."""
    guide = composer.guide
    return digest(front_key, code_digest(), theme_digest(composer.run.theme), guide.site, guide.taxonomies,
                  composer.lang, composer.target, composer.page_css, composer.stylesheets,
                  str(composer.run.root.resolve()), json.dumps(composer.options, sort_keys=True))


def _image_stats(sheet: Sheet) -> list:
    stats = []
    images = [image for company in sheet.shown for image in ([company.logo] if company.logo else []) + list(company.photos)]
    for image in images:
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


class ChunkState:
    """The chunks of one edition in the build state: artifact `pdf/<edition>/<chunk>`, keyed by the chunk's digest,
    with the key of its HTML (the cache file's name) and the image files behind its warnings."""

    def __init__(self, state: State, edition: str):
        self.state = state
        self.prefix = f"pdf/{edition}/"

    def lookup(self, chunk: str, chunk_digest_: str) -> tuple[str, dict[str, Path]] | None:
        """The chunk's key last time and the image files behind its warnings (URL → file), or None."""
        entry = self.state.entry(self.prefix + chunk)
        if entry is None or entry.get("key") != chunk_digest_ or not isinstance(entry.get("job"), str):
            return None
        sources = entry.get("sources")
        return entry["job"], {url: Path(path) for url, path in (sources.items() if isinstance(sources, dict) else ())}

    def remember(self, chunk: str, chunk_digest_: str, job: str, sources: dict[str, Path]) -> None:
        """Record the chunk made from `chunk_digest_` in this build."""
        self.state.put(self.prefix + chunk, chunk_digest_, job=job,
                       sources={url: str(path) for url, path in sources.items()})
