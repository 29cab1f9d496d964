"""The exact ratio of two counts that decides a trend verdict (issue 12)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest

from flareup.analytics.composition import count_ratio


@pytest.mark.parametrize(("a", "b"), [(157, 153), (40, 12), (3, 30), (0, 5), (7, 0), (1, 1)])
def test_count_ratio_is_the_exact_poisson_ratio_interval(a: int, b: int) -> None:
    ratio, lo, hi, word = count_ratio(a, b)
    ci = binomtest(a, a + b).proportion_ci(method="exact")
    exp_lo = ci.low / (1 - ci.low)
    exp_hi = ci.high / (1 - ci.high) if ci.high < 1 else np.inf
    assert lo == pytest.approx(exp_lo, rel=1e-9, abs=1e-12)
    assert hi == pytest.approx(exp_hi, rel=1e-9)
    assert ratio == (a / b if b else np.inf)
    assert word == ("rising" if exp_lo > 1 else "falling" if exp_hi < 1 else "no clear change")
