# mypy: disable-error-code="arg-type"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""RT-PCR testing of agents (individually or in pools) and detection/classification kernels.

A sample's Ct on a day comes from the agent's trajectory (:func:`disease.ct_value`), so tests miss
infections that are too early or too late. A swab fails with probability 1 - sampling
sensitivity. A pool of k samples is positive when its RNA, the sum of its members' RNA diluted
k-fold, is below the cut-off: ``Ct_pool = -log2(sum_j 2^-Ct_j / k)``, i.e. for one positive the
``Ct + log2(k)`` shift of the dilution model (Bateman et al. 2020 J Med Virol;
``flareup.pooling.dilution``); ``shift_per_doubling`` scales the shift for PCR efficiency < 100 %.

Detection classifies as the registry does (schema, China 2020 protocol): confirmed if the person
has symptoms when reported, asymptomatic otherwise; a later symptom onset reclassifies
(disease.progress). Detection of an already recovered person is reported and closed the same day.
With a clinical assessment delay (``Sim(clinical_assessment_days=N)``, N >= 1) a positive is
first reported as an asymptomatic infection unless it was sampled because of its symptoms, and
the clinical assessment N days later reclassifies those with symptoms then (:func:`assess`):
the order of China's reporting rules of 2020 (a positive reported within 2 hours, the case
investigated within 24; docs/methods/sim.md, "When a detection is classified").
"""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import CT_CUTOFF, CT_SAMPLE, CT_UNDET, World, ct_value
from flareup.sim.people import (
    CL_ASYMPTOMATIC,
    CL_CONFIRMED,
    CL_RECLASSIFIED,
    CRIT,
    DEAD,
    LAYER_IMPORTED,
    MILD,
    R_T_END,
    R_T_INFECTED,
    R_T_SYMPTOM,
    REC,
    SEVERE,
    Agents,
    S,
)
from flareup.sim.results_idx import (
    M_ASYMPTOMATIC_CUR,
    M_ASYMPTOMATIC_NEW,
    M_CONFIRMED_CUR,
    M_CONFIRMED_NEW,
    M_CRITICAL_CUR,
    M_IMPORTED_NEW,
    M_RECLASSIFIED_NEW,
    M_RECOVERED_NEW,
    M_RELEASED_NEW,
    M_SEVERE_CUR,
)
from flareup.sim.streams import uniform


@njit(cache=True)
def pcr_individual(
    ag: Agents, world: World, agents: np.ndarray, day: int, key: np.uint64
) -> np.ndarray:
    """Positive (bool) for each agent's own sample taken on ``day``."""
    out = np.zeros(agents.shape[0], np.bool_)
    cutoff = world.ct[CT_CUTOFF]
    se = world.ct[CT_SAMPLE]
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        ag.n_tests[j] += 1
        if ag.rec[j, R_T_INFECTED] < 0:
            continue
        if ct_value(ag, world, j, day) < cutoff and uniform(key, j, day, 0) < se:
            out[k] = True
    return out


@njit(cache=True)
def pcr_pooled(
    ag: Agents,
    world: World,
    agents: np.ndarray,
    pool_size: int,
    day: int,
    key: np.uint64,
    shift_per_doubling: float,
) -> np.ndarray:
    """Positive (bool) per pool of ``pool_size`` consecutive agents (the last may be smaller)."""
    n = agents.shape[0]
    n_pools = (n + pool_size - 1) // pool_size
    out = np.zeros(n_pools, np.bool_)
    cutoff = world.ct[CT_CUTOFF]
    undet = world.ct[CT_UNDET]
    se = world.ct[CT_SAMPLE]
    for p in range(n_pools):
        lo = p * pool_size
        hi = min(n, lo + pool_size)
        rna = 0.0
        for k in range(lo, hi):
            j = np.int64(agents[k])
            ag.n_tests[j] += 1
            if ag.rec[j, R_T_INFECTED] < 0:
                continue
            ct = ct_value(ag, world, j, day)
            if ct < undet and uniform(key, j, day, 0) < se:
                rna += 2.0 ** (-ct)
        if rna > 0.0:
            ct_pool = -np.log2(rna) + shift_per_doubling * np.log2(float(hi - lo))
            out[p] = ct_pool < cutoff
    return out


