"""Transmission inside centralised quarantine sites (``Sim(quarantine_site_size=N)``,
``Params.beta_quarantine``, ``Params.contacts_quarantine``) against its definition.

An infectious person quarantined in a site meets ``min(contacts, members - 1)`` random
co-members a day, each meeting a hazard ``beta x`` its relative infectiousness x its profile
(total ``infectious_days`` = T over an infection). Meetings are a Poisson process; split over
the ``m = members - 1`` others, each other person is met as an independent Poisson process, so
over a stay covering the whole infectious window a susceptible co-member is infected with
probability 1 - exp(-beta x min(c, m) x T / m), independently of the others (Poisson
splitting): the tests check counts against that binomial law within 4 standard deviations, as
``test_final_size.py`` checks the household secondary attack rate.
"""

from __future__ import annotations

import numpy as np
import pytest

from flareup.errors import ConfigError
from flareup.sim import Params, Sim
from flareup.sim.analyzers import TransmissionTree
from flareup.sim.people import REC
from flareup.sim.population import make_population

N_BINS = 10
ZERO = (0.0,) * N_BINS


def _params(**kw: object) -> Params:
    """Every infection asymptomatic, relative infectiousness 1, susceptibility 1, no contact
    layer: only quarantine sites transmit."""
    base = dict(
        p_symptomatic=ZERO,
        p_severe=ZERO,
        p_critical=ZERO,
        p_death=ZERO,
        susceptibility=(1.0,) * N_BINS,
        rel_inf_asymptomatic=1.0,
        dispersion_k=0.0,
        beta_household=0.0,
        beta_dormitory=0.0,
        beta_workplace=0.0,
        beta_school=0.0,
        beta_community=0.0,
        beta_between=0.0,
    )
    base.update(kw)
    return Params().replace(**base)


def _quarantined_sim(
    n: int, seeds: np.ndarray, p: Params, site: int, n_days: int, days: int = 200, **kw: object
) -> Sim:
    """Everyone in a household of their own, quarantined on day 0 in id order (sites of
    ``site`` consecutive ids), ``seeds`` infected on day 0."""
    sim = Sim(
        make_population(np.arange(n)),
        p,
        n_days=n_days,
        seed=3,
        initial_infections=seeds,
        quarantine_site_size=site,
        **kw,
    )
    sim.initialize()
    sim.quarantine(np.arange(n), 0, days)
    return sim


def test_pairs_in_a_site_infect_as_a_household_pair() -> None:
    """Sites of 2 (the index and one other): the other is met with hazard beta x 1 (min(c, 1))
    for the index's whole infection, so it is infected with probability 1 - exp(-beta T)."""
    n_pairs, beta = 5_000, 0.06
    n = 2 * n_pairs
    p = _params(beta_quarantine=beta, contacts_quarantine=5.0)
    sim = _quarantined_sim(n, np.arange(0, n, 2), p, site=2, n_days=60)
    sim.run()
    infected = sim.agents.column("t_infected")[1::2] >= 0
    sar = 1 - np.exp(-beta * p.infectious_days)
    assert abs(infected.mean() - sar) < 4 * np.sqrt(sar * (1 - sar) / n_pairs), (
        infected.mean(),
        sar,
    )


def test_a_site_of_eleven_splits_the_contacts_over_the_others() -> None:
    """Sites of 11 (one index, 10 others), 4 contacts a day: each other person is infected with
    probability 1 - exp(-beta x 4 x T / 10). The others' latent period (30 days) keeps them
    from transmitting within the run, so every infection is the index's."""
    n_sites, beta, c = 2_000, 0.02, 4.0
    n = 11 * n_sites
    p = _params(
        beta_quarantine=beta,
        contacts_quarantine=c,
        dur_exposed=(30.0, 0.5),
        dur_incubation=(32.0, 0.5),
        dur_asymptomatic=(6.0, 1.0),
    )
    seeds = np.arange(0, n, 11)
    sim = _quarantined_sim(n, seeds, p, site=11, n_days=58)
    sim.run()
    ag = sim.agents
    others = np.setdiff1d(np.arange(n), seeds)
    infected = ag.column("t_infected")[others] >= 0
    # Every index recovered inside the run (its whole T was spent).
    assert np.all(ag.state[seeds] == REC)
    assert np.all(ag.column("infector")[others[infected]] % 11 == 0)  # the site's index
    q = 1 - np.exp(-beta * c * p.infectious_days / 10)
    k = others.size
    assert abs(infected.mean() - q) < 4 * np.sqrt(q * (1 - q) / k), (infected.mean(), q)


def test_people_released_from_quarantine_are_not_met_there() -> None:
    """Contacts quarantined for one day leave their site before the index is infectious (its
    latent period is at least a day): nobody is infected in quarantine."""
    n_pairs = 2_000
    n = 2 * n_pairs
    p = _params(beta_quarantine=0.5, dur_exposed=(3.0, 0.5), dur_incubation=(5.0, 1.0))
    seeds = np.arange(0, n, 2)
    sim = Sim(
        make_population(np.arange(n)),
        p,
        n_days=40,
        seed=3,
        initial_infections=seeds,
        quarantine_site_size=2,
    )
    sim.initialize()
    sim.quarantine(np.arange(n), 0, 1)  # everyone out on day 1
    sim.quarantine(seeds, 1, 100)  # the index cases back in, in sites of their own kind
    sim.run()
    assert (sim.agents.column("t_infected")[1::2] >= 0).sum() == 0


def test_infections_in_quarantine_are_recorded_as_such() -> None:
    """The transmission tree names the layer 'quarantine', the infector the site's index."""
    n = 2_000
    p = _params(beta_quarantine=0.2)
    tree = TransmissionTree()
    sim = _quarantined_sim(n, np.arange(0, n, 2), p, site=2, n_days=60, analyzers=[tree])
    sim.run()
    f = tree.frame
    inq = f[f["layer"] == "quarantine"]
    assert len(inq) > 0
    assert set(f["layer"]) == {"seed", "quarantine"}
    assert np.all(inq["from"].to_numpy() == inq["to"].to_numpy() - 1)


def test_without_transmission_in_sites_a_run_is_bit_identical() -> None:
    """Sites with beta_quarantine = 0, or beta_quarantine without sites, change nothing: the
    engine draws nothing for them (the run's other draws are keyed by name, not order)."""
    from flareup.sim.interventions import ContactTracing, Isolation, SymptomaticTesting

    rng = np.random.default_rng(0)
    n = 20_000
    pop = make_population(np.arange(n) // 4, workplace=rng.integers(0, 400, n))
    p = Params().replace(beta_community=0.01)

    def run(site: int, beta_q: float) -> np.ndarray:
        ivs = [SymptomaticTesting(prob=0.5, delay=1), Isolation(), ContactTracing(delay=1)]
        sim = Sim(
            pop,
            p.replace(beta_quarantine=beta_q),
            ivs,
            n_days=60,
            seed=8,
            initial_infections=20,
            quarantine_site_size=site,
        )
        return np.asarray(sim.run().counts)

    base = run(0, 0.0)
    assert base.sum() > 0
    assert np.array_equal(base, run(50, 0.0))
    assert np.array_equal(base, run(0, 0.05))


@pytest.mark.parametrize("size", [1, -1])
def test_a_site_of_one_is_refused(size: int) -> None:
    with pytest.raises(ConfigError, match="quarantine_site_size"):
        Sim(make_population(np.arange(10)), Params(), quarantine_site_size=size)
