"""What the outside tester (a company clerk with a Japanese IME) met in the form, session 14: help that asked for
quotes and then refused them, full-width digits and hiragana refused where they could simply be read, a new photo's
description asked for twice before anything was typed, and YAML keys and values in the messages of an empty form.

Every expected value is written from what the clerk typed: the half-width form of the same digits, the katakana of the
same reading, the Japanese name of the example term in content/taxonomies."""
from __future__ import annotations

import json

import pytest
import yaml
from PIL import Image

from conftest import PROJECT
from editor.test_editor_browser import fill_new_company, shown_messages
from generator.validate.japanese import check_kana, check_phone, check_postal_code

VOCAB = PROJECT / "content" / "taxonomies"
SCHEMA = json.loads((PROJECT / "generator" / "schema" / "company.schema.json").read_text(encoding="utf-8"))


def type_in(page, selector: str, text: str) -> str:
    """Type as an IME commits (one insertion), leave the box; what the box then shows."""
    page.fill(selector, "")
    page.focus(selector)
    page.keyboard.insert_text(text)
    page.press(selector, "Tab")
    return page.input_value(selector)


def collected(page) -> dict:
    return page.evaluate("GE.collect(document.getElementById('form-root')) || {}")


def test_the_help_asks_for_no_quotes_and_quotes_typed_as_it_once_said_are_taken(editor):
    page = editor()
    fill_new_company(page)
    for wrap in ("#f-contact-phone-wrap", "#f-contact-fax-wrap", "#f-address-postal_code-wrap", "#f-corporate_number-wrap"):
        help_text = page.inner_text(wrap)
        assert "引用符" not in help_text and '"' not in help_text and "quote" not in help_text, help_text
    assert type_in(page, "#f-contact-phone", '"0548-12-3456"') == "0548-12-3456"
    assert type_in(page, "#f-address-postal_code", "“437-0012”") == "437-0012"
    shown = shown_messages(page)
    assert "f-contact-phone-err" not in shown and "f-address-postal_code-err" not in shown, shown
    assert collected(page)["contact"]["phone"] == "0548-12-3456"
    # a number that is still wrong is told without quotes either
    type_in(page, "#f-contact-phone", "0548-22-12345")
    [said] = shown_messages(page)["f-contact-phone-err"]
    assert "引用符" not in said and '"' not in said and said.endswith("例 / e.g.: 0548-22-1234")
    assert not page.js_errors


# (field, what an IME in 全角 mode gives, what the clerk meant: the same characters half-width / in katakana)
IME = [
    ("#f-address-postal_code", "４３７－００１２", "437-0012"),
    ("#f-contact-phone", "０５４８－２４－３３６６", "0548-24-3366"),
    ("#f-contact-fax", "０５４８ー２４ー３３６７", "0548-24-3367"),  # the long-vowel ー an IME gives for -
    ("#f-contact-phone", "０５４８２４３３６６", "0548-24-3366"),  # bare digits: split where the area code 0548 ends
    ("#f-address-street", "北部工業団地３－５", "北部工業団地3-5"),
    ("#f-name-kana", "やまだせいき", "ヤマダセイキ"),
]


@pytest.mark.parametrize("selector, typed, meant", IME, ids=[m for _, _, m in IME])
def test_full_width_digits_and_a_hiragana_reading_are_read_as_meant(new_company_page, selector, typed, meant):
    page = new_company_page  # shared by the cases: type_in empties the box first
    assert type_in(page, selector, typed) == meant
    assert selector[1:] + "-err" not in shown_messages(page)
    pointer = {"#f-address-postal_code": ("address", "postal_code"), "#f-contact-phone": ("contact", "phone"),
               "#f-contact-fax": ("contact", "fax"), "#f-address-street": ("address", "street"),
               "#f-name-kana": ("name", "kana")}[selector]
    data = collected(page)
    assert data[pointer[0]][pointer[1]] == meant
    assert not page.js_errors


def test_the_form_mends_what_the_validator_asks_for():
    """The validator, given the same typing by hand, names the same value the form puts in the box."""
    assert check_postal_code("４３７－００１２")[1]["suggestion"].strip('"') == "437-0012"
    assert check_phone("０５４８２４３３６６")[1]["suggestion"].strip('"') == "0548-24-3366"
    assert check_kana("やまだせいき")[1]["suggestion"] == "ヤマダセイキ"


def test_a_new_photo_asks_for_its_description_once_and_only_when_asked(editor, tmp_path):
    page = editor()
    fill_new_company(page)
    photo = tmp_path / "big_photo.jpg"
    Image.new("RGB", (1600, 1200), (90, 110, 130)).save(photo)
    page.set_input_files("#photo-files", [str(photo)])
    page.wait_for_function("document.querySelectorAll('#f-images-photos .items > .item').length === 1")
    assert not [k for k in shown_messages(page) if k.startswith("f-images")]  # nothing typed yet, nothing wrong yet
    page.click("#make-yaml")
    said = [m for k, ms in shown_messages(page).items() if k.startswith("f-images") for m in ms]
    assert len(said) == 1, said
    assert "big-photo.jpg" in said[0] and "説明" in said[0] and "alt:" not in said[0]
    # the box is 「写真の説明」: the YAML key is no word of the form (clerk, session 14)
    assert "alt" not in said[0], said[0]
    assert not page.js_errors


def test_an_empty_form_names_its_boxes_and_terms_not_yaml(editor):
    page = editor()
    page.click("#make-yaml")
    shown = shown_messages(page)
    industries = yaml.safe_load((VOCAB / "industries.yaml").read_text(encoding="utf-8"))
    areas = yaml.safe_load((VOCAB / "areas.yaml").read_text(encoding="utf-8"))
    technologies = yaml.safe_load((VOCAB / "technologies.yaml").read_text(encoding="utf-8"))
    label = lambda vocab, key: (vocab.get("terms", vocab)[key] or {}).get("ja")  # noqa: E731
    examples = {k: v.get("examples", [None])[0] for k, v in SCHEMA["properties"].items()}
    [phone] = shown["f-contact-phone-err"]  # the group 連絡先 is missing: the box to fill is named
    assert phone.startswith("「連絡先」の「電話番号」を入力してください。")
    [industry] = shown["f-industries-err"]
    assert industry.endswith(f"例 / e.g.: {label(industries, examples['industries'][0])}") and "[" not in industry
    [technology] = shown["f-technologies-err"]
    assert technology.endswith(f"例 / e.g.: {'、'.join(label(technologies, k) for k in examples['technologies'])}")
    [area] = shown["f-area-err"]
    assert area.endswith(f"例 / e.g.: {label(areas, examples['area'])}") and examples["area"] not in area
    assert "content/taxonomies" not in page.inner_text("#f-area-wrap")
    assert not page.js_errors
