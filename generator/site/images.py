"""Company photos for the web: a few widths, WebP with a JPEG fallback, cached by content hash across builds."""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

PHOTO_WIDTHS = (480, 960, 1440)
LOGO_WIDTH = 192  # shown at 96 CSS px at most: sharp on 2x screens
JPEG_QUALITY = 80
WEBP_QUALITY = 76


@dataclass
class Variant:
    width: int
    webp: str  # file name beside the company's page
    fallback: str  # JPEG (PNG for logos, which may be transparent)


@dataclass
class ImageSet:
    """The resized files of one source image, smallest first, and the size of the largest."""

    width: int
    height: int
    variants: list[Variant] = field(default_factory=list)

    def srcset(self, base: str, kind: str) -> str:
        """A srcset attribute value: `base` is the relative path of the company folder, ending in '/'."""
        return ", ".join(f"{base}{getattr(v, kind)} {v.width}w" for v in self.variants)

    @property
    def smallest(self) -> Variant:
        return self.variants[0]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


def cache_dir() -> Path:
    """Where resized images are kept between builds ($GUIDEBOOK_CACHE, else the user's cache folder)."""
    root = os.environ.get("GUIDEBOOK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "guidebook")
    return Path(root) / "images"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:24]


def _widths(original: int, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths below the original (never upscale), plus the original if it is smaller than the largest."""
    out = [w for w in wanted if w < original]
    if original <= wanted[-1] or not out:
        out.append(min(original, wanted[-1]))
    return sorted(set(out))


def _save(img: Image.Image, dest: Path, fmt: str) -> None:
    tmp = dest.with_name(dest.name + f".{os.getpid()}.tmp")
    if fmt == "JPEG":
        img.convert("RGB").save(tmp, fmt, quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "WEBP":
        img.save(tmp, fmt, quality=WEBP_QUALITY, method=4)
    else:
        img.save(tmp, fmt, optimize=True)
    os.replace(tmp, dest)  # a parallel build never sees a half-written cache file


def resize(source: Path, dest_dir: Path, stem: str, *, logo: bool = False, cache: Path | None = None) -> ImageSet:
    """Write the resized variants of `source` into `dest_dir` (from the cache when the same bytes were done before)."""
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    digest = _digest(source)
    with Image.open(source) as opened:
        img = ImageOps.exif_transpose(opened)
        img.load()
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.getbands() or img.mode == "P" else "RGB")
    fallback_fmt, fallback_ext = ("PNG", "png") if logo else ("JPEG", "jpg")
    widths = _widths(img.width, (LOGO_WIDTH,) if logo else PHOTO_WIDTHS)
    result = ImageSet(0, 0)
    dest_dir.mkdir(parents=True, exist_ok=True)
    for width in widths:
        height = max(1, round(img.height * width / img.width))
        variant = Variant(width, f"{stem}-{width}.webp", f"{stem}-{width}.{fallback_ext}")
        for name, fmt in ((variant.webp, "WEBP"), (variant.fallback, fallback_fmt)):
            cached = cache / f"{digest}-{width}.{name.rsplit('.', 1)[1]}"
            if not cached.exists():
                _save(img.resize((width, height), Image.LANCZOS) if width != img.width else img, cached, fmt)
            _place(cached, dest_dir / name)
        result.variants.append(variant)
        result.width, result.height = width, height
    return result


def _place(cached: Path, dest: Path) -> None:
    """Hard-link the cached file into the site (copy where links are not possible)."""
    dest.unlink(missing_ok=True)
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)


def publish_images(guide, out: Path) -> dict[tuple[str, str], ImageSet]:
    """Resize every company's logo and photos into `out/companies/<slug>/`; returns {(slug, file): ImageSet}."""
    sets: dict[tuple[str, str], ImageSet] = {}
    for company in guide.companies:
        folder = out / "companies" / company.slug
        if company.logo:
            sets[(company.slug, company.logo.file)] = resize(company.logo.path, folder, "logo", logo=True)
        for i, photo in enumerate(company.photos, 1):
            stem = f"photo{i}-" + Path(photo.file).stem
            sets[(company.slug, photo.file)] = resize(photo.path, folder, stem)
    return sets
