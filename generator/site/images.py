"""Company photos and logos for the web: WebP in a few widths plus one JPEG (PNG for logos), cached across builds.

Every image is independent, so they are done on all cores; each result depends only on its source file, so the
output is the same whatever the number of processes. Images already in the cache are linked by forked workers;
the others are made by libvips, always in forked workers (see imaging.py for why never in the build's own process).
The pixel work is in imaging.py, the cache in imagecache.py.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import progress
from ..errors import ContentError, Problem
from ..load.yamlfile import load as load_yaml
from ..parallel import fork_map, usable_cores
from ..validate.images import image_refs
from ..validate.messages import say
from .imagecache import Entry, cache_dir, cache_full, key_of, lookup, place
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
        # the names come from the photos' file names: a space or a comma would split a srcset candidate
        if kind == "fallback":
            return f"{base}{quote(self.fallback)} {self.fallback_width}w"
        return ", ".join(f"{base}{quote(v.webp)} {v.width}w" for v in self.variants)

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


@dataclass(frozen=True)
class _Missing:
    """An image not in the cache yet: made by `_make` under this key."""

    key: str


def resize(source: Path, dest_dir: Path, stem: str, *, logo: bool = False, cache: Path | None = None) -> ImageSet:
    """Put the variants of `source` into `dest_dir`, made once and then taken from the cache without decoding;
    raise Unreadable for a file that cannot be decoded."""
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    task = _Task(source, dest_dir, stem, logo, cache)
    got = _run(task)
    if isinstance(got, _Missing):
        [got] = _make_all([(task, got.key)], 1)
    if isinstance(got, str):
        raise Unreadable(got)
    return got


def _run(task: _Task) -> ImageSet | _Missing:
    """One image from the cache: its variants linked into the site, or _Missing when it has to be made first."""
    key = key_of(task.source, recipe(task.logo), task.cache)
    entry = lookup(task.cache, key, "png" if task.logo else "jpg")
    return _Missing(key) if entry is None else _place(task, key, entry)


def _make(job: tuple[_Task, str]) -> ImageSet | str:
    """One image made by libvips into the cache and linked into the site, or why its source cannot be read."""
    task, key = job
    try:
        entry = make(task.source, key, task.cache, task.logo)
    except Unreadable as exc:
        return str(exc) or "unreadable"
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise cache_full(task.cache) from None
        raise
    return _place(task, key, entry)


def _place(task: _Task, key: str, entry: Entry) -> ImageSet:
    """Link the cached variants of `key` into the task's folder under the task's file names."""
    ext = "png" if task.logo else "jpg"
    task.folder.mkdir(parents=True, exist_ok=True)
    variants = []
    for w in entry.widths:
        variants.append(Variant(w, f"{task.stem}-{w}.webp"))
        place(task.cache / entry.file(key, w, "webp"), task.folder / variants[-1].webp)
    fallback = f"{task.stem}-{entry.fallback_width}.{ext}"
    place(task.cache / entry.file(key, entry.fallback_width, ext), task.folder / fallback)
    return ImageSet(entry.width, entry.height, tuple(variants), fallback, entry.fallback_width)


def publish_images(guide, out: Path, *, processes: int | None = None, cache: Path | None = None
                   ) -> dict[tuple[str, str], ImageSet]:
    """Resize every company's logo and photos into `out/companies/<slug>/`; returns {(slug, file): ImageSet}.

    `processes` defaults to the usable cores; 1 links the cached images in this process and makes the others in
    one worker.
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
    with progress.stage("images", "写真とロゴを縮小", "resizing photos and logos") as step:
        results = _map(tasks, processes)
        missing = [i for i, got in enumerate(results) if isinstance(got, _Missing)]
        step.set_total(len(missing))
        made = _make_all([(tasks[i], results[i].key) for i in missing], processes, done=step.advance)
        for i, got in zip(missing, made):
            results[i] = got
        step.said(f"{len(tasks):,} 枚（新たに縮小 {len(missing):,} 枚）",
                  f"{len(tasks):,} images ({len(missing):,} newly resized)")
    bad = [(company, key[1]) for company, key, got in zip(companies, keys, results) if isinstance(got, str)]
    if bad:
        raise ContentError([_problem(company, file) for company, file in bad])
    return dict(zip(keys, results))


def _map(tasks: list[_Task], processes: int | None) -> list[ImageSet | str]:
    """_run over the tasks, in order, on forked processes when there is more than one core to use."""
    processes = min(processes or usable_cores(), len(tasks))
    # Small chunks keep both cores busy to the end of a cold build (~0.1 s an image) and cut the round trips of a
    # warm one (~1 ms an image).
    chunk = max(1, min(16, len(tasks) // (max(processes, 1) * 16)))
    return fork_map(_run, tasks, processes=processes, chunksize=chunk)


def _make_all(jobs: list[tuple[_Task, str]], processes: int | None, done=lambda: None) -> list[ImageSet | str]:
    """_make over the jobs, in order, always in forked workers (at least one): see imaging.py for why libvips never
    runs in the build's own process. `done()` is called as each result arrives (the progress bar)."""
    return fork_map(_make, jobs, processes=processes, isolate=True, each=lambda _: done())


def _problem(company, file: str) -> Problem:
    """A located error for an image that cannot be decoded: the line of the profile that names it."""
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
