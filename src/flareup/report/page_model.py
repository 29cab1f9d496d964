"""The situation room's page model: a :class:`Page` of headline figures, :class:`Chart` s and
:class:`Table` s, the titles of the dashboard's pages (:data:`PAGES`), and the small helpers
every page builder shares (JSON-ready cells, Vega-Lite specs, daily axes, ISO dates, a date
rule on a chart). Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.schema import column_label

PAGES: dict[str, str] = {
    "overview": "Overview",
    "epicurve": "Epicurve",
    "rt": "Rt and growth",
    "map": "Map",
    "testing": "Mass testing",
    "simulation": "Simulation vs observed",
    "sources": "Sources and disagreements",
    "investigation": "Investigation",
    "audit": "Audit log",
}


@dataclass
class Chart:
    """A Vega-Lite chart with a stable id, a title and a note on what it rests on."""

    id: str
    title: str
    spec: dict[str, Any]
    note: str = ""


@dataclass
class Table:
    """A table as columns and rows of JSON-ready cells."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""

    @classmethod
    def from_frame(cls, title: str, df: pd.DataFrame, note: str = "", floats: int = 2) -> Table:
        return cls(
            title,
            [str(c) for c in df.columns],
            [[_cell(v, floats) for v in r] for r in df.itertuples(index=False)],
            note,
        )


@dataclass
class Page:
    """One page of the situation room (also its JSON twin)."""

    key: str
    title: str
    date: str | None = None
    area: str | None = None
    figures: list[dict[str, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO dates, NaN as null)."""
        return {
            "page": self.key,
            "title": self.title,
            "date": self.date,
            "area": self.area,
            "params": self.params,
            "figures": self.figures,
            "charts": [
                {"id": c.id, "title": c.title, "note": c.note, "spec": c.spec} for c in self.charts
            ],
            "tables": [
                {"title": t.title, "columns": t.columns, "rows": t.rows, "note": t.note}
                for t in self.tables
            ],
            "notes": self.notes,
            "sources": self.sources,
        }


def why(exc: BaseException) -> str:
    """An error as a page note: its reason alone where it names no file (the ``<input>, field
    'window':`` prefix that places a command-line mistake means nothing to a reader), else
    the whole message."""
    reason = getattr(exc, "reason", None)
    if reason and getattr(exc, "file", None) is None and len(getattr(exc, "problems", "1")) == 1:
        return str(reason)
    return str(exc)


def cell_text(v: Any, column: Any = None) -> str:
    """A table cell as the page prints it: numbers with thousands separators (4,746,500, as the
    figure cards above the tables print them), except in a column of identifiers (``*code``,
    ``*id``, ``year``); ✔ / ✗ for yes / no; empty for nothing; an unbounded value (an interval's
    open end, JSON ``"inf"``) as ∞, not the word "inf". The JSON twins keep the numbers."""
    if v is None:
        return ""
    if isinstance(v, str) and v in ("inf", "-inf"):
        return "\u221e" if v == "inf" else "\u2212\u221e"
    if isinstance(v, float | np.floating) and math.isinf(float(v)):
        return "\u221e" if v > 0 else "\u2212\u221e"
    if isinstance(v, bool | np.bool_):
        return "\u2714" if v else "\u2717"
    col = str(column or "").lower()
    ident = col.endswith(("code", "id")) or col == "year"
    if isinstance(v, int | np.integer) and not ident:
        return f"{int(v):,}"
    if isinstance(v, float | np.floating) and math.isfinite(float(v)) and not ident:
        return f"{float(v):,}"
    if isinstance(v, str) and _ISO_MINUTE.fullmatch(v):
        # an ISO date-time cell ('2020-10-25T08:00:00') as people write it: '2020-10-25 08:00'
        return f"{v[:10]} {v[11:16]}"
    return str(v)


def header_text(column: Any) -> str:
    """A table column's header as the pages print it: the schema's label
    (:func:`flareup.schema.column_label`, words and units), a percent kept on its number's line
    ('R (2.5 %)' broke as 'R (2.5' / '%)'). The JSON twins keep the column's name."""
    return column_label(str(column)).replace(" %", "\u00a0%")


#: A date-time cell the JSON twin writes with ``isoformat()`` at whole minutes.
_ISO_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::00(?:\.0+)?)?")


def _cell(v: Any, floats: int = 2) -> Any:
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.isoformat() if (v.hour or v.minute) else v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, np.bool_ | bool):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        f = float(v)
        if math.isnan(f):
            return None
        if floats == 0 and f.is_integer():
            return int(f)
        return round(f, floats) if math.isfinite(f) else str(f)
    if isinstance(v, dict | list):
        return v
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def spec(chart: Any) -> dict[str, Any]:
    """An Altair chart as a Vega-Lite dict (data inlined). Altair's schema validation is skipped:
    it costs most of a page's time and the builders here are checked by the tests."""
    out: dict[str, Any] = chart.to_dict(validate=False)
    return out


def _day_x(field: str, title: str) -> alt.X:
    """A daily time axis: whole UTC days (bars fill their day), labelled '25 Oct'."""
    return alt.X(f"utcyearmonthdate({field}):T", title=title, axis=alt.Axis(format="%d %b"))


def _day(value: Any) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(str(value)))
    except ValueError:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {value!r}", field="date") from None


def _iso(day: pd.Timestamp | None) -> str | None:
    return None if day is None else str(day.date())


def _with_date_rule(
    chart: Any,
    at: pd.Timestamp,
    lo: pd.Timestamp,
    hi: pd.Timestamp,
    page: Page,
    *,
    with_time: bool = True,
) -> Any:
    """``chart`` (a layer, or a vconcat of layers, with a temporal x) with a vertical rule at
    ``at`` when it falls within [lo, hi]; else a note (a rule outside would stretch the axis).

    Date-only strings are UTC in Vega-Lite and date-times local, as flareup.charts writes its
    data: the rule's value is written the same way as the chart's own x values."""
    if not (lo <= at <= hi):
        page.notes.append(
            f"the chosen date {page.date} lies outside the chart's time span "
            f"({lo.date()} to {hi.date()}): no rule drawn"
        )
        return chart
    value = at.strftime("%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d")
    field = "time" if with_time else "date"
    rule = (
        alt.Chart(pd.DataFrame({field: [value], "label": [f"as of {page.date}"]}))
        .mark_rule(color="#444444", strokeWidth=1.5, strokeDash=[2, 2])
        .encode(x=alt.X(f"{field}:T"), tooltip=[alt.Tooltip("label:N", title="date")])
    )
    panels = chart.vconcat if hasattr(chart, "vconcat") and chart.vconcat else [chart]
    for panel in panels:
        panel.layer.append(rule)
    return chart
