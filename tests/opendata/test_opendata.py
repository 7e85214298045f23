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


def test_every_column_maps_to_a_profile_field_or_is_derived():
    from generator.importer import parse_field

    for column in COLUMNS:
        if column.field and column.field != "slug":
            assert parse_field(column.field)
