"""Who may change what: the rules a pull request must follow, read from git.

A change (a pull request, or local work before one) is everything that merging HEAD into REF would change on REF,
plus uncommitted and untracked files in the working tree, so that a clerk or staff member who checks before
committing gets the same answer the pull request will get. Untracked files count only inside the content folder, so
the output of tools (an egg-info, a build folder) is not taken for a change. In CI only the commits count.

Who may make it is read from REF itself, the tip of the base branch when the check runs, never from the merge base:
a maintainer or staff member removed on the default branch loses the right at once, however old the branch they
work on. Rules, unless the author is a staff account listed in REF's site.yaml `staff:` (a change cannot make its
own author staff):
- one change touches one company's folder `content/companies/<slug>/` only, and adds only plain files there (no
  symbolic link, no submodule: their content would come from elsewhere);
- it touches nothing outside `content/companies/<slug>/`;
- with an author, the profile's `maintainers` at REF lists that account (a new company, or a change of
  maintainers, is then a warning: the check cannot judge it, the reviewing staff must); an entry `login#id` is
  that account only (accounts.py: a login can be registered again by someone else, its numeric id cannot). A folder that exists at REF is never a new
  company: if its profile cannot be read there, nobody but staff may change it (fail closed). Only a folder that
  does not exist at REF is new, and then the new profile's `maintainers` must list the author.
The checks across companies (look-alike folder name, same 法人番号, same name) compare the changed profiles with
every other profile at REF: `others()` reads just their identities.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ContentError, Problem
from ..files import link_or_copy
from ..gitrun import git, top_of
from ..load.content import PROFILE, SLUG
from ..load.yamlfile import YamlDoc, decode, parse
from ..model.text import block_numbers
from .accounts import Account, entries, impostor, matching


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
    top: Path | None = None  # the git repository holding the content
    base: str = ""  # REF as a commit: where ownership and the other companies are read
    merged: str | None = None  # the tree of REF with the change merged in; None when the merge has conflicts
    companies_dir: PurePosixPath = PurePosixPath("content/companies")

    def folders(self, root: Path) -> list[Path] | None:
        """The company folders to validate: the changed ones that still exist; None (all) if anything else changed."""
        if self.outside:
            return None  # site.yaml, a vocabulary or the schema changed: every profile may be affected
        return [root / "companies" / slug for slug in sorted(self.companies)
                if (root / "companies" / slug).is_dir()]

    def base_view(self, root: Path, dest: Path) -> Path | None:
        """A content folder under `dest` in which to judge the changed companies as they will be after the merge:
        their folders as the merge of the change into REF makes them (`merged`: a branch made before staff added two
        products adds two more, each fine alone, and the merge holds both; when the merge has conflicts, refused
        anyway, as they are under `root`), everything else of the repository (settings,
        vocabularies, schema, pages, and a theme or ICC profile kept beside content/) as it is at REF, where the
        deploy will read it; the content folder sits at the same place in `dest` as in the repository, so a path in
        site.yaml such as ../themes/momiji leads to REF's file. A branch made before staff removed a term would
        otherwise be judged with its own old vocabulary and pass, and the deploy's validation fail after the merge.
        None when the change touches more than company folders (then it is judged where it is: a staff change, or
        refused anyway) or a changed folder is a link (refused, and judged where it points)."""
        if self.outside or any((root / "companies" / slug).is_symlink() for slug in self.companies):
            return None
        companies = f"{self.companies_dir}/"
        for name, data in _files_at(self.top, self.base, []):
            if not name.startswith(companies):
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        view = dest / self.companies_dir.parent
        (view / "companies").mkdir(parents=True, exist_ok=True)
        if self.merged is not None:  # as the default branch will have them: staff's changes since the fork included
            for name, data in _files_at(self.top, self.merged, [f"{self.companies_dir}/{slug}/"
                                                                for slug in sorted(self.companies)]):
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            return view
        for slug in self.companies:  # a merge with conflicts, refused anyway: the change's own folders
            folder = root / "companies" / slug
            if folder.is_dir():
                shutil.copytree(folder, view / "companies" / slug, symlinks=True, copy_function=link_or_copy)
        return view

    def others(self) -> list:
        """The identity facts of every profile at REF except the changed companies' (see identity.facts_from_text)."""
        from .identity import facts_from_text

        texts = profiles_at(self.top, self.base, self.companies_dir)
        folder = display(self.top / self.companies_dir / "x")[:-1]  # shown once: each profile is folder/slug/…
        return [f for slug, text in texts.items() if slug not in self.companies
                for f in [facts_from_text(slug, f"{folder}{slug}/{PROFILE}", text)] if f is not None]


