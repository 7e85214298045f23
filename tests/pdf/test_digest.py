"""Chunk digests: a rebuild composes the HTML of the chunks whose pages changed, and of no other."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil

import pytest

from .conftest import load_guide, render


@pytest.fixture
def composed(monkeypatch):
    """The names of the first company on each chunk composed (front excluded), recorded as they are composed."""
    from generator.pdf.compose import Composer

    real, seen = Composer.html, []

    def html(self, sheets, front=False):
        if not front:
            seen.append(sheets[0].kind if sheets[0].company is None else sheets[0].company.slug)
        return real(self, sheets, front)

    monkeypatch.setattr(Composer, "html", html)
    return seen


def test_a_rebuild_composes_only_the_chunk_that_shows_the_change(small_content, tmp_path, composed):
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    cache, state = tmp_path / "cache", tmp_path / "state"
    first = render(root, tmp_path / "a.pdf", cache=cache, state=state)
    every = len(composed)
    assert every == len(first.plan.chunks)
    composed.clear()
    render(root, tmp_path / "same.pdf", cache=cache, state=state)
    assert composed == [], "nothing changed: no chunk is composed"
    yaml = root / "companies" / "nara-giken" / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("5軸加工", "5軸加工・研削"), encoding="utf-8")
    second = render(root, tmp_path / "b.pdf", cache=cache, state=state)
    holding = next(c for c in second.plan.chunks if any(s.company and s.company.slug == "nara-giken" for s in c.sheets))
    assert len(composed) == 1, composed
    assert composed[0] in [s.company.slug if s.company else s.kind for s in holding.sheets[:1]]
    assert "研削" in second.page_text(second.plan.company_pages()["nara-giken"])
    assert [n for n, was_cached in second.plan.rendered.items() if not was_cached] == [holding.name]


def test_an_unreadable_build_state_composes_everything(small_content, tmp_path, composed):
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    cache, state = tmp_path / "cache", tmp_path / "state"
    first = render(root, tmp_path / "a.pdf", cache=cache, state=state)
    assert '"pdf/ja-screen/' in (state / ".state.json").read_text(encoding="utf-8")  # the chunks are in the one state
    assert not list(cache.rglob("digests.json"))
    (state / ".state.json").write_text("{not json", encoding="utf-8")
    composed.clear()
    again = render(root, tmp_path / "b.pdf", cache=cache, state=state)
    assert len(composed) == len(first.plan.chunks)
    assert all(again.plan.rendered.values()), "the chunks themselves are still found by the key of their HTML"


def test_the_digest_follows_the_pages_the_profile_and_the_image_contents(small_content, tmp_path):
    from generator.model.company import Image
    from generator.pdf.digest import chunk_digest
    from generator.pdf.layout import geometry
    from generator.pdf.plan import Chunk, make_plan

    guide = load_guide(small_content)
    plan = make_plan(guide, geometry(guide.site.print.paper), 3)
    chunk = next(c for c in plan.chunks if c.name.startswith("body-"))
    base = chunk_digest("edition", chunk)
    assert chunk_digest("edition", chunk) == base
    assert chunk_digest("another edition", chunk) != base
    moved = Chunk(chunk.name, [dataclasses.replace(s, number=s.number + 1) for s in chunk.sheets])
    assert chunk_digest("edition", moved) != base, "page numbers"
    index = next(i for i, s in enumerate(chunk.sheets) if s.company is not None)
    sheet = chunk.sheets[index]
    renamed = dataclasses.replace(sheet.company, kana=sheet.company.kana + "ア")
    assert chunk_digest("edition", Chunk(chunk.name, chunk.sheets[:index] + [dataclasses.replace(
        sheet, company=renamed)] + chunk.sheets[index + 1:])) != base, "any field of a profile"
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"one")
    with_logo = Chunk(chunk.name, chunk.sheets[:index] + [dataclasses.replace(sheet, company=dataclasses.replace(
        sheet.company, logo=Image("logo.png", logo)))] + chunk.sheets[index + 1:])
    before = chunk_digest("edition", with_logo)
    os.utime(logo, ns=(1, 1))  # another file time, the same bytes: the key is the content, never the time
    assert chunk_digest("edition", with_logo) == before
    logo.write_bytes(b"two")  # same name, same size, other bytes: another image
    os.utime(logo, ns=(1, 1))
    assert chunk_digest("edition", with_logo) != before


def test_a_second_build_takes_every_chunk_from_the_one_build_state(small_content, tmp_path, composed):
    from generator.build import build

    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    out = tmp_path / "build"
    build(root, out)
    state = json.loads((out / ".state.json").read_text(encoding="utf-8"))
    chunks = [name for name in state["artifacts"] if name.startswith("pdf/")]
    assert {name.split("/")[1] for name in chunks} == {"ja-screen", "en-screen"}
    assert len(composed) == len(chunks)
    assert not list(out.rglob("digests.json"))
    before = (out / "guidebook.pdf").read_bytes()
    composed.clear()
    build(root, out)
    assert composed == [], "nothing changed: no chunk of either edition is composed"
    assert (out / "guidebook.pdf").read_bytes() == before
