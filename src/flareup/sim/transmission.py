"""One day of transmission, computed from the infectious agents outward.

Each infectious agent, unless isolated, meets: every household member; in the dormitory,
workplace and school layers ``min(contacts, group size - 1)`` random co-members a day on average;
in the community layer ``contacts`` random people of its own area; between areas a few people of
other areas, the destination area drawn from a gravity kernel. ``beta`` of a layer is the daily
hazard of transmission per contact (for the small values used, the probability); it is multiplied
by the infector's relative infectiousness, the contact's age-dependent susceptibility and the
day's scaling of the layer in the infector's area (lockdown, school closure, movement limits).

The transmitting contacts are drawn directly by Poisson thinning (Lewis & Shedler 1979): in a
group of m others with per-pair hazard ``h * s_j``, transmissions form a Poisson process of rate
``m * h * s_max`` whose events hit a uniform random member and succeed with ``s_j / s_max`` (and
only on the susceptible). The cost of a day is one Poisson draw per infectious agent and layer
plus a few memory reads per *transmission attempt*; the member lists' positions are copied into
the infectious agent's record (``disease.I_GROUP0``) so the daily scan reads memory in order.
Contacts that did not transmit are needed only by contact tracing, which draws them from the same
distribution when it asks (see ``interventions.ContactTracing``).

Quarantined agents (centralised quarantine, as in China in 2020) leave every layer; with
``quarantine_at_home`` they keep their household contacts. Isolated agents leave every layer.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import (
    C_SUS_MAX,
    I_AGENT,
    I_AREA,
    I_GROUP0,
    I_ISOLATED,
    I_QUARANTINED,
    K_LAYER0,
    World,
    infect,
)
from flareup.sim.networks import Layers
from flareup.sim.params import BETWEEN, HOUSEHOLD
from flareup.sim.people import U_ISOLATED, U_QUARANTINED, E, S
from flareup.sim.streams import poisson, uniform


@njit(cache=True, inline="always")
def _eligible(ag, j: np.int64, day: int, at_home: bool, household: bool) -> bool:
    if ag.state[j] != S or ag.until[j, U_ISOLATED] > day:
        return False
    return not (ag.until[j, U_QUARANTINED] > day and not (at_home and household))


@njit(cache=True, inline="always")
def _mark(ag, world: World, j: np.int64, i: np.int64, layer: int) -> None:
    """Record an infection; ``infect`` runs after the scan (one call site: cheaper code)."""
    ag.state[j] = E  # no second infection of j today
    n = world.n_new[0]
    world.new_inf[n, 0] = j
    world.new_inf[n, 1] = i
    world.new_inf[n, 2] = layer
    world.n_new[0] = n + 1


@njit(cache=True, inline="always")
def _attempts(ag, world: World, i: np.int64, day: int, idx: np.ndarray, start: int,
              size: int, layer: int, rate: float, at_home: bool, contiguous: bool) -> None:
    """Poisson(rate) transmission attempts on uniform random others of a member list."""
    key = world.keys[K_LAYER0 + layer]
    m = poisson(rate, uniform(key, i, day, 0))
    if m == 0:
        return
    sus_max = world.consts[C_SUS_MAX]
    household = layer == HOUSEHOLD
    for k in range(m):
        r = np.int64(uniform(key, i, day, 1 + 2 * k) * (size - 1))
        j = start + r if contiguous else np.int64(idx[start + r])
        if j == i:  # i is somewhere in its own list: the last member stands in for it
            j = start + size - 1 if contiguous else np.int64(idx[start + size - 1])
        if not _eligible(ag, j, day, at_home, household):
            continue
        if uniform(key, i, day, 2 + 2 * k) * sus_max < world.age_table[ag.agebin[j], 0]:
            _mark(ag, world, j, i, layer)


@njit(cache=True)
def transmit(ag, world: World, L: Layers, day: int, betas: np.ndarray,
             contacts: np.ndarray, scale: np.ndarray, dest_scale: np.ndarray,
             at_home: bool) -> None:
    """Infections of ``day`` from every infectious agent (see the module docstring)."""
    sus_max = world.consts[C_SUS_MAX]
    n_inf = world.n_inf[0]
    n_areas = L.gravity_cum.shape[0]
    idxs = (L.hh_idx, L.dorm_idx, L.work_idx, L.school_idx, L.area_idx)
    world.n_new[0] = 0
    # inf_rec is not reordered during transmission: the newly infected are not yet infectious.
    for p in range(n_inf):
        rec = world.inf_rec[p]
        if rec[I_ISOLATED] > day:
            continue
        quarantined = rec[I_QUARANTINED] > day
        if quarantined and not at_home:
            continue
        i = np.int64(rec[I_AGENT])
        a = rec[I_AREA]
        base = world.inf_relinf[p] * sus_max
        for layer in range(5):  # household, dormitory, workplace, school, community
            if quarantined and layer != HOUSEHOLD:
                break
            size = rec[I_GROUP0 + 2 * layer + 1]
            if size <= 1:
                continue
            h = base * betas[layer] * scale[a, layer]
            if h <= 0.0:
                continue
            others = size - 1
            if layer == HOUSEHOLD:
                rate = h * others
            else:
                c = contacts[layer]
                rate = h * (c if c < others else others)
            _attempts(ag, world, i, day, idxs[layer], np.int64(rec[I_GROUP0 + 2 * layer]),
                      np.int64(size), layer, rate, at_home, L.contiguous[layer])
        if quarantined:
            continue
        h = base * betas[BETWEEN] * scale[a, BETWEEN] * contacts[BETWEEN]
        if h > 0.0 and n_areas > 1 and L.gravity_cum[a, n_areas - 1] > 0.0:
            key = world.keys[K_LAYER0 + BETWEEN]
            m = poisson(h, uniform(key, i, day, 0))
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
                    _mark(ag, world, j, i, BETWEEN)
    for q in range(world.n_new[0]):
        infect(ag, world, np.int64(world.new_inf[q, 0]), day, np.int64(world.new_inf[q, 1]),
               world.new_inf[q, 2])
