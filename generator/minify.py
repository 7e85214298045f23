"""Scripts and stylesheets as the site publishes them: minified by esbuild (npm, pinned in package-lock.json).

The theme's sources stay readable, with their comments; a visitor downloads the minified copies (every search
downloads the search page's scripts and styles, bench/RESULTS.md). esbuild keeps what a classic script declares at
its top level under its own name, so scripts that share globals (search-typed.js and search.js) still find them.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from .errors import ContentError, Problem, ToolMissing

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
MINIFIED = (".js", ".css")  # what esbuild minifies; any other static file is copied as it is
# the oldest browsers the site supports: esbuild rewrites newer syntax of its own choosing for them (never ours)
TARGET = "chrome90,edge90,firefox90,safari15"
_ERROR = re.compile(r"^\S*\s*\[ERROR\] (?P<message>.+)$")
_PLACE = re.compile(r"^\s+(?P<path>\S.*):(?P<line>\d+):(?P<col>\d+):$")


def esbuild_binary() -> Path:
    """esbuild's native binary from npm: node_modules/@esbuild/<platform>/ (`npm ci` installs the one that fits)."""
    found = sorted(NODE_MODULES.glob("@esbuild/*/bin/esbuild")) + sorted(NODE_MODULES.glob("@esbuild/*/esbuild.exe"))
    if not found:
        raise ToolMissing("esbuild（サイトのスクリプトとスタイルを縮小する）が見つかりません。 / esbuild, which "
                          "minifies the site's scripts and styles, is missing. Fix: npm ci（または / or: make setup）")
    return found[0]


def minify(files: dict[str, Path], dest: Path, target: str | None = TARGET) -> None:
    """Write each source of `files` (a name under `dest` such as `editor/form.js` -> its source file) minified to
    `dest`/name, in one esbuild run; ContentError, located, for a file esbuild cannot read. `target` None: the
    syntax as it is (another project's code, such as Pagefind's)."""
    if not files:
        return
    binary = esbuild_binary()
    dest.mkdir(parents=True, exist_ok=True)
    # esbuild writes into existing files, which may be hard links to the previous output: into a folder of its own
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".minify-") as tmp:
        entries = [f"{os.path.splitext(name)[0]}={source}" for name, source in sorted(files.items())]
        targets = [f"--target={target}"] if target else []
        done = subprocess.run([str(binary), *entries, "--minify", "--charset=utf8", *targets,
                               f"--outdir={tmp}", "--log-level=error", "--color=false"],
                              capture_output=True, text=True, encoding="utf-8", errors="replace")
        if done.returncode != 0:
            raise ContentError(_problems(done.stderr) or [Problem(
                "esbuild", 0, 0, "スクリプトとスタイルを縮小できませんでした。 / esbuild could not minify the site's "
                f"scripts and styles: {done.stderr.strip() or done.returncode}")])
        for name in files:
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            os.replace(Path(tmp) / name, target)


def _problems(log: str) -> list[Problem]:
    """esbuild's errors as located problems (its columns count from 0)."""
    problems, message = [], None
    for line in log.splitlines():
        if found := _ERROR.match(line):
            message = found["message"]
        elif message and (found := _PLACE.match(line)):
            problems.append(Problem(_shown(found["path"]), int(found["line"]), int(found["col"]) + 1,
                                    f"スクリプトまたはスタイルの誤り: {message}。直してください。 / cannot read this "
                                    f"script or stylesheet: {message}; fix it.", "error", "static"))
            message = None
    return problems


def _shown(path: str) -> str:
    """esbuild's path (relative to the working folder) as the build shows paths: below it relative, else absolute."""
    full = (Path.cwd() / path).resolve()
    return str(full.relative_to(Path.cwd().resolve())) if full.is_relative_to(Path.cwd().resolve()) else str(full)
