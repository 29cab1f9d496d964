"""A systematic search over kashgar-2020's mechanisms, scored on issue 9's targets.

``python -m flareup.sim.kashgar_fit search --grid NAME=V1,V2,... [--grid ...] --runs 16``
runs every point of the Cartesian product of the ``--grid`` values (names as in
``calibrate.apply_params``) on the same run seeds (common random numbers: points differ by
their parameters, not their luck), the population synthesised once, and writes one row a point
(CSV): cumulative detections in Shufu on 10-25, 10-28 and 11-05 (median and 90 % band, and
whether the observed 138 / 183 / 376 lie inside), the share of detections made after 10-28
(observed 0.51), the share among the factory's workers, their households and dormitory mates
(target >= 0.8), the asymptomatic share at detection up to 10-27 (target >= 0.9), the
reclassified by 11-05 (observed 47), the log-likelihood of the daily series by category (as
``calibrate``: negative binomial with the runs' mean, Lloyd-Smith 2007 PLoS ONE 2:e180) and a
binomial log-likelihood of the linkage the reports give (:func:`linked_loglik`).

A grid rather than a sampler because the question is a frontier, not an optimum: the highest
11-05 band top reachable with the linked share >= 0.8 (the constrained search of Deb et al.
2002 IEEE Trans Evol Comput 6:182 -- feasibility first -- read off a full factorial design;
Box, Hunter & Hunter 2005, Statistics for Experimenters, ch. 5).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

#: The linkage the reports give, as (first day, last day, detections, of them linked): the 137
#: positives reported by 10-25 14:00 and the index case of 10-24 were "all linked to the
#: village-3 garment factory"; the 14 of 10-29 were "all already in quarantine and
#: factory-linked" (timeline.csv, sources there). The 46 of 10-31 ("all in quarantine") and
#: the 116 of 11-03 ("linked to Zhanmin township") are not said to be factory-linked or not,
#: so they add no term.
LINKED_OBSERVED: tuple[tuple[str, str, int, int], ...] = (
    ("2020-10-24", "2020-10-25", 138, 138),
    ("2020-10-29", "2020-10-29", 14, 14),
)
TARGET_DAYS = ("2020-10-25", "2020-10-28", "2020-11-05")


def grid_points(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the grid's values (the last name varies fastest)."""
    names = list(grid)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*grid.values())]


def linked_loglik(detected: np.ndarray, linked: np.ndarray) -> float:
    """Binomial log-likelihood of :data:`LINKED_OBSERVED` given runs' detections.

    ``detected``, ``linked``: (runs, days of LINKED_OBSERVED's windows) -- per run, the
    detections in Shufu in each window and how many of them were factory-linked. The model's
    probability that a detection of the window is linked is the pooled share over runs (clipped
    to [0.001, 0.999]); the term is sum k log p + (n - k) log(1 - p) (the binomial coefficient
    does not depend on the parameters and is left out).
    """
    d = np.asarray(detected, dtype=float).sum(axis=0)
    lk = np.asarray(linked, dtype=float).sum(axis=0)
    total = 0.0
    for w, (_, _, n, k) in enumerate(LINKED_OBSERVED):
        p = float(np.clip(lk[w] / d[w], 0.001, 0.999)) if d[w] > 0 else 0.001
        total += k * np.log(p) + (n - k) * np.log(1.0 - p)
    return total


def household_sar(
    household: np.ndarray, infected: np.ndarray, layer: np.ndarray, linked: np.ndarray
) -> float:
    """Realised household secondary attack rate of one run in the factory's households.

    Households of two or more with a factory-linked infection: infections in the household
    layer / household contacts (members less one a household), pooled -- the secondary attack
    rate as household studies count it (secondary infections among the index's household
    contacts; Madewell et al. 2020 JAMA Netw Open 3:e2031756, Koh et al. 2020 PLoS ONE
    15:e0240205), so that the engine's household rate can be compared with theirs. NaN when no
    such household exists."""
    from flareup.sim.params import HOUSEHOLD

    hh = np.asarray(household)
    inf = np.asarray(infected, dtype=bool)
    size = np.bincount(hh, minlength=int(hh.max()) + 1)
    hs = np.unique(hh[inf & np.asarray(linked, dtype=bool)])
    hs = hs[size[hs] > 1]
    if hs.size == 0:
        return float("nan")
    in_hh = np.bincount(hh[inf & (np.asarray(layer) == HOUSEHOLD)], minlength=size.size)
    return float(in_hh[hs].sum() / (size[hs] - 1).sum())


