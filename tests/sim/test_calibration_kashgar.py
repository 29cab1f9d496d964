"""The calibrated kashgar-2020 scenario against the registry, and its counterfactual orderings.

The bundled scenario was fitted at scale 0.1 (its comment block and docs/methods/sim.md,
"Calibration"); the garment factory keeps its real 252 workers at any scale and the outbreak is
small against the population, so the absolute counts are those of the full-scale prefecture.

Tolerances come from the ensemble's own run-to-run spread: a new observation from the model is
a draw with the runs' mean and standard deviation s, so the observed figure must lie within
K = 2 prediction standard deviations, s * sqrt(1 + 1/n) (about a 95 % prediction interval; the
run-to-run distribution is unimodal and roughly symmetric here). Before calibration the observed
376 lay more than 3 such standard deviations above the ensemble mean, so this can fail.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import flareup.data.kashgar_2020 as kashgar_data
from flareup.ingest.tables import read_table
from flareup.sim.calibrate import detected_series
from flareup.sim.ensemble import run_seeds
from flareup.sim.results_idx import ALL_METRICS
from flareup.sim.scenario import Scenario, build_population, build_sim, load_scenario

SCALE = 0.1  # the scale of the fit
SHUFU = "653121"
RUNS = 16
PAIRED_SEEDS = 8
K = 2.0
M_CONF, M_RECL, M_ASYM = (
    ALL_METRICS.index(m) for m in ("confirmed_new", "reclassified_new", "asymptomatic_new")
)


def _scenario(name: str) -> Scenario:
    return load_scenario(name).replace(scale=SCALE)


def _shufu_counts(sc: Scenario, seeds: list[int]) -> np.ndarray:
    """counts[run, day, metric] summed over Shufu's townships."""
    pop = build_population(sc)
    codes = pop.areas["code"].astype(str).to_numpy()
    parents = pop.areas["parent_code"].astype(str).to_numpy()
    sel = np.flatnonzero((codes == SHUFU) | (parents == SHUFU))
    return np.stack(
        [build_sim(sc, seed=s, population=pop).run().counts[0][:, sel].sum(axis=1) for s in seeds]
    )


@pytest.fixture(scope="module")
def observed() -> pd.Series:
    """Shufu's daily new detected infections from the bundled registry table."""
    table = read_table(Path(kashgar_data.__file__).with_name("counts.csv"), "counts")
    return detected_series(table.frame, areas=[SHUFU])


@pytest.fixture(scope="module")
def ensemble() -> tuple[Scenario, np.ndarray]:
    sc = _scenario("kashgar-2020")
    return sc, _shufu_counts(sc, run_seeds(sc.seed, RUNS))


@pytest.mark.parametrize("date", ["2020-10-28", "2020-11-05"])
def test_cumulative_detections_match_registry(observed: pd.Series, ensemble, date: str) -> None:
    """Observed cumulative Shufu detections (183 by 10-28, 376 by 11-05) within K prediction
    standard deviations of the calibrated ensemble."""
    sc, counts = ensemble
    obs = float(observed[observed.index <= pd.Timestamp(date)].sum())
    assert obs == {"2020-10-28": 183.0, "2020-11-05": 376.0}[date]  # the registry's own totals
    day = (pd.Timestamp(date) - pd.Timestamp(sc.start)).days
    detected = counts[:, :, M_CONF] - counts[:, :, M_RECL] + counts[:, :, M_ASYM]
    sim = detected[:, : day + 1].sum(axis=1).astype(float)
    mean, sd = sim.mean(), sim.std(ddof=1)
    assert sd > 0
    assert abs(obs - mean) <= K * sd * np.sqrt(1 + 1 / sim.size), (obs, mean, sd, sim)


def test_most_detections_are_asymptomatic_at_detection(ensemble) -> None:
    """As in the bulletins (all 376 Shufu detections to 11-05 were asymptomatic when found),
    a majority of simulated detections are asymptomatic at detection, in the pooled ensemble and
    in most runs."""
    _, counts = ensemble
    asym = counts[:, :, M_ASYM].sum(axis=1)
    at_detection_confirmed = (counts[:, :, M_CONF] - counts[:, :, M_RECL]).sum(axis=1)
    share = asym / np.maximum(asym + at_detection_confirmed, 1)
    assert asym.sum() / (asym.sum() + at_detection_confirmed.sum()) > 0.5
    assert (share > 0.5).mean() > 0.5, share


def _infections(name: str, seeds: list[int]) -> np.ndarray:
    sc = _scenario(name)
    pop = build_population(sc)
    return np.array(
        [build_sim(sc, seed=s, population=pop).run().total("infections_new") for s in seeds],
        dtype=float,
    )


@pytest.mark.parametrize(
    "counterfactual", ["kashgar-2020-no-tracing", "kashgar-2020-late-response"]
)
def test_counterfactual_infects_at_least_as_many(counterfactual: str) -> None:
    """Less response, paired seeds (common random numbers): mean paired difference in true
    infections >= -3 standard errors (one-sided), and positive (the change does something)."""
    seeds = run_seeds(2020, PAIRED_SEEDS)
    base = _infections("kashgar-2020", seeds)
    less = _infections(counterfactual, seeds)
    diff = less - base
    se = diff.std(ddof=1) / np.sqrt(diff.size)
    assert diff.mean() >= -3 * se, (base, less)
    assert diff.mean() > 0, (base, less)
