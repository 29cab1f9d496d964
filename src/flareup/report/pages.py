"""The situation room's pages as data: what the dashboard shows and its JSON twins serve.

Each page is a :class:`Page` of headline figures (each with what it rests on), Vega-Lite charts,
tables, notes and sources, built from the registry through :mod:`flareup.report.queries`,
:mod:`flareup.report.state` and the other ``report`` modules. The web app renders a Page as
HTML or returns :meth:`Page.to_dict`; the one-file report (:mod:`flareup.report.html`) lays
several pages one after another. :class:`Dashboard` keeps one open registry and caches pages
per (page, parameters, registry version) so that repeated views of one date cost nothing
until something is written.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import numpy as np
import pandas as pd

from flareup.errors import FlareupError, InputError
from flareup.report import maps
from flareup.schema import FLOW_METRICS, OFFICIAL_RULE_SET, STOCK_METRICS

if TYPE_CHECKING:
    from flareup.registry import Registry

#: The area the Kashgar demo is about; the default of every page when the registry holds it.
DEFAULT_AREA = "653100"
#: Rule set the "by rule" views use.
DEFAULT_RULES = "china-2020"
#: Map colourings besides the risk levels (metric name -> label).
MAP_METRICS: dict[str, str] = {
    "infections_cum": "detected infections to date",
    "infections_7d": "detected infections, last 7 days",
    "confirmed_current": "confirmed under care",
    "asymptomatic_current": "asymptomatic under observation",
}
#: Every reported metric a map can also be coloured by (schema.py): flows summed to date,
#: stocks at their latest figure.
REPORTED_METRICS: tuple[str, ...] = (*FLOW_METRICS, *STOCK_METRICS)
PAGES: dict[str, str] = {
    "overview": "Overview",
    "epicurve": "Epicurve",
    "rt": "Rt and growth",
    "map": "Map",
    "testing": "Mass testing",
    "simulation": "Simulation vs observed",
    "sources": "Sources and disagreements",
    "investigation": "Investigation",
    "audit": "Audit log",
}


# ---- the page model --------------------------------------------------------------------------


@dataclass
class Chart:
    """A Vega-Lite chart with a stable id, a title and a note on what it rests on."""

    id: str
    title: str
    spec: dict[str, Any]
    note: str = ""


@dataclass
class Table:
    """A table as columns and rows of JSON-ready cells."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""

    @classmethod
    def from_frame(cls, title: str, df: pd.DataFrame, note: str = "", floats: int = 2) -> Table:
        return cls(
            title,
            [str(c) for c in df.columns],
            [[_cell(v, floats) for v in r] for r in df.itertuples(index=False)],
            note,
        )


@dataclass
class Page:
    """One page of the situation room (also its JSON twin)."""

    key: str
    title: str
    date: str | None = None
    area: str | None = None
    figures: list[dict[str, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO dates, NaN as null)."""
        return {
            "page": self.key,
            "title": self.title,
            "date": self.date,
            "area": self.area,
            "params": self.params,
            "figures": self.figures,
            "charts": [
                {"id": c.id, "title": c.title, "note": c.note, "spec": c.spec} for c in self.charts
            ],
            "tables": [
                {"title": t.title, "columns": t.columns, "rows": t.rows, "note": t.note}
                for t in self.tables
            ],
            "notes": self.notes,
            "sources": self.sources,
        }


def _cell(v: Any, floats: int = 2) -> Any:
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.isoformat() if (v.hour or v.minute) else v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, np.bool_ | bool):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        f = float(v)
        if math.isnan(f):
            return None
        if floats == 0 and f.is_integer():
            return int(f)
        return round(f, floats) if math.isfinite(f) else str(f)
    if isinstance(v, dict | list):
        return v
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def spec(chart: Any) -> dict[str, Any]:
    """An Altair chart as a Vega-Lite dict (data inlined). Altair's schema validation is skipped:
    it costs most of a page's time and the builders here are checked by the tests."""
    out: dict[str, Any] = chart.to_dict(validate=False)
    return out


def _day_x(field: str, title: str) -> alt.X:
    """A daily time axis: whole UTC days (bars fill their day), labelled '25 Oct'."""
    return alt.X(f"utcyearmonthdate({field}):T", title=title, axis=alt.Axis(format="%d %b"))


def _day(value: Any) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(str(value)))
    except ValueError:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {value!r}", field="date") from None


# ---- page builders ---------------------------------------------------------------------------


def last_date(reg: Registry) -> pd.Timestamp | None:
    """The last date with a reported figure (the default date of every page)."""
    c = reg.counts(areas=[DEFAULT_AREA]) if _has_area(reg, DEFAULT_AREA) else reg.counts()
    if c.empty:
        c = reg.counts()
    return None if c.empty else pd.Timestamp(c["date"].max())


def _has_area(reg: Registry, code: str) -> bool:
    return bool((reg.areas()["code"].astype(str) == code).any())


def _area(reg: Registry, area: str | None) -> str:
    if area:
        reg.area(area)  # NotFoundError names an unknown code
        return area
    if _has_area(reg, DEFAULT_AREA):
        return DEFAULT_AREA
    from flareup.report.queries import default_area

    return default_area(reg)


def _names(reg: Registry) -> dict[str, str]:
    a = reg.areas()
    return dict(zip(a["code"].astype(str), a["name_en"].astype(str), strict=True))


