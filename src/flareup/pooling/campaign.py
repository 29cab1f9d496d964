"""Mass-testing campaign plans: who is swabbed when, which tubes the labs run, when results are out.

A deterministic, hour-by-hour flow model aggregated to days (pure: frames in, frames out):

- Sampling: ``teams * swabs_per_team_hour`` people an hour during a daily window of
  ``hours_per_day`` hours from ``day_start_hour`` (local clock), from ``start`` on. Teams are split
  over areas in proportion to population (``allocation="proportional"``, every area finishes
  together) or work through the areas one after another (``"sequential"``, in ``order``).
  People are whole numbers and each is sampled exactly once.
- Pooling: an area's swabs go ``pool_size`` to a tube (the last tube of an area may hold fewer);
  a tube reaches the laboratory queue at the end of the hour it is closed.
- Laboratory: runs 24 hours a day, at most ``lab_tubes_per_day`` tests a calendar day (a number or
  a schedule of (from, tubes per day) steps; the day's capacity is spread evenly over its hours
  and rounded down, so no day ever runs more than its capacity). First-in first-out, retests first.
  A test run in hour h gives its result ``turnaround_hours`` later.
- Retests (Dorfman 1943): every member of a positive pool is tested alone; the expected number of
  positive pools comes from :class:`~flareup.pooling.designs.DorfmanDesign` (prevalence,
  sensitivity with dilution, specificity), so expected retests, positives found and missed are
  expectations (fractional), while people and first-round tubes are whole numbers.

References: the Kashgar campaign figures (4,746,500 people, 5 swabs a tube, 392,000 tubes a day,
4,110 teams) are in the bundled example's SOURCE.md; the design formulas in ``designs``.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.pooling.designs import DEFAULT_MAX_POOL, DorfmanDesign, optimal_pool_size
from flareup.pooling.dilution import (
    DilutionModel,
    check_probability,
    pool_sensitivity,
    warn_if_unvalidated,
)

#: Columns of :attr:`CampaignPlan.daily`.
DAILY_COLUMNS: tuple[str, ...] = (
    "date",
    "people_sampled",
    "people_sampled_cum",
    "tubes_collected",
    "pool_tests_run",
    "retests_run",
    "tests_run",
    "lab_capacity",
    "backlog_tests",
    "results_out",
    "results_out_cum",
    "positives_sampled",
    "positives_found",
    "positives_missed",
    "false_positives",
)

LabCapacity = float | Sequence[tuple[datetime | str | None, float]]
Teams = int | Sequence[tuple[datetime | str | None, int]]


@dataclass
class CampaignPlan:
    """A campaign plan: ``daily`` (one row per calendar day), ``hourly`` (per hour and area),
    ``summary`` (completion times and totals) and the ``params`` that made it."""

    daily: pd.DataFrame
    hourly: pd.DataFrame
    summary: dict[str, Any]
    params: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The day-by-day plan (what the registry stores and the CLI exports)."""
        return self.daily.copy()

    def plot(self, progress: pd.DataFrame | None = None, *, name: str = "plan") -> Any:
        """Altair chart of cumulative people sampled and with a result over time, with the
        reported ``progress`` (``timestamp``, ``people_sampled``, ``results_out``) as points
        (:func:`flareup.charts.testing.campaign_chart`). Renders in Jupyter."""
        from flareup.charts.testing import campaign_chart, campaign_curves

        people = int(self.summary.get("population", 0)) or None
        return campaign_chart(campaign_curves({name: self}, progress), people=people)

    def cumulative_at(
        self, when: datetime | str, areas: Sequence[str] | None = None
    ) -> tuple[int, float]:
        """(people sampled, people with a final result) by time ``when``, for ``areas`` or all."""
        t = pd.Timestamp(when)
        h = self.hourly
        if areas is not None:
            h = h[h["area"].isin(list(areas))]
        upto = h[h["time_end"] <= t]
        return int(upto["people_sampled"].sum()), float(upto["results_out"].sum())


def _parse_time(value: datetime | str, name: str) -> pd.Timestamp:
    try:
        t = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise InputError(
            f"{name} must be a date-time (e.g. 2020-10-24T14:00), got {value!r}", field=name
        ) from None
    if pd.isna(t):
        raise InputError(f"{name} is missing", field=name)
    return t.tz_localize(None) if t.tzinfo is not None else t


