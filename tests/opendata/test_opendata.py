"""Open data: the CSV opens as intended in Excel (BOM, header, one row per company) and reads back into the profiles."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator.load import load_content
from generator.model import make_guide
from generator.opendata import COLUMNS, write_open_data

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "content"
STANDARD = ["全国地方公共団体コード", "法人番号", "名称", "名称_カナ", "名称_英語", "郵便番号", "住所", "電話番号",
            "FAX番号", "URL"]


@pytest.fixture(scope="module")
def open_data(tmp_path_factory):
    content = load_content(SAMPLE)
    guide = make_guide(content)
    out = tmp_path_factory.mktemp("open") / "open-data"
    write_open_data(guide, {s: d.data for s, d in content.companies.items()}, out)
    return guide, out


def test_the_csv_has_a_bom_the_standard_header_and_one_row_per_company(open_data):
    guide, out = open_data
    raw = (out / "companies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert [h for h in header if h in STANDARD] == STANDARD
    assert len(body) == len(guide.companies) == len(list((SAMPLE / "companies").glob("*/company.yaml")))
    by_id = {r[header.index("ID")]: dict(zip(header, r)) for r in body}
    yamada = next(c for c in guide.companies if c.slug == "yamada-seiki")
    row = by_id["yamada-seiki"]
    assert row["名称"] == yamada.name.ja and row["電話番号"] == yamada.contact.phone
    assert row["全国地方公共団体コード"] == guide.site.municipality_code
    assert row["技術"].split(";") == [t.label.ja for t in yamada.technologies]
    assert all(len(r) == len(header) for r in body)


def test_the_json_profiles_follow_the_published_schema(open_data):
    _guide, out = open_data
    data = json.loads((out / "companies.json").read_text(encoding="utf-8"))
    schema = json.loads((out / "company.schema.json").read_text(encoding="utf-8"))
    assert data["license"] == "CC BY 4.0"
    for entry in data["companies"]:
        jsonschema.validate(entry["profile"], schema)
    assert "CC BY 4.0" in (out / "LICENSE.txt").read_text(encoding="utf-8")


def carried(company) -> dict:
    """What the CSV carries of a company, from the typed model (independent of the importer)."""
    return {
        "name": company.name, "kana": company.kana, "corporate_number": company.corporate_number,
        "address": company.address, "contact": (company.contact.phone, company.contact.fax, company.contact.email,
                                                company.contact.website),
        "representative": (company.representative_title, company.representative_name),
        "established": company.established, "capital": company.capital, "employees": company.employees,
        "area": company.area.key, **{n: [t.key for t in company.terms(n)] for n in
                                     ("industries", "technologies", "certifications", "capabilities")},
        # a YAML block scalar's final line break is not part of the text
        "summary": company.summary, "pr": company.pr and (company.pr.ja.strip(), (company.pr.en or "").strip()),
        "products": [p.name for p in company.products], "equipment": [e.name for e in company.equipment],
        "materials": company.materials, "customers": company.customers, "last_confirmed": company.last_confirmed,
        # format v2
        "machines": [(e.type and e.type.key, e.figures, e.maker, e.model, e.count, e.spec) for e in company.equipment],
        "material_terms": [t.key for t in company.material_terms], "capacity": company.capacity,
        "qualifications": [(t.key, n) for t, n in company.qualifications],
        "accepts": [t.key for t in company.accepts], "outsources": [t.key for t in company.outsources],
        "factory_visits": company.factory_visits, "strengths": company.strengths, "limits": company.limits,
        "access": company.access, "location": company.location,
    }


def test_the_csv_round_trips_through_import_to_the_same_profiles(open_data, tmp_path):
    guide, out = open_data
    root = tmp_path / "content"
    shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
    shutil.copy(SAMPLE / "site.yaml", root / "site.yaml")
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "import",
                          str(out / "companies.csv"), "--map", str(out / "import-mapping.yaml")],
                         capture_output=True, text=True, cwd=PROJECT)
    assert run.returncode == 0, run.stderr
    assert f"作成・更新 {len(guide.companies)} 社" in run.stdout
    again = make_guide(load_content(root))
    assert [c.slug for c in again.companies] == [c.slug for c in guide.companies]
    for before, after in zip(guide.companies, again.companies):
        assert carried(after) == carried(before), before.slug


def sample(slug: str) -> dict:
    """A sample profile as the project's loader reads it (dates stay text)."""
    from generator.load.yamlfile import load

    return load(SAMPLE / "companies" / slug / "company.yaml").data


