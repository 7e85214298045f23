#!/usr/bin/env python3
"""The one pull-request comment of the validator: write it from the JSON result, and post or update it on GitHub.

`pr_comment.py body RESULT.json [--run-url URL]` prints the comment (Markdown) for `guidebook validate --format json`.
`pr_comment.py pull --repo OWNER/NAME --pr N --head-sha SHA` asks GitHub whether pull request N still points at SHA and
prints `author=LOGIN`, `author_id=ID` (the account's numeric id) and `number=N` (for $GITHUB_OUTPUT), or nothing
when it moved on.
`pr_comment.py post --repo OWNER/NAME --pr N --head-sha SHA BODY.md [--status RESULT.json]` posts it, or updates the
earlier comment that carries the hidden marker, so a pull request has exactly one answer however often it is pushed;
with --status it also sets the commit status "guidebook/verdict" of SHA from the result (the check branch protection
should require: the pull request's own run of check.yml could have been edited by the pull request).

It runs in the trusted `workflow_run` job, whose token may write: the result and the pull-request number come from
the contributor's run and are treated as untrusted data (shape checked, text escaped and shortened, and the pull
request must still point at the commit that was checked). Standard library only: nothing to install.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

MARKER = "<!-- guidebook-validate -->"
STATUS_CONTEXT = "guidebook/verdict"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\Z")
ZWSP = "&#8203;"  # a zero-width space: GitHub makes no link of `https​://…`, `www​.…` or `a@​b.example`
MAX_LISTED = 50
MAX_MESSAGE = 600
MAX_PATH = 200


def load_result(path: Path) -> list[dict] | None:
    """The problems in a `--format json` result (a list, or an object with `problems`); None when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict):
        data = data.get("problems")
    if not isinstance(data, list):
        return None
    return [p for p in data if isinstance(p, dict)]


def _text(value, limit: int) -> str:
    """Untrusted text made harmless in Markdown: one line, HTML escaped, Markdown markup characters neutralised."""
    text = " ".join(str(value if value is not None else "").split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    text = html.escape(text, quote=False)
    text = re.sub(r"([\\`*_\[\]|#~@!])", r"\\\1", text)  # no links, mentions, images or tables can be smuggled in
    # nor bare URLs and e-mail addresses, which GitHub would turn into links by itself
    text = re.sub(r"(?i)\b(https?|ftp|mailto|www)(?=[:.])", rf"\1{ZWSP}", text)
    return text.replace("@", f"@{ZWSP}")


def _int(value) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def body(problems: list[dict] | None, run_url: str = "") -> str:
    """The comment in Japanese and English: the problems of the change, or that all is well."""
    link = f"\n\n[検査の記録 / the check's log]({run_url})" if run_url.startswith("https://") else ""
    head = f"{MARKER}\n### ガイドブックの自動チェック / Guidebook check\n\n"
    if problems is None:
        return (head + "⚠️ 検査を最後まで実行できませんでした。市の担当者が確認します。\n"
                "The check could not finish; the municipality's staff will look at it." + link + "\n")
    errors = [p for p in problems if p.get("severity", "error") == "error"]
    warnings = [p for p in problems if p.get("severity") == "warning"]
    if not problems:
        return (head + "✅ 問題は見つかりませんでした。市の担当者が内容を確認してから公開します。\n"
                "All is well: no problems found. The municipality's staff will review and publish the change."
                + link + "\n")
    lines = [head.rstrip("\n") + "\n"]
    if errors:
        lines.append(f"❌ 直す必要がある点が {len(errors)} 件あります。下の説明に従ってファイルを直し、同じブランチに"
                     f"保存（コミット）してください。このコメントは自動で更新されます。\n"
                     f"{len(errors)} problem(s) must be fixed. Edit the file as described below and commit to the same "
                     f"branch; this comment updates itself.\n")
    else:
        lines.append("✅ 誤りはありませんが、確認してほしい点があります。\n"
                     "No errors, but please look at the notes below.\n")
    if warnings:
        lines.append(f"⚠️ 確認してほしい点（警告）: {len(warnings)} 件 / {len(warnings)} warning(s)\n")
    ordered = errors + warnings
    for p in ordered[:MAX_LISTED]:
        kind = "エラー / error" if p in errors else "警告 / warning"
        path = " ".join(str(p.get("path") or "?").split())[:MAX_PATH].replace("`", "'")
        where = f"`{path}`"  # inside a code span nothing is markup
        line = _int(p.get("line"))
        if line:
            where += f" {line}行目 (line {line})"
        lines.append(f"- **{kind}** {where}: {_text(p.get('message'), MAX_MESSAGE)}")
    if len(ordered) > MAX_LISTED:
        rest = len(ordered) - MAX_LISTED
        lines.append(f"- …ほか {rest} 件は検査の記録をご覧ください。 / {rest} more in the check's log.")
    lines.append("\n記入のしかた: docs/ja/company-guide.md / How to fill in the profile: docs/en/company-guide.md"
                 + link)
    return "\n".join(lines) + "\n"


class GitHub:
    """The few REST calls the comment needs."""

    def __init__(self, repo: str, token: str, api: str = "https://api.github.com"):
        if not re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", repo):
            raise SystemExit(f"bad repository name: {repo!r}")
        self.base = f"{api.rstrip('/')}/repos/{repo}"
        self.token = token

    def call(self, method: str, path: str, payload: dict | None = None):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=json.dumps(payload).encode() if payload is not None else None)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")