def area_metrics(reg: Registry, day: pd.Timestamp) -> pd.DataFrame:
    """Per area (every level, parents summed from sub-areas where they report nothing):
    detected infections to ``day`` and in its last 7 days, and the latest current stocks."""
    from flareup.analytics.incidence import aggregate_to_parents

    flows = ["confirmed_new", "asymptomatic_new", "reclassified_new"]
    stocks = ["confirmed_current", "asymptomatic_current"]
    counts = reg.counts(metrics=flows + stocks, end=day)
    cols = ["area", *MAP_METRICS]
    if counts.empty:
        return pd.DataFrame(columns=cols)
    agg = aggregate_to_parents(counts[["area", "date", "metric", "value"]], reg.areas())
    f = agg[agg["metric"].isin(flows)]
    sign = f["metric"].map({"confirmed_new": 1, "asymptomatic_new": 1, "reclassified_new": -1})
    f = f.assign(v=f["value"] * sign)
    cum = f.groupby("area")["v"].sum()
    recent = f[f["date"] > day - pd.Timedelta(days=7)].groupby("area")["v"].sum()
    s = agg[agg["metric"].isin(stocks)].sort_values("date")
    latest = s.groupby(["area", "metric"])["value"].last().unstack()
    out = pd.DataFrame(index=sorted(set(agg["area"].astype(str))))
    out["infections_cum"] = cum
    out["infections_7d"] = recent.reindex(out.index).fillna(0).where(out.index.isin(cum.index))
    for m in stocks:
        out[m] = latest.get(m, np.nan)
    return out.rename_axis("area").reset_index()[cols]


def metric_on(reg: Registry, metric: str, day: pd.Timestamp) -> pd.DataFrame:
    """Any reported metric per area on ``day`` (``area, value``): a flow summed to date, a
    stock's latest figure; parents summed from sub-areas where they report nothing."""
    from flareup.analytics.incidence import aggregate_to_parents

    counts = reg.counts(metrics=[metric], end=day)
    if counts.empty:
        return pd.DataFrame(columns=["area", "value"])
    agg = aggregate_to_parents(counts[["area", "date", "metric", "value"]], reg.areas())
    if metric in FLOW_METRICS:
        v = agg.groupby("area")["value"].sum()
    else:
        v = agg.sort_values("date").groupby("area")["value"].last()
    return v.rename("value").rename_axis("area").reset_index().astype({"area": str})


_RULES_CACHE: OrderedDict[tuple[str, str, str, str | None], Any] = OrderedDict()
_RULES_LOCK = threading.Lock()


def rules_result(
    reg: Registry, rules_name: str = DEFAULT_RULES, end: pd.Timestamp | None = None
) -> tuple[Any, pd.DataFrame]:
    """``run_rules`` over the whole outbreak (or up to ``end`` when that is later), with the
    official designations; kept per registry version, since a day's level by rule depends only
    on the data up to that day and the overview, the map and the report all ask for it."""
    from flareup.report.analyses import run_rules
    from flareup.risk import load_rules

    a = reg.audit(limit=1)
    stamp = "" if a.empty else str(a["at"].iloc[0])
    key = (reg.url, stamp, rules_name, None if end is None else str(end.date()))
    with _RULES_LOCK:
        if key in _RULES_CACHE:
            _RULES_CACHE.move_to_end(key)
            out: tuple[Any, pd.DataFrame] = _RULES_CACHE[key]
            return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = run_rules(reg, load_rules(rules_name), end=None if end is None else str(end.date()))
    with _RULES_LOCK:
        _RULES_CACHE[key] = out
        while len(_RULES_CACHE) > 8:
            _RULES_CACHE.popitem(last=False)
    return out


def rule_levels(reg: Registry, day: pd.Timestamp, rules_name: str = DEFAULT_RULES) -> pd.DataFrame:
    """Levels by rule set ``rules_name`` on ``day`` (``area, level, reason``)."""
    res, _ = rules_result(reg, rules_name)
    if day > res.end:
        res, _ = rules_result(reg, rules_name, end=day)
    try:
        t: pd.DataFrame = res.map_table(day)
    except InputError:
        return pd.DataFrame(columns=["area", "level", "reason"])
    out = t.rename(columns={"code": "area"})[["area", "level", "reason"]]
    return out.astype({"area": str})


