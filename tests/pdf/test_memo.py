"""A short profile alone on its page: the white below it is a ruled notes area (メモ) placed under the profile,
never on it and never past the text area."""
from __future__ import annotations

import pdfplumber

from generator.pdf.layout import geometry
from generator.pdf.plan import MEMO_MIN_SHARE

from .conftest import PROFILES

MM = 72 / 25.4


def test_a_short_profile_alone_on_its_page_has_a_notes_area_below_it(screen_ja):
    short = list(PROFILES)[0]  # conftest.write_content: the first profile is minimal, the others long
    sheets = {s.company.slug: s for s in screen_ja.plan.sheets() if s.kind == "company"}
    assert short in sheets, "the short profile has no partner in the small guidebook"
    assert sheets[short].memo >= geometry("A4").text_height * MEMO_MIN_SHARE - 9
    assert all(s.memo == 0 for slug, s in sheets.items() if slug != short), "a long profile fills its page"
    geo_bottom = 16  # layout.geometry("A4").bottom
    with pdfplumber.open(screen_ja.pdf) as pdf:
        page = pdf.pages[sheets[short].number - 1]
        words = page.extract_words()
        memo = [w for w in words if w["text"] == "メモ"]
        assert len(memo) == 1
        top = memo[0]["top"]
        body = [w for w in words if w is not memo[0] and w["bottom"] < page.height - geo_bottom * MM]
        assert body and max(w["bottom"] for w in body) < top - 3 * MM, "the notes start below the profile"
        rules = [r for r in page.lines + page.rects if r["top"] >= top - 2 * MM]
        assert len(rules) >= 5 and max(r["bottom"] for r in rules) <= page.height - geo_bottom * MM + 0.5