def pull_author(gh: GitHub, pr: int, head_sha: str) -> tuple[str, int] | None:
    """The login and numeric id of pull request `pr`'s author, or None when it no longer points at `head_sha`."""
    pull = gh.call("GET", f"/pulls/{pr}")
    if pull.get("head", {}).get("sha") != head_sha:
        return None
    user = pull.get("user") or {}
    login, account_id = str(user.get("login") or ""), user.get("id")
    if not LOGIN.match(login) or type(account_id) is not int or not 0 < account_id < 10 ** 12:
        return None
    return login, account_id


def verdict(problems: list[dict] | None) -> tuple[str, str]:
    """The commit status (state, description) of a result."""
    if problems is None:
        return "error", "検査を最後まで実行できませんでした / the check could not finish"
    errors = sum(1 for p in problems if p.get("severity", "error") == "error")
    if errors:
        return "failure", f"直す必要がある点が {errors} 件 / {errors} problem(s) to fix"
    return "success", "問題なし（担当者の確認待ち） / no problems found (staff review next)"


def set_status(gh: GitHub, head_sha: str, problems: list[dict] | None, run_url: str = "") -> str:
    """Set the commit status of `head_sha` from the result."""
    state, description = verdict(problems)
    payload = {"state": state, "context": STATUS_CONTEXT, "description": description[:140]}
    if run_url.startswith("https://"):
        payload["target_url"] = run_url
    gh.call("POST", f"/statuses/{head_sha}", payload)
    return f"status {state}"


def post(gh: GitHub, pr: int, head_sha: str, text: str) -> str:
    """Create or update the marked comment on pull request `pr`; refuse when the pull request moved on."""
    pull = gh.call("GET", f"/pulls/{pr}")
    if pull.get("head", {}).get("sha") != head_sha:
        return "skipped: the pull request has newer commits; their own check will comment"
    page = 1
    while True:
        comments = gh.call("GET", f"/issues/{pr}/comments?per_page=100&page={page}")
        for comment in comments:
            if MARKER in (comment.get("body") or "") and (comment.get("user") or {}).get("type") == "Bot":
                gh.call("PATCH", f"/issues/comments/{comment['id']}", {"body": text})
                return f"updated comment {comment['id']}"
        if len(comments) < 100:
            break
        page += 1
    created = gh.call("POST", f"/issues/{pr}/comments", {"body": text})
    return f"created comment {created.get('id')}"


def main(argv: list[str] | None = None) -> int:
    """Command line: `body` or `post`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("body", help="print the comment for a --format json result")
    b.add_argument("result", type=Path)
    b.add_argument("--run-url", default="")
    p = sub.add_parser("post", help="post or update the comment (needs GITHUB_TOKEN)")
    p.add_argument("body", type=Path)
    p.add_argument("--repo", required=True)
    p.add_argument("--pr", required=True, help="pull request number (from the untrusted artifact: checked)")
    p.add_argument("--head-sha", required=True)
    p.add_argument("--status", type=Path, help="also set the commit status from this --format json result")
    p.add_argument("--run-url", default="")
    q = sub.add_parser("pull", help="print author=LOGIN, author_id=ID and number=N if the pull request still points "
                       "at the SHA")
    q.add_argument("--repo", required=True)
    q.add_argument("--pr", required=True, help="pull request number (from the untrusted artifact: checked)")
    q.add_argument("--head-sha", required=True)
    args = parser.parse_args(argv)
    if args.command == "body":
        sys.stdout.write(body(load_result(args.result), args.run_url))
        return 0
    if not re.fullmatch(r"[0-9a-f]{40}", args.head_sha):
        print(f"error: not a commit: {args.head_sha[:60]!r}", file=sys.stderr)
        return 2
    if not re.fullmatch(r"[1-9][0-9]{0,9}", args.pr.strip()):
        print(f"error: not a pull request number: {args.pr[:40]!r}", file=sys.stderr)
        return 2
    gh = GitHub(args.repo, os.environ.get("GITHUB_TOKEN", ""), os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    try:
        if args.command == "pull":
            author = pull_author(gh, int(args.pr), args.head_sha)
            if author is None:
                print("the pull request has newer commits (their own check will answer) or no valid author",
                      file=sys.stderr)
            else:
                print(f"author={author[0]}\nauthor_id={author[1]}\nnumber={int(args.pr)}")
            return 0
        print(post(gh, int(args.pr), args.head_sha, args.body.read_text(encoding="utf-8")))
        if args.status is not None:
            print(set_status(gh, args.head_sha, load_result(args.status), args.run_url))
    except urllib.error.HTTPError as exc:
        print(f"error: GitHub answered {exc.code} {exc.reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
