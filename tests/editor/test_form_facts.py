"""The form edits the facts of format v2: each equipment row shows the figure inputs its machine type has, with
units; capacity and access numbers carry their units; factory visits is yes / no / not stated; a material the
vocabulary does not list is kept, shown and can be removed. The profile's own YAML is edited in place (only the
changed lines differ). Expectations come from the sample profile and content/taxonomies/machines.yaml, read with
PyYAML."""
from __future__ import annotations

import pytest
import yaml

from editor.conftest import SAMPLE
from generator.load.yamlfile import parse
from generator.site.editor import form_fields
from generator.validate.schema import schema

from editor.test_editor_browser import make
from editor.test_form import walk

MACHINES = yaml.safe_load((SAMPLE / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))
YAMADA = SAMPLE / "companies" / "yamada-seiki" / "company.yaml"


def test_fields_carry_units_and_the_machine_figures():
    from generator.load import load_content
    from generator.model import taxonomies_from

    fields = {f.path: f for f in walk(form_fields(schema("company"), taxonomies_from(load_content(SAMPLE))))}
    figures = {p.rsplit(".", 1)[1]: f for p, f in fields.items() if p.startswith("equipment.__i__.figures.")}
    assert set(figures) == set(MACHINES["figures"])  # one input per key figure of the vocabulary
    for key, fig in MACHINES["figures"].items():
        # a key figure is a number or a range (60〜300 for a row of presses of 60 to 300 t)
        assert figures[key].kind == "range" and figures[key].title == fig["ja"]
        assert figures[key].unit.startswith(fig["unit"])
    assert fields["capacity.max_part_mm"].kind == "number" and fields["capacity.max_part_mm"].unit == "mm"
    assert fields["capacity.lot_min"].kind == "integer" and fields["capacity.lot_min"].unit.startswith("個")
    assert fields["capacity.lead_time_days"].kind == "range" and fields["capacity.lead_time_days"].unit.startswith("日")
    assert fields["capacity.tolerance_mm"].kind == "range" and fields["capacity.tolerance_mm"].unit == "mm"
    assert fields["factory_visits"].kind == "boolean"
    assert fields["access.__i__.kind"].kind == "enum"
    assert [v for v, _ in fields["access.__i__.by"].options] == ["walk", "car", "bus", "taxi"]
    assert fields["equipment.__i__.type"].kind == "choice" and fields["equipment.__i__.type"].taxonomy == "machines"


def visible_figures(page, row: int) -> list[str]:
    item = page.locator("#f-equipment .item").nth(row)
    return item.evaluate("el => Array.from(el.querySelectorAll('[data-figure]')).filter(f => !f.hidden)"
                         ".map(f => f.dataset.figure)")


def test_a_machine_row_shows_the_figures_of_its_type(editor):
    data = yaml.safe_load(YAMADA.read_text(encoding="utf-8"))
    page = editor("yamada-seiki")
    for i, row in enumerate(data["equipment"]):
        wanted = set(MACHINES["terms"][row["type"]].get("figures", [])) | set(row.get("figures") or {})
        assert set(visible_figures(page, i)) == wanted, row
    # a press: its tonnage and bed length, each with its unit beside the input
    page.locator("#f-equipment .item").nth(0).locator('[data-key="type"] select').select_option("press")
    shown = set(visible_figures(page, 0))
    assert set(MACHINES["terms"]["press"]["figures"]) <= shown
    unit = page.locator("#f-equipment .item").nth(0).locator('[data-figure="tonnage_t"] .unit')
    assert unit.inner_text() == MACHINES["figures"]["tonnage_t"]["unit"]
    assert not page.js_errors


def test_changing_a_machine_and_its_figure_changes_only_that_row(editor, editor_root):
    original = (editor_root / "companies" / "yamada-seiki" / "company.yaml").read_text(encoding="utf-8")
    before = yaml.safe_load(original)
    page = editor("yamada-seiki")
    last = len(before["equipment"]) - 1
    item = page.locator("#f-equipment .item").nth(last)
    item.locator('[data-key="type"] select').select_option("press")
    item.locator('[data-figure="tonnage_t"] input').fill("250")
    text = make(page)
    after = parse(YAMADA, text).data
    assert after["equipment"][last]["type"] == "press" and after["equipment"][last]["figures"]["tonnage_t"] == 250
    assert after["equipment"][:last] == before["equipment"][:last]
    changed = [(a, b) for a, b in zip(original.splitlines(), text.splitlines()) if a != b]
    assert len(original.splitlines()) <= len(text.splitlines()) <= len(original.splitlines()) + 2
    assert all("type" in a or "figures" in b or "tonnage" in b for a, b in changed), changed
    assert not page.js_errors


