"""The build state: for each artifact of the output, a digest of everything it was made from, in one file.

`build/.state.json` sits beside `build/site/` (hosts never publish it) and is swapped in with the rest of a build, so
it always describes the output next to it. A stage asks `fresh(artifact, key)` whether the previous output's
artifact was made from exactly the inputs it would use now; if so it takes the artifact over (hard links) instead of
making it again, and every stage `put`s the entries of what this build holds. Keys are content hashes (never file
times): of the generator's code and library versions, site.yaml, the vocabularies, and what the artifact itself
read. The website records what each page read while it was rendered (site/record.py); the search bundles key on
their pages' keys; the PDF chunks on their planned pages and the stylesheets they load.

A file from another version of this module, or none at all, means a full build. The resized photos are not build
state: they live in a content-addressed cache shared by builds (site/imagecache.py), see docs/dev/architecture.md.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .files import atomic_write
from .theme import Theme


FILE = ".state.json"
VERSION = 1
GENERATOR = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "weasyprint", "pikepdf", "pagefind_bin_extended")


def digest(*parts) -> str:
    """A short stable digest of values whose repr() is deterministic (dataclasses, strings, tuples, dicts)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own files and the versions of the libraries that write output: new code remakes everything."""
    h = hashlib.sha256()
    for path in sorted(GENERATOR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            h.update(path.relative_to(GENERATOR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(name.encode())
    return h.hexdigest()[:32]


class State:
    """The entries of the previous build (read from its output) and of this one (written into its stage)."""

    def __init__(self, previous: dict | None = None):
        data = previous if isinstance(previous, dict) and previous.get("version") == VERSION else {}
        artifacts = data.get("artifacts")
        self.previous: dict[str, dict] = artifacts if isinstance(artifacts, dict) else {}
        reads = data.get("reads")
        self.previous_reads: list = reads if isinstance(reads, list) else []
        self.current: dict[str, dict] = {}

    @classmethod
    def load(cls, out: Path) -> "State":
        """The state of the output folder `out` (empty when there is none or it cannot be read)."""
        try:
            return cls(json.loads((Path(out) / FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    @staticmethod
    def forget(out: Path) -> None:
        """Drop the state file before `out` is changed in place, so that a build that dies half-way is not trusted."""
        (Path(out) / FILE).unlink(missing_ok=True)

    def entry(self, artifact: str) -> dict | None:
        """The previous build's entry of `artifact`, or None."""
        entry = self.previous.get(artifact)
        return entry if isinstance(entry, dict) else None

    def fresh(self, artifact: str, key: str) -> bool:
        """Whether the previous build made `artifact` from inputs with this key."""
        entry = self.entry(artifact)
        return entry is not None and entry.get("key") == key

    def put(self, artifact: str, key: str, **facts) -> None:
        """Record that this build's output holds `artifact`, made from inputs with `key` (and what else it needs)."""
        self.current[artifact] = {"key": key, **facts}

    def keep(self, artifact: str) -> None:
        """Carry the previous entry of `artifact` over: this build took the artifact from the previous output."""
        entry = self.previous[artifact]
        if "reads" in entry:
            entry = {**entry, "reads": self.previous_reads_of(entry)}
        self.current[artifact] = entry

    def key(self, artifact: str) -> str | None:
        """This build's key of `artifact`, once put."""
        entry = self.current.get(artifact)
        return entry.get("key") if entry else None

    def save(self, out: Path) -> None:
        """Write this build's entries into the output folder `out` (atomically)."""
        reads: dict[tuple, int] = {}  # the table of what pages read, shared by all of them: each read once
        artifacts = {}
        for name, entry in sorted(self.current.items()):
            if "reads" in entry:
                entry = {**entry, "reads": [reads.setdefault(tuple(r), len(reads)) for r in entry["reads"]]}
            artifacts[name] = entry
        atomic_write(Path(out) / FILE, json.dumps({"version": VERSION, "reads": [list(r) for r in reads],
                                                   "artifacts": artifacts}, ensure_ascii=False,
                                                  separators=(",", ":")))

    def previous_reads_of(self, entry: dict) -> list | None:
        """The reads of a previous entry as descriptors (see site/record.py), or None when the table is damaged."""
        try:
            return [tuple(self.previous_reads[i]) for i in entry.get("reads", [])]
        except (IndexError, TypeError):
            return None



def theme_digest(themes) -> str:
    """Every template and the strings of the theme search path (see Theme.digest)."""
    return Theme.from_folders(themes).digest()

