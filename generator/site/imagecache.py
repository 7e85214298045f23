"""The cache of resized images: keyed by the source's bytes and the encoder's settings, written atomically.

A cached image is `<key>.json` (a sidecar with the sizes and the widths made) beside `<key>-<width>.<ext>` files.
The sidecar is written last, after every file it names, and each file appears by an atomic rename: a build that
finds a sidecar finds every variant complete, however many builds fill the cache at the same time. A warm build
reads only the sidecar, so it decodes no pixels.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ..write import link_or_copy


@dataclass(frozen=True)
class Entry:
    """What the cache knows of one source image: the size of the largest variant and the files made."""

    width: int
    height: int
    widths: tuple[int, ...]  # WebP widths, smallest first
    fallback_width: int  # the one JPEG (or PNG) width

    def file(self, key: str, width: int, ext: str) -> str:
        """The cache file name of one variant."""
        return f"{key}-{width}.{ext}"


def cache_dir() -> Path:
    """Where resized images are kept between builds ($GUIDEBOOK_CACHE, else the user's cache folder)."""
    root = os.environ.get("GUIDEBOOK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "guidebook")
    return Path(root) / "images"


def key_of(source: Path, recipe: bytes) -> str:
    """The cache key: a hash of the encoder settings (`recipe`) and the source file's bytes."""
    h = hashlib.sha256(recipe)
    with source.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:32]


def lookup(cache: Path, key: str, fallback_ext: str) -> Entry | None:
    """The cached entry of `key` when its sidecar and every file it names are there; else None."""
    try:
        data = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        entry = Entry(data["width"], data["height"], tuple(data["widths"]), data["fallback_width"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, or left by an older version: make it again
    names = [entry.file(key, w, "webp") for w in entry.widths] + [entry.file(key, entry.fallback_width, fallback_ext)]
    if not all(os.path.exists(cache / name) for name in names):
        return None
    return entry


def store(cache: Path, key: str, entry: Entry) -> None:
    """Write the sidecar of `key`, after its variant files are in place."""
    write_atomic(cache / f"{key}.json", json.dumps(asdict(entry)).encode("utf-8"))


def write_atomic(dest: Path, data: bytes) -> None:
    """Write `data` at `dest` through a temporary file and a rename: a reader never sees half a file."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dest)


def place(cached: Path, dest: Path) -> None:
    """Put a cached file into the site: a hard link (a copy across file systems), replacing an older file."""
    # unlink first: copying over an old file that is itself a link into the cache would rewrite that cache file
    dest.unlink(missing_ok=True)
    link_or_copy(cached, dest)
