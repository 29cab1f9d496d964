# mypy: disable-error-code="arg-type,return-value,assignment"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""Transmission: each infectious agent's transmission attempts as a point process in time.

Each infectious agent, unless isolated, meets: every household member; in the dormitory,
workplace and school layers ``min(contacts, group size - 1)`` random co-members a day on average;
in the community layer ``contacts`` random people of its own area; between areas a few people of
other areas, the destination area drawn from a gravity kernel. ``beta`` of a layer is the hazard
of transmission per contact-day; at time t it is multiplied by the infector's infectiousness
profile there (``disease.inf_cdf``'s density, scaled so an infection's total is
``infectious_days`` x its relative infectiousness), the contact's age-dependent susceptibility
and the day's scaling of the layer in the infector's area (lockdown, school closure, movement
limits).

The transmitting contacts are drawn by thinning (Lewis & Shedler 1979; Ogata 1981). An agent's
transmission attempts form an inhomogeneous Poisson process over its infectious window with the
*envelope* intensity R x profile(t), where R = relative infectiousness x the sum over layers
of the layer's envelope rate: in the dormitory, workplace, school and community layers and
between areas ``beta x contacts x`` the largest susceptibility among the layer's members (every
layer open, every contact susceptible at that largest susceptibility: ``layer_sus_max``; a
school's children are less susceptible than anyone's largest, so its envelope is lower); in the
household, ``beta x`` the sum of the susceptibilities of the members that are susceptible when
the agent becomes infectious (``W0``, kept in ``disease.T_HH_SUS``). Its points are drawn one after another by the time
change of the profile's CDF (the gaps in CDF units are exponential with mean 1 / R; Cinlar
1975), each when the previous one is due, so nothing is stored but the next point. An attempt
at time t falls in a layer in proportion to that layer's envelope rate and is kept with
probability actual / envelope intensity at t: not if the infector is isolated that day or
quarantined (a quarantine at home keeps household attempts), with the layer's scaling of the
day, and if the member it hits is susceptible, not isolated or quarantined, with its
susceptibility / the envelope's. Outside households the member is a random one of the group
and kept with probability its susceptibility / the layer's largest. In the household the
member is picked among those susceptible when the attempt is resolved, each with probability
its susceptibility / W0 (a walk over the household's members: ``_scan``), none with the rest:
members only ever leave the susceptible state, so the sum W(t) over those susceptible at t is
at most W0, and a member j susceptible at t is hit at the rate ``beta x`` W0 x sus_j / W0 =
``beta x sus_j``, its actual intensity (times the infector's profile and relative
infectiousness), while members no longer susceptible are never hit; the layer's scaling s of
the day thins it by a factor s (the walk's target is u x W0 / s). Late in an epidemic most
household members are no longer susceptible: this envelope makes about a third fewer attempts
per infection than one from the household's size (2026-12-07; docs/methods/sim.md, Speed).
Thinned points of a Poisson process are a Poisson process of the
thinned intensity, so this is exact in distribution: the same model as drawing each day's
contacts, at a cost of a few memory reads per attempt (about R per infection) instead of work
for every infectious agent every day. A transmission happens at its attempt's time, so
generation and serial intervals are continuous.

An attempt takes two counter-based words (``streams``), keyed by the agent and the attempt's
index: the gap before it, a standard exponential by the ziggurat (``streams.zexp_c``: one word,
no logarithm, in ~99 % of draws; since 2026-12-07 it replaces -log(1 - u)), and a uniform that
picks its layer (in proportion to the rates), then, as
its fraction within that layer's share (uniform on [0, 1) and independent of the layer), the
member (the fraction's k-th of k equal parts for the k other members, or the walk's target),
then, as the fraction within that part, the acceptance: a uniform conditioned on falling in a
given part of [0, 1) is uniform on that part (between areas, where it picks the destination
area too, the acceptance has a third uniform). Each split leaves fewer bits: 53 less the log2
of the inverse share and of the group's size (at 4.5 million agents, at least ~30 bits for an
acceptance in the community layer, an acceptance probability off by at most ~1e-9), far below
any difference a run could show.

The envelope assumes the day's layer scaling is at most 1 (interventions scale layers down).
On a day when an area's scaling exceeds 1, the excess (scaling - 1) x rate is added as a
second, daily process (superposition of Poisson processes): one Poisson draw per infectious
agent for that day's mass of its profile, as the engine did before.

The member lists' positions are copied into the infectious agent's record (``disease.I_GROUP0``)
so an attempt reads one record. Contacts that did not transmit are needed only by contact
tracing, which draws them from the same contact distribution when it asks (see
``interventions.ContactTracing``). ``betas`` and ``contacts`` must stay fixed during a run (they
set the envelope when an agent becomes infectious); ``scale`` and ``dest_scale`` may change
daily.

Quarantined agents (centralised quarantine, as in China in 2020) leave every layer; with
``quarantine_at_home`` they keep their household contacts. Isolated agents leave every layer.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import (
    _AHEAD,
    C_UNTIL_MAX,
    I_AGENT,
    I_AREA,
    I_ATTEMPT,
    I_GROUP0,
    I_ISOLATED,
    I_QUARANTINED,
    K_ATTEMPTS,
    K_TIME,
    T_END,
    T_F,
    T_FEND,
    T_HH_SUS,
    T_ONSET,
    T_RATE,
    T_START,
    World,
    _infect,
    inf_cdf,
    inf_cdf_inv_k,
    inf_inv_consts,
    infect,
    time_within,
)
from flareup.sim.networks import Layers
from flareup.sim.params import (
    BETWEEN,
    COMMUNITY,
    DORMITORY,
    HOUSEHOLD,
    LAYERS,
    SCHOOL,
    WORKPLACE,
)
from flareup.sim.people import (
    LAYER_QUARANTINE,
    R_CHILD_NEXT,
    U_ISOLATED,
    U_QUARANTINED,
    Agents,
    E,
    S,
)
from flareup.sim.prefetch import prefetch
from flareup.sim.streams import hash_a, hash_b, poisson, uniform, uniform_c, zexp_c

# Infections in quarantine sites are recorded after the contact layers (numba reads the
# constant as a plain int).
assert len(LAYERS) == LAYER_QUARANTINE
_LQ = LAYER_QUARANTINE

#: Columns of the day's list of attempts (att_i): infector, layer, position of the member in
#: its layer's list (or the member), the stand-in's position where it hits the infector (or -1),
#: which list (a layer index; -1: the member is known). att_f: u x largest susceptibility,
#: factor of acceptance, time.
_A_AGENT, _A_LAYER, _A_POS, _A_ALT, _A_LIST = range(5)
#: Rows of the day's list of attempts (resolved whenever it fills).
ATTEMPT_ROWS = 1 << 15
#: How many records due ahead the daily scan prefetches the rows of one.
_SCAN_AHEAD = 16

#: Slots of an attempt's uniforms, keyed (agent, attempt index, slot): the gap before it, and
#: one uniform that picks its layer, then (its fraction within the layer's share) the member
#: (or destination area and member) it hits, then (the fraction left) its acceptance.
_U_GAP, _U_PICK = 0, 1
#: Between areas the pick has chosen a destination area too: the acceptance has its own slot.
_U_ACCEPT_BETWEEN = 2
#: The largest double below 1.
_BELOW_ONE = 1.0 - 2.0**-53
#: _A_LIST of a household attempt: the member is picked when the attempt is resolved, among
#: the household's members then susceptible, in proportion to their susceptibility (the
#: household envelope, module docstring); _A_POS, _A_ALT: first agent and size of the
#: household (_SCAN_LIST: first position in the household list and size).
_SCAN, _SCAN_LIST = -2, -3


@njit(cache=True, inline="always")
def _group_rate(
    inf_rec: np.ndarray,
    p: int,
    layer: int,
    betas: np.ndarray,
    contacts: np.ndarray,
    sus_layer: np.ndarray,
) -> float:
    """``beta x contacts x largest susceptibility`` of infectious record ``p`` in a group
    layer: every other member (household) or ``contacts`` of them a day, at most all."""
    size = np.int64(inf_rec[p, I_GROUP0 + 2 * layer + 1])
    if size > 1:
        others = size - 1
        c = contacts[layer]
        if layer == HOUSEHOLD or c > others:
            c = others
        result: float = betas[layer] * c * sus_layer[layer]
        return result
    return 0.0


@njit(cache=True)
def _agebins_into(
    agebin: np.ndarray,
    dorm_idx: np.ndarray,
    work_idx: np.ndarray,
    school_idx: np.ndarray,
    present: np.ndarray,
) -> None:
    for j in dorm_idx:
        present[DORMITORY, agebin[j]] = True
    for j in work_idx:
        present[WORKPLACE, agebin[j]] = True
    for j in school_idx:
        present[SCHOOL, agebin[j]] = True


def layer_agebins(
    agebin: np.ndarray,
    dorm_idx: np.ndarray,
    work_idx: np.ndarray,
    school_idx: np.ndarray,
    n_bins: int,
) -> np.ndarray:
    """Age bins that may occur among the members of each layer: rows household, dormitory,
    workplace, school, anyone (the community and between areas). Households and anyone: every
    bin (an upper bound is all an envelope needs, and it spares a pass over every agent); the
    others from their member lists. (The kernel allocates nothing: see networks.csr.)"""
    present = np.zeros((5, int(n_bins)), np.bool_)
    present[HOUSEHOLD, :] = True
    present[4, :] = True
    _agebins_into(agebin, dorm_idx, work_idx, school_idx, present)
    return present


def layer_sus_max(present: np.ndarray, sus: np.ndarray) -> np.ndarray:
    """Largest susceptibility among the members of each layer (household, dormitory,
    workplace, school, community, between areas; ``present``: ``layer_agebins``). Each
    layer's envelope uses its own, so few attempts are wasted where every member is less
    susceptible than the most susceptible person (schools)."""
    rows = [present[r] for r in (0, 1, 2, 3, 4, 4)]
    return np.array([float(sus[m].max()) if m.any() else 0.0 for m in rows])


@njit(cache=True, inline="always")
def _next_attempt(
    kinv: tuple[float, float, float, float, float],
    e: float,
    t_on: float,
    w0: float,
    w1: float,
    f: float,
    f_end: float,
    rate: float,
) -> tuple[float, float]:
    """(time, CDF) of the next point after CDF ``f`` of a Poisson process of intensity
    ``rate`` x profile density on [w0, w1): an exponential gap of mean 1 / rate in CDF units
    (``e``: a standard exponential, ``streams.zexp_c``), mapped back to time by the profile's
    inverse CDF (``kinv``: ``disease.inf_inv_consts``); (inf, f_end) when it falls past w1."""
    if rate <= 0.0:
        return np.inf, f_end
    f = f + e / rate
    if f >= f_end:
        return np.inf, f_end
    t = t_on + inf_cdf_inv_k(kinv, f)
    # Rounding can put it a hair outside the window.
    if t < w0:
        t = w0
    elif t >= w1:
        t = np.nextafter(w1, w0)
    return t, f


@njit(cache=True, inline="always")
def _excess_rate(
    scale: np.ndarray, a: int, layer: int, rate: float, base: float, off: bool
) -> float:
    """Rate of the excess process in ``layer``: base x rate x (scaling - 1) where above 1."""
    s = scale[a, layer]
    if off or s <= 1.0:
        return 0.0
    result: float = base * rate * (s - 1.0)
    return result


@njit(cache=True, inline="always")
def _pick_layer(
    rates: tuple[float, float, float, float, float, float], u: float
) -> tuple[int, float]:
    """The layer whose share of ``sum(rates)`` holds ``u`` (``u`` uniform on [0, sum)): the
    superposed processes' attempt falls in a layer in proportion to its rate; and where ``u``
    lies within that share, as a fraction (uniform on [0, 1) and independent of the layer: it
    picks the member and decides the acceptance, see ``_enqueue``). A layer of rate 0 comes
    back only by rounding at the end of the sum; its fraction is then -1 (the caller drops
    the attempt)."""
    layer = 0
    while layer < 5 and u >= rates[layer]:
        u -= rates[layer]
        layer += 1
    r = rates[layer]
    if r <= 0.0:
        return layer, -1.0
    return layer, min(u / r, _BELOW_ONE)


@njit(cache=True, inline="always")
def _enqueue(
    att_i: np.ndarray,
    att_f: np.ndarray,
    m: int,
    inf_rec: np.ndarray,
    contiguous: np.ndarray,
    gravity_cum: np.ndarray,
    area_ptr: np.ndarray,
    dest_scale: np.ndarray,
    p: int,
    i: int,
    a: int,
    layer: int,
    u: float,
    h: np.uint64,
    slot: int,
    sus_max: float,
    w_hh: float,
    factor: float,
    t: float,
) -> int:
    """Put an attempt of infectious record ``p`` (agent ``i`` of area ``a``) in ``layer`` at
    time ``t`` in the day's list (``att_i``, ``att_f``; ``m`` entries so far). ``u``, uniform on
    [0, 1), picks the member it hits and decides the acceptance: a random member's position in
    its layer's list (between areas, a destination area by the gravity kernel and anyone
    there; where a layer's groups are runs of agents, the member itself), ``u``'s fraction
    within the member's share the uniform of the acceptance (a uniform on [0, 1) is uniform
    on each of k equal parts, independently of which: so one uniform serves as several); kept
    if that uniform x ``sus_max`` (the layer's largest susceptibility) < the member's
    susceptibility x ``factor``; between areas, where ``u`` has picked a destination too, the
    acceptance's uniform is a fresh one, ``uniform_c(h, slot)``. A household attempt picks no member here: ``u x w_hh /
    factor`` is kept for ``_resolve``, which walks the household's members then susceptible
    (``w_hh``: the sum of their susceptibilities when the envelope was set). Returns the new
    count."""
    n_areas = gravity_cum.shape[0]
    if layer == BETWEEN:
        b = 0
        while b < n_areas - 1 and gravity_cum[a, b] <= u:
            b += 1
        start = area_ptr[b]
        size = area_ptr[b + 1] - start
        if size == 0:
            return m
        # The fraction of u within its bin: the uniform for the person.
        lo = gravity_cum[a, b - 1] if b > 0 else 0.0
        frac = (u - lo) / max(gravity_cum[a, b] - lo, 1e-300)
        z = frac * size
        r = min(np.int64(z), size - 1)
        att_i[m, _A_POS] = start + r
        att_i[m, _A_ALT] = -1  # another area's list: i is not in it
        att_i[m, _A_LIST] = COMMUNITY  # the area lists
        factor *= dest_scale[b]
        att_f[m, 0] = uniform_c(h, slot) * sus_max
    elif layer == HOUSEHOLD:
        att_i[m, _A_POS] = np.int64(inf_rec[p, I_GROUP0])
        att_i[m, _A_ALT] = np.int64(inf_rec[p, I_GROUP0 + 1])
        att_i[m, _A_LIST] = _SCAN if contiguous[HOUSEHOLD] else _SCAN_LIST
        att_f[m, 0] = u * w_hh / factor
    else:
        start = np.int64(inf_rec[p, I_GROUP0 + 2 * layer])
        others = np.int64(inf_rec[p, I_GROUP0 + 2 * layer + 1]) - 1
        z = u * others
        r = min(np.int64(z), others - 1)
        if contiguous[layer]:
            j = start + r
            if j == i:  # i is in its own list: the last member stands in for it
                j = start + others
            att_i[m, _A_POS] = j
            att_i[m, _A_LIST] = -1  # the member itself
        else:
            att_i[m, _A_POS] = start + r
            att_i[m, _A_ALT] = start + others  # the stand-in where it hits i
            att_i[m, _A_LIST] = layer
        att_f[m, 0] = (z - r) * sus_max
    att_i[m, _A_AGENT] = i
    att_i[m, _A_LAYER] = layer
    att_f[m, 1] = factor
    att_f[m, 2] = t
    return m + 1


@njit(cache=True, inline="always")
def _scan(
    att_i: np.ndarray,
    att_f: np.ndarray,
    q: int,
    hh_idx: np.ndarray,
    state: np.ndarray,
    agebin: np.ndarray,
    sus: np.ndarray,
) -> int:
    """The member household attempt ``q`` hits, or -1: walking the household's members in
    order, the first susceptible one at which the running sum of the susceptible members'
    susceptibilities exceeds the attempt's ``u x w_hh / factor`` (``_enqueue``)."""
    x = att_f[q, 0]
    start = att_i[q, _A_POS]
    size = att_i[q, _A_ALT]
    c = 0.0
    if att_i[q, _A_LIST] == _SCAN:
        for j in range(start, start + size):
            if state[j] == S:
                c += sus[agebin[j]]
                if x < c:
                    return j
    else:
        for r in range(size):
            j = np.int64(hh_idx[start + r])
            if state[j] == S:
                c += sus[agebin[j]]
                if x < c:
                    return j
    return -1


@njit(cache=True, inline="always")
def _member(
    att_i: np.ndarray,
    q: int,
    hh_idx: np.ndarray,
    dorm_idx: np.ndarray,
    work_idx: np.ndarray,
    school_idx: np.ndarray,
    area_idx: np.ndarray,
    fetch_only: bool,
) -> int:
    """The member attempt ``q`` hits (read from its layer's list, once), or, ``fetch_only``,
    a prefetch of that list entry."""
    lst = att_i[q, _A_LIST]
    if lst < 0:
        return np.int64(att_i[q, _A_POS])
    pos = att_i[q, _A_POS]
    # Each layer's list read in its own branch: binding one of several arrays to a variable
    # made numba count references on every attempt.
    if fetch_only:
        if lst == HOUSEHOLD:
            prefetch(hh_idx, pos)
        elif lst == DORMITORY:
            prefetch(dorm_idx, pos)
        elif lst == WORKPLACE:
            prefetch(work_idx, pos)
        elif lst == SCHOOL:
            prefetch(school_idx, pos)
        else:
            prefetch(area_idx, pos)
        return -1
    alt = att_i[q, _A_ALT]
    if lst == HOUSEHOLD:
        j = np.int64(hh_idx[pos])
        if j == att_i[q, _A_AGENT] and alt >= 0:
            j = np.int64(hh_idx[alt])
    elif lst == DORMITORY:
        j = np.int64(dorm_idx[pos])
        if j == att_i[q, _A_AGENT] and alt >= 0:
            j = np.int64(dorm_idx[alt])
    elif lst == WORKPLACE:
        j = np.int64(work_idx[pos])
        if j == att_i[q, _A_AGENT] and alt >= 0:
            j = np.int64(work_idx[alt])
    elif lst == SCHOOL:
        j = np.int64(school_idx[pos])
        if j == att_i[q, _A_AGENT] and alt >= 0:
            j = np.int64(school_idx[alt])
    else:
        j = np.int64(area_idx[pos])
        if j == att_i[q, _A_AGENT] and alt >= 0:
            j = np.int64(area_idx[alt])
    att_i[q, _A_POS] = j  # resolved: later reads take it from here
    att_i[q, _A_LIST] = -1
    return j


@njit(cache=True)
def _resolve(
    att_i: np.ndarray,
    att_f: np.ndarray,
    m: int,
    hh_idx: np.ndarray,
    dorm_idx: np.ndarray,
    work_idx: np.ndarray,
    school_idx: np.ndarray,
    area_idx: np.ndarray,
    state: np.ndarray,
    until: np.ndarray,
    agebin: np.ndarray,
    rec: np.ndarray,
    child_head: np.ndarray,
    sus: np.ndarray,
    new_inf: np.ndarray,
    new_time: np.ndarray,
    n_new: int,
    day: int,
    screen: bool,
    at_home: bool,
) -> int:
    """The day's listed attempts, in order: the member is infected if susceptible, not
    isolated or quarantined away from the layer, and the attempt is accepted. In order, so as
    if each were resolved when listed (only the members' states change, from S to E); the
    lists' entries and the members' states are prefetched a few attempts ahead (the reads of
    one attempt depend on each other, those of different attempts do not). Returns the day's
    count of infections."""
    for q in range(m):
        if q + 2 * _AHEAD < m:
            _member(att_i, q + 2 * _AHEAD, hh_idx, dorm_idx, work_idx, school_idx, area_idx, True)
        if q + _AHEAD < m:
            jn = _member(att_i, q + _AHEAD, hh_idx, dorm_idx, work_idx, school_idx, area_idx, False)
            prefetch(state, jn)
            prefetch(agebin, jn)
            if screen:
                prefetch(until, jn)
        if att_i[q, _A_LIST] <= _SCAN:  # a household attempt: picked among the susceptible
            j = _scan(att_i, att_f, q, hh_idx, state, agebin, sus)
            if j < 0:
                continue
            kept = True
        else:
            j = _member(att_i, q, hh_idx, dorm_idx, work_idx, school_idx, area_idx, False)
            if state[j] != S:
                continue
            kept = att_f[q, 0] < sus[agebin[j]] * att_f[q, 1]
        layer = att_i[q, _A_LAYER]
        if screen and (
            until[j, U_ISOLATED] > day
            or (until[j, U_QUARANTINED] > day and not (at_home and layer == HOUSEHOLD))
        ):
            continue
        if kept:
            i = np.int64(att_i[q, _A_AGENT])
            state[j] = E  # no second infection of j today; _infect() runs after the list
            # j joins i's list of children here (_infect() is told not to link it again).
            rec[j, R_CHILD_NEXT] = child_head[i]
            child_head[i] = j
            new_inf[n_new, 0] = j
            new_inf[n_new, 1] = i
            new_inf[n_new, 2] = layer
            new_time[n_new] = att_f[q, 2]
            n_new += 1
    return n_new


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
    excess: bool,
    att_i: np.ndarray,
    att_f: np.ndarray,
    sus_layer: np.ndarray,
    due: np.ndarray,
) -> None:
    """Infections of ``day`` from every infectious agent (see the module docstring): the
    attempts due before the end of the day, and, when ``excess`` (some layer scaling > 1
    today), those of the daily excess process, listed in ``att_i``, ``att_f`` (int64 (cap, 5),
    float64 (cap, 3); resolved whenever full) record by record, then resolved in that order.
    ``sus_layer``: each layer's largest susceptibility among its members (``layer_sus_max``).
    ``due``: int32 scratch, at least as long as the infectious list (the records due today).

    Written as one flat loop over plain arrays taken out of the named tuples once: passing the
    tuples into helpers made numba count references to every array they hold at each call.
    """
    state, until, agebin = ag.state, ag.until, ag.agebin
    rec, child_head = ag.rec, ag.child_head
    sus = world.age_table[:, 0]
    keys = world.keys
    inf_rec, inf_relinf, inf_t, inf_next = (
        world.inf_rec,
        world.inf_relinf,
        world.inf_t,
        world.inf_next,
    )
    new_inf, new_time = world.new_inf, world.new_time
    prof = world.consts
    kinv = inf_inv_consts(prof)  # the profile's inverse CDF, its constants once a day
    contiguous = L.contiguous
    hh_idx, dorm_idx, work_idx, school_idx, area_idx = (
        L.hh_idx,
        L.dorm_idx,
        L.work_idx,
        L.school_idx,
        L.area_idx,
    )
    gravity_cum, area_ptr = L.gravity_cum, L.area_ptr
    screen = world.consts[C_UNTIL_MAX] > day  # anyone isolated or quarantined today?
    n_inf = world.n_inf[0]
    n_areas = gravity_cum.shape[0]
    n_new = 0
    m = 0  # attempts listed, not yet resolved
    cap = att_i.shape[0]
    key = keys[K_ATTEMPTS]
    kex = keys[K_TIME]
    day1 = float(day + 1)
    # inf_rec is not reordered during transmission: the newly infected are not yet infectious,
    # and a record's next attempt is only ever moved by its own turn below. So the records due
    # today (most agent-days have no attempt due) are listed first, without a branch (whether
    # one is due is a coin toss the branch predictor lost), and then taken in the same order.
    n_due = 0
    if excess:
        for p in range(n_inf):
            due[p] = p
        n_due = n_inf
    else:
        for p in range(n_inf):
            due[n_due] = p
            n_due += np.int64(inf_next[p] < day1)
    for q in range(n_due):
        # The rows of the record due a few on (their first reads stalled here).
        if q + _SCAN_AHEAD < n_due:
            pn = np.int64(due[q + _SCAN_AHEAD])
            prefetch(inf_rec, pn)
            prefetch(inf_t, pn)
        p = np.int64(due[q])
        t = inf_next[p]
        i = np.int64(inf_rec[p, I_AGENT])
        a = inf_rec[p, I_AREA]
        h_i = hash_a(key, i)  # the uniforms' first stage, shared by this agent's attempts
        # Each layer's beta x contacts (every layer open): the envelope's split by layer.
        # Households: every other member, those susceptible when the agent became infectious
        # at their own susceptibility (T_HH_SUS; module docstring).
        w_hh = inf_t[p, T_HH_SUS]
        r0 = betas[HOUSEHOLD] * w_hh
        r1 = _group_rate(inf_rec, p, DORMITORY, betas, contacts, sus_layer)
        r2 = _group_rate(inf_rec, p, WORKPLACE, betas, contacts, sus_layer)
        r3 = _group_rate(inf_rec, p, SCHOOL, betas, contacts, sus_layer)
        r4 = _group_rate(inf_rec, p, COMMUNITY, betas, contacts, sus_layer)
        r5 = 0.0
        if n_areas > 1 and gravity_cum[a, n_areas - 1] > 0.0:
            r5 = betas[BETWEEN] * contacts[BETWEEN] * sus_layer[BETWEEN]
        rates = (r0, r1, r2, r3, r4, r5)
        total = r0 + r1 + r2 + r3 + r4 + r5
        t_on = inf_t[p, T_ONSET]
        w0 = inf_t[p, T_START]
        w1 = inf_t[p, T_END]
        if t < 0.0:
            # First seen (it became infectious yesterday): the envelope and its first point.
            rate = float(inf_relinf[p]) * total
            f_end = inf_t[p, T_FEND]  # the profile's CDF at w1 and w0 (progress put them)
            f = inf_t[p, T_F]
            inf_t[p, T_RATE] = rate
            inf_rec[p, I_ATTEMPT] = 0
            t, f = _next_attempt(kinv, zexp_c(hash_b(h_i, 0), _U_GAP), t_on, w0, w1, f, f_end, rate)
        else:
            rate = inf_t[p, T_RATE]
            f_end = inf_t[p, T_FEND]
            f = inf_t[p, T_F]
        quarantined = inf_rec[p, I_QUARANTINED] > day
        blocked = inf_rec[p, I_ISOLATED] > day or (quarantined and not at_home)
        k = np.int64(inf_rec[p, I_ATTEMPT])
        h_k = hash_b(h_i, k)  # attempt k's uniforms: slots of one word
        while t < day1:
            # Thinning: which layer, and whether the infector is there today and the layer
            # open (its scaling, at most 1 here; above 1, the excess process below).
            if not blocked:
                layer, u = _pick_layer(rates, uniform_c(h_k, _U_PICK) * total)
                s = min(scale[a, layer], 1.0)
                if u >= 0.0 and s > 0.0 and not (quarantined and layer != HOUSEHOLD):
                    if m == cap:
                        n_new = _resolve(
                            att_i, att_f, m, hh_idx, dorm_idx, work_idx, school_idx, area_idx,
                            state, until, agebin, rec, child_head, sus, new_inf, new_time,
                            n_new, day, screen, at_home,
                        )  # fmt: skip
                        m = 0
                    m = _enqueue(
                        att_i,
                        att_f,
                        m,
                        inf_rec,
                        contiguous,
                        gravity_cum,
                        area_ptr,
                        dest_scale,
                        p,
                        i,
                        a,
                        layer,
                        u,
                        h_k,
                        _U_ACCEPT_BETWEEN,
                        sus_layer[layer],
                        w_hh,
                        s,
                        max(t, float(day)),
                    )
            k += 1
            h_k = hash_b(h_i, k)
            t, f = _next_attempt(kinv, zexp_c(h_k, _U_GAP), t_on, w0, w1, f, f_end, rate)
        inf_rec[p, I_ATTEMPT] = k
        inf_next[p] = t
        inf_t[p, T_F] = f
        if not excess or blocked:
            continue
        # The excess of layer scalings above 1 today: a Poisson number of attempts for the
        # day's mass of the profile x (scaling - 1) x each layer's rate, at times drawn from
        # the profile within the day (keyed by day: counters apart from the envelope's).
        lo = max(float(day), w0)
        hi = min(day1, w1)
        if hi <= lo:
            continue
        f_lo = inf_cdf(prof, lo - t_on)
        f_hi = inf_cdf(prof, hi - t_on)
        base = float(inf_relinf[p]) * (f_hi - f_lo)
        qa = quarantined
        ex = (
            _excess_rate(scale, a, HOUSEHOLD, r0, base, False),
            _excess_rate(scale, a, DORMITORY, r1, base, qa),
            _excess_rate(scale, a, WORKPLACE, r2, base, qa),
            _excess_rate(scale, a, SCHOOL, r3, base, qa),
            _excess_rate(scale, a, COMMUNITY, r4, base, qa),
            _excess_rate(scale, a, BETWEEN, r5, base, qa),
        )
        ex_total = ex[0] + ex[1] + ex[2] + ex[3] + ex[4] + ex[5]
        if ex_total <= 0.0:
            continue
        h_d = hash_b(hash_a(kex, i), day)
        for k in range(poisson(ex_total, uniform_c(h_d, 0))):
            layer, u = _pick_layer(ex, uniform_c(h_d, 1 + 4 * k) * ex_total)
            if u < 0.0:
                continue
            if m == cap:
                n_new = _resolve(
                    att_i, att_f, m, hh_idx, dorm_idx, work_idx, school_idx, area_idx,
                    state, until, agebin, rec, child_head, sus, new_inf, new_time,
                    n_new, day, screen, at_home,
                )  # fmt: skip
                m = 0
            m = _enqueue(
                att_i,
                att_f,
                m,
                inf_rec,
                contiguous,
                gravity_cum,
                area_ptr,
                dest_scale,
                p,
                i,
                a,
                layer,
                u,
                h_d,
                3 + 4 * k,
                sus_layer[layer],
                w_hh,
                1.0,
                time_within(prof, t_on, lo, hi, f_lo, f_hi, uniform_c(h_d, 4 + 4 * k)),
            )
    n_new = _resolve(
        att_i, att_f, m, hh_idx, dorm_idx, work_idx, school_idx, area_idx,
        state, until, agebin, rec, child_head, sus, new_inf, new_time,
        n_new, day, screen, at_home,
    )  # fmt: skip
    world.n_new[0] = n_new
    severity, layer_of, area = ag.severity, ag.layer, ag.area
    counts, head, age_table, dur = world.counts, world.head, world.age_table, world.dur
    queue, qfree = world.queue, world.qfree
    tc, latent = ag.tc, world.latent
    for q in range(n_new):
        if q + _AHEAD < n_new:  # the entries of a later infectee, while this one is done
            jn = np.int64(new_inf[q + _AHEAD, 0])
            prefetch(rec, jn)
            prefetch(tc, jn)
            prefetch(severity, jn)
            prefetch(layer_of, jn)
            prefetch(area, jn)
            prefetch(agebin, jn)
            prefetch(latent, jn)
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
            tc,
            latent,
            np.int64(new_inf[q, 0]),
            new_time[q],
            np.int64(new_inf[q, 1]),
            new_inf[q, 2],
            False,
        )


