"""Who the detected infections are: share asymptomatic, share severe, reclassification rate.

Proportions carry Wilson score intervals (Wilson EB. Probable inference, the law of succession,
and statistical inference. *J Am Stat Assoc* 1927;22:209-12), which keep their coverage for small
counts and proportions near 0 or 1, where the Wald interval fails (Brown, Cai & DasGupta 2001).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import betaincinv, ndtri

from flareup.analytics.incidence import Interval, epicurve_from_counts
from flareup.dates import WeekSystem
from flareup.errors import InputError


def wilson_interval(
    k: np.ndarray | float,
    n: np.ndarray | float,
    level: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for ``k`` successes out of ``n`` (NaN where ``n == 0``)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(k > n):
        raise InputError("need 0 <= k <= n for a proportion", field="k")
    z = float(ndtri(0.5 + level / 2))  # the normal quantile, without importing scipy.stats
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        lo = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        hi = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    return lo, hi


def count_ratio(a: int, b: int, level: float = 0.95) -> tuple[float, float, float, str]:
    """Ratio of two counts over equal periods, ``a / b``, with an exact interval and a verdict.

    Conditional on ``a + b``, ``a`` is Binomial(``a + b``, ``R / (1 + R)``) when the counts are
    Poisson with rate ratio ``R``; the Clopper-Pearson interval of that proportion maps to an
    exact interval for ``R`` (the method of R's ``poisson.test(c(a, b))``; Fay MP, Two-sided exact
    tests and matching confidence intervals for discrete data, *R Journal* 2010;2:53-8). Returns
    ``(ratio, low, high, verdict)``: ``rising`` when the interval lies above 1, ``falling`` when
    below, else ``no clear change`` (so 157 against 153 is not called a rise).
    """
    if a < 0 or b < 0 or int(a) != a or int(b) != b:
        raise InputError(f"counts must be whole numbers >= 0, got {a} and {b}", field="count")
    if a + b == 0:
        return float("nan"), float("nan"), float("nan"), "no cases in either period"
    alpha = 1.0 - level
    p_lo = float(betaincinv(a, b + 1, alpha / 2)) if a > 0 else 0.0
    p_hi = float(betaincinv(a + 1, b, 1 - alpha / 2)) if b > 0 else 1.0
    ratio = a / b if b > 0 else float("inf")
    low = p_lo / (1 - p_lo)
    high = p_hi / (1 - p_hi) if p_hi < 1 else float("inf")
    verdict = "rising" if low > 1 else "falling" if high < 1 else "no clear change"
    return ratio, low, high, verdict


def _share_frame(k: pd.Series, n: pd.Series, level: float) -> pd.DataFrame:
    lo, hi = wilson_interval(k.to_numpy(), n.to_numpy(), level)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n.to_numpy() > 0, k.to_numpy() / n.to_numpy(), np.nan)
    return pd.DataFrame(
        {"k": k.to_numpy(), "n": n.to_numpy(), "share": share, "low": lo, "high": hi}
    )


def asymptomatic_share(
    counts: pd.DataFrame,
    *,
    interval: Interval = "day",
    week_system: WeekSystem | str = WeekSystem.ISO,
    fill_missing: str = "error",
    cumulative: bool = False,
    level: float = 0.95,
) -> pd.DataFrame:
    """Share of detected infections that were asymptomatic at detection, per area and period.

    ``k = asymptomatic_new``, ``n = asymptomatic_new + confirmed_new - reclassified_new``: each
    infection once, at first detection. ``cumulative=True`` gives running totals instead.
    """
    curve = epicurve_from_counts(
        counts,
        metrics=("asymptomatic_new", "infections_new"),
        interval=interval,
        week_system=week_system,
        fill_missing=fill_missing,
    )
    wide = curve.pivot_table(
        index=["area", "period_start", "period"], columns="metric", values="value"
    ).reset_index()
    if cumulative:
        for c in ("asymptomatic_new", "infections_new"):
            wide[c] = wide.groupby("area")[c].cumsum()
    res = _share_frame(wide["asymptomatic_new"], wide["infections_new"], level)
    return pd.concat([wide[["area", "period_start", "period"]], res], axis=1)


def severe_share(
    counts: pd.DataFrame, *, level: float = 0.95, include_critical: bool = True
) -> pd.DataFrame:
    """Share of current confirmed cases in severe (and critical) condition, on days with both stocks.

    ``k = severe_current (+ critical_current)``, ``n = confirmed_current``; days where either
    stock is not reported are left out, not guessed.
    """
    df = counts.copy()
    df["area"] = df["area"].astype(str)
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    wide = df.pivot_table(index=["area", "date"], columns="metric", values="value", aggfunc="sum")
    if "confirmed_current" not in wide.columns or "severe_current" not in wide.columns:
        return pd.DataFrame(columns=["area", "date", "k", "n", "share", "low", "high"])
    k = wide["severe_current"]
    if include_critical and "critical_current" in wide.columns:
        k = k + wide["critical_current"].fillna(0)
    ok = k.notna() & wide["confirmed_current"].notna()
    k, n = k[ok], wide["confirmed_current"][ok]
    bad = k > n
    if bad.any():
        a, d = bad[bad].index[0]
        raise InputError(
            f"area {a} on {d.date()}: more severe cases ({int(k[bad].iloc[0])}) than "
            f"current confirmed ({int(n[bad].iloc[0])})",
            field="severe_current",
        )
    res = _share_frame(k.astype(int), n.astype(int), level)
    idx = k.index.to_frame(index=False)
    return pd.concat([idx, res], axis=1)


def reclassification_rate(counts: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Share of asymptomatic infections later confirmed (reclassified), per area, to date.

    ``k = sum reclassified_new``, ``n = sum asymptomatic_new``. Right-censored: infections found
    recently have had little time to develop symptoms, so this is a lower bound while an outbreak
    is young.
    """
    df = counts[counts["metric"].isin(["reclassified_new", "asymptomatic_new"])].copy()
    df["area"] = df["area"].astype(str)
    tot = df.pivot_table(index="area", columns="metric", values="value", aggfunc="sum")
    tot = tot.reindex(columns=["reclassified_new", "asymptomatic_new"]).fillna(0).astype(int)
    tot = tot[tot["asymptomatic_new"] > 0]
    # Reclassified cases may come from asymptomatic infections found before the data start.
    k = pd.Series(np.minimum(tot["reclassified_new"], tot["asymptomatic_new"]))
    res = _share_frame(k, tot["asymptomatic_new"], level)
    res.insert(0, "area", tot.index.to_numpy())
    return res


def linelist_composition(cases: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """From a line list: shares asymptomatic at detection, severe among confirmed, reclassified.

    One row per measure with ``k``, ``n``, ``share``, ``low``, ``high``.
    """
    recl = pd.to_datetime(cases.get("date_reclassified", pd.Series(pd.NaT, index=cases.index)))
    cls = cases["classification"].astype(str)
    first_asym = recl.notna() | (cls == "asymptomatic")
    confirmed_now = cls == "confirmed"
    sev = cases.get("severity", pd.Series(None, index=cases.index)).astype(str)
    severe = sev.isin(["severe", "critical"]) & confirmed_now
    rows = {
        "asymptomatic_at_detection": (int(first_asym.sum()), len(cases)),
        "severe_among_confirmed": (int(severe.sum()), int(confirmed_now.sum())),
        "reclassified_among_asymptomatic": (int(recl.notna().sum()), int(first_asym.sum())),
    }
    k = pd.Series([v[0] for v in rows.values()])
    n = pd.Series([v[1] for v in rows.values()])
    res = _share_frame(k, n, level)
    res.insert(0, "measure", list(rows))
    return res
