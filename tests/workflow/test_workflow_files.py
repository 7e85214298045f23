"""The shipped GitHub Actions workflows: valid YAML, real actions at real versions, real commands, safe permissions."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import parser

PROJECT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
ACTIONS = sorted((PROJECT / ".github" / "actions").glob("*/action.yml"))

# Actions published by GitHub, at major versions that exist (checked against their release pages).
ALLOWED_ACTIONS = {
    "actions/checkout": {"v4", "v5"},
    "actions/setup-python": {"v5"},
    "actions/upload-artifact": {"v4"},
    "actions/download-artifact": {"v4"},
    "actions/github-script": {"v7"},
    "actions/configure-pages": {"v5"},
    "actions/upload-pages-artifact": {"v3"},
    "actions/deploy-pages": {"v4"},
    "actions/cache": {"v4"},  # https://github.com/actions/cache/releases/tag/v4.0.0
}


def load(path: Path) -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True: look it up under both names.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps_of(doc: dict) -> list[dict]:
    if "runs" in doc:
        return doc["runs"]["steps"]
    return [step for job in doc["jobs"].values() for step in job.get("steps", [])]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a `run:` script, split like the shell would (continuations joined)."""
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.split(" || ")[0].split(" > ")[0].split(" && ")[0].strip()
        if line and not line.startswith("#"):
            out.append(shlex.split(line))
    return out


def test_there_are_the_three_workflows():
    assert {p.stem for p in WORKFLOWS} >= {"check", "comment", "deploy"}


@pytest.mark.parametrize("path", WORKFLOWS + ACTIONS, ids=lambda p: p.name if p.parent.name == "workflows" else p.parent.name)
def test_every_action_is_a_real_one_at_a_real_version(path):
    for step in steps_of(load(path)):
        uses = step.get("uses")
        if uses is None:
            assert "run" in step
            continue
        if uses.startswith("./"):
            assert (PROJECT / uses / "action.yml").is_file(), uses
            continue
        name, _, version = uses.partition("@")
        assert name in ALLOWED_ACTIONS, f"{path.name}: unknown action {uses}"
        assert version in ALLOWED_ACTIONS[name], f"{path.name}: {uses} is not a published major version"


@pytest.mark.parametrize("path", WORKFLOWS + ACTIONS, ids=lambda p: p.name if p.parent.name == "workflows" else p.parent.name)
def test_every_command_exists_with_its_options(path):
    seen = 0
    for step in steps_of(load(path)):
        for argv in commands(step.get("run", "")):
            if argv[0] == "guidebook":
                try:
                    parser().parse_args(argv[1:])
                except SystemExit as exc:
                    pytest.fail(f"{path.name}: `{' '.join(argv)}` is not a valid guidebook command ({exc})")
                seen += 1
            elif argv[0] == "python" and argv[1].startswith("tools/"):
                script = PROJECT / argv[1]
                assert script.is_file(), argv[1]
                helps = [subprocess.run([sys.executable, str(script), *sub, "--help"], capture_output=True,
                                        text=True, cwd=PROJECT) for sub in ([], [argv[2]] if len(argv) > 2 and not argv[2].startswith("-") else [])]
                assert all(h.returncode == 0 for h in helps), helps[-1].stderr
                for option in (a for a in argv[2:] if a.startswith("--")):
                    assert option in helps[-1].stdout, f"{argv[1]} has no option {option}"
                seen += 1
    if path.stem in ("check", "deploy"):
        assert seen, "the workflow should call the generator"


def test_the_pull_request_workflow_cannot_write_and_sees_no_secrets():
    check = PROJECT / ".github" / "workflows" / "check.yml"
    doc = load(check)
    assert set(doc[True]) == {"pull_request"}  # never pull_request_target
    assert doc["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in doc["jobs"].values())
    assert "secrets." not in check.read_text(encoding="utf-8")
    runs = " ".join(s.get("run", "") for s in steps_of(doc))
    assert 'guidebook validate --changed-since "$BASE" --author "$AUTHOR" --format github' in runs


def test_the_comment_workflow_never_checks_out_the_pull_request():
    comment = PROJECT / ".github" / "workflows" / "comment.yml"
    doc = load(comment)
    assert set(doc[True]) == {"workflow_run"}
    assert doc[True]["workflow_run"]["workflows"] == [load(PROJECT / ".github/workflows/check.yml")["name"]]
    for step in steps_of(doc):
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["ref"] == "${{ github.event.repository.default_branch }}"
        # untrusted values reach scripts only through env, never pasted into the script text
        assert not re.search(r"\$\{\{[^}]*(head_branch|pull_request|display_title)", step.get("run", ""))


def test_the_deploy_workflow_publishes_the_built_site_to_pages():
    doc = load(PROJECT / ".github" / "workflows" / "deploy.yml")
    assert doc[True]["push"]["branches"] == ["main"]
    steps = steps_of(doc)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "build/site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)
    assert doc["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
