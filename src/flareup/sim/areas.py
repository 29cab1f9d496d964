"""Area tables for population synthesis: :func:`leaf_areas`, :func:`kashgar_areas`.

Split out of ``population.py``; import these names from :mod:`flareup.sim.population`. Each
DataFrame function has a twin returning a :class:`~flareup.sim.tables.Table` (``leaf_area_table``,
``kashgar_area_table``) from the same rows, so that synthesis runs without pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from flareup.errors import ConfigError
from flareup.sim.popinputs import PopulationParams
from flareup.sim.tables import Table, isna, read_csv, table_of

if TYPE_CHECKING:
    import pandas as pd

#: Columns of a leaf-area table (:func:`leaf_areas`).
LEAF_COLUMNS = ("code", "name", "parent_code", "population", "lat", "lon", "population_basis")

# --------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------


def _num(value: Any) -> float:
    """A float from a table cell; NaN for blanks and text."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return float("nan")
    return out


def leaf_areas(
    areas: pd.DataFrame | Table,
    params: PopulationParams | None = None,
    *,
    root: str | None = None,
    include: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """The leaf areas (no children) under ``root`` (all if None) plus ``include``, with
    population and centroid filled from ``params.area_supplement`` where the table lacks them.

    Accepts the registry/bundled areas frame (``code, name_en, level, parent_code, population``)
    or an already-leaf frame (``code, name, parent_code, population, lat, lon``). A supplement
    population ``weight:w`` splits the parent's population not covered by sourced children in
    proportion to w (a documented assumption, e.g. Shufu's townships).
    Returns DataFrame[code, name, parent_code, population, lat, lon, population_basis].
    """
    import pandas as pd  # here: the simulator's own path uses leaf_area_table

    return pd.DataFrame(_leaf_rows(Table.of(areas), params, root, include), columns=LEAF_COLUMNS)


def leaf_area_table(
    areas: pd.DataFrame | Table,
    params: PopulationParams | None = None,
    *,
    root: str | None = None,
    include: tuple[str, ...] | list[str] = (),
) -> Table:
    """:func:`leaf_areas` as a :class:`~flareup.sim.tables.Table` (same rows; no pandas)."""
    return Table.from_records(_leaf_rows(Table.of(areas), params, root, include), LEAF_COLUMNS)


def _leaf_rows(
    areas: Table,
    params: PopulationParams | None,
    root: str | None,
    include: tuple[str, ...] | list[str],
) -> list[dict[str, Any]]:
    """The rows of :func:`leaf_areas` (one dict per leaf area, in table order)."""
    params = params or PopulationParams.load()
    names = (
        areas["name"]
        if "name" in areas.columns
        else (areas["name_en"] if "name_en" in areas.columns else areas["code"])
    )
    rows: dict[str, dict[str, Any]] = {}
    for i, code in enumerate(str(c) for c in areas["code"]):

        def cell(col: str, i: int = i) -> Any:
            return areas[col][i] if col in areas.columns else None

        parent = cell("parent_code")
        pop = _num(cell("population"))
        rows[code] = {
            "code": code,
            "name": str(names[i]),
            "parent_code": None if isna(parent) else str(parent),
            "population": pop,
            "lat": _num(cell("lat")),
            "lon": _num(cell("lon")),
            "population_basis": "area table" if not np.isnan(pop) else None,
        }
    sup = {str(r["code"]): r for r in table_of(params, "area_supplement").records()}

    # Centroids and sourced/derived populations from the supplement where the table has none.
    weights: dict[str, float] = {}
    for code, row in rows.items():
        extra = sup.get(code)
        if extra is None:
            continue
        if np.isnan(row["lat"]) and not np.isnan(_num(extra.get("lat"))):
            row["lat"], row["lon"] = _num(extra["lat"]), _num(extra["lon"])
        val = str(extra.get("population"))
        if np.isnan(row["population"]):
            if val.startswith("weight:"):
                weights[code] = float(val.split(":", 1)[1])
            elif not np.isnan(_num(val)):
                row["population"] = _num(val)
                row["population_basis"] = str(extra.get("population_basis"))

    children: dict[str, list[str]] = {}
    for code, row in rows.items():
        if row["parent_code"] is not None:
            children.setdefault(row["parent_code"], []).append(code)

    # Weighted splits: the parent's residual population over children with a supplement weight.
    for parent, kids in children.items():
        if parent not in rows or np.isnan(rows[parent]["population"]):
            continue
        wkids = [k for k in kids if k in weights]
        if not wkids:
            continue
        sourced = sum(
            rows[k]["population"]
            for k in kids
            if k not in weights and not np.isnan(rows[k]["population"])
        )
        residual = rows[parent]["population"] - sourced
        w = np.array([weights[k] for k in wkids])
        raw = residual * w / w.sum()
        base = np.floor(raw)
        # Largest-remainder rounding so the split adds up exactly to the residual.
        extra_units = round(float(residual - base.sum()))
        base[np.argsort(-(raw - base), kind="stable")[:extra_units]] += 1
        for k, v in zip(wkids, base, strict=True):
            rows[k]["population"] = float(v)
            rows[k]["population_basis"] = str(sup[k].get("population_basis"))

    def descendants(code: str) -> list[str]:
        out, stack = [], [code]
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(children.get(c, []))
        return out

    if root is not None:
        if str(root) not in rows:
            raise ConfigError(f"area {root!r} is not in the area table", key="root")
        keep = set(descendants(str(root)))
    else:
        keep = set(rows)
    for code in include:
        if str(code) not in rows:
            raise ConfigError(f"area {code!r} is not in the area table", key="include")
        keep |= set(descendants(str(code)))
    leaves = [row for code, row in rows.items() if code in keep and code not in children]
    if not leaves:
        raise ConfigError("no leaf areas to populate", key="root")
    problems = [r["code"] for r in leaves if np.isnan(r["population"]) or r["population"] < 0]
    if problems:
        raise ConfigError(
            f"leaf areas without a population: {problems}; give one in the area "
            "table or in area_supplement",
            key="population",
        )
    nocoord = [r["code"] for r in leaves if np.isnan(r["lat"]) or np.isnan(r["lon"])]
    if nocoord:
        raise ConfigError(
            f"leaf areas without a centroid: {nocoord}; give lat/lon in the area "
            "table or in area_supplement",
            key="lat",
        )
    return leaves


def kashgar_areas(
    params: PopulationParams | None = None, *, include_akto: bool = False
) -> pd.DataFrame:
    """Leaf areas of Kashgar Prefecture (653100) from the bundled ``flareup.data.kashgar_2020``.

    Akto County (653022, Kizilsu Prefecture, 15 infections on 2020-10-31) is added on request.
    """
    import pandas as pd  # here: the simulator's own path uses kashgar_area_table

    rows = _leaf_rows(_kashgar_table(), params, "653100", ("653022",) if include_akto else ())
    return pd.DataFrame(rows, columns=LEAF_COLUMNS)


def kashgar_area_table(
    params: PopulationParams | None = None, *, include_akto: bool = False
) -> Table:
    """:func:`kashgar_areas` as a :class:`~flareup.sim.tables.Table` (same rows; no pandas)."""
    rows = _leaf_rows(_kashgar_table(), params, "653100", ("653022",) if include_akto else ())
    return Table.from_records(rows, LEAF_COLUMNS)


def _kashgar_table() -> Table:
    """The bundled area table of flareup.data.kashgar_2020 (codes as text)."""
    try:
        from flareup.data import kashgar_2020  # type: ignore[attr-defined]
    except ImportError as exc:
        raise ConfigError(f"bundled Kashgar data not available: {exc}") from None
    path = kashgar_2020.files()["areas"]
    assert isinstance(path, Path)
    return read_csv(path, str_columns=("code", "parent_code"))
