"""`guidebook report`: stale, English-less and photo-less profiles, as a table and a CSV for reminder letters."""
from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import guidebook, minimal_profile

PROJECT = Path(__file__).resolve().parents[2]


def test_the_report_lists_stale_and_incomplete_profiles(make_content, tmp_path):
    fresh = minimal_profile().replace("株式会社テスト精機", "株式会社新精機").replace("テストセイキ", "シンセイキ") + (
        "last_confirmed: '2026-03-01'\n")
    old = minimal_profile().replace("株式会社テスト精機", "株式会社古精機").replace("テストセイキ", "フルセイキ") + (
        "last_confirmed: '2024-01-15'\n")
    root = make_content({"shin": fresh, "furu": old})
    run = guidebook("--root", str(root), "report", "--today", "2026-04-01", "--csv", str(tmp_path / "letters.csv"),
                    cwd=PROJECT)
    assert run.returncode == 0, run.stderr
    table = run.stdout
    assert "株式会社古精機 (furu)" in table and "2024-01-15 から26か月確認なし" in table
    assert "英語の会社名・キャッチフレーズがありません" in table and "写真がありません" in table
    rows = list(csv.DictReader((tmp_path / "letters.csv").open(encoding="utf-8-sig")))
    assert [r["ID"] for r in rows] == ["furu", "shin"]  # the longest unconfirmed first
    furu = next(r for r in rows if r["ID"] == "furu")
    assert "stale" in furu["確認事項コード"] and furu["郵便番号"] == "437-0012"
    assert furu["修正フォーム"] == "edit/index.html?company=furu"  # the sample site.yaml has no base_url
    shin = next(r for r in rows if r["ID"] == "shin")
    assert "stale" not in shin["確認事項コード"]
    three_years = guidebook("--root", str(root), "report", "--today", "2026-04-01", "--months", "36", cwd=PROJECT)
    assert "26か月確認なし" not in three_years.stdout
