"""Epidemic curves and cumulative/current series, from tidy counts or line lists.

Counts are tidy (``area, date, metric, value``; R's incidence2 shape). Reporting categories are
China's 2020 ones (flareup.schema): an asymptomatic infection that develops symptoms is
*reclassified* and counted again among that day's new confirmed cases. So that no infection is
counted twice, the stacked curve of detections uses

* ``confirmed_direct = confirmed_new - reclassified_new`` (confirmed on first detection), and
* ``asymptomatic_new`` (first detected without symptoms, later reclassified or not),

whose sum is ``infections_new``. Weeks are ISO 8601 (Monday) or MMWR (Sunday), always named;
months are calendar months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from flareup.analytics.series import (
    check_counts,
    check_fill_missing,
    optional_dates,
    parse_dates,
)
from flareup.dates import WeekSystem, week_label, week_start
from flareup.errors import InputError, Problem
from flareup.schema import (
    AREA_LEVEL_ORDER,
    DERIVED_FLOWS,
    FLOW_METRICS,
    METRIC_NAMES,
    STACKED_METRICS,
    STOCK_METRICS,
)

Interval = Literal["day", "week", "month"]


def period_of(
    dates: pd.Series, interval: Interval = "day", week_system: WeekSystem | str = WeekSystem.ISO
) -> tuple[pd.Series, pd.Series]:
    """(period start, period label) of each date: ``2020-10-27``, ``2020-W44``/``2020-MMWR44``,
    ``2020-10``."""
    d = pd.Series(pd.to_datetime(dates)).dt.normalize()
    if interval == "day":
        return d, d.dt.strftime("%Y-%m-%d")
    if interval == "week":
        ws = WeekSystem(week_system)
        uniq = pd.Series(d.unique())
        starts = {x: pd.Timestamp(week_start(x.date(), ws)) for x in uniq}
        labels = {x: week_label(x.date(), ws) for x in uniq}
        return d.map(starts), d.map(labels)
    if interval == "month":
        start = pd.Series(d.dt.to_period("M").dt.to_timestamp(), index=d.index)
        return start, start.dt.strftime("%Y-%m")
    raise InputError(f"must be 'day', 'week' or 'month', got {interval!r}", field="interval")


def _missing_columns(
    frame: pd.DataFrame, needed: tuple[str, ...], what: str, file: str | None
) -> None:
    """One InputError naming every column of ``needed`` that ``frame`` lacks (not the first
    alone, so that a file is mended in one go), and what kind of table needs them."""
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError(
            problems=[
                Problem(file, None, c, f"missing column {c!r} ({what}: {', '.join(needed)})")
                for c in missing
            ]
        )


def _check_counts_frame(counts: pd.DataFrame, file: str | None) -> pd.DataFrame:
    _missing_columns(counts, ("area", "date", "metric", "value"), "a counts table has", file)
    problems = check_counts(counts, ["value"], file=file)
    rows = counts["row"].to_numpy() if "row" in counts.columns else np.arange(1, len(counts) + 1)
    for i, m in enumerate(counts["metric"].astype(str)):
        if m not in METRIC_NAMES:
            problems.append(
                Problem(
                    file,
                    int(rows[i]),
                    "metric",
                    f"unknown metric {m!r}; known: {', '.join(METRIC_NAMES)}",
                )
            )
    try:
        dates_ok = bool(pd.to_datetime(counts["date"]).notna().all())
    except (ValueError, TypeError):
        dates_ok = False
    for i, d in enumerate([] if dates_ok else counts["date"]):
        # one by one only when some date is bad, to name it by row instead of a pandas traceback
        try:
            ok = not pd.isna(pd.Timestamp(d).as_unit("ns"))
        except (ValueError, TypeError):
            ok = False
        if not ok:
            problems.append(
                Problem(file, int(rows[i]), "date", f"not an ISO date (YYYY-MM-DD): {d!r}")
            )
    InputError.collect(problems)
    df = counts[["area", "date", "metric", "value"]].copy()
    df["area"] = df["area"].astype(str)
    df["metric"] = df["metric"].astype(str)
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    df["value"] = pd.to_numeric(df["value"]).astype("int64")
    dup = df.duplicated(["area", "date", "metric"], keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(
            f"duplicate figure for area {df['area'].iloc[i]}, "
            f"{df['date'].iloc[i].date()}, {df['metric'].iloc[i]} (use one figure "
            "per area, day and metric, e.g. the registry's policy='latest')",
            file=file,
            row=int(rows[i]),
            field="date",
        )
    return df


def _depths(areas: pd.DataFrame) -> dict[str, int]:
    parent = dict(zip(areas["code"].astype(str), areas["parent_code"], strict=True))
    depth: dict[str, int] = {}
    for code in parent:
        d, cur, seen = 0, code, set()
        while isinstance(parent.get(cur), str) and parent[cur] and parent[cur] in parent:
            if cur in seen:
                raise InputError(f"area {code}: parent_code forms a cycle", field="parent_code")
            seen.add(cur)
            cur = parent[cur]
            d += 1
        depth[code] = d
    return depth


def aggregate_to_parents(counts: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Fill in parent areas' flows from their children, never counting a case twice.

    ``areas`` has ``code`` and ``parent_code``. Working upwards from the deepest level, an area's
    figure for a (date, metric) is its own where reported, else the sum of its children's. Only
    flows are summed (stocks are not additive over time but are over areas: they are summed too,
    by the same rule). Returns the tidy frame with ``basis`` = ``reported`` or ``summed``.
    """
    ar = areas.copy()
    ar["code"] = ar["code"].astype(str)
    ar["parent_code"] = ar["parent_code"].where(ar["parent_code"].notna(), None)
    ar["parent_code"] = ar["parent_code"].map(lambda x: None if x is None else str(x))
    unknown = sorted(set(counts["area"].astype(str)) - set(ar["code"]))
    if unknown:
        raise InputError(f"area(s) not in the area table: {', '.join(unknown)}", field="area")
    depth = _depths(ar)
    parent = dict(zip(ar["code"], ar["parent_code"], strict=True))
    known = counts[["area", "date", "metric", "value"]].copy()
    known["area"] = known["area"].astype(str)
    known["date"] = pd.to_datetime(known["date"]).dt.normalize()
    known["basis"] = "reported"
    for d in sorted(set(depth.values()), reverse=True):
        if d == 0:
            break
        at_level = [c for c, dd in depth.items() if dd == d]
        kids = known[known["area"].isin(at_level)].copy()
        if kids.empty:
            continue
        kids["area"] = kids["area"].map(parent)
        summed = kids.groupby(["area", "date", "metric"], as_index=False)["value"].sum()
        summed["basis"] = "summed"
        have = known.set_index(["area", "date", "metric"]).index
        summed = summed[~summed.set_index(["area", "date", "metric"]).index.isin(have)]
        known = pd.concat([known, summed], ignore_index=True)
    return known.sort_values(["area", "metric", "date"]).reset_index(drop=True)


