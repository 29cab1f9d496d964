"""Exponential growth rate, doubling/halving time, and growth rate -> reproduction number.

The growth rate ``r`` is the slope of a log-linear count model ``log E[y_t] = b0 + r t``, fitted
by maximum likelihood with iteratively reweighted least squares (McCullagh & Nelder 1989,
*Generalized Linear Models*, ch. 2): Poisson, or negative binomial (NB2, variance
``mu + mu^2/theta``) with ``theta`` by maximum likelihood (as MASS::glm.nb, Venables & Ripley
2002). 95% Wald intervals from the Fisher information. Doubling time ``ln 2 / r``.

``r -> R`` for a gamma generation interval: Wallinga J, Lipsitch M. How generation intervals
shape the relationship between growth rates and reproductive numbers. *Proc R Soc B*
2007;274:599-604, eq. 3.2: ``R = (1 + r * scale)^shape``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.special import gammaln
from scipy.stats import norm

from flareup.errors import EstimationError, InputError

Family = Literal["poisson", "negbin"]
LN2 = math.log(2.0)


@dataclass(frozen=True, slots=True)
class GrowthFit:
    """A fitted growth rate per day with its interval, and what it rests on."""

    r: float
    r_low: float
    r_high: float
    se: float
    family: str
    theta: float | None  # NB dispersion (None for Poisson)
    n_days: int
    n_cases: float
    date_start: pd.Timestamp | None
    date_end: pd.Timestamp | None
    level: float = 0.95
    #: log expected count on the window's first day (the GLM's intercept)
    intercept: float = math.nan
    #: the window's counts and dates, kept for :meth:`plot`
    observed: np.ndarray | None = field(default=None, repr=False, compare=False)
    dates: pd.DatetimeIndex | None = field(default=None, repr=False, compare=False)

    @property
    def doubling_time(self) -> float:
        """ln 2 / r for growth (inf if r <= 0)."""
        return LN2 / self.r if self.r > 0 else math.inf

    @property
    def halving_time(self) -> float:
        """ln 2 / |r| for decline (inf if r >= 0)."""
        return LN2 / -self.r if self.r < 0 else math.inf

    def time_interval(self) -> tuple[str, float, float, float]:
        """(``doubling`` or ``halving``, estimate, low, high) in days.

        The interval maps the interval of ``r``; where that interval reaches across 0 the far end
        is infinite (the data do not exclude no growth).
        """
        kind = "doubling" if self.r >= 0 else "halving"
        s = 1.0 if kind == "doubling" else -1.0
        lo_r, hi_r = sorted((s * self.r_low, s * self.r_high))
        est = LN2 / (s * self.r) if s * self.r > 0 else math.inf
        low = LN2 / hi_r if hi_r > 0 else math.inf
        high = LN2 / lo_r if lo_r > 0 else math.inf
        return kind, est, low, high

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, with doubling/halving time."""
        d = asdict(self)
        d.pop("observed", None)
        d.pop("dates", None)
        kind, est, low, high = self.time_interval()
        d.update({"time_kind": kind, "time": est, "time_low": low, "time_high": high})
        return d

    def plot(self, counts: Any = None, dates: Any = None, **kwargs: Any) -> Any:
        """Altair chart of the counts (default: the fitted window) with the fitted trend
        (:func:`flareup.charts.growth_chart`); renders in Jupyter."""
        from flareup.charts.epi import growth_chart

        if counts is None:
            if self.observed is None or self.dates is None:
                from flareup.errors import InputError

                raise InputError("this fit has no dates: give counts and dates", field="dates")
            counts, dates = self.observed, self.dates
        return growth_chart(counts, dates, self, **kwargs)


