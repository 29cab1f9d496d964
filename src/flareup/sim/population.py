"""Synthetic populations for the agent-based simulator (contracts.md section 4).

A :class:`Population` is a struct of numpy arrays, one entry per agent, plus per-group arrays
(workplaces) and the area table. The engine reads it; it never changes it (frozen). Group
membership for each contact layer is available as a CSR pair ``(indptr, indices)`` from
:meth:`Population.members`, built once and cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt
from numba import njit

from flareup.errors import ConfigError
from flareup.rng import SeedLike, generator

# Re-exported: the inputs and area tables were split out of this module; import them from here.
from flareup.sim.areas import (
    _num as _num,
)
from flareup.sim.areas import (
    kashgar_area_table as kashgar_area_table,
)
from flareup.sim.areas import (
    kashgar_areas as kashgar_areas,
)
from flareup.sim.areas import (
    leaf_area_table as leaf_area_table,
)
from flareup.sim.areas import (
    leaf_areas as leaf_areas,
)
from flareup.sim.popinputs import (
    _FILE_FIELDS as _FILE_FIELDS,
)
from flareup.sim.popinputs import (
    _SCALARS as _SCALARS,
)
from flareup.sim.popinputs import (
    DATA_DIR as DATA_DIR,
)
from flareup.sim.popinputs import (
    NamedWorkplace as NamedWorkplace,
)
from flareup.sim.popinputs import (
    PopulationParams as PopulationParams,
)
from flareup.sim.popinputs import (
    _named_workplace as _named_workplace,
)
from flareup.sim.popinputs import (
    _read_csv as _read_csv,
)
from flareup.sim.tables import Table, frame_fields, isna, table_of

if TYPE_CHECKING:
    import pandas as pd

LAYERS = ("household", "workplace", "dormitory", "school", "area")

AREA_COLUMNS = ("code", "name", "parent_code", "population", "lat", "lon")


def _csr(group: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, indices) from a per-agent group id; agents with id -1 are left out.

    A stable counting sort: members of a group appear in increasing agent index, so the result
    does not depend on anything but ``group``.
    """
    group = np.asarray(group)
    valid = group >= 0
    ids = group[valid].astype(np.int64, copy=False)
    counts = np.bincount(ids, minlength=n_groups)
    indptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    agents = np.flatnonzero(valid)
    order = np.argsort(ids, kind="stable")
    indices = agents[order].astype(np.int32, copy=False)
    return indptr, indices


