"""How validation results are shown: plain lines, GitHub workflow annotations, or JSON for tools."""
from __future__ import annotations

import json
from dataclasses import replace

from ..errors import Problem
from .text_safety import printable

FORMATS = ("text", "github", "json")


def safe(problem: Problem) -> Problem:
    """The problem with its path, rule and message made printable, for every output format."""
    # a message quotes values from a profile (an unknown key, a term): a control or bidi character in one must not
    # drive the terminal, forge a workflow command or disguise a PR comment
    return replace(problem, path=printable(problem.path), message=printable(problem.message),
                   rule=printable(problem.rule))


def text(problem: Problem) -> str:
    """One problem as a `PATH:LINE:COL: severity: MESSAGE` line."""
    return safe(problem).format()


def unique(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by file and line, each rule reported once per place (two checks may find the same fault)."""
    seen, out = set(), []
    for p in sorted(set(problems)):
        # two missing fields of one mapping share its place: each is its own problem
        key = (p.path, p.line, p.col, p.rule or p.message, p.message if p.rule == "required" else "")
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problem: Problem) -> str:
    """One problem as a workflow command, shown by GitHub on the pull request's changed line."""
    problem = safe(problem)
    kind = "error" if problem.is_error else "warning"
    where = f"file={_escape_property(problem.path)}"
    if problem.line:
        where += f",line={problem.line},col={max(problem.col, 1)}"
    if problem.rule:
        where += f",title={_escape_property(problem.rule)}"
    return f"::{kind} {where}::{_escape_data(problem.message)}"


def as_json(problems: list[Problem]) -> str:
    """The problems as a JSON list of {path, line, col, severity, rule, message} (the PR comment is built on it)."""
    return json.dumps([{"path": p.path, "line": p.line, "col": p.col, "severity": p.severity, "rule": p.rule,
                        "message": p.message} for p in map(safe, problems)], ensure_ascii=False, indent=1)


def summary(errors: int, warnings: int, checked: int, strict: bool) -> str:
    """The closing line: how many errors and warnings in how many profiles."""
    failed = errors or (strict and warnings)
    if failed:
        extra = "（--strict: 警告もエラー扱い）" if strict and warnings and not errors else ""
        return (f"エラー {errors} 件、警告 {warnings} 件（{checked} 社）{extra}。 / {errors} error(s), {warnings} "
                f"warning(s) in {checked} profile(s){' (--strict: warnings fail)' if extra else ''}.")
    return (f"OK: {checked} 社のプロフィールに誤りはありません（警告 {warnings} 件）。 / {checked} profile(s) valid, "
            f"{warnings} warning(s).")
