"""The hidden search words: spellings a buyer may type for the same word, concepts, readings."""
import re
from pathlib import Path

import pytest

from generator.search.variants import expand, fold_vu, long_vowel_forms, spellings, synonyms

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


def test_a_companys_words_have_its_catchphrase_reading_in_romaji_and_concepts():
    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    guide = make_guide(load_content(CONCEPTS.parents[1]))
    company = next(c for c in guide.companies if c.slug == "okochi-seisakusho")
    words = company_words(company)
    # the reading, as typed on a business card and on a keyboard (kana: オオコウチセイサクショ)
    assert {"オオコウチセイサクショ", "okochiseisakusho", "ookouchiseisakusho"} <= set(words.names)
    # the catchphrase's words, not the sentence, in a group of their own (they weigh more than a product's)
    assert "新幹線" in words.catch and company.summary.ja not in words.catch + words.own
    assert {"railway", "鉄道"} <= set(words.catch + words.own)  # 新幹線, 鉄道車両: the concept's other words
    assert any("Shinkansen bullet trains" in text for text in words.english)  # its English PR, for the English page
    yogyo = company_words(next(c for c in guide.companies if c.slug == "momiji-yogyo"))
    assert "semiconductor" in yogyo.own  # a Japanese-only profile (半導体製造装置用セラミックス部品) found in English


def test_a_machine_types_aliases_are_not_search_words_unless_the_company_wrote_them():
    """machines.yaml: the press type has the aliases 鍛造プレス and サーボプレス, reflow ovens はんだ印刷機. A machine
    word typed in the box becomes the machine filter (search.js), so the aliases are not written on every page that
    has such a machine: a press shop that does not forge is not found for 鍛造, nor one without a servo press for
    サーボプレス. What the company wrote itself (its equipment names) stays."""
    import yaml

    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    root = CONCEPTS.parents[1]
    machines = yaml.safe_load((root / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))["terms"]
    assert {"鍛造プレス", "サーボプレス"} <= set(machines["press"]["aliases"])
    import unicodedata

    def folded(text: str) -> str:  # width, case and katakana as hiragana: めっきライン wrote メッキライン too
        text = unicodedata.normalize("NFKC", text).lower()
        return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)

    profiles = {p.parent.name: folded(p.read_text(encoding="utf-8"))
                for p in (root / "companies").glob("*/company.yaml")}
    guide = make_guide(load_content(root))
    checked = 0
    for company in guide.companies:
        if "press" not in {e.type.key for e in company.equipment if e.type is not None}:
            continue
        w = company_words(company)
        hidden = set(w.names) | set(w.catch) | set(w.labels) | set(w.own) | set(w.customers)
        for alias, word in (("鍛造プレス", "鍛造"), ("サーボプレス", "サーボ")):
            if folded(word) not in profiles[company.slug]:
                assert alias not in hidden, (company.slug, alias)
                checked += 1
    assert checked >= 3


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
            assert {vocabulary["groups"]["stainless"]["ja"], "stainless steel"} <= set(w.labels) | set(w.own) | set(w.catch), company.slug


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
        hidden = set(w.names) | set(w.catch) | set(w.labels) | set(w.own) | set(w.customers)
        aluminium = "aluminium" in {t.group for t in company.material_terms}
        assert ("アルミ基板" in hidden) == aluminium or "アルミ基板" in str(company.products), company.slug


def test_vocabulary_aliases_are_not_written_on_the_pages_the_search_page_reads_them_from_the_vocabulary():
    """technologies.yaml: heat-treatment (熱処理) has the aliases 焼鈍, annealing … A buyer typing one is
    searching the term's label (static/search.js term, from search/terms.json), which every page of the term
    carries: the alias is a hidden word only of a company that writes it itself."""
    import unicodedata

    import yaml

    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    root = CONCEPTS.parents[1]
    term = yaml.safe_load((root / "taxonomies" / "technologies.yaml").read_text(encoding="utf-8"))["terms"]["heat-treatment"]
    assert {"焼鈍", "annealing"} <= set(term["aliases"])
    profiles = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in (root / "companies").glob("*/company.yaml")}
    texts = {slug: unicodedata.normalize("NFKC", str(d)) for slug, d in profiles.items()}
    doers = {s for s, d in profiles.items() if "heat-treatment" in (d.get("technologies") or [])}
    assert len(doers) >= 3
    guide = make_guide(load_content(root))
    checked = 0
    for company in guide.companies:
        if company.slug in doers:
            w = company_words(company)
            hidden = set(w.names) | set(w.catch) | set(w.labels) | set(w.own) | set(w.customers)
            assert term["ja"] in hidden, company.slug
            for alias in term["aliases"]:
                if alias not in texts[company.slug]:
                    assert alias not in hidden, (company.slug, alias)
                    checked += 1
    assert checked >= 3 * 5


def test_the_catchphrase_weighs_more_and_a_customer_list_less_than_products():
    """医療 must find the maker of medical devices before a shop with one 医療機器用 product, and 自動車 the suppliers
    before a shop that sells to 自動車部品メーカー (outsider buyer, session 16): the catchphrase's words are written in
    a heavier group than products (search-words.html), the customers' in a lighter one, each word once."""
    from generator.load import load_content
    from generator.model import make_guide
    from generator.search.variants import company_words

    guide = make_guide(load_content(CONCEPTS.parents[1]))
    by_slug = {c.slug: c for c in guide.companies}
    saegusa = company_words(by_slug["saegusa-iko"])  # summary 医療機器・手術器具の精密加工とレーザーマーキング
    assert {"医療機器", "医療", "手術器具"} <= set(saegusa.catch)
    thermo = company_words(by_slug["thermo-giken"])  # customers 自動車部品メーカー; nothing else says 自動車
    assert "自動車" in thermo.customers and "自動車" not in thermo.own + thermo.catch + thermo.labels
    for w in (saegusa, thermo):
        groups = [{x.lower() if x.isascii() else x for x in g} for g in (w.names, w.catch, w.labels, w.own, w.customers)]
        assert sum(len(g) for g in groups) == len(set().union(*groups))  # a word in one group only
    page = (CONCEPTS.parents[2] / "themes" / "default" / "templates" / "site" / "search-words.html").read_text(encoding="utf-8")
    weights = [int(n) for n in re.findall(r'data-pagefind-weight="(\d+)"', page)]
    assert weights == sorted(weights, reverse=True) and "w.catch" in page and "w.customers" in page
