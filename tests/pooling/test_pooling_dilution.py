"""The dilution model: Ct shift of log2(k), against its published calibration points."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from flareup.errors import InputError
from flareup.pooling import (
    CtDistribution,
    DilutionModel,
    pool_sensitivity,
    pool_sensitivity_from_ct,
)


def test_relative_sensitivity_is_the_shifted_truncated_cdf() -> None:
    m = DilutionModel(CtDistribution((30.0,), (5.0,), (1.0,)), limit=38.0)
    expected = stats.norm.cdf(38 - math.log2(8), 30, 5) / stats.norm.cdf(38, 30, 5)
    assert m.relative_sensitivity(8) == pytest.approx(expected, rel=1e-12)
    assert m.relative_sensitivity(1) == 1.0
    assert pool_sensitivity(8, 0.95, m) == pytest.approx(0.95 * expected)
    assert pool_sensitivity(8, 0.95, None) == 0.95


def test_default_model_reproduces_bateman_2020() -> None:
    # Bateman et al. (J Med Virol 2021;93:1568): pools of 5, 10 and 50 keep 93 %, 91 % and 81 %
    # of positives. The default Ct distribution comes from a different laboratory (EID 2021,
    # median 28.5, IQR 23.0-34.3), so agreement within 3 points is an independent check.
    m = DilutionModel()
    for k, published in [(5, 0.93), (10, 0.91), (50, 0.81)]:
        assert abs(m.relative_sensitivity(k) - published) < 0.03


def test_monte_carlo_of_ct_values_matches() -> None:
    rng = np.random.default_rng(5)
    m = DilutionModel(CtDistribution((25.0, 33.0), (3.0, 2.5), (0.6, 0.4)), limit=37.0)
    ct = m.ct.sample(400_000, rng)
    ct = ct[ct < m.limit]  # individually detected positives
    for k in (2, 5, 16):
        assert m.detected(ct, k).mean() == pytest.approx(m.relative_sensitivity(k), abs=0.004)
        assert pool_sensitivity_from_ct(ct, k, 0.9, limit=37.0).mean() == pytest.approx(
            0.9 * m.relative_sensitivity(k), abs=0.004
        )


def test_pcr_efficiency_changes_the_shift() -> None:
    slow = DilutionModel(shift_per_doubling=1 / math.log2(1.9))  # 90 % efficiency
    assert slow.ct_shift(4) > DilutionModel().ct_shift(4)
    assert slow.relative_sensitivity(4) < DilutionModel().relative_sensitivity(4)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: CtDistribution((28.0,), (-1.0,), (1.0,)), "ct_sd"),
        (lambda: CtDistribution((28.0, 30.0), (5.0, 5.0), (0.5, 0.6)), "ct_weights"),
        (lambda: DilutionModel(limit=80.0), "ct_limit"),
        (lambda: pool_sensitivity(0, 0.9), "pool_size"),
        (lambda: pool_sensitivity(5, 1.5), "sensitivity"),
    ],
)
def test_bad_input(make, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as e:
        make()
    assert e.value.field == field


def test_one_pcr_cut_off_for_pooling_and_the_simulator() -> None:
    # Regression (issue 12): pooling assumed Ct 40 and the simulator 37; both read the schema now.
    import inspect

    from flareup.pooling.dilution import DilutionModel, pool_sensitivity_from_ct
    from flareup.schema import PCR_CT_CUTOFF, PCR_CT_RETEST_FROM

    assert DilutionModel().limit == PCR_CT_CUTOFF == 40.0
    default = inspect.signature(pool_sensitivity_from_ct).parameters["limit"].default
    assert default == PCR_CT_CUTOFF
    assert PCR_CT_RETEST_FROM < PCR_CT_CUTOFF
    from flareup.sim.params import Params

    assert Params().test_ct_cutoff == PCR_CT_CUTOFF
