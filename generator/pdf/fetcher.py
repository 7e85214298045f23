"""WeasyPrint may read only files of the content and theme folders: no file:// elsewhere, no network."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ContentOnlyFetcher(URLFetcher):
    """A URL fetcher that serves files under the allowed folders and data: URIs, and refuses everything else.

    `pinned` maps file URLs (the theme's stylesheets) to the bytes the chunk's cache key was computed from: they are
    served from memory, so a stylesheet edited or rewritten while a build runs cannot slip into a cached chunk.
    """

    def __init__(self, allowed: list[Path], pinned: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols={"file", "data"})
        self.allowed = [p.resolve() for p in allowed]
        self.pinned = pinned or {}
        self.refused: list[str] = []
        self.failed: list[str] = []  # allowed files that could not be read (vanished during the build)

    def is_allowed(self, url: str) -> bool:
        """Whether `url` is a file under one of the allowed folders (symlinks resolved)."""
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parsed.path)).resolve()
        return any(path.is_relative_to(root) for root in self.allowed)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            if not self.is_allowed(url):
                self.refused.append(url)
                raise ValueError(f"refused: {url} is outside the content and theme folders")
            if url in self.pinned:
                return URLFetcherResponse(url, self.pinned[url], {"Content-Type": "text/css; charset=utf-8"})
        elif parsed.scheme != "data":
            self.refused.append(url)
            raise ValueError(f"refused: {url} (only local content files may be loaded)")
        try:
            return super().fetch(url, headers)
        except OSError:
            if parsed.scheme == "file":
                self.failed.append(url)
            raise
