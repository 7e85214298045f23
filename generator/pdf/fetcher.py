"""WeasyPrint may read only files of the content and theme folders: no file:// elsewhere, no network."""
from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .colour import eight_bit

# The URL of the edition's cache folder (its press copies of images) in the pages' HTML: the folder's path changes
# from build to build (it starts in a staging folder) and WeasyPrint names an image in the PDF after its URL, so a
# file URL made the press edition's bytes depend on where it was built.
CACHE_URL = "cache:"


class _InMemory(URLFetcherResponse):
    """A response whose bytes are the ones given: WeasyPrint reads a local file's image again from its path."""

    @property
    def path(self):
        return None


class ContentOnlyFetcher(URLFetcher):
    """A URL fetcher that serves files under the allowed folders and data: URIs, and refuses everything else.

    `pinned` maps file URLs (the theme's stylesheets) to the bytes the chunk's cache key was computed from: they are
    served from memory, so a stylesheet edited or rewritten while a build runs cannot slip into a cached chunk.
    `cache:/…` URLs are files of `cache` (the edition's cache folder), when it is given.
    """

    def __init__(self, allowed: list[Path], pinned: dict[str, bytes] | None = None, cache: Path | None = None):
        super().__init__(allowed_protocols={"file", "data"})
        self.allowed = [p.resolve() for p in allowed]
        self.pinned = pinned or {}
        self.cache = cache
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
        if url.startswith(CACHE_URL) and self.cache is not None:
            return self.fetch(cache_file(url, self.cache).as_uri(), headers)
        parsed = urlparse(url)
        if parsed.scheme == "file":
            if not self.is_allowed(url):
                self.refused.append(url)
                raise ValueError(f"refused: {url} is outside the content and theme folders")
            if url in self.pinned:
                return URLFetcherResponse(url, self.pinned[url], {"Content-Type": "text/css; charset=utf-8"})
            path = Path(unquote(parsed.path))
            kind = _sniff(path)  # by content: a PNG named photo.jpg is still a PNG
            if kind == "jpeg":
                try:
                    data = path.read_bytes()
                except OSError:
                    self.failed.append(url)
                    raise
                return _InMemory(url, without_jpeg_metadata(data), {"Content-Type": "image/jpeg"})
            if kind == "raster":
                eight = eight_bit_grey(path)
                if eight is not None:
                    return _InMemory(url, eight, {"Content-Type": "image/png"})
        elif parsed.scheme != "data":
            self.refused.append(url)
            raise ValueError(f"refused: {url} (only local content files may be loaded)")
        try:
            return super().fetch(url, headers)
        except OSError:
            if parsed.scheme == "file":
                self.failed.append(url)
            raise


def cache_file(url: str, cache: Path) -> Path:
    """The file of `cache` that a `cache:/…` URL names (the fetcher still refuses one outside the allowed folders)."""
    return cache / unquote(url[len(CACHE_URL):]).lstrip("/")


def _sniff(path: Path) -> str:
    """"jpeg", "raster" (PNG, TIFF, WebP, GIF: what Pillow may open as a deep greyscale) or "other" (stylesheets,
    SVG, fonts), from the file's first bytes; the validator only warns when a name's extension does not match."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return "other"  # WeasyPrint's own fetch reports it
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"\x89PNG", b"II*\0", b"MM\0*", b"GIF8")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "raster"
    return "other"


# JPEG segments a PDF needs: the image itself, JFIF (APP0), the colour profile (APP2) and Adobe's colour transform
# (APP14, which says how to read CMYK). WeasyPrint embeds a JPEG's bytes as they are, so everything else — EXIF
# (camera, GPS), XMP, IPTC, comments — would be published inside every PDF that shows the photo.
_KEPT_APPS = {0xE0, 0xE2, 0xEE}


def without_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG with its metadata segments (EXIF, XMP, IPTC, comments) left out, pixels untouched, but for an EXIF
    block holding only the picture's orientation when it is not upright (a phone's portrait photo is stored sideways
    with a tag that says so: WeasyPrint turns it by that tag); not a JPEG: as is."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out, at = [data[:2]], 2
    turned = _orientation_only(data)
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is the image
            if turned:
                out.append(b"\xff\xe1" + struct.pack(">H", len(turned) + 2) + turned)
            out.append(data[at:])
            return b"".join(out)
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        end = at + 2 + length
        if length < 2 or end > len(data):
            return data  # damaged: leave it to the decoder (validate already refused unreadable photos)
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE) or marker in _KEPT_APPS:
            out.append(data[at:end])
        at = end
    return data


def _orientation_only(data: bytes) -> bytes:
    """An EXIF block (APP1 payload) with nothing but the JPEG's orientation tag, when that is 2–8; else b""."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(0x0112)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return b""
    if orientation not in range(2, 9):
        return b""
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


def eight_bit_grey(path: Path) -> bytes | None:
    """An 8-bit PNG of a 16-bit or float greyscale PNG (a scanner's), whose values WeasyPrint cannot scale down for a
    small placement (a 600 px logo shown 20 mm wide stopped every build with "image has wrong mode"); None for
    any other image, which is served as it is."""
    import io

    from PIL import Image

    try:
        with Image.open(path) as image:
            if not image.mode.startswith(("I", "F")):
                return None
            image.load()
            grey = eight_bit(image)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # not ours to judge here: WeasyPrint reports an unreadable image as before
    out = io.BytesIO()
    grey.save(out, "PNG")
    return out.getvalue()