def test_a_material_not_in_the_vocabulary_is_kept_added_and_removed(editor, editor_root):
    page = editor("yamada-seiki")
    picker = page.locator("#f-materials")
    picker.locator("input.free").fill("マルエージング鋼")
    picker.locator('[data-action="addfree"]').click()
    assert "マルエージング鋼" in picker.locator(".chosen").inner_text()
    data = parse(YAMADA, make(page)).data
    assert data["materials"][-1] == "マルエージング鋼"
    picker.locator('.chip-free', has_text="マルエージング鋼").click()
    original = (editor_root / "companies" / "yamada-seiki" / "company.yaml").read_text(encoding="utf-8")
    assert make(page) == original  # removed again: the profile as it was, byte for byte
    assert not page.js_errors


def test_a_material_alias_typed_ticks_its_term(editor):
    materials = yaml.safe_load((SAMPLE / "taxonomies" / "materials.yaml").read_text(encoding="utf-8"))
    key, alias = next((k, t["aliases"][0]) for k, t in materials["terms"].items() if "316L" in t.get("aliases", []))
    page = editor("yamada-seiki")
    picker = page.locator("#f-materials")
    picker.locator("input.free").fill(alias)
    picker.locator('[data-action="addfree"]').click()
    assert picker.locator(f'.options input[value="{key}"]').is_checked()
    assert picker.locator(".chip-free").count() == 0  # not kept as a word the vocabulary lacks
    assert key in parse(YAMADA, make(page)).data["materials"]
    assert not page.js_errors


def test_an_alias_typed_says_which_term_it_became(editor):
    materials = yaml.safe_load((SAMPLE / "taxonomies" / "materials.yaml").read_text(encoding="utf-8"))
    # an alias whose label differs (18-8 is SUS304): the clerk sees the term it became, so a wrong swap shows
    key, label = next((k, t["ja"]) for k, t in materials["terms"].items() if "18-8" in t.get("aliases", []))
    page = editor("yamada-seiki")
    picker = page.locator("#f-materials")
    picker.locator("input.free").fill("18-8")
    picker.locator('[data-action="addfree"]').click()
    note = picker.locator(".free-note").inner_text()
    assert "「18-8」" in note and f"「{label}」" in note and "✕" in note
    picker.locator("input.free").fill(label)  # the label itself: nothing to point out
    picker.locator('[data-action="addfree"]').click()
    assert "として選びました" not in picker.locator(".free-note").inner_text()
    assert not page.js_errors


@pytest.mark.parametrize("value, written", [("true", True), ("false", False), ("", None)])
def test_factory_visits_is_yes_no_or_not_stated(editor, value, written):
    page = editor("yamada-seiki")
    page.select_option("#f-factory_visits", value)
    assert parse(YAMADA, make(page)).data.get("factory_visits") == written


def test_a_figure_out_of_its_range_is_questioned_beside_its_row_as_the_validator_says(editor, make_content):
    import re

    from editor.test_editor_browser import python_messages, shown_messages

    data = yaml.safe_load(YAMADA.read_text(encoding="utf-8"))
    first = data["equipment"][0]  # 同時5軸マシニングセンタ by DMG森精機, X travel typed as 50,000 mm (usual: up to 30,000)
    x = MACHINES["figures"]["x_mm"]
    assert "x_mm" in MACHINES["terms"][first["type"]]["figures"] and 50000 > x["max"]
    page = editor("yamada-seiki")
    page.locator("#f-equipment .item").nth(0).locator('[data-figure="x_mm"] input').fill("50000")
    page.locator("#f-equipment .item").nth(0).locator('[data-figure="x_mm"] input').press("Tab")
    shown = [m for box in shown_messages(page).values() for m in box if "50,000" in m]
    assert len(shown) == 1, shown
    ja = shown[0].split(" / ")[0]
    assert f"主要設備 1 番目（{first['name']}、{first['maker']} {first['model']}）の「{x['ja']}」の 50,000 mm" in ja
    assert f"{x['max']:,} mm" in ja
    # the fix names the box the clerk sees (its label and unit), not the file's key
    assert f"違っていれば、この行の「{x['ja']}（{x['unit']}）」の欄の数字を直してください" in ja and "x_mm" not in ja
    # otherwise the validator's words, but for the file's line, which the form has not
    said = [m for m in python_messages(page, make_content) if "50,000" in m]
    assert len(said) == 1
    form_fix = (f"違っていれば、この行の「{x['ja']}（{x['unit']}）」の欄の数字を直してください。",
                f"If they are wrong, correct the number in this row's {x['en']} ({x['unit']}) box. ")
    file_fix = ("違っていれば x_mm の数字を直してください。", "If they are wrong, correct the number of x_mm. ")
    assert re.sub(r"; line \d+", "", re.sub(r"。\d+ 行目", "", said[0])) == \
        shown[0].replace(form_fix[0], file_fix[0]).replace(form_fix[1], file_fix[1])
    assert not page.js_errors


