"""A rebuild after one profile changed appends an incremental update to the previous screen edition: same pages,
same text, links, bookmarks and structure tree as a clean build; anything else merges the whole book again."""
from __future__ import annotations

import json
import shutil
import subprocess

import pikepdf
import pytest

from generator.errors import ContentError

from .conftest import render
from .test_tags import check_structure

CHANGED = "nara-giken"


@pytest.fixture
def small_chunks(monkeypatch):
    """Three pages per chunk, so that the five companies of the fixture make several body chunks."""
    monkeypatch.setattr("generator.pdf.plan.CHUNK_PAGES", 3)


@pytest.fixture
def built(small_content, tmp_path, small_chunks):
    """A content copy and its first (fully merged) screen edition, with its cache."""
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    out, cache = tmp_path / "out" / "guidebook.pdf", tmp_path / "cache"
    out.parent.mkdir()
    first = render(root, out, cache=cache)
    return root, out, cache, first


def edit(root, slug: str = CHANGED, old: str = "5軸加工", new: str = "5軸加工・研削") -> None:
    yaml = root / "companies" / slug / "company.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert old in text
    yaml.write_text(text.replace(old, new), encoding="utf-8")


def book(cache) -> dict:
    return json.loads((cache / "ja-screen" / "book.json").read_text(encoding="utf-8"))


def pages_text(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def links(pdf) -> list[tuple[int, int]]:
    """(page index, target page index) of every internal link; each target must be a page of the book."""
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found = []
    for i, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            assert action is None or not str(action.get("/URI", "")).startswith("https://guidebook.invalid/"), \
                "a placeholder link was left"
            if "/Dest" in annot:
                assert annot.Dest[0].objgen in index, "a link to a page that is not in the book"
                found.append((i, index[annot.Dest[0].objgen]))
    return found


def bookmarks(pdf) -> list[tuple[str, int]]:
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            found.append((item.title, index[item.destination[0].objgen]))
            stack += list(reversed(item.children))
    return found


def test_one_profile_changed_appends_an_update_that_reads_as_a_clean_build(built, tmp_path):
    root, out, cache, first = built
    before = out.read_bytes()
    page = first.plan.company_pages()[CHANGED]
    assert "研削" not in first.page_text(page)
    assert book(cache)["updates"] == 0
    edit(root)
    from generator.pdf.compose import Composer

    real, composed = Composer.html, []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Composer, "html", lambda self, sheets, front=False: composed.append(
            [s.company.slug if s.company else s.kind for s in sheets]) or real(self, sheets, front))
        second = render(root, out, cache=cache)
    assert composed[1:] == [[CHANGED]], "the front, then only the changed page is composed and rendered"
    after = out.read_bytes()
    assert after.startswith(before) and len(after) > len(before), "the previous file with an update appended"
    assert book(cache)["updates"] == 1
    fresh = [name for name, was_cached in second.plan.rendered.items() if not was_cached]
    assert len(fresh) == 1, second.plan.rendered
    clean = render(root, tmp_path / "clean.pdf")  # no cache, no previous file: a full merge
    assert pages_text(out) == pages_text(clean.pdf)
    assert second.plan.company_pages()[CHANGED] == page
    assert "研削" in second.page_text(page)
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    with pikepdf.open(out) as updated, pikepdf.open(clean.pdf) as whole:
        assert len(updated.pages) == len(whole.pages) == first.plan.total
        assert links(updated) == links(whole)
        assert bookmarks(updated) == bookmarks(whole)
        check_structure(updated)


def test_the_old_text_is_gone_and_a_second_update_stacks(built, monkeypatch):
    root, out, cache, first = built
    monkeypatch.setattr("generator.pdf.update.GROWTH", 10.0)  # a chunk is a large part of this small book
    edit(root)
    render(root, out, cache=cache)
    edit(root, old="5軸加工・研削", new="5軸加工・放電")
    third = render(root, out, cache=cache)
    assert book(cache)["updates"] == 2
    text = "\f".join(pages_text(out))
    assert "放電" in text and "研削" not in text
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    with pikepdf.open(out) as pdf:
        check_structure(pdf)
        assert len(pdf.pages) == third.plan.total


def test_no_change_keeps_the_same_bytes(built):
    root, out, cache, _ = built
    before = out.read_bytes()
    render(root, out, cache=cache)
    assert out.read_bytes() == before


def test_a_change_that_moves_page_numbers_merges_the_whole_book(built):
    root, out, cache, first = built
    before = out.read_bytes()
    folder = root / "companies" / "zeta-kogyo"
    folder.mkdir()
    shutil.copy(root / "companies" / CHANGED / "company.yaml", folder / "company.yaml")
    edit(root, "zeta-kogyo", "奈良技研株式会社", "ゼータ工業株式会社")
    edit(root, "zeta-kogyo", "ナラギケン", "ゼータコウギョウ")
    second = render(root, out, cache=cache)
    assert second.plan.total > first.plan.total or second.plan.company_pages() != first.plan.company_pages()
    assert not out.read_bytes().startswith(before)
    assert book(cache)["updates"] == 0
    with pikepdf.open(out) as pdf:
        check_structure(pdf)


