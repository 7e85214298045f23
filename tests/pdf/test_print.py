"""The press edition: PDF/X with a CMYK output intent, trim and bleed boxes, crop marks room, embedded fonts."""
from __future__ import annotations

import re
import subprocess

import pikepdf

MM = 72 / 25.4


def boxes(pdf, page=1) -> dict[str, list[float]]:
    out = subprocess.run(["pdfinfo", "-box", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return {m.group(1): [float(v) for v in m.group(2).split()]
            for m in re.finditer(r"^Page\s+\d+\s+(\w+Box):\s+(.*)$", out, re.M)}


def test_trim_and_bleed_boxes(print_ja):
    for page in (1, print_ja.plan.total):
        b = boxes(print_ja.pdf, page)
        trim, bleed, media = b["TrimBox"], b["BleedBox"], b["MediaBox"]
        assert abs((trim[2] - trim[0]) - 210 * MM) < 0.1 and abs((trim[3] - trim[1]) - 297 * MM) < 0.1
        assert all(abs(abs(x - y) - 3 * MM) < 0.05 for x, y in zip(trim, bleed)), (trim, bleed)
        assert media[0] < bleed[0] - 5 * MM and media[2] > bleed[2] + 5 * MM  # room for crop marks


def test_output_intent_and_pdfx_version(print_ja):
    with pikepdf.open(print_ja.pdf) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        profile = intent.DestOutputProfile
        assert profile.N == 4  # a CMYK profile
        assert bytes(profile.read_bytes()[36:40]) == b"acsp"
        meta = str(pdf.open_metadata())
        assert "PDF/X-4" in meta
        assert len(pdf.pages) == print_ja.plan.total
        assert len(pdf.pages) % 4 == 0


def test_fonts_are_embedded(print_ja):
    out = subprocess.run(["pdffonts", str(print_ja.pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), out
    assert any("BIZ-UDPGothic" in r for r in rows) and any("BIZ-UDPMincho" in r for r in rows)  # proportional


def test_colours_are_cmyk(print_ja):
    with pikepdf.open(print_ja.pdf) as pdf:
        page = pdf.pages[print_ja.plan.company_pages()["kaede-kogyo"] - 1]
        contents = page.obj.Contents  # one stream once the black overprint is set, else WeasyPrint's array
        content = b"".join(c.read_bytes() for c in contents) if isinstance(contents, pikepdf.Array) \
            else contents.read_bytes()
    assert b"/DeviceCMYK" in content or b" k\n" in content or b" k " in content
    assert b" rg\n" not in content and b" RG\n" not in content
