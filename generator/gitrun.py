"""git on a checkout whose files a pull request wrote, without letting those files configure git.

git looks for its repository in the folder it runs in, then in each parent, and takes a folder holding `HEAD`,
`objects/` and `refs/` for a bare repository, whose `config` may name commands (a remote's `uploadpack`, an `ext::`
URL fetched lazily for a missing object, an fsmonitor, hooks). A pull request can commit such files under content/,
and then any git command run inside content/ runs the pull request's command (outside attacker, session 15). So git
runs only from the top of the work tree (the folder holding `.git`, found here without asking git), with implicit
bare repositories refused, every transport forbidden and lazy fetching, fsmonitor and hooks off.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

# protected settings (command line): a repository's own config cannot undo them
SAFE_CONFIG = ("-c", "safe.bareRepository=explicit", "-c", "protocol.allow=never", "-c", "core.fsmonitor=false",
               "-c", f"core.hooksPath={os.devnull}")


def top_of(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds `.git` (a folder, or a linked work tree's file), or None."""
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None


def environment(extra: dict | None = None) -> dict:
    """The environment for git: no lazy fetch of missing objects, no prompt for credentials."""
    return {**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0", **(extra or {})}


def git(top: Path, *args: str, data: bytes | None = None, env: dict | None = None,
        timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run `git ARGS` in the work tree `top` (see top_of) with the settings above; output as bytes."""
    return subprocess.run(["git", *SAFE_CONFIG, *args], cwd=top, capture_output=True, input=data,
                          env=environment(env), timeout=timeout)
