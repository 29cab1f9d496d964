"""Registry-backed analyses that the CLI and the web app share: each reads through
:mod:`flareup.report.queries`, calls a pure package and returns frames or plain data.

* :func:`growth_row` — exponential growth fit of a series (analytics.growth);
* :func:`run_rules` — risk levels by rule beside the official designations (risk);
* :func:`simulated_vs_observed` — a simulation's totals beside the registry's (sim).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from flareup.analytics.growth import GrowthFit, fit_growth, r_to_R
from flareup.analytics.rt import prepare_incidence
from flareup.errors import DataTooThinWarning, InputError
from flareup.report.queries import (
    Series,
    campaign_rounds,
    clusters_from_registry,
    observed_counts,
    official_designations,
)

if TYPE_CHECKING:
    from flareup.registry import Registry
    from flareup.risk import RiskResult, RuleSet


def growth_row(
    series: Series,
    start: str | None,
    end: str | None,
    last: int | None,
    family: str,
    gi_mean: float | None,
    gi_sd: float | None,
    fill_missing: str,
) -> tuple[dict[str, Any], GrowthFit]:
    """One row of the exponential growth fit of ``series`` (log-linear GLM; Wallinga &
    Lipsitch 2007 for R from r): rate, doubling or halving time and their 95% CIs; and the
    fit itself (``fit.plot()`` draws it)."""
    inc = prepare_incidence(series.frame, fill_missing=fill_missing, file=series.file)
    y = (inc["local"] + inc["imported"]).to_numpy()
    dates = inc["date"] if inc["date"].notna().all() else None
    lo: Any = start
    hi: Any = end
    if last is not None:
        if last < 3:
            raise InputError(f"must be >= 3 days, got {last}", field="--last")
        lo = max(0, y.size - last) if dates is None else dates.iloc[max(0, y.size - last)]
    if dates is None and (start is not None or end is not None):
        lo = int(start) - 1 if start is not None else lo
        hi = int(end) - 1 if end is not None else None
    fit = fit_growth(y, dates, family=family, start=lo, end=hi)  # type: ignore[arg-type]
    row: dict[str, Any] = {
        "date_start": fit.date_start,
        "date_end": fit.date_end,
        "days": fit.n_days,
        "cases": int(fit.n_cases),
        **fit.tidy(),  # i2extras' names, the same whether the epidemic grows or decays
    }
    if fit.theta is not None:
        row["nb_theta"] = fit.theta
    if (gi_mean is None) != (gi_sd is None):
        raise InputError("give both --gi-mean and --gi-sd", field="--gi-mean")
    if gi_mean is not None and gi_sd is not None:
        row["R"] = r_to_R(fit.r, gi_mean, gi_sd)
        row["R_lower"] = r_to_R(fit.r_low, gi_mean, gi_sd)
        row["R_upper"] = r_to_R(fit.r_high, gi_mean, gi_sd)
    if fit.n_cases < 20:
        warnings.warn(
            f"the growth rate rests on {int(fit.n_cases)} cases over {fit.n_days} days",
            DataTooThinWarning,
            stacklevel=2,
        )
    return row, fit


def run_rules(
    reg: Registry,
    rules: RuleSet,
    *,
    area: str | None = None,
    date: str | None = None,
    start: str | None = None,
    end: str | None = None,
    clusters: pd.DataFrame | None = None,
) -> tuple[RiskResult, pd.DataFrame]:
    """Classify the registry's areas under ``rules``; also return the official designations."""
    from flareup.risk import classify

    counts = reg.counts(metrics=list(rules.metrics))  # flows and the stocks the rule reads
    official = official_designations(reg)
    ends = [pd.Timestamp(x) for x in (end, date) if x is not None]
    if end is None:
        if not counts.empty:
            ends.append(counts["date"].max())
        if not official.empty:
            ends.append(pd.to_datetime(official["valid_from"]).max())
    if clusters is None:
        clusters = clusters_from_registry(reg, rules)
    testing = campaign_rounds(reg) if rules.engine != "cumulative_cluster" else None
    res = classify(
        rules,
        counts,
        reg.areas(),
        clusters=clusters,
        testing=testing,
        start=start,
        end=max(ends) if ends else None,
        target_areas=[area] if area else None,
    )
    return res, official


def simulated_vs_observed(
    reg: Registry, ens: Any, *, quantiles: tuple[float, float] = (0.05, 0.95)
) -> pd.DataFrame:
    """Registry totals over the simulated period beside the simulated ones, per area and metric.

    Columns: ``area, metric, observed, sim_median, sim_low, sim_high`` (the runs' median and
    ``quantiles``), for the first scenario of the ensemble ``ens``. The simulated areas that
    make up an observed one are itself or its descendants. Empty when the registry holds no
    counts for those areas and dates.
    """
    from flareup.sim.results_idx import ALL_METRICS

    res = ens.results[ens.scenarios[0]]
    areas = res.areas
    codes = [str(c) for c in areas["code"]]
    obs, descendants = observed_counts(reg, areas, res.dates[0].date(), res.dates[-1].date())
    cols = ["area", "metric", "observed", "sim_median", "sim_low", "sim_high"]
    if obs.empty:
        return pd.DataFrame(columns=cols)
    totals = obs.groupby(["area", "metric"], as_index=False)["value"].sum()
    rows = []
    for area, metric, value in totals[["area", "metric", "value"]].itertuples(index=False):
        inside = descendants.get(str(area), {str(area)})
        sel = [
            i for i, c in enumerate(codes) if c in inside or str(areas["parent_code"][i]) in inside
        ]
        if not sel or metric not in ALL_METRICS:
            continue  # the simulator does not produce this metric
        sims = res.counts[:, :, sel, ALL_METRICS.index(metric)].sum(axis=(1, 2))
        rows.append(
            {
                "area": str(area),
                "metric": metric,
                "observed": int(value),
                "sim_median": float(np.median(sims)),
                "sim_low": float(np.quantile(sims, quantiles[0])),
                "sim_high": float(np.quantile(sims, quantiles[1])),
            }
        )
    return pd.DataFrame(rows, columns=cols)


__all__ = ["growth_row", "run_rules", "simulated_vs_observed"]
