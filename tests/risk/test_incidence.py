"""incidence-threshold (ECDC combined indicator, Council Recommendation (EU) 2020/1475).

Arithmetic, for a county of 200,000: a 14-day rate of r per 100,000 needs 2r cases in 14 days;
positivity = positives / tests over the last 7 days; testing rate = tests per 100,000 over the
last 7 days. Green (low): rate < 25 and positivity < 4%; orange (medium): rate < 50 and
positivity >= 4%, or 25 <= rate <= 150 and positivity < 4%; red (high): rate >= 50 and
positivity >= 4%, or rate > 150; grey (no level): testing rate <= 300 or no positivity.
"""

from __future__ import annotations

import pandas as pd
import pytest
from risk_helpers import areas, counts, day, rounds, row

from flareup.errors import InputError
from flareup.risk import classify, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules("incidence-threshold")


def _one(rules, cases14: int, tests: int, positives: int, pop: float = 200_000):
    """Cases on day 0 (14-day sum = cases14 on day 13), one testing round on day 13."""
    c = counts({"confirmed_new": {0: cases14, 13: 0}})
    res = classify(rules, c, areas(pop), testing=rounds({13: (tests, positives)}))
    return row(res, 13)


@pytest.mark.parametrize(
    ("cases14", "positives", "level"),
    [
        (100, 100, "high"),  # 50.0 per 100k, 5%: red
        (99, 100, "medium"),  # 49.5, 5%: orange
        (99, 60, "medium"),  # 49.5, 3%: orange (25-150, < 4%)
        (40, 60, "low"),  # 20, 3%: green
        (49, 79, "low"),  # 24.5, 3.95%: green
        (50, 79, "medium"),  # 25.0, 3.95%: orange
        (300, 20, "medium"),  # exactly 150, 1%: orange (150 is not above 150)
        (302, 20, "high"),  # 151, 1%: red
    ],
)
def test_ecdc_cut_offs(rules, cases14: int, positives: int, level: str) -> None:
    r = _one(rules, cases14, tests=2000, positives=positives)  # 2000 tests = 1000 per 100k
    assert r["level"] == level
    assert r["rate14"] == pytest.approx(cases14 / 2)
    assert r["positivity"] == pytest.approx(positives / 2000)


def test_rates_per_100k_over_7_and_14_days(rules) -> None:
    c = counts({"confirmed_new": {0: 10, 8: 7, 13: 0}})
    res = classify(rules, c, areas(100_000), testing=rounds({13: (1000, 0)}))
    r = row(res, 13)
    assert r["rate14"] == pytest.approx(17.0)
    assert r["rate7"] == pytest.approx(7.0)  # days 7..13 hold only the 7 of day 8
    assert r["testing_rate"] == pytest.approx(1000.0)


def test_low_testing_rate_is_grey_no_level(rules) -> None:
    grey = _one(rules, 40, tests=600, positives=0)  # 300 per 100k: at most 300
    ok = _one(rules, 40, tests=602, positives=0)  # 301 per 100k
    assert pd.isna(grey["level"]) and "insufficient data" in grey["reason"]
    assert ok["level"] == "low"


def test_cases_without_population_are_refused(rules) -> None:
    c = counts({"confirmed_new": {0: 5}})
    with pytest.raises(InputError) as err:
        classify(rules, c, areas(None), testing=rounds({0: (1000, 0)}))
    assert err.value.field == "population"


def test_no_waiting_period(rules) -> None:
    c = counts({"confirmed_new": {0: 400, 14: 0}})
    res = classify(rules, c, areas(), testing=rounds({d: (2000, 0) for d in range(15)}))
    assert row(res, 13)["level"] == "high" and row(res, 14)["level"] == "low"
    assert row(res, 13)["next_downgrade"] == day(14)


def test_round_reported_for_county_and_township_is_not_counted_twice(rules) -> None:
    # the county reports 2000 tests, 100 positive; its township reports 500 of the same tests
    t = pd.concat([rounds({13: (2000, 100)}), rounds({13: (500, 50)}, area="100001")])
    res = classify(rules, counts({"confirmed_new": {0: 100, 13: 0}}), areas(), testing=t)
    r = row(res, 13)
    assert r["testing_rate"] == pytest.approx(1000.0) and r["positivity"] == pytest.approx(0.05)


def test_unknown_positives_leave_positivity_unknown(rules) -> None:
    t = rounds({12: (2000, 0)})
    t = pd.concat(
        [t, pd.DataFrame([{"area": "100", "date": day(13), "tested": 2000, "positive": None}])]
    )
    r = row(classify(rules, counts({"confirmed_new": {0: 10, 13: 0}}), areas(), testing=t), 13)
    assert pd.isna(r["positivity"]) and pd.isna(r["level"])


def test_aggregate_without_population_gets_no_level_not_a_guess(rules) -> None:
    # the county has no population and no figures of its own: its townships' sum has no rate
    a = areas(None)
    a.loc[a["code"] == "100001", "population"] = 50_000
    c = counts({"confirmed_new": {0: 10, 13: 0}}, area="100001")
    res = classify(rules, c, a, testing=rounds({13: (2000, 0)}, area="100001"))
    assert "population unknown" in row(res, 13, "100")["reason"]
    assert pd.isna(row(res, 13, "100")["level"])
    assert row(res, 13, "100001")["rate14"] == pytest.approx(20.0)
