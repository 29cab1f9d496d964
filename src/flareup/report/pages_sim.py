"""The dashboard's simulation page: the calibrated kashgar-2020 ensemble, computed once per
process in the background (:class:`_SimCache`), against the registry's observed detections.
Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from flareup.errors import FlareupError
from flareup.report.page_model import (
    PAGES,
    Chart,
    Page,
    Table,
    _day,
    _day_x,
    _iso,
    _with_date_rule,
    spec,
    why,
)
from flareup.report.page_queries import last_date

if TYPE_CHECKING:
    from flareup.registry import Registry


class _SimCache:
    """The demo ensemble, computed once per process in a background thread (a few seconds once
    numba's cache is warm; longer on a first run)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.result: Any = None
        self.error: str | None = None
        self.thread: threading.Thread | None = None

    def start(self, scenario: str, scale: float, runs: int) -> None:
        with self.lock:
            if self.thread is not None:
                return
            self.thread = threading.Thread(
                target=self._run, args=(scenario, scale, runs), daemon=True
            )
            self.thread.start()

    def _run(self, scenario: str, scale: float, runs: int) -> None:
        try:
            from flareup.sim.ensemble import run_ensemble
            from flareup.sim.scenario import load_scenario

            sc = load_scenario(scenario).replace(scale=scale)
            self.result = run_ensemble(sc, runs=runs, seed=2020, executor="serial")
        except Exception as exc:  # shown on the page instead of killing the server
            self.error = f"{type(exc).__name__}: {exc}"

    def wait(self, timeout: float | None) -> Any:
        if self.thread is not None:
            self.thread.join(timeout)
        return self.result


#: The calibrated scenario at the scale it was fitted at (full: a smaller scale shrinks every
#: group and every count, so it could not be read against the registry's observed figures).
SIM_SCENARIO, SIM_SCALE, SIM_RUNS = "kashgar-2020", 1.0, 8


def simulation(
    reg: Registry, date: Any = None, *, ensemble: Any = None, pending: str | None = None
) -> Page:
    """The calibrated kashgar-2020 ensemble (median, 50 % and 90 % bands of daily detections)
    with the registry's observed detections overlaid."""
    from flareup.report.queries import registry_series

    day = _day(date) or last_date(reg)  # the default date, as every page's (its picker shows it)
    page = Page("simulation", PAGES["simulation"], date=_iso(day), area="653121")
    page.params = {"date": page.date, "scenario": SIM_SCENARIO, "scale": SIM_SCALE}
    try:
        obs = registry_series(reg, "653121", "infections_new", "zero", end=day).frame
        obs = obs.assign(date=pd.to_datetime(obs["date"]).dt.strftime("%Y-%m-%d"))
    except FlareupError as exc:
        obs = None
        page.notes.append(f"no observed series for Shufu (653121): {why(exc)}")
    if ensemble is None:
        page.notes.append(pending or "the simulation has not been run")
        if obs is not None:
            page.charts.append(
                Chart(
                    "observed",
                    "Observed new detected infections, Shufu",
                    spec(
                        alt.Chart(obs)
                        .mark_circle(color="black")
                        .encode(
                            x=_day_x("date", "date"),
                            y=alt.Y("I:Q", title="new detected infections"),
                        )
                        .properties(width="container", height=240)
                    ),
                )
            )
        return page
    from flareup.report.charts import simulation_chart

    # the box's width, as the other pages' charts (the chart module's default is for files)
    fan = simulation_chart(ensemble, reg=reg, as_of=day).properties(width="container")
    if day is not None:
        sim_dates = pd.DatetimeIndex(ensemble.results[ensemble.scenarios[0]].dates)
        fan = _with_date_rule(fan, day, sim_dates.min(), sim_dates.max(), page, with_time=False)
    page.charts.append(
        Chart(
            "fan",
            "Simulated daily detections (median, 50 % and 90 % of runs) and observed",
            spec(fan),
            f"scenario {SIM_SCENARIO}, {SIM_RUNS} runs at {SIM_SCALE:.0%} scale, as calibrated; "
            "calibration in docs/methods/sim.md",
        )
    )
    try:
        from flareup.report.analyses import simulated_vs_observed

        page.tables.append(
            Table.from_frame(
                "Totals over the simulated period", simulated_vs_observed(reg, ensemble)
            )
        )
    except (FlareupError, ImportError) as exc:
        page.notes.append(f"no totals table: {why(exc)}")
    return page
