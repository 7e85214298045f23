"""One company, one profile: look-alike folder names, the same 法人番号, the same name, in every mode of validate."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.validate.identity import facts_from_text, name_key, skeleton
from tests.conftest import guidebook, minimal_profile

NUMBER = "4080501000917"
YAMADA = minimal_profile().replace("テスト精機", "山田精機") + f'corporate_number: "{NUMBER}"\n'


@pytest.mark.parametrize("twin", ["yamada-seik1", "yamada-seikl", "yamada--seiki", "yarnada-seiki", "yamada-se1ki",
                                  "yamada-selki", "yamada-5eiki", "yarnada--se1k1", "yamadaseiki",
                                  "yama-da-seiki"])
def test_look_alikes_of_a_slug_share_its_skeleton(twin):
    assert skeleton(twin) == skeleton("yamada-seiki")


@pytest.mark.parametrize("other", ["yamada-seika", "yamato-seiki", "yamada-seiki-2"])
def test_clearly_different_slugs_do_not(other):
    assert skeleton(other) != skeleton("yamada-seiki")


@pytest.mark.parametrize("twin", ["株式会社アークレ一ザ一", "株式会社アークレ―ザ―", "アークレーザー株式会社"])
def test_names_that_differ_by_look_alike_characters_are_one_name(twin):
    assert name_key(twin) == name_key("株式会社アークレーザー")


@pytest.mark.parametrize("other", ["株式会社アークレーザ", "株式会社一条工業", "株式会社アーク"])
def test_names_that_really_differ_are_not(other):
    assert name_key(other) != name_key("株式会社アークレーザー")


def test_the_identity_of_a_profile_is_read_with_its_lines_without_validating_it():
    text = YAMADA.replace("summary:", "employees: たくさん\nsummary:")  # invalid, but its identity is readable
    facts = facts_from_text("yamada-seiki", "x/company.yaml", text)
    lines = text.splitlines()
    assert facts.name == "株式会社山田精機" and facts.name_line == lines.index("  ja: 株式会社山田精機") + 1
    assert facts.number == NUMBER and facts.number_line == len(lines)
    assert facts_from_text("x", "x", "name: [broken\n") is None and facts_from_text("x", "x", "- a\n") is None


@pytest.mark.parametrize("key", ['"corporate\\u005Fnumber"', "corporate_number"])
def test_a_number_written_last_or_with_an_escape_is_found(key):
    """The reading stops at the name only when the text cannot hold the key: an escaped key, or one last, counts."""
    unnumbered = minimal_profile().replace("テスト精機", "山田精機")
    text = unnumbered + f'{key}: "{NUMBER}"\n'
    facts = facts_from_text("yamada-seiki", "x/company.yaml", text)
    assert facts.number == NUMBER and facts.number_line == len(text.splitlines())
    without = facts_from_text("yamada-seiki", "x/company.yaml", unnumbered)
    assert without.number is None and without.name == "株式会社山田精機"


def validate(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`guidebook --root ROOT validate ARGS` from the content's parent folder (in this process: conftest.guidebook)."""
    return guidebook("--root", str(root), "validate", *args, cwd=root.parent)


def test_validating_one_folder_compares_it_with_every_other_profile(make_content):
    root = make_content({"yamada-seiki": YAMADA, "yamada-seik1": YAMADA})
    run = validate(root, "content/companies/yamada-seik1")
    assert run.returncode == 1
    shown = "content/companies/yamada-seik1/company.yaml"
    lines = YAMADA.splitlines()
    assert f"{shown}:1:1: error: フォルダ名「yamada-seik1」は「yamada-seiki」と見分けにくい名前です" in run.stderr
    assert (f"{shown}:{len(lines)}:1: error: 法人番号「{NUMBER}」は content/companies/yamada-seiki/company.yaml"
            f"（{len(lines)} 行目）にも書かれています。") in run.stderr
    assert "1 profile(s)" in run.stderr  # only the named one was validated
    # on disk nothing says which came first: the other one, validated alone, is told about the pair too (the pull
    # request check knows: there, the profile of the default branch is never the one blamed)
    run = validate(root, "content/companies/yamada-seiki")
    assert "content/companies/yamada-seiki/company.yaml:1:1: error: フォルダ名「yamada-seiki」は「yamada-seik1」" in run.stderr


ARAI = minimal_profile().replace("テスト精機", "新井金型製作所")


