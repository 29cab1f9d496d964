"""A serial interval longer than the series (issue 12): EpiEstim's numbers are kept, flareup says
why the moments differ from those asked and warns about windows that end before the SI mean."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from flareup.analytics.rt import CoriRt
from flareup.analytics.serial_interval import discr_si
from flareup.errors import DataTooThinWarning


def _series(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"date": pd.date_range("2020-10-24", periods=n), "I": 3 * np.arange(1, n + 1)}
    )


def _fit(n: int, **kw: object) -> tuple[CoriRt, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataTooThinWarning)
        est = CoriRt(4.7, 2.9, **kw).fit(_series(n))  # type: ignore[arg-type]
    return est, [str(w.message) for w in caught if w.category is DataTooThinWarning]


def test_series_shorter_than_the_serial_interval_warns_and_names_both_moments() -> None:
    est, msgs = _fit(3, t_start=[2], t_end=[3])
    # EpiEstim's SI as used: discr_si(0:2, 4.7, 2.9), not renormalised, and its moments.
    w = discr_si(np.arange(3), 4.7, 2.9)
    k = np.arange(3)
    mean = float(np.sum(w * k))
    assert est.si_moments_[0] == pytest.approx(mean)
    assert est.si_moments_[1] == pytest.approx(np.sqrt(np.sum(w * k**2) - mean**2))
    assert est.si_requested_ == (4.7, 2.9)
    assert est.si_mass_ == pytest.approx(w.sum())
    assert est.si_note_ is not None and "cut to the 3-day series" in est.si_note_
    assert "mean 4.70, sd 2.90" in est.si_note_
    assert any("longer than the 3-day series" in m and "meaningless" in m for m in msgs)
    assert est.estimates_["mean"].iloc[0] > 10  # the inflated R EpiEstim also gives


def test_windows_ending_before_the_asked_mean_warn_on_a_longer_series() -> None:
    _, msgs = _fit(8, t_start=[2, 3], t_end=[4, 8])
    assert any("1 window(s) end on or before day 4.70" in m for m in msgs)


def test_moderate_cut_is_explained_without_a_false_alarm() -> None:
    est, msgs = _fit(12)
    assert est.si_note_ is not None and "keeping 97%" in est.si_note_
    assert not any("meaningless" in m for m in msgs)
    full, _ = _fit(60)
    assert full.si_note_ is None
    assert full.si_moments_[0] == pytest.approx(4.7, abs=1e-4)
