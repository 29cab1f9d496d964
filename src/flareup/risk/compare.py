"""Official designations against a rule: every difference, with both reasons.

Two kinds of difference are listed:

* ``level``: on these days the official level and the rule's level differ (runs of consecutive
  days with the same pair of levels become one row);
* ``downgrade_faster``: an official downgrade came sooner than the rule allows. Two bounds are
  given: the rule text alone (china-2020: 14 days per level, so high to low takes 28 days), and
  the rule run from the official level with the reported figures (no step can start before the
  last counted case is 14 days old).

A designation is in force on [``valid_from``, ``valid_to``) (half-open, as the registry stores
periods); where periods overlap, the one with the later ``valid_from`` wins. Days on which the
rule has no data at all (no level, reason "no data: ...") are not differences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.risk.engines import LEVEL_NAMES, min_stepdown_days, run_engine
from flareup.schema import OFFICIAL_RULE_SET, area_display_name

if TYPE_CHECKING:
    from flareup.risk.classify import RiskResult

#: How classify() starts the reason of an area with no figures (see classify.NO_DATA).
NO_DATA_PREFIX = "no data:"

COMPARE_COLUMNS = (
    "area",
    "name_en",
    "name_alt",
    "kind",
    "start",
    "end",
    "days",
    "official_level",
    "rule_level",
    "official_reason",
    "rule_reason",
)


def _official_reason(row: pd.Series) -> str:
    reason = row.get("reason")
    src = row.get("source_title", row.get("source"))
    text = f"declared {row['level']} from {row['valid_from'].date()}"
    if isinstance(reason, str) and reason.strip():
        text += f": {reason.strip()}"
    if isinstance(src, str) and src.strip():
        text += f" [{src.strip()}]"
    return text


def _prepare(official: pd.DataFrame) -> pd.DataFrame:
    for col in ("area", "level", "valid_from"):
        if col not in official.columns:
            raise InputError(f"missing column {col!r}", file="<designations>", field=col)
    o = official.copy()
    if "rule_set" in o.columns:
        o = o[o["rule_set"].fillna(OFFICIAL_RULE_SET) == OFFICIAL_RULE_SET]
    o["area"] = o["area"].astype(str)
    o["valid_from"] = pd.to_datetime(o["valid_from"]).dt.normalize()
    if "valid_to" in o.columns:
        o["valid_to"] = pd.to_datetime(o["valid_to"]).dt.normalize()
    else:
        o["valid_to"] = pd.NaT
    bad = ~o["level"].isin(LEVEL_NAMES)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"unknown level {o['level'].iloc[i]!r}", file="<designations>", row=i + 1, field="level"
        )
    return o.sort_values(["area", "valid_from"]).reset_index(drop=True)


def _official_daily(o: pd.DataFrame, dates: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """Per day: index into ``o`` of the designation in force, or -1."""
    idx = np.full(len(dates), -1)
    for i, r in o.iterrows():
        m = dates >= r["valid_from"]
        if not pd.isna(r["valid_to"]):
            m &= dates < r["valid_to"]
        idx[m] = i  # later rows (later valid_from) win
    lv = np.array([o.at[i, "level"] if i >= 0 else None for i in idx], dtype=object)
    return idx, lv


def compare_designations(result: RiskResult, official: pd.DataFrame) -> pd.DataFrame:
    """List every difference between ``official`` designations and ``result``'s levels."""
    o = _prepare(official)
    rules = result.rules
    rows: list[dict[str, Any]] = []
    tree = result.tree
    for key, od in o.groupby("area", sort=True):
        area = str(key)
        od = od.reset_index(drop=True)
        name = tree.name(area)
        if area not in result.target_unit:
            lvl = tree.level.get(area, "unknown area")
            if lvl in rules.units:
                continue  # a unit of the rule, but outside the areas asked for (--area)
            rows.append(
                dict(
                    area=area,
                    name_en=name,
                    kind="not_classified",
                    start=od["valid_from"].min(),
                    end=od["valid_from"].max(),
                    days=None,
                    official_level=od["level"].iloc[-1],
                    rule_level=None,
                    official_reason=_official_reason(od.iloc[-1]),
                    rule_reason=f"not classified: {rules.name} is written for "
                    f"{', '.join(rules.units)}, this area is {lvl}",
                )
            )
            continue
        d = result.daily[result.daily["area"] == area].sort_values("date")
        dates = pd.DatetimeIndex(d["date"])
        oidx, olv = _official_daily(od, dates)
        rlv = d["level"].to_numpy(dtype=object)
        rreason = d["reason"].to_numpy(dtype=object)
        # where the rule has no data at all it gives no verdict, so there is nothing to differ
        # from (classify() says "no data" in the level's place, and notes it)
        nodata = np.array([str(x).startswith(NO_DATA_PREFIX) for x in rreason])
        diff = np.array([a is not None and a != b for a, b in zip(olv, rlv, strict=True)]) & ~nodata
        i = 0
        while i < len(dates):
            if not diff[i]:
                i += 1
                continue
            j = i
            while (
                j + 1 < len(dates)
                and diff[j + 1]
                and olv[j + 1] == olv[i]
                and rlv[j + 1] == rlv[i]
                and oidx[j + 1] == oidx[i]
            ):
                j += 1
            rows.append(
                dict(
                    area=area,
                    name_en=name,
                    kind="level",
                    start=dates[i],
                    end=dates[j],
                    days=j - i + 1,
                    official_level=olv[i],
                    rule_level=rlv[i],
                    official_reason=_official_reason(od.iloc[oidx[i]]),
                    rule_reason=rreason[i],
                )
            )
            i = j + 1
        rows += _downgrades(result, area, name, od)
    out = pd.DataFrame(rows, columns=[c for c in COMPARE_COLUMNS if c != "name_alt"])
    t = tree.table
    alt = t["name_alt"] if "name_alt" in t.columns else pd.Series(dtype=object)
    alts: list[Any] = [alt.get(a) if a in alt.index else None for a in out["area"]]
    out.insert(2, "name_alt", alts)
    names: list[Any] = [
        t.at[a, "name_en"] if a in t.index and "name_en" in t.columns else a for a in out["area"]
    ]
    out["name_en"] = pd.Series(names, index=out.index, dtype=object)
    return out.sort_values(["area", "start", "kind"]).reset_index(drop=True)


