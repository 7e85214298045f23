"""Maintainers and staff pinned by their numeric GitHub id (`login#id`): a login registered again by someone else
after a rename or deletion does not pass; the same person under a new login does."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import git, profile_with
from .test_changes import MAINTAINERS_LINE, commit, edit_summary, new_company, validate

PROJECT = Path(__file__).resolve().parents[2]


def pin(repo, slug: str, maintainers: list[str], name: str, kana: str, pinned: bool = True) -> None:
    """Set the maintainers of `slug` on main (what the staff merged earlier), then go back to the change branch."""
    git(repo, "checkout", "-q", "main")
    (repo / "content" / "companies" / slug / "company.yaml").write_text(
        profile_with(maintainers, name, kana, pinned=pinned), encoding="utf-8")
    commit(repo, "pin the maintainer")
    git(repo, "checkout", "-q", "change")
    git(repo, "reset", "-q", "--hard", "main")


def problems(run) -> list[dict]:
    return json.loads(run.stdout)


def test_a_login_registered_again_by_someone_else_is_refused(repo):
    pin(repo, "alpha", ["alpha-clerk#1001"], "アルファ", "アルファ")
    edit_summary(repo, "alpha")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk", "--author-id", "6666", "--format", "json")
    assert run.returncode == 1
    [problem] = [p for p in problems(run) if p["severity"] == "error"]
    assert problem["rule"] == "changes-maintainer-id"
    assert problem["path"] == "content/companies/alpha/company.yaml" and problem["line"] == MAINTAINERS_LINE
    assert "「alpha-clerk#1001」は、名前は同じでも別の GitHub アカウント（ID 1001）" in problem["message"]
    assert "あなたのアカウントの ID は 6666" in problem["message"] and "市の担当者に連絡" in problem["message"]


def test_the_same_person_under_a_new_login_passes_and_is_asked_to_update_the_name(repo):
    pin(repo, "alpha", ["alpha-clerk#1001"], "アルファ", "アルファ")
    edit_summary(repo, "alpha")
    commit(repo)
    run = validate(repo, "--author", "alpha-renamed", "--author-id", "1001", "--format", "json")
    assert run.returncode == 0, run.stdout
    [problem] = problems(run)
    assert problem["rule"] == "changes-account-renamed" and problem["severity"] == "warning"
    assert "「alpha-clerk#1001」を「alpha-renamed#1001」に書き換えてください" in problem["message"]


def test_the_pinned_owner_passes_without_a_word(repo):
    pin(repo, "alpha", ["alpha-clerk#1001"], "アルファ", "アルファ")
    edit_summary(repo, "alpha")
    commit(repo)
    run = validate(repo, "--author", "Alpha-Clerk", "--author-id", "1001", "--format", "json")
    assert run.returncode == 0 and problems(run) == []


def test_a_login_without_an_id_passes_and_the_message_shows_the_entry_to_write(repo):
    pin(repo, "alpha", ["alpha-clerk"], "アルファ", "アルファ", pinned=False)
    edit_summary(repo, "alpha")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk", "--author-id", "1001", "--format", "json")
    assert run.returncode == 0
    [problem] = problems(run)
    assert problem["rule"] == "changes-account-unpinned" and problem["line"] == MAINTAINERS_LINE
    assert "「alpha-clerk」を「alpha-clerk#1001」に書き換えてください" in problem["message"]
    # a name registered again passes here too, so the reviewer is told to check who it is (outside attacker s18, 3)
    assert "確かめてから取り込んでください" in problem["message"] and "before merging" in problem["message"]


def test_staff_pinned_by_id_are_not_someone_else_with_their_login(repo):
    git(repo, "checkout", "-q", "main")
    site = repo / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("staff: [city-staff]", "staff: [city-staff#42]"),
                    encoding="utf-8")
    commit(repo, "pin the staff")
    git(repo, "checkout", "-q", "change")
    git(repo, "reset", "-q", "--hard", "main")
    (repo / "README.md").write_text("hello\n", encoding="utf-8")
    commit(repo)
    assert validate(repo, "--author", "city-staff", "--author-id", "42").returncode == 0
    refused = validate(repo, "--author", "city-staff", "--author-id", "43")
    assert refused.returncode == 1
    assert "README.md:1:1: error: このファイルは会社のフォルダ" in refused.stderr


def test_a_new_company_listing_its_author_with_another_id_is_refused(repo):
    new_company(repo, ["gamma-clerk#999"])
    run = validate(repo, "--author", "gamma-clerk", "--author-id", "111")
    assert run.returncode == 1
    assert f"content/companies/gamma/company.yaml:{MAINTAINERS_LINE}:1: error:" in run.stderr
    assert "別の GitHub アカウント（ID 999）" in run.stderr


def test_a_new_company_is_shown_the_entry_with_its_id(repo):
    new_company(repo, ["someone-else"])
    run = validate(repo, "--author", "gamma-clerk", "--author-id", "111")
    assert run.returncode == 1
    assert "例: maintainers: [gamma-clerk#111]" in run.stderr


def test_an_id_that_is_not_a_number_is_a_usage_error(repo):
    run = subprocess.run([sys.executable, "-m", "generator", "validate", "--changed-since", "main", "--author",
                          "alpha-clerk", "--author-id", "12a"], cwd=repo, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert run.returncode == 2 and "not a GitHub account id: '12a'" in run.stderr and "Traceback" not in run.stderr
