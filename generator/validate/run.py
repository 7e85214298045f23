"""Validate a content tree, or some of its company folders, using both CPU cores when there are many profiles.

`validate_paths` is what `guidebook validate` and the benchmark call. Workers each load and validate a share of the
company folders with the same `validate()` the build uses; checks across profiles (one company, one profile) are
then run once more over all of them in the parent.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

PARALLEL_FROM = 200  # below this many profiles, starting workers costs more than it saves


@dataclass
class Result:
    """Every problem found, and how many company profiles were read."""

    problems: list[Problem] = field(default_factory=list)
    checked: int = 0


def _folders(root: Path, only: list[Path] | None) -> list[Path]:
    if only is not None:
        return [p if p.is_dir() else p.parent for p in only]
    companies = root / "companies"
    return sorted(p for p in companies.iterdir() if p.is_dir()) if companies.is_dir() else []


def _chunk(args: tuple[Path, list[Path]]):
    """Worker: load and validate some company folders; return their problems and documents."""
    from ..load import load_content
    from . import validate

    root, folders = args
    content = load_content(root, folders)
    return validate(content), {slug: _slim(doc) for slug, doc in content.companies.items()}


def _slim(doc):
    """A profile cut down to what checks across profiles read (data, top positions): cheap to send back."""
    from ..load.yamlfile import YamlDoc

    return YamlDoc(doc.path, doc.data, "", {k: v for k, v in doc.positions.items() if len(k) <= 2})


def validate_paths(root: Path, paths: list[Path] | None = None, jobs: int | None = None) -> Result:
    """Load and validate the content under `root` (only `paths`, company folders or profiles, when given)."""
    from ..load import load_content
    from . import across_profiles, validate
    from .report import unique

    root = Path(root)
    folders = list(dict.fromkeys(_folders(root, paths)))  # a pre-commit hook may pass a profile and its images
    paths = folders if paths is not None else None
    jobs = jobs or min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
    if jobs < 2 or len(folders) < PARALLEL_FROM:
        content = load_content(root, paths)
        return Result(validate(content), len(content.companies))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shares = [folders[i::jobs] for i in range(jobs)]
    # fork: workers inherit the imported modules, so they start in milliseconds
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        results = list(pool.map(_chunk, [(root, share) for share in shares]))
    content = load_content(root, [])  # site and vocabularies, checked here once
    if paths is None:  # everything: the front pages too
        from ..load.content import _read_page

        for path in sorted((root / "pages").glob("*.md")):
            page = _read_page(content, path)
            if page is not None:
                content.pages.append(page)
    problems = validate(content)
    for found, companies in results:
        problems += found
        content.companies.update(companies)
    problems += across_profiles(content)  # over all profiles, not only within one worker's share
    return Result(unique(problems), len(content.companies))
