"""How the PDF's documents are handed to the workers: one at a time as the parent prepares them (the parent composes
the next chunk while the workers render), the front chunk beside the measuring documents, the costliest chunks first."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.parallel import FreshPool
from generator.pdf import Run, chunks, render
from generator.site.templates import theme_dirs

from .conftest import load_guide, write_content


@pytest.mark.timeout(120)  # a submit that waited for its item would hang here
def test_a_submitted_item_runs_while_the_parent_goes_on(tmp_path):
    pipe = tmp_path / "composed"
    os.mkfifo(pipe)  # the worker's read waits for the parent's write, and the parent's write for the worker's read
    done = []
    with FreshPool(2, chunks.PRELOAD) as pool:
        ticket = pool.submit(Path.read_text, pipe, done.append)
        pipe.write_text("the next chunk, composed while the worker ran")  # the parent's own work, meanwhile
        results = pool.wait()
    assert results[ticket] == done[0] == "the next chunk, composed while the worker ran"


def test_chunks_render_costliest_first_and_the_front_beside_the_measuring(tmp_path, monkeypatch):
    root = write_content(tmp_path / "content", short=3)
    guide = load_guide(root)
    ran: list[str] = []
    real = chunks.render_job

    def recorded(job, cache):
        ran.append(job.name)
        return real(job, cache)

    monkeypatch.setattr(chunks, "render_job", recorded)  # processes=1: every document runs here, in order
    measured = []
    real_lay_out = render.heights.__globals__["_lay_out"]

    def lay_out(job):
        ran.append("measure")
        measured.append(job)
        return real_lay_out(job)

    monkeypatch.setitem(render.heights.__globals__, "_lay_out", lay_out)
    run = Run(guide, theme_dirs(guide.site.theme), root, cache=tmp_path / "cache", processes=1)
    _pages, plan = render.render_planned(run, tmp_path / "guidebook.pdf")
    cost = {chunk.name: chunk.cost for chunk in plan.chunks}
    # three short profiles to measure, in one document; the front chunk was handed in before it
    assert ran[:2] == ["front", "measure"] and len(measured) == 1
    assert sorted(ran[2:]) == sorted(cost)  # every chunk once
    assert [cost[name] for name in ran[2:]] == sorted(cost.values(), reverse=True)
    # which is not the plan's own order (the index after the company pages)
    assert [chunk.cost for chunk in plan.chunks] != sorted(cost.values(), reverse=True)
