"""Shared look of flareup's charts: colours (risk levels as on China's 2020 maps: low green,
medium amber, high red), metric labels, and turning frames into inline Vega-Lite data."""

from __future__ import annotations

import json
from typing import Any, Final

import pandas as pd

from flareup.schema import RISK_LEVEL_ORDER, RiskLevel

#: Risk-level colours: low green, medium amber/orange, high red.
RISK_COLORS: Final[dict[str, str]] = {
    RiskLevel.LOW.value: "#2e9e44",
    RiskLevel.MEDIUM.value: "#f0a020",
    RiskLevel.HIGH.value: "#d7301f",
}
RISK_DOMAIN: Final[list[str]] = [lv.value for lv in RISK_LEVEL_ORDER]

#: How metrics are named on a chart (the schema's names stay in the data and tooltips).
METRIC_LABELS: Final[dict[str, str]] = {
    "confirmed_direct": "confirmed at detection",
    "asymptomatic_new": "asymptomatic at detection",
    "infections_new": "detected infections",
    "confirmed_new": "new confirmed",
    "reclassified_new": "reclassified (asymptomatic -> confirmed)",
    "deaths_new": "deaths",
    "imported_new": "imported",
    "tested_new": "tested",
    "confirmed": "confirmed",
    "asymptomatic": "asymptomatic",
    "local": "local",
    "imported": "imported",
}
#: Colours of the stacked detections (confirmed warm, asymptomatic cool).
METRIC_COLORS: Final[dict[str, str]] = {
    "confirmed at detection": "#c2452d",
    "asymptomatic at detection": "#4a86c5",
    "detected infections": "#555555",
    "confirmed": "#c2452d",
    "asymptomatic": "#4a86c5",
    "local": "#c2452d",
    "imported": "#8e6bbf",
}
#: Chart size (pixels) unless told otherwise.
WIDTH: Final[int] = 620
HEIGHT: Final[int] = 240


def alt() -> Any:
    """Altair, imported on first use (it is slow to import and only charts need it)."""
    import altair

    return altair


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready records: datetimes as ISO dates (or date-times), NaN as null."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            s = pd.to_datetime(out[c])
            with_time = bool((s.dropna() != s.dropna().dt.normalize()).any())
            out[c] = s.dt.strftime("%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d")
    return list(json.loads(out.to_json(orient="records", date_format="iso")))


def data(df: pd.DataFrame) -> Any:
    """Inline Vega-Lite data for ``df`` (no row limit: frames given here are already small)."""
    return alt().Data(values=records(df))


def title(text: str, subtitle: str | list[str] | None = None) -> Any:
    """A left-aligned title with an optional subtitle (sources, method, units)."""
    a = alt()
    if subtitle:
        return a.TitleParams(
            text=text,
            subtitle=subtitle,
            anchor="start",
            subtitleColor="#555555",
            subtitleFontSize=11,
        )
    return a.TitleParams(text=text, anchor="start")


def label(metric: str) -> str:
    """The chart label of a metric or category."""
    return METRIC_LABELS.get(metric, metric.replace("_", " "))


def date_axis(dates: Any) -> Any:
    """A date axis ticked on whole days (weeks when the span is long), ``25 Oct`` style."""
    a = alt()
    d = pd.to_datetime(pd.Series(dates)).dropna()
    span = (d.max() - d.min()).days if len(d) else 0
    if span <= 24:
        ticks = a.TimeIntervalStep(interval="day", step=1)
    elif span <= 120:
        ticks = a.TimeIntervalStep(interval="week", step=1)
    else:
        ticks = a.TimeIntervalStep(interval="month", step=1)
    return a.Axis(format="%-d %b", labelAngle=0, tickCount=ticks, labelOverlap=True)


def date_domain(lo: Any, hi: Any) -> list[Any]:
    """A temporal scale domain from ``lo`` to ``hi`` (dates), so stacked charts line up."""
    a = alt()
    out = []
    for x in (lo, hi):
        t = pd.Timestamp(x)
        out.append(a.DateTime(year=t.year, month=t.month, date=t.day))
    return out