@njit(cache=True)
def detect(
    ag: Agents,
    world: World,
    agents: np.ndarray,
    day: int,
    out: np.ndarray,
    provisional: bool,
    for_symptoms: np.ndarray,
) -> int:
    """Report positive ``agents`` on ``day``; write the newly detected into ``out``, return count.

    ``provisional``: a symptomatic positive is reported as asymptomatic unless
    ``for_symptoms[j]`` (sampled because of symptoms); :func:`assess` classifies it later."""
    c = world.counts
    n_new = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        s = ag.state[j]
        if ag.detected[j] >= 0 or s == S or s == DEAD:  # noqa: SIM109 (numba)
            continue
        ag.detected[j] = day
        a = ag.area[j]
        if ag.layer[j] == LAYER_IMPORTED:
            c[a, M_IMPORTED_NEW] += 1
        symptoms = (s == MILD) | (s == SEVERE) | (s == CRIT)
        if symptoms and (not provisional or for_symptoms[j]):
            ag.classification[j] = CL_CONFIRMED
            c[a, M_CONFIRMED_NEW] += 1
            c[a, M_CONFIRMED_CUR] += 1
            if s == SEVERE:
                c[a, M_SEVERE_CUR] += 1
            elif s == CRIT:
                c[a, M_CRITICAL_CUR] += 1
        elif s == REC:
            # Still RNA-positive after recovery: reported and closed the same day (with a
            # clinical assessment delay, one with past symptoms is reported as asymptomatic and
            # reclassified and closed at the assessment).
            if 0 <= ag.rec[j, R_T_SYMPTOM] <= day and provisional and not for_symptoms[j]:
                ag.classification[j] = CL_ASYMPTOMATIC
                c[a, M_ASYMPTOMATIC_NEW] += 1
                c[a, M_ASYMPTOMATIC_CUR] += 1
            elif 0 <= ag.rec[j, R_T_SYMPTOM] <= day:
                ag.classification[j] = CL_CONFIRMED
                c[a, M_CONFIRMED_NEW] += 1
                c[a, M_RECOVERED_NEW] += 1
            else:
                ag.classification[j] = CL_ASYMPTOMATIC
                c[a, M_ASYMPTOMATIC_NEW] += 1
                c[a, M_RELEASED_NEW] += 1
        else:
            ag.classification[j] = CL_ASYMPTOMATIC
            c[a, M_ASYMPTOMATIC_NEW] += 1
            c[a, M_ASYMPTOMATIC_CUR] += 1
        out[n_new] = j
        n_new += 1
    return n_new


@njit(cache=True)
def assess(ag: Agents, world: World, agents: np.ndarray, day: int) -> int:
    """Clinical assessment on ``day`` of ``agents`` reported as asymptomatic: those with
    symptoms now are reclassified (counted as confirmed, as disease.progress does at an onset
    after the report), and so are those whose infection, with symptoms, was over when reported
    (then closed as recovered); return how many."""
    c = world.counts
    n = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        s = ag.state[j]
        if ag.classification[j] != CL_ASYMPTOMATIC:
            continue  # reclassified at its onset already, or closed
        ill = (s == MILD) | (s == SEVERE) | (s == CRIT)
        # Over before the report (the end is on or before the day reported), with symptoms:
        # still open; an infection that ended after the report was closed then.
        past = (s == REC) & (ag.rec[j, R_T_END] <= ag.detected[j]) & (ag.rec[j, R_T_SYMPTOM] >= 0)
        if not (ill or past):
            continue
        a = ag.area[j]
        ag.classification[j] = CL_RECLASSIFIED
        c[a, M_RECLASSIFIED_NEW] += 1
        c[a, M_CONFIRMED_NEW] += 1
        c[a, M_ASYMPTOMATIC_CUR] -= 1
        if past:
            c[a, M_RECOVERED_NEW] += 1
        else:
            c[a, M_CONFIRMED_CUR] += 1
        if s == SEVERE:
            c[a, M_SEVERE_CUR] += 1
        elif s == CRIT:
            c[a, M_CRITICAL_CUR] += 1
        n += 1
    return n


@njit(cache=True)
def add_by_area(
    area: np.ndarray, agents: np.ndarray, counts: np.ndarray, metric: int, amount: int
) -> None:
    """counts[area[j], metric] += amount for each agent j."""
    for k in range(agents.shape[0]):
        counts[area[agents[k]], metric] += amount


@njit(cache=True)
def count_results(
    area: np.ndarray,
    agents: np.ndarray,
    k: int,
    positive: np.ndarray,
    counts: np.ndarray,
    wait: int,
    m_tests: int,
    m_samples: int,
    m_wait: int,
) -> None:
    """One pass of the lab's bookkeeping for a run chunk (pools of ``k`` consecutive agents):
    a test where each pool's first sample lives, and each sample resulted now -- every sample
    of a negative pool, each individual sample (k = 1) -- with its days from sampling to
    result. A positive pool's samples result with their retests."""
    for i in range(agents.shape[0]):
        a = area[agents[i]]
        if i % k == 0:
            counts[a, m_tests] += 1
        if k == 1 or not positive[i // k]:
            counts[a, m_samples] += 1
            counts[a, m_wait] += wait


@njit(cache=True)
def testable(
    state: np.ndarray,
    area: np.ndarray,
    detected: np.ndarray,
    until: np.ndarray,
    agents: np.ndarray,
    day: int,
    out: np.ndarray,
    counts: np.ndarray,
    metric: int,
) -> int:
    """Write to ``out`` the agents who would be sampled (alive, not yet detected, not in
    isolation); return how many. ``metric`` >= 0: count them there by area (one pass)."""
    n = 0
    for i in range(agents.shape[0]):
        j = agents[i]
        if detected[j] < 0 and state[j] != DEAD and until[j, 0] <= day:
            out[n] = j
            n += 1
            if metric >= 0:
                counts[area[j], metric] += 1
    return n
