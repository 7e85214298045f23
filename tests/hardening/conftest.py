"""Helpers of the hardening tests: run the command line in-process, fingerprint an output tree."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` with a hash of its bytes (links: their target), for exact comparisons."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            result[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            result[rel] = "dir"
    return result


@pytest.fixture
def run_cli(capsys):
    """Run `guidebook ARGS…` in this process; returns (exit code, stdout, stderr). An exception fails the test."""
    from generator.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.fixture
def previous_build(tmp_path) -> Path:
    """An output folder holding a previous build's files (their content does not matter, only that it stays)."""
    out = tmp_path / "build"
    (out / "site" / "companies" / "old-co").mkdir(parents=True)
    (out / "site" / "index.html").write_text("<!doctype html><title>previous</title>", encoding="utf-8")
    (out / "site" / "companies" / "old-co" / "index.html").write_text("old company", encoding="utf-8")
    (out / "guidebook.pdf").write_bytes(b"%PDF-1.7 previous")
    return out