def _files_at(top: Path, tree: str, paths: list[str]) -> list[tuple[str, bytes]]:
    """(path, bytes) of every plain file under `paths` in `tree` (links and submodules left out: a view holds only
    files, and never a name that climbs out of it)."""
    listed = _git(top, "ls-tree", "-r", "-z", "--full-tree", tree, *(["--", *paths] if paths else []))
    wanted: list[tuple[str, str]] = []
    for entry in listed.split(b"\0"):
        meta, _, raw = entry.partition(b"\t")
        fields = meta.split()
        name = raw.decode("utf-8", "surrogateescape")
        if len(fields) == 3 and fields[1] == b"blob" and fields[0] in (b"100644", b"100755") \
                and ".." not in PurePosixPath(name).parts and not PurePosixPath(name).is_absolute():
            wanted.append((name, fields[2].decode()))
    return [(name, data) for (name, _), data in zip(wanted, _blobs(top, [sha for _, sha in wanted]))
            if data is not None]


def _git(top: Path, *args: str, data: bytes | None = None, env: dict | None = None) -> bytes:
    """git's raw output: file names are bytes, and a committed name need not be UTF-8."""
    try:
        run = git(top, *args, data=data, env=env)
    except FileNotFoundError:
        raise ChangesError("git が見つかりません。 / git is not installed.") from None
    if run.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {run.stderr.decode('utf-8', 'replace').strip()}")
    return run.stdout


def _names(raw: bytes) -> list[str]:
    """NUL-separated file names; bytes that are not UTF-8 are kept as surrogates (see _readable)."""
    return [n.decode("utf-8", "surrogateescape") for n in raw.split(b"\0") if n]


