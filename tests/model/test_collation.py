"""Readings sort as a Japanese index sorts them (JIS X 4061), not by code point."""
from __future__ import annotations

from generator.model.collation import collation_key


def test_the_long_vowel_mark_takes_the_vowel_before_it():
    # by code point ー (U+30FC) sorts after every kana: アークレーザー came after アライ
    assert sorted(["アライ", "アークレーザー", "アオバ"], key=collation_key) == ["アークレーザー", "アオバ", "アライ"]


def test_voiced_and_small_kana_sort_with_their_plain_kana_and_after_it():
    assert sorted(["ガガワ", "カガワ", "キッカワ", "カカワ", "パーク", "ハーク"], key=collation_key) == \
        ["カカワ", "カガワ", "ガガワ", "キッカワ", "ハーク", "パーク"]


def test_hiragana_and_half_width_readings_sort_as_katakana():
    assert collation_key("あーく")[0] == collation_key("ｱｰｸ")[0] == "アアク"
