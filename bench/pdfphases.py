"""render_pdf once, cold, with the CPU and wall time of each phase: `python -m bench.pdfphases CONTENT WORK`.

The parent's phases (measuring, plan, chunks, merge and its parts, preflight) and every document the workers lay out
(front, measuring documents, chunks: start, end, CPU, peak memory) are logged as JSON lines to WORK/phases.jsonl,
then summed: which phases keep one core busy and which two. The functions are wrapped in place (here and, through
the forkserver's preload list, in every worker), so the figures are of the code as it is, with no profiler.
"""
from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

LOG = os.environ.get("PDFPHASES_LOG", "")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _log(**record) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


def _timed(module, name: str, what: str, kind: str) -> None:
    original = getattr(module, name)
    if getattr(original, "timed", False):
        return

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start, cpu = time.time(), _cpu()
        try:
            return original(*args, **kwargs)
        finally:
            job = args[0] if args else None
            label = getattr(job, "name", "") if kind == "worker" else ""
            _log(kind=kind, what=what, name=label, start=start, end=time.time(), cpu=_cpu() - cpu,
                 rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    timed.timed = True
    timed.__module__, timed.__qualname__ = module.__name__, name  # pickled by name: the workers find theirs
    setattr(module, name, timed)


def _wrap_workers() -> None:
    from generator.pdf import chunks, measure

    _timed(chunks, "render_job", "chunk", "worker")
    _timed(measure, "_lay_out", "measure", "worker")


def _wrap_parent() -> None:
    from generator.pdf import merge, render, structure

    for name, what in [("heights", "measuring (parent waits)"), ("make_plan", "plan"),
                       ("_render_chunks", "chunks (parent composes, waits)"), ("merge", "merge"),
                       ("_preflight", "preflight")]:
        _timed(render, name, what, "parent")
    for name in ("unique_subset_tags", "_resolve_links", "_outline"):
        _timed(merge, name, "merge: " + name, "parent")
    for name in ("append", "close"):
        _timed(structure.StructureMerger, name, "merge: structure " + name, "parent")


if LOG:  # the workers' forkserver imports the main module first (parallel.FreshPool): wrap what they run
    _wrap_workers()


def report(path: Path) -> str:
    """The phases of one logged run, in the order they started, and every worker document."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    total = next(r for r in records if r["kind"] == "total")
    t0 = total["start"]
    lines = [f"pages {total['pages']}, wall {total['wall']:.1f} s, CPU {total['parent_cpu'] + total['children_cpu']:.1f} s "
             f"(parent {total['parent_cpu']:.1f}, workers and forkserver {total['children_cpu']:.1f}), peak RSS parent "
             f"{total['self_maxrss_mb']:.0f} MB, largest worker {total['children_maxrss_mb']:.0f} MB"]
    phases: dict = defaultdict(lambda: [0, 0.0, float("inf"), 0.0, 0.0])
    for r in records:
        if r["kind"] in ("parent", "worker"):
            p = phases[(r["kind"], r["what"])]
            p[0] += 1
            p[1] += r["cpu"]
            p[2], p[3] = min(p[2], r["start"] - t0), max(p[3], r["end"] - t0)
            p[4] = max(p[4], r.get("rss_mb", 0)) if r["kind"] == "worker" else 0
    for (kind, what), (n, cpu, start, end, rss) in sorted(phases.items(), key=lambda x: x[1][2]):
        lines.append(f"{kind:6} {what:34} n={n:3} CPU {cpu:7.2f} s  {start:6.1f} .. {end:6.1f} s"
                     + (f"  peak {rss:.0f} MB" if rss else ""))
    for r in sorted((r for r in records if r["kind"] == "worker"), key=lambda r: r["start"]):
        lines.append(f"  {r['what']:8} {r['name']:12} {r['start'] - t0:6.1f} .. {r['end'] - t0:6.1f} s  "
                     f"CPU {r['cpu']:5.2f} s  {r['rss_mb']:.0f} MB")
    return "\n".join(lines)


def main(root: Path, work: Path) -> None:
    from multiprocessing import forkserver

    from generator.load import load_content
    from generator.model import make_guide
    from generator.pdf import Run, render_pdf
    from generator.site.templates import theme_dirs
    from generator.state import State

    _wrap_workers()
    _wrap_parent()
    guide = make_guide(load_content(root))
    out, cache = work / "pdf" / "guidebook.pdf", work / "pdf-cache"
    shutil.rmtree(out.parent, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)  # cold, as the bench's first build
    out.parent.mkdir(parents=True)
    start, cpu = time.time(), _cpu()
    pages = render_pdf(Run(guide, theme_dirs(guide.site.theme), root, cache=cache, state=State.load(cache)), out)
    end, parent_cpu = time.time(), _cpu() - cpu
    try:
        forkserver._forkserver._stop()  # so that the workers' CPU is counted in this process's children
    except (AttributeError, OSError):
        pass
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    _log(kind="total", pages=pages, start=start, wall=end - start, parent_cpu=parent_cpu,
         children_cpu=children.ru_utime + children.ru_stime, children_maxrss_mb=children.ru_maxrss / 1024,
         self_maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    content, folder = Path(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    log_file = (folder / "phases.jsonl").resolve()
    log_file.unlink(missing_ok=True)
    os.environ["PDFPHASES_LOG"] = LOG = str(log_file)  # the forkserver inherits it
    main(content, folder)
    print(report(log_file))