def _readable(name: str) -> str:
    """A file name safe to print: bytes that were not UTF-8 shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def changed_files(top: Path, ref: str, content: str = ".") -> tuple[str, list[str]]:
    """The merge base of `ref` and HEAD, and every path that merging HEAD into `ref` would change, plus staged,
    unstaged and new (untracked) files under `content` (stray untracked files elsewhere, such as a tool's output, are
    no change)."""
    fork, names, _ = _change(top, ref, content)
    return fork, names


def _change(top: Path, ref: str, content: str = ".") -> tuple[str, list[str], str | None | bool]:
    """changed_files, and the tree of the merge (None when it has conflicts): the folders as the default branch will
    have them after the merge, with the working tree's uncommitted and untracked files as if committed; when git
    cannot take the local work, whether HEAD alone merges without conflicts (True/False) instead."""
    try:
        forks = _git(top, "merge-base", "--all", ref, "HEAD").decode().split()
    except ChangesError as exc:
        raise ChangesError(f"「{ref}」と HEAD の共通の祖先が見つかりません。ブランチ名か、fetch-depth: 0 で取得したかを"
                           f"確認してください。 / no merge base of '{ref}' and HEAD (is the name right, was the history "
                           f"fetched with fetch-depth: 0?): {exc}") from None
    local: set[str] = set()
    for args in (("diff", "--name-only", "--no-renames", "-z", "HEAD"),
                 ("ls-files", "--others", "--exclude-standard", "-z", "--", content)):
        local.update(_names(_git(top, "-c", "core.quotePath=false", *args)))
    try:
        head = _with_work_tree(top, sorted(local)) if local else "HEAD"
    except ChangesError:  # local work git cannot take (a nested repository without a commit): judged where it is
        head = ""
    merged, tree = _merged_changes(top, ref, forks, head or "HEAD")
    return forks[0], sorted(set(merged) | local), tree if head else (tree is not None)


def _with_work_tree(top: Path, names: list[str]) -> str:
    """A commit (in git's object store only: no branch, no index or work tree touched) of HEAD with the working
    tree's version of `names`, so that local work is merged as the pull request made of it will be."""
    with tempfile.TemporaryDirectory(prefix="guidebook-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_LITERAL_PATHSPECS": "1",
               "GIT_AUTHOR_NAME": "guidebook", "GIT_AUTHOR_EMAIL": "guidebook@localhost",
               "GIT_COMMITTER_NAME": "guidebook", "GIT_COMMITTER_EMAIL": "guidebook@localhost"}
        _git(top, "read-tree", "HEAD", env=env)
        data = b"".join(n.encode("utf-8", "surrogateescape") + b"\0" for n in names)
        _git(top, "add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul", data=data, env=env)
        tree = _git(top, "write-tree", env=env).decode().strip()
        return _git(top, "commit-tree", tree, "-p", "HEAD", "-m", "guidebook check: work tree", env=env).decode().strip()


def _merged_changes(top: Path, ref: str, forks: list[str], head: str = "HEAD") -> tuple[list[str], str | None]:
    """The paths that merging `head` into `ref` changes on `ref`, and the merge's tree (None: it has conflicts).

    Diffing one merge base against HEAD is not that: after a criss-cross merge there are several merge bases, and a
    branch can carry an old version of another company's file that the diff from the newest base does not show but
    the real merge (whose base is made of all of them) writes back onto the default branch. So the merge itself is
    made (in git's object store only) and compared with `ref`; where it cannot be made (a conflict), every path that
    differs from any merge base counts, which can only flag more."""
    run = git(top, "merge-tree", "--write-tree", "--no-messages", "-z", ref, head)
    if run.returncode == 0:
        tree = run.stdout.split(b"\0", 1)[0].strip().decode()
        return _names(_git(top, "-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z", ref,
                           tree)), tree
    if run.returncode != 1:  # not a conflict: git could not merge at all (older than 2.38, a broken repository)
        raise ChangesError(f"git merge-tree: {run.stderr.decode('utf-8', 'replace').strip()}")
    names: set[str] = set()
    for fork in forks:
        names.update(_names(_git(top, "-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z",
                                 fork, head)))
    return sorted(names), None


# names that make a folder look like a git repository to git (a bare one: HEAD, objects/, refs/, its config)
GIT_NAMES = frozenset({"HEAD", "config", "objects", "refs", "packed-refs", "commondir", "gitdir"})


def _repository_of(root: Path) -> tuple[Path, PurePosixPath]:
    """The git work tree that holds `root` as written, and `root` relative to it.

    Found from the nearest folder of `root` that is not a symbolic link: a pull request that replaces content/ with a
    link to another checkout must be judged in its own repository (where the link is a change), not in the one the
    link leads to (where nothing changed)."""
    lexical = Path(os.path.abspath(root))
    start, rest = lexical, []
    while start.is_symlink() or not start.is_dir():
        rest.insert(0, start.name)
        start = start.parent
    top = top_of(start)  # never git's own search: it would take a committed content/HEAD, refs/… for a repository
    if top is None:
        raise ChangesError(f"{start} は git のリポジトリの中にありません。 / {start} is not inside a git repository.")
    inside = Path(os.path.realpath(start)).relative_to(os.path.realpath(top))
    return top, PurePosixPath(inside.as_posix(), *rest)


def _commit(top: Path, ref: str) -> str:
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except ChangesError:
        raise ChangesError(f"「{ref}」というブランチやコミットが見つかりません。 / no branch or commit '{ref}'.") from None


def _blob(top: Path, commit: str, path: str) -> bytes | None:
    """A file's bytes as it was at `commit`, or None when it did not exist there."""
    try:
        return _git(top, "cat-file", "blob", f"{commit}:{path}")
    except ChangesError:
        return None


def _exists_at(top: Path, commit: str, path: str) -> bool:
    return bool(_git(top, "ls-tree", "-z", "--name-only", commit, "--", path).strip(b"\0"))


def _read_at(top: Path, commit: str, path: str) -> YamlDoc | None:
    """A YAML file as it was at `commit`, or None when it did not exist there or cannot be read."""
    raw = _blob(top, commit, path)
    if raw is None:
        return None
    try:
        return parse(Path(path), decode(Path(path), raw))
    except ContentError:
        return None


def profiles_at(top: Path, commit: str, companies_dir: PurePosixPath) -> dict[str, str]:
    """slug -> the text of its profile at `commit`, for every company folder there: one listing of the tree, then
    every profile by its object id through one `git cat-file --batch` (by path, each would search the folder again)."""
    listed = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{companies_dir}/")
    wanted: list[tuple[str, str]] = []
    prefix = f"{companies_dir}/"
    for entry in listed.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        parts = name.decode("utf-8", "replace").removeprefix(prefix).split("/")
        if len(parts) == 2 and parts[1] == PROFILE and SLUG.match(parts[0]) and meta.split()[1:2] == [b"blob"]:
            wanted.append((parts[0], meta.split()[2].decode()))
    return {slug: data.decode("utf-8-sig", "replace")
            for (slug, _), data in zip(wanted, _blobs(top, [sha for _, sha in wanted])) if data is not None}


def _blobs(top: Path, shas: list[str]) -> list[bytes | None]:
    """The bytes of each object, in order, through one `git cat-file --batch`; None for one git does not have."""
    if not shas:
        return []
    out, at, found = _git(top, "cat-file", "--batch", data="".join(f"{sha}\n" for sha in shas).encode()), 0, []
    for _ in shas:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<sha> missing"
            found.append(None)
            continue
        size = int(header[2])
        found.append(out[at:at + size])
        at += size + 1
    return found


def _accounts(doc: YamlDoc | None, key: str) -> list[Account]:
    """The GitHub accounts listed under `key`."""
    return entries(doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None)


def _m(ja: str, en: str) -> str:
    return f"{ja} / {en}"


def check_changes(root: Path, ref: str, author: str | None = None, author_id: int | None = None) -> ChangeScope:
    """Read the change since `ref` from git and check it against the rules above (`author_id`: the author's numeric
    GitHub id, which the pull-request check always knows)."""
    top, rel_root = _repository_of(Path(root))
    base = _commit(top, ref)
    _, files, merged = _change(top, base, str(rel_root))
    conflict = merged is None or merged is False
    merged = merged if isinstance(merged, str) else None  # True/False: the work tree could not be merged
    companies_dir = rel_root / "companies"
    scope = ChangeScope(files=[_readable(f) for f in files], top=top, base=base, companies_dir=companies_dir,
                        merged=merged)
    odd: list[str] = []  # names that are not UTF-8
    links: list[str] = []  # symbolic links
    folders: list[str] = []  # changed paths that are folders here
    gitty: list[str] = []  # git's own files: .gitattributes, or HEAD, objects/ … that make a folder a repository
    for name in files:
        path = PurePosixPath(name)
        if path.is_relative_to(rel_root) and any(p.startswith(".git") or p in GIT_NAMES
                                                 for p in path.relative_to(rel_root).parts):
            gitty.append(_readable(name))
        parts = path.relative_to(companies_dir).parts if path.is_relative_to(companies_dir) else ()
        shown_name = _readable(name)
        if shown_name != name:
            odd.append(shown_name)
        if (top / name).is_symlink():
            links.append(shown_name)
        elif (top / name).is_dir():  # a submodule, or a file (company.yaml, a photo) replaced by a folder
            folders.append(shown_name)
        if len(parts) >= 2:
            scope.companies.setdefault(_readable(parts[0]), []).append(shown_name)
        else:
            scope.outside.append(shown_name)

    staff = _accounts(_read_at(top, base, str(rel_root / "site.yaml")), "staff")
    scope.staff = bool(author) and matching(staff, author, author_id) is not None

    def shown(name: str) -> str:
        return display(top / name)

    for name in odd:  # even staff: a clerk on Windows or macOS could not check the repository out
        scope.problems.append(Problem(shown(name), 1, 1, _m(
            "ファイル名の文字コードが UTF-8 ではありません（読めない文字を � で示しています）。ファイル名を半角英数字に"
            "付け直してください。",
            "this file name is not UTF-8 (unreadable bytes shown as �); rename the file using plain letters and "
            "digits."), "error", "changes-file-name"))
    for name in gitty:  # even staff: they change what git does with the files, in the check and on every clone
        scope.problems.append(Problem(shown(name), 1, 1, _m(
            "git の設定や管理用のファイル（.gitattributes、.gitmodules、HEAD、config、objects/、refs/ など）はコンテンツの"
            "フォルダに置けません。リポジトリの動き（ファイルの文字コードや、実行されるコマンド）を変えてしまうためです。"
            "このファイルを削除してください。",
            "git's own files (.gitattributes, .gitmodules, HEAD, config, objects/, refs/ …) are not allowed in the "
            "content folder: they change what git does (a file's encoding, commands it runs). Delete this file."),
            "error", "changes-git-file"))
    for name in links:
        scope.problems.append(Problem(shown(name), 1, 1, _m(
            "シンボリックリンクは置けません（中身がリポジトリの外から来るため）。普通のファイルを置いてください。",
            "symbolic links are not allowed (their content would come from outside the repository); add a plain "
            "file."), "error", "changes-link"))
    for name in folders:
        scope.problems.append(Problem(shown(name), 1, 1, _m(
            "ファイルがあるべき場所がフォルダ（またはサブモジュール）になっています。company.yaml や写真は普通のファイル"
            "として置いてください。",
            "a folder (or a submodule) stands where a file should be; company.yaml and photos must be plain files."),
            "error", "changes-folder"))
    if conflict:  # what the deploy would build cannot be known, so it cannot be judged
        at = next((str(companies_dir / slug / PROFILE) for slug in sorted(scope.companies)), None) or \
            (scope.files[0] if scope.files else str(rel_root / "site.yaml"))
        scope.problems.append(Problem(shown(at), 1, 1, _m(
            "このブランチは、既定のブランチ（main）でその後に行われた変更と衝突しています（同じファイルが両方で変更されて"
            "います）。プルリクエストの「Update branch」（ブランチを更新）を押すか、main を取り込んで衝突を解消してから、"
            "もう一度チェックを受けてください。",
            "this branch conflicts with changes made on the default branch (main) since (the same file was changed on "
            "both): update the branch (the pull request's “Update branch” button, or merge main into it and resolve "
            "the conflicts), and the check runs again."), "error", "changes-conflict"))
    if scope.staff:
        return scope

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
    for slug, names in sorted(scope.companies.items()):
        scope.problems += _stray_files(top, companies_dir / slug, names, shown, merged)
    if author:
        for slug, names in sorted(scope.companies.items()):
            scope.problems += _check_maintainer(top, base, companies_dir / slug, names, (author, author_id),
                                                shown, merged)
    return scope


def _stray_files(top: Path, folder: PurePosixPath, names: list[str], shown,
                 merged: str | None) -> list[Problem]:
    """Added or changed files of a company folder that its profile does not use: a catalogue, a spare photo, a
    30 MB archive would stay in the repository's history for ever, unchecked (the validator checks only the images
    a profile names). The profile is read as the merge has it, as the validator reads it (the checkout's copy can
    differ: a .gitattributes encoding made it unreadable here and hid the strays); unread when it cannot be
    parsed: the validator reports that."""
    profile = top / folder / PROFILE
    try:
        raw = _profile_bytes(top, folder, merged)
        doc = parse(profile, decode(profile, raw)) if raw is not None else None
    except (OSError, ContentError):
        doc = None
    if doc is None:
        return []
    images = doc.data.get("images") if isinstance(doc.data, dict) else None
    used = {PROFILE}
    if isinstance(images, dict):
        used.add(str(images.get("logo")))
        used.update(str(p.get("file")) for p in images.get("photos") or [] if isinstance(p, dict))
    problems = []
    for name in names:
        inside = PurePosixPath(name).relative_to(folder).as_posix() if PurePosixPath(name).is_relative_to(folder) \
            else name
        if inside in used or not (top / name).is_file():  # a deleted file is no stray
            continue
        problems.append(Problem(shown(name), 1, 1, _m(
            f"このファイル（{inside}）はプロフィール（company.yaml）で使われていません。写真なら company.yaml の "
            f"images: に書き足し、要らないファイルなら削除してください。",
            f"this file ({inside}) is not used by the profile (company.yaml): if it is a photo, add it under images: "
            f"in company.yaml; otherwise delete it."), "error", "changes-unused-file"))
    return problems


def _profile_bytes(top: Path, folder: PurePosixPath, merged: str | None) -> bytes | None:
    """A company's profile as the merge has it (what the validator reads), not the checkout's copy, which a
    .gitattributes can re-encode; the checkout's when the merge has conflicts; None when there is none."""
    if merged:
        return _blob(top, merged, str(folder / PROFILE))
    path = top / folder / PROFILE
    return path.read_bytes() if path.is_file() else None


def _check_maintainer(top: Path, base: str, folder: PurePosixPath, names: list[str], who: tuple[str, int | None],
                      shown, merged: str | None) -> list[Problem]:
    """The author (login, numeric id) must be a maintainer of the profile as it is at `base` (or, for a new company,
    as it is now)."""
    author, author_id = who
    profile = str(folder / PROFILE)
    existing = _exists_at(top, base, str(folder))  # a folder on the base branch is never new
    old = _read_at(top, base, profile) if existing else None
    new_path = top / profile
    new = None
    raw = _profile_bytes(top, folder, merged) if not new_path.is_symlink() else None
    if raw is not None:
        try:
            new = parse(new_path, decode(new_path, raw))
        except ContentError:
            new = None  # the validator reports why it cannot be read
    at = profile if profile in names or new is not None else names[0]
    line, col = new.where(("maintainers",)) if new is not None and "maintainers" in (new.data or {}) else (1, 1)
    if existing and old is None:  # fail closed: who owns it cannot be known, so only staff may change it
        return [Problem(shown(at), 1, 1, _m(
            "この会社のフォルダは公開中のガイドブック（既定のブランチ）にありますが、そこでのプロフィール（company.yaml）が"
            "読み取れないため、変更してよい担当者（maintainers）を確認できません。この会社を変更できるのは市の担当者だけです。"
            "市の担当者に連絡してください。",
            "this company's folder exists on the default branch, but its profile (company.yaml) there cannot be read, "
            "so who may change it (maintainers) cannot be known; only the municipality's staff may change this "
            "company. Please contact them."), "error", "changes-owner-unknown")]
    allowed = _accounts(old if existing else new, "maintainers")
    entry = matching(allowed, author, author_id)
    if entry is not None:
        if existing and raw is None and not new_path.is_symlink():  # the company leaves: a person must confirm it
            return [Problem(shown(at), 1, 1, _m(
                "この会社のプロフィールを削除し、ガイドブックから外す変更です。市の担当者が会社に確認してから取り込みます。",
                "this change deletes the company's profile and removes the company from the guidebook; the "
                "municipality's staff will confirm it with the company before merging."), "warning",
                "changes-company-removed")]
        notes = _for_the_reviewer(old if existing else None, new, shown(at), line, col)
        if not existing and new is not None:
            notes += _copied_contacts(top, base, folder, new, shown(at))
        return notes + _pin(entry, author, author_id, shown(at), line, col)
    yours = Account(author, author_id)
    taken = impostor(allowed, author, author_id)
    if taken is not None:
        ja = (f"この会社の maintainers の「{taken}」は、名前は同じでも別の GitHub アカウント（ID {taken.id}）です。"
              f"あなたのアカウントの ID は {author_id} です。アカウント名が取り直された可能性があるため、変更できません。"
              f"市の担当者に連絡してください。")
        en = (f"'{taken}' among this company's maintainers is another GitHub account with the same name (id "
              f"{taken.id}); yours is {author_id}. The name may have been registered again by someone else, so this "
              f"change is refused; please contact the municipality's staff.")
        return [Problem(shown(at), line, col, _m(ja, en), "error", "changes-maintainer-id")]
    if not existing:
        ja = (f"新しい会社のプロフィールを追加するときは、maintainers にあなたの GitHub アカウント「{yours}」を"
              f"書いてください。例: maintainers: [{yours}]")
        en = (f"a new company's profile must list your GitHub account '{yours}' under maintainers, "
              f"e.g. maintainers: [{yours}]")
    else:
        ja = (f"GitHub アカウント「{author}」はこの会社の maintainers に登録されていません。この会社の担当者に"
              f"プルリクエストを出してもらうか、市の担当者に登録を依頼してください。")
        en = (f"the GitHub account '{author}' is not among this company's maintainers; ask the company's maintainer "
              f"to open the pull request, or ask the municipality's staff to add you.")
    return [Problem(shown(at), line, col, _m(ja, en), "error", "changes-maintainer")]


CONTACTS = [(("contact", "phone"), "電話番号", "phone number"), (("contact", "fax"), "FAX 番号", "fax number"),
            (("contact", "email"), "メールアドレス", "e-mail address"), (("contact", "website"), "ウェブサイト", "website"),
            (("address", "street"), "番地", "street address")]
_KIND = {"phone": "phone", "fax": "phone", "email": "email", "website": "website", "street": "street"}
_DASHES = re.compile(r"[\-‐‑‒–—―−－ｰー]")
_BLOCKS = re.compile(r"(?<=[0-9])\s*(?:丁目|番地|番|号|の)+\s*")
_KE = re.compile(r"[ヶケヵカがガｹ](?=[丘谷島崎原沢窪関浦台山])")


def same_contact(kind: str, value: str) -> str:
    """`value` reduced to what stays when the same phone, e-mail, website or street is written another way: NFKC
    (full-width digits and letters), only the digits of a phone (+81 as 0), an e-mail and a website's host and path
    in lower case (no scheme, no www., no trailing slash), a street's block numbers in digits (二丁目 is 2丁目) and
    丁目/番地/番/号/の as hyphens, ケ/ヶ/が in a place name alike and no spaces. "" when nothing is left to compare."""
    text = unicodedata.normalize("NFKC", value).strip()
    if kind == "phone":
        if text.startswith("+81"):
            text = "0" + re.sub(r"^\s*\(0\)", "", text[3:])
        digits = re.sub(r"[^0-9]", "", text)
        return digits if len(digits) >= 6 else ""
    if kind == "email":
        return text.lower().removeprefix("mailto:")
    if kind == "website":
        text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.lower())
        host, _, path = text.partition("/")
        host = host.rsplit("@", 1)[-1].removeprefix("www.").removesuffix(".").split(":")[0]
        path = re.sub(r"(?:/|/?index\.html?)$", "", "/" + path.split("#")[0].split("?")[0]).strip("/")
        return f"{host}/{path}" if path else host
    text = _KE.sub("ケ", _BLOCKS.sub("-", _DASHES.sub("-", block_numbers(re.sub(r"\s+", "", text)))))
    return re.sub(r"-+", "-", text).strip("-").lower()


