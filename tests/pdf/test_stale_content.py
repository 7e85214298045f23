"""No published file keeps what a profile no longer says: after an edit and a rebuild, every file under the output
folder is searched for the old text — PDFs stream by stream and revision by revision, search index fragments
unzipped, everything else as text — and it is gone, while the new text is where a reader looks for it."""
from __future__ import annotations

import gzip
import re
import subprocess
import zlib
from pathlib import Path

import pytest

from .conftest import write_content

pytestmark = pytest.mark.e2e

SLUG = "alpha-seiki"  # the first of the PROFILES: written minimal, its summary is the line below
SUMMARY = "精密な切削加工で試作から量産まで対応"
OLD = "旧社名ZQXSTALE7731の試作"
NEW = "新規格ZQXFRESH4402の試作"
# A search index keeps words lower-cased and cut at script changes: its Latin word is looked for alone too.
OLD_WORD, NEW_WORD = "ZQXSTALE7731", "ZQXFRESH4402"

STREAM = re.compile(rb"stream\r?\n")


def pdf_texts(path: Path) -> list[str]:
    """The text of the PDF as each of its revisions shows it: the file cut after every %%EOF (a reader that ignores
    an appended update sees the earlier one), then every stream found in the bytes, inflated when it is Flate
    data, decoded as UTF-8 and UTF-16 (bookmarks and metadata), whether or not the last revision still uses it."""
    data = path.read_bytes()
    texts = []
    for end in [m.end() for m in re.finditer(rb"%%EOF", data)]:
        prefix = path.with_name(path.name + ".rev.pdf")
        prefix.write_bytes(data[:end])
        try:
            texts.append(subprocess.run(["pdftotext", str(prefix), "-"], capture_output=True, check=True,
                                        text=True).stdout)
        finally:
            prefix.unlink()
    pieces = [data]
    for match in STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        try:
            pieces.append(zlib.decompressobj().decompress(data[match.end():end if end > 0 else len(data)]))
        except zlib.error:
            continue  # not Flate data (an image, or the word "stream" inside other bytes)
    for piece in pieces:
        texts.append(piece.decode("utf-8", "ignore"))
        texts.append(piece.decode("utf-16-be", "ignore"))
        texts.append(piece[1:].decode("utf-16-be", "ignore"))  # odd offsets too
    return texts


def file_texts(path: Path) -> list[str]:
    """What a search in `path` must look at: PDFs as above, gzip data (Pagefind's fragments and index chunks)
    unzipped, every other file as text."""
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return pdf_texts(path)
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    return [data.decode("utf-8", "ignore"), data.decode("utf-16", "ignore")]


def holding(out: Path, needle: str, word: str) -> set[str]:
    """The files under `out` whose text contains `needle` or, ignoring case, its Latin `word`."""
    found = set()
    for path in sorted(p for p in out.rglob("*") if p.is_file() and not p.is_symlink()):
        texts = file_texts(path)
        if any(needle in t or word.lower() in t.lower() for t in texts):
            found.add(path.relative_to(out).as_posix())
    return found


def expected(found: set[str]) -> None:
    """The files where a reader looks for a company's summary must hold it."""
    for name in ("guidebook.pdf", "print/guidebook.pdf", f"site/companies/{SLUG}/index.html",
                 f"site/companies/{SLUG}/{SLUG}.pdf", "open-data/companies.json", "open-data/companies.csv"):
        assert name in found, (name, sorted(found))
    assert any(name.startswith("site/pagefind") and "fragment" in name for name in found), sorted(found)


def test_an_edited_profile_leaves_no_trace_of_its_old_text_in_any_published_file(tmp_path):
    from generator.build import build

    root = write_content(tmp_path / "content")
    profile = root / "companies" / SLUG / "company.yaml"
    text = profile.read_text(encoding="utf-8")
    assert SUMMARY in text
    profile.write_text(text.replace(SUMMARY, OLD), encoding="utf-8")
    out = tmp_path / "build"
    build(root, out, for_print=True)
    first = holding(out, OLD, OLD_WORD)
    expected(first)  # the search finds the text where it is: its not finding it later means something

    profile.write_text(text.replace(SUMMARY, NEW), encoding="utf-8")
    build(root, out, for_print=True)
    assert holding(out, OLD, OLD_WORD) == set()
    expected(holding(out, NEW, NEW_WORD))