def test_a_capacity_figure_out_of_its_range_names_the_box_the_value_and_the_usual_figures(editor, make_content):
    cap = schema("company")["properties"]["capacity"]
    tolerance = cap["properties"]["tolerance_mm"]
    usual = tolerance["x-plausible"]
    page = editor("yamada-seiki")
    page.fill("#f-capacity-tolerance_mm", "0.00001")
    page.press("#f-capacity-tolerance_mm", "Tab")
    shown = [m for box in shown_messages_of(page).values() for m in box if "0.00001" in m]
    assert len(shown) == 1, shown
    ja = shown[0].split(" / ")[0]
    assert f"「{tolerance['title']}」の 0.00001 mm はふつうの範囲（{usual['min']}〜{usual['max']} mm）の外です" in ja
    assert f"違っていれば「{cap['title']}」の「{tolerance['title']}」の欄の数字を直してください" in ja
    assert "tolerance_mm" not in ja
    assert not page.js_errors


def shown_messages_of(page):
    from editor.test_editor_browser import shown_messages

    return shown_messages(page)


def test_a_range_is_typed_as_a_clerk_writes_it_and_kept_as_two_numbers(editor, editor_root):
    original = (editor_root / "companies" / "yamada-seiki" / "company.yaml").read_text(encoding="utf-8")
    written = yaml.safe_load(original)["capacity"]["tolerance_mm"]
    assert isinstance(written, list)  # the sample's tolerance is a range
    page = editor("yamada-seiki")
    assert page.input_value("#f-capacity-tolerance_mm") == f"{written[0]}〜{written[1]}"
    assert make(page) == original  # shown as 0.005〜0.02, kept as [0.005, 0.02]: the file unchanged
    page.fill("#f-capacity-lead_time_days", "5～20日")
    item = page.locator("#f-equipment .item").nth(0)
    item.locator('[data-key="type"] select').select_option("press")
    item.locator('[data-figure="tonnage_t"] input').fill("60-300")
    data = parse(YAMADA, make(page)).data
    assert data["capacity"]["lead_time_days"] == [5, 20] and data["equipment"][0]["figures"]["tonnage_t"] == [60, 300]
    assert not page.js_errors


def test_swapped_ends_of_a_range_are_an_error_beside_the_box(editor):
    page = editor("yamada-seiki")
    page.fill("#f-capacity-lead_time_days", "20〜5")
    page.press("#f-capacity-lead_time_days", "Tab")
    shown = [m for box in shown_messages_of(page).values() for m in box if "[20, 5]" in m]
    assert len(shown) == 1, shown
    assert shown[0].startswith("「標準納期（日）」の幅が [20, 5] と大きい方から書かれています。")
    assert shown[0].endswith("例 / e.g.: 5〜20")
    assert not page.js_errors


def test_fullwidth_digits_in_an_equipment_row_turn_half_width_on_leaving_the_box(editor):
    # outside clerk, session 17, finding 8: the guide promises 「欄を離れると半角…に直ります」; 台数 １ and X ３０００
    # stayed full-width on screen after Tab (the package was right), as if the form had not taken them
    page = editor("yamada-seiki")
    last = page.locator("#f-equipment .item").count() - 1
    item = page.locator("#f-equipment .item").nth(last)
    item.locator('[data-key="type"] select').select_option("mc-vertical")
    typed = {'[data-key="count"] input': ("１", "1"), '[data-figure="x_mm"] input': ("３０００", "3000"),
             '[data-figure="y_mm"] input': ("1,500", "1500"), '[data-figure="z_mm"] input': ("２００〜３００", "200〜300")}
    for box, (written, _) in typed.items():
        item.locator(box).fill(written)
        item.locator(box).press("Tab")
    for box, (_, shown) in typed.items():
        assert item.locator(box).input_value() == shown, box
    page.fill("#f-employees", "８６")
    page.press("#f-employees", "Tab")
    assert page.input_value("#f-employees") == "86"
    row = parse(YAMADA, make(page)).data["equipment"][last]
    assert row["count"] == 1 and row["figures"]["x_mm"] == 3000 and row["figures"]["y_mm"] == 1500
    assert row["figures"]["z_mm"] == [200, 300]
    assert not page.js_errors
