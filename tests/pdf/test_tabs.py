"""The thumb tabs (ツメ) of the press edition: a readable label (one upright character under the other, whole words
of the part's label) at least 5 mm from the trim on every company page, beyond a saddle-stitched book's creep."""
from __future__ import annotations

import pdfplumber
import yaml

from tests.conftest import SAMPLE

MM = 72 / 25.4
TAB_MM = 13  # the tab reaches 10 mm inside the trim; anything farther in is the page's own text
LABEL_FROM_TRIM_MM = 5


def _group_labels() -> set[str]:
    data = yaml.safe_load((SAMPLE / "taxonomies" / "industries.yaml").read_text(encoding="utf-8"))
    return {v["ja"] for v in data["groups"].values()}


def test_every_company_page_has_a_readable_tab_label_5_mm_inside_the_trim(print_ja):
    labels = _group_labels()
    pages = sorted({s.number for s in print_ja.plan.sheets() if s.kind in ("company", "pair")})
    assert pages
    with pdfplumber.open(print_ja.pdf) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            left, _top, right, _bottom = page.trimbox
            recto = number % 2 == 1
            if recto:
                tab = [c for c in page.chars if c["x0"] > right - TAB_MM * MM]
                gaps = [(right - c["x1"]) / MM for c in tab]
            else:
                tab = [c for c in page.chars if c["x1"] < left + TAB_MM * MM]
                gaps = [(c["x0"] - left) / MM for c in tab]
            assert tab, f"p{number}: no tab label"
            assert min(gaps) >= LABEL_FROM_TRIM_MM, (number, round(min(gaps), 2))
            tab.sort(key=lambda c: c["top"])
            text = "".join(c["text"] for c in tab)
            # one character per line, upright: as many lines as characters, all on one axis
            assert len({round(c["top"]) for c in tab}) == len(tab), (number, text)
            centres = [(c["x0"] + c["x1"]) / 2 for c in tab]
            assert max(centres) - min(centres) < 1.5 * MM, (number, text)
            # whole words of the part's label (cut at ・), never a word broken
            words = text.split("・")
            assert any(label.split("（")[0].removesuffix("ほか").split("・")[:len(words)] == words
                       for label in labels), (number, text)
