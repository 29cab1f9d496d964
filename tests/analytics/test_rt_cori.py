"""R_t by Cori et al. (2013): EpiEstim's published outputs, closed-form posteriors, simulations."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flareup.analytics.rt import CoriRt, rt_by_area, rt_matrix
from flareup.analytics.serial_interval import UncertainSI, discr_si
from flareup.errors import DataTooThinWarning, InputError
from flareup.schema import RT_COLUMNS

DATA = Path(__file__).resolve().parents[1] / "data"
QCOLS = ["q0.025", "q0.05", "q0.25", "q0.5", "q0.75", "q0.95", "q0.975"]
COLS = ["mean", "std", *QCOLS]


def _quiet(est: CoriRt, data: object) -> CoriRt:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataTooThinWarning)
        return est.fit(data)


def _check_published(got: pd.DataFrame, exp: pd.DataFrame) -> None:
    merged = exp.merge(got, on=["t_start", "t_end"], suffixes=("_pub", ""))
    assert len(merged) == len(exp)
    for c in COLS:
        # EpiEstim prints 7 significant digits: half a unit in the 7th is < 1e-6 relative.
        np.testing.assert_allclose(merged[c], merged[f"{c}_pub"], rtol=1e-6, atol=5e-9)


def test_epiestim_example1_flu2009_non_parametric(flu2009, flu_si, expected) -> None:
    est = _quiet(CoriRt(si_distribution=flu_si), flu2009)
    assert list(est.estimates_.columns) == list(RT_COLUMNS)
    assert len(est.estimates_) == 25  # windows 2:26 - 8:32
    _check_published(est.estimates_, expected[expected["example"] == 1])
    assert est.si_moments_ == pytest.approx((2.596, 1.534531), abs=1e-6)
    assert est.estimates_["date_start"].iloc[0] == pd.Timestamp("2009-04-28")


def test_epiestim_example3_flu2009_parametric_weekly(flu2009, expected) -> None:
    # SI gamma mean 2.6 sd 1.5, sliding weekly windows: EpiEstim's classic flu set-up.
    est = _quiet(CoriRt(2.6, 1.5), flu2009)
    _check_published(est.estimates_, expected[expected["example"] == 3])
    assert est.si_moments_ == pytest.approx((2.6, 1.55488), abs=1e-5)


def test_epiestim_example2_local_and_imported(expected) -> None:
    # Thompson et al. 2019: imported cases infect but are nobody's offspring.
    data = pd.read_csv(DATA / "analytics_epiestim_example2.csv")
    est = _quiet(CoriRt(2.6, 1.5, t_start=range(2, 22), t_end=range(8, 28)), data)
    _check_published(est.estimates_, expected[expected["example"] == 2])


def test_uncertain_si_agrees_with_epiestims_published_means(flu2009) -> None:
    # EpiEstim's Example 4 (n1 = n2 = 100) is itself Monte Carlo: its SI-sampling error is a few
    # per cent, so agreement is expected to that level, not to digits.
    pub = np.array(
        [
            1.8873241,
            1.8321097,
            1.5726539,
            1.4780461,
            1.4484020,
            1.6578168,
            1.6792380,
            1.6564870,
            1.4729814,
            1.4465064,
            1.2651883,
            1.1023896,
            0.9511777,
            0.8292920,
            0.6984467,
            0.6022503,
            0.5124873,
            0.4916119,
            0.4327667,
            0.3139704,
            0.2669934,
            0.5220287,
            0.6784284,
            0.8532121,
            0.9738995,
        ]
    )
    u = UncertainSI(2.6, 1, 1, 4.2, 1.5, 0.5, 0.5, 2.5, n1=2000, n2=20)
    a = _quiet(CoriRt(uncertain_si=u, seed=11), flu2009).estimates_
    b = _quiet(CoriRt(uncertain_si=u, seed=11), flu2009).estimates_
    pd.testing.assert_frame_equal(a, b)
    np.testing.assert_allclose(a["mean"], pub, rtol=0.06)
    # Uncertainty about the SI widens the intervals against the fixed SI.
    fixed = _quiet(CoriRt(2.6, 1.5), flu2009).estimates_
    assert ((a["q0.975"] - a["q0.025"]) > (fixed["q0.975"] - fixed["q0.025"]) - 1e-9).mean() > 0.9


def _closed_form(
    inc: np.ndarray,
    w: np.ndarray,
    ts: np.ndarray,
    te: np.ndarray,
    mean_prior: float = 5.0,
    std_prior: float = 5.0,
) -> pd.DataFrame:
    # Written out from Cori et al. (2013), eq. 1-2, loops and all, independently of the module.
    n = inc.size
    lam = np.zeros(n)
    for t in range(1, n):
        lam[t] = sum(inc[t - k] * w[k] for k in range(1, t + 1) if k < w.size)
    a0, b0 = (mean_prior / std_prior) ** 2, std_prior**2 / mean_prior
    rows = []
    for s, e in zip(ts, te, strict=True):
        local = inc[s - 1 : e].sum()  # days s..e, 1-based; day 1 (imported) is never inside
        shape, scale = a0 + local, 1 / (1 / b0 + lam[s - 1 : e].sum())
        g = stats.gamma(shape, scale=scale)
        rows.append([s, e, g.mean(), g.std(), *g.ppf([0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975])])
    return pd.DataFrame(rows, columns=["t_start", "t_end", *COLS])


def test_flu1918_matches_the_closed_form_posterior() -> None:
    inc = pd.read_csv(DATA / "analytics_flu1918.csv")
    est = _quiet(CoriRt(2.6, 1.5), inc)
    w = discr_si(np.arange(92), 2.6, 1.5)
    ts = np.arange(2, 87)
    exp = _closed_form(inc["I"].to_numpy(), w, ts, ts + 6)
    got = est.estimates_
    assert len(got) == 85
    for c in COLS:
        np.testing.assert_allclose(got[c], exp[c], rtol=1e-10)
    # The autumn wave: R above 1 while it rises, clearly below 1 once past its peak.
    assert (got.loc[got["t_end"].between(28, 38), "q0.025"] > 1.0).all()
    assert (got.loc[got["t_end"].between(48, 70), "q0.975"] < 1.0).all()


def test_flu1918_reproduces_epiestims_published_credible_intervals(flu_si) -> None:
    """EpiEstim's own output on Flu1918 (weekly windows 2:86-8:92, Flu1918$si_distr: the gamma
    of mean 2.6, sd 1.5 shifted by a day, at 3 decimals; prior mean 5 sd 5), as written to
    RCIflu.csv by the estimate_R script of kpzoo/EpiFilter (tests/data/analytics_SOURCES.md)."""
    inc = pd.read_csv(DATA / "analytics_flu1918.csv")
    assert inc["I"].size == 92  # EpiEstim's documentation: 92 days of observation
    pub = pd.read_csv(DATA / "analytics_epiestim_flu1918_rci.csv")
    est = _quiet(CoriRt(si_distribution=flu_si), inc)
    got = pub[["t_start", "t_end"]].merge(est.estimates_, on=["t_start", "t_end"])
    assert len(got) == len(pub) == 85
    # Written by R's write.table at 15 significant digits.
    np.testing.assert_allclose(got["q0.025"], pub["q0.025"], rtol=1e-12)
    np.testing.assert_allclose(got["q0.975"], pub["q0.975"], rtol=1e-12)


def test_custom_windows_and_priors_match_closed_form(flu2009) -> None:
    inc = flu2009["I"].to_numpy()
    w = discr_si(np.arange(inc.size), 3.0, 2.0)
    ts, te = np.array([3, 10, 15]), np.array([12, 14, 30])
    est = _quiet(CoriRt(3.0, 2.0, t_start=ts, t_end=te, mean_prior=2.0, std_prior=1.0), flu2009)
    exp = _closed_form(inc, w, ts, te, 2.0, 1.0)
    for c in COLS:
        np.testing.assert_allclose(est.estimates_[c], exp[c], rtol=1e-10)


def test_recovers_a_known_constant_R_from_a_simulated_renewal_process() -> None:
    rng = np.random.default_rng(2024)
    w = discr_si(np.arange(120), 4.7, 2.9)
    R = 1.3
    inc = np.zeros(120, dtype=int)
    inc[0] = 20
    for t in range(1, 120):
        lam = np.dot(inc[t - 1 :: -1][:t], w[1 : t + 1])
        inc[t] = rng.poisson(R * lam)
    est = _quiet(CoriRt(4.7, 2.9, t_start=[30], t_end=[119]), pd.DataFrame({"I": inc}))
    r = est.estimates_.iloc[0]
    assert r["q0.025"] < R < r["q0.975"]
    weekly = _quiet(CoriRt(4.7, 2.9), pd.DataFrame({"I": inc})).estimates_
    inside = ((weekly["q0.025"] < R) & (weekly["q0.975"] > R)).iloc[20:]
    assert inside.mean() > 0.85


def test_rt_matrix_is_the_estimator_row_by_row(flu2009) -> None:
    rng = np.random.default_rng(5)
    mat = rng.poisson(20, size=(6, 40))
    w = discr_si(np.arange(41), 4.7, 2.9)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataTooThinWarning)
        m = rt_matrix(mat, w)
        for i in range(6):
            one = CoriRt(4.7, 2.9).fit(pd.DataFrame({"I": mat[i]})).estimates_
            np.testing.assert_allclose(m.mean[i][m.valid[i]], one["mean"], rtol=1e-12)
            np.testing.assert_allclose(m.quantile(0.975)[i][m.valid[i]], one["q0.975"], rtol=1e-12)


def test_rt_by_area_and_an_area_with_no_data() -> None:
    days = pd.date_range("2020-01-01", periods=30).strftime("%Y-%m-%d")
    counts = pd.concat(
        [pd.DataFrame({"area": a, "date": days, "value": v}) for a, v in (("A", 10), ("B", 20))]
    )
    w = discr_si(np.arange(31), 4.7, 2.9)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataTooThinWarning)
        out = rt_by_area(counts, w)
    assert list(out.columns) == ["area", *RT_COLUMNS]
    assert set(out["area"]) == {"A", "B"}
    with pytest.raises(InputError, match="no data: C"):
        rt_by_area(counts, w, areas=["A", "C"])


def test_thin_data_warns_as_epiestim() -> None:
    inc = pd.DataFrame({"I": [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0]})

    def messages(est: CoriRt, data: pd.DataFrame) -> str:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            est.fit(data)
        assert all(issubclass(w.category, DataTooThinWarning) for w in caught)
        return " | ".join(str(w.message) for w in caught)

    assert "fewer than 11 cases" in messages(CoriRt(2.6, 1.5), inc)
    # A window ending on or before the mean SI is left out, with a warning.
    est = CoriRt(8.0, 3.0, t_start=[2, 5], t_end=[6, 12])
    assert "left out" in messages(est, pd.DataFrame({"I": [5] * 12}))
    assert est.estimates_["t_end"].tolist() == [12]


@pytest.mark.parametrize(
    ("values", "field", "row", "reason"),
    [
        ([1, -2, 3], "I", 2, "negative"),
        ([1, 2.5, 3], "I", 2, "non-integer"),
        ([1, "x", 3], "I", 2, "not a number"),
    ],
)
def test_bad_counts_name_the_row(values, field, row, reason) -> None:
    df = pd.DataFrame({"t": [1, 2, 3], "I": values})
    with pytest.raises(InputError, match=reason) as e:
        CoriRt(2.6, 1.5).fit(df, file="inc.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("inc.csv", row, field)


def test_duplicate_and_missing_days() -> None:
    dup = pd.DataFrame({"date": ["2020-01-01", "2020-01-02", "2020-01-02"], "I": [1, 2, 3]})
    with pytest.raises(InputError, match="duplicate day 2020-01-02") as e:
        CoriRt(2.6, 1.5).fit(dup)
    assert e.value.row == 3
    dates = pd.date_range("2020-01-01", periods=12).strftime("%Y-%m-%d").tolist()
    del dates[5]
    gap = pd.DataFrame({"date": dates, "I": [3] * 11})
    with pytest.raises(InputError, match="2020-01-06"):
        CoriRt(2.6, 1.5).fit(gap)
    est = _quiet(CoriRt(2.6, 1.5, fill_missing="zero"), gap)
    assert est.incidence_["local"].iloc[5] == 0 and len(est.incidence_) == 12
    with pytest.raises(InputError) as e:
        CoriRt(2.6, 1.5, fill_missing="maybe").fit(gap)
    assert e.value.field == "fill_missing"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"t_start": [1], "t_end": [8]}, "t_start"),
        ({"t_start": [2], "t_end": [40]}, "t_end"),
        ({"t_start": [9], "t_end": [8]}, "t_start"),
        ({"t_start": [2, 3], "t_end": [8]}, "t_start"),
        ({"window": 0}, "window"),
        ({"mean_prior": -1}, "mean_prior"),
    ],
)
def test_bad_windows_and_parameters_name_the_parameter(flu2009, kw, field) -> None:
    with pytest.raises(InputError) as e:
        CoriRt(2.6, 1.5, **kw).fit(flu2009)
    assert e.value.field == field


def test_bad_serial_intervals() -> None:
    inc = pd.DataFrame({"I": [5] * 20})
    with pytest.raises(InputError, match="w_0"):
        CoriRt(si_distribution=[0.2, 0.8]).fit(inc)
    with pytest.raises(InputError, match="exactly one serial interval"):
        CoriRt(2.6, 1.5, si_distribution=[0, 1]).fit(inc)
    with pytest.raises(InputError) as e:
        CoriRt(0.5, 1.5).fit(inc)
    assert e.value.field == "si_mean"
