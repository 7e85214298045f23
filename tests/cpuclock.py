"""Where a test worker's core idles: per test item, the wall time, the CPU of the worker and everything it started,
and how long nothing of it wanted a core. Opt-in: `pytest -p cpuclock` with CPUCLOCK_DIR set to a folder.

Each worker appends one JSON line per test item to CPUCLOCK_DIR/<worker>.jsonl (`python -m cpuclock FOLDER` sums
them per module). CPU = the worker's own + its reaped children's (getrusage) + its live descendants' (/proc, their
reaped children included). A sampling thread looks at the state of every thread of the worker's process tree every
SAMPLE_S: when none is running or runnable (R) nor in uninterruptible I/O (D), the tree waits on something outside
it (a sleep, a lock another worker holds, a socket) and its core idles; that figure does not grow with the machine's
load, as wall − CPU does.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

import pytest

SAMPLE_S = 0.2
TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    found += [int(c) for c in f.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return found


def _descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def _stat(path: str) -> list[str] | None:
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # fields from the state on (comm may hold spaces)


def _tree_cpu(pid: int) -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    for p in _descendants(pid):
        fields = _stat(f"/proc/{p}/stat")
        if fields:  # utime stime cutime cstime are fields 14-17, here 11-14
            total += sum(int(x) for x in fields[11:15]) / TICK
    return total


class Clock:
    def __init__(self, folder: Path):
        self.pid = os.getpid()
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.out = open(folder / f"{self.worker}.jsonl", "a", encoding="utf-8")
        self.lock = threading.Lock()
        self.counts = [0, 0, 0, 0]  # samples, none busy, only I/O, runnable threads summed
        self.stop = threading.Event()
        self.me = None
        threading.Thread(target=self.sample, daemon=True, name="cpuclock").start()

    def sample(self):
        self.me = threading.get_native_id()
        while not self.stop.wait(SAMPLE_S):
            running = io = 0
            for p in [self.pid] + _descendants(self.pid):
                try:
                    tasks = os.listdir(f"/proc/{p}/task")
                except OSError:
                    continue
                for t in tasks:
                    if p == self.pid and int(t) == self.me:
                        continue
                    fields = _stat(f"/proc/{p}/task/{t}/stat")
                    if fields:
                        running += fields[0] == "R"
                        io += fields[0] == "D"
            with self.lock:
                self.counts[0] += 1
                self.counts[1] += not running and not io
                self.counts[2] += not running and bool(io)
                self.counts[3] += running

    def run(self, item):
        with self.lock:
            self.counts = [0, 0, 0, 0]
        start, cpu = time.time(), _tree_cpu(self.pid)
        yield
        wall, used = time.time() - start, _tree_cpu(self.pid) - cpu
        with self.lock:
            samples, idle, io, runnable = self.counts
        scale = wall / samples if samples else 0.0
        self.out.write(json.dumps({"id": item.nodeid, "worker": self.worker, "start": round(start, 2),
                                   "wall": round(wall, 3), "cpu": round(used, 3), "idle": round(idle * scale, 2),
                                   "io": round(io * scale, 2),
                                   "runnable": round(runnable / samples, 2) if samples else None}) + "\n")
        self.out.flush()


_clock: Clock | None = None


def pytest_configure(config):
    global _clock
    folder = os.environ.get("CPUCLOCK_DIR")
    if folder and _clock is None and (os.environ.get("PYTEST_XDIST_WORKER") or config.getoption("numprocesses", None)
                                      in (None, 0)):
        Path(folder).mkdir(parents=True, exist_ok=True)
        _clock = Clock(Path(folder))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if _clock is None:
        return (yield)
    gen = _clock.run(item)
    next(gen)
    try:
        return (yield)
    finally:
        next(gen, None)


def summary(folder: Path) -> None:
    rows = [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    modules: dict[str, list[float]] = {}
    for row in rows:
        m = modules.setdefault(row["id"].split("::")[0], [0.0, 0.0, 0.0, 0.0, 0])
        m[0] += row["wall"]
        m[1] += row["cpu"]
        m[2] += row["idle"]
        m[3] += row["io"]
        m[4] += 1
    print(f"{'module':60} {'tests':>5} {'wall':>8} {'cpu':>8} {'idle':>8} {'io':>6}")
    for name, (wall, cpu, idle, io, n) in sorted(modules.items(), key=lambda kv: -kv[1][2]):
        print(f"{name:60} {n:5d} {wall:8.1f} {cpu:8.1f} {idle:8.1f} {io:6.1f}")
    total = [sum(m[i] for m in modules.values()) for i in range(4)]
    print(f"{'total':60} {len(rows):5d} {total[0]:8.1f} {total[1]:8.1f} {total[2]:8.1f} {total[3]:6.1f}")
    if rows:
        by_worker: dict[str, list[float]] = {}
        for row in rows:
            w = by_worker.setdefault(row["worker"], [row["start"], 0.0, 0.0])
            w[0] = min(w[0], row["start"])
            w[1] = max(w[1], row["start"] + row["wall"])
            w[2] += row["cpu"]
        first = min(w[0] for w in by_worker.values())
        for worker, (begin, end, cpu) in sorted(by_worker.items()):
            print(f"{worker}: from +{begin - first:.0f} s to +{end - first:.0f} s, CPU {cpu:.0f} s")


if __name__ == "__main__":
    summary(Path(sys.argv[1]))
