"""Run one command in its own process group and measure it: wall time, CPU time, peak memory of the process tree.

CPU time and `maxrss` come from the kernel (rusage of the child and every descendant it waited for), read through
GNU `time` when it is installed, as `/usr/bin/time -v` prints them. `maxrss` is the largest single process; work split over worker processes needs
the sum of all of them at the same moment, so the tree's resident memory is also sampled every 50 ms.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time (Debian package `time`), not the shell keyword


@dataclass
class Measured:
    """What one process run cost."""

    returncode: int
    wall_s: float          # outer wall time, interpreter start-up included
    cpu_s: float           # user + system time of the process and its waited-for descendants
    maxrss_mb: float       # largest resident set of any single process of the tree (kernel figure)
    tree_peak_mb: float    # largest sampled sum of the tree's resident sets (at least maxrss_mb)
    timed_out: bool = False

    @property
    def peak_mb(self) -> float:
        """The honest peak memory: the tree's, never less than the kernel's single-process figure."""
        return max(self.maxrss_mb, self.tree_peak_mb)


def _children(pid: int) -> list[int]:
    kids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants right now, in MB."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        todo += _children(p)
    return total / 2**20


def run(cmd: list[str], *, cwd: Path, env: dict | None = None, log: Path | None = None,
        timeout: float = 3600) -> Measured:
    """Run `cmd` to completion (killing its whole process group after `timeout` s) and measure it."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    # A forked child starts with the parent's resident pages counted in its maxrss, so a large parent would put
    # a floor under every figure; GNU time forks the command from a small process and reports the true peak.
    timing = tempfile.NamedTemporaryFile(prefix="bench-time-", suffix=".txt", delete=False)
    timing.close()
    if TIME:
        cmd = [TIME, "-f", "%M %U %S", "-o", timing.name, *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    peak = [0.0]
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))

    def stop():
        if not done.is_set():
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)

    killed = threading.Event()
    sampler = threading.Thread(target=sample, daemon=True)
    timer = threading.Timer(timeout, stop)
    sampler.start()
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)  # Ctrl-C: take our own process group down with us
        raise
    finally:
        done.set()
        timer.cancel()
        if log:
            out.close()
    wall = time.perf_counter() - start
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # leftovers of the group (orphaned workers) must not skew the next run
    except ProcessLookupError:
        pass
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    maxrss_mb, cpu_s = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    try:
        fields = Path(timing.name).read_text().split()[-3:]  # GNU time may first note a non-zero exit status
        maxrss_mb, cpu_s = int(fields[0]) / 1024, float(fields[1]) + float(fields[2])
    except (OSError, ValueError, IndexError):
        pass  # killed before GNU time could write: keep the kernel's figures
    finally:
        Path(timing.name).unlink(missing_ok=True)
    return Measured(proc.returncode, wall, cpu_s, maxrss_mb, peak[0], killed.is_set())
