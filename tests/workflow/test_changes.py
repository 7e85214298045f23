"""`guidebook validate --changed-since REF --author LOGIN` against a real temporary git repository."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import git, profile_with

PY = [sys.executable, "-m", "generator"]
MAINTAINERS_LINE = next(i for i, line in enumerate(profile_with(["x"]).splitlines(), 1)
                        if line.startswith("maintainers:"))


def validate(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the validator the way the workflow does, from the repository's top folder: the command's own `main`,
    called here (a Python start-up per call cost more than the check; test_an_unknown_ref_is_a_usage_error_not_a_
    traceback runs the real command in a process of its own)."""
    from generator.cli import main

    argv = ["validate", "--changed-since", "main", *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(repo), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit_summary(repo: Path, slug: str, summary: str = "短納期の試作に強い切削加工の会社") -> None:
    path = repo / "content" / "companies" / slug / "company.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: 精密な切削加工で試作から量産まで対応", f"summary: {summary}"), encoding="utf-8")


def new_company(repo: Path, maintainers: list[str]) -> None:
    """Commit a new company `gamma` listing `maintainers`."""
    folder = repo / "content" / "companies" / "gamma"
    folder.mkdir(exist_ok=True)
    (folder / "company.yaml").write_text(profile_with(maintainers, "ガンマ", "ガンマ"), encoding="utf-8")
    commit(repo)


def test_a_maintainer_changing_their_own_company_passes(repo):
    edit_summary(repo, "alpha")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 0, run.stderr
    assert "1 profile(s) valid" in run.stdout  # only the changed company was checked


def test_someone_else_changing_a_company_is_refused_at_its_profile(repo):
    edit_summary(repo, "beta")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1
    assert "content/companies/beta/company.yaml:" in run.stderr
    assert "「alpha-clerk」はこの会社の maintainers に登録されていません" in run.stderr


def test_adding_yourself_to_maintainers_does_not_grant_the_change(repo):
    path = repo / "content" / "companies" / "beta" / "company.yaml"
    path.write_text(profile_with(["beta-clerk", "intruder"], "ベータ", "ベータ"), encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "intruder")
    assert run.returncode == 1
    assert f"content/companies/beta/company.yaml:{MAINTAINERS_LINE}:1: error:" in run.stderr


def test_two_companies_in_one_change_are_refused_in_both(repo):
    edit_summary(repo, "alpha")
    edit_summary(repo, "beta")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1
    assert "content/companies/alpha/company.yaml:1:1: error: 1つのプルリクエストで変更できるのは1社" in run.stderr
    assert "content/companies/beta/company.yaml:1:1: error: 1つのプルリクエストで変更できるのは1社" in run.stderr


def test_a_change_outside_the_content_is_refused_at_that_file(repo):
    edit_summary(repo, "alpha")
    (repo / "content" / "site.yaml").write_text((repo / "content" / "site.yaml").read_text(encoding="utf-8")
                                                + "# edited\n", encoding="utf-8")
    (repo / "README.md").write_text("hello\n", encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1
    assert "README.md:1:1: error: このファイルは会社のフォルダ" in run.stderr
    assert "content/site.yaml:1:1: error: このファイルは会社のフォルダ" in run.stderr
    assert "content/companies/alpha" not in run.stderr


def test_staff_may_change_anything_and_every_profile_is_then_checked(repo):
    edit_summary(repo, "alpha")
    edit_summary(repo, "beta")
    (repo / "README.md").write_text("hello\n", encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "City-Staff")  # GitHub logins are case-insensitive
    assert run.returncode == 0, run.stderr
    assert "2 profile(s) valid" in run.stdout


def test_a_change_cannot_make_its_author_staff(repo):
    site = repo / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("staff: [city-staff]", "staff: [city-staff, intruder]"),
                    encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "intruder")
    assert run.returncode == 1
    assert "content/site.yaml:1:1: error:" in run.stderr


def test_a_new_company_must_list_its_author(repo):
    new_company(repo, ["someone-else"])
    refused = validate(repo, "--author", "gamma-clerk")
    assert refused.returncode == 1
    assert f"content/companies/gamma/company.yaml:{MAINTAINERS_LINE}:1: error: 新しい会社のプロフィールを追加するときは" in refused.stderr
    new_company(repo, ["gamma-clerk"])
    assert validate(repo, "--author", "gamma-clerk").returncode == 0


def test_content_errors_of_the_changed_profile_are_reported_and_others_are_not(repo):
    git(repo, "checkout", "-q", "main")
    (repo / "content" / "companies" / "beta" / "company.yaml").write_text("name: [broken\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "beta is broken on main, but not part of the change below")
    git(repo, "checkout", "-q", "-b", "alpha-change")
    path = repo / "content" / "companies" / "alpha" / "company.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "employees: たくさん\n", encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1
    assert f"content/companies/alpha/company.yaml:{MAINTAINERS_LINE + 1}:" in run.stderr
    assert "beta" not in run.stderr


def test_uncommitted_changes_count_too(repo):
    edit_summary(repo, "beta")  # not committed: a staff member checking before committing sees the same answer
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1
    assert "content/companies/beta/company.yaml" in run.stderr


def test_no_change_at_all_passes(repo):
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 0, run.stderr
    assert "0 profile(s) valid" in run.stdout


def test_an_unknown_ref_is_a_usage_error_not_a_traceback(repo):
    run = subprocess.run([*PY, "validate", "--changed-since", "no-such-branch"], cwd=repo, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert run.returncode == 2
    assert "no-such-branch" in run.stderr and "Traceback" not in run.stderr


def test_untracked_tool_output_outside_the_content_is_not_a_change(repo):
    edit_summary(repo, "alpha")
    commit(repo)
    (repo / "validation").mkdir()
    (repo / "validation" / "pr-number.txt").write_text("7\n", encoding="utf-8")  # what the workflow writes
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 0, run.stderr
    photo = repo / "content" / "companies" / "beta" / "new.jpg"
    photo.write_bytes(b"\xff\xd8\xff")  # a new file in another company's folder, not yet committed, counts
    run = validate(repo, "--author", "alpha-clerk")
    assert run.returncode == 1 and "content/companies/beta/new.jpg:1:1: error: 1つのプルリクエスト" in run.stderr


def test_a_profile_replaced_by_a_folder_is_named_as_such_not_as_a_link(repo):
    # the message said "symbolic links and submodules are not allowed" (outside attack 12, finding 9)
    profile = repo / "content" / "companies" / "alpha" / "company.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.unlink()
    profile.mkdir()
    (profile / "company.yaml").write_text(text, encoding="utf-8")
    commit(repo)
    run = validate(repo, "--author", "alpha-clerk", "--format", "json")
    assert run.returncode == 1
    rules = {(p["path"], p["rule"]) for p in json.loads(run.stdout)}
    assert ("content/companies/alpha/company.yaml", "changes-folder") in rules
    assert not any(rule == "changes-link" for _, rule in rules)
    folder = [p["message"] for p in json.loads(run.stdout) if p["rule"] == "changes-folder"][0]
    assert "フォルダ" in folder and "普通のファイル" in folder
