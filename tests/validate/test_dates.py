"""Dates are real days and not after today (in Japan); the PDF's date never comes from a profile."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import minimal_profile
from generator.load import load_content
from generator.validate import dates, validate

NOW = date(2026, 4, 1)
ADDED = minimal_profile().count("\n") + 1  # the line of a key written after the minimal profile


@pytest.mark.parametrize("value", ["2026-02-30", "2025-02-29", "2026-04-31", "2026-06-31", "2026-09-31"])
def test_a_day_the_month_does_not_have_is_refused(value):
    assert dates.check_day(value, NOW)[0] == "date-invalid"


@pytest.mark.parametrize("value", ["2024-02-29", "2026-03-31", "2026-04-01", "1999-12-31"])
def test_real_days_up_to_today_pass(value):
    assert dates.check_day(value, NOW) is None


@pytest.mark.parametrize("value", ["2026-04-02", "2099-12-31"])
def test_a_day_after_today_is_refused(value):
    assert dates.check_day(value, NOW)[0] == "date-future"


@pytest.mark.parametrize("value,rule", [(2026, None), (2027, "date-future"), ("2026-04", None),
                                        ("2026-05", "date-future"), (1968, None), ("1968-04", None)])
def test_established_is_not_after_this_month(value, rule):
    found = dates.check_month(value, NOW)
    assert (found[0] if found else None) == rule


def test_today_is_the_date_in_japan():
    # 23:30 UTC on 31 March is already 1 April in Japan (UTC+9)
    assert datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc).astimezone(dates.JST).date() == date(2026, 4, 1)
    assert dates.today() == datetime.now(timezone(timedelta(hours=9))).date()


def profile_problems(make_content, extra: str):
    root = make_content({"date-co": minimal_profile() + extra})
    return [p for p in validate(load_content(root)) if "date-co" in p.path and p.is_error]


def test_an_impossible_last_confirmed_is_a_located_error(make_content):
    problems = profile_problems(make_content, "last_confirmed: 2026-02-30\n")
    assert [(p.rule, p.line, p.col) for p in problems] == [("date-invalid", ADDED, 1)]
    message = problems[0].message
    assert message.startswith("「最終確認日」の「2026-02-30」は存在しない日付です")
    assert "実際の日付" in message and " / " in message


def test_a_future_last_confirmed_is_a_located_error(make_content):
    problems = profile_problems(make_content, "last_confirmed: 2099-12-31\n")
    assert [(p.rule, p.line) for p in problems] == [("date-future", ADDED)]
    assert "未来の日付" in problems[0].message and dates.today().isoformat() in problems[0].message


def test_tomorrow_in_japan_is_refused_and_today_passes(make_content):
    tomorrow = (dates.today() + timedelta(days=1)).isoformat()
    assert [p.rule for p in profile_problems(make_content, f"last_confirmed: {tomorrow}\n")] == ["date-future"]
    assert profile_problems(make_content, f"last_confirmed: {dates.today().isoformat()}\n") == []


@pytest.mark.parametrize("value", ["0001-01-01", "1926-04-01", "1989-12-31"])
def test_a_last_confirmed_before_1990_is_a_located_error(make_content, value):
    # 0001-01-01 was accepted and printed as 「発行時点で2025年9か月前の内容です」 (outside attack 12, finding 8)
    problems = profile_problems(make_content, f"last_confirmed: {value}\n")
    assert [(p.rule, p.line) for p in problems] == [("date-too-old", ADDED)]
    assert f"「{value}」は古すぎます" in problems[0].message and "1990-01-01" in problems[0].message


def test_a_future_founding_year_is_refused(make_content):
    problems = profile_problems(make_content, f"established: {dates.today().year + 1}\n")
    assert [(p.rule, p.line) for p in problems] == [("date-future", ADDED)]
    assert problems[0].message.startswith("「創業・設立」の")


def test_a_year_beyond_the_schema_is_reported_once_by_the_schema(make_content):
    from generator.validate.schema import subschema

    years = next(b for b in subschema("company", ("established",))["anyOf"] if b["type"] == "integer")
    assert dates.LATEST_YEAR == years["maximum"]
    problems = profile_problems(make_content, f"established: {years['maximum'] + 1}\n")
    assert [p.rule for p in problems] == ["range"]
