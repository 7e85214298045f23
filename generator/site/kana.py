"""The indexes of company names: 50音 (grouped by the kana row of the reading: あ行, か行 …) and A–Z (by the
English name, given or romanised, for English readers)."""
from __future__ import annotations

import unicodedata

ROWS = [("ア", "アイウエオヴ"), ("カ", "カキクケコガギグゲゴ"), ("サ", "サシスセソザジズゼゾ"), ("タ", "タチツテトダヂヅデド"),
        ("ナ", "ナニヌネノ"), ("ハ", "ハヒフヘホバビブベボパピプペポ"), ("マ", "マミムメモ"), ("ヤ", "ヤユヨ"),
        ("ラ", "ラリルレロ"), ("ワ", "ワヲン")]
ROW_LABELS = {"ア": ("あ行", "A"), "カ": ("か行", "Ka"), "サ": ("さ行", "Sa"), "タ": ("た行", "Ta"), "ナ": ("な行", "Na"),
              "ハ": ("は行", "Ha"), "マ": ("ま行", "Ma"), "ヤ": ("や行", "Ya"), "ラ": ("ら行", "Ra"), "ワ": ("わ行", "Wa"),
              "他": ("その他", "Other")}
_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")


def row_of(kana: str) -> str:
    """The 50音 row key of a katakana reading ('他' when it starts with something else)."""
    first = unicodedata.normalize("NFKC", kana[:1]).translate(_SMALL)
    for key, letters in ROWS:
        if first and first in letters:
            return key
    return "他"


def kana_groups(companies) -> list[tuple[str, tuple[str, str], list]]:
    """Companies (already in kana order) grouped by row: [(row key, (ja label, en label), companies)]."""
    groups: dict[str, list] = {}
    for company in companies:
        groups.setdefault(row_of(company.kana), []).append(company)
    order = [k for k, _ in ROWS] + ["他"]
    return [(k, ROW_LABELS[k], groups[k]) for k in order if k in groups]


def latin_groups(companies, lang: str = "en") -> list[tuple[str, tuple[str, str], list]]:
    """Companies grouped by the first letter of their name in `lang` (A–Z, then 'Other'), each group in
    alphabetical order: the shape of kana_groups."""
    named = sorted(companies, key=lambda c: (unicodedata.normalize("NFKC", c.name.get(lang)).casefold(), c.slug))
    groups: dict[str, list] = {}
    for company in named:
        first = unicodedata.normalize("NFKD", company.name.get(lang))[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else "他", []).append(company)
    return [(k, (k, k) if k != "他" else ROW_LABELS["他"], groups[k]) for k in sorted(groups, key=lambda k: (k == "他", k))]
