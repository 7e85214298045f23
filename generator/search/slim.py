"""Pagefind's code as a search downloads it: pagefind.js minified, its WebAssembly compressed harder.

Every first search downloads pagefind.js and the WebAssembly file of the bundle it searches (bench/RESULTS.md, the
search download). Pagefind publishes pagefind.js with its names and line breaks, and gzips its files at the level
of a fast build; the WebAssembly is the same for every build of one Pagefind version, so it is compressed once with
zopfli (the same gzip format, which pagefind.js inflates as before, in fewer bytes) and kept in the cache folder.
"""
from __future__ import annotations

import gzip
import hashlib
import threading
from pathlib import Path

import zopfli.gzip

from ..files import atomic_write, cache_root
from ..minify import minify

_LOCK = threading.Lock()  # the bundles are made on two threads; the WebAssembly is compressed once


def slim(bundle: Path) -> None:
    """Minify the pagefind.js of the Pagefind bundle in `bundle` and recompress its WebAssembly files, in place."""
    if (bundle / "pagefind.js").is_file():
        minify({"pagefind.js": bundle / "pagefind.js"}, bundle, target=None)
    for wasm in sorted(bundle.glob("wasm.*.pagefind")):
        data = recompressed(wasm.read_bytes())
        wasm.unlink()  # never into an existing file, which may be a hard link to the previous build's
        wasm.write_bytes(data)


def recompressed(data: bytes) -> bytes:
    """The gzip file `data` compressed again with zopfli (from the cache folder after the first time)."""
    cached = cache_root() / "search" / f"zopfli-{hashlib.sha256(data).hexdigest()[:32]}.gz"
    with _LOCK:
        try:
            return cached.read_bytes()
        except OSError:
            pass
        smaller = zopfli.gzip.compress(gzip.decompress(data))
        smaller = smaller if len(smaller) < len(data) else data
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cached, smaller)
        except OSError:
            pass  # a read-only cache folder: compressed again next time
        return smaller
