"""How tall the short profiles are, laid out as one of the two companies of a shared page (pair.html).

Only profiles that could share a page are laid out (no photos, a short PR text, few rows and items: see
`could_fit`), in one WeasyPrint document per core, each on a tall page of its own; the heights are remembered in
the edition's cache folder under a digest of what the layout depends on, so a rebuild measures only the profiles
that changed.
"""
from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import weasyprint

from ..parallel import FreshPool, fresh_map, usable_cores
from ..state import digest
from .fetcher import ContentOnlyFetcher
from .chunks import PRELOAD

if TYPE_CHECKING:  # the model and the plan are the parent's: the workers that import this module need neither
    from ..model import Company

PX_MM = 25.4 / 96
FILE = "heights.json"
MEASURE_BATCH = 80


def could_fit(company: Company) -> bool:
    """A quick look that rules out profiles far too long to share a page (a photo row and a long text take more
    than half of it), so that only the others are laid out."""
    pr = company.pr.ja if company.pr else ""
    return (not company.photos and len(pr) <= 420 and len(company.equipment) <= 6 and len(company.products) <= 4
            and len(company.customers) + len(company.materials) <= 12)


def _lay_out(job: tuple[str, str, list[str], str | None]) -> list[float]:
    """The height (mm) of the half-page block on each page of one measuring document (run in a worker)."""
    html, base_url, allowed, cache = job
    collecting = gc.isenabled()
    gc.disable()  # as for a chunk (chunks.render_job): nothing to collect before the worker exits
    try:
        document = weasyprint.HTML(string=html, base_url=base_url,
                                   url_fetcher=ContentOnlyFetcher([Path(p) for p in allowed],
                                                                   cache=Path(cache) if cache else None)).render()
    finally:
        if collecting:
            gc.enable()
    heights = []
    for page in document.pages:
        stack, found = [page._page_box], 0.0
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and "half" in (element.get("class") or "").split() and box.element_tag == "div":
                found = max(found, box.margin_height() * PX_MM)
                continue
            stack.extend(getattr(box, "children", []) or [])
        heights.append(found)
    return heights


def heights(composer, companies: list[Company], edition_key: str, pool: FreshPool | None = None) -> dict[str, float]:
    """slug → height (mm) in this edition of each of the `companies` that could share a page; the documents are laid
    out in `pool` (beside what it already runs: the front chunk) when given, else on the run's processes. The heights
    are kept in the edition's cache folder (composer.cache, when it has one); `edition_key` is what the layout of
    every profile depends on (digest.edition_digest)."""
    from .plan import Sheet, chapters, shared_room

    limit = shared_room(composer.geo)
    guide = composer.guide
    processes = composer.run.processes
    chapter_of = {c.slug: term for term, cs in chapters(guide) for c in cs}
    keys = {c.slug: digest(edition_key, "half", c, _images(c)) for c in companies if could_fit(c)}
    path = composer.cache / FILE if composer.cache is not None else None
    known: dict[str, float] = {}
    if path is not None:
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
    todo = [c for c in companies if c.slug in keys and keys[c.slug] not in known]
    if todo:
        workers = max(1, min(processes or usable_cores(), -(-len(todo) // 8)))  # a document costs its set-up
        # On several cores, documents of at most MEASURE_BATCH profiles: a document's heap grows with its pages (two
        # documents of half the profiles each were the build's memory peak), and small ones end close together; each
        # document pays its set-up (a fresh worker, the stylesheet parsed, the fonts), which the single document pays
        # once, so not smaller than needed (bench/RESULTS.md, session 18).
        documents = max(workers, -(-len(todo) // MEASURE_BATCH)) if workers > 1 else 1
        parts = [todo[i::documents] for i in range(documents)]
        # composed one by one (a generator), so that with a pool the first document is laid out while the parent
        # composes the next
        jobs = ((composer.measuring_html([Sheet("pair", 1, "", pair=[(chapter_of[c.slug], c)], chapter_no=1)
                                          for c in part]),
                 composer.base_url, [str(p) for p in composer.allowed],
                 str(composer.cache) if composer.cache else None) for part in parts)
        if pool is None:
            measured = fresh_map(_lay_out, jobs, processes=workers, preload=PRELOAD)
        else:
            tickets = [pool.submit(_lay_out, job) for job in jobs]
            results = pool.wait()
            measured = [results[t] for t in tickets]
        for part, heights in zip(parts, measured):
            for company, height in zip(part, heights):
                known[keys[company.slug]] = round(height, 2)
    if path is not None:
        used = {key: known[key] for key in keys.values() if key in known}
        tmp = path.with_name(f"{FILE}.{os.getpid()}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(used, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    # a profile taller than the shared room less the shortest possible partner can share with no one
    return {slug: known[key] for slug, key in keys.items() if 0 < known.get(key, limit) < limit}


def _images(company: Company) -> list:
    from .chunks import content_hash

    stats = []
    for image in ([company.logo] if company.logo else []):
        try:
            stats.append((str(image.path), content_hash(image.path)))
        except OSError:
            stats.append((str(image.path), None))
    return stats