def _contact_values(data) -> list[tuple[tuple[str, str], str]]:
    """(pointer, value) of each contact field of a profile's data that is a string."""
    found = []
    for pointer, _, _ in CONTACTS:
        group = data.get(pointer[0]) if isinstance(data, dict) else None
        value = group.get(pointer[1]) if isinstance(group, dict) else None
        if isinstance(value, str) and value.strip():
            found.append((pointer, value.strip()))
    return found


def _as_compared(kind: str, value: str, limit: int = 80) -> str:
    """A contact value as the warning quotes it: a website without what the comparison ignores (?query, #fragment,
    where a pull request could write a note to the reviewer), and no value longer than `limit` characters."""
    if kind == "website":
        value = value.split("#")[0].split("?")[0]
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _copied_contacts(top: Path, base: str, folder: PurePosixPath, new: YamlDoc, shown: str) -> list[Problem]:
    """Warnings for a new company whose phone, fax, e-mail, website or street address is in another company's
    profile on the base branch, however written (same_contact: 0548(26)2525 is 0548-26-2525, Info@ is info@,
    2丁目3-11 is 2-3-11, a phone may be the other's fax): a copy of a neighbour under a new folder and a changed name
    otherwise passes as a new company (only a new company: the other profiles are read, once). Each names the field,
    the new company and the other one."""
    import yaml

    names = {pointer: (ja, en) for pointer, ja, en in CONTACTS}
    wanted = [(pointer, value, _KIND[pointer[1]], same_contact(_KIND[pointer[1]], value))
              for pointer, value in _contact_values(new.data)]
    wanted = [w for w in wanted if len(w[3]) >= 5]
    if not wanted:
        return []
    texts = profiles_at(top, base, folder.parent)
    kinds = {kind for _, _, kind, _ in wanted}
    problems, said = [], set()
    for slug, text in sorted(texts.items()):
        if slug == folder.name:
            continue
        flat = unicodedata.normalize("NFKC", text)
        sieve = {"phone": re.sub(r"[^0-9]", "", flat) if "phone" in kinds else "",
                 "email": flat.lower() if "email" in kinds else "",
                 "website": flat.lower() if "website" in kinds else "",
                 "street": same_contact("street", flat) if "street" in kinds else ""}
        maybe = [w for w in wanted if (w[3].split("/")[0] if w[2] == "website" else w[3])[-40:] in sieve[w[2]]]
        if not maybe:  # the cheap look first: most profiles share nothing, and are not parsed
            continue
        try:
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            continue
        theirs = [(p, v, same_contact(_KIND[p[1]], v)) for p, v in _contact_values(data)]
        other_name = data.get("name", {}).get("ja") if isinstance(data.get("name"), dict) else None
        for pointer, value, kind, same in maybe:
            match = next(((p, v) for p, v, s in theirs if _KIND[p[1]] == kind and s == same), None)
            if match is None or pointer in said:
                continue
            said.add(pointer)
            (ja, en), (other_ja, other_en) = names[pointer], names[match[0]]
            other = display(top / folder.parent / slug / PROFILE)
            who = f"「{other_name}」" if isinstance(other_name, str) else ""
            new_name = new.data.get("name", {}).get("ja") if isinstance(new.data.get("name"), dict) else None
            mine = f"（{new_name}）" if isinstance(new_name, str) else ""
            mine_en = f" ({new_name})" if isinstance(new_name, str) else ""
            value = _as_compared(kind, value)
            problems.append(Problem(shown, *new.where(pointer), _m(
                f"この新しい会社{mine}の{ja}「{value}」は、ほかの会社{who}のプロフィール（{other}）の{other_ja}"
                f"「{match[1]}」と同じです（書き方の違いを除く）。新しい会社が既存の会社の写しでないか、市の担当者が確認します。",
                f"this new company{mine_en} gives the {en} '{value}', the same as the {other_en} '{match[1]}' of "
                f"another company{' (' + other_name + ')' if isinstance(other_name, str) else ''} ({other}) however "
                f"written; the municipality's staff will check that the new company is not a copy of an existing "
                f"one."),
                "warning", "changes-copied-contact"))
    return problems


