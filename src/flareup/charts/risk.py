"""Risk levels over time per area: the official designations beside a rule's levels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from flareup.charts.style import RISK_COLORS, RISK_DOMAIN, WIDTH, alt, data, date_axis, title


def _runs(daily: pd.DataFrame) -> pd.DataFrame:
    """Daily levels (``area, date, level``) -> runs of equal level (``area, start, end,
    level``; ``end`` exclusive)."""
    rows = []
    for area, g in daily.sort_values(["area", "date"]).groupby("area", sort=True):
        lv = g["level"].to_numpy(dtype=object)
        dates = pd.to_datetime(g["date"]).to_numpy()
        start = 0
        for i in range(1, len(lv) + 1):
            new_run = (
                i == len(lv)
                or lv[i] != lv[start]
                or ((dates[i] - dates[i - 1]) != pd.Timedelta(days=1).to_timedelta64())
            )
            if new_run:
                if lv[start] is not None and not pd.isna(lv[start]):
                    rows.append(
                        {
                            "area": str(area),
                            "start": pd.Timestamp(dates[start]),
                            "end": pd.Timestamp(dates[i - 1]) + pd.Timedelta(days=1),
                            "level": str(lv[start]),
                        }
                    )
                start = i
    return pd.DataFrame(rows, columns=["area", "start", "end", "level"])


def risk_timeline(
    rule_daily: pd.DataFrame | None,
    official: pd.DataFrame | None,
    *,
    rule_label: str = "rule",
    names: Mapping[str, str] | None = None,
    end: Any = None,
) -> pd.DataFrame:
    """One row per run of equal level: ``area, name, source, start, end, level`` (``end``
    exclusive). ``rule_daily`` is a rule's daily levels (``area, date, level``, as
    ``RiskResult.daily``); ``official`` the designations (``area, level, valid_from,
    valid_to``; an open ``valid_to`` runs to ``end``, default the rule's last day + 1)."""
    parts = []
    last = None
    if rule_daily is not None and not rule_daily.empty:
        r = _runs(rule_daily[["area", "date", "level"]])
        r["source"] = rule_label
        parts.append(r)
        last = pd.to_datetime(rule_daily["date"]).max() + pd.Timedelta(days=1)
    if official is not None and not official.empty:
        o = official.copy()
        stop = pd.Timestamp(end) if end is not None else last
        if stop is None:
            stop = pd.to_datetime(o["valid_from"]).max() + pd.Timedelta(days=1)
        o = pd.DataFrame(
            {
                "area": o["area"].astype(str),
                "start": pd.to_datetime(o["valid_from"]),
                "end": pd.to_datetime(o["valid_to"]).fillna(stop),
                "level": o["level"].astype(str),
                "source": "official",
            }
        )
        parts.append(o)
    if not parts:
        return pd.DataFrame(columns=["area", "name", "source", "start", "end", "level"])
    out = pd.concat(parts, ignore_index=True)
    out["name"] = out["area"].map(lambda c: (names or {}).get(c, c))
    return out[["area", "name", "source", "start", "end", "level"]].sort_values(
        ["area", "source", "start"], ignore_index=True
    )


def risk_levels_chart(
    timeline: pd.DataFrame,
    *,
    source: str | None = None,
    title_text: str = "Risk level by area over time",
    width: int = WIDTH,
) -> Any:
    """A timeline per area (rows) and source (official, rule): low green, medium amber, high
    red. ``timeline`` is :func:`risk_timeline`'s frame."""
    a = alt()
    df = timeline.copy()
    # each area's name above its bars, each bar labelled by its source alone: a label of both
    # ('Shufu Guangzhou Gongyecheng · rule china-2020') took most of a phone's width
    areas = list(dict.fromkeys(df.sort_values(["area", "source"])["name"].astype(str)))
    sources = sorted(df["source"].astype(str).unique(), key=lambda s: (s != "official", s))
    chart = (
        a.Chart(data(df))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=a.X("start:T", title="date", axis=date_axis(pd.concat([df["start"], df["end"]]))),
            x2="end:T",
            y=a.Y("source:N", title=None, sort=sources, axis=a.Axis(labelLimit=160)),
            color=a.Color(
                "level:N",
                title="risk level",
                scale=a.Scale(domain=RISK_DOMAIN, range=[RISK_COLORS[x] for x in RISK_DOMAIN]),
            ),
            tooltip=[
                a.Tooltip("name:N", title="area"),
                a.Tooltip("source:N"),
                a.Tooltip("level:N"),
                a.Tooltip("start:T", title="from"),
                a.Tooltip("end:T", title="until (exclusive)"),
            ],
        )
        .properties(width=width, height=a.Step(14))
        .facet(
            row=a.Row(
                "name:N",
                sort=areas,
                title=None,
                header=a.Header(
                    labelOrient="top",
                    labelAnchor="start",
                    labelAngle=0,
                    labelPadding=2,
                    labelFontWeight="bold",
                    labelLimit=0,
                ),
            ),
            spacing=6,
        )
    )
    sub = ["each area: the official designation and the level by rule, day by day"]
    if source:
        sub.append(source)
    return chart.properties(title=title(title_text, sub))


__all__ = ["risk_levels_chart", "risk_timeline"]
