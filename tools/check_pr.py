#!/usr/bin/env python3
"""The pull-request check as GitHub runs it: this checkout's code judges another checkout's files as data.

`python base/tools/check_pr.py --trusted base --pr pr --author LOGIN --author-id ID --out validation [--number N]`

- `--trusted` is the default branch's checkout: its code (this file's folder) does the judging, and its HEAD is the
  commit the change is compared with, ownership and staff are read from and every other company is compared with;
- `--pr` is the pull request's checkout (its full history): only read, never run. The validator runs with the pull
  request's folder as the working directory (so paths read `content/companies/…`), but is imported from here
  (`python -P`: the working directory is not on the import path, so a `generator/` of the pull request is never
  imported).
Writes `--out`/result.json (`guidebook validate --format json`, what the comment is made from) and pr-number.txt,
prints the problems as workflow annotations, and exits as `guidebook validate` does (0 ok, 1 problems, 2 could not
check). check.yml and comment.yml run exactly this, and so do the tests.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # the trusted checkout's generator, never the pull request's

from generator.errors import Problem  # noqa: E402
from generator.gitrun import git  # noqa: E402
from generator.validate.accounts import ACCOUNT_ID, LOGIN_ONLY  # noqa: E402
from generator.validate.output import github  # noqa: E402


def base_commit(trusted: Path) -> str:
    """The commit the trusted checkout is at."""
    run = git(trusted, "rev-parse", "--verify", "HEAD^{commit}")
    if run.returncode != 0:
        raise SystemExit(f"error: {trusted} is not a git checkout: {run.stderr.decode('utf-8', 'replace').strip()}")
    return run.stdout.decode().strip()


def validate(pr: Path, base: str, author: str, author_id: str) -> subprocess.CompletedProcess:
    """`guidebook validate --changed-since BASE --author AUTHOR --author-id ID --print-fit --format json` of this
    checkout, on `pr`'s
    files. --print-fit lays out the changed company's printed page: a profile within every limit of the schema can
    still be too long for its page, and that must be refused here, not found by the deploy's build after the merge."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONSAFEPATH": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-P", "-m", "generator", "--root", "content", "validate",
                           "--changed-since", base, "--author", author, "--author-id", author_id, "--print-fit",
                           "--format", "json"],
                          cwd=pr, env=env, capture_output=True, text=True)


def _is_result(text: str) -> bool:
    """Whether `text` is the validator's JSON answer (a list of problems), not the output of a crash."""
    try:
        problems = json.loads(text)
    except ValueError:
        return False
    return isinstance(problems, list) and all(isinstance(p, dict) for p in problems)


def annotations(result: str) -> list[str]:
    """The problems of a JSON result as GitHub workflow commands (shown on the pull request's changed lines)."""
    return [github(Problem(str(p["path"]), int(p["line"]), int(p["col"]), str(p["message"]), str(p["severity"]),
                           str(p["rule"]))) for p in json.loads(result)]


def main(argv: list[str] | None = None) -> int:
    """Command line of the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trusted", type=Path, required=True, help="the default branch's checkout (this code's)")
    parser.add_argument("--pr", type=Path, required=True, help="the pull request's checkout, with its history")
    parser.add_argument("--author", required=True, help="the pull request author's GitHub login")
    parser.add_argument("--author-id", required=True, help="the pull request author's numeric GitHub id (a login can "
                        "be registered again by someone else; the id cannot)")
    parser.add_argument("--out", type=Path, required=True, help="folder for result.json and pr-number.txt")
    parser.add_argument("--number", default="", help="the pull request's number, recorded for the comment")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.number:
        if not re.fullmatch(r"[1-9][0-9]{0,9}", args.number):
            print(f"error: not a pull request number: {args.number[:40]!r}", file=sys.stderr)
            return 2
        (args.out / "pr-number.txt").write_text(args.number + "\n", encoding="utf-8")
    if not LOGIN_ONLY.match(args.author):
        print(f"error: not a GitHub login: {args.author[:60]!r}", file=sys.stderr)
        return 2
    if not ACCOUNT_ID.match(args.author_id):
        print(f"error: not a GitHub account id: {args.author_id[:40]!r}", file=sys.stderr)
        return 2
    run = validate(args.pr.resolve(), base_commit(args.trusted), args.author, args.author_id)
    sys.stderr.write(run.stderr)
    if run.returncode not in (0, 1) or not _is_result(run.stdout):  # git could not answer, or the validator
        return 2  # stopped (a traceback is no verdict): no result, and the comment says the check did not finish
    (args.out / "result.json").write_text(run.stdout, encoding="utf-8")
    for line in annotations(run.stdout):
        print(line)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
