"""The kashgar-2020 grid search's pieces (flareup.sim.kashgar_search), on synthetic runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flareup.errors import ConfigError
from flareup.sim.calibrate import category_series
from flareup.sim.kashgar_fit import SHUFU, observed, parse_grid
from flareup.sim.kashgar_search import LINKED_OBSERVED, grid_points, linked_loglik, summarise


def test_grid_points_is_the_cartesian_product() -> None:
    pts = grid_points({"a": [1, 2], "b": ["x", "y", "z"]})
    assert len(pts) == 6 and pts[0] == {"a": 1, "b": "x"} and pts[-1] == {"a": 2, "b": "z"}
    assert grid_points({}) == [{}]


def test_parse_grid_reads_values_as_set_does() -> None:
    import datetime as dt

    g = parse_grid(["sim.quarantine_at_home=false,true", "importation.start=2020-10-08,2020-10-12"])
    assert g["sim.quarantine_at_home"] == [False, True]
    assert g["importation.start"] == [dt.date(2020, 10, 8), dt.date(2020, 10, 12)]
    with pytest.raises(ConfigError):
        parse_grid(["disease.beta_household"])


def test_linked_loglik_is_the_binomial_of_the_reported_linkage() -> None:
    n = [w[2] for w in LINKED_OBSERVED]
    assert [w[3] for w in LINKED_OBSERVED] == n  # every reported detection linked
    # Two runs, pooled share 0.9 in the first window, 0.5 in the second.
    det = np.array([[10, 2], [10, 2]])
    lk = np.array([[9, 1], [9, 1]])
    expected = n[0] * np.log(0.9) + n[1] * np.log(0.5)
    assert linked_loglik(det, lk) == pytest.approx(expected)
    # All linked: clipped at 0.999, never 0; no detections in a window: the floor 0.001.
    assert linked_loglik(det, det) == pytest.approx(sum(n) * np.log(0.999))
    assert linked_loglik(np.zeros((1, 2)), np.zeros((1, 2))) == pytest.approx(
        sum(n) * np.log(0.001)
    )


def test_summarise_reads_the_targets_off_the_runs() -> None:
    dates = pd.date_range("2020-09-15", periods=120, freq="D")
    obs = category_series(observed(), areas=[SHUFU]).reindex(dates)
    # 20 runs that reproduce the registry's series exactly (asymptomatic + confirmed).
    o = obs.fillna(0).to_numpy()
    cat = np.repeat(o[None, :, :], 20, axis=0)
    runs = {
        "cat": cat,
        "shares": np.full(20, 0.85),
        "asym27": np.ones(20),
        "in_q": np.zeros(20),
        "win_det": np.tile([138, 14], (20, 1)),
        "win_linked": np.tile([138, 14], (20, 1)),
    }
    row = summarise(runs, dates, obs)
    assert (row["c1025_median"], row["c1028_median"], row["c1105_median"]) == (138, 183, 376)
    assert row["c1105_inside"] and row["all_targets"]
    assert row["after_1028"] == pytest.approx(193 / 376)
    assert row["reclassified_1105"] == 47
    runs["shares"] = np.full(20, 0.79)
    assert not summarise(runs, dates, obs)["all_targets"]


def test_household_sar_counts_household_infections_per_household_contact() -> None:
    from flareup.sim.kashgar_search import household_sar
    from flareup.sim.params import HOUSEHOLD, WORKPLACE

    # Households 0 (4 people), 1 (3), 2 (1), 3 (2, nobody linked).
    hh = np.array([0, 0, 0, 0, 1, 1, 1, 2, 3, 3])
    infected = np.array([1, 1, 1, 0, 1, 1, 0, 1, 1, 1], dtype=bool)
    layer = np.array(
        [WORKPLACE, HOUSEHOLD, HOUSEHOLD, -1, WORKPLACE, WORKPLACE, -1, WORKPLACE, 0, 0]
    )
    linked = np.array([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], dtype=bool)
    # Households 0 and 1 count (2 is a single, 3 has no linked infection): 2 in the household
    # layer among 3 + 2 contacts.
    assert household_sar(hh, infected, layer, linked) == pytest.approx(2 / 5)
    assert np.isnan(household_sar(hh, np.zeros(10, dtype=bool), layer, linked))
