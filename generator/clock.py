"""The one place where the build learns what day it is and which month the guidebook is issued in.

SOURCE_DATE_EPOCH (reproducible-builds.org) pins the build's moment; days are counted in Japan (JST), where the
clerks write their dates; site.yaml `issued` (YYYY-MM) is the month of issue the colophon names.
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))


def source_moment() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC moment, or None when it is unset or not a moment a date can hold."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None  # e.g. 99999999999999999999: as if unset, never a traceback


def today_in_japan() -> date:
    """Today's date in Japan, by the machine's clock."""
    return datetime.now(JST).date()


def build_day() -> date:
    """The day of the build in Japan: SOURCE_DATE_EPOCH's day when it is set, else today."""
    moment = source_moment()
    return moment.astimezone(JST).date() if moment is not None else today_in_japan()


def issued_month(value) -> date | None:
    """site.yaml `issued` ("2026-04") as the first day of that month; None when absent or not a YYYY-MM month."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", str(value or "").strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return date(int(found.group(1)), int(found.group(2)), 1)


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 when `later` is not after it)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (1 if later.day < earlier.day else 0)
    return max(months, 0)
