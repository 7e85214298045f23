"""The hidden search words: spellings a buyer may type for the same word."""
from generator.search.variants import expand, long_vowel_forms, spellings, synonyms, to_half_width


def test_kana_width_and_long_vowel_spellings():
    assert {"めっき", "メッキ", "ﾒｯｷ"} <= set(spellings("めっき"))
    assert {"レーザー", "ﾚｰｻﾞｰ"} <= set(spellings("レーザ"))
    assert long_vowel_forms("レーザー") == ["レーザ"]
    assert long_vowel_forms("メッキ") == []  # not a loanword ending that drops ー
    assert to_half_width("ダイカスト") == "ﾀﾞｲｶｽﾄ"
    assert "ｉｓｏ９００１" in spellings("ISO9001")


def test_name_fragments_and_legal_forms():
    words = expand(["株式会社山田精機"], name=True)
    assert {"山田精機", "精機", "株式会社山田精機"} <= set(words)


def test_synonyms_match_words_and_compounds_but_not_single_kanji_inside_words():
    assert "アルミ" in synonyms("アルミニウム合金（A5052）")
    assert "steel" not in synonyms("鉄道車両")
    assert "steel" in synonyms("鉄")
