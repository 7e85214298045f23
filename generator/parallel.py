"""Work on all usable cores: `fork_map` for many independent items, `Beside` for one job next to the build's own,
`fresh_map` and `FreshPool` for items that each build a large heap (the PDF's documents).

`fork_map` and `Beside` fork (workers start in milliseconds with the model, the templates and the libraries already
loaded, and no argument needs pickling); `fresh_map` and `FreshPool` start each item in a small process of its own
from a forkserver. Each result depends only on its item, so the output is the same for any number of processes.
Where `fork` is missing the work runs in this process.
"""
from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import functools
import gc
import multiprocessing
import os
from collections import deque
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
    items = list(items)
    if not items:
        return []
    with FreshPool(processes, preload) as pool:
        tickets = [pool.submit(fn, item, None if each is None else functools.partial(each, i))
                   for i, item in enumerate(items)]
        results = pool.wait()
    return [results[t] for t in tickets]


class FreshPool:
    """Items handed in one by one, each run as `fresh_map` runs them (a fresh process from the forkserver, at most
    `processes` at a time, in the order they were submitted), while this process goes on preparing the next.

    The parent's own work between items (composing a chunk's HTML) then overlaps the workers' instead of keeping
    both cores waiting for it; the server is started at once, so that it imports `preload` meanwhile too.
    `wait()` returns every result by the ticket `submit` gave; errors and dead workers as in fresh_map.
    """

    def __init__(self, processes: int | None = None, preload: Iterable[str] = ()):
        self.here = processes == 1 or "forkserver" not in multiprocessing.get_all_start_methods()
        self.processes = max(1, processes or usable_cores())
        self.queue: deque = deque()  # (ticket, fn, item, then) not started yet
        self.running: dict[Any, tuple[int, Any, Callable | None]] = {}  # reader → (ticket, process, then)
        self.results: dict[int, Any] = {}
        self.tickets = 0
        if not self.here:
            from multiprocessing import forkserver

            self.context = multiprocessing.get_context("forkserver")
            # the main module too, once in the server, so that each worker does not import it again
            self.context.set_forkserver_preload(["__main__", *preload])
            _stop_server_at_exit()
            # returns at once; the server imports `preload` beside this process. Started here, not at the first
            # submit: the parent's setup before it (the PDF composer) overlaps the import; a build whose chunks are
            # all cached pays one idle import on the other core for that.
            forkserver.ensure_running()

    def submit(self, fn: Callable[[T], R], item: T, then: Callable[[R], Any] | None = None) -> int:
        """Run fn(item) as soon as a worker is free; `then(result)` is called here when it is done. A ticket."""
        ticket, self.tickets = self.tickets, self.tickets + 1
        if self.here:
            self._done(ticket, fn(item), then)
            return ticket
        self.queue.append((ticket, fn, item, then))
        self._collect(block=False)
        return ticket

    def wait(self) -> dict[int, Any]:
        """Wait for every item submitted; ticket → result."""
        while self.queue or self.running:
            self._collect(block=True)
        return self.results

    def _done(self, ticket: int, value, then) -> None:
        self.results[ticket] = value
        if then is not None:
            then(value)

    def _start(self) -> None:
        while self.queue and len(self.running) < self.processes:
            ticket, fn, item, then = self.queue.popleft()
            reader, writer = self.context.Pipe(duplex=False)
            process = self.context.Process(target=_run_fresh, args=(writer, fn, item), daemon=True)
            process.start()
            writer.close()  # the child's end: recv() sees end-of-file if the child dies without answering
            self.running[reader] = (ticket, process, then)

    def _collect(self, block: bool) -> None:
        """Start what may start, take the results of the workers that finished (waiting for one if `block`)."""
        from concurrent.futures.process import BrokenProcessPool
        from multiprocessing.connection import wait

        self._start()
        if not self.running:
            return
        for reader in wait(list(self.running), timeout=None if block else 0):
            ticket, process, then = self.running.pop(reader)
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
            self._done(ticket, value, then)
        self._start()

    def close(self) -> None:
        """Stop the workers still running and drop the items not started (after an error, or when done)."""
        self.queue.clear()
        for reader, (_ticket, process, _then) in self.running.items():
            process.terminate()
            process.join()
            reader.close()
        self.running.clear()

    def __enter__(self) -> "FreshPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


@contextlib.contextmanager
def settled_heap():
    """While inside, the objects that exist on entry are left out of the cyclic collector's scans (gc.freeze).

    A stage that allocates much in a process that holds the whole model (composing and merging the PDF) otherwise
    scans every object of the model again at each full collection, for nothing: the model lives on.
    """
    if gc.get_freeze_count():  # a caller froze the heap already: leave it to them
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
