"""Machine figures and yes/no answers written as a clerk writes them: each slip is said once, on its line, with the
figure's name and unit from content/taxonomies/machines.yaml (not its key alone), the machine row, and the value to
write; no message shows Python's None, True or a Python dict."""
from __future__ import annotations

import json

import pytest

from conftest import minimal_profile
from generator.cli import main


def run(make_content, capsys, extra: str) -> tuple[list[dict], list[str]]:
    text = minimal_profile() + extra
    main(["--root", str(make_content({"kuma-seiki": text})), "validate", "--format", "json"])
    return json.loads(capsys.readouterr().out), text.splitlines()


def line_with(lines, needle: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if needle in line)


# (the row as written, words the message must use, the value to write)
CASES = [
    ("{type: press, name: 油圧プレス, figures: {tonnage_t: 150, bed_mm: 1,000mm}}", ["カンマ", "単位", "加工長さ"],
     "bed_mm: 1000"),
    ("{type: press, name: 油圧プレス, figures: {tonnage_t: 200トン}}", ["加圧能力", "（t）", "トン"], "tonnage_t: 200"),
    ("{type: laser-cutter, name: ファイバーレーザー, figures: {x_mm: 8m}}", ["X軸ストローク", "8000"], "x_mm: 8000"),
    ("{type: laser-cutter, name: ファイバーレーザー, figures: {x_mm: '±0.05'}}", ["±", "spec"], 'spec: "±0.05"'),
]


@pytest.mark.parametrize("row, words, fix", CASES, ids=["comma-in-flow-mapping", "tonnes", "metres", "tolerance"])
def test_a_figure_with_its_unit_is_said_once_with_the_number_to_write(make_content, capsys, row, words, fix):
    problems, lines = run(make_content, capsys, f"equipment:\n  - name: 空行\n  - {row}\n")
    line = line_with(lines, row[:30])
    on_line = [p for p in problems if p["line"] == line]
    assert len(on_line) == 1, problems  # one mistake, one message
    message = on_line[0]["message"]
    ja = message.split(" / ")[0]
    assert all(w in ja for w in words), message
    assert fix in message and "主要設備 2 番目" in ja
    assert "_t」は数値" not in message and "_mm」は数値" not in message  # not the internal key as the field's name


@pytest.mark.parametrize("written, value", [("可", "true"), ("不可", "false"), ("はい", "true"), ("いいえ", "false")])
def test_a_yes_no_answer_in_words_says_true_or_false(make_content, capsys, written, value):
    problems, lines = run(make_content, capsys, f"factory_visits: {written}\n")
    found = [p for p in problems if p["line"] == line_with(lines, "factory_visits:")]
    assert len(found) == 1 and f"factory_visits: {value}" in found[0]["message"], problems
    assert "可・はい" in found[0]["message"] and "True" not in found[0]["message"]


def test_no_message_shows_python_values(make_content, capsys):
    extra = ("factory_visits: 可\nequipment:\n  - {type: press, name: プレス, figures: {tonnage_t: 150, bed_mm: 1,000mm}}\n"
             "  - {type: press, name: プレス, figures: {tonnage_t: null}}\n"
             "  - {type: press, name: プレス, figures: {x_mm: null, power_kw: true}}\n")
    problems, _ = run(make_content, capsys, extra)
    assert problems
    for p in problems:
        assert not any(leak in p["message"] for leak in ("None", "True", "False", "{'")), p["message"]
