"""Serial intervals against EpiEstim's published values and against the definition itself."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from flareup.analytics.serial_interval import (
    UncertainSI,
    check_si_distribution,
    discr_si,
    sample_uncertain_si,
    si_from_frame,
)
from flareup.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"


def test_discr_si_matches_epiestim_published_values() -> None:
    # EpiEstim's printed discr_si(0:31, 2.6, 1.5) (test snapshot, 7 significant digits).
    pub = pd.read_csv(DATA / "analytics_epiestim_si_2.6_1.5.csv")
    ours = discr_si(pub["k"].to_numpy(), 2.6, 1.5)
    # rtol: 7 printed digits; atol: the closed form cancels to ~1e-15 in the far tail.
    np.testing.assert_allclose(ours[1:], pub["w"].to_numpy()[1:], rtol=6e-7, atol=1e-14)
    assert ours[0] == 0.0


@pytest.mark.parametrize(("mu", "sigma"), [(2.6, 1.5), (4.7, 2.9), (8.4, 3.8), (3.0, 6.0)])
def test_discr_si_is_the_probability_of_ending_on_day_k(mu: float, sigma: float) -> None:
    # Definition (Cori et al. 2013, web app. 11): SI = 1 + G, G ~ Gamma with mean mu-1, sd sigma;
    # the primary event is uniform in its day, so w_k = int_0^1 P(k <= u + SI < k+1) du.
    shape, scale = ((mu - 1) / sigma) ** 2, sigma**2 / (mu - 1)
    g = stats.gamma(shape, scale=scale)
    for k in range(0, 25):
        val, _ = integrate.quad(
            lambda u, k=k: g.cdf(k - u) - g.cdf(k - 1 - u), 0, 1, epsabs=1e-13, epsrel=1e-11
        )
        assert discr_si(k, mu, sigma)[()] == pytest.approx(max(val, 0.0), abs=2e-10)


def test_discr_si_keeps_the_mean_and_sums_to_one() -> None:
    w = discr_si(np.arange(400), 4.7, 2.9)
    assert w.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.sum(np.arange(400) * w) == pytest.approx(4.7, abs=1e-6)


def test_discr_si_rejects_bad_parameters() -> None:
    with pytest.raises(InputError) as e:
        discr_si([0, 1], 1.0, 1.0)
    assert e.value.field == "si_mean"
    with pytest.raises(InputError) as e:
        discr_si([0, 1], 2.0, 0.0)
    assert e.value.field == "si_sd"


def test_check_si_distribution_applies_epiestims_rules() -> None:
    ok = check_si_distribution([0, 0.5, 0.5])
    assert ok.tolist() == [0, 0.5, 0.5]
    with pytest.raises(InputError, match="w_0"):
        check_si_distribution([0.1, 0.4, 0.5])
    with pytest.raises(InputError, match="negative"):
        check_si_distribution([0, 1.2, -0.2])
    with pytest.raises(InputError, match="sums to"):
        check_si_distribution([0, 0.5, 0.3])


def test_si_from_frame_names_the_row() -> None:
    with pytest.raises(InputError) as e:
        si_from_frame(pd.DataFrame({"k": [0, 2], "w": [0, 1]}), file="si.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("si.csv", 2, "k")


def test_uncertain_si_draws_stay_in_bounds_and_repeat_with_the_seed() -> None:
    u = UncertainSI(2.6, 1, 1, 4.2, 1.5, 0.5, 0.5, 2.5, n1=2000, n2=1)
    m1, s1 = sample_uncertain_si(u, 7)
    m2, s2 = sample_uncertain_si(u, 7)
    assert np.array_equal(m1, m2) and np.array_equal(s1, s2)
    assert m1.min() >= 1 and m1.max() <= 4.2 and s1.min() >= 0.5 and s1.max() <= 2.5
    # A symmetric truncation keeps the mean of the truncated normal at its centre.
    assert m1.mean() == pytest.approx(2.6, abs=0.05)
    with pytest.raises(InputError) as e:
        sample_uncertain_si(UncertainSI(2.6, 1, 3, 4.2, 1.5, 0.5, 0.5, 2.5), 1)
    assert e.value.field == "mean_si"
