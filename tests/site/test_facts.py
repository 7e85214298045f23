"""How the facts of format v2 read on a page: figures with their units, the capacity line, access lines and the map
link. Rows, vocabularies and companies are written inline."""
from __future__ import annotations

from types import SimpleNamespace as NS

from generator.model.taxonomy import Figure, Taxonomy, Term
from generator.model.text import Text
from generator.site.facts import (access_text, capacity_lines, capacity_short, equipment_by_type, figures_short,
                                  figures_text, map_url, number)

GUIDE = NS(taxonomies={"machines": Taxonomy(
    "machines",
    {"press": Term("machines", "press", Text("プレス機", "Press"), "forming", figures=("tonnage_t",)),
     "mc-5axis": Term("machines", "mc-5axis", Text("5軸マシニングセンタ", "5-axis machining center"), "machining",
                      figures=("x_mm", "y_mm", "z_mm", "axes")),
     "nc-lathe": Term("machines", "nc-lathe", Text("NC旋盤", "CNC lathe"), "machining"),
     "cmm": Term("machines", "cmm", Text("三次元測定機", "CMM"), "measuring")},
    figures={"x_mm": Figure("x_mm", Text("X軸ストローク", "X travel"), Text("mm"), 20, 30000),
             "y_mm": Figure("y_mm", Text("Y軸ストローク", "Y travel"), Text("mm"), 20, 10000),
             "z_mm": Figure("z_mm", Text("Z軸ストローク", "Z travel"), Text("mm"), 10, 5000),
             "axes": Figure("axes", Text("制御軸数", "Controlled axes"), Text("軸", "axes"), 2, 13),
             "tonnage_t": Figure("tonnage_t", Text("加圧能力", "Press force"), Text("t"), 1, 5000)})})
MACHINES = GUIDE.taxonomies["machines"].terms


def row(type_, figures, count=1, name=None):
    return NS(type=MACHINES[type_] if type_ else None, figures=figures, count=count,
              name=Text(name) if name else (MACHINES[type_].label if type_ else None))


def test_numbers_are_written_for_people():
    assert [number(v) for v in (1050, 0.005, 2.5, 1200.0, 10000)] == ["1,050", "0.005", "2.5", "1,200", "10,000"]


def test_a_rows_figures_with_their_units_in_both_languages():
    five = row("mc-5axis", {"x_mm": 735, "y_mm": 650, "z_mm": 560, "axes": 5})
    assert figures_text(five, GUIDE, "ja") == "X735 × Y650 × Z560 mm、5軸"
    assert figures_text(five, GUIDE, "en") == "X735 × Y650 × Z560 mm, 5 axes"
    assert figures_text(row("press", {"tonnage_t": 200}), GUIDE, "ja") == "加圧能力 200 t"
    assert figures_short(row("press", {"tonnage_t": 200}), "en") == "200 t"
    assert figures_short(NS(figures={"diameter_mm": 410, "length_mm": 500}), "ja") == "φ410×L500"


def test_equipment_grouped_by_type_in_vocabulary_order_untyped_last():
    c = NS(equipment=[row("press", {"tonnage_t": 200}, count=3), row(None, {}, name="自社製治具"),
                      row("mc-5axis", {}, count=2, name="同時5軸マシニングセンタ"), row("press", {}, count=None)])
    groups = equipment_by_type(c, GUIDE)
    assert [(g.term.key if g.term else None, g.units, g.named) for g in groups] == [
        ("press", 4, False), ("mc-5axis", 2, True), (None, 1, True)]


def test_equipment_most_important_kind_first_measuring_after_the_machines_that_make_the_work():
    """A machining shop lists its machining centres and lathes (7 units of that kind) before its 2 presses although
    the vocabulary names presses first; within the kind the type with most units first; 10 measuring machines come
    after the machines that make the work (outsider buyer: a press shop's wire EDMs were shown before its presses)."""
    c = NS(equipment=[row("cmm", {}, count=10), row("press", {"tonnage_t": 80}, count=2),
                      row("mc-5axis", {}, count=3), row("nc-lathe", {}, count=4), row(None, {}, name="治具")])
    assert [(g.term.key if g.term else None, g.units) for g in equipment_by_type(c, GUIDE)] == [
        ("nc-lathe", 4), ("mc-5axis", 3), ("press", 2), ("cmm", 10), (None, 1)]


def test_the_capacity_line_says_only_what_the_profile_says():
    c = NS(capacity={"max_part_mm": 1500, "tolerance_mm": 0.005, "lot_min": 1, "lot_max": 10000,
                     "lead_time_days": 14, "sales_jpy": 1_200_000_000})
    assert capacity_lines(c, "ja") == [("最大加工寸法", "1,500 mm"), ("公差", "±0.005 mm"), ("ロット", "1〜10,000個"),
                                       ("通常納期", "14日"), ("売上高", "12億円")]
    assert dict(capacity_lines(c, "en"))["Annual sales"] == "¥1.2 billion"
    assert capacity_short(c, "ja") == ["最大1,500 mm", "±0.005 mm", "ロット1〜10,000個", "納期14日"]
    assert capacity_lines(NS(capacity=None), "ja") == []