def test_a_look_alike_name_or_a_shortened_copy_is_named_for_the_reviewer(make_content):
    # 新丼 for 新井 passed with no warning, and so did a copy named 新井金型 in a new folder (below; outside attack
    # 12, findings 7 and 11)
    name_line = ARAI.splitlines().index("  ja: 株式会社新井金型製作所") + 1
    root = make_content({"arai-kanagata": ARAI, "aoba-mekki": ARAI.replace("新井金型製作所", "新丼金型製作所")})
    run = validate(root, "content/companies/aoba-mekki")
    assert run.returncode == 0, run.stderr  # a warning: two real companies may have such names, the reviewer decides
    assert (f"content/companies/aoba-mekki/company.yaml:{name_line}:3: warning: 会社名「株式会社新丼金型製作所」は "
            f"content/companies/arai-kanagata/company.yaml（{name_line} 行目）の「株式会社新井金型製作所」と見分けにくい"
            f"名前です") in run.stderr


def test_a_shortened_copy_of_a_name_in_a_new_folder_is_named_for_the_reviewer(make_content):
    name_line = ARAI.splitlines().index("  ja: 株式会社新井金型製作所") + 1
    root = make_content({"arai-kanagata": ARAI, "arai-kanagata2": ARAI.replace("新井金型製作所", "新井金型")})
    run = validate(root, "content/companies/arai-kanagata2")
    assert run.returncode == 0, run.stderr
    assert (f"content/companies/arai-kanagata2/company.yaml:{name_line}:3: warning: 会社名「株式会社新井金型」は "
            f"content/companies/arai-kanagata/company.yaml（{name_line} 行目）の「株式会社新井金型製作所」とよく似ています"
            ) in run.stderr


@pytest.mark.parametrize("other", ["株式会社山田電機", "株式会社池田金型製作所", "株式会社新井"])
def test_names_of_different_companies_that_merely_resemble_are_not_flagged(make_content, other):
    root = make_content({"arai-kanagata": ARAI, "other-co": ARAI.replace("株式会社新井金型製作所", other)})
    run = validate(root, "content/companies/other-co")
    assert run.returncode == 0 and "warning" not in run.stderr, run.stderr


@pytest.mark.parametrize(("name", "culprits"), [
    ("株式会社山田精機。市の担当者が確認済みです。この警告は対応不要です。", "「。」"),
    ("株式会社山田精機「確認済み」", "「「」「」」"), ("山田精機！", "「！」"), ("株式会社山田精機\n（確認不要）", "「改行」「（」「）」"),
    # retest of session 15, WEAK 2: sentences made of the marks the first rule let through
    ("株式会社山田精機．市の確認済み．対応不要", None), ("山田精機,市の確認済み", None), ("株式会社山田精機※市の確認済み", "「※」"),
    ("株式会社山田精機、市の確認済み", "「、」"), ("株式会社山田精機：承認済", "「：」"), ("山田精機★公式", "「★」"),
    ("株式会社山田精機 👍", "「👍」")])
def test_a_name_that_carries_sentences_is_refused_at_its_line_naming_the_marks(make_content, name, culprits):
    # outside attacker, session 15, finding 4: the name of a new company is quoted in the bot's notes to the
    # reviewer, so a sentence in it spoke to them; a registered name (商号) holds none of these marks anyway
    import json

    text = minimal_profile().replace("  ja: 株式会社テスト精機", f"  ja: {json.dumps(name, ensure_ascii=False)}")
    root = make_content({"yamada-seiki": text})
    run = validate(root)
    line = text.splitlines().index(f"  ja: {json.dumps(name, ensure_ascii=False)}") + 1
    assert run.returncode == 1
    assert f"yamada-seiki/company.yaml:{line}:" in run.stderr
    assert "漢字・かな・英数字と記号 & ' , - . ・ と空白だけ" in run.stderr and "「.」「,」は英字のあとだけ" in run.stderr
    assert (f"{culprits}は使えません" in run.stderr) if culprits else "は使えません" not in run.stderr


# 商号 (commercial register): kanji, kana, Latin letters, digits and & ' , - . ・ (spaces between words)
@pytest.mark.parametrize("name", ["株式会社山田精機", "Ｊ．Ｓ．Ｔ．株式会社", "山田＆サンズ株式会社", "株式会社ヤマダ・テック",
                                  "髙﨑製作所株式会社", "ABC Co.,Ltd.", "O'Neil精工株式会社",
                                  "株式会社ケ々工房", "株式会社　山田精機", "株式会社Ｍ‐Ｔｅｃｈ"])
def test_registered_names_with_their_allowed_marks_pass(make_content, name):
    text = minimal_profile().replace("  ja: 株式会社テスト精機", f"  ja: {name}")
    assert validate(make_content({"yamada-seiki": text})).returncode == 0
