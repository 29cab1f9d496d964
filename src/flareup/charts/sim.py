"""Simulation charts: the fan of an ensemble with observed points, and scenarios compared."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from flareup.charts.style import HEIGHT, WIDTH, alt, data, date_axis, title
from flareup.schema import DERIVED_METRICS

#: Names under which a simulation's *detected* new infections are asked for: the registry's
#: ``infections_new`` definition (schema.DERIVED_METRICS) applied to the simulated reported
#: flows. (A simulation's own ``infections_new`` counts every infection, detected or not.)
DETECTED = ("detected", "infections_new_detected")

#: Quantiles of a fan: the 90% band (5-95%), the 50% band (25-75%) and the median.
FAN_QUANTILES: dict[str, float] = {
    "q05": 0.05,
    "q25": 0.25,
    "median": 0.5,
    "q75": 0.75,
    "q95": 0.95,
}


def simulated_runs(res: Any, metric: str = "detected") -> pd.DataFrame:
    """Tidy ``run, date, value`` of a simulation's daily ``metric`` summed over its areas, read
    by attribute from a results object (``counts[run, day, area, metric]``, ``series()``,
    ``dates``). ``detected``: confirmed_new + asymptomatic_new - reclassified_new, each detected
    infection once, as the registry's ``infections_new``."""
    frames = []
    for r in range(res.counts.shape[0]):
        if metric in DETECTED:
            d = DERIVED_METRICS["infections_new"]
            v = sum(res.series(m, run=r) for m in d.plus) - sum(
                res.series(m, run=r) for m in d.minus
            )
        else:
            v = res.series(metric, run=r)
        frames.append(pd.DataFrame({"run": r, "date": res.dates, "value": v}))
    return pd.concat(frames, ignore_index=True)


def what_of(metric: str) -> str:
    """Words for a simulated metric on an axis."""
    return "new detected infections" if metric in DETECTED else metric.replace("_", " ")


def results_chart(
    ens: Any, *, metric: str = "detected", observed: pd.DataFrame | None = None
) -> Any:
    """The chart of simulation results read by attribute: an ensemble (``scenarios``,
    ``results``) with several scenarios gives :func:`counterfactual_chart`, else the
    :func:`fan_chart` of its runs with ``observed`` (``date, value``) as points."""
    what = what_of(metric)
    if hasattr(ens, "scenarios") and len(ens.scenarios) > 1:
        frames = [simulated_runs(ens.results[s], metric).assign(scenario=s) for s in ens.scenarios]
        return counterfactual_chart(
            fan_bands(pd.concat(frames, ignore_index=True), by=("scenario",)), what=what
        )
    name = ens.scenarios[0] if hasattr(ens, "scenarios") else None
    res = ens.results[name] if name is not None else ens
    return fan_chart(
        fan_bands(simulated_runs(res, metric)),
        observed,
        what=what,
        title_text=f"Simulated {what}" + (f": {name}" if name else ""),
        source="simulated detections: confirmed + asymptomatic - reclassified (reported flows)"
        if metric in DETECTED
        else None,
    )


