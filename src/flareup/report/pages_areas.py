"""The dashboard's pages by area: the risk map (official level, level by rule or a metric,
with the risk timeline) and mass testing (reported progress, Kashgar round 1 against plans A
and B). Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from flareup.charts.testing import TIME_AXIS
from flareup.errors import FlareupError, InputError
from flareup.report import maps
from flareup.report.page_model import (
    PAGES,
    Chart,
    Page,
    Table,
    _day,
    _iso,
    _with_date_rule,
    spec,
    why,
)
from flareup.report.page_queries import (
    DEFAULT_AREA,
    DEFAULT_RULES,
    MAP_METRICS,
    _names,
    area_metrics,
    last_date,
    metric_on,
    rule_levels,
    rules_result,
)
from flareup.schema import FLOW_METRICS, OFFICIAL_RULE_SET, STOCK_METRICS, area_display_name

if TYPE_CHECKING:
    from flareup.registry import Registry


def risk_map(
    reg: Registry, date: Any = None, colour: str = "official", *, timeline_to_date: bool = False
) -> Page:
    """Kashgar's counties and Shufu's townships coloured by official level, level by rule, or
    a metric (:data:`MAP_METRICS`) on ``date``. The risk timeline covers the whole outbreak
    (the dashboard: where the day sits in it), or with ``timeline_to_date`` stops at ``date``
    (the report: what was known that morning, nothing designated later)."""
    day = _day(date) or last_date(reg)
    page = Page("map", PAGES["map"], date=_iso(day), area=DEFAULT_AREA)
    page.params = {"date": page.date, "colour": colour}
    if day is None:
        page.notes.append("the registry holds no counts yet")
        return page
    if colour == "official":
        values = maps.levels_on(
            reg.designations(rule_set=OFFICIAL_RULE_SET), day, areas=reg.areas()
        )
        what, col = "official risk level", "level"
    elif colour == "rule":
        lv = rule_levels(reg, day)
        have = set(lv["area"])
        values = pd.concat(
            [
                lv,
                pd.DataFrame(
                    {
                        "area": [c for c in maps.unit_codes("county") if c not in have],
                        "level": maps.NOT_DESIGNATED,
                        "reason": "not classified (no data)",
                    }
                ),
            ]
        )
        what, col = f"risk level by rule set {DEFAULT_RULES}", "level"
    elif colour in MAP_METRICS:
        met = area_metrics(reg, day)
        values = met[["area", colour]].rename(columns={colour: "value"})
        what, col = MAP_METRICS[colour], "value"
    elif colour in FLOW_METRICS or colour in STOCK_METRICS:
        values = metric_on(reg, colour, day)
        what = f"{colour} {'to date' if colour in FLOW_METRICS else '(latest)'}"
        col = "value"
    else:
        raise InputError(
            f"colour must be official, rule, one of {', '.join(MAP_METRICS)} or a metric of "
            f"schema.py ({', '.join((*FLOW_METRICS, *STOCK_METRICS))}); got {colour!r}",
            field="colour",
        )
    page.title = f"Map: {what} on {day.date()}"
    chart = maps.map_spec(values, value=col, title=f"{what}, {day.date()}", metric_label=what)
    page.charts.append(Chart("map", page.title, chart, maps.SCHEMATIC_NOTE))
    names = _names(reg)
    codes = set(maps.unit_codes("county")) | set(maps.unit_codes("township"))
    t = values[values["area"].astype(str).isin(codes)].copy()
    t.insert(1, "name", t["area"].astype(str).map(lambda a: names.get(a, a)))
    page.tables.append(Table.from_frame(what.capitalize(), t.reset_index(drop=True), floats=0))
    try:
        from flareup.report.charts import risk_chart

        # the whole outbreak, whatever the map's date: where the day sits in it (the report:
        # up to its date)
        res, official = rules_result(reg)
        until = day if timeline_to_date else None
        note = (
            f"up to the situation date, {day.date()}: later designations and levels are left "
            "out, as a reader on that day could not know them"
            if until is not None and res.end > day
            else ""
        )
        chart = risk_chart(res, official, names=names, areas=sorted(codes), until=until)
        page.charts.append(
            Chart(
                "timeline",
                f"Risk levels over time: official and by rule set {DEFAULT_RULES}",
                spec(chart),
                note,
            )
        )
    except FlareupError as exc:
        page.notes.append(f"no risk timeline: {why(exc)}")
    return page


def testing(reg: Registry, date: Any = None) -> Page:
    """Mass testing: reported progress of each round and, for Kashgar round 1, plans A and B."""
    from flareup.report.queries import campaign_progress

    day = _day(date)
    prog = campaign_progress(reg)
    if not prog.empty:
        prog = prog.assign(timestamp=pd.to_datetime(prog["timestamp"]))
    if day is None:
        # the page's own last date, as every page's is (its picker shows it): the last day of
        # reported campaign progress. The registry's last date (16 Nov in the example) lies
        # weeks after the round, where the plan chart has no rule for the day.
        day = last_date(reg) if prog.empty else prog["timestamp"].max().normalize()
    page = Page("testing", PAGES["testing"], date=_iso(day))
    page.params = {"date": page.date}
    if prog.empty:
        page.notes.append("no campaign progress in the registry (import a campaigns table)")
        return page
    if day is not None:
        prog = prog[prog["timestamp"] < day + pd.Timedelta(days=1)]
    # as English text names them ("Shufu Xian" -> "Shufu County"), in the legend and tables
    names = {c: area_display_name(n) for c, n in _names(reg).items()}
    p = prog.assign(area_name=prog["area"].astype(str).map(lambda a: names.get(a, a)))
    p["people_sampled"] = pd.to_numeric(p["people_sampled"], errors="coerce")
    show = p.dropna(subset=["people_sampled"])
    if not show.empty:
        d = show[["timestamp", "area_name", "round", "people_sampled"]].copy()
        d["timestamp"] = d["timestamp"].dt.strftime("%Y-%m-%dT%H:%M")
        page.charts.append(
            Chart(
                "progress",
                "People sampled, as reported",
                spec(
                    alt.Chart(d)
                    .mark_line(point=True)
                    .encode(
                        # day and hour on every tick ("25 Oct 08:00"), as the plan chart's:
                        # the default ticks ("09 AM", "12 PM", "Mon 26") left out the first day
                        x=alt.X(
                            "timestamp:T",
                            title=TIME_AXIS,
                            axis=alt.Axis(format="%-d %b %H:%M", labelAngle=0),
                        ),
                        y=alt.Y("people_sampled:Q", title="people sampled"),
                        color=alt.Color("area_name:N", title="area"),
                        strokeDash=alt.StrokeDash("round:N"),
                        tooltip=[
                            alt.Tooltip("timestamp:T", title="time", format="%-d %b %Y %H:%M"),
                            "area_name:N",
                            "round:N",
                            alt.Tooltip("people_sampled:Q", format=","),
                        ],
                    )
                    .properties(width="container", height=260)
                ),
            )
        )
    try:
        from flareup.report.charts import testing_chart
        from flareup.report.testing import kashgar_round1_plans

        pv = kashgar_round1_plans(reg)
        cmp = pv.comparison.copy()
        if day is not None:
            # the plans stay whole (they are plans); what was reported stops at the date
            shown = pv.progress[
                pd.to_datetime(pv.progress["timestamp"]) < day + pd.Timedelta(days=1)
            ]
            cmp = cmp[pd.to_datetime(cmp["timestamp"]) < day + pd.Timedelta(days=1)]
            pv = replace(pv, progress=shown.reset_index(drop=True))
        plans_chart = testing_chart(pv)
        times = pd.concat(
            [pd.to_datetime(pl.hourly["time_end"]) for pl in pv.plans.values()]
            + [pd.to_datetime(pv.progress["timestamp"])]
        )
        if day is not None:
            # the rule marks the end of the chosen day: the span runs to the end of the last
            # day with a time on it, so the last day of the round gets its rule too
            plans_chart = _with_date_rule(
                plans_chart, day + pd.Timedelta(days=1), times.min(), times.max().ceil("D"), page
            )
        page.charts.append(
            Chart(
                "plans",
                "Kashgar round 1: reported progress against plans A and B",
                spec(plans_chart),
                "Plan A: the stated resources throughout; plan B: what the reports add (602 "
                "teams the first afternoon, 122,000 extra tubes a day). Swabs per team-hour "
                "fitted to the reported progress (least squares).",
            )
        )
        page.figures += [
            {
                "figure": "People targeted (round 1)",
                "value": f"{pv.people:,}",
                "basis": "largest people_targeted reported for the prefecture",
            },
            {
                "figure": "Positives found",
                "value": f"{pv.positives}",
                "basis": "sum of positives_new reported for round 1",
            },
        ]
        page.tables.append(
            Table.from_frame("Plans against reported progress", _named(cmp, names), floats=0)
        )
    except (FlareupError, ImportError, IndexError) as exc:
        page.notes.append(f"no round-1 plan comparison: {why(exc)}")
    cols = [c for c in prog.columns if c not in ("source", "source_kind")]
    page.tables.append(Table.from_frame("Reported progress", _named(prog[cols], names), floats=0))
    return page


def _named(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """``df`` with ``area_name`` beside its ``area`` code, for a table read by people."""
    if "area" not in df or "area_name" in df:
        return df
    out = df.copy()
    named = out["area"].astype(str).map(lambda a: names.get(a, a))
    out.insert(list(out.columns).index("area") + 1, "area_name", named)
    return out
