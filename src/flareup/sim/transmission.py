"""One day of transmission, computed from the infectious agents outward.

For each infectious agent not isolated: every household member (each contact transmits with
probability beta_household x infectiousness x susceptibility x the day's layer scaling); in the
dormitory, workplace and school layers a Poisson number of random co-members (mean
``min(contacts, group size - 1)``); in the community layer a Poisson number of random people of the
same area; between areas a few contacts in other areas, chosen by the gravity kernel.

In the random-mixing layers the contacts that transmit are drawn directly by Poisson thinning:
with contact rate c and per-contact probability beta * r * s_j, the transmitting contacts form a
Poisson process of rate c * beta * r * s_max thinned by s_j / s_max (Lewis & Shedler 1979), so the
cost is one draw per infectious agent and layer plus one per transmission, not one per contact.
Contacts that did not transmit are only needed by contact tracing, which draws them from the same
distribution when it asks (see interventions.ContactTracing). The per-contact probabilities enter
as rates (a contact with ``beta * r * s > 1`` may transmit "more than once", i.e. with certainty),
the usual continuous-time reading; every default stays far below 1.

Quarantined agents (centralised quarantine, as in China in 2020) leave every layer; with
``quarantine_at_home`` they keep their household contacts. Isolated agents leave every layer.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import C_SUS_MAX, K_LAYER0, World, infect
from flareup.sim.networks import Layers
from flareup.sim.params import BETWEEN, COMMUNITY, DORMITORY, HOUSEHOLD, SCHOOL, WORKPLACE
from flareup.sim.people import S
from flareup.sim.streams import poisson, uniform


@njit(cache=True, inline="always")
def _eligible(ag, j: np.int64, day: int, at_home: bool, household: bool) -> bool:  # noqa: ANN001
    if ag.state[j] != S or ag.isolated_until[j] > day:
        return False
    return not (ag.quarantined_until[j] > day and not (at_home and household))


@njit(cache=True, inline="always")
def _random_group(ag, world: World, i: np.int64, day: int, ptr: np.ndarray, idx: np.ndarray,  # noqa: ANN001
                  g: int, layer: int, rate: float, contacts: float, at_home: bool) -> None:
    if g < 0:
        return
    start = ptr[g]
    size = ptr[g + 1] - start
    if size <= 1:
        return
    c = contacts if contacts < size - 1 else float(size - 1)
    key = world.keys[K_LAYER0 + layer]
    m = poisson(c * rate, uniform(key, i, day, 0))
    sus_max = world.consts[C_SUS_MAX]
    for k in range(m):
        r = np.int64(uniform(key, i, day, 1 + 2 * k) * (size - 1))
        j = np.int64(idx[start + r])
        if j == i:
            j = np.int64(idx[start + size - 1])
        if not _eligible(ag, j, day, at_home, False):
            continue
        if uniform(key, i, day, 2 + 2 * k) * sus_max < world.age_table[ag.agebin[j], 0]:
            infect(ag, world, j, day, i, layer)


@njit(cache=True)
def transmit(ag, world: World, L: Layers, day: int, betas: np.ndarray,  # noqa: ANN001
             contacts: np.ndarray, scale: np.ndarray, dest_scale: np.ndarray,
             at_home: bool) -> None:
    """Infections of ``day`` from every infectious agent (see the module docstring)."""
    sus_max = world.consts[C_SUS_MAX]
    n_inf = world.n_inf[0]
    kh = world.keys[K_LAYER0 + HOUSEHOLD]
    for p in range(n_inf):
        i = np.int64(world.inf_list[p])
        if ag.isolated_until[i] > day:
            continue
        quarantined = ag.quarantined_until[i] > day
        if quarantined and not at_home:
            continue
        a = ag.area[i]
        ri = ag.rel_inf[i]
        # Household: every member, every day.
        h = ag.household[i]
        bh = betas[HOUSEHOLD] * ri * scale[a, HOUSEHOLD]
        if bh > 0.0 and h >= 0:
            for q in range(L.hh_ptr[h], L.hh_ptr[h + 1]):
                j = np.int64(L.hh_idx[q])
                if j == i or not _eligible(ag, j, day, at_home, True):
                    continue
                if uniform(kh, i, day, j) < bh * world.age_table[ag.agebin[j], 0]:
                    infect(ag, world, j, day, i, HOUSEHOLD)
        if quarantined:
            continue
        rate = ri * sus_max
        for layer in (DORMITORY, WORKPLACE, SCHOOL):
            r = rate * betas[layer] * scale[a, layer]
            if r <= 0.0:
                continue
            if layer == DORMITORY:
                _random_group(ag, world, i, day, L.dorm_ptr, L.dorm_idx, ag.dormitory[i], layer,
                              r, contacts[layer], at_home)
            elif layer == WORKPLACE:
                _random_group(ag, world, i, day, L.work_ptr, L.work_idx, ag.workplace[i], layer,
                              r, contacts[layer], at_home)
            else:
                _random_group(ag, world, i, day, L.school_ptr, L.school_idx, ag.school[i], layer,
                              r, contacts[layer], at_home)
        r = rate * betas[COMMUNITY] * scale[a, COMMUNITY]
        if r > 0.0:
            _random_group(ag, world, i, day, L.area_ptr, L.area_idx, a, COMMUNITY, r,
                          contacts[COMMUNITY], at_home)
        r = rate * betas[BETWEEN] * scale[a, BETWEEN]
        n_areas = L.gravity_cum.shape[0]
        if r > 0.0 and n_areas > 1 and L.gravity_cum[a, n_areas - 1] > 0.0:
            key = world.keys[K_LAYER0 + BETWEEN]
            m = poisson(contacts[BETWEEN] * r, uniform(key, i, day, 0))
            for k in range(m):
                b = np.searchsorted(L.gravity_cum[a], uniform(key, i, day, 1 + 3 * k),
                                    side="right")
                if b >= n_areas:
                    b = n_areas - 1
                start = L.area_ptr[b]
                size = L.area_ptr[b + 1] - start
                if size == 0:
                    continue
                j = np.int64(L.area_idx[start + np.int64(uniform(key, i, day, 2 + 3 * k) * size)])
                if not _eligible(ag, j, day, at_home, False):
                    continue
                u = uniform(key, i, day, 3 + 3 * k) * sus_max
                if u < world.age_table[ag.agebin[j], 0] * dest_scale[b]:
                    infect(ag, world, j, day, i, BETWEEN)
