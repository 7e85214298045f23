"""The pull-request check as GitHub runs it, attacked: check.yml's and comment.yml's own steps, run by a local runner
on temporary git repositories (the default branch with this project's code, and an attacker's branch).

Each attack of issue 17 (points 1–4) is made as a pull request and must be refused with the message its author sees.
The check step's two Python processes are forks of the test's process where the default branch holds this project's
code (forked.py: no interpreter start-up per check); the hijack test and comment.yml start them as GitHub does.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import STAFF_SITE_LINE, account_id, git, profile_with
from .forked import Forked
from .runner import run_job

PROJECT = Path(__file__).resolve().parents[2]
WORKFLOWS = PROJECT / ".github" / "workflows"
sys.path.insert(0, str(PROJECT / "tools"))
import pr_comment  # noqa: E402

NUMBER = "4080501000917"  # a real-looking 法人番号 (its check digit is right)
YAMADA = profile_with(["yamada-clerk"], "山田", "ヤマダ") + f'corporate_number: "{NUMBER}"\n'
PROFILE_LINES = YAMADA.splitlines()
NAME_LINE = next(i for i, line in enumerate(PROFILE_LINES, 1) if line.startswith("  ja:"))
NUMBER_LINE = len(PROFILE_LINES)
MAINTAINERS_LINE = next(i for i, line in enumerate(PROFILE_LINES, 1) if line.startswith("maintainers:"))
PHONE_LINE = next(i for i, line in enumerate(PROFILE_LINES, 1) if line.startswith("  phone:"))
STREET_LINE = next(i for i, line in enumerate(PROFILE_LINES, 1) if line.startswith("  street:"))


def own_contacts(profile: str, n: int) -> str:
    """`profile` with a phone number and street of its own (every test profile starts with the same ones)."""
    return profile.replace("0548-22-1234", f"0548-3{n}-5678").replace("北部工業団地1-1", f"南部工業団地{n}-2")


def _template(tmp_path_factory, make_content_module, press: bool) -> Path:
    """The default branch: this project's code and workflows, sample settings, companies alpha, beta, yamada-seiki.

    `press=False`: the code's check leaves out the press preflight of the changed page (presscheck.py: a WeasyPrint
    layout of the press page, its merge and preflight, in every check) — for the tests of everything else the check
    judges; the tests of the press preflight (press_repos) run the check as it is.
    """
    repo = tmp_path_factory.mktemp("origin-template")
    for part in ("generator", "tools", "themes", ".github"):
        shutil.copytree(PROJECT / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    if not press:
        fit = repo / "generator" / "pdf" / "fit.py"
        text = fit.read_text(encoding="utf-8")
        assert text.count(PRESS_CHECK) == 1, "fit.check no longer calls the press preflight as this test expects"
        fit.write_text(text.replace(PRESS_CHECK, "    found = []  # tests/workflow: left out\n"), encoding="utf-8")
    make_content_module(repo, {"alpha": profile_with(["alpha-clerk"], "アルファ", "アルファ"),
                               "beta": profile_with(["beta-clerk"], "ベータ", "ベータ"),
                               "yamada-seiki": YAMADA})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the guidebook")
    return repo


# fit.check's call of the press preflight, as the tests that do not test it take it out of main's code
PRESS_CHECK = ("    from .presscheck import press_problems\n\n"
               "    over = {p.path for p in problems}  # a page that runs over is refused for that already\n"
               "    found = press_problems(run, [c for c in chosen if str(c.folder / \"company.yaml\") not in over])\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory, make_content_module) -> Path:
    """The default branch, its check without the press preflight (see _template)."""
    return _template(tmp_path_factory, make_content_module, press=False)


@pytest.fixture(scope="module")
def press_template(tmp_path_factory, make_content_module) -> Path:
    """The default branch with this project's check as it is, press preflight included."""
    return _template(tmp_path_factory, make_content_module, press=True)


@pytest.fixture(scope="module")
def make_content_module():
    from tests.conftest import SAMPLE

    def make(repo: Path, profiles: dict[str, str]) -> None:
        root = repo / "content"
        shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
        shutil.copytree(SAMPLE / "pages", root / "pages")
        site = (SAMPLE / "site.yaml").read_text(encoding="utf-8")
        site = "".join(line for line in site.splitlines(keepends=True) if not line.startswith("staff:"))
        (root / "site.yaml").write_text(site + STAFF_SITE_LINE, encoding="utf-8")
        for slug, text in profiles.items():
            (root / "companies" / slug).mkdir(parents=True)
            (root / "companies" / slug / "company.yaml").write_text(text, encoding="utf-8")
    return make


