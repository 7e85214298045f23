"""The search bundles: one set for both languages (the Japanese pages), split above `SHARD` companies; a rebuild
re-indexes only the bundles whose pages changed and takes the others from the last build, and the result is the same
as indexing afresh."""
import shutil
from pathlib import Path

import pytest

from generator.load import load_content
from generator.model import make_guide
from generator.search import shards
from generator.search.index import index_search
from generator.site.render import render_site
from generator.site.templates import theme_dirs

SAMPLE = Path(__file__).resolve().parents[2] / "content"
SLUG = "yamada-seiki"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(shards, "SHARD", 10)  # the 36 sample companies: 4 bundles
    root = tmp_path / "content"
    shutil.copytree(SAMPLE, root)
    return root


def render(root: Path, site: Path, previous: Path | None = None) -> None:
    guide = make_guide(load_content(root))
    render_site(guide, site, theme_dirs(guide.site.theme), previous=previous)


def bundles(site: Path) -> dict[str, bytes]:
    """Every file of every search bundle, by path under the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and any(part.startswith("pagefind") for part in p.relative_to(site).parts)}


def own_bundle(slug: str, companies: int) -> str:
    return shards.bundle_folders(companies)[shards.shard_of(slug, shards.shard_count(companies))]


def test_a_rebuild_reindexes_only_the_bundles_of_the_changed_company(content, tmp_path):
    a, b, clean = tmp_path / "a" / "site", tmp_path / "b" / "site", tmp_path / "clean" / "site"
    render(content, a)
    folders = index_search(a)
    assert len(folders) == 4
    profile = content / "companies" / SLUG / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("航空機", "航空宇宙機器", 1), encoding="utf-8")
    render(content, b, previous=a)
    assert index_search(b, previous=a) == folders
    changed = own_bundle(SLUG, 36)
    for folder in folders:
        entry_a, entry_b = (a / folder / "pagefind-entry.json").stat(), (b / folder / "pagefind-entry.json").stat()
        taken = (entry_a.st_dev, entry_a.st_ino) == (entry_b.st_dev, entry_b.st_ino)  # a hard link of the last build
        assert taken == (folder != changed), folder
    # the same bytes as indexing the new pages afresh
    render(content, clean)
    index_search(clean)
    assert bundles(b) == bundles(clean)
    assert bundles(b) != bundles(a)


def test_bundles_of_an_earlier_split_are_removed_and_a_missing_one_is_made_again(content, tmp_path, monkeypatch):
    site = tmp_path / "site"
    render(content, site)
    index_search(site)
    assert (site / "pagefind-4" / "pagefind-entry.json").is_file()
    again = tmp_path / "again" / "site"
    render(content, again, previous=site)
    shutil.rmtree(site / "pagefind-2")  # gone by hand since: made again, not taken from the last build
    index_search(again, previous=site)
    assert (again / "pagefind-2" / "pagefind-entry.json").is_file()
    (site / "en" / "pagefind").mkdir()  # a bundle per language, as built before one served both
    monkeypatch.setattr(shards, "SHARD", 100)  # a directory that fits one bundle
    render(content, site)
    assert index_search(site) == ["pagefind"]
    assert not list(site.glob("pagefind-*")) and not list(site.glob("en/pagefind*"))
    for page in ("search/index.html", "en/search/index.html"):
        assert 'data-bundles="pagefind"' in (site / page).read_text(encoding="utf-8")


def test_every_company_is_in_one_bundle_and_both_search_pages_list_them(content, tmp_path):
    site = tmp_path / "site"
    render(content, site)
    index_search(site)
    slugs = sorted(p.name for p in (content / "companies").iterdir())
    folders = shards.bundle_folders(len(slugs))
    counts = [sum(1 for _ in (site / f / "fragment").iterdir()) for f in folders]
    assert sum(counts) == len(slugs) and all(counts), counts
    assert not (site / "en" / "pagefind").exists()  # the English pages are not indexed: they share the bundles
    for page in ("search/index.html", "en/search/index.html"):
        assert f'data-bundles="{" ".join(folders)}"' in (site / page).read_text(encoding="utf-8")


def test_a_failed_run_stops_the_others_and_names_its_bundle(content, tmp_path, monkeypatch):
    import time

    from generator.search import index as index_module

    fake = tmp_path / "pagefind"  # the first run takes a minute, the one beside it fails at once
    fake.write_text(f'#!/bin/sh\nif mkdir "{tmp_path}/first" 2>/dev/null; then exec sleep 60; fi\n'
                    'echo "broken page" >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(index_module, "pagefind_binary", lambda: fake)
    site = tmp_path / "site"
    render(content, site)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"(?s)Pagefind failed \(.*pagefind.*\):.*broken page"):
        index_search(site)
    assert time.monotonic() - started < 30  # the sleeping run beside it was killed, the queued ones never started
    assert not list(tmp_path.glob(".search-*"))  # no page links left behind
