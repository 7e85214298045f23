"""An unknown vocabulary word gets a term offered only when the term is really close to it; otherwise the message
says what to do (type: other, the description, the city office). The tester's words: ブローチ加工 was offered
レーザー加工 and 鍛造, `type: ホイスト` was offered ダイカストマシン."""
from __future__ import annotations

import json

import pytest

from conftest import minimal_profile
from generator.cli import main


def problems(make_content, capsys, extra: str) -> list[dict]:
    main(["--root", str(make_content({"kuma-seiki": minimal_profile() + extra})), "validate", "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_a_process_nothing_is_close_to_gets_no_guess(make_content, capsys):
    found = [p for p in problems(make_content, capsys, "accepts: [ブローチ加工]\n") if "ブローチ加工" in p["message"]]
    assert len(found) == 1
    message = found[0]["message"]
    assert "もしかして" not in message and "レーザー" not in message and "鍛造" not in message
    assert "得意なこと（strengths）" in message and "PR文（pr）" in message and "市の担当者" in message


def test_a_machine_nothing_is_close_to_is_told_to_use_other(make_content, capsys):
    extra = "equipment:\n  - {type: 魔法の箱, name: 魔法の箱}\n"
    found = [p for p in problems(make_content, capsys, extra) if "魔法の箱" in p["message"]]
    assert len(found) == 1 and "type: other" in found[0]["message"] and "もしかして" not in found[0]["message"]


def test_a_typo_still_gets_its_term(make_content, capsys):
    found = [p for p in problems(make_content, capsys, "equipment:\n  - {type: 立形マシニンセンタ}\n")
             if p["rule"] == "vocabulary"]
    assert len(found) == 1 and "mc-vertical" in found[0]["message"]


def test_an_unknown_material_is_kept_and_shown_and_no_command_is_asked_for(make_content, capsys):
    found = [p for p in problems(make_content, capsys, "materials: [ブローチ鋼]\n") if p["rule"] == "v1-material"]
    assert len(found) == 1
    message = found[0]["message"]
    assert "guidebook" not in message and "migrate" not in message
    assert "ページに載ります" in message and "絞り込み" in message and "もしかして" not in message


def test_a_technique_that_only_ends_like_a_term_is_not_renamed_into_it(make_content, capsys):
    """電解研磨 (electropolishing) ends in 研磨 but is not 研削・研磨 (grinding): offering it would publish the wrong
    technique; the message says where a technique the list lacks goes."""
    found = [p for p in problems(make_content, capsys, "accepts: [電解研磨]\n") if "電解研磨" in p["message"]]
    assert len(found) == 1
    message = found[0]["message"]
    assert found[0]["line"] == minimal_profile().count("\n") + 1
    assert "研削" not in message and "grinding" not in message and "もしかして" not in message
    assert "得意なこと（strengths）" in message and "市の担当者" in message


def test_a_suggestion_also_says_what_to_do_when_it_is_not_the_technique(make_content, capsys):
    found = [p for p in problems(make_content, capsys, "accepts: [検査]\n") if "「検査」" in p["message"]]
    assert len(found) == 1
    message = found[0]["message"].split(" / ")[0]
    assert "もしかして: 「測定・検査」(inspection)" in message
    assert "どれも違う加工なら" in message and "得意なこと（strengths）" in message and "市の担当者" in message


@pytest.mark.parametrize(("written", "term"), [("精密切削", "切削加工"), ("大物溶接", "溶接"), ("微細プレス", "プレス加工")])
def test_a_process_with_a_qualifier_in_front_is_offered_the_process(make_content, capsys, written, term):
    """精密切削 is 切削 done precisely (clerk, session 14): the term is offered, and the qualifier goes to strengths."""
    found = [p for p in problems(make_content, capsys, f"accepts: [{written}]\n") if f"「{written}」" in p["message"]]
    assert len(found) == 1
    message = found[0]["message"].split(" / ")[0]
    assert f"もしかして: 「{term}」" in message and "得意なこと（strengths）に書けます" in message
