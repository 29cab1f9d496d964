"""Contact layers as group memberships (CSR) and a gravity kernel between areas.

Layers (params.LAYERS): household (every member, every day), dormitory, workplace and school
(each day a Poisson number of random co-members), community (Poisson contacts drawn from the
agent's own area) and between areas (a few contacts in other areas, destinations by a gravity
kernel over area centroids and populations: Viboud et al. 2006 Science 312:447). Nothing here is
a fixed edge list: a day's contacts are drawn from the groups by the transmission kernel, so
memory grows with the population (one CSR per layer), not with contacts x days.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numba import njit

from flareup.sim.people import alloc


class Layers(NamedTuple):
    """CSR member lists (indptr int64, indices int32) of each grouping, and the gravity kernel."""

    hh_ptr: np.ndarray
    hh_idx: np.ndarray
    dorm_ptr: np.ndarray
    dorm_idx: np.ndarray
    work_ptr: np.ndarray
    work_idx: np.ndarray
    school_ptr: np.ndarray
    school_idx: np.ndarray
    area_ptr: np.ndarray
    area_idx: np.ndarray
    gravity_cum: np.ndarray  # float64 (n_areas, n_areas): cumulative destination probabilities
    contiguous: np.ndarray  # bool (5,): layer's groups are runs of consecutive agent ids
    #: uint16 per agent, where households are runs of consecutive agents of at most 255:
    #: rank in the household | size << 8 (the household's span without two dependent random
    #: reads, household[j] then hh_ptr[...]); empty otherwise.
    hh_pos: np.ndarray


# The kernels on the way to a simulation's first day allocate nothing (their callers do): an
# allocation in a kernel (np.zeros, .copy()) makes its cached machine code refer to numba's
# array implementation module, which loading the kernel then imports (with all it imports,
# ~0.05 s of a simulator process's start).
@njit(cache=True)
def _csr_into(group: np.ndarray, ptr: np.ndarray, fill: np.ndarray, out: np.ndarray) -> None:
    n_groups = ptr.shape[0] - 1
    for i in range(group.shape[0]):
        g = group[i]
        if g >= 0:
            ptr[g + 1] += 1
    for g in range(n_groups):
        ptr[g + 1] += ptr[g]
    for g in range(n_groups):
        fill[g] = ptr[g]
    for i in range(group.shape[0]):
        g = group[i]
        if g >= 0:
            out[fill[g]] = i
            fill[g] += 1


def csr(group: np.ndarray, n_groups: int, out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR of a per-agent group id by a counting sort (O(n)); agents with id < 0 are left out.

    Members of a group are in increasing agent order (the sort is stable). ``out`` (int32, at
    least as long as ``group``) receives the indices.
    """
    ptr = np.zeros(int(n_groups) + 1, np.int64)
    _csr_into(group, ptr, np.empty(int(n_groups), np.int64), out)
    return ptr, out[: ptr[-1]]


def gravity_cumulative(areas: Any, exponent: float = 2.0, min_km: float = 2.0) -> np.ndarray:
    """Row-wise cumulative gravity kernel: W[a, b] ∝ pop_b / max(d_ab, min_km)^exponent, b != a.

    Rows of areas with no other area (a single-area population) are all zero.
    """
    n = len(areas)
    if n <= 1:
        return np.zeros((n, n))
    lat = np.radians(np.asarray(areas["lat"], dtype=float))
    lon = np.radians(np.asarray(areas["lon"], dtype=float))
    pop = np.asarray(areas["population"], dtype=float)
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    d = np.maximum(2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), min_km)
    w = pop[None, :] / d**exponent
    np.fill_diagonal(w, 0.0)
    s = w.sum(axis=1, keepdims=True)
    w = np.divide(w, s, out=np.zeros_like(w), where=s > 0)
    cum = np.cumsum(w, axis=1)
    cum[s[:, 0] > 0, -1] = 1.0  # guard against rounding in the last bin
    return np.ascontiguousarray(cum)


@njit(cache=True)
def _sorted_ptr_into(group: np.ndarray, ptr: np.ndarray) -> bool:
    # No counting (each agent's count waited on the previous one's, stored in the same place)
    # and no branch per agent (one on where a household ends is a coin toss): the order is
    # checked as one reduction, then each group's start is its first agent, stored from the
    # last agent back, and a group with no agent starts where the next one does.
    n_groups = ptr.shape[0] - 1
    n = group.shape[0]
    if n == 0:
        return True
    if group[0] < 0 or group[n - 1] >= n_groups:
        return False
    drops = 0
    for i in range(1, n):
        drops += group[i] < group[i - 1]
    if drops:
        return False
    for g in range(n_groups + 1):
        ptr[g] = n
    for i in range(n - 1, -1, -1):
        ptr[np.uint64(group[i])] = i  # 0 <= id < n_groups (checked): unsigned, no wraparound
    for g in range(n_groups - 1, -1, -1):
        ptr[g] = min(ptr[g], ptr[g + 1])
    return True


