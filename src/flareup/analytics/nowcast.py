"""Nowcast of recent counts by onset date that are not yet fully reported.

Method: delay inflation with a negative-binomial predictive and a bootstrap over the delay
distribution. A case with onset on day ``t`` is reported by ``as_of`` with probability
``F(as_of - t)``, the reporting-delay CDF (Lawless 1994, *Can J Stat* 22:15-31). Given ``n_t``
cases reported so far, with a Jeffreys prior on the Poisson rate the not-yet-reported count is
NegBin(size ``n_t + 1/2``, prob ``F``); resampling the observed delays carries the uncertainty
of ``F`` into the interval. This is the simple end of the nowcasting family reviewed by Höhle M,
an der Heiden M. Bayesian nowcasting during the STEC O104:H4 outbreak in Germany, 2011.
*Biometrics* 2014;70:993-1002 (whose full model also lets the delay change over time).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from flareup.analytics.delays import DelayDistribution, delay_distribution, reporting_delays
from flareup.errors import DataTooThinWarning, EstimationError, InputError
from flareup.rng import SeedLike, generator


def onset_series(
    cases: pd.DataFrame, *, date_col: str = "date_onset", as_of: pd.Timestamp | str | None = None
) -> pd.Series:
    """Daily counts of cases by ``date_col`` (zeros on days with none), up to ``as_of``."""
    d = pd.to_datetime(cases[date_col]).dt.normalize().dropna()
    if d.empty:
        raise InputError(f"no case has a {date_col}", field=date_col)
    end = pd.Timestamp(as_of).normalize() if as_of is not None else d.max()
    cal = pd.date_range(d.min(), end, freq="D", name="date")
    return d[d <= end].value_counts().reindex(cal, fill_value=0).astype("int64")


def nowcast(
    observed: pd.Series,
    delay: DelayDistribution,
    *,
    as_of: pd.Timestamp | str | None = None,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: SeedLike = None,
) -> pd.DataFrame:
    """Nowcast each day of ``observed`` (daily counts by onset, DatetimeIndex, as known at ``as_of``).

    Returns ``[date, observed, days_since, p_reported, estimate, median, low, high]``: ``estimate``
    is ``observed / F``; ``low``/``high`` the ``level`` predictive interval of the total. ``F`` on
    the days ``0..D`` back (``D`` the distribution's ``truncated_at``) is the window's CDF, which
    stays below 1 at ``D`` when longer delays occur (folding them into the last day gave that day
    78.5% coverage for a 95% interval); older days use the CDF of the longer delays in the same
    sample, and days older than the longest delay seen count as complete (``p_reported = 1``).
    """
    if not isinstance(observed.index, pd.DatetimeIndex):
        raise InputError("observed needs a DatetimeIndex of onset days", field="observed")
    obs = observed.to_numpy(dtype=float)
    if (obs < 0).any() or not np.isfinite(obs).all():
        raise InputError("observed counts must be finite and non-negative", field="observed")
    end = pd.Timestamp(as_of).normalize() if as_of is not None else observed.index.max()
    days_since = (end - observed.index).days.to_numpy()
    if (days_since < 0).any():
        raise InputError(f"observed has days after as_of {end.date()}", field="as_of")
    rng = generator(seed)
    dmax = delay.truncated_at
    # Days up to D back use the window's CDF; older days the CDF of the longer delays seen in the
    # same sample (up to the longest, ``top``); older still count as complete (column top + 1).
    top = max(dmax, int(delay.delays.max()) if delay.delays.size else 0)
    idx = np.minimum(days_since, top + 1)
    sample = np.minimum(delay.delays, top + 1)
    boots = rng.choice(sample, size=(n_boot, sample.size), replace=True)
    # One bincount for all resamples: offset each row's delays into its own block.
    offset = (np.arange(n_boot) * (top + 2))[:, None]
    hist = np.bincount((boots + offset).ravel(), minlength=n_boot * (top + 2))
    cdfs = np.cumsum(hist.reshape(n_boot, top + 2), axis=1) / sample.size
    cdfs[:, top + 1] = 1.0
    f_b = cdfs[:, idx]  # (n_boot, n_days)
    full = np.cumsum(np.bincount(sample, minlength=top + 2)[: top + 2]) / sample.size
    full[top + 1] = 1.0
    f_hat = full[idx]
    undefined = f_hat <= 0
    if undefined.any():
        warnings.warn(
            f"{int(undefined.sum())} recent day(s) have no chance of a report yet under "
            "the delay distribution; no nowcast for them",
            DataTooThinWarning,
            stacklevel=2,
        )
    fb = np.clip(f_b, 1e-12, 1.0)
    extra = rng.negative_binomial(obs[None, :] + 0.5, fb)
    extra = np.where(f_b >= 1.0, 0, extra)
    total = obs[None, :] + extra
    a = (1 - level) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.where(undefined, np.nan, obs / np.where(f_hat > 0, f_hat, np.nan))
    q = np.quantile(total, [a, 0.5, 1 - a], axis=0)
    out = pd.DataFrame(
        {
            "date": observed.index,
            "observed": obs.astype(np.int64),
            "days_since": days_since,
            "p_reported": f_hat,
            "estimate": est,
            "median": np.where(undefined, np.nan, q[1]),
            "low": np.where(undefined, np.nan, q[0]),
            "high": np.where(undefined, np.nan, q[2]),
        }
    )
    if delay.n < 20:
        warnings.warn(
            f"the delay distribution rests on only {delay.n} cases; the nowcast "
            "interval understates the uncertainty",
            DataTooThinWarning,
            stacklevel=2,
        )
    return out


def nowcast_from_linelist(
    cases: pd.DataFrame,
    *,
    as_of: pd.Timestamp | str | None = None,
    max_delay: int = 14,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: SeedLike = None,
    file: str | None = None,
) -> tuple[pd.DataFrame, DelayDistribution]:
    """Nowcast of daily onsets from a line list as it stood on ``as_of`` (the cases reported by
    then; default the last report date): onset-to-report delays (:func:`reporting_delays`), their
    distribution from cases old enough to be complete (:func:`delay_distribution`), and
    :func:`nowcast`. Returns the nowcast frame (``attrs["as_of"]``) and the delay distribution.
    """
    if int(max_delay) != max_delay or max_delay < 0:
        raise InputError(f"must be a non-negative integer, got {max_delay}", field="max_delay")
    for c in ("date_onset", "date_reporting"):
        if c not in cases.columns:
            raise InputError(f"missing column {c!r}", file=file, field=c)
    rep = pd.to_datetime(cases["date_reporting"], errors="coerce").dt.normalize()
    if rep.isna().all():
        raise InputError("no case has a date_reporting", file=file, field="date_reporting")
    end = pd.Timestamp(as_of).normalize() if as_of is not None else rep.max()
    known = cases[(rep <= end).to_numpy()]
    delays = reporting_delays(known, file=file)
    if delays.empty:
        raise EstimationError(
            f"no case reported by {end.date()} has both an onset and a report "
            "date: no delay distribution, so no nowcast"
        )
    dist = delay_distribution(delays, max_delay=int(max_delay), as_of=end)
    obs = onset_series(known, as_of=end)
    out = nowcast(obs, dist, as_of=end, n_boot=n_boot, level=level, seed=seed)
    out.attrs["as_of"] = end
    return out, dist
