# mypy: disable-error-code="arg-type,assignment"
# (numba kernels: numba types their arguments itself; numpy scalars and ints mix freely.)
"""Kernels of contact tracing: who an index case's contacts were, drawn as transmission drew them.

Household and dormitory members, and workplace or school co-members of groups up to
``max_group``, are all contacts. In larger groups and in the community the contacts were random
draws (see transmission.py); those that transmitted are known (the index's infectees), the rest
are drawn again here from the same distribution: Poisson(contacts per day x days looked back)
random members. Each is identified with the layer's coverage.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from flareup.sim.networks import Layers
from flareup.sim.people import R_CHILD_NEXT, R_T_INFECTED, Agents
from flareup.sim.streams import poisson, uniform


@njit(cache=True, inline="always")
def _take(
    j: int, out: list[np.int32], key: np.uint64, i: int, day: int, slot: int, coverage: float
) -> None:
    if coverage >= 1.0 or uniform(key, i, day, slot) < coverage:
        out.append(np.int32(j))


@njit(cache=True)
def trace(
    ag: Agents,
    L: Layers,
    index: np.ndarray,
    day: int,
    lookback: int,
    coverage: np.ndarray,
    contacts: np.ndarray,
    max_group: int,
    key: np.uint64,
    with_random: bool,
) -> np.ndarray:
    """Identified contacts of ``index`` agents (may repeat; the caller de-duplicates).

    ``coverage``: identification probability per layer (household, dormitory, workplace, school,
    community). ``contacts``: daily contacts per layer (params.layer_contacts). ``with_random``:
    also draw contacts in large groups and the community (False for contacts of contacts).
    """
    out = [np.int32(0) for _ in range(0)]
    groups = (ag.household, ag.dormitory, ag.workplace, ag.school, ag.area)
    ptrs = (L.hh_ptr, L.dorm_ptr, L.work_ptr, L.school_ptr, L.area_ptr)
    idxs = (L.hh_idx, L.dorm_idx, L.work_idx, L.school_idx, L.area_idx)
    for q in range(index.shape[0]):
        i = np.int64(index[q])
        slot = 0
        for layer in range(5):
            cov = coverage[layer]
            if cov <= 0.0:
                continue
            g = groups[layer][i]
            if g < 0:
                continue
            start = ptrs[layer][g]
            size = ptrs[layer][g + 1] - start
            if size <= 1:
                continue
            if layer < 4 and size <= max_group:
                for r in range(start, start + size):
                    j = np.int64(idxs[layer][r])
                    if j != i:
                        slot += 1
                        _take(j, out, key, i, day, slot, cov)
            elif with_random:
                c = contacts[layer]
                m = poisson(c * lookback * cov, uniform(key, i, day, 100000 + layer))
                for k in range(m):
                    r = np.int64(uniform(key, i, day, 200000 + 1000 * layer + k) * size)
                    j = np.int64(idxs[layer][start + r])
                    if j != i:
                        out.append(np.int32(j))
        # Those the index infected in the look-back window were contacts too.
        if with_random:
            j = np.int64(ag.child_head[i])
            while j >= 0:
                if ag.rec[j, R_T_INFECTED] >= day - lookback:
                    lay = ag.layer[j]
                    slot += 1
                    _take(j, out, key, i, day, slot, coverage[lay if 0 <= lay < 5 else 4])
                j = np.int64(ag.rec[j, R_CHILD_NEXT])
    res = np.empty(len(out), np.int32)
    for k in range(len(out)):
        res[k] = out[k]
    return res
