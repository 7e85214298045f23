"""Figures, numbers with their units and model numbers that a line never breaks inside (the equipment tables).

A cell of a machine list is cut into tokens: a run of Latin letters, digits and signs (X3,070×, φ2,500×, SDE-2000)
with the unit that follows a number (30 t, 3 kW, 5軸) and the separator after it (×, ・, 、). A token is set without
a break inside it (white-space: nowrap), and a line may break between tokens only. Japanese text around the tokens
breaks as usual. The tester found 「X3,070×Y1,55 / 0」: the cell broke anywhere to fit its column.

A token must still fit its column: its width is measured with the font's advance widths; one too wide at the
table's 7 pt is set smaller (6 pt), and one too wide even then is left breakable (overflow-wrap: anywhere), so
that nothing ever runs past its column or the trim.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..fonts import font_file

TABLE_PT = 7.0  # .co-equipment in guidebook.css
SMALL_PT = 6.0  # .co-equipment .nb.small
PT_MM = 25.4 / 72
# The share of the table's width each column has (guidebook.css, .co-equipment th widths; the specification
# columns take the rest), and what a cell's padding and the paired table's middle rule take from it (mm).
COLUMNS = {False: {"name": .30, "maker": .30, "spec": .33}, True: {"name": .16, "maker": .17, "spec": .135}}
PADDING_MM = 1.4

_CHARS = r"[^\s×・、，,\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
UNITS = r"(?:mm|cm|m|kg|t|kN|kW|W|kVA|MPa|rpm|min-1|μm|µm|°C|%|m²|m2|m³|A|V|L|axes|axis|軸|台|個|本|枚|面|色|連|段)"
# a run of Latin, digits and signs (1,550 keeps its comma), the unit after a number, the separator after it
TOKEN = re.compile(rf"{_CHARS}+(?:,\d{_CHARS}*)*(?:(?<=\d) ?{UNITS}(?![A-Za-z0-9]))?[×・、，,]?")


@lru_cache(maxsize=1)
def _metrics():
    from fontTools.ttLib import TTFont

    font = TTFont(font_file("BIZ UDPGothic"), lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def width_mm(text: str, size_pt: float) -> float:
    """How wide `text` is set in BIZ UDPGothic at `size_pt` (mm); a character the font lacks counts 1 em."""
    cmap, hmtx, em = _metrics()
    units = sum(hmtx[cmap[ord(ch)]][0] if ord(ch) in cmap else em for ch in text)
    return units / em * size_pt * PT_MM


def column_mm(text_width: float, column: str, paired: bool) -> float:
    """The width a cell's text has in the equipment table of a page whose text area is `text_width` mm wide."""
    return text_width * COLUMNS[paired][column] - PADDING_MM


def _token(text: str, room: float) -> Markup:
    if width_mm(text, TABLE_PT) <= room:
        return Markup('<span class="nb">{}</span>').format(text)
    if width_mm(text, SMALL_PT) <= room:
        return Markup('<span class="nb small">{}</span>').format(text)
    return escape(text)  # the last resort: it breaks where it must rather than run past its column


def unbroken(text: str | None, room: float, whole: bool = False) -> Markup:
    """`text` for a cell `room` mm wide whose lines break between tokens only; `whole` keeps all of it on one line
    (a model number: CRYSTA-Apex V 122010), at 6 pt when it must, else its tokens."""
    if not text:
        return Markup("")
    if whole and width_mm(text, SMALL_PT) <= room:
        return _token(text, room)
    out = []
    last = 0
    for match in TOKEN.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(_token(match.group(), room))
        last = match.end()
        if last < len(text) and not text[last].isspace():
            out.append(Markup("<wbr>"))  # between tokens that touch (X3,070× Y1,550): a line may break here
    out.append(escape(text[last:]))
    return Markup("").join(out)