def _derive(wide: pd.DataFrame, name: str) -> pd.Series:
    plus, minus = DERIVED_FLOWS[name]
    out = pd.Series(0, index=wide.index, dtype="int64")
    for m in plus:
        out = out + (wide[m] if m in wide.columns else 0)
    for m in minus:
        out = out - (wide[m] if m in wide.columns else 0)
    return out


def epicurve_from_counts(
    counts: pd.DataFrame,
    *,
    metrics: Sequence[str] = STACKED_METRICS,
    interval: Interval = "day",
    week_system: WeekSystem | str = WeekSystem.ISO,
    areas: Sequence[str] | None = None,
    area_table: pd.DataFrame | None = None,
    fill_missing: str = "error",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    file: str | None = None,
) -> pd.DataFrame:
    """Epicurve of flow metrics per area and period: ``[area, period_start, period, metric, value]``.

    ``metrics`` are flow metrics or the derived ``confirmed_direct``/``infections_new``
    (default: the stacked detections, each infection once). With ``area_table``, parent areas get
    the sum of their children where they report nothing themselves (:func:`aggregate_to_parents`).
    Days inside ``start..end`` (default: the data's span) with no figure for any of the metrics
    needed are an InputError unless ``fill_missing="zero"`` (``attrs["filled_days"]`` then maps
    each area to the days counted as 0); on a day with a report, a metric it does not mention
    counts as 0. A stock metric is an InputError (a stock cannot be
    summed over days).
    """
    fill = check_fill_missing(fill_missing)
    for m in metrics:
        if m in STOCK_METRICS:
            raise InputError(
                f"{m} is a stock (people at a moment); an epicurve sums flows over "
                "days. Use a *_new metric",
                field="metric",
            )
        if m not in FLOW_METRICS and m not in DERIVED_FLOWS:
            raise InputError(
                f"unknown metric {m!r}; flows: {', '.join(FLOW_METRICS)}; derived: "
                f"{', '.join(DERIVED_FLOWS)}",
                field="metric",
            )
    df = _check_counts_frame(counts, file)
    if area_table is not None:
        df = aggregate_to_parents(df, area_table)
    if areas is not None:
        wanted = [str(a) for a in areas]
        absent = [a for a in wanted if a not in set(df["area"])]
        if absent:
            raise InputError(f"area(s) with no data: {', '.join(absent)}", file=file, field="area")
        df = df[df["area"].isin(wanted)]
    needed = sorted(
        {
            b
            for m in metrics
            for b in (DERIVED_FLOWS.get(m, ((m,), ()))[0] + DERIVED_FLOWS.get(m, ((m,), ()))[1])
        }
    )
    df = df[df["metric"].isin(needed)]
    if df.empty:
        raise InputError(f"no figures for {', '.join(needed)}", file=file, field="metric")
    lo = pd.Timestamp(start) if start is not None else df["date"].min()
    hi = pd.Timestamp(end) if end is not None else df["date"].max()
    cal = pd.date_range(lo, hi, freq="D", name="date")
    frames = []
    filled: dict[str, list[str]] = {}
    for area, sub in df.groupby("area", sort=True):
        wide = sub.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
        wide = wide.reindex(cal)
        # A day is missing when none of the metrics needed has a figure. On a day with a report,
        # a metric it does not mention counts as 0 (bulletins list what happened: "5 new
        # confirmed, all reclassified" says nothing of new asymptomatic because there were none).
        present = [m for m in needed if m in wide.columns]
        holes = wide[present].isna().all(axis=1) if present else pd.Series(False, index=cal)
        days = [d.date().isoformat() for d in cal[holes.to_numpy()]]
        if days:
            filled[str(area)] = days
        if holes.any() and fill == "error":
            shown = ", ".join(days[:8]) + (f" ... ({len(days)} in all)" if len(days) > 8 else "")
            raise InputError(
                f"area {area}: no figure on {shown} for "
                f"{', '.join(present)}; pass fill_missing='zero' to "
                "count days without a report as 0",
                file=file,
                field="date",
            )
        wide = wide.fillna(0).astype("int64")
        cols = {}
        for m in metrics:
            cols[m] = (
                _derive(wide, m)
                if m in DERIVED_FLOWS
                else (wide[m] if m in wide.columns else pd.Series(0, index=cal, dtype="int64"))
            )
        daily = pd.DataFrame(cols, index=cal).reset_index()
        pstart, plabel = period_of(daily["date"], interval, week_system)
        daily["period_start"] = pstart
        daily["period"] = plabel
        agg = daily.groupby(["period_start", "period"], as_index=False)[list(metrics)].sum()
        long = agg.melt(id_vars=["period_start", "period"], var_name="metric", value_name="value")
        long.insert(0, "area", area)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    out["value"] = out["value"].astype("int64")
    out.attrs["interval"] = interval
    out.attrs["week_system"] = str(WeekSystem(week_system)) if interval == "week" else None
    out = out[["area", "period_start", "period", "metric", "value"]]
    out.attrs["filled_days"] = filled  # area -> the days without a figure, counted as 0
    return out


