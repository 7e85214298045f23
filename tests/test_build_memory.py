"""What a build holds while Pagefind runs beside it and the PDF workers fork from it."""
from __future__ import annotations

import weakref

import generator.build as build_module


def test_the_profiles_as_read_are_released_before_pagefind_and_the_pdf(make_content, tmp_path, monkeypatch):
    loaded = []
    real_load, real_index = build_module.load_and_validate, build_module.index_search

    def load(root, **options):
        content, problems = real_load(root, **options)
        loaded.append(weakref.ref(content))
        return content, problems

    alive_at_index = []

    def index(site, **options):
        alive_at_index.append(loaded[0]() is not None)  # no gc.collect(): the build must have let it go itself
        return real_index(site, **options)

    monkeypatch.setattr(build_module, "load_and_validate", load)
    monkeypatch.setattr(build_module, "index_search", index)
    build_module.build(make_content(), tmp_path / "build", pdf=False)
    assert alive_at_index == [False]
