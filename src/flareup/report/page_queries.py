"""Registry queries the dashboard's pages share: the default date and area, area names,
per-area figures for the map (:func:`area_metrics`, :func:`metric_on`), levels by rule
(:func:`rules_result`, kept per registry version, and :func:`rule_levels`) and the sources of
the latest figures. Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

import threading
import warnings
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.report.page_model import _cell
from flareup.schema import FLOW_METRICS, STOCK_METRICS, area_display_name

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
    # names as English text gives them ("Shufu County", not the romanised "Shufu Xian")
    return {str(c): area_display_name(str(n)) for c, n in zip(a["code"], a["name_en"], strict=True)}


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
    out = t[["area", "level", "reason"]]
    return out.astype({"area": str})


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
