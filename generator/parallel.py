"""Work on all usable cores: `fork_map` for many independent items, `Beside` for one job next to the build's own.

Both fork (workers start in milliseconds with the model, the templates and the libraries already loaded, and no
argument needs pickling); each result depends only on its item, so the output is the same for any number of
processes. Where `fork` is missing the work runs in this process.
"""
from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FN: Callable | None = None  # the function of the running fork_map: set before forking, the workers inherit it


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container or `taskset` may allow fewer than exist)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this system forks (not Windows)."""
    return hasattr(os, "fork")


def fork_map(fn: Callable[[T], R], items: Iterable[T], *, processes: int | None = None, chunksize: int = 1,
             fresh_after: int | None = None, isolate: bool = False,
             each: Callable[[R], Any] | None = None) -> list[R]:
    """[fn(item) for item in items], on a pool of forked processes when there are several items and cores.

    `fn` may be any callable, a closure too: the workers inherit it. `processes` defaults to the usable cores; 1 runs
    everything here. Items are handed out in order, `chunksize` at a time. `fresh_after` starts a new pool after that
    many items per process (for libraries whose caches grow with every item). The first error of a worker is raised
    here; on an error or Ctrl-C the items not started yet are dropped. `isolate` runs even one item in a forked
    worker (for a library that must not run in this process, see site/imaging.py). `each(result)` is called here
    as each result arrives, in order (a progress bar).
    """
    global _FN
    items = list(items)
    processes = min(processes or usable_cores(), len(items))
    if not items or not can_fork() or (processes <= 1 and not isolate):
        results = []
        for item in items:
            results.append(fn(item))
            if each is not None:
                each(results[-1])
        return results
    previous, _FN = _FN, fn
    gc.freeze()  # what the workers inherit is never garbage: no scans of it there, no copy-on-write of its pages
    try:
        batch = fresh_after * processes if fresh_after else len(items)
        results: list[R] = []
        for start in range(0, len(items), batch):
            # ProcessPoolExecutor forks all its workers here, in this thread, before its own threads start (a fork
            # beside running threads can leave the child stuck on a lock it inherited held), and raises
            # BrokenProcessPool when a worker dies instead of waiting for its task forever
            pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
            try:
                for result in pool.map(_call, items[start:start + batch], chunksize=chunksize):
                    results.append(result)
                    if each is not None:
                        each(result)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
        return results
    finally:
        gc.unfreeze()
        _FN = previous


def _call(item):
    return _FN(item)


def fresh_map(fn: Callable[[T], R], items: Iterable[T], *, processes: int | None = None,
              preload: Iterable[str] = (), each: Callable[[int, R], Any] | None = None) -> list[R]:
    """[fn(item) for item in items], each item in a process of its own that starts small: forked from a server
    process that only imported `preload` (multiprocessing's forkserver), at most `processes` at a time.

    For work that builds a large heap per item in a parent that holds much (the PDF chunks): a worker forked from
    the parent would start with the parent's pages in its resident set and grow with every item, while a fresh one
    starts from the server's few modules and frees everything by exiting (no garbage collection). `fn`, the items
    and the results must pickle. Results come back in the order of `items`; `each(index, result)` is called here as
    each one arrives (in the order they finish). A worker's error is raised here, a worker that dies is
    BrokenProcessPool; on either or Ctrl-C the other workers are stopped and the items not started are dropped.
    `processes=1` runs the work here (as fork_map does: a profiler sees it), as where the forkserver is missing.
    """
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing.connection import wait

    items = list(items)
    here = processes == 1 or "forkserver" not in multiprocessing.get_all_start_methods()
    processes = max(1, min(processes or usable_cores(), len(items)))
    if not items or here:
        results = [fn(item) for item in items]
        for i, result in enumerate(results):
            if each is not None:
                each(i, result)
        return results
    context = multiprocessing.get_context("forkserver")
    # the main module too, once in the server, so that each worker does not import it again
    context.set_forkserver_preload(["__main__", *preload])
    _stop_server_at_exit()
    results: dict[int, R] = {}
    running: dict[Any, tuple[int, Any]] = {}  # reader → (index, process)
    todo = iter(enumerate(items))
    try:
        while True:
            while len(running) < processes:
                nxt = next(todo, None)
                if nxt is None:
                    break
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_run_fresh, args=(writer, fn, nxt[1]), daemon=True)
                process.start()
                writer.close()  # the child's end: recv() sees end-of-file if the child dies without answering
                running[reader] = (nxt[0], process)
            if not running:
                break
            for reader in wait(list(running)):
                index, process = running.pop(reader)
                try:
                    ok, value = reader.recv()
                except EOFError:
                    process.join()
                    raise BrokenProcessPool(f"a worker died (exit code {process.exitcode})") from None
                finally:
                    reader.close()
                process.join()
                if not ok:
                    raise value
                results[index] = value
                if each is not None:
                    each(index, value)
    finally:
        for reader, (_index, process) in running.items():
            process.terminate()
            process.join()
            reader.close()
    return [results[i] for i in range(len(items))]


_SERVER_OWNER: list[int] = []  # the process that started the forkserver and must stop it


def _stop_server_at_exit() -> None:
    """Stop the forkserver when this process exits, and wait for it: left running it would outlive the build, and
    the CPU time of its workers would be counted nowhere (a parent's figures include only the children it waited for).
    """
    if _SERVER_OWNER == [os.getpid()]:
        return
    _SERVER_OWNER[:] = [os.getpid()]

    def stop() -> None:
        from multiprocessing import forkserver

        if _SERVER_OWNER != [os.getpid()]:
            return  # a forked child that inherited the handler: the server is its parent's
        try:
            forkserver._forkserver._stop()  # what CPython's own tests use: close its pipe, wait for it
        except (AttributeError, OSError):
            pass  # another Python's forkserver, or already gone: it stops when this process's pipe closes

    atexit.register(stop)


def _run_fresh(writer, fn, item) -> None:
    try:
        answer = (True, fn(item))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        answer = (False, exc)
    try:
        writer.send(answer)
    except Exception as exc:  # noqa: BLE001 - an error that does not pickle still comes back, as its text
        writer.send((False, RuntimeError(f"{answer[1]!r} ({exc})")))
    writer.close()


def release_memory() -> None:
    """Collect garbage and return the freed heap pages to the system (glibc keeps them otherwise).

    A forked worker starts with every resident page of its parent counted in its own resident set, and copies
    those it touches: a parent that still holds a finished stage's freed pages costs that much again per worker.
    """
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the collector's work still helps


class Beside:
    """`fn(*args)` running in a forked process beside the build; `result()` waits for it and returns its value or
    raises its error.

    The build's stages keep both cores busy only part of the time; a job that needs none of their output (the open
    data, the profile editor) is forked before them and fills the idle core instead of running on its own afterwards.
    """

    def __init__(self, fn: Callable[..., Any], *args):
        self.fn, self.args = fn, args
        self.process = None
        self.answered = False
        if can_fork():
            context = multiprocessing.get_context("fork")
            self.reader, writer = context.Pipe(duplex=False)
            self.process = context.Process(target=_run_beside, args=(writer, fn, args), daemon=True)
            self.process.start()
            writer.close()  # the child's end: recv() sees end-of-file if the child dies without answering
            self.args = ()  # the child has its own copy: do not keep the arguments alive here (release_memory)

    def result(self) -> Any:
        """The job's return value; its exception is raised here, in the parent."""
        if self.process is None:
            args, self.args = self.args, ()
            return self.fn(*args)  # no fork on this system: run it now, in this process
        try:
            ok, value = self.reader.recv()
            self.answered = True
        except EOFError:
            self.process.join()
            raise RuntimeError(f"{self.fn.__name__} died (exit code {self.process.exitcode})") from None
        finally:
            self.close()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Wait for the job's process to end; stop it first if it has not answered (the build failed)."""
        if self.process is not None and not self.reader.closed:
            if not self.answered:
                self.process.terminate()
            self.process.join()
            self.reader.close()

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _run_beside(writer, fn, args) -> None:
    try:
        answer = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        answer = (False, exc)
    writer.send(answer)
    writer.close()
