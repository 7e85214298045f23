"""tools/preview.py: the changed companies' pages and PDF pages, nothing else."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from .conftest import git

PROJECT = Path(__file__).resolve().parents[2]


def preview(repo: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PROJECT / "tools" / "preview.py"), "--changed-since", "main",
                           "--out", "preview", *extra], cwd=repo, capture_output=True, text=True)


def test_the_preview_holds_the_changed_company_only(repo):
    path = repo / "content" / "companies" / "alpha" / "company.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("株式会社アルファ精機", "株式会社アルファ精密"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "rename alpha")
    run = preview(repo)
    assert run.returncode == 0, run.stderr
    out = repo / "preview"
    assert "株式会社アルファ精密" in (out / "site" / "companies" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert (out / "site" / "en" / "companies" / "alpha" / "index.html").is_file()
    assert not (out / "site" / "companies" / "beta").exists()
    assert (out / "site" / "pagefind" / "pagefind.js").is_file()
    text = "".join(page.extract_text() for page in PdfReader(out / "preview.pdf").pages)
    assert "アルファ精密" in text
    assert "content/companies/alpha/company.yaml" in (out / "README.txt").read_text(encoding="utf-8")


def test_a_change_outside_the_company_folders_gets_no_preview(repo):
    (repo / "README.md").write_text("x\n", encoding="utf-8")  # a theme or site.yaml of the pull request would be used
    path = repo / "content" / "companies" / "alpha" / "company.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("株式会社アルファ精機", "株式会社アルファ精密"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "readme and alpha")
    run = preview(repo, "--no-pdf")
    assert run.returncode == 0, run.stderr
    assert "会社のフォルダの外も変更されているので、プレビューは作りません" in (repo / "preview" / "README.txt").read_text(
        encoding="utf-8")
    assert not (repo / "preview" / "site").exists()


def test_a_broken_profile_gives_errors_not_a_preview(repo):
    (repo / "content" / "companies" / "beta" / "company.yaml").write_text("name: [broken\n", encoding="utf-8")
    run = preview(repo, "--no-pdf")
    assert run.returncode == 1
    # located at the unclosed '[' on line 1, the line that holds the mistake
    assert "content/companies/beta/company.yaml:1:7: error:" in run.stderr and "Traceback" not in run.stderr