def _pin(entry: Account, author: str, author_id: int | None, shown: str, line: int, col: int) -> list[Problem]:
    """Ask for the account's id where the entry has none, and for the new login after a rename."""
    if author_id is None or (entry.id is not None and entry.login.casefold() == author.casefold()):
        return []
    pinned = Account(author, author_id)
    if entry.id is None:
        return [Problem(shown, line, col, _m(
            f"maintainers の「{entry}」に GitHub の ID がありません。名前だけだと、アカウント名が変わったり削除されたり"
            f"したあとに別の人が同じ名前を取ると、その人がこの会社を変更できてしまいます。「{entry}」を「{pinned}」に"
            f"書き換えてください。市の担当者は、このプルリクエストを作ったアカウントがこの会社の担当者本人のものか"
            f"（会社に電話するなどして）確かめてから取り込んでください。名前を取り直した別人でも、この確認までは通ります。",
            f"'{entry}' among maintainers has no GitHub id. A name alone can be registered again by someone else "
            f"after a rename or deletion, who could then change this company. Write '{pinned}' instead of "
            f"'{entry}'. Municipality staff: confirm that the account making this pull request is the company's own "
            f"person (a call to the company) before merging; someone who registered the name again passes the check "
            f"up to here too."), "warning", "changes-account-unpinned")]
    return [Problem(shown, line, col, _m(
        f"GitHub のアカウント名が「{entry.login}」から「{author}」に変わったようです（ID {author_id} は同じです）。"
        f"maintainers の「{entry}」を「{pinned}」に書き換えてください。",
        f"your GitHub account seems renamed from '{entry.login}' to '{author}' (same id {author_id}); write "
        f"'{pinned}' instead of '{entry}' under maintainers."), "warning", "changes-account-renamed")]


