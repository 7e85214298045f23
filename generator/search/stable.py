"""Make Pagefind's output byte-identical for identical content.

Pagefind (1.5) writes the filter list of each language's `pf_meta` file and the language list of
`pagefind-entry.json` in hash-map order, which changes from run to run (Pagefind issue #638: "other files will
still change, such as the filter/metadata indexes"). We put both in a fixed order and name each meta file after a
hash of its new content, so two builds of the same content publish the same bytes (reviewable diffs, cacheable
deploys, reproducible builds). The index and fragment files themselves are already stable.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2
import zopfli.gzip

from .compact import compact

SIGNATURE = b"pagefind_dcd"
FILTERS, SORTS = 3, 4  # positions in the meta record: [version, pages, index chunks, filters, sorts, meta fields]


def _read(path: Path):
    """The CBOR record of a Pagefind file, or None when its format is not the one we know."""
    body = gzip.decompress(path.read_bytes())
    if not body.startswith(SIGNATURE):
        return None
    record = cbor2.loads(body[len(SIGNATURE):])
    if cbor2.dumps(record) != body[len(SIGNATURE):]:
        return None  # re-encoding would change more than the order: leave Pagefind's file alone
    return record


def _write(folder: Path, lang: str, digits: int, name: str, record, harder: bool = False) -> str:
    """Write a record under a name made from its content's hash; return the new hash (e.g. `ja_1a2b3c4`).
    `harder`: compressed with zopfli (the same gzip format in about an eighth fewer bytes, at a few tenths of a second
    for the metadata of a big bundle), for the file every search downloads."""
    # mtime=0: the gzip header carries nothing that depends on when the build ran (zopfli writes 0 too)
    body = SIGNATURE + cbor2.dumps(record)
    data = zopfli.gzip.compress(body) if harder else gzip.compress(body, compresslevel=9, mtime=0)
    digest = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / name.format(digest)).write_bytes(data)
    return digest


def _stable_filter(bundle: Path, lang: str, digest: str) -> str:
    """Sort one filter file's values by name; return its new hash (unchanged if the file is not as expected)."""
    path = bundle / "filter" / f"{digest}.pf_filter"
    if not path.is_file():
        return digest
    record = _read(path)
    if not (isinstance(record, list) and len(record) == 2 and isinstance(record[1], list)):
        return digest
    record[1] = sorted(record[1], key=lambda item: str(item[0]))
    path.unlink()
    return _write(bundle / "filter", lang, 7, "{}.pf_filter", record)


def _stable_meta(bundle: Path, lang: str, digest: str) -> str:
    """Sort a language's meta record (filters and sorts by name, filter files too) and shorten the names of the
    files it lists (compact.py); return its new hash."""
    path = bundle / f"pagefind.{digest}.pf_meta"
    if not path.is_file():
        return digest
    record = _read(path)
    if not (isinstance(record, list) and len(record) > SORTS):
        return digest
    if isinstance(record[FILTERS], list):
        for item in record[FILTERS]:
            item[1] = _stable_filter(bundle, lang, item[1])
    for position in (FILTERS, SORTS):
        if isinstance(record[position], list):
            record[position] = sorted(record[position], key=lambda item: str(item[0]) if item else "")
    compact(bundle, record)  # shorter file names: the meta is downloaded by every search
    path.unlink()
    return _write(bundle, lang, 10, "pagefind.{}.pf_meta", record, harder=True)


def stabilise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle in `bundle` (site/pagefind) into a run-independent form, in place."""
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        return
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        return
    for lang, info in languages.items():
        info["hash"] = _stable_meta(bundle, lang, info["hash"])
    entry["languages"] = dict(sorted(languages.items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
