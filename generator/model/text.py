"""Bilingual text: a field written as a plain Japanese string or as `{ja: …, en: …}`."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """Japanese text with an optional English version; English falls back to Japanese."""

    ja: str
    en: str | None = None

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


def fold(word: str) -> str:
    """Normalise a word for lookups: NFKC, case-folded, without spaces."""
    return unicodedata.normalize("NFKC", word).casefold().replace(" ", "").replace("\u3000", "")


def hiragana_to_katakana(text: str) -> str:
    """Hiragana turned into katakana, other characters unchanged."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)
