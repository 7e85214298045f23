"""Render pages on all cores: forked processes, each rendering whole chunks of the page plan with the Jinja
environment and model it inherited from the parent, and writing each page itself (no HTML crosses processes).

Every page depends only on the plan, never on which process renders it or in which order, so the output is the
same for any number of processes.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

CHUNK = 32  # pages per task: a company's ja and en pages stay together (they share the search words)
MIN_PAGES = 200  # below this, forking costs more than it saves

_RENDER: Callable[[int], None] | None = None  # set in the parent just before forking; the workers inherit it


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_all(render: Callable[[int], None], todo: list[int], processes: int | None = None) -> None:
    """Call `render(i)` for every plan index in `todo`, on a pool of forked processes when that pays.

    `processes` defaults to the usable cores (fewer for a small site); 1 renders everything in this process.
    """
    global _RENDER
    processes = processes or (usable_cores() if len(todo) >= MIN_PAGES else 1)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    processes = min(processes, len(chunks))
    if processes <= 1 or not hasattr(os, "fork"):
        for i in todo:
            render(i)
        return
    _RENDER = render
    gc.freeze()  # keep the model out of the collector, so the children do not copy its pages by touching them
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
    try:
        for _ in pool.map(_run, chunks):
            pass  # re-raises the first error of a worker
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on an error or Ctrl-C: drop the chunks not started yet
        gc.unfreeze()
        _RENDER = None


def _run(chunk: list[int]) -> None:
    for i in chunk:
        _RENDER(i)
