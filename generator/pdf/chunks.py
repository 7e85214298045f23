"""Render chunks of pages with WeasyPrint, in parallel on every core, each cached by the hash of what it depends on."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint

from .fetcher import ContentOnlyFetcher

FILE_URL = re.compile(r"""file://[^"')\s<>]+""")
LOW_DPI = 300


@dataclass
class Job:
    """One chunk to render: its HTML and how to write it."""

    name: str
    html: str
    base_url: str
    allowed: list[str]
    options: dict
    key: str = ""


@dataclass
class Rendered:
    """A rendered chunk: its PDF in the cache, the anchors on each of its pages, the images printed under 300 dpi."""

    name: str
    path: str
    anchors: list[list[str]]
    low_dpi: list[tuple[str, int]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    cached: bool = False

    @property
    def pages(self) -> int:
        return len(self.anchors)


def job_key(job: Job) -> str:
    """The hash of everything the chunk's PDF depends on: its HTML, the options, the files it loads, the versions."""
    digest = hashlib.sha256()
    digest.update(job.html.encode())
    digest.update(json.dumps(job.options, sort_keys=True).encode())
    digest.update(weasyprint.__version__.encode())
    for url in sorted(set(FILE_URL.findall(job.html))):
        path = Path(unquote(urlparse(url).path))
        try:
            stat = path.stat()
            digest.update(f"{url}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(url.encode())
    return digest.hexdigest()[:32]


def _image_dpi(page) -> list[tuple[str, int]]:
    """Images on a laid-out page whose resolution at their printed size is under 300 dpi."""
    low = []
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        stack.extend(getattr(box, "children", []) or [])
        image = getattr(box, "replacement", None)
        width, height = getattr(image, "width", None), getattr(image, "height", None)
        if not width or not height or box.element is None or not box.width or not box.height:
            continue
        src = box.element.get("src", "")
        if not src.startswith("file:"):
            continue
        # object-fit: cover scales by the larger ratio; CSS px are 1/96 inch.
        scale = max(box.width / width, box.height / height)
        dpi = round(96 / scale)
        if dpi < LOW_DPI:
            low.append((src, dpi))
    return low


def render_job(job: Job, cache: Path) -> Rendered:
    """Lay out and write one chunk into the cache (a worker process runs this)."""
    fetcher = ContentOnlyFetcher([Path(p) for p in job.allowed])
    document = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(
        **{k: v for k, v in job.options.items() if k in ("pdf_tags",)})
    anchors = [sorted(page.anchors) for page in document.pages]
    low = sorted({item for page in document.pages for item in _image_dpi(page)})
    target = cache / f"{job.key}.pdf"
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    document.write_pdf(tmp, **job.options)
    tmp.replace(target)
    result = Rendered(job.name, str(target), anchors, low, list(fetcher.refused))
    target.with_suffix(".json").write_text(json.dumps(asdict(result)), encoding="utf-8")
    return result


def _cached(job: Job, cache: Path) -> Rendered | None:
    meta = cache / f"{job.key}.json"
    if not meta.is_file() or not meta.with_suffix(".pdf").is_file():
        return None
    data = json.loads(meta.read_text(encoding="utf-8"))
    data.update(name=job.name, cached=True, low_dpi=[tuple(x) for x in data["low_dpi"]])
    return Rendered(**data)


def _work(args: tuple[Job, Path]) -> Rendered:
    return render_job(*args)


def render_all(jobs: list[Job], cache: Path, processes: int | None = None) -> dict[str, Rendered]:
    """Render the jobs not in the cache, on all cores when there is more than one; return every job's result."""
    cache.mkdir(parents=True, exist_ok=True)
    results: dict[str, Rendered] = {}
    todo = []
    for job in jobs:
        job.key = job.key or job_key(job)
        hit = _cached(job, cache)
        if hit is not None:
            results[job.name] = hit
        else:
            todo.append(job)
    processes = min(len(todo), processes or os.cpu_count() or 1)
    if processes <= 1:
        for job in todo:
            results[job.name] = render_job(job, cache)
        return results
    # Largest chunks first keeps both cores busy to the end. fork: workers inherit the loaded fonts and modules.
    todo.sort(key=lambda j: -len(j.html))
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, maxtasksperchild=64) as pool:
        for result in pool.imap_unordered(_work, [(job, cache) for job in todo]):
            results[result.name] = result
    return results


def prune(cache: Path, keep: set[str]) -> None:
    """Delete cached chunks this build did not use (old versions of changed chunks)."""
    for path in cache.glob("*.*"):
        if path.stem.split(".")[0] not in keep:
            path.unlink(missing_ok=True)