def fan_bands(runs: pd.DataFrame, *, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per date (and per ``by`` column, e.g. ``scenario``): the runs' median and 5%, 25%, 75%,
    95% quantiles (numpy's linear interpolation between order statistics, R's type 7).

    ``runs`` is tidy: ``run, date, value`` (one row per run and day) plus the ``by`` columns.
    """
    keys = [*by, "date"]
    df = runs.assign(date=pd.to_datetime(runs["date"]))
    grouped = df.groupby(keys, sort=True)["value"]
    out = grouped.apply(
        lambda v: pd.Series(
            np.quantile(v.to_numpy(dtype=float), list(FAN_QUANTILES.values())),
            index=list(FAN_QUANTILES),
        )
    ).unstack()
    out["runs"] = grouped.size()
    return out.reset_index()


def _active(bands: pd.DataFrame, observed: pd.DataFrame | None, pad: int = 7) -> pd.DataFrame:
    """The bands cut to the days where something happens (any run above 0, or an observed
    point), padded by ``pad`` days: months of zeros before and after would hide the outbreak."""
    d = pd.to_datetime(bands["date"])
    busy = d[(bands["q95"] > 0).to_numpy()]
    if observed is not None and not observed.empty:
        busy = pd.concat([busy, pd.to_datetime(observed["date"])])
    if busy.empty:
        return bands
    lo, hi = busy.min() - pd.Timedelta(days=pad), busy.max() + pd.Timedelta(days=2 * pad)
    return bands[(d >= lo) & (d <= hi)]


def fan_chart(
    bands: pd.DataFrame,
    observed: pd.DataFrame | None = None,
    *,
    what: str = "new detected infections",
    source: str | None = None,
    title_text: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """The fan of :func:`fan_bands` (90% band, 50% band, median line) with ``observed``
    (``date, value``) as points."""
    a = alt()
    n = int(bands["runs"].max()) if "runs" in bands and len(bands) else 0
    bands = _active(bands, observed)
    x = a.X("date:T", title="date", axis=date_axis(bands["date"]))
    base = a.Chart(data(bands)).encode(x=x)
    b90 = base.mark_area(opacity=0.2, color="#3b6fb6").encode(
        y=a.Y("q05:Q", title=f"{what} per day"), y2="q95:Q"
    )
    b50 = base.mark_area(opacity=0.35, color="#3b6fb6").encode(y="q25:Q", y2="q75:Q")
    med = base.mark_line(color="#1d3f73", strokeWidth=2).encode(
        y="median:Q",
        tooltip=[
            a.Tooltip("date:T"),
            a.Tooltip("median:Q", format=",.1f"),
            a.Tooltip("q05:Q", title="5%", format=",.1f"),
            a.Tooltip("q95:Q", title="95%", format=",.1f"),
        ],
    )
    layers = [b90, b50, med]
    if observed is not None and not observed.empty:
        obs = observed.assign(date=pd.to_datetime(observed["date"]))
        obs = obs[(obs["date"] >= bands["date"].min()) & (obs["date"] <= bands["date"].max())]
        layers.append(
            a.Chart(data(obs))
            .mark_point(filled=True, color="#d7301f", size=40, opacity=1)
            .encode(
                x="date:T",
                y="value:Q",
                tooltip=[a.Tooltip("date:T"), a.Tooltip("value:Q", title="observed")],
            )
        )
    sub = [
        f"{n} runs: median (line), 50% and 90% of runs (bands)"
        + ("; red points: observed (registry)" if len(layers) > 3 else "")
    ]
    if source:
        sub.append(source)
    heading = title_text or f"Simulated {what}"
    return a.layer(*layers).properties(width=width, height=height, title=title(heading, sub))


def counterfactual_chart(
    bands: pd.DataFrame,
    *,
    what: str = "new detected infections",
    source: str | None = None,
    title_text: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Scenarios side by side: each scenario's median and 90% band (``bands`` from
    :func:`fan_bands` with ``by=("scenario",)``)."""
    a = alt()
    scenarios = list(dict.fromkeys(bands["scenario"]))
    bands = _active(bands, None)
    scale = a.Scale(scheme="tableau10", domain=scenarios)
    legend = a.Legend(symbolOpacity=1, symbolType="stroke", symbolStrokeWidth=3)
    x = a.X("date:T", title="date", axis=date_axis(bands["date"]))
    base = a.Chart(data(bands)).encode(x=x)
    band = base.mark_area(opacity=0.15).encode(
        y=a.Y("q05:Q", title=f"{what} per day"),
        y2="q95:Q",
        color=a.Color("scenario:N", title="scenario", scale=scale, legend=legend),
    )
    med = base.mark_line(strokeWidth=2).encode(
        y="median:Q",
        color=a.Color("scenario:N", title="scenario", scale=scale, legend=legend),
        tooltip=[
            a.Tooltip("scenario:N"),
            a.Tooltip("date:T"),
            a.Tooltip("median:Q", format=",.1f"),
            a.Tooltip("q05:Q", title="5%", format=",.1f"),
            a.Tooltip("q95:Q", title="95%", format=",.1f"),
        ],
    )
    sub = [
        "median (line) and 90% of runs (band) of each scenario; the same seeds in every "
        "scenario (common random numbers)"
    ]
    if source:
        sub.append(source)
    heading = title_text or f"Scenarios compared: {what}"
    return a.layer(band, med).properties(width=width, height=height, title=title(heading, sub))


__all__ = [
    "DETECTED",
    "FAN_QUANTILES",
    "counterfactual_chart",
    "fan_bands",
    "fan_chart",
    "results_chart",
    "simulated_runs",
    "what_of",
]
