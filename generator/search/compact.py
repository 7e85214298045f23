"""Shorter names for the files of a Pagefind bundle, so that the metadata every search downloads is smaller.

Pagefind names every fragment, index and filter file after a hash of its content, and its metadata file (`pf_meta`,
loaded by every search from every bundle) lists the names of all of them: one per company page, one per index file.
Hashes do not compress, so on a big directory those names are a good part of what a search downloads before it
looks up a single word (bench/RESULTS.md, the search download). We rename the files of a bundle to
`<bundle digest>-<number>` in the order the metadata lists them: numbers in sequence compress to almost nothing,
and the digest (of the bundle's content, that is of every hash it replaces) keeps the names of two different builds
apart, so that a browser or CDN never serves a cached file of an earlier build under the same name.

The sort orders of the pages (`data-pagefind-sort`: the order of results found by filters alone) are moved out of
the metadata into a file of their own per order, `order-<name>.json` in the bundle: only a search without words
needs one, and the search page (static/search.js) puts such results in that order itself.

The search page counts, for every value of the filter panels on screen, the companies ticking it would give, and
narrows the results by the values ticked. Pagefind's filter files (every value's pages, in every bundle) are a big
download for that; `facets.json` in the bundle says the same for the panels a wide screen opens in well under half
the bytes (each page's values as one character each), and `facets-<group>.json` for each other group of a panel,
loaded when its panel is opened or one of its values ticked. The search page counts and narrows with them itself.

A page's text (the fragment's `content`: every word Pagefind indexed, hidden search words too) is moved out of its
fragment into `text/<name>.json` in the bundle, and the fragment names that file (`text`, from the site's root). A
search shows ten results and loads their fragments; the search page reads the text only to mark where a result
matched, and it finds that in the result's terms and names (which the fragment still holds) for most queries: it
loads the texts only for a query whose words it does not find there (a misspelt word, a word of a company's prose,
a reading). pagefind.js makes an empty excerpt of an empty text; the search page makes Pagefind's excerpt itself
from the text it loads (static/search.js excerptOf).

Every page gets the same word count (`WORDS`): Pagefind reads the counts only for the page-length part of its
ranking, which the search page does not use (static/search.js RANKING pageLength 0: a profile is long or short as its
company wrote it), and the counts of 5,000 pages are about 1.4 KB of each bundle's metadata that every search loads.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import cbor2

from .separators import VERSION as SEPARATORS

TEXTS = b"texts 3"  # the fragments without their text (in the digest: the same names, other bytes)
from .separators import drop_separator_words

PAGES, CHUNKS, FILTERS, SORTS = 1, 2, 3, 4  # in the meta record: [version, pages, index chunks, filters, sorts, …]
DIGITS = 6  # hex digits of the bundle digest in every name
# the filter groups of the panels open on a wide screen (templates/site/search.html data-open-wide; municipality and
# place only with other guidebooks, whose results the file cannot count)
COUNTED = ("technologies", "areas")
# filters that are no panel of the search page: a machine's exact figures and a lot's bounds (narrowed on by a figure
# typed, search-typed.js), and the guidebook's own name and places, a panel only with other guidebooks
NO_PANEL = ("figures", "fig-", "municipality", "place")
# filters a result does not show: the steps of the capacity panels (search/facets.py PANELS: a page holds every
# step its figure reaches) and the place among other guidebooks; the search page narrows and counts them with
# Pagefind's filter files and the facet files, not with the results' fragments
STEPS_OF_PANELS = ("m-", "c-")
SIGNATURE = b"pagefind_dcd"  # the start of every Pagefind file, before its record
LETTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORDS = 16  # every page's word count (one byte in CBOR; never 0: Pagefind divides by the average)


def _rename(folder: Path, suffix: str, old: str, new: str) -> bool:
    """Rename one file of the bundle; False when it is not there (the record is then left as it was)."""
    path = folder / f"{old}{suffix}"
    if not path.is_file():
        return False
    path.rename(folder / f"{new}{suffix}")
    return True


def _base36(numbers: list[int]) -> tuple[int, str]:
    """The numbers as one string of base-36 numerals of one width (which it returns too): in JSON, a list of page
    numbers in decimal compresses to about half again as many bytes."""
    width = 1
    while 36 ** width <= max(numbers, default=0):
        width += 1
    out = []
    for n in numbers:
        digits = ""
        for _ in range(width):
            n, r = divmod(n, 36)
            digits = LETTERS[r] + digits
        out.append(digits)
    return width, "".join(out)


def _move_text(bundle: Path, old: str, new: str) -> bool:
    """Rename the fragment `old` to `new`, then move its text to `text/<new>.json` (a JSON string) and name that file in
    the fragment (`text`: the bundle's folder, so that the search page, which merges every bundle, finds it from the
    site's root), leaving out the filters a result does not show; False when the fragment is not there.

    Plain string paths and no existence checks before the calls: a bundle has over a thousand fragments."""
    folder = os.path.join(bundle, "fragment")
    path = os.path.join(folder, f"{new}.pf_fragment")
    try:
        os.rename(os.path.join(folder, f"{old}.pf_fragment"), path)
    except FileNotFoundError:
        return False
    with open(path, "rb") as f:
        body = gzip.decompress(f.read())
    if not body.startswith(SIGNATURE):
        return True
    fragment = json.loads(body[len(SIGNATURE):])
    if not (isinstance(fragment, dict) and isinstance(fragment.get("content"), str)) or not fragment["content"]:
        return True
    texts = os.path.join(bundle, "text")
    try:
        text = open(os.path.join(texts, f"{new}.json"), "w", encoding="utf-8")
    except FileNotFoundError:  # the first text of the bundle
        os.mkdir(texts)
        text = open(os.path.join(texts, f"{new}.json"), "w", encoding="utf-8")
    with text:
        text.write(json.dumps(fragment["content"], ensure_ascii=False))
    fragment["content"] = ""
    fragment["text"] = f"{bundle.name}/text/{new}.json"
    if isinstance(fragment.get("filters"), dict):
        fragment["filters"] = {k: v for k, v in fragment["filters"].items()
                               if not (k.startswith(STEPS_OF_PANELS) or k == "place")}
    # mtime 0: the same bytes for the same content (stable.py)
    with open(path, "wb") as f:
        f.write(gzip.compress(SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":"))
                              .encode("utf-8"), compresslevel=9, mtime=0))
    return True


def _move_sorts(bundle: Path, record: list, digest: str) -> None:
    """Write each sort order of the record to `order-<name>.json` (the page numbers in that order as base-36
    numerals of `width` letters each, and the digest the bundle's names carry) and take it out of the record."""
    sorts = record[SORTS]
    if not (isinstance(sorts, list) and all(isinstance(s, list) and len(s) == 2 and isinstance(s[0], str)
                                            and isinstance(s[1], list) for s in sorts)):
        return
    for name, pages in sorts:
        width, numerals = _base36(pages)
        (bundle / f"order-{name}.json").write_text(json.dumps({"digest": digest, "width": width, "pages": numerals},
                                                              separators=(",", ":")), encoding="utf-8")
    record[SORTS] = []


def compact(bundle: Path, record: list) -> bool:
    """Rename the fragment, index and filter files of the Pagefind bundle in `bundle` listed by its meta `record`
    (changed in place) and give its pages one word count; False (nothing changed) when the record is not as known."""
    pages, chunks, filters = record[PAGES], record[CHUNKS], record[FILTERS]
    if not (isinstance(pages, list) and isinstance(chunks, list) and isinstance(filters, list)):
        return False
    if not all(isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and isinstance(p[1], int) and p[2] == ""
               for p in pages):  # fragment groups (a third field) are not ours to rename
        return False
    if not all(isinstance(c, list) and len(c) == 3 and isinstance(c[2], str) for c in chunks) or \
            not all(isinstance(f, list) and len(f) == 2 and isinstance(f[1], str) for f in filters):
        return False
    drop_separator_words(bundle, chunks)  # before the names: the digest says what the files hold
    digest = hashlib.sha256(cbor2.dumps(record) + SEPARATORS + TEXTS).hexdigest()[:DIGITS]
    names = (f"{digest}-{n:x}" for n in range(len(pages) + len(chunks) + len(filters)))
    for page in pages:
        new = next(names)
        if _move_text(bundle, page[0], new):
            page[0] = new
        page[1] = WORDS
    for chunk in chunks:
        new = next(names)
        if _rename(bundle / "index", ".pf_index", chunk[2], new):
            chunk[2] = new
    for item in filters:
        new = next(names)
        if _rename(bundle / "filter", ".pf_filter", item[1], new):
            item[1] = new
    _move_sorts(bundle, record, digest)
    _write_facets(bundle, record, digest)
    return True


def _letters(bundle: Path, record: list, file: str) -> dict | None:
    """One filter group's values and each page's values (a string per page of one letter per value, the pages in
    the bundle's order, separated by spaces), from its Pagefind filter file; None when it has more values than
    letters or is not as known."""
    from .stable import _read  # the Pagefind file reader (stable.py imports this module)

    path = bundle / "filter" / f"{file}.pf_filter"
    data = _read(path) if path.is_file() else None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)) or len(data[1]) > len(LETTERS):
        return None
    per_page = [""] * len(record[PAGES])
    for i, (_, pages) in enumerate(data[1]):
        for page in pages:
            per_page[page] += LETTERS[i]
    return {"values": [value for value, _ in data[1]], "pages": " ".join(per_page)}


def _write_facets(bundle: Path, record: list, digest: str) -> None:
    """Write `facets.json` (the groups of COUNTED) and `facets-<group>.json` for every other group of a panel
    (none for a group of more values than letters: the search page then counts it with Pagefind's filter file)."""
    files = dict(item for item in record[FILTERS])
    out = {"digest": digest, "groups": {}}
    for name, file in sorted(files.items()):
        if name.startswith(NO_PANEL):
            continue
        letters = _letters(bundle, record, file)
        if letters is None:
            continue
        if name in COUNTED:
            out["groups"][name] = letters
        else:
            (bundle / f"facets-{name}.json").write_text(json.dumps(
                {"digest": digest, "groups": {name: letters}}, ensure_ascii=False, separators=(",", ":")),
                encoding="utf-8")
    (bundle / "facets.json").write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
