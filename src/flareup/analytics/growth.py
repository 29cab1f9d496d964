"""Exponential growth rate, doubling/halving time, and growth rate -> reproduction number.

The growth rate ``r`` is the slope of a log-linear count model ``log E[y_t] = b0 + r t``, fitted
by maximum likelihood with iteratively reweighted least squares (McCullagh & Nelder 1989,
*Generalized Linear Models*, ch. 2): Poisson, or negative binomial (NB2, variance
``mu + mu^2/theta``) with ``theta`` by maximum likelihood (as MASS::glm.nb, Venables & Ripley
2002). 95% Wald intervals from the Fisher information. Doubling time ``ln 2 / r``.

``r -> R`` for a gamma generation interval: Wallinga J, Lipsitch M. How generation intervals
shape the relationship between growth rates and reproductive numbers. *Proc R Soc B*
2007;274:599-604, eq. 3.2: ``R = (1 + r * scale)^shape``.

The log-linear least-squares fit of R's *incidence* package (Jombart & Kamvar, incidence 1.7.3,
``fit`` and ``fit_optim_split``; https://github.com/reconhub/incidence, R/fit.R) is offered
beside the GLM so that results can be compared with R users' directly: ``lm(log(counts) ~ t)``
on the bins with a non-zero count (zero bins are dropped, as incidence does), ``t`` the bin's
centre in days since the first kept bin, Student-t intervals on ``n - 2`` degrees of freedom
(:func:`fit_loglinear`); the two-phase fit either side of a split date and the split that
maximises the mean adjusted R^2 within ``timespan / 4`` days of the peak (:func:`fit_optim_split`);
and growth rates in sliding windows (:func:`growth_windows`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.special import gammaln, ndtri, stdtrit

from flareup.errors import EstimationError, InputError

Family = Literal["poisson", "negbin"]
Method = Literal["poisson", "negbin", "loglinear"]
LN2 = math.log(2.0)

#: A growth fit's columns in a tidy frame, as R's i2extras (``growth_rate()`` by Tim Taylor,
#: https://search.r-project.org/CRAN/refmans/i2extras/html/growth_rate.html, source
#: https://rdrr.io/cran/i2extras/src/R/growth_rate.R) names them: the same names whether the
#: epidemic grows or decays (``growth_or_decay`` says which; ``time`` is the doubling time for
#: growth and the halving time for decay, in days).
GROWTH_COLUMNS: tuple[str, ...] = (
    "r",
    "r_lower",
    "r_upper",
    "growth_or_decay",
    "time",
    "time_lower",
    "time_upper",
)


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
    #: log expected count on the window's first day (bin), for the GLM and the log-linear fit
    intercept: float = math.nan
    #: the window's counts and dates, kept for :meth:`plot`
    observed: np.ndarray | None = field(default=None, repr=False, compare=False)
    dates: pd.DatetimeIndex | None = field(default=None, repr=False, compare=False)
    # Log-linear (least-squares) fits only, as R's lm reports them:
    df_resid: int | None = None  # residual degrees of freedom (n - 2)
    origin: pd.Timestamp | None = None  # day 0 of the regression (first kept bin's start)
    r_squared: float | None = None
    adj_r_squared: float | None = None
    n_zero_dropped: int = 0  # bins with a zero count left out of the regression

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

    def tidy(self) -> dict[str, Any]:
        """The rate and its doubling or halving time under the names i2extras'
        ``growth_rate()`` gives them (:data:`GROWTH_COLUMNS`): ``r``, ``r_lower``, ``r_upper``,
        ``growth_or_decay`` (``growth`` or ``decay``), ``time``, ``time_lower``,
        ``time_upper`` (days; the doubling time for growth, the halving time for decay). The
        names stay the same when an epidemic turns, so a script reading them keeps working."""
        kind, est, low, high = self.time_interval()
        return {
            "r": self.r,
            "r_lower": self.r_low,
            "r_upper": self.r_high,
            "growth_or_decay": "growth" if kind == "doubling" else "decay",
            "time": est,
            "time_lower": low,
            "time_upper": high,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, with the columns of :meth:`tidy` (the doubling/halving time)."""
        d = asdict(self)
        d.pop("observed", None)
        d.pop("dates", None)
        d.update(self.tidy())
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


