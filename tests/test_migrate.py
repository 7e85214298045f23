"""`guidebook migrate`: v1 profiles become valid v2 profiles with their comments and untouched lines kept, a report
names what could not be placed, and a second run changes nothing."""
from __future__ import annotations

import difflib
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_content
from generator.migrate import migrate_text
from generator.model import taxonomies_from
from generator.validate import validate

PROJECT = Path(__file__).resolve().parent.parent
V1 = "3a5716e"  # the last commit whose samples were all format v1


def v1_samples() -> dict[str, str]:
    """{slug: text} of the 36 sample profiles as they were in format v1."""
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{V1}:content/companies"], cwd=PROJECT,
                           capture_output=True, text=True, check=True).stdout.split()
    return {slug: subprocess.run(["git", "show", f"{V1}:content/companies/{slug}/company.yaml"], cwd=PROJECT,
                                 capture_output=True, text=True, check=True).stdout for slug in names}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """The v1 samples in a content tree, migrated once by the command; (root, v1 texts, report)."""
    import shutil

    root = tmp_path_factory.mktemp("migrate") / "content"
    shutil.copytree(PROJECT / "content" / "taxonomies", root / "taxonomies")
    shutil.copy(PROJECT / "content" / "site.yaml", root / "site.yaml")
    texts = v1_samples()
    for slug, text in texts.items():  # with the photos of today's samples, which migrate does not touch
        shutil.copytree(PROJECT / "content" / "companies" / slug, root / "companies" / slug)
        (root / "companies" / slug / "company.yaml").write_text(text, encoding="utf-8")
    return root, texts


def test_the_v1_samples_become_valid_v2_with_a_report_of_what_was_not_placed(migrated, capsys, monkeypatch):
    root, texts = migrated
    monkeypatch.chdir(root.parent)
    assert len(texts) == 36
    assert main(["--root", "content", "migrate"]) == 0
    report = capsys.readouterr().out
    # the six equipment rows whose names say no machine type (read from the v1 profiles), with file and line
    for slug, line, name in [("fujimaki-food-machinery", 97, "電解研磨装置"), ("fujimaki-food-machinery", 98, "ベルト研磨機"),
                             ("marutaka-kasei", 95, "材料乾燥機"), ("techno-plate", 71, "排水処理設備"),
                             ("wavelink", 61, "電波暗箱"), ("wavelink", 62, "スペクトラムアナライザー")]:
        assert f"content/companies/{slug}/company.yaml:{line}: 設備「{name}」の種類が分かりませんでした" in report
    assert report.index("種類が分かりませんでした") < report.index("could not tell the machine type")  # Japanese first
    assert "置き換えられなかったもの 6 件" in report and "rewrote 29 of 36" in report
    problems = validate(load_content(root))
    assert [p for p in problems if p.is_error] == []
    # what is left in v1 shape is exactly the unplaced rows: warned, with the command that migrates
    left = [p for p in problems if p.rule == "v1-equipment"]
    assert len(left) == 6 and all("guidebook migrate" in p.message for p in left)
    assert not [p for p in problems if p.rule == "v1-material"]  # every v1 material found a term


def test_migrate_keeps_every_comment_and_untouched_line_and_changes_only_equipment_and_materials(migrated):
    root, texts = migrated
    for slug, before in texts.items():
        after = (root / "companies" / slug / "company.yaml").read_text(encoding="utf-8")
        old, new = before.splitlines(), after.splitlines()
        # one line in, one line out (no reflowed text), but a row of two machines (spec "1,600t・2,500t", count 2),
        # which becomes two rows
        two = [a for a in old if re.search(r'count: 2, spec: "[\d,]+t・[\d,]+t"', a)]
        assert len(new) == len(old) + len(two), slug
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag != "equal":
                assert i2 - i1 and all(a.startswith("  - {name:") or a.startswith("materials:") for a in old[i1:i2]), \
                    (slug, old[i1:i2], new[j1:j2])
                assert j2 - j1 == (i2 - i1) + sum(1 for a in old[i1:i2] if a in two), (slug, old[i1:i2], new[j1:j2])
        assert old[0] == new[0] == "# yaml-language-server: $schema=../../../generator/schema/company.schema.json"


def test_the_v1_row_of_two_forging_presses_becomes_the_two_rows_the_sample_has_now(migrated):
    """iwabuchi-tanko's v1 row 「熱間鍛造プレス ×2, 1,600t・2,500t」 was split by hand into one row per press; migrate
    makes the same two rows (after the first test has migrated the samples)."""
    import yaml

    root, _ = migrated

    def presses(path):
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))["equipment"]
        return [(r.get("type"), r.get("maker"), r.get("count", 1), r.get("figures")) for r in rows
                if r.get("name") == "熱間鍛造プレス"]
    now = presses(PROJECT / "content" / "companies" / "iwabuchi-tanko" / "company.yaml")
    assert len(now) == 2 and presses(root / "companies" / "iwabuchi-tanko" / "company.yaml") == now


def test_a_second_run_changes_nothing(migrated, capsys):
    root, _ = migrated
    before = {p: p.read_bytes() for p in root.glob("companies/*/company.yaml")}
    assert main(["--root", str(root), "migrate"]) == 0
    assert "rewrote 0 of 36" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in root.glob("companies/*/company.yaml")} == before


