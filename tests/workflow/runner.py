"""A small local runner for one job of our GitHub Actions workflows, so that the tests run the workflow's own steps.

It knows just the steps our workflows use: `actions/checkout` (a clone of a local "origin" repository at the
requested ref, with or without history), the local setup action (the test's virtual environment already is that
setup: the runner only checks that the action comes from the trusted checkout), `actions/upload-artifact` and
`actions/download-artifact` (folders under `artifacts/`), and `run:` scripts, executed by bash as GitHub does
(`bash --noprofile --norc -eo pipefail`) with the step's and the job's `env:`. `${{ … }}` expressions are looked up
in a table the test gives; one the test does not know fails the test, so the workflow cannot grow a step the test
does not understand.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
VENV_BIN = Path(sys.executable).parent


@dataclass
class Step:
    name: str
    returncode: int | None  # None: skipped
    stdout: str = ""
    stderr: str = ""


@dataclass
class Job:
    steps: list[Step] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(s.returncode not in (0, None) for s in self.steps)

    def output(self) -> str:
        return "".join(s.stdout + s.stderr for s in self.steps)


def _git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", "-c", "advice.detachedHead=false", *args], cwd=cwd, capture_output=True,
                          text=True, check=True).stdout


def evaluate(text: str, known: dict[str, str]) -> str:
    """`text` with each `${{ expr }}` replaced by its value from `known`."""
    def value(match: re.Match) -> str:
        expr = match.group(1)
        assert expr in known, f"the workflow uses ${{{{ {expr} }}}}, which this test does not provide"
        return known[expr]
    return EXPRESSION.sub(value, str(text))


def _condition(expr: str | None, known: dict[str, str], failed: bool) -> bool:
    if expr is None:
        return not failed
    expr = expr.strip().removeprefix("${{").removesuffix("}}").strip()
    if expr == "always()":
        return True
    match = re.fullmatch(r"([\w.-]+) != ''", expr)
    assert match, f"the runner does not understand `if: {expr}`"
    return not failed and known.get(match.group(1), "") != ""


def run_job(workflow: Path, job: str, workspace: Path, origin: Path, known: dict[str, str],
            default_branch: str = "main", python=None) -> Job:
    """Run `job` of `workflow` in `workspace` (checkouts come from the git repository `origin`).

    `python(argv, cwd, env)`, if given, may run a step whose script is one plain `python …` command (argv as bash
    makes it) and return (exit code, stdout, stderr), or None to leave the step to bash."""
    doc = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    spec = doc["jobs"][job]
    known = dict(known)
    workspace.mkdir(parents=True, exist_ok=True)
    job_env = {k: evaluate(v, known) for k, v in (spec.get("env") or {}).items()}
    result = Job()
    for number, step in enumerate(spec["steps"]):
        name = step.get("name") or step.get("uses") or f"step {number}"
        if not _condition(step.get("if"), known, result.failed):
            result.steps.append(Step(name, None))
            continue
        uses = step.get("uses", "")
        with_ = {k: evaluate(v, known) if isinstance(v, str) else v for k, v in (step.get("with") or {}).items()}
        if uses.startswith("actions/checkout@"):
            _checkout(origin, workspace / with_.get("path", "."), with_.get("ref", default_branch),
                      with_.get("fetch-depth", 1))
            result.steps.append(Step(name, 0))
        elif uses.startswith("./"):
            assert (workspace / uses / "action.yml").is_file(), f"{uses} is not in the workspace yet"
            result.steps.append(Step(name, 0))  # the test's virtual environment is what the setup action makes
        elif uses.startswith("actions/upload-artifact@"):
            source = workspace / with_["path"]
            if source.exists():
                shutil.copytree(source, workspace / "artifacts" / with_["name"], dirs_exist_ok=True)
            result.steps.append(Step(name, 0))
        elif uses.startswith("actions/download-artifact@"):
            source = workspace / "artifacts" / with_["name"]
            code = 0 if source.is_dir() else 1
            if code == 0:
                shutil.copytree(source, workspace / with_["path"], dirs_exist_ok=True)
            result.steps.append(Step(name, code))
        elif "run" in step:
            result.steps.append(_run(step, name, workspace, {**job_env, **{
                k: evaluate(v, known) for k, v in (step.get("env") or {}).items()}}, known, python))
        else:
            raise AssertionError(f"the runner does not know the step {step}")
    return result


def _checkout(origin: Path, path: Path, ref: str, depth: int) -> None:
    """A clone of `origin` at `ref` (a branch or a commit) into `path`, all history when `depth` is 0."""
    shutil.rmtree(path, ignore_errors=True)
    _git("clone", "-q", "--no-checkout", *(["--depth", str(depth)] if depth else []), origin.resolve().as_uri(),
         str(path))
    if re.fullmatch(r"[0-9a-f]{40}", ref):
        _git("fetch", "-q", *(["--depth", str(depth)] if depth else []), "origin", ref, cwd=path)
        _git("checkout", "-q", "--detach", ref, cwd=path)
    else:
        _git("checkout", "-q", ref, cwd=path)


# a script that is more than one command, or that bash would expand beyond its variables
NOT_PLAIN = re.compile(r"[\n;&|<>`]|\$\(")


def _python_argv(script: str, workspace: Path, env: dict[str, str]) -> list[str] | None:
    """The arguments bash passes to `python` for a script that is one plain `python …` command (its variables
    expanded and its quotes removed by bash itself), or None."""
    if not script.startswith("python ") or NOT_PLAIN.search(script.strip()):
        return None
    run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                          "python() { printf '%s\\0' \"$@\"; }\n" + script], cwd=workspace, env=env,
                         capture_output=True)
    return run.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1] if run.returncode == 0 else None


def _run(step: dict, name: str, workspace: Path, env: dict[str, str], known: dict[str, str], python=None) -> Step:
    assert "${{" not in step["run"], "untrusted values reach scripts through env, never in the script text"
    output = workspace / ".github-output"
    output.write_text("", encoding="utf-8")
    full_env = {**os.environ, **env, "GITHUB_WORKSPACE": str(workspace), "GITHUB_OUTPUT": str(output),
                "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    full_env.pop("PYTHONPATH", None)  # nothing of the test's own import path leaks into the workflow's commands
    argv = _python_argv(step["run"], workspace, full_env) if python else None
    done = python(argv, workspace, full_env) if argv else None
    if done is None:
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                             env=full_env, capture_output=True, text=True)
        done = (run.returncode, run.stdout, run.stderr)
    if "id" in step:
        for line in output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            known[f"steps.{step['id']}.outputs.{key}"] = value
    return Step(name, *done)
