"""What the registry returns besides frames: ``ImportSummary``, ``MetricStatus``,
``AreaStatus``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did."""

    kind: str
    file: str
    inserted: int
    unchanged: int
    superseded: int


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What one export wrote: the kind, the file (the path as given) and its data rows."""

    kind: str
    file: str
    rows: int


@dataclass(frozen=True, slots=True)
class MetricStatus:
    """One metric of an area on a date.

    ``value`` is the latest figure on or before the date (``value_date``); ``cumulative`` the
    sum of a flow over all dates up to it (None for stocks). ``origin`` is ``"own"`` when the
    area reported it itself, ``"children"`` when it is the sum of its sub-areas' figures (then
    ``children`` names them), ``"mixed"`` for a flow whose days came from both.
    """

    metric: str
    kind: str
    value: int | None
    value_date: dt.date | None
    cumulative: int | None
    origin: str
    sources: tuple[str, ...] = ()
    children: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AreaStatus:
    """The state of an area on a date, as known at ``as_of`` (see ``Registry.status``)."""

    area: str
    name_en: str
    level: str
    date: dt.date
    as_of: dt.datetime | None
    metrics: dict[str, MetricStatus] = field(default_factory=dict)
    #: line-list cases in the area and its sub-areas reported on or before the date
    linelist: dict[str, int] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per metric."""
        rows = [
            {
                "metric": s.metric,
                "kind": s.kind,
                "value": s.value,
                "value_date": s.value_date,
                "cumulative": s.cumulative,
                "origin": s.origin,
                "sources": "; ".join(s.sources),
                "children": ", ".join(s.children),
            }
            for s in self.metrics.values()
        ]
        df = pd.DataFrame(
            rows,
            columns=[
                "metric",
                "kind",
                "value",
                "value_date",
                "cumulative",
                "origin",
                "sources",
                "children",
            ],
        )
        for c in ("value", "cumulative"):
            df[c] = pd.Series(df[c].astype(object).where(df[c].notna(), None), dtype="Int64")
        return df