def overview(reg: Registry, date: Any = None, area: str | None = None) -> Page:
    """Headline figures of ``area`` on ``date`` with their sources, the daily detections and
    the official-level map, and a table of its sub-areas (:func:`flareup.report.overview`)."""
    from flareup.report.overview import overview as area_overview
    from flareup.report.overview import subarea_table

    code = _area(reg, area)
    day = _day(date) or last_date(reg)
    page = Page("overview", PAGES["overview"], area=code)
    if day is None:
        page.notes.append("the registry holds no counts yet: import some (or run flareup demo)")
        return page
    page.date = str(day.date())
    page.params = {"date": page.date, "area": code}
    res = None
    try:
        res, _ = rules_result(reg)
        if day > res.end:
            res, _ = rules_result(reg, end=day)
    except FlareupError as exc:
        page.notes.append(f"levels by rule unavailable: {exc}")
    table: pd.DataFrame | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ov = area_overview(reg, code, date=day, res=res)
        d = ov.state.to_dict()
        page.title = f"Overview: {d['name']} on {d['date']}"
        page.figures = d["figures"]
        page.notes += d["notes"]
        table = ov.subareas
        for key, label in (("official", "official"), ("rule", f"by {DEFAULT_RULES}")):
            n = ov.risk_counts.get(key, {})
            if any(n.values()):
                page.figures.append(
                    {
                        "figure": f"Areas inside at each level ({label})",
                        "value": " · ".join(f"{k} {v}" for k, v in reversed(list(n.items()))),
                        "basis": f"designations in force on {page.date}"
                        if key == "official"
                        else f"rule set {DEFAULT_RULES} on {page.date}",
                    }
                )
    except FlareupError as exc:
        page.notes.append(f"no headline figures for {code} on {day.date()}: {exc}")
        try:
            table = subarea_table(reg, code, date=day, res=res)
        except FlareupError:
            table = None
    levels = maps.levels_on(reg.designations(rule_set=OFFICIAL_RULE_SET), day, areas=reg.areas())
    _overview_charts(reg, page, code, day, levels)
    if table is not None and not table.empty:
        # a sub-area never designated itself takes its highest designated sub-area's level
        roll = levels.set_index("area")
        t = table.copy()
        t["official_basis"] = [
            "designated" if isinstance(o, str) else _get(roll, c, "basis")
            for c, o in zip(t["code"], t["official_level"], strict=True)
        ]
        t["official_level"] = [
            o if isinstance(o, str) else _get(roll, c, "level")
            for c, o in zip(t["code"], t["official_level"], strict=True)
        ]
        page.tables.append(
            Table.from_frame(
                "By sub-area",
                t,
                note="infections: confirmed + asymptomatic - reclassified, each detected "
                "infection once (schema infections_new), summed from sub-areas where an area "
                "reports nothing itself; blank where nothing is reported. official_level: the "
                "designation in force on the date (an area never designated itself takes its "
                "highest designated sub-area's, as official_basis says).",
                floats=0,
            )
        )
    page.sources = latest_sources(reg, code, day)
    return page


def _overview_charts(
    reg: Registry, page: Page, code: str, day: pd.Timestamp, levels: pd.DataFrame
) -> None:
    """The overview's two charts: daily detections of the area, and the official-level map."""
    from flareup.report.queries import registry_series

    try:
        series = registry_series(reg, code, "infections_new", "zero", end=day)
        page.charts.append(
            Chart(
                "daily",
                "New detected infections per day",
                spec(_daily_bars(series.frame)),
                series.basis,
            )
        )
    except FlareupError as exc:
        page.notes.append(f"no daily series: {exc}")
    page.charts.append(
        Chart(
            "levels",
            f"Official risk levels on {day.date()}",
            maps.map_spec(levels, width=330, height=300),
            maps.SCHEMATIC_NOTE,
        )
    )


def _daily_bars(frame: pd.DataFrame) -> Any:
    inc = frame[["date", "I"]].copy()
    inc["date"] = pd.to_datetime(inc["date"]).dt.strftime("%Y-%m-%d")
    return (
        alt.Chart(inc)
        .mark_bar(color="#6baed6")
        .encode(
            x=_day_x("date", "date"),
            y=alt.Y("I:Q", title="new detected infections"),
            tooltip=["utcyearmonthdate(date):T", "I:Q"],
        )
        .properties(width="container", height=200)
    )


def _get(df: pd.DataFrame, idx: str, col: str) -> Any:
    if idx in df.index and col in df.columns:
        v: Any = df.at[idx, col]
        return None if (not isinstance(v, str) and pd.isna(v)) else v
    return None


def latest_sources(reg: Registry, area: str, day: pd.Timestamp) -> list[dict[str, Any]]:
    """Where the latest figure of each metric of ``area`` (and sub-areas) up to ``day`` came from."""
    codes = [area, *reg.descendants(area)]
    c = reg.counts(areas=codes, end=day)
    if c.empty:
        return []
    latest = c.sort_values("date").groupby("metric", sort=True).tail(1)
    names = _names(reg)
    return [
        {
            "metric": str(r.metric),
            "area": names.get(str(r.area), str(r.area)),
            "date": _cell(r.date),
            "value": _cell(r.value),
            "source": str(r.source_title),
            "uri": str(r.source_uri) if isinstance(r.source_uri, str) else None,
            "kind": str(r.source_kind),
        }
        for r in latest.itertuples(index=False)
    ]


