"""The engine against epidemic theory: final size, R0 of the first generation, household SAR.

Set-up shared by these tests: one area, everyone in their own household except where said, only
the community layer (Poisson contacts with uniform random others, per-contact daily hazard beta),
every infection asymptomatic with relative infectiousness 1 and susceptibility 1, so the model is
the general stochastic SEIR epidemic in which each infection's total infectiousness is
``infectious_days`` = T (spread over time by the infectiousness profile, whatever its shape) and
R0 = c * beta * T (each unit of infectiousness exposes every other person to hazard
c * beta / (N - 1)).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, stats

from flareup.sim import Params, Sim
from flareup.sim.disease import daily_infectiousness
from flareup.sim.population import make_population

N_BINS = 10
ZERO = (0.0,) * N_BINS


def _params(**kw: object) -> Params:
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
        beta_between=0.0,
        contacts_community=10.0,
        dur_asymptomatic=(8.0, 2.0),
    )
    base.update(kw)
    return Params().replace(**base)


def _rounded_lognormal_moments(mean: float, sd: float) -> tuple[float, float]:
    """Mean and variance of max(1, round(X)), X lognormal with this mean and sd (as the engine)."""
    s2 = np.log1p((sd / mean) ** 2)
    dist = stats.lognorm(s=np.sqrt(s2), scale=np.exp(np.log(mean) - s2 / 2))
    k = np.arange(1, 400)
    lo = np.where(k == 1, 0.0, k - 0.5)
    p = dist.cdf(k + 0.5) - dist.cdf(lo)
    m = float((k * p).sum())
    return m, float((k**2 * p).sum() - m**2)


def _well_mixed(n: int, households: np.ndarray | None = None):
    hh = np.arange(n) if households is None else households
    return make_population(hh)


def _final_size(r0: float, i0: float) -> float:
    """Solve 1 - tau = (1 - i0) exp(-R0 tau) for the major-outbreak root."""
    return optimize.brentq(lambda t: 1 - t - (1 - i0) * np.exp(-r0 * t), 1e-6, 1 - 1e-12)


@pytest.mark.parametrize(
    ("r0", "latent"),
    [
        (1.5, (4.5, 1.5)),
        (2.0, (4.5, 1.5)),
        (3.0, (4.5, 1.5)),
        (2.0, (0.3, 0.1)),
        (2.0, (3.0, 1.0)),
    ],
)
def test_final_size_matches_sir_relation(r0: float, latent: tuple[float, float]) -> None:
    """Final size z = 1 - exp(-R0 z) (Kermack & McKendrick 1927), whatever the latent period
    (``latent``: ``dur_exposed``, which truncates the start of the profile).

    Tolerance from the central limit theorem for the final size of the general stochastic
    epidemic (von Bahr & Martin-Löf 1980; Andersson & Britton 2000, Thm 4.2):
    sqrt(N) (Z/N - tau) -> Normal(0, s2), s2 = tau (1 - tau) [1 + cv^2 R0^2 (1 - tau)] /
    [1 - R0 (1 - tau)]^2, cv the coefficient of variation of the total infectiousness (0 here:
    every infection's is T); we allow 4.5 standard deviations (a false alarm about once in
    150,000 runs).
    """
    n, seeds, c = 20_000, 20, 10.0
    mean_d, var_d = Params().infectious_days, 0.0
    beta = r0 / (c * mean_d)
    p = _params(beta_community=beta, dur_exposed=latent)
    sim = Sim(_well_mixed(n), p, n_days=500, seed=11, initial_infections=seeds)
    res = sim.run()
    active = res.series("exposed_current")[-1] + res.series("infectious_current")[-1]
    assert active == 0, "epidemic should be over"
    z = res.total("infections_new") / n
    tau = _final_size(r0, seeds / n)
    cv2 = var_d / mean_d**2
    s2 = tau * (1 - tau) * (1 + cv2 * r0**2 * (1 - tau)) / (1 - r0 * (1 - tau)) ** 2
    assert abs(z - tau) < 4.5 * np.sqrt(s2 / n), (z, tau)


def test_first_generation_matches_r0() -> None:
    """Mean secondary infections of index cases = c * beta * T (x the susceptible share).

    2,000 index cases in 200,000 people, with individual infectiousness dispersed (gamma,
    k = 0.45, mean 1) to show that dispersion leaves the mean unchanged. Given each index case's
    own daily infectiousness v_id (relative infectiousness x its profile's mass in day d, summing
    to r_i T) and the susceptible share s_d of each day, its offspring count is Poisson with mean
    c beta sum_d v_id s_d; the total is checked against the sum of these means within 4 Poisson
    standard deviations, and the mean against the configured R0 within 4 standard errors of the
    mean (the empirical offspring sd / sqrt(n), the depletion of susceptibles corrected).
    """
    n, seeds, c, r0 = 200_000, 2_000, 10.0, 2.5
    mean_d = Params().infectious_days
    beta = r0 / (c * mean_d)
    p = _params(beta_community=beta, dispersion_k=0.45)
    sim = Sim(_well_mixed(n), p, n_days=40, seed=5, initial_infections=seeds)
    res = sim.run()
    ag = sim.agents
    idx = np.flatnonzero(ag.layer == -2)
    assert idx.size == seeds
    infector = ag.column("infector")
    kids = np.bincount(infector[infector >= 0], minlength=n)[idx]
    # Susceptible share at the start of each day.
    new = res.series("infections_new")
    susceptible = (n - np.concatenate([[0], np.cumsum(new)[:-1]])) / (n - 1)
    # Daily infectiousness over 200 days (a long incubation can run past the 40 simulated).
    daily = np.array([daily_infectiousness(ag, sim.world, j, 200) for j in idx])
    assert np.allclose(daily.sum(axis=1), ag.rel_inf[idx] * mean_d, rtol=1e-5)
    mu = c * beta * daily[:, :40] @ susceptible
    assert abs(kids.sum() - mu.sum()) < 4 * np.sqrt(mu.sum())
    share = mu.sum() / (c * beta * daily.sum())
    se = kids.std(ddof=1) / np.sqrt(seeds)
    assert abs(kids.mean() - r0 * share) < 4 * se, (kids.mean(), r0 * share, se)


def test_household_secondary_attack_rate() -> None:
    """Household SAR = 1 - exp(-beta_h T) for an index case and one household contact.

    5,000 two-person households, one index case each, only the household layer. Each contact's
    infection is a Bernoulli trial with that probability (exactly, since the index's total
    infectiousness is T and the only other person who could infect it is the index); the count
    is checked within 4 binomial standard deviations of the configured value.
    """
    n_hh, beta_h = 5_000, 0.06
    n = 2 * n_hh
    p = _params(beta_household=beta_h, beta_community=0.0)
    seeds = np.arange(0, n, 2)
    sim = Sim(
        _well_mixed(n, households=np.arange(n) // 2), p, n_days=60, seed=9, initial_infections=seeds
    )
    sim.run()
    ag = sim.agents
    contacts = seeds + 1
    infected = ag.column("t_infected")[contacts] >= 0
    sar = 1 - np.exp(-beta_h * p.infectious_days)
    assert abs(infected.mean() - sar) < 4 * np.sqrt(sar * (1 - sar) / n_hh), (infected.mean(), sar)


def test_household_final_size_with_unequal_susceptibility() -> None:
    """Households of an index case, an adult and a child (susceptibility 1 and 0.4), only the
    household layer: a final-size (Reed-Frost) check of the household envelope, which is the
    sum of the susceptibilities of the members still susceptible when an agent becomes
    infectious and picks its target among those susceptible at the attempt
    (``transmission._scan``). Each infection's total infectiousness is T, so each member
    escapes each infector with probability exp(-beta x its susceptibility x T) whatever the
    timing (Ball 1986), and the outcome probabilities are those of the chain binomial: none
    q_a q_c, the adult only (1 - q_a) q_c^2, the child only (1 - q_c) q_a^2, both the rest.
    Later infections of the adult hit only the child, and an index's attempts after the adult's
    infection hit only the child, so a wrong envelope or pick moves these shares; each within 4
    binomial standard deviations."""
    n_hh, beta_h = 6_000, 0.06
    n = 3 * n_hh
    k = np.arange(n)
    sus = (0.4,) + (1.0,) * (N_BINS - 1)
    p = _params(beta_household=beta_h, beta_community=0.0, susceptibility=sus)
    pop = make_population(k // 3, age=np.where(k % 3 == 2, 5, 40))
    seeds = np.arange(0, n, 3)
    sim = Sim(pop, p, n_days=90, seed=11, initial_infections=seeds)
    sim.run()
    infected = sim.agents.column("t_infected") >= 0
    adult, child = infected[seeds + 1], infected[seeds + 2]
    t = p.infectious_days
    qa, qc = np.exp(-beta_h * t), np.exp(-beta_h * 0.4 * t)
    expected = {
        (False, False): qa * qc,
        (True, False): (1 - qa) * qc**2,
        (False, True): (1 - qc) * qa**2,
    }
    expected[(True, True)] = 1 - sum(expected.values())
    for (a, c), pr in expected.items():
        got = float(((adult == a) & (child == c)).mean())
        assert abs(got - pr) < 4 * np.sqrt(pr * (1 - pr) / n_hh), ((a, c), got, pr)


@pytest.mark.parametrize("factor", [0.4, 1.8])
def test_layer_scaling_scales_the_household_attack_rate(factor: float) -> None:
    """SAR = 1 - exp(-beta_h x factor x T) with the household layer scaled by ``factor`` for the
    whole run: below 1 the attempts of each infection's envelope process are thinned, above 1
    the daily excess process adds the rest (transmission.py); the same 4-sd binomial check."""
    from flareup.sim.interventions import Lockdown

    n_hh, beta_h = 5_000, 0.06
    n = 2 * n_hh
    p = _params(beta_household=beta_h, beta_community=0.0)
    seeds = np.arange(0, n, 2)
    sim = Sim(
        _well_mixed(n, households=np.arange(n) // 2),
        p,
        [Lockdown(layers={"household": factor})],
        n_days=60,
        seed=9,
        initial_infections=seeds,
    )
    sim.run()
    infected = sim.agents.column("t_infected")[seeds + 1] >= 0
    sar = 1 - np.exp(-beta_h * factor * p.infectious_days)
    assert abs(infected.mean() - sar) < 4 * np.sqrt(sar * (1 - sar) / n_hh), (infected.mean(), sar)


def test_school_attack_rate_with_the_layers_own_envelope() -> None:
    """A layer's envelope uses the largest susceptibility among its members
    (``transmission.layer_sus_max``): schools of two children (susceptibility 0.4; adults 1.0
    live in the households but are in no school), only the school layer. The child contact's
    infection is a Bernoulli trial with probability 1 - exp(-beta x 0.4 x T) (contacts capped at
    the one other member); checked within 4 binomial standard deviations."""
    from flareup.sim.transmission import layer_agebins, layer_sus_max

    n_sch, beta = 5_000, 0.08
    n = 3 * n_sch  # per school: two children, and an adult in the first child's household
    k = np.arange(n)
    child = k % 3 < 2
    age = np.where(child, 8, 40)
    sus = (0.4,) + (1.0,) * (N_BINS - 1)
    p = _params(beta_school=beta, beta_community=0.0, susceptibility=sus, contacts_school=5.0)
    pop = make_population(
        np.where(k % 3 == 1, k, k - k % 3), age=age, school=np.where(child, k // 3, -1)
    )
    seeds = np.arange(0, n, 3)
    sim = Sim(pop, p, n_days=60, seed=9, initial_infections=seeds)
    sim.initialize()
    L = sim.layers
    bins = layer_agebins(sim.agents.agebin, L.dorm_idx, L.work_idx, L.school_idx, N_BINS)
    smax = layer_sus_max(bins, np.array(sus))
    assert np.allclose(smax[[0, 3, 4]], [1.0, 0.4, 1.0])
    sim.run()
    infected = sim.agents.column("t_infected")[seeds + 1] >= 0
    sar = 1 - np.exp(-beta * 0.4 * p.infectious_days)
    assert abs(infected.mean() - sar) < 4 * np.sqrt(sar * (1 - sar) / n_sch), (infected.mean(), sar)