def epicurve_from_linelist(
    cases: pd.DataFrame,
    *,
    by: Literal["onset", "report"] = "onset",
    interval: Interval = "day",
    week_system: WeekSystem | str = WeekSystem.ISO,
    area_col: str = "location",
    area_table: pd.DataFrame | None = None,
    level: str | None = None,
    file: str | None = None,
) -> pd.DataFrame:
    """Epicurve from a line list, one count per person: ``[area, period_start, period, category, n]``.

    ``by="onset"`` (the default, as for R_t and growth: an epicurve is drawn by onset where it
    is known) counts each case with a ``date_onset`` on that day; how many had none (the
    asymptomatic infections among them) is in ``attrs["n_without_onset"]``. ``by="report"``
    counts every case on ``date_reporting``. Either way a case counts under its category at
    first report: ``asymptomatic`` if it was reported without symptoms (``date_reclassified``
    set or classification asymptomatic), else ``confirmed``; a reclassification never adds a
    second count. With ``area_table`` and ``level``, areas are rolled up to their
    ancestor at that level. Every period from the first case's to the last's is there for each
    area and category found, with 0 where no case fell.
    """
    _missing_columns(
        cases, ("id", "date_reporting", "classification", area_col), "a line list has", file
    )
    df = cases.copy()
    rows = df["row"].to_numpy() if "row" in df.columns else np.arange(1, len(df) + 1)
    dup = df["id"].duplicated(keep="first").to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"case id {df['id'].iloc[i]!r} appears twice: a line list has one row per person",
            file=file,
            row=int(rows[i]),
            field="id",
        )
    recl = optional_dates(df, "date_reclassified", file=file)
    first_asym = recl.notna() | (df["classification"].astype(str) == "asymptomatic")
    df["category"] = np.where(first_asym, "asymptomatic", "confirmed")
    df["area"] = df[area_col].astype(str)
    if area_table is not None and level is not None:
        df["area"] = df["area"].map(ancestor_map(area_table, level))
        lost = df["area"].isna()
        if lost.any():
            i = int(np.flatnonzero(lost.to_numpy())[0])
            raise InputError(
                f"area {cases[area_col].iloc[i]!r} has no ancestor at level {level!r}",
                file=file,
                row=int(rows[i]),
                field=area_col,
            )
    col = "date_reporting" if by == "report" else "date_onset"
    if by not in ("report", "onset"):
        raise InputError(f"must be 'onset' or 'report', got {by!r}", field="by")
    if col not in df.columns:
        raise InputError(f"missing column {col!r}", file=file, field=col)
    df[col] = (
        parse_dates(df, col, file=file) if by == "report" else optional_dates(df, col, file=file)
    )
    n_without = int(df[col].isna().sum())
    df = df[df[col].notna()]
    pstart, plabel = period_of(df[col], interval, week_system)
    df["period_start"], df["period"] = pstart, plabel
    out = (
        df.groupby(["area", "period_start", "period", "category"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
    )
    if not df.empty:
        # Every period from the first case's to the last's, with 0 where none fell (as the
        # curve from counts, and R's incidence::incidence, give them): a week without a case
        # is a finding, not a row to leave out.
        cal = pd.Series(pd.date_range(df[col].min(), df[col].max(), freq="D"))
        cs, cl = period_of(cal, interval, week_system)
        periods = pd.DataFrame({"period_start": cs, "period": cl}).drop_duplicates()
        keys = out[["area", "category"]].drop_duplicates()
        grid = keys.merge(periods, how="cross")
        out = grid.merge(out, on=["area", "category", "period_start", "period"], how="left")
        out["n"] = out["n"].fillna(0).astype("int64")
        out = out.sort_values(["area", "period_start", "category"], kind="stable")
        out = out[["area", "period_start", "period", "category", "n"]].reset_index(drop=True)
    out.attrs["n_without_onset" if by == "onset" else "n_without_report"] = n_without
    return out


def ancestor_map(areas: pd.DataFrame, level: str) -> dict[str, str | None]:
    """Map each area code to its ancestor (or itself) at ``level``; None if it has none."""
    if level not in [str(x) for x in AREA_LEVEL_ORDER]:
        raise InputError(f"unknown level {level!r}", field="level")
    codes = areas["code"].astype(str).tolist()
    parent = {
        c: (None if pd.isna(p) else str(p))
        for c, p in zip(codes, areas["parent_code"], strict=True)
    }
    lev = dict(zip(codes, areas["level"].astype(str), strict=True))
    out: dict[str, str | None] = {}
    for c in codes:
        cur: str | None = c
        while cur is not None and lev.get(cur) != level:
            cur = parent.get(cur)
        out[c] = cur
    return out


def cumulative_and_current(
    counts: pd.DataFrame,
    *,
    area: str | None = None,
    fill_missing: str = "zero",
    file: str | None = None,
) -> pd.DataFrame:
    """Daily cumulative detections and current (active) counts of one area, with their basis.

    Cumulative: running sums of ``confirmed_direct``, ``asymptomatic_new``, ``infections_new`` and
    ``confirmed_new`` from the first day in the data (not from the start of the epidemic).
    Current: the reported stock (``confirmed_current``, ``asymptomatic_current``) where the area
    reported one that day, else derived from flows — confirmed: new - recovered - deaths;
    asymptomatic: new - reclassified - released — with ``*_basis`` saying which.
    """
    df = _check_counts_frame(counts, file)
    if area is not None:
        df = df[df["area"] == str(area)]
        if df.empty:
            raise InputError(f"area {area} has no data", file=file, field="area")
    elif df["area"].nunique() > 1:
        raise InputError("several areas in the frame; name one with area=", field="area")
    fill = check_fill_missing(fill_missing)
    cal = pd.date_range(df["date"].min(), df["date"].max(), freq="D", name="date")
    wide = df.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
    wide = wide.reindex(cal)
    flows = [m for m in FLOW_METRICS if m in wide.columns]
    if fill == "error" and wide[flows].isna().any(axis=1).any():
        days = [d.date().isoformat() for d in cal[wide[flows].isna().any(axis=1).to_numpy()]]
        raise InputError(
            f"no flow figures on {', '.join(days[:8])}; pass fill_missing='zero'",
            file=file,
            field="date",
        )
    f = wide.reindex(columns=list(FLOW_METRICS)).fillna(0).astype("int64")
    out = pd.DataFrame(index=cal)
    out["confirmed_direct_cum"] = _derive(f, "confirmed_direct").cumsum()
    out["asymptomatic_cum"] = f["asymptomatic_new"].cumsum()
    out["infections_cum"] = _derive(f, "infections_new").cumsum()
    out["confirmed_cum"] = f["confirmed_new"].cumsum()
    out["reclassified_cum"] = f["reclassified_new"].cumsum()
    derived = {
        "confirmed_current": (f["confirmed_new"] - f["recovered_new"] - f["deaths_new"]).cumsum(),
        "asymptomatic_current": (
            f["asymptomatic_new"] - f["reclassified_new"] - f["released_new"]
        ).cumsum(),
    }
    for m, der in derived.items():
        rep = wide[m] if m in wide.columns else pd.Series(np.nan, index=cal)
        out[m] = rep.where(rep.notna(), der).astype("int64")
        out[f"{m}_basis"] = np.where(rep.notna(), "reported", "from flows")
    return out.reset_index()


def incidence_from_linelist(
    cases: pd.DataFrame,
    *,
    by: Literal["onset", "report"] = "onset",
    split_imported: bool = False,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    fill_missing: str = "error",
    file: str | None = None,
) -> pd.DataFrame:
    """Daily incidence from a line list, one count per person: ``[date, I]`` or, with
    ``split_imported``, ``[date, local, imported]`` (Thompson RN et al. *Epidemics*
    2019;29:100356: only local cases count as offspring).

    ``by="onset"`` (the default) counts each case on ``date_onset`` (cases without one are left
    out; how many is in ``attrs["n_without_date"]``), ``"report"`` on ``date_reporting``
    (required for every case). A case whose ``imported`` is blank counts as local (how many is
    in ``attrs["n_import_unknown"]``). A line list cannot tell a day without cases from a day
    without reporting, so days inside ``start..end`` (default: first to last case) with no case
    are an InputError naming them unless ``fill_missing="zero"``, as for count series.
    Duplicate case ids are an InputError naming the row.
    """
    fill = check_fill_missing(fill_missing)
    if by not in ("report", "onset"):
        raise InputError(f"must be 'onset' or 'report', got {by!r}", field="by")
    col = "date_reporting" if by == "report" else "date_onset"
    for c in ("id", col):
        if c not in cases.columns:
            raise InputError(f"missing column {c!r}", file=file, field=c)
    if split_imported and "imported" not in cases.columns:
        raise InputError(
            "missing column 'imported' (needed to keep imported cases apart)",
            file=file,
            field="imported",
        )
    if len(cases) == 0:
        raise InputError("the line list has no cases", file=file)
    rows = cases["row"].to_numpy() if "row" in cases.columns else np.arange(1, len(cases) + 1)
    dup = cases["id"].duplicated(keep="first").to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        first = int(rows[int(np.flatnonzero((cases["id"] == cases["id"].iloc[i]).to_numpy())[0])])
        raise InputError(
            f"case id {cases['id'].iloc[i]!r} appears twice (also on row {first}):"
            " a line list has one row per person",
            file=file,
            row=int(rows[i]),
            field="id",
        )
    dates = (
        parse_dates(cases, col, file=file)
        if by == "report"
        else optional_dates(cases, col, file=file)
    )
    keep = dates.notna().to_numpy()
    if not keep.any():
        raise InputError(f"no case has a {col}", file=file, field=col)
    imp = np.zeros(len(cases), dtype=bool)
    n_unknown = 0
    if split_imported:
        raw = cases["imported"]
        text = raw.astype("string").str.strip().str.lower()
        # blank (as a CSV read as text gives it) is unknown, like a missing value
        unknown = (raw.isna() | (text == "")).fillna(True).to_numpy(dtype=bool)
        yes = text.isin(["true", "1", "yes", "y", "t"]).fillna(False).to_numpy(dtype=bool)
        no = text.isin(["false", "0", "no", "n", "f"]).fillna(False).to_numpy(dtype=bool)
        bad = ~unknown & ~yes & ~no
        InputError.collect(
            Problem(file, int(rows[i]), "imported", f"not true/false: {raw.iloc[i]!r}")
            for i in np.flatnonzero(bad)
        )
        imp = yes
        n_unknown = int((unknown & keep).sum())
    d = pd.Series(dates.to_numpy()[keep]).dt.normalize()
    lo = pd.Timestamp(start).normalize() if start is not None else d.min()
    hi = pd.Timestamp(end).normalize() if end is not None else d.max()
    if lo > hi:
        raise InputError(f"start {lo.date()} is after end {hi.date()}", field="start")
    cal = pd.date_range(lo, hi, freq="D", name="date")
    inside = ((d >= lo) & (d <= hi)).to_numpy()
    if not inside.any():
        raise InputError(
            f"no case has a {col} between {lo.date()} and {hi.date()}", file=file, field=col
        )
    d, imp_k = d[inside], imp[keep][inside]
    local = d[~imp_k].value_counts().reindex(cal, fill_value=0).astype("int64")
    imported = d[imp_k].value_counts().reindex(cal, fill_value=0).astype("int64")
    empty = ((local + imported) == 0).to_numpy()
    days = [x.date().isoformat() for x in cal[empty]]
    if empty.any() and fill == "error":
        shown = ", ".join(days[:10]) + (f" ... ({len(days)} in all)" if len(days) > 10 else "")
        raise InputError(
            f"days without any case by {col}: {shown}; a line list cannot tell a "
            "day without cases from a day without reporting: pass "
            "fill_missing='zero' to count them as 0",
            file=file,
            field=col,
        )
    out = pd.DataFrame({"date": cal})
    if split_imported:
        out["local"] = local.to_numpy()
        out["imported"] = imported.to_numpy()
    else:
        out["I"] = (local + imported).to_numpy()
    out.attrs["n_without_date"] = int((~keep).sum())
    out.attrs["n_import_unknown"] = n_unknown
    out.attrs["n_cases"] = int(inside.sum())
    out.attrs["by"] = col
    out.attrs["filled_days"] = days  # without any case, counted as 0
    return out


@pd.api.extensions.register_dataframe_accessor("flareup")
class FlareupFrameAccessor:
    """``frame.flareup.plot()``: the chart of a flareup result frame, chosen by its columns
    (pandas' documented accessor mechanism; registered when flareup.analytics is imported).

    * an epicurve (``period_start``, ``value`` or ``n``) -> :func:`flareup.charts.epicurve_chart`
    * a nowcast (``observed``, ``median``, ``low``, ``high``) -> ``nowcast_chart``
    * shares (``what``, ``date``, ``share``, ``low``, ``high``) -> ``composition_chart``
    * R_t estimates (``t_end``, ``q0.025``...; give ``si_mean``, ``si_sd``) -> ``rt_chart``
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def plot(self, **kwargs: object) -> object:
        """The Altair chart of this frame (renders in Jupyter)."""
        from flareup.charts import epi

        cols = set(self._frame.columns)
        if "period_start" in cols and ({"value", "metric"} <= cols or {"n", "category"} <= cols):
            return epi.epicurve_chart(self._frame, **kwargs)  # type: ignore[arg-type]
        if {"observed", "median", "low", "high"} <= cols:
            return epi.nowcast_chart(self._frame, **kwargs)  # type: ignore[arg-type]
        if {"what", "date", "share", "low", "high"} <= cols:
            return epi.composition_chart(self._frame, **kwargs)  # type: ignore[arg-type]
        if {"t_end", "q0.025", "q0.975"} <= cols:
            return epi.rt_chart(self._frame, **kwargs)  # type: ignore[arg-type]
        raise InputError(
            "no flareup chart for a frame with columns " + ", ".join(map(str, self._frame.columns)),
            field="columns",
        )
