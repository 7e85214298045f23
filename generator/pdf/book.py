"""What the last merged edition was made of, kept beside its chunks (`book.json` in the edition's cache folder).

It names the file it describes (size and the second element of the trailer's /ID, read from the file's end), the
plan it was merged from (a signature of page count, chunk boundaries, bookmarks, title), and for each chunk its
pages with the digest of each (digest.py), the run of the structure tree's Document kids that holds its elements
(and how many per page) and its ParentTree leaves. With it a rebuild renders only the pages whose digest changed
and an update (update.py) replaces them in the previous file without reading the rest of the book.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..site.deps import digest
from .increment import STARTXREF

FILE = "book.json"
VERSION = 2
TRAILER_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]")


def file_identity(path: Path) -> tuple[int, str] | None:
    """(size, hex of the last trailer's second /ID element) of a PDF written by QPDF or by increment.py: the ID is
    read from the dictionary of the cross-reference stream (or the trailer) that the final `startxref` names."""
    try:
        with open(path, "rb") as file:
            file.seek(0, 2)
            size = file.tell()
            file.seek(max(0, size - 1024))
            tail = file.read()
            found = TRAILER_ID.findall(tail)  # a classic trailer sits right before startxref
            start = STARTXREF.search(tail)
            if not found and start is not None and int(start.group(1)) < size:
                file.seek(int(start.group(1)))
                found = TRAILER_ID.findall(file.read(4096).split(b"stream", 1)[0])
    except OSError:
        return None
    return (size, found[-1][1].decode().lower()) if found else None


def signature(*facts) -> str:
    """What must be the same for a book to be updated in place rather than merged again."""
    return digest(VERSION, *facts)


@dataclass
class Book:
    """One merged edition: the file, its plan's signature and where each chunk is in it."""

    signature: str
    size: int
    file_id: str
    base_size: int  # the size after the last full merge: updates may grow the file only so far
    # each chunk: name, key (the front chunk's decides whether the catalog changed), start, pages, sheets (the
    # digest of each page), kids ([first, count] of its run of Document kids), page_kids (how many per page),
    # leaf (position of its pages' ParentTree leaf, -1 for none), links (positions of its link leaves)
    chunks: list[dict] = field(default_factory=list)
    updates: int = 0
    version: int = VERSION

    def describes(self, path: Path) -> bool:
        """True when `path` is the very file this book was written for."""
        return self.version == VERSION and file_identity(path) == (self.size, self.file_id)


def load(cache: Path) -> Book | None:
    """The book of the edition whose chunks are in `cache`, if one was kept and is readable."""
    try:
        return Book(**json.loads((cache / FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save(cache: Path, book: Book | None) -> None:
    """Keep `book` (or forget the old one when None); written beside and renamed, as cache files may be hard links."""
    path = cache / FILE
    if book is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(book)), encoding="utf-8")
    tmp.replace(path)
