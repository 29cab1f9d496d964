"""The three rule engines: one data unit's daily series in, its daily levels and reasons out.

Conventions shared by all engines (docs/methods/risk.md):

* The level on day ``t`` is the level in force on that day, judged on the figures reported for
  days up to and including ``t``. A day without a report counts as zero new cases.
* Levels are ranks: 0 low, 1 medium, 2 high, -1 no level (not enough information).
* Step-down rules are stateful and run as one pass over the days; the window sums, cumulative
  sums and "last case" indices they need are computed with numpy first.
* ``init=(i, rank)`` starts the pass on day ``i`` at a given level (the official one, say) to ask
  when the rule would let that level fall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from flareup.risk.ruleset import INDICATORS, RuleSet
from flareup.schema import RISK_LEVEL_ORDER

LEVEL_NAMES: Final[tuple[str, ...]] = tuple(lv.value for lv in RISK_LEVEL_ORDER)

_METRIC_WORDS: Final[dict[str, str]] = {
    "asymptomatic_new": "asymptomatic infections",
    "confirmed_new": "confirmed cases",
    "reclassified_new": "reclassifications",
    "imported_new": "imported infections",
}


@dataclass
class UnitSeries:
    """Daily inputs for one data unit (an area, or the sum of some areas)."""

    key: str
    label: str  # e.g. "Shufu Xian (653121)"
    dates: pd.DatetimeIndex
    cases: np.ndarray  # counted cases per day (int64)
    not_counted: np.ndarray  # reported but not counted by the rule (int64)
    reported: bool  # whether the unit has any figures at all
    cluster_days: np.ndarray  # bool: a cluster flag on that day
    cluster_known: bool
    tested: np.ndarray  # float, NaN where no testing figure
    positive: np.ndarray  # float, NaN where unknown
    population: float  # NaN when unknown
    breakdown: dict[str, np.ndarray] = field(default_factory=dict)  # per metric, for reasons
    # Lower bound on the cumulative count from stocks (stock + outflows so far), NaN where no
    # stock figure; None when the rule reads no stocks.
    cum_floor: np.ndarray | None = None
    stock: np.ndarray | None = None  # the stock figures themselves (for reasons)

    def extended(self, days: int) -> UnitSeries:
        """The series with ``days`` more days of no cases and no testing (for "earliest" dates)."""
        if days <= 0:
            return self
        extra_dates = pd.date_range(self.dates[-1] + pd.Timedelta(days=1), periods=days, freq="D")
        z = np.zeros(days, dtype=np.int64)
        nan = np.full(days, np.nan)
        return UnitSeries(
            key=self.key,
            label=self.label,
            dates=pd.DatetimeIndex(self.dates.append(extra_dates)),
            cases=np.concatenate([self.cases, z]),
            not_counted=np.concatenate([self.not_counted, z]),
            reported=self.reported,
            cluster_days=np.concatenate([self.cluster_days, np.zeros(days, dtype=bool)]),
            cluster_known=self.cluster_known,
            tested=np.concatenate([self.tested, nan]),
            positive=np.concatenate([self.positive, nan]),
            population=self.population,
            breakdown={k: np.concatenate([v, z]) for k, v in self.breakdown.items()},
            cum_floor=None if self.cum_floor is None else np.concatenate([self.cum_floor, nan]),
            stock=None if self.stock is None else np.concatenate([self.stock, nan]),
        )


@dataclass
class EngineOutput:
    """Per-day results for one unit: ranks, reasons, next possible downgrade, indicators."""

    level: np.ndarray  # int8 ranks, -1 for none
    reason: list[str]
    next_downgrade: np.ndarray  # datetime64[ns], NaT where none
    earliest_low: np.ndarray  # datetime64[ns], NaT where none
    indicators: dict[str, np.ndarray]


def rolling_sum(x: np.ndarray, window: int) -> np.ndarray:
    """Sum of ``x`` over the ``window`` days ending on each day (shorter at the start)."""
    c = np.cumsum(np.asarray(x, dtype=np.float64))
    out = c.copy()
    out[window:] = c[window:] - c[:-window]
    return out


def last_index(mask: np.ndarray) -> np.ndarray:
    """Index of the last day on or before each day where ``mask`` holds; -1 where none."""
    idx = np.where(mask, np.arange(len(mask)), -1)
    return np.maximum.accumulate(idx) if len(idx) else idx


def _date(dates: pd.DatetimeIndex, i: int) -> str:
    if i < len(dates):
        return dates[i].date().isoformat()
    return (dates[-1] + pd.Timedelta(days=i - len(dates) + 1)).date().isoformat()


def _day(dates: pd.DatetimeIndex, i: int) -> np.datetime64:
    return np.datetime64(dates[0] + pd.Timedelta(days=int(i)), "ns")


def _dates_at(dates: pd.DatetimeIndex, idx: np.ndarray) -> np.ndarray:
    vals = dates.values.astype("datetime64[ns]")
    out = np.full(len(idx), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = idx >= 0
    out[ok] = vals[idx[ok]]
    return out


def cumulative_with_stocks(
    cases: np.ndarray, cum_floor: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative count from daily flows, raised to what stocks imply where that is larger.

    A stock figure on day ``s`` (everyone under treatment, plus those discharged or dead so far)
    is a lower bound on the cumulative count on ``s``; later days add their new cases to it. So
    ``cum[t] = flows[t] + max(0, max over s <= t of (floor[s] - flows[s]))``. Returns the
    cumulative count, the flows' own cumulative sum, and the index of the stock figure that set
    the count on each day (-1 where the flows alone do).
    """
    flows = np.cumsum(cases).astype(np.int64)
    if cum_floor is None:
        return flows, flows, np.full(len(flows), -1, dtype=np.int64)
    gap = np.where(np.isnan(cum_floor), 0.0, cum_floor - flows)
    offset = np.zeros(len(flows), dtype=np.int64)
    source = np.full(len(flows), -1, dtype=np.int64)
    best, at = 0.0, -1
    for t, g in enumerate(gap):
        if g > best:
            best, at = float(g), t
        offset[t], source[t] = round(best), at
    return flows + offset, flows, source