def test_the_v2_columns_hold_the_typed_facts_of_each_profile(open_data):
    guide, out = open_data
    rows = list(csv.reader(io.StringIO((out / "companies.csv").read_text(encoding="utf-8-sig"), newline="")))
    by_id = {r[rows[0].index("ID")]: dict(zip(rows[0], r)) for r in rows[1:]}
    machining_centres = {"mc-vertical", "mc-horizontal", "mc-5axis", "mc-gantry"}
    for slug, row in by_id.items():
        data = sample(slug)  # expectations from the YAML, not from the model the CSV is written from
        equipment = data.get("equipment") or []
        top = lambda v: max(v) if isinstance(v, list) else v  # noqa: E731 (a range [60, 300]: its upper end)
        tonnage = [top(e["figures"]["tonnage_t"]) for e in equipment if e.get("type") == "press" and "tonnage_t" in e.get("figures", {})]
        stroke = [top(e["figures"]["x_mm"]) for e in equipment if e.get("type") in machining_centres and "x_mm" in e.get("figures", {})]
        assert row["プレス最大能力_t"] == (str(max(tonnage)) if tonnage else ""), slug
        assert row["マシニングセンタ最大X軸ストローク_mm"] == (str(max(stroke)) if stroke else ""), slug
        assert row["主要設備_種類"].split(";") == [e.get("type", "") for e in equipment] or not equipment, slug
        assert row["工場見学"] == {True: "可", False: "不可", None: ""}[data.get("factory_visits")], slug
        capacity = data.get("capacity") or {}
        assert row["最大加工寸法_mm"] == str(capacity.get("max_part_mm", "")), slug
        assert row["最小ロット_個"] == str(capacity.get("lot_min", "")), slug
        for key, low, high in (("lead_time_days", "標準納期_日", "標準納期_幅の上限_日"),
                               ("tolerance_mm", "最高精度_mm", "最高精度_幅の上限_mm")):
            value = capacity.get(key)  # one figure: the low column; a range [a, b]: a and b
            assert (row[low], row[high]) == ((str(value[0]), str(value[1])) if isinstance(value, list)
                                             else (str(value) if value is not None else "", "")), (slug, key)
        quals = data.get("qualifications") or []
        assert row["有資格者_人数"] == ";".join(str(q.get("count", "")) for q in quals), slug
        assert row["緯度"] == str((data.get("location") or {}).get("lat", "")), slug
    hoshino = by_id["hoshino-seiko"]  # 19 presses (4 + 3 + 12) of the one type, the largest 300 t
    assert hoshino["プレス最大能力_t"] == "300" and "プレス機 19台" in hoshino["設備の種類と台数"].split(";")
    assert by_id["okochi-seisakusho"]["マシニングセンタ最大X軸ストローク_mm"] == "6200"
    assert by_id["yamada-seiki"]["主要設備_数値"].split(";")[0] == "x_mm=500 y_mm=450 z_mm=400"
    # hoshino-seiko's 12 progressive presses: tonnage_t: [60, 300] (a range: low-high)
    assert "tonnage_t=60-300" in by_id["hoshino-seiko"]["主要設備_数値"].split(";")


def test_the_json_carries_the_typed_profile(open_data):
    _, out = open_data
    data = json.loads((out / "companies.json").read_text(encoding="utf-8"))
    okochi = next(c["profile"] for c in data["companies"] if c["id"] == "okochi-seisakusho")
    assert okochi == {k: v for k, v in sample("okochi-seisakusho").items() if k != "maintainers"}
    assert okochi["equipment"][0]["figures"] == {"x_mm": 6200, "y_mm": 2700, "z_mm": 800}


def test_every_column_maps_to_a_profile_field_or_is_derived():
    from generator.importer import parse_field

    for column in COLUMNS:
        if column.field and column.field != "slug":
            assert parse_field(column.field)
