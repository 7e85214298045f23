"""Find and read the content tree: site.yaml, taxonomies, company profiles and front pages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem
from .yamlfile import YamlDoc, decode, load as load_yaml, parse as parse_yaml

TAXONOMIES = ("industries", "technologies", "certifications", "capabilities", "areas", "machines", "materials",
              "qualifications")
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\Z")  # \Z: "$" would accept a trailing newline
PROFILE = "company.yaml"


@dataclass
class PageSource:
    """A Markdown front page with its YAML front matter."""

    slug: str
    path: Path
    meta: YamlDoc
    body: str
    body_line: int


@dataclass
class Content:
    """Everything read from `content/`, unvalidated, with the problems met while reading it."""

    root: Path
    site: YamlDoc | None = None
    taxonomies: dict[str, YamlDoc] = field(default_factory=dict)
    companies: dict[str, YamlDoc] = field(default_factory=dict)  # slug -> profile
    pages: list[PageSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _shown: dict[Path, str] = field(default_factory=dict, repr=False)  # every check names its file: resolve once
    _cwd: Path | None = field(default=None, repr=False)

    def display(self, path: Path) -> str:
        """The path as the user should see it: relative to the working directory when possible."""
        shown = self._shown.get(path)
        if shown is None:
            if self._cwd is None:
                self._cwd = Path.cwd().resolve()
            try:
                shown = str(path.resolve().relative_to(self._cwd))
            except ValueError:
                shown = str(path)
            self._shown[path] = shown
        return shown


def _read(content: Content, path: Path) -> YamlDoc | None:
    try:
        return load_yaml(path, display=content.display(path))
    except ContentError as exc:
        content.problems.extend(exc.problems)
        return exc.doc  # read past its slips: checked too, so every mistake shows in one run (the errors stop a build)


def load_company(content: Content, folder: Path) -> None:
    """Read one company folder's profile into `content`, noting a bad folder name or a missing file."""
    slug = folder.name
    profile = folder / PROFILE
    shown = content.display(profile)
    if not SLUG.match(slug):
        content.problems.append(Problem(shown, 1, 1,
            f"フォルダ名「{slug}」は使えません。半角英小文字・数字・ハイフン（例: yamada-seiki）にしてください。"
            f" / the folder name '{slug}' is not a valid slug: use lowercase a-z, 0-9 and '-' (e.g. yamada-seiki).",
            "error", "slug"))
        return
    if not profile.is_file():
        content.problems.append(Problem(shown, 0, 0,
            f"{PROFILE} がありません。`guidebook new {slug}` で作成できます。"
            f" / {PROFILE} is missing; `guidebook new {slug}` writes one.", "error", "missing-profile"))
        return
    doc = _read(content, profile)
    if doc is not None:
        content.companies[slug] = doc


def load_content(root: Path, only: list[Path] | None = None) -> Content:
    """Read the content tree under `root`; with `only`, read just those company folders or profiles."""
    content = Content(root)
    site_file = root / "site.yaml"
    if site_file.is_file():
        content.site = _read(content, site_file)
    else:
        content.problems.append(Problem(content.display(site_file), 0, 0,
            "site.yaml がありません。 / site.yaml is missing.", "error", "missing-site"))
    for name in TAXONOMIES:
        path = root / "taxonomies" / f"{name}.yaml"
        if path.is_file():
            doc = _read(content, path)
            if doc is not None:
                content.taxonomies[name] = doc
        else:
            content.problems.append(Problem(content.display(path), 0, 0,
                f"用語集 {name}.yaml がありません。 / the vocabulary {name}.yaml is missing.", "error", "missing-taxonomy"))
    if only is None:
        folders = sorted(p for p in (root / "companies").iterdir() if p.is_dir()) if (root / "companies").is_dir() else []
    else:
        folders = [p if p.is_dir() else p.parent for p in only]
    for folder in folders:
        load_company(content, folder)
    if only is None:
        for path in sorted((root / "pages").glob("*.md")):
            page = _read_page(content, path)
            if page is not None:
                content.pages.append(page)
    return content


def _read_page(content: Content, path: Path) -> PageSource | None:
    shown = content.display(path)
    try:
        text = decode(shown, path.read_bytes()).replace("\r\n", "\n")  # a Windows editor's line ends are fine
    except ContentError as exc:  # e.g. saved as Shift_JIS: located, with how to save it as UTF-8
        content.problems.extend(exc.problems)
        return None
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        content.problems.append(Problem(shown, 1, 1,
            "先頭に「---」で囲んだ設定（title など）が必要です。 / the page needs front matter between '---' lines.",
            "error", "front-matter"))
        return None
    try:
        meta = parse_yaml(path, match.group(1), display=shown)
    except ContentError as exc:
        for p in exc.problems:  # front matter starts on line 2 of the file
            content.problems.append(Problem(p.path, p.line + 1, p.col, p.message, p.severity, p.rule))
        return None
    return PageSource(path.stem, path, meta, text[match.end():], match.group(0).count("\n") + 1)
