"""The Pagefind tool the build runs: where npm put its extended binary, and which version it is."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ToolMissing

NODE_MODULES = Path(__file__).resolve().parent.parent.parent / "node_modules"


def pagefind_binary() -> Path:
    """The extended Pagefind binary (it segments Japanese) from npm: node_modules/@pagefind/<platform>/bin.

    `npm ci` (make setup) installs the version package-lock.json pins, with the one platform package that fits.
    """
    found = sorted(NODE_MODULES.glob("@pagefind/*/bin/pagefind_extended*"))
    found = [p for p in found if not p.name.endswith(".sha256")]
    if not found:
        raise ToolMissing("Pagefind（extended 版）が見つかりません。 / the extended Pagefind binary is missing. "
                          "Fix: npm ci（または / or: make setup）")
    return found[0]


def pagefind_version() -> str:
    """The Pagefind package version: a new Pagefind re-indexes everything (and guidebooks searched together must
    share it, generator/search/network.py)."""
    try:
        return json.loads((NODE_MODULES / "pagefind" / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "?"
