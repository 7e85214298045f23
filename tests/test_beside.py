"""A job forked beside the build: its value, its error (with its located problems) and its death come back."""
import os

import pytest

from generator.beside import Beside
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