def run_point(sc: Any, pop: Any, seeds: Sequence[int], linked: np.ndarray) -> dict[str, Any]:
    """Run ``sc`` on ``seeds`` with ``pop`` and return the per-run arrays the summaries need:
    ``cat`` (runs, days, 3) detections by category in Shufu, ``shares`` (linked share of all
    detections of the run), ``asym27``, ``in_q`` (infections in quarantine sites), ``win_det``
    and ``win_linked`` (runs, windows of LINKED_OBSERVED), ``household_sar``
    (:func:`household_sar`), ``wall`` (seconds a run)."""
    from flareup.sim.calibrate import area_selection, simulated_categories
    from flareup.sim.kashgar_fit import SHUFU
    from flareup.sim.people import LAYER_QUARANTINE
    from flareup.sim.scenario import build_sim

    sel = area_selection(pop, [SHUFU])
    in_shufu = np.isin(np.asarray(pop.area), sel)
    dates = pd.date_range(pd.Timestamp(sc.start), periods=sc.days, freq="D")
    upto = dates <= pd.Timestamp("2020-10-27")
    windows = [
        (int(dates.searchsorted(pd.Timestamp(a))), int(dates.searchsorted(pd.Timestamp(b))))
        for a, b, _, _ in LINKED_OBSERVED
    ]
    out: dict[str, list[Any]] = {
        k: []
        for k in (
            "cat",
            "shares",
            "asym27",
            "in_q",
            "win_det",
            "win_linked",
            "household_sar",
            "wall",
        )
    }
    for s in seeds:
        t = time.perf_counter()
        sim = build_sim(sc, seed=s, population=pop)
        res = sim.run()
        out["wall"].append(time.perf_counter() - t)
        cat = simulated_categories(res.counts[0], sel)
        out["cat"].append(cat)
        day = np.asarray(sim.agents.detected)
        det = day >= 0
        out["shares"].append(float(linked[det].mean()) if det.any() else np.nan)
        out["in_q"].append(int((sim.agents.layer == LAYER_QUARANTINE).sum()))
        infected = np.asarray(sim.agents.column("t_infected")) >= 0
        out["household_sar"].append(
            household_sar(np.asarray(pop.household), infected, sim.agents.layer, linked)
        )
        a, c = cat[upto, 0].sum(), cat[upto, 1].sum()
        out["asym27"].append(a / (a + c) if a + c else np.nan)
        wd, wl = [], []
        for lo, hi in windows:
            m = in_shufu & (day >= lo) & (day <= hi)
            wd.append(int(m.sum()))
            wl.append(int((m & linked).sum()))
        out["win_det"].append(wd)
        out["win_linked"].append(wl)
    result = {k: np.asarray(v) for k, v in out.items()}
    result["cat"] = np.stack(out["cat"])
    return result


def summarise(
    runs: Mapping[str, np.ndarray], dates: pd.DatetimeIndex, obs: pd.DataFrame
) -> dict[str, Any]:
    """One row of targets and likelihoods from :func:`run_point`'s arrays. ``obs``: the
    observed categories (``calibrate.category_series``) reindexed to ``dates``."""
    from flareup.sim.calibrate import CATEGORIES, loglik
    from flareup.sim.kashgar_fit import _late_share

    sims = runs["cat"]
    total = np.cumsum(sims[:, :, :2].sum(axis=2), axis=1)
    o_total = (obs["asymptomatic"].fillna(0) + obs["confirmed"].fillna(0)).cumsum()
    row: dict[str, Any] = {}
    inside = []
    for day in TARGET_DAYS:
        di = int(np.flatnonzero(dates == pd.Timestamp(day))[0])
        lo, med, hi = np.quantile(total[:, di], [0.05, 0.5, 0.95])
        tag = day[5:].replace("-", "")
        row[f"c{tag}_median"], row[f"c{tag}_low"], row[f"c{tag}_high"] = med, lo, hi
        inside.append(bool(lo <= o_total.iloc[di] <= hi))
        row[f"c{tag}_inside"] = inside[-1]
    late = _late_share(total, dates)
    row["after_1028"] = float(np.median(late))
    row["linked"] = float(np.nanmedian(runs["shares"]))
    row["asymptomatic_1027"] = float(np.nanmedian(runs["asym27"]))
    i05 = int(np.flatnonzero(dates == pd.Timestamp(TARGET_DAYS[2]))[0])
    rc = np.cumsum(sims[:, :, 2], axis=1)[:, i05]
    row["reclassified_1105"] = float(np.median(rc))
    row["in_sites"] = float(np.median(runs["in_q"]))
    if "household_sar" in runs:
        row["household_sar"] = float(np.nanmedian(runs["household_sar"]))
    have = obs.dropna(how="all").index
    idx = dates.get_indexer(have)
    expected = sims.mean(axis=0)[idx]
    row["loglik"] = sum(
        loglik(
            obs.loc[have, c].fillna(0).to_numpy(), expected[:, i], family="negbin", dispersion=5.0
        )
        for i, c in enumerate(CATEGORIES)
    )
    row["linked_loglik"] = linked_loglik(runs["win_det"], runs["win_linked"])
    row["all_targets"] = bool(
        all(inside) and row["linked"] >= 0.8 and row["asymptomatic_1027"] >= 0.9
    )
    return row