def _irls(
    t: np.ndarray,
    y: np.ndarray,
    theta: float | None,
    max_iter: int = 100,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-link GLM by IRLS; returns coefficients and their covariance (Fisher information)."""
    x = np.column_stack([np.ones_like(t), t])
    # Start from a least-squares fit of log(y + 0.5): close, and defined when y has zeros.
    beta = np.linalg.lstsq(x, np.log(y + 0.5), rcond=None)[0]
    for _ in range(max_iter):
        eta = np.clip(x @ beta, -700, 700)
        mu = np.exp(eta)
        var = mu if theta is None else mu + mu**2 / theta
        wts = mu**2 / var
        z = eta + (y - mu) / mu
        xtw = x.T * wts
        new = np.linalg.solve(xtw @ x, xtw @ z)
        if np.max(np.abs(new - beta)) < 1e-12 * (1 + np.max(np.abs(beta))):
            beta = new
            break
        beta = new
    eta = x @ beta
    mu = np.exp(eta)
    var = mu if theta is None else mu + mu**2 / theta
    info = (x.T * (mu**2 / var)) @ x
    return beta, np.linalg.inv(info)


def _nb_loglik(y: np.ndarray, mu: np.ndarray, theta: float) -> float:
    return float(
        np.sum(
            gammaln(y + theta)
            - gammaln(theta)
            - gammaln(y + 1)
            + theta * np.log(theta / (theta + mu))
            + y * np.log(mu / (theta + mu))
        )
    )


def _position(d: pd.DatetimeIndex | None, when: Any, name: str) -> int:
    # A date (with dates given) or a 0-based day index -> position in the series.
    if d is None or isinstance(when, int | np.integer):
        return int(when)
    try:
        ts = pd.Timestamp(when)
    except ValueError:
        raise InputError(f"not an ISO date: {when!r}", field=name) from None
    pos = np.flatnonzero(d == ts)
    if pos.size == 0:
        raise InputError(f"{when} is not a day of the series", field=name)
    return int(pos[0])


def fit_growth(
    counts: Any,
    dates: Any = None,
    *,
    family: Family = "poisson",
    start: Any = None,
    end: Any = None,
    level: float = 0.95,
) -> GrowthFit:
    """Growth rate per day of ``counts`` (daily, consecutive) by a log-linear GLM.

    ``dates`` (optional) label the days; ``start``/``end`` cut a window (dates or 0-based day
    indices). ``family`` is ``poisson`` or ``negbin`` (overdispersed counts: wider, more honest
    intervals). Counts must be non-negative; they need not be integers (an exact exponential
    series is fitted exactly). Raises EstimationError with fewer than 3 days or no cases.
    """
    y_all = np.asarray(counts, dtype=float).ravel()
    if y_all.size and (not np.isfinite(y_all).all() or (y_all < 0).any()):
        i = int(np.flatnonzero(~np.isfinite(y_all) | (y_all < 0))[0])
        raise InputError(
            f"counts must be finite and non-negative; day {i + 1} has {y_all[i]}",
            row=i + 1,
            field="value",
        )
    if family not in ("poisson", "negbin"):
        raise InputError(f"must be 'poisson' or 'negbin', got {family!r}", field="family")
    idx = pd.RangeIndex(y_all.size)
    d = None
    if dates is not None:
        d = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates)))
        if d.size != y_all.size:
            raise InputError(f"{d.size} dates for {y_all.size} counts", field="dates")
        days = d.to_numpy().astype("datetime64[D]").astype(np.int64)
        if d.size > 1 and not (np.diff(days) == 1).all():
            raise InputError("dates must be consecutive days", field="dates")
    lo, hi = 0, y_all.size - 1
    if start is not None:
        lo = _position(d, start, "start")
    if end is not None:
        hi = _position(d, end, "end")
    if not (0 <= lo <= hi < y_all.size):
        raise InputError(f"window {start}..{end} is outside the series", field="start")
    y = y_all[lo : hi + 1]
    t = np.asarray(idx[lo : hi + 1], dtype=float) - lo
    if y.size < 3:
        raise EstimationError(f"a growth rate needs at least 3 days; the window has {y.size}")
    if y.sum() == 0:
        raise EstimationError("no cases in the window: no growth rate can be estimated")
    theta: float | None = None
    if family == "negbin":
        # Profile the likelihood over log(theta); large theta is the Poisson limit.
        def negll(log_theta: float) -> float:
            th = math.exp(log_theta)
            beta, _ = _irls(t, y, th)
            return -_nb_loglik(y, np.exp(beta[0] + beta[1] * t), th)

        res = minimize_scalar(negll, bounds=(-5.0, 15.0), method="bounded", options={"xatol": 1e-6})
        theta = math.exp(float(res.x))
    beta, cov = _irls(t, y, theta)
    se = float(math.sqrt(max(cov[1, 1], 0.0)))
    z = float(norm.ppf(0.5 + level / 2))
    r = float(beta[1])
    return GrowthFit(
        r=r,
        r_low=r - z * se,
        r_high=r + z * se,
        se=se,
        family=family,
        theta=theta,
        n_days=int(y.size),
        n_cases=float(y.sum()),
        date_start=None if d is None else d[lo],
        date_end=None if d is None else d[hi],
        level=level,
        intercept=float(beta[0]),
        observed=y.copy(),
        dates=None if d is None else d[lo : hi + 1],
    )


def gamma_shape_scale(mean: float, sd: float) -> tuple[float, float]:
    """Gamma (shape, scale) with the given mean and sd."""
    if not (mean > 0 and sd > 0):
        raise InputError(
            f"generation interval mean and sd must be > 0, got {mean}, {sd}", field="gi_mean"
        )
    return (mean / sd) ** 2, sd**2 / mean


def r_to_R(r: float | np.ndarray, mean: float, sd: float) -> float | np.ndarray:
    """Reproduction number for growth rate ``r`` and a gamma generation interval.

    Wallinga & Lipsitch (2007), eq. 3.2: ``R = 1 / M(-r) = (1 + r * scale)^shape``, with ``M`` the
    moment generating function of the interval. Undefined (NaN) where ``1 + r * scale <= 0``.
    """
    shape, scale = gamma_shape_scale(mean, sd)
    base = 1.0 + np.asarray(r, dtype=float) * scale
    out = np.where(base > 0, np.abs(base) ** shape, np.nan)
    return float(out) if np.ndim(out) == 0 else out


def R_to_r(R: float | np.ndarray, mean: float, sd: float) -> float | np.ndarray:
    """Inverse of :func:`r_to_R`: ``r = (R^(1/shape) - 1) / scale``."""
    shape, scale = gamma_shape_scale(mean, sd)
    out = (np.asarray(R, dtype=float) ** (1.0 / shape) - 1.0) / scale
    return float(out) if np.ndim(out) == 0 else out