def _positive(x: float, name: str, *, integer: bool = False) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a positive number, got {x!r}", field=name) from None
    if not math.isfinite(v) or v <= 0:
        raise InputError(f"{name} must be positive, got {x!r}", field=name)
    if integer and v != int(v):
        raise InputError(f"{name} must be a whole number, got {x!r}", field=name)
    return v


def _check_areas(areas: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(areas, pd.DataFrame) or "population" not in areas.columns:
        raise InputError("areas need a 'population' column", field="population")
    if "code" not in areas.columns:
        raise InputError("areas need a 'code' column", field="code")
    if areas.empty:
        raise InputError("no areas to plan", field="areas")
    out = areas[["code", "population"]].copy()
    out["code"] = out["code"].astype(str)
    dup = out["code"][out["code"].duplicated()]
    if not dup.empty:
        raise InputError(f"area {dup.iloc[0]} is listed twice", field="code")
    pops = []
    for i, (code, pop) in enumerate(zip(out["code"], areas["population"], strict=True), start=1):
        if pop is None or pd.isna(pop):
            raise InputError(f"area {code} has no population", row=i, field="population")
        v = float(pop)
        if v < 0 or v != int(v):
            raise InputError(
                f"area {code} has population {pop!r}; need a whole number >= 0",
                row=i,
                field="population",
            )
        pops.append(int(v))
    out["population"] = np.asarray(pops, dtype=np.int64)
    if out["population"].sum() == 0:
        raise InputError("the areas hold no people", field="population")
    return out.reset_index(drop=True)


def _order(areas: pd.DataFrame, order: str | Sequence[str]) -> pd.DataFrame:
    if isinstance(order, str):
        if order == "given":
            return areas
        if order in ("largest_first", "smallest_first"):
            return areas.sort_values(
                "population", ascending=order == "smallest_first", kind="stable"
            ).reset_index(drop=True)
        raise InputError(
            f"order must be 'given', 'largest_first', 'smallest_first' or a list of "
            f"area codes, got {order!r}",
            field="order",
        )
    codes = [str(c) for c in order]
    if sorted(codes) != sorted(areas["code"]):
        missing = set(areas["code"]) ^ set(codes)
        raise InputError(
            f"order must list every area exactly once (check {sorted(missing)})", field="order"
        )
    return areas.set_index("code").loc[codes].reset_index()


def _steps(
    value: Any, name: str, *, integer: bool = False
) -> list[tuple[pd.Timestamp | None, float]]:
    """A number, or (from, value) steps (``from`` None = from the start), sorted by time."""
    if isinstance(value, int | float | np.integer | np.floating):
        return [(None, _positive(float(value), name, integer=integer))]
    steps: list[tuple[pd.Timestamp | None, float]] = []
    for i, item in enumerate(value):
        try:
            when, rate = item
        except (TypeError, ValueError):
            raise InputError(
                f"{name} steps must be (from, value) pairs", row=i + 1, field=name
            ) from None
        steps.append(
            (
                None if when is None else _parse_time(when, name),
                _positive(rate, name, integer=integer),
            )
        )
    if not steps:
        raise InputError(f"{name} is empty", field=name)
    return sorted(steps, key=lambda s: (s[0] is not None, s[0] or pd.Timestamp.min))


def _capacity_steps(lab: LabCapacity) -> list[tuple[pd.Timestamp | None, float]]:
    return _steps(lab, "lab_tubes_per_day")


def _rate_at(steps: list[tuple[pd.Timestamp | None, float]], t: pd.Timestamp) -> float:
    rate = steps[0][1] if steps[0][0] is None or steps[0][0] <= t else 0.0
    for when, r in steps:
        if when is None or when <= t:
            rate = r
    return rate


def plan_campaign(
    areas: pd.DataFrame,
    *,
    start: datetime | str,
    teams: Teams,
    swabs_per_team_hour: float,
    lab_tubes_per_day: LabCapacity,
    hours_per_day: int = 14,
    day_start_hour: int = 8,
    turnaround_hours: int = 6,
    pool_size: int | None = None,
    prevalence: float | None = None,
    sensitivity: float = 1.0,
    specificity: float = 1.0,
    dilution: DilutionModel | None = None,
    retest: bool = True,
    order: str | Sequence[str] = "given",
    allocation: str = "proportional",
    max_pool: int = DEFAULT_MAX_POOL,
    max_days: int = 366,
) -> CampaignPlan:
    """Plan a mass-testing campaign hour by hour; return it with a day-by-day table.

    ``areas``: frame with ``code`` and ``population``. ``pool_size`` fixed, or chosen as the
    optimal Dorfman pool for ``prevalence`` (then ``prevalence`` is required; refused above the
    break-even prevalence). ``prevalence`` defaults to 0 with a fixed pool (no expected
    positives). ``retest=False`` reports positive pools without resolving them (found counts
    positives in positive pools). Invariants (tested): every person sampled exactly once; no
    calendar day runs more tests than its lab capacity. Errors name the parameter or area.
    """
    table = _order(_check_areas(areas), order)
    t0 = _parse_time(start, "start")
    team_steps = _steps(teams, "teams", integer=True)
    rate = _positive(swabs_per_team_hour, "swabs_per_team_hour")
    hours_per_day = int(_positive(hours_per_day, "hours_per_day", integer=True))
    if hours_per_day > 24:
        raise InputError(
            f"hours_per_day must be at most 24, got {hours_per_day}", field="hours_per_day"
        )
    if not (isinstance(day_start_hour, int) and 0 <= day_start_hour <= 23):
        raise InputError(
            f"day_start_hour must be an hour 0-23, got {day_start_hour!r}", field="day_start_hour"
        )
    turnaround = int(_positive(turnaround_hours, "turnaround_hours", integer=True))
    steps = _capacity_steps(lab_tubes_per_day)
    if allocation not in ("proportional", "sequential"):
        raise InputError(
            f"allocation must be 'proportional' or 'sequential', got {allocation!r}",
            field="allocation",
        )
    chosen_by_prevalence = pool_size is None
    if pool_size is None:
        if prevalence is None:
            raise InputError("give a pool size or a prevalence to choose one", field="pool_size")
        pool_size = optimal_pool_size(
            prevalence, se=sensitivity, sp=specificity, dilution=dilution, max_pool=max_pool
        )
    p = 0.0 if prevalence is None else check_probability(prevalence, "prevalence")
    if isinstance(pool_size, bool) or not isinstance(pool_size, int | np.integer) or pool_size < 1:
        raise InputError(
            f"pool_size must be a whole number >= 1, got {pool_size!r}", field="pool_size"
        )
    k = int(pool_size)
    check_probability(sensitivity, "sensitivity", allow_zero=False)
    check_probability(specificity, "specificity", allow_zero=False)
    unvalidated = warn_if_unvalidated(k)
    if k > 1 and prevalence is not None:
        DorfmanDesign(k, sensitivity, specificity, dilution).check_pays(p)
    per_tube = {
        m: _tube_expectations(m, k, p, sensitivity, specificity, dilution, retest)
        for m in range(1, k + 1)
    }
    se_1 = sensitivity  # individual retests are undiluted
    sp = specificity

    codes = list(table["code"])
    pops = table["population"].to_numpy(dtype=np.int64)
    n_areas = len(codes)
    total = int(pops.sum())
    share = pops / total

    sampled = np.zeros(n_areas, dtype=np.int64)  # cumulative people per area
    tubes_made = np.zeros(n_areas, dtype=np.int64)  # cumulative tubes closed per area
    queue: deque[list[int]] = deque()  # [area, tubes, people per tube]
    retest_queue: deque[list[float]] = deque()  # [area, tests, positives, negatives]
    # slot -> result events (area, kind, amounts...) due at the end of that hour
    pending: dict[int, list[tuple[Any, ...]]] = {}
    rows: list[dict[str, Any]] = []
    area_rows: list[dict[str, Any]] = []
    team_hours = 0.0
    day_cap_cum: dict[pd.Timestamp, float] = {}
    last_sample_slot = last_result_slot = -1
    max_slots = max_days * 24

    slot = 0
    while True:
        t = t0 + timedelta(hours=slot)
        day = t.normalize()
        # ---- laboratory: runs what arrived in earlier hours, retests first ----------------
        before = day_cap_cum.get(day, 0.0)
        day_cap_cum[day] = before + _rate_at(steps, t) / 24.0
        # rounding the day's running total down keeps each calendar day within capacity
        cap = math.floor(day_cap_cum[day] + 1e-9) - math.floor(before + 1e-9)
        retests_run = 0.0
        while retest_queue and cap - retests_run > 1e-9:
            item = retest_queue[0]
            take = min(item[1], cap - retests_run)
            frac = take / item[1]
            retests_run += take
            pending.setdefault(slot + turnaround - 1, []).append(
                (int(item[0]), "retest", take, item[2] * frac, item[3] * frac)
            )
            item[1] -= take
            item[2] -= item[2] * frac
            item[3] -= item[3] * frac
            if item[1] <= 1e-9:
                retest_queue.popleft()
        room = math.floor(cap - retests_run + 1e-9)
        pool_run = 0
        while queue and room > 0:
            tube = queue[0]
            take = min(tube[1], room)
            pool_run += take
            room -= take
            pending.setdefault(slot + turnaround - 1, []).append((tube[0], "pool", take, tube[2]))
            tube[1] -= take
            if tube[1] == 0:
                queue.popleft()
        # ---- sampling ---------------------------------------------------------------------
        new_people = np.zeros(n_areas, dtype=np.int64)
        if sampled.sum() < total and (t.hour - day_start_hour) % 24 < hours_per_day:
            team_hours += _rate_at(team_steps, t)
            cum_total = min(float(total), rate * team_hours)
            if cum_total >= total:
                target = pops.copy()
            elif allocation == "proportional":
                target = np.minimum(pops, np.floor(share * cum_total + 1e-9).astype(np.int64))
            else:
                left = math.floor(cum_total + 1e-9)
                target = np.clip(left - (np.cumsum(pops) - pops), 0, pops)
            new_people = np.maximum(target - sampled, 0)
            sampled += new_people
            if new_people.any():
                last_sample_slot = slot
        # tubes closed this hour (an area's last, partial tube closes when the area is done)
        closed = np.where(sampled >= pops, -(-sampled // k), sampled // k)
        new_tubes = closed - tubes_made
        for a in np.nonzero(new_tubes)[0]:
            people_in = int(min(sampled[a], closed[a] * k) - tubes_made[a] * k)
            full = people_in // k
            if full:
                queue.append([int(a), int(full), k])
            if people_in - full * k:
                queue.append([int(a), 1, people_in - full * k])
        tubes_made = closed
        # ---- results due at the end of this hour ------------------------------------------
        res = np.zeros((4, n_areas))  # results_out, found, missed, false positives
        for ev in pending.pop(slot, []):
            last_result_slot = slot
            a = ev[0]
            if ev[1] == "retest":
                _, _, tests, pos, neg = ev
                res[:, a] += (tests, pos * se_1, pos * (1 - se_1), neg * (1 - sp))
                continue
            _, _, n_tubes, m = ev
            e = per_tube[m]
            res[:, a] += (
                n_tubes * e["final_now"],
                n_tubes * e["found_now"],
                n_tubes * e["missed_now"],
                n_tubes * e["false_pos_now"],
            )
            if e["retests"] > 0:
                retest_queue.append(
                    [
                        float(a),
                        n_tubes * e["retests"],
                        n_tubes * e["retest_pos"],
                        n_tubes * e["retest_neg"],
                    ]
                )
        # ---- record -----------------------------------------------------------------------
        rows.append(
            {
                "time": t,
                "people_sampled": int(new_people.sum()),
                "tubes_collected": int(new_tubes.sum()),
                "pool_tests_run": pool_run,
                "retests_run": retests_run,
                "lab_capacity": cap,
                "backlog_tests": float(
                    sum(it[1] for it in queue) + sum(it[1] for it in retest_queue)
                ),
            }
        )
        for a in np.nonzero(new_people + (res.sum(axis=0) > 0))[0]:
            area_rows.append(
                {
                    "time": t,
                    "time_end": t + timedelta(hours=1),
                    "area": codes[a],
                    "people_sampled": int(new_people[a]),
                    "results_out": res[0, a],
                    "positives_sampled": float(new_people[a]) * p,
                    "positives_found": res[1, a],
                    "positives_missed": res[2, a],
                    "false_positives": res[3, a],
                }
            )
        if sampled.sum() >= total and not queue and not retest_queue and not pending:
            break
        slot += 1
        if slot >= max_slots:
            if sampled.sum() < total:
                raise InputError(
                    f"sampling would take more than {max_days} days "
                    f"({int(sampled.sum()):,} of {total:,} people); raise teams, swabs per team "
                    "hour or hours per day",
                    field="swabs_per_team_hour",
                )
            raise InputError(
                f"the laboratories would take more than {max_days} days; raise their capacity",
                field="lab_tubes_per_day",
            )

    summary = {
        "pool_size": k,
        "pool_size_chosen_by_prevalence": chosen_by_prevalence,
        "unvalidated_pool_size": unvalidated,
        "prevalence": p,
        "population": total,
        "areas": n_areas,
        "tubes_first_round": int(tubes_made.sum()),
        "procedure_sensitivity": per_tube[k]["sensitivity"],
    }
    params = {
        "start": t0.isoformat(),
        "teams": [[None if w is None else w.isoformat(), int(n)] for w, n in team_steps],
        "swabs_per_team_hour": rate,
        "hours_per_day": hours_per_day,
        "day_start_hour": day_start_hour,
        "lab_tubes_per_day": [[None if w is None else w.isoformat(), r] for w, r in steps],
        "turnaround_hours": turnaround,
        "pool_size": k,
        "prevalence": prevalence,
        "sensitivity": sensitivity,
        "specificity": specificity,
        # numbers, not the model's repr text: {"ct": {"means": [...], ...}, "limit": 35, ...}
        "dilution": None if dilution is None else dataclasses.asdict(dilution),
        "retest": retest,
        "order": order if isinstance(order, str) else list(order),
        "allocation": allocation,
        "areas": codes,
    }
    return _assemble(rows, area_rows, t0, last_sample_slot, last_result_slot, summary, params)


def _tube_expectations(
    m: int, k: int, p: float, se: float, sp: float, dilution: DilutionModel | None, retest: bool
) -> dict[str, float]:
    """Expected outcomes of one tube of ``m`` people (Dorfman 1943; Litvak et al. 1994).

    A tube of m positives-or-not is positive with P = Se_m (1 - q^m) + (1 - Sp) q^m; a positive
    member's pool is positive with Se_m; a negative member's with Se_m (1 - q^(m-1)) +
    (1 - Sp) q^(m-1). With retesting, every member of a positive pool gets an individual test.
    """
    q = 1.0 - p
    se_m = pool_sensitivity(m, se, dilution)
    if m == 1 and k == 1:  # individual testing: one final test
        return {
            "final_now": 1.0,
            "found_now": p * se,
            "missed_now": p * (1 - se),
            "false_pos_now": q * (1 - sp),
            "retests": 0.0,
            "retest_pos": 0.0,
            "retest_neg": 0.0,
            "sensitivity": se,
        }
    pos_in_pos = m * p * se_m
    neg_in_pos = m * q * (se_m * (1 - q ** (m - 1)) + (1 - sp) * q ** (m - 1))
    people_in_pos = pos_in_pos + neg_in_pos  # = m * P(pool tests positive)
    if retest:
        return {
            "final_now": m - people_in_pos,
            "found_now": 0.0,
            "missed_now": m * p * (1 - se_m),
            "false_pos_now": 0.0,
            "retests": people_in_pos,
            "retest_pos": pos_in_pos,
            "retest_neg": neg_in_pos,
            "sensitivity": se_m * se,
        }
    return {
        "final_now": float(m),
        "found_now": pos_in_pos,
        "missed_now": m * p * (1 - se_m),
        "false_pos_now": neg_in_pos,
        "retests": 0.0,
        "retest_pos": 0.0,
        "retest_neg": 0.0,
        "sensitivity": se_m,
    }


def _assemble(
    rows: list[dict[str, Any]],
    area_rows: list[dict[str, Any]],
    t0: pd.Timestamp,
    last_sample_slot: int,
    last_result_slot: int,
    summary: dict[str, Any],
    params: dict[str, Any],
) -> CampaignPlan:
    slots = pd.DataFrame(rows)
    hourly = pd.DataFrame(
        area_rows,
        columns=[
            "time",
            "time_end",
            "area",
            "people_sampled",
            "results_out",
            "positives_sampled",
            "positives_found",
            "positives_missed",
            "false_positives",
        ],
    )
    slots["date"] = slots["time"].dt.normalize()
    lab = slots.groupby("date", sort=True).agg(
        people_sampled=("people_sampled", "sum"),
        tubes_collected=("tubes_collected", "sum"),
        pool_tests_run=("pool_tests_run", "sum"),
        retests_run=("retests_run", "sum"),
        lab_capacity=("lab_capacity", "sum"),
        backlog_tests=("backlog_tests", "last"),
    )
    hourly["date"] = hourly["time"].dt.normalize()
    res = hourly.groupby("date").agg(
        results_out=("results_out", "sum"),
        positives_sampled=("positives_sampled", "sum"),
        positives_found=("positives_found", "sum"),
        positives_missed=("positives_missed", "sum"),
        false_positives=("false_positives", "sum"),
    )
    daily = lab.join(res, how="left").fillna(0.0).reset_index()
    daily["tests_run"] = daily["pool_tests_run"] + daily["retests_run"]
    daily["people_sampled_cum"] = daily["people_sampled"].cumsum()
    daily["results_out_cum"] = daily["results_out"].cumsum()
    daily = daily[list(DAILY_COLUMNS)]
    hourly = hourly.drop(columns="date")
    summary = dict(summary)
    summary.update(
        {
            "start": t0,
            "sampling_complete": t0 + timedelta(hours=last_sample_slot + 1),
            "results_complete": t0 + timedelta(hours=max(last_result_slot, last_sample_slot) + 1),
            "people_sampled": int(daily["people_sampled"].sum()),
            "pool_tests": int(daily["pool_tests_run"].sum()),
            "retests": float(daily["retests_run"].sum()),
            "tests": float(daily["tests_run"].sum()),
            "positives_expected": float(daily["positives_sampled"].sum()),
            "positives_found": float(daily["positives_found"].sum()),
            "positives_missed": float(daily["positives_missed"].sum()),
            "false_positives": float(daily["false_positives"].sum()),
        }
    )
    summary["hours_to_sample"] = (summary["sampling_complete"] - t0) / pd.Timedelta(hours=1)
    summary["hours_to_results"] = (summary["results_complete"] - t0) / pd.Timedelta(hours=1)
    return CampaignPlan(daily=daily, hourly=hourly, summary=summary, params=params)


def _team_hours(
    start: pd.Timestamp,
    until: pd.Timestamp,
    hours_per_day: int,
    day_start_hour: int,
    team_steps: list[tuple[pd.Timestamp | None, float]],
) -> float:
    """Team-hours of sampling from ``start`` in whole hours that end by ``until``."""
    n, t = 0.0, start
    while t + timedelta(hours=1) <= until:
        if (t.hour - day_start_hour) % 24 < hours_per_day:
            n += _rate_at(team_steps, t)
        t += timedelta(hours=1)
    return n


def derive_swabs_per_team_hour(
    progress: pd.DataFrame,
    *,
    start: datetime | str,
    teams: Teams,
    population: int | None = None,
    hours_per_day: int = 14,
    day_start_hour: int = 8,
) -> float:
    """Least-squares sampling rate (swabs per team per hour) through reported progress points.

    Fits cumulative sampled = x * W(t), W the team-hours of sampling since ``start`` (teams a
    number or (from, teams) steps), through the origin: x = sum(y W) / sum(W^2), over points
    with ``people_sampled`` and, when ``population`` is given, below it (a finished count says
    only "done by then"). ``progress``: frame with ``timestamp`` and ``people_sampled``.
    """
    t0 = _parse_time(start, "start")
    team_steps = _steps(teams, "teams", integer=True)
    if "timestamp" not in progress.columns or "people_sampled" not in progress.columns:
        raise InputError(
            "progress needs 'timestamp' and 'people_sampled' columns", field="people_sampled"
        )
    pts = progress.dropna(subset=["people_sampled"])
    if population is not None:
        pts = pts[pts["people_sampled"].astype(float) < population]
    ws, ys = [], []
    for ts, y in zip(pts["timestamp"], pts["people_sampled"], strict=True):
        w = _team_hours(t0, pd.Timestamp(ts), hours_per_day, day_start_hour, team_steps)
        if w > 0:
            ws.append(w)
            ys.append(float(y))
    if not ws:
        raise InputError(
            "no progress point with people sampled after the start", field="people_sampled"
        )
    w_arr, y_arr = np.asarray(ws, float), np.asarray(ys, float)
    return float((y_arr * w_arr).sum() / (w_arr**2).sum())


def compare_with_progress(
    plan: CampaignPlan, progress: pd.DataFrame, *, total_area: str | None = None
) -> pd.DataFrame:
    """The plan beside reported progress: one row per reported (timestamp, area).

    A reported area that is one of the plan's areas is compared with that area; ``total_area``
    (the parent the campaign covers, e.g. the prefecture) with the plan's total; other areas are
    left out (the plan says nothing about them). Columns: timestamp, area, scope ('area' or
    'all'), people_targeted, reported_sampled, plan_sampled, reported_results_out,
    plan_results_out, sampled_diff, results_diff (plan minus reported).
    """
    need = {"timestamp", "area"}
    if not need <= set(progress.columns):
        raise InputError("progress needs 'timestamp' and 'area' columns", field="timestamp")
    plan_areas = {str(a) for a in plan.params.get("areas", [])} | set(plan.hourly["area"])
    rows = []
    for rec in progress.sort_values("timestamp", kind="stable").to_dict("records"):
        area = str(rec["area"])
        if area in plan_areas:
            scope, which = "area", [area]
        elif total_area is not None and area == str(total_area):
            scope, which = "all", None
        else:
            continue
        sampled, results = plan.cumulative_at(rec["timestamp"], which)
        rep_s, rep_r = _opt_int(rec.get("people_sampled")), _opt_int(rec.get("results_out"))
        rows.append(
            {
                "timestamp": pd.Timestamp(rec["timestamp"]),
                "area": area,
                "scope": scope,
                "people_targeted": _opt_int(rec.get("people_targeted")),
                "reported_sampled": rep_s,
                "plan_sampled": sampled,
                "reported_results_out": rep_r,
                "plan_results_out": round(results),
                "sampled_diff": None if rep_s is None else sampled - rep_s,
                "results_diff": None if rep_r is None else round(results) - rep_r,
            }
        )
    cols = [
        "timestamp",
        "area",
        "scope",
        "people_targeted",
        "reported_sampled",
        "plan_sampled",
        "reported_results_out",
        "plan_results_out",
        "sampled_diff",
        "results_diff",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for c in (
        "people_targeted",
        "reported_sampled",
        "reported_results_out",
        "sampled_diff",
        "results_diff",
        "plan_sampled",
        "plan_results_out",
    ):
        out[c] = out[c].astype("Int64")
    return out


def implied_lab_throughput(progress: pd.DataFrame, *, pool_size: int) -> pd.DataFrame:
    """Tubes a day the laboratories must have run between consecutive reports of results out.

    (results_out[i] - results_out[i-1]) / pool_size / hours between * 24, per area: a check of
    reported progress against the stated laboratory capacity. Columns: area, from, to,
    results_out, tubes_per_day.
    """
    k = int(_positive(pool_size, "pool_size", integer=True))
    rows = []
    df = progress.dropna(subset=["results_out"]).sort_values("timestamp", kind="stable")
    for area, g in df.groupby(df["area"].astype(str), sort=False):
        prev_t, prev_r = None, None
        for ts, r in zip(g["timestamp"], g["results_out"].astype(float), strict=True):
            ts = pd.Timestamp(ts)
            if prev_t is not None and ts > prev_t and prev_r is not None:
                hours = (ts - prev_t) / pd.Timedelta(hours=1)
                rows.append(
                    {
                        "area": area,
                        "from": prev_t,
                        "to": ts,
                        "results_out": int(r),
                        "tubes_per_day": (r - prev_r) / k / hours * 24.0,
                    }
                )
            prev_t, prev_r = ts, r
    return pd.DataFrame(rows, columns=["area", "from", "to", "results_out", "tubes_per_day"])


def _opt_int(x: Any) -> int | None:
    return None if x is None or pd.isna(x) else int(x)
