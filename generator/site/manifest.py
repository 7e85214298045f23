"""The site's manifest: the digest (deps.py) each page of a built site was rendered from, so that a rebuild takes
the pages whose digest did not change from the previous output instead of rendering them again.

It is kept beside the site folder (`build/.site-manifest.json`), not in it, so hosts never publish it, and it moves
with the site when a build is swapped in. A site folder without a manifest is rendered in full.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..files import atomic_write, link_or_copy

VERSION = 1


def manifest_path(site: Path, kind: str = "manifest") -> Path:
    """Where the manifest of the site folder `site` is kept (`kind` "search": the search bundles' one)."""
    return site.parent / f".{site.name}-{kind}.json"


def read_manifest(site: Path, kind: str = "manifest") -> dict[str, str]:
    """{page path or search bundle: digest} of the site built in `site`; empty if there is none or it is unreadable."""
    try:
        data = json.loads(manifest_path(site, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("pages"), dict):
        return {}
    return {str(k): str(v) for k, v in data["pages"].items()}


def write_manifest(site: Path, pages: dict[str, str], kind: str = "manifest") -> None:
    """Record the digests of the pages now in `site` (atomically: a reader sees the old or the new manifest)."""
    atomic_write(manifest_path(site, kind), json.dumps({"version": VERSION, "pages": dict(sorted(pages.items()))},
                                                     ensure_ascii=False, separators=(",", ":")))


def forget_manifest(site: Path) -> None:
    """Drop the manifest before `site` is changed in place, so that a build that dies half-way is not trusted."""
    manifest_path(site).unlink(missing_ok=True)


def unchanged(previous: Path, out: Path, old: dict[str, str], digests: dict[str, str]) -> set[str]:
    """The pages of the site in `previous` whose digest in its manifest `old` is the same now, present in `out`.

    When `out` is another folder (a build's staging folder), each unchanged page is hard-linked into it, so the
    previous output is never written to. When `out` is `previous`, the pages stay where they are.
    """
    in_place = previous.resolve() == out.resolve()
    same = set()
    made: set[Path] = set()
    for path, key in digests.items():
        if old.get(path) != key or not (previous / path).is_file():  # a page deleted by hand is rendered again
            continue
        if not in_place:
            dest = out / path
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            dest.unlink(missing_ok=True)
            link_or_copy(previous / path, dest)
        same.add(path)
    return same
