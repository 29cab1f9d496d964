"""The record of one count found in a text (the schema of ``shared/bulletins/SCHEMA.md``) and
its tabular forms: a frame of records, and the registry's counts table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: Columns of :func:`records_frame`, in the order of SCHEMA.md.
RECORD_COLUMNS = (
    "date",
    "period_start",
    "place_text",
    "place",
    "area",
    "category",
    "metric",
    "value",
    "value_max",
    "qualifier",
    "population",
    "mention",
    "evidence",
    "sentence",
    "start",
    "end",
)


@dataclass(slots=True)
class Record:
    """One count: what, how many, when, where, and the words it came from.

    ``start``/``end``: the character span of ``evidence`` in the text; ``sentence`` is an
    exact substring of the text too. ``date`` is ISO (day, 'YYYY-MM' or 'YYYY') or None;
    ``area`` the registry area code where the place is a registry area."""

    category: str
    value: int
    qualifier: str
    date: str | None
    place: str | None
    place_text: str | None
    mention: str
    evidence: str
    sentence: str
    start: int
    end: int
    metric: str
    value_max: int | None = None
    period_start: str | None = None
    area: str | None = None
    population: str | None = None
    place_code: str | None = None
    stock: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The record as SCHEMA.md's JSON object (None fields left out)."""
        d = {k: v for k, v in dataclasses.asdict(self).items() if v is not None}
        d.pop("stock", None)
        d.pop("place_code", None)
        return d


def records_frame(records: list[Record]) -> pd.DataFrame:
    """Records as a frame with :data:`RECORD_COLUMNS` (text order)."""
    rows = [{c: getattr(r, c) for c in RECORD_COLUMNS} for r in records]
    df = pd.DataFrame(rows, columns=list(RECORD_COLUMNS))
    df["value"] = df["value"].astype("int64")
    df["value_max"] = df["value_max"].astype("Int64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    return df