def search(
    scenario: Any,
    grid: Mapping[str, Sequence[Any]],
    *,
    runs: int = 16,
    seed: int = 1,
    progress: Any = None,
) -> pd.DataFrame:
    """Run every point of ``grid`` (name -> values, names as in ``calibrate.apply_params``) on
    ``scenario`` with ``runs`` runs from ``seed`` (the same seeds at every point) and return a
    row a point: the point's values, then :func:`summarise`'s columns."""
    from flareup.sim.calibrate import apply_params, category_series
    from flareup.sim.ensemble import run_seeds
    from flareup.sim.kashgar_fit import SHUFU, linked_mask, observed
    from flareup.sim.scenario import build_population

    pop = build_population(scenario)
    linked = linked_mask(pop)
    seeds = run_seeds(seed, runs)
    dates = pd.date_range(pd.Timestamp(scenario.start), periods=scenario.days, freq="D")
    obs = category_series(observed(), areas=[SHUFU]).reindex(dates)
    rows = []
    points = grid_points(grid)
    for n, point in enumerate(points):
        sc = apply_params(scenario, point) if point else scenario
        res = run_point(sc, pop, seeds, linked)
        rows.append({**{k: str(v) for k, v in point.items()}, **summarise(res, dates, obs)})
        if progress is not None:
            progress(n + 1, len(points), rows[-1])
    return pd.DataFrame(rows)


def fit_linked(
    scenario: Any,
    bounds: Mapping[str, Any],
    *,
    trials: int = 40,
    runs: int = 16,
    seed: int = 1,
    progress: Any = None,
) -> pd.DataFrame:
    """Fit ``bounds`` (name -> (low, high[, 'log']), as ``calibrate.calibrate``) by the daily
    likelihood of the three categories plus :func:`linked_loglik` (the reported linkage as
    binomial observations), Optuna's seeded TPE sampler (Bergstra et al. 2011 NeurIPS; Akiba
    et al. 2019 KDD), every trial on the same ``runs`` run seeds from ``seed``. A trial's score
    is the sum; the frame has a row a trial (its values, :func:`summarise`'s columns and
    ``score``), in trial order."""
    import optuna

    from flareup.sim.calibrate import _decode, _distribution, apply_params, category_series
    from flareup.sim.ensemble import run_seeds
    from flareup.sim.kashgar_fit import SHUFU, linked_mask, observed
    from flareup.sim.scenario import build_population

    pop = build_population(scenario)
    linked = linked_mask(pop)
    seeds = run_seeds(seed, runs)
    dates = pd.date_range(pd.Timestamp(scenario.start), periods=scenario.days, freq="D")
    obs = category_series(observed(), areas=[SHUFU]).reindex(dates)
    dists, origins = {}, {}
    for name, b in bounds.items():
        dists[name], origins[name] = _distribution(name, b)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    rows = []
    for n in range(trials):
        trial = study.ask(dists)
        values = {k: _decode(v, origins[k]) for k, v in trial.params.items()}
        res = run_point(apply_params(scenario, values), pop, seeds, linked)
        row = summarise(res, dates, obs)
        row["score"] = row["loglik"] + row["linked_loglik"]
        study.tell(trial, row["score"])
        rows.append({"trial": n, **{k: str(v) for k, v in values.items()}, **row})
        if progress is not None:
            progress(n + 1, trials, rows[-1])
    return pd.DataFrame(rows)


__all__ = [
    "LINKED_OBSERVED",
    "fit_linked",
    "grid_points",
    "household_sar",
    "linked_loglik",
    "run_point",
    "search",
    "summarise",
]
