"""Deterministic images for synthetic companies: a handful of drawn pictures, each copy made unique cheaply.

Drawing and encoding a photo costs ~20 ms, too slow for 5,000 companies; so a few base pictures are drawn once and
every company gets a copy whose bytes differ by a metadata comment (JPEG COM segment, PNG tEXt chunk). The pixels
are the same, but any cache or resizer keyed by file content still has to do the real work for each company.
"""
from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageDraw

PHOTO_SIZE = (1600, 1200)   # a typical camera photo a municipality receives after a first resize
LOGO_SIZE = (480, 160)


def _photo(seed: int) -> bytes:
    rnd = random.Random(seed)
    w, h = PHOTO_SIZE
    top = tuple(rnd.randrange(60, 200) for _ in range(3))
    bottom = tuple(rnd.randrange(20, 120) for _ in range(3))
    gradient = Image.linear_gradient("L").resize((w, h))
    im = Image.composite(Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), gradient)
    draw = ImageDraw.Draw(im)
    for _ in range(40):  # machines, shelves, parts: shapes with edges, like a factory picture
        x, y = rnd.randrange(w), rnd.randrange(h)
        box = (x, y, x + rnd.randrange(40, 500), y + rnd.randrange(40, 400))
        fill = tuple(rnd.randrange(256) for _ in range(3))
        (draw.rectangle if rnd.random() < 0.6 else draw.ellipse)(box, fill=fill, outline=(20, 20, 20), width=3)
    # fine texture so that the JPEG is as heavy as a real photo (seeded, unlike Image.effect_noise)
    noise = Image.frombytes("L", (w // 4, h // 4), rnd.randbytes((w // 4) * (h // 4))).resize((w, h))
    im = Image.blend(im, Image.merge("RGB", (noise, noise, noise)), 0.12)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85, dpi=(72, 72))
    return out.getvalue()


def _logo(seed: int) -> bytes:
    rnd = random.Random(seed)
    im = Image.new("RGBA", LOGO_SIZE, (255, 255, 255, 0))
    draw = ImageDraw.Draw(im)
    colour = tuple(rnd.randrange(200) for _ in range(3)) + (255,)
    draw.ellipse((10, 10, 150, 150), fill=colour)
    for i in range(3):
        draw.rectangle((180, 30 + i * 40, 180 + rnd.randrange(150, 290), 52 + i * 40), fill=colour)
    out = io.BytesIO()
    im.save(out, "PNG", optimize=False)
    return out.getvalue()


def base_images(count: int = 6) -> tuple[list[bytes], list[bytes]]:
    """`count` photos (JPEG) and `count` logos (PNG), the same bytes on every run."""
    return [_photo(1000 + i) for i in range(count)], [_logo(2000 + i) for i in range(count)]


def unique_jpeg(data: bytes, tag: str) -> bytes:
    """The same JPEG with a comment segment naming `tag` right after the start-of-image marker."""
    comment = tag.encode("utf-8")
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + data[2:]


def unique_png(data: bytes, tag: str) -> bytes:
    """The same PNG with a tEXt chunk naming `tag` after the IHDR chunk."""
    body = b"Comment\x00" + tag.encode("latin-1", "replace")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, then IHDR length, type, data, crc
    return data[:ihdr_end] + chunk + data[ihdr_end:]
