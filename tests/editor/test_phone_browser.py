"""A phone number typed as bare digits in the form, in full width as a Japanese IME gives them, is split where its
area code ends — Tokyo 03, Osaka 06, Seto 0561, Momijigawa 0548, a mobile, a free dial — the same as the validator
says it (both read libphonenumber's Japanese numbering plan), with the full-width note; a screenshot of each width
is written for a person to look at."""
from __future__ import annotations

import os

import pytest

from editor.test_editor_browser import fill_new_company, python_messages, shown_messages

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
def test_bare_full_width_digits_are_split_where_the_area_code_ends(editor, make_content, digits, split):
    page = editor()
    fill_new_company(page)
    page.fill("#f-contact-phone", "")
    page.focus("#f-contact-phone")
    page.keyboard.insert_text(digits.translate(FULL))  # what an IME commits: one input, full-width digits
    page.press("#f-contact-phone", "Tab")
    shown = shown_messages(page)["f-contact-phone-err"]
    assert len(shown) == 1 and f'"{split}"' in shown[0], shown
    assert "全角" in shown[0]  # the full-width digits are named too
    # the validator says the same words about the same value
    assert shown[0] in python_messages(page, make_content)
    assert not page.js_errors


def test_the_phone_note_at_phone_and_desk_width(editor, tmp_path):
    """The form with the split suggestion beside the phone field, at 390 px and 1280 px (screenshots to look at)."""
    folder = os.environ.get("GUIDEBOOK_SHOTS")
    for width in (390, 1280):
        page = editor(width=width)
        page.focus("#f-contact-phone")
        page.keyboard.insert_text("0561123456".translate(FULL))
        page.press("#f-contact-phone", "Tab")
        page.evaluate("GE.refresh()")
        box = page.locator("#f-contact-phone-err")
        assert box.is_visible() and "0561-12-3456" in box.inner_text()
        if folder:
            page.locator("#f-contact-phone").scroll_into_view_if_needed()
            page.screenshot(path=f"{folder}/phone-{width}.png")
        assert not page.js_errors
