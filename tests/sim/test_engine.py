"""Engine invariants: reproducibility, common random numbers, bookkeeping, results, errors."""

from __future__ import annotations

import numpy as np
import pytest

from flareup.errors import ConfigError
from flareup.schema import METRIC_NAMES
from flareup.sim import Params, Sim
from flareup.sim import interventions as iv
from flareup.sim.people import CL_ASYMPTOMATIC, CL_CONFIRMED, CL_RECLASSIFIED, DEAD, REC
from flareup.sim.population import PopulationParams, kashgar_areas, synthesize
from flareup.sim.results_idx import REGISTRY_METRICS

START = "2020-09-20"


@pytest.fixture(scope="module")
def pop():
    return synthesize(kashgar_areas(), PopulationParams.load(), seed=2, scale=0.01)


def _response(coverage: float = 1.0) -> list[iv.Intervention]:
    return [
        iv.RoutineTesting(start="2020-09-27", group="factory_workers", coverage=coverage),
        iv.SymptomaticTesting(prob=0.5 * coverage),
        iv.Isolation(coverage=coverage),
        iv.ContactTracing(start="2020-10-05", coverage=0.8 * coverage, contacts_of_contacts=True),
        iv.MassTesting(
            start="2020-10-10",
            rounds=2,
            interval=5,
            pool_size=10,
            sampling_per_day=20_000,
            lab_tests_per_day=3_000,
            coverage=coverage,
        ),
    ]


def _run(pop, interventions=(), seed=1, n_days=50, **kw):
    p = Params().replace(beta_community=0.012, beta_workplace=0.02)
    sim = Sim(
        pop,
        p,
        list(interventions),
        start_date=START,
        n_days=n_days,
        seed=seed,
        initial_infections=10,
        **kw,
    )
    return sim, sim.run()


def test_same_seed_same_result_and_other_seed_differs(pop) -> None:
    s1, r1 = _run(pop, _response(), seed=4)
    s2, r2 = _run(pop, _response(), seed=4)
    _, r3 = _run(pop, _response(), seed=5)
    assert np.array_equal(r1.counts, r2.counts)
    assert np.array_equal(s1.agents.rec, s2.agents.rec)
    assert r1.total("infections_new") > 20
    assert not np.array_equal(r1.counts, r3.counts)


def test_zero_coverage_interventions_leave_run_bit_identical(pop) -> None:
    s0, r0 = _run(pop, [], seed=3)
    s1, r1 = _run(
        pop,
        [
            *_response(coverage=0.0),
            iv.Lockdown(start="2020-10-01", layers={"school": 1.0, "community": 1.0}),
            iv.MovementRestriction(start="2020-10-01", factor=1.0),
        ],
        seed=3,
    )
    assert np.array_equal(r0.counts, r1.counts)
    for a, b in zip(s0.agents, s1.agents, strict=True):
        assert np.array_equal(a, b)


def test_intervention_objects_can_serve_several_runs(pop) -> None:
    """Ensembles reuse one list of intervention objects: each run starts from a clean state."""
    shared = _response()
    _, r1 = _run(pop, shared, seed=8)
    _, r2 = _run(pop, shared, seed=8)
    _, fresh = _run(pop, _response(), seed=8)
    assert np.array_equal(r1.counts, r2.counts)
    assert np.array_equal(r1.counts, fresh.counts)


def test_attempt_list_size_leaves_results_unchanged(pop) -> None:
    """The day's attempts are listed, then resolved in order whenever the list fills
    (transmission.py): a list of 7 rows (resolved many times a day) gives the same run as the
    default, with interventions and layer scalings above 1 (the excess process) in play."""
    ivs = [
        *_response(),
        iv.Lockdown(start="2020-10-01", layers={"household": 1.5, "between": 2.0}),
    ]

    def run(rows: int | None):
        p = Params().replace(beta_community=0.012, beta_workplace=0.02)
        sim = Sim(pop, p, ivs, start_date=START, n_days=50, seed=4, initial_infections=10)
        sim.initialize()
        if rows is not None:
            sim._att_i = np.empty((rows, sim._att_i.shape[1]), np.int64)
            sim._att_f = np.empty((rows, sim._att_f.shape[1]), np.float64)
        return sim, sim.run()

    s0, r0 = run(None)
    s1, r1 = run(7)
    assert r0.total("infections_new") > 20
    assert np.array_equal(r0.counts, r1.counts)
    for a, b in zip(s0.agents, s1.agents, strict=True):
        assert np.array_equal(a, b)


