"""The classifier: counts per area and day in, the level of every area on every date out.

Pure: frames in, frames out (never the registry). The unit of classification is the finest
one the data support (docs/methods/risk.md): an area with figures of its own is classified on
them; an area without (a township when only its county reports) gets its nearest enclosing
area that the rule allows as a unit and that has figures, and the reason says so; an area whose
figures are only in its children is classified on their sum; an area with no figures anywhere
near it has no level ("no data"), never "low".

Stocks (``rules.stock_metrics``, e.g. confirmed_current) raise the cumulative count where the
daily flows are incomplete, and every disagreement between flows and stocks, and any date past
the last figure, is a note in ``RiskResult.notes`` and a :class:`RiskDataWarning`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import FlareupWarning, InputError
from flareup.risk.compare import NO_DATA_PREFIX
from flareup.risk.engines import (
    LEVEL_NAMES,
    EngineOutput,
    UnitSeries,
    cumulative_with_stocks,
    run_engine,
)
from flareup.risk.ruleset import RuleSet
from flareup.schema import area_display_name

DAILY_COLUMNS = (
    "area",
    "date",
    "level",
    "reason",
    "next_downgrade",
    "earliest_low",
    "data_area",
    "rule_set",
    "rule_version",
)
MAP_COLUMNS = (
    "area",
    "name_en",
    "name_zh",
    "name_alt",
    "area_level",
    "date",
    "level",
    "reason",
    "next_downgrade",
    "earliest_low",
    "data_area",
    "geometry",
)


def _require(df: pd.DataFrame, cols: tuple[str, ...], name: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"missing column {missing[0]!r}", file=f"<{name}>", field=missing[0])


def _to_day(x: Any) -> pd.Timestamp:
    return pd.Timestamp(x).normalize()


class _AreaTree:
    """Parent/child lookups over an area table."""

    def __init__(self, areas: pd.DataFrame) -> None:
        _require(areas, ("code", "level", "parent_code"), "areas")
        a = areas.copy()
        a["code"] = a["code"].astype(str)
        self.table = a.set_index("code", drop=False)
        self.parent: dict[str, str | None] = {
            c: (None if pd.isna(p) or str(p) == "" else str(p))
            for c, p in zip(a["code"], a["parent_code"], strict=True)
        }
        self.level = dict(zip(a["code"], a["level"].astype(str), strict=True))
        self.children: dict[str, list[str]] = {}
        for c, p in self.parent.items():
            if p is not None:
                self.children.setdefault(p, []).append(c)

    def ancestors(self, code: str) -> list[str]:
        out, p = [], self.parent.get(code)
        while p is not None and p not in out:
            out.append(p)
            p = self.parent.get(p)
        return out

    def subtree(self, code: str) -> list[str]:
        out, stack = [], [code]
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self.children.get(c, []))
        return out

    def name(self, code: str) -> str:
        """``Shufu County (653121)``: the name as English text gives it (as every page and
        table names the area), then the code."""
        if code in self.table.index and "name_en" in self.table.columns:
            nm = self.table.at[code, "name_en"]
            if isinstance(nm, str) and nm:
                return f"{area_display_name(nm)} ({code})"
        return code

    def population(self, code: str) -> float:
        if code in self.table.index and "population" in self.table.columns:
            v: Any = self.table.at[code, "population"]
            if not pd.isna(v):
                return float(v)
        return float("nan")


class RiskDataWarning(FlareupWarning):
    """The figures a classification rests on disagree, or do not reach the dates asked."""


#: The reason given to an area with no figures of its own, its enclosing units' or its parts'.
NO_DATA = f"{NO_DATA_PREFIX} no figures reported for this area, an enclosing unit or its sub-areas"


@dataclass
class _Unit:
    key: str
    members: list[str]  # areas whose figures are summed
    scope: list[str]  # areas whose cluster flags and testing rows apply
    note: str  # "" or how the data unit relates to the classified area
    population: float


@dataclass
class RiskResult:
    """Levels of every area on every date under one rule set, with what they rest on."""

    rules: RuleSet
    daily: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    tree: _AreaTree = field(repr=False)
    units: dict[str, _Unit] = field(repr=False)
    series: dict[str, UnitSeries] = field(repr=False)
    outputs: dict[str, EngineOutput] = field(repr=False)
    target_unit: dict[str, str] = field(repr=False)
    notes: list[str] = field(default_factory=list)  # disagreements and gaps, also warned

    def map_table(self, date: Any = None) -> pd.DataFrame:
        """One row per area on ``date`` (default: the last date): map-ready, with names."""
        day = self.end if date is None else _to_day(date)
        d = self.daily[self.daily["date"] == day]
        if d.empty:
            raise InputError(
                f"{day.date()} is outside the classified dates {self.start.date()} to {self.end.date()}",
                field="date",
            )
        t = self.tree.table
        out = d.merge(
            t.drop(columns=["code"]).reset_index(), left_on="area", right_on="code", how="left"
        )
        # one name for an area's code in every risk output: ``area``, as in ``daily``
        out = out.drop(columns=["code"]).rename(
            columns={"level_x": "level", "level_y": "area_level"}
        )
        for col in MAP_COLUMNS:
            if col not in out.columns:
                out[col] = None
        return out[list(MAP_COLUMNS)].reset_index(drop=True)

    def to_designations(self) -> pd.DataFrame:
        """Runs of equal level per area as designations (valid_to exclusive; last run open)."""
        rows = []
        for area, grp in self.daily.groupby("area", sort=True):
            grp = grp.sort_values("date")
            lv = grp["level"].to_numpy(dtype=object)
            dates = grp["date"].to_numpy()
            reasons = grp["reason"].to_numpy()
            start = 0
            for i in range(1, len(lv) + 1):
                if i == len(lv) or lv[i] != lv[start]:
                    if lv[start] is not None and not pd.isna(lv[start]):
                        rows.append(
                            {
                                "area": area,
                                "level": lv[start],
                                "valid_from": pd.Timestamp(dates[start]),
                                "valid_to": pd.Timestamp(dates[i]) if i < len(lv) else pd.NaT,
                                "rule_set": self.rules.name,
                                "rule_version": self.rules.version,
                                "reason": reasons[start],
                                "source": f"flareup risk {self.rules.label} ({self.rules.file})",
                            }
                        )
                    start = i
        return pd.DataFrame(
            rows,
            columns=[
                "area",
                "level",
                "valid_from",
                "valid_to",
                "rule_set",
                "rule_version",
                "reason",
                "source",
            ],
        )

    def compare(self, official: pd.DataFrame) -> pd.DataFrame:
        """Differences between official designations and this rule's levels (see compare.py)."""
        from flareup.risk.compare import compare_designations

        return compare_designations(self, official)