def test_a_failed_rebuild_leaves_the_previous_file_byte_identical(built, monkeypatch):
    root, out, cache, _ = built
    before = out.read_bytes()
    book_before = (cache / "ja-screen" / "book.json").read_bytes()
    edit(root)

    def broken(source, target, objects, **_):
        target.write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr("generator.pdf.update.append_update", broken)
        with pytest.raises(OSError):
            render(root, out, cache=cache)
    assert out.read_bytes() == before
    assert (cache / "ja-screen" / "book.json").read_bytes() == book_before
    assert [p.name for p in out.parent.iterdir()] == [out.name], "no temporary file left"
    yaml = root / "companies" / CHANGED / "company.yaml"  # a profile that no longer fits stops the build
    text = yaml.read_text(encoding="utf-8").split("equipment:")[0]
    yaml.write_text(text + "equipment:\n" + "".join(
        f"  - {{name: 五軸マシニングセンタ{i}, maker: オークマ, model: MU-{i}, count: 1, "
        f"spec: 最大加工径500mm・最大積載量300kg・主軸回転数12000回転}}\n" for i in range(30)), encoding="utf-8")
    with pytest.raises(ContentError):
        render(root, out, cache=cache)
    assert out.read_bytes() == before


def test_a_previous_file_changed_elsewhere_is_merged_again(built):
    root, out, cache, _ = built
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:  # e.g. someone re-saved it with another tool
        pdf.docinfo["/Title"] = "other"
        pdf.save(out)
    edit(root)
    render(root, out, cache=cache)
    assert book(cache)["updates"] == 0
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.Title) != "other"


def test_updates_stop_at_the_growth_limit(built, monkeypatch):
    root, out, cache, _ = built
    monkeypatch.setattr("generator.pdf.update.GROWTH", 0.0)
    edit(root)
    render(root, out, cache=cache)
    assert book(cache)["updates"] == 0, "merged: an update would have grown the file beyond the limit"


def test_the_print_edition_is_always_merged_in_full(small_content, tmp_path, small_chunks):
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    out, cache = tmp_path / "guidebook.pdf", tmp_path / "cache"
    render(root, out, target="print", cache=cache)
    before = out.read_bytes()
    edit(root)
    render(root, out, target="print", cache=cache)
    assert not (cache / "ja-print" / "book.json").exists()
    assert not out.read_bytes().startswith(before[:-2048]), "a PDF/X file without the history of its edits"
    out_text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "研削" in out_text


def test_a_build_updates_the_editions_it_published(small_content, tmp_path, small_chunks, monkeypatch):
    from generator.build import build

    monkeypatch.setattr("generator.pdf.update.GROWTH", 10.0)  # a chunk is a large part of this small book

    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    out = tmp_path / "build"
    build(root, out)
    before = {name: (out / name).read_bytes() for name in ("guidebook.pdf", "guidebook-en.pdf")}
    edit(root)
    build(root, out)
    for name, old in before.items():  # the published file stays as it was: the update went into the stage's copy
        new = (out / name).read_bytes()
        assert new.startswith(old) and len(new) > len(old), name
        assert subprocess.run(["qpdf", "--check", str(out / name)], capture_output=True).returncode == 0
    assert "研削" in "".join(pages_text(out / "guidebook.pdf"))
    single = out / "site" / "companies" / CHANGED / f"{CHANGED}.pdf"  # cut from the updated book
    assert "研削" in "".join(pages_text(single))


def test_pages_changed_in_two_chunks_update_together(built, tmp_path, monkeypatch):
    root, out, cache, first = built
    monkeypatch.setattr("generator.pdf.update.GROWTH", 10.0)
    numbers = first.plan.company_pages()
    chunk_of = {s.company.slug: c.name for c in first.plan.chunks for s in c.sheets if s.company}
    assert chunk_of["kaede-kogyo"] != chunk_of[CHANGED], "the fixture puts them in two chunks"
    edit(root)
    edit(root, "kaede-kogyo", new="5軸加工・溶接")
    second = render(root, out, cache=cache)
    assert book(cache)["updates"] == 1
    assert sorted(n for n, was_cached in second.plan.rendered.items() if not was_cached) == sorted(
        {chunk_of["kaede-kogyo"], chunk_of[CHANGED]})
    clean = render(root, tmp_path / "clean.pdf")
    assert pages_text(out) == pages_text(clean.pdf)
    assert "溶接" in second.page_text(numbers["kaede-kogyo"]) and "研削" in second.page_text(numbers[CHANGED])
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    with pikepdf.open(out) as updated, pikepdf.open(clean.pdf) as whole:
        assert links(updated) == links(whole) and bookmarks(updated) == bookmarks(whole)
        check_structure(updated)


def test_a_change_of_every_page_merges_without_rendering_pages_alone_first(built, monkeypatch):
    root, out, cache, first = built
    from generator.pdf.compose import Composer

    monkeypatch.setattr("generator.pdf.digest.code_digest", lambda: "new code")  # every page's digest changes
    real, composed = Composer.html, []
    monkeypatch.setattr(Composer, "html", lambda self, sheets, front=False: composed.append(
        (front, len(sheets))) or real(self, sheets, front))
    render(root, out, cache=cache)
    assert book(cache)["updates"] == 0
    assert composed[1:] == [(False, chunk.pages) for chunk in first.plan.chunks], "whole chunks, each once"
