"""Natural history: infection, scheduled stage transitions, and the Ct (viral load) trajectory.

Course (Covasim's structure, Kerr et al. 2021): exposed -> presymptomatic -> mild -> severe ->
critical -> dead, with recovery possible from mild, severe and critical; or exposed ->
asymptomatic -> recovered. Which course an infection takes is drawn at infection from the
age-dependent probabilities in :class:`~flareup.sim.params.Params`; each stage's duration is drawn
when the stage starts. Transitions are *scheduled*: an agent sits in the bucket of the day of its
next transition (a bucket queue of singly linked lists, one per day), and each day only that
day's bucket is walked -- never the whole population.

Every draw is a counter-based uniform keyed by the agent (:mod:`flareup.sim.streams`), so an
agent's course is the same in every scenario of a paired comparison whenever it is infected.

Ct trajectory (Kissler et al. 2021 PLoS Biol): piecewise linear in Ct, from undetectable to the
peak over the proliferation phase (peak at symptom onset, or a day after infectiousness starts
for asymptomatic infections) and back over the clearance phase, longer for symptomatic ones.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from flareup.sim.params import (
    D_ASYM,
    D_CRIT2DIE,
    D_CRITICAL,
    D_EXPOSED,
    D_MILD,
    D_PRESYMP,
    D_SEV2CRIT,
    D_SEVERE,
    D_SYM2SEV,
)
from flareup.sim.people import (
    ASYM,
    CL_ASYMPTOMATIC,
    CL_CONFIRMED,
    CL_RECLASSIFIED,
    CRIT,
    DEAD,
    MILD,
    PRE,
    R_CHILD_NEXT,
    R_INFECTOR,
    R_NEXT_DAY,
    R_NEXT_LINK,
    R_T_END,
    R_T_INFECTED,
    R_T_INFECTIOUS,
    R_T_SYMPTOM,
    REC,
    SEV_CRITICAL,
    SEV_DEATH,
    SEV_MILD,
    SEV_SEVERE,
    SEVERE,
    U_ISOLATED,
    U_QUARANTINED,
    E,
)
from flareup.sim.results_idx import (
    M_ASYMPTOMATIC_CUR,
    M_CONFIRMED_CUR,
    M_CONFIRMED_NEW,
    M_CRITICAL_CUR,
    M_DEATHS_NEW,
    M_DEATHS_TRUE_NEW,
    M_EXPOSED_CUR,
    M_INFECTIONS_NEW,
    M_INFECTIOUS_CUR,
    M_ISOLATED_CUR,
    M_RECLASSIFIED_NEW,
    M_RECOVERED_NEW,
    M_RELEASED_NEW,
    M_SEVERE_CUR,
)
from flareup.sim.streams import gamma_mean1, normal, uniform

# Stream key slots (World.keys).
K_COURSE, K_DUR, K_CT, K_INF = 0, 1, 2, 3
K_LAYER0 = 4  # + layer index (params.LAYERS)
N_KEYS = 10
KEY_NAMES = ("disease/course", "disease/durations", "disease/ct", "disease/infectiousness",
             "transmission/household", "transmission/dormitory", "transmission/workplace",
             "transmission/school", "transmission/community", "transmission/between")

# consts slots
C_REL_INF_ASYM, C_DISP_K, C_SUS_MAX, C_N_DAYS = 0, 1, 2, 3
# ct slots (Params.ct_params order)
CT_PEAK_MEAN, CT_PEAK_SD, CT_PROLIF, CT_CLEAR_SYMP, CT_CLEAR_ASYM, CT_UNDET, CT_CUTOFF, CT_SAMPLE = \
    range(8)
# Columns of World.inf_rec: what transmission reads of an infectious agent, copied in when it
# becomes infectious so that the daily scan reads memory in order (one 64-byte line per agent):
# agent, area, isolation and quarantine ends, then (start, size) of its member list in each
# layer's CSR (household, dormitory, workplace, school, area).
I_AGENT, I_AREA, I_ISOLATED, I_QUARANTINED = 0, 1, 2, 3
I_GROUP0 = 4  # + 2 * (layer index among household, dormitory, workplace, school, community)
I_WIDTH = 16


class World(NamedTuple):
    """Model constants and the engine's mutable bookkeeping, as numba sees them."""

    age_table: np.ndarray   # float64 (10, 5): sus, p_symp, p_sev|symp, p_crit|sev, p_death|crit
    dur: np.ndarray         # float64 (9, 2): lognormal (mu, sigma) of each duration
    ct: np.ndarray          # float64 (8,): Ct trajectory and test parameters
    consts: np.ndarray      # float64 (4,): C_* slots
    keys: np.ndarray        # uint64 (N_KEYS,): stream keys
    head: np.ndarray        # int32 (n_days + 1,): first agent of each day's event bucket
    inf_rec: np.ndarray     # int32 (n, I_WIDTH): infectious agents (first n_inf[0] rows), I_*
    inf_relinf: np.ndarray  # float32 (n,): their relative infectiousness
    inf_pos: np.ndarray     # int32 (n,): row of an agent in inf_rec, -1 if absent
    n_inf: np.ndarray       # int64 (1,)
    counts: np.ndarray      # int64 (n_areas, N_METRICS): today's flows, current stocks
    new_inf: np.ndarray     # int32 (n, 3): the day's infections (agent, infector, layer)
    n_new: np.ndarray       # int64 (1,)


