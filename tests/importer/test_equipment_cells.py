"""`guidebook import` of an equipment cell as a city's list has it: 「ベンダー 80t ×2、タレパン」 is two machine rows,
each with its type guessed, its count and the figures its units name; what cannot be placed is reported; the area is
guessed from the address where areas.yaml lists the area's towns (places). Expectations from the cells below and
content/taxonomies (machines.yaml, areas.yaml)."""
from __future__ import annotations

from pathlib import Path

import yaml

from conftest import SAMPLE, guidebook

from generator.importer import split_equipment

PROJECT = Path(__file__).resolve().parents[2]
AREAS = yaml.safe_load((SAMPLE / "taxonomies" / "areas.yaml").read_text(encoding="utf-8"))["terms"]
MACHINES = yaml.safe_load((SAMPLE / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))

HEADER = "会社名,フリガナ,住所,電話番号,業種,主な技術,事業内容,主要設備\n"


def run_import(make_content, tmp_path, rows: str):
    root = make_content({})
    (tmp_path / "list.csv").write_text(HEADER + rows, encoding="utf-8")
    run = guidebook("--root", str(root), "import", str(tmp_path / "list.csv"), cwd=PROJECT)
    return root, run


def test_one_cell_of_several_machines_becomes_one_row_each(make_content, tmp_path):
    cell = '"ベンダー 80t ×2、タレパン／アマダ シャーリング 3m・ボール盤 2台\nパンチ・レーザー複合機, 謎の装置 5t"'
    root, run = run_import(make_content, tmp_path, "株式会社港板金,ミナトバンキン,〒437-0203 静岡県紅葉川市港町5-3,"
                           f"0548-24-3366,金属製品製造業,板金,精密板金,{cell}\n")
    assert "作成・更新 1 社" in run.stdout, run.stdout + run.stderr
    data = yaml.safe_load((root / "companies" / "minato-bankin" / "company.yaml").read_text(encoding="utf-8"))
    rows = data["equipment"]
    # six machines: the separators 、／・, the line break and the comma split them; パンチ・レーザー複合機 is one
    # machine (an alias with a ・ in it)
    assert [r.get("type") for r in rows] == ["press-brake", "turret-punch", "shear", "milling", "turret-punch", None]
    bender, punch, shear, drill, combined, unknown = rows
    # ベンダー 80t ×2: two press brakes of 80 t (the only figure in t a press brake takes: tonnage_t)
    assert bender == {"type": "press-brake", "name": "ベンダー", "count": 2, "figures": {"tonnage_t": 80}}
    assert punch == {"type": "turret-punch", "name": "タレパン"}
    # アマダ is a maker machines.yaml knows; 3 m is 3000 mm: of a shear's two figures in mm only bed_mm (100–20,000)
    # has it in its usual range, not sheet_mm (0.01–200)
    shear_mm = {k: (MACHINES["figures"][k]["min"], MACHINES["figures"][k]["max"]) for k in MACHINES["terms"]["shear"]["figures"]
                if MACHINES["figures"][k]["unit"] == "mm"}
    assert [k for k, (low, high) in shear_mm.items() if low <= 3000 <= high] == ["bed_mm"] and len(shear_mm) == 2
    assert shear == {"type": "shear", "name": "シャーリング", "maker": "アマダ", "figures": {"bed_mm": 3000}}
    assert drill == {"type": "milling", "name": "ボール盤", "count": 2}
    assert combined == {"type": "turret-punch", "name": "パンチ・レーザー複合機"}
    # no type: kept by name, its figure kept as text, both reported
    assert unknown == {"name": "謎の装置", "spec": "5t"}
    assert "ベンダー 80t ×2" in run.stdout and "加圧能力" in run.stdout  # the guess, for a person to check
    assert "謎の装置" in run.stderr and "種類" in run.stderr and "5t" in run.stderr  # what it could not place


def test_a_figure_the_type_has_two_places_for_is_reported_not_guessed():
    from generator.load import load_content
    from generator.model import taxonomies_from

    machines = taxonomies_from(load_content(SAMPLE, []))["machines"]
    # a turret punch's figures in mm whose usual range holds 1250: x_mm and y_mm, so 1250mm could be either
    figures = MACHINES["figures"]
    assert sorted(k for k in MACHINES["terms"]["turret-punch"]["figures"] if figures[k]["unit"] == "mm"
                  and figures[k]["min"] <= 1250 <= figures[k]["max"]) == ["x_mm", "y_mm"]
    rows, guessed, notes = split_equipment("タレパン 1250mm 30t", machines, ";")
    assert rows == [{"type": "turret-punch", "name": "タレパン", "figures": {"tonnage_t": 30}, "spec": "1250mm"}]
    assert any("1250mm" in n for n in notes)


def test_numbers_and_brackets_do_not_split_a_machine():
    from generator.load import load_content
    from generator.model import taxonomies_from

    machines = taxonomies_from(load_content(SAMPLE, []))["machines"]
    rows, _, _ = split_equipment("プレスブレーキ 1,000mm（アマダ、HG）", machines, ";")
    assert len(rows) == 1 and rows[0]["figures"] == {"bed_mm": 1000}
    # a size's × is no count, nor the X of a travel; X500/Y400 is one machine
    rows, _, _ = split_equipment("立形MC テーブル 500×400、門形MC X3000/Y2000 ×1", machines, ";")
    assert [(r["type"], r.get("count")) for r in rows] == [("mc-vertical", None), ("mc-gantry", 1)]


def test_the_area_is_guessed_from_the_town_of_the_address(make_content, tmp_path):
    town = next(iter(AREAS["minato"]["places"]))
    assert [k for k, a in AREAS.items() if town in a.get("places", [])] == ["minato"]  # one area holds the town
    root, run = run_import(make_content, tmp_path,
                           f"株式会社港精機,ミナトセイキ,〒437-0203 静岡県紅葉川市{town}5-3,0548-24-3366,金属製品製造業,"
                           "切削加工,精密部品,\n"
                           "株式会社山田精機,ヤマダセイキ,〒437-0999 静岡県紅葉川市どこか町1-1,0548-24-3367,金属製品製造業,"
                           "切削加工,精密部品,\n")
    minato = yaml.safe_load((root / "companies" / "minato-seiki" / "company.yaml").read_text(encoding="utf-8"))
    assert minato["area"] == "minato"
    assert f"「{AREAS['minato']['ja']}」（minato）" in run.stdout  # reported as a guess
    yamada = yaml.safe_load((root / "companies" / "yamada-seiki" / "company.yaml").read_text(encoding="utf-8"))
    assert "area" not in yamada
    assert "どこか町" in run.stderr and "地区" in run.stderr  # the town no area lists: said, not guessed
