"""Render chunks of pages with WeasyPrint, in parallel on every core, each cached by the hash of what it depends on."""
from __future__ import annotations

import functools
import gc
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import weasyprint

from ..errors import ContentError, Problem
from ..files import atomic_path, atomic_write, file_hash
from ..parallel import FreshPool, usable_cores
from .fetcher import CACHE_URL, ContentOnlyFetcher, cache_file

FILE_URL = re.compile(r"""file://[^"')\s<>]+""")
CSS_REF = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""")
CACHE_REF = re.compile(CACHE_URL + r"""/[^"')\s<>]+""")  # a press copy of an image (fetcher.CACHE_URL)
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
    pinned: dict[str, bytes] = field(default_factory=dict)  # stylesheet URL → the bytes the key was made from
    cost: float = 0  # its expected rendering time in any unit (plan.Chunk.cost): the longest start first
    qr_room: dict[str, str] = field(default_factory=dict)  # slug → how its page made room for its QR code, to report


@dataclass
class Rendered:
    """A rendered chunk: its PDF in the cache, the anchors on each of its pages, the images printed under 300 dpi."""

    name: str
    path: str
    anchors: list[list[str]]
    low_dpi: list[tuple[str, int]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    cached: bool = False
    failed: list[str] = field(default_factory=list)  # files it could not read: nothing was written to the cache
    qr_room: dict[str, str] = field(default_factory=dict)  # slug → compose.QR_STEPS step (kept with the chunk)
    # rows of the contents or of an index laid out below their page's text area (overfull_rows): (page of the chunk,
    # from 0; column, from 1; the row's text)
    overfull: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len(self.anchors)


def _path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def pin_stylesheets(job: Job, read: dict[str, bytes | None]) -> None:
    """Read the job's stylesheets (and the ones they @import) once, into `job.pinned`; `read` memoises across jobs.

    Only .css files inside the allowed folders are pinned: the fetcher would refuse any other.
    """
    fetcher = ContentOnlyFetcher([Path(p) for p in job.allowed])
    todo = [url for url in FILE_URL.findall(job.html) if url.endswith(".css")]
    while todo:
        url = todo.pop()
        if url in job.pinned or not fetcher.is_allowed(url):
            continue
        if url not in read:
            try:
                read[url] = _path(url).read_bytes()
            except OSError:
                read[url] = None  # left to the fetcher, which reports it as failed
        if read[url] is None:
            continue
        job.pinned[url] = read[url]
        for imported, ref in CSS_REF.findall(read[url].decode("utf-8", "replace")):
            target = urljoin(url, imported or ref)
            if target.startswith("file:") and target.endswith(".css"):
                todo.append(target)


def content_hash(path: Path) -> str:
    """The hash of a file's bytes (a photo, a font): read once, then remembered by its size, inode and times in the
    image cache's memo (site/imagecache.py, as git's index does), so that a rebuild reads no unchanged file."""
    from ..site.imagecache import cache_dir, key_of  # here: the workers, which import this module, need no site code

    try:
        cache = cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        return key_of(Path(path), b"content\0", cache)
    except OSError:  # no cache to remember it in (read-only): read the file (OSError if it is missing)
        return file_hash(Path(path))


def job_key(job: Job, cache: Path | None = None) -> str:
    """The hash of everything the chunk's PDF depends on: its HTML, the options, the stylesheets' bytes, the content
    of every other file it loads (images, fonts), the WeasyPrint version."""
    digest = hashlib.sha256()
    digest.update(job.html.encode())
    digest.update(json.dumps(job.options, sort_keys=True).encode())
    digest.update(weasyprint.__version__.encode())
    urls = set(FILE_URL.findall(job.html))
    for base, css in job.pinned.items():  # what the stylesheets load (fonts, images) counts too
        urls.update(urljoin(base, a or b) for a, b in CSS_REF.findall(css.decode("utf-8", "replace")))
    files = {url: _path(url) for url in urls if url.startswith("file:")}
    if cache is not None:
        files.update((url, cache_file(url, cache)) for url in CACHE_REF.findall(job.html))
    for url in sorted(files):
        if url in job.pinned:
            digest.update(f"{url}\0{hashlib.sha256(job.pinned[url]).hexdigest()}".encode())
            continue
        try:
            digest.update(f"{url}\0{content_hash(files[url])}".encode())
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
        if not src.startswith(("file:", CACHE_URL)):
            continue
        # object-fit: cover scales by the larger ratio; CSS px are 1/96 inch.
        scale = max(box.width / width, box.height / height)
        dpi = round(96 / scale)
        if dpi < LOW_DPI:
            low.append((src, dpi))
    return low


LISTING = 'class="rows"'  # the HTML of a chunk with rows of the contents or of an index (print/rows.html)
ROW_SLACK = 0.4  # CSS px (0.1 mm): sums of millimetres land a little off


def overfull_rows(page) -> list[tuple[int, str]]:
    """The rows of the contents or of an index (`ul.rows`, one per column) that a laid-out page does not print
    inside its text area, as (column from 1, the row's text). The columns are floats: WeasyPrint cuts a float at the
    foot of the page and drops the rest without a word (it does not carry it onto a next page), so rows planned
    beyond what a column holds would be missing from the book with no error (render.py refuses the edition)."""
    area = page._page_box
    foot = area.content_box_y() + area.height + ROW_SLACK
    columns, stack = [], [area]
    while stack:  # the columns in document order (left to right)
        box = stack.pop()
        element = getattr(box, "element", None)
        if box.element_tag == "ul" and element is not None and "rows" in (element.get("class") or "").split():
            columns.append(box)
            continue
        stack.extend(reversed(getattr(box, "children", None) or []))
    lost = []
    for number, column in enumerate(columns, 1):
        rows = [child for child in column.element if _tag(child) == "li"]
        laid = [box for box in column.children if box.element_tag == "li"]
        lost += [(number, _text(box.element)) for box in laid if box.position_y + box.margin_height() > foot]
        lost += [(number, _text(row)) for row in rows[len(laid):]]  # cut off with the rest of the float
    return lost


def _tag(element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def _text(row) -> str:
    """The text of a listing row (an `li` element): its label, then its page number when it has one."""
    label = number = ""
    for element in row.iter():
        kind = (element.get("class") or "").split()
        if "label" in kind:
            label = "".join(element.itertext())
        elif "pno" in kind:
            number = "".join(element.itertext())
    return f"{label} {number}".strip()


def drop_nested_links(page) -> None:
    """One link annotation per link of a laid-out page: drop each that lies inside a box of the same link.

    WeasyPrint gives every box inside an <a> the link of the <a> (Page.links): a row of the contents or of an index
    (leader, page number, label) became five annotations on the same spot, each with its own entry in the structure
    tree: most of a listing chunk's objects, of its time to write and of the merge's memory. Clicking anywhere in the
    row still leads to the same page; the <a>'s Link element keeps its annotation. (Page.links gives rectangles as
    corners, x1 y1 x2 y2, whatever its docstring says: anchors.rectangle_aabb.)
    """
    kept, outer = [], {}  # (kind, target) → [(rectangle, ids of the boxes inside its box)]
    for link in page.links:  # a box comes before the boxes inside it
        kind, target, (x1, y1, x2, y2), box = link
        holders = outer.setdefault((kind, target), [])
        if any(a <= x1 + EPSILON and b <= y1 + EPSILON and x2 <= c + EPSILON and y2 <= d + EPSILON
               and id(box) in inside for (a, b, c, d), inside in holders):
            continue
        kept.append(link)
        holders.append(((x1, y1, x2, y2), _boxes_in(box)))
    page.links[:] = kept


def _boxes_in(box) -> set[int]:
    """The ids of `box` and every box inside it, walked as WeasyPrint gathers links (an absolutely positioned child
    is its placeholder there)."""
    found, stack = set(), [box]
    while stack:
        box = stack.pop()
        found.add(id(box))
        stack.extend(box.all_children())
    return found


EPSILON = 0.01  # CSS px: sums of millimetres land a little off


def render_job(job: Job, cache: Path) -> Rendered:
    """Lay out and write one chunk into the cache (a worker process runs this, then exits)."""
    fetcher = ContentOnlyFetcher([Path(p) for p in job.allowed], job.pinned, cache)
    # WeasyPrint builds millions of small objects per chunk and frees them all at the end: the cyclic collector
    # would scan them again and again (≈ 20 % of a chunk's time) for nothing until then. The worker exits after the
    # chunk (render_all), which frees them without a collection either.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The options go to render() too: images are loaded (and sized for `dpi`) while laying out, not when writing.
        document = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(**job.options)
        if fetcher.failed:  # WeasyPrint would leave the image or the styles out: never cache such a page
            return Rendered(job.name, "", [], failed=sorted(set(fetcher.failed)))
        anchors = [sorted(page.anchors) for page in document.pages]
        low = sorted({item for page in document.pages for item in _image_dpi(page)})
        overfull = [(index, column, text) for index, page in enumerate(document.pages)
                    for column, text in overfull_rows(page)] if LISTING in job.html else []
        for page in document.pages:
            drop_nested_links(page)
        target = cache / f"{job.key}.pdf"
        with atomic_path(target) as tmp:
            document.write_pdf(tmp, **job.options)
        del document
    finally:
        if collecting:
            gc.enable()
    result = Rendered(job.name, str(target), anchors, low, list(fetcher.refused), qr_room=dict(job.qr_room),
                      overfull=overfull)
    _save(result)
    return result


def _save(result: Rendered) -> None:
    """Write the chunk's facts beside its PDF (atomically: a killed build never leaves half a file)."""
    atomic_write(Path(result.path).with_suffix(".json"), json.dumps(asdict(result)))


def cached(name: str, key: str, cache: Path) -> Rendered | None:
    """The chunk rendered earlier under `key`, if the cache still holds it."""
    meta = cache / f"{key}.json"
    if not meta.is_file() or not meta.with_suffix(".pdf").is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # unreadable: render the chunk again
    if "overfull" not in data:
        return None  # written before the rows were checked (overfull_rows): render it again, checked
    data.update(name=name, cached=True, path=str(meta.with_suffix(".pdf")),
                low_dpi=[tuple(item) for item in data["low_dpi"]],
                overfull=[tuple(item) for item in data["overfull"]])
    known = {f.name for f in fields(Rendered)}  # an entry written by an older version may have other facts
    return Rendered(**{key: value for key, value in data.items() if key in known})


def render_all(jobs: list[Job], cache: Path, processes: int | None = None) -> dict[str, Rendered]:
    """Render the jobs not in the cache, on all cores when there is more than one; return every job's result."""
    # Longest chunks first keeps both cores busy to the end (by their cost; the HTML's length says little: an index
    # page has less HTML than a company page and takes six times as long).
    with FreshPool(processes or usable_cores(), PRELOAD) as pool:
        chunks = Chunks(cache, pool)
        for job in sorted(jobs, key=lambda j: (-j.cost, -len(j.html))):
            chunks.submit(job)
        return chunks.wait()


class Chunks:
    """Jobs handed to a pool of fresh workers one at a time as the parent composes them (render.py), each taken
    from the cache when it is there; `wait()` returns every job's result.

    Each chunk renders in a fresh small process (parallel.FreshPool): the workers do not carry this process's model
    and caches in their memory, and a chunk's heap is freed by the worker's exit. Jobs start in the order they are
    submitted.
    """

    def __init__(self, cache: Path, pool: FreshPool):
        cache.mkdir(parents=True, exist_ok=True)
        self.cache, self.pool = cache, pool
        self.results: dict[str, Rendered] = {}
        self.read: dict[str, bytes | None] = {}  # stylesheet URL → bytes, read once for every job (pin_stylesheets)
        self.render = functools.partial(render_job, cache=cache.resolve())

    def submit(self, job: Job) -> None:
        """Key the job and take it from the cache, or start rendering it as soon as a worker is free."""
        if not job.key:
            pin_stylesheets(job, self.read)
            job.key = job_key(job, self.cache)
        hit = cached(job.name, job.key, self.cache)
        if hit is not None:
            self.results[job.name] = hit
        else:
            self.pool.submit(self.render, job, self._done)

    def _done(self, result: Rendered) -> None:
        self.results[result.name] = result

    def wait(self) -> dict[str, Rendered]:
        """Every submitted job's result, once all are rendered; stops on a file that could not be read."""
        self.pool.wait()
        _refuse_failed(self.results.values())
        return self.results


PRELOAD = ["generator.pdf.chunks", "generator.pdf.measure", "generator.pdf.warm"]  # what every PDF worker needs, imported once


def _refuse_failed(results) -> None:
    """Stop with the files that could not be read, rather than print pages without them."""
    failed = sorted({url for result in results for url in result.failed})
    if failed:
        raise ContentError([Problem(str(_path(url)), 0, 0, "PDF の組版中にこのファイルを読めませんでした（ビルド中に消えたか"
                                    "変わりました）。もう一度ビルドしてください。 / this file could not be read while "
                                    "laying out the PDF (it vanished or changed during the build): build again.",
                                    rule="pdf-file") for url in failed])


def prune(cache: Path, keep: set[str]) -> None:
    """Delete cached chunks this build did not use (old versions of changed chunks)."""
    for path in cache.glob("*.*"):
        if path.stem.split(".")[0] not in keep:
            path.unlink(missing_ok=True)