def _undetermined(y: np.ndarray) -> str:
    """Why the counts ``y`` fix no growth rate (the fit's information matrix is singular)."""
    where = "first" if y[0] == y.sum() else "last" if y[-1] == y.sum() else None
    return "the counts determine no growth rate: " + (
        f"every case is on the window's {where} day (the rate is infinite)"
        if where
        else "the fit's information matrix is singular"
    )


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
    if y[0] == y.sum() or y[-1] == y.sum():
        # the log-linear likelihood has a finite maximum only where the case-weighted mean day
        # lies strictly inside the window: every case on its first (or last) day sends r to
        # -infinity (+infinity), and the fit to a singular information matrix
        raise EstimationError(_undetermined(y))
    theta: float | None = None
    if family == "negbin":
        # Profile the likelihood over log(theta); large theta is the Poisson limit.
        def negll(log_theta: float) -> float:
            th = math.exp(log_theta)
            beta, _ = _irls(t, y, th)
            return -_nb_loglik(y, np.exp(beta[0] + beta[1] * t), th)

        from scipy.optimize import minimize_scalar  # lazily: keeps `import` fast

        try:
            res = minimize_scalar(
                negll, bounds=(-5.0, 15.0), method="bounded", options={"xatol": 1e-6}
            )
        except np.linalg.LinAlgError:
            raise EstimationError(_undetermined(y)) from None
        theta = math.exp(float(res.x))
    try:
        beta, cov = _irls(t, y, theta)
    except np.linalg.LinAlgError:
        # cases on one day alone (the rest zeros): the likelihood rises without bound as r
        # runs to +-infinity, and the information matrix becomes singular
        raise EstimationError(_undetermined(y)) from None
    se = float(math.sqrt(max(cov[1, 1], 0.0)))
    z = float(ndtri(0.5 + level / 2))
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


def _series(counts: Any, dates: Any, interval: int) -> tuple[np.ndarray, pd.DatetimeIndex | None]:
    # Validated counts (finite, >= 0) and their bin start dates, ``interval`` days apart.
    y = np.asarray(counts, dtype=float).ravel()
    if y.size and (not np.isfinite(y).all() or (y < 0).any()):
        i = int(np.flatnonzero(~np.isfinite(y) | (y < 0))[0])
        raise InputError(
            f"counts must be finite and non-negative; bin {i + 1} has {y[i]}",
            row=i + 1,
            field="value",
        )
    if not (isinstance(interval, int | np.integer) and 1 <= interval <= 366):
        raise InputError(
            f"must be a whole number of days in 1..366, got {interval}", field="interval"
        )
    if dates is None:
        return y, None
    d = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates)))
    if d.size != y.size:
        raise InputError(f"{d.size} dates for {y.size} counts", field="dates")
    days = d.to_numpy().astype("datetime64[D]").astype(np.int64)
    if d.size > 1 and not (np.diff(days) == interval).all():
        raise InputError(f"dates must be consecutive bins {interval} day(s) apart", field="dates")
    return y, d


def _ols_loglinear(
    y: np.ndarray, k: np.ndarray, interval: int, level: float
) -> dict[str, float] | None:
    """``lm(log(y) ~ t)`` on the bins with ``y > 0``, as incidence's ``fit``; None if < 2 kept.

    ``t`` is the bin centre in days from the first kept bin (incidence's
    ``get_dates(position = "center", count_days = TRUE)``), so the intercept is the log count at
    the first kept bin's start.
    """
    keep = y > 0
    if keep.sum() < 2:
        return None
    kk = k[keep]
    t = (kk - kk[0]) * float(interval) + interval / 2.0
    ly = np.log(y[keep])
    n = ly.size
    tbar, ybar = t.mean(), ly.mean()
    sxx = float(((t - tbar) ** 2).sum())
    slope = float(((t - tbar) * (ly - ybar)).sum() / sxx)
    icpt = float(ybar - slope * tbar)
    resid = ly - (icpt + slope * t)
    rss = float(resid @ resid)
    tss = float(((ly - ybar) ** 2).sum())
    df = n - 2
    nan = float("nan")
    se = math.sqrt(rss / df / sxx) if df > 0 else nan
    q = float(stdtrit(df, 0.5 + level / 2)) if df > 0 else nan
    r2 = 1.0 - rss / tss if tss > 0 else nan
    adj = 1.0 - (1.0 - r2) * (n - 1) / df if df > 0 else nan
    return {
        "r": slope,
        "r_low": slope - q * se,
        "r_high": slope + q * se,
        "se": se,
        "intercept": icpt,
        "df": float(df),
        "r2": r2,
        "adj": adj,
        "first": float(kk[0]),
        "dropped": float((~keep).sum()),
    }


