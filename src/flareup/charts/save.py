"""Saving a chart by its file suffix, offline: ``.svg`` and ``.png`` rendered by vl-convert
(Vega in an embedded JavaScript engine, no browser, no network), ``.html`` self-contained (the
vega, vega-lite and vega-embed scripts inlined by ``vl_convert.vegalite_to_html(bundle=True)``),
``.json`` the Vega-Lite spec itself."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from flareup.errors import InputError, cannot_write

#: What :func:`save_chart` writes, by suffix.
CHART_SUFFIXES: dict[str, str] = {
    ".svg": "SVG image",
    ".png": "PNG image",
    ".html": "self-contained HTML page (works offline)",
    ".json": "Vega-Lite spec",
}


def check_chart_path(path: str | Path, field: str = "--chart") -> Path:
    """The path, if its suffix is one :func:`save_chart` writes; else an InputError."""
    p = Path(path)
    if p.suffix.lower() not in CHART_SUFFIXES:
        raise InputError(
            f"cannot write a chart as {p.suffix or 'a file without a suffix'!r}: "
            f"use {', '.join(CHART_SUFFIXES)}",
            file=str(p),
            field=field,
        )
    return p


def _spec(chart: Any) -> dict[str, Any]:
    if isinstance(chart, dict):
        return chart
    spec: dict[str, Any] = chart.to_dict(validate=True)
    return spec


def _vlc() -> Any:
    import vl_convert  # a dependency of flareup; imported here because it is large

    return vl_convert


def chart_to_svg(chart: Any) -> str:
    """The chart rendered to SVG text (offline)."""
    svg: str = _vlc().vegalite_to_svg(_spec(chart))
    return svg


def chart_bytes(chart: Any, suffix: str) -> bytes:
    """The file content of ``chart`` as ``suffix`` (one of :data:`CHART_SUFFIXES`)."""
    spec = _spec(chart)
    suffix = suffix.lower()
    if suffix == ".json":
        return json.dumps(spec, indent=1).encode()
    vlc = _vlc()
    if suffix == ".svg":
        return str(vlc.vegalite_to_svg(spec)).encode()
    if suffix == ".png":
        return bytes(vlc.vegalite_to_png(spec, scale=2))
    if suffix == ".html":
        return str(vlc.vegalite_to_html(spec, bundle=True)).encode()
    raise InputError(f"unknown chart format {suffix!r}: use {', '.join(CHART_SUFFIXES)}")


def save_chart(chart: Any, path: str | Path, *, field: str = "--chart") -> Path:
    """Write ``chart`` (an Altair chart or a Vega-Lite dict) to ``path`` by its suffix:
    ``.svg``, ``.png``, ``.html`` (self-contained, offline) or ``.json``.

    A bad suffix or an unwritable path is an InputError naming the file; the file is written
    to a temporary name first and moved into place, so a failure leaves nothing half written.
    """
    p = check_chart_path(path, field)
    content = chart_bytes(chart, p.suffix)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent if str(p.parent) else ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; a chart is meant to be shared
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(cannot_write(exc, p), file=str(p), field=field) from None
    return p


__all__ = ["CHART_SUFFIXES", "chart_bytes", "chart_to_svg", "check_chart_path", "save_chart"]