def _case_word(rules: RuleSet) -> str:
    return "confirmed" if rules.case_metrics == ("confirmed_new",) else "cases"


def _not_counted_words(rules: RuleSet) -> str:
    return " or ".join(_METRIC_WORDS.get(m, m) for m in rules.not_counted_metrics)


def run_cumulative_cluster(
    s: UnitSeries, rules: RuleSet, init: tuple[int, int] | None = None
) -> EngineOutput:
    """China 2020: low / medium / high over a 14-day window, one step down per quiet period."""
    th, sd = rules.params["thresholds"], rules.params["stepdown"]
    w, above, cw, q_days = (
        th["window_days"],
        th["cumulative_cases_above"],
        th["cluster_window_days"],
        sd["quiet_days"],
    )
    c = s.cases
    n = len(c)
    cum, flow_cum, stock_at = cumulative_with_stocks(c, s.cum_floor)
    win = rolling_sum(c, w).astype(np.int64)
    nc_win = rolling_sum(s.not_counted, w).astype(np.int64)
    nc_cum = np.cumsum(s.not_counted)
    cl_win = rolling_sum(s.cluster_days.astype(np.int64), cw) > 0
    last_case = last_index(c > 0)
    static = np.where(
        (cum == 0) | (win == 0), 0, np.where(cum <= above, 1, np.where(cl_win, 2, 1))
    ).astype(np.int8)

    word = _case_word(rules)
    ncw = _not_counted_words(rules)

    def static_reason(t: int) -> str:
        if cum[t] == 0:
            text = f"no {word} cases"
            if nc_cum[t] == 1:
                text += (
                    f"; the one positive reported so far is among the {ncw}, "
                    f"which {rules.name} does not count as {word} cases"
                )
            elif nc_cum[t] > 1:
                text += (
                    f"; all {nc_cum[t]} positives reported so far are {ncw}, "
                    f"which {rules.name} does not count as {word} cases"
                )
            return text
        if win[t] == 0 and last_case[t] < 0:
            text = f"{cum[t]} cumulative by the stock figures but no new {word} case in the daily figures"
        elif win[t] == 0:
            text = f"no new {word} case for {w} days (last on {_date(s.dates, int(last_case[t]))})"
        else:
            text = f"{win[t]} {word} in {w} days, {cum[t]} cumulative"
            if stock_at[t] >= 0 and s.stock is not None:
                i = int(stock_at[t])
                text += (
                    f" (from the stock of {int(s.stock[i])} under treatment on "
                    f"{_date(s.dates, i)}; the daily figures sum to {flow_cum[t]})"
                )
            if cum[t] <= above:
                text += f" (at most {above})"
            elif cl_win[t]:
                text += f" (more than {above}) and a cluster within {cw} days"
            else:
                text += f" (more than {above}) and no cluster within {cw} days"
                if not s.cluster_known:
                    text += " (no cluster data given)"
        if nc_win[t] > 0:
            text += f"; {nc_win[t]} {ncw} in {w} days not counted"
        return text

    level = np.full(n, -1, dtype=np.int8)
    since = np.full(n, -1, dtype=np.int64)
    reasons = [""] * n
    nd = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    el = nd.copy()
    first = init[0] if init else 0
    for t in range(first, n):
        st = int(static[t])
        if t == first:
            lv = init[1] if init else st
            sn = t
            reasons[t] = (
                f"as given on {_date(s.dates, t)}: {LEVEL_NAMES[lv]}"
                if init
                else f"{static_reason(t)}: {LEVEL_NAMES[lv]}"
            )
        else:
            prev, psince = int(level[t - 1]), int(since[t - 1])
            if st >= prev:
                lv, sn = st, (t if st > prev else psince)
                reasons[t] = f"{static_reason(t)}: {LEVEL_NAMES[lv]}"
            else:
                ref = max(int(last_case[t]), psince)
                if t - ref >= q_days:
                    lv, sn = prev - 1, t
                    reasons[t] = (
                        f"{static_reason(t)}; {q_days} days without a new {word} case at "
                        f"{LEVEL_NAMES[prev]}, one step down: {LEVEL_NAMES[lv]}"
                    )
                else:
                    lv, sn = prev, psince
                    reasons[t] = (
                        f"{static_reason(t)}; held at {LEVEL_NAMES[lv]}: a level falls one step "
                        f"only after {q_days} days without a new {word} case "
                        f"({t - ref} so far): {LEVEL_NAMES[lv]}"
                    )
        level[t], since[t] = lv, sn
        if lv > 0:
            ref = max(int(last_case[t]), sn)
            nxt = max(ref + q_days, int(last_case[t]) + w, t + 1)
            nd[t] = _day(s.dates, nxt)
            el[t] = _day(s.dates, nxt + q_days * (lv - 1))
    indicators = {
        "cases_window": win,
        "cases_cumulative": cum,
        "cases_cumulative_flows": flow_cum,
        "not_counted_window": nc_win,
        "cluster": cl_win,
        "last_case": _dates_at(s.dates, last_case),
    }
    return EngineOutput(level, reasons, nd, el, indicators)