def epicurve(
    reg: Registry, date: Any = None, area: str | None = None, interval: str = "day"
) -> Page:
    """Detections by day (or ISO week) of ``area``: by category, and by sub-area."""
    from flareup.charts.epi import epicurve_chart
    from flareup.report.charts import area_composition_chart
    from flareup.report.queries import epicurve_counts
    from flareup.schema import STACKED_METRICS

    code = _area(reg, area)
    day = _day(date) or last_date(reg)
    if interval not in ("day", "week"):
        raise InputError(f"interval must be 'day' or 'week', got {interval!r}", field="interval")
    page = Page("epicurve", PAGES["epicurve"], date=_iso(day), area=code)
    page.params = {"date": page.date, "area": code, "interval": interval}
    names = _names(reg)
    try:
        curve = epicurve_counts(
            reg, [code], list(STACKED_METRICS), interval=interval, fill_missing="zero"
        )
    except FlareupError as exc:
        page.notes.append(f"no epicurve for {code}: {exc}")
        return page
    if day is not None:
        curve = curve[curve["period_start"] <= day]
    page.title = f"Epicurve: {names.get(code, code)}"
    page.charts.append(
        Chart(
            "epicurve-category",
            f"New detected infections by {interval}, by category",
            spec(
                epicurve_chart(
                    curve,
                    interval=interval,
                    names=names,
                    source=f"registry counts of {names.get(code, code)} [{code}]",
                )
            ),
            "confirmed_direct = confirmed at first detection; asymptomatic_new = found "
            "without symptoms; each infection counted once (reclassifications are not new "
            "infections).",
        )
    )
    # one series per direct sub-area that reports (counties of a prefecture, townships of a
    # county), each summed from its own sub-areas
    areas = reg.areas()
    parent = dict(zip(areas["code"].astype(str), areas["parent_code"].astype(str), strict=True))
    reporting = set(reg.counts(areas=[code, *reg.descendants(code)], end=day)["area"].astype(str))
    subs = sorted({c for c in (_child_of(r, code, parent) for r in reporting) if c})
    by_area = None
    if subs:
        try:
            by_area = epicurve_counts(
                reg, subs, ["infections_new"], interval=interval, fill_missing="zero"
            )
        except FlareupError:
            by_area = None
    if by_area is not None and not by_area.empty:
        if day is not None:
            by_area = by_area[by_area["period_start"] <= day]
        page.charts.append(
            Chart(
                "epicurve-area",
                f"New detected infections by {interval}, by reporting sub-area",
                spec(
                    epicurve_chart(
                        by_area,
                        stack_by="area",
                        interval=interval,
                        names=names,
                        source="registry counts, each sub-area summed from its own sub-areas",
                    )
                ),
            )
        )
    try:
        page.charts.append(
            Chart(
                "composition",
                "Asymptomatic and severe shares (95 % Wilson intervals)",
                spec(area_composition_chart(reg, code, date=day)),
            )
        )
    except FlareupError as exc:
        page.notes.append(f"no composition chart: {exc}")
    wide = curve.pivot_table(
        index="period_start", columns="metric", values="value", aggfunc="sum"
    ).reset_index()
    page.tables.append(Table.from_frame("Counts", wide, floats=0))
    return page


def _child_of(area: str, ancestor: str, parent: dict[str, str]) -> str | None:
    """The direct sub-area of ``ancestor`` that holds ``area`` (None if outside it)."""
    for _ in range(10):
        up = parent.get(area)
        if up is None:
            return None
        if up == ancestor:
            return area
        area = up
    return None


def _iso(day: pd.Timestamp | None) -> str | None:
    return None if day is None else str(day.date())


def rt(reg: Registry, date: Any = None, area: str | None = None) -> Page:
    """Cori R_t (EpiEstim) with its 95 % credible band, and the exponential growth rate."""
    from flareup.analytics.rt import CoriRt
    from flareup.charts.epi import growth_chart, rt_chart
    from flareup.report.analyses import growth_row
    from flareup.report.queries import registry_series
    from flareup.report.state import COVID_SI_MEAN, COVID_SI_REF, COVID_SI_SD

    code = _area(reg, area)
    day = _day(date) or last_date(reg)
    names = _names(reg)
    page = Page("rt", f"Rt and growth: {names.get(code, code)}", date=_iso(day), area=code)
    page.params = {"date": page.date, "area": code}
    si = f"serial interval gamma, mean {COVID_SI_MEAN} d, sd {COVID_SI_SD} d ({COVID_SI_REF})"
    try:
        series = registry_series(reg, code, "infections_new", "zero", end=day)
    except FlareupError as exc:
        page.notes.append(f"no daily series for {code}: {exc}")
        return page
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit = CoriRt(COVID_SI_MEAN, COVID_SI_SD, window=7, fill_missing="zero").fit(
                series.frame
            )
            est = fit.estimates_
        except FlareupError as exc:
            est = None
            page.notes.append(f"R_t not estimable: {exc}")
        try:
            g, gfit = growth_row(
                # negative-binomial, as the overview's doubling time: one estimate of the same
                # quantity on every page (and honest intervals for overdispersed daily counts)
                series,
                None,
                None,
                14,
                "negbin",
                COVID_SI_MEAN,
                COVID_SI_SD,
                "zero",
            )
        except FlareupError as exc:
            g = None
            page.notes.append(f"growth rate not estimable: {exc}")
    page.notes += sorted({str(w.message) for w in caught})
    page.figures.append({"figure": "Series", "value": series.label, "basis": series.basis})
    if est is not None and len(est):
        last = est.iloc[-1]
        page.figures.append(
            {
                "figure": "R_t, last 7-day window",
                "value": f"{last['mean']:.2f} (95% CrI {last['q0.025']:.2f}–{last['q0.975']:.2f})",
                "basis": f"Cori et al. 2013 (EpiEstim), window ending {_cell(last['date_end'])}; "
                + si,
            }
        )
        page.charts.append(
            Chart(
                "rt",
                "R_t (7-day windows) with its credible bands",
                spec(
                    rt_chart(
                        est,
                        si_mean=COVID_SI_MEAN,
                        si_sd=COVID_SI_SD,
                        si_ref=COVID_SI_REF,
                        window=7,
                        source=series.basis,
                    )
                ),
                si,
            )
        )
        page.tables.append(Table.from_frame("R_t estimates", est))
    if g is not None:
        kind = "doubling" if "doubling_time" in g else "halving"
        page.figures.append(
            {
                "figure": f"Growth rate, last {g['days']} days",
                "value": f"{g['r']:.3f}/day (95% CI {g['r_low']:.3f} to {g['r_high']:.3f})",
                "basis": f"negative-binomial log-linear fit on {g['cases']} cases, "
                f"{_cell(g['date_start'])} to {_cell(g['date_end'])}; {kind} time "
                f"{_cell(g[f'{kind}_time'])} d",
            }
        )
        page.tables.append(
            Table.from_frame(f"Growth (last {g['days']} days)", pd.DataFrame([g]), floats=3)
        )
        try:
            inc = series.frame
            y = inc["I"].to_numpy()
            dates = pd.to_datetime(inc["date"])
            page.charts.append(
                Chart(
                    "growth",
                    f"Exponential growth fit, last {g['days']} days (log scale)",
                    spec(growth_chart(y, dates, gfit, source=series.basis)),
                    "negative-binomial log-linear fit; band: the growth rate's 95 % interval",
                )
            )
        except (FlareupError, ValueError, IndexError) as exc:
            page.notes.append(f"no growth chart: {exc}")
    page.charts.append(
        Chart(
            "incidence",
            "Daily new detected infections (the series R_t and growth rest on)",
            spec(_daily_bars(series.frame)),
            series.basis,
        )
    )
    return page