class Repos:
    """The base repository on GitHub ("origin") and an attacker's fork with a branch for the pull request."""

    def __init__(self, tmp: Path, template: Path):
        self.tmp = tmp
        self.origin = tmp / "origin"
        subprocess.run(["git", "clone", "-q", str(template), str(self.origin)], check=True)
        git(self.origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # GitHub serves refs/pull/N/head
        self.fork = tmp / "fork"

    def on_main(self, edits: dict[str, str | None], message: str = "main moves on") -> None:
        """Commit `edits` (path -> text, None deletes) on the default branch."""
        _edit(self.origin, edits)
        git(self.origin, "add", "-A")
        git(self.origin, "commit", "-q", "-m", message)

    def branch(self, start: str = "main") -> None:
        """The attacker forks the repository and starts a branch at `start`."""
        subprocess.run(["git", "clone", "-q", str(self.origin), str(self.fork)], check=True)
        git(self.fork, "checkout", "-q", "-b", "change", start)

    def commit(self, edits: dict[str, str | bytes | None], message: str = "change") -> str:
        """Commit `edits` on the attacker's branch and open (or update) the pull request; return its head SHA."""
        _edit(self.fork, edits)
        git(self.fork, "add", "-A")
        git(self.fork, "commit", "-q", "-m", message)
        head = git(self.fork, "rev-parse", "HEAD").strip()
        git(self.origin, "fetch", "-q", str(self.fork), f"+HEAD:refs/pull/7/head")
        return head

    def text(self, path: str) -> str:
        return (self.origin / path).read_text(encoding="utf-8")


def _edit(repo: Path, edits: dict) -> None:
    for name, text in edits.items():
        path = repo / os.fsdecode(name.encode("utf-8", "surrogateescape") if isinstance(name, str) else name)
        if text is None:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.fixture
def repos(tmp_path, template) -> Repos:
    return Repos(tmp_path, template)


@pytest.fixture
def press_repos(tmp_path, press_template) -> Repos:
    return Repos(tmp_path, press_template)


@functools.cache
def forked() -> Forked:
    return Forked(PRESS_CHECK)


def check(repos: Repos, author: str, head: str | None = None, real: bool = False, author_id: int | None = None):
    """Run check.yml's job `validate` as GitHub would for pull request 7 by `author` (whose numeric id is
    `account_id(author)` unless given); (job, problems, comment).

    The check's Python processes are forks of this one (tests/workflow/forked.py) unless `real` or the default
    branch's code is not this project's: the tests of what the check judges; `real` for the tests of the process
    boundary."""
    head = head or git(repos.fork, "rev-parse", "HEAD").strip()
    workspace = repos.tmp / "runner"
    shutil.rmtree(workspace, ignore_errors=True)
    job = run_job(WORKFLOWS / "check.yml", "validate", workspace, repos.origin, {
        "github.event.repository.default_branch": "main", "github.event.pull_request.head.sha": head,
        "github.event.pull_request.user.login": author, "github.event.pull_request.user.id": str(author_id or account_id(author)),
        "github.event.pull_request.number": "7"},
        python=None if real else forked())
    result = workspace / "validation" / "result.json"
    problems = json.loads(result.read_text(encoding="utf-8")) if result.is_file() else None
    return job, problems, pr_comment.body(problems)


def found(problems: list[dict]) -> set[tuple]:
    """(path, line, rule) of each problem."""
    return {(p["path"], p["line"], p["rule"]) for p in problems}


def message(problems: list[dict], rule: str) -> str:
    [text] = [p["message"] for p in problems if p["rule"] == rule]
    return text


def in_comment(comment: str, text: str) -> bool:
    """Is `text` (a message's Japanese part) in the comment, as the comment escapes it?"""
    return pr_comment._text(text, pr_comment.MAX_MESSAGE) in comment


BETA = "content/companies/beta/company.yaml"
NOT_MAINTAINER = ("GitHub アカウント「{author}」はこの会社の maintainers に登録されていません。この会社の担当者に"
                  "プルリクエストを出してもらうか、市の担当者に登録を依頼してください。")
OUTSIDE = ("このファイルは会社のフォルダ（content/companies/<会社>/）の外にあります。変更できるのは市の担当者だけです。"
           "この変更を取り消すか、担当者に依頼してください。")


# --- 1. the pull request's code never runs ---------------------------------------------------------------------

HIJACK = """import os
open(os.environ.get("HIJACK_MARKER", "/tmp/hijacked-by-pr"), "w").write("the pull request's code ran")
"""


def test_a_pull_request_that_rewrites_the_checker_gets_the_same_refusal(repos, tmp_path, monkeypatch):
    marker = tmp_path / "hijacked"
    monkeypatch.setenv("HIJACK_MARKER", str(marker))
    repos.branch()
    takeover = profile_with(["beta-clerk", "intruder"], "ベータ", "ベータ")
    repos.commit({BETA: takeover})
    job, plain, _ = check(repos, "intruder")
    assert job.failed
    assert found(plain) == {(BETA, MAINTAINERS_LINE, "changes-maintainer")}
    # the same pull request, now also rewriting the checker so that it finds nothing, and planting code that would
    # run if anything of the pull request were imported or executed
    changes = repos.text("generator/validate/changes.py").replace(
        "    return scope\n", "    scope.problems.clear()\n    return scope\n")
    assert "scope.problems.clear()" in changes
    head = repos.commit({"generator/validate/changes.py": HIJACK + changes,
                         "generator/__init__.py": HIJACK, "tools/check_pr.py": HIJACK,
                         "sitecustomize.py": HIJACK, "content/sitecustomize.py": HIJACK})
    job, problems, comment = check(repos, "intruder", head, real=True)  # the processes as GitHub starts them
    assert job.failed and not marker.exists()
    outside = {(name, 1, "changes-outside-content") for name in (
        "generator/validate/changes.py", "generator/__init__.py", "tools/check_pr.py", "sitecustomize.py",
        "content/sitecustomize.py")}
    assert found(problems) == found(plain) | outside  # the verdict is the checker's of the default branch
    assert message(plain, "changes-maintainer").startswith(NOT_MAINTAINER.format(author="intruder"))
    assert in_comment(comment, NOT_MAINTAINER.format(author="intruder")) and in_comment(comment, OUTSIDE)
    assert "❌ 直す必要がある点が 6 件" in comment
    # and GitHub shows each on its line of the pull request
    assert f"::error file={BETA},line={MAINTAINERS_LINE},col=1,title=changes-maintainer::" in job.output()


def _bare_repository_under_content(repos: Repos, marker: Path) -> dict:
    """Files that make content/ a bare git repository whose config runs x.sh when git fetches a missing object
    lazily (outside attacker, session 15, finding 1: it rewrote the trusted pr_comment.py before the token step)."""
    base = git(repos.origin, "rev-parse", "main").strip()
    config = ("[core]\n\trepositoryformatversion = 1\n\tbare = false\n\tworktree = .\n"
              "[extensions]\n\tpartialClone = origin\n"
              "[remote \"origin\"]\n\turl = \"ext::sh x.sh\"\n\tpromisor = true\n"
              "[protocol \"ext\"]\n\tallow = always\n")
    return {"content/HEAD": base + "\n", "content/config": config, "content/objects/pack/.keep": "",
            "content/refs/heads/main": "1" * 40 + "\n", "content/x.sh": f"echo ran > {marker}\n"}


def test_a_git_repository_committed_under_content_configures_nothing_and_is_refused(repos, tmp_path):
    marker = tmp_path / "ran"
    repos.branch()
    planted = _bare_repository_under_content(repos, marker)
    head = repos.commit({**planted, BETA: repos.text(BETA).replace("0548-22-1234", "0548-99-9999")})
    job, problems, comment = check(repos, "alpha-clerk", head)  # alpha's clerk edits beta's phone number
    assert not marker.exists(), "a command of the pull request's content/config ran"
    assert job.failed and problems is not None, job.output()
    gitty = {(name, 1, "changes-git-file") for name in planted if name != "content/x.sh"}
    outside = {(name, 1, "changes-outside-content") for name in planted}
    assert found(problems) == gitty | outside | {(BETA, MAINTAINERS_LINE, "changes-maintainer")}
    assert in_comment(comment, "git の設定や管理用のファイル（.gitattributes、.gitmodules、HEAD、config、objects/、refs/ "
                               "など）はコンテンツのフォルダに置けません。")
    # the same branch checked out on a staff member's machine: `validate --changed-since main` runs nothing either
    run = subprocess.run([sys.executable, "-m", "generator", "--root", "content", "validate", "--changed-since",
                          "main", "--author", "alpha-clerk"], cwd=repos.fork, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert not marker.exists() and run.returncode == 1, run.stderr
    assert "content/HEAD:1:1:" in run.stderr and "Traceback" not in run.stderr


def test_a_gitattributes_that_re_encodes_the_profile_is_refused_with_what_it_hid(repos):
    # outside attacker, session 15, finding 2: the checkout wrote company.yaml as UTF-16, so the checks that read
    # the checkout saw nothing to judge (an unused 3 MB archive, a new maintainer), while the validator read git's
    # UTF-8 copy and passed; after the merge the deploy's validate failed for everyone
    repos.branch()
    attributes = "content/companies/beta/.gitattributes"
    repos.commit({"content/companies/beta/catalog.bin": b"\0" * 1024,
                  BETA: profile_with(["beta-clerk", "mallory"], "ベータ", "ベータ")})
    (repos.fork / attributes).write_text("company.yaml working-tree-encoding=UTF-16LE\n", encoding="utf-8")
    git(repos.fork, "add", "--", attributes)  # only it: the profile stays UTF-8 in git, as the attacker's did
    git(repos.fork, "commit", "-q", "-m", "attributes")
    git(repos.origin, "fetch", "-q", str(repos.fork), "+HEAD:refs/pull/7/head")
    job, problems, _ = check(repos, "beta-clerk")
    checked_out = repos.tmp / "runner" / "pr" / BETA
    assert checked_out.read_bytes()[1:2] == b"\0"  # the premise: the check's copy is UTF-16
    assert job.failed
    assert found(problems) == {(attributes, 1, "changes-git-file"), (attributes, 1, "changes-unused-file"),
                               ("content/companies/beta/catalog.bin", 1, "changes-unused-file"),
                               (BETA, MAINTAINERS_LINE, "changes-maintainers")}


def test_a_validator_that_stops_with_a_traceback_is_no_verdict(tmp_path, monkeypatch):
    # outside attacker, session 15, finding 5: exit 1 with a traceback was read as a result
    import check_pr

    monkeypatch.setattr(check_pr, "base_commit", lambda trusted: "0" * 40)
    monkeypatch.setattr(check_pr, "validate", lambda pr, base, author, author_id: subprocess.CompletedProcess(
        [], 1, stdout="", stderr="Traceback (most recent call last):\n  ...\nKeyError: 'x'\n"))
    assert check_pr.main(["--trusted", str(tmp_path), "--pr", str(tmp_path), "--author", "someone",
                          "--author-id", "5", "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out" / "result.json").exists()  # the comment says the check did not finish


def test_a_login_registered_again_by_someone_else_is_refused_as_github_runs_it(repos):
    # beta-clerk is listed as beta-clerk#<id>; someone who took the name after a rename has another id
    repos.branch()
    head = repos.commit({BETA: repos.text(BETA).replace("0548-22-1234", "0548-99-9999")})
    job, problems, comment = check(repos, "beta-clerk", head, author_id=account_id("beta-clerk") + 1)
    assert job.failed and found(problems) == {(BETA, MAINTAINERS_LINE, "changes-maintainer-id")}, job.output()
    assert in_comment(comment, "名前は同じでも別の GitHub アカウント")


@pytest.mark.parametrize("author_id", ["", "0", "12a", "1 --strict", "1234567890123"])
def test_an_author_id_that_is_not_a_github_id_is_no_verdict(tmp_path, author_id):
    import check_pr

    assert check_pr.main(["--trusted", str(tmp_path), "--pr", str(tmp_path), "--author", "someone",
                          "--author-id", author_id, "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out" / "result.json").exists()


def test_a_maintainer_changing_their_own_company_passes(repos):
    repos.branch()
    repos.commit({BETA: repos.text(BETA).replace("試作から量産まで", "試作から大量生産まで")})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert problems == [] and "問題は見つかりませんでした" in comment


# --- 2. who may change what is read from the default branch as it is now ------------------------------------------

def test_a_maintainer_removed_on_main_cannot_use_an_old_branch(repos):
    repos.on_main({BETA: profile_with(["beta-clerk", "former-clerk"], "ベータ", "ベータ")}, "add former-clerk")
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({BETA: profile_with(["beta-clerk"], "ベータ", "ベータ")}, "former-clerk left the company")
    repos.branch(start=old)  # the branch starts where former-clerk was still a maintainer
    repos.commit({BETA: profile_with(["beta-clerk", "former-clerk"], "ベータ", "ベータ").replace(
        "精密な切削加工", "格安の切削加工")})
    job, problems, comment = check(repos, "former-clerk")
    assert job.failed
    # main changed the line next to the branch's: the merge has a conflict as well
    assert found(problems) == {(BETA, MAINTAINERS_LINE, "changes-maintainer"), (BETA, 1, "changes-conflict")}
    assert in_comment(comment, NOT_MAINTAINER.format(author="former-clerk"))


def test_staff_removed_on_main_cannot_use_an_old_branch(repos):
    site = repos.text("content/site.yaml")
    repos.on_main({"content/site.yaml": site.replace(STAFF_SITE_LINE, "staff: [city-staff, former-staff]\n")})
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({"content/site.yaml": site}, "former-staff moved to another department")
    repos.branch(start=old)
    repos.commit({"content/site.yaml": site.replace(STAFF_SITE_LINE, "staff: [city-staff, former-staff]\n")
                  + "# tidy\n"})
    job, problems, comment = check(repos, "former-staff")
    assert job.failed
    # main changed the staff line, next to the branch's added line: the merge has a conflict as well
    assert found(problems) == {("content/site.yaml", 1, "changes-outside-content"),
                               ("content/site.yaml", 1, "changes-conflict")}
    assert in_comment(comment, OUTSIDE)


def _without_kes(text: str) -> str:
    """certifications.yaml without the term kes (its four lines)."""
    lines = text.splitlines(keepends=True)
    at = lines.index("  kes:\n")
    return "".join(lines[:at] + lines[at + 4:])


CERTS = "content/taxonomies/certifications.yaml"


def test_a_branch_made_before_staff_removed_a_term_is_judged_with_main_s_vocabulary(repos):
    # the branch still has the term; judged with its own vocabularies the check was green, and the deploy's
    # validation after the merge stopped every company's publication (outside attack 12, finding 4)
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({CERTS: _without_kes(repos.text(CERTS))}, "staff: drop the term kes")
    repos.branch(start=old)
    profile = repos.text(BETA) + "certifications: [kes]\n"
    line = len(profile.splitlines())
    repos.commit({BETA: profile})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    errors = [p for p in problems if p["severity"] == "error"]
    assert [(p["path"], p["line"]) for p in errors] == [(BETA, line)]
    assert "「kes」" in errors[0]["message"] and "認証" in errors[0]["message"]
    assert "問題は見つかりませんでした" not in comment


def test_a_term_added_on_main_after_the_branch_was_made_is_accepted(repos):
    # the clerk picked the term in the published form (main's vocabulary); the branch predates it
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    certs = repos.text(CERTS)
    repos.on_main({CERTS: certs.replace("  kes:\n", "  city-award:\n    ja: 市ものづくり大賞\n"
                                                    "    en: City Monozukuri Award\n  kes:\n", 1)}, "staff: new term")
    repos.branch(start=old)
    repos.commit({BETA: repos.text(BETA) + "certifications: [city-award]\n"})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert problems == []


def test_main_s_theme_kept_beside_content_is_the_one_the_check_uses(repos):
    # site.yaml names its theme relative to content/ (../themes/city); the check's view of main held content/ only,
    # so it measured the printed page with the default theme (outside attack 13, finding 2). A theme path that leads
    # nowhere is now an error of site.yaml, so a view without the theme would fail this change.
    site = repos.text("content/site.yaml")
    repos.on_main({"content/site.yaml": site + "theme: ../themes/city\n",
                   "themes/city/print/custom.css": ".co-pr p { margin-bottom: 0.5mm; }\n"}, "staff: the city's theme")
    repos.branch()
    repos.commit({BETA: repos.text(BETA).replace("試作から量産まで", "試作から大量生産まで")})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert problems == []


def test_a_theme_path_that_leads_nowhere_is_an_error_of_site_yaml(tmp_path, make_content):
    root = make_content({"alpha": profile_with(["alpha-clerk"])})
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "theme: ../themes/citty\n", encoding="utf-8")
    line = len(site.read_text(encoding="utf-8").splitlines())
    run = subprocess.run([sys.executable, "-m", "generator", "--root", "content", "validate"], cwd=root.parent,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert run.returncode == 1
    assert f"content/site.yaml:{line}:1: error: theme: に書かれたフォルダ「../themes/citty」がありません" in run.stderr


def test_a_message_names_files_where_the_pull_request_has_them(repos):
    # a warning found in the check's view of main named the view's temporary folder (outside attack 13, finding 6)
    assert 'issued: "2026-10"' in repos.text("content/site.yaml")
    repos.branch()
    repos.commit({BETA: repos.text(BETA) + "last_confirmed: 2026-11-02\n"})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    [warning] = problems
    assert (warning["path"], warning["rule"]) == ("content/site.yaml", "issued-before-confirmed")
    assert BETA in warning["message"] and "guidebook-check-" not in warning["message"]


# --- 3. fail closed ----------------------------------------------------------------------------------------------

OWNER_UNKNOWN = ("この会社のフォルダは公開中のガイドブック（既定のブランチ）にありますが、そこでのプロフィール（company.yaml）が"
                 "読み取れないため、変更してよい担当者（maintainers）を確認できません。この会社を変更できるのは市の担当者だけです。"
                 "市の担当者に連絡してください。")


@pytest.mark.parametrize("broken", ["name: [broken\n", None], ids=["unparsable", "missing"])
def test_a_company_whose_profile_is_unreadable_on_main_is_not_new(repos, broken):
    if broken is None:  # the folder is there (a photo), the profile is not
        repos.on_main({BETA: None, "content/companies/beta/logo.png": b"\x89PNG\r\n\x1a\n"})
    else:
        repos.on_main({BETA: broken})
    repos.branch()
    repaired = profile_with(["intruder"], "ベータ", "ベータ")  # repaired, and listing the attacker as maintainer
    repos.commit({BETA: repaired})
    job, problems, comment = check(repos, "intruder")
    assert job.failed
    assert found(problems) == {(BETA, 1, "changes-owner-unknown")}
    assert message(problems, "changes-owner-unknown").startswith(OWNER_UNKNOWN)
    assert in_comment(comment, OWNER_UNKNOWN)
    # the municipality's staff may repair it
    job, problems, _ = check(repos, "city-staff")
    assert not job.failed and problems == [], job.output()


# --- 4. a copy of another company under a look-alike name --------------------------------------------------------

def lookalike(slug: str, twin: str) -> str:
    return (f"フォルダ名「{slug}」は「{twin}」と見分けにくい名前です（1・l・i、0 と o、rn と m、続いたハイフンなど）。同じ"
            f"会社なら1つにまとめ、別の会社ならはっきり違う名前にしてください。")


@pytest.mark.parametrize("slug", ["yarnada-seiki", "yamada-seik1", "yamada--seiki", "yamada-se1ki"])
def test_a_copy_of_another_company_under_a_look_alike_folder_is_refused(repos, slug):
    repos.branch()
    copy = YAMADA.replace(f"[yamada-clerk#{account_id('yamada-clerk')}]", f"[impostor#{account_id('impostor')}]")
    profile = f"content/companies/{slug}/company.yaml"
    repos.commit({profile: copy})
    job, problems, comment = check(repos, "impostor")
    assert job.failed
    assert found(problems) == {(profile, 1, "slug-lookalike"), (profile, NUMBER_LINE, "duplicate-company"),
                               (profile, NAME_LINE, "duplicate-name"), (profile, 1, "changes-new-company"),
                               (profile, PHONE_LINE, "changes-copied-contact"),
                               (profile, STREET_LINE, "changes-copied-contact")}
    assert message(problems, "slug-lookalike").startswith(lookalike(slug, "yamada-seiki"))
    original = "content/companies/yamada-seiki/company.yaml"
    assert message(problems, "duplicate-company").startswith(
        f"法人番号「{NUMBER}」は {original}（{NUMBER_LINE} 行目）にも書かれています。1社につきプロフィールは1つです。")
    assert message(problems, "duplicate-name").startswith(
        f"会社名「株式会社山田精機」は {original}（{NAME_LINE} 行目）の会社と同じ名前です。")
    assert in_comment(comment, lookalike(slug, "yamada-seiki"))


def test_the_copy_is_found_against_every_company_of_main_even_one_added_after_the_branch(repos):
    repos.branch()  # the attacker's branch does not have the company added next
    repos.on_main({"content/companies/kita-kogyo/company.yaml": profile_with(["kita-clerk"], "北工業", "キタコウギョウ")
                   + 'corporate_number: "2080401019472"\n'})
    profile = "content/companies/kita-kougyou/company.yaml"
    repos.commit({profile: profile_with(["impostor"], "北工業", "キタコウギョウ") + 'corporate_number: "2080401019472"\n'})
    job, problems, _ = check(repos, "impostor")
    assert {p["rule"] for p in problems} == {"duplicate-company", "duplicate-name", "changes-new-company",
                                             "changes-copied-contact"}


# --- what the check cannot judge is pointed out to the reviewer -------------------------------------------------

NEW_COMPANY = ("新しい会社のプロフィールです。市の担当者が、この会社が実在すること、あなたがこの会社の方であることを確認してから"
               "公開します。")


def test_a_new_company_and_a_change_of_maintainers_pass_with_a_note_for_the_reviewer(repos):
    repos.branch()
    profile = "content/companies/gamma/company.yaml"
    repos.commit({profile: own_contacts(profile_with(["gamma-clerk"], "ガンマ", "ガンマ"), 3)})
    job, problems, comment = check(repos, "gamma-clerk")
    assert not job.failed, job.output()
    assert found(problems) == {(profile, 1, "changes-new-company")}
    assert message(problems, "changes-new-company").startswith(NEW_COMPANY)
    assert "✅ 誤りはありませんが、確認してほしい点があります。" in comment and in_comment(comment, NEW_COMPANY)
    repos.fork = repos.tmp / "fork2"
    repos.branch()
    repos.commit({BETA: profile_with(["new-clerk"], "ベータ", "ベータ")})  # beta-clerk hands over to new-clerk
    job, problems, _ = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert found(problems) == {(BETA, MAINTAINERS_LINE, "changes-maintainers")}
    assert message(problems, "changes-maintainers").startswith(
        f"この会社の担当者（maintainers）が変わります（追加: new-clerk#{account_id('new-clerk')}、"
        f"削除: beta-clerk#{account_id('beta-clerk')}）。")


def test_a_new_company_with_another_company_s_phone_and_address_is_pointed_out(repos):
    # a neighbour's profile copied into a new folder under another name, with its phone, e-mail and address, got
    # only the generic new-company note (outside attack 13, finding 5)
    repos.on_main({BETA: own_contacts(repos.text(BETA), 4).replace("contact:\n", "contact:\n  email: info@beta.example.jp\n")},
                  "beta's own contacts")
    copy = own_contacts(profile_with(["impostor"], "新ベータ", "シンベータ"), 4).replace(
        "contact:\n", "contact:\n  email: info@beta.example.jp\n")
    lines = copy.splitlines()
    profile = "content/companies/shin-beta/company.yaml"
    repos.branch()
    repos.commit({profile: copy})
    job, problems, comment = check(repos, "impostor")
    assert not job.failed, job.output()  # warnings: the reviewer decides
    at = {(p["line"], p["rule"]) for p in problems if p["rule"] == "changes-copied-contact"}
    assert at == {(lines.index('  phone: "0548-34-5678"') + 1, "changes-copied-contact"),
                  (lines.index("  email: info@beta.example.jp") + 1, "changes-copied-contact"),
                  (lines.index("  street: 南部工業団地4-2") + 1, "changes-copied-contact")}
    assert all(BETA in p["message"] for p in problems if p["rule"] == "changes-copied-contact")
    assert "ほかの会社「株式会社ベータ精機」のプロフィール" in comment


def test_a_copied_contact_written_another_way_is_pointed_out(repos):
    # the copy escaped the warning by writing the same phone, e-mail, website and street another way (outside
    # attack 14, finding 2): brackets for hyphens, capitals, full-width digits, https://www. for http://, 丁目 for -
    beta = own_contacts(repos.text(BETA), 4).replace("contact:\n", "contact:\n  email: info@beta.example.jp\n"
                                                     "  website: https://www.beta.example.jp/\n")
    beta = beta.replace("南部工業団地4-2", "桜ケ丘2丁目3-11")
    repos.on_main({BETA: beta}, "beta's own contacts")
    copy = profile_with(["impostor"], "新ベータ", "シンベータ").replace(
        '  phone: "0548-22-1234"\n', '  phone: "0548(34)5678"\n  fax: "0548-34-5678"\n'
        "  email: Info@Beta.Example.JP\n  website: http://beta.example.jp\n").replace(
        "北部工業団地1-1", "桜ヶ丘2-3-11")
    lines = copy.splitlines()
    repos.branch()
    repos.commit({"content/companies/shin-beta/company.yaml": copy})
    job, problems, comment = check(repos, "impostor")
    assert not job.failed, job.output()  # warnings: the reviewer decides
    copied = {p["line"]: p["message"] for p in problems if p["rule"] == "changes-copied-contact"}
    expected = {'  phone: "0548(34)5678"': ("電話番号「0548(34)5678」", "電話番号「0548-34-5678」"),
                '  fax: "0548-34-5678"': ("FAX 番号「0548-34-5678」", "電話番号「0548-34-5678」"),
                "  email: Info@Beta.Example.JP": ("メールアドレス「Info@Beta.Example.JP」",
                                                  "メールアドレス「info@beta.example.jp」"),
                "  website: http://beta.example.jp": ("ウェブサイト「http://beta.example.jp」",
                                                      "ウェブサイト「https://www.beta.example.jp/」"),
                "  street: 桜ヶ丘2-3-11": ("番地「桜ヶ丘2-3-11」", "番地「桜ケ丘2丁目3-11」")}
    assert sorted(copied) == sorted(lines.index(line) + 1 for line in expected)
    for line, (mine, theirs) in expected.items():
        text = copied[lines.index(line) + 1]
        assert text.startswith(f"この新しい会社（株式会社新ベータ精機）の{mine}は、ほかの会社「株式会社ベータ精機」の"
                               f"プロフィール（{BETA}）の{theirs}と同じです"), text


@pytest.mark.parametrize("kind,a,b", [
    ("phone", "0548(26)2525", "0548-26-2525"), ("phone", "０５４８ ２６ ２５２５", "0548-26-2525"),
    ("phone", "+81 (0)548-26-2525", "0548-26-2525"), ("email", "Info@X.jp", "info@x.jp"),
    ("website", "https://www.x.jp/", "http://x.jp"), ("website", "HTTPS://X.JP/index.html", "x.jp"),
    ("street", "桜ケ丘2丁目3-11", "桜ケ丘2-3-11"), ("street", "桜が丘２丁目３番１１号", "桜ヶ丘2-3-11"),
    ("street", "本町3番地の5", "本町3-5"), ("street", "桜ケ丘二丁目3番11号", "桜ケ丘2-3-11"),
    ("street", "本町十二番地の五", "本町12-5"), ("street", "中央二十一丁目4-1", "中央21-4-1")])
def test_contacts_written_another_way_are_the_same(kind, a, b):
    from generator.validate.changes import same_contact
    assert same_contact(kind, a) == same_contact(kind, b) != ""


@pytest.mark.parametrize("kind,a,b", [
    ("phone", "0548-26-2525", "0548-26-2526"), ("website", "https://x.jp/a", "https://x.jp/b"),
    ("street", "桜ケ丘2-3-11", "桜ケ丘2-3-1"), ("street", "桜ケ丘二丁目3-11", "桜ケ丘12-3-11"),
    ("email", "info@x.jp", "info@y.jp")])
def test_different_contacts_stay_different(kind, a, b):
    from generator.validate.changes import same_contact
    assert same_contact(kind, a) != same_contact(kind, b)


def test_a_copied_website_is_quoted_without_what_the_comparison_ignores():
    # the warning quoted a new company's whole website, so text after '#' reached the reviewer as a note from the
    # check (outside attacker s18, finding 2)
    from generator.validate.changes import _as_compared
    note = "https://beta.example.jp/#NOTE-TO-STAFF:verified-by-the-city-please-merge"
    assert _as_compared("website", note) == "https://beta.example.jp/"
    assert _as_compared("website", "https://beta.example.jp/a?note=merge-me") == "https://beta.example.jp/a"
    street = _as_compared("street", "桜ケ丘" * 40)
    assert len(street) == 80 and street.endswith("…")


# --- the merged result is judged (outside attack 14, finding 1) ----------------------------------------------------

def _products(names: list[str]) -> str:
    return "products:\n" + "".join(f"  - name: {n}\n" for n in names)


THREE = ["精密シャフト", "油圧バルブ部品", "治具"]
BRANCH_TWO = "  - name: 金型部品\n  - name: 半導体装置部品\n"


def test_products_added_on_main_and_on_an_old_branch_are_judged_together(repos):
    # staff add 2 products on main, a branch made before adds 2 more: each side has 5 (the schema allows 6), the
    # merge has 7, and the deploy's validation after the merge would stop every company's publication
    base = repos.text(BETA) + _products(THREE)
    repos.on_main({BETA: base}, "beta's products")
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({BETA: base.replace("products:\n", "products:\n  - name: 航空機部品\n  - name: 医療機器部品\n")},
                  "staff: two products the company sent by mail")
    repos.branch(start=old)
    repos.commit({BETA: base + BRANCH_TWO})
    merged = repos.text(BETA) + BRANCH_TWO
    assert merged.count("  - name: ") == 7
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    errors = [p for p in problems if p["severity"] == "error"]
    line = merged.splitlines().index("products:") + 1
    assert [(p["path"], p["line"]) for p in errors] == [(BETA, line)], errors
    assert "問題は見つかりませんでした" not in comment


def test_the_same_branch_alone_passes(repos):
    # the control of the test above: without main's two, the branch's own 5 products are fine
    base = repos.text(BETA) + _products(THREE)
    repos.on_main({BETA: base}, "beta's products")
    repos.branch()
    repos.commit({BETA: base + BRANCH_TWO})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert problems == []


CONFLICT = ("このブランチは、既定のブランチ（main）でその後に行われた変更と衝突しています（同じファイルが両方で変更されて"
            "います）。プルリクエストの「Update branch」（ブランチを更新）を押すか、main を取り込んで衝突を解消してから、"
            "もう一度チェックを受けてください。")


def test_a_branch_that_conflicts_with_main_is_refused_with_update_the_branch(repos):
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({BETA: repos.text(BETA).replace("試作から量産まで", "試作から小ロットまで")}, "staff: summary")
    repos.branch(start=old)
    repos.commit({BETA: repos.text(BETA).replace("試作から小ロットまで", "試作から大量生産まで")})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    assert found(problems) == {(BETA, 1, "changes-conflict")}
    assert message(problems, "changes-conflict").startswith(CONFLICT)
    assert in_comment(comment, CONFLICT)


def test_a_photo_added_to_a_company_main_removed_is_refused(repos):
    # staff removed the company on main; an old branch adds only a photo to its folder: the merge (no conflict) has a
    # folder with a photo and no profile
    old = git(repos.origin, "rev-parse", "HEAD").strip()
    repos.on_main({BETA: None}, "staff: beta closed")
    repos.branch(start=old)
    photo = next((PROJECT / "content" / "companies").glob("*/*.jpg")).read_bytes()
    repos.commit({"content/companies/beta/kojo.jpg": photo})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed, job.output()
    # judged as the merge leaves it: a folder without a profile (the branch's own copy of it was left on main)
    assert ("content/companies/beta/company.yaml", 0, "missing-profile") in found(problems)
    assert "問題は見つかりませんでした" not in comment


# --- smaller holes ---------------------------------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_refused_not_a_traceback(repos):
    repos.branch()
    name = b"content/companies/beta/\xff\xfe.jpg".decode("utf-8", "surrogateescape")
    repos.commit({name: b"\xff\xd8\xff"})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed and "Traceback" not in job.output()
    assert found(problems) == {("content/companies/beta/\ufffd\ufffd.jpg", 1, "changes-file-name")}
    assert in_comment(comment, "ファイル名の文字コードが UTF-8 ではありません")


def test_a_symbolic_link_is_refused(repos):
    repos.branch()
    (repos.fork / "content/companies/beta/logo.png").symlink_to("/etc/passwd")
    repos.commit({})
    job, problems, _ = check(repos, "beta-clerk")
    assert job.failed
    assert ("content/companies/beta/logo.png", 1, "changes-link") in found(problems)


def test_content_replaced_by_a_link_to_the_trusted_checkout_is_judged_in_the_pull_request(repos):
    # content/ -> ../base/content: followed, the link led the check into the default branch's own repository, where
    # nothing had changed, and everything else the pull request did (here: the deploy workflow) passed unseen
    repos.branch()
    git(repos.fork, "rm", "-rq", "content")
    (repos.fork / "content").symlink_to("../base/content")
    repos.commit({".github/workflows/deploy.yml": (repos.origin / ".github/workflows/deploy.yml").read_text(
        encoding="utf-8") + "      - run: echo pwned\n"})
    job, problems, comment = check(repos, "nobody")
    assert job.failed
    assert ("content", 1, "changes-link") in found(problems)
    assert (".github/workflows/deploy.yml", 1, "changes-outside-content") in found(problems)
    assert "問題は見つかりませんでした" not in comment


def test_a_criss_cross_merge_cannot_write_back_an_old_maintainers_list(repos):
    # Staff add beta-clerk to alpha, a pull request P is branched, staff remove beta-clerk again (D), P is merged
    # with a merge commit. The attacker merges P and D themselves, keeping alpha's OLD file: `git merge-base` then
    # names P, from which alpha looks unchanged, but the real merge (whose base is P and D together) writes the old
    # maintainers list back. The check must judge what the merge does, not one merge base's diff.
    alpha = "content/companies/alpha/company.yaml"
    old_alpha = profile_with(["alpha-clerk", "beta-clerk"], "アルファ", "アルファ")
    repos.on_main({alpha: old_alpha}, "staff: beta-clerk co-maintains alpha")
    git(repos.origin, "checkout", "-q", "-b", "p")
    repos.on_main({BETA: repos.text(BETA).replace("試作から量産まで", "試作から量産まで対応")}, "beta's pull request P")
    p = git(repos.origin, "rev-parse", "HEAD").strip()
    git(repos.origin, "checkout", "-q", "main")
    repos.on_main({alpha: profile_with(["alpha-clerk"], "アルファ", "アルファ")}, "staff: remove beta-clerk (D)")
    d = git(repos.origin, "rev-parse", "HEAD").strip()
    git(repos.origin, "merge", "-q", "--no-ff", "p", "-m", "Merge pull request P")
    repos.branch(start=p)
    subprocess.run(["git", "-c", "user.name=A", "-c", "user.email=a@example.invalid", "merge", "-q", "--no-commit",
                    d], cwd=repos.fork, capture_output=True)
    repos.commit({alpha: old_alpha, BETA: repos.text(BETA).replace("試作から量産まで対応", "試作から量産まで対応します")},
                 "Merge main; update our profile")
    assert len(git(repos.fork, "merge-base", "--all", "origin/main", "HEAD").split()) == 2  # the trap is set
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    errors = {(p["path"], p["line"], p["rule"]) for p in problems if p["severity"] == "error"}
    assert errors == {(alpha, 1, "changes-one-company"), (BETA, 1, "changes-one-company"),
                      (alpha, MAINTAINERS_LINE, "changes-maintainer")}
    assert in_comment(comment, NOT_MAINTAINER.format(author="beta-clerk"))
    assert "問題は見つかりませんでした" not in comment


def test_a_profile_too_long_for_its_printed_page_is_refused_by_the_check(repos):
    # within every limit of the schema, and yet the printed page cannot hold it: the deploy's build would stop for
    # every company after the merge, so the check lays the changed company's page out and refuses it
    head = repos.text(BETA).split("equipment:")[0] if "equipment:" in repos.text(BETA) else repos.text(BETA)
    rows = "".join(f"  - {{name: 五軸マシニングセンタ{i}, maker: オークマ, model: MU-{i}, count: 1, "
                   f"spec: 最大加工径500mm・最大積載量300kg・主軸回転数12000回転}}\n" for i in range(30))
    repos.branch()
    repos.commit({BETA: head.rstrip("\n") + "\nequipment:\n" + rows})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    assert {(p["path"], p["rule"]) for p in problems if p["severity"] == "error"} == {(BETA, "print-fit")}
    assert "問題は見つかりませんでした" not in comment


def _jpeg(size=(1800, 1200)) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (120, 140, 160))
    ImageDraw.Draw(img).rectangle((100, 100, 700, 500), fill=(200, 60, 40))
    out = __import__("io").BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


# main's theme draws the only photo of a page 60 mm to the left: no company on main has one photo, so main builds
PLANTED = ".co-photos.n1 figure { margin-left: -60mm; }\n"


@pytest.mark.parametrize("photos", [1, 2], ids=["one-photo-refused", "two-photos-pass"])
def test_a_page_the_press_preflight_refuses_is_refused_by_the_check(press_repos, photos):
    repos = press_repos
    # the deploy builds the press edition and stops, for everyone, when its preflight finds a fault on a page; the
    # check laid the page out for its fit only (outside attack 14, finding 3: a single portrait photo drawn beyond
    # the BleedBox). Here the fault is planted in main's theme and set off by the changed profile's one photo.
    site = repos.text("content/site.yaml")
    repos.on_main({"content/site.yaml": site + "theme: ../themes/city\n", "themes/city/print/custom.css": PLANTED},
                  "staff: the city's theme")
    repos.branch()
    files = {f"content/companies/beta/photo{i}.jpg": _jpeg() for i in range(photos)}
    listed = "".join(f"    - {{file: photo{i}.jpg, alt: 工場{i}}}\n" for i in range(photos))
    repos.commit({BETA: repos.text(BETA) + "images:\n  photos:\n" + listed, **files})
    job, problems, comment = check(repos, "beta-clerk")
    if photos == 2:
        assert not job.failed, job.output()
        assert problems == []
        return
    assert job.failed
    errors = [p for p in problems if p["severity"] == "error"]
    assert {(p["path"], p["rule"]) for p in errors} == {(BETA, "print-preflight")}, errors
    assert all("塗り足し（BleedBox）の外まで描かれています" in p["message"] for p in errors)
    assert "問題は見つかりませんでした" not in comment


# faults main's theme makes only on a left-hand page (a lone photo drawn 60 mm to the left) and only on a page two
# short companies share (the summary drawn 60 mm to the left): the check laid the page out as a right-hand page alone
PLANTED_LEFT = ".verso .co-photos.n1 figure { margin-left: -60mm; }\n"
PLANTED_SHARED = ".half .co-summary { margin-left: -60mm; }\n"


@pytest.mark.parametrize("planted", ["left", "shared"])
def test_a_fault_on_a_left_hand_or_a_shared_page_is_refused_by_the_check(press_repos, planted):
    repos = press_repos
    # the book may put the changed company on either side, and a short profile on a page it shares with another
    site = repos.text("content/site.yaml")
    css = PLANTED_LEFT if planted == "left" else PLANTED_SHARED
    repos.on_main({"content/site.yaml": site + "theme: ../themes/city\n", "themes/city/print/custom.css": css},
                  "staff: the city's theme")
    repos.branch()
    if planted == "left":
        repos.commit({BETA: repos.text(BETA) + "images:\n  photos:\n    - {file: photo0.jpg, alt: 工場}\n",
                      "content/companies/beta/photo0.jpg": _jpeg()})
    else:  # beta's profile is short: no photo, no PR text
        repos.commit({BETA: repos.text(BETA).replace("試作から量産まで対応", "試作から量産まで対応します")})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    errors = [p for p in problems if p["severity"] == "error"]
    assert {(p["path"], p["rule"]) for p in errors} == {(BETA, "print-preflight")}, errors
    message = errors[0]["message"]  # one problem for the profile, naming each page laid out that fails
    places = set(re.findall(r"(?:\. |／ )((?:2 社で共有する)?[左右]ページ)に組んだとき", message))
    if planted == "left":  # the photo is drawn 47 mm beyond the trim (the outer margin of a left-hand page is 13 mm)
        assert places == {"左ページ"}, message
        assert "x -47.0–" in message and "塗り足し（BleedBox）の外まで描かれています" in message, message
    else:  # the summary runs past the trim on either side, in both halves; its own page has no fault
        assert places == {"2 社で共有する左ページ", "2 社で共有する右ページ"}, message
        assert "文字が仕上がり線の外にはみ出しています" in message, message
    assert "問題は見つかりませんでした" not in comment


def test_a_file_the_profile_does_not_use_is_refused(repos):
    # a 30 MB archive or a spare photo would stay in the repository's history for ever, unchecked
    repos.branch()
    repos.commit({"content/companies/beta/catalog.bin": b"\0" * 1024, "content/companies/beta/spare.jpg": b"junk"})
    job, problems, comment = check(repos, "beta-clerk")
    assert job.failed
    assert {(p["path"], p["line"], p["rule"]) for p in problems if p["severity"] == "error"} == {
        ("content/companies/beta/catalog.bin", 1, "changes-unused-file"),
        ("content/companies/beta/spare.jpg", 1, "changes-unused-file")}
    assert in_comment(comment, "このファイル（catalog.bin）はプロフィール（company.yaml）で使われていません")


def test_a_maintainer_removing_their_own_company_is_flagged_for_the_reviewer(repos):
    # allowed (it is their company), but a green tick with "no problems" would hide that a published company goes
    repos.branch()
    git(repos.fork, "rm", "-rq", "content/companies/beta")
    repos.commit({})
    job, problems, comment = check(repos, "beta-clerk")
    assert not job.failed, job.output()
    assert found(problems) == {(BETA, 1, "changes-company-removed")}
    assert in_comment(comment, "この会社のプロフィールを削除し、ガイドブックから外す変更です。")
    assert "問題は見つかりませんでした" not in comment


# --- comment.yml: the answer that counts, from the default branch's files --------------------------------------

class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """The REST calls comment.yml makes: one pull request, its comments, commit statuses."""

    state: dict = {}

    def log_message(self, *args):
        pass

    def _send(self, data, code=200):
        body = json.dumps(data).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def _read(self):
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self):
        if self.path == "/repos/o/r/pulls/7":
            return self._send({"number": 7, "head": {"sha": self.state["head"]},
                               "user": {"login": self.state["author"], "id": account_id(self.state["author"])}})
        if self.path.startswith("/repos/o/r/issues/7/comments"):
            return self._send(self.state["comments"] if "page=1" in self.path else [])
        self._send({}, 404)

    def do_POST(self):
        data = self._read()
        if self.path.startswith("/repos/o/r/statuses/"):
            self.state["statuses"].append((self.path.rsplit("/", 1)[1], data))
            return self._send(data, 201)
        comment = {"id": 100 + len(self.state["comments"]), "body": data["body"], "user": {"type": "Bot"}}
        self.state["comments"].append(comment)
        self._send(comment, 201)


@pytest.fixture
def github():
    FakeGitHub.state = {"comments": [], "statuses": []}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", FakeGitHub.state
    server.shutdown()
    server.server_close()


def test_a_pull_request_that_edits_check_yml_still_gets_the_default_branchs_verdict(repos, github, monkeypatch):
    url, state = github
    repos.branch()
    forged = ("name: check\non: pull_request\npermissions: {}\njobs:\n  validate:\n    runs-on: ubuntu-24.04\n"
              "    steps:\n      - run: mkdir validation && echo 7 > validation/pr-number.txt && echo [] > "
              "validation/result.json\n")
    head = repos.commit({".github/workflows/check.yml": forged,
                         BETA: profile_with(["beta-clerk", "intruder"], "ベータ", "ベータ")})
    # the pull request's own run of check.yml is the forged one: it uploads "no problems" for pull request 7
    workspace = repos.tmp / "runner"
    run_job(repos.fork / ".github" / "workflows" / "check.yml", "validate", workspace, repos.origin, {})
    assert json.loads((workspace / "validation" / "result.json").read_text()) == []
    shutil.copytree(workspace / "validation", workspace / "artifacts" / "validation")
    # then the default branch's comment.yml answers
    state.update(head=head, author="intruder")
    monkeypatch.setenv("GITHUB_API_URL", url)
    job = run_job(WORKFLOWS / "comment.yml", "comment", workspace, repos.origin, {
        "github.event.repository.default_branch": "main", "github.event.workflow_run.id": "1",
        "secrets.GITHUB_TOKEN": "t0ken", "github.repository": "o/r", "github.event.workflow_run.head_sha": head,
        "github.event.workflow_run.html_url": "https://github.com/o/r/actions/runs/1"})
    assert not job.failed, job.output()
    [comment] = state["comments"]
    assert "❌ 直す必要がある点が 2 件" in comment["body"]
    assert in_comment(comment["body"], NOT_MAINTAINER.format(author="intruder"))
    assert in_comment(comment["body"], OUTSIDE)
    assert state["statuses"] == [(head, {"state": "failure", "context": "guidebook/verdict",
                                         "description": "直す必要がある点が 2 件 / 2 problem(s) to fix",
                                         "target_url": "https://github.com/o/r/actions/runs/1"})]


def test_comment_yml_says_nothing_for_a_commit_the_pull_request_has_moved_past(repos, github, monkeypatch):
    url, state = github
    repos.branch()
    head = repos.commit({BETA: repos.text(BETA) + "# 1\n"})
    job, _, _ = check(repos, "beta-clerk", head)
    workspace = repos.tmp / "runner"
    state.update(head="f" * 40, author="beta-clerk")  # pushed again since
    monkeypatch.setenv("GITHUB_API_URL", url)
    job = run_job(WORKFLOWS / "comment.yml", "comment", workspace, repos.origin, {
        "github.event.repository.default_branch": "main", "github.event.workflow_run.id": "1",
        "secrets.GITHUB_TOKEN": "t0ken", "github.repository": "o/r", "github.event.workflow_run.head_sha": head,
        "github.event.workflow_run.html_url": "https://github.com/o/r/actions/runs/1"})
    assert not job.failed, job.output()
    assert state["comments"] == [] and state["statuses"] == []
