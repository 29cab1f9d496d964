"""Charts of the epidemic's course: epicurve, R_t, growth, nowcast, composition."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from flareup.charts.style import (
    HEIGHT,
    METRIC_COLORS,
    WIDTH,
    alt,
    data,
    date_axis,
    date_domain,
    label,
    title,
)
from flareup.schema import days_interval_text

_UNIT = {"day": "day", "month": "month"}


def _period_unit(interval: str, week_system: str) -> str:
    if interval == "week":
        return "ISO week (Monday-Sunday)" if week_system == "iso" else "MMWR week (Sunday-Saturday)"
    return _UNIT.get(interval, interval)


def _color_scale(labels: list[str]) -> Any:
    a = alt()
    known = [lab for lab in labels if lab in METRIC_COLORS]
    if len(known) == len(labels):
        return a.Scale(domain=labels, range=[METRIC_COLORS[lab] for lab in labels])
    return a.Scale(scheme="tableau10", domain=labels)


def epicurve_chart(
    curve: pd.DataFrame,
    *,
    stack_by: str = "metric",
    interval: str = "day",
    week_system: str = "iso",
    names: Mapping[str, str] | None = None,
    title_text: str | None = None,
    source: str | None = None,
    x_domain: tuple[Any, Any] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Stacked bars of an epicurve frame (``area, period_start, period, metric, value``; a line
    list's ``category``/``n`` are accepted too), stacked by ``metric`` (one panel per area when
    there are several) or by ``area`` (metrics summed). Weeks are labelled ISO or MMWR."""
    a = alt()
    df = curve.rename(columns={"category": "metric", "n": "value"}).copy()
    if "area" not in df.columns:
        df["area"] = ""
    if stack_by not in ("metric", "area"):
        from flareup.errors import InputError

        raise InputError(f"must be 'metric' or 'area', got {stack_by!r}", field="stack_by")
    df["period_start"] = pd.to_datetime(df["period_start"])
    df["area_name"] = df["area"].astype(str).map(lambda c: (names or {}).get(c, c))
    if stack_by == "area":
        df = df.groupby(["area_name", "period_start", "period"], as_index=False).agg(
            value=("value", "sum")
        )
        df["group"] = df["area_name"]
        legend = "area"
    else:
        df["group"] = df["metric"].astype(str).map(label)
        legend = "detected as"
    groups = list(dict.fromkeys(df["group"]))
    unit = _period_unit(interval, week_system)
    if interval == "day":
        x = a.X(
            "yearmonthdate(period_start):T",
            title="date",
            axis=date_axis(df["period_start"]),
            scale=a.Scale(domain=date_domain(*x_domain)) if x_domain else a.Undefined,
        )
    else:
        x = a.X(
            "period:O",
            title=unit,
            sort=a.EncodingSortField(field="period_start", order="ascending"),
            axis=a.Axis(labelAngle=0 if df["period"].nunique() <= 8 else -45),
        )
    base = (
        a.Chart(data(df))
        .mark_bar()
        .encode(
            x=x,
            y=a.Y("sum(value):Q", title=f"cases per {unit.split(' (')[0]}", stack="zero"),
            color=a.Color("group:N", title=legend, scale=_color_scale(groups), sort=groups),
            order=a.Order("group:N"),
            tooltip=[
                a.Tooltip("period:N", title="period"),
                a.Tooltip("group:N", title=legend),
                a.Tooltip("sum(value):Q", title="cases"),
            ],
        )
        .properties(width=width, height=height)
    )
    heading = title_text or f"Epidemic curve by {unit}"
    sub = [source] if source else []
    if stack_by == "metric" and df["area_name"].nunique() > 1:
        return base.facet(row=a.Row("area_name:N", title=None)).properties(
            title=title(heading, sub)
        )
    return base.properties(title=title(heading, sub))


