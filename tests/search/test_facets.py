"""The search filters made from a profile's facts: machine types, ranges as thresholds, materials by group and grade,
qualified staff, processes taken on, factory visits. Small vocabularies and companies written inline."""
from __future__ import annotations

from types import SimpleNamespace as NS

from generator.model.taxonomy import Taxonomy, Term
from generator.model.text import Text
from generator.search.facets import company_facts, facet_groups, panels


def term(taxonomy, key, ja, group=None, figures=()):
    return Term(taxonomy, key, Text(ja, key), group, figures=tuple(figures))


def vocabularies():
    press = term("machines", "press", "プレス機", "forming", ["tonnage_t"])
    mc = term("machines", "mc-vertical", "立形マシニングセンタ", "machining", ["x_mm", "y_mm"])
    machines = Taxonomy("machines", {"press": press, "mc-vertical": mc},
                        {"forming": Text("プレス・板金", "Presses"), "machining": Text("切削・研削", "Machining")})
    machines.figures = {"tonnage_t": NS(label=Text("加圧能力", "Press force"), unit=Text("t"), facets=(100, 200, 500)),
                        "x_mm": NS(label=Text("X軸ストローク", "X travel"), unit=Text("mm"), facets=(500, 1000, 2000)),
                        "y_mm": NS(label=Text("Y軸ストローク", "Y travel"), unit=Text("mm"), facets=())}
    materials = Taxonomy("materials", {k: term("materials", k, ja, g) for k, ja, g in [
        ("stainless", "ステンレス（一般）", "stainless"), ("sus304", "SUS304", "stainless"),
        ("sus316", "SUS316", "stainless"), ("a5052", "A5052", "aluminium")]},
        {"stainless": Text("ステンレス"), "aluminium": Text("アルミ")})
    quals = Taxonomy("qualifications", {"welding-jis": term("qualifications", "welding-jis", "溶接技能者（JIS）")})
    tech = Taxonomy("technologies", {"heat-treatment": term("technologies", "heat-treatment", "熱処理"),
                                     "welding": term("technologies", "welding", "溶接")})
    return {"machines": machines, "materials": materials, "qualifications": quals, "technologies": tech}


def company(tax, equipment=(), materials=(), quals=(), accepts=(), visits=None, capacity=None):
    m = tax["machines"].terms
    return NS(equipment=[NS(type=m[k] if k else None, figures=f, count=1, name=None) for k, f in equipment],
              materials=[tax["materials"].terms[k] if k in tax["materials"].terms else Text(k) for k in materials],
              qualifications=[(tax["qualifications"].terms[k], n) for k, n in quals],
              accepts=[tax["technologies"].terms[k] for k in accepts], factory_visits=visits, capacity=capacity)


def test_a_250_t_press_reaches_100_and_200_but_not_500():
    tax = vocabularies()
    facts = company_facts(company(tax, [("press", {"tonnage_t": 250}), ("press", {"tonnage_t": 80})]), NS(taxonomies=tax))
    assert facts["machines"] == ["press"]
    assert facts["m-forming-tonnage_t"] == ["100", "200"]


def test_a_figure_without_thresholds_is_no_filter_and_a_row_without_a_type_is_none():
    tax = vocabularies()
    facts = company_facts(company(tax, [("mc-vertical", {"x_mm": 1050, "y_mm": 600}), (None, {"x_mm": 5000})]),
                          NS(taxonomies=tax))
    assert facts == {"machines": ["mc-vertical"], "m-machining-x_mm": ["500", "1000"]}


def test_materials_filter_by_group_and_grade_and_free_text_by_neither():
    tax = vocabularies()
    facts = company_facts(company(tax, materials=["sus316", "stainless", "鋳物"]), NS(taxonomies=tax))
    assert facts == {"material_groups": ["stainless"], "materials": ["sus316", "stainless"]}


def test_qualified_staff_processes_taken_on_and_visits():
    tax = vocabularies()
    facts = company_facts(company(tax, quals=[("welding-jis", 3)], accepts=["heat-treatment"], visits=True),
                          NS(taxonomies=tax))
    assert facts == {"qualifications": ["welding-jis"], "accepts": ["heat-treatment"], "visits": ["yes"]}
    assert company_facts(company(tax, quals=[("welding-jis", 0)], visits=False), NS(taxonomies=tax)) == {}


def test_a_lot_range_covers_the_thresholds_inside_it():
    tax = vocabularies()
    g = NS(taxonomies=tax)
    assert company_facts(company(tax, capacity={"lot_min": 1, "lot_max": 5000}), g)["c-lot"] == ["1", "100"]
    assert company_facts(company(tax, capacity={"lot_min": 50}), g)["c-lot"] == ["100", "10000"]
    assert company_facts(company(tax, capacity={"max_part_mm": 1200}), g) == {"c-max_part_mm": ["500", "1000"]}


