"""What a clerk reads about a machine row: an out-of-range figure names the row (its name or type, maker, model and
line) and the key to correct; a figure the type does not take is said with the figures' Japanese labels and units;
the names clerks write on an equipment list (ホイスト, タレパン, NCフライス …) are accepted as the row's type; a laser
marker is a machine of its own, not a laser cutter. Expectations from the profile text below and
content/taxonomies/machines.yaml."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import SAMPLE, minimal_profile
from generator.cli import main

MACHINES = yaml.safe_load((SAMPLE / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))


def problems_of(make_content, capsys, extra: str) -> tuple[list[dict], list[str]]:
    text = minimal_profile() + extra
    main(["--root", str(make_content({"kuma-seiki": text})), "validate", "--format", "json"])
    return json.loads(capsys.readouterr().out), text.splitlines()


def line_of(lines: list[str], needle: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_an_out_of_range_figure_names_its_machine_row_and_the_key_to_correct(make_content, capsys):
    extra = ("equipment:\n  - {type: welder, name: TIG溶接機, count: 2}\n"
             "  - {type: press, maker: アマダ, model: SDE-50000, figures: {tonnage_t: 50000}}\n")
    found, lines = problems_of(make_content, capsys, extra)
    line = line_of(lines, "SDE-50000")
    assert [(p["rule"], p["line"], p["severity"]) for p in found] == [("implausible", line, "warning")]
    message = found[0]["message"]
    ja, en = message.split(" / ", 1)
    # the second row: no name, so its type's label (プレス機), the maker and model, and its line in the file
    assert f"主要設備 2 番目（プレス機、アマダ SDE-50000。{line} 行目）" in ja
    assert "「加圧能力」の 50,000 t" in ja and "1〜5,000 t" in ja and "tonnage_t" in ja
    # English: the maker's English name from machines.yaml makers
    assert f"equipment row 2 (Press, {MACHINES['makers']['アマダ']} SDE-50000; line {line})" in en
    assert "Press force: 50,000 t" in en and "tonnage_t" in en


def test_a_figure_the_type_does_not_take_is_said_in_labels_and_units(make_content, capsys):
    extra = "equipment:\n  - {type: press, name: サーボプレス, figures: {tonnage_t: 100, x_mm: 500}}\n"
    found, lines = problems_of(make_content, capsys, extra)
    line = line_of(lines, "サーボプレス")
    assert [(p["rule"], p["line"]) for p in found] == [("figure-unknown", line)]
    message = found[0]["message"]
    ja, en = message.split(" / ", 1)
    figures = MACHINES["figures"]
    x, tonnage, bed = figures["x_mm"], figures["tonnage_t"], figures["bed_mm"]
    assert f"主要設備 1 番目（サーボプレス。{line} 行目）" in ja
    assert f"「{x['ja']}（{x['unit']}）」" in ja  # the figure written, in the clerk's words
    # the figures a press takes, each by its label and unit (the key after it, to write in the file)
    assert f"「{tonnage['ja']}（{tonnage['unit']}）」" in ja and f"「{bed['ja']}（{bed['unit']}）」" in ja
    assert "tonnage_t, bed_mm" not in message  # not a bare list of internal keys
    assert "spec" in ja and "type" in ja  # the fix: write it as text, or the type is another
    assert f"{tonnage['en']} ({tonnage['unit']})" in en and f"{x['en']} ({x['unit']})" in en
    assert f'spec: "{x["ja"]} 500 mm"' in message


def test_a_figure_for_a_type_that_takes_none_says_so(make_content, capsys):
    extra = "equipment:\n  - {type: welder, name: TIG溶接機, figures: {power_kw: 5}}\n"
    found, _ = problems_of(make_content, capsys, extra)
    assert [p["rule"] for p in found] == ["figure-unknown"]
    ja = found[0]["message"].split(" / ")[0]
    assert f"「{MACHINES['terms']['welder']['ja']}」に書ける数値はありません" in ja
    assert "（なし）" not in ja


@pytest.mark.parametrize("written, key", [("ホイスト", "crane"), ("タレパン", "turret-punch"), ("NCフライス", "milling"),
                                          ("ボール盤", "milling"), ("ベンダー", "press-brake"),
                                          ("ワイヤーカット機", "wire-edm"), ("硬度計", "measuring"),
                                          ("パイプベンダー", "pipe-bender")])
def test_a_name_clerks_write_is_accepted_as_the_type(make_content, capsys, written, key):
    assert written in MACHINES["terms"][key]["aliases"] + [MACHINES["terms"][key]["ja"]]
    found, _ = problems_of(make_content, capsys, f"equipment:\n  - {{type: {written}, count: 2}}\n")
    assert found == []


def test_an_alias_type_is_its_machine_on_the_company(make_content):
    from generator.load import load_content
    from generator.model import make_guide

    text = minimal_profile() + "equipment:\n  - {type: ホイスト, count: 2}\n  - {type: タレパン, figures: {tonnage_t: 30}}\n"
    guide = make_guide(load_content(make_content({"kuma-seiki": text})))
    rows = next(c for c in guide.companies if c.slug == "kuma-seiki").equipment
    assert [(r.type.key, r.name.ja) for r in rows] == [("crane", MACHINES["terms"]["crane"]["ja"]),
                                                        ("turret-punch", MACHINES["terms"]["turret-punch"]["ja"])]


def test_a_laser_marker_is_not_a_laser_cutter():
    cutter, marker = MACHINES["terms"]["laser-cutter"], MACHINES["terms"]["laser-marker"]
    assert not [a for a in cutter["aliases"] if "マーカ" in a or "marker" in a.lower() or "刻印" in a]
    assert "レーザー刻印機" in marker["aliases"] and marker["en"] == "Laser marker"
    # a laser cutter's power thresholds are about cutters only
    assert MACHINES["figures"]["power_kw"]["facet_types"] == ["laser-cutter"]
    sample = yaml.safe_load((SAMPLE / "companies" / "saegusa-iko" / "company.yaml").read_text(encoding="utf-8"))
    assert {r["type"] for r in sample["equipment"] if "マーカー" in str(r.get("name"))} == {"laser-marker"}
