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

# Actions published by GitHub, pinned to the full commit of a release (GitHub's hardening guide): each commit was
# read from the action repository's tag and matched against public workflows that pin the same tag.
PINNED = {
    "actions/checkout": {"11bd71901bbe5b1630ceea73d27597364c9af683": "v4.2.2"},
    "actions/setup-python": {"a26af69be951a213d495a4c3e4e4022e16d87065": "v5.6.0"},
    "actions/upload-artifact": {"ea165f8d65b6e75b540449e92b4886f43607fa02": "v4.6.2"},
    "actions/download-artifact": {"d3f86a106a0bac45b974a628896c90dbdf5c8093": "v4.3.0"},
    "actions/configure-pages": {"983d7736d9b0ae728b81ab479565c72886d7745b": "v5.0.0"},
    "actions/upload-pages-artifact": {"56afc609e74202658d3ffba0e8f6dda462b719fa": "v3.0.1"},
    "actions/deploy-pages": {"d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e": "v4.0.5"},
    "actions/cache": {"5a3ec84eff668545956fd18022155c47e93e2684": "v4.2.3"},
}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(\S+))?\s*$")


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
def test_every_action_is_pinned_to_a_release_commit_named_in_a_comment(path):
    lines = [m for m in map(USES.match, path.read_text(encoding="utf-8").splitlines()) if m]
    assert len(lines) == sum(1 for step in steps_of(load(path)) if "uses" in step)  # the regex saw every `uses:`
    for match in lines:
        uses, comment = match.groups()
        if uses.startswith("./"):
            assert (PROJECT / uses.removeprefix("./base/").removeprefix("./") / "action.yml").is_file(), uses
            continue
        name, _, sha = uses.partition("@")
        assert name in PINNED, f"{path.name}: unknown action {uses}"
        assert sha in PINNED[name], f"{path.name}: {uses} is not pinned to a known release commit"
        assert comment == PINNED[name][sha], f"{path.name}: {uses} needs the comment '# {PINNED[name][sha]}'"


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
            elif argv[0] == "python" and argv[1].startswith(("tools/", "base/tools/")):
                script = PROJECT / argv[1].removeprefix("base/")
                assert script.is_file(), argv[1]
                helps = [subprocess.run([sys.executable, str(script), *sub, "--help"], capture_output=True,
                                        text=True, cwd=PROJECT) for sub in ([], [argv[2]] if len(argv) > 2 and not argv[2].startswith("-") else [])]
                assert all(h.returncode == 0 for h in helps), helps[-1].stderr
                for option in (a for a in argv[2:] if a.startswith("--")):
                    assert option in helps[-1].stdout, f"{argv[1]} has no option {option}"
                seen += 1
    if path.stem in ("check", "deploy"):
        assert seen, "the workflow should call the generator"


def checkouts(doc: dict, job: str) -> list[dict]:
    return [step["with"] for step in doc["jobs"][job]["steps"] if step.get("uses", "").startswith("actions/checkout@")]


def test_the_pull_request_workflow_cannot_write_and_sees_no_secrets():
    check = PROJECT / ".github" / "workflows" / "check.yml"
    doc = load(check)
    assert set(doc[True]) == {"pull_request"}  # never pull_request_target
    assert doc["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in doc["jobs"].values())
    assert "secrets." not in check.read_text(encoding="utf-8")


TRUSTED = {"ref": "${{ github.event.repository.default_branch }}", "path": "base", "persist-credentials": False}


@pytest.mark.parametrize("workflow, job, head", [("check", "validate", "github.event.pull_request.head.sha"),
                                                 ("check", "preview", "github.event.pull_request.head.sha"),
                                                 ("comment", "comment", "github.event.workflow_run.head_sha")])
def test_the_default_branch_judges_and_the_pull_request_is_only_read(workflow, job, head):
    doc = load(PROJECT / ".github" / "workflows" / f"{workflow}.yml")
    steps = doc["jobs"][job]["steps"]
    base, pr = checkouts(doc, job)
    assert base == TRUSTED  # first, the trusted code ...
    assert pr == {"ref": "${{ %s }}" % head, "path": "pr", "fetch-depth": 0, "persist-credentials": False}
    local = [s for s in steps if s.get("uses", "").startswith("./")]
    assert [s["uses"] for s in local] == ["./base/.github/actions/setup"] and local[0]["with"] == {"generator": "base"}
    # ... installed before the pull request is even checked out; afterwards only base/'s tools run, on pr/ as data
    assert steps.index(local[0]) < next(i for i, s in enumerate(steps) if s.get("with", {}).get("path") == "pr")
    for step in steps:
        for argv in commands(step.get("run", "")):
            assert argv[0] == "python" and argv[1].startswith("base/tools/"), argv
        # untrusted values reach scripts only through env, never pasted into the script text
        assert "${{" not in step.get("run", "")


def test_the_comment_workflow_answers_only_for_the_commit_it_checked():
    doc = load(PROJECT / ".github" / "workflows" / "comment.yml")
    assert set(doc[True]) == {"workflow_run"}
    assert doc[True]["workflow_run"]["workflows"] == [load(PROJECT / ".github/workflows/check.yml")["name"]]
    assert doc["permissions"] == {}
    runs = [s["run"] for s in doc["jobs"]["comment"]["steps"] if "run" in s]
    assert any("check_pr.py --trusted base --pr pr" in r for r in runs)
    assert any("pr_comment.py post" in r and '--head-sha "$HEAD_SHA" --status verdict/result.json' in r for r in runs)


def test_the_deploy_workflow_publishes_the_built_site_to_pages():
    doc = load(PROJECT / ".github" / "workflows" / "deploy.yml")
    assert doc[True]["push"]["branches"] == ["main"]
    steps = steps_of(doc)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "build/site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)
    assert doc["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
