"""The photo cache is pruned after a successful build: entries unused for a week go, nothing else does."""
from __future__ import annotations

import os
import shutil
import time

import pytest
from PIL import Image

from conftest import minimal_profile
from generator.site.imagecache import KEEP_UNUSED_S, prune

PHOTO_YAML = "images:\n  photos:\n    - {file: hall.jpg, alt: 工場}\n"
OLD = time.time() - KEEP_UNUSED_S - 24 * 3600


def entries(cache) -> set[str]:
    """The keys of the complete entries (those with a sidecar)."""
    return {p.stem for p in cache.glob("*.json")}


def age(cache, key: str, when: float) -> None:
    for path in cache.glob(f"{key}*"):
        os.utime(path, (when, when))


def copy_entry(cache, key: str, new_key: str) -> None:
    """Another complete entry, as an older photo or older encoder settings would have left it."""
    for path in cache.glob(f"{key}*"):
        shutil.copy(path, cache / path.name.replace(key, new_key))


@pytest.fixture
def site(make_content, tmp_path, monkeypatch):
    """A content tree with one photo, its own cache (GUIDEBOOK_CACHE) and a first build."""
    from generator.build import build

    monkeypatch.setenv("GUIDEBOOK_CACHE", str(tmp_path / "cache-root"))
    root = make_content({"alpha": minimal_profile() + PHOTO_YAML})
    Image.linear_gradient("L").resize((1200, 900)).convert("RGB").save(root / "companies" / "alpha" / "hall.jpg")
    out = tmp_path / "build"
    build(root, out, pdf=False)
    cache = tmp_path / "cache-root" / "images"
    (used,) = entries(cache)
    return root, out, cache, used


def test_a_build_removes_entries_unused_for_a_week_and_keeps_recent_ones(site):
    from generator.build import build

    root, out, cache, used = site
    copy_entry(cache, used, "0" * 32)
    copy_entry(cache, used, "1" * 32)
    age(cache, "0" * 32, OLD)  # a photo replaced long ago
    age(cache, "1" * 32, time.time() - 24 * 3600)  # used yesterday, e.g. by another content tree
    age(cache, used, OLD)  # in use, however old its files: this build touches it
    build(root, out, pdf=False)
    assert entries(cache) == {used, "1" * 32}
    assert not list(cache.glob("0" * 32 + "*")), "variants go with their sidecar"
    assert list((out / "site" / "companies" / "alpha").glob("*.webp"))


def test_a_failed_build_removes_nothing(site, monkeypatch):
    import generator.build as build_module

    root, out, cache, used = site
    copy_entry(cache, used, "0" * 32)
    age(cache, "0" * 32, OLD)
    before = [p.name for p in cache.iterdir()]

    def pagefind_fails(site_folder, **options):
        raise RuntimeError("Pagefind failed")

    monkeypatch.setattr(build_module, "index_search", pagefind_fails)
    with pytest.raises(RuntimeError):
        build_module.build(root, out, pdf=False)
    assert set(before) <= {p.name for p in cache.iterdir()}  # (sources/ may have appeared: hashes remembered)


def test_prune_keeps_entries_used_since_and_entries_being_written(tmp_path):
    cache = tmp_path / "images"
    (cache / "sources").mkdir(parents=True)
    since = time.time() - 60
    for key in ("a" * 32, "b" * 32):
        (cache / f"{key}.json").write_text("{}")
        (cache / f"{key}-320.webp").write_bytes(b"w")
    (cache / ("c" * 32 + "-320.webp")).write_bytes(b"w")  # a build is making this one right now: no sidecar yet
    (cache / f".{'d' * 32}-320.webp.999.tmp").write_bytes(b"half")  # left by a killed build
    (cache / "sources" / "old.json").write_text("{}")
    (cache / "sources" / "new.json").write_text("{}")
    age(cache, "a" * 32, since - 10)
    os.utime(cache / f".{'d' * 32}-320.webp.999.tmp", (since - 10, since - 10))
    os.utime(cache / "sources" / "old.json", (since - 10, since - 10))

    assert prune(cache, since, keep_unused_s=0) == 2
    assert sorted(p.name for p in cache.iterdir()) == sorted(["b" * 32 + ".json", "b" * 32 + "-320.webp",
                                                             "c" * 32 + "-320.webp", "sources"])
    assert [p.name for p in (cache / "sources").iterdir()] == ["new.json"]
