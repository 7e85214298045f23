"""What a PDF weighs: pages, bytes, and how many of those bytes are embedded images (photos and logos)."""
from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_stats(path: Path) -> dict:
    """Pages, file bytes and image-stream bytes of the PDF at `path` (read in the parent, outside any timing)."""
    stats = {"pdf_bytes": path.stat().st_size}
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency: without it, count pages with poppler and skip images
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        pages = [line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")]
        stats["pdf_pages"] = int(pages[0]) if pages else None
        return stats
    reader = PdfReader(path)
    stats["pdf_pages"] = len(reader.pages)
    seen: set[int] = set()
    total = 0
    for page in reader.pages:
        total += _images(page.get("/Resources"), seen)
    stats["pdf_image_bytes"] = total
    return stats


def _stored(stream) -> int:
    """Bytes a stream takes in the file (still encoded: JPEG stays JPEG)."""
    data = getattr(stream, "_data", None)  # pypdf drops /Length once it has read the stream
    return len(data) if isinstance(data, bytes) else int(stream.get("/Length", 0))


def _images(resources, seen: set[int]) -> int:
    """Bytes of image XObjects (with their soft masks) reachable from `resources`, each object counted once."""
    if resources is None:
        return 0
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return 0
    total = 0
    for ref in xobjects.get_object().values():
        key = getattr(ref, "idnum", id(ref))
        if key in seen:
            continue
        seen.add(key)
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            total += _stored(obj)
            mask = obj.get("/SMask")
            if mask is not None and getattr(mask, "idnum", None) not in seen:
                seen.add(getattr(mask, "idnum", id(mask)))
                total += _stored(mask.get_object())
        elif obj.get("/Subtype") == "/Form":
            total += _images(obj.get("/Resources"), seen)
    return total


def pdf_has(path: Path, text: str) -> bool:
    """Whether `text` is in the PDF's text (pdftotext), e.g. an edit that a rebuild must show."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=False)
    return "".join(text.split()) in "".join(out.stdout.split())  # a line break may fall inside the text
