"""Area tables for population synthesis: :func:`leaf_areas`, :func:`kashgar_areas`.

Split out of ``population.py`` verbatim; import these names from :mod:`flareup.sim.population`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import ConfigError
from flareup.sim.popinputs import PopulationParams

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
    areas: pd.DataFrame,
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
    params = params or PopulationParams.load()
    names = (
        areas["name"]
        if "name" in areas.columns
        else (areas["name_en"] if "name_en" in areas.columns else areas["code"])
    )
    rows: dict[str, dict[str, Any]] = {}
    for i, code in enumerate(areas["code"].astype(str)):

        def cell(col: str, i: int = i) -> Any:
            return areas[col].iloc[i] if col in areas.columns else None

        parent = cell("parent_code")
        pop = _num(cell("population"))
        rows[code] = {
            "code": code,
            "name": str(names.iloc[i]),
            "parent_code": None if parent is None or pd.isna(parent) else str(parent),
            "population": pop,
            "lat": _num(cell("lat")),
            "lon": _num(cell("lon")),
            "population_basis": "area table" if not np.isnan(pop) else None,
        }
    sup = {str(r["code"]): r for r in params.area_supplement.to_dict("records")}

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
    cols = ["code", "name", "parent_code", "population", "lat", "lon", "population_basis"]
    return pd.DataFrame(leaves, columns=cols)


def kashgar_areas(
    params: PopulationParams | None = None, *, include_akto: bool = False
) -> pd.DataFrame:
    """Leaf areas of Kashgar Prefecture (653100) from the bundled ``flareup.data.kashgar_2020``.

    Akto County (653022, Kizilsu Prefecture, 15 infections on 2020-10-31) is added on request.
    """
    try:
        from flareup.data import kashgar_2020  # type: ignore[attr-defined]
    except ImportError as exc:
        raise ConfigError(f"bundled Kashgar data not available: {exc}") from None
    path = kashgar_2020.files()["areas"]
    assert isinstance(path, Path)
    table = pd.read_csv(path, dtype={"code": str, "parent_code": str})
    return leaf_areas(table, params, root="653100", include=("653022",) if include_akto else ())
