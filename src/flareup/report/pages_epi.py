"""The dashboard's epidemiological pages: the overview (headline figures, daily detections,
the official-level map, sub-areas), the epicurve and R_t with the growth rate. Re-exported by
:mod:`flareup.report.pages`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from flareup.errors import FlareupError, InputError
from flareup.report import maps
from flareup.report.page_model import (
    PAGES,
    Chart,
    Page,
    Table,
    _cell,
    _day,
    _day_x,
    _iso,
    spec,
    why,
)
from flareup.report.page_queries import (
    DEFAULT_RULES,
    _area,
    _names,
    last_date,
    latest_sources,
    rules_result,
)
from flareup.schema import DERIVED_METRICS, OFFICIAL_RULE_SET, days_interval_text

if TYPE_CHECKING:
    from flareup.registry import Registry


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
        page.notes.append(f"levels by rule unavailable: {why(exc)}")
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
        page.figures += _level_count_figures(ov, d["name"], page.date)
    except FlareupError as exc:
        page.notes.append(f"no headline figures for {code} on {day.date()}: {why(exc)}")
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


def _kinds(by_kind: dict[str, int]) -> str:
    """'11 counties, 15 townships'."""
    plural = {"county": "counties", "community": "communities", "country": "countries"}
    return ", ".join(f"{n} {k if n == 1 else plural.get(k, k + 's')}" for k, n in by_kind.items())


def _level_count_figures(ov: Any, name: str, date: str) -> list[dict[str, str]]:
    """How many areas inside are at each level, official and by rule, each saying which areas
    it counts: the two cover different areas (designated ones; ones with figures), and bare
    'official 26 vs rule 16' left a reader to guess why they differ."""
    out = []
    total = sum(ov.risk_areas.get("inside", {}).values())
    for key in ("official", "rule"):
        n = ov.risk_counts.get(key, {})
        if not any(n.values()):
            continue
        covered = ov.risk_areas.get(key, {})
        rest = {
            k: v - covered.get(k, 0)
            for k, v in ov.risk_areas.get("inside", {}).items()
            if v > covered.get(k, 0)
        }
        if key == "official":
            figure = "Designated areas at each level (official)"
            which = f"with a designation in force on {date}"
            left = "without a designation of {} own"
        else:
            figure = f"Areas at each level by rule ({DEFAULT_RULES})"
            which = f"that rule set {DEFAULT_RULES} gives a level on {date}"
            left = "with no figures to apply the rule to"
        basis = (
            f"the {sum(covered.values())} of the {total} areas inside {name} {which} "
            f"({_kinds(covered)})"
        )
        if rest:
            basis += f"; not counted: {_kinds(rest)} " + left.format(
                "its" if sum(rest.values()) == 1 else "their"
            )
        out.append(
            {
                "figure": figure,
                "value": " · ".join(f"{k} {v}" for k, v in reversed(list(n.items()))),
                "basis": basis,
            }
        )
    return out


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
        page.notes.append(f"no daily series: {why(exc)}")
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
        page.notes.append(f"no epicurve for {code}: {why(exc)}")
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
        page.notes.append(f"no composition chart: {why(exc)}")
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
        page.notes.append(f"no daily series for {code}: {why(exc)}")
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
            page.notes.append(f"R_t not estimable: {why(exc)}")
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
            page.notes.append(f"growth rate not estimable: {why(exc)}")
    page.notes += sorted({str(w.message) for w in caught})
    if g is not None and any(pd.isna(g.get(k)) for k in ("R", "R_lower", "R_upper")):
        # the growth table's R cells were blank with no word why
        from flareup.analytics.growth import gamma_shape_scale

        _, scale = gamma_shape_scale(COVID_SI_MEAN, COVID_SI_SD)
        page.notes.append(
            "R from the growth rate (Wallinga & Lipsitch 2007) is left blank where r or an end "
            f"of its interval is at or below -1/{scale:.2f} = {-1 / scale:.3f}/day (the serial "
            "interval's scale): a decline that fast has no R under that interval"
        )
    # the card read '653100 infections_new': the metric and what it counts, the area is the title's
    what = DERIVED_METRICS["infections_new"].definition.split(":")[0]
    page.figures.append(
        {"figure": "Series", "value": f"infections_new ({what})", "basis": series.basis}
    )
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
        kind = "doubling" if g["growth_or_decay"] == "growth" else "halving"
        page.figures.append(
            {
                "figure": f"Growth rate, last {g['days']} days",
                "value": f"{g['r']:.3f}/day (95% CI {g['r_lower']:.3f} to {g['r_upper']:.3f})",
                "basis": f"negative-binomial log-linear fit on {g['cases']} cases, "
                f"{_cell(g['date_start'])} to {_cell(g['date_end'])}; {kind} time "
                + days_interval_text(g["time"], g["time_lower"], g["time_upper"]),
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
            page.notes.append(f"no growth chart: {why(exc)}")
    page.charts.append(
        Chart(
            "incidence",
            "Daily new detected infections (the series R_t and growth rest on)",
            spec(_daily_bars(series.frame)),
            series.basis,
        )
    )
    return page