@dataclass(frozen=True, eq=False)
class Population:
    """Agents as a struct of arrays (length ``n`` unless said) — contracts.md section 4.

    ``area`` indexes rows of ``areas`` (columns code, name, parent_code, population, lat, lon):
    a DataFrame when read; it may be given as a :class:`~flareup.sim.tables.Table`, which the
    engine reads (``area_table``) without pandas. Group ids run from 0 to ``n_<groups> - 1``;
    -1 means "not in such a group".
    """

    area: np.ndarray  # int32, index into areas
    age: np.ndarray  # int16, years
    household: np.ndarray  # int32 id
    workplace: np.ndarray  # int32 id or -1
    dormitory: np.ndarray  # int32 id or -1
    school: np.ndarray  # int32 id or -1
    areas: pd.DataFrame
    n_households: int
    n_workplaces: int
    n_dormitories: int
    n_schools: int
    workplace_size: np.ndarray  # int32 per workplace
    workplace_area: np.ndarray  # int32 per workplace, index into areas
    workplace_is_factory: np.ndarray  # bool per workplace
    #: named workplaces (e.g. "shufu-garment-factory") -> workplace id; extra to the contract
    workplace_names: dict[str, int] = field(default_factory=dict)
    _cache: dict[str, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        n = len(self.area)
        for name in ("age", "household", "workplace", "dormitory", "school"):
            if len(getattr(self, name)) != n:
                raise ValueError(
                    f"Population.{name} has {len(getattr(self, name))} entries, "
                    f"expected {n} (one per agent)"
                )
        for name in ("workplace_size", "workplace_area", "workplace_is_factory"):
            if len(getattr(self, name)) != self.n_workplaces:
                raise ValueError(
                    f"Population.{name} has {len(getattr(self, name))} entries, "
                    f"expected n_workplaces={self.n_workplaces}"
                )
        missing = [c for c in AREA_COLUMNS if c not in self.area_table.columns]
        if missing:
            raise ValueError(f"Population.areas lacks columns {missing}")

    @property
    def area_table(self) -> Table:
        """``areas`` as a :class:`~flareup.sim.tables.Table` (no pandas where it was given one)."""
        return table_of(self, "areas")

    @property
    def n(self) -> int:
        """Number of agents."""
        return len(self.area)

    @property
    def n_areas(self) -> int:
        """Number of areas (rows of ``areas``)."""
        return len(self.area_table)

    def n_groups(self, layer: str) -> int:
        """Number of groups in ``layer``."""
        return {
            "household": self.n_households,
            "workplace": self.n_workplaces,
            "dormitory": self.n_dormitories,
            "school": self.n_schools,
            "area": self.n_areas,
        }[self._check_layer(layer)]

    def group_of(self, layer: str) -> np.ndarray:
        """Per-agent group id for ``layer`` (-1 where the agent has none)."""
        return {
            "household": self.household,
            "workplace": self.workplace,
            "dormitory": self.dormitory,
            "school": self.school,
            "area": self.area,
        }[self._check_layer(layer)]

    def members(self, layer: str) -> tuple[np.ndarray, np.ndarray]:
        """CSR ``(indptr, indices)``: members of group g are ``indices[indptr[g]:indptr[g+1]]``.

        ``indptr`` is int64 (length n_groups + 1), ``indices`` int32 agent ids, ascending within a
        group. Built on first use and cached.
        """
        layer = self._check_layer(layer)
        if layer not in self._cache:
            self._cache[layer] = _csr(self.group_of(layer), self.n_groups(layer))
        return self._cache[layer]

    def area_index(self, code_or_name: str) -> int:
        """Row of ``areas`` whose code or name is ``code_or_name`` (KeyError if none)."""
        t = self.area_table
        codes = _text(t["code"])
        hit = np.flatnonzero(codes == str(code_or_name))
        if hit.size == 0:
            names = _text(t["name"])
            hit = np.flatnonzero(names == str(code_or_name))
        if hit.size == 0:
            raise KeyError(code_or_name)
        return int(hit[0])

    def nbytes(self) -> int:
        """Memory held by the per-agent and per-workplace arrays (bytes)."""
        arrays = (
            self.area,
            self.age,
            self.household,
            self.workplace,
            self.dormitory,
            self.school,
            self.workplace_size,
            self.workplace_area,
            self.workplace_is_factory,
        )
        return int(sum(a.nbytes for a in arrays))

    @staticmethod
    def _check_layer(layer: str) -> str:
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
        return layer


# ``areas`` holds a Table or a DataFrame and reads as a DataFrame (pandas loaded then).
frame_fields(Population, "areas")


def _text(values: Any) -> np.ndarray:
    """Values as text, as pandas' ``astype(str).to_numpy()`` (>= 3.0: a missing value stays NaN)."""
    out = np.empty(len(values), dtype=object)
    out[:] = [float("nan") if isna(v) else str(v) for v in values]
    return out


def _ids(values: Any, n: int, name: str) -> np.ndarray:
    if values is None:
        return np.full(n, -1, dtype=np.int32)
    arr = np.asarray(values, dtype=np.int32)
    if arr.shape != (n,):
        raise ValueError(f"{name} must have one entry per agent ({n}), got shape {arr.shape}")
    return arr


def make_population(
    household: Any,
    *,
    age: Any = None,
    area: Any = None,
    workplace: Any = None,
    dormitory: Any = None,
    school: Any = None,
    areas: pd.DataFrame | Table | None = None,
    workplace_is_factory: Any = None,
) -> Population:
    """A small hand-built :class:`Population` for tests.

    Only ``household`` is required (one id per agent); ages default to 30, everyone lives in one
    area ``A`` unless ``area``/``areas`` are given; group counts and workplace sizes are derived.
    """
    hh = np.asarray(household, dtype=np.int32)
    n = len(hh)
    age_a = np.full(n, 30, dtype=np.int16) if age is None else np.asarray(age, dtype=np.int16)
    area_a = np.zeros(n, dtype=np.int32) if area is None else np.asarray(area, dtype=np.int32)
    n_areas = int(area_a.max()) + 1 if n else 1
    if areas is None:
        counts = np.bincount(area_a, minlength=n_areas)
        areas = Table(
            {
                "code": np.array([f"A{i}" if i else "A" for i in range(n_areas)], dtype=object),
                "name": np.array([f"Area {i}" for i in range(n_areas)], dtype=object),
                "parent_code": np.full(n_areas, None, dtype=object),
                "population": counts.astype(np.int64),
                "lat": np.zeros(n_areas),
                "lon": np.arange(n_areas, dtype=float) * 0.1,
            }
        )
    wp = _ids(workplace, n, "workplace")
    dorm = _ids(dormitory, n, "dormitory")
    sch = _ids(school, n, "school")
    n_wp = int(wp.max()) + 1 if n and wp.max() >= 0 else 0
    wp_size = np.bincount(wp[wp >= 0], minlength=n_wp).astype(np.int32)
    # A workplace's area: the area of its first member (hand-built fixtures need nothing finer).
    wp_area = np.zeros(n_wp, dtype=np.int32)
    if n_wp:
        idx = np.flatnonzero(wp >= 0)
        wp_area[wp[idx][::-1]] = area_a[idx][::-1]
    factory = (
        np.zeros(n_wp, dtype=bool)
        if workplace_is_factory is None
        else np.asarray(workplace_is_factory, dtype=bool)
    )
    return Population(
        area=area_a,
        age=age_a,
        household=hh,
        workplace=wp,
        dormitory=dorm,
        school=sch,
        # A DataFrame is re-indexed 0..n-1 as before; a Table has no index.
        areas=cast(
            "pd.DataFrame", areas if isinstance(areas, Table) else areas.reset_index(drop=True)
        ),
        n_households=int(hh.max()) + 1 if n else 0,
        n_workplaces=n_wp,
        n_dormitories=int(dorm.max()) + 1 if n and dorm.max() >= 0 else 0,
        n_schools=int(sch.max()) + 1 if n and sch.max() >= 0 else 0,
        workplace_size=wp_size,
        workplace_area=wp_area,
        workplace_is_factory=factory,
    )


# --------------------------------------------------------------------------------------------
# Synthesis
# --------------------------------------------------------------------------------------------


#: Guide-table bins per entry of the CDF searched (_bin_right): with 16 a search starts at most
#: a step or two from its answer (~30 % less time than with 4 for the 101 single years of age;
#: a 1.6 k-entry table).
_GUIDE = 16


@njit(cache=True)
def _guide_fill(cdf: np.ndarray, guide: np.ndarray) -> None:
    """The guide table of a 1-d ``cdf``: ``guide[b]`` = number of entries <= b / g, g =
    ``len(guide) - 1`` (Chen & Asau 1974), where each search of :func:`_bin_right` starts."""
    m = cdf.shape[0]
    g = guide.shape[0] - 1
    k = 0
    for b in range(g + 1):
        x = b / g
        while k < m and cdf[k] <= x:
            k += 1
        guide[b] = k


@njit(cache=True)
def _bin_right_into(cdf: np.ndarray, u: np.ndarray, out: np.ndarray, guide: np.ndarray) -> None:
    m = cdf.shape[0]
    g = guide.shape[0] - 1
    _guide_fill(cdf, guide)
    for i in range(u.shape[0]):
        x = u[i]
        k = guide[min(int(x * g), g)]
        while k < m and cdf[k] <= x:
            k += 1
        out[i] = k


def _bin_right(cdf: np.ndarray, u: np.ndarray, out: np.ndarray) -> None:
    """``out[i]`` = number of ``cdf`` entries <= ``u[i]`` (``searchsorted(side="right")``).

    A guide table (Chen & Asau 1974; Devroye 1986, section III.2.4) starts each search at the
    right bin, so a draw costs O(1) instead of a binary search's mispredicted branches; the
    result is exactly searchsorted's. (The kernel allocates nothing: see networks.csr.)
    """
    _bin_right_into(cdf, u, out, np.empty(_GUIDE * cdf.shape[0] + 17, np.int64))


def _choice(rng: np.random.Generator, values: np.ndarray, size: int, p: np.ndarray) -> np.ndarray:
    """``rng.choice(values, size=size, p=p)``, draw for draw (same uniforms, same result), faster.

    numpy's Generator.choice with ``p`` inverts the normalised cumulative sum of ``p`` at
    ``rng.random(size)`` by searchsorted(side="right"); this does the same inversion.
    """
    p = np.asarray(p, dtype=np.float64)
    if (
        p.ndim != 1
        or len(p) != len(values)
        or np.any(p < 0)
        or not np.isfinite(p).all()
        or abs(p.sum() - 1.0) > 1e-8
    ):
        return rng.choice(values, size=size, p=p)  # numpy's own checks and messages
    cdf = p.cumsum()
    cdf /= cdf[-1]
    idx = np.empty(size, np.int64)
    _bin_right(cdf, rng.random(size), idx)
    return np.asarray(values)[idx]


@njit(cache=True)
def _bin_right_at_into(
    cdf: np.ndarray,
    u: np.ndarray,
    values: np.ndarray,
    mask: np.ndarray,
    want: bool,
    out: np.ndarray,
    guide: np.ndarray,
) -> None:
    """``out[mask == want] = values[searchsorted(cdf, u, side="right")]``: _bin_right_into,
    the gather and the masked assignment in one pass (one entry of ``u`` per selected place,
    in order)."""
    m = cdf.shape[0]
    g = guide.shape[0] - 1
    _guide_fill(cdf, guide)
    q = 0
    for i in range(out.shape[0]):
        if mask[i] != want:
            continue
        x = u[q]
        q += 1
        k = guide[min(int(x * g), g)]
        while k < m and cdf[k] <= x:
            k += 1
        out[i] = values[k]


def _choice_at(
    rng: np.random.Generator,
    values: np.ndarray,
    p: np.ndarray,
    out: np.ndarray,
    mask: np.ndarray,
    want: bool,
    size: int,
) -> None:
    """``out[mask == want] = _choice(rng, values, size, p)`` (``size`` places selected), draw
    for draw, without the index and value temporaries."""
    p = np.asarray(p, dtype=np.float64)
    if (
        p.ndim != 1
        or len(p) != len(values)
        or np.any(p < 0)
        or not np.isfinite(p).all()
        or abs(p.sum() - 1.0) > 1e-8
    ):
        out[mask == want] = rng.choice(values, size=size, p=p)  # numpy's checks and messages
        return
    cdf = p.cumsum()
    cdf /= cdf[-1]
    u = rng.random(size)
    guide = np.empty(_GUIDE * cdf.shape[0] + 17, np.int64)
    _bin_right_at_into(cdf, u, np.asarray(values), mask, want, out, guide)


@njit(cache=True)
def _bin_right_split_into(
    cdf: np.ndarray,
    u_true: np.ndarray,
    u_false: np.ndarray,
    values: np.ndarray,
    mask: np.ndarray,
    out: np.ndarray,
    guide: np.ndarray,
) -> None:
    """:func:`_bin_right_at_into` for both sides of ``mask`` in one pass: ``out[mask] =
    values[searchsorted(cdf[1], u_true, "right")]`` and ``out[~mask]`` likewise from
    ``cdf[0]`` and ``u_false`` (the entries of each taken in order). Without a branch on the
    mask (heads and other members alternate at random: a branch was mispredicted at every
    household); both ``u`` must be non-empty."""
    m = cdf.shape[1]
    g = guide.shape[1] - 1
    for side in range(2):
        _guide_fill(cdf[side], guide[side])
    last_t = u_true.shape[0] - 1
    last_f = u_false.shape[0] - 1
    qt = 0
    qf = 0
    for i in range(out.shape[0]):
        side = int(mask[i])
        # Both loads always made (clamped in bounds), one kept: a select, not a branch.
        xt = u_true[min(qt, last_t)]
        xf = u_false[min(qf, last_f)]
        x = xt if side else xf
        qt += side
        qf += 1 - side
        k = guide[side, min(int(x * g), g)]
        while k < m and cdf[side, k] <= x:
            k += 1
        out[i] = values[k]


def _choice_split(
    rng: np.random.Generator,
    values: np.ndarray,
    p_true: np.ndarray,
    p_false: np.ndarray,
    out: np.ndarray,
    mask: np.ndarray,
    n_true: int,
) -> None:
    """``_choice_at(rng, values, p_true, out, mask, True, n_true)`` then ``_choice_at(rng,
    values, p_false, out, mask, False, len(out) - n_true)``, draw for draw, in one pass."""
    n_false = len(out) - n_true
    p_true = np.asarray(p_true, dtype=np.float64)
    p_false = np.asarray(p_false, dtype=np.float64)
    if n_true == 0 or n_false == 0 or not all(_valid_p(p, len(values)) for p in (p_true, p_false)):
        _choice_at(rng, values, p_true, out, mask, True, n_true)
        _choice_at(rng, values, p_false, out, mask, False, n_false)
        return
    cdf = np.empty((2, len(values)))
    for side, p in ((0, p_false), (1, p_true)):
        cdf[side] = p.cumsum()
        cdf[side] /= cdf[side, -1]
    u_true = rng.random(n_true)
    u_false = rng.random(n_false)
    guide = np.empty((2, _GUIDE * len(values) + 17), np.int64)
    _bin_right_split_into(cdf, u_true, u_false, np.asarray(values), mask, out, guide)


@njit(cache=True)
def _households_ages_into(
    hh_size: np.ndarray,
    hh_area: np.ndarray,
    cdf: np.ndarray,
    u_head: np.ndarray,
    u_rest: np.ndarray,
    values: np.ndarray,
    household: np.ndarray,
    area: np.ndarray,
    age: np.ndarray,
    guide: np.ndarray,
) -> None:
    """:func:`_households_into` and :func:`_bin_right_split_into` in one pass: every agent's
    household and area, and its age, a head's (the first of each household) from ``cdf[1]``
    at ``u_head[h]``, the others' from ``cdf[0]`` at ``u_rest`` in order (no head flag kept,
    no branch on it)."""
    m = cdf.shape[1]
    g = guide.shape[1] - 1
    for side in range(2):
        _guide_fill(cdf[side], guide[side])
    i = 0
    q = 0
    for h in range(hh_size.shape[0]):
        size = hh_size[h]
        if size <= 0:
            continue
        a = hh_area[h]
        x = u_head[h]
        k = guide[1, min(int(x * g), g)]
        while k < m and cdf[1, k] <= x:
            k += 1
        household[i] = h
        area[i] = a
        age[i] = values[k]
        i += 1
        for _ in range(size - 1):
            x = u_rest[q]
            q += 1
            k = guide[0, min(int(x * g), g)]
            while k < m and cdf[0, k] <= x:
                k += 1
            household[i] = h
            area[i] = a
            age[i] = values[k]
            i += 1


def _households_and_ages(
    rng: np.random.Generator,
    hh_size: np.ndarray,
    hh_area: np.ndarray,
    values: np.ndarray,
    p_head: np.ndarray,
    p_rest: np.ndarray,
    household: np.ndarray,
    area: np.ndarray,
    age: np.ndarray,
) -> None:
    """``_households_into`` then ``_choice_split(rng, values, p_head, p_rest, age, is_head,
    n_hh)`` (heads are the first agent of each household), draw for draw, in one pass where
    both sides have agents and both ``p`` pass numpy's checks; those two otherwise."""
    n = len(household)
    n_hh = int(np.count_nonzero(hh_size > 0))
    p_head = np.asarray(p_head, dtype=np.float64)
    p_rest = np.asarray(p_rest, dtype=np.float64)
    if (
        n_hh == 0
        or n_hh == n
        or n_hh != len(hh_size)
        or not all(_valid_p(p, len(values)) for p in (p_head, p_rest))
    ):
        is_head = np.empty(n, dtype=bool)
        _households_into(hh_size, hh_area, household, area, is_head)
        _choice_split(rng, values, p_head, p_rest, age, is_head, n_hh)
        return
    cdf = np.empty((2, len(values)))
    for side, p in ((0, p_rest), (1, p_head)):
        cdf[side] = p.cumsum()
        cdf[side] /= cdf[side, -1]
    u_head = rng.random(n_hh)
    u_rest = rng.random(n - n_hh)
    guide = np.empty((2, _GUIDE * len(values) + 17), np.int64)
    _households_ages_into(
        hh_size, hh_area, cdf, u_head, u_rest, np.asarray(values), household, area, age, guide
    )


def _valid_p(p: np.ndarray, n: int) -> bool:
    """Whether ``p`` passes the checks numpy's ``Generator.choice`` makes of it."""
    return bool(
        p.ndim == 1
        and len(p) == n
        and not np.any(p < 0)
        and np.isfinite(p).all()
        and abs(p.sum() - 1.0) <= 1e-8
    )


@njit(cache=True)
def _below_keyed_into(
    u: np.ndarray,
    share: np.ndarray,
    age: np.ndarray,
    area: np.ndarray,
    level: np.ndarray,
    n_levels: int,
    out: np.ndarray,
    key: np.ndarray,
) -> int:
    """The places ``i`` with ``u[i] < share[age[i]]``, in order, into ``out``, and their keys
    ``area[i] * n_levels + level[age[i]]`` (int64) into ``key``; their count
    (``np.flatnonzero(u < share[age])`` and the gathers of their keys, without temporaries)."""
    c = 0
    for i in range(u.shape[0]):
        a = age[i]
        # Without a branch (about half the places are kept, at random: a branch would be
        # mispredicted half the time): written always, counted where kept.
        out[c] = i
        key[c] = np.int64(area[i]) * n_levels + level[a]
        c += u[i] < share[a]
    return c


def _below_keyed(
    u: np.ndarray,
    share: np.ndarray,
    age: np.ndarray,
    area: np.ndarray,
    level: np.ndarray,
    n_levels: int,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """``i = np.flatnonzero(u < share[age])`` and ``area[i] * n_levels + level[age[i]]``
    (``age`` indexes ``share`` and ``level``)."""
    out = np.empty(u.shape[0], np.intp)  # (a write at c <= i: always in bounds)
    key = np.empty(u.shape[0], np.int64)
    c = _below_keyed_into(
        u, np.asarray(share, np.float64), age, area, np.asarray(level, np.int64), n_levels, out, key
    )
    return out[:c], key[:c]


def _below(u: np.ndarray, share: np.ndarray, age: np.ndarray) -> npt.NDArray[np.intp]:
    """``np.flatnonzero(u < share[age])`` (``age`` indexes ``share``)."""
    zero = np.zeros(u.shape[0], np.int32)
    return _below_keyed(u, share, age, zero, np.zeros(len(share), np.int64), 1)[0]


@njit(cache=True)
def _households_into(
    hh_size: np.ndarray,
    hh_area: np.ndarray,
    household: np.ndarray,
    area: np.ndarray,
    is_head: np.ndarray,
) -> None:
    """Household id, area and head flag of every agent: households are runs of agents (the
    first of each its head); ``np.repeat`` twice and a scatter, in one pass."""
    i = 0
    for h in range(hh_size.shape[0]):
        a = hh_area[h]
        for r in range(hh_size[h]):
            household[i] = h
            area[i] = a
            is_head[i] = r == 0
            i += 1


@njit(cache=True)
def _workplaces_into(
    workers: np.ndarray,
    order: np.ndarray,
    wp_size: np.ndarray,
    is_factory: np.ndarray,
    workplace: np.ndarray,
    fw: np.ndarray,
) -> int:
    """``w = workers[order]; workplace[w] = np.repeat(np.arange(len(wp_size)), wp_size)`` and
    the factory workers ``w[is_factory[workplace[w]]]`` into ``fw``, their count returned: the
    gathers, the repeat, the scatter and the mask of synthesis's workplace assignment in one
    pass (``wp_size`` sums to ``len(workers)``)."""
    j = 0
    c = 0
    for wid in range(wp_size.shape[0]):
        f = int(is_factory[wid])
        for _ in range(wp_size[wid]):
            w = workers[order[j]]
            j += 1
            workplace[w] = wid
            fw[c] = w  # kept where the workplace is a factory (no branch)
            c += f
    return c


@njit(cache=True)
def _schools_into(
    pupils: np.ndarray,
    key: np.ndarray,
    order: np.ndarray,
    first_id: np.ndarray,
    k_sch: np.ndarray,
    count: np.ndarray,
    school: np.ndarray,
) -> None:
    """``school[pupils[order]] = first_id[k] + rank * k_sch[k] // count[k]`` with ``k`` =
    ``key[order]`` (sorted) and ``rank`` the place within its run of equal keys: the gathers,
    the ranks and the scatter of synthesis's school assignment in one pass."""
    start = 0
    prev = -1
    for q in range(order.shape[0]):
        i = order[q]
        k = key[i]
        if k != prev:
            start = q
            prev = k
        school[pupils[i]] = first_id[k] + (q - start) * k_sch[k] // count[k]


@njit(cache=True)
def _fit_groups_into(
    sizes: np.ndarray,
    k: np.ndarray,
    remaining: np.ndarray,
    area_of: np.ndarray,
    kept: np.ndarray,
    used: np.ndarray,
) -> int:
    """_fill_groups' round: the first ``k[0]`` of ``sizes`` are area 0's, the next ``k[1]``
    area 1's ...; in each area a group is kept while ``remaining[a]`` exceeds the people of the
    area's earlier groups (their drawn sizes), cut to what is left. Writes the kept groups'
    areas and sizes (in order) and each area's total; returns how many were kept."""
    q = 0
    m = 0
    for a in range(k.shape[0]):
        before = 0
        for _ in range(k[a]):
            s = sizes[q]
            q += 1
            room = remaining[a] - before
            if room > 0:
                area_of[m] = a
                kept[m] = min(s, room)
                used[a] += kept[m]
                m += 1
            before += s
    return m


@njit(cache=True)
def _sort_key_then_into(
    key: np.ndarray,
    r: np.ndarray,
    order: np.ndarray,
    by_key: np.ndarray,
    starts: np.ndarray,
    bucket: np.ndarray,
) -> bool:
    """``order`` = the permutation sorting by (``key``, ``r``): a counting sort by ``key``
    (0 <= key < len(starts) - 1), then within each key's run a bucket sort by ``r`` into as
    many buckets as the run has members (``r`` is uniform on [0, 1): O(1) expected per
    bucket) finished by insertion sort (Knuth, TAOCP vol. 3, 5.2.1 and 5.2.5). O(n) expected.
    False if two entries tie (same key and r): the caller then falls back to a stable sort.
    (The kernel allocates nothing: see networks.csr.)"""
    n = key.shape[0]
    n_keys = starts.shape[0] - 1
    for k in range(n_keys + 1):
        starts[k] = 0
    for i in range(n):
        starts[key[i] + 1] += 1
    for k in range(n_keys):
        starts[k + 1] += starts[k]
    for i in range(n):  # stable by key; starts[k] ends as the end of key k's run
        k = key[i]
        by_key[starts[k]] = i
        starts[k] += 1
    lo = 0
    for k in range(n_keys):
        hi = starts[k]
        s = hi - lo
        if s > 0:
            for b in range(s + 1):
                bucket[b] = 0
            for x in range(lo, hi):
                b = min(np.int64(r[by_key[x]] * s), s - 1)
                bucket[b + 1] += 1
            for b in range(s):
                bucket[b + 1] += bucket[b]
            for x in range(lo, hi):
                i = by_key[x]
                b = min(np.int64(r[i] * s), s - 1)
                order[lo + bucket[b]] = i
                bucket[b] += 1
            for x in range(lo + 1, hi):  # buckets are in order: only neighbours move
                i = order[x]
                ri = r[i]
                y = x - 1
                while y >= lo and r[order[y]] > ri:
                    order[y + 1] = order[y]
                    y -= 1
                if y >= lo and r[order[y]] == ri:
                    return False
                order[y + 1] = i
        lo = hi
    return True


def _order_by_key_then(key: np.ndarray, r: np.ndarray) -> np.ndarray:
    """``np.lexsort((r, key))`` for int ``key`` >= 0 and ``r`` from ``Generator.random``.

    With no ties (same key and r; chance ~n^2/2^54) the permutation sorting by (key, r) is
    unique, and :func:`_sort_key_then_into` finds it in expected linear time (a sort of
    unique (key, r) words took a third of population synthesis); ties, or a key of 11 bits
    or more, fall back to lexsort itself.
    """
    key = np.asarray(key)
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64)
    if key.min() < 0 or key.max() >= 2048:
        return np.lexsort((r, key))
    n = len(key)
    order = np.empty(n, np.int64)
    by_key = np.empty(n, np.int64)
    starts = np.empty(int(key.max()) + 2, np.int64)
    bucket = np.empty(n + 1, np.int64)
    if not _sort_key_then_into(key.astype(np.int64, copy=False), r, order, by_key, starts, bucket):
        return np.lexsort((r, key))
    return order


def _fill_groups(
    totals: np.ndarray,
    draw: Any,
    mean: float,
    rng: np.random.Generator,
    first: list[list[int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Partition ``totals[a]`` people of each area a into groups of random size.

    ``draw(k)`` returns k i.i.d. sizes (>= 1). Sizes are drawn in one batch per round for all
    areas; in each area groups are kept while they fit, and the last is cut to fit exactly.
    ``first[a]`` lists sizes placed first in area a (named workplaces). Returns (group_area,
    group_size), grouped by area in increasing order.
    """
    n_areas = len(totals)
    remaining = totals.astype(np.int64).copy()
    parts_area: list[np.ndarray] = []
    parts_size: list[np.ndarray] = []
    parts_order: list[np.ndarray] = []
    if first is not None:
        for a, named in enumerate(first):
            for s in named:
                s = min(int(s), int(remaining[a]))
                if s > 0:
                    parts_area.append(np.array([a], dtype=np.int64))
                    parts_size.append(np.array([s], dtype=np.int64))
                    parts_order.append(np.array([-1], dtype=np.int64))
                    remaining[a] -= s
    round_no = 0
    while remaining.sum() > 0:
        need = remaining > 0
        # Draw ~20 % more groups than expected, plus a few: one round almost always suffices.
        k = np.where(need, np.ceil(remaining / mean * 1.2).astype(np.int64) + 8, 0)
        sizes = np.asarray(draw(int(k.sum())), dtype=np.int64)
        # Area by area (k[a] sizes each, in order), a group is kept while people are left in the
        # area before it, the last one cut to fit (one numba pass).
        area_of = np.empty(len(sizes), np.int64)
        kept = np.empty(len(sizes), np.int64)
        used = np.zeros(n_areas, np.int64)
        m = _fit_groups_into(sizes, k, remaining, area_of, kept, used)
        sizes, area_of = kept[:m], area_of[:m]
        remaining -= used
        parts_area.append(area_of)
        parts_size.append(sizes)
        parts_order.append(np.full(len(sizes), round_no, dtype=np.int64))
        round_no += 1
    if not parts_area:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if len(parts_area) == 1:  # one round, no named groups (households): already by area
        return parts_area[0], parts_size[0]
    g_area = np.concatenate(parts_area)
    g_size = np.concatenate(parts_size)
    g_round = np.concatenate(parts_order)
    # By area; named first, then by round (a stable sort: lexsort's order). Usually one round
    # and no named groups: already in order.
    key = g_area * (round_no + 1) + (g_round + 1)
    if np.all(key[1:] >= key[:-1]):
        return g_area, g_size
    order = np.argsort(key, kind="stable")
    return g_area[order], g_size[order]


def _rank_within(sorted_keys: np.ndarray) -> np.ndarray:
    """0-based rank of each element within its run of equal keys (keys already sorted)."""
    n = len(sorted_keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    return np.arange(n) - run_start


def population_areas(areas: pd.DataFrame | Table, scale: float = 1.0) -> pd.DataFrame:
    """The ``Population.areas`` table :func:`synthesize` makes for ``areas`` at ``scale``:
    code, name, parent_code, population (agents), lat, lon, population_census."""
    return population_area_table(areas, scale).to_frame()


def population_area_table(areas: pd.DataFrame | Table, scale: float = 1.0) -> Table:
    """:func:`population_areas` as a :class:`~flareup.sim.tables.Table` (no pandas)."""
    t = Table.of(areas)
    census = np.asarray(t["population"], dtype=float)
    return Table(
        {
            "code": _text(t["code"]),
            "name": _text(t["name"]),
            "parent_code": t["parent_code"],
            "population": np.maximum(np.rint(census * scale), 1).astype(np.int64),
            "lat": np.asarray(t["lat"], dtype=float),
            "lon": np.asarray(t["lon"], dtype=float),
            "population_census": census,
        }
    )


def synthesize(
    areas: pd.DataFrame | Table,
    params: PopulationParams | None = None,
    seed: SeedLike = None,
    scale: float = 1.0,
) -> Population:
    """Synthesise agents for ``areas`` (leaf areas with population and lat/lon).

    Households are filled from the household-size distribution with an adult head (age >=
    ``head_min_age``) and members drawn so that the overall age distribution is the pyramid's;
    workers (employment share by age) fill workplaces of their area whose sizes follow a
    truncated Pareto law (Axtell 2001); large workplaces are factories whose workers may share
    dormitory rooms; children are enrolled by age in schools of their area. Everything is
    vectorised numpy: no loop over agents.
    """
    if scale <= 0:
        raise ConfigError(f"expected a positive scale, got {scale!r}", key="scale")
    params = params or PopulationParams.load()
    # The areas as a Table (a DataFrame's columns, rows in its order): no pandas on this path.
    areas = Table.of(areas)
    if not {"lat", "lon", "population"} <= set(areas.columns):
        areas = leaf_area_table(areas, params)
    if "name" not in areas.columns:
        areas = areas.with_column(
            "name", areas["name_en"] if "name_en" in areas.columns else areas["code"]
        )
    if "parent_code" not in areas.columns:
        areas = areas.with_column("parent_code", None)
    rng = generator(seed)
    census = np.asarray(areas["population"], dtype=float)
    n_area = np.maximum(np.rint(census * scale), 1).astype(np.int64)
    n_areas = len(areas)

    # Households ------------------------------------------------------------------------------
    hh_sizes, hh_p = params.household_size_distribution()
    hh_mean = float((hh_sizes * hh_p).sum())
    hh_area, hh_size = _fill_groups(n_area, lambda k: _choice(rng, hh_sizes, k, hh_p), hh_mean, rng)
    n_hh = len(hh_size)
    n = int(n_area.sum())
    household = np.empty(n, dtype=np.int32)
    area = np.empty(n, dtype=np.int32)

    # Ages: heads adult; others from the pyramid minus the heads so the total matches it. -----
    p_age = params.age_distribution()
    ages = np.arange(len(p_age))
    p_head = np.where(ages >= params.head_min_age, p_age, 0.0)
    p_head /= p_head.sum()
    p_rest = np.clip(n * p_age - n_hh * p_head, 0.0, None)
    p_rest = p_rest / p_rest.sum() if p_rest.sum() > 0 else p_age
    age = np.empty(n, dtype=np.int16)
    # Each agent's household and area, and its age (one pass).
    _households_and_ages(rng, hh_size, hh_area, ages, p_head, p_rest, household, area, age)

    # Workers and workplaces ------------------------------------------------------------------
    max_age = len(p_age) - 1
    emp = params.by_age(table_of(params, "employment"), "employed_share", max_age)
    # The employed, and their areas.
    workers, w_area = _below_keyed(
        rng.random(n), emp, age, area, np.zeros(max_age + 1, np.int64), 1
    )
    # Shuffle workers within their area so workplace membership is random, not by household
    # (the shuffled order is applied below, with the workplaces, in one pass).
    order = _order_by_key_then(w_area, rng.random(len(workers)))
    n_workers = np.bincount(w_area, minlength=n_areas)
    codes = _text(areas["code"]).tolist()
    first: list[list[int]] = [[] for _ in range(n_areas)]
    named_at: list[tuple[str, int, bool]] = []
    for w in params.named_workplaces:
        if w.area not in codes:
            continue  # the named workplace's area is not simulated
        # A named workplace (the outbreak's factory) scales with everything else, so at scale
        # s it is the same share of its township as at full scale (capped by the area's
        # workers); what a smaller scale changes is said in docs/methods/sim.md.
        first[codes.index(w.area)].append(max(1, round(w.size * scale)))
        named_at.append((w.name, codes.index(w.area), w.factory))
    xmin, xmax, alpha = (
        params.workplace_size_min,
        params.workplace_size_max,
        params.workplace_size_alpha,
    )
    tail = 1.0 - (xmin / (xmax + 1.0)) ** alpha

    def draw_wp(k: int) -> npt.NDArray[np.int64]:
        # Inverse-CDF of a Pareto(alpha, xmin) truncated at xmax+1, floored to integers.
        u = rng.random(k)
        result: npt.NDArray[np.int64] = np.floor(xmin * (1.0 - u * tail) ** (-1.0 / alpha)).astype(
            np.int64
        )
        return result

    u_mean = draw_wp(20000).mean() if n else 1.0
    wp_area, wp_size = _fill_groups(n_workers, draw_wp, float(u_mean), rng, first=first)
    n_wp = len(wp_size)
    is_factory = wp_size >= params.factory_min_size
    names: dict[str, int] = {}
    wp_first = np.cumsum(np.bincount(wp_area, minlength=n_areas)) - np.bincount(
        wp_area, minlength=n_areas
    )
    seen = np.zeros(n_areas, dtype=np.int64)
    for name, a, factory in named_at:
        if n_workers[a] == 0:
            continue
        wid = int(wp_first[a] + seen[a])
        seen[a] += 1
        names[name] = wid
        is_factory[wid] = factory

    # The shuffled workers fill the workplaces in order (workplaces are grouped by area, as the
    # shuffled workers are); the factory workers, in that order.
    if int(wp_size.sum()) != len(workers):  # _fill_groups partitions each area's workers
        raise RuntimeError("workplace sizes do not add up to the workers")
    workplace = np.full(n, -1, dtype=np.int32)
    fw = np.empty(len(workers), np.intp)
    fw = fw[: _workplaces_into(workers, order, wp_size, is_factory, workplace, fw)]

    # Dormitories: a share of factory workers, in rooms of dormitory_size per factory. --------
    in_dorm = fw[rng.random(len(fw)) < params.dormitory_share]
    dormitory = np.full(n, -1, dtype=np.int32)
    n_dorm = 0
    if len(in_dorm):
        in_dorm = in_dorm[np.argsort(workplace[in_dorm], kind="stable")]
        wp_of = workplace[in_dorm]
        room = _rank_within(wp_of) // params.dormitory_size
        new_wp = np.r_[True, wp_of[1:] != wp_of[:-1]]
        # Room ids: consecutive over factories (a new factory or a new room starts a new id).
        new_room = new_wp | np.r_[True, room[1:] != room[:-1]]
        dormitory[in_dorm] = (np.cumsum(new_room) - 1).astype(np.int32)
        n_dorm = int(new_room.sum())

    # Schools: enrolment by age, schools of a level per area of about school_size pupils. -----
    sch = table_of(params, "school_enrolment")
    enrol = params.by_age(sch, "enrolled_share", max_age)
    level_of_age = np.full(max_age + 1, -1, dtype=np.int64)
    for i, (lo, up) in enumerate(sch.rows("age_lo", "age_hi")):
        level_of_age[int(lo) : min(int(up), max_age) + 1] = i
    # Enrolled and of a school age (u < 0 never holds: where no level, share 0).
    # Their keys: (area, level).
    n_levels = len(sch)
    share = np.where(level_of_age >= 0, enrol, 0.0)
    pupils, key = _below_keyed(rng.random(n), share, age, area, level_of_age, n_levels)
    school = np.full(n, -1, dtype=np.int32)
    n_schools = 0
    if len(pupils):
        order = _order_by_key_then(key, rng.random(len(pupils)))
        count = np.bincount(key, minlength=n_areas * n_levels)
        target = np.asarray(sch["school_size"], dtype=float)
        # Scaled populations keep school sizes: a school is a real-size contact group.
        k_sch = np.where(count > 0, np.ceil(count / np.tile(target, n_areas)), 0).astype(np.int64)
        first_id = np.cumsum(k_sch) - k_sch
        # In (key, random) order, the r-th pupil of its key's run goes to school first_id[key] +
        # r * k_sch[key] // count[key]: the run split evenly over the key's schools.
        _schools_into(pupils, key, order, first_id, k_sch, count, school)
        n_schools = int(k_sch.sum())

    out_areas = population_area_table(areas, scale)
    return Population(
        area=area,
        age=age,
        household=household,
        workplace=workplace,
        dormitory=dormitory,
        school=school,
        areas=cast("pd.DataFrame", out_areas),  # a Table: read as a DataFrame (FrameField)
        n_households=n_hh,
        n_workplaces=n_wp,
        n_dormitories=n_dorm,
        n_schools=n_schools,
        workplace_size=wp_size.astype(np.int32),
        workplace_area=wp_area.astype(np.int32),
        workplace_is_factory=is_factory,
        workplace_names=names,
    )


# --------------------------------------------------------------------------------------------
# Between-area mixing
# --------------------------------------------------------------------------------------------


def distance_km(areas: pd.DataFrame | Table) -> npt.NDArray[np.float64]:
    """Great-circle (haversine) distances between area centroids, in km."""
    lat = np.radians(np.asarray(areas["lat"], dtype=float))
    lon = np.radians(np.asarray(areas["lon"], dtype=float))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    result: npt.NDArray[np.float64] = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return result


def gravity_weights(
    areas: pd.DataFrame | Table, *, exponent: float = 2.0, min_km: float = 2.0
) -> npt.NDArray[np.float64]:
    """Row-stochastic gravity kernel W[a, b] ∝ pop_b / max(d_ab, min_km)^exponent, b != a.

    The gravity model of spatial interaction (Viboud et al. 2006, Science 312:447); the
    diagonal is 0 because mixing inside an area is the community layer's job.
    """
    d = np.maximum(distance_km(areas), min_km)
    pop = np.asarray(areas["population"], dtype=float)
    w = pop[None, :] / d**exponent
    np.fill_diagonal(w, 0.0)
    s = w.sum(axis=1, keepdims=True)
    result: npt.NDArray[np.float64] = np.divide(w, s, out=np.zeros_like(w), where=s > 0)
    return result
