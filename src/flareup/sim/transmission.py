# mypy: disable-error-code="arg-type"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""One day of transmission, computed from the infectious agents outward.

Each infectious agent, unless isolated, meets: every household member; in the dormitory,
workplace and school layers ``min(contacts, group size - 1)`` random co-members a day on average;
in the community layer ``contacts`` random people of its own area; between areas a few people of
other areas, the destination area drawn from a gravity kernel. ``beta`` of a layer is the daily
hazard of transmission per contact (for the small values used, the probability); it is multiplied
by the infector's relative infectiousness on this day of its infection (``disease.inf_weight``:
the mass of its infectiousness profile within the day), the contact's age-dependent
susceptibility and the day's scaling of the layer in the infector's area (lockdown, school
closure, movement limits). A transmission happens at a time of the day drawn from the infector's
profile within that day (``disease.transmission_time``), so intervals are continuous.

The transmitting contacts are drawn directly by Poisson thinning (Lewis & Shedler 1979): in a
group of m others with per-pair hazard ``h * s_j``, transmissions form a Poisson process of rate
``m * h * s_max`` whose events hit a uniform random member and succeed with ``s_j / s_max`` (and
only on the susceptible). The layers' processes are superposed: one Poisson draw per infectious
agent for all its layers, each attempt then falling in a layer in proportion to its rate. The
cost of a day is one Poisson draw per infectious agent plus a few memory reads per *attempt*; the member lists' positions are copied into
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
    C_UNTIL_MAX,
    I_AGENT,
    I_AREA,
    I_GROUP0,
    I_ISOLATED,
    I_QUARANTINED,
    K_ATTEMPTS,
    K_TIME,
    T_CDF,
    T_CUT,
    T_END,
    T_ONSET,
    T_START,
    World,
    _infect,
    inf_cdf,
    time_within,
)
from flareup.sim.networks import Layers
from flareup.sim.params import BETWEEN, COMMUNITY, DORMITORY, HOUSEHOLD, SCHOOL, WORKPLACE
from flareup.sim.people import R_CHILD_NEXT, U_ISOLATED, U_QUARANTINED, Agents, E, S
from flareup.sim.streams import poisson, uniform


@njit(cache=True, inline="always")
def _group_rate(
    inf_rec: np.ndarray,
    p: int,
    layer: int,
    base: float,
    betas: np.ndarray,
    contacts: np.ndarray,
    scale: np.ndarray,
    a: int,
    quarantined: bool,
) -> float:
    """Rate of transmission attempts of infectious record ``p`` in a group layer: every other
    member (household) or ``contacts`` of them a day, at most all."""
    size = np.int64(inf_rec[p, I_GROUP0 + 2 * layer + 1])
    if size > 1 and (layer == HOUSEHOLD or not quarantined):
        others = size - 1
        c = contacts[layer]
        if layer == HOUSEHOLD or c > others:
            c = others
        result: float = base * betas[layer] * scale[a, layer] * c
        return result
    return 0.0


