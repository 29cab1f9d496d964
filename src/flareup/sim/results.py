"""Simulation results: daily counts per run, date, area and metric.

Metric names are the registry's where the simulator produces them (``results_idx.REGISTRY_METRICS``:
confirmed_new, asymptomatic_new, reclassified_new, deaths_new, recovered_new, tested_new, ...
followed by what only a simulation knows (``results_idx.EXTRA_METRICS``: true infections_new,
infectious_current, quarantined_current, tests_used ...), so simulated and observed series can
share one chart. ``to_dataset()`` gives an xarray Dataset with one variable ``value`` of dims
(run, date, area, metric); ``to_frame()`` the tidy long frame (run, area, date, metric, value).
pandas loads only when a frame is asked for: ``areas`` may be held as a
:class:`~flareup.sim.tables.Table` (the engine's), read as a DataFrame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from flareup.sim.results_idx import ALL_METRICS, FLOW_MASK
from flareup.sim.tables import Table, frame_fields, raw_of, table_of

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class SimResults:
    """Counts of one or more runs: ``counts[run, day, area, metric]`` (int32)."""

    counts: np.ndarray
    start_date: dt.date
    areas: pd.DataFrame
    seeds: list[Any]

    @property
    def metrics(self) -> tuple[str, ...]:
        """Metric names along the last axis."""
        return ALL_METRICS

    @property
    def area_table(self) -> Table:
        """``areas`` as a :class:`~flareup.sim.tables.Table` (no pandas where it holds one)."""
        return table_of(self, "areas")

    @property
    def dates(self) -> pd.DatetimeIndex:
        """Dates along the day axis."""
        import pandas as pd  # here: a run that only counts needs no pandas

        return pd.date_range(pd.Timestamp(self.start_date), periods=self.counts.shape[1], freq="D")

    def series(self, metric: str, *, run: int = 0, area: str | None = None) -> np.ndarray:
        """Daily values of ``metric`` summed over areas (or of one area code)."""
        m = ALL_METRICS.index(metric)
        x = self.counts[run, :, :, m]
        if area is None:
            result: np.ndarray = x.sum(axis=1)
            return result
        codes = [str(c) for c in self.area_table["code"]]
        return x[:, codes.index(str(area))]

    def total(self, metric: str, run: int = 0) -> int:
        """Sum of a flow metric over all days and areas."""
        return int(self.counts[run, :, :, ALL_METRICS.index(metric)].sum())

    def to_dataset(self) -> Any:
        """xarray Dataset, variable ``value`` with dims (run, date, area, metric)."""
        import xarray as xr  # imported here: xarray is slow to import and only needed here

        return xr.Dataset(
            {"value": (("run", "date", "area", "metric"), self.counts)},
            coords={
                "run": np.arange(self.counts.shape[0]),
                "date": self.dates,
                "area": [str(c) for c in self.area_table["code"]],
                "metric": list(ALL_METRICS),
                "area_name": ("area", [str(x) for x in self.area_table["name"]]),
                "seed": ("run", [str(s) for s in self.seeds]),
                "is_flow": ("metric", list(FLOW_MASK)),
            },
            attrs={"start_date": self.start_date.isoformat()},
        )

    def to_frame(self) -> pd.DataFrame:
        """Tidy frame: run, area, date, metric, value (one row per combination)."""
        import pandas as pd

        n_run, n_day, n_area, n_m = self.counts.shape
        codes = np.asarray([str(c) for c in self.areas["code"]], dtype=object)
        idx = np.indices((n_run, n_day, n_area, n_m)).reshape(4, -1)
        return pd.DataFrame(
            {
                "run": idx[0],
                "area": codes[idx[2]],
                "date": self.dates.values[idx[1]],
                "metric": np.asarray(ALL_METRICS, dtype=object)[idx[3]],
                "value": self.counts.reshape(-1).astype(np.int64),
            }
        )

    def summary(self) -> pd.DataFrame:
        """Per run: true and detected infections, peak, end date, tests used, quarantined.

        As in China's reports, ``confirmed`` counts the asymptomatic infections later
        reclassified as confirmed (``reclassified``), so detected = confirmed + asymptomatic -
        reclassified."""
        import pandas as pd

        rows = []
        dates = self.dates
        for r in range(self.counts.shape[0]):
            inf = self.series("infections_new", run=r)
            detected = (
                self.series("confirmed_new", run=r)
                - self.series("reclassified_new", run=r)
                + self.series("asymptomatic_new", run=r)
            )
            active = self.series("infectious_current", run=r) + self.series(
                "exposed_current", run=r
            )
            nz = np.flatnonzero(active)
            peak = int(np.argmax(inf)) if inf.any() else 0
            rows.append(
                {
                    "run": r,
                    "infections": int(inf.sum()),
                    "detected": int(detected.sum()),
                    "confirmed": int(self.series("confirmed_new", run=r).sum()),
                    "asymptomatic": int(self.series("asymptomatic_new", run=r).sum()),
                    "reclassified": int(self.series("reclassified_new", run=r).sum()),
                    "deaths": int(self.series("deaths_true_new", run=r).sum()),
                    "peak_daily_infections": int(inf.max()) if inf.size else 0,
                    "peak_date": dates[peak].date(),
                    "end_date": dates[nz[-1]].date()
                    if nz.size and nz[-1] < len(dates) - 1
                    else None,
                    "tests_used": int(self.series("tests_used", run=r).sum()),
                    "people_tested": int(self.series("tested_new", run=r).sum()),
                    "quarantined": int(self.series("quarantined_new", run=r).sum()),
                }
            )
        return pd.DataFrame(rows)

    def plot(self, metric: str = "detected", *, observed: pd.DataFrame | None = None) -> Any:
        """Altair fan chart of the runs (median, 50% and 90% bands) with ``observed``
        (``date, value``) as points; ``detected`` = confirmed + asymptomatic - reclassified
        (:func:`flareup.charts.sim.results_chart`). Renders in Jupyter."""
        from flareup.charts.sim import results_chart

        return results_chart(self, metric=metric, observed=observed)

    @staticmethod
    def concat(results: Sequence[SimResults]) -> SimResults:
        """Stack runs (same dates and areas) into one SimResults."""
        first = results[0]
        for r in results[1:]:
            if r.counts.shape[1:] != first.counts.shape[1:] or r.start_date != first.start_date:
                raise ValueError("runs to stack must share dates, areas and metrics")
        return SimResults(
            np.concatenate([r.counts for r in results]),
            first.start_date,
            raw_of(first, "areas"),  # as stored: a Table stays one
            [s for r in results for s in r.seeds],
        )


# ``areas`` holds a Table or a DataFrame and reads as a DataFrame (pandas loaded then).
frame_fields(SimResults, "areas")
