"""A phone number typed as bare digits in the form, in full width as a Japanese IME gives them, is split where its
area code ends — Tokyo 03, Osaka 06, Seto 0561, Momijigawa 0548, a mobile, a free dial — in the box itself, as the
validator would tell a hand-editor to write it (both read libphonenumber's Japanese numbering plan); a screenshot of
each width is written for a person to look at."""
from __future__ import annotations

import os

import pytest

from editor.test_editor_browser import shown_messages
from generator.validate.japanese import check_phone

FULL = str.maketrans("0123456789", "０１２３４５６７８９")

# (digits as typed, the number split where its area code ends, from Japan's numbering plan)
NUMBERS = [
    ("0312345678", "03-1234-5678"),  # Tokyo: a 1-digit area code, 4-digit exchange
    ("0612345678", "06-1234-5678"),  # Osaka
    ("0561123456", "0561-12-3456"),  # Seto, Aichi: a 3-digit area code
    ("0548221234", "0548-22-1234"),  # the sample city's own
    ("0166123456", "0166-12-3456"),  # Asahikawa
    ("09012345678", "090-1234-5678"),  # a mobile
    ("0120123456", "0120-123-456"),  # free dial
]


@pytest.mark.parametrize("digits, split", NUMBERS, ids=[s for _, s in NUMBERS])
def test_bare_full_width_digits_are_split_where_the_area_code_ends(new_company_page, digits, split):
    page = new_company_page  # shared by the numbers: the box is emptied first
    page.fill("#f-contact-phone", "")
    page.focus("#f-contact-phone")
    page.keyboard.insert_text(digits.translate(FULL))  # what an IME commits: one input, full-width digits
    page.press("#f-contact-phone", "Tab")
    assert page.input_value("#f-contact-phone") == split  # the box holds what the file will
    assert "f-contact-phone-err" not in shown_messages(page)
    assert page.evaluate("GE.collect(document.getElementById('form-root')).contact.phone") == split
    # the validator names the same number to a clerk who types the digits into company.yaml by hand
    assert check_phone(digits.translate(FULL))[1]["suggestion"] == f'"{split}"'
    assert not page.js_errors


def test_the_phone_note_at_phone_and_desk_width(editor, tmp_path):
    """The form with the phone number split in its box, at 390 px and 1280 px (screenshots to look at)."""
    folder = os.environ.get("GUIDEBOOK_SHOTS")
    for width in (390, 1280):
        page = editor(width=width)
        page.focus("#f-contact-phone")
        page.keyboard.insert_text("0561123456".translate(FULL))
        page.press("#f-contact-phone", "Tab")
        page.evaluate("GE.refresh()")
        assert page.input_value("#f-contact-phone") == "0561-12-3456"
        assert not page.locator("#f-contact-phone-err").inner_text().strip()
        if folder:
            page.locator("#f-contact-phone").scroll_into_view_if_needed()
            page.screenshot(path=f"{folder}/phone-{width}.png")
        assert not page.js_errors
