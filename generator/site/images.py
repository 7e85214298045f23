"""Company photos and logos for the web: WebP in a few widths plus one JPEG (PNG for logos), cached across builds.

Every image is independent, so they are done on all cores by one pool of forked processes per build; each result
depends only on its source file, so the output is the same whatever the number of processes. The pixel work is in
imaging.py, the cache in imagecache.py.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from .imagecache import cache_dir, key_of, lookup, place
from .imaging import Unreadable, make, recipe

__all__ = ["ImageSet", "Variant", "cache_dir", "publish_images", "resize"]


@dataclass(frozen=True)
class Variant:
    width: int
    webp: str  # file name beside the company's page


@dataclass(frozen=True)
class ImageSet:
    """The resized files of one source image: WebP widths smallest first, one fallback, the largest size."""

    width: int
    height: int
    variants: tuple[Variant, ...]
    fallback: str  # JPEG (PNG for logos, which may be transparent): for browsers without WebP and link previews
    fallback_width: int

    def srcset(self, base: str, kind: str = "webp") -> str:
        """A srcset attribute value: `base` is the relative path of the company folder, ending in '/'."""
        if kind == "fallback":
            return f"{base}{self.fallback} {self.fallback_width}w"
        return ", ".join(f"{base}{v.webp} {v.width}w" for v in self.variants)

    @property
    def smallest(self) -> Variant:
        return self.variants[0]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


@dataclass(frozen=True)
class _Task:
    source: Path
    folder: Path  # where the variants go
    stem: str
    logo: bool
    cache: Path


def resize(source: Path, dest_dir: Path, stem: str, *, logo: bool = False, cache: Path | None = None) -> ImageSet:
    """Put the variants of `source` into `dest_dir`, made once and then taken from the cache without decoding."""
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    ext = "png" if logo else "jpg"
    key = key_of(source, recipe(logo), cache)
    entry = lookup(cache, key, ext) or make(source, key, cache, logo)
    dest_dir.mkdir(parents=True, exist_ok=True)
    variants = []
    for w in entry.widths:
        variants.append(Variant(w, f"{stem}-{w}.webp"))
        place(cache / entry.file(key, w, "webp"), dest_dir / variants[-1].webp)
    fallback = f"{stem}-{entry.fallback_width}.{ext}"
    place(cache / entry.file(key, entry.fallback_width, ext), dest_dir / fallback)
    return ImageSet(entry.width, entry.height, tuple(variants), fallback, entry.fallback_width)


def _run(task: _Task) -> ImageSet | str:
    """One image in a worker: its ImageSet, or why the source cannot be read (a bad file is not a crash)."""
    try:
        return resize(task.source, task.folder, task.stem, logo=task.logo, cache=task.cache)
    except Unreadable as exc:
        return str(exc) or "unreadable"


def publish_images(guide, out: Path, *, processes: int | None = None, cache: Path | None = None
                   ) -> dict[tuple[str, str], ImageSet]:
    """Resize every company's logo and photos into `out/companies/<slug>/`; returns {(slug, file): ImageSet}.

    `processes` defaults to the usable cores; 1 does everything in this process.
    """
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    keys, tasks, companies = [], [], []
    for company in guide.companies:
        folder = out / "companies" / company.slug
        images = [(company.logo, "logo", True)] if company.logo else []
        images += [(p, f"photo{i}-" + Path(p.file).stem, False) for i, p in enumerate(company.photos, 1)]
        for image, stem, logo in images:
            keys.append((company.slug, image.file))
            tasks.append(_Task(image.path, folder, stem, logo, cache))
            companies.append(company)
    results = _map(tasks, processes)
    bad = [(company, key[1]) for company, key, got in zip(companies, keys, results) if isinstance(got, str)]
    if bad:
        raise ContentError([_problem(company, file) for company, file in bad])
    return dict(zip(keys, results))


def _map(tasks: list[_Task], processes: int | None) -> list[ImageSet | str]:
    """_run over the tasks, in order, on a pool of forked processes when there is more than one core to use."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    processes = min(processes or usable, len(tasks))
    if processes <= 1 or not hasattr(os, "fork"):
        return [_run(task) for task in tasks]
    # fork: the workers start in milliseconds with Pillow already imported. Small chunks keep both cores busy to
    # the end of a cold build (~0.1 s an image) and cut the round trips of a warm one (~1 ms an image).
    chunk = max(1, min(16, len(tasks) // (processes * 16)))
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
    try:
        return list(pool.map(_run, tasks, chunksize=chunk))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on Ctrl-C: drop the images not started yet


def _problem(company, file: str) -> Problem:
    """A located error for an image that cannot be decoded: the line of the profile that names it."""
    from ..load.yamlfile import load as load_yaml
    from ..validate.images import image_refs
    from ..validate.messages import say

    profile = company.folder / "company.yaml"
    line, col = 1, 1
    try:
        doc = load_yaml(profile)
        pointer = next(p for p, name, _ in image_refs(doc.data) if name == file)
        line, col = doc.where(pointer)
    except Exception:  # noqa: BLE001 - the profile loaded once already; without it the error still names the file
        pass
    try:
        shown = str(profile.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(profile)
    return Problem(shown, line, col, say("image-unreadable", file=file), "error", "image-unreadable")
