"""The pixel work for one source image, with libvips: decode at a reduced scale, turn upright, make sRGB, strip the
metadata, resize in steps, encode into the cache.

`pyvips.Image.thumbnail` decodes a JPEG at 1/2, 1/4 or 1/8 scale when the widest variant allows (shrink-on-load)
and streams the rest, so a phone photo never sits whole in memory. Every variant is sRGB without an ICC profile or
EXIF: a photo with a wide-gamut profile is converted once here instead of carrying its profile (which may be
megabytes, or junk) into every file, and a profile that cannot be read is ignored, as a browser would. 16-bit,
greyscale, palette and CMYK sources all come out as 8-bit sRGB.

libvips starts worker threads the first time it computes pixels, and a process forked after that hangs in its
first vips call (the threads are gone, the pool thinks they are there): `make` runs only in forked workers
(images.py), never in the build's own process, which forks workers all through the build.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyvips

from .imagecache import Entry, store, write_atomic

PHOTO_WIDTHS = (480, 960, 1440)
LOGO_WIDTH = 192  # shown at 96 CSS px at most: sharp on 2x screens
FALLBACK_WIDTH = 960  # the one JPEG of a photo: the widest variant up to this
MAX_SIDE = 16383  # WebP cannot be larger in either direction: a very tall image is made smaller to fit
# effort 2: lower efforts are faster but make flat pictures (drawings, walls, sky) much heavier at the same quality
WEBP = {"Q": 76, "effort": 2}
JPEG = {"Q": 80, "optimize_coding": True}  # 4:2:0, baseline: the progressive scan costs more time than it saves bytes
PNG = {"compression": 9}
VERSION = 3  # raise when the pixel work changes in a way the settings above do not show
_SWAPPED = (5, 6, 7, 8)  # EXIF orientations that turn the picture by 90°
# the orientation some editors write only in the XMP packet: Pillow (and so both PDFs) honours it when there is no
# EXIF orientation, libvips does not
XMP_ORIENTATION = re.compile(rb'tiff:Orientation(?:="|>)\s*([1-8])')

pyvips.cache_set_max(0)  # a source rewritten in place must be read again (the operation cache is keyed by name)
pyvips.concurrency_set(1)  # one image per core already keeps every core busy


class Unreadable(Exception):
    """The source file could not be decoded as an image."""


def recipe(logo: bool) -> bytes:
    """Every setting that changes the output files: part of the cache key, so that new settings make new files."""
    return json.dumps({"version": VERSION, "encoder": f"libvips-{pyvips.version(0)}.{pyvips.version(1)}",
                       "kind": "logo" if logo else "photo",
                       "widths": [LOGO_WIDTH] if logo else list(PHOTO_WIDTHS), "fallback": FALLBACK_WIDTH,
                       "webp": WEBP, "jpeg": JPEG, "png": PNG, "colour": "srgb-stripped", "max_side": MAX_SIDE},
                      sort_keys=True).encode("utf-8")


def widths_for(original: int, logo: bool) -> list[int]:
    """The widths to make: the wanted ones below the original (never upscale), or the original when it is smaller."""
    wanted = (LOGO_WIDTH,) if logo else PHOTO_WIDTHS
    out = [w for w in wanted if w < original]
    if original <= wanted[-1] or not out:
        out.append(min(original, wanted[-1]))
    return sorted(set(out))


def fallback_width(widths: list[int]) -> int:
    """The width of the one JPEG (or PNG): the widest variant up to FALLBACK_WIDTH, else the smallest."""
    fitting = [w for w in widths if w <= FALLBACK_WIDTH]
    return fitting[-1] if fitting else widths[0]


def make(source: Path, key: str, cache: Path, logo: bool) -> Entry:
    """Decode `source`, write its variants and then its sidecar into `cache`; raise Unreadable for a bad file."""
    try:
        widths = widths_for(_upright_width(source), logo)
        largest = _decode(source, widths[-1])
        files = _encode_all(largest, widths, logo)
    except pyvips.Error as exc:
        raise Unreadable(str(exc).strip().splitlines()[-1] if str(exc).strip() else "unreadable") from exc
    entry = Entry(largest.width, largest.height, tuple(widths), fallback_width(widths))
    for (width, ext), data in files.items():
        write_atomic(cache / entry.file(key, width, ext), data)
    store(cache, key, entry)
    return entry


def unreadable(source: Path) -> str | None:
    """None when the build's own decoder reads the whole picture (as `make` does, at the smallest width), else its
    reason: a file another decoder accepts (Pillow reads a PNG cut short or without its palette) must not pass the
    check and then stop the build. Like `make`, only in a forked worker (fork_map(..., isolate=True))."""
    try:
        _decode(source, widths_for(_upright_width(source), logo=False)[0])
    except (pyvips.Error, OSError, ValueError) as exc:
        return str(exc).strip().splitlines()[-1] if str(exc).strip() else "unreadable"
    return None


def xmp_orientation(header: pyvips.Image) -> int:
    """The orientation (2–8) that only the XMP packet gives, as Pillow reads it when there is no EXIF orientation;
    1 when libvips turns the picture itself (EXIF) or nothing says to turn it."""
    if header.get_typeof("orientation") or not header.get_typeof("xmp-data"):
        return 1
    found = XMP_ORIENTATION.search(bytes(header.get("xmp-data")))
    return int(found.group(1)) if found else 1


def _upright_width(source: Path) -> int:
    """The width the picture is shown at (EXIF or XMP orientation applied), within MAX_SIDE both ways; header only."""
    header = pyvips.Image.new_from_file(str(source))
    width, height = header.width, header.height
    if (header.get_typeof("orientation") and header.get("orientation") in _SWAPPED) \
            or xmp_orientation(header) in _SWAPPED:
        width, height = height, width
    if height > MAX_SIDE:
        width = max(1, width * MAX_SIDE // height)
    return min(width, MAX_SIDE)


def _decode(source: Path, width: int) -> pyvips.Image:
    """The upright picture `width` wide, 8-bit sRGB (with alpha if it has one), without metadata, in memory."""
    # a file cut short is an error to report (libvips would otherwise fill the rest with grey), a lesser decoder
    # warning is not: phones write many JPEGs with one
    turn = xmp_orientation(pyvips.Image.new_from_file(str(source)))
    if turn in _SWAPPED:  # thumbnail's box is the stored picture's: its height is the upright width
        img = pyvips.Image.thumbnail(str(source), MAX_SIDE, height=width, size="down", fail_on="truncated")
    else:
        img = pyvips.Image.thumbnail(str(source), width, height=MAX_SIDE, size="down", fail_on="truncated")
    if turn != 1:  # libvips turns by the EXIF orientation only: turned here by the XMP one, as the PDFs are
        img = img.copy_memory()  # turning reads the lines out of order: the (already reduced) picture in memory
        img.set_type(pyvips.GValue.gint_type, "orientation", turn)
        img = img.autorot()
    if img.get_typeof("icc-profile-data"):
        try:  # computed here, not later: a profile lcms cannot use fails now, and is then ignored
            img = img.icc_transform("srgb", embedded=True, intent="relative").copy_memory()
        except pyvips.Error:
            img = img.copy()
            img.remove("icc-profile-data")
    if img.interpretation != "srgb" or img.format != "uchar":  # 16-bit, greyscale, CMYK without a profile
        img = img.colourspace("srgb")
        if img.format != "uchar":
            img = img.cast("uchar")
    return img.copy_memory()


def _encode_all(largest: pyvips.Image, widths: list[int], logo: bool) -> dict[tuple[int, str], bytes]:
    """{(width, extension): bytes}: a WebP per width, largest first, each smaller one made from the one before,
    and the fallback (a JPEG on white, or a PNG for a logo, which may be transparent)."""
    fallback = fallback_width(widths)
    files = {}
    current = largest
    for w in reversed(widths):
        if current.width != w:
            current = current.thumbnail_image(w, height=MAX_SIDE, size="down").copy_memory()
        files[(w, "webp")] = current.webpsave_buffer(**WEBP, keep="none")
        if w == fallback:
            if logo:
                files[(w, "png")] = current.pngsave_buffer(**PNG, keep="none")
            else:
                flat = current.flatten(background=[255, 255, 255]).cast("uchar") if current.hasalpha() else current
                files[(w, "jpg")] = flat.jpegsave_buffer(**JPEG, keep="none")
    return files
