"""Charts of the situation from the registry: each reads through :mod:`flareup.report.queries`,
runs the pure analysis and draws it with :mod:`flareup.charts` (frames -> Altair charts).

Every function returns an Altair chart (``chart.to_dict()`` is the Vega-Lite spec the web app
serves; :func:`save_chart` writes ``.svg``, ``.png``, ``.html`` or ``.json``).
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from flareup.analytics.composition import asymptomatic_share, severe_share
from flareup.analytics.incidence import aggregate_to_parents
from flareup.analytics.rt import CoriRt
from flareup.charts.epi import (
    composition_chart,
    dashboard_chart,
    epicurve_chart,
    rt_chart,
)
from flareup.charts.risk import risk_levels_chart, risk_timeline
from flareup.charts.save import CHART_SUFFIXES, check_chart_path, save_chart
from flareup.charts.sim import DETECTED, results_chart, simulated_runs, what_of
from flareup.charts.style import title
from flareup.charts.testing import campaign_chart, campaign_curves
from flareup.errors import DataTooThinWarning, InputError
from flareup.report.queries import (
    area_counts,
    check_disjoint_areas,
    epicurve_counts,
    epicurve_linelist,
    observed_counts,
    registry_series,
)
from flareup.report.state import COVID_SI_MEAN, COVID_SI_REF, COVID_SI_SD
from flareup.schema import DERIVED_METRICS, STACKED_METRICS, area_display_name

if TYPE_CHECKING:
    from flareup.registry import Registry
    from flareup.risk import RiskResult


def area_names(reg: Registry) -> dict[str, str]:
    """Area code -> English name, for chart labels (schema.area_display_name, as the tables)."""
    a = reg.areas()
    if a.empty:
        return {}
    names = [area_display_name(n) for n in a["name_en"].astype(str)]
    return dict(zip(a["code"].astype(str), names, strict=True))


def area_epicurve_chart(
    reg: Registry,
    areas: list[str],
    *,
    metrics: list[str] | None = None,
    interval: str = "day",
    week_system: str = "iso",
    stack_by: str = "metric",
    linelist: bool = False,
    by: str = "onset",
    fill_missing: str = "zero",
) -> Any:
    """Epicurve of ``areas`` from the registry (counts, or the line list one per person),
    stacked by category or by area, by day or ISO/MMWR week or month."""
    if stack_by == "area":
        check_disjoint_areas(reg, areas)
    if linelist:
        curve = epicurve_linelist(reg, areas, by=by, interval=interval, week_system=week_system)
        basis = f"registry line list of {', '.join(areas)} by {by} date, one count per person"
    else:
        curve = epicurve_counts(
            reg,
            areas,
            list(metrics or STACKED_METRICS),
            interval=interval,
            week_system=week_system,
            fill_missing=fill_missing,
        )
        basis = f"registry counts of {', '.join(areas)}" + (
            "; days without a report counted as 0" if fill_missing == "zero" else ""
        )
    return epicurve_chart(
        curve,
        stack_by=stack_by,
        interval=interval,
        week_system=week_system,
        names=area_names(reg),
        source=basis,
    )


def area_rt(
    reg: Registry,
    area: str,
    *,
    metric: str = "infections_new",
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
    window: int = 7,
) -> tuple[CoriRt, str]:
    """A fitted :class:`CoriRt` of ``area``'s daily ``metric`` up to ``date`` (days without a
    report counted as 0) and what it rests on."""
    series = registry_series(reg, area, metric, "zero", end=date)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataTooThinWarning)  # the band shows thinness
        est = CoriRt(si_mean, si_sd, window=window, fill_missing="zero").fit(series.frame)
    return est, series.basis


def area_rt_chart(
    reg: Registry,
    area: str,
    *,
    metric: str = "infections_new",
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
    window: int = 7,
    x_domain: tuple[Any, Any] | None = None,
) -> Any:
    """R_t of ``area`` with its credible bands, the serial interval in the subtitle."""
    est, basis = area_rt(
        reg, area, metric=metric, date=date, si_mean=si_mean, si_sd=si_sd, window=window
    )
    ref = COVID_SI_REF if (si_mean, si_sd) == (COVID_SI_MEAN, COVID_SI_SD) else None
    return rt_chart(
        est.estimates_,
        si_mean=si_mean,
        si_sd=si_sd,
        si_ref=ref,
        window=window,
        source=basis,
        x_domain=x_domain,
    )


def area_composition(reg: Registry, area: str, *, date: Any = None) -> pd.DataFrame:
    """Shares with 95% Wilson intervals over time: asymptomatic at detection (running total)
    and severe among current confirmed (``what, date, k, n, share, low, high``)."""
    counts, areas, _ = area_counts(reg, area, end=date)
    full = aggregate_to_parents(counts, areas)
    own = full[full["area"] == area][["area", "date", "metric", "value"]]
    parts = []
    asym = asymptomatic_share(own, fill_missing="zero", cumulative=True)
    if len(asym):
        parts.append(
            asym.rename(columns={"period_start": "date"}).assign(
                what="asymptomatic at detection (running total)"
            )[["what", "date", "k", "n", "share", "low", "high"]]
        )
    sev = severe_share(own)
    if len(sev):
        parts.append(
            sev.assign(what="severe among current confirmed")[
                ["what", "date", "k", "n", "share", "low", "high"]
            ]
        )
    if not parts:
        return pd.DataFrame(columns=["what", "date", "k", "n", "share", "low", "high"])
    out = pd.concat(parts, ignore_index=True)
    return out[out["n"] > 0].reset_index(drop=True)


def area_composition_chart(reg: Registry, area: str, *, date: Any = None) -> Any:
    """Asymptomatic and severe shares of ``area`` with their 95% intervals."""
    shares = area_composition(reg, area, date=date)
    if shares.empty:
        raise InputError(f"area {area} has no figures for the shares", field="--area")
    name = area_names(reg).get(area, area)
    return composition_chart(shares, source=f"registry counts of {name} [{area}]")


def state_chart(
    reg: Registry,
    area: str,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
) -> Any:
    """One page for ``flareup state --chart``: the epicurve of detections above R_t."""
    names = area_names(reg)
    counts, _, _ = area_counts(reg, area, end=date)
    end = pd.Timestamp(date) if date is not None else counts["date"].max()
    curve = epicurve_counts(reg, [area], list(STACKED_METRICS), fill_missing="zero")
    curve = curve[pd.to_datetime(curve["period_start"]) <= end]
    # One time axis for both panels: R_t of a window is drawn at its last day.
    span = (pd.to_datetime(curve["period_start"]).min(), end + pd.Timedelta(days=1))
    epi = epicurve_chart(
        curve,
        names=names,
        source=f"registry counts of {names.get(area, area)} [{area}]",
        x_domain=span,
    )
    charts = [epi]
    with contextlib.suppress(InputError, ValueError):
        # too short for one window: the table says so; the page shows the curve
        charts.append(
            area_rt_chart(reg, area, date=end, si_mean=si_mean, si_sd=si_sd, x_domain=span)
        )
    return dashboard_chart(
        *charts, title_text=f"{names.get(area, area)} [{area}] — state on {end.date()}"
    )


def risk_chart(
    res: RiskResult,
    official: pd.DataFrame | None,
    *,
    names: dict[str, str] | None = None,
    areas: list[str] | None = None,
    until: Any = None,
) -> Any:
    """Risk levels over time per area, official beside the rule (``res`` from
    :func:`flareup.report.analyses.run_rules`); with ``until``, up to that day only (what was
    known on a situation date: no later designation or level)."""
    daily = res.daily
    off = official
    end = res.end + pd.Timedelta(days=1)
    if until is not None:
        stop = pd.Timestamp(until).normalize() + pd.Timedelta(days=1)
        daily = daily[pd.to_datetime(daily["date"]) < stop]
        end = min(end, stop)
        if off is not None:
            off = off[pd.to_datetime(off["valid_from"]) < stop].copy()
            to = pd.to_datetime(off["valid_to"])
            off["valid_to"] = to.where(to.isna() | (to <= stop), stop)
    if areas is not None:
        daily = daily[daily["area"].isin(areas)]
        off = off[off["area"].isin(areas)] if off is not None else None
    if off is not None and not off.empty:
        # only areas both sides speak of, or the rule's areas where nothing is official
        keep = set(off["area"].astype(str))
        daily = daily[daily["area"].astype(str).isin(keep)] if keep else daily
    tl = risk_timeline(
        daily,
        off,
        rule_label=f"rule {res.rules.name}",
        names=names,
        end=end,
    )
    return risk_levels_chart(
        tl, source=f"official designations (registry) and {res.rules.title} [{res.rules.label}]"
    )


def testing_chart(plans_vs_progress: Any) -> Any:
    """Reported mass-testing progress against plans A/B
    (:func:`flareup.report.testing.kashgar_round1_plans`), or any
    :class:`~flareup.report.testing.PlansVsProgress`."""
    pv = plans_vs_progress
    curves = campaign_curves(pv.plans, pv.progress)
    k = pv.resources
    return campaign_chart(
        curves,
        people=pv.people,
        source=f"area {pv.area}: reported progress (registry); plan A {k.teams:,} teams, "
        f"{k.lab_tubes_per_day:,} tubes a day; plan B as reported (602 teams the first "
        f"afternoon, +{k.extra_tubes_per_day:,} tubes a day); pools of {k.pool_size}",
    )


def plan_chart(plan: Any, progress: pd.DataFrame | None = None, *, name: str = "plan") -> Any:
    """One campaign plan (and reported progress, if given) as cumulative curves."""
    curves = campaign_curves({name: plan}, progress)
    return campaign_chart(curves, people=int(plan.summary.get("population", 0)) or None)


def observed_detected(reg: Registry, sim_areas: pd.DataFrame, start: Any, end: Any) -> pd.DataFrame:
    """The registry's new detected infections (schema ``infections_new``) over the area a
    simulation covers, on the days reported (a missing report is not a zero): ``date, value``.

    The covered area is the simulation's parent area(s) (e.g. the prefecture), filled from
    their sub-areas where they report nothing themselves (never counting a case twice)."""
    obs, _ = observed_counts(reg, sim_areas, start, end, metrics=None)
    d = DERIVED_METRICS["infections_new"]
    parts = [*d.plus, *d.minus]
    obs = obs[obs["metric"].isin(parts)]
    if obs.empty:
        return pd.DataFrame(columns=["date", "value"])
    table = reg.areas()
    full = aggregate_to_parents(obs, table)
    parents = {str(p) for p in sim_areas["parent_code"] if p is not None and pd.notna(p)}
    cands = parents or {str(c) for c in sim_areas["code"]}
    up = dict(zip(table["code"].astype(str), table["parent_code"], strict=True))

    def ancestors(code: str) -> set[str]:
        out: set[str] = set()
        p = up.get(code)
        while p is not None and pd.notna(p) and str(p) not in out:
            out.add(str(p))
            p = up.get(str(p))
        return out

    # The top-most of them only: a county inside the prefecture would be counted twice.
    tops = {c for c in cands if not (ancestors(c) & cands)}
    f = full[full["area"].isin(tops)]
    wide = f.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
    value = sum(wide[m].fillna(0) for m in d.plus if m in wide) - sum(
        wide[m].fillna(0) for m in d.minus if m in wide
    )
    return pd.DataFrame({"date": wide.index, "value": pd.Series(value).to_numpy()})


def simulation_chart(
    ens: Any, *, reg: Registry | None = None, metric: str = "detected", as_of: Any = None
) -> Any:
    """The fan chart of an ensemble's first scenario (or, with several scenarios, the
    counterfactual comparison), with the registry's observed points when ``reg`` is given
    (those up to ``as_of`` only, when given)."""
    observed = None
    if reg is not None and metric in DETECTED and len(ens.scenarios) == 1:
        res = ens.results[ens.scenarios[0]]
        end = res.dates[-1].date()
        if as_of is not None:
            end = min(end, pd.Timestamp(as_of).date())
        observed = observed_detected(reg, res.areas, res.dates[0].date(), end)
    chart = results_chart(ens, metric=metric, observed=observed)
    if observed is not None and not observed.empty:
        chart = chart.properties(
            title=title(
                f"Simulated {what_of(metric)}: {ens.scenarios[0]}",
                [
                    f"{len(ens.results[ens.scenarios[0]].seeds)} runs: median (line), 50% and "
                    "90% of runs (bands); red points: observed",
                    "simulated detections: confirmed + asymptomatic - reclassified; observed: "
                    "the registry's infections_new of the area the simulation covers",
                ],
            )
        )
    return chart


def write_chart(chart: Any, path: Path | str) -> Path:
    """:func:`flareup.charts.save.save_chart` under the application layer's name."""
    return save_chart(chart, path)


__all__ = [
    "CHART_SUFFIXES",
    "area_composition",
    "area_composition_chart",
    "area_epicurve_chart",
    "area_names",
    "area_rt",
    "area_rt_chart",
    "check_chart_path",
    "observed_detected",
    "plan_chart",
    "risk_chart",
    "save_chart",
    "simulated_runs",
    "simulation_chart",
    "state_chart",
    "testing_chart",
    "write_chart",
]