@njit(cache=True)
def draw_days(dur: np.ndarray, key: np.uint64, which: int, agent: np.int64) -> int:
    """Whole days of duration ``which`` for ``agent``: rounded lognormal, at least 1.

    (Helpers take only the arrays they need: a call then passes a few words, not every array.)
    """
    mu = dur[which, 0]
    sigma = dur[which, 1]
    x = np.exp(mu + sigma * normal(key, agent, which, 0))
    d = int(np.floor(x + 0.5))
    return d if d >= 1 else 1


@njit(cache=True)
def _push(rec: np.ndarray, head: np.ndarray, j: np.int64, day: int) -> None:
    """Schedule agent ``j``'s next transition for ``day`` (its bucket's linked list)."""
    rec[j, R_NEXT_DAY] = day
    if day < head.shape[0]:
        rec[j, R_NEXT_LINK] = head[day]
        head[day] = j
    # Beyond the horizon nothing happens within the run: left unscheduled.


@njit(cache=True)
def infect(ag, world: World, j: np.int64, day: int, infector: np.int64, layer: int
           ) -> None:
    """Infect susceptible agent ``j`` on ``day``: draw its course and schedule its first stage."""
    b = ag.agebin[j]
    kc = world.keys[K_COURSE]
    symp = uniform(kc, j, 0, 0) < world.age_table[b, 1]
    sev = SEV_MILD if symp else 0
    if symp and uniform(kc, j, 0, 1) < world.age_table[b, 2]:
        sev = SEV_SEVERE
        if uniform(kc, j, 0, 2) < world.age_table[b, 3]:
            sev = SEV_CRITICAL
            if uniform(kc, j, 0, 3) < world.age_table[b, 4]:
                sev = SEV_DEATH
    ag.severity[j] = sev
    ag.state[j] = E
    ag.layer[j] = layer
    rec, head, dur, kd = ag.rec, world.head, world.dur, world.keys[K_DUR]
    t_inf = day + draw_days(dur, kd, D_EXPOSED, j)
    rec[j, R_T_INFECTED] = day
    rec[j, R_T_INFECTIOUS] = t_inf
    rec[j, R_T_SYMPTOM] = t_inf + draw_days(dur, kd, D_PRESYMP, j) if symp else -1
    ag.rec[j, R_INFECTOR] = infector
    if infector >= 0:
        ag.rec[j, R_CHILD_NEXT] = ag.child_head[infector]
        ag.child_head[infector] = j
    area = ag.area[j]
    world.counts[area, M_INFECTIONS_NEW] += 1
    world.counts[area, M_EXPOSED_CUR] += 1
    _push(rec, head, j, t_inf)


@njit(cache=True)
def rel_infectiousness(consts: np.ndarray, key: np.uint64, j: np.int64, symptomatic: bool
                       ) -> float:
    """Agent ``j``'s relative infectiousness: gamma(k) with mean 1 (negative-binomial offspring,
    Lloyd-Smith et al. 2005 Nature) times the asymptomatic factor where it has no symptoms."""
    k = consts[C_DISP_K]
    g = gamma_mean1(k, key, j, 0) if k > 0.0 else 1.0
    return g * (1.0 if symptomatic else consts[C_REL_INF_ASYM])


