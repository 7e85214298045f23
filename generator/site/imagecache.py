"""The cache of resized images: keyed by the source's bytes and the encoder's settings, written atomically.

A cached image is `<key>.json` (a sidecar with the sizes and the widths made) beside `<key>-<width>.<ext>` files.
The sidecar is written last, after every file it names, and each file appears by an atomic rename: a build that
finds a sidecar finds every variant complete, however many builds fill the cache at the same time. A warm build
reads only the sidecar, so it decodes no pixels; and for a source file that has not changed since the last build
(`sources/`, by its size and times) not even the source. A build that uses an entry touches its sidecar, so the
sidecar's time is the entry's last use: after a successful build, `prune` removes what has not been used for a while.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..files import atomic_write as write_atomic, cache_root, link_or_copy
from ..stopping import BuildStopped

SETTLED_NS = 2_000_000_000
# An entry no build has used for this long goes (replaced photos, old encoder settings). Not at once: another
# content tree or a build running at the same time may share the cache, and re-encoding costs ~0.1 s an image.
KEEP_UNUSED_S = 7 * 24 * 3600
XMP_TURNED = re.compile(rb'tiff:Orientation(?:="|>)\s*[2-8]')  # see imaging.XMP_ORIENTATION


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
    return cache_root() / "images"


def key_of(source: Path, recipe: bytes, cache: Path) -> str:
    """The cache key: a hash of the encoder settings (`recipe`) and the source file's bytes.

    The key of a file not changed since the last build (same size, inode, mtime and ctime, as git and rsync judge)
    is remembered under `cache/sources/`, so that a rebuild does not read every photo again (a phone photo is a few
    MB: hashing them all would cost more than the rest of a warm build).
    """
    stat = source.stat()
    seen = [stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns]
    # "xmp": memos made before the XMP orientation counted give the key of a sideways picture; they are not read
    memo = cache / "sources" / (hashlib.sha256(recipe + os.fsencode(os.path.abspath(source)) + b"\0xmp")
                                .hexdigest()[:32] + ".json")
    try:
        known = json.loads(memo.read_bytes())
        if known["stat"] == seen:
            os.utime(memo)  # still in use: see prune
            return known["key"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    h = hashlib.sha256(recipe)
    turned, tail = False, b""
    with source.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            if not turned and b"Orientation" in tail + chunk:
                turned = XMP_TURNED.search(tail + chunk) is not None
            tail = chunk[-64:]
    if turned:  # an orientation in the XMP packet (imaging.xmp_orientation): not the variants of older versions
        h.update(b"\0xmp-turned")
    key = h.hexdigest()[:32]
    # a file written in the last seconds could change again within the file system's clock tick, keeping its size
    # and times ("racy git"): remember only files that have been still for a while
    if time.time_ns() - stat.st_mtime_ns > SETTLED_NS:
        try:
            memo.parent.mkdir(exist_ok=True)
            write_atomic(memo, json.dumps({"stat": seen, "key": key}).encode("utf-8"))
        except OSError:
            pass  # only a shortcut for the next build (a full or read-only cache): the key is right without it
    return key


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
    try:
        os.utime(cache / f"{key}.json")  # used now: see prune
    except OSError:
        pass  # a read-only cache still serves
    return entry


def store(cache: Path, key: str, entry: Entry) -> None:
    """Write the sidecar of `key`, after its variant files are in place."""
    write_atomic(cache / f"{key}.json", json.dumps(asdict(entry)).encode("utf-8"))


def cache_full(cache: Path) -> BuildStopped:
    """The error for a full disk under the image cache: it names the cache's folder, which may be on another disk
    than the output."""
    try:
        free = f"{shutil.disk_usage(cache).free / 2**20:.1f} MB"
    except OSError:
        free = "?"
    return BuildStopped(
        f"画像キャッシュのディスクがいっぱいです（{cache}、空き {free}）。以前の出力はそのままです。空きを作るか、"
        f"環境変数 GUIDEBOOK_CACHE で空きのある別のフォルダを指定して、もう一度ビルドしてください。 / the disk of the "
        f"image cache is full ({cache}, {free} free); the previous output is unchanged. Free some space there, or set "
        f"GUIDEBOOK_CACHE to a folder on another disk, and build again.")


def place(cached: Path, dest: Path) -> None:
    """Put a cached file into the site: a hard link (a copy across file systems), replacing an older file."""
    # unlink first: copying over an old file that is itself a link into the cache would rewrite that cache file
    dest.unlink(missing_ok=True)
    link_or_copy(cached, dest)


def prune(cache: Path, since: float, keep_unused_s: float = KEEP_UNUSED_S) -> int:
    """Delete the entries not used since `since` (the start of a build that succeeded) nor in the last
    `keep_unused_s` seconds, with their remembered source hashes and temp files left by killed builds; returns how
    many entries went. Call only after the build was published: a failed build must leave the cache as it was."""
    if not cache.is_dir():
        return 0
    cutoff = min(since, time.time() - keep_unused_s)
    groups: dict[str, list[os.DirEntry]] = {}
    with os.scandir(cache) as listing:
        for item in listing:
            if item.is_file(follow_symlinks=False):
                # <key>.json, <key>-<width>.<ext>, .<name>.<pid>.tmp
                key = item.name[1:] if item.name.startswith(".") else item.name
                groups.setdefault(key.split(".")[0].split("-")[0], []).append(item)
    gone = 0
    for key, items in groups.items():
        sidecar = next((i for i in items if i.name == f"{key}.json"), None)
        last_use = (sidecar or max(items, key=lambda i: i.stat().st_mtime)).stat().st_mtime
        if last_use >= cutoff:
            continue
        if sidecar is not None:  # first, so that no build finds an entry missing a variant
            _unlink(sidecar.path)
        for item in items:
            _unlink(item.path)
        gone += 1
    _prune_sources(cache / "sources", cutoff)
    return gone


def _prune_sources(folder: Path, cutoff: float) -> None:
    """Forget the remembered hashes of source files not seen since `cutoff` (rewritten whenever a file changes)."""
    if not folder.is_dir():
        return
    with os.scandir(folder) as listing:
        for item in listing:
            if item.is_file(follow_symlinks=False) and item.stat().st_mtime < cutoff:
                _unlink(item.path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass  # another build pruned it first