def _daily_counts(counts: pd.DataFrame, metrics: set[str], file: str) -> pd.DataFrame:
    _require(counts, ("area", "date", "metric", "value"), file.strip("<>"))
    c = counts.loc[counts["metric"].isin(metrics), ["area", "date", "metric", "value"]].copy()
    c["area"] = c["area"].astype(str)
    c["date"] = pd.to_datetime(c["date"]).dt.normalize()
    dup = c.duplicated(["area", "date", "metric"], keep=False)
    if dup.any():
        r = c[dup].iloc[0]
        raise InputError(
            f"two values for {r['metric']} in area {r['area']} on {r['date'].date()}; "
            "pass one figure per (area, date, metric), e.g. reg.counts(policy='latest')",
            file=file,
            row=int(c.index[dup][0]) + 1,
            field="value",
        )
    return c


def classify(
    rules: RuleSet,
    counts: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    clusters: pd.DataFrame | None = None,
    testing: pd.DataFrame | None = None,
    start: Any = None,
    end: Any = None,
    target_areas: list[str] | None = None,
) -> RiskResult:
    """Classify every area of a unit level the rule allows, on every date from start to end.

    ``counts``: tidy [area, date, metric, value]; ``areas``: [code, level, parent_code,
    population, name_en ...]; ``clusters``: [area, date] flags (None: no cluster data);
    ``testing``: [area, date, tested, positive] (rules that need it); ``target_areas``: codes
    whose subtrees to classify (default: all). Levels follow ``rules`` (see engines.py).
    """
    tree = _AreaTree(areas)
    metrics = set(rules.metrics)
    c = _daily_counts(counts, metrics, "<counts>")
    unknown = sorted(set(c["area"]) - set(tree.level))
    if unknown:
        raise InputError(
            f"area {unknown[0]!r} is not in the area table", file="<counts>", field="area"
        )
    if c.empty and start is None:
        raise InputError(
            f"no counts of {', '.join(sorted(metrics))} and no start date given",
            file="<counts>",
            field="metric",
        )
    d0 = c["date"].min() if not c.empty else _to_day(start)
    d_start = _to_day(start) if start is not None else d0
    d_end = _to_day(end) if end is not None else (c["date"].max() if not c.empty else d_start)
    d0 = min(d0, d_start)
    if d_end < d_start:
        raise InputError(f"end {d_end.date()} is before start {d_start.date()}", field="end")
    dates = pd.date_range(d0, max(d_end, d0), freq="D")

    # targets: areas at a level the rule allows, within the requested subtrees
    if target_areas:
        wanted: set[str] = set()
        for code in target_areas:
            code = str(code)
            if code not in tree.level:
                raise InputError(f"unknown area {code!r}", field="area")
            wanted.update(tree.subtree(code))
    else:
        wanted = set(tree.level)
    targets = sorted(a for a in wanted if tree.level[a] in rules.units)
    if not targets:
        raise InputError(
            f"no area at a level {rules.name} is written for ({', '.join(rules.units)})",
            field="area",
        )

    # an area "has figures" when it reports any flow the rule reads (cases, or the reported
    # but uncounted asymptomatic infections): zero confirmed there is a figure, not a gap
    stocks = set(rules.stock_metrics)
    case_areas = set(c.loc[~c["metric"].isin(stocks), "area"])
    units: dict[str, _Unit] = {}
    target_unit: dict[str, str] = {}
    target_note: dict[str, str] = {}
    for a in targets:
        if a in case_areas:
            key, members, scope, note = a, [a], tree.subtree(a), ""
            pop = tree.population(a)
        else:
            anc = next(
                (
                    p
                    for p in tree.ancestors(a)
                    if p in case_areas and tree.level.get(p) in rules.units
                ),
                None,
            )
            below = [d for d in tree.subtree(a)[1:] if d in case_areas]
            # only the top-most reporting descendants, so a county and its townships never add up
            below = [d for d in below if not any(p in below for p in tree.ancestors(d))]
            if anc is not None:
                key, members, scope = anc, [anc], tree.subtree(anc)
                note = (
                    f"applied to {tree.name(anc)}, the finest unit with figures "
                    f"(no {tree.level[a]} figures reported)"
                )
                pop = tree.population(anc)
            elif below:
                key, members, scope = f"sum:{a}", below, tree.subtree(a)
                note = f"sum of {len(below)} reporting sub-areas"
                # the area's own population, never the sum of the reporting sub-areas' (that
                # would leave out the people of sub-areas that report nothing)
                pop = tree.population(a)
            else:
                key, members, scope = a, [], tree.subtree(a)
                note = ""
                pop = tree.population(a)
        units.setdefault(key, _Unit(key, members, scope, note, pop))
        target_unit[a] = key
        target_note[a] = note

    series = {
        k: _build_series(u, c, rules, dates, tree, clusters, testing) for k, u in units.items()
    }
    for k, s in series.items():
        own = units[k].members == [k]
        if (
            own
            and s.cases.sum() > 0
            and rules.engine == "incidence_threshold"
            and np.isnan(s.population)
        ):
            raise InputError(
                f"area {k!r} has cases but no population; {rules.name} needs it for rates per "
                f"{rules.params['indicators']['per_population']:,}",
                file="<areas>",
                field="population",
            )
    outputs = {k: run_engine(s, rules) for k, s in series.items()}
    for k, u in units.items():
        if not u.members:  # no figures anywhere near: no level, not "low"
            o = outputs[k]
            o.level[:] = -1
            o.reason[:] = [NO_DATA] * len(o.reason)
            o.next_downgrade[:] = np.datetime64("NaT")
            o.earliest_low[:] = np.datetime64("NaT")
    notes = _stock_flow_notes(rules, c, tree, units, series, d_end)
    last = c.loc[~c["metric"].isin(stocks), "date"].max() if not c.empty else pd.NaT
    if not pd.isna(last) and d_end > last:
        notes.append(
            f"the figures end on {last.date()}; {d_end.date()} is {(d_end - last).days} days "
            "later, and the levels after the last figure assume no new cases"
        )
    for text in notes:
        warnings.warn(text, RiskDataWarning, stacklevel=2)

    keep = (dates >= d_start) & (dates <= d_end)
    frames = []
    for a in targets:
        k = target_unit[a]
        out, note = outputs[k], target_note[a]
        lv = out.level[keep]
        reasons = np.asarray(out.reason, dtype=object)[keep]
        if note:
            reasons = np.array([f"{note}: {r}" for r in reasons], dtype=object)
        frame = pd.DataFrame(
            {
                "area": a,
                "date": dates[keep],
                "level": [LEVEL_NAMES[x] if x >= 0 else None for x in lv],
                "reason": reasons,
                "next_downgrade": out.next_downgrade[keep],
                "earliest_low": out.earliest_low[keep],
                "data_area": k if units[k].members else None,
                "rule_set": rules.name,
                "rule_version": rules.version,
            }
        )
        for name, arr in out.indicators.items():
            frame[name] = np.asarray(arr)[keep]
        frames.append(frame)
    daily = pd.concat(frames, ignore_index=True)
    return RiskResult(
        rules, daily, d_start, d_end, tree, units, series, outputs, target_unit, notes
    )


