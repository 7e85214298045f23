"""Japanese data checks, one function per field shape, as the browser form editor mirrors them."""
from __future__ import annotations

import json

import pytest

from generator.validate import japanese
from generator.validate.messages import CATALOGUE, say


@pytest.mark.parametrize("number, ok", [("7080401003158", True), ("7080401003159", False), ("708040100315", False),
                                        ("１０００１０００００００８", False), ("5010001008784", False)])
def test_corporate_number_check_digit(number, ok):
    assert (japanese.check_corporate_number(number) is None) is ok


def test_corporate_number_check_digit_of_a_real_number():
    # 国税庁 (National Tax Agency) itself: 7000012050002
    assert japanese.check_corporate_number("7000012050002") is None
    rule, params = japanese.check_corporate_number("8000012050002")
    assert rule == "corporate-number" and "7" in params["reason"]


@pytest.mark.parametrize("phone, ok", [
    ("0548-22-1234", True), ("03-1234-5678", True), ("090-1234-5678", True), ("080-1234-5678", True),
    ("070-1234-5678", True), ("0120-123-456", True), ("0800-123-4567", True), ("050-1234-5678", True),
    ("0548-22-123", False), ("090-1234-567", False), ("0120-123-4567", False), ("548-22-1234", False),
    ("０５４８-２２-１２３４", False), ("0548 22 1234", False), ("+81-548-22-1234", False)])
def test_phone_shapes(phone, ok):
    assert (japanese.check_phone(phone) is None) is ok


def test_a_full_width_phone_gets_the_half_width_one_as_suggestion():
    rule, params = japanese.check_phone("０５４８－２２－１２３４")
    assert rule == "phone" and params["suggestion"] == '"0548-22-1234"'


@pytest.mark.parametrize("code, suggestion", [("4370112", '"437-0112"'), ("〒437-0112", '"437-0112"'),
                                              ("４３７－０１１２", '"437-0112"')])
def test_postal_code_suggestions(code, suggestion):
    rule, params = japanese.check_postal_code(code)
    assert rule == "postal-code" and params["suggestion"] == suggestion
    assert japanese.check_postal_code("437-0112") is None


@pytest.mark.parametrize("url, ok", [("https://a.example.jp/", True), ("http://a.example.jp", True),
                                     ("ftp://a.example.jp", False), ("javascript:alert(1)", False),
                                     ("www.example.jp", False), ("https://例え.jp", False)])
def test_urls(url, ok):
    assert (japanese.check_url(url) is None) is ok


@pytest.mark.parametrize("email, ok", [("info@example.co.jp", True), ("a.b+c@sub.example.jp", True),
                                       ("info＠example.co.jp", False), ("info@example", False),
                                       ("a..b@example.jp", False), ("a@b@example.jp", False)])
def test_emails(email, ok):
    assert (japanese.check_email(email) is None) is ok


def test_prefectures_are_the_47_and_a_short_name_gets_a_suggestion():
    assert len(japanese.PREFECTURES) == 47
    assert japanese.check_prefecture("静岡県") is None
    assert japanese.check_prefecture("静岡")[1]["hint"] == "「静岡県」ではありませんか？"
    assert "東京都" in japanese.check_prefecture("東京")[1]["hint"]


def test_kana_must_be_katakana_and_hiragana_is_converted_in_the_suggestion():
    assert japanese.check_kana("ヤマダ セイキ") is None
    rule, params = japanese.check_kana("やまだせいき")
    assert rule == "kana" and params["suggestion"] == "ヤマダセイキ"
    assert japanese.check_kana("ﾔﾏﾀﾞｾｲｷ")[1]["suggestion"] == "ヤマダセイキ"


def test_widths_give_the_corrected_text():
    found = dict(japanese.check_widths("ｺｰﾊﾟｽ工場 第２棟 ＡＢＣ－１"))
    assert found["halfwidth-kana"]["suggestion"] == "コーパス工場 第２棟 ＡＢＣ－１"
    assert found["fullwidth-ascii"]["suggestion"] == "ｺｰﾊﾟｽ工場 第2棟 ABC-1"
    assert japanese.check_widths("（株）山田：精密加工、第2工場") == []


def test_every_rule_of_the_catalogue_has_japanese_english_and_fills_without_leftover_holes():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    for rule, entry in catalogue.items():
        assert set(entry) == {"ja", "en", "example"}, rule
        assert entry["ja"] and entry["en"], rule
        assert "{" not in say(rule), rule  # holes without values disappear instead of showing {name}


@pytest.mark.parametrize("phone, suggestion", [
    ("0548248585", '"0548-24-8585"'),   # the clerk's number: area code 0548 (牧之原)
    ("0312345678", '"03-1234-5678"'),
    ("09012345678", '"090-1234-5678"'),
])
def test_a_phone_of_bare_digits_gets_its_hyphens(phone, suggestion):
    rule, params = japanese.check_phone(phone)
    assert rule == "phone-hyphens" and params["suggestion"] == suggestion


def test_an_unquoted_phone_of_bare_digits_is_reported_on_its_line(tmp_path):
    from generator.load.yamlfile import parse

    path = tmp_path / "company.yaml"
    path.write_text("contact:\n  email: info@example.jp\n  phone: 0548248585\n", encoding="utf-8")
    doc = parse(path, path.read_text(encoding="utf-8"))
    found = [p for p in japanese.check(doc, "company.yaml", lambda ptr: ("", "")) if p.rule == "phone-hyphens"]
    assert [(p.line, p.severity) for p in found] == [(3, "error")]
    assert "0548-24-8585" in found[0].message and "ハイフン" in found[0].message
