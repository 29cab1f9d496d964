"""The overview of a situation room: headline figures of an area, a table of its sub-areas
(e.g. the counties of a prefecture) with their counts and risk levels, and the risk level of
every area on a day (official and by rule) for the map.

Everything here returns frames or plain dataclasses with ``to_dict()`` so that the CLI can print
them and the web app can serve them as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from flareup.analytics.incidence import aggregate_to_parents
from flareup.report.queries import official_designations
from flareup.report.state import AreaState, area_state
from flareup.schema import (
    AREA_LEVEL_ORDER,
    DERIVED_METRICS,
    RISK_LEVEL_ORDER,
    area_display_name,
)

if TYPE_CHECKING:
    from flareup.registry import Registry
    from flareup.risk import RiskResult

#: Columns of :func:`subarea_table`.
SUBAREA_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "level",
    "population",
    "infections_cum",
    "infections_last7",
    "confirmed_current",
    "asymptomatic_current",
    "last_report",
    "basis",
    "official_level",
    "rule_level",
)


def _descendants(areas: pd.DataFrame, code: str, level: str | None = None) -> list[str]:
    """Codes inside ``code`` (at ``level``, if given), from an area table already read (the
    registry's ``descendants`` reads the table again on each call)."""
    kids: dict[str, list[str]] = {}
    for c, p in zip(areas["code"].astype(str), areas["parent_code"], strict=True):
        if p is not None and pd.notna(p):
            kids.setdefault(str(p), []).append(c)
    out, todo = [], list(kids.get(str(code), []))
    while todo:
        c = todo.pop()
        out.append(c)
        todo.extend(kids.get(c, []))
    if level is not None:
        lv = dict(zip(areas["code"].astype(str), areas["level"], strict=True))
        out = [c for c in out if lv.get(c) == level]
    return sorted(out)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return list(json.loads(df.to_json(orient="records", date_format="iso")))


def official_levels(reg: Registry, date: Any) -> pd.DataFrame:
    """The official risk level of each designated area on ``date`` (``area, level,
    valid_from, reason, source_title``): the designation in force that day, the latest one
    where several overlap."""
    des = official_designations(reg)
    cols = ["area", "level", "valid_from", "reason", "source_title"]
    if des.empty:
        return pd.DataFrame(columns=cols)
    day = pd.Timestamp(date)
    vf = pd.to_datetime(des["valid_from"])
    vt = pd.to_datetime(des["valid_to"])
    live = des[(vf <= day) & (vt.isna() | (vt > day))].copy()
    live["valid_from"] = pd.to_datetime(live["valid_from"])
    live = live.sort_values("valid_from").groupby("area", as_index=False).tail(1)
    for c in cols:
        if c not in live:
            live[c] = None
    return live[cols].reset_index(drop=True)


def rule_levels(res: RiskResult, date: Any) -> pd.DataFrame:
    """A rule's level of each area on ``date`` (``area, level, reason, next_downgrade``)."""
    d = res.daily[res.daily["date"] == pd.Timestamp(date)]
    return d[["area", "level", "reason", "next_downgrade"]].reset_index(drop=True)


def risk_map(
    reg: Registry,
    date: Any,
    *,
    res: RiskResult | None = None,
    level: str | None = None,
    areas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every area (at ``level``, if given) on ``date``: ``code, name, level, parent_code,
    official_level, official_reason, rule_level, rule_reason`` — what a map colours. ``res``
    is a rule's result (:func:`flareup.report.analyses.run_rules`, with ``end`` at or after
    ``date``); without it, or outside its dates, the rule columns are empty. Levels are
    ``low``, ``medium``, ``high`` or empty (not designated). ``areas``: the area table, if
    already read."""
    areas = reg.areas() if areas is None else areas
    if level is not None:
        areas = areas[areas["level"] == level]
    out = pd.DataFrame(
        {
            "code": areas["code"].astype(str),
            "name": areas["name_en"],
            "level": areas["level"],
            "parent_code": areas["parent_code"],
        }
    )
    off = official_levels(reg, date).rename(
        columns={"area": "code", "level": "official_level", "reason": "official_reason"}
    )
    out = out.merge(off[["code", "official_level", "official_reason"]], on="code", how="left")
    if res is not None and pd.Timestamp(date) in set(res.daily["date"]):
        rl = rule_levels(res, date).rename(
            columns={"area": "code", "level": "rule_level", "reason": "rule_reason"}
        )
        out = out.merge(rl[["code", "rule_level", "rule_reason"]], on="code", how="left")
    else:
        out["rule_level"] = None
        out["rule_reason"] = None
    return out.reset_index(drop=True)


def subarea_table(
    reg: Registry,
    parent: str,
    *,
    date: Any = None,
    res: RiskResult | None = None,
    level: str | None = None,
    areas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per direct sub-area of ``parent`` (or its descendants at ``level``) on ``date``:
    detected infections to date and in the last 7 days (schema ``infections_new``: each
    infection once), the latest current confirmed and asymptomatic stocks, the day of the last
    report, whether the figures are reported or summed from sub-areas, and the risk level
    (official, and by the rule of ``res`` if given). Areas without figures have empty cells."""
    areas = reg.areas() if areas is None else areas
    areas = areas.assign(code=areas["code"].astype(str))
    if level is None:
        kids = areas[areas["parent_code"].astype(str) == str(parent)]
    else:
        inside = set(_descendants(areas, parent, level))
        kids = areas[areas["code"].isin(inside)]
    codes = [parent, *_descendants(areas, parent)]
    d = DERIVED_METRICS["infections_new"]
    metrics = [*d.plus, *d.minus, "confirmed_current", "asymptomatic_current"]
    counts = reg.counts(areas=codes, metrics=metrics, end=date)
    day = pd.Timestamp(date) if date is not None else None
    rows = []
    full = aggregate_to_parents(counts, areas) if not counts.empty else counts
    if day is None and not counts.empty:
        day = pd.to_datetime(counts["date"]).max()
    for k in kids.to_dict("records"):
        code = str(k["code"])
        f = full[full["area"] == code] if not full.empty else full
        row: dict[str, Any] = {
            "code": code,
            # as English text names it ("Shufu County"), like the page's title, map and sources
            "name": area_display_name(str(k["name_en"])),
            "level": k["level"],
            "population": None if pd.isna(k["population"]) else int(k["population"]),
            "infections_cum": None,
            "infections_last7": None,
            "confirmed_current": None,
            "asymptomatic_current": None,
            "last_report": None,
            "basis": None,
        }
        if not f.empty:
            wide = f.pivot_table(index="date", columns="metric", values="value", aggfunc="sum")
            flows = [m for m in (*d.plus, *d.minus) if m in wide]
            if flows:
                inf = sum(wide[m].fillna(0) for m in d.plus if m in wide) - sum(
                    wide[m].fillna(0) for m in d.minus if m in wide
                )
                inf = pd.Series(inf)
                row["infections_cum"] = int(inf.sum())
                assert day is not None
                recent = inf[inf.index > day - pd.Timedelta(days=7)]
                # no report of new cases in those days is unknown, not zero
                row["infections_last7"] = int(recent.sum()) if len(recent) else None
            for m in ("confirmed_current", "asymptomatic_current"):
                if m in wide and wide[m].notna().any():
                    row[m] = int(wide[m].dropna().iloc[-1])
            row["last_report"] = pd.Timestamp(f["date"].max()).date().isoformat()
            row["basis"] = "summed from sub-areas" if (f["basis"] == "summed").all() else "reported"
        rows.append(row)
    out = pd.DataFrame(
        rows, columns=[c for c in SUBAREA_COLUMNS if c not in ("official_level", "rule_level")]
    )
    if day is not None:
        off = official_levels(reg, day)[["area", "level"]].rename(
            columns={"area": "code", "level": "official_level"}
        )
        out = out.merge(off, on="code", how="left")
        if res is not None and day in set(res.daily["date"]):
            rl = rule_levels(res, day)[["area", "level"]].rename(
                columns={"area": "code", "level": "rule_level"}
            )
            out = out.merge(rl, on="code", how="left")
    for c in ("official_level", "rule_level"):
        if c not in out:
            out[c] = None
    for c in ("population", "infections_cum", "infections_last7"):
        out[c] = out[c].astype("Int64")
    for c in ("confirmed_current", "asymptomatic_current"):
        out[c] = pd.to_numeric(out[c]).astype("Int64")
    return out[list(SUBAREA_COLUMNS)]


@dataclass
class Overview:
    """The overview page as data: the area's state, its sub-areas, and the levels counted."""

    state: AreaState
    subareas: pd.DataFrame
    risk_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: which areas each count covers: per key (official, rule) the areas with a level by kind
    #: of area (county, township, ...), and under "inside" every area inside (with or without)
    risk_areas: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``state`` (figures with what they rest on), ``subareas`` (records),
        ``risk_counts`` (areas per level, official and by rule), ``risk_areas`` (the areas
        each count covers, by kind of area)."""
        return {
            "state": self.state.to_dict(),
            "subareas": _records(self.subareas),
            "risk_counts": self.risk_counts,
            "risk_areas": self.risk_areas,
        }


def overview(
    reg: Registry,
    area: str,
    *,
    date: Any = None,
    res: RiskResult | None = None,
    level: str | None = None,
) -> Overview:
    """The overview of ``area`` on ``date``: its state (:func:`area_state`), its sub-areas
    (:func:`subarea_table`) and how many of the areas inside it are at each risk level on
    that day (official, and by the rule of ``res``)."""
    st = area_state(reg, area, date=date)
    day = st.day
    areas = reg.areas()
    table = subarea_table(reg, area, date=day, res=res, level=level, areas=areas)
    rm = risk_map(reg, day, res=res, areas=areas)
    inside = set(_descendants(areas, area))  # the areas inside it, not itself
    rm = rm[rm["code"].isin(inside)]
    counts = {}
    # the two counts cover different areas (official: those designated; by rule: those with
    # figures, or whose county has them): say which, so a reader can tell why they differ
    kind = rm["code"].map(dict(zip(areas["code"].astype(str), areas["level"], strict=True)))
    scope = {"inside": _by_kind(kind)}
    for col, key in (("official_level", "official"), ("rule_level", "rule")):
        vc = rm[col].value_counts()
        counts[key] = {lv.value: int(vc.get(lv.value, 0)) for lv in RISK_LEVEL_ORDER}
        scope[key] = _by_kind(kind[rm[col].notna()])
    return Overview(state=st, subareas=table, risk_counts=counts, risk_areas=scope)


def _by_kind(kind: pd.Series) -> dict[str, int]:
    """How many areas of each kind (county, township, ...), outermost first."""
    vc = kind.astype(str).value_counts()
    return {lv.value: int(vc[lv.value]) for lv in AREA_LEVEL_ORDER if lv.value in vc}


__all__ = [
    "SUBAREA_COLUMNS",
    "Overview",
    "official_levels",
    "overview",
    "risk_map",
    "rule_levels",
    "subarea_table",
]
