"""`guidebook import`: Excel and Shift_JIS CSV lists become profiles; what does not fit is reported, not guessed."""
from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from openpyxl import Workbook

from tests.conftest import guidebook

PROJECT = Path(__file__).resolve().parents[2]

MAPPING = """\
slug: フォルダ名
columns:
  会社名: name.ja
  フリガナ: name.kana
  郵便番号: address.postal_code
  都道府県: address.prefecture
  市町村: address.city
  番地: address.street
  地区: area
  電話: contact.phone
  業種: industries
  技術: technologies
  キャッチフレーズ: summary
  従業員数: employees
  備考: ignore
defaults:
  maintainers: [city-staff]
"""
HEADER = ["フォルダ名", "会社名", "フリガナ", "郵便番号", "都道府県", "市町村", "番地", "地区", "電話", "業種", "技術",
          "キャッチフレーズ", "従業員数", "備考", "FAX"]


def row(slug="kita-seiki", name="株式会社北精機", phone="0548-22-1234", tech="切削加工、研削・研磨", employees="35"):
    return [slug, name, "キタセイキ", "4370012", "静岡県", "紅葉川市", "北部工業団地1-1", "北部工業団地", phone,
            "生産用機械器具製造業", tech, "試作から量産まで", employees, "メモ", "0548-22-9999"]


def run_import(root: Path, source: Path, mapping: Path) -> subprocess.CompletedProcess:
    """`guidebook import` (in this process: conftest.guidebook)."""
    return guidebook("--root", str(root), "import", str(source), "--map", str(mapping), cwd=PROJECT)


def test_an_excel_list_becomes_valid_profiles(make_content, tmp_path):
    root = make_content({})
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(row())
    sheet.append(row("minami-kogyo", "南工業株式会社", phone=548221234, tech="切削加工、ろくろ", employees="多数"))
    book.save(tmp_path / "list.xlsx")
    (tmp_path / "map.yaml").write_text(MAPPING, encoding="utf-8")
    run = run_import(root, tmp_path / "list.xlsx", tmp_path / "map.yaml")
    data = yaml.safe_load((root / "companies" / "kita-seiki" / "company.yaml").read_text(encoding="utf-8"))
    assert data["address"]["postal_code"] == "437-0012"
    assert data["technologies"] == ["cutting", "grinding"]
    assert data["employees"] == 35 and data["maintainers"] == ["city-staff"]
    assert "備考" not in str(data)
    # each cell that did not fit is named with its row; nothing is guessed
    assert "3行目 / row 3: 電話: 数値として保存されているため先頭の0が消えている" in run.stderr
    assert "3行目 / row 3: 技術: 「ろくろ」は用語集 technologies にありません" in run.stderr
    assert "3行目 / row 3: 従業員数: 「多数」は数値ではありません" in run.stderr
    assert "列「FAX」は対応付けがないため読み込みませんでした" in run.stderr
    minami = yaml.safe_load((root / "companies" / "minami-kogyo" / "company.yaml").read_text(encoding="utf-8"))
    assert "phone" not in minami.get("contact", {}) and "employees" not in minami
    assert run.returncode == 1  # something needs the staff's attention


def test_a_shift_jis_csv_is_read_and_a_reimport_keeps_edited_profiles(make_content, tmp_path):
    root = make_content({})
    (tmp_path / "map.yaml").write_text(MAPPING.replace("  備考: ignore\n", "  備考: ignore\n  FAX: contact.fax\n"),
                                       encoding="utf-8")
    lines = [",".join(HEADER), ",".join(row()), ",".join(row("higashi", "東電機株式会社"))]
    (tmp_path / "list.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    first = run_import(root, tmp_path / "list.csv", tmp_path / "map.yaml")
    assert first.returncode == 0, first.stderr
    assert "取り込み（Shift_JIS）: 作成・更新 2 社" in first.stdout
    kita = root / "companies" / "kita-seiki" / "company.yaml"
    kita.write_text(kita.read_text(encoding="utf-8").replace("試作から量産まで", "試作専門"), encoding="utf-8")
    lines[2] = lines[2].replace("試作から量産まで", "電機の試作")
    lines[1] = lines[1].replace("試作から量産まで", "変更された")
    (tmp_path / "list.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    second = run_import(root, tmp_path / "list.csv", tmp_path / "map.yaml")
    assert "kita-seiki: 取り込み後に編集されているため上書きしませんでした" in second.stderr
    assert "試作専門" in kita.read_text(encoding="utf-8")  # the clerk's edit survives
    assert "電機の試作" in (root / "companies" / "higashi" / "company.yaml").read_text(encoding="utf-8")
    third = run_import(root, tmp_path / "list.csv", tmp_path / "map.yaml")
    assert "変更なし 1 社" in third.stdout


def test_a_mapping_naming_no_real_field_is_a_usage_error(make_content, tmp_path):
    root = make_content({})
    (tmp_path / "map.yaml").write_text("columns:\n  会社名: name.japanese\n", encoding="utf-8")
    (tmp_path / "list.csv").write_text("会社名\n北\n", encoding="utf-8")
    run = run_import(root, tmp_path / "list.csv", tmp_path / "map.yaml")
    assert run.returncode == 2 and "name.japanese" in run.stderr and "Traceback" not in run.stderr


def test_a_city_csv_as_clerks_keep_it_is_cleaned_as_the_validator_asks(make_content, tmp_path):
    # the tester's cells: half-width フリガナ, 和暦 設立, a full-width space after 株式会社, the title in the name cell
    root = make_content({})
    mapping = MAPPING.replace("  備考: ignore\n", "  備考: ignore\n  FAX: contact.fax\n  代表者: representative.name\n  設立: established\n")
    (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
    cells = row("yamada-kogyo", "株式会社　ヤマダ工業")
    cells[2] = "ﾔﾏﾀﾞｺｳｷﾞｮｳ"
    lines = [",".join(HEADER + ["代表者", "設立"]), ",".join(cells + ["代表取締役　丸山一郎", "昭和55年4月"])]
    (tmp_path / "list.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932", errors="strict"))
    done = run_import(root, tmp_path / "list.csv", tmp_path / "map.yaml")
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((root / "companies" / "yamada-kogyo" / "company.yaml").read_text(encoding="utf-8"))
    assert data["name"]["kana"] == "ヤマダコウギョウ"
    assert data["name"]["ja"] == "株式会社ヤマダ工業"
    assert data["representative"] == {"title": "代表取締役", "name": "丸山一郎"}
    assert data["established"] == "1980-04"
    assert "昭和55年4月" in done.stdout + done.stderr  # the guess is reported, not silent
