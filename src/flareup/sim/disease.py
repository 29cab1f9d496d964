# mypy: disable-error-code="arg-type"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""Natural history: infection, scheduled stage transitions, and the Ct (viral load) trajectory.

Course (Covasim's structure, Kerr et al. 2021): exposed -> presymptomatic -> mild -> severe ->
critical -> dead, with recovery possible from mild, severe and critical; or exposed ->
asymptomatic -> recovered. Which course an infection takes is drawn at infection from the
age-dependent probabilities in :class:`~flareup.sim.params.Params`; each stage's duration is drawn
when the stage starts. Transitions are *scheduled*: an agent sits in the bucket of the day of its
next transition (a bucket queue: per day, a list of blocks of agent ids), and each day only that
day's bucket is walked -- never the whole population.

Every draw is a counter-based uniform keyed by the agent (:mod:`flareup.sim.streams`), so an
agent's course is the same in every scenario of a paired comparison whenever it is infected.

Time within the day (Ferretti et al. 2020 medRxiv "The timing of COVID-19 transmission";
OpenABM-Covid19, Hinch et al. 2021 PLoS Comput Biol, for infectiousness as a profile in time):
infection and symptom onset happen at a time of day. The incubation period (``dur_incubation``)
and the latent period (``dur_exposed``, at most the incubation period) are continuous draws
(independent lognormals from the two normals of one pair), kept
in ``Agents.tc``; the day of each is its integer part (``rec``), which schedules the stages.
Asymptomatic infections get the same draw: the time their symptoms would have begun (their viral
peak) anchors their profile too.

Infectiousness is a profile over time since symptom onset ``tau`` (``inf_cdf``): a two-piece
exponential, rising with e-folding time ``inf_rise_days`` to a peak ``inf_peak_after_onset``
days after onset and falling with e-folding time ``inf_decay_days``. It is truncated to the
infectious window (end of the latent period to the end of the infection) and scaled so that an
infection's total infectiousness is ``infectious_days`` (times its relative infectiousness), so
R0 = beta x contacts x infectious_days x mean relative infectiousness whatever the timing. An
infection's transmission attempts are a Poisson process with intensity proportional to the
profile (transmission.py: its points drawn through the inverse CDF, ``inf_cdf_inv``), so a
transmission happens at a time drawn from the profile and generation and serial intervals are
continuous (a day's mass, ``inf_weight``, serves the excess process and reports). With the
defaults the simulator's own transmission trees give a mean generation interval of ~5.2 days, a
mean serial interval of ~5.1 days with ~7 % negative, and ~42 % of transmission before the
infector's onset (tests/sim/test_generation_interval.py; docs/methods/sim.md).

Ct trajectory (Kissler et al. 2021 PLoS Biol), for testing only: piecewise linear in Ct, from
undetectable to the peak over the proliferation phase (peak on the day of symptom onset, or of
the would-be onset of an asymptomatic infection) and back over the clearance phase, longer for
symptomatic ones.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from numba import njit

from flareup.sim.networks import Layers
from flareup.sim.params import (
    D_ASYM,
    D_CRIT2DIE,
    D_CRITICAL,
    D_EXPOSED,
    D_INCUBATION,
    D_MILD,
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
    R_STAGE_DAYS,
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
    Agents,
    E,
    S,
)
from flareup.sim.prefetch import prefetch
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
from flareup.sim.streams import (
    fexp,
    flog,
    gamma_mean1,
    hash_a,
    hash_b,
    normal,
    normal_pair,
    uniform,
    uniform_c,
    znormal,
)

#: How many entries ahead the kernels prefetch an agent's data (a day's bucket, new infections).
_AHEAD = 8

# Stream key slots (World.keys).
K_COURSE, K_DUR, K_CT, K_INF, K_ATTEMPTS, K_TIME = 0, 1, 2, 3, 4, 5
N_KEYS = 6
KEY_NAMES = (
    "disease/course",
    "disease/durations",
    "disease/ct",
    "disease/infectiousness",
    "transmission/attempts",
    "transmission/time",
)

# consts slots. C_UNTIL_MAX: the latest isolation/quarantine end ever set (kept by the response
# kernels, the only writers of Agents.until); while it is <= today nobody is isolated or
# quarantined, and the kernels skip reading ``until`` (a random read per contact otherwise).
C_REL_INF_ASYM, C_DISP_K, C_SUS_MAX, C_N_DAYS, C_UNTIL_MAX = 0, 1, 2, 3, 4
# Infectiousness profile (Params.profile_params order, from slot C_PEAK on).
C_PEAK, C_RISE, C_DECAY, C_TOTAL = 5, 6, 7, 8
N_CONSTS = 9
# ct slots (Params.ct_params order)
(
    CT_PEAK_MEAN,
    CT_PEAK_SD,
    CT_PROLIF,
    CT_CLEAR_SYMP,
    CT_CLEAR_ASYM,
    CT_UNDET,
    CT_CUTOFF,
    CT_SAMPLE,
) = range(8)
# Columns of World.inf_rec: what transmission reads of an infectious agent, copied in when it
# becomes infectious so that transmission reads one record, not many scattered arrays: agent,
# area, isolation and quarantine ends, then (start, size) of its member list in each layer's CSR
# (household, dormitory, workplace, school, area), then the index of its next transmission
# attempt (its counter for random numbers). Its infectious window and onset time are in
# World.inf_t (columns T_*), its scaled relative infectiousness in inf_relinf.
I_AGENT, I_AREA, I_ISOLATED, I_QUARANTINED = 0, 1, 2, 3
I_GROUP0 = 4  # + 2 * (layer index among household, dormitory, workplace, school, community)
I_ATTEMPT = 14
I_WIDTH = 16
# Columns of World.inf_t: start and end of the infectious window, symptom onset (continuous);
# then the agent's transmission attempts as a point process (transmission.py; the time of its
# next attempt is World.inf_next): the profile's CDF there (T_F; at the window's start until
# then) and at the window's end (T_FEND), both set when the agent becomes infectious, and the
# envelope's rate of attempts per unit of that CDF (T_RATE); the sum of the susceptibilities of
# its household's members that were susceptible when it joined the list (T_HH_SUS: its
# household envelope). 8 columns, one 64-byte cache line a row (people.alloc aligns them).
T_START, T_ONSET, T_END, T_F, T_FEND, T_RATE, T_HH_SUS = range(7)
T_WIDTH = 8
# Columns of Agents.tc: time of infection and of (would-be) symptom onset, in days since day 0.
TC_INFECTED, TC_ONSET = 0, 1


class World(NamedTuple):
    """Model constants and the engine's mutable bookkeeping, as numba sees them."""

    age_table: np.ndarray  # float64 (10, 5): sus, p_symp, p_sev|symp, p_crit|sev, p_death|crit
    dur: np.ndarray  # float64 (9, 2): lognormal (mu, sigma) of each duration
    ct: np.ndarray  # float64 (8,): Ct trajectory and test parameters
    consts: np.ndarray  # float64 (N_CONSTS,): C_* slots
    keys: np.ndarray  # uint64 (N_KEYS,): stream keys
    head: np.ndarray  # int32 (n_days + 1,): newest block of each day's event bucket
    queue: np.ndarray  # int32 (blocks, Q_CHUNK + 2): event blocks (agents, fill, next)
    qfree: np.ndarray  # int64 (2,): first free block, first never used block
    inf_rec: np.ndarray  # int32 (n, I_WIDTH): infectious agents (first n_inf[0] rows), I_*
    inf_relinf: np.ndarray  # float32 (n,): their relative infectiousness, scaled (inf_cdf)
    inf_t: np.ndarray  # float64 (n, T_WIDTH): infectious window, onset, attempts (T_*)
    inf_pos: np.ndarray  # int32 (n,): row of an agent in inf_rec, -1 if absent
    n_inf: np.ndarray  # int64 (1,)
    counts: np.ndarray  # int64 (n_areas, N_METRICS): today's flows, current stocks
    new_inf: np.ndarray  # int32 (n, 3): the day's infections (agent, infector, layer)
    new_time: np.ndarray  # float64 (n,): their times (days since day 0, with fractions)
    n_new: np.ndarray  # int64 (1,)
    # float64 (n,): each infected agent's latent-period draw (D_EXPOSED), made at infection and
    # read back when it becomes infectious (the same lognormal, not drawn a second time).
    latent: np.ndarray
    # float64 (n,): the time of each infectious record's next transmission attempt (-1 until
    # transmission first sees the record, inf when none is left), apart from its row of inf_t:
    # transmission's daily scan over every record reads 8 bytes of each, not a cache line.
    inf_next: np.ndarray


# The helpers called per infection or per transition (draws, the infectious window, _infect,
# _finish) are inlined into the kernels that call them (numba's inline="always"): a call passes
# each array as seven machine words (data, shape, strides ...) through the stack, and with a
# dozen arrays that cost more than the helper's work (about a tenth of a run at 1,000,000 agents;
# the same operations in the same order, so results are bit-identical).
@njit(cache=True, inline="always")
def draw_days(dur: np.ndarray, key: np.uint64, which: int, agent: int) -> int:
    """Whole days of duration ``which`` for ``agent``: rounded lognormal, at least 1.

    (Helpers take only the arrays they need: a call then passes a few words, not every array.)
    """
    return days_of(dur, which, znormal(key, agent, which, 0))


@njit(cache=True, inline="always")
def days_of(dur: np.ndarray, which: int, z: float) -> int:
    """``draw_days`` given its standard normal ``z``."""
    x = fexp(dur[which, 0] + dur[which, 1] * z)
    d = int(np.floor(x + 0.5))
    return d if d >= 1 else 1


@njit(cache=True, inline="always")
def draw_incubation_latent(dur: np.ndarray, key: np.uint64, agent: int) -> tuple[float, float]:
    """Incubation and latent periods of ``agent`` in days, continuous and independent: the two
    normals of one pair (``normal_pair``; the incubation period's is
    ``znormal(key, agent, D_INCUBATION, 0)``, as draw_days keys its draws)."""
    z_inc, z_lat = normal_pair(key, agent, D_INCUBATION, 0)
    inc = fexp(dur[D_INCUBATION, 0] + dur[D_INCUBATION, 1] * z_inc)
    lat = fexp(dur[D_EXPOSED, 0] + dur[D_EXPOSED, 1] * z_lat)
    return float(inc), float(lat)


@njit(cache=True, inline="always")
def inf_cdf(prof: np.ndarray, tau: float) -> float:
    """Share of the untruncated infectiousness profile before ``tau`` days after onset.

    Two-piece exponential: density proportional to exp((tau - c) / a) before the peak c and to
    exp(-(tau - c) / b) after it (a = rise, b = decay e-folding times); a share a / (a + b) of
    it lies before the peak. Closed form, so a day's mass is two exponentials.
    """
    c = prof[C_PEAK]
    a = prof[C_RISE]
    b = prof[C_DECAY]
    pl = a / (a + b)
    if tau < c:
        result: float = pl * fexp((tau - c) / a)
        return result
    result = pl + (1.0 - pl) * (1.0 - fexp(-(tau - c) / b))
    return result


@njit(cache=True, inline="always")
def inf_cdf_inv(prof: np.ndarray, p: float) -> float:
    """The ``tau`` with inf_cdf(tau) = p (0 < p < 1)."""
    c = prof[C_PEAK]
    a = prof[C_RISE]
    b = prof[C_DECAY]
    pl = a / (a + b)
    if p < pl:
        result: float = c + a * flog(max(p, 1e-300) / pl)
        return result
    result = c - b * flog(max((1.0 - p) / (1.0 - pl), 1e-300))
    return result


@njit(cache=True, inline="always")
def inf_inv_consts(prof: np.ndarray) -> tuple[float, float, float, float, float]:
    """``inf_cdf_inv``'s constants, for a kernel that inverts the CDF many times
    (``inf_cdf_inv_k``): (pl, c - a log pl, c + b log(1 - pl), a, b)."""
    c = prof[C_PEAK]
    a = prof[C_RISE]
    b = prof[C_DECAY]
    pl = a / (a + b)
    return pl, c - a * np.log(pl), c + b * np.log(1.0 - pl), a, b


@njit(cache=True, inline="always")
def inf_cdf_inv_k(k: tuple[float, float, float, float, float], p: float) -> float:
    """``inf_cdf_inv(prof, p)`` given ``k = inf_inv_consts(prof)``: one logarithm, no division
    (log(p / pl) = log p - log pl; equal up to rounding)."""
    pl, c_lo, c_hi, a, b = k
    if p < pl:
        result: float = c_lo + a * flog(max(p, 1e-300))
        return result
    result = c_hi - b * flog(max(1.0 - p, 1e-300))
    return result


@njit(cache=True, inline="always")
def inf_weight(prof: np.ndarray, t0: float, t_on: float, t1: float, day: int) -> float:
    """Unscaled infectiousness of ``day``: the profile's mass within [day, day + 1) and the
    infectious window [t0, t1) (onset at ``t_on``)."""
    lo = max(float(day), t0)
    hi = min(float(day + 1), t1)
    if hi <= lo:
        return 0.0
    return inf_cdf(prof, hi - t_on) - inf_cdf(prof, lo - t_on)


@njit(cache=True, inline="always")
def transmission_time(
    prof: np.ndarray, t0: float, t_on: float, t1: float, day: int, u: float
) -> float:
    """Time of a transmission on ``day``: drawn (uniform ``u``) from the profile within the day."""
    lo = max(float(day), t0)
    hi = min(float(day + 1), t1)
    return time_within(prof, t_on, lo, hi, inf_cdf(prof, lo - t_on), inf_cdf(prof, hi - t_on), u)


@njit(cache=True, inline="always")
def time_within(
    prof: np.ndarray, t_on: float, lo: float, hi: float, f0: float, f1: float, u: float
) -> float:
    """transmission_time given the day's bounds ``lo, hi`` and the profile's CDF at them."""
    t = t_on + inf_cdf_inv(prof, f0 + u * (f1 - f0))
    # Rounding can put it a hair outside the day.
    result: float = min(max(t, lo), np.nextafter(hi, lo))
    return result


#: Agents per block of the event queue (World.queue rows: Q_CHUNK agents, fill, next block).
Q_CHUNK = 64
Q_FILL, Q_NEXT = Q_CHUNK, Q_CHUNK + 1


def queue_arrays(n: int, n_days: int) -> tuple[np.ndarray, np.ndarray]:
    """``(queue, qfree)`` for World: room for every agent's one pending event plus a partly
    filled block per day, twice over (blocks are reused: a day's are freed as it is walked)."""
    blocks = 2 * (-(-n // Q_CHUNK)) + n_days + 8
    return np.empty((blocks, Q_CHUNK + 2), np.int32), np.array([-1, 0], np.int64)


@njit(cache=True, inline="always")
def _push(
    rec: np.ndarray, head: np.ndarray, queue: np.ndarray, qfree: np.ndarray, j: int, day: int
) -> None:
    """Schedule agent ``j``'s next transition for ``day``: append it to the day's bucket.

    A bucket is a list of blocks of Q_CHUNK agents (newest block first), not a list linked
    through the agents: walking a day then reads agent ids in order, and the random reads for
    one agent do not wait on the previous agent's (a linked list is a chain of cache misses).
    """
    rec[j, R_NEXT_DAY] = day
    if day < head.shape[0]:
        b = head[day]
        if b < 0 or queue[b, Q_FILL] == Q_CHUNK:
            nb = qfree[0]  # a freed block, else a never used one
            if nb >= 0:
                qfree[0] = queue[nb, Q_NEXT]
            else:
                nb = qfree[1]
                qfree[1] = nb + 1
            queue[nb, Q_FILL] = 0
            queue[nb, Q_NEXT] = b
            head[day] = nb
            b = nb
        k = queue[b, Q_FILL]
        queue[b, k] = j
        queue[b, Q_FILL] = k + 1
    # Beyond the horizon nothing happens within the run: left unscheduled.


@njit(cache=True, inline="always")
def _infect(
    agebin: np.ndarray,
    severity: np.ndarray,
    state: np.ndarray,
    layer_of: np.ndarray,
    rec: np.ndarray,
    child_head: np.ndarray,
    area: np.ndarray,
    counts: np.ndarray,
    head: np.ndarray,
    queue: np.ndarray,
    qfree: np.ndarray,
    age_table: np.ndarray,
    dur: np.ndarray,
    keys: np.ndarray,
    tc: np.ndarray,
    latent: np.ndarray,
    j: int,
    t: float,
    infector: int,
    layer: int,
    link: bool = True,
) -> None:
    # Plain arrays, not the named tuples: numba would count references to every array of a
    # tuple at each call, which cost more than the work here. ``link=False``: the caller has
    # already put j at the head of its infector's list of children.
    b = agebin[j]
    kc = keys[K_COURSE]
    hc = hash_b(hash_a(kc, j), 0)  # uniform(kc, j, 0, c) is uniform_c(hc, c), bit for bit
    symp = uniform_c(hc, 0) < age_table[b, 1]
    sev = SEV_MILD if symp else 0
    if symp and uniform_c(hc, 1) < age_table[b, 2]:
        sev = SEV_SEVERE
        if uniform_c(hc, 2) < age_table[b, 3]:
            sev = SEV_CRITICAL
            if uniform_c(hc, 3) < age_table[b, 4]:
                sev = SEV_DEATH
    severity[j] = sev
    state[j] = E
    layer_of[j] = layer
    kd = keys[K_DUR]
    # Continuous times (infection at time t of its day); the stages run on their days.
    day = int(np.floor(t))
    # The latent period: continuous, at most the incubation period; its draw is kept for
    # progress() (World.latent), which needs it again when the agent becomes infectious.
    incubation, lat = draw_incubation_latent(dur, kd, j)
    latent[j] = lat
    t_start = t + min(lat, incubation)
    t_onset = t + incubation
    tc[j, TC_INFECTED] = t
    tc[j, TC_ONSET] = t_onset
    # Joins the infectious list the day before its window opens (it transmits from the next
    # day on, so the whole window counts), or on the day of infection.
    t_inf = max(day, int(np.floor(t_start)) - 1)
    rec[j, R_T_INFECTED] = day
    rec[j, R_T_INFECTIOUS] = t_inf
    rec[j, R_T_SYMPTOM] = int(np.floor(t_onset)) if symp else -1
    rec[j, R_INFECTOR] = infector
    if infector >= 0 and link:
        rec[j, R_CHILD_NEXT] = child_head[infector]
        child_head[infector] = j
    a = area[j]
    counts[a, M_INFECTIONS_NEW] += 1
    counts[a, M_EXPOSED_CUR] += 1
    _push(rec, head, queue, qfree, j, t_inf)


@njit(cache=True)
def infect(ag: Agents, world: World, j: int, t: float, infector: int, layer: int) -> None:
    """Infect susceptible agent ``j`` at time ``t``: draw its course and schedule its first stage."""
    _infect(
        ag.agebin,
        ag.severity,
        ag.state,
        ag.layer,
        ag.rec,
        ag.child_head,
        ag.area,
        world.counts,
        world.head,
        world.queue,
        world.qfree,
        world.age_table,
        world.dur,
        world.keys,
        ag.tc,
        world.latent,
        j,
        t,
        infector,
        layer,
    )


@njit(cache=True, inline="always")
def rel_infectiousness(
    consts: np.ndarray, key: np.uint64, j: int, symptomatic: bool, z0: float
) -> float:
    """Agent ``j``'s relative infectiousness: gamma(k) with mean 1 (negative-binomial offspring,
    Lloyd-Smith et al. 2005 Nature) times the asymptomatic factor where it has no symptoms.
    ``z0``: a standard normal, the gamma draw's first (``gamma_mean1``)."""
    k = consts[C_DISP_K]
    g = gamma_mean1(k, key, j, 0, z0) if k > 0.0 else 1.0
    return g * (1.0 if symptomatic else consts[C_REL_INF_ASYM])


@njit(cache=True, inline="always")
def ct_span(
    ct: np.ndarray, kct: np.uint64, j: int, symptomatic: bool, t_peak: int, t_infected: int
) -> tuple[int, int, int]:
    """(start, peak day, end) of agent ``j``'s Ct trajectory (Kissler et al. 2021): the peak on
    the day of (would-be) symptom onset; RNA on days start + 1 .. end - 1 (Ct is undetectable
    on the start day itself).

    The proliferation phase starts ``ct_proliferation_days`` before the peak but not before the
    day after infection, so no sample is positive before the second day after infection (the
    eclipse phase: Kucirka et al. 2020 Ann Intern Med 173:262, false-negative rate 100 % on day
    1 after exposure; Killingley et al. 2022 Nat Med 28:1031, RNA first detected a mean 40 h
    (throat) and 58 h (nose) after inoculation). Where that leaves no day to rise (onset on the
    day of infection or the next), the peak moves to the first day RNA is detectable, and
    clearance is counted from it.
    """
    clear = ct[CT_CLEAR_SYMP] if symptomatic else ct[CT_CLEAR_ASYM]
    t0 = max(t_peak - int(np.floor(ct[CT_PROLIF] + 0.5)), t_infected + 1)
    tp = max(t_peak, t0 + 1)
    t1 = tp + max(1, int(np.floor(clear * np.exp(0.25 * normal(kct, j, 1, 0)) + 0.5)))
    return t0, tp, t1


@njit(cache=True, inline="always")
def ct_peak(ct: np.ndarray, kct: np.uint64, j: int) -> float:
    """Agent ``j``'s peak Ct (normal, Kissler et al. 2021; at least 10)."""
    result: float = max(ct[CT_PEAK_MEAN] + ct[CT_PEAK_SD] * normal(kct, j, 0, 0), 10.0)
    return result


@njit(cache=True, inline="always")
def ct_linear(undet: float, peak: float, t0: int, tp: int, t1: int, day: int) -> float:
    """The piecewise-linear Ct on ``day``: undetectable -> peak on t0..tp, back by t1."""
    if day < t0 or day >= t1:
        return undet
    if day <= tp:
        return undet - (undet - peak) * (day - t0) / max(tp - t0, 1)
    return peak + (undet - peak) * (day - tp) / max(t1 - tp, 1)


@njit(cache=True)
def ct_value(ag: Agents, world: World, j: int, day: int) -> float:
    """Ct of agent ``j``'s sample on ``day`` (``ct_undetectable`` when there is no RNA).

    Computed when asked from the agent's own draws: peak Ct, peak day (the day of its
    (would-be) symptom onset), proliferation and clearance spans (Kissler et al. 2021); never
    positive before the second day after infection (:func:`ct_span`).
    """
    undet: float = world.ct[CT_UNDET]
    t_infected = ag.rec[j, R_T_INFECTED]
    if t_infected < 0:
        return undet
    kct = world.keys[K_CT]
    t0, tp, t1 = ct_span(
        world.ct,
        kct,
        j,
        ag.severity[j] >= SEV_MILD,
        int(np.floor(ag.tc[j, TC_ONSET])),
        int(t_infected),
    )
    if day < t0 or day >= t1:
        return undet
    return ct_linear(undet, ct_peak(world.ct, kct, j), t0, tp, t1, day)


@njit(cache=True, inline="always")
def first_stage_days(dur: np.ndarray, kd: np.uint64, j: int, sev: int) -> int:
    """Days from agent ``j``'s (would-be) onset to its next transition (the first keyed
    duration draw after onset: to recovery, or to severe disease)."""
    return draw_days(dur, kd, first_stage(sev), j)


@njit(cache=True, inline="always")
def first_stage(sev: int) -> int:
    """The duration (D_*) from onset to an infection's next transition, by its severity."""
    if sev < SEV_MILD:
        return D_ASYM
    if sev < SEV_SEVERE:
        return D_MILD
    return D_SYM2SEV


@njit(cache=True, inline="always")
def _end_after(dur: np.ndarray, kd: np.uint64, j: int, sev: int, t_symptom: int, d1: int) -> int:
    """infectious_end given ``d1 = first_stage_days(...)``."""
    if sev < SEV_SEVERE:
        return t_symptom + d1
    t = t_symptom + d1
    if sev < SEV_CRITICAL:
        return t + draw_days(dur, kd, D_SEVERE, j)
    t += draw_days(dur, kd, D_SEV2CRIT, j)
    return t + draw_days(dur, kd, D_CRIT2DIE if sev == SEV_DEATH else D_CRITICAL, j)


@njit(cache=True, inline="always")
def infectious_end(dur: np.ndarray, kd: np.uint64, j: int, sev: int, t_symptom: int) -> int:
    """The day agent ``j``'s infection ends, from the same keyed duration draws ``progress``
    makes at each transition (so it is known when infectiousness begins). ``t_symptom``: the
    day of its (would-be) onset."""
    return _end_after(dur, kd, j, sev, t_symptom, first_stage_days(dur, kd, j, sev))


@njit(cache=True, inline="always")
def _window_first(
    tc: np.ndarray, dur: np.ndarray, kd: np.uint64, j: int, sev: int, t_join: int
) -> tuple[float, float, float, int]:
    """``_window`` and ``first_stage_days`` (drawn once for both)."""
    lat = draw_incubation_latent(dur, kd, j)[1]
    return _window_first_of(tc, dur, kd, j, sev, t_join, lat, first_stage_days(dur, kd, j, sev))


@njit(cache=True, inline="always")
def _window_first_of(
    tc: np.ndarray,
    dur: np.ndarray,
    kd: np.uint64,
    j: int,
    sev: int,
    t_join: int,
    lat: float,
    d1: int,
) -> tuple[float, float, float, int]:
    """``_window_first`` given agent ``j``'s latent-period draw ``lat`` (World.latent) and
    ``d1 = first_stage_days(...)``."""
    t_on = np.float64(tc[j, TC_ONSET])
    t_infd = np.float64(tc[j, TC_INFECTED])
    w0 = max(t_infd + min(lat, t_on - t_infd), float(t_join + 1))
    w1 = float(_end_after(dur, kd, j, sev, np.int64(np.floor(t_on)), d1) + 1)
    return w0, t_on, w1, d1


@njit(cache=True, inline="always")
def _window(
    tc: np.ndarray, dur: np.ndarray, kd: np.uint64, j: int, sev: int, t_join: int
) -> tuple[float, float, float]:
    """(start, onset, end) of agent ``j``'s infectious window: from the end of its latent
    period (no earlier than the day after it joins the infectious list, ``t_join``, the first
    day it transmits) to the end of the last day of its infection."""
    w0, t_on, w1, _ = _window_first(tc, dur, kd, j, sev, t_join)
    return w0, t_on, w1


def infectious_window(ag: Agents, world: World, j: int) -> tuple[float, float, float]:
    """(start, onset, end) of infected agent ``j``'s infectious window, in days since day 0
    (its infectiousness on a day is ``inf_weight`` of it, scaled to ``infectious_days``)."""
    return _window(
        ag.tc,
        world.dur,
        world.keys[K_DUR],
        int(j),
        int(ag.severity[j]),
        int(ag.rec[j, R_T_INFECTIOUS]),
    )


def daily_infectiousness(ag: Agents, world: World, j: int, n_days: int) -> npt.NDArray[np.float64]:
    """Agent ``j``'s infectiousness on days 0 .. n_days - 1 (before isolation or quarantine):
    its relative infectiousness x the profile's mass in the day, summing to infectious_days."""
    w0, t_on, w1 = infectious_window(ag, world, j)
    prof = world.consts
    mass = inf_cdf(prof, w1 - t_on) - inf_cdf(prof, w0 - t_on)
    w = np.array([inf_weight(prof, w0, t_on, w1, d) for d in range(n_days)])
    result: npt.NDArray[np.float64] = w * float(ag.rel_inf[j]) * prof[C_TOTAL] / mass
    return result


@njit(cache=True, inline="always")
def _group_span(inf_rec: np.ndarray, n: int, col: int, ptr: np.ndarray, g: int) -> None:
    """Write (start, size) of group ``g``'s member list, or (0, 0) for no group."""
    if g >= 0:
        inf_rec[n, col] = ptr[g]
        inf_rec[n, col + 1] = ptr[g + 1] - ptr[g]
    else:
        inf_rec[n, col] = 0
        inf_rec[n, col + 1] = 0


@njit(cache=True, inline="always")
def _remove_infectious(
    inf_rec: np.ndarray,
    inf_relinf: np.ndarray,
    inf_t: np.ndarray,
    inf_next: np.ndarray,
    inf_pos: np.ndarray,
    n_inf: np.ndarray,
    j: int,
) -> None:
    pos = inf_pos[j]
    if pos < 0:
        return
    last = n_inf[0] - 1
    other = inf_rec[last, I_AGENT]
    for c in range(inf_rec.shape[1]):  # field by field: a row copy needs a temporary
        inf_rec[pos, c] = inf_rec[last, c]
    inf_relinf[pos] = inf_relinf[last]
    for c in range(T_WIDTH):
        inf_t[pos, c] = inf_t[last, c]
    inf_next[pos] = inf_next[last]
    inf_pos[other] = pos
    inf_pos[j] = -1
    n_inf[0] = last


@njit(cache=True)
def sync_until(ag: Agents, world: World, j: int) -> None:
    """Copy agent ``j``'s isolation/quarantine ends into its infectious record, if it has one."""
    pos = world.inf_pos[j]
    if pos >= 0:
        world.inf_rec[pos, I_ISOLATED] = ag.until[j, U_ISOLATED]
        world.inf_rec[pos, I_QUARANTINED] = ag.until[j, U_QUARANTINED]


# _nrt=False: no reference counting of arrays here or in the helpers called (numba otherwise
# counts, with atomic instructions, a reference to each array passed at each call). Nothing
# here allocates.
@njit(cache=True, _nrt=False)  # type: ignore[call-overload, untyped-decorator]  # numba's stubs lack _nrt
def progress(ag: Agents, world: World, L: Layers, day: int, onsets: np.ndarray) -> int:
    """Fire every transition scheduled for ``day``; return how many symptom onsets (in ``onsets``)."""
    n_onsets = 0
    rec, head, dur, kd = ag.rec, world.head, world.dur, world.keys[K_DUR]
    state, severity, area, classification, until = (
        ag.state,
        ag.severity,
        ag.area,
        ag.classification,
        ag.until,
    )
    inf_rec, inf_relinf, inf_t, inf_pos, n_inf = (
        world.inf_rec,
        world.inf_relinf,
        world.inf_t,
        world.inf_pos,
        world.n_inf,
    )
    tc, prof, latent, inf_next = ag.tc, world.consts, world.latent, world.inf_next
    agebin, sus, hh_idx = ag.agebin, world.age_table[:, 0], L.hh_idx
    hh_ptr, dorm_ptr, work_ptr, school_ptr, area_ptr = (
        L.hh_ptr,
        L.dorm_ptr,
        L.work_ptr,
        L.school_ptr,
        L.area_ptr,
    )
    hh_of, dorm_of, work_of, school_of = ag.household, ag.dormitory, ag.workplace, ag.school
    c = world.counts
    hh_pos = L.hh_pos
    has_hh_pos = hh_pos.shape[0] > 0
    screen = world.consts[C_UNTIL_MAX] > day
    queue, qfree = world.queue, world.qfree
    b = np.int64(head[day])
    head[day] = -1
    k = np.int64(queue[b, Q_FILL]) if b >= 0 else np.int64(0)
    while b >= 0:
        # Newest first (block by block, within a block from the end): last scheduled, first
        # fired, as the order of a day's events has always been.
        if k == 0:
            nb = np.int64(queue[b, Q_NEXT])
            queue[b, Q_NEXT] = qfree[0]  # the walked block is free for reuse
            qfree[0] = b
            b = nb
            if b >= 0:
                k = np.int64(queue[b, Q_FILL])
            continue
        k -= 1
        j = np.int64(queue[b, k])
        if k >= _AHEAD:
            # The entries of the agent _AHEAD places on in the bucket, so that its cache misses
            # overlap with the work on this one (prefetch.py).
            jn = np.int64(queue[b, k - _AHEAD])
            prefetch(rec, jn)
            prefetch(state, jn)
            prefetch(severity, jn)
            prefetch(area, jn)
            prefetch(classification, jn)
            prefetch(tc, jn)
            prefetch(inf_pos, jn)
            if state[jn] == E:  # joins the infectious list: its groups too
                prefetch(latent, jn)
                prefetch(agebin, jn)
                if has_hh_pos:
                    prefetch(hh_pos, jn)
                else:
                    prefetch(hh_of, jn)
                prefetch(dorm_of, jn)
                prefetch(work_of, jn)
                prefetch(school_of, jn)
        if rec[j, R_NEXT_DAY] != day:  # stale entry (rescheduled); skip
            continue
        s = state[j]
        sev = severity[j]
        a = area[j]
        final = -1  # the state the infection ends in today, if it ends
        cl = classification[j]
        confirmed = (cl == CL_CONFIRMED) | (cl == CL_RECLASSIFIED)
        if s == E:
            c[a, M_EXPOSED_CUR] -= 1
            c[a, M_INFECTIOUS_CUR] += 1
            # The first stage after onset (first_stage_days) and the first normal of the
            # relative infectiousness's gamma draw: the two normals of one pair.
            stage = first_stage(sev)
            z_stage, z_gamma = normal_pair(kd, j, stage, 0)
            ri = rel_infectiousness(world.consts, world.keys[K_INF], j, sev >= SEV_MILD, z_gamma)
            ag.rel_inf[j] = ri
            # The infectious window: end of the latent period (no earlier than tomorrow, the
            # first day it transmits) to the end of its last day; scaled so the profile's mass
            # in it is infectious_days (disease docstring).
            d1 = days_of(dur, stage, z_stage)
            w0, t_on, w1, d1 = _window_first_of(tc, dur, kd, j, sev, day, latent[j], d1)
            f_end = inf_cdf(prof, w1 - t_on)
            f0 = inf_cdf(prof, w0 - t_on)
            mass = f_end - f0
            # Join the infectious list (a record the transmission scan reads in order).
            n = n_inf[0]
            inf_rec[n, I_AGENT] = j
            inf_rec[n, I_AREA] = a
            if screen:
                inf_rec[n, I_ISOLATED] = until[j, U_ISOLATED]
                inf_rec[n, I_QUARANTINED] = until[j, U_QUARANTINED]
            else:  # every end is <= today: as good as 0 for the days to come
                inf_rec[n, I_ISOLATED] = 0
                inf_rec[n, I_QUARANTINED] = 0
            # Its household's envelope (transmission.py): the members susceptible now, at
            # their susceptibility (j itself is not: E).
            w_hh = 0.0
            if has_hh_pos:  # households are runs of agents: span from j's rank and size
                v = np.int64(hh_pos[j])
                h0 = j - (v & 255)
                inf_rec[n, I_GROUP0] = h0
                inf_rec[n, I_GROUP0 + 1] = v >> 8
                for jm in range(h0, h0 + (v >> 8)):
                    if state[jm] == S:
                        w_hh += sus[agebin[jm]]
            else:
                g = hh_of[j]
                _group_span(inf_rec, n, I_GROUP0, hh_ptr, g)
                if g >= 0:
                    for r in range(hh_ptr[g], hh_ptr[g + 1]):
                        jl = np.int64(hh_idx[r])
                        if state[jl] == S:
                            w_hh += sus[agebin[jl]]
            _group_span(inf_rec, n, I_GROUP0 + 2, dorm_ptr, dorm_of[j])
            _group_span(inf_rec, n, I_GROUP0 + 4, work_ptr, work_of[j])
            _group_span(inf_rec, n, I_GROUP0 + 6, school_ptr, school_of[j])
            _group_span(inf_rec, n, I_GROUP0 + 8, area_ptr, a)
            inf_t[n, T_START] = w0
            inf_t[n, T_ONSET] = t_on
            inf_t[n, T_END] = w1
            inf_next[n] = -1.0  # attempts not drawn yet (transmission draws them)
            inf_t[n, T_F] = f0  # the profile's CDF at the window's ends, which transmission
            inf_t[n, T_FEND] = f_end  # needs too: computed once
            inf_t[n, T_HH_SUS] = w_hh
            inf_relinf[n] = ri * prof[C_TOTAL] / mass if mass > 0.0 else 0.0
            inf_pos[j] = n
            n_inf[0] = n + 1
            if sev >= SEV_MILD:
                state[j] = PRE
                # Its stage after onset, drawn here already: kept for the onset (below or on
                # its day) instead of drawn again (a lognormal: a normal and an exp).
                rec[j, R_STAGE_DAYS] = d1
                if rec[j, R_T_SYMPTOM] > day:
                    _push(rec, head, queue, qfree, j, rec[j, R_T_SYMPTOM])
                else:  # onset today (infected today, a short incubation): now, below
                    s = PRE
            else:
                state[j] = ASYM
                _push(rec, head, queue, qfree, j, np.int64(w1) - 1)  # its end (_window)
        if s == PRE:
            state[j] = MILD
            onsets[n_onsets] = j
            n_onsets += 1
            if cl == CL_ASYMPTOMATIC:
                # Reported as asymptomatic, now has symptoms: reclassified (counted as confirmed).
                classification[j] = CL_RECLASSIFIED
                c[a, M_RECLASSIFIED_NEW] += 1
                c[a, M_CONFIRMED_NEW] += 1
                c[a, M_ASYMPTOMATIC_CUR] -= 1
                c[a, M_CONFIRMED_CUR] += 1
            # first_stage_days: to severe disease (D_SYM2SEV) or to recovery (D_MILD).
            _push(rec, head, queue, qfree, j, day + np.int64(rec[j, R_STAGE_DAYS]))
        elif s == MILD:
            if sev >= SEV_SEVERE:
                state[j] = SEVERE
                if confirmed:
                    c[a, M_SEVERE_CUR] += 1
                if sev >= SEV_CRITICAL:
                    _push(rec, head, queue, qfree, j, day + draw_days(dur, kd, D_SEV2CRIT, j))
                else:
                    _push(rec, head, queue, qfree, j, day + draw_days(dur, kd, D_SEVERE, j))
            else:
                final = REC
        elif s == SEVERE:
            if sev >= SEV_CRITICAL:
                state[j] = CRIT
                if confirmed:
                    c[a, M_SEVERE_CUR] -= 1
                    c[a, M_CRITICAL_CUR] += 1
                if sev == SEV_DEATH:
                    _push(rec, head, queue, qfree, j, day + draw_days(dur, kd, D_CRIT2DIE, j))
                else:
                    _push(rec, head, queue, qfree, j, day + draw_days(dur, kd, D_CRITICAL, j))
            else:
                if confirmed:
                    c[a, M_SEVERE_CUR] -= 1
                final = REC
        elif s == CRIT:
            if confirmed:
                c[a, M_CRITICAL_CUR] -= 1
            final = DEAD if sev == SEV_DEATH else REC
        elif s == ASYM:
            final = REC
        if final >= 0:  # the infection ends today: one inlined copy of _finish, not four
            _finish(
                state,
                rec,
                until,
                classification,
                area,
                c,
                inf_rec,
                inf_relinf,
                inf_t,
                inf_next,
                inf_pos,
                n_inf,
                j,
                day,
                final,
            )
    return n_onsets


@njit(cache=True, inline="always")
def _finish(
    state: np.ndarray,
    rec: np.ndarray,
    until: np.ndarray,
    classification: np.ndarray,
    area: np.ndarray,
    c: np.ndarray,
    inf_rec: np.ndarray,
    inf_relinf: np.ndarray,
    inf_t: np.ndarray,
    inf_next: np.ndarray,
    inf_pos: np.ndarray,
    n_inf: np.ndarray,
    j: int,
    day: int,
    final: int,
) -> None:
    a = area[j]
    state[j] = final
    rec[j, R_T_END] = day
    c[a, M_INFECTIOUS_CUR] -= 1
    _remove_infectious(inf_rec, inf_relinf, inf_t, inf_next, inf_pos, n_inf, j)
    if until[j, U_ISOLATED] > day:
        c[a, M_ISOLATED_CUR] -= 1
        until[j, U_ISOLATED] = day
    cl = classification[j]
    if final == DEAD:
        c[a, M_DEATHS_TRUE_NEW] += 1
    if (cl == CL_CONFIRMED) | (cl == CL_RECLASSIFIED):
        c[a, M_CONFIRMED_CUR] -= 1
        if final == DEAD:
            c[a, M_DEATHS_NEW] += 1
        else:
            c[a, M_RECOVERED_NEW] += 1
    elif cl == CL_ASYMPTOMATIC:
        c[a, M_ASYMPTOMATIC_CUR] -= 1
        c[a, M_RELEASED_NEW] += 1


@njit(cache=True)
def infect_many(
    ag: Agents, world: World, agents: np.ndarray, day: int, layer: int, out: np.ndarray
) -> int:
    """Infect the susceptible among ``agents`` (no infector); write them to ``out``, return count."""
    n = 0
    kt = world.keys[K_TIME]
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.state[j] == 0:
            # A time of the day, uniform (counters apart from transmission's: day < 0).
            t = day + min(uniform(kt, j, -1 - day, 0), 0.999999)
            infect(ag, world, j, t, np.int64(-1), layer)
            out[n] = j
            n += 1
    return n
