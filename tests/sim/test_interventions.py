"""Interventions: what each does to whom, and that more response never raises infections."""

from __future__ import annotations

import numpy as np
import pytest

from flareup.sim import Params, Sim
from flareup.sim import interventions as iv
from flareup.sim.people import U_QUARANTINED
from flareup.sim.population import PopulationParams, kashgar_areas, make_population, synthesize
from flareup.sim.testing import pcr_pooled

START = "2020-09-20"


@pytest.fixture(scope="module")
def pop():
    return synthesize(kashgar_areas(), PopulationParams.load(), seed=3, scale=0.01)


def _infections(pop, interventions, seed, n_days=70):
    p = Params().replace(beta_community=0.012, beta_workplace=0.02)
    sim = Sim(
        pop, p, interventions, start_date=START, n_days=n_days, seed=seed, initial_infections=15
    )
    return sim.run().total("infections_new")


SEEDS = range(6)


def _paired_check(base: np.ndarray, more: np.ndarray) -> None:
    """One-sided paired test of 'more response does not increase infections in expectation':
    fail if the mean paired difference exceeds 3 standard errors (common random numbers make the
    pairs close, Glasserman & Yao 1992); and the intervention must do something on average."""
    diff = more - base
    se = diff.std(ddof=1) / np.sqrt(diff.size) if diff.size > 1 else 0.0
    assert diff.mean() <= 3 * se + 1e-9, (base, more)
    assert diff.mean() < 0, (base, more)


def test_more_testing_never_increases_infections(pop) -> None:
    def run(prob: float, seed: int) -> int:
        return _infections(
            pop,
            [iv.SymptomaticTesting(prob=prob), iv.Isolation(), iv.ContactTracing(coverage=0.7)],
            seed,
        )

    base = np.array([run(0.2, s) for s in SEEDS])
    more = np.array([run(0.8, s) for s in SEEDS])
    _paired_check(base, more)


def test_earlier_lockdown_never_increases_infections(pop) -> None:
    late = np.array([_infections(pop, [iv.Lockdown(start="2020-10-25")], s) for s in SEEDS])
    early = np.array([_infections(pop, [iv.Lockdown(start="2020-10-10")], s) for s in SEEDS])
    _paired_check(late, early)


def test_pooled_pcr_follows_dilution_model() -> None:
    """One positive of Ct c in a pool of k is found iff c + log2(k) < cut-off (Ct shift of the
    dilution model, pooling.dilution); sampling failures switched off."""
    n = 64
    pop = make_population(np.arange(n))
    p = Params().replace(
        test_sampling_sensitivity=1.0, ct_peak_sd=0.0, ct_peak_mean=30.0, test_ct_cutoff=35.0
    )
    sim = Sim(pop, p, n_days=30, seed=1, initial_infections=[0])
    sim.initialize()
    sim.step(0)  # the seed is infected on day 0
    ag, world = sim.agents, sim.world
    t_peak = int(np.floor(ag.column("t_onset_exact")[0]))  # (would-be) onset: viral peak
    key = np.uint64(7)
    for k, expect in [(1, True), (16, True), (31, True), (32, False), (64, False)]:
        # Peak Ct 30: shift log2(32) = 5 gives exactly 35, not below the cut-off.
        pools = pcr_pooled(ag, world, np.arange(k, dtype=np.int32), k, int(t_peak), key, 1.0)
        assert bool(pools[0]) == expect, k
    # Before RNA is detectable nothing is found, even alone.
    assert not pcr_pooled(ag, world, np.array([0], np.int32), 1, 0, key, 1.0)[0]


def test_tracing_quarantines_household_and_tests_on_entry() -> None:
    # 200 households of 4; only household transmission; everyone symptomatic gets tested.
    n = 800
    pop = make_population(np.arange(n) // 4)
    p = Params().replace(
        beta_community=0.0, beta_workplace=0.0, beta_school=0.0, p_symptomatic=(1.0,) * 10
    )
    sim = Sim(
        pop,
        p,
        [
            iv.SymptomaticTesting(prob=1.0, delay=0),
            iv.ContactTracing(coverage=1.0, delay=0, quarantine_days=14),
            iv.Isolation(),
        ],
        n_days=25,
        seed=2,
        initial_infections=[0, 400],
    )
    res = sim.run()
    ag = sim.agents
    for index in (0, 400):
        d = ag.detected[index]
        assert d >= 0
        members = np.arange(index + 1, index + 4)
        # Household members were quarantined the day the index was detected (or detected).
        quarantined = ag.until[members, U_QUARANTINED] >= d + 14  # may be extended later
        assert (quarantined | (ag.detected[members] >= 0)).all()
    assert res.total("quarantined_new") >= 4
    assert ag.n_tests[1:4].min() >= 1


def test_importation_at_a_workplace_infects_its_workers(pop) -> None:
    wp = pop.workplace_names["shufu-garment-factory"]
    sim = Sim(
        pop,
        Params().replace(
            beta_household=0.0,
            beta_workplace=0.0,
            beta_community=0.0,
            beta_dormitory=0.0,
            beta_school=0.0,
            beta_between=0.0,
        ),
        [iv.Importation(start="2020-09-21", end="2020-09-30", workplace=wp, per_day=2.0)],
        start_date=START,
        n_days=15,
        seed=1,
    )
    res = sim.run()
    infected = np.flatnonzero(sim.agents.column("t_infected") >= 0)
    assert infected.size > 0
    assert (pop.workplace[infected] == wp).all()
    # Poisson(2/day) over 10 days: 20 expected, sd 4.5 (duplicates of one worker are rare).
    assert abs(infected.size - 20) < 4 * np.sqrt(20)
    assert res.total("infections_new") == infected.size


def test_mass_testing_uses_lab_capacity_and_pools(pop) -> None:
    cap = 500
    sim = Sim(
        pop,
        Params(),
        [
            iv.MassTesting(
                start="2020-09-25", pool_size=10, sampling_per_day=4000, lab_tests_per_day=cap
            )
        ],
        start_date=START,
        n_days=20,
        seed=1,
        initial_infections=30,
    )
    res = sim.run()
    used = res.series("tests_used")
    assert used.max() <= cap
    # Pools of 10 plus retests: far fewer tests than people.
    assert res.total("tests_used") < res.total("tested_new") / 5
