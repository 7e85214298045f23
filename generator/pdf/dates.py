"""One date style for the printed book: 2025年9月8日 (or 令和7年（2025年）9月8日 when site.yaml asks for the era) in
Japanese, September 8, 2025 in English; a year-month or a year alone in the same style."""
from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# The first day of each era of the modern calendar (明治 from 1873, the Gregorian calendar's first year in Japan)
ERAS = (((2019, 5, 1), "令和"), ((1989, 1, 8), "平成"), ((1926, 12, 25), "昭和"), ((1912, 7, 30), "大正"),
        ((1873, 1, 1), "明治"))
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def era_year(year: int, month: int = 12, day: int = 31) -> str:
    """The year in the Japanese era: 令和8年 (元年 for an era's first year)."""
    for start, name in ERAS:
        if (year, month, day) >= start:
            number = year - start[0] + 1
            return f"{name}{'元' if number == 1 else number}年"
    return f"{year}年"


def print_date(value, lang: str, era: bool = False) -> str:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD in the book's style; anything else as it is."""
    found = _DATE.match(str(value or "").strip())
    if not found:
        return str(value or "")
    year, month, day = int(found[1]), int(found[2] or 0), int(found[3] or 0)
    if lang != "ja":
        if not month:
            return str(year)
        return f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"
    western = f"{year}年"
    if era:
        western = f"{era_year(year, month or 12, day or 31)}（{year}年）"
    return western + (f"{month}月" if month else "") + (f"{day}日" if day else "")


def confirmed_line(value, lang: str, era: bool = False) -> str:
    """The foot line of a company's entry: when the company last confirmed it, or, with no date, that it had not
    by the time of issue (the how-to page explains it): never a label without a date."""
    if not value:
        return "情報確認日 未確認（発行時点）" if lang == "ja" else "Not confirmed by the company before issue"
    return ("情報確認日 " if lang == "ja" else "Confirmed ") + print_date(value, lang, era)
