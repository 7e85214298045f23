"""Glyphs: every character of a printed field must exist in the print fonts, so nothing prints as tofu (□)."""
from __future__ import annotations

import hashlib
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import Problem, ToolMissing
from ..files import atomic_write
from ..fonts import GOTHIC, MINCHO, font_file
from .strings import text_of

NOT_PRINTED = {"maintainers", "images", "last_confirmed", "corporate_number"}
IGNORED = frozenset("\n\r\t")


@lru_cache(maxsize=1)
def printable() -> frozenset[int] | None:
    """Code points both print fonts (BIZ UDGothic and BIZ UDMincho) can draw; None when the fonts are missing."""

    try:
        files = [font_file(GOTHIC), font_file(MINCHO)]
    except ToolMissing:
        return None
    # Reading two CJK cmaps takes a second or two; keep the result beside the temp files, keyed by the font files.
    stamp = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    saved = Path(tempfile.gettempdir()) / f"guidebook-glyphs-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.txt"
    if saved.is_file():
        return frozenset(int(x, 16) for x in saved.read_text().split())
    from fontTools.ttLib import TTFont  # only when the cache is cold: importing it costs more than reading the cache

    sets = []
    for path in files:
        kwargs = {"fontNumber": 0} if str(path).lower().endswith((".ttc", ".otc")) else {}
        font = TTFont(str(path), lazy=True, **kwargs)
        sets.append(set(font.getBestCmap()))
        font.close()
    both = frozenset(set.intersection(*sets))
    atomic_write(saved, " ".join(f"{c:x}" for c in sorted(both)))
    return both


def _strings(value, pointer=()):
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not pointer and key in NOT_PRINTED:
                continue
            yield from _strings(item, pointer + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, pointer + (i,))


def describe(char: str) -> str:
    """A character as people can find it: the character, its code point and its Unicode name."""
    name = unicodedata.name(char, "")
    return f"「{char}」(U+{ord(char):04X}{' ' + name if name else ''})"


@lru_cache(maxsize=1)
def covered() -> frozenset[str] | None:
    """The characters both print fonts draw, plus the line breaks and tabs nobody prints, as a set of str."""
    chars = printable()
    return None if chars is None else frozenset(map(chr, chars)) | IGNORED


def check(doc, shown: str) -> list[Problem]:
    """An error for each printed field holding characters the print fonts lack (one per field and character)."""
    drawn = covered()
    if drawn is None or not isinstance(doc.data, dict):
        return []
    # all the profile's text at once, nearly always all there; it holds keys and unprinted fields too, so a miss may be
    # a false alarm: the walk below is exact
    if drawn.issuperset(text_of(doc)):
        return []
    chars = printable()
    problems = []
    for pointer, text in _strings(doc.data):
        missing = []
        for ch in text:
            if ord(ch) not in chars and ch not in IGNORED and ch not in missing:
                missing.append(ch)
        if not missing:
            continue
        line, col = doc.where(pointer)
        field = ".".join(str(p) for p in pointer)
        listed = "、".join(describe(c) for c in missing[:5])
        problems.append(Problem(
            shown, line, col,
            f"{field} の {listed} は印刷用フォントにない文字で、豆腐（□）になります。常用の字体に置き換えてください"
            f"（例: 髙→高、絵文字は削除）。 / {field}: {', '.join(f'U+{ord(c):04X}' for c in missing[:5])} "
            f"not in the print font and would print as a blank box: use a common form (e.g. 髙→高) or remove it.",
            "error", "glyph"))
    return problems
