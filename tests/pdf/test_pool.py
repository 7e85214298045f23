"""The PDF workers: a worker that dies fails the build instead of leaving it waiting forever."""
from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from generator.pdf import chunks


@pytest.mark.timeout(120)  # the old pool (multiprocessing.Pool) waited forever here
def test_a_worker_that_dies_fails_the_render_instead_of_hanging(tmp_path, monkeypatch):
    monkeypatch.setattr(chunks, "render_job", lambda job, cache: os._exit(9))  # as the OOM killer would
    jobs = [chunks.Job(f"chunk-{i}", f"<p>{i}</p>", tmp_path.as_uri() + "/", [], {}) for i in range(4)]
    with pytest.raises(BrokenProcessPool):
        chunks.render_all(jobs, tmp_path / "cache", processes=2)


def test_more_jobs_than_one_round_of_workers_all_render(tmp_path, monkeypatch):
    monkeypatch.setattr(chunks, "TASKS_PER_WORKER", 2)  # so that 7 jobs take two pools of 2 workers
    real = chunks.render_job

    def render(job, cache):
        done = real(job, cache)
        done.anchors = [[str(os.getpid())]]  # which worker rendered it
        return done

    monkeypatch.setattr(chunks, "render_job", render)
    jobs = [chunks.Job(f"chunk-{i}", f"<p>{i}</p>", tmp_path.as_uri() + "/", [], {}) for i in range(7)]
    results = chunks.render_all(jobs, tmp_path / "cache", processes=2)
    assert sorted(results) == sorted(j.name for j in jobs)
    assert all(r.pages == 1 and os.path.exists(r.path) for r in results.values())
    pids = {r.anchors[0][0] for r in results.values()}
    assert str(os.getpid()) not in pids and len(pids) > 2, "fresh workers after each round"
