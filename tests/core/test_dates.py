"""Epiweeks against the calendars' definitions (ISO 8601 via Python's isocalendar; MMWR rules)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flareup.dates import (
    WeekSystem,
    from_sim_day,
    iso_week,
    mmwr_week,
    mmwr_week_start,
    parse_date,
    to_sim_day,
    week_label,
    week_start,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # CDC MMWR week tables: 2020 week 1 began Sunday 2019-12-29; 2021 week 1 began 2021-01-03;
        # 2022 week 1 began 2022-01-02; 2014 had 53 weeks (2014-12-28..2015-01-03 is week 53),
        # 2015 had 52 (2015-12-27..2016-01-02 holds only two days of 2016).
        (dt.date(2019, 12, 29), (2020, 1)),
        (dt.date(2020, 10, 24), (2020, 43)),
        (dt.date(2020, 10, 25), (2020, 44)),
        (dt.date(2021, 1, 2), (2020, 53)),
        (dt.date(2021, 1, 3), (2021, 1)),
        (dt.date(2022, 1, 1), (2021, 52)),
        (dt.date(2015, 1, 3), (2014, 53)),
        (dt.date(2016, 1, 2), (2015, 52)),
    ],
)
def test_mmwr_week_matches_cdc_calendar(day: dt.date, expected: tuple[int, int]) -> None:
    assert mmwr_week(day) == expected


def test_iso_and_mmwr_differ_for_kashgar_dates() -> None:
    # 24 October 2020 was a Saturday: ISO week 43 (Mon 19 Oct), MMWR week 43 (Sun 18 Oct);
    # 25 October, a Sunday, opens MMWR week 44 but is still ISO week 43.
    assert iso_week(dt.date(2020, 10, 25)) == (2020, 43)
    assert mmwr_week(dt.date(2020, 10, 25)) == (2020, 44)
    assert week_label(dt.date(2020, 10, 25), "iso") == "2020-W43"
    assert week_label(dt.date(2020, 10, 25), "mmwr") == "2020-MMWR44"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_week_starts_are_monday_and_sunday(day: dt.date) -> None:
    iso_start = week_start(day, WeekSystem.ISO)
    mmwr_start = mmwr_week_start(day)
    assert iso_start.weekday() == 0 and 0 <= (day - iso_start).days < 7
    assert mmwr_start.weekday() == 6 and 0 <= (day - mmwr_start).days < 7
    # All days of one MMWR week share its (year, week).
    assert mmwr_week(day) == mmwr_week(mmwr_start)
    year, week = mmwr_week(day)
    assert 1 <= week <= 53 and year in (day.year - 1, day.year, day.year + 1)


@given(st.dates(), st.integers(min_value=-5000, max_value=5000))
def test_sim_day_round_trip(start: dt.date, offset: int) -> None:
    try:
        day = start + dt.timedelta(days=offset)
    except OverflowError:
        return
    assert from_sim_day(to_sim_day(day, start), start) == day


def test_parse_date() -> None:
    assert parse_date("2020-10-24") == dt.date(2020, 10, 24)
    assert parse_date("2020-10-24T14:00") == dt.date(2020, 10, 24)
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_date("24/10/2020")
