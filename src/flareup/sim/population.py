"""Synthetic populations for the agent-based simulator (contracts.md section 4).

A :class:`Population` is a struct of numpy arrays, one entry per agent, plus per-group arrays
(workplaces) and the area table. The engine reads it; it never changes it (frozen). Group
membership for each contact layer is available as a CSR pair ``(indptr, indices)`` from
:meth:`Population.members`, built once and cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
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

    ``area`` indexes rows of ``areas`` (columns code, name, parent_code, population, lat, lon).
    Group ids run from 0 to ``n_<groups> - 1``; -1 means "not in such a group".
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
    _cache: dict[str, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        n = len(self.area)
        for name in ("age", "household", "workplace", "dormitory", "school"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"Population.{name} has {len(getattr(self, name))} entries, "
                                 f"expected {n} (one per agent)")
        for name in ("workplace_size", "workplace_area", "workplace_is_factory"):
            if len(getattr(self, name)) != self.n_workplaces:
                raise ValueError(f"Population.{name} has {len(getattr(self, name))} entries, "
                                 f"expected n_workplaces={self.n_workplaces}")
        missing = [c for c in AREA_COLUMNS if c not in self.areas.columns]
        if missing:
            raise ValueError(f"Population.areas lacks columns {missing}")

    @property
    def n(self) -> int:
        """Number of agents."""
        return len(self.area)

    @property
    def n_areas(self) -> int:
        """Number of areas (rows of ``areas``)."""
        return len(self.areas)

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
        codes = self.areas["code"].astype(str).to_numpy()
        hit = np.flatnonzero(codes == str(code_or_name))
        if hit.size == 0:
            names = self.areas["name"].astype(str).to_numpy()
            hit = np.flatnonzero(names == str(code_or_name))
        if hit.size == 0:
            raise KeyError(code_or_name)
        return int(hit[0])

    def nbytes(self) -> int:
        """Memory held by the per-agent and per-workplace arrays (bytes)."""
        arrays = (self.area, self.age, self.household, self.workplace, self.dormitory, self.school,
                  self.workplace_size, self.workplace_area, self.workplace_is_factory)
        return int(sum(a.nbytes for a in arrays))

    @staticmethod
    def _check_layer(layer: str) -> str:
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
        return layer


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
    areas: pd.DataFrame | None = None,
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
        areas = pd.DataFrame({
            "code": [f"A{i}" if i else "A" for i in range(n_areas)],
            "name": [f"Area {i}" for i in range(n_areas)],
            "parent_code": [None] * n_areas,
            "population": counts.astype(np.int64),
            "lat": np.zeros(n_areas),
            "lon": np.arange(n_areas, dtype=float) * 0.1,
        })
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
    factory = (np.zeros(n_wp, dtype=bool) if workplace_is_factory is None
               else np.asarray(workplace_is_factory, dtype=bool))
    return Population(
        area=area_a, age=age_a, household=hh, workplace=wp, dormitory=dorm, school=sch,
        areas=areas.reset_index(drop=True),
        n_households=int(hh.max()) + 1 if n else 0,
        n_workplaces=n_wp,
        n_dormitories=int(dorm.max()) + 1 if n and dorm.max() >= 0 else 0,
        n_schools=int(sch.max()) + 1 if n and sch.max() >= 0 else 0,
        workplace_size=wp_size, workplace_area=wp_area, workplace_is_factory=factory,
    )
