"""Page geometry shared by the planner (Python) and the print stylesheet (CSS variables), so both agree exactly."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.site import PAPER_SIZES

BLEED_MM = 3.0
SAFE_MM = 3.0  # text and rules stay this far inside the trim (preflight.py checks it)
MARKS_MM = 10.0  # room outside the bleed for the crop marks (トンボ) in the print edition
ROW_MM = 5.0  # one line of the table of contents: fixed height, never wraps
INDEX_ROW_MM = 3.85  # one line of the indexes (smaller type: they are looked up, not read; 62 rows a column on A4)
# the closest the index's lines may stand when that saves the booklet a sheet (plan.layout_choice): 7.6 pt type on
# 10.2 pt lines, 66 rows a column on A4
INDEX_ROW_MIN_MM = 3.6
HALF_GAP_MM = 8.0  # between the two halves of a shared page (measure.py)
HEADING_MM = 22.0  # the title block of a table-of-contents or index page


@dataclass(frozen=True)
class Geometry:
    """The page and text area of one paper size, in millimetres."""

    paper: str
    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    toc_columns: int
    index_columns: int

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def rows(self) -> int:
        """How many fixed-height rows one column of a table-of-contents or index page holds."""
        return int((self.text_height - HEADING_MM - 2) // ROW_MM)

    @property
    def index_rows(self) -> int:
        """How many rows one column of an index page holds."""
        return int((self.text_height - HEADING_MM - 2) // INDEX_ROW_MM)

    @property
    def index_rows_min(self) -> int:
        """How many rows one column of an index page holds at the closest pitch (INDEX_ROW_MIN_MM)."""
        return int((self.text_height - HEADING_MM - 2) // INDEX_ROW_MIN_MM)

    def index_pitch(self, per_column: int) -> float:
        """The row pitch (mm, to a hundredth, rounded down) that sets `per_column` rows in an index column."""
        return min(INDEX_ROW_MM, int((self.text_height - HEADING_MM - 2) / per_column * 100) / 100)

    def css_vars(self) -> str:
        """The geometry as CSS custom properties and @page rules for the print stylesheet."""
        side = {"A4": 60, "B5": 52, "A5": 42}[self.paper]
        photo = {"A4": 36, "B5": 30, "A5": 24}[self.paper]
        tab_width = 11.0  # the thumb tab: 11 mm inside the trim, plus the bleed; its label 3–8 mm from the trim
        recto = f"{self.top}mm {self.outer}mm {self.bottom}mm {self.inner}mm"
        verso = f"{self.top}mm {self.inner}mm {self.bottom}mm {self.outer}mm"
        return (f":root {{ --row: {ROW_MM}mm; --index-row: {INDEX_ROW_MM}mm; --half-gap: {HALF_GAP_MM}mm; --heading: {HEADING_MM}mm; --text-height: {self.text_height}mm; "
                f"--page-width: {self.width}mm; --page-height: {self.height}mm; --bleed: {BLEED_MM}mm; "
                f"--side: {side}mm; --photo-height: {photo}mm; --tab-top: 8mm; "
                f"--tab-width: {tab_width + BLEED_MM}mm; --tab-out: {-(self.outer + BLEED_MM)}mm; "
                f"--tab-pad: {BLEED_MM + SAFE_MM}mm; --tab-clear: {max(0.0, tab_width + 1 - self.outer)}mm; }}\n"
                f"@page {{ size: {self.width}mm {self.height}mm; margin: {recto}; }}\n"
                f"@page :left {{ margin: {verso}; }}\n"
                f"@page recto {{ margin: {recto}; }}\n"
                f"@page verso {{ margin: {verso}; }}\n"
                f"@page cover, back, chapter {{ margin: 0; }}\n")


def geometry(paper: str) -> Geometry:
    """The geometry of A4, B5 (JIS, 182×257 mm) or A5; small papers get narrower margins and fewer columns."""
    width, height = PAPER_SIZES[paper]
    if paper == "A4":
        return Geometry(paper, width, height, 17, 16, 15, 13, 2, 3)
    if paper == "B5":
        return Geometry(paper, width, height, 15, 14, 13, 11, 2, 3)
    return Geometry(paper, width, height, 13, 12, 12, 9, 1, 2)
