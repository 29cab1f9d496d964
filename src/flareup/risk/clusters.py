"""Cluster flags from settings, exposures and the line list.

Definition (China's protocol editions 6-7, 聚集性疫情; the numbers come from the rule file's
``[cluster]`` section): a setting (factory, household, school class, market ...) is a cluster on
day ``d`` when at least ``min_linked_cases`` cases or asymptomatic infections linked to it were
reported in the ``window_days`` days ending on ``d`` and at least one of them on ``d``. A case is
linked to a setting through an exposure row (``case_id``, ``setting_id``) or through the line
list's own ``setting`` column; cases sharing a line-list ``cluster`` id form a group the same way,
placed in the area where most of its cases live. The flag belongs to the setting's area, and so
to every area that contains it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.risk.ruleset import RuleSet

CLUSTER_COLUMNS = ("area", "date", "cluster_id", "linked_cases")


def _need(df: pd.DataFrame, cols: tuple[str, ...], name: str) -> None:
    for col in cols:
        if col not in df.columns:
            raise InputError(f"missing column {col!r}", file=f"<{name}>", field=col)


# One flagged cluster: (area, date, group id, cases in the window).
_Flag = tuple[str, pd.Timestamp, str, int]


def _flags_for_group(area: str, gid: str, dates: pd.Series, n_min: int, window: int) -> list[_Flag]:
    days = pd.to_datetime(dates).dt.normalize().dropna().sort_values().to_numpy()
    if len(days) < n_min:
        return []
    out: list[_Flag] = []
    for d in np.unique(days):
        lo = d - np.timedelta64(window - 1, "D")
        k = int(((days >= lo) & (days <= d)).sum())
        if k >= n_min:
            out.append((area, pd.Timestamp(d), gid, k))
    return out


def derive_clusters(
    rules: RuleSet,
    cases: pd.DataFrame,
    settings: pd.DataFrame | None = None,
    exposures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cluster flags [area, date, cluster_id, linked_cases] as defined in the module docstring."""
    if rules.engine != "cumulative_cluster":
        return pd.DataFrame(columns=list(CLUSTER_COLUMNS))
    cfg = rules.params["cluster"]
    n_min, window, classes = (
        cfg["min_linked_cases"],
        cfg["window_days"],
        set(cfg["classifications"]),
    )
    _need(cases, ("id", "location", "date_reporting", "classification"), "cases")
    cs = cases[cases["classification"].astype(str).isin(classes)].copy()
    cs["id"] = cs["id"].astype(str)
    rows: list[_Flag] = []
    links: list[pd.DataFrame] = []
    if settings is not None and len(settings):
        _need(settings, ("id", "area"), "settings")
        if exposures is not None and len(exposures):
            _need(exposures, ("case_id", "setting_id"), "exposures")
            links.append(
                exposures.rename(columns={"case_id": "id"})[["id", "setting_id"]].astype(str)
            )
        if "setting" in cs.columns:
            own = cs.loc[cs["setting"].notna(), ["id", "setting"]].astype(str)
            links.append(own.rename(columns={"setting": "setting_id"}))
        if links:
            link = pd.concat(links).drop_duplicates()
            merged = link.merge(cs[["id", "date_reporting"]], on="id")
            area_of = dict(
                zip(settings["id"].astype(str), settings["area"].astype(str), strict=True)
            )
            for key, grp in merged.groupby("setting_id"):
                sid = str(key)
                if sid in area_of:
                    rows += _flags_for_group(
                        area_of[sid], f"setting:{sid}", grp["date_reporting"], n_min, window
                    )
    if "cluster" in cs.columns:
        for cid, grp in cs[cs["cluster"].notna()].groupby("cluster"):
            area = str(grp["location"].astype(str).mode().iloc[0])
            rows += _flags_for_group(area, f"cluster:{cid}", grp["date_reporting"], n_min, window)
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS))