#: Slots of a quarantine attempt's uniforms, keyed (agent, day, 1 + 3 k + slot) after the
#: day's count (slot 0): the member it meets, its acceptance, its time.
_Q_MEMBER, _Q_ACCEPT, _Q_TIME = 0, 1, 2


@njit(cache=True)
def quarantine_transmit(
    ag: Agents,
    world: World,
    day: int,
    q_order: np.ndarray,
    q_site: np.ndarray,
    q_pos: np.ndarray,
    beta: float,
    contacts: float,
    sus_max: float,
    key: np.uint64,
) -> int:
    """Infections of ``day`` inside centralised quarantine sites; returns their count.

    The quarantined enter sites (``q_order``: agents in the order they entered; ``q_site``:
    the [start, end) of each entry's site among the entries; ``q_pos``: each agent's latest
    entry, -1 if none; ``Sim._enter_sites``). An infectious agent quarantined today (not isolated) meets
    ``min(contacts, members - 1)`` random co-members of its site a day, each with hazard
    ``beta`` x its relative infectiousness x its profile (the same profile as every layer,
    ``disease.inf_cdf``); a met member is infected if susceptible, still quarantined in that
    site (not released, not isolated) and accepted with its susceptibility / ``sus_max``.

    The day's attempts are one Poisson draw for the day's mass of the profile, as the excess
    process of ``transmit`` (superposition: a Poisson process restricted to the days an agent
    is in quarantine is a Poisson process of that intensity), keyed by (agent, day), so a run
    without quarantine sites draws nothing here and its other draws are unchanged. A member
    hit by several attempts is infected once; meetings are a Poisson process per pair, so a
    pair's chance over the stay is 1 - exp(-beta x contacts / (members - 1) x the infector's
    infectiousness there) (tests/sim/test_quarantine_sites.py).
    """
    state, until, agebin = ag.state, ag.until, ag.agebin
    sus = world.age_table[:, 0]
    prof = world.consts
    inf_rec, inf_relinf, inf_t = world.inf_rec, world.inf_relinf, world.inf_t
    n_inf = world.n_inf[0]
    day1 = float(day + 1)
    n_new = 0
    for p in range(n_inf):
        if inf_rec[p, I_QUARANTINED] <= day or inf_rec[p, I_ISOLATED] > day:
            continue
        i = np.int64(inf_rec[p, I_AGENT])
        e = np.int64(q_pos[i])
        if e < 0:
            continue
        s0 = np.int64(q_site[e, 0])
        s1 = np.int64(q_site[e, 1])
        others = s1 - s0 - 1
        if others <= 0:
            continue
        t_on = inf_t[p, T_ONSET]
        lo = max(float(day), inf_t[p, T_START])
        hi = min(day1, inf_t[p, T_END])
        if hi <= lo:
            continue
        f_lo = inf_cdf(prof, lo - t_on)
        f_hi = inf_cdf(prof, hi - t_on)
        c = min(contacts, float(others))
        mean = float(inf_relinf[p]) * (f_hi - f_lo) * beta * c * sus_max
        for k in range(poisson(mean, uniform(key, i, day, 0))):
            slot = 1 + 3 * k
            r = min(np.int64(uniform(key, i, day, slot + _Q_MEMBER) * others), others - 1)
            f = s0 + r
            if f >= e:  # skip the infector's own entry
                f += 1
            j = np.int64(q_order[f])
            if (
                q_pos[j] != f
                or state[j] != S
                or until[j, U_QUARANTINED] <= day
                or until[j, U_ISOLATED] > day
            ):
                continue
            if uniform(key, i, day, slot + _Q_ACCEPT) * sus_max < sus[agebin[j]]:
                u = uniform(key, i, day, slot + _Q_TIME)
                infect(ag, world, j, time_within(prof, t_on, lo, hi, f_lo, f_hi, u), i, _LQ)
                n_new += 1
    return n_new
