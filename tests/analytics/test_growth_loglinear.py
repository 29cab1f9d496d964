"""The log-linear growth fit of R's incidence 1.7.3 (``fit``, ``fit_optim_split``) and sliding
windows, against incidence's published output on ``outbreaks::ebola_sim`` (see
tests/data/analytics_SOURCES.md) and against ordinary least squares written out independently."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flareup.analytics.growth import (
    GrowthFit,
    fit_growth,
    fit_loglinear,
    fit_loglinear_split,
    fit_optim_split,
    growth_windows,
)
from flareup.errors import EstimationError, InputError

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def weekly() -> pd.DataFrame:
    return pd.read_csv(DATA / "analytics_ebola_sim_weekly.csv", parse_dates=["date"])


def _quantities(fit: GrowthFit) -> dict[str, float]:
    kind, t, lo, hi = fit.time_interval()
    return {"r": fit.r, "r_low": fit.r_low, "r_high": fit.r_high,
            kind: t, f"{kind}_low": lo, f"{kind}_high": hi}  # fmt: skip


def _lm_reference(y: np.ndarray, t: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    # Textbook OLS (design matrix, lstsq, residual variance, t quantile), not the package's code.
    keep = y > 0
    x = np.column_stack([np.ones(keep.sum()), t[keep]])
    ly = np.log(y[keep])
    beta = np.linalg.lstsq(x, ly, rcond=None)[0]
    resid = ly - x @ beta
    df = keep.sum() - 2
    cov = (resid @ resid / df) * np.linalg.inv(x.T @ x)
    q = stats.t.ppf(0.5 + level / 2, df)
    se = math.sqrt(cov[1, 1])
    return beta[1], beta[1] - q * se, beta[1] + q * se


def test_agrees_with_incidence_1_7_3_published_fits(weekly: pd.DataFrame) -> None:
    expected = pd.read_csv(DATA / "analytics_incidence_fit_expected.csv", dtype=str)
    got: dict[tuple[str, str, str], dict[str, float]] = {}
    early = fit_loglinear(weekly.cases[:20], weekly.date[:20], interval=7)
    got["early", "cases", ""] = _quantities(early)
    before, after = fit_loglinear_split(weekly.cases, weekly.date, split="2014-10-15", interval=7)
    got["split", "cases", "before"] = _quantities(before)
    got["split", "cases", "after"] = _quantities(after)
    for col in ("cases", "cases_f", "cases_m"):
        res = fit_optim_split(weekly[col], weekly.date, interval=7)
        split = expected.loc[(expected.case == "optim") & (expected.series == col), "split"]
        assert str(res.split.date()) == split.iloc[0]
        got["optim", col, "before"] = _quantities(res.before)
        got["optim", col, "after"] = _quantities(res.after)
    assert len(expected) == 40
    for row in expected.fillna("").itertuples():
        value = got[row.case, row.series, row.part][row.quantity]
        # R prints 7 significant digits: agreement to 1e-6 relative is within its rounding.
        assert value == pytest.approx(float(row.value), rel=1e-6, abs=1e-9), row


def test_optim_split_scores_match_incidence_mean_adjusted_r2(weekly: pd.DataFrame) -> None:
    published = pd.read_csv(DATA / "analytics_incidence_optim_scores.csv", parse_dates=["dates"])
    for col in ("cases", "cases_f", "cases_m"):
        res = fit_optim_split(weekly[col], weekly.date, interval=7)
        assert list(res.scores["dates"]) == list(published["dates"])
        np.testing.assert_allclose(res.scores["mean_R2"], published[col], rtol=1e-6)


def test_matches_textbook_least_squares_with_zero_days_dropped() -> None:
    rng = np.random.default_rng(11)
    y = rng.poisson(2.0 * np.exp(0.09 * np.arange(25))).astype(float)
    y[[1, 4, 7]] = 0  # zero days are dropped, as incidence does
    dates = pd.date_range("2020-10-20", periods=y.size)
    fit = fit_loglinear(y, dates)
    r, lo, hi = _lm_reference(y, np.arange(y.size) + 0.5)
    assert (fit.r, fit.r_low, fit.r_high) == pytest.approx((r, lo, hi), rel=1e-10)
    assert fit.n_zero_dropped == int((y == 0).sum())
    assert fit.df_resid == int((y > 0).sum()) - 2
    # Day 0 of R's regression is the first kept day (origin); the intercept reported is, as the
    # GLM's, the log expected count of the window's first day.
    first = int(np.flatnonzero(y > 0)[0])
    assert fit.origin == dates[first]
    keep = y > 0
    slope, icpt = np.polyfit(np.arange(y.size)[keep] - first + 0.5, np.log(y[keep]), 1)
    assert fit.intercept == pytest.approx(icpt + slope * (0.5 - first), rel=1e-10)
    # A 90% interval is narrower and is the t quantile at 0.95.
    fit90 = fit_loglinear(y, dates, level=0.9)
    assert fit90.r_high - fit90.r_low < fit.r_high - fit.r_low
    assert fit90.r == pytest.approx(fit.r)


def test_exact_exponential_is_fitted_exactly_like_the_glm() -> None:
    y = 3.0 * np.exp(0.15 * np.arange(12))
    assert fit_loglinear(y).r == pytest.approx(0.15, abs=1e-12)
    assert fit_growth(y).r == pytest.approx(0.15, abs=1e-9)


def test_window_and_guards() -> None:
    dates = pd.date_range("2020-01-01", periods=10)
    y = np.array([0, 0, 1, 0, 0, 0, 2, 0, 0, 0], dtype=float)
    with pytest.raises(EstimationError, match="at least 3 bins with cases"):
        fit_loglinear(y, dates)
    with pytest.raises(InputError, match="consecutive bins 7 day"):
        fit_loglinear([1, 2, 3], pd.date_range("2020-01-01", periods=3), interval=7)
    with pytest.raises(InputError, match="non-negative"):
        fit_loglinear([1, -2, 3])
    with pytest.raises(InputError, match="window"):
        fit_optim_split(np.arange(1, 30.0), window=-1)
    fit = fit_loglinear(np.arange(1, 11.0), dates, start="2020-01-03", end=7)
    assert fit.date_start == dates[2] and fit.date_end == dates[7] and fit.n_days == 6


def test_growth_windows_match_single_fits() -> None:
    rng = np.random.default_rng(5)
    y = rng.poisson(5 * np.exp(0.05 * np.arange(30))).astype(float)
    dates = pd.date_range("2020-10-01", periods=30)
    for method in ("loglinear", "poisson"):
        tab = growth_windows(y, dates, window=7, method=method)  # type: ignore[arg-type]
        assert len(tab) == 24
        row = tab.iloc[10]
        one = (fit_loglinear if method == "loglinear" else fit_growth)(y[10:17], dates[10:17])
        assert row["r"] == pytest.approx(one.r, rel=1e-12)
        assert row["date_start"] == dates[10] and row["date_end"] == dates[16]
    # A window with too few cases is NaN with a note, not an error.
    y2 = np.array([0, 0, 0, 0, 0, 1, 3, 5, 8, 12], dtype=float)
    tab = growth_windows(y2, window=4)
    assert math.isnan(tab["r"].iloc[0]) and "at least 3" in tab["note"].iloc[0]
    assert np.isfinite(tab["r"].iloc[-1]) and pd.isna(tab["note"].iloc[-1])
    with pytest.raises(InputError, match="window"):
        growth_windows(y2, window=2)
