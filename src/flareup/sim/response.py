# mypy: disable-error-code="arg-type"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""Kernels of the response: quarantine, its release, isolation (counters kept per area)."""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.disease import C_UNTIL_MAX, World, sync_until
from flareup.sim.people import DEAD, FOREVER, REC, U_ISOLATED, U_QUARANTINED, Agents
from flareup.sim.results_idx import M_ISOLATED_CUR, M_QUARANTINED_CUR, M_QUARANTINED_NEW


@njit(cache=True, inline="always")
def _note_until(world: World, until: int) -> None:
    """Keep the latest isolation/quarantine end (the kernels skip ``until`` while it is past)."""
    if until > world.consts[C_UNTIL_MAX]:
        world.consts[C_UNTIL_MAX] = until


@njit(cache=True)
def quarantine(
    ag: Agents, world: World, agents: np.ndarray, day: int, until: int, out: np.ndarray
) -> int:
    """Quarantine ``agents`` until ``until`` (exclusive); skip the isolated, detected and dead.

    Write the agents whose quarantine starts or is extended into ``out``; return the count.
    """
    c = world.counts
    n = 0
    _note_until(world, until)
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.until[j, U_ISOLATED] > day or ag.detected[j] >= 0 or ag.state[j] == DEAD:
            continue
        if ag.until[j, U_QUARANTINED] > day:
            if until > ag.until[j, U_QUARANTINED]:
                ag.until[j, U_QUARANTINED] = until
                sync_until(ag, world, j)
                out[n] = j
                n += 1
            continue
        ag.until[j, U_QUARANTINED] = until
        sync_until(ag, world, j)
        a = ag.area[j]
        c[a, M_QUARANTINED_NEW] += 1
        c[a, M_QUARANTINED_CUR] += 1
        out[n] = j
        n += 1
    return n


@njit(cache=True)
def release_quarantine(ag: Agents, world: World, agents: np.ndarray, day: int) -> None:
    """Count out the agents whose quarantine ends on ``day`` (skip extended or ended ones)."""
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.until[j, U_QUARANTINED] == day:
            # The end day stays recorded: quarantined while day < until.
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1


@njit(cache=True)
def end_quarantine_now(ag: Agents, world: World, agents: np.ndarray, day: int) -> None:
    """End the quarantine of ``agents`` today (e.g. when they are detected and isolated)."""
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        if ag.until[j, U_QUARANTINED] > day:
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1
            ag.until[j, U_QUARANTINED] = day
            sync_until(ag, world, j)


@njit(cache=True)
def isolate(ag: Agents, world: World, agents: np.ndarray, day: int) -> int:
    """Isolate ``agents`` until their infection ends; return how many were newly isolated."""
    n = 0
    for k in range(agents.shape[0]):
        j = np.int64(agents[k])
        s = ag.state[j]
        if s == REC or s == DEAD or ag.until[j, U_ISOLATED] > day:  # noqa: SIM109 (numba)
            continue
        if ag.until[j, U_QUARANTINED] > day:
            world.counts[ag.area[j], M_QUARANTINED_CUR] -= 1
            ag.until[j, U_QUARANTINED] = day
            sync_until(ag, world, j)
        ag.until[j, U_ISOLATED] = FOREVER
        _note_until(world, FOREVER)
        sync_until(ag, world, j)
        world.counts[ag.area[j], M_ISOLATED_CUR] += 1
        n += 1
    return n
