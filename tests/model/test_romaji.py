"""Romanisation of kana readings: the spellings a buyer types, slugs, English names."""
import pytest

from generator.model.romaji import reading_words, romanize, romanize_name


@pytest.mark.parametrize("kana, hepburn, typed", [
    ("スギウラ", "sugiura", "sugiura"),
    ("すぎうら", "sugiura", "sugiura"),
    ("オオコウチ", "okochi", "ookouchi"),  # long vowels once (passport, business card) or as typed on a keyboard
    ("チュウゾウ", "chuzo", "chuuzou"),
    ("シンオオサカ", "shinosaka", "shinoosaka"),  # no apostrophe after ン
    ("イイダ", "iida", "iida"),  # two i are two morae in a name, not a long vowel
    ("ｽｷﾞｳﾗ", "sugiura", "sugiura"),  # half-width kana
    ("マッチャ", "matcha", "matcha"),
    ("ジ", "ji", "ji"),
])
def test_romanize_is_hepburn(kana, hepburn, typed):
    assert romanize(kana) == hepburn
    assert romanize(kana, long_vowels=True) == typed


def test_reading_split_at_the_written_words():
    assert reading_words("スギウラセイサクショ", "有限会社杉浦製作所") == ["スギウラ", "セイサクショ"]
    # 紅葉 is read モミジ here, not こうよう: what cannot be matched stays one word
    assert reading_words("モミジガワセイチャ", "紅葉川製茶株式会社") == ["モミジガワ", "セイチャ"]
    assert reading_words("サエグサイコウ", "株式会社三枝医工") == ["サエグサ", "イコウ"]
    assert reading_words("ヤマダセイキ") == ["ヤマダセイキ"]


def test_romanize_name_makes_slugs_and_english_names():
    assert romanize_name("オオコウチセイサクショ", "株式会社大河内製作所") == "okochi-seisakusho"
    assert romanize_name("タケウチテッコウショ", "有限会社竹内鉄工所") == "takeuchi-tekkosho"
    assert romanize_name("マルタカカセイ", "丸高化成株式会社") == "marutaka-kasei"
    assert romanize_name("ホシノセイコウ", "星野精工株式会社", " ").title() == "Hoshino Seiko"
