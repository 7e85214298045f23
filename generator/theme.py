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

from .minify import MINIFIED, minify

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
        scripts and stylesheets minified (minify.py)."""
        files: dict[str, Path] = {}
        for folder in reversed(self):
            for source in sorted((folder / "static").rglob("*")) if (folder / "static").is_dir() else []:
                if source.is_file():
                    files[source.relative_to(folder / "static").as_posix()] = source
        for name, source in files.items():
            if not name.endswith(MINIFIED):
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)  # never into an existing file, which may be a hard link
                shutil.copy2(source, target)
        minify({name: source for name, source in files.items() if name.endswith(MINIFIED)}, dest)

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
