"""Charts of the situation: Vega-Lite specs of registry-backed results, and writing them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from flareup.errors import InputError


def write_output(path: Path, data: str | bytes, option: str) -> None:
    """Write an output file; an unwritable path is an InputError naming it, not a traceback."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", file=str(path), field=option
        ) from None


def epicurve_spec(curve: pd.DataFrame, title: str) -> dict[str, Any]:
    """A Vega-Lite stacked bar spec of an epicurve frame (``period_start``, ``metric``, ``value``)."""
    data = curve.copy()
    data["period_start"] = pd.to_datetime(data["period_start"]).dt.strftime("%Y-%m-%d")
    facet = data["area"].nunique() > 1 if "area" in data else False
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": json.loads(data.to_json(orient="records"))},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "title": None,
                "sort": {"field": "period_start"},
            },
            "y": {"field": "value", "type": "quantitative", "stack": "zero", "title": "count"},
            "color": {"field": "metric", "type": "nominal", "title": None},
        },
        "width": 480,
        "height": 220,
    }
    if facet:
        spec["encoding"]["row"] = {"field": "area", "type": "nominal"}
    return spec


def write_epicurve_chart(curve: pd.DataFrame, path: Path, title: str) -> None:
    spec = epicurve_spec(curve, title)
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_output(path, json.dumps(spec, indent=1), "--chart")
        return
    if suffix not in (".svg", ".png"):
        raise InputError(f"chart format {suffix!r}: use .svg, .png or .json", field="--chart")
    try:
        import vl_convert as vlc
    except ImportError:
        from flareup.errors import MissingExtraError

        raise MissingExtraError("vl-convert-python", "charts") from None
    if suffix == ".svg":
        write_output(path, vlc.vegalite_to_svg(spec), "--chart")
    else:
        write_output(path, vlc.vegalite_to_png(spec), "--chart")
