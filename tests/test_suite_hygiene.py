"""The test session itself: a hang fails instead of running forever; builds leave the user's cache alone."""
from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from conftest import minimal_profile


def test_every_test_has_a_time_limit(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout"), "pytest-timeout is installed (make setup)"
    assert 0 < float(pytestconfig.getini("timeout")) <= 300, "a hang is caught in minutes"
    assert pytestconfig.getini("timeout_method") == "thread", "SIGALRM belongs to the build's PDF time limit"


def test_builds_use_the_session_cache_and_a_second_build_reuses_it(make_content, tmp_path, photo_cache):
    from generator.build import build
    from generator.site.images import cache_dir

    root = make_content({"alpha": minimal_profile() + "images:\n  photos:\n    - {file: hall.jpg, alt: 工場}\n"})
    Image.linear_gradient("L").resize((1200, 900)).convert("RGB").save(root / "companies" / "alpha" / "hall.jpg")
    cache = cache_dir()
    assert cache.is_relative_to(photo_cache)
    assert not cache.is_relative_to(Path.home() / ".cache"), "tests never write into the user's cache"

    build(root, tmp_path / "one", pdf=False)
    made = {p: (p.stat().st_ino, p.stat().st_size) for p in cache.iterdir() if p.is_file()}  # not sources/
    assert any(p.suffix == ".webp" for p in made)
    build(root, tmp_path / "two", pdf=False)
    assert {p: (p.stat().st_ino, p.stat().st_size) for p in cache.iterdir() if p.is_file()} == made, \
        "nothing made again (a use only touches the sidecar)"
    published = [p for p in (tmp_path / "two" / "site" / "companies" / "alpha").iterdir() if p.suffix == ".webp"]
    cached = {(p.stat().st_dev, p.stat().st_ino) for p in made}
    assert published and all((p.stat().st_dev, p.stat().st_ino) in cached for p in published), \
        "the second build's photos are the cached files themselves (hard links)"


def test_the_tests_that_build_the_sample_or_drive_chromium_are_left_out_of_test_fast():
    import pytest

    from conftest import E2E_TIMEOUT_S, pytest_collection_modifyitems

    class Item:  # what the hook reads of a collected test
        def __init__(self, *fixtures, marks=()):
            self.fixturenames, self.marks = list(fixtures), list(marks)

        def add_marker(self, mark):
            self.marks.append(mark.mark if hasattr(mark, "mark") else mark)

        def get_closest_marker(self, name):
            return next((m for m in self.marks if m.name == name), None)

    built, driven, plain = Item("sample_build", "tmp_path"), Item("browser", "serve"), Item("tmp_path")
    marked = Item("tmp_path", marks=[pytest.mark.browser.mark])
    pytest_collection_modifyitems([built, driven, plain, marked])
    assert {m.name for m in built.marks} == {"e2e", "timeout"}
    assert {m.name for m in driven.marks} == {"browser", "e2e", "timeout"} == {m.name for m in marked.marks}
    assert plain.marks == []
    assert built.get_closest_marker("timeout").args == (E2E_TIMEOUT_S,)


def test_the_modules_handed_out_first_exist(pytestconfig):
    from conftest import LONGEST_FIRST

    assert len(set(LONGEST_FIRST)) == len(LONGEST_FIRST)
    assert all((pytestconfig.rootpath / module).is_file() for module in LONGEST_FIRST), \
        "a module renamed or merged: name it again in LONGEST_FIRST"


def test_auto_starts_one_worker_per_usable_core_unless_the_environment_says(pytestconfig, monkeypatch):
    from conftest import pytest_xdist_auto_num_workers

    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    assert pytest_xdist_auto_num_workers(pytestconfig) == len(os.sched_getaffinity(0))
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "3")
    assert pytest_xdist_auto_num_workers(pytestconfig) == 3


def test_the_modules_held_back_for_the_sample_build_are_those_that_take_it(pytestconfig):
    import ast

    from conftest import SAMPLE_MODULES

    takes = set()
    for path in sorted((pytestconfig.rootpath / "tests").rglob("*.py")):
        if path.name == "test_suite_hygiene.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.FunctionDef) and any(a.arg == "sample_build" for a in node.args.args)
               for node in ast.walk(tree)):
            assert path.name != "conftest.py", f"{path}: a shared fixture takes sample_build; SAMPLE_MODULES misses its users"
            takes.add(path.relative_to(pytestconfig.rootpath).as_posix())
    assert takes == SAMPLE_MODULES
