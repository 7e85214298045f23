"""What the search pages know beyond the index: the vocabulary with its readings, and the company names.

`search/terms.json` (read on every search, small): each used term's labels and aliases, for the "why it matched"
line of a result, for "did you mean", and to search a typed alias as its term's label (the pages do not carry the
aliases). `search/readings-<n>.json` (read for the words typed in kana or Latin letters):
the kana and romaji readings of the written words starting with a character of bucket n, so that ようせつ or yosetsu
finds 溶接 without putting a reading on every company page. `search/names-<n>.json` (read only when a query finds
nothing, or only something close): the names and readings of the companies whose name or reading starts with a
character of bucket n, for "did you mean".
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from ..model.romaji import romanize
from ..model.text import strip_legal_form
from ..files import atomic_write as write_atomic, cache_root
from .network import facet_terms
from .facets import facet_groups, typed_data
from .shards import bundle_folders
from .variants import _load_yaml, guide_concepts, taxonomies_folder

FACT_VOCABULARIES = ("machines", "materials", "qualifications")  # filter name = vocabulary name

READINGS_VERSION = 1  # of how readings are made: a new one makes the cached readings again

_KANJI_ONLY = re.compile(r"^[\u4e00-\u9fff\u3005]{2,}$")  # a reading of a word with kana in it is a guess (焼入れ)


def _reading(word: str) -> str | None:
    """The hiragana reading of a word written in kanji only, or None."""
    if not _KANJI_ONLY.match(word):
        return None
    from ..model.romaji import _kakasi

    return "".join(item["hira"] for item in _kakasi().convert(word)) or None


def terms_data(guide, facets) -> dict:
    """{"terms": {taxonomy: {key: [ja, en, alias…]}}, "concepts": [[word…]…]}: the terms of the filters (the used
    ones; every one with a network) and the concept list (so that a result says which of its words a query matched),
    with the typed figures' data."""
    terms: dict[str, dict[str, list[str]]] = {}
    for name in facets:
        if name in guide.taxonomies:
            for term, _count in facet_terms(guide, name):
                words = list(dict.fromkeys([term.label.ja, term.label.en or term.label.ja, *term.aliases]))
                terms.setdefault(name, {})[term.key] = words
    # the filters of the profiles' facts that are vocabulary terms: a result says it matched 5軸マシニングセンタ, and the
    # search page makes a typed machine type its filter (search.js liftMachines)
    for group in facet_groups(guide):
        taxonomy = guide.taxonomies.get(group.name)
        if taxonomy is not None and group.name in FACT_VOCABULARIES:
            for value, _count in group.used:
                term = taxonomy.terms[value.key]
                words = list(dict.fromkeys([term.label.ja, term.label.en or term.label.ja, *term.aliases]))
                terms.setdefault(group.name, {})[term.key] = words
    typed = typed_data(guide)  # a typed figure or material kind is its filter (static/search-typed.js)
    return {"terms": terms, "concepts": [list(group) for group in guide_concepts(guide)], **typed}


def readings_data(terms: dict, other: dict[str, str] | None = None) -> dict[int, dict[str, str]]:
    """{bucket: {reading: word}}: the readings of the words of `terms` (terms_data's), and the `other` readings
    (other_readings), by the bucket of the reading (a search loads only the files of the words typed)."""
    buckets: dict[int, dict[str, str]] = {}
    readings = readings_of(sorted({w for t in terms.values() for ws in t.values() for w in ws}))
    for reading, word in {**(other or {}), **readings}.items():
        buckets.setdefault(name_bucket(reading), {})[reading] = word
    return buckets


def other_readings(guide) -> dict[str, str]:
    """{reading: word} of content/taxonomies/readings.yaml: the readings buyers type that the dictionary does not
    give, mostly common misreadings (きんがた for 金型, read かながた), in kana and in romaji. None when the content has
    no such file."""
    if not guide.companies:
        return {}
    path = taxonomies_folder(guide.companies[0]) / "readings.yaml"
    try:
        data = _load_yaml(path) or {}
    except FileNotFoundError:
        return {}
    out: dict[str, str] = {}
    for word, readings in data.items():
        for reading in readings if isinstance(readings, list) else [readings]:
            kana = _fold(str(reading))
            for spelling in (kana, romanize(kana), romanize(kana, long_vowels=True)):
                if spelling:
                    out.setdefault(spelling, str(word))
    return out


def readings_of(words: list[str]) -> dict[str, str]:
    """{kana or romaji reading: word} of the kanji words among `words` (and their parts between ・ / ( )).

    Loading the kanji dictionary takes longer than a whole small build, so the readings of a vocabulary are kept in
    the cache folder beside the resized images and read from there while the vocabulary stays the same.
    """
    source = hashlib.sha256(json.dumps([READINGS_VERSION, words], ensure_ascii=False).encode()).hexdigest()[:16]
    cached = cache_root() / "search" / f"readings-{source}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    readings: dict[str, str] = {}
    for word in words:
        for part in re.split(r"[・/（）()\s]+", word):
            reading = _reading(part)
            if reading and reading != part:
                for spelling in (reading, romanize(reading), romanize(reading, long_vowels=True)):
                    readings.setdefault(spelling, part)
    readings = dict(sorted(readings.items()))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("readings-*.json"):
            old.unlink(missing_ok=True)  # one vocabulary at a time
        write_atomic(cached, json.dumps(readings, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only cache folder: computed again next time
    return readings


NAME_BUCKETS = 64  # names-<n>.json, readings-<n>.json: a search loads the one (or few) its words fall in


def _fold(text: str) -> str:
    """As search.js folds a word: NFKC, lower case, katakana as hiragana, no spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace(" ", "")
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def name_bucket(word: str) -> int:
    """The names (and readings) file a word is looked up in: by the first character of its folded form (search.js
    the same)."""
    folded = _fold(word)
    return ord(folded[0]) % NAME_BUCKETS if folded else 0


def names_data(guide) -> dict[int, list[list[str]]]:
    """{bucket: [[name without its legal form, kana reading], …]}: each company under the first character of its
    name and of its reading (a buyer types a name from its start)."""
    buckets: dict[int, list[list[str]]] = {}
    for c in guide.companies:
        entry = [strip_legal_form(c.name.ja), c.kana]
        for b in dict.fromkeys((name_bucket(entry[0]), name_bucket(entry[1]))):
            buckets.setdefault(b, []).append(entry)
    return buckets


def write_search_data(guide, out: Path, facets) -> None:
    """Write search/terms.json (of the vocabularies `facets`), search/readings-<n>.json and search/names-<n>.json
    beside the search page (none for a directory with no company)."""
    folder = out / "search"
    for old in [folder / "terms.json", *folder.glob("names*.json"), *folder.glob("readings*.json")]:
        old.unlink(missing_ok=True)  # never write into a hard link to the previous build's file; no bucket of an earlier build stays
    if not bundle_folders(len(guide.companies)):
        return
    folder.mkdir(parents=True, exist_ok=True)
    terms = terms_data(guide, facets)
    readings, names = readings_data(terms["terms"], other_readings(guide)), names_data(guide)
    # the buckets that have a file: the page asks only for those (a missing one was a 404 in the console)
    terms["files"] = {"readings": sorted(readings), "names": sorted(names)}
    files = {"terms.json": terms}
    files.update({f"readings-{b}.json": entries for b, entries in readings.items()})
    files.update({f"names-{b}.json": entries for b, entries in names.items()})
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