@njit(cache=True)
def ct_value(ag, world: World, j: np.int64, day: int) -> float:
    """Ct of agent ``j``'s sample on ``day`` (``ct_undetectable`` when there is no RNA).

    Computed when asked from the agent's own draws: peak Ct, peak day (symptom onset, or a day
    after infectiousness begins), proliferation and clearance spans (Kissler et al. 2021).
    """
    undet = world.ct[CT_UNDET]
    if ag.rec[j, R_T_INFECTED] < 0:
        return undet
    kct = world.keys[K_CT]
    if ag.severity[j] >= SEV_MILD:
        tp = ag.rec[j, R_T_SYMPTOM]
        clear = world.ct[CT_CLEAR_SYMP]
    else:
        tp = ag.rec[j, R_T_INFECTIOUS] + 1
        clear = world.ct[CT_CLEAR_ASYM]
    t0 = tp - int(np.floor(world.ct[CT_PROLIF] + 0.5))
    t1 = tp + max(1, int(np.floor(clear * np.exp(0.25 * normal(kct, j, 1, 0)) + 0.5)))
    if day < t0 or day >= t1:
        return undet
    peak = max(world.ct[CT_PEAK_MEAN] + world.ct[CT_PEAK_SD] * normal(kct, j, 0, 0), 10.0)
    if day <= tp:
        return undet - (undet - peak) * (day - t0) / max(tp - t0, 1)
    return peak + (undet - peak) * (day - tp) / max(t1 - tp, 1)


@njit(cache=True, inline="always")
def _group(r: np.ndarray, col: int, ptr: np.ndarray, g: int) -> None:
    if g >= 0:
        r[col] = ptr[g]
        r[col + 1] = ptr[g + 1] - ptr[g]
    else:
        r[col] = 0
        r[col + 1] = 0


@njit(cache=True)
def _add_infectious(ag, world: World, L, j: np.int64) -> None:
    n = world.n_inf[0]
    r = world.inf_rec[n]
    r[I_AGENT] = j
    r[I_AREA] = ag.area[j]
    r[I_ISOLATED] = ag.until[j, U_ISOLATED]
    r[I_QUARANTINED] = ag.until[j, U_QUARANTINED]
    _group(r, I_GROUP0, L.hh_ptr, ag.household[j])
    _group(r, I_GROUP0 + 2, L.dorm_ptr, ag.dormitory[j])
    _group(r, I_GROUP0 + 4, L.work_ptr, ag.workplace[j])
    _group(r, I_GROUP0 + 6, L.school_ptr, ag.school[j])
    _group(r, I_GROUP0 + 8, L.area_ptr, ag.area[j])
    world.inf_relinf[n] = ag.rel_inf[j]
    world.inf_pos[j] = n
    world.n_inf[0] = n + 1


@njit(cache=True)
def _remove_infectious(world: World, j: np.int64) -> None:
    pos = world.inf_pos[j]
    if pos < 0:
        return
    last = world.n_inf[0] - 1
    other = world.inf_rec[last, I_AGENT]
    world.inf_rec[pos] = world.inf_rec[last]
    world.inf_relinf[pos] = world.inf_relinf[last]
    world.inf_pos[other] = pos
    world.inf_pos[j] = -1
    world.n_inf[0] = last


@njit(cache=True)
def sync_until(ag, world: World, j: np.int64) -> None:
    """Copy agent ``j``'s isolation/quarantine ends into its infectious record, if it has one."""
    pos = world.inf_pos[j]
    if pos >= 0:
        world.inf_rec[pos, I_ISOLATED] = ag.until[j, U_ISOLATED]
        world.inf_rec[pos, I_QUARANTINED] = ag.until[j, U_QUARANTINED]


