"""Hand-built frames for the risk tests: one county with two townships, day 0 = 2020-01-01."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

DAY0 = pd.Timestamp("2020-01-01")
COUNTY, T1, T2 = "100", "100001", "100002"


def day(i: int) -> pd.Timestamp:
    """Date of day ``i`` (day 0 = 2020-01-01)."""
    return DAY0 + pd.Timedelta(days=i)


def areas(population: float | None = 200_000) -> pd.DataFrame:
    """A province, a county with a population, and two townships without one."""
    return pd.DataFrame(
        {
            "code": ["1", COUNTY, T1, T2],
            "name_en": ["Province", "County", "Town One", "Town Two"],
            "name_alt": [None, None, "T1", "T2"],
            "level": ["province", "county", "township", "township"],
            "parent_code": [None, "1", COUNTY, COUNTY],
            "population": pd.array([None, population, None, None], dtype="Float64"),
        }
    )


def counts(
    series: Mapping[str, Mapping[int, int]], area: str = COUNTY, days: int | None = None
) -> pd.DataFrame:
    """Tidy counts from {metric: {day: value}}; ``days`` adds a zero row so the range runs on."""
    rows = [
        {"area": area, "date": day(d), "metric": m, "value": int(v)}
        for m, by_day in series.items()
        for d, v in by_day.items()
    ]
    if days is not None:
        first = next(iter(series)) if series else "confirmed_new"
        if not any(r["metric"] == first and r["date"] == day(days - 1) for r in rows):
            rows.append({"area": area, "date": day(days - 1), "metric": first, "value": 0})
    return pd.DataFrame(rows, columns=["area", "date", "metric", "value"])


def clusters(days_: Sequence[int], area: str = COUNTY) -> pd.DataFrame:
    """Cluster flags on the given days."""
    return pd.DataFrame({"area": area, "date": [day(d) for d in days_]})


def rounds(by_day: Mapping[int, tuple[int, int]], area: str = COUNTY) -> pd.DataFrame:
    """Testing rounds {day: (tested, positive)}."""
    return pd.DataFrame(
        [{"area": area, "date": day(d), "tested": t, "positive": p} for d, (t, p) in by_day.items()]
    )


def levels(result, area: str = COUNTY) -> list[str | None]:  # type: ignore[no-untyped-def]
    """The level column of one area, day by day."""
    d = result.daily[result.daily["area"] == area].sort_values("date")
    return [None if pd.isna(x) else x for x in d["level"]]


def row(result, i: int, area: str = COUNTY) -> pd.Series:  # type: ignore[no-untyped-def]
    """The daily row of ``area`` on day ``i``."""
    d = result.daily
    return d[(d["area"] == area) & (d["date"] == day(i))].iloc[0]