def _for_the_reviewer(old: YamlDoc | None, new: YamlDoc | None, shown: str, line: int, col: int) -> list[Problem]:
    """Warnings for what the check cannot judge and a person must: a new company, a change of maintainers."""
    if old is None:
        return [Problem(shown, 1, 1, _m(
            "新しい会社のプロフィールです。市の担当者が、この会社が実在すること、あなたがこの会社の方であることを確認してから"
            "公開します。",
            "a new company's profile: the municipality's staff will check that the company exists and that you work "
            "there before publishing it."), "warning", "changes-new-company")]
    before = {str(a).casefold() for a in _accounts(old, "maintainers")}
    after = {str(a).casefold() for a in _accounts(new, "maintainers")}
    if new is None or before == after:
        return []
    added, removed = ", ".join(sorted(after - before)) or "-", ", ".join(sorted(before - after)) or "-"
    return [Problem(shown, line, col, _m(
        f"この会社の担当者（maintainers）が変わります（追加: {added}、削除: {removed}）。市の担当者が会社に確認してから"
        f"取り込みます。",
        f"this company's maintainers change (added: {added}; removed: {removed}); the municipality's staff will "
        f"confirm it with the company before merging."), "warning", "changes-maintainers")]


def display(path: Path) -> str:
    """`path` as the user should see it: relative to the working directory when it is inside it."""
    try:  # the folder resolved, not the file: a symbolic link is shown where it is, not where it points
        return _readable(str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())))
    except ValueError:
        return _readable(str(path))