@njit(cache=True)
def progress(ag, world: World, L, day: int, onsets: np.ndarray) -> int:
    """Fire every transition scheduled for ``day``; return how many symptom onsets (in ``onsets``)."""
    n_onsets = 0
    rec, head, dur, kd = ag.rec, world.head, world.dur, world.keys[K_DUR]
    j = np.int64(world.head[day])
    world.head[day] = -1
    c = world.counts
    while j >= 0:
        nxt = np.int64(ag.rec[j, R_NEXT_LINK])
        ag.rec[j, R_NEXT_LINK] = -1
        if ag.rec[j, R_NEXT_DAY] != day:  # stale entry (rescheduled); skip
            j = nxt
            continue
        s = ag.state[j]
        sev = ag.severity[j]
        a = ag.area[j]
        cl = ag.classification[j]
        confirmed = (cl == CL_CONFIRMED) | (cl == CL_RECLASSIFIED)
        if s == E:
            c[a, M_EXPOSED_CUR] -= 1
            c[a, M_INFECTIOUS_CUR] += 1
            ag.rel_inf[j] = rel_infectiousness(world.consts, world.keys[K_INF], j, sev >= SEV_MILD)
            _add_infectious(ag, world, L, j)
            if sev >= SEV_MILD:
                ag.state[j] = PRE
                _push(rec, head, j, ag.rec[j, R_T_SYMPTOM])
            else:
                ag.state[j] = ASYM
                _push(rec, head, j, day + draw_days(dur, kd, D_ASYM, j))
        elif s == PRE:
            ag.state[j] = MILD
            onsets[n_onsets] = j
            n_onsets += 1
            if cl == CL_ASYMPTOMATIC:
                # Reported as asymptomatic, now has symptoms: reclassified (counted as confirmed).
                ag.classification[j] = CL_RECLASSIFIED
                c[a, M_RECLASSIFIED_NEW] += 1
                c[a, M_CONFIRMED_NEW] += 1
                c[a, M_ASYMPTOMATIC_CUR] -= 1
                c[a, M_CONFIRMED_CUR] += 1
            if sev >= SEV_SEVERE:
                _push(rec, head, j, day + draw_days(dur, kd, D_SYM2SEV, j))
            else:
                _push(rec, head, j, day + draw_days(dur, kd, D_MILD, j))
        elif s == MILD:
            if sev >= SEV_SEVERE:
                ag.state[j] = SEVERE
                if confirmed:
                    c[a, M_SEVERE_CUR] += 1
                if sev >= SEV_CRITICAL:
                    _push(rec, head, j, day + draw_days(dur, kd, D_SEV2CRIT, j))
                else:
                    _push(rec, head, j, day + draw_days(dur, kd, D_SEVERE, j))
            else:
                _finish(ag, world, j, day, REC)
        elif s == SEVERE:
            if sev >= SEV_CRITICAL:
                ag.state[j] = CRIT
                if confirmed:
                    c[a, M_SEVERE_CUR] -= 1
                    c[a, M_CRITICAL_CUR] += 1
                if sev == SEV_DEATH:
                    _push(rec, head, j, day + draw_days(dur, kd, D_CRIT2DIE, j))
                else:
                    _push(rec, head, j, day + draw_days(dur, kd, D_CRITICAL, j))
            else:
                if confirmed:
                    c[a, M_SEVERE_CUR] -= 1
                _finish(ag, world, j, day, REC)
        elif s == CRIT:
            if confirmed:
                c[a, M_CRITICAL_CUR] -= 1
            _finish(ag, world, j, day, DEAD if sev == SEV_DEATH else REC)
        elif s == ASYM:
            _finish(ag, world, j, day, REC)
        j = nxt
    return n_onsets


@njit(cache=True)
def _finish(ag, world: World, j: np.int64, day: int, final: int) -> None:
    a = ag.area[j]
    c = world.counts
    ag.state[j] = final
    ag.rec[j, R_T_END] = day
    c[a, M_INFECTIOUS_CUR] -= 1
    _remove_infectious(world, j)
    if ag.until[j, U_ISOLATED] > day:
        c[a, M_ISOLATED_CUR] -= 1
        ag.until[j, U_ISOLATED] = day
    cl = ag.classification[j]
    if final == DEAD:
        c[a, M_DEATHS_TRUE_NEW] += 1
    if cl == CL_CONFIRMED or cl == CL_RECLASSIFIED:  # noqa: SIM109 (numba)
        c[a, M_CONFIRMED_CUR] -= 1
        if final == DEAD:
            c[a, M_DEATHS_NEW] += 1
        else:
            c[a, M_RECOVERED_NEW] += 1
    elif cl == CL_ASYMPTOMATIC:
        c[a, M_ASYMPTOMATIC_CUR] -= 1
        c[a, M_RELEASED_NEW] += 1


@njit(cache=True)
def infect_many(ag, world: World, agents: np.ndarray, day: int, layer: int,
                out: np.ndarray) -> int:
    """Infect the susceptible among ``agents`` (no infector); write them to ``out``, return count."""
    n = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.state[j] == 0:
            infect(ag, world, j, day, np.int64(-1), layer)
            out[n] = j
            n += 1
    return n
