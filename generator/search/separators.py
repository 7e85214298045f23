"""Take out of a Pagefind bundle's index the two-character words that Pagefind makes across the ・ between hidden words.

Pagefind 1.6 indexes, beside each Japanese word, the two characters across every word boundary (板金加工: 金加), and
the hidden search words of a company page are written between ・ (templates site/search-words.html), so every one of
them also makes a word "X・" of its last character and a word "・Y" of the next one's first. At 5,000 companies these
are about an eighth of all index places (bench/RESULTS.md, the search download), and a search downloads them with
the words it looks up: 金型 loads, from every bundle, the index file of 金, two thirds of which is 金・.

A query never holds a ・ (Pagefind's query splitting drops punctuation), so:

- a word "・Y" is never looked up. It is dropped, and so is an index file holding nothing else (its metadata entry
  too: every search downloads the list of index files).
- a word "X・" is found only by a query word of the one character X, as a prefix (金型 is searched as 金 and 型). It
  says no more than that the page has a word ending in X before a ・ (板金・ for 金型, not a 金 word), so it is
  dropped, except where it is all that the query word X would find in its index file: Pagefind looks a query word up
  in one index file only (the first whose range holds it), and a query word finding nothing there finds no page of
  the bundle at all.

Every other word, and every index file's range, stays as Pagefind wrote it, so which index file a query word is looked
up in does not change.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
MARK = "・"
_MARK = MARK.encode("utf-8")
VERSION = b"separators-1"  # folded into the bundle digest (compact.py): the same Pagefind output, other index bytes


def _head(body: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, where the item's content starts) of the CBOR item header at `at`; the argument of an
    indefinite length (which Pagefind does not write) is -1."""
    first = body[at]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, at + 1
    if info > 27:
        return major, -1, at + 1
    size = 1 << (info - 24)
    return major, int.from_bytes(body[at + 1:at + 1 + size], "big"), at + 1 + size


def _array_head(count: int) -> bytes:
    """The shortest CBOR header of an array of `count` items (as Pagefind and cbor2 write it)."""
    if count < 24:
        return bytes([0x80 | count])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if count < 1 << (8 * size):
            return bytes([0x80 | info]) + count.to_bytes(size, "big")
    raise ValueError(count)


@dataclass
class _Index:
    """An index file's words, each with the bytes of its entry as Pagefind wrote them; a file changed by leaving
    entries out is those bytes without them (nothing re-encoded: the same bytes as decoding the whole record and
    encoding it again, at a fraction of the cost)."""
    path: Path
    body: bytes  # the file without its signature: [[entry, …], …rest of the record]
    words: list[str]
    spans: list[tuple[int, int]]  # each entry's start and end in `body`
    start: int  # where the words array's header starts
    rest: int  # where the rest of the record starts (after the last entry)

    def without(self, dropped: set[int]) -> bytes:
        kept = [self.body[a:b] for i, (a, b) in enumerate(self.spans) if i not in dropped]
        return b"".join([self.body[:self.start], _array_head(len(kept)), *kept, self.body[self.rest:]])


def _read(path: Path):
    """The index file's words and their entries (`_Index`); False when it holds no ・ at all (most do not: nothing
    to decode), None when its format is not the one we know."""
    body = gzip.decompress(path.read_bytes())
    if not body.startswith(SIGNATURE):
        return None
    if _MARK not in body:
        return False
    body = body[len(SIGNATURE):]
    try:
        major, size, at = _head(body, 0)
        if major != 4 or size < 1:
            return None
        start = at
        major, count, at = _head(body, at)
        if major != 4 or count < 0:
            return None
        stream = io.BytesIO(body)
        stream.seek(at)
        decoder = cbor2.CBORDecoder(stream)
        words, spans = [], []
        for _ in range(count):
            entry = decoder.decode()  # the word and its pages; only the word is used
            if not (isinstance(entry, list) and entry and isinstance(entry[0], str)):
                return None
            words.append(entry[0])
            spans.append((at, stream.tell()))
            at = stream.tell()
    except (IndexError, ValueError, cbor2.CBORDecodeError):
        return None
    return _Index(path, body, words, spans, start, at)


def _write(path: Path, body: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def chunk_for(term: str, chunks: list) -> int | None:
    """The position in `chunks` ([from, to, name] of the metadata) of the index file Pagefind 1.6 looks `term` up in
    (pagefind_web request_indexes: the first whose range holds it; failing that, the first whose range holds it when
    both are cut to the shorter length, in bytes)."""
    t = _utf8(term)
    for i, (start, end, _) in enumerate(chunks):
        if _utf8(start) <= t <= _utf8(end):
            return i
    for i, (start, end, _) in enumerate(chunks):
        s, e = _utf8(start), _utf8(end)
        a, b = min(len(t), len(s)), min(len(t), len(e))
        try:
            t[:a].decode("utf-8"), s[:a].decode("utf-8"), t[:b].decode("utf-8"), e[:b].decode("utf-8")
        except UnicodeDecodeError:  # Rust's str.get on a byte that is no character boundary: no match
            continue
        if t[:a] >= s[:a] and t[:b] <= e[:b]:
            return i
    return None


def _separator_word(word: str) -> bool:
    return len(word) == 2 and MARK in word


def drop_separator_words(bundle: Path, chunks: list) -> bool:
    """Drop the ・ words from the index files of the bundle in `bundle` listed by `chunks` (the metadata's list,
    changed in place: the files left with no word leave it); False (nothing changed) when a file is not as known."""
    folder = bundle / "index"
    records = []
    for _, _, name in chunks:
        path = folder / f"{name}.pf_index"
        record = _read(path) if path.is_file() else None
        if record is None:
            return False
        records.append(record)
    empty = []
    for i, record in enumerate(records):
        if record is False:
            continue
        heads: dict[str, int] = {}  # how many words of the file start with each character
        for word in record.words:
            heads[word[:1]] = heads.get(word[:1], 0) + 1
        dropped = set()
        for n, word in enumerate(record.words):
            if _separator_word(word):
                if word[0] == MARK:
                    dropped.add(n)  # "・Y": no query word starts with ・
                elif heads[word[0]] > 1 or chunk_for(word[0], chunks) != i:
                    dropped.add(n)  # the query word X finds other words here, or is looked up in another file
        if len(dropped) == len(record.words):
            empty.append(i)
        if dropped:
            _write(record.path, record.without(dropped))
    for i in reversed(empty):
        start, end, _ = chunks[i]
        if not (start.startswith(MARK) and end.startswith(MARK)):
            continue  # only a file of ・ words leaves the list: no query word falls in its range
        records[i].path.unlink()
        del chunks[i]
    return True
