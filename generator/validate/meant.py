"""Dates written as a clerk writes them (令和8年4月1日, 2026/4/1, 1968年) shown with the value to copy.

The schema can only say that a date has the wrong format; here the written text is read as what it clearly means, and
the message gives the ISO form for the field. The pointers explained here are left out of the schema's report.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say

# 元年 is year 1 of an era
ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925, "大正": 1911, "T": 1911}
# H3 (平成3年, as lists abbreviate it) needs no 年 when nothing follows
_WAREKI = re.compile(r"^(令和|平成|昭和|大正|[RHST])\.?\s*(\d{1,2}|元)\s*(?:[年./-]\s*(?:(\d{1,2})\s*[月./-]?\s*(?:(\d{1,2})\s*日?)?)?)?$")
_SEIREKI = re.compile(r"^(\d{4})\s*[年./-]?\s*(?:(\d{1,2})\s*[月./-]?\s*(?:(\d{1,2})\s*日?)?)?$")
# field → what it takes: a full date, or a year (a number) or year and month ("1968-04")
FIELDS = {("last_confirmed",): "date", ("established",): "year"}


def read_date(text: str) -> tuple[int, int | None, int | None, bool] | None:
    """(year, month, day, was 和暦) of a date as people write it, or None when it is not one."""
    t = unicodedata.normalize("NFKC", text).strip()
    found = _WAREKI.match(t)
    if found:
        era, year, month, day = found.groups()
        year = ERAS[era] + (1 if year == "元" else int(year))
        wareki = True
    else:
        found = _SEIREKI.match(t)
        if not found:
            return None
        year, month, day = found.groups()
        year, wareki = int(year), False
    month, day = (int(month) if month else None), (int(day) if day else None)
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return year, month, day, wareki


def suggestion(kind: str, text: str) -> tuple[str, bool] | None:
    """(value to write in YAML, was 和暦) for a date field of `kind` ("date" or "year"), or None."""
    found = read_date(text)
    if found is None:
        return None
    year, month, day, wareki = found
    if kind == "date":
        return (f"{year:04d}-{month:02d}-{day:02d}", wareki) if month and day else None
    return (f'"{year:04d}-{month:02d}"' if month else str(year)), wareki


def check(doc: YamlDoc, display: str, label) -> tuple[list[Problem], set]:
    """Problems for dates written as people write them, and the pointers they explain."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems, explained = [], set()
    for pointer, kind in FIELDS.items():
        value = data.get(pointer[0])
        if not isinstance(value, str):
            continue
        if kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        if kind == "year" and re.fullmatch(r"\d{4}-\d{2}", value):
            continue
        found = suggestion(kind, value)
        if found is None:
            continue
        fixed, wareki = found
        field, field_en = label(pointer)
        reason = ("和暦は西暦にし、" if wareki else "") + ("年-月-日を半角の数字とハイフンで書きます"
                                                    if kind == "date" else "年だけなら数字だけ、年月なら \"1968-04\" の形で書きます")
        reason_en = ("Japanese era years become Western years; " if wareki else "") + (
            "write year-month-day with digits and hyphens" if kind == "date" else
            "write a year as a plain number, a year and month as \"1968-04\"")
        problems.append(Problem(display, *doc.where(pointer), say(
            "date", field=field, field_en=field_en, value=value, reason=reason, reason_en=reason_en,
            suggestion=f"{pointer[0]}: {fixed}"), "error", "date"))
        explained.add(pointer)
    return problems, explained
