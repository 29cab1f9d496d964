"""Kernels of the response: quarantine, its release, isolation (counters kept per area)."""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import World
from flareup.sim.people import DEAD, FOREVER, REC
from flareup.sim.results_idx import M_ISOLATED_CUR, M_QUARANTINED_CUR, M_QUARANTINED_NEW


@njit(cache=True)
def quarantine(ag, world: World, agents: np.ndarray, day: int, until: int,  # noqa: ANN001
               out: np.ndarray) -> int:
    """Quarantine ``agents`` until ``until`` (exclusive); skip the isolated, detected and dead.

    Write the agents whose quarantine starts or is extended into ``out``; return the count.
    """
    c = world.counts
    n = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.isolated_until[j] > day or ag.detected[j] >= 0 or ag.state[j] == DEAD:
            continue
        if ag.quarantined_until[j] > day:
            if until > ag.quarantined_until[j]:
                ag.quarantined_until[j] = until
                out[n] = j
                n += 1
            continue
        ag.quarantined_until[j] = until
        a = ag.area[j]
        c[a, M_QUARANTINED_NEW] += 1
        c[a, M_QUARANTINED_CUR] += 1
        out[n] = j
        n += 1
    return n


@njit(cache=True)
def release_quarantine(ag, world: World, agents: np.ndarray, day: int) -> None:  # noqa: ANN001
    """Count out the agents whose quarantine ends on ``day`` (skip extended or ended ones)."""
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.quarantined_until[j] == day:
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1
            ag.quarantined_until[j] = 0


@njit(cache=True)
def end_quarantine_now(ag, world: World, agents: np.ndarray, day: int) -> None:  # noqa: ANN001
    """End the quarantine of ``agents`` today (e.g. when they are detected and isolated)."""
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.quarantined_until[j] > day:
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1
            ag.quarantined_until[j] = 0


@njit(cache=True)
def isolate(ag, world: World, agents: np.ndarray, day: int) -> int:  # noqa: ANN001
    """Isolate ``agents`` until their infection ends; return how many were newly isolated."""
    n = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        s = ag.state[j]
        if s == REC or s == DEAD or ag.isolated_until[j] > day:
            continue
        if ag.quarantined_until[j] > day:
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1
            ag.quarantined_until[j] = 0
        ag.isolated_until[j] = FOREVER
        world.counts[ag.area[j], M_ISOLATED_CUR] += 1
        n += 1
    return n
