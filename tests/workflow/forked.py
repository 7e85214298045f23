"""The pull-request check's two Python processes, forked from the test's process instead of started.

check.yml's step `python base/tools/check_pr.py …` starts Python, which starts `python -P -m generator validate …`:
two interpreters importing the generator (seconds of CPU each) for every check the tests run. `Forked` runs the
same step in a fork of the test's process, where the generator is imported already: check_pr.py as `__main__`
with the step's arguments (as bash makes them), working directory and environment, its output and exit code
captured as the step's; and check_pr's `python -P -m generator …` as `generator.cli.main` with that command's
arguments, working directory and environment (a fork needs no second fork: it exits after the step).

Only when the trusted checkout's code is this project's code (the tests copy it to the default branch): its
`generator/` and `themes/default/` must be the same files as here, apart from fit.py without the press preflight,
which is then left out the same way. Anything else (a test that changes the default branch's code) runs as GitHub
runs it, and so do the tests about the process boundary itself (check(..., real=True)): the pull
request's code is never imported (`python -P`, sitecustomize), the trusted checkout's place on disk.
"""
from __future__ import annotations

import contextlib
import io
import os
import runpy
import subprocess
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# what of the trusted checkout the generator runs from its own place (generator.theme.DEFAULT_THEME): a theme beside
# the content (`theme: ../themes/city`) is found from site.yaml, wherever the generator is
TRUSTED_PARTS = ("generator", "themes/default")


def _files(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for part in TRUSTED_PARTS for p in (root / part).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


class Forked:
    """`python` for tests/workflow/runner.run_job: runs `base/tools/check_pr.py` in a fork of this process."""

    def __init__(self, press_check: str):
        self.press_check = press_check  # fit.check's call of the press preflight, as the tests take it out
        self.ours = _files(PROJECT)
        self.used = 0
        # what the forks use, imported once here instead of in every fork
        import generator.cli  # noqa: F401
        import generator.pdf.fit  # noqa: F401
        import generator.pdf.presscheck  # noqa: F401
        import generator.pdf.warm  # noqa: F401 - lays out a page: Pango, fontconfig, HarfBuzz set up for the forks
        import generator.validate.changes  # noqa: F401
        import weasyprint  # noqa: F401

    def _press(self, trusted: Path) -> bool | None:
        """Whether the trusted checkout's code is ours with (True) or without (False) the press preflight; None when
        it is other code."""
        theirs = _files(trusted)
        if theirs.keys() != self.ours.keys():
            return None
        press = True
        for name, path in theirs.items():
            mine = self.ours[name].read_bytes()
            text = path.read_bytes()
            if text == mine:
                continue
            if name != "generator/pdf/fit.py" or text.decode("utf-8") != mine.decode("utf-8").replace(
                    self.press_check, "    found = []  # tests/workflow: left out\n"):
                return None
            press = False
        return press

    def __call__(self, argv: list[str], cwd: Path, env: dict[str, str]):
        if argv[:1] != ["base/tools/check_pr.py"]:
            return None
        press = self._press(cwd / "base")
        if press is None:
            return None
        self.used += 1
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork of a process with threads: see _child
                pid = os.fork()
            if pid == 0:
                code = 70
                try:
                    code = _child(argv, cwd, env, press, out.fileno(), err.fileno())
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            out.seek(0)
            err.seek(0)
            return (os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace"),
                    err.read().decode("utf-8", "replace"))


def _child(argv, cwd: Path, env: dict[str, str], press: bool, out: int, err: int) -> int:
    """The step in the fork: only this thread runs here (the test process's other threads, pytest-timeout's and
    xdist's, are not copied), and the fork ends with os._exit, so nothing of the test process is cleaned up twice."""
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    if not press:
        import generator.pdf.presscheck

        generator.pdf.presscheck.press_problems = lambda run, chosen: []
    real_run = subprocess.run

    def run(command, *args, **kwargs):
        if isinstance(command, list) and command[:4] == [sys.executable, "-P", "-m", "generator"]:
            return _generator(command, **kwargs)
        return real_run(command, *args, **kwargs)

    subprocess.run = run
    sys.argv = list(argv)
    try:
        runpy.run_path(argv[0], run_name="__main__")
        code = 0
    except SystemExit as stop:
        code = _exit_code(stop)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _exit_code(stop: SystemExit) -> int:
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=sys.stderr)  # as the interpreter does with SystemExit("message")
    return 1


def _generator(command: list[str], cwd, env, capture_output=False, text=False, **rest) -> subprocess.CompletedProcess:
    """`python -P -m generator ARGS` (check_pr.validate) as generator.cli.main(ARGS), in this process."""
    from generator.cli import main

    assert capture_output and text and not rest, "check_pr runs the validator another way than this test knows"
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(env)
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(command[4:]) or 0
        except SystemExit as stop:
            code = _exit_code(stop)
        except Exception:  # the interpreter prints it and exits 1; check_pr must call that no verdict
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(command, code, out.getvalue(), err.getvalue())