def _rt_frame(estimates: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
    """R_t estimates -> chart frame (x = window end date, or day index), x field and title."""
    df = pd.DataFrame(
        {
            "t_end": estimates["t_end"],
            "mean": estimates["mean"],
            "median": estimates["q0.5"],
            "low95": estimates["q0.025"],
            "high95": estimates["q0.975"],
            "low50": estimates["q0.25"],
            "high50": estimates["q0.75"],
        }
    )
    if "date_end" in estimates and estimates["date_end"].notna().all():
        df["date_end"] = pd.to_datetime(estimates["date_end"])
        df["date_start"] = pd.to_datetime(estimates["date_start"])
        return df, "yearmonthdate(date_end):T", "last day of the window"
    return df, "t_end:Q", "last day of the window (day number)"


def rt_chart(
    estimates: pd.DataFrame,
    *,
    si_mean: float,
    si_sd: float,
    si_ref: str | None = None,
    window: int | None = None,
    source: str | None = None,
    title_text: str = "Time-varying reproduction number Rt",
    x_domain: tuple[Any, Any] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """R_t of EpiEstim-shaped ``estimates`` (``t_end``, ``mean``, quantile columns ``q0.025``
    ... ``q0.975``): posterior mean, 50% and 95% credible bands, a dashed line at R = 1. The
    subtitle states the method (Cori et al. 2013), window and serial interval."""
    a = alt()
    df, xfield, xtitle = _rt_frame(estimates)
    x = a.X(xfield, title=xtitle)
    if xfield.endswith(":T"):
        x = a.X(
            xfield,
            title=xtitle,
            bandPosition=0.5,  # the middle of the day, where an epicurve draws its bar
            axis=date_axis(df["date_end"]),
            scale=a.Scale(domain=date_domain(*x_domain)) if x_domain else a.Undefined,
        )
    base = a.Chart(data(df)).encode(x=x)
    band95 = base.mark_area(opacity=0.22, color="#3b6fb6").encode(
        y=a.Y("low95:Q", title="Rt (posterior mean, credible bands)"), y2="high95:Q"
    )
    band50 = base.mark_area(opacity=0.35, color="#3b6fb6").encode(y="low50:Q", y2="high50:Q")
    line = base.mark_line(color="#1d3f73", strokeWidth=2).encode(
        y="mean:Q",
        tooltip=[
            a.Tooltip(xfield.replace("yearmonthdate(", "").replace(")", ""), title="window ends"),
            a.Tooltip("mean:Q", format=".2f", title="Rt mean"),
            a.Tooltip("low95:Q", format=".2f", title="95% CrI low"),
            a.Tooltip("high95:Q", format=".2f", title="95% CrI high"),
        ],
    )
    one = (
        a.Chart(data(pd.DataFrame({"y": [1.0]})))
        .mark_rule(strokeDash=[5, 4], color="#444444")
        .encode(y="y:Q")
    )
    win = f"{window}-day windows" if window else "sliding windows"
    si = f"serial interval gamma, mean {si_mean:g} d, sd {si_sd:g} d" + (
        f" ({si_ref})" if si_ref else ""
    )
    sub = [f"Cori et al. 2013 (EpiEstim); {win}; {si}", "bands: 50% and 95% credible intervals"]
    if source:
        sub.append(source)
    return (
        a.layer(band95, band50, line, one)
        .properties(width=width, height=height, title=title(title_text, sub))
        .resolve_scale(y="shared")
    )


def growth_frame(
    counts: Any,
    dates: Any,
    fit: Any,
) -> pd.DataFrame:
    """Counts with the fitted exponential trend of ``fit`` over its window: ``date, count,
    fitted, fitted_low, fitted_high`` (the trend's band spans r's interval, pivoting on the
    window's middle day, where the fit is best determined)."""
    y = np.asarray(counts, dtype=float)
    d = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates)))
    df = pd.DataFrame({"date": d, "count": y})
    lo = int(np.flatnonzero(d == pd.Timestamp(fit.date_start))[0])
    hi = int(np.flatnonzero(d == pd.Timestamp(fit.date_end))[0])
    t = np.arange(hi - lo + 1, dtype=float)
    mu = np.exp(fit.intercept + fit.r * t)
    mid = t.mean()
    at_mid = math.exp(fit.intercept + fit.r * mid)
    df["fitted"] = np.nan
    df["fitted_low"] = np.nan
    df["fitted_high"] = np.nan
    sl = slice(lo, hi + 1)
    df.loc[df.index[sl], "fitted"] = mu
    a1 = at_mid * np.exp(fit.r_low * (t - mid))
    a2 = at_mid * np.exp(fit.r_high * (t - mid))
    df.loc[df.index[sl], "fitted_low"] = np.minimum(a1, a2)
    df.loc[df.index[sl], "fitted_high"] = np.maximum(a1, a2)
    return df


