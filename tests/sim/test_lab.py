"""The shared laboratory, China's quarantine test schedule and fair counterfactuals."""

from __future__ import annotations

import numpy as np
import pytest

from flareup.sim import Params, Sim
from flareup.sim import interventions as iv
from flareup.sim.counterfactuals import COUNTERFACTUALS, SCENARIO_DIR, render
from flareup.sim.lab import Lab
from flareup.sim.population import PopulationParams, kashgar_areas, synthesize
from flareup.sim.scenario import load_scenario

START = "2020-09-20"


@pytest.fixture(scope="module")
def pop():
    return synthesize(kashgar_areas(), PopulationParams.load(), seed=3, scale=0.01)


def _run(pop, pool_size: int, cap: int, n_days: int = 30):
    lab = Lab(cap, turnaround=1)
    sim = Sim(
        pop,
        Params(),
        [
            iv.SymptomaticTesting(prob=1.0, delay=0),
            iv.MassTesting(start="2020-09-25", pool_size=pool_size, sampling_per_day=20_000),
        ],
        start_date=START,
        n_days=n_days,
        seed=1,
        initial_infections=30,
        lab=lab,
    )
    return sim, sim.run()


def test_shared_lab_capacity_binds_and_delays_everyone(pop) -> None:
    """With one lab for all tests, no day runs more than its capacity; individual mass testing
    at the capacity pools of 5 need keeps people waiting days longer for results, and the
    symptomatic tests queue behind the campaign's samples."""
    n = len(pop.area)
    cap = n // 20  # pools of 5 for everyone fit in 4 days, individual tests need 20
    _, pooled = _run(pop, 5, cap)
    sim, single = _run(pop, 1, cap)
    for res in (pooled, single):
        assert res.series("tests_used").max() <= cap
        assert res.total("samples_resulted_new") > 0.9 * res.total("tested_new")
    wait_pooled = pooled.total("result_wait_days_new") / pooled.total("samples_resulted_new")
    wait_single = single.total("result_wait_days_new") / single.total("samples_resulted_new")
    assert wait_pooled >= 1.0  # the lab runs at the end of the day, results the next
    assert wait_single > wait_pooled + 3, (wait_single, wait_pooled)
    assert sim.lab.backlog == 0 or single.series("tests_used")[-1] == cap


def test_lab_refuses_a_second_capacity(pop) -> None:
    from flareup.errors import ConfigError

    with pytest.raises(ConfigError, match="shared laboratory"):
        Sim(
            pop,
            Params(),
            [iv.MassTesting(start="2020-09-25", lab_tests_per_day=100)],
            start_date=START,
            n_days=10,
            lab=Lab(100),
        ).initialize()


def test_quarantined_contacts_are_tested_on_days_1_4_7_14() -> None:
    """Index cases detected on symptoms; their household contact (never infected: no
    transmission) is quarantined that day and tested on quarantine days 1, 4, 7 and 14 (its
    tests counted when the lab runs them)."""
    from flareup.sim.population import make_population

    n = 400
    pop = make_population(np.arange(n) // 2)
    p = Params().replace(beta_household=0.0, beta_community=0.0, p_symptomatic=(1.0,) * 10)
    tested: list[np.ndarray] = []

    class Spy:
        def initialize(self, sim):
            pass

        def apply(self, sim, day):
            tested.append(sim.agents.n_tests.copy())

        def finalize(self, sim):
            pass

    sim = Sim(
        pop,
        p,
        [
            iv.SymptomaticTesting(prob=1.0, delay=0),
            iv.ContactTracing(coverage={"household": 1.0}, delay=0, quarantine_days=14),
            iv.Isolation(),
        ],
        n_days=60,
        seed=2,
        initial_infections=np.arange(0, n, 2),
        analyzers=[Spy()],
        lab=Lab(10_000),
    )
    sim.run()
    ag = sim.agents
    contacts = np.arange(1, n, 2)
    assert (ag.column("t_infected")[contacts] < 0).all()
    counts = np.array(tested)[:, contacts]  # day x contact: tests so far
    test_days = [np.flatnonzero(np.diff(np.r_[0, counts[:, k]]) > 0) for k in range(len(contacts))]
    index_detected = ag.detected[contacts - 1]
    assert (index_detected >= 0).mean() > 0.8  # (a swab or the timing can miss an index)
    for k, days in enumerate(test_days):
        d = index_detected[k]
        if d < 0:
            assert len(days) == 0
            continue
        # Samples of quarantine days 1, 4, 7, 14 are taken on d, d+3, d+6, d+13; the lab runs
        # the entry sample (taken after the day's lab run, at tracing) the next day.
        assert list(days) == [d + 1, d + 3, d + 6, d + 13], (k, d, days)


def test_source_stops_only_on_a_detection_of_the_run() -> None:
    """The workplace source with stop_on_detection runs until the run's first detection: with
    no testing it never stops; with routine testing it stops the day after the first
    detection (the import phase comes before the day's results)."""
    from flareup.sim.population import make_population

    n = 5_000
    pop = make_population(np.arange(n), workplace=np.zeros(n, np.int64))
    p = Params().replace(beta_household=0.0, beta_workplace=0.0, beta_community=0.0)

    def run(testing: bool):
        ivs: list = [
            iv.Importation(start="2020-09-21", workplace=0, per_day=3.0, stop_on_detection=True)
        ]
        if testing:
            ivs.append(iv.RoutineTesting(group="workers", interval=2, start="2020-09-25"))
        sim = Sim(pop, p, ivs, start_date=START, n_days=40, seed=4)
        sim.run()
        t = sim.agents.column("t_infected")
        return sim, t[t >= 0]

    sim_off, t_off = run(False)
    assert sim_off.first_detection_day is None
    assert t_off.max() >= 35  # still infecting near the end
    sim_on, t_on = run(True)
    d = sim_on.first_detection_day
    assert d is not None and t_on.max() <= d and t_on.size < t_off.size / 2


@pytest.mark.parametrize("suffix", list(COUNTERFACTUALS))
def test_counterfactual_files_are_written_from_the_base(suffix: str) -> None:
    """Each bundled counterfactual is the base with its one change (python -m
    flareup.sim.counterfactuals rewrites them), and it loads."""
    path = SCENARIO_DIR / f"kashgar-2020-{suffix}.toml"
    assert path.read_text() == render(suffix)
    sc = load_scenario(path)
    base = load_scenario("kashgar-2020")
    assert sc.lab_tests_per_day == base.lab_tests_per_day
    assert sc.disease == base.disease
