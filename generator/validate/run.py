"""Validate a content tree, or some of its company folders, using both CPU cores when there are many profiles.

`validate_paths` is what `guidebook validate` and the benchmark call, `load_and_validate` what the build calls. The
parent reads and checks the site, the vocabularies and the front pages once; workers (forked, so they inherit them)
load and check chunks of company folders with the same `check_company` that `validate()` uses, and send back only
their problems, the few facts that the checks across profiles (one company, one profile) then compare in the parent,
and, for the build, each profile's data (not its line maps: once the content is valid, nothing needs them).
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load import Content, load_content
from ..load.content import _read_page, load_company
from ..load.yamlfile import YamlDoc
from ..parallel import fork_map, usable_cores
from . import check_company, check_shared, glyphs, identity, issued, schema, validate
from .output import unique

PARALLEL_FROM = 200  # below this many profiles, starting workers costs more than it saves


@dataclass
class Result:
    """Every problem found, and how many company profiles were read."""

    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    content: Content | None = None  # what was read (profiles as data only when read by workers), if asked for


def _folders(root: Path, only: list[Path] | None) -> list[Path]:
    if only is not None:
        return [p if p.is_dir() else p.parent for p in only]
    companies = root / "companies"
    return sorted(p for p in companies.iterdir() if p.is_dir()) if companies.is_dir() else []


CHUNK = 250  # profiles per task: small enough that a worker slowed down by other processes does not hold up the end


def _chunk(folders: list[Path], root: Path, taxonomies: dict, keep: bool):
    """Worker: load and check some company folders; return their problems, the facts identity compares and, when
    kept, each loaded profile's (slug, path, data)."""
    paused = gc.isenabled()
    gc.disable()  # a chunk makes many small objects and no cycles: collecting them while it runs costs ~10% for nothing
    try:
        content = Content(root)
        for folder in folders:
            load_company(content, folder)
        problems = list(content.problems)
        for doc in content.companies.values():
            problems += check_company(content, doc, taxonomies)
        kept = [(slug, doc.path, doc.data) for slug, doc in content.companies.items()] if keep else []
        return problems, [identity.facts(content, slug) for slug in content.companies], kept
    finally:
        if paused:
            gc.enable()


def load_and_validate(root: Path, each=None) -> tuple[Content, list[Problem]]:
    """Stages 1 and 2 of the build on all cores: the whole content under `root` and every problem in it.

    `each(content, profiles)` is called here with each batch of (slug, path, data) as the workers send them, while
    the others are still being checked (the build makes their companies meanwhile); not when there are few profiles.
    """
    result = validate_paths(root, keep=True, each=each)
    return result.content, result.problems


def validate_paths(root: Path, paths: list[Path] | None = None, jobs: int | None = None, *,
                   keep: bool = False, others: list = (), each=None) -> Result:
    """Load and validate the content under `root` (only `paths`, company folders or profiles, when given).

    With `keep`, the result carries the content read, for the build to go on with. `others` are the identity facts
    of profiles not validated here, which the validated ones are compared with (see identity.check_facts). `each`:
    see load_and_validate.
    """
    root = Path(root)
    folders = list(dict.fromkeys(_folders(root, paths)))  # a pre-commit hook may pass a profile and its images
    paths = folders if paths is not None else None
    jobs = jobs or min(usable_cores(), 8)
    if jobs < 2 or len(folders) < PARALLEL_FROM:
        content = load_content(root, paths)
        return Result(validate(content, others), len(content.companies), content if keep else None)
    content = load_content(root, [])  # site and vocabularies: read once here, inherited by the workers
    if paths is None:  # everything: the front pages too
        for path in sorted((root / "pages").glob("*.md")):
            page = _read_page(content, path)
            if page is not None:
                content.pages.append(page)
    problems, taxonomies = check_shared(content)
    # once here, not once in each worker (which inherit them), and no worker checks its first profiles the slow way
    schema.compile_now("company")
    glyphs.covered()
    size = max(1, min(CHUNK, -(-len(folders) // jobs)))
    chunks = [folders[i:i + size] for i in range(0, len(folders), size)]
    # forked workers inherit the imported modules and the vocabularies, so they start in milliseconds
    facts = []
    arrived = None if each is None else (lambda result: each(content, result[2]))
    for found, chunk_facts, kept in fork_map(lambda chunk: _chunk(chunk, root, taxonomies, keep), chunks,
                                             processes=jobs, each=arrived):
        problems += found
        facts += chunk_facts
        for slug, path, data in kept:  # in folder order, as load_content reads them
            content.companies[slug] = YamlDoc(path, data)
    problems += identity.check_facts(facts, others)  # over all profiles, not only within one worker's share
    problems += issued.check(content, facts)
    return Result(unique(problems), len(facts), content if keep else None)