def growth_chart(
    counts: Any,
    dates: Any,
    fit: Any,
    *,
    source: str | None = None,
    title_text: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Daily counts (log scale; zero days at the bottom) with the fitted exponential trend of a
    :class:`~flareup.analytics.growth.GrowthFit` and its rate's 95% interval."""
    a = alt()
    df = growth_frame(counts, dates, fit)
    kind, est, lo_t, hi_t = fit.time_interval()

    df["plotted"] = df["count"].clip(lower=0.5)  # log axis: zero days drawn at 0.5
    x = a.X("date:T", title="date", axis=date_axis(df["date"]))
    base = a.Chart(data(df)).encode(x=x)
    # Points, not bars: a bar on a log axis has no baseline.
    bars = base.mark_circle(color="#5b6b7c", size=45, opacity=0.9).encode(
        y=a.Y(
            "plotted:Q",
            scale=a.Scale(type="log"),
            title="cases per day (log scale; 0 drawn at 0.5)",
        ),
        tooltip=[a.Tooltip("date:T"), a.Tooltip("count:Q", title="cases")],
    )
    band = base.mark_area(opacity=0.25, color="#c2452d").encode(
        y="fitted_low:Q", y2="fitted_high:Q"
    )
    line = base.mark_line(color="#c2452d", strokeWidth=2).encode(y="fitted:Q")
    heading = title_text or (
        f"Growth rate r = {fit.r:+.3f}/day; {kind} time {days_interval_text(est, lo_t, hi_t)}"
    )
    sub = [
        f"{fit.family} log-linear fit over {fit.n_days} days "
        f"({pd.Timestamp(fit.date_start).date()} to {pd.Timestamp(fit.date_end).date()}), "
        f"{int(fit.n_cases)} cases; band: r's 95% CI",
    ]
    if source:
        sub.append(source)
    return a.layer(bars, band, line).properties(
        width=width, height=height, title=title(heading, sub)
    )


def nowcast_chart(
    nowcast: pd.DataFrame,
    *,
    as_of: Any = None,
    source: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Onsets reported so far (bars) and the nowcast (median and predictive band) over the days
    whose reports are still coming in (``p_reported < 1``)."""
    a = alt()
    df = nowcast.copy()
    df["date"] = pd.to_datetime(df["date"])
    trunc = df["p_reported"] < 1 if "p_reported" in df else pd.Series(True, index=df.index)
    df["still_reporting"] = trunc
    for c in ("median", "low", "high"):
        df[c] = df[c].where(trunc)
    # The last day or two can have almost no chance of a report yet: their upper bound is
    # astronomically large and would flatten everything else. Cap the axis, clip the band.
    finite = pd.concat([df["observed"], df["median"]]).astype(float)
    cap = float(np.nanmax(finite.to_numpy())) * 1.5 if finite.notna().any() else 1.0
    cap = max(cap, 1.0)
    clipped = bool((df["high"] > cap).any())
    df["high_shown"] = df["high"].clip(upper=cap)
    x = a.X("yearmonthdate(date):T", title="date of onset", axis=date_axis(df["date"]))
    base = a.Chart(data(df)).encode(x=x)
    bars = base.mark_bar(color="#9aa7b5").encode(
        y=a.Y("observed:Q", title="onsets per day", scale=a.Scale(domain=[0, cap])),
        tooltip=[
            a.Tooltip("date:T", title="onset"),
            a.Tooltip("observed:Q", title="reported so far"),
            a.Tooltip("median:Q", title="nowcast median", format=".1f"),
            a.Tooltip("low:Q", format=".1f"),
            a.Tooltip("high:Q", format=".1f"),
        ],
    )
    mid = a.X("yearmonthdate(date):T", bandPosition=0.5)  # the middle of each day's bar
    band = base.mark_area(opacity=0.3, color="#d98c1f").encode(x=mid, y="low:Q", y2="high_shown:Q")
    line = base.mark_line(
        color="#a65f00", point=a.OverlayMarkDef(color="#a65f00"), clip=True
    ).encode(x=mid, y="median:Q")
    when = f" as of {pd.Timestamp(as_of).date()}" if as_of is not None else ""
    sub = [
        "bars: onsets reported so far; orange: nowcast median and 95% predictive interval "
        "over the days still being reported",
        "delay inflation with bootstrapped onset-to-report delays (Lawless 1994; "
        "Höhle & an der Heiden 2014)"
        + ("; the band is cut at the top of the axis" if clipped else ""),
    ]
    if source:
        sub.append(source)
    return a.layer(bars, band, line).properties(
        width=width, height=height, title=title(f"Nowcast of onsets{when}", sub)
    )


def composition_chart(
    shares: pd.DataFrame,
    *,
    source: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Shares with their confidence intervals over time: ``what, date, share, low, high``
    (``k``/``n`` shown in tooltips when given), e.g. asymptomatic at detection and severe among
    current confirmed cases."""
    a = alt()
    df = shares.copy()
    df["date"] = pd.to_datetime(df["date"])
    x = a.X("date:T", title="date", axis=date_axis(df["date"]))
    color = a.Color(
        "what:N",
        title=None,
        scale=a.Scale(range=["#4a86c5", "#d7301f", "#2e9e44", "#8e6bbf"]),
        legend=a.Legend(labelLimit=400, orient="bottom", direction="vertical", symbolOpacity=1),
    )
    base = a.Chart(data(df)).encode(x=x, color=color)
    tips = [a.Tooltip("date:T"), a.Tooltip("what:N"), a.Tooltip("share:Q", format=".0%")]
    for c in ("k", "n"):
        if c in df:
            tips.append(a.Tooltip(f"{c}:Q"))
    tips += [a.Tooltip("low:Q", format=".0%"), a.Tooltip("high:Q", format=".0%")]
    # Error bars, not a band: a share reported on one day only still shows its interval.
    bars = base.mark_rule(strokeWidth=2, opacity=0.45).encode(
        y=a.Y(
            "low:Q",
            title="share, with 95% Wilson interval",
            axis=a.Axis(format="%"),
            scale=a.Scale(domain=[0, 1]),
        ),
        y2="high:Q",
    )
    line = base.mark_line(point=True).encode(y="share:Q", tooltip=tips)
    sub = [
        "asymptomatic: share of detected infections, running total; severe: of current confirmed"
    ]
    if source:
        sub.append(source)
    return a.layer(bars, line).properties(
        width=width, height=height, title=title("Composition of detected infections", sub)
    )


def dashboard_chart(*charts: Any, title_text: str | None = None) -> Any:
    """Charts stacked vertically (one situation page), sharing nothing but the page."""
    a = alt()
    page = a.vconcat(*charts).resolve_scale(color="independent")
    if title_text:
        page = page.properties(title=title(title_text))
    return page


__all__ = [
    "composition_chart",
    "dashboard_chart",
    "epicurve_chart",
    "growth_chart",
    "growth_frame",
    "nowcast_chart",
    "rt_chart",
]
