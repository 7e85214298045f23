"""How the company pages are split into search bundles of at most `SHARD` companies each.

There is one set of bundles for both languages: only the Japanese company pages are indexed, and they carry the
English words too (see generator/search/index.py), so the English search page searches the same bundles.

A module of its own, importing nothing of the project, because both the pages (the search page lists its bundles)
and the indexing use it.
"""
from __future__ import annotations

import hashlib

SHARD = 1500  # companies per bundle (Pagefind on 1,500 Japanese pages: ~0.8 GB, ~6 s)


def shard_count(companies: int) -> int:
    """How many search bundles a directory of `companies` companies has (none without any)."""
    return -(-companies // SHARD)


def bundle_folders(companies: int) -> list[str]:
    """The folders (under the site root) of the search bundles, the first one the search pages load Pagefind from."""
    return ["pagefind" + (f"-{i + 1}" if i else "") for i in range(shard_count(companies))]


def shard_of(slug: str, count: int) -> int:
    """The bundle a company's pages are indexed in: stable while the number of bundles stays the same."""
    return int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % count