HAND_WRITTEN = """\
# 手書きの v1 プロフィール / a hand-written v1 profile
name:
  ja: 株式会社テスト工業   # 正式名称
  kana: テストコウギョウ
address:
  postal_code: "437-0012"
  prefecture: 静岡県
  city: 紅葉川市
  street: 北部工業団地1-1
area: kita
contact:
  phone: "0548-22-1234"
industries: [metal-products]
technologies: [press, welding]
summary: プレスと溶接の町工場
equipment:
  # プレスは2台 / two presses
  - name: サーボプレス
    maker: コマツ産機
    count: 2
    spec: 200t
  - name: 門型マシニングセンター   # 大物用
    spec: "X3000×Y2000×Z800mm"
  - {name: 謎の装置, count: 1}
  - name: {ja: TIG溶接機, en: TIG welder}
materials:
  - ステンレス（SUS304・SUS316L）  # 主に食品機械向け
  - アルミ5052
  - 秘伝の合金
"""

EXPECTED = """\
# 手書きの v1 プロフィール / a hand-written v1 profile
name:
  ja: 株式会社テスト工業   # 正式名称
  kana: テストコウギョウ
address:
  postal_code: "437-0012"
  prefecture: 静岡県
  city: 紅葉川市
  street: 北部工業団地1-1
area: kita
contact:
  phone: "0548-22-1234"
industries: [metal-products]
technologies: [press, welding]
summary: プレスと溶接の町工場
equipment:
  # プレスは2台 / two presses
  - type: press
    name: サーボプレス
    maker: コマツ産機
    count: 2
    figures: {tonnage_t: 200}
  - type: mc-gantry
    name: 門型マシニングセンター   # 大物用
    figures: {x_mm: 3000, y_mm: 2000, z_mm: 800}
  - {name: 謎の装置, count: 1}
  - type: welder
    name: {ja: TIG溶接機, en: TIG welder}
materials:
  - sus304  # 主に食品機械向け
  - sus316
  - a5052
  - 秘伝の合金
"""


def test_a_hand_written_v1_profile_with_comments(make_content):
    root = make_content({"test-kogyo": HAND_WRITTEN})
    taxonomies = taxonomies_from(load_content(root, []))
    result = migrate_text(HAND_WRITTEN, taxonomies, "test-kogyo/company.yaml")
    # the comment of a replaced material stays on the line of its first term (ruamel may pad it to its old column)
    lines = result.text.splitlines()
    assert re.fullmatch(r"  - sus304 +# 主に食品機械向け", lines[EXPECTED.splitlines().index("  - sus304  # 主に食品機械向け")])
    assert [line if not line.startswith("  - sus304") else "" for line in lines] == \
        [line if not line.startswith("  - sus304") else "" for line in EXPECTED.splitlines()]
    assert [n.format().split("。")[0] for n in result.notes] == [
        "test-kogyo/company.yaml:24: 設備「謎の装置」の種類が分かりませんでした",
        "test-kogyo/company.yaml:29: 材料「秘伝の合金」に当てはまる用語が見つかりませんでした"]
    (root / "companies" / "test-kogyo" / "company.yaml").write_text(result.text, encoding="utf-8")
    problems = validate(load_content(root))
    assert [p for p in problems if p.is_error] == []
    assert sorted((p.rule, p.line) for p in problems) == [("v1-equipment", 26), ("v1-material", 33)]
    again = migrate_text(result.text, taxonomies)
    assert (again.changed, again.text) == (False, result.text)


def test_a_file_yaml_cannot_read_is_named_and_left_alone(make_content, capsys):
    root = make_content({"broken": "name: [unclosed\n"})
    path = root / "companies" / "broken" / "company.yaml"
    assert main(["--root", str(root), "migrate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "broken/company.yaml:2: YAML として読めないため変更していません" in out
    assert path.read_text(encoding="utf-8") == "name: [unclosed\n"


def test_dry_run_writes_nothing(make_content, capsys):
    root = make_content({"test-kogyo": HAND_WRITTEN})
    assert main(["--root", str(root), "migrate", "--dry-run", str(root / "companies" / "test-kogyo")]) == 0
    assert "would rewrite 1 of 1" in capsys.readouterr().out
    assert (root / "companies" / "test-kogyo" / "company.yaml").read_text(encoding="utf-8") == textwrap.dedent(HAND_WRITTEN)


TWO_MACHINES = """\
name: テスト
equipment:
  # プレス / presses
  - name: プレス機   # 主力
    maker: アマダ
    count: 2
    spec: 100t/350t
  - {type: press, name: サーボプレス, figures: {tonnage_t: 200t・300t}}
  - {type: press, name: 古いプレス, count: 3, figures: {tonnage_t: 60t/80t}}
  - {name: 順送プレス, count: 12, spec: "60-300t"}
materials: [sus304]
"""

SPLIT = """\
name: テスト
equipment:
  # プレス / presses
  - type: press
    name: プレス機   # 主力
    maker: アマダ
    figures: {tonnage_t: 100}
  - type: press
    name: プレス機
    maker: アマダ
    figures: {tonnage_t: 350}
  - {type: press, name: サーボプレス, figures: {tonnage_t: 200}}
  - {type: press, name: サーボプレス, figures: {tonnage_t: 300}}
  - {type: press, name: 古いプレス, count: 3, figures: {tonnage_t: 60t/80t}}
  - {type: press, name: 順送プレス, count: 12, figures: {tonnage_t: [60, 300]}}
materials: [sus304]
"""


def test_two_machines_in_one_row_become_two_rows_where_certain(make_content):
    """100t/350t is two presses: one row per machine (issue 22); three machines with two figures cannot be split
    without knowing which is which, and are named in the report; 60-300t of 12 presses is a range of one row."""
    root = make_content()
    taxonomies = taxonomies_from(load_content(root, []))
    result = migrate_text(TWO_MACHINES, taxonomies, "t/company.yaml")
    assert result.text == SPLIT
    assert [n.format().split("。")[0] for n in result.notes] == [
        "t/company.yaml:9: 設備の1行に2つの数値（60・80）があり、台数が 3 台のため分けられませんでした"]
    assert migrate_text(result.text, taxonomies).changed is False
