"""WeasyPrint may read only files of the content and theme folders: no file:// elsewhere, no network."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher


class ContentOnlyFetcher(URLFetcher):
    """A URL fetcher that serves files under the allowed folders and data: URIs, and refuses everything else."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols={"file", "data"})
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.allowed):
                self.refused.append(url)
                raise ValueError(f"refused: {url} is outside the content and theme folders")
        elif parsed.scheme != "data":
            self.refused.append(url)
            raise ValueError(f"refused: {url} (only local content files may be loaded)")
        return super().fetch(url, headers)