def test_a_range_reads_as_a_range_in_both_languages():
    c = NS(capacity={"tolerance_mm": [0.005, 0.02], "lead_time_days": [5, 20]})
    assert capacity_lines(c, "ja") == [("公差", "±0.005〜0.02 mm"), ("通常納期", "5〜20日")]
    assert capacity_lines(c, "en") == [("Tolerance", "±0.005–0.02 mm"), ("Usual lead time", "5–20 days")]
    assert capacity_short(c, "ja") == ["±0.005〜0.02 mm", "納期5〜20日"]
    assert capacity_short(c, "en") == ["±0.005–0.02 mm", "5–20 days lead time"]
    # 12 presses of 60 to 300 t: the range says it (not 最大 300 t)
    assert figures_text(row("press", {"tonnage_t": [60, 300]}, count=12), GUIDE, "ja") == "加圧能力 60〜300 t"
    assert figures_text(row("press", {"tonnage_t": [60, 300]}, count=12), GUIDE, "en") == "Press force 60–300 t"
    assert figures_short(row("press", {"tonnage_t": [60, 300]}, count=12), "ja") == "60〜300 t"


def test_access_lines_and_a_plain_map_link():
    station = NS(place=Text("紅葉川駅", "Momijigawa Station"), kind="station", by="walk", minutes=8)
    ic = NS(place=Text("紅葉川IC", "Momijigawa IC"), kind="ic", by="car", minutes=5)
    assert access_text(station, "ja") == "紅葉川駅から徒歩8分" and access_text(ic, "ja") == "紅葉川ICから車で5分"
    assert access_text(station, "en") == "8 min walk from Momijigawa Station"
    address = NS(prefecture="静岡県", city="紅葉川市", street="港町5-3")
    assert map_url(NS(location=NS(lat=34.712, lng=137.731), address=address)) == \
        "https://www.google.com/maps/search/?api=1&query=34.712,137.731"
    assert map_url(NS(location=None, address=address)).endswith(
        "query=%E9%9D%99%E5%B2%A1%E7%9C%8C%E7%B4%85%E8%91%89%E5%B7%9D%E5%B8%82%E6%B8%AF%E7%94%BA5-3")


def test_a_row_of_several_machines_gives_its_figures_as_the_largest():
    """12 presses of 60–300 t are one row with tonnage_t 300: the page says 最大 / up to, not that all 12 are 300 t
    (outsider buyer, issue 22); a single machine's figure, or machines of one model, are their own."""
    assert figures_text(row("press", {"tonnage_t": 300}, count=12), GUIDE, "ja") == "加圧能力 最大 300 t"
    assert figures_text(row("press", {"tonnage_t": 300}, count=12), GUIDE, "en") == "Press force up to 300 t"
    assert figures_text(row("mc-5axis", {"x_mm": 500, "y_mm": 450, "z_mm": 400}, count=2), GUIDE, "ja") == \
        "最大 X500 × Y450 × Z400 mm"
    assert figures_text(row("press", {"tonnage_t": 300}, count=1), GUIDE, "en") == "Press force 300 t"
    alike = row("press", {"tonnage_t": 200}, count=3)
    alike.model = "H1F200"  # machines of one model are alike: their figure is each one's
    assert figures_text(alike, GUIDE, "ja") == "加圧能力 200 t"


def test_the_sample_pages_say_which_figures_are_the_largest_of_a_row(sample_build):
    import re

    import lxml.html
    import yaml

    from conftest import SAMPLE

    MACHINES_YAML = yaml.safe_load((SAMPLE / "taxonomies" / "machines.yaml").read_text(encoding="utf-8"))

    several = single = said = 0
    for path in sorted((SAMPLE / "companies").glob("*/company.yaml")):
        rows = yaml.safe_load(path.read_text(encoding="utf-8")).get("equipment") or []
        cells = [td.text_content() for td in lxml.html.parse(
            str(sample_build / "site" / "companies" / path.parent.name / "index.html")).getroot().xpath(
            '//table[contains(@class, "equipment")]//td[contains(@class, "figures")]')]
        with_figures = [r for r in rows if r.get("figures")]
        several += sum(1 for r in with_figures if (r.get("count") or 1) > 1)
        single += sum(1 for r in with_figures if (r.get("count") or 1) == 1)
        # one cell says 最大 / up to before a figure for each row of several machines with figures, no other does
        # (a figure named 最大… says it already; the number of axes is no size)
        largest = [c for c in cells if re.search(r"最大 [X\d]", c)]
        said += len(largest)
        # (nor does a range: 60〜300 t says what the machines range over)
        assert len(largest) == sum(1 for r in with_figures if (r.get("count") or 1) > 1 and not r.get("model") and not all(
            "最大" in MACHINES_YAML["figures"][k]["ja"] or k == "axes" or isinstance(v, list) for k, v in r["figures"].items())), path
    assert several and single and said  # the sample has rows of each kind
