"""Registry -> tidy frames: the one place where the store's tables become the inputs of the pure
packages (analytics, risk, pooling, sim).

Each function takes an open :class:`~flareup.registry.Registry` (or a database URL where it opens
one itself) and returns pandas frames in the shapes the pure packages take: daily incidence
(``date``, ``I`` or ``local``/``imported``), tidy counts (``area, date, metric, value``), line
lists, testing rounds and campaign progress, designations, observed counts for calibration.
Nothing here computes an estimate; everything here says what its figures rest on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from flareup.analytics.incidence import (
    aggregate_to_parents,
    epicurve_from_counts,
    epicurve_from_linelist,
    incidence_from_linelist,
)
from flareup.analytics.series import check_fill_missing
from flareup.errors import FlareupError, InputError
from flareup.schema import (
    DERIVED_METRICS,
    FLOW_METRICS,
    OFFICIAL_RULE_SET,
    area_display_name,
    metric_inputs,
)

if TYPE_CHECKING:
    from flareup.registry import Registry
    from flareup.risk import RuleSet

#: Metrics laid beside a simulation's by ``simulate --observed`` and the web app.
OBSERVED_METRICS: tuple[str, ...] = (
    "confirmed_new",
    "asymptomatic_new",
    "reclassified_new",
    "deaths_new",
)


def open_registry(db: str | None) -> Registry:
    """Open the registry at ``db`` (a SQLAlchemy URL; None: the per-user default)."""
    from flareup.registry import Registry

    return Registry(db)


@dataclass
class Series:
    """A daily incidence frame ready for :func:`flareup.analytics.rt.prepare_incidence` and
    what it rests on (``basis``, in words, for titles and the web app's sources)."""

    frame: pd.DataFrame
    file: str | None
    basis: str
    label: str
    #: days between the first and the last with no figure, counted as 0 (``fill_missing="zero"``)
    filled: tuple[str, ...] = ()


def check_flow_metric(metric: str, field: str = "--metric") -> None:
    """Refuse a metric that is neither a reported flow nor a derived one (schema.py)."""
    if metric not in FLOW_METRICS and metric not in DERIVED_METRICS:
        raise InputError(
            f"{metric!r} is not a flow metric; use one of "
            f"{', '.join((*DERIVED_METRICS, *FLOW_METRICS))}",
            field=field,
        )


def area_counts(
    reg: Registry, area: str, metrics: list[str] | None = None, end: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Counts of ``area`` and its descendants (up to ``end``), the area table, and the area.

    An unknown code is a NotFoundError naming it; an area without data is an InputError.
    """
    info = reg.area(area)
    codes = [area, *reg.descendants(area)]
    counts = reg.counts(areas=codes, metrics=metrics, end=end)
    if counts.empty:
        name = f"{area_display_name(str(info.get('name_en', area)))} ({area})"
        what = f" for {', '.join(metrics)}" if metrics else ""
        later = reg.counts(areas=codes, metrics=metrics) if end is not None else counts
        if not later.empty:
            # 'has no data' of the county with the most figures: none *by that date*
            first = pd.Timestamp(later["date"].min()).date()
            raise InputError(
                f"{name} has no figures{what} on or before {pd.Timestamp(end).date()}; "
                f"its first is {first}",
                field="--date",
            )
        raise InputError(f"{name} has no data{what}", field="--area")
    return counts, reg.areas(), info


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def registry_series(
    reg: Registry, area: str, metric: str, fill_missing: str = "error", end: Any = None
) -> Series:
    """Daily ``metric`` of ``area`` from registry counts (parents summed from sub-areas where
    they report nothing themselves)."""
    check_flow_metric(metric)
    counts, areas, info = area_counts(reg, area, list(metric_inputs(metric)), end=end)
    curve = epicurve_from_counts(
        counts,
        metrics=[metric],
        area_table=areas,
        areas=[area],
        fill_missing=fill_missing,
        file=f"registry area {area}",
    )
    frame = pd.DataFrame({"date": curve["period_start"], "I": curve["value"]})
    own = aggregate_to_parents(counts, areas)
    own = own[own["area"] == area]
    n_sources = counts["source_id"].nunique() if "source_id" in counts else 0
    filled = tuple(curve.attrs.get("filled_days", {}).get(str(area), ()))
    basis = (
        f"{len(counts)} registry figures ({n_sources} sources) for {metric} of "
        f"{area_display_name(str(info.get('name_en', area)))} [{area}]"
        + (" summed from its sub-areas" if (own["basis"] == "summed").any() else "")
        + (f", {_days(len(filled))} without a report counted as 0" if filled else "")
    )
    return Series(frame=frame, file=None, basis=basis, label=f"{area} {metric}", filled=filled)


def linelist_cases(reg: Registry, area: str | list[str]) -> pd.DataFrame:
    """The registry's current line list of ``area`` (and its sub-areas)."""
    return reg.cases([area] if isinstance(area, str) else list(area))


def linelist_series(
    reg: Registry, area: str, by: str, fill_missing: str = "error", *, split_imported: bool
) -> Series:
    """Daily incidence of ``area`` (and its sub-areas) from the registry's line list."""
    if by not in ("onset", "report"):
        raise InputError(f"must be 'onset' or 'report', got {by!r}", field="--by")
    info = reg.area(area)  # NotFoundError names an unknown code
    cases = reg.cases([area])
    if cases.empty:
        raise InputError(
            f"{area_display_name(str(info.get('name_en', area)))} ({area}) has no line-list "
            "cases; use its counts (leave out --linelist) or import a line list (flareup "
            "import cases FILE)",
            field="--area",
        )
    label = f"registry line list {area}"
    frame = incidence_from_linelist(
        cases,
        by=by,  # type: ignore[arg-type]
        split_imported=split_imported,  # type: ignore[arg-type]
        fill_missing=fill_missing,
        file=label,
    )
    col = frame.attrs["by"]
    parts = [
        f"{frame.attrs['n_cases']} line-list cases of {area_display_name(str(info.get('name_en', area)))} "
        f"[{area}] by {col}, one per person"
    ]
    if frame.attrs["n_without_date"]:
        parts.append(f"{frame.attrs['n_without_date']} without a {col} left out")
    if split_imported:
        n_imp = int(frame["imported"].sum())
        parts.append(f"{n_imp} imported kept apart (Thompson et al. 2019)")
        if frame.attrs["n_import_unknown"]:
            parts.append(
                f"{frame.attrs['n_import_unknown']} with unknown import status counted as local"
            )
    filled = tuple(frame.attrs.get("filled_days", ()))
    if filled:
        parts.append(f"{_days(len(filled))} without a case counted as 0")
    if col == "date_onset":
        # Right truncation: recent onsets are not all reported yet.
        parts.append("the last days by onset are incomplete until reported (flareup nowcast)")
    return Series(
        frame=frame, file=label, basis="; ".join(parts), label=f"{area} by {col}", filled=filled
    )


def load_series(
    input: Path | None,
    area: str | None,
    metric: str,
    db: str | None,
    fill_missing: str,
    *,
    linelist: bool = False,
    by: str = "onset",
    split_imported: bool = False,
    end: str | None = None,
) -> Series:
    """A daily series from a file (``input``) or the registry (``area``): exactly one of them.
    ``end`` (ISO date): registry counts up to that day only, so that days missing after it do
    not stop a fit that ends before them."""
    check_fill_missing(fill_missing)
    if end is not None:
        try:
            _date.fromisoformat(end)
        except ValueError:
            raise InputError(f"not an ISO date (YYYY-MM-DD): {end!r}", field="--end") from None
    if (input is None) == (area is None):
        raise InputError("give either --input FILE or --area CODE", field="--input")
    if input is not None:
        if linelist:
            raise InputError(
                "--linelist reads the registry's line list: give --area CODE, not --input",
                field="--linelist",
            )
        from flareup.ingest.tables import read_frame

        df = read_frame(input)
        filled: tuple[str, ...] = ()
        if fill_missing == "zero":
            # the days the estimators will count as 0, for the caller's note
            from flareup.analytics.rt import prepare_incidence

            inc = prepare_incidence(df, fill_missing="zero", file=str(input))
            filled = tuple(inc.attrs.get("filled_days", ()))
        return Series(
            frame=df, file=str(input), basis=f"file {input}", label=input.name, filled=filled
        )
    assert area is not None
    reg = open_registry(db)
    try:
        if linelist:
            return linelist_series(reg, area, by, fill_missing, split_imported=split_imported)
        return registry_series(reg, area, metric, fill_missing, end=end)
    finally:
        reg.close()


def epicurve_counts(
    reg: Registry,
    areas: list[str],
    metrics: list[str],
    *,
    interval: str = "day",
    week_system: str = "iso",
    fill_missing: str = "error",
) -> pd.DataFrame:
    """The epicurve of ``areas`` from registry counts (tidy: ``area, period_start, period,
    metric, value``); parents are summed from their sub-areas."""
    for m in metrics:
        check_flow_metric(m)
    needed = sorted({x for m in metrics for x in metric_inputs(m)})
    frames, tables = [], None
    for a in areas:
        c, tables, _ = area_counts(reg, a, needed)
        frames.append(c)
    counts = pd.concat(frames).drop_duplicates(["area", "date", "metric"])
    return epicurve_from_counts(
        counts,
        metrics=metrics,
        interval=interval,  # type: ignore[arg-type]
        week_system=week_system,
        area_table=tables,
        areas=areas,
        fill_missing=fill_missing,
        file=f"registry ({', '.join(areas)})",
    )


def epicurve_linelist(
    reg: Registry,
    areas: list[str],
    *,
    by: str = "onset",
    interval: str = "day",
    week_system: str = "iso",
    level: str | None = None,
) -> pd.DataFrame:
    """The epicurve of ``areas`` from the registry's line list, one count per person, with the
    category in ``metric`` and the count in ``value`` (the shape of :func:`epicurve_counts`)."""
    cases = reg.cases(list(areas))
    if cases.empty:
        # named as every other area in an error is ('Shufu County (653121)'), with what to do
        named = ", ".join(
            f"{area_display_name(str(reg.area(a).get('name_en', a)))} ({a})" for a in areas
        )
        one = len(areas) == 1
        raise InputError(
            f"{named} {'has' if one else 'have'} no line-list cases; use {'its' if one else 'their'} "
            "counts (leave out --linelist) or import a line list (flareup import cases FILE)",
            field="--area",
        )
    curve = epicurve_from_linelist(
        cases,
        by=by,  # type: ignore[arg-type]
        interval=interval,  # type: ignore[arg-type]
        week_system=week_system,
        area_table=reg.areas() if level else None,
        level=level,
    )
    return curve.rename(columns={"category": "metric", "n": "value"})


def check_disjoint_areas(reg: Registry, areas: list[str], field: str = "--area") -> None:
    """Refuse areas of which one lies inside another: stacking or summing them would count
    the inner area's cases twice."""
    for a in areas:
        inner = set(reg.descendants(a)) & set(areas)
        if inner:
            raise InputError(
                f"{', '.join(sorted(inner))} lie(s) inside {a}: stacked or summed they would "
                "count the same cases twice; give areas side by side (e.g. the counties)",
                field=field,
            )


def sub_areas(reg: Registry, area: str, level: str | None = None) -> pd.DataFrame:
    """The area table rows of ``area``'s descendants (at ``level`` if given)."""
    codes = set(reg.descendants(area, level=level))
    areas = reg.areas()
    return areas[areas["code"].astype(str).isin(codes)].reset_index(drop=True)


def default_area(reg: Registry) -> str:
    """The area with the most figures in the registry (what ``state`` shows by default)."""
    allc = reg.counts()
    if allc.empty:
        raise InputError(
            "the registry holds no counts; import some first (or run flareup demo)",
            field="--area",
        )
    return str(allc["area"].value_counts().index[0])


# ---- risk ------------------------------------------------------------------------------------


def clusters_from_registry(reg: Registry, rules: RuleSet) -> pd.DataFrame | None:
    """Cluster flags derived from the line list, settings and exposures; None if none stored."""
    from flareup.risk import derive_clusters

    if rules.engine != "cumulative_cluster":
        return None
    cases = reg.cases()
    if cases.empty:
        return None
    return derive_clusters(rules, cases, reg.settings(), reg.exposures())


def campaign_rounds(reg: Registry) -> pd.DataFrame | None:
    """One row per (area, round): the date of its last progress point, people sampled,
    positives; None when no campaign progress is stored.

    A round counts as all-negative only where positives are reported as 0.
    """
    camp = reg.campaign_progress()
    if camp.empty:
        return None
    camp = camp.assign(date=pd.to_datetime(camp["timestamp"]).dt.normalize())
    rows = []
    for (area, rnd), g in camp.groupby(["area", "round"]):
        g = g.sort_values("timestamp")
        pos = pd.to_numeric(g["positives_new"], errors="coerce")
        rows.append(
            {
                "area": str(area),
                "date": g["date"].iloc[-1],
                "round": rnd,
                "tested": pd.to_numeric(g["people_sampled"], errors="coerce").max(),
                "positive": pos.sum() if pos.notna().any() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def official_designations(reg: Registry) -> pd.DataFrame:
    """The designations made by an authority (rule set ``official``)."""
    return reg.designations(rule_set=OFFICIAL_RULE_SET)


def check_cluster_areas(df: pd.DataFrame, reg: Registry, path: Path) -> None:
    """Refuse cluster flags for area codes the registry does not hold (a typo would be ignored)."""
    from flareup.errors import Problem

    known = set(reg.areas()["code"].astype(str))
    InputError.collect(
        Problem(str(path), i, "area", f"unknown area code {code!r}")
        for i, code in enumerate(df["area"], start=1)
        if code not in known
    )


# ---- pooled testing --------------------------------------------------------------------------


def plan_areas(reg: Registry | None, codes: list[str], population: int | None) -> pd.DataFrame:
    """The areas a campaign plan covers (``code``, ``name``, ``population``) from the registry,
    or one ``population`` row when no area is given."""
    if not codes:
        if population is None:
            raise InputError(
                "give --area CODE (population from the registry) or --population N",
                field="population",
            )
        return pd.DataFrame({"code": ["population"], "population": [population]})
    assert reg is not None
    areas = reg.areas().set_index("code")
    rows = []
    for code in codes:
        if code not in areas.index:
            reg.area(code)  # raises NotFoundError naming the code
        pop: Any = areas.loc[code, "population"]
        if population is not None and len(codes) == 1:
            pop = population
        if pop is None or pd.isna(pop):
            raise InputError(
                f"area {code} has no population in the registry; give --population",
                field="population",
            )
        rows.append({"code": code, "name": areas.loc[code, "name_en"], "population": int(pop)})
    return pd.DataFrame(rows)


def registry_prevalence(
    reg: Registry, codes: list[str], start: pd.Timestamp, population: int, days: int = 14
) -> tuple[float, str]:
    """New positives (confirmed + asymptomatic) in ``days`` before ``start`` over population."""
    wanted = set(codes)
    for c in codes:
        wanted.update(reg.descendants(c))
    counts = reg.counts(
        areas=sorted(wanted),
        metrics=["confirmed_new", "asymptomatic_new"],
        start=(start - timedelta(days=days)).normalize(),
        end=start.normalize(),
    )
    # a parent's own figure and its children's would double count: keep the top-most figures
    own = counts[counts["area"].isin(codes)]
    used = own if not own.empty else counts
    n = int(used["value"].sum())
    noun = "positive" if n == 1 else "positives"
    return n / population, f"{n} new {noun} in the {days} days before {start:%Y-%m-%d}"


def campaign_progress(
    reg: Registry, areas: list[str] | None = None, campaign_round: int | None = None
) -> pd.DataFrame:
    """Reported mass-testing progress (optionally one round's)."""
    progress = reg.campaign_progress(areas=areas)
    if campaign_round is not None and "round" in progress:
        progress = progress[progress["round"] == campaign_round]
    return progress


# ---- simulation ------------------------------------------------------------------------------


def observed_counts(
    reg: Registry,
    areas: pd.DataFrame,
    start: Any,
    end: Any,
    metrics: tuple[str, ...] | list[str] | None = OBSERVED_METRICS,
) -> tuple[pd.DataFrame, dict[str, set[str]]]:
    """Registry counts of a simulation's areas and their parents from ``start`` to ``end``, and
    for each parent the codes inside it (itself included): what calibration and the
    simulated-vs-observed views compare against."""
    codes = [str(c) for c in areas["code"]]
    parents = sorted({str(p) for p in areas["parent_code"] if p is not None and pd.notna(p)})
    obs = reg.counts(
        areas=codes + parents,
        metrics=list(metrics) if metrics is not None else None,
        start=start,
        end=end,
    )
    try:
        descendants = {p: set(reg.descendants(p)) | {p} for p in parents}
    except FlareupError:  # an area the store does not know has no descendants there
        descendants = {}
    return obs, descendants


__all__ = [
    "OBSERVED_METRICS",
    "Series",
    "area_counts",
    "campaign_progress",
    "campaign_rounds",
    "check_cluster_areas",
    "check_disjoint_areas",
    "check_flow_metric",
    "clusters_from_registry",
    "default_area",
    "epicurve_counts",
    "epicurve_linelist",
    "linelist_cases",
    "linelist_series",
    "load_series",
    "observed_counts",
    "official_designations",
    "open_registry",
    "plan_areas",
    "registry_prevalence",
    "registry_series",
    "sub_areas",
]