def test_bookkeeping_matches_agent_states(pop) -> None:
    sim, res = _run(pop, _response(), seed=6, n_days=60)
    ag = sim.agents
    infected = ag.column("t_infected") >= 0
    assert res.total("infections_new") == infected.sum() > 0
    last = -1
    active = ~np.isin(ag.state, (0, REC, DEAD))
    assert (
        res.series("infectious_current")[last] + res.series("exposed_current")[last] == active.sum()
    )
    cl = ag.classification
    detected = ag.detected >= 0
    assert detected.sum() > 0
    # Detected = new confirmed (without reclassifications) + new asymptomatic.
    assert (
        res.total("confirmed_new") - res.total("reclassified_new") + res.total("asymptomatic_new")
    ) == detected.sum()
    assert res.total("reclassified_new") == (cl == CL_RECLASSIFIED).sum()
    # Reclassified: reported without symptoms, symptoms came after.
    recl = cl == CL_RECLASSIFIED
    assert (ag.column("t_symptom")[recl] > ag.detected[recl]).all()
    # Current stocks equal the agents in those conditions at the end.
    under_care = np.isin(cl, (CL_CONFIRMED, CL_RECLASSIFIED)) & ~np.isin(ag.state, (REC, DEAD))
    assert res.series("confirmed_current")[last] == under_care.sum()
    observed = (cl == CL_ASYMPTOMATIC) & ~np.isin(ag.state, (REC, DEAD))
    assert res.series("asymptomatic_current")[last] == observed.sum()
    q = ag.column("quarantined_until") > sim.day
    assert res.series("quarantined_current")[last] == q.sum()
    assert res.series("under_observation_current")[last] == q.sum()
    # Nobody detected is both isolated and quarantined; the isolated are infected and detected.
    iso = ag.column("isolated_until") > sim.day
    assert not (iso & q).any()
    assert detected[iso].all()
    assert res.total("tests_used") > 0 and res.total("tested_new") >= res.total("tests_used") / 2


def test_results_dataset_and_frame(pop) -> None:
    _, res = _run(pop, _response(), seed=2, n_days=30)
    ds = res.to_dataset()
    assert ds["value"].dims == ("run", "date", "area", "metric")
    # The simulator's registry metrics are the registry's names, and every one is produced.
    assert set(REGISTRY_METRICS) <= set(METRIC_NAMES)
    assert set(REGISTRY_METRICS) <= set(ds["metric"].values.tolist())
    assert ds.sizes["date"] == 30 and ds.sizes["area"] == len(pop.areas)
    df = res.to_frame()
    assert list(df.columns) == ["run", "area", "date", "metric", "value"]
    assert len(df) == ds["value"].size
    total = df[df.metric == "infections_new"].value.sum()
    assert total == res.total("infections_new")
    summary = res.summary()
    assert summary.loc[0, "infections"] == total


def test_bad_configuration_is_refused_naming_the_key(pop) -> None:
    with pytest.raises(ConfigError, match=r"Lockdown\.start"):
        _run(pop, [iv.Lockdown(start="2021-05-01")])
    with pytest.raises(ConfigError, match=r"Lockdown\.areas"):
        _run(pop, [iv.Lockdown(start="2020-10-01", areas=["999999"])])
    with pytest.raises(ConfigError, match="coverage"):
        iv.ContactTracing(coverage=1.5)
    with pytest.raises(ConfigError, match=r"layers\.gym"):
        iv.Lockdown(layers={"gym": 0.0})
    with pytest.raises(ConfigError, match="beta_household"):
        Params().replace(beta_household=2.0)
    with pytest.raises(ConfigError, match="unknown parameter"):
        Params().replace(beta_gym=0.1)


