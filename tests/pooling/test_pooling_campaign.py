"""Campaign plans: invariants (hypothesis), consistency with Dorfman's formula, the Kashgar case."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flareup.errors import InputError
from flareup.pooling import (
    DorfmanDesign,
    UnvalidatedPoolSizeWarning,
    compare_with_progress,
    derive_swabs_per_team_hour,
    implied_lab_throughput,
    plan_campaign,
)


def _areas(*pops: int) -> pd.DataFrame:
    return pd.DataFrame({"code": [f"A{i}" for i in range(len(pops))], "population": list(pops)})


BASE = dict(
    start="2021-03-01T09:30",
    teams=3,
    swabs_per_team_hour=40.0,
    lab_tubes_per_day=500,
    turnaround_hours=5,
)


def test_plan_totals_match_dorfman_formula() -> None:
    # 10,000 people in pools of 5 (no partial tube): 2,000 pool tests and 10,000 * P(pool+)
    # expected retests, where 1/k + P(pool+) = Dorfman's tests per person.
    p, k = 0.02, 5
    plan = plan_campaign(
        _areas(6000, 4000), pool_size=k, prevalence=p, sensitivity=0.95, specificity=0.99, **BASE
    )
    s = plan.summary
    d = DorfmanDesign(k, 0.95, 0.99)
    assert s["pool_tests"] == 2000
    assert s["tests"] == pytest.approx(10_000 * d.tests_per_person(p), rel=1e-9)
    assert s["positives_expected"] == pytest.approx(200)
    assert s["positives_found"] == pytest.approx(200 * d.sensitivity(p), rel=1e-9)
    assert s["positives_found"] + s["positives_missed"] == pytest.approx(200)
    assert s["false_positives"] == pytest.approx(9800 * (1 - d.specificity(p)), rel=1e-9)
    assert plan.daily["results_out"].sum() == pytest.approx(10_000)


@settings(max_examples=40, deadline=None)
@given(
    pops=st.lists(st.integers(0, 2000), min_size=1, max_size=4).filter(lambda x: sum(x) > 0),
    k=st.integers(1, 12),
    teams=st.integers(1, 8),
    rate=st.floats(10, 80),
    lab=st.integers(100, 900),
    hours=st.integers(6, 24),
    start_hour=st.integers(0, 23),
    turnaround=st.integers(1, 30),
    p=st.floats(0, 0.2),
    retest=st.booleans(),
    allocation=st.sampled_from(["proportional", "sequential"]),
)
def test_plan_invariants(
    pops: list[int],
    k: int,
    teams: int,
    rate: float,
    lab: int,
    hours: int,
    start_hour: int,
    turnaround: int,
    p: float,
    retest: bool,
    allocation: str,
) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnvalidatedPoolSizeWarning)
            plan = plan_campaign(
                _areas(*pops),
                start="2021-01-01T13:00",
                teams=teams,
                swabs_per_team_hour=rate,
                lab_tubes_per_day=lab,
                hours_per_day=hours,
                day_start_hour=start_hour,
                turnaround_hours=turnaround,
                pool_size=k,
                prevalence=p,
                sensitivity=0.97,
                specificity=0.995,
                retest=retest,
                allocation=allocation,
            )
    except InputError as exc:
        # Pools of 12 stop saving tests above p = 0.1867 (Dorfman break-even with this
        # sensitivity); the plan must refuse there, and only there (smaller pools break even
        # well above 0.2).
        assert exc.field == "prevalence" and k >= 10 and p > 0.15
        return
    daily, hourly = plan.daily, plan.hourly
    # never more tests in a calendar day than the laboratories can run
    assert (daily["tests_run"] <= lab + 1e-6).all()
    assert (daily["tests_run"] <= daily["lab_capacity"] + 1e-6).all()
    # every person sampled exactly once, in their own area, and given exactly one final result
    per_area = hourly.groupby("area")["people_sampled"].sum()
    for code, pop in zip([f"A{i}" for i in range(len(pops))], pops, strict=True):
        assert per_area.get(code, 0) == pop
    assert daily["people_sampled"].sum() == sum(pops)
    assert daily["people_sampled_cum"].is_monotonic_increasing
    assert daily["results_out"].sum() == pytest.approx(sum(pops), rel=1e-9, abs=1e-6)
    assert (hourly["people_sampled"] >= 0).all()
    # tubes: ceil(pop / k) per area
    assert plan.summary["pool_tests"] == sum(-(-n // k) for n in pops)
    assert plan.summary["results_complete"] >= plan.summary["sampling_complete"]


def test_a_campaign_that_cannot_finish_names_the_bottleneck() -> None:
    with pytest.raises(InputError) as e:
        plan_campaign(
            _areas(5000),
            start="2021-01-01T08:00",
            teams=1,
            swabs_per_team_hour=1,
            hours_per_day=1,
            pool_size=5,
            lab_tubes_per_day=1000,
            max_days=30,
        )
    assert e.value.field == "swabs_per_team_hour"
    with pytest.raises(InputError) as e:
        plan_campaign(
            _areas(5000),
            start="2021-01-01T08:00",
            teams=10,
            swabs_per_team_hour=50,
            pool_size=1,
            lab_tubes_per_day=10,
            max_days=30,
        )
    assert e.value.field == "lab_tubes_per_day"


def test_lab_capacity_schedule_is_respected() -> None:
    plan = plan_campaign(
        _areas(20_000),
        start="2021-01-01T08:00",
        teams=50,
        swabs_per_team_hour=50,
        hours_per_day=12,
        pool_size=5,
        lab_tubes_per_day=[(None, 400), ("2021-01-03T00:00", 1200)],
        turnaround_hours=4,
    )
    d = plan.daily.set_index("date")
    assert d.loc["2021-01-02", "tests_run"] <= 400
    assert d.loc["2021-01-03", "tests_run"] > 400
    assert (plan.daily["tests_run"] <= 1200).all()


def test_pool_chosen_by_prevalence_and_refused_where_it_does_not_pay() -> None:
    plan = plan_campaign(_areas(5000), prevalence=0.01, **BASE)
    assert plan.summary["pool_size"] == 11
    with pytest.raises(InputError) as e:
        plan_campaign(_areas(5000), prevalence=0.35, **BASE)
    assert e.value.field == "prevalence"
    with pytest.raises(InputError) as e:  # a fixed pool of 5 stops paying at 0.2752
        plan_campaign(_areas(5000), pool_size=5, prevalence=0.3, **BASE)
    assert e.value.field == "prevalence"


def test_kashgar_round_1_is_consistent_with_reports() -> None:
    from flareup.data import kashgar_2020

    prog = pd.read_csv(kashgar_2020.files()["campaigns"], parse_dates=["timestamp"])
    prog["area"] = prog["area"].astype(str)
    top = prog[prog["area"] == "653100"]
    people = 4_746_500
    rate = derive_swabs_per_team_hour(top, start="2020-10-24T14:00", teams=4110, population=people)
    assert 20 < rate < 60  # swabs per team-hour, teams of 2-3 people (11,000 / 4,110)
    plan = plan_campaign(
        pd.DataFrame({"code": ["653100"], "population": [people]}),
        start="2020-10-24T14:00",
        teams=4110,
        swabs_per_team_hour=rate,
        lab_tubes_per_day=392_000,
        turnaround_hours=6,
        pool_size=5,
        prevalence=26 / people,
    )
    s = plan.summary
    assert s["pool_tests"] == 949_300  # facts.md: about 949,300 tubes
    # "all sampled and tested in about three days", reported done by 17:00 on 27 October
    assert (
        pd.Timestamp("2020-10-26T12:00")
        <= s["sampling_complete"]
        <= pd.Timestamp("2020-10-27T17:00")
    )
    assert (
        pd.Timestamp("2020-10-27T00:00")
        <= s["results_complete"]
        <= pd.Timestamp("2020-10-27T17:00")
    )
    assert (plan.daily["tests_run"] <= 392_000).all()
    cmp = compare_with_progress(plan, top)
    last = cmp.iloc[-1]
    assert last["plan_sampled"] == last["reported_sampled"] == people
    assert last["plan_results_out"] == last["reported_results_out"] == people
    at_26 = cmp[cmp["timestamp"] == pd.Timestamp("2020-10-26T16:00")].iloc[0]
    assert abs(at_26["plan_sampled"] - at_26["reported_sampled"]) < 0.05 * people
    thr = implied_lab_throughput(top, pool_size=5)
    # the last day ran about 392,000 + 122,000 brought-in tubes a day (facts.md)
    assert thr["tubes_per_day"].iloc[-1] == pytest.approx(514_000, rel=0.05)


def test_compare_only_uses_areas_the_plan_covers() -> None:
    plan = plan_campaign(_areas(1000), pool_size=5, **BASE)
    prog = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2021-03-02T12:00", "2021-03-02T12:00"]),
            "area": ["A0", "ELSEWHERE"],
            "people_sampled": [800, 5],
            "results_out": [pd.NA, pd.NA],
        }
    )
    cmp = compare_with_progress(plan, prog)
    assert list(cmp["area"]) == ["A0"]
    assert cmp["plan_sampled"].iloc[0] == plan.cumulative_at("2021-03-02T12:00")[0]
    assert len(compare_with_progress(plan, prog, total_area="ELSEWHERE")) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"prevalence": -0.1, "pool_size": 5}, "prevalence"),
        ({"prevalence": 1.2, "pool_size": 5}, "prevalence"),
        ({"lab_tubes_per_day": 0, "pool_size": 5}, "lab_tubes_per_day"),
        ({"teams": 0, "pool_size": 5}, "teams"),
        ({"swabs_per_team_hour": 0, "pool_size": 5}, "swabs_per_team_hour"),
        ({"hours_per_day": 25, "pool_size": 5}, "hours_per_day"),
        ({"turnaround_hours": 0, "pool_size": 5}, "turnaround_hours"),
        ({"pool_size": 0}, "pool_size"),
        ({}, "pool_size"),
        ({"start": "not a time", "pool_size": 5}, "start"),
        ({"order": "random", "pool_size": 5}, "order"),
        ({"allocation": "greedy", "pool_size": 5}, "allocation"),
    ],
)
def test_bad_parameters_are_named(change: dict, field: str) -> None:  # type: ignore[type-arg]
    kw = dict(BASE) | change
    with pytest.raises(InputError) as e:
        plan_campaign(_areas(100), **kw)
    assert e.value.field == field


def test_area_without_population_is_named() -> None:
    areas = pd.DataFrame({"code": ["653121", "653123"], "population": [263014, None]})
    with pytest.raises(InputError) as e:
        plan_campaign(areas, pool_size=5, **BASE)
    assert e.value.field == "population" and "653123" in str(e.value)
