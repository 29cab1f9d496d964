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
    """The continuous incubation period (infection to onset, with the time of day) has the
    lognormal's mean and sd (Li et al. 2020 NEJM: mean 5.2 d), inside Lauer et al. 2020's 5-6 d;
    the latent period is min(latent draw, incubation); the asymptomatic infection lasts the
    rounded lognormal ``dur_asymptomatic`` from the day of its would-be onset. Means within 4
    standard errors."""
    from scipy import stats

    sim, p = _infected(30)
    ag = sim.agents
    t0 = ag.column("t_infected_exact").astype(float)
    inc = ag.column("t_onset_exact").astype(float) - t0
    assert (ag.column("t_infected") == np.floor(t0)).all() and (t0 >= 0).all() and (t0 < 1).all()
    mean, sd = p.dur_incubation
    se = inc.std() / np.sqrt(inc.size)
    assert abs(inc.mean() - mean) < 4 * se and 5.0 <= inc.mean() <= 6.0, inc.mean()
    assert abs(inc.std() - sd) < 0.1 * sd
    symp = ag.severity >= SEV_MILD
    assert (ag.column("t_symptom")[symp] == np.floor(ag.column("t_onset_exact")[symp])).all()
    assert (ag.column("t_symptom")[~symp] == -1).all()
    # Latent: the agent joins the infectious list the day before its latent period ends (it
    # transmits from the next day), or on the day of infection.
    s2 = np.log1p((p.dur_exposed[1] / p.dur_exposed[0]) ** 2)
    rng = np.random.default_rng(1)
    lat = np.exp(np.log(p.dur_exposed[0]) - s2 / 2 + np.sqrt(s2) * rng.standard_normal(inc.size))
    rng_inc = inc[rng.permutation(inc.size)]  # incubation is independent of the latent draw
    join = np.maximum(0, np.floor(rng.random(inc.size) + np.minimum(lat, rng_inc)) - 1)
    got = ag.column("t_infectious")
    assert abs(got.mean() - join.mean()) < 4 * np.hypot(got.std(), join.std()) / np.sqrt(got.size)
    asym = ag.severity == 0
    dur = (ag.column("t_end") - np.floor(ag.column("t_onset_exact")).astype(int))[asym]
    mean, sd = p.dur_asymptomatic
    s2 = np.log1p((sd / mean) ** 2)
    dist = stats.lognorm(s=np.sqrt(s2), scale=np.exp(np.log(mean) - s2 / 2))
    k = np.arange(1, 200)
    pk = dist.cdf(k + 0.5) - dist.cdf(np.where(k == 1, 0.0, k - 0.5))
    expected = (k * pk).sum()
    assert abs(dur.mean() - expected) < 4 * dur.std() / np.sqrt(dur.size)


def test_ct_trajectory_misses_early_and_late_infections() -> None:
    """RNA is undetectable on the day of infection (when the incubation period is longer than
    the proliferation phase) and long after recovery, and lowest (peak viral load) on the day of
    symptom onset (Kissler et al. 2021)."""
    sim, p = _infected(30, n=2_000, n_days=60)
    ag, world = sim.agents, sim.world
    undet = p.ct_undetectable
    symp = np.flatnonzero(ag.severity >= SEV_MILD)[:200]
    for j in symp:
        onset = ag.column("t_symptom")[j]
        cts = np.array([ct_value(ag, world, j, d) for d in range(0, 60)])
        if onset >= 4:
            assert cts[0] == undet
        assert cts[59] == undet
        assert cts.argmin() == onset
    # Share detectable at the peak is the share of peak Ct below the cut-off.
    peaks = np.array([ct_value(ag, world, j, ag.column("t_symptom")[j]) for j in symp])
    assert (peaks < p.test_ct_cutoff).mean() > 0.9
