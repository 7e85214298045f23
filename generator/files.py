"""Files the build writes: atomically (a reader sees the old file or the new one, never half of one), hard-linked
where a file can be shared with the previous build, and hashed by content."""
from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(dest: Path):
    """Yield a temporary path beside `dest` to write to; rename it to `dest` when the block succeeds, else delete it.

    For libraries that write a file themselves (pikepdf, WeasyPrint, Pillow). The rename also replaces a hard link
    at `dest` instead of writing through it into the file it shares with the previous build or a cache.
    """
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(dest: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) at `dest` through a temporary file and a rename."""
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def cache_root() -> Path:
    """Where the build keeps its caches between builds ($GUIDEBOOK_CACHE, else the user's cache folder)."""
    return Path(os.environ.get("GUIDEBOOK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "guidebook"))


def link_or_copy(src, dest) -> None:
    """A hard link of `src` at `dest`, or a copy where links are not possible (another file system)."""
    try:
        os.link(src, dest, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dest, follow_symlinks=False)


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex, 32 digits), read in 1 MB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:32]
