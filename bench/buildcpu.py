"""One website build (`build --no-pdf` into a new folder) with the CPU of each of its parts, without a profiler.

    python -m bench.buildcpu CONTENT OUT

Each part (a function of the pipeline, wrapped for the run) prints its wall time, the CPU of this process while it
ran (serial work: the other core idles unless something runs beside it) and the CPU of the child processes reaped
meanwhile (forked workers, Pagefind). A child's CPU counts when it is reaped: the open data and editor job forked
beside the pages shows under the first part after it ends that starts processes (write_favicons). CPU seconds hold on
a loaded machine where wall seconds do not.
"""
from __future__ import annotations

import functools
import importlib
import resource
import sys
import time
from pathlib import Path

PARTS = [("generator.build", "load_and_validate"), ("generator.build", "make_guide"),
         ("generator.site.render", "publish_images"), ("generator.site.render", "plan"),
         ("generator.site.render", "render_all"), ("generator.site.render", "write_favicons"),
         ("generator.site.render", "write_search_data"), ("generator.build", "render_site"),
         ("generator.build", "release_memory"),
         ("generator.build", "index_search"), ("generator.build", "prune_images")]


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn, log: list):
    @functools.wraps(fn)
    def timed(*args, **kwargs):
        wall, own, children = time.perf_counter(), time.process_time(), _children()
        try:
            return fn(*args, **kwargs)
        finally:
            log.append((label, time.perf_counter() - wall, time.process_time() - own, _children() - children))
    return timed


def main(content: Path, out: Path) -> None:
    from generator import state
    from generator.build import build

    log: list = []
    originals = [(importlib.import_module(module), name) for module, name in PARTS] + [(state.State, "save")]
    originals = [(target, name, getattr(target, name)) for target, name in originals]
    for target, name, fn in originals:
        setattr(target, name, _timed("State.save" if name == "save" else name, fn, log))
    wall, own = time.perf_counter(), time.process_time()
    try:
        build(content, out, pdf=False)
    finally:
        for target, name, fn in originals:
            setattr(target, name, fn)
    print(f"{'whole build':20} wall {time.perf_counter() - wall:7.2f} s  this process {time.process_time() - own:6.2f} s"
          f"  children {_children():6.2f} s")
    for label, w, c, ch in log:
        print(f"{label:20} wall {w:7.2f} s  this process {c:6.2f} s  children {ch:6.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
