"""The one-question-per-profile shortcuts never miss what the field-by-field checks find."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.load.yamlfile import parse
from generator.validate import glyphs, japanese, text_safety
from generator.validate.strings import joined


def test_every_refused_character_fails_the_quick_test():
    refused = [chr(c) for c in range(sys.maxunicode + 1) if text_safety._kind(chr(c))]
    assert len(refused) > 100_000  # controls, format characters, private use, noncharacters, fillers
    missed = [f"U+{ord(ch):04X}" for ch in refused if not text_safety.maybe_refused(f"株式会社\n{ch}\t山田　精機")]
    assert missed == []


def test_ordinary_japanese_text_passes_the_quick_test():
    assert not text_safety.maybe_refused("株式会社山田精機\n精密部品の切削加工、ＩＳＯ９００１　認証取得\t(0.005 mm)")


def test_a_refused_character_in_a_key_or_a_nested_value_is_still_found():
    doc = parse(Path("c.yaml"), "name:\n  ja: 山田精機\nproducts:\n- name: {ja: \"部品\u200b\"}\n  \u202ekey: x\n")
    found = text_safety.check_doc(doc, "c.yaml", markup=True)
    assert sorted((p.rule, p.line) for p in found) == [("invisible-character", 4), ("invisible-character", 5)]


def test_markup_in_any_field_is_still_found():
    doc = parse(Path("c.yaml"), "pr:\n  ja: 本文\n  en: '[site](javascript:alert(1))'\nsummary: <b>x</b>\n")
    assert sorted((p.rule, p.line) for p in text_safety.check_doc(doc, "c.yaml", markup=True)) == [
        ("markup", 3), ("markup", 4)]


def test_joined_text_holds_every_string_and_key_once():
    data = {"a": ["x", {"b": "y", "c": [1, "z"]}], "d": None}
    assert joined(data).split("\n") == ["x", "y", "z"]
    assert joined(data, keys=True).split("\n") == ["a", "x", "b", "y", "c", "z", "d"]


def test_a_glyph_outside_the_print_font_is_still_found_in_a_nested_field(monkeypatch):
    monkeypatch.setattr(glyphs, "printable", lambda: frozenset(map(ord, "株式会社山田精機部品概要")))
    glyphs.covered.cache_clear()
    try:
        doc = parse(Path("c.yaml"), "name: 株式会社山田精機\nmaintainers: [髙]\nproducts:\n- name: 部品髙\n")
        found = glyphs.check(doc, "c.yaml")
    finally:
        glyphs.covered.cache_clear()
    assert [(p.rule, p.line) for p in found] == [("glyph", 4)] and "U+9AD9" in found[0].message


def test_field_checks_run_without_an_odd_width_character_too():
    doc = parse(Path("c.yaml"), "address:\n  postal_code: '4370112'\ncontact:\n  phone: '0548-22-12'\n")
    found = japanese.check(doc, "c.yaml", lambda pointer: ("x", "x"))
    assert [(p.rule, p.line) for p in found] == [("postal-code", 2), ("phone", 4)]


def test_a_reference_definition_with_an_empty_label_is_refused():
    # Python-Markdown accepts `[]: target`; the raw text is published as it is in the open data and the editor's
    # data, where another Markdown library would make it a link (outside attack 12, finding 6)
    doc = parse(Path("c.yaml"), "pr:\n  ja: 本文\n  en: \"[a][]\\n\\n[]: javascript:alert(1)\"\n")
    problems = text_safety.check_doc(doc, "c.yaml", markup=True)
    assert [(p.rule, p.line) for p in problems] == [("markup", 3)]
    assert "javascript:alert(1)" in problems[0].message
