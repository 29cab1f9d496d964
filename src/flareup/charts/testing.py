"""Mass-testing campaigns: reported progress against plans (A, B, ...)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from flareup.charts.style import HEIGHT, WIDTH, alt, data, title

MEASURES = {"people_sampled": "people sampled", "results_out": "people with a result"}
#: The time axis of every mass-testing chart. The registry keeps a campaign's times as its
#: sources give them, with no time zone (Kashgar's bulletins: Beijing time), and the charts draw
#: them unconverted: the axis says that, not a zone a user's own file may not be in.
TIME_AXIS = "date and time (source's clock, as reported)"


def campaign_curves(plans: Mapping[str, Any], progress: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cumulative people sampled and with a result over time: one row per (``series``, ``time``,
    ``measure``) with ``value``. Plans are read by attribute (``.hourly``: ``time_end``,
    ``people_sampled``, ``results_out``, per area, summed here); ``progress`` is the reported
    progress (``timestamp``, ``people_sampled``, ``results_out``, already cumulative)."""
    parts = []
    for name, plan in plans.items():
        h = plan.hourly.groupby("time_end", as_index=False)[list(MEASURES)].sum()
        h = h.sort_values("time_end")
        start = pd.to_datetime(plan.hourly["time"]).min()
        for m in MEASURES:
            cum = h[m].cumsum()
            parts.append(
                pd.DataFrame(
                    {
                        "series": name if name.startswith("plan") else f"plan {name}",
                        "time": [start, *pd.to_datetime(h["time_end"])],
                        "measure": MEASURES[m],
                        "value": [0.0, *cum.astype(float)],
                    }
                )
            )
    if progress is not None and not progress.empty:
        p = progress.sort_values("timestamp")
        for m in MEASURES:
            if m not in p:
                continue
            v = pd.to_numeric(p[m], errors="coerce")
            keep = v.notna()
            parts.append(
                pd.DataFrame(
                    {
                        "series": "reported",
                        "time": pd.to_datetime(p["timestamp"][keep]),
                        "measure": MEASURES[m],
                        "value": v[keep].astype(float),
                    }
                )
            )
    if not parts:
        return pd.DataFrame(columns=["series", "time", "measure", "value"])
    return pd.concat(parts, ignore_index=True)


def campaign_chart(
    curves: pd.DataFrame,
    *,
    people: int | None = None,
    source: str | None = None,
    title_text: str = "Mass testing: reported progress against plan",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Plans as lines and reported progress as points, one panel per measure (people sampled,
    people with a result); ``people`` (those to test) as a dashed line."""
    a = alt()
    df = curves.copy()
    series = list(dict.fromkeys(sorted(df["series"].unique(), key=lambda s: (s == "reported", s))))
    palette = ["#4a86c5", "#8e6bbf", "#2e9e44", "#555555"]
    colors = [
        "#d7301f" if s == "reported" else palette[i % len(palette)] for i, s in enumerate(series)
    ]
    color = a.Color("series:N", title=None, scale=a.Scale(domain=series, range=colors))
    # the legend draws each series as the chart does, plans as lines and reported progress as a
    # diamond: a shape scale over all the series, merged with the colour legend (alone, a
    # layered chart's legend would draw every series with the first layer's mark, a line)
    shape = a.Shape(
        "series:N",
        title=None,
        scale=a.Scale(
            domain=series, range=["diamond" if s == "reported" else "stroke" for s in series]
        ),
    )
    x = a.X("time:T", title=TIME_AXIS, axis=a.Axis(format="%-d %b %H:%M"))
    y = a.Y(
        "value:Q",
        title="people, cumulative (millions)",
        axis=a.Axis(labelExpr="format(datum.value / 1e6, '.1~f')"),
    )
    tips = [
        a.Tooltip("series:N"),
        a.Tooltip("time:T", format="%-d %b %Y %H:%M"),
        a.Tooltip("value:Q", format=",.0f"),
    ]
    panels = []
    for measure in MEASURES.values():
        m = df[df["measure"] == measure]
        plan_df, rep_df = m[m["series"] != "reported"], m[m["series"] == "reported"]
        layers = [
            a.Chart(data(plan_df))
            .mark_line(interpolate="step-after")
            .encode(x=x, y=y, color=color, tooltip=tips)
        ]
        if not rep_df.empty:
            layers.append(
                a.Chart(data(rep_df))
                .mark_point(filled=True, size=70, opacity=1)
                .encode(x=x, y=y, color=color, shape=shape, tooltip=tips)
            )
        if people:
            layers.append(
                a.Chart(data(pd.DataFrame({"people": [people]})))
                .mark_rule(strokeDash=[5, 4], color="#444444")
                .encode(y="people:Q")
            )
        panels.append(
            a.layer(*layers).properties(width=width, height=int(height / 1.3), title=measure)
        )
    subtitle = [
        "lines: plans; diamonds: reported progress"
        + (f"; dashed: {people:,} people to test" if people else "")
    ]
    if source:
        subtitle.append(source)
    return a.vconcat(*panels).properties(title=title(title_text, subtitle))


__all__ = ["TIME_AXIS", "campaign_chart", "campaign_curves"]