def _stock_series(
    c: pd.DataFrame, members: list[str], rules: RuleSet, dates: pd.DatetimeIndex
) -> tuple[np.ndarray, np.ndarray] | None:
    """(stock, lower bound on the cumulative count) per day for ``members`` (NaN where a member
    has no stock figure that day); None without any stock figure."""
    if not rules.stock_metrics or not members:
        return None
    sub = c[c["area"].isin(members)]
    st = sub[sub["metric"].isin(rules.stock_metrics)]
    if st.empty:
        return None
    # a stock is known on a day only when every member reports it
    per = st.pivot_table(index="date", columns="area", values="value", aggfunc="sum")
    per = per.reindex(index=dates, columns=members)
    stock = per.sum(axis=1, min_count=len(members)).to_numpy(dtype=float)
    out = sub[sub["metric"].isin(rules.stock_outflow_metrics)]
    gone = (
        out.groupby("date")["value"].sum().reindex(dates, fill_value=0).to_numpy(dtype=float)
        if len(out)
        else np.zeros(len(dates))
    )
    return stock, stock + np.cumsum(gone)


def _stock_flow_notes(
    rules: RuleSet,
    c: pd.DataFrame,
    tree: _AreaTree,
    units: dict[str, _Unit],
    series: dict[str, UnitSeries],
    d_end: pd.Timestamp,
) -> list[str]:
    """Where a stock implies more cases than the daily flows add up to, say so (once per area)."""
    if not rules.stock_metrics:
        return []
    notes: list[str] = []
    word = " + ".join(rules.case_metrics)
    stock_word = " + ".join(rules.stock_metrics)
    dates = next(iter(series.values())).dates if series else pd.DatetimeIndex([])
    flows = c[c["metric"].isin(rules.case_metrics)]
    subtract = c[c["metric"].isin(rules.subtract_metrics)]
    covered: set[str] = set()
    for k, u in units.items():
        s = series[k]
        if s.cum_floor is None:
            continue
        covered.update(u.members if len(u.members) == 1 else [])
        cum, flow, at = cumulative_with_stocks(s.cases, s.cum_floor)
        if at[-1] >= 0 and s.stock is not None:
            i = int(at[-1])
            notes.append(
                f"{tree.name(k)}: {stock_word} is {int(s.stock[i])} on {dates[i].date()}, more "
                f"than the {flow[i]} cases the daily {word} figures sum to by then; flows and "
                f"stocks disagree (daily figures missing?), and the cumulative count follows "
                f"the stock ({cum[-1]} by {dates[-1].date()}, not {flow[-1]})"
            )
    # stocks of areas that are not classified themselves (a prefecture over its counties)
    stock_areas = sorted(set(c.loc[c["metric"].isin(rules.stock_metrics), "area"]) - covered)
    for a in stock_areas:
        if a in units and units[a].members == [a]:
            continue
        res = _stock_series(c, [a], rules, dates)
        if res is None:
            continue
        stock, floor = res
        scope = set(tree.subtree(a))
        have = set(flows["area"]) & scope
        top = {x for x in have if not any(p in have for p in tree.ancestors(x))}
        f = flows[flows["area"].isin(top)].groupby("date")["value"].sum()
        sb = subtract[subtract["area"].isin(top)].groupby("date")["value"].sum()
        daily = f.reindex(dates, fill_value=0).to_numpy(float) - sb.reindex(
            dates, fill_value=0
        ).to_numpy(float)
        flow = np.cumsum(daily)
        gap = np.where(np.isnan(floor), -np.inf, floor - flow)
        if gap.size and gap.max() > 0:
            i = int(len(gap) - 1 - np.argmax(gap[::-1]))  # the latest of the largest gaps
            notes.append(
                f"{tree.name(a)}: {stock_word} is {int(stock[i])} on {dates[i].date()}, more "
                f"than the {int(flow[i])} cases the daily {word} figures of its areas sum to by "
                "then; flows and stocks disagree (daily figures missing?)"
            )
    return notes


