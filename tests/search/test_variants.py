"""The hidden search words: spellings a buyer may type for the same word."""
from generator.search.variants import expand, expand_aliases, long_vowel_forms, spellings, synonyms


def test_kana_and_long_vowel_spellings():
    assert {"めっき", "メッキ"} <= set(spellings("めっき"))
    assert "レーザー" in spellings("レーザ")
    assert long_vowel_forms("レーザー") == ["レーザ"]
    assert long_vowel_forms("メッキ") == []  # not a loanword ending that drops ー


def test_no_case_or_width_forms_pagefind_and_the_search_page_fold_those():
    # Pagefind lower-cases words on both sides; search.js runs the query through NFKC (ＩＳＯ９００１, ﾒｯｷ)
    assert spellings("ISO9001") == ["ISO9001"]
    assert "ﾒｯｷ" not in spellings("めっき") and "ﾚｰｻﾞｰ" not in spellings("レーザ")


def test_name_fragments_and_legal_forms():
    words = expand(["株式会社山田精機"], name=True)
    assert {"山田精機", "精機", "株式会社山田精機"} <= set(words)


def test_synonyms_match_words_and_compounds_but_not_single_kanji_inside_words():
    assert "アルミ" in synonyms("アルミニウム合金（A5052）")
    assert "steel" not in synonyms("鉄道車両")
    assert "steel" in synonyms("鉄")


def test_latin_words_are_written_once_as_pagefind_splits_and_lower_cases_them():
    # Pagefind splits "Heat treatment" at the space and lower-cases both sides: writing the words again, or the same
    # word capitalised, costs index time and finds nothing more
    words = expand(["Heat treatment", "Casting", "casting", "Thin-film coating (PVD/CVD)", "DMG森精機"])
    assert "Heat treatment" in words and not {"Heat", "treatment", "coating"} & set(words)
    assert [w.lower() for w in words].count("casting") == 1
    assert {"PVD/CVD", "DMG", "森精機"} <= set(words)  # not split at a space: Pagefind would not find them
    assert expand_aliases(["CNC", "cnc", "レーザ"]) == ["CNC", "レーザ", "レーザー"]


def test_no_name_fragment_starts_with_a_long_vowel_or_small_kana():
    words = expand(["株式会社エース鋳工所", "ショットピーニング"], name=True)
    assert {"鋳工所", "工所"} <= set(words)
    assert not [w for w in words if w[0] in "ーンッャュョ"], words  # ース, ーす, ング: nobody types those


def test_a_companys_words_have_the_words_of_its_catchphrase_and_single_kanji_only_inside_words():
    from generator.model import make_guide
    from generator.load import load_content
    from generator.search.variants import company_words
    from pathlib import Path

    guide = make_guide(load_content(Path(__file__).resolve().parents[2] / "content"))
    company = next(c for c in guide.companies if c.slug == "yamada-seiki")
    words = company_words(company)
    everything = set(words.names + words.labels + words.own + words.aliases)
    assert "航空機" in words.own and "0.005mm" in words.own  # the catchphrase's words …
    assert company.summary.ja not in words.own  # … not the sentence again: the page shows it
    # single kanji only where no word starts with them: a one-kanji query token matches the start of a word
    assert "航" not in words.kanji and "宙" in words.kanji  # 航空機 starts with 航; 宙 only inside 宇宙
    assert not set(words.kanji) & {w[0] for w in everything}
    assert any("JIS Q 9100" in text for text in words.english)  # the English PR text, for the English search
    spring = company_words(next(c for c in guide.companies if c.slug == "owada-spring"))
    assert {"コイル", "こいる", "薄板"} <= set(spring.own)  # a word of a catchphrase keeps its spellings
