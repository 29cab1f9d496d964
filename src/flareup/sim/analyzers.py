"""Analyzers: read-only observers called after each day's record and at the end of a run.

``initialize(sim)``, ``apply(sim, day)``, ``finalize(sim)``; results live on the analyzer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from flareup.sim.params import LAYERS
from flareup.sim.people import LAYER_IMPORTED, LAYER_QUARANTINE, LAYER_SEED, STATE_NAMES


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
    if code == LAYER_QUARANTINE:
        return "quarantine"
    return LAYERS[code]


class TransmissionTree(Analyzer):
    """Who infected whom, as epicontacts' ``from``/``to`` with the layer and date.

    ``frame`` after the run: from (agent id or NA), to, layer, date, detected (date or NaT);
    then, with the time of day: t_infected (days since the start date, continuous), onset (date
    of symptom onset, NaT if none yet or asymptomatic) and t_onset (continuous, NaN likewise).
    :meth:`intervals` gives each pair's generation and serial interval.
    """

    def finalize(self, sim: Any) -> None:
        ag = sim.agents
        t_inf = ag.column("t_infected")
        to = np.flatnonzero(t_inf >= 0)
        frm = ag.column("infector")[to]
        start = np.datetime64(sim.start_date, "D")
        det = ag.detected[to]
        t_exact = ag.column("t_infected_exact")[to].astype(np.float64)
        sym_day = ag.column("t_symptom")[to]
        # Onset only for symptomatic infections whose onset falls within the run.
        has_onset = (sym_day >= 0) & (sym_day < sim.day + 1)
        t_onset = np.where(has_onset, ag.column("t_onset_exact")[to].astype(np.float64), np.nan)
        layer_names = np.array(
            [_layer_name(c) for c in range(-2, LAYER_QUARANTINE + 1)], dtype=object
        )
        self.frame = pd.DataFrame(
            {
                "from": pd.Series(frm, dtype="Int64").mask(frm < 0),
                "to": to,
                "layer": layer_names[ag.layer[to].astype(int) + 2],
                "date": start + t_inf[to].astype("timedelta64[D]"),
                "detected": np.where(
                    det >= 0, start + det.astype("timedelta64[D]"), np.datetime64("NaT")
                ),
                "t_infected": t_exact,
                "onset": np.where(
                    has_onset, start + sym_day.astype("timedelta64[D]"), np.datetime64("NaT")
                ),
                "t_onset": t_onset,
            }
        )

    def intervals(self) -> pd.DataFrame:
        """One row per transmission between agents: from, to, layer, generation_interval
        (days between the two infections), serial_interval (between the two symptom onsets;
        NaN unless both have one) and before_onset (whether it happened before the infector's
        onset; NA for an infector without one). Continuous times (``t_*`` columns)."""
        f = self.frame
        pairs = f[f["from"].notna()]
        by_agent = f.set_index("to")
        frm = pairs["from"].astype(np.int64).to_numpy()
        t_from = by_agent.loc[frm, "t_infected"].to_numpy()
        on_from = by_agent.loc[frm, "t_onset"].to_numpy()
        t_to = pairs["t_infected"].to_numpy()
        before = pd.Series(t_to < on_from, dtype="boolean").mask(np.isnan(on_from))
        return pd.DataFrame(
            {
                "from": frm,
                "to": pairs["to"].to_numpy(),
                "layer": pairs["layer"].to_numpy(),
                "generation_interval": t_to - t_from,
                "serial_interval": pairs["t_onset"].to_numpy() - on_from,
                "before_onset": before.to_numpy(),
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
