"""What a build says while it runs: one line per stage with its counts (a progress bar on a terminal while the stage
runs), and at the end the time each stage took, under the benchmark's stage names.

The stages report through `stage()`, which does nothing until the command line installs a `Reporter` (a build
called as a library, or by the tests, prints nothing). On a terminal the bar is tqdm's; anywhere else (CI logs, a
pipe) only plain lines, without control characters. Time spent in a stage nested in another (the photos inside
the site) counts for the inner one only, so the times add up to the build.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import IO, Iterator

_reporter: "Reporter | None" = None


class Stage:
    """One running stage: `advance()` moves its bar, `said(ja, en)` sets the counts shown when it ends."""

    def __init__(self, name: str, ja: str, en: str, total: int | None, reporter: "Reporter | None" = None):
        self.name, self.ja, self.en, self.total = name, ja, en, total
        self.done = 0
        self.inner_s = 0.0  # time of the stages nested in this one
        self.started = time.time()
        self.reporter = reporter

    def advance(self, n: int = 1) -> None:
        """`n` more items done."""
        self.done += n
        if self.reporter is not None:
            self.reporter.moved(self, n)

    def set_total(self, total: int) -> None:
        """How many items the bar counts to, once the stage knows."""
        self.total = total
        if self.reporter is not None:
            self.reporter.show(self)

    def said(self, ja: str, en: str) -> None:
        """What the stage made, in both languages, for its line."""
        self.ja, self.en = ja, en


class Reporter:
    """Stage lines on `stream` (and, on a terminal, one live line below them for the innermost running stage), and
    the time of each stage for `summary()`."""

    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False, terminal: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        if terminal is None:
            terminal = self.stream.isatty() and os.environ.get("TERM", "") not in ("", "dumb")
        self.terminal = terminal and not quiet
        self.times: dict[str, float] = {}
        self.running: list[Stage] = []
        self.bar = None  # tqdm's line, shared by the stages: only the innermost one is shown

    @contextmanager
    def stage(self, name: str, ja: str, en: str, total: int | None = None) -> Iterator[Stage]:
        """Time the block as stage `name`; a bar counts up to `total` on a terminal."""
        step = Stage(name, ja, en, total, self)
        started = time.perf_counter()
        self.running.append(step)
        self.show(step)
        try:
            yield step
        finally:
            self.running.pop()
            took = time.perf_counter() - started
            if self.running:
                self.running[-1].inner_s += took
            own = took - step.inner_s
            self.times[name] = self.times.get(name, 0.0) + own
            if self.running:
                self.show(self.running[-1])
            elif self.bar is not None:
                self.bar.close()
                self.bar = None
        self.say(f"[{name}] {step.ja} / {step.en} ({own:.1f} s)")

    def show(self, step: Stage) -> None:
        """Put `step` on the live line, if it is the innermost stage and this is a terminal."""
        if not self.terminal or not self.running or step is not self.running[-1]:
            return
        if self.bar is None:
            from tqdm import tqdm  # only a terminal draws bars

            tqdm.monitor_interval = 0  # no monitor thread: the build forks all the time, and a fork beside a thread can hang
            self.bar = tqdm(file=self.stream, leave=False, dynamic_ncols=True, bar_format="{desc}")
        # without a count nothing redraws the line, so an elapsed time would stand still: none is shown (a ticking
        # thread would be a thread beside the build's forks)
        self.bar.bar_format = "{desc} {bar} {n_fmt}/{total_fmt} [{elapsed}<{remaining}]" if step.total else "{desc} …"
        self.bar.reset(total=step.total)
        self.bar.start_t = step.started
        self.bar.n = step.done
        self.bar.set_description_str(f"[{step.name}] {step.ja} / {step.en}", refresh=True)

    def moved(self, step: Stage, n: int) -> None:
        if self.bar is not None and self.running and step is self.running[-1]:
            self.bar.update(n)

    def say(self, line: str) -> None:
        """A finished stage's line, above the live line."""
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def summary(self) -> str:
        """One line: every stage's time and the total."""
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.times.items())
        return f"時間 / time: {parts}; 合計 / total {sum(self.times.values()):.1f} s"


def use(reporter: Reporter | None) -> None:
    """Report the stages to `reporter` from now on (None: say nothing)."""
    global _reporter
    _reporter = reporter


@contextmanager
def stage(name: str, ja: str, en: str, total: int | None = None) -> Iterator[Stage]:
    """A stage of the build, reported if a Reporter is in use (see Reporter.stage)."""
    if _reporter is None:
        yield Stage(name, ja, en, total)
    else:
        with _reporter.stage(name, ja, en, total) as step:
            yield step
