"""Page numbers: the table of contents and every index name the page that really holds the company."""
from __future__ import annotations

import re

from pypdf import PdfReader

from .conftest import PROFILES


def rows_with_numbers(text: str) -> list[tuple[str, int]]:
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", text, re.M)]


def test_every_listed_page_holds_the_company(screen_ja):
    plan, names = screen_ja.plan, {v[0]: k for k, v in PROFILES.items()}
    listing_pages = [s.number for s in plan.sheets() if s.kind in ("toc", "index")]
    kinds = {s.number: s.kind for s in plan.sheets()}
    assert "toc" in kinds.values() and "index" in kinds.values()
    seen = {"toc": 0, "index": 0}
    for number in listing_pages:
        text = screen_ja.page_text(number)
        for label, page in rows_with_numbers(text):
            # a row may hold two columns; check each company name it mentions
            for name in names:
                if name in label.split("  ")[-1] or label.endswith(name):
                    assert name in screen_ja.page_text(page), f"page {number} says {name} is on page {page}"
                    seen[kinds[number]] += 1
    assert seen["toc"] >= len(PROFILES) and seen["index"] >= 4 * len(PROFILES), seen


def test_plan_matches_the_pdf(screen_ja):
    reader = PdfReader(screen_ja.pdf)
    assert len(reader.pages) == screen_ja.plan.total
    for slug, page in screen_ja.plan.company_pages().items():
        assert PROFILES[slug][0] in screen_ja.page_text(page)
        assert str(page) in screen_ja.page_text(page).split()[-3:] + screen_ja.page_text(page).split()[:3], page


def test_page_count_is_a_multiple_of_four_with_notes_pages(screen_ja):
    plan = screen_ja.plan
    assert plan.total % 4 == 0
    kinds = [s.kind for s in plan.sheets()]
    assert kinds[-1] == "back"
    notes = [s.number for s in plan.sheets() if s.kind == "notes"]
    for number in notes:
        assert "メモ" in screen_ja.page_text(number)


def test_links_and_bookmarks_lead_to_the_pages(screen_ja):
    reader = PdfReader(screen_ja.pdf)
    outline_pages = {item.title: reader.get_destination_page_number(item) + 1
                     for item in _flatten(reader.outline)}
    for slug, page in screen_ja.plan.company_pages().items():
        assert outline_pages[PROFILES[slug][0]] == page
    toc = next(s.number for s in screen_ja.plan.sheets() if s.kind == "toc")
    targets = []
    for annot in reader.pages[toc - 1].get("/Annots", []):
        annot = annot.get_object()
        if "/Dest" in annot:
            targets.append(reader.get_page_number(annot["/Dest"][0].get_object()) + 1)
    assert set(screen_ja.plan.company_pages().values()) <= set(targets)


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item
