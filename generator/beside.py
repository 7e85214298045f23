"""Run one job in a forked process beside the build's own work, and take its result (or its error) later.

The build's stages each keep both cores busy only part of the time (the photos are linked and the pages planned
on little more than one); a job that needs none of their output (the open data, the profile editor) is forked
before them and fills the idle core instead of running on its own afterwards.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable


class Beside:
    """`fn(*args)` running in a forked process; `result()` waits for it and returns its value or raises its error."""

    def __init__(self, fn: Callable[..., Any], *args):
        self.fn, self.args = fn, args
        self.process = None
        self.answered = False
        if hasattr(os, "fork"):
            context = multiprocessing.get_context("fork")
            self.reader, writer = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(writer, fn, args), daemon=True)
            self.process.start()
            writer.close()  # the child's end: recv() sees end-of-file if the child dies without answering
            self.args = ()  # the child has its own copy: do not keep the arguments alive here (memory.py)

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


def _run(writer, fn, args) -> None:
    try:
        answer = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        answer = (False, exc)
    writer.send(answer)
    writer.close()