def group_differences(diff: pd.DataFrame) -> pd.DataFrame:
    """Rows of a comparison that differ only by area, merged: one row per finding with the areas."""
    if diff.empty:
        return diff.assign(areas=[])
    keys = ["kind", "start", "end", "official_level", "rule_level", "rule_reason"]

    def short(r: pd.Series) -> str:
        # the one display rule of the map and tables: the areas file's alternative names
        # ('Tokzak Town (county seat)') made a second English name for 'Tuokezhake Town'
        name = r.get("name_en")
        return area_display_name(str(name)) if isinstance(name, str) and name else str(r["area"])

    d = diff.assign(short=diff.apply(short, axis=1), rule_reason=diff["rule_reason"].fillna(""))
    out = (
        d.groupby(keys, sort=False, dropna=False)
        .agg(
            areas=("short", lambda s: ", ".join(s)),
            codes=("area", lambda s: ", ".join(s)),
            official_reason=("official_reason", "first"),
            n=("area", "size"),
        )
        .reset_index()
    )
    return out.sort_values(["start", "kind"]).reset_index(drop=True)


def _downgrades(result: RiskResult, area: str, name: str, od: pd.DataFrame) -> list[dict[str, Any]]:
    rules = result.rules
    rows = []
    key = result.target_unit[area]
    s = result.series[key]
    run_start = 0
    for k in range(1, len(od)):
        prev, cur = od.iloc[k - 1], od.iloc[k]
        if cur["level"] != prev["level"]:
            if LEVEL_NAMES.index(cur["level"]) >= LEVEL_NAMES.index(prev["level"]):
                run_start = k
                continue
        else:
            continue
        a, b = LEVEL_NAMES.index(prev["level"]), LEVEL_NAMES.index(cur["level"])
        since, fell = od.iloc[run_start]["valid_from"], cur["valid_from"]
        run_start = k
        min_days = min_stepdown_days(rules, a, b)
        if min_days is None:
            continue
        by_text = since + pd.Timedelta(days=min_days)
        by_data: pd.Timestamp | None = None
        rule_on_fall: str | None = None
        last_case: pd.Timestamp | None = None
        if s.dates[0] <= since <= s.dates[-1]:
            horizon = int(min_days) * 2 + 60
            ext = s.extended(max(0, (fell - s.dates[-1]).days) + horizon)
            i0 = int(ext.dates.get_indexer(pd.DatetimeIndex([since]))[0])
            i_fell = int(ext.dates.get_indexer(pd.DatetimeIndex([fell]))[0])
            out = run_engine(ext, rules, init=(i0, a))
            reach = np.flatnonzero((out.level[i0:] <= b) & (out.level[i0:] >= 0))
            if len(reach):
                by_data = pd.Timestamp(ext.dates[i0 + int(reach[0])])
            rule_on_fall = LEVEL_NAMES[int(out.level[i_fell])]
            lc = out.indicators.get("last_case")
            if lc is not None and not np.isnat(lc[i_fell]):
                last_case = pd.Timestamp(lc[i_fell])
        earliest = max(by_text, by_data) if by_data is not None else by_text
        if fell >= earliest:
            continue
        unit = result.units[key]
        text = (
            f"{rules.name} lets a level fall only after a quiet period "
            f"({_quiet_words(rules)}): {prev['level']} from {since.date()} cannot reach "
            f"{cur['level']} before {by_text.date()} ({min_days} days)"
        )
        if by_data is not None:
            where = s.label if unit.members else "the area"
            tail = (
                f"; with {where}'s last counted case on {last_case.date()}"
                if last_case is not None
                else ""
            )
            text += f"{tail}, not before {by_data.date()}"
        text += f"; official: {prev['level']} to {cur['level']} after {(fell - since).days} days"
        rows.append(
            dict(
                area=area,
                name_en=name,
                kind="downgrade_faster",
                start=fell,
                end=earliest - pd.Timedelta(days=1),
                days=(earliest - fell).days,
                official_level=cur["level"],
                rule_level=rule_on_fall or prev["level"],
                official_reason=_official_reason(cur),
                rule_reason=text,
            )
        )
    return rows


def _quiet_words(rules: Any) -> str:
    if rules.engine == "cumulative_cluster":
        return (
            f"one step per {rules.params['stepdown']['quiet_days']} days without a new local case"
        )
    sd = rules.params["stepdown"]
    return (
        f"{sd['high_quiet_days']} days without a new infection and an all-negative round on day "
        f"{sd['testing_day']} to medium, {sd['medium_quiet_days']} more to low"
    )
