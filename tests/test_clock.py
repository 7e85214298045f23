"""The build's day and month of issue: SOURCE_DATE_EPOCH guarded, days counted in Japan, `issued` read one way."""
from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest

from generator import clock
from generator.site.freshness import freshness, reference_date


def test_source_moment_reads_the_epoch_and_ignores_what_is_no_moment(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock.source_moment() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    for junk in ("", "abc", "-5", "99999999999999999999"):  # the last overflows datetime: as if unset
        monkeypatch.setenv("SOURCE_DATE_EPOCH", junk)
        assert clock.source_moment() is None


def test_build_day_is_the_epochs_day_in_japan(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1774999800")  # 2026-03-31 23:30 UTC = 1 April 08:30 in Japan
    assert clock.build_day() == date(2026, 4, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert clock.build_day() == clock.today_in_japan()


@pytest.mark.parametrize("value, month", [("2026-04", date(2026, 4, 1)), (" 2026-12 ", date(2026, 12, 1)),
                                          ("2026-13", None), ("2026-4", None), ("2026-04-01", None),
                                          ("令和8年4月", None), (None, None), ("", None)])
def test_issued_month(value, month):
    assert clock.issued_month(value) == month


def test_months_between_counts_whole_months_and_never_below_zero():
    assert clock.months_between(date(2025, 9, 8), date(2026, 9, 7)) == 11
    assert clock.months_between(date(2025, 9, 8), date(2026, 9, 8)) == 12
    assert clock.months_between(date(2026, 9, 8), date(2025, 1, 1)) == 0


def test_freshness_with_an_epoch_that_overflows_counts_to_today_instead_of_failing(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999999")
    site = SimpleNamespace(issued=None, stale_after_months=None)
    assert reference_date(site) == clock.today_in_japan()
    company = SimpleNamespace(last_confirmed="2000-01-01")
    assert freshness(company, site).stale


def test_freshness_counts_to_the_month_of_issue_when_there_is_one(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1799971200")  # 2027-01-15: ignored, the month of issue wins
    site = SimpleNamespace(issued="2026-04", stale_after_months=12)
    assert reference_date(site) == date(2026, 4, 1)
    fresh = freshness(SimpleNamespace(last_confirmed="2025-05-01"), site)
    assert (fresh.months, fresh.stale, fresh.issued) == (11, False, True)
