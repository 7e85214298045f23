"""The YAML reader: encodings, BOM, tabs, duplicate keys, aliases, size, and what YAML typed behind the clerk's back."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.load.yamlfile import MAX_BYTES, load, parse


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "company.yaml"
    path.write_bytes(data)
    return path


def problems(path: Path) -> list:
    with pytest.raises(ContentError) as info:
        load(path)
    return info.value.problems


def test_a_utf8_bom_is_accepted(tmp_path):
    doc = load(write(tmp_path, "\ufeffname:\n  ja: 株式会社山田精機\n".encode("utf-8")))
    assert doc.data == {"name": {"ja": "株式会社山田精機"}}
    assert doc.where(("name", "ja")) == (2, 3)


def test_shift_jis_is_named_with_how_to_save_as_utf8(tmp_path):
    found = problems(write(tmp_path, "name:\n  ja: 株式会社山田精機\n".encode("cp932")))
    assert [(p.rule, p.line) for p in found] == [("encoding", 2)]
    assert "Shift_JIS" in found[0].message and "UTF-8" in found[0].message and "メモ帳" in found[0].message


def test_utf16_is_named(tmp_path):
    found = problems(write(tmp_path, "name: x\n".encode("utf-16")))
    assert found[0].rule == "encoding" and "UTF-16" in found[0].message


def test_every_tab_indented_line_is_reported(tmp_path):
    found = problems(write(tmp_path, b"name:\n\tja: x\n\tkana: y\n"))
    assert [(p.rule, p.line, p.col) for p in found] == [("tab", 2, 1), ("tab", 3, 1)]


def test_every_duplicate_key_is_reported_with_the_first_line(tmp_path):
    found = problems(write(tmp_path, b"a: 1\nb: 2\na: 3\nb: 4\n"))
    assert [(p.rule, p.line) for p in found] == [("duplicate-key", 3), ("duplicate-key", 4)]
    assert "1 行目" in found[0].message and "line 1" in found[0].message


@pytest.mark.parametrize("text, line", [("a: &x [1, 2]\nb: 1\n", 1), ("a: 1\nb: [*x]\n", 2),
                                         ("- &a [1]\n- *a\n", 1), ("a: !!str &x v\n", 1), ("a: {b: 1,&x c: 2}\n", 1),
                                         ("a: [1,\n  &x 2]\n", 2), ("a:\n  &x\n  b: 1\n", 2), ("? &k a\n: 1\n", 1),
                                         ("--- &d\na: 1\n", 1), ('{"a":&x 1}\n', 1), ("a: 1\r&x b: 2\r", 2),
                                         ("pr: 強みは **鋳造** です\nb: &x 1\nc: *x\n", 2),
                                         ("a:\t&x 1\n", 1)])
def test_anchors_and_aliases_are_refused(tmp_path, text, line):
    found = problems(write(tmp_path, text.encode()))
    assert [(p.rule, p.line) for p in found] == [("alias", line)]


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    found = problems(write(tmp_path, "\n".join(lines).encode()))
    assert found[0].rule == "alias" and found[0].line == 1


def test_an_ampersand_in_text_is_not_an_anchor(tmp_path):
    doc = load(write(tmp_path, "pr: R&D と Q&A、*印は注記\nb: 'A & B'\n".encode()))
    assert doc.data == {"pr": "R&D と Q&A、*印は注記", "b": "A & B"}


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    found = problems(write(tmp_path, b"pr: " + b"x" * MAX_BYTES + b"\n"))
    assert found[0].rule == "size" and "バイト" in found[0].message


def test_unquoted_scalars_keep_what_was_written():
    doc = parse(Path("c.yaml"), "a: yes\nb: 0312345670\nc: 4370112\nd: '0548'\ne:\nf: 2026-04-01\n")
    assert doc.data == {"a": True, "b": 0o312345670, "c": 4370112, "d": "0548", "e": None, "f": "2026-04-01"}
    assert doc.plain[("a",)] == ("bool", "yes")
    assert doc.plain[("b",)] == ("int", "0312345670")
    assert ("d",) not in doc.plain


def test_syntax_error_points_at_the_unclosed_bracket_too():
    with pytest.raises(ContentError) as info:
        parse(Path("c.yaml"), "name:\n  ja: [株式会社\n  kana: カ\n")
    problem = info.value.problems[0]
    assert (problem.rule, problem.line) == ("yaml-unclosed-bracket", 2)  # the line that holds the '[', not the next
    assert "「]」" in problem.message and "ja: [株式会社]" in problem.message


def test_positions_are_in_characters_not_bytes():
    doc = parse(Path("c.yaml"), "住所: {市: 紅葉川市, 町: 北部}\n")
    assert doc.where(("住所", "町")) == (1, 15)


def test_custom_tags_are_refused():
    with pytest.raises(ContentError) as info:
        parse(Path("c.yaml"), "a: !!python/object:os.system x\n")
    assert info.value.problems[0].rule == "tag"


@pytest.mark.parametrize("text, written, line, col", [
    ("a: 1\ntechnologies: !!set {cutting, casting}\n", "!!set", 2, 15),
    ("technologies: !foo [cutting]\n", "!foo", 1, 15),
    ("products:\n  !!omap\n  - name: x\n", "!!omap", 2, 3),
    ("name: !company\n  ja: 株式会社山田精機\n", "!company", 1, 7),
    ("!k name: x\n", "!k", 1, 1),
])
def test_tags_on_lists_mappings_and_keys_are_refused_where_they_are_written(text, written, line, col):
    with pytest.raises(ContentError) as info:
        parse(Path("c.yaml"), text)
    assert [(p.rule, p.line, p.col) for p in info.value.problems] == [("tag", line, col)]
    message = info.value.problems[0].message
    assert f"タグ「{written}」" in message and f"delete '{written}'" in message
    assert message.index("タグ") < message.index(" / ")  # Japanese first, then English


def test_explicit_standard_tags_are_read_as_their_values():
    doc = parse(Path("c.yaml"), "a: !!seq [x]\nb: !!map {c: !!str 1}\nd: !!int '3'\n")
    assert doc.data == {"a": ["x"], "b": {"c": "1"}, "d": 3}


def test_every_tag_is_reported_not_only_the_first():
    with pytest.raises(ContentError) as info:
        parse(Path("c.yaml"), "a: !!set {x}\nb: !!binary aGk=\nc: !x [1]\n")
    assert [(p.rule, p.line) for p in info.value.problems] == [("tag", 1), ("tag", 2), ("tag", 3)]


def test_markdown_bold_is_read_by_libyaml_and_a_real_anchor_after_it_is_still_refused(tmp_path):
    text = "pr: 当社の強みは **鋳造** と *検査* です\nen: our **casting** & inspection\n"
    assert load(write(tmp_path, text.encode())).data["en"] == "our **casting** & inspection"
    found = problems(write(tmp_path, (text + "fax: &f '0548-22-1235'\n").encode()))
    assert [(p.rule, p.line, p.col) for p in found] == [("alias", 3, 6)]


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "-.INF"])
def test_nan_and_infinity_are_refused_where_they_are_written(written):
    """They pass every minimum and maximum of the schema and are not JSON (outside attacker s18: the open data's
    companies.json became a file no JSON reader accepts)."""
    text = f"name:\n  ja: テスト\ncapacity:\n  max_part_mm: 500\n  tolerance_mm: {written}\n"
    with pytest.raises(ContentError) as raised:
        parse(Path("company.yaml"), text)
    [problem] = raised.value.problems
    assert (problem.line, problem.col, problem.rule) == (5, 17, "number-finite")
    assert f"「{written}」は数として使えません" in problem.message and "write the figure in digits" in problem.message


def test_a_finite_float_and_a_quoted_nan_are_kept_and_a_whole_float_is_a_whole_number():
    # 62.0 passed the schema's integer and the pages showed 62.0名, 計12.0台 (outside attacker s18)
    doc = parse(Path("company.yaml"), "a: 0.005\nb: '.nan'\nc: 1.5e+3\nemployees: 62.0\nd: -3.0\n")
    assert doc.data == {"a": 0.005, "b": ".nan", "c": 1500, "employees": 62, "d": -3}
    assert type(doc.data["employees"]) is int and type(doc.data["a"]) is float
