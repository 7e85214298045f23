"""Glyph check: characters the print fonts lack are errors naming the character and its code point."""
from __future__ import annotations

from generator.load import load_content
from generator.validate import validate


def test_emoji_and_rare_kanji_are_named(make_content):
    from tests.conftest import minimal_profile

    profile = minimal_profile().replace("精密な切削加工", "精密な切削加工😀と𠮷野の技")
    root = make_content({"emoji-seiki": profile})
    problems = [p for p in validate(load_content(root)) if p.rule == "glyph"]
    assert len(problems) == 1, problems
    assert "U+1F600" in problems[0].message and "U+20BB7" in problems[0].message
    assert problems[0].line == profile.splitlines().index(
        next(l for l in profile.splitlines() if l.startswith("summary"))) + 1


def test_common_characters_pass(make_content):
    from tests.conftest import minimal_profile

    root = make_content({"ok-seiki": minimal_profile().replace("精密な", "髙橋・﨑の①精密な")})
    assert not [p for p in validate(load_content(root)) if p.rule == "glyph"]
