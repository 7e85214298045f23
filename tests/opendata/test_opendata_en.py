"""The English CSV (open-data/companies-en.csv): the open data's columns and rows, headed in English from the schema's
x-title-en, vocabulary values as the vocabularies' English labels and phone numbers for callers abroad (+81)."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.load import load_content
from generator.model import make_guide
from generator.opendata import COLUMNS, write_open_data

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "content"
SCHEMA = json.loads((PROJECT / "generator" / "schema" / "company.schema.json").read_text(encoding="utf-8"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def english_label(terms: dict, word: str) -> str:
    """The English label of a profile's word: a term's key, label or alias."""
    return next(t["en"] for k, t in terms.items() if word in (k, t["ja"], t["en"], *(t.get("aliases") or [])))


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    content = load_content(SAMPLE)
    out = tmp_path_factory.mktemp("open") / "open-data"
    write_open_data(make_guide(content), {s: d.data for s, d in content.companies.items()}, out)
    ja = list(csv.reader(io.StringIO((out / "companies.csv").read_bytes().decode("utf-8-sig"), newline="")))
    raw = (out / "companies-en.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return ja, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_every_column_of_the_open_data_has_an_english_header_once(english):
    ja, en = english
    assert len(en[0]) == len(ja[0]) == len(COLUMNS)
    assert not [h for h in en[0] if JAPANESE.search(h)], en[0]
    assert len(set(en[0])) == len(en[0])
    # a profile field's header is its schema title (and its part's): x-title-en is the one source
    contact = SCHEMA["properties"]["contact"]
    assert en[0][ja[0].index("電話番号")] == f"{contact['x-title-en']}: {contact['properties']['phone']['x-title-en']}"
    assert en[0][ja[0].index("従業員数")] == SCHEMA["properties"]["employees"]["x-title-en"]
    summary = SCHEMA["properties"]["summary"]["x-title-en"]
    assert en[0][ja[0].index("キャッチフレーズ")] == summary + " (Japanese)"
    assert en[0][ja[0].index("キャッチフレーズ_英語")] == summary + " (English)"


def test_rows_give_english_labels_and_international_numbers(english):
    ja, en = english
    assert [r[ja[0].index("ID")] for r in ja[1:]] == [r[en[0].index("ID")] for r in en[1:]]
    terms = {name: yaml.safe_load((SAMPLE / "taxonomies" / f"{name}.yaml").read_text(encoding="utf-8"))["terms"]
             for name in ("technologies", "areas")}
    for row in en[1:]:
        r = dict(zip(en[0], row))
        profile = yaml.safe_load((SAMPLE / "companies" / r["ID"] / "company.yaml").read_text(encoding="utf-8"))
        assert r["Contact: Phone"] == "'+81 " + profile["contact"]["phone"][1:]
        assert r["Area"] == terms["areas"][profile["area"]]["en"]
        assert r["Technologies"] == ";".join(english_label(terms["technologies"], w) for w in profile["technologies"])
        assert r["Factory visits"] == {True: "yes", False: "no", None: ""}[profile.get("factory_visits")]
        assert not JAPANESE.search(r["Machine types and counts"] + r["Access"] + r["Processes you take on"])
