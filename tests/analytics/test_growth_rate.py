"""Growth rates against exact series and direct likelihood maximisation; Wallinga-Lipsitch."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats

from flareup.analytics.growth import R_to_r, fit_growth, r_to_R
from flareup.errors import EstimationError, InputError


@pytest.mark.parametrize("family", ["poisson", "negbin"])
@pytest.mark.parametrize("r", [0.12, -0.08])
def test_exact_exponential_series_gives_its_rate(family: str, r: float) -> None:
    y = 50.0 * np.exp(r * np.arange(20))
    fit = fit_growth(y, family=family)  # type: ignore[arg-type]
    assert fit.r == pytest.approx(r, abs=1e-9)
    assert fit.r_low < r < fit.r_high
    if r > 0:
        assert fit.doubling_time == pytest.approx(math.log(2) / r, rel=1e-8)
    else:
        assert fit.halving_time == pytest.approx(math.log(2) / -r, rel=1e-8)


def test_poisson_fit_is_the_maximum_likelihood_with_fisher_se() -> None:
    rng = np.random.default_rng(3)
    t = np.arange(21)
    y = rng.poisson(8 * np.exp(0.07 * t))
    fit = fit_growth(y, family="poisson")

    def nll(b: np.ndarray) -> float:
        return -float(stats.poisson.logpmf(y, np.exp(b[0] + b[1] * t)).sum())

    best = optimize.minimize(
        nll,
        x0=[1.0, 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000},
    )
    assert fit.r == pytest.approx(best.x[1], abs=1e-6)
    # Fisher information of the Poisson log-linear model: X' diag(mu) X.
    mu = np.exp(best.x[0] + best.x[1] * t)
    x = np.column_stack([np.ones_like(t), t])
    se = math.sqrt(np.linalg.inv((x.T * mu) @ x)[1, 1])
    assert fit.se == pytest.approx(se, rel=1e-4)


def test_intervals_cover_the_true_rate() -> None:
    rng = np.random.default_rng(8)
    t = np.arange(14)
    hits = []
    for _ in range(300):
        f = fit_growth(rng.poisson(15 * np.exp(0.1 * t)), family="poisson")
        hits.append(f.r_low < 0.1 < f.r_high)
    assert 0.91 < np.mean(hits) < 0.99


def test_negbin_widens_the_interval_for_overdispersed_counts() -> None:
    rng = np.random.default_rng(4)
    t = np.arange(28)
    mu = 30 * np.exp(0.05 * t)
    y = rng.negative_binomial(2.0, 2.0 / (2.0 + mu))
    p, nb = fit_growth(y, family="poisson"), fit_growth(y, family="negbin")
    assert nb.se > 2 * p.se
    assert nb.theta is not None and 0.5 < nb.theta < 8


def test_window_by_dates_and_bad_input() -> None:
    dates = pd.date_range("2020-10-01", periods=10)
    y = 10 * np.exp(0.2 * np.arange(10))
    fit = fit_growth(y, dates, start="2020-10-03", end="2020-10-08")
    assert fit.n_days == 6 and fit.date_start == pd.Timestamp("2020-10-03")
    assert fit.r == pytest.approx(0.2, abs=1e-9)
    with pytest.raises(InputError) as e:
        fit_growth([1, -1, 2])
    assert e.value.row == 2
    with pytest.raises(EstimationError):
        fit_growth([0, 0, 0, 0])
    with pytest.raises(EstimationError):
        fit_growth([1, 2])


@pytest.mark.parametrize(("mean", "sd"), [(4.7, 2.9), (2.6, 1.5), (6.0, 6.0)])
@pytest.mark.parametrize("r", [-0.1, 0.05, 0.2])
def test_wallinga_lipsitch_against_the_euler_lotka_integral(
    mean: float, sd: float, r: float
) -> None:
    # 1/R = integral of exp(-r a) g(a) da (Wallinga & Lipsitch 2007, eq. 2.7).
    shape, scale = (mean / sd) ** 2, sd**2 / mean
    g = stats.gamma(shape, scale=scale)
    inv, _ = integrate.quad(
        lambda a: math.exp(-r * a + g.logpdf(a)) if a > 0 else 0.0,
        0,
        np.inf,
        epsabs=1e-13,
        epsrel=1e-11,
        limit=200,
    )
    assert r_to_R(r, mean, sd) == pytest.approx(1 / inv, rel=1e-7)
    assert R_to_r(r_to_R(r, mean, sd), mean, sd) == pytest.approx(r, abs=1e-12)


def test_wallinga_lipsitch_special_cases() -> None:
    # Exponential interval (sd = mean): R = 1 + r T; r = 0 gives R = 1.
    assert r_to_R(0.1, 5.0, 5.0) == pytest.approx(1.5)
    assert r_to_R(0.0, 4.7, 2.9) == 1.0


def test_tidy_columns_keep_their_names_when_the_epidemic_turns() -> None:
    """``growth`` named its columns doubling_* when rising and halving_* when falling, so a
    script broke when an epidemic turned. The tidy row and the sliding windows now carry
    i2extras' ``growth_rate()`` names whatever the sign of r, and ``time`` is ln 2 / |r|."""
    from flareup.analytics.growth import GROWTH_COLUMNS, growth_windows

    t = np.arange(30)
    rising = fit_growth(20.0 * np.exp(0.1 * t), family="poisson").tidy()
    falling = fit_growth(400.0 * np.exp(-0.05 * t), family="poisson").tidy()
    assert tuple(rising) == tuple(falling) == GROWTH_COLUMNS
    assert GROWTH_COLUMNS == (
        "r", "r_lower", "r_upper", "growth_or_decay", "time", "time_lower", "time_upper",
    )  # fmt: skip
    assert (rising["growth_or_decay"], falling["growth_or_decay"]) == ("growth", "decay")
    assert rising["time"] == pytest.approx(math.log(2) / 0.1, rel=1e-8)
    assert falling["time"] == pytest.approx(math.log(2) / 0.05, rel=1e-8)
    # the interval of the time maps r's: the faster end of r is the shorter time
    assert falling["time_lower"] == pytest.approx(math.log(2) / -falling["r_lower"], rel=1e-12)
    assert falling["time_upper"] == pytest.approx(math.log(2) / -falling["r_upper"], rel=1e-12)
    # up then down: one frame, one set of names, both words in growth_or_decay
    y = np.concatenate([10.0 * np.exp(0.2 * np.arange(15)), 200.0 * np.exp(-0.2 * np.arange(15))])
    w = growth_windows(y, window=7, method="poisson")
    assert set(GROWTH_COLUMNS) <= set(w.columns)
    assert not [c for c in w.columns if "doubling" in c or "halving" in c]
    assert w["growth_or_decay"].iloc[0] == "growth" and w["growth_or_decay"].iloc[-1] == "decay"


@pytest.mark.parametrize("family", ["poisson", "negbin"])
def test_cases_on_one_edge_day_alone_have_no_finite_growth_rate(family: str) -> None:
    """``state --linelist`` ended in a LinAlgError traceback: the last 14 days by onset held
    cases on their first day only. The Poisson/NB log-linear likelihood then rises without
    bound as r -> -infinity (the case-weighted mean day must lie strictly inside the window
    for a finite maximum), so the fit says it cannot estimate instead of crashing; one case
    day in the middle of the window still has its finite maximum."""
    with pytest.raises(EstimationError, match="first day"):
        fit_growth(np.array([5.0] + [0.0] * 13), family=family)  # type: ignore[arg-type]
    with pytest.raises(EstimationError, match="last day"):
        fit_growth(np.array([0.0] * 13 + [5.0]), family=family)  # type: ignore[arg-type]
    fit = fit_growth(np.array([0.0] * 6 + [5.0] + [0.0] * 7), family="poisson")
    assert math.isfinite(fit.r)
