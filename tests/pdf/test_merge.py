"""Merging chunks: one chunk open at a time (the peak memory of a 1,000-company book), same pages, same bytes."""
from __future__ import annotations

import subprocess

import pikepdf

from generator.pdf.merge import merge


def texts(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def split(book, folder, size: int) -> list:
    """The book cut into parts of `size` pages, as the chunk cache would hold them."""
    parts = []
    with pikepdf.open(book) as pdf:
        for first in range(0, len(pdf.pages), size):
            part = pikepdf.new()
            part.pages.extend(pdf.pages[first:first + size])
            parts.append(folder / f"part{len(parts)}.pdf")
            part.save(parts[-1], deterministic_id=True)
            part.close()
    return parts


def test_merge_opens_one_chunk_at_a_time_and_keeps_every_page(screen_ja, tmp_path, monkeypatch):
    parts = split(screen_ja.pdf, tmp_path, 2)
    assert len(parts) >= 3
    open_now, most = [0], [0]
    real_open, real_close = pikepdf.open, pikepdf.Pdf.close

    def counting_open(*args, **kwargs):
        open_now[0] += 1
        most[0] = max(most[0], open_now[0])
        return real_open(*args, **kwargs)

    def counting_close(self):
        open_now[0] -= 1
        real_close(self)

    monkeypatch.setattr(pikepdf, "open", counting_open)
    monkeypatch.setattr(pikepdf.Pdf, "close", counting_close)
    pages = merge(parts, tmp_path / "merged.pdf", [("目次", 1, 0)], title="t")
    monkeypatch.undo()
    assert most[0] == 2, "the book being built and the one chunk being copied"
    assert open_now[0] == 0
    with pikepdf.open(screen_ja.pdf) as book:
        assert pages == len(book.pages)
    assert texts(tmp_path / "merged.pdf") == texts(screen_ja.pdf)


def test_merge_gives_the_same_bytes_twice(screen_ja, tmp_path):
    parts = split(screen_ja.pdf, tmp_path, 3)
    merge(parts, tmp_path / "one.pdf", [("目次", 1, 0)], title="t")
    merge(parts, tmp_path / "two.pdf", [("目次", 1, 0)], title="t")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def type0_font(pdf: pikepdf.Pdf, program: pikepdf.Object, unicode: dict[str, str]) -> pikepdf.Object:
    """A Type 0 font ABCDEF+Test over the embedded `program`, whose ToUnicode maps code → UTF-16BE hex."""
    cmap = "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n%d beginbfchar\n%sendbfchar\n" % (
        len(unicode), "".join(f"<{code}> <{text}>\n" for code, text in unicode.items()))
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/ABCDEF+Test"),
                                    FontFile2=program)
    cid = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name(
        "/ABCDEF+Test"), FontDescriptor=pdf.make_indirect(descriptor), W=[1, [500, 600]],
        CIDToGIDMap=pikepdf.Name.Identity)
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/ABCDEF+Test"),
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[pdf.make_indirect(cid)],
        ToUnicode=pikepdf.Stream(pdf, cmap.encode())))


def test_one_font_object_per_program_whose_glyphs_agree():
    from generator.pdf.merge import unique_subset_tags
    from generator.pdf.preflight import subset_tags

    pdf = pikepdf.new()
    program = pdf.make_indirect(pikepdf.Stream(pdf, b"one subset program"))
    maps = [{"0001": "0041"}, {"0002": "0042", "0001": "0041"},  # as two chunks write them: agree where both map
            {"0001": "0043"}]  # this one reads glyph 1 as C: merging would change the page's text
    for unicode in maps:
        pdf.add_blank_page()
        pdf.pages[-1].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=type0_font(pdf, program, unicode)))
    unique_subset_tags(pdf)
    used = [pg.obj.Resources.Font.F1 for pg in pdf.pages]
    assert used[0].objgen == used[1].objgen != used[2].objgen
    shared = used[0].ToUnicode.read_bytes()
    assert b"<0001> <0041>" in shared and b"<0002> <0042>" in shared and b"0043" not in shared
    assert subset_tags(pdf) == []  # one program under the tag: the preflight has nothing to say