def _build_series(
    u: _Unit,
    c: pd.DataFrame,
    rules: RuleSet,
    dates: pd.DatetimeIndex,
    tree: _AreaTree,
    clusters: pd.DataFrame | None,
    testing: pd.DataFrame | None,
) -> UnitSeries:
    sub = c[c["area"].isin(u.members)]
    wide = sub.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
    wide = wide.reindex(dates, fill_value=0).fillna(0)

    def col(m: str) -> np.ndarray:
        return (
            wide[m].to_numpy(dtype=np.int64)
            if m in wide.columns
            else np.zeros(len(dates), np.int64)
        )

    cases = sum((col(m) for m in rules.case_metrics), np.zeros(len(dates), np.int64))
    cases = np.clip(
        cases - sum((col(m) for m in rules.subtract_metrics), np.zeros(len(dates), np.int64)),
        0,
        None,
    )
    nc = sum((col(m) for m in rules.not_counted_metrics), np.zeros(len(dates), np.int64))
    breakdown = {m: col(m) for m in rules.case_metrics}
    for m in rules.subtract_metrics:
        breakdown[m] = col(m)

    cl_days = np.zeros(len(dates), dtype=bool)
    if clusters is not None and len(clusters):
        _require(clusters, ("area", "date"), "clusters")
        cf = clusters[clusters["area"].astype(str).isin(u.scope)]
        idx = dates.get_indexer(pd.DatetimeIndex(pd.to_datetime(cf["date"])).normalize())
        cl_days[idx[idx >= 0]] = True
    tested = np.full(len(dates), np.nan)
    positive = np.full(len(dates), np.nan)
    if testing is not None and len(testing):
        _require(testing, ("area", "date", "tested", "positive"), "testing")
        tf = testing[testing["area"].astype(str).isin(u.scope)].copy()
        # a round reported for an area and again for its parent must not be counted twice:
        # keep the top-most reporting areas of the unit's scope
        have = set(tf["area"].astype(str))
        top = {a for a in have if not any(p in have for p in tree.ancestors(a))}
        tf = tf[tf["area"].astype(str).isin(top)]
        if len(tf):
            tf["date"] = pd.to_datetime(tf["date"]).dt.normalize()
            tf["tested"] = pd.to_numeric(tf["tested"], errors="coerce").astype(float)
            tf["positive"] = pd.to_numeric(tf["positive"], errors="coerce").astype(float)
            g = tf.groupby("date")[["tested", "positive"]].sum(min_count=1)
            # one unknown positive count makes the day's positives unknown
            g.loc[tf.groupby("date")["positive"].apply(lambda x: x.isna().any()), "positive"] = (
                np.nan
            )
            g = g.reindex(dates)
            tested = g["tested"].to_numpy(dtype=float)
            positive = g["positive"].to_numpy(dtype=float)
    stocks = _stock_series(c, u.members, rules, dates)
    return UnitSeries(
        key=u.key,
        label=tree.name(u.key) if u.members else u.key,
        dates=dates,
        cases=cases.astype(np.int64),
        not_counted=nc.astype(np.int64),
        reported=bool(u.members),
        cluster_days=cl_days,
        cluster_known=clusters is not None,
        tested=tested,
        positive=positive,
        population=u.population,
        breakdown=breakdown,
        cum_floor=None if stocks is None else stocks[1],
        stock=None if stocks is None else stocks[0],
    )


def level_rank(level: Any) -> int:
    """0/1/2 for low/medium/high; -1 for none."""
    return LEVEL_NAMES.index(str(level)) if level is not None and not pd.isna(level) else -1
