"""Stage 5, index search: run Pagefind's extended build (it segments Japanese) over the company pages.

Only the Japanese company pages are indexed, for both search pages: they carry the English name and summary as
meta fields and the English words hidden (templates site/company.html and site/search-words.html), and their filters
are vocabulary keys, which each search page labels in its own language (static/search.js). One index instead of one
per language halves the indexing time and the index files to host. A big directory is split into several bundles of
at most `SHARD` companies, which the search pages search together (Pagefind's mergeIndex). One Pagefind run holds all
of its pages in memory (about 0.4 MB per page), so smaller runs keep the build's peak memory flat as the directory
grows; two runs go side by side on the two cores; and a rebuild re-indexes only the bundles whose pages changed,
taking the others from the last build.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..files import link_or_copy
from ..state import State
from .pagefind import pagefind_binary, pagefind_version
from .shards import bundle_folders, shard_count, shard_of
from .slim import slim
from .stable import stabilise

RUNS = 2  # Pagefind runs side by side (each also uses two threads while it reads pages, one while it writes)
VERSION = 4  # of the bundle keys: a new one re-indexes every bundle
# Words per index file (Pagefind counts a word's places on pages; its default is 20,000). A search loads, from every
# bundle, the file holding each word typed, and the metadata file lists every index file: smaller files make each
# word cheaper and the metadata dearer. With several bundles each word costs one file per bundle, so the balance
# sits well below Pagefind's default; with fewer words on the pages (no hidden aliases) it moved from 5,000 to 3,000
# (bench/RESULTS.md, the search download). Pagefind 1.6 reads it from its environment.
INDEX_CHUNK = 3000


@dataclass
class Bundle:
    folder: str  # under the site root
    pages: list[str]  # the page paths it indexes
    key: str  # what it was made from: the pages' digests, the Pagefind version, this module


def plan_bundles(site: Path, state: State) -> list[Bundle]:
    """Every search bundle of the site in `site`: which company pages go into which folder, keyed by the pages'
    keys in the build `state`."""
    slugs = sorted(p.parent.name for p in (site / "companies").glob("*/index.html"))
    count = shard_count(len(slugs))
    shard = {slug: shard_of(slug, count) for slug in slugs}
    bundles = []
    for i, folder in enumerate(bundle_folders(len(slugs))):
        pages = [f"companies/{s}/index.html" for s in slugs if shard[s] == i]
        # a page not in the state (a site not rendered by render_site) gets a key no earlier bundle has
        made_of = [VERSION, INDEX_CHUNK, pagefind_version(), folder,
                   [(p, state.key("site/" + p) or os.urandom(8).hex()) for p in pages]]
        key = hashlib.sha256(json.dumps(made_of).encode()).hexdigest()
        bundles.append(Bundle(folder, pages, key[:32]))
    return bundles


def index_search(site: Path, previous: Path | None = None, state: State | None = None) -> list[str]:
    """Write the Pagefind bundles of the company pages into `site`; return their folders.

    `previous` is the site folder of the last build: a bundle whose pages all have the same keys as then is
    hard-linked from it instead of made again. `state` is the build's state (state.py); without one, the state
    file beside `site` (written by render_site) is read and written again, and the one beside `previous` read.
    """
    own_state = state is None
    before = state
    if own_state:
        state = State.load(site.parent)
        for name in list(state.previous):
            if not name.startswith("search/"):
                state.keep(name)
        in_place = previous is None or previous.parent.resolve() == site.parent.resolve()
        before = state if in_place else State.load(previous.parent)
    # bundles of an earlier plan (more or fewer shards, or one per language as before) must not linger
    for old in [*site.glob("pagefind*"), *site.glob("en/pagefind*")]:
        if old.is_dir():
            shutil.rmtree(old)
    bundles = [b for b in plan_bundles(site, state) if b.pages]
    todo = []
    for bundle in bundles:
        if previous is not None and before.fresh("search/" + bundle.folder, bundle.key) \
                and (previous / bundle.folder / "pagefind-entry.json").is_file():
            shutil.copytree(previous / bundle.folder, site / bundle.folder, symlinks=True, copy_function=link_or_copy)
        else:
            todo.append(bundle)
    todo.sort(key=lambda b: -len(b.pages))  # the biggest first, so that the smaller ones fill in at the end
    runs = _Runs()
    pool = ThreadPoolExecutor(RUNS)
    # a bundle's Python work after Pagefind (stable bytes, slimmer code, the linked pages removed) runs on threads
    # of its own, so that the next Pagefind run starts as soon as one ends instead of a core waiting for it; two, so
    # that the last two bundles, whose runs end together, are finished side by side (reading, compressing and
    # writing the files release the GIL) instead of one after the other while the other core idles
    after = ThreadPoolExecutor(RUNS)
    try:
        done, _ = wait([pool.submit(_run, site, b, runs, after) for b in todo], return_when=FIRST_EXCEPTION)
        finishing = [future.result() for future in done]  # the first failure, if any
        done, _ = wait([f for f in finishing if f is not None], return_when=FIRST_EXCEPTION)
        for future in done:
            future.result()
    except BaseException:
        runs.stop()  # a failed run or an interrupt: do not wait for the others to finish
        raise
    finally:
        pool.shutdown(cancel_futures=True)
        after.shutdown(wait=True, cancel_futures=True)  # never leave a thread writing into the stage
        for pages in runs.scratch:  # what a failure left of the linked pages (the finished ones are gone)
            shutil.rmtree(pages, ignore_errors=True)
    for bundle in bundles:
        state.put("search/" + bundle.folder, bundle.key)
    if own_state:
        state.save(site.parent)
    return [b.folder for b in bundles]


class _Runs:
    """The Pagefind processes running now; once stopped, they are killed and no more start."""

    def __init__(self):
        self.lock = threading.Lock()
        self.processes: set[subprocess.Popen] = set()
        self.stopped = False
        self.scratch: list[Path] = []  # the folders of linked pages, each removed once its bundle is finished

    def start(self, args: list[str]) -> subprocess.Popen | None:
        with self.lock:
            if self.stopped:
                return None
            env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(INDEX_CHUNK))
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            self.processes.add(process)
            return process

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for process in self.processes:
                process.kill()


def _run(site: Path, bundle: Bundle, runs: _Runs, after: ThreadPoolExecutor) -> Future | None:
    """One Pagefind run over the bundle's pages (hard links at the same paths, so their URLs stay the same); the
    work on its output is handed to `after` (the future returned)."""
    pages = Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
    runs.scratch.append(pages)  # removed by _finish, or by index_search after a failure
    for path in bundle.pages:
        (pages / path).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site / path, pages / path)
    process = runs.start([str(pagefind_binary()), "--site", str(pages), "--output-path",
                          str(site / bundle.folder), "--quiet"])
    if process is None:
        return None
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({bundle.folder}):\n{out}\n{err}")
    return after.submit(_finish, site / bundle.folder, pages)


def _finish(bundle: Path, pages: Path) -> None:
    """A bundle as published: stable bytes for the same content, fewer bytes of Pagefind's code; the links gone."""
    try:
        stabilise(bundle)  # same content, same bytes
        slim(bundle)  # fewer bytes of Pagefind's code for every first search
    finally:
        shutil.rmtree(pages, ignore_errors=True)
