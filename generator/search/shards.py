"""How the company pages are split into search bundles: one set per language, each bundle at most `SHARD` companies.

A module of its own, importing nothing of the project, because both the pages (the search page lists its bundles)
and the indexing use it.
"""
from __future__ import annotations

import hashlib

SHARD = 1500  # companies per bundle and language (Pagefind on 1,500 Japanese pages: ~0.8 GB, ~6 s)
LANGS = {"ja": "", "en": "en/"}  # language -> where its pages and bundles sit under the site root


def shard_count(companies: int) -> int:
    """How many search bundles each language has for a directory of `companies` companies (none without any)."""
    return -(-companies // SHARD)


def bundle_folders(companies: int, lang: str) -> list[str]:
    """The folders (under the site root) of the search bundles of one language, the first one the search page's own."""
    return [f"{LANGS[lang]}pagefind" + (f"-{i + 1}" if i else "") for i in range(shard_count(companies))]


def shard_of(slug: str, count: int) -> int:
    """The bundle a company's pages are indexed in: stable while the number of bundles stays the same."""
    return int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % count
