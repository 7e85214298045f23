"""The order of Japanese readings as a Japanese index sorts them (JIS X 4061): voiced and small kana sort with their
plain kana, and the long-vowel mark ー takes the vowel of the kana before it (アークレーザー before アライ: アアクレエザア),
then the written form breaks ties (清音 before 濁音 before 半濁音)."""
from __future__ import annotations

import unicodedata

_VOWELS = {v: row for row, letters in (
    ("ア", "アカサタナハマヤラワガザダバパァャヮヵ"), ("イ", "イキシチニヒミリギジヂビピィヰ"),
    ("ウ", "ウクスツヌフムユルグズヅブプヴゥッュ"), ("エ", "エケセテネヘメレゲゼデベペェヱヶ"),
    ("オ", "オコソトノホモヨロヲゴゾドボポォョ")) for v in letters}
_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")


def _katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in unicodedata.normalize("NFKC", text))


def collation_key(kana: str) -> tuple[str, str]:
    """The sort key of a reading: (its primary form, the reading as written)."""
    written = _katakana(kana)
    primary = []
    for ch in written:
        if ch == "ー" and primary:
            ch = _VOWELS.get(primary[-1], ch)
        base = unicodedata.normalize("NFD", ch)[0]  # ガ → カ, パ → ハ
        primary.append(base.translate(_LARGE))
    return "".join(primary), written
