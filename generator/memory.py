"""Give the system back the memory a finished stage freed, before a stage that forks workers or starts Pagefind."""
from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release() -> None:
    """Collect garbage and return the freed heap pages to the system (glibc keeps them otherwise).

    A forked worker starts with every resident page of its parent counted in its own resident set, and copies
    those it touches: a parent that still holds the site stage's freed pages costs that much again per worker.
    """
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the collector's work still helps