def test_the_heaviest_part_is_a_range_of_its_own_with_its_figure():
    """鋳物 1t (outsider buyer, session 16): capacity.max_weight_kg gives the steps it reaches, and its own figure for
    the line that says which companies meet a weight typed (site/facts.py range_figures)."""
    from generator.search.facets import typed_data
    from generator.site.facts import range_figures

    tax = vocabularies()
    g = NS(taxonomies=tax, companies=[])
    foundry = company(tax, capacity={"max_weight_kg": 3000})
    assert company_facts(foundry, g) == {"c-max_weight_kg": ["100", "500", "1000"]}
    assert range_figures(foundry, g) == ["c-max_weight_kg||3000|"]
    weight = typed_data(g)["ranges"]["c-max_weight_kg"]
    assert weight["unit"] == ["kg"] and weight["kind"] == "weight" and weight["thresholds"] == [100, 500, 1000, 5000]
    assert "重量" in weight["words"] and "weight" in weight["words"]


def test_groups_count_companies_and_ranges_choose_one():
    tax = vocabularies()
    companies = [company(tax, [("press", {"tonnage_t": 600})], materials=["sus304"]),
                 company(tax, [("press", {"tonnage_t": 150})], materials=["stainless"], visits=True),
                 company(tax, [("mc-vertical", {"x_mm": 800})], materials=["a5052"])]
    groups = {g.name: g for g in facet_groups(NS(taxonomies=tax, companies=companies))}
    press = groups["m-forming-tonnage_t"]
    assert press.range and press.title.ja == "プレス・板金の加圧能力"
    assert [(v.key, v.label.ja, n) for v, n in press.used] == [("100", "100 t 以上", 2), ("200", "200 t 以上", 1),
                                                                ("500", "500 t 以上", 1)]
    assert [(v.key, n) for v, n in groups["machines"].used] == [("press", 2), ("mc-vertical", 1)]
    assert [(v.key, n) for v, n in groups["material_groups"].used] == [("stainless", 2), ("aluminium", 1)]
    # the general term ステンレス（一般） is the group's filter, not a grade of its own
    assert [(v.key, n) for v, n in groups["materials"].used] == [("sus304", 1), ("a5052", 1)]
    assert [(v.key, n) for v, n in groups["visits"].used] == [("yes", 1)]
    assert "qualifications" not in groups and "accepts" not in groups  # nobody has any


def test_a_figures_thresholds_are_about_the_machine_types_the_vocabulary_names():
    tax = vocabularies()
    brake = term("machines", "press-brake", "ベンディングマシン", "forming", ["tonnage_t"])
    tax["machines"].terms["press-brake"] = brake
    tax["machines"].figures["tonnage_t"].facet_types = ("press",)  # a press of 200 t: presses, not press brakes
    tax["machines"].figures["x_mm"].facet_types = ("mc-vertical",)
    g = NS(taxonomies=tax)
    brake_shop = company(tax, [("press-brake", {"tonnage_t": 220})])
    press_shop = company(tax, [("press", {"tonnage_t": 220})])
    assert company_facts(brake_shop, g) == {"machines": ["press-brake"]}
    assert company_facts(press_shop, g) == {"machines": ["press"], "m-tonnage_t": ["100", "200"]}
    groups = {x.name: x for x in facet_groups(NS(taxonomies=tax, companies=[brake_shop, press_shop]))}
    assert groups["m-tonnage_t"].title == Text("プレス機の加圧能力", "press: press force")
    assert [(v.key, n) for v, n in groups["m-tonnage_t"].used] == [("100", 1), ("200", 1)]


def test_the_search_page_folds_the_ranges_and_materials_into_panels():
    tax = vocabularies()
    companies = [company(tax, [("press", {"tonnage_t": 600}), ("mc-vertical", {"x_mm": 800})], materials=["sus304"],
                         capacity={"max_part_mm": 900, "lot_min": 1})]
    shown = panels(facet_groups(NS(taxonomies=tax, companies=companies)))
    assert [p.name for p in shown] == ["machines", "machine-capacity", "capacity", "material"]
    assert [g.name for g in shown[1].parts] == ["m-forming-tonnage_t", "m-machining-x_mm"] and shown[1].range
    assert [g.name for g in shown[2].parts] == ["c-max_part_mm", "c-lot"]
    assert [g.name for g in shown[3].parts] == ["material_groups", "materials"] and not shown[3].range
