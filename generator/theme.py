"""The theme: the municipality's theme folder (site.yaml `theme:`), if any, in front of themes/default.

One object owns the search path, so that templates, static files, the print stylesheets, the UI strings and theme
files such as an ICC profile are all found the same way: the first theme holding a file wins, file by file.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2
import yaml

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_THEME = PROJECT / "themes" / "default"


class Theme(tuple):
    """The theme folders, the municipality's first; iterating gives the folders."""

    @classmethod
    def of(cls, custom: Path | None) -> "Theme":
        """The municipality's theme folder (if any), then the default theme."""
        return cls(p for p in (custom, DEFAULT_THEME) if p is not None)

    @classmethod
    def from_folders(cls, folders) -> "Theme":
        """A Theme from a list of folders (as older callers pass them), or the Theme itself."""
        return folders if isinstance(folders, Theme) else cls(folders)

    def loader(self) -> jinja2.FileSystemLoader:
        """A Jinja loader over every theme's templates/ folder."""
        return jinja2.FileSystemLoader([str(folder / "templates") for folder in self])

    def find(self, relative: str) -> Path:
        """The first theme's copy of a file (`print/guidebook.css`); FileNotFoundError when no theme has it."""
        for folder in self:
            if (folder / relative).is_file():
                return folder / relative
        raise FileNotFoundError(relative)

    def every(self, relative: str) -> list[Path]:
        """Every theme's copy of a file, the default theme's first (for files that add up, like custom.css)."""
        return [folder / relative for folder in reversed(self) if (folder / relative).is_file()]

    def copy_static(self, dest: Path) -> None:
        """Copy the themes' static/ files into `dest`, the municipality's overriding the default's file by file;
        scripts without their comment lines and indentation (published_script)."""
        for folder in reversed(self):
            if (folder / "static").is_dir():
                shutil.copytree(folder / "static", dest, dirs_exist_ok=True, copy_function=_copy_static_file)

    def print_stylesheets(self) -> list[Path]:
        """The print stylesheet (the first theme's print/guidebook.css), then every theme's print/custom.css."""
        return [self.find("print/guidebook.css"), *self.every("print/custom.css")]

    def strings(self) -> dict[str, dict[str, str]]:
        """UI texts per language from the themes' strings.yaml (the municipality's entries win)."""
        merged: dict[str, dict[str, str]] = {}
        for path in self.every("strings.yaml"):
            for lang, table in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
                merged.setdefault(lang, {}).update(table)
        return merged

    def digest(self) -> str:
        """Every template and the strings of the search path, for what depends on all of them (the PDF)."""
        h = hashlib.sha256()
        for i, folder in enumerate(self):
            for path in sorted([folder / "strings.yaml", *(folder / "templates").rglob("*")]):
                if path.is_file():
                    h.update(f"{i}:{path.relative_to(folder).as_posix()}".encode() + b"\0" + path.read_bytes() + b"\0")
        return h.hexdigest()[:32]


def published_script(text: str) -> str:
    """A script as the site publishes it: without its whole-line // comments, indentation and empty lines.

    They are about a third of what a visitor downloads (the search page's scripts; bench/RESULTS.md); the lines stay
    as they are otherwise, so nothing the browser parses changes (a line starting with // is a comment wherever it
    stands). A script with a template literal or a string continued on the next line, whose text would change, is
    published as it is."""
    lines = [line.strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not line.startswith("//")]
    if any("`" in line or line.endswith("\\") for line in kept):
        return text
    return "".join(line + "\n" for line in kept)


def _copy_static_file(source: str, target: str) -> None:
    """Copy one static file (shutil.copytree's copy_function): a script as published_script makes it."""
    if source.endswith(".js"):
        Path(target).unlink(missing_ok=True)  # never into an existing file, which may be a hard link
        Path(target).write_text(published_script(Path(source).read_text(encoding="utf-8")), encoding="utf-8")
    else:
        shutil.copy2(source, target)