def risk_map(reg: Registry, date: Any = None, colour: str = "official") -> Page:
    """Kashgar's counties and Shufu's townships coloured by official level, level by rule, or
    a metric (:data:`MAP_METRICS`) on ``date``."""
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

        # the whole outbreak, whatever the map's date: where the day sits in it
        res, official = rules_result(reg)
        page.charts.append(
            Chart(
                "timeline",
                f"Risk levels over time: official and by rule set {DEFAULT_RULES}",
                spec(risk_chart(res, official, names=names, areas=sorted(codes))),
            )
        )
    except FlareupError as exc:
        page.notes.append(f"no risk timeline: {exc}")
    return page


def testing(reg: Registry, date: Any = None) -> Page:
    """Mass testing: reported progress of each round and, for Kashgar round 1, plans A and B."""
    from flareup.report.queries import campaign_progress

    day = _day(date)
    page = Page("testing", PAGES["testing"], date=_iso(day))
    page.params = {"date": page.date}
    prog = campaign_progress(reg)
    if prog.empty:
        page.notes.append("no campaign progress in the registry (import a campaigns table)")
        return page
    prog = prog.assign(timestamp=pd.to_datetime(prog["timestamp"]))
    if day is not None:
        prog = prog[prog["timestamp"] < day + pd.Timedelta(days=1)]
    names = _names(reg)
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
                        x=alt.X("timestamp:T", title="time (Beijing)"),
                        y=alt.Y("people_sampled:Q", title="people sampled"),
                        color=alt.Color("area_name:N", title="area"),
                        strokeDash=alt.StrokeDash("round:N"),
                        tooltip=["timestamp:T", "area_name:N", "round:N", "people_sampled:Q"],
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
            plans_chart = _with_date_rule(
                plans_chart, day + pd.Timedelta(days=1), times.min(), times.max(), page
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
        page.tables.append(Table.from_frame("Plans against reported progress", cmp, floats=0))
    except (FlareupError, ImportError, IndexError) as exc:
        page.notes.append(f"no round-1 plan comparison: {exc}")
    cols = [c for c in prog.columns if c not in ("source", "source_kind")]
    page.tables.append(Table.from_frame("Reported progress", prog[cols], floats=0))
    return page


def _with_date_rule(
    chart: Any,
    at: pd.Timestamp,
    lo: pd.Timestamp,
    hi: pd.Timestamp,
    page: Page,
    *,
    with_time: bool = True,
) -> Any:
    """``chart`` (a layer, or a vconcat of layers, with a temporal x) with a vertical rule at
    ``at`` when it falls within [lo, hi]; else a note (a rule outside would stretch the axis).

    Date-only strings are UTC in Vega-Lite and date-times local, as flareup.charts writes its
    data: the rule's value is written the same way as the chart's own x values."""
    if not (lo <= at <= hi):
        page.notes.append(
            f"the chosen date {page.date} lies outside the chart's time span "
            f"({lo.date()} to {hi.date()}): no rule drawn"
        )
        return chart
    value = at.strftime("%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d")
    field = "time" if with_time else "date"
    rule = (
        alt.Chart(pd.DataFrame({field: [value], "label": [f"as of {page.date}"]}))
        .mark_rule(color="#444444", strokeWidth=1.5, strokeDash=[2, 2])
        .encode(x=alt.X(f"{field}:T"), tooltip=[alt.Tooltip("label:N", title="date")])
    )
    panels = chart.vconcat if hasattr(chart, "vconcat") and chart.vconcat else [chart]
    for panel in panels:
        panel.layer.append(rule)
    return chart


class _SimCache:
    """The demo ensemble, computed once per process in a background thread (a few seconds once
    numba's cache is warm; longer on a first run)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.result: Any = None
        self.error: str | None = None
        self.thread: threading.Thread | None = None

    def start(self, scenario: str, scale: float, runs: int) -> None:
        with self.lock:
            if self.thread is not None:
                return
            self.thread = threading.Thread(
                target=self._run, args=(scenario, scale, runs), daemon=True
            )
            self.thread.start()

    def _run(self, scenario: str, scale: float, runs: int) -> None:
        try:
            from flareup.sim.ensemble import run_ensemble
            from flareup.sim.scenario import load_scenario

            sc = load_scenario(scenario).replace(scale=scale)
            self.result = run_ensemble(sc, runs=runs, seed=2020, executor="serial")
        except Exception as exc:  # shown on the page instead of killing the server
            self.error = f"{type(exc).__name__}: {exc}"

    def wait(self, timeout: float | None) -> Any:
        if self.thread is not None:
            self.thread.join(timeout)
        return self.result


#: The calibrated scenario at the scale it was fitted at (full: a smaller scale shrinks every
#: group and every count, so it could not be read against the registry's observed figures).
SIM_SCENARIO, SIM_SCALE, SIM_RUNS = "kashgar-2020", 1.0, 8


def simulation(
    reg: Registry, date: Any = None, *, ensemble: Any = None, pending: str | None = None
) -> Page:
    """The calibrated kashgar-2020 ensemble (median, 50 % and 90 % bands of daily detections)
    with the registry's observed detections overlaid."""
    from flareup.report.queries import registry_series

    day = _day(date)
    page = Page("simulation", PAGES["simulation"], date=_iso(day), area="653121")
    page.params = {"date": page.date, "scenario": SIM_SCENARIO, "scale": SIM_SCALE}
    try:
        obs = registry_series(reg, "653121", "infections_new", "zero", end=day).frame
        obs = obs.assign(date=pd.to_datetime(obs["date"]).dt.strftime("%Y-%m-%d"))
    except FlareupError as exc:
        obs = None
        page.notes.append(f"no observed series for Shufu (653121): {exc}")
    if ensemble is None:
        page.notes.append(pending or "the simulation has not been run")
        if obs is not None:
            page.charts.append(
                Chart(
                    "observed",
                    "Observed new detected infections, Shufu",
                    spec(
                        alt.Chart(obs)
                        .mark_circle(color="black")
                        .encode(
                            x=_day_x("date", "date"),
                            y=alt.Y("I:Q", title="new detected infections"),
                        )
                        .properties(width="container", height=240)
                    ),
                )
            )
        return page
    from flareup.report.charts import simulation_chart

    # the box's width, as the other pages' charts (the chart module's default is for files)
    fan = simulation_chart(ensemble, reg=reg, as_of=day).properties(width="container")
    if day is not None:
        sim_dates = pd.DatetimeIndex(ensemble.results[ensemble.scenarios[0]].dates)
        fan = _with_date_rule(fan, day, sim_dates.min(), sim_dates.max(), page, with_time=False)
    page.charts.append(
        Chart(
            "fan",
            "Simulated daily detections (median, 50 % and 90 % of runs) and observed",
            spec(fan),
            f"scenario {SIM_SCENARIO}, {SIM_RUNS} runs at {SIM_SCALE:.0%} scale, as calibrated; "
            "calibration in docs/methods/sim.md",
        )
    )
    try:
        from flareup.report.analyses import simulated_vs_observed

        page.tables.append(
            Table.from_frame(
                "Totals over the simulated period", simulated_vs_observed(reg, ensemble)
            )
        )
    except (FlareupError, ImportError) as exc:
        page.notes.append(f"no totals table: {exc}")
    return page


def investigation(reg: Registry, date: Any = None) -> Page:
    """The investigation page (:func:`flareup.report.chainview.investigation_page`)."""
    from flareup.report.chainview import investigation_page

    return investigation_page(reg, date)


def sources(reg: Registry, date: Any = None) -> Page:
    """Every source with how many current figures rest on it, and where sources disagree."""
    day = _day(date)
    page = Page("sources", PAGES["sources"], date=_iso(day))
    page.params = {"date": page.date}
    c = reg.counts(policy="all", end=day)
    if not c.empty:
        s = (
            c.groupby(["source_title", "source_kind"], dropna=False)
            .agg(figures=("value", "size"), first=("date", "min"), last=("date", "max"))
            .reset_index()
            .sort_values("figures", ascending=False)
        )
        uris = c.drop_duplicates("source_title").set_index("source_title")["source_uri"]
        s["uri"] = s["source_title"].map(uris)
        s["uri"] = s["uri"].where(s["uri"] != s["source_title"])  # only where it adds something
        if s["uri"].isna().all():
            s = s.drop(columns="uri")  # a column of blanks says nothing
        page.tables.append(Table.from_frame("Sources of the stored figures", s, floats=0))
    d = reg.disagreements()
    if day is not None and not d.empty:
        d = d[d["date"] <= day]
    names = _names(reg)
    shown = d
    if not d.empty:
        # read by people: the area's name beside its code, the URL only where it is not the
        # title already (the page shows booleans as a tick; its JSON twin keeps them)
        shown = d.assign(
            area_name=d["area"].astype(str).map(lambda a: names.get(a, a)),
        )
        if "source_uri" in shown:
            shown["source_uri"] = shown["source_uri"].where(
                shown["source_uri"] != shown["source_title"]
            )
            if shown["source_uri"].isna().all():
                shown = shown.drop(columns="source_uri")
        cols = ["area", "area_name"] + [c for c in shown.columns if c not in ("area", "area_name")]
        shown = shown[cols]
    page.tables.append(
        Table.from_frame(
            "Disagreements",
            shown,
            note="Every (area, date, metric) where current sources give different values; "
            "'chosen' marks the figure the latest-official policy uses.",
            floats=0,
        )
    )
    if not d.empty:
        dd = d.assign(
            date=pd.to_datetime(d["date"]).dt.strftime("%Y-%m-%d"),
            label=d["area"].astype(str).map(lambda a: names.get(a, a))
            + " \u00b7 "
            + d["metric"].astype(str)
            + " \u00b7 "
            + pd.to_datetime(d["date"]).dt.strftime("%Y-%m-%d"),
        )[["date", "label", "value", "source_title", "chosen"]]
        page.charts.append(
            Chart(
                "disagreements",
                "Values given by each source where sources disagree",
                spec(
                    alt.Chart(dd)
                    .mark_point(filled=True, size=80)
                    .encode(
                        x=alt.X("value:Q"),
                        # the whole label: area, metric and date (Vega-Lite cuts at 180 px)
                        y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=400)),
                        color=alt.Color("source_title:N", title="source", legend=None),
                        shape=alt.Shape("chosen:N"),
                        tooltip=["date:T", "label:N", "value:Q", "source_title:N", "chosen:N"],
                    )
                    .properties(width="container", height=max(80, 30 * dd["label"].nunique()))
                ),
            )
        )
    return page


