"""One company, one profile: look-alike folder names, the same 法人番号, the same name, in every mode of validate."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.validate.identity import facts_from_text, name_key, skeleton
from tests.conftest import minimal_profile

PROJECT = Path(__file__).resolve().parents[2]
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


def validate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "validate", *args],
                          cwd=root.parent, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(PROJECT)})


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