def test_params_declare_unit_and_reference() -> None:
    table = Params.describe()
    assert (table["unit"].str.len() > 0).all() and (table["reference"].str.len() > 0).all()


def test_area_scope_expands_parents(pop) -> None:
    sim = Sim(pop, start_date=START, n_days=5)
    everywhere = sim.area_indices(["653100"])  # the prefecture: every county and township
    shufu = sim.area_indices("653121")  # a county missing from the table: its townships
    assert everywhere.size == len(pop.areas)
    codes = pop.areas["code"].astype(str).to_numpy()
    assert shufu.size > 0 and all(c.startswith("653121") for c in codes[shufu])


def test_clinical_assessment_reports_first_as_asymptomatic(pop) -> None:
    """With a clinical assessment N days after the report, a positive is reported as
    asymptomatic unless sampled because of symptoms, and reclassified at the assessment if
    symptomatic then; who is infected, detected and when is unchanged (classification only)."""
    base, r0 = _run(pop, _response(), seed=6, n_days=60)
    sim, r2 = _run(pop, _response(), seed=6, n_days=60, clinical_assessment_days=2)
    ag, cl = sim.agents, sim.agents.classification
    assert np.array_equal(ag.detected, base.agents.detected)
    assert np.array_equal(r0.series("infections_new"), r2.series("infections_new"))
    # Confirmed when found: only those sampled because of symptoms.
    confirmed = cl == CL_CONFIRMED
    assert confirmed.sum() < (base.agents.classification == CL_CONFIRMED).sum()
    assert sim._for_symptoms[confirmed].all()
    # Every reclassification has symptoms by its assessment or later; more of them than when
    # detections are classified by their symptoms at the report.
    recl = cl == CL_RECLASSIFIED
    detected_ = ag.detected >= 0
    assert (ag.column("t_symptom")[recl] >= 0).all()
    assert r2.total("reclassified_new") == recl.sum() > r0.total("reclassified_new")
    at_assessment = recl & (ag.column("t_symptom") <= ag.detected)
    assert at_assessment.sum() > 0
    # Those whose infection, with symptoms, was over when reported: reclassified and closed.
    over = (ag.column("t_end") <= ag.detected) & (ag.column("t_symptom") >= 0) & detected_
    over &= ~sim._for_symptoms
    assert (cl[over & (ag.detected + 2 < sim.day)] == CL_RECLASSIFIED).all()
    assert (over & recl).sum() > 0
    # Bookkeeping as without the delay.
    detected = ag.detected >= 0
    assert (
        r2.total("confirmed_new") - r2.total("reclassified_new") + r2.total("asymptomatic_new")
    ) == detected.sum()
    under_care = np.isin(cl, (CL_CONFIRMED, CL_RECLASSIFIED)) & ~np.isin(ag.state, (REC, DEAD))
    assert r2.series("confirmed_current")[-1] == under_care.sum()
    observed = (cl == CL_ASYMPTOMATIC) & ~np.isin(ag.state, (REC, DEAD))
    pending = (cl == CL_ASYMPTOMATIC) & over  # over when reported, assessment after the run
    assert r2.series("asymptomatic_current")[-1] == (observed | pending).sum()
    # The per-run summary shows the reclassifications that confirmed counts.
    summ = r2.summary().iloc[0]
    assert summ["reclassified"] == recl.sum() > 0
    assert summ["confirmed"] - summ["reclassified"] + summ["asymptomatic"] == summ["detected"]
    with pytest.raises(ConfigError, match="clinical_assessment_days"):
        Sim(pop, Params(), [], clinical_assessment_days=-1)
