"""Shares with Wilson intervals; the reclassification rate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flareup.analytics.composition import (
    asymptomatic_share,
    linelist_composition,
    reclassification_rate,
    severe_share,
    wilson_interval,
)
from flareup.errors import InputError


@pytest.mark.parametrize(("k", "n"), [(0, 10), (5, 10), (3, 376), (376, 376), (1, 1)])
def test_wilson_is_the_inverted_score_test(k: int, n: int) -> None:
    # The Wilson interval is every p whose score test |p_hat - p| / sqrt(p(1-p)/n) <= z accepts.
    lo, hi = wilson_interval(k, n)
    z = stats.norm.ppf(0.975)
    phat = k / n
    for end in (lo, hi):
        if 0 < end < 1:
            assert abs(phat - end) / np.sqrt(end * (1 - end) / n) == pytest.approx(z, rel=1e-9)
    assert lo <= phat <= hi


def test_wilson_known_value() -> None:
    lo, hi = wilson_interval(0, 10)
    assert lo == 0 and hi == pytest.approx(0.2775, abs=5e-5)
    with pytest.raises(InputError):
        wilson_interval(5, 4)


def _c(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([("A", *r) for r in rows], columns=["area", "date", "metric", "value"])


def test_asymptomatic_share_counts_each_infection_once() -> None:
    c = _c(
        [
            ("2020-01-01", "asymptomatic_new", 6),
            ("2020-01-01", "confirmed_new", 4),
            ("2020-01-01", "reclassified_new", 2),
        ]
    )
    s = asymptomatic_share(c).iloc[0]
    # 6 asymptomatic among 6 + (4 - 2) = 8 infections
    assert (s["k"], s["n"]) == (6, 8) and s["share"] == pytest.approx(0.75)


def test_severe_share_and_reclassification_rate() -> None:
    c = _c(
        [
            ("2020-01-01", "confirmed_current", 45),
            ("2020-01-01", "severe_current", 3),
            ("2020-01-02", "confirmed_current", 50),
            ("2020-01-01", "asymptomatic_new", 100),
            ("2020-01-02", "reclassified_new", 12),
        ]
    )
    sev = severe_share(c)
    assert len(sev) == 1 and sev["share"].iloc[0] == pytest.approx(3 / 45)
    rr = reclassification_rate(c).iloc[0]
    assert (rr["k"], rr["n"]) == (12, 100)


def test_linelist_composition() -> None:
    cases = pd.DataFrame(
        {
            "classification": ["confirmed", "confirmed", "asymptomatic", "asymptomatic"],
            "date_reclassified": [None, "2020-01-03", None, None],
            "severity": ["severe", "mild", None, None],
        }
    )
    out = linelist_composition(cases).set_index("measure")
    assert out.loc["asymptomatic_at_detection", "k"] == 3
    assert out.loc["severe_among_confirmed", "share"] == pytest.approx(0.5)
    assert out.loc["reclassified_among_asymptomatic", "share"] == pytest.approx(1 / 3)
