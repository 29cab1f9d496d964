"""Analyzers: read-only observers called after each day's record and at the end of a run.

``initialize(sim)``, ``apply(sim, day)``, ``finalize(sim)``; results live on the analyzer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from flareup.sim.params import LAYERS
from flareup.sim.people import LAYER_IMPORTED, LAYER_SEED, STATE_NAMES


class Analyzer:
    """Base class: does nothing."""

    def initialize(self, sim: Any) -> None:
        """Called once before day 0."""

    def apply(self, sim: Any, day: int) -> None:
        """Called after each day's record."""

    def finalize(self, sim: Any) -> None:
        """Called once after the last day."""


def _layer_name(code: int) -> str:
    if code == LAYER_IMPORTED:
        return "imported"
    if code == LAYER_SEED:
        return "seed"
    return LAYERS[code]


class TransmissionTree(Analyzer):
    """Who infected whom, as epicontacts' ``from``/``to`` with the layer and date.

    ``frame`` after the run: from (agent id or NA), to, layer, date, detected (date or NaT).
    """

    def finalize(self, sim: Any) -> None:
        ag = sim.agents
        t_inf = ag.column("t_infected")
        to = np.flatnonzero(t_inf >= 0)
        frm = ag.column("infector")[to]
        start = np.datetime64(sim.start_date, "D")
        det = ag.detected[to]
        layer_names = np.array([_layer_name(c) for c in range(-2, len(LAYERS))], dtype=object)
        self.frame = pd.DataFrame(
            {
                "from": pd.Series(frm, dtype="Int64").mask(frm < 0),
                "to": to,
                "layer": layer_names[ag.layer[to].astype(int) + 2],
                "date": start + t_inf[to].astype("timedelta64[D]"),
                "detected": np.where(
                    det >= 0, start + det.astype("timedelta64[D]"), np.datetime64("NaT")
                ),
            }
        )

    def secondary_cases(self) -> pd.Series:
        """Number of infections each infected agent caused (its offspring count)."""
        counts = self.frame["from"].dropna().astype(int).value_counts()
        return counts.reindex(self.frame["to"], fill_value=0)


class StateSnapshots(Analyzer):
    """Counts of agents in each disease state on given days (a scan of all agents on those days
    only; ``days=None`` means the last day)."""

    def __init__(self, days: list[int] | None = None) -> None:
        self.days = days
        self.frame = pd.DataFrame()
        self._rows: list[dict[str, Any]] = []

    def apply(self, sim: Any, day: int) -> None:
        if (self.days is None and day == sim.n_days - 1) or (self.days and day in self.days):
            counts = np.bincount(sim.agents.state, minlength=len(STATE_NAMES))
            self._rows.append({"day": day, **dict(zip(STATE_NAMES, counts.tolist(), strict=True))})

    def finalize(self, sim: Any) -> None:
        self.frame = pd.DataFrame(self._rows)


__all__ = ["Analyzer", "StateSnapshots", "TransmissionTree"]