def _loglinear_fit(
    y: np.ndarray,
    d: pd.DatetimeIndex | None,
    lo: int,
    hi: int,
    interval: int,
    level: float,
) -> GrowthFit:
    k = np.arange(lo, hi + 1)
    seg = y[lo : hi + 1]
    res = _ols_loglinear(seg, k, interval, level)
    kept = int((seg > 0).sum())
    if res is None or kept < 3:
        raise EstimationError(
            f"a log-linear fit needs at least 3 bins with cases (zero bins are dropped); "
            f"bins {lo + 1}..{hi + 1} have {kept}"
        )
    first = int(res["first"])
    return GrowthFit(
        r=res["r"],
        r_low=res["r_low"],
        r_high=res["r_high"],
        se=res["se"],
        family="loglinear",
        theta=None,
        n_days=int(seg.size) * interval,
        n_cases=float(seg.sum()),
        date_start=None if d is None else d[lo],
        date_end=None if d is None else d[hi] + pd.Timedelta(days=interval - 1),
        level=level,
        df_resid=int(res["df"]),
        # as the GLM's: the log expected count of the window's first bin (R's own intercept is
        # at the bin centre ``interval / 2`` days after ``origin``, the first kept bin)
        intercept=res["intercept"] + res["r"] * ((lo - first) * interval + interval / 2.0),
        observed=seg.copy(),
        dates=None if d is None else d[lo : hi + 1],
        origin=None if d is None else d[first],
        r_squared=res["r2"],
        adj_r_squared=res["adj"],
        n_zero_dropped=int(res["dropped"]),
    )


def fit_loglinear(
    counts: Any,
    dates: Any = None,
    *,
    interval: int = 1,
    start: Any = None,
    end: Any = None,
    level: float = 0.95,
) -> GrowthFit:
    """Growth rate per day by least squares on log counts, as R's ``incidence::fit`` (1.7.3).

    ``counts`` are per bin of ``interval`` days (1: daily; 7: weekly), ``dates`` the bins' first
    days. Bins with a zero count are dropped (``n_zero_dropped`` says how many: log 0 is
    undefined, and dropping them biases ``r`` upwards where counts are small, which is why the
    GLM of :func:`fit_growth` is the default). The interval is Student-t on ``n - 2`` degrees of
    freedom, as ``confint(lm)``. ``start``/``end``: dates or 0-based bin indices.
    """
    y, d = _series(counts, dates, interval)
    lo, hi = 0, y.size - 1
    if start is not None:
        lo = _position(d, start, "start")
    if end is not None:
        hi = _position(d, end, "end")
    if not (0 <= lo <= hi < y.size):
        raise InputError(f"window {start}..{end} is outside the series", field="start")
    return _loglinear_fit(y, d, lo, hi, interval, level)


def fit_loglinear_split(
    counts: Any,
    dates: Any = None,
    *,
    split: Any,
    interval: int = 1,
    level: float = 0.95,
) -> tuple[GrowthFit, GrowthFit]:
    """Two log-linear fits, before and after ``split``, as ``incidence::fit(x, split = ...)``.

    The first fit takes the bins starting on or before ``split``, the second those starting on
    or after it (so a split on a bin's first day puts that bin in both, as incidence does); each
    fit has its own origin. ``split`` is a date (any day, not only a bin start) or a 0-based bin
    index.
    """
    y, d = _series(counts, dates, interval)
    if d is None or isinstance(split, int | np.integer):
        first = last = int(split)
    else:
        try:
            ts = pd.Timestamp(split)
        except ValueError:
            raise InputError(f"not an ISO date: {split!r}", field="split") from None
        last = int(d.searchsorted(ts, side="right")) - 1
        first = int(d.searchsorted(ts, side="left"))
    if not (last >= 0 and first < y.size):
        raise InputError(f"split {split} is outside the series", field="split")
    return (
        _loglinear_fit(y, d, 0, last, interval, level),
        _loglinear_fit(y, d, first, y.size - 1, interval, level),
    )


@dataclass(frozen=True, slots=True)
class OptimSplit:
    """The result of :func:`fit_optim_split`: the split, both fits, and every split's score."""

    split: pd.Timestamp | int  # a date, or a 0-based bin index without dates
    before: GrowthFit
    after: GrowthFit
    scores: pd.DataFrame  # columns ``dates`` (or ``bin``) and ``mean_R2``, as incidence's ``df``


