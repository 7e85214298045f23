"""The baseline of the images stage: the photo variants made with Pillow, as the project made them before libvips.

For the benchmark's comparison only (stage `images_pillow`, the same photos, the same widths and formats, the same
cache and links, on the same cores); the build never imports it.
"""
from __future__ import annotations

import io
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps

from generator.site.imagecache import Entry, key_of, place, store, write_atomic
from generator.site.imaging import fallback_width, widths_for

WEBP = {"quality": 76, "method": 2}
JPEG = {"quality": 80, "optimize": True}
PNG = {"optimize": True}
_ORIENTATION = 0x0112
_SWAPPED = (5, 6, 7, 8)


def publish_images_pillow(guide, out: Path, cache: Path) -> int:
    """Every company's logo and photos into `out/companies/<slug>/` through Pillow; returns how many images."""
    tasks = []
    for company in guide.companies:
        folder = out / "companies" / company.slug
        images = [(company.logo, "logo", True)] if company.logo else []
        images += [(p, f"photo{i}-" + Path(p.file).stem, False) for i, p in enumerate(company.photos, 1)]
        tasks += [(image.path, folder, stem, logo, cache) for image, stem, logo in images]
    cache.mkdir(parents=True, exist_ok=True)
    processes = min(len(os.sched_getaffinity(0)), len(tasks)) or 1
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_one, tasks, chunksize=max(1, min(16, len(tasks) // (processes * 16)))))
    return len(tasks)


def _one(task) -> None:
    source, folder, stem, logo, cache = task
    recipe = json.dumps({"pillow": 2, "logo": logo, "webp": WEBP, "jpeg": JPEG, "png": PNG}).encode()
    key = key_of(source, recipe, cache)
    entry = _make(source, key, cache, logo)
    folder.mkdir(parents=True, exist_ok=True)
    ext = "png" if logo else "jpg"
    for w in entry.widths:
        place(cache / entry.file(key, w, "webp"), folder / f"{stem}-{w}.webp")
    place(cache / entry.file(key, entry.fallback_width, ext), folder / f"{stem}-{entry.fallback_width}.{ext}")


def _make(source: Path, key: str, cache: Path, logo: bool) -> Entry:
    img, (width, height), icc = _decode(source, logo)
    widths = widths_for(width, logo)
    entry = Entry(widths[-1], _height(width, height, widths[-1]), tuple(widths), fallback_width(widths))
    fallback_fmt, fallback_ext = ("PNG", "png") if logo else ("JPEG", "jpg")
    current = img
    for w in reversed(widths):  # largest first: each smaller one is made from the one before
        size = (w, _height(width, height, w))
        if current.size != size:
            current = current.resize(size, Image.LANCZOS)
        write_atomic(cache / entry.file(key, w, "webp"), _encode(current, "WEBP", icc))
        if w == entry.fallback_width:
            write_atomic(cache / entry.file(key, w, fallback_ext), _encode(current, fallback_fmt, icc))
    store(cache, key, entry)
    return entry


def _height(width: int, height: int, w: int) -> int:
    return max(1, round(height * w / width))


def _decode(source: Path, logo: bool):
    with Image.open(source) as im:
        width, height = im.size
        if im.getexif().get(_ORIENTATION) in _SWAPPED:
            width, height = height, width
        target = widths_for(width, logo)[-1]
        if im.format == "JPEG" and target * 2 <= width:  # libjpeg's DCT scaling, as the former code did
            im.draft(None, (-(-im.size[0] * target // width), -(-im.size[1] * target // width)))
        icc = im.info.get("icc_profile")
        ImageOps.exif_transpose(im, in_place=True)
        im.load()
        img = im
    if img.mode.startswith("I"):
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if img.has_transparency_data else "RGB")
    return img, (width, height), icc


def _encode(img, fmt: str, icc: bytes | None) -> bytes:
    extra = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if fmt == "JPEG":
        if img.mode == "RGBA":
            flat = Image.new("RGB", img.size, (255, 255, 255))
            flat.paste(img, mask=img.getchannel("A"))
            img = flat
        img.save(out, "JPEG", **JPEG, **extra)
    elif fmt == "WEBP":
        img.save(out, "WEBP", **WEBP, **extra)
    else:
        img.save(out, "PNG", **PNG, **extra)
    return out.getvalue()
