"""The PDF workers: each chunk in a fresh small process; a worker that dies fails the build instead of leaving it
waiting forever."""
from __future__ import annotations

import os
from pathlib import Path
from concurrent.futures.process import BrokenProcessPool

import pytest

from generator.parallel import fresh_map
from generator.pdf import chunks


def _pid_and_resident_mb(status: str) -> tuple[int, float]:
    """From a /proc/PID/status text."""
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["Pid"]), int(fields["VmRSS"].split()[0]) / 1024


@pytest.mark.timeout(120)  # the old pool (multiprocessing.Pool) waited forever here
def test_a_worker_that_dies_fails_the_render_instead_of_hanging():
    with pytest.raises(BrokenProcessPool, match="exit code 9"):
        fresh_map(os._exit, [9, 9, 9, 9], processes=2, preload=chunks.PRELOAD)  # as the OOM killer would


def test_every_chunk_renders_in_a_process_of_its_own(tmp_path):
    jobs = [chunks.Job(f"chunk-{i}", f"<p>{i}</p>", tmp_path.as_uri() + "/", [], {}) for i in range(5)]
    results = chunks.render_all(jobs, tmp_path / "cache", processes=2)
    assert sorted(results) == sorted(j.name for j in jobs)
    assert all(r.pages == 1 and os.path.exists(r.path) for r in results.values())


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_the_workers_do_not_carry_the_parents_memory():
    ballast = bytearray(300 * 2**20)  # a parent holding a large model, as a build does
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    # Path.read_text of /proc/self/status: a function the workers can import, run in the worker itself
    got = [_pid_and_resident_mb(text) for text in fresh_map(Path.read_text, [Path("/proc/self/status")] * 4,
                                                            processes=2, preload=chunks.PRELOAD)]
    assert len({pid for pid, _ in got}) == 4 and os.getpid() not in {pid for pid, _ in got}
    assert max(mb for _, mb in got) < 250, got  # a forked worker would start with the 300 MB resident
    del ballast