def run_infection_residence(
    s: UnitSeries, rules: RuleSet, init: tuple[int, int] | None = None
) -> EngineOutput:
    """China 2022 (edition 9): high where infections are; 7 quiet days + negative round, then 3."""
    sd = rules.params["stepdown"]
    hq, tday, late, mq = (
        sd["high_quiet_days"],
        sd["testing_day"],
        sd["allow_late_testing_round"],
        sd["medium_quiet_days"],
    )
    c = s.cases
    n = len(c)
    last_inf = last_index(c > 0)
    all_neg = np.nan_to_num(s.tested, nan=0) > 0
    all_neg &= np.nan_to_num(s.positive, nan=1) == 0
    level = np.full(n, -1, dtype=np.int8)
    since = np.full(n, -1, dtype=np.int64)
    reasons = [""] * n
    nd = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    el = nd.copy()
    first = init[0] if init else 0
    need = max(hq, tday)

    def infections(t: int) -> str:
        parts = [f"{int(v[t])} {m.removesuffix('_new')}" for m, v in s.breakdown.items() if v[t]]
        return f"{int(c[t])} new infections" + (f" ({', '.join(parts)})" if parts else "")

    for t in range(first, n):
        if init and t == first:
            lv, sn = init[1], t
            reasons[t] = f"as given on {_date(s.dates, t)}: {LEVEL_NAMES[lv]}"
        elif c[t] > 0:
            lv, sn = 2, t
            reasons[t] = f"{infections(t)}, where infections live: high"
        elif t == first:
            lv, sn = 0, t
            reasons[t] = "no new infections: low"
        else:
            prev, psince = int(level[t - 1]), int(since[t - 1])
            lv, sn = prev, psince
            if prev == 2:
                q = t - max(int(last_inf[t]), psince)
                round_ok = bool(all_neg[t]) and (q == tday or (late and q > tday))
                if q >= hq and round_ok:
                    lv, sn = 1, t
                    reasons[t] = (
                        f"{q} days without a new infection and an all-negative testing round "
                        f"({int(s.tested[t]):,} tested) on day {q}: medium"
                    )
                elif q >= need:
                    reasons[t] = (
                        f"{q} days without a new infection but no all-negative testing round on "
                        f"day {tday}{' or later' if late else ''} recorded: high"
                    )
                else:
                    reasons[t] = f"{q} of {hq} days without a new infection: high"
            elif prev == 1:
                q = t - psince
                if q >= mq:
                    lv, sn = 0, t
                    reasons[t] = f"{mq} more days without a new infection after medium: low"
                else:
                    reasons[t] = f"{q} of {mq} days at medium without a new infection: medium"
            else:
                last = int(last_inf[t])
                reasons[t] = (
                    "no new infections"
                    + (f" since {_date(s.dates, last)}" if last >= 0 else "")
                    + ": low"
                )
        level[t], since[t] = lv, sn
        if lv == 2:
            ref = max(int(last_inf[t]), sn)
            q = t - ref
            if q <= tday or late:
                nxt = max(ref + need, t + 1)
                nd[t] = _day(s.dates, nxt)
                el[t] = _day(s.dates, nxt + mq)
        elif lv == 1:
            nd[t] = el[t] = _day(s.dates, max(sn + mq, t + 1))
    indicators = {
        "cases_window": c.astype(np.int64),
        "last_case": _dates_at(s.dates, last_inf),
        "all_negative_round": all_neg,
    }
    return EngineOutput(level, reasons, nd, el, indicators)


