"""The calibrated kashgar-2020 scenario at full scale against the registry (slow).

16 runs on seeds other than the fit's (``flareup.sim.kashgar_fit check`` prints the same
figures, with the posterior predictive table and chart). What is checked is what the issue
asks of the calibrated scenario and what it achieves; what it does not achieve is reported in
docs/methods/sim.md ("Calibration") rather than tested loosely.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flareup.sim.calibrate import area_selection, category_series, simulated_categories
from flareup.sim.ensemble import run_seeds
from flareup.sim.kashgar_fit import SHUFU, linked_mask, observed
from flareup.sim.scenario import build_population, build_sim, load_scenario

pytestmark = pytest.mark.slow
RUNS = 16


@pytest.fixture(scope="module")
def ensemble():
    sc = load_scenario("kashgar-2020")
    assert sc.scale == 1.0  # full scale by default
    pop = build_population(sc)
    sel = area_selection(pop, [SHUFU])
    linked = linked_mask(pop)
    cats, shares, infections = [], [], []
    for s in run_seeds(2020, RUNS):
        sim = build_sim(sc, seed=s, population=pop)
        res = sim.run()
        cats.append(simulated_categories(res.counts[0], sel))
        det = sim.agents.detected >= 0
        shares.append(linked[det].mean())
        infections.append(res.total("infections_new"))
    dates = pd.date_range(pd.Timestamp(sc.start), periods=sc.days, freq="D")
    return dates, np.stack(cats), np.array(shares), np.array(infections)


def test_registry_totals_are_the_observed_series() -> None:
    obs = category_series(observed(), areas=[SHUFU])
    total = obs["asymptomatic"] + obs["confirmed"]
    assert total.sum() == 376 and obs["reclassified"].sum() == 47


@pytest.mark.parametrize("date", ["2020-10-25", "2020-10-28", "2020-11-05"])
def test_cumulative_detections_inside_the_90_percent_band(ensemble, date: str) -> None:
    dates, cats, _, _ = ensemble
    obs = category_series(observed(), areas=[SHUFU]).reindex(dates).fillna(0)
    o = (obs["asymptomatic"] + obs["confirmed"]).cumsum()
    d = int(np.flatnonzero(dates == pd.Timestamp(date))[0])
    sim = np.cumsum(cats[:, :, :2].sum(axis=2), axis=1)[:, d]
    lo, hi = np.quantile(sim, [0.05, 0.95])
    assert lo <= o.iloc[d] <= hi, (date, o.iloc[d], lo, np.median(sim), hi)


def test_detections_are_among_the_factory_its_households_and_dormitories(ensemble) -> None:
    _, _, shares, _ = ensemble
    assert np.median(shares) >= 0.8, shares


def test_asymptomatic_at_detection_up_to_27_october(ensemble) -> None:
    """Reported as asymptomatic up to 10-27 (registry: all 183), a share of >= 90 %: with
    clinical_assessment_days (the registry's reporting order) the model's 100 %: only a
    positive sampled because of its symptoms is confirmed when found (89.7 % when classified by
    symptoms at the report)."""
    dates, cats, _, _ = ensemble
    upto = dates <= pd.Timestamp("2020-10-27")
    a, c = cats[:, upto, 0].sum(axis=1), cats[:, upto, 1].sum(axis=1)
    share = a / np.maximum(a + c, 1)
    assert np.median(share) >= 0.9, share


def test_symptomatic_detections_are_reclassifications_up_to_5_november(ensemble) -> None:
    """Registry: 47 reclassified and none confirmed when found by 11-05. Classified by their
    symptoms at the report the model had it the other way round (7.5, 90 % band 4-10, against
    18 confirmed when found); with the clinical assessment 3 days after the report, 52
    (41.8-69) and 0 (families at home, 2026-12-07; 41.5 (33-51) before)."""
    dates, cats, _, _ = ensemble
    upto = dates <= pd.Timestamp("2020-11-05")
    confirmed, reclassified = cats[:, upto, 1].sum(axis=1), cats[:, upto, 2].sum(axis=1)
    assert np.median(reclassified) >= 4 * np.median(confirmed), (reclassified, confirmed)
    lo, hi = np.quantile(reclassified, [0.05, 0.95])
    assert lo <= 47 <= hi, (lo, np.median(reclassified), hi)


def _infections(name: str, seeds: list[int]) -> np.ndarray:
    sc = load_scenario(name)
    pop = build_population(sc)
    return np.array(
        [build_sim(sc, seed=s, population=pop).run().total("infections_new") for s in seeds],
        dtype=float,
    )


@pytest.mark.parametrize(
    "counterfactual",
    ["kashgar-2020-no-tracing", "kashgar-2020-late-response", "kashgar-2020-no-routine-testing"],
)
def test_less_response_infects_at_least_as_many(counterfactual: str) -> None:
    """Less response, paired seeds (common random numbers): mean paired difference in true
    infections >= -3 standard errors (one-sided), and positive (the change does something).
    Without routine testing the workshop source stays open until the run's own first
    detection, so that counterfactual keeps no consequence of the detection it removes.
    16 seeds: the effect is small (late response: +6 infections a seed on average, more in 38
    of 40 pairs, on the draws of 2026-12-07 and before) while a rare pair diverges by chance
    (one of 40 by -58), which in 8 seeds can outweigh the mean (it did in seeds 1-8 of the
    ziggurat draws: -1.5)."""
    seeds = run_seeds(2020, 16)
    base = _infections("kashgar-2020", seeds)
    less = _infections(counterfactual, seeds)
    diff = less - base
    se = diff.std(ddof=1) / np.sqrt(diff.size)
    assert diff.mean() >= -3 * se, (base, less)
    assert diff.mean() > 0, (base, less)
