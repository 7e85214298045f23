"""Romanisation of kana readings (Hepburn), for search words, slugs and English names.

pykakasi turns kana into Hepburn; we only decide the spelling a buyer types: ASCII, lower-case, long vowels written
once (オオコウチ → okochi, as on a passport, a road sign or a business card) or, on request, as typed on a keyboard
(ookouchi), without the apostrophe after ン (shin'osaka → shinosaka).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import strip_legal_form

_LONG = re.compile(r"ou|oo|uu")  # ō and ū of Hepburn; ee/ii/aa are mostly two morae in names (Iida), kept


@lru_cache(maxsize=1)
def _kakasi():
    """pykakasi with its kanji dictionary (about 1.5 s to load): only for readings of written words."""
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=1)
def _kana_hepburn():
    """pykakasi's hiragana-to-Hepburn table alone, without the kanji dictionary (a tenth of the load time)."""
    from pykakasi.scripts import H2

    return H2("a", method="Hepburn")


def _hepburn(hira: str) -> str:
    """Hiragana in Hepburn, the longest kana sequence of the table first (きゃ, っち)."""
    table, out, i = _kana_hepburn(), [], 0
    while i < len(hira):
        romaji, used = table.convert(hira[i:])
        if used > 0:
            out.append(romaji)
            i += used
        else:
            out.append(out[-1][-1] if hira[i] == "ー" and out and out[-1] else hira[i])  # ー repeats the vowel
            i += 1
    return "".join(out)


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


@lru_cache(maxsize=1 << 14)
def romanize(kana: str, *, long_vowels: bool = False) -> str:
    """The Hepburn spelling of a kana reading: オオコウチセイサクショ → okochiseisakusho (ookouchiseisakusho with
    `long_vowels`); other characters pass through lower-cased, spaces and punctuation are dropped."""
    text = unicodedata.normalize("NFKC", kana)
    if not long_vowels:
        text = text.replace("ー", "")  # レーザー → reza, as the long vowels of native words below
    romaji = _hepburn(_hiragana(text))
    romaji = re.sub(r"[^0-9a-z]", "", romaji.lower())
    return romaji if long_vowels else _LONG.sub(lambda m: m.group(0)[0], romaji)


def reading_words(kana: str, written: str | None = None) -> list[str]:
    """A reading split into the words of the written name (legal forms left out), in kana.

    スギウラセイサクショ with 有限会社杉浦製作所 → [スギウラ, セイサクショ]: a word of the written name whose own reading
    (pykakasi's) matches the start or the end of what is left of the reading is split off; what cannot be matched
    (紅葉 read モミジ, not こうよう) stays one word. Without `written`, the reading is one word.
    """
    reading = "".join(unicodedata.normalize("NFKC", kana).split()).replace("・", "")
    if not written:
        return [reading] if reading else []
    segments = [(item["orig"], _hiragana(item["hira"])) for item in _kakasi().convert(strip_legal_form(written))
                if item["orig"].strip() and item["hira"].strip()]
    hira = _hiragana(reading)
    head: list[tuple[str, str]] = []
    tail: list[tuple[str, str]] = []
    start, end = 0, len(hira)
    while segments and segments[-1][1] and end - start >= len(segments[-1][1]) and hira[start:end].endswith(segments[-1][1]):
        orig, seg = segments.pop()
        end -= len(seg)
        tail.insert(0, (orig, reading[end:end + len(seg)]))
    while segments and segments[0][1] and end - start >= len(segments[0][1]) and hira[start:end].startswith(segments[0][1]):
        orig, seg = segments.pop(0)
        head.append((orig, reading[start:start + len(seg)]))
        start += len(seg)
    rest = "".join(orig for orig, _ in segments)  # the written words the unmatched reading is of
    words = head + ([(rest, reading[start:end])] if end > start else []) + tail
    # a one-kanji word belongs to the one-kanji word before it (医|工 of 三枝医工: iko, not i-ko), and a last one to
    # the word before it (鋳造|所: chuzosho)
    merged: list[tuple[str, str]] = []
    for i, (orig, word) in enumerate(words):
        if merged and len(orig) == 1 and (len(merged[-1][0]) == 1 or i == len(words) - 1):
            merged[-1] = (merged[-1][0] + orig, merged[-1][1] + word)
        else:
            merged.append((orig, word))
    return [word for _, word in merged]


def romanize_name(kana: str, written: str | None = None, sep: str = "-") -> str:
    """A company name's reading in Hepburn, its words joined by `sep`: オオコウチセイサクショ, 株式会社大河内製作所 →
    okochi-seisakusho (a slug; sep=" " and .title() give an English name: Okochi Seisakusho)."""
    return sep.join(w for w in (romanize(word) for word in reading_words(kana, written)) if w)
