"""Invariants of the step-down rules, on random daily series (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from risk_helpers import COUNTY, areas, day, rounds

from flareup.risk import classify, load_rules

RANK = {"low": 0, "medium": 1, "high": 2}
C2020 = load_rules("china-2020")
C2022 = load_rules("china-2022")
DAYS = 70

# sparse outbreaks (a few case days), so that quiet periods and step-downs actually happen
daily = st.dictionaries(st.integers(0, DAYS - 1), st.sampled_from([1, 3, 20, 60]), max_size=6).map(
    lambda events: [events.get(i, 0) for i in range(DAYS)]
)
flag_days = st.sets(st.integers(0, DAYS - 1), max_size=6)
fast = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _frame(values: list[int], metric: str = "confirmed_new") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": COUNTY,
            "date": [day(i) for i in range(len(values))],
            "metric": metric,
            "value": values,
        }
    )


def _ranks(rules, values, flags, tests=None) -> np.ndarray:  # type: ignore[no-untyped-def]
    cl = pd.DataFrame({"area": COUNTY, "date": [day(d) for d in sorted(flags)]})
    res = classify(
        rules, _frame(values), areas(), clusters=cl, testing=tests, target_areas=[COUNTY]
    )
    own = res.daily[res.daily["area"] == COUNTY].sort_values("date")
    assert len(own) == len(values)
    return np.array([RANK[x] for x in own["level"]])


@fast
@given(daily, flag_days)
def test_china2020_never_falls_before_the_quiet_period(values: list[int], flags: set[int]) -> None:
    r = _ranks(C2020, values, flags)
    c = np.array(values)
    for t in range(1, DAYS):
        if r[t] < r[t - 1]:
            assert r[t - 1] - r[t] == 1  # one step at a time
            assert t >= 14 and c[t - 13 : t + 1].sum() == 0  # 14 quiet days (t-13..t)
            assert (r[t - 14 : t] >= r[t - 1]).all()  # and the level was held that long


@fast
@given(daily, st.lists(st.integers(0, 30), min_size=DAYS, max_size=DAYS), flag_days)
def test_china2020_more_cases_never_lower_the_level(
    values: list[int], extra: list[int], flags: set[int]
) -> None:
    base = _ranks(C2020, values, flags)
    more = _ranks(C2020, [v + e for v, e in zip(values, extra, strict=True)], flags)
    assert (more >= base).all()


@fast
@given(daily, st.lists(st.integers(0, 3), min_size=DAYS, max_size=DAYS), flag_days)
def test_china2022_more_infections_never_lower_the_level_and_quiet_periods_hold(
    values: list[int], extra: list[int], round_days: set[int]
) -> None:
    tests = rounds({d: (1000, 0) for d in round_days})
    base = _ranks(C2022, values, set(), tests)
    more_values = [v + e for v, e in zip(values, extra, strict=True)]
    more = _ranks(C2022, more_values, set(), tests)
    assert (more >= base).all()
    c = np.array(values)
    for t in range(1, DAYS):
        if base[t - 1] == 2 and base[t] < 2:
            assert t >= 7 and c[t - 6 : t + 1].sum() == 0 and t in round_days
        if base[t - 1] == 1 and base[t] == 0:
            assert (base[t - 3 : t] == 1).all()
