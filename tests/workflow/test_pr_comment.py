"""tools/pr_comment.py: the comment text from a validation result, and one comment per pull request on GitHub."""
from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "tools"))
import pr_comment  # noqa: E402

from tests.conftest import guidebook  # noqa: E402

from .conftest import git  # noqa: E402


def result_of(repo: Path, author: str) -> str:
    """The JSON the check workflow records: `guidebook validate --changed-since main --author … --format json`."""
    run = guidebook("validate", "--changed-since", "main", "--author", author, "--format", "json", cwd=repo)
    assert run.returncode == 1, run.stderr
    return run.stdout


def test_all_is_well_says_so_in_both_languages():
    text = pr_comment.body([])
    assert text.startswith(pr_comment.MARKER)
    assert "問題は見つかりませんでした" in text and "All is well" in text


def test_problems_of_another_company_change_are_listed_with_file_and_line(repo):
    path = repo / "content" / "companies" / "beta" / "company.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "employees: たくさん\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "beta")
    (repo / "result.json").write_text(result_of(repo, "alpha-clerk"), encoding="utf-8")
    assert {p["rule"] for p in json.loads((repo / "result.json").read_text(encoding="utf-8"))} >= {"changes-maintainer"}
    run = subprocess.run([sys.executable, str(PROJECT / "tools" / "pr_comment.py"), "body", "result.json",
                          "--run-url", "https://github.com/o/r/actions/runs/1"], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0
    text = run.stdout
    assert "❌ 直す必要がある点が 2 件" in text  # not a maintainer + the bad employees value
    line = len(path.read_text(encoding="utf-8").splitlines())  # employees: the last line; maintainers above it
    assert f"`content/companies/beta/company.yaml` {line - 1}行目 (line {line - 1})" in text
    assert f"`content/companies/beta/company.yaml` {line}行目 (line {line})" in text
    assert "maintainers に登録されていません" in text
    assert "(https://github.com/o/r/actions/runs/1)" in text


def test_untrusted_text_cannot_smuggle_markup_or_mentions():
    text = pr_comment.body([{"path": "a`b\nc", "line": "x", "severity": "error",
                             "message": "<img src=x onerror=alert(1)> @everyone [link](https://evil.example) " + "長" * 900}])
    assert "<img" not in text and "&lt;img" in text
    assert "@everyone" not in text and "\\@&#8203;everyone" in text and "\\[link\\]" in text
    assert "`a'b c`" in text
    assert "長" * 600 not in text


def test_an_unreadable_result_says_the_check_did_not_finish(tmp_path):
    (tmp_path / "r.json").write_text("{not json", encoding="utf-8")
    text = pr_comment.body(pr_comment.load_result(tmp_path / "r.json"))
    assert "検査を最後まで実行できませんでした" in text


HEAD = "abc123" + "0" * 34


def test_bare_urls_and_addresses_in_a_message_do_not_become_links():
    text = pr_comment.body([{"path": "x", "line": 1, "severity": "error",
                             "message": "see https://evil.example/login, WWW.evil.example or boss@evil.example"}])
    for autolinked in ("https://", "WWW.", "boss@evil"):  # GitHub links these by itself
        assert autolinked not in text
    assert "https&#8203;://evil.example/login" in text and "WWW&#8203;.evil.example" in text


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """Just enough of the REST API: one pull request, its comments."""

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
        assert self.headers["Authorization"] == "Bearer t0ken"
        if self.path == "/repos/o/r/pulls/7":
            return self._send({"number": 7, "head": {"sha": self.state["head"]}})
        if self.path.startswith("/repos/o/r/issues/7/comments"):
            return self._send(self.state["comments"] if "page=1" in self.path else [])
        self._send({}, 404)

    def do_POST(self):
        data = self._read()
        comment = {"id": len(self.state["comments"]) + 100, "body": data["body"], "user": {"type": "Bot"}}
        self.state["comments"].append(comment)
        self._send(comment, 201)

    def do_PATCH(self):
        data = self._read()
        cid = int(self.path.rsplit("/", 1)[1])
        for comment in self.state["comments"]:
            if comment["id"] == cid:
                comment["body"] = data["body"]
        self._send({"id": cid})


@pytest.fixture
def github():
    FakeGitHub.state = {"head": HEAD, "comments": [{"id": 1, "body": "LGTM", "user": {"type": "User"}},
                                                       {"id": 2, "body": "a human quoting " + pr_comment.MARKER,
                                                        "user": {"type": "User"}}]}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", FakeGitHub.state
    server.shutdown()
    server.server_close()


def post(url: str, tmp_path: Path, body: str, pr: str = "7", sha: str = HEAD) -> subprocess.CompletedProcess:
    (tmp_path / "comment.md").write_text(body, encoding="utf-8")
    return subprocess.run([sys.executable, str(PROJECT / "tools" / "pr_comment.py"), "post", "comment.md",
                           "--repo", "o/r", "--pr", pr, "--head-sha", sha], cwd=tmp_path, capture_output=True,
                          text=True, env={"GITHUB_TOKEN": "t0ken", "GITHUB_API_URL": url, "PATH": "/usr/bin:/bin"})


def test_the_comment_is_created_once_then_updated(github, tmp_path):
    url, state = github
    first = post(url, tmp_path, pr_comment.body([{"path": "x", "line": 1, "message": "m"}]))
    assert first.returncode == 0 and "created" in first.stdout
    second = post(url, tmp_path, pr_comment.body([]))
    assert second.returncode == 0 and "updated" in second.stdout
    ours = [c for c in state["comments"] if c["user"]["type"] == "Bot"]
    assert len(ours) == 1 and "All is well" in ours[0]["body"]
    assert state["comments"][1]["body"].startswith("a human")  # a person's comment with the marker is left alone


def test_a_result_for_an_older_commit_or_a_forged_number_is_not_posted(github, tmp_path):
    url, state = github
    assert "skipped" in post(url, tmp_path, "x", sha="0" * 40).stdout
    assert post(url, tmp_path, "x", sha="HEAD; rm -rf /").returncode == 2
    assert post(url, tmp_path, "x", pr="7; rm -rf /").returncode == 2
    assert len(state["comments"]) == 2


class _Pull:
    """A GitHub whose pull request 7 has `user` as its author, at HEAD."""
    def __init__(self, user):
        self.user = user

    def call(self, method, path, payload=None):
        return {"number": 7, "head": {"sha": HEAD}, "user": self.user}


def test_the_author_is_named_with_the_numeric_id_that_pins_the_person():
    assert pr_comment.pull_author(_Pull({"login": "beta-clerk", "id": 583231}), 7, HEAD) == ("beta-clerk", 583231)
    assert pr_comment.pull_author(_Pull({"login": "beta-clerk", "id": 583231}), 7, "f" * 40) is None  # moved on


@pytest.mark.parametrize("user", [{"login": "beta-clerk"}, {"login": "beta-clerk", "id": "583231"},
                                  {"login": "beta-clerk", "id": True}, {"login": "beta-clerk", "id": 0},
                                  {"login": "beta clerk", "id": 5}, None])
def test_an_author_without_a_usable_id_or_login_gets_no_verdict(user):
    assert pr_comment.pull_author(_Pull(user), 7, HEAD) is None
