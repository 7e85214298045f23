"""How old a company's 最終確認日 is, as its page says it: a plain note when the profile was confirmed long ago or
never, so that a buyer knows to check with the company before relying on it.

The age is counted to the month of issue (site.yaml `issued`) when the guidebook gives one, so that a page says the
same whenever it is built; without one, to the day of the build (SOURCE_DATE_EPOCH when set, as the PDF's dates).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..clock import build_day, issued_month, months_between
from ..pdf.dates import print_date

STALE_MONTHS = 12  # site.yaml `stale_after_months` overrides it


@dataclass(frozen=True)
class Freshness:
    """The state of one profile's confirmation: its date (None: never confirmed) and its age in whole months."""

    confirmed: date | None
    months: int | None
    stale: bool
    issued: bool  # the age is counted to the month of issue (else to the day of the build)


def reference_date(site) -> date:
    """The day ages are counted to: the first day of the month of issue, else the build's day."""
    return issued_month(getattr(site, "issued", None)) or build_day()


def freshness(company, site) -> Freshness:
    """How old the company's last confirmation is, against the site's threshold (default 12 months)."""
    limit = getattr(site, "stale_after_months", None) or STALE_MONTHS
    issued = issued_month(getattr(site, "issued", None)) is not None
    try:
        confirmed = date.fromisoformat(str(company.last_confirmed)) if company.last_confirmed else None
    except ValueError:
        confirmed = None
    if confirmed is None:
        return Freshness(None, None, True, issued)
    months = months_between(confirmed, reference_date(site))
    return Freshness(confirmed, months, months >= limit, issued)


def age_text(months: int, lang: str) -> str:
    """2年4か月 / 2 years 4 months."""
    years, rest = divmod(months, 12)
    if lang == "ja":
        return (f"{years}年" if years else "") + (f"{rest}か月" if rest or not years else "")
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + \
        ([f"{rest} month{'s' if rest != 1 else ''}"] if rest or not years else [])
    return " ".join(parts)


def freshness_note(company, site, lang: str) -> str:
    """The note a company page shows under its name when its information is old or was never confirmed ("" when it
    is recent)."""
    f = freshness(company, site)
    if not f.stale:
        return ""
    if f.confirmed is None:
        return ("この情報は、掲載企業による内容の確認（最終確認日）がまだありません。お取引の前に会社へ最新の内容をご確認ください。"
                if lang == "ja" else "The company has not yet confirmed this information (no date of last confirmation). "
                "Please check the details with the company before you rely on them.")
    when = print_date(f.confirmed.isoformat(), lang)
    age = age_text(f.months, lang)
    if lang == "ja":
        at = "発行時点で" if f.issued else ""
        return f"この情報の最終確認日は{when}で、{at}{age}前の内容です。お取引の前に会社へ最新の内容をご確認ください。"
    at = " at the time of issue" if f.issued else ""
    return f"This information was last confirmed on {when}, {age} ago{at}. Please check the details with the company."


def confirmed_text(company, site, lang: str) -> str:
    """The 最終確認日 line of the profile: the date with its age when old, or 未確認 when there is none."""
    f = freshness(company, site)
    if f.confirmed is None:
        return "未確認" if lang == "ja" else "Not confirmed"
    shown = str(company.last_confirmed)
    if not f.stale:
        return shown
    return f"{shown}（{age_text(f.months, 'ja')}前）" if lang == "ja" else f"{shown} ({age_text(f.months, 'en')} ago)"
