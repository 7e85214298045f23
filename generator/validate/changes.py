"""Who may change what: the rules a pull request must follow, read from git.

A change (a pull request, or local work before one) is everything that differs between the merge base of REF and
HEAD, plus uncommitted and untracked files in the working tree, so that a clerk or staff member who checks before
committing gets the same answer the pull request will get. Untracked files count only inside the content folder, so
the output of tools (an egg-info, a build folder) is not taken for a change. In CI only the commits count.

Rules, unless the author is a staff account listed in site.yaml `staff:` (read from the merge base, so a change
cannot make its own author staff):
- one change touches one company's folder `content/companies/<slug>/` only;
- it touches nothing outside `content/companies/<slug>/`;
- with an author, the profile's `maintainers` at the merge base lists that account (a new company: the new profile's
  `maintainers` lists it). Reading the old list means nobody can add themselves to someone else's profile.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ContentError, Problem
from ..load.content import PROFILE
from ..load.yamlfile import YamlDoc, parse


class ChangesError(Exception):
    """git could not answer (not a repository, unknown REF): a usage problem, not a content problem."""


@dataclass
class ChangeScope:
    """What a change touched and the rule problems it broke."""

    files: list[str] = field(default_factory=list)  # changed paths, relative to the content root's parent repo
    companies: dict[str, list[str]] = field(default_factory=dict)  # slug -> changed paths in its folder
    outside: list[str] = field(default_factory=list)  # changed paths outside content/companies/<slug>/
    problems: list[Problem] = field(default_factory=list)
    staff: bool = False

    def folders(self, root: Path) -> list[Path] | None:
        """The company folders to validate: the changed ones that still exist; None (all) if anything else changed."""
        if self.outside:
            return None  # site.yaml, a vocabulary or the schema changed: every profile may be affected
        return [root / "companies" / slug for slug in sorted(self.companies)
                if (root / "companies" / slug).is_dir()]


def _git(cwd: Path, *args: str) -> str:
    try:
        run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError:
        raise ChangesError("git が見つかりません。 / git is not installed.") from None
    if run.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {run.stderr.strip()}")
    return run.stdout


def changed_files(top: Path, ref: str, content: str = ".") -> tuple[str, list[str]]:
    """The merge base of `ref` and HEAD, and every path changed since it: committed, staged, unstaged, and new
    (untracked) files under `content` (stray untracked files elsewhere, such as a tool's output, are no change)."""
    try:
        base = _git(top, "merge-base", ref, "HEAD").strip()
    except ChangesError as exc:
        raise ChangesError(f"「{ref}」と HEAD の共通の祖先が見つかりません。ブランチ名か、fetch-depth: 0 で取得したかを"
                           f"確認してください。 / no merge base of '{ref}' and HEAD (is the name right, was the history "
                           f"fetched with fetch-depth: 0?): {exc}") from None
    names = set()
    for args in (("diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD"),
                 ("diff", "--name-only", "--no-renames", "-z", "HEAD"),
                 ("ls-files", "--others", "--exclude-standard", "-z", "--", content)):
        names.update(n for n in _git(top, *args).split("\0") if n)
    return base, sorted(names)


def _read_at(top: Path, commit: str, path: str) -> YamlDoc | None:
    """A YAML file as it was at `commit`, or None when it did not exist there or cannot be read."""
    try:
        text = _git(top, "show", f"{commit}:{path}")
    except ChangesError:
        return None
    try:
        return parse(Path(path), text)
    except ContentError:
        return None


def _logins(doc: YamlDoc | None, key: str) -> set[str]:
    """GitHub accounts listed under `key`, case-folded as GitHub treats them."""
    value = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
    return {str(v).casefold() for v in value} if isinstance(value, list) else set()


def _m(ja: str, en: str) -> str:
    return f"{ja} / {en}"


def check_changes(root: Path, ref: str, author: str | None = None) -> ChangeScope:
    """Read the change since `ref` from git and check it against the rules above."""
    root = Path(root)
    top = Path(_git(root if root.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel").strip())
    rel_root = PurePosixPath(Path(root).resolve().relative_to(top.resolve()).as_posix())
    base, files = changed_files(top, ref, str(rel_root))
    scope = ChangeScope(files=files)
    companies_dir = rel_root / "companies"
    for name in files:
        path = PurePosixPath(name)
        parts = path.relative_to(companies_dir).parts if path.is_relative_to(companies_dir) else ()
        if len(parts) >= 2:
            scope.companies.setdefault(parts[0], []).append(name)
        else:
            scope.outside.append(name)

    staff = _logins(_read_at(top, base, str(rel_root / "site.yaml")), "staff")
    scope.staff = bool(author) and author.casefold() in staff
    if scope.staff:
        return scope

    def shown(name: str) -> str:
        return _display(top / name)

    def profile_of(slug: str) -> str:
        return str(companies_dir / slug / PROFILE)

    if len(scope.companies) > 1:
        slugs = "、".join(sorted(scope.companies))
        for slug, names in sorted(scope.companies.items()):
            at = profile_of(slug) if profile_of(slug) in names else names[0]
            scope.problems.append(Problem(shown(at), 1, 1, _m(
                f"1つのプルリクエストで変更できるのは1社のフォルダだけです（変更された会社: {slugs}）。"
                f"会社ごとに別のプルリクエストに分けてください。",
                f"one pull request may change one company's folder only (changed: {', '.join(sorted(scope.companies))}); "
                f"split it into one pull request per company."), "error", "changes-one-company"))
    for name in scope.outside:
        scope.problems.append(Problem(shown(name), 1, 1, _m(
            f"このファイルは会社のフォルダ（{companies_dir}/<会社>/）の外にあります。変更できるのは市の担当者だけです。"
            f"この変更を取り消すか、担当者に依頼してください。",
            f"this file is outside the company folders ({companies_dir}/<slug>/); only the municipality's staff may "
            f"change it. Undo this change or ask the staff."), "error", "changes-outside-content"))
    if author:
        for slug, names in sorted(scope.companies.items()):
            scope.problems += _check_maintainer(top, base, profile_of(slug), names, author, shown)
    return scope


def _check_maintainer(top: Path, base: str, profile: str, names: list[str], author: str, shown) -> list[Problem]:
    """The author must be a maintainer of the profile as it was at the merge base (or, for a new one, as it is)."""
    old = _read_at(top, base, profile)
    new_path = top / profile
    new = None
    if new_path.is_file():
        try:
            new = parse(new_path, new_path.read_text(encoding="utf-8-sig"))
        except (ContentError, UnicodeDecodeError):
            new = None  # the validator reports why it cannot be read
    allowed = _logins(old if old is not None else new, "maintainers")
    if author.casefold() in allowed:
        return []
    at = profile if profile in names or new is not None else names[0]
    line, col = new.where(("maintainers",)) if new is not None and "maintainers" in (new.data or {}) else (1, 1)
    if old is None:
        ja = (f"新しい会社のプロフィールを追加するときは、maintainers にあなたの GitHub アカウント「{author}」を"
              f"書いてください。例: maintainers: [{author}]")
        en = (f"a new company's profile must list your GitHub account '{author}' under maintainers, "
              f"e.g. maintainers: [{author}]")
    else:
        ja = (f"GitHub アカウント「{author}」はこの会社の maintainers に登録されていません。この会社の担当者に"
              f"プルリクエストを出してもらうか、市の担当者に登録を依頼してください。")
        en = (f"the GitHub account '{author}' is not among this company's maintainers; ask the company's maintainer "
              f"to open the pull request, or ask the municipality's staff to add you.")
    return [Problem(shown(at), line, col, _m(ja, en), "error", "changes-maintainer")]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
