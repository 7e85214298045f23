"""Figures given as ranges (issue 22): a tolerance or a lead time may be `[low, high]`; both ends are questioned
outside their plausible range, swapped ends and a range written as text are errors at their line with the fix; an
equipment figure holding two machines (100t/350t) is an error that shows the row split in two."""
from __future__ import annotations

import json

from conftest import minimal_profile

from generator.cli import main


def problems_of(make_content, capsys, text: str) -> list[dict]:
    root = make_content({"test-seiki": text})
    main(["--root", str(root), "validate", "--format", "json"])
    return json.loads(capsys.readouterr().out)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_range_within_the_usual_figures_is_valid(make_content, capsys):
    text = minimal_profile() + "capacity:\n  tolerance_mm: [0.005, 0.02]\n  lead_time_days: [5, 20]\n"
    assert problems_of(make_content, capsys, text) == []


def test_each_end_of_a_range_is_questioned_outside_the_usual_figures(make_content, capsys):
    text = minimal_profile() + "capacity:\n  lead_time_days: [5, 2000]\n  tolerance_mm: [0.00001, 0.01]\n"
    found = problems_of(make_content, capsys, text)
    assert [(p["rule"], p["line"], p["severity"]) for p in found] == [
        ("implausible", line_of(text, "lead_time_days"), "warning"),
        ("implausible", line_of(text, "tolerance_mm"), "warning")]
    lead, tolerance = (p["message"] for p in found)
    assert "「標準納期（日）（幅の大きい方）」の 2,000 日 はふつうの範囲（0〜365 日）の外です" in lead
    assert "capacity の lead_time_days を直してください" in lead
    assert "「最高精度（±mm）（幅の小さい方）」の 0.00001 mm はふつうの範囲（0.0005〜5 mm）の外です" in tolerance
    assert lead.index("標準納期") < lead.index("Usual lead time")  # Japanese first


def test_swapped_ends_are_an_error_at_the_line_with_the_range_to_write(make_content, capsys):
    text = minimal_profile() + "capacity:\n  max_part_mm: 500\n  lead_time_days: [20, 5]\n"
    found = problems_of(make_content, capsys, text)
    line = line_of(text, "lead_time_days")
    assert [(p["rule"], p["line"], p["severity"]) for p in found] == [("range-order", line, "error")]
    message = found[0]["message"]
    assert f"「標準納期（日）」（{line} 行目）の幅が [20, 5] と大きい方から書かれています" in message
    assert message.endswith("例 / e.g.: lead_time_days: [5, 20]")


def test_a_range_written_as_text_is_one_error_with_the_two_numbers_to_write(make_content, capsys):
    text = minimal_profile() + "capacity:\n  lead_time_days: 5〜20日\n  tolerance_mm: ±0.005～0.02mm\n"
    found = problems_of(make_content, capsys, text)
    lead, tol = line_of(text, "lead_time_days"), line_of(text, "tolerance_mm")
    # one message per line: the schema's "wrong shape" is not said again
    assert [(p["rule"], p["line"]) for p in found] == [("range-as-text", lead), ("range-as-text", tol)]
    assert f"「標準納期（日）」（{lead} 行目）の幅は、文字ではなく [小さい方, 大きい方] の2つの数字で書きます（いまは「5〜20日」）" \
        in found[0]["message"]
    assert "lead_time_days: [5, 20] と書いてください" in found[0]["message"]
    assert "tolerance_mm: [0.005, 0.02] と書いてください" in found[1]["message"] and "±・単位" in found[1]["message"]


def test_a_range_is_allowed_only_where_the_schema_says_so(make_content, capsys):
    # a largest part is one figure: a range there is the schema's error (nothing is migrated to a range)
    text = minimal_profile() + "capacity:\n  max_part_mm: [500, 1500]\n  lead_time_days: [5, 10, 20]\n"
    found = problems_of(make_content, capsys, text)
    assert {(p["line"], p["severity"]) for p in found} == {(line_of(text, "max_part_mm"), "error"),
                                                            (line_of(text, "lead_time_days"), "error")}


def test_two_presses_in_one_row_are_an_error_that_shows_the_two_rows(make_content, capsys):
    text = minimal_profile() + "equipment:\n  - {type: press, name: プレス, maker: アマダ, count: 2, figures: {tonnage_t: 100t/350t}}\n"
    found = problems_of(make_content, capsys, text)
    line = line_of(text, "100t/350t")
    assert [(p["rule"], p["line"], p["severity"]) for p in found] == [("figure-several", line, "error")]
    message = found[0]["message"]
    assert f"主要設備 1 番目（プレス、アマダ。{line} 行目）の「加圧能力（t）」に2つの数字（100t/350t）があります" in message
    assert "1行は1種類の設備で、数値は1つです" in message
    assert "- {type: press, maker: アマダ, figures: {tonnage_t: 100}} と - {type: press, maker: アマダ, figures: {tonnage_t: 350}}" \
        in message


def test_two_figures_in_another_unit_are_converted_in_the_rows_shown(make_content, capsys):
    text = minimal_profile() + "equipment:\n  - {type: press-brake, figures: {bed_mm: 2m・3m}}\n"
    found = problems_of(make_content, capsys, text)
    assert [p["rule"] for p in found] == ["figure-several"]
    assert "figures: {bed_mm: 2000}} と - {type: press-brake, figures: {bed_mm: 3000}}" in found[0]["message"]


def test_a_row_of_machines_ranging_over_a_figure_is_valid_and_each_end_is_checked(make_content, capsys):
    # 12 presses of 60 to 300 t: one row, the figure a range
    text = minimal_profile() + "equipment:\n  - {type: press, count: 12, figures: {tonnage_t: [60, 300]}}\n"
    assert problems_of(make_content, capsys, text) == []
    text = minimal_profile() + "equipment:\n  - {type: press, count: 12, figures: {tonnage_t: [60, 30000]}}\n"
    found = problems_of(make_content, capsys, text)
    assert [(p["rule"], p["severity"]) for p in found] == [("implausible", "warning")]
    assert "「加圧能力（幅の大きい方）」の 30,000 t はふつうの範囲（1〜5,000 t）の外です" in found[0]["message"]


def test_a_rows_range_swapped_or_written_as_text_is_an_error_naming_the_row(make_content, capsys):
    text = minimal_profile() + ("equipment:\n  - {type: press, name: 順送プレス, count: 12, figures: {tonnage_t: [300, 60]}}\n"
                                "  - {type: press, name: プレス機, count: 18, figures: {tonnage_t: 35〜300t}}\n")
    found = problems_of(make_content, capsys, text)
    swapped, written = line_of(text, "[300, 60]"), line_of(text, "35〜300t")
    assert [(p["rule"], p["line"]) for p in found] == [("range-order", swapped), ("range-as-text", written)]
    assert found[0]["message"].startswith(f"主要設備 1 番目（順送プレス。{swapped} 行目）の「加圧能力（t）」の幅が [300, 60] と")
    assert found[0]["message"].endswith("例 / e.g.: tonnage_t: [60, 300]")
    assert found[1]["message"].startswith(f"主要設備 2 番目（プレス機。{written} 行目）の「加圧能力（t）」の幅は、文字ではなく")
    assert "tonnage_t: [35, 300] と書いてください" in found[1]["message"]
