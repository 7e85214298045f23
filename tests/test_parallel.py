"""Work on all cores: fork_map keeps the order and raises a worker's error; a job forked beside the build: its value, its
error (with its located problems) and its death come back; files written atomically."""
import gc
import os

import pytest

from generator.files import atomic_path, atomic_write
from generator.parallel import Beside, fork_map, settled_heap, usable_cores
from generator.errors import ContentError, Problem


def add(a, b):
    return a + b


def bad_profile():
    raise ContentError(Problem("companies/x/company.yaml", 3, 5, "電話番号の形が違います", "error", "phone"))


def die():
    os._exit(3)


def test_the_value_of_the_job_comes_back():
    with Beside(add, 2, 3) as job:
        assert job.process is not None and job.process.pid != os.getpid()
        assert job.result() == 5
    assert job.process.exitcode == 0


def test_a_content_error_comes_back_with_its_problems():
    with pytest.raises(ContentError) as caught:
        Beside(bad_profile).result()
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.col, problem.rule) == ("companies/x/company.yaml", 3, 5, "phone")


def test_a_job_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match=r"die died \(exit code 3\)"):
        Beside(die).result()


def test_leaving_the_block_early_stops_the_job():
    import time

    with Beside(time.sleep, 60) as job:
        pass  # the build failed before it needed the job's result
    assert not job.process.is_alive()


def test_fork_map_keeps_the_order_and_runs_a_closure_in_workers():
    offset = 10  # a closure: the workers inherit it, nothing is pickled
    got = fork_map(lambda n: (n + offset, os.getpid()), range(6), processes=2)
    assert [n for n, _ in got] == [10, 11, 12, 13, 14, 15]
    assert os.getpid() not in {pid for _, pid in got}


def test_fork_map_starts_fresh_workers_after_so_many_items():
    pids = {pid for pid in fork_map(lambda _: os.getpid(), range(8), processes=2, fresh_after=1)}
    assert len(pids) > 2


def test_fork_map_raises_the_first_error_of_a_worker():
    def fail(n):
        if n == 3:
            raise ValueError("three")
        return n

    with pytest.raises(ValueError, match="three"):
        fork_map(fail, range(5), processes=2)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_usable_cores_follow_the_cpu_affinity():
    def pinned(_):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # as `taskset -c 0` would
        return usable_cores()

    assert fork_map(pinned, [0, 1], processes=2) == [1, 1]


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "state.json"
    atomic_write(target, "old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left behind
    atomic_write(target, b"new")
    assert target.read_text() == "new"


def test_settled_heap_keeps_what_exists_out_of_collections_and_lets_go_after():
    model = [{"company": i} for i in range(1000)]  # what the stage's process holds before it starts
    assert gc.get_freeze_count() == 0
    with settled_heap():
        assert gc.get_freeze_count() >= len(model)
    assert gc.get_freeze_count() == 0  # the collector scans it again afterwards


def test_settled_heap_inside_a_caller_that_froze_the_heap_leaves_it_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with settled_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