# _nrt=False: no reference counting of arrays in this kernel or what it calls (numba otherwise
# counts a reference, with atomic instructions, to each array passed to a helper, at each call;
# that was a fifth of the run). Nothing here allocates.
@njit(cache=True, _nrt=False)  # type: ignore[call-overload, untyped-decorator]  # numba's stubs lack _nrt
def transmit(
    ag: Agents,
    world: World,
    L: Layers,
    day: int,
    betas: np.ndarray,
    contacts: np.ndarray,
    scale: np.ndarray,
    dest_scale: np.ndarray,
    at_home: bool,
) -> None:
    """Infections of ``day`` from every infectious agent (see the module docstring).

    Written as one flat loop over plain arrays taken out of the named tuples once: passing the
    tuples into helpers made numba count references to every array they hold at each call.
    """
    state, until, agebin = ag.state, ag.until, ag.agebin
    rec, child_head = ag.rec, ag.child_head
    sus = world.age_table[:, 0]
    keys = world.keys
    inf_rec, inf_relinf, inf_t = world.inf_rec, world.inf_relinf, world.inf_t
    new_inf, new_time = world.new_inf, world.new_time
    prof = world.consts
    ktime = keys[K_TIME]
    contiguous = L.contiguous
    hh_idx, dorm_idx, work_idx, school_idx, area_idx = (
        L.hh_idx,
        L.dorm_idx,
        L.work_idx,
        L.school_idx,
        L.area_idx,
    )
    gravity_cum, area_ptr = L.gravity_cum, L.area_ptr
    sus_max = world.consts[C_SUS_MAX]
    screen = world.consts[C_UNTIL_MAX] > day  # anyone isolated or quarantined today?
    n_inf = world.n_inf[0]
    n_areas = gravity_cum.shape[0]
    n_new = 0
    key = keys[K_ATTEMPTS]
    # inf_rec is not reordered during transmission: the newly infected are not yet infectious.
    for p in range(n_inf):
        if inf_rec[p, I_ISOLATED] > day:
            continue
        quarantined = inf_rec[p, I_QUARANTINED] > day
        if quarantined and not at_home:
            continue
        i = np.int64(inf_rec[p, I_AGENT])
        a = inf_rec[p, I_AREA]
        # Today's share of the agent's infectiousness (its profile's mass within the day):
        # inf_weight's CDF difference, the lower CDF taken from yesterday's upper one when
        # today starts where that ended (T_CUT), so one exponential per agent-day.
        t_on = inf_t[p, T_ONSET]
        lo = max(float(day), inf_t[p, T_START])
        hi = min(float(day + 1), inf_t[p, T_END])
        if hi <= lo:
            continue
        f_lo = inf_t[p, T_CDF] if inf_t[p, T_CUT] == lo else inf_cdf(prof, lo - t_on)
        f_hi = inf_cdf(prof, hi - t_on)
        inf_t[p, T_CUT] = hi
        inf_t[p, T_CDF] = f_hi
        w = f_hi - f_lo
        if w <= 0.0:
            continue
        base = inf_relinf[p] * sus_max * w
        # Rate of transmission attempts in each layer (household, dormitory, workplace, school,
        # community, between areas); one Poisson draw for their sum, then a layer per attempt
        # in proportion to its rate (superposition of Poisson processes).
        r0 = _group_rate(inf_rec, p, HOUSEHOLD, base, betas, contacts, scale, a, quarantined)
        r1 = _group_rate(inf_rec, p, DORMITORY, base, betas, contacts, scale, a, quarantined)
        r2 = _group_rate(inf_rec, p, WORKPLACE, base, betas, contacts, scale, a, quarantined)
        r3 = _group_rate(inf_rec, p, SCHOOL, base, betas, contacts, scale, a, quarantined)
        r4 = _group_rate(inf_rec, p, COMMUNITY, base, betas, contacts, scale, a, quarantined)
        r5 = 0.0
        if not quarantined and n_areas > 1 and gravity_cum[a, n_areas - 1] > 0.0:
            r5 = base * betas[BETWEEN] * scale[a, BETWEEN] * contacts[BETWEEN]
        rates = (r0, r1, r2, r3, r4, r5)
        total = r0 + r1 + r2 + r3 + r4 + r5
        if total <= 0.0:
            continue
        m = poisson(total, uniform(key, i, day, 0))
        for k in range(m):
            u = uniform(key, i, day, 1 + 3 * k) * total
            layer = 0
            while layer < 5 and u >= rates[layer]:
                u -= rates[layer]
                layer += 1
            if layer == BETWEEN:
                # Destination area by the gravity kernel, then anyone there.
                u = uniform(key, i, day, 2 + 3 * k)
                b = 0
                while b < n_areas - 1 and gravity_cum[a, b] <= u:
                    b += 1
                start = area_ptr[b]
                size = area_ptr[b + 1] - start
                if size == 0:
                    continue
                # Reuse the fraction of u within its bin as the uniform for the person.
                lo = gravity_cum[a, b - 1] if b > 0 else 0.0
                frac = (u - lo) / max(gravity_cum[a, b] - lo, 1e-300)
                j = np.int64(area_idx[start + min(np.int64(frac * size), size - 1)])
                if state[j] != S or (
                    screen and (until[j, U_ISOLATED] > day or until[j, U_QUARANTINED] > day)
                ):
                    continue
                accept = sus[agebin[j]] * dest_scale[b]
            else:
                start = np.int64(inf_rec[p, I_GROUP0 + 2 * layer])
                others = np.int64(inf_rec[p, I_GROUP0 + 2 * layer + 1]) - 1
                r = np.int64(uniform(key, i, day, 2 + 3 * k) * others)
                if contiguous[layer]:
                    j = start + r
                    if j == i:  # i is in its own list: the last member stands in for it
                        j = start + others
                else:
                    # Each layer's list read in its own branch: binding one of several arrays to
                    # a variable here made numba count references (two atomic calls) on every
                    # attempt.
                    if layer == DORMITORY:
                        j = np.int64(dorm_idx[start + r])
                        if j == i:
                            j = np.int64(dorm_idx[start + others])
                    elif layer == WORKPLACE:
                        j = np.int64(work_idx[start + r])
                        if j == i:
                            j = np.int64(work_idx[start + others])
                    elif layer == SCHOOL:
                        j = np.int64(school_idx[start + r])
                        if j == i:
                            j = np.int64(school_idx[start + others])
                    elif layer == HOUSEHOLD:
                        j = np.int64(hh_idx[start + r])
                        if j == i:
                            j = np.int64(hh_idx[start + others])
                    else:
                        j = np.int64(area_idx[start + r])
                        if j == i:
                            j = np.int64(area_idx[start + others])
                if state[j] != S:
                    continue
                if screen and (
                    until[j, U_ISOLATED] > day
                    or (until[j, U_QUARANTINED] > day and not (at_home and layer == HOUSEHOLD))
                ):
                    continue
                accept = sus[agebin[j]]
            if uniform(key, i, day, 3 + 3 * k) * sus_max < accept:
                state[j] = E  # no second infection of j today; infect() runs below
                # j joins i's list of children here, while i's entry is in cache (infect()
                # below would link them in the same order, one cache miss each).
                rec[j, R_CHILD_NEXT] = child_head[i]
                child_head[i] = j
                new_inf[n_new, 0] = j
                new_inf[n_new, 1] = i
                new_inf[n_new, 2] = layer
                new_time[n_new] = time_within(
                    prof, t_on, lo, hi, f_lo, f_hi, uniform(ktime, i, day, k)
                )
                n_new += 1
    world.n_new[0] = n_new
    severity, layer_of, area = ag.severity, ag.layer, ag.area
    counts, head, age_table, dur = world.counts, world.head, world.age_table, world.dur
    queue, qfree = world.queue, world.qfree
    for q in range(n_new):
        _infect(
            agebin,
            severity,
            state,
            layer_of,
            rec,
            child_head,
            area,
            counts,
            head,
            queue,
            qfree,
            age_table,
            dur,
            keys,
            ag.tc,
            np.int64(new_inf[q, 0]),
            new_time[q],
            np.int64(new_inf[q, 1]),
            new_inf[q, 2],
            False,
        )
