"""Dates: ISO parsing, epidemiological weeks (ISO 8601 or MMWR, always said which), sim days.

ISO weeks start on Monday and week 1 holds the year's first Thursday (ISO 8601). MMWR weeks
(US CDC) start on Sunday and week 1 is the first week with at least four days in the year.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pandas is not imported at run time: the simulator's processes need none
    import pandas as pd


class WeekSystem(StrEnum):
    """Which epidemiological week convention to use."""

    ISO = "iso"
    MMWR = "mmwr"


def parse_date(value: str | dt.date | dt.datetime | pd.Timestamp) -> dt.date:
    """Parse an ISO date (``YYYY-MM-DD``; a datetime is cut to its date). Raises ValueError."""
    if isinstance(value, dt.datetime):  # pandas.Timestamp too (a datetime subclass)
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) > 10:
            return dt.datetime.fromisoformat(text).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def iso_week(day: dt.date) -> tuple[int, int]:
    """ISO 8601 (year, week) of ``day``."""
    year, week, _ = day.isocalendar()
    return year, week


def iso_week_start(day: dt.date) -> dt.date:
    """Monday starting the ISO week that holds ``day``."""
    return day - dt.timedelta(days=day.weekday())


def _mmwr_week1_start(year: int) -> dt.date:
    jan1 = dt.date(year, 1, 1)
    # Sunday-based weekday: Sunday=0 ... Saturday=6.
    sunday_wd = (jan1.weekday() + 1) % 7
    start = jan1 - dt.timedelta(days=sunday_wd)
    # Week 1 must have at least four days in the new year (Jan 1 on Sun..Wed).
    if sunday_wd > 3:
        start += dt.timedelta(days=7)
    return start


def mmwr_week(day: dt.date) -> tuple[int, int]:
    """MMWR (CDC) (year, week) of ``day``: Sunday-start weeks, week 1 has >= 4 days of the year."""
    for year in (day.year + 1, day.year, day.year - 1):
        start = _mmwr_week1_start(year)
        if day >= start:
            return year, (day - start).days // 7 + 1
    raise AssertionError("unreachable")  # pragma: no cover


def mmwr_week_start(day: dt.date) -> dt.date:
    """Sunday starting the MMWR week that holds ``day``."""
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def week_start(day: dt.date, system: WeekSystem | str) -> dt.date:
    """First day of the epidemiological week holding ``day`` under ``system``."""
    return iso_week_start(day) if WeekSystem(system) is WeekSystem.ISO else mmwr_week_start(day)


def week_label(day: dt.date, system: WeekSystem | str) -> str:
    """``2020-W44`` (ISO) or ``2020-MMWR44`` style label of the week holding ``day``."""
    if WeekSystem(system) is WeekSystem.ISO:
        year, week = iso_week(day)
        return f"{year}-W{week:02d}"
    year, week = mmwr_week(day)
    return f"{year}-MMWR{week:02d}"


def to_sim_day(day: dt.date, start: dt.date) -> int:
    """Simulation day index of ``day`` when day 0 is ``start``."""
    return (day - start).days


def from_sim_day(index: int, start: dt.date) -> dt.date:
    """Calendar date of simulation day ``index`` when day 0 is ``start``."""
    return start + dt.timedelta(days=int(index))


def date_range(start: dt.date, end: dt.date) -> np.ndarray:
    """Every day from ``start`` to ``end`` inclusive, as numpy datetime64[D]."""
    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1, dtype="datetime64[D]")