def audit(reg: Registry, limit: int = 200) -> Page:
    """The newest entries of the registry's audit log."""
    page = Page("audit", PAGES["audit"])
    page.params = {"limit": limit}
    a = reg.audit(limit=limit)
    if not a.empty:
        a = a.assign(
            at=pd.to_datetime(a["at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
            before=a["before"].map(_brief),
            after=a["after"].map(_brief),
        )
    page.tables.append(
        Table.from_frame(
            f"Audit log (newest {limit})",
            a,
            note="Corrections supersede; nothing is overwritten or lost.",
        )
    )
    return page


def _brief(v: Any) -> str | None:
    """An audit entry's row as ``key=value, ...`` (empty fields left out, long values cut), as
    ``flareup audit`` prints it, not as a Python dict."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, dict):
        v = ", ".join(f"{k}={_cut(str(x), 48)}" for k, x in v.items() if x is not None and x != "")
    return _cut(str(v), 240)


def _cut(s: str, n: int) -> str:
    """``s`` cut to ``n`` characters, an ellipsis marking the cut."""
    return s if len(s) <= n else s[: n - 1] + "\u2026"


# ---- writes ----------------------------------------------------------------------------------


def import_upload(
    reg: Registry, kind: str, filename: str, data: bytes, *, user: str | None = None
) -> dict[str, Any]:
    """Validate and import an uploaded table exactly as ``flareup import`` does: all or nothing;
    an InputError names file, row, field and reason for every problem and changes nothing."""
    from flareup.ingest.tables import read_table

    name = Path(filename or "upload.csv").name
    if Path(name).suffix.lower() not in (".csv", ".parquet", ".json"):
        raise InputError("expected a .csv, .parquet or .json file", file=name, field="file")
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        try:
            vt = read_table(p, kind)
        except InputError as exc:
            raise _renamed(exc, str(p), name) from None
        vt = _with_file(vt, str(p), name)
        s = reg.import_table(vt, user=user or "flareup serve")
    return {
        "kind": str(kind),
        "file": name,
        "inserted": s.inserted,
        "unchanged": s.unchanged,
        "superseded": s.superseded,
    }


def _renamed(exc: InputError, path: str, name: str) -> InputError:
    from flareup.errors import Problem

    return InputError(
        problems=[
            Problem(name if q.file == path else q.file, q.row, q.field, q.reason)
            for q in exc.problems
        ]
    )


def _with_file(vt: Any, path: str, name: str) -> Any:
    from dataclasses import replace

    src = vt.source
    if getattr(src, "uri", None) == path:
        src = replace(src, uri=f"upload:{name}")
    return replace(vt, file=name, source=src)


def record_designation(
    reg: Registry, body: dict[str, Any], *, user: str | None = None
) -> dict[str, Any]:
    """Record one official designation (area, level, valid_from, [valid_to], reason, source),
    validated as a designations table row."""
    cols = ["area", "level", "valid_from", "valid_to", "rule_set", "rule_version", "reason"]
    row = {c: body.get(c) for c in cols}
    row["rule_set"] = row["rule_set"] or OFFICIAL_RULE_SET
    row["source"] = body.get("source")
    if not row["source"]:
        raise InputError("every designation needs its source", field="source")
    df = pd.DataFrame([row])
    return import_upload(
        reg, "designations", "designation.csv", df.to_csv(index=False).encode(), user=user
    )


# ---- the dashboard ---------------------------------------------------------------------------


Builder = Callable[..., Page]
BUILDERS: dict[str, Builder] = {
    "overview": overview,
    "epicurve": epicurve,
    "rt": rt,
    "map": risk_map,
    "testing": testing,
    "sources": sources,
    "investigation": investigation,
    "audit": audit,
}


class Dashboard:
    """One registry, its pages cached per (page, parameters, registry version).

    The version is the newest audit-log entry: any import, correction or deletion (by this
    server or anyone else) changes it, so a cached page is never stale.
    """

    def __init__(self, reg: Registry, *, cache_size: int = 256, simulate: bool = True) -> None:
        self.reg = reg
        self.cache: OrderedDict[tuple[Any, ...], Page] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.RLock()
        self.simulate = simulate
        self.sim = _SimCache()
        self.memo: dict[tuple[str, str], Any] = {}
        self.inflight: dict[tuple[Any, ...], threading.Event] = {}
        from flareup.report.readcache import CachedReads

        # registry reads shared by the pages of one registry version (the line list once)
        self.reads = CachedReads(reg)
        self.reads_version: str | None = None

    def _reads(self, version: str) -> Any:
        with self.lock:
            if version != self.reads_version:
                self.reads.forget()
                self.reads_version = version
            return self.reads

    def version(self) -> str:
        a = self.reg.audit(limit=1)
        return "" if a.empty else f"{a['at'].iloc[0]}|{len(a)}"

    def start_simulation(self) -> None:
        if self.simulate:
            self.sim.start(SIM_SCENARIO, SIM_SCALE, SIM_RUNS)

    def page(self, name: str, **params: Any) -> Page:
        """The page ``name`` for ``params`` (cached until the registry changes). Requests for
        a page being built wait for that build instead of starting another."""
        if name == "simulation":
            return self._simulation(**params)
        if name not in BUILDERS:
            raise InputError(f"no page {name!r}", field="page")
        key = (name, tuple(sorted(params.items())), self.version())
        while True:
            with self.lock:
                hit = self.cache.get(key)
                if hit is not None:
                    self.cache.move_to_end(key)
                    return hit
                building = self.inflight.get(key)
                if building is None:
                    building = self.inflight[key] = threading.Event()
                    break
            building.wait()
            with self.lock:
                if key not in self.cache:  # the other build failed: build it here
                    self.inflight.pop(key, None)
        try:
            page = BUILDERS[name](self._reads(key[-1]), **params)
            with self.lock:
                self.cache[key] = page
                while len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
            return page
        finally:
            with self.lock:
                self.inflight.pop(key, None)
            building.set()

    #: The pages a server builds at start-up, with the parameters its routes use by default.
    WARM: tuple[tuple[str, dict[str, Any]], ...] = (
        ("overview", {"date": None, "area": None}),
        ("rt", {"date": None, "area": None}),
        ("map", {"date": None, "colour": "official"}),
        ("epicurve", {"date": None, "area": None, "interval": "day"}),
    )

    def warm(self) -> threading.Thread:
        """Build the default pages in a background thread, so that the first visitor of a
        large registry does not wait for them (errors are left for the request to show)."""

        def run() -> None:
            for name, params in self.WARM:
                try:
                    self.page(name, **params)
                except Exception:  # the same error reaches the user when they ask
                    continue

        t = threading.Thread(target=run, daemon=True, name="flareup-warm")
        t.start()
        return t

    def _simulation(self, date: Any = None, wait: float = 0.0) -> Page:
        if not self.simulate:
            return simulation(self.reg, date, pending="simulation is off for this server")
        self.start_simulation()
        ens = self.sim.wait(wait)
        if ens is None:
            pending = (
                f"the simulation failed: {self.sim.error}"
                if self.sim.error
                else "the ensemble is being computed in the background (a few seconds; the "
                "first run after installing compiles the simulator first): reload the page"
            )
            return simulation(self.reg, date, pending=pending)
        return simulation(self.reg, date, ensemble=ens)

    def import_upload(self, kind: str, filename: str, data: bytes) -> dict[str, Any]:
        return import_upload(self.reg, kind, filename, data)

    def record_designation(self, body: dict[str, Any]) -> dict[str, Any]:
        return record_designation(self.reg, body)

    def _memo(self, name: str, build: Callable[[], Any]) -> Any:
        key = (name, self.version())
        with self.lock:
            if key in self.memo:
                return self.memo[key]
        value = build()
        with self.lock:
            self.memo = {k: v for k, v in self.memo.items() if k[1] == key[1]}
            self.memo[key] = value
        return value

    def areas(self) -> list[dict[str, Any]]:
        """The registry's areas (code, name, level), cached until the registry changes."""

        def build() -> list[dict[str, Any]]:
            a = self.reg.areas()
            return [
                {"code": str(r.code), "name": str(r.name_en), "level": str(r.level)}
                for r in a.itertuples(index=False)
            ]

        out: list[dict[str, Any]] = self._memo("areas", build)
        return out

    def dates(self) -> tuple[str | None, str | None]:
        """First and last dates with figures (the date picker's hint), cached likewise."""

        def build() -> tuple[str | None, str | None]:
            c = self.reg.counts()
            if c.empty:
                return None, None
            return str(c["date"].min().date()), str(c["date"].max().date())

        out: tuple[str | None, str | None] = self._memo("dates", build)
        return out


__all__ = [
    "BUILDERS",
    "MAP_METRICS",
    "PAGES",
    "REPORTED_METRICS",
    "Chart",
    "Dashboard",
    "Page",
    "Table",
    "area_metrics",
    "audit",
    "epicurve",
    "import_upload",
    "investigation",
    "overview",
    "record_designation",
    "risk_map",
    "rt",
    "simulation",
    "sources",
    "testing",
]
