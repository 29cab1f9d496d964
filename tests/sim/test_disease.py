"""Natural history against its parameters: course probabilities by age, durations, Ct."""

from __future__ import annotations

import numpy as np

from flareup.sim import Params, Sim
from flareup.sim.disease import ct_value
from flareup.sim.people import SEV_MILD
from flareup.sim.population import make_population


def _infected(age: int, n: int = 40_000, params: Params | None = None, n_days: int = 60):
    """n people of one age, each alone (no transmission), all infected on day 0."""
    pop = make_population(np.arange(n), age=np.full(n, age))
    p = (params or Params()).replace(beta_household=0.0, beta_community=0.0)
    sim = Sim(pop, p, n_days=n_days, seed=3, initial_infections=n)
    sim.run()
    return sim, p


def test_course_probabilities_by_age_match_parameters() -> None:
    """Share symptomatic, severe, dead per infection = p_symptomatic, p_severe, p_death of the
    age bin, within 4 binomial standard errors (Davies et al. 2020; Verity et al. 2020)."""
    for age in (5, 45, 85):
        sim, p = _infected(age)
        b = age // 10
        sev = sim.agents.severity
        n = sev.size
        for observed, expected in [
            ((sev >= SEV_MILD).mean(), p.p_symptomatic[b]),
            ((sev >= 2).mean(), p.p_severe[b]),
            ((sev == 4).mean(), p.p_death[b]),
        ]:
            se = np.sqrt(expected * (1 - expected) / n)
            assert abs(observed - expected) <= 4 * se + 1 / n, (age, observed, expected)


def test_incubation_and_stage_durations_match_lognormal_means() -> None:
    """Mean latent period and asymptomatic infectious period = the rounded lognormal's mean
    (Lauer et al. 2020 via Covasim), within 4 standard errors."""
    from scipy import stats

    sim, p = _infected(30)
    ag = sim.agents
    lat = ag.column("t_infectious") - ag.column("t_infected")
    asym = ag.severity == 0
    inf = (ag.column("t_end") - ag.column("t_infectious"))[asym]
    for sample, (mean, sd) in [(lat, p.dur_exposed), (inf, p.dur_asymptomatic)]:
        s2 = np.log1p((sd / mean) ** 2)
        dist = stats.lognorm(s=np.sqrt(s2), scale=np.exp(np.log(mean) - s2 / 2))
        k = np.arange(1, 200)
        pk = dist.cdf(k + 0.5) - dist.cdf(np.where(k == 1, 0.0, k - 0.5))
        expected = (k * pk).sum()
        assert abs(sample.mean() - expected) < 4 * sample.std() / np.sqrt(sample.size)


def test_ct_trajectory_misses_early_and_late_infections() -> None:
    """RNA is undetectable on the day of infection and long after recovery, and lowest (peak
    viral load) at symptom onset (Kissler et al. 2021)."""
    sim, p = _infected(30, n=2_000, n_days=60)
    ag, world = sim.agents, sim.world
    undet = p.ct_undetectable
    symp = np.flatnonzero(ag.severity >= SEV_MILD)[:200]
    for j in symp:
        onset = ag.column("t_symptom")[j]
        cts = np.array([ct_value(ag, world, j, d) for d in range(0, 60)])
        assert cts[0] == undet
        assert cts[59] == undet
        assert cts.argmin() == onset
    # Share detectable at the peak is the share of peak Ct below the cut-off.
    peaks = np.array([ct_value(ag, world, j, ag.column("t_symptom")[j]) for j in symp])
    assert (peaks < p.test_ct_cutoff).mean() > 0.9
