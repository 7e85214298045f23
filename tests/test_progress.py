"""The build says what it is doing: plain stage lines in a log, a live bar on a terminal, nothing with --quiet."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import progress

PROJECT = Path(__file__).resolve().parent.parent
STAGES = ["validate", "model", "images", "site", "search", "write"]  # the benchmark's names; pdf with the PDF


@pytest.fixture(scope="module")
def piped_build(tmp_path_factory):
    """`guidebook build --no-pdf` of one company with a photo, its output piped as in a CI log."""
    from PIL import Image

    from conftest import SAMPLE, minimal_profile
    import shutil

    root = tmp_path_factory.mktemp("progress") / "content"
    for part in ("taxonomies", "pages"):
        shutil.copytree(SAMPLE / part, root / part)
    shutil.copy(SAMPLE / "site.yaml", root / "site.yaml")
    folder = root / "companies" / "alpha"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(minimal_profile() + "images:\n  photos:\n    - {file: hall.jpg, alt: 工場}\n",
                                         encoding="utf-8")
    Image.linear_gradient("L").resize((1200, 900)).convert("RGB").save(folder / "hall.jpg")

    def run(*extra):
        out = root.parent / f"build{len(extra)}"
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--out", str(out), "build",
                               "--no-pdf", *extra], cwd=PROJECT, capture_output=True, text=True, timeout=300,
                              # a photo cache of its own: "1 newly resized" must not depend on whether another
                              # test of the run resized the same picture first
                              env={**os.environ, "TERM": "xterm-256color",
                                   "GUIDEBOOK_CACHE": str(root.parent / "cache")})
    return run


def test_a_log_gets_one_plain_line_per_stage_and_the_times_at_the_end(piped_build):
    done = piped_build()
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [re.match(r"\[(\w+)\] ", line).group(1) for line in lines[:-1]] == STAGES
    assert "[validate] 1 社を検査 / checked 1 profiles (" in lines[0]
    assert any(line.startswith("[images] 1 枚（新たに縮小 1 枚） / 1 images (1 newly resized) (") for line in lines)
    summary = lines[-1]
    assert re.fullmatch(r"時間 / time: (\w+ \d+\.\d s, )*\w+ \d+\.\d s; 合計 / total \d+\.\d s", summary), summary
    assert [part.split()[0] for part in summary.split(": ", 1)[1].split(";")[0].split(", ")] == STAGES
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", done.stderr + done.stdout), "no control characters in a log"
    assert done.stdout.startswith("OK: 1 社")


def test_quiet_prints_nothing_when_all_is_well(piped_build):
    done = piped_build("--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""


def test_a_terminal_gets_a_live_bar_for_the_innermost_stage_and_lines_above_it():
    stream = io.StringIO()
    reporter = progress.Reporter(stream, terminal=True)
    progress.use(reporter)
    try:
        with progress.stage("site", "ページ", "pages"):
            with progress.stage("images", "写真", "photos") as step:
                step.set_total(3)
                for _ in range(3):
                    step.advance()
                step.said("3 枚", "3 images")
    finally:
        progress.use(None)
    text = stream.getvalue()
    assert "[images] 写真" in text and "/3 [" in text and "\r" in text  # a bar, drawn and redrawn in place
    assert "[images] 3 枚 / 3 images (" in text and "[site] ページ / pages (" in text


def test_a_nested_stage_counts_for_itself_only(monkeypatch):
    clock = iter([0.0, 1.0, 5.0, 7.0])  # site starts, images starts, images ends, site ends
    monkeypatch.setattr(progress.time, "perf_counter", lambda: next(clock))
    reporter = progress.Reporter(io.StringIO(), terminal=False)
    with reporter.stage("site", "a", "a"):
        with reporter.stage("images", "b", "b"):
            pass
    assert reporter.times == {"images": 4.0, "site": 3.0}
    assert reporter.summary().endswith("合計 / total 7.0 s")


def test_a_library_call_says_nothing(capsys):
    with progress.stage("site", "ページ", "pages") as step:
        step.advance()
    assert capsys.readouterr() == ("", "")