def fit_optim_split(
    counts: Any,
    dates: Any = None,
    *,
    interval: int = 1,
    window: float | None = None,
    level: float = 0.95,
) -> OptimSplit:
    """Split the series where two log-linear fits fit best, as ``incidence::fit_optim_split``.

    Candidate splits are the bins starting within ``window / 2`` days of the peak (the first bin
    with the largest count); the default ``window`` is a quarter of the time span (first to last
    bin start, plus one day). The split maximising the mean adjusted R^2 of the two fits wins
    (the first such, as R's ``which.max``); fits with too few bins score NaN and are ignored
    in the mean, as R's ``mean(na.rm = TRUE)``.
    """
    y, d = _series(counts, dates, interval)
    if y.size == 0 or y.sum() == 0:
        raise EstimationError("no cases: no split can be fitted")
    timespan = (y.size - 1) * interval + 1
    w = timespan / 4.0 if window is None else float(window)
    start_day = np.arange(y.size, dtype=float) * interval
    peak = float(start_day[int(np.argmax(y))])
    cand = np.flatnonzero((start_day >= peak - w / 2) & (start_day <= peak + w / 2))
    if cand.size == 0:
        raise InputError(
            f"no split left to try: the window of {w:g} days around the peak is empty",
            field="window",
        )
    k = np.arange(y.size)
    scores = np.empty(cand.size)
    for j, at in enumerate(cand):
        adj = [
            res["adj"] if res is not None else np.nan
            for res in (
                _ols_loglinear(y[: at + 1], k[: at + 1], interval, level),
                _ols_loglinear(y[at:], k[at:], interval, level),
            )
        ]
        finite = [a for a in adj if np.isfinite(a)]
        scores[j] = float(np.mean(finite)) if finite else np.nan
    if not np.isfinite(scores).any():
        raise EstimationError("no candidate split leaves enough bins with cases on both sides")
    best = int(cand[int(np.nanargmax(scores))])
    frame = pd.DataFrame({"dates": d[cand] if d is not None else cand, "mean_R2": scores}).rename(
        columns={} if d is not None else {"dates": "bin"}
    )
    before, after = fit_loglinear_split(y, d, split=best, interval=interval, level=level)
    return OptimSplit(
        split=d[best] if d is not None else best, before=before, after=after, scores=frame
    )


def growth_windows(
    counts: Any,
    dates: Any = None,
    *,
    window: int,
    method: Method = "loglinear",
    interval: int = 1,
    step: int = 1,
    level: float = 0.95,
) -> pd.DataFrame:
    """Growth rates in sliding windows of ``window`` bins, one row per window end.

    ``method`` is ``loglinear`` (:func:`fit_loglinear`) or a GLM family of :func:`fit_growth`
    (daily bins only). A window where no rate can be estimated (too few cases) has NaN
    estimates and says why in ``note``. Columns: ``date_start``, ``date_end`` (or ``t_start``,
    ``t_end``, 1-based, without dates), :data:`GROWTH_COLUMNS` (``r``, ``r_lower``, ``r_upper``,
    ``growth_or_decay``, ``time``, ``time_lower``, ``time_upper``, as i2extras names them),
    ``cases``, ``zero_bins``, ``note``.
    """
    y, d = _series(counts, dates, interval)
    if method not in ("loglinear", "poisson", "negbin"):
        raise InputError(f"must be loglinear, poisson or negbin, got {method!r}", field="method")
    if method != "loglinear" and interval != 1:
        raise InputError("the GLM methods take daily counts (interval 1)", field="interval")
    if not (isinstance(window, int | np.integer) and 3 <= window <= max(3, y.size)):
        raise InputError(
            f"must be a whole number of bins in 3..{max(3, y.size)}, got {window}", field="window"
        )
    if not (isinstance(step, int | np.integer) and step >= 1):
        raise InputError(f"must be a whole number >= 1, got {step}", field="step")
    rows: list[dict[str, Any]] = []
    nan = float("nan")
    for hi in range(window - 1, y.size, step):
        lo = hi - window + 1
        row: dict[str, Any] = {}
        if d is not None:
            row["date_start"] = d[lo]
            row["date_end"] = d[hi] + pd.Timedelta(days=interval - 1)
        else:
            row["t_start"], row["t_end"] = lo + 1, hi + 1
        seg = y[lo : hi + 1]
        try:
            if method == "loglinear":
                fit = _loglinear_fit(y, d, lo, hi, interval, level)
            else:
                fit = fit_growth(seg, family=method, level=level)  # type: ignore[arg-type]
            row.update(fit.tidy(), note=None)
        except EstimationError as exc:
            row.update({c: nan for c in GROWTH_COLUMNS}, growth_or_decay=None, note=str(exc))
        row["cases"] = float(seg.sum())
        row["zero_bins"] = int((seg == 0).sum())
        rows.append(row)
    cols = (["date_start", "date_end"] if d is not None else ["t_start", "t_end"]) + [
        *GROWTH_COLUMNS, "cases", "zero_bins", "note",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


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