def _sorted_ptr(group: np.ndarray, n_groups: int) -> np.ndarray:
    """CSR pointers of a per-agent group id that is non-decreasing and never -1 (every group a
    run of consecutive agents, so the member list is the identity); an empty array otherwise."""
    ptr = np.zeros(int(n_groups) + 1, np.int64)
    return ptr if _sorted_ptr_into(group, ptr) else np.zeros(0, np.int64)


_LAST: list[Any] = []  # [weakref to the population, gravity exponent, its Layers]


def layers_for(pop: Any, gravity_exponent: float = 2.0) -> Layers:
    """The layers of ``pop``, built once and reused while the same population object is used
    with the same exponent (the engine only reads them): the replicates of an ensemble or a
    calibration skip rebuilding the member lists."""
    import weakref

    if _LAST and _LAST[0]() is pop and _LAST[1] == gravity_exponent:
        return _LAST[2]  # type: ignore[no-any-return]
    layers = build_layers(pop, gravity_exponent)
    try:
        _LAST[:] = [weakref.ref(pop), gravity_exponent, layers]
    except TypeError:  # an object without weak references: not cached
        _LAST.clear()
    return layers


def build_layers(pop: Any, gravity_exponent: float = 2.0) -> Layers:
    """Layers of a :class:`~flareup.sim.population.Population` (contracts.md section 4)."""
    ident: list[np.ndarray] = []

    def grp(arr: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        arr = np.ascontiguousarray(arr, dtype=np.int32)
        if len(arr) and int(n) > 0:
            # Groups that are runs of consecutive agents (synthesis sorts agents by area and
            # household) have the identity as member list: one array 0..n-1 serves them all,
            # instead of a counting sort and 4 bytes per agent for each.
            ptr = _sorted_ptr(arr, int(n))
            if len(ptr):
                if not ident:
                    ident.append(alloc(len(arr), np.int32))
                    ident[0][:] = np.arange(len(arr), dtype=np.int32)
                return ptr, ident[0]
        return csr(arr, int(n), alloc(len(arr), np.int32))

    hh = grp(pop.household, pop.n_households)
    dorm = grp(pop.dormitory, pop.n_dormitories)
    work = grp(pop.workplace, pop.n_workplaces)
    school = grp(pop.school, pop.n_schools)
    area = grp(pop.area, pop.n_areas)
    # Where a layer's groups are runs of consecutive agents (synthesis sorts agents by area and
    # household), member r of a group is simply start + r: the transmission kernel then skips
    # one random memory read per contact.
    shared = ident[0] if ident else None
    contiguous = np.array([_is_identity(idx, shared) for _, idx in (hh, dorm, work, school, area)])
    hh_pos = np.zeros(0, np.uint16)
    hh_ptr = hh[0]
    if contiguous[0] and len(hh_ptr) > 1 and hh_ptr[-1] == len(pop.household):
        sizes = np.diff(hh_ptr)
        if sizes.max() <= 255:
            hh_pos = alloc(len(pop.household), np.uint16)
            _household_pos(np.ascontiguousarray(pop.household, np.int32), hh_ptr, hh_pos)
    return Layers(
        *hh,
        *dorm,
        *work,
        *school,
        *area,
        gravity_cum=gravity_cumulative(pop.area_table, gravity_exponent),
        contiguous=contiguous,
        hh_pos=hh_pos,
    )


@njit(cache=True)
def _household_pos(group: np.ndarray, ptr: np.ndarray, out: np.ndarray) -> None:
    # Agent by agent from its household's pointers (read in order): no loop per household,
    # whose exit, after 1 to 8 members, the branch predictor missed at most households.
    for i in range(group.shape[0]):
        g = np.uint64(group[i])  # >= 0 (the caller's check): unsigned, no wraparound test
        start = ptr[g]
        out[i] = (i - start) | ((ptr[g + np.uint64(1)] - start) << 8)


def _is_identity(idx: np.ndarray, known: np.ndarray | None = None) -> bool:
    """Whether a CSR index array is 0, 1, 2, ... (every group a run of consecutive agents);
    ``known`` is one (build_layers' shared identity). A counting sort's list almost never ends
    at its own length less one, so numpy's full check runs rarely (a kernel of its own cost
    more to load, ~1 ms, than the check costs)."""
    if idx.size == 0:
        return False
    if idx is known:
        return True
    if idx[0] != 0 or idx[-1] != idx.size - 1:
        return False
    return bool(np.array_equal(idx, np.arange(idx.size, dtype=idx.dtype)))
