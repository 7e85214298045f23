"""Dates must be real days and not in the future: 2026-02-30 or a last_confirmed of 2099-12-31 (or 0001-01-01) is a
mistake.

The schema's pattern accepts any day from 01 to 31 of any month; this check asks the calendar. "Today" is the date
in Japan (JST, UTC+9): a clerk who confirms a profile on the morning of 1 April in Japan writes 1 April, while the
check may run on a machine whose clock still says 31 March (UTC).
"""
from __future__ import annotations

import re
from datetime import date

from ..clock import JST, today_in_japan as today  # noqa: F401  (JST: the day "today" is counted in)
from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say

LATEST_YEAR = 2100  # company.schema.json: established, maximum
EARLIEST_CONFIRMED = date(1990, 1, 1)  # a last_confirmed before this is a mistyped year (0001, 1926 for 2026)


def check_day(value: str, now: date) -> tuple[str, dict] | None:
    """(rule, params) when `value`, written YYYY-MM-DD, is not a real day, is after `now` or before 1990; None when
    fine."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None  # the schema's pattern says what the form is
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return "date-invalid", {"value": value, "suggestion": now.isoformat()}
    if day > now:
        return "date-future", {"value": value, "today": now.isoformat(), "suggestion": now.isoformat()}
    if day < EARLIEST_CONFIRMED:
        return "date-too-old", {"value": value, "earliest": EARLIEST_CONFIRMED.isoformat(),
                                "suggestion": now.isoformat()}
    return None


def check_month(value, now: date) -> tuple[str, dict] | None:
    """(rule, params) when `value`, a year (1968) or "YYYY-MM", is after this month; None when fine or not a date."""
    if isinstance(value, int) and not isinstance(value, bool):
        later = now.year < value <= LATEST_YEAR  # a later year is out of the schema's range: it says so
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value):
        later = value > f"{now.year:04d}-{now.month:02d}"
    else:
        return None
    if later:
        return "date-future", {"value": value, "today": now.isoformat(), "suggestion": now.year}
    return None


def check(doc: YamlDoc, display: str, label, now: date | None = None) -> list[Problem]:
    """The impossible or future dates of one profile (last_confirmed, established)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    now = now or today()
    problems = []
    for key, fn in (("last_confirmed", check_day), ("established", check_month)):
        value = data.get(key)
        found = fn(value, now) if key == "established" or isinstance(value, str) else None
        if found:
            field, field_en = label((key,))
            rule, params = found
            problems.append(Problem(display, *doc.where((key,)), say(rule, field=field, field_en=field_en, **params),
                                    "error", rule))
    return problems
