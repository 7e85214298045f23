"""The hidden search words: spellings a buyer may type for the same word, concepts, readings."""
from pathlib import Path

import pytest

from generator.search.variants import expand, expand_aliases, fold_vu, long_vowel_forms, spellings, synonyms

CONCEPTS = Path(__file__).resolve().parents[2] / "content" / "taxonomies" / "concepts.yaml"


def test_kana_words_are_written_in_katakana_with_and_without_their_final_long_vowel():
    # the search page types an all-hiragana query in katakana: メッキ must be there for めっき
    assert {"めっき", "メッキ"} <= set(spellings("めっき")) and "めっき" not in spellings("メッキ")
    assert "レーザー" in spellings("レーザ")
    assert long_vowel_forms("レーザー") == ["レーザ"]
    assert long_vowel_forms("メッキ") == []  # not a loanword ending that drops ー
    assert "バルブ" in spellings("ヴァルブ") and fold_vu("ヴィンテージ") == "ビンテージ"


def test_no_case_or_width_forms_pagefind_and_the_search_page_fold_those():
    # Pagefind lower-cases words on both sides; search.js runs the query through NFKC (ＩＳＯ９００１, ﾒｯｷ)
    assert spellings("ISO9001") == ["ISO9001"]
    assert "ﾒｯｷ" not in spellings("めっき") and "ﾚｰｻﾞｰ" not in spellings("レーザ")


def test_names_are_written_with_and_without_their_legal_form():
    words = expand(["株式会社山田精機"], CONCEPTS, name=True)
    assert {"山田精機", "株式会社山田精機"} <= set(words)


@pytest.mark.parametrize("word, concept, not_concept", [
    ("アルミニウム合金（A5052）", "aluminium", None),
    ("半導体製造装置用", "semiconductor", None),  # a word that starts with a member names it
    ("自動車部品メーカー", "automotive", None),
    ("サイジングプレス", None, "stamping"),  # one that ends with it names something else (a machine)
    ("鉄道車両", "railway", "steel"),  # 鉄 is no member: one kanji inside a word says nothing
])
def test_concepts_match_words_and_their_starts(word, concept, not_concept):
    found = synonyms(word, CONCEPTS)
    if concept:
        assert concept in found
    if not_concept:
        assert not_concept not in found


def test_latin_words_are_written_once_as_pagefind_splits_and_lower_cases_them():
    # Pagefind splits "Heat treatment" at the space and lower-cases both sides: writing the words again, or the same
    # word capitalised, costs index time and finds nothing more
    words = expand(["Heat treatment", "Casting", "casting", "Thin-film coating (PVD/CVD)", "DMG森精機"], CONCEPTS)
    assert "Heat treatment" in words and not {"Heat", "treatment", "coating"} & set(words)
    assert [w.lower() for w in words].count("casting") == 1
    assert {"PVD/CVD", "DMG", "森精機"} <= set(words)  # not split at a space: Pagefind would not find them
    assert expand_aliases(["CNC", "cnc", "レーザ"]) == ["CNC", "レーザ", "レーザー"]


def test_a_companys_words_have_its_catchphrase_reading_in_romaji_and_concepts():
    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    guide = make_guide(load_content(CONCEPTS.parents[1]))
    company = next(c for c in guide.companies if c.slug == "okochi-seisakusho")
    words = company_words(company)
    # the reading, as typed on a business card and on a keyboard (kana: オオコウチセイサクショ)
    assert {"オオコウチセイサクショ", "okochiseisakusho", "ookouchiseisakusho"} <= set(words.names)
    assert "新幹線" in words.own and company.summary.ja not in words.own  # the catchphrase's words, not the sentence
    assert {"railway", "鉄道"} <= set(words.own)  # its products say 鉄道車両: the concept's other words
    assert any("Shinkansen bullet trains" in text for text in words.english)  # its English PR, for the English page
    yogyo = company_words(next(c for c in guide.companies if c.slug == "momiji-yogyo"))
    assert "semiconductor" in yogyo.own  # a Japanese-only profile (半導体製造装置用セラミックス部品) found in English


def test_a_machine_alias_naming_a_process_the_company_does_not_list_is_not_its_search_word():
    """machines.yaml: the press type has the alias 鍛造プレス, reflow ovens はんだ印刷機 — words of the processes forging
    (鍛造) and printing (印刷). A press shop that does not forge must not be found for 鍛造; a forger with a press is."""
    import yaml

    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    root = CONCEPTS.parents[1]
    machines = yaml.safe_load((root / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))["terms"]
    assert "鍛造プレス" in machines["press"]["aliases"]
    profiles = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in (root / "companies").glob("*/company.yaml")}
    with_press = {s for s, d in profiles.items() if any(e.get("type") == "press" for e in d.get("equipment") or [])}
    forgers = {s for s, d in profiles.items() if "forging" in (d.get("technologies") or []) + (d.get("accepts") or [])}
    assert with_press - forgers and with_press & forgers  # the sample has both
    guide = make_guide(load_content(root))
    for company in guide.companies:
        w = company_words(company)
        hidden = set(w.names) | set(w.labels) | set(w.own) | set(w.aliases)
        if company.slug in with_press - forgers:
            assert "鍛造プレス" not in hidden and "サーボプレス" in hidden, company.slug
        if company.slug in with_press & forgers:
            assert "鍛造プレス" in hidden, company.slug


def test_a_material_grade_finds_the_company_by_its_group():
    """A profile listing SUS304 works stainless steel: the group's words (materials.yaml groups.stainless) are its
    search words, for every company whose materials hold a term of that group."""
    import yaml

    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    root = CONCEPTS.parents[1]
    vocabulary = yaml.safe_load((root / "taxonomies" / "materials.yaml").read_text(encoding="utf-8"))
    stainless = {k for k, t in vocabulary["terms"].items() if t.get("group") == "stainless"}
    profiles = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in (root / "companies").glob("*/company.yaml")}
    # materials written as keys, labels or aliases: the model resolves them; here the keys are enough to find some
    working = {s for s, d in profiles.items() if stainless & set(d.get("materials") or [])}
    assert len(working) >= 3
    guide = make_guide(load_content(root))
    for company in guide.companies:
        if company.slug in working:
            w = company_words(company)
            assert {vocabulary["groups"]["stainless"]["ja"], "stainless steel"} <= set(w.labels) | set(w.own), company.slug


def test_a_material_alias_naming_another_kind_of_material_is_not_its_search_word():
    """materials.yaml: pcb has the alias アルミ基板, アルミ being the aluminium group: a board maker that works no
    aluminium must not be found for アルミ."""
    import yaml

    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    root = CONCEPTS.parents[1]
    vocabulary = yaml.safe_load((root / "taxonomies" / "materials.yaml").read_text(encoding="utf-8"))
    assert "アルミ基板" in vocabulary["terms"]["pcb"]["aliases"] and vocabulary["groups"]["aluminium"]["ja"] == "アルミ"
    guide = make_guide(load_content(root))
    boards = [c for c in guide.companies if "pcb" in {t.key for t in c.material_terms}]
    assert boards
    for company in boards:
        w = company_words(company)
        hidden = set(w.names) | set(w.labels) | set(w.own) | set(w.aliases)
        aluminium = "aluminium" in {t.group for t in company.material_terms}
        assert ("アルミ基板" in hidden) == aluminium or "アルミ基板" in str(company.products), company.slug
