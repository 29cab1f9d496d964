"""Reporting delays and the nowcast, against a simulation with a known delay."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from flareup.analytics.delays import delay_distribution, reporting_delays
from flareup.analytics.nowcast import nowcast, onset_series
from flareup.errors import DataTooThinWarning, InputError


def _simulate(seed: int, as_of: str = "2020-03-30") -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2020-03-01", as_of)
    onsets = np.repeat(days, rng.poisson(40, days.size))
    delay = rng.geometric(0.25, onsets.size) - 1  # P(d) = 0.25 * 0.75^d
    rep = onsets + pd.to_timedelta(delay, unit="D")
    full = pd.DataFrame({"id": np.arange(onsets.size), "date_onset": onsets, "date_reporting": rep})
    truth = full["date_onset"].value_counts().reindex(days, fill_value=0)
    return full[full["date_reporting"] <= pd.Timestamp(as_of)], truth


def test_delay_distribution_recovers_the_geometric_delay() -> None:
    seen, _ = _simulate(1)
    d = delay_distribution(reporting_delays(seen), max_delay=10)
    expected = 0.25 * 0.75 ** np.arange(10)
    np.testing.assert_allclose(d.pmf[:10], expected, atol=0.03)
    # Delays beyond the window are the tail, not folded into its last day (issue 12).
    assert d.pmf[10] == pytest.approx(0.25 * 0.75**10, abs=0.03)
    assert d.p_beyond == pytest.approx(0.75**11, abs=0.02)
    assert d.cdf[-1] == pytest.approx(1 - d.p_beyond)
    assert d.n_with_dates == len(seen)


def test_nowcast_intervals_cover_the_truth() -> None:
    covered, n = 0, 0
    for seed in range(5):
        seen, truth = _simulate(seed)
        d = delay_distribution(reporting_delays(seen), max_delay=14)
        obs = onset_series(seen, as_of="2020-03-30")
        nc = nowcast(obs, d, as_of="2020-03-30", n_boot=400, seed=seed).set_index("date")
        last = nc.index[-7:]
        covered += int(
            ((nc.loc[last, "low"] <= truth[last]) & (truth[last] <= nc.loc[last, "high"])).sum()
        )
        n += len(last)
        # the raw counts of the last days are clearly short of the truth; the nowcast is not
        assert nc.loc[last, "observed"].sum() < 0.8 * truth[last].sum()
        assert abs(nc.loc[last, "estimate"].sum() / truth[last].sum() - 1) < 0.2
    assert covered / n >= 0.85


def test_nowcast_is_reproducible_and_complete_days_are_untouched() -> None:
    seen, _ = _simulate(3)
    d = delay_distribution(reporting_delays(seen), max_delay=14)
    obs = onset_series(seen)
    a = nowcast(obs, d, n_boot=200, seed=9)
    b = nowcast(obs, d, n_boot=200, seed=9)
    pd.testing.assert_frame_equal(a, b)
    old = a[a["days_since"] > d.delays.max()]
    assert len(old) and (old["estimate"] == old["observed"]).all()
    assert (a.loc[a["days_since"] == 14, "p_reported"] < 1).all()


def test_nowcast_last_day_of_the_delay_window_has_nominal_coverage() -> None:
    # Regression (issue 12): delays beyond max_delay were folded into its last day, so that day
    # counted as complete and its 95% interval covered the truth ~55-78% of the time.
    covered = {13: 0, 14: 0, 15: 0}
    n_sim = 150
    for seed in range(n_sim):
        seen, truth = _simulate(100 + seed)
        d = delay_distribution(reporting_delays(seen), max_delay=14, as_of="2020-03-30")
        obs = onset_series(seen, as_of="2020-03-30")
        nc = nowcast(obs, d, as_of="2020-03-30", n_boot=300, seed=seed).set_index("date")
        for back in covered:
            day = pd.Timestamp("2020-03-30") - pd.Timedelta(days=back)
            covered[back] += int(nc.loc[day, "low"] <= truth[day] <= nc.loc[day, "high"])
    for back, c in covered.items():
        assert 0.90 <= c / n_sim <= 0.99, (back, c / n_sim)


def test_bad_delays() -> None:
    cases = pd.DataFrame(
        {
            "id": [1, 2],
            "date_onset": ["2020-01-05", "2020-01-01"],
            "date_reporting": ["2020-01-03", "2020-01-02"],
        }
    )
    with pytest.raises(InputError, match="before") as e:
        reporting_delays(cases, file="ll.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("ll.csv", 1, "date_reporting")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataTooThinWarning)
        with pytest.raises(DataTooThinWarning):
            delay_distribution(np.array([1, 2, 3]))


def test_nowcast_from_linelist_sees_only_what_was_reported_by_as_of() -> None:
    from flareup.analytics.nowcast import nowcast_from_linelist

    seen, _ = _simulate(4, as_of="2020-03-30")
    # The whole line list as known later: reports after as_of must not count.
    rng = np.random.default_rng(4)
    late = seen.copy()
    later = pd.DataFrame(
        {
            "id": np.arange(10_000, 10_050),
            "date_onset": pd.Timestamp("2020-03-28"),
            "date_reporting": pd.Timestamp("2020-04-02")
            + pd.to_timedelta(rng.integers(0, 5, 50), unit="D"),
        }
    )
    late = pd.concat([late, later], ignore_index=True)
    a, da = nowcast_from_linelist(seen, as_of="2020-03-30", max_delay=14, n_boot=200, seed=1)
    b, db = nowcast_from_linelist(late, as_of="2020-03-30", max_delay=14, n_boot=200, seed=1)
    pd.testing.assert_frame_equal(a, b)
    np.testing.assert_array_equal(da.pmf, db.pmf)
    assert a.attrs["as_of"] == pd.Timestamp("2020-03-30")
    with pytest.raises(InputError, match="max_delay"):
        nowcast_from_linelist(seen, max_delay=-1)
