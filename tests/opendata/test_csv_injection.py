"""companies.csv cannot carry a live spreadsheet formula (OWASP CSV injection); companies.json stays exact."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import Workbook

from conftest import minimal_profile
from generator.build import make_guide
from generator.load import load_content
from generator.opendata import write_open_data
from generator.validate import errors_in, validate

HYPERLINK = '=HYPERLINK("https://evil.example/","詳細")'
# Each text starts with a character OWASP lists (or spaces before one); a clerk may write any of them.
PROFILE = minimal_profile().replace("summary: 精密な切削加工で試作から量産まで対応", f"summary: '{HYPERLINK}'") + """\
materials: ['@SUM(1+1)*cmd|" /C calc"!A0', アルミニウム合金]
customers: ['-2+3', '+81 の取引先', ' =1+2', "\\t=1+3"]
products:
  - name: "　=ideographic-space"
pr: ＝HYPERLINK("https://evil.example/","詳細")
"""


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The open data of a content tree whose one profile starts texts with formula characters."""
    import shutil
    from pathlib import Path

    root = tmp_path_factory.mktemp("csv") / "content"
    sample = Path(__file__).resolve().parent.parent.parent / "content"
    for part in ("taxonomies", "pages"):
        shutil.copytree(sample / part, root / part)
    shutil.copy(sample / "site.yaml", root / "site.yaml")
    (root / "companies" / "evil-co").mkdir(parents=True)
    (root / "companies" / "evil-co" / "company.yaml").write_text(PROFILE, encoding="utf-8")
    content = load_content(root)
    assert not errors_in(validate(content)), "the hostile texts are valid profile content"
    out = tmp_path_factory.mktemp("open") / "open-data"
    write_open_data(make_guide(content), {s: d.data for s, d in content.companies.items()}, out)
    return root, out


def csv_rows(out) -> tuple[list[str], dict[str, str]]:
    rows = list(csv.reader(io.StringIO((out / "companies.csv").read_bytes().decode("utf-8-sig"), newline="")))
    return rows[0], dict(zip(rows[0], rows[1]))


def test_the_escaped_bytes_follow_owasp(written):
    _, out = written
    raw = (out / "companies.csv").read_bytes().decode("utf-8-sig")
    # wrapped in double quotes, a single quote before the '=', every double quote doubled (OWASP's own examples)
    assert '"\'=HYPERLINK(""https://evil.example/"",""詳細"")"' in raw
    assert "\n=" not in raw and ",=" not in raw and '"=' not in raw


def test_each_formula_cell_reads_back_as_text_with_a_quote(written):
    _, out = written
    header, row = csv_rows(out)
    assert row["キャッチフレーズ"] == "'" + HYPERLINK
    # アルミニウム合金 is an alias of the materials term アルミ: the CSV names the term
    assert row["対応材料"] == "'" + '@SUM(1+1)*cmd|" /C calc"!A0;アルミ'
    assert row["主要取引先"] == "'" + "-2+3;+81 の取引先; =1+2;\t=1+3"
    assert row["主な製品"] == "'" + "\u3000=ideographic-space"
    assert row["PR文"] == "'" + '＝HYPERLINK("https://evil.example/","詳細")', "full-width, as an IME types it"
    assert row["名称"] == "株式会社テスト精機", "an ordinary cell is left as it is"
    assert row["電話番号"] == "0548-22-1234", "phone numbers start with a digit: no quote"


def test_no_cell_would_be_a_formula_in_a_spreadsheet(written):
    _, out = written
    header, row = csv_rows(out)
    sheet = Workbook().active
    for index, (name, value) in enumerate(row.items(), 1):
        cell = sheet.cell(row=1, column=index, value=value)  # as a spreadsheet takes a typed or imported value
        assert cell.data_type != "f", name
        assert not value.lstrip(" \u00a0\u3000").startswith(("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－",
                                                                "＠")), name


def test_the_json_keeps_the_texts_exactly(written):
    _, out = written
    profile = json.loads((out / "companies.json").read_text(encoding="utf-8"))["companies"][0]["profile"]
    assert profile["summary"] == HYPERLINK
    assert profile["customers"] == ["-2+3", "+81 の取引先", " =1+2", "\t=1+3"]
    assert profile["materials"][0] == '@SUM(1+1)*cmd|" /C calc"!A0'


def test_importing_the_csv_gives_back_the_texts_without_the_quote(written, tmp_path):
    import shutil

    from generator.cli import main
    from generator.load.yamlfile import load

    root, out = written
    again = tmp_path / "content"
    shutil.copytree(root / "taxonomies", again / "taxonomies")
    shutil.copy(root / "site.yaml", again / "site.yaml")
    assert main(["--root", str(again), "import", str(out / "companies.csv"), "--map",
                 str(out / "import-mapping.yaml")]) == 0
    data = load(again / "companies" / "evil-co" / "company.yaml").data
    assert data["summary"] == HYPERLINK
    assert data["customers"] == ["-2+3", "+81 の取引先", "=1+2", "=1+3"]  # the importer strips each item's spaces
    assert data["products"][0]["name"] == "=ideographic-space"