def _matches(crit: dict[str, Any], values: dict[str, np.ndarray]) -> np.ndarray:
    mask = np.ones(len(values["rate14"]), dtype=bool)
    for ind in INDICATORS:
        bounds = crit.get(ind)
        if not bounds:
            continue
        v = values[ind]
        with np.errstate(invalid="ignore"):
            if "min" in bounds:
                mask &= v >= bounds["min"]
            if "above" in bounds:
                mask &= v > bounds["above"]
            if "max" in bounds:
                mask &= v <= bounds["max"]
            if "below" in bounds:
                mask &= v < bounds["below"]
    return mask


def run_incidence_threshold(
    s: UnitSeries, rules: RuleSet, init: tuple[int, int] | None = None
) -> EngineOutput:
    """ECDC-style combined indicator: rates per 100,000 and positivity; no waiting period."""
    ind = rules.params["indicators"]
    per, pw = ind["per_population"], ind["positivity_window_days"]
    grey_max = rules.params["insufficient"]["testing_rate_max"]
    c = s.cases
    n = len(c)
    c7, c14 = rolling_sum(c, 7), rolling_sum(c, 14)
    pop = s.population
    with np.errstate(invalid="ignore", divide="ignore"):
        rate7 = np.where(c7 == 0, 0.0, c7 / pop * per)
        rate14 = np.where(c14 == 0, 0.0, c14 / pop * per)
        tests = rolling_sum(np.nan_to_num(s.tested, nan=0), pw)
        known = rolling_sum(~np.isnan(s.tested), pw) > 0
        pos = rolling_sum(np.nan_to_num(s.positive, nan=0), pw)
        # a testing day with unknown positives leaves the window's positivity unknown
        pos_unknown = (
            rolling_sum(np.isnan(s.positive) & (np.nan_to_num(s.tested, nan=0) > 0), pw) > 0
        )
        positivity = np.where(known & (tests > 0) & ~pos_unknown, pos / tests, np.nan)
        testing_rate = np.where(known, tests / pop * per, np.nan)
    values = {
        "rate7": rate7,
        "rate14": rate14,
        "positivity": positivity,
        "testing_rate": testing_rate,
    }
    level = np.full(n, -1, dtype=np.int8)
    label = np.full(n, "", dtype=object)
    grey = ~(testing_rate > grey_max) | np.isnan(positivity) | np.isnan(rate14)
    for crit in rules.params["criteria"]:
        m = _matches(crit, values) & (level < 0) & ~grey
        level[m] = LEVEL_NAMES.index(crit["level"])
        label[m] = crit["label"]
    reasons = []
    nd = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    for t in range(n):
        head = (
            f"{int(c14[t])} cases in 14 days = {rate14[t]:.1f} per {per:,}, "
            f"{rate7[t]:.1f} in 7 days"
        )
        if np.isnan(rate14[t]):
            reasons.append(
                f"{int(c14[t])} cases in 14 days but population unknown: no rate, no level"
            )
            continue
        if np.isnan(positivity[t]):
            reasons.append(
                f"{head}; no test positivity for the last {pw} days: insufficient data, no level"
            )
            continue
        test_part = (
            f"positivity {positivity[t]:.1%}, {testing_rate[t]:.0f} tests per {per:,} in {pw} days"
        )
        if grey[t]:
            reasons.append(
                f"{head}; {test_part} (at most {grey_max:g}): insufficient data, no level"
            )
        elif level[t] < 0:
            reasons.append(f"{head}; {test_part}: no criterion matched, no level")
        else:
            reasons.append(f"{head}; {test_part}: {label[t]}: {LEVEL_NAMES[level[t]]}")
            if level[t] > 0:
                # no waiting period: the level falls as soon as the indicators do
                nd[t] = _day(s.dates, t + 1)
    indicators = {
        "cases_window": c14.astype(np.int64),
        "rate7": rate7,
        "rate14": rate14,
        "positivity": positivity,
        "testing_rate": testing_rate,
    }
    return EngineOutput(level, reasons, nd, nd.copy(), indicators)


ENGINE_FUNCS: Final = {
    "cumulative_cluster": run_cumulative_cluster,
    "infection_residence": run_infection_residence,
    "incidence_threshold": run_incidence_threshold,
}


def run_engine(s: UnitSeries, rules: RuleSet, init: tuple[int, int] | None = None) -> EngineOutput:
    """Run the engine ``rules`` names over one unit's series."""
    return ENGINE_FUNCS[rules.engine](s, rules, init)


def min_stepdown_days(rules: RuleSet, from_rank: int, to_rank: int) -> int | None:
    """Fewest days the rule text allows between entering ``from_rank`` and reaching ``to_rank``.

    ``None`` where the rule has no waiting period (incidence thresholds).
    """
    if to_rank >= from_rank:
        return 0
    if rules.engine == "cumulative_cluster":
        return int(rules.params["stepdown"]["quiet_days"]) * (from_rank - to_rank)
    if rules.engine == "infection_residence":
        sd = rules.params["stepdown"]
        steps = {2: max(sd["high_quiet_days"], sd["testing_day"]), 1: sd["medium_quiet_days"]}
        days: int = sum(steps[r] for r in range(from_rank, to_rank, -1))
        return days
    return None
