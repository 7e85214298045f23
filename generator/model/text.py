"""Bilingual text: a field written as a plain Japanese string or as `{ja: …, en: …}`."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """Japanese text with an optional English version; English falls back to Japanese.

    `romanised`: the English is the tool's romanisation of the Japanese (english.py), not the company's own.
    """

    ja: str
    en: str | None = None
    romanised: bool = False

    @classmethod
    def of(cls, value) -> "Text | None":
        """Make a Text from a profile value (str or mapping), or None when absent."""
        if value is None:
            return None
        if isinstance(value, dict):
            return cls(str(value.get("ja", "")), value.get("en"))
        return cls(str(value))

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Japanese."""
        return self.en if lang == "en" and self.en else self.ja

    def lang(self, lang: str) -> str:
        """The language the text in `lang` is actually written in (for `lang=` on fallbacks)."""
        return "en" if lang == "en" and self.en else "ja"

    def __str__(self) -> str:
        return self.ja


# The legal forms a company name carries: people leave them out when they type or say the name
LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "協同組合", "（株）", "(株)",
               "㈱", "（有）", "(有)", "㈲", "Co., Ltd.", "Co.,Ltd.", "Ltd.", "Inc.", "Corporation", "Corp.", "K.K.")


# the legal form's reading at either end of a reading (the rules leave it out: ヤマダセイキ, not カブシキガイシャヤマダセイキ)
KANA_LEGAL_FORM = re.compile(r"^(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシャ[ \u3000]*|"
                             r"[ \u3000]*(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシャ$")


def strip_legal_form(name: str) -> str:
    """A company name without 株式会社 and the like: what people actually type."""
    for form in LEGAL_FORMS:
        name = name.replace(form, " ")
    return " ".join(name.split())


def fold(word: str) -> str:
    """Normalise a word for lookups: NFKC, case-folded, without spaces."""
    return unicodedata.normalize("NFKC", word).casefold().replace(" ", "").replace("\u3000", "")


def hiragana_to_katakana(text: str) -> str:
    """Hiragana turned into katakana, other characters unchanged."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


_KANJI_DIGITS = {ch: n for n, ch in enumerate("〇一二三四五六七八九")}
# a numeral before 丁目/番地/番/号, or one after them (or の, -) that ends the street or a block: 二丁目, 三番地の五
_KANJI_BLOCK = re.compile(r"[〇一二三四五六七八九十]+(?=丁目|番地|番|号)"
                          r"|(?:(?<=丁目|番地)|(?<=[番の\-]))[〇一二三四五六七八九十]+(?=$|[\-\s号番])")


def _kanji_number(numeral: str) -> str:
    """二 → 2, 十二 → 12, 二十 → 20, 二〇 → 20: the numerals of Japanese addresses (up to 99 with 十)."""
    if "十" not in numeral:
        return "".join(str(_KANJI_DIGITS[ch]) for ch in numeral)
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return numeral  # not a numeral of an address (e.g. 十十): left as written
    return str((_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0))


def block_numbers(street: str) -> str:
    """A street's kanji block numbers in digits: 中央二丁目十二番地の五 → 中央2丁目12番地の5 (written either way)."""
    return _KANJI_BLOCK.sub(lambda m: _kanji_number(m.group(0)), street)
