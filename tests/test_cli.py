"""The command line: bad content gives PATH:LINE:COL errors, exit 1, no traceback, and the previous build stays."""
from __future__ import annotations

import json

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import minimal_profile


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_malformed_profile_stops_the_build_and_keeps_the_previous_output(make_content, tmp_path):
    root = make_content({"good-seiki": None})
    out = tmp_path / "build"
    first = run("--root", str(root), "--out", str(out), "build", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "-page PDF" in first.stdout and " ページ" in first.stdout
    before = snapshot(out)
    assert "guidebook.pdf" in before and "site/index.html" in before

    bad = root / "companies" / "good-seiki" / "company.yaml"
    bad.write_text(minimal_profile().replace("employees", "x") + "employes: 12\n", encoding="utf-8")
    second = run("--root", str(root), "--out", str(out), "build", cwd=tmp_path)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    line = len(bad.read_text(encoding="utf-8").splitlines())
    assert f"company.yaml:{line}:1: error:" in second.stderr
    assert "employees" in second.stderr  # did you mean
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".build-*"))


def test_yaml_syntax_error_is_located(make_content, tmp_path):
    root = make_content({"broken": "name:\n  ja: [株式会社壊れ\n"})
    result = run("--root", str(root), "validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "companies/broken/company.yaml:2:7: error: かっこ「[」が閉じていません" in result.stderr  # at the '['
    assert "Traceback" not in result.stderr


def test_new_writes_a_template_that_validates_after_filling_in(make_content, tmp_path):
    root = make_content({})
    result = run("--root", str(root), "new", "fresh-kogyo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (root / "companies" / "fresh-kogyo" / "company.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    checked = run("--root", str(root), "validate", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in checked.stderr
    # left unfilled, every placeholder of the template is an error at its own line
    markers = ("〇〇", "000-0000", "-00-0000", "マルマルセイサクショ", "当社は…")
    expected = [n for n, line in enumerate(text.splitlines(), 1)
                if not line.lstrip().startswith("#") and any(m in line.split(" #")[0] for m in markers)]
    found = [p["line"] for p in json.loads(checked.stdout) if p["rule"] == "placeholder"]
    pr_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("pr: |"))
    assert sorted(found) == sorted(pr_line if text.splitlines()[n - 1].startswith("  当社は") else n for n in expected)
    assert checked.returncode == 1 and len(expected) >= 7


def test_valid_content_validates(make_content, tmp_path):
    root = make_content({"a-seiki": None, "b-kogyo": None})
    result = run("--root", str(root), "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2" in result.stdout


def test_a_site_only_build_says_nothing_about_a_pdf(make_content, tmp_path):
    root = make_content({"good-seiki": None})
    done = run("--root", str(root), "--out", str(tmp_path / "build"), "build", "--no-pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 1 社") and "pages" in done.stdout
    assert "PDF" not in done.stdout, done.stdout
