"""Source ranking: the statistics against hand computation, and rankings on small records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import lognorm, norm

from flareup.errors import InputError
from flareup.tracing import Incubation, katz_rr, rank_sources
from flareup.tracing.sources import _delay_pmfs, _timing, attack_llr, exposure_llr


def test_katz_interval_by_hand() -> None:
    # 30/100 exposed vs 10/100 unexposed: RR 3, se(log RR) = sqrt(1/30 - 1/100 + 1/10 - 1/100)
    rr, lo, hi = katz_rr(np.array([30]), np.array([100]), np.array([10]), np.array([100]))
    se = np.sqrt(1 / 30 - 1 / 100 + 1 / 10 - 1 / 100)
    assert rr[0] == pytest.approx(3.0)
    assert lo[0] == pytest.approx(3 * np.exp(-1.959964 * se), rel=1e-6)
    assert (round(lo[0], 3), round(hi[0], 3)) == (1.551, 5.803)
    # a zero cell: 0.5 added to every cell (Haldane-Anscombe)
    rr0, _, _ = katz_rr(np.array([5]), np.array([5]), np.array([0]), np.array([50]))
    assert rr0[0] == pytest.approx((5.5 / 6) / (0.5 / 51))


def test_attack_llr_is_half_the_g_statistic() -> None:
    a, n1, c, n0 = 30, 100, 10, 100
    table = np.array([[a, n1 - a], [c, n0 - c]], dtype=float)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    g = 2 * (table * np.log(table / expected)).sum()
    assert attack_llr(np.array([a]), np.array([n1]), np.array([c]), np.array([n0]))[0] == (
        pytest.approx(g / 2)
    )
    assert attack_llr(np.array([c]), np.array([n0]), np.array([a]), np.array([n1]))[0] < 0


def test_exposure_llr_by_hand() -> None:
    # 8 of 10 primary cases exposed where 5 % of the cohort is
    v = exposure_llr(np.array([8]), np.array([10]), np.array([0.05]), 0.2)[0]
    assert v == pytest.approx(8 * np.log(0.8 / 0.05) + 2 * np.log(0.2 / 0.95))


def test_incubation_pmf_matches_lauer() -> None:
    f = Incubation().pmf()
    assert f.sum() == pytest.approx(1.0)
    # median 5.1 days (Lauer et al. 2020): about half the mass by day 5 (rounded days)
    d = lognorm(s=0.418, scale=np.exp(1.621))
    assert d.median() == pytest.approx(5.06, abs=0.01)
    assert int(np.argmax(f)) in (4, 5)


def test_timing_evidence() -> None:
    f, _, base, _ = _delay_pmfs(Incubation(), 14)
    t = np.array([20, 20, 20, 20])
    start = np.array([15, 6, 21, 0])  # 5 days before; the whole lookback; after; long before
    end = np.array([15, 20, 25, 1])
    llr, fits = _timing(t, start, end, f, base)
    assert llr[0] > 0.5 and fits[0]  # a point exposure 5 days before onset fits
    assert abs(llr[1]) < 1e-9  # a window as long as the lookback says nothing
    assert llr[2] < -5 and not fits[2]  # exposure only after onset
    assert llr[3] < -5  # 19-20 days before onset: beyond the incubation's bulk


def _records() -> dict[str, pd.DataFrame]:
    """A factory outbreak: 8 of its 40 workers ill, a market decoy visited by 3 of them and by
    60 others, households; the workshop sampled positive."""
    rng = np.random.default_rng(3)
    workers = [f"W{i}" for i in range(40)]
    ill = workers[:8]
    onset = pd.Timestamp("2020-10-10") + pd.to_timedelta(rng.integers(0, 6, 8), unit="D")
    cases = pd.DataFrame(
        {
            "id": ill,
            "location": "X",
            "date_onset": onset,
            "date_reporting": onset + pd.Timedelta(days=1),
            "imported": False,
        }
    )
    ex = [{"case_id": w, "setting_id": "F", "date_start": None, "date_end": None} for w in workers]
    ex += [
        {"case_id": p, "setting_id": "M", "date_start": "2020-10-01", "date_end": "2020-10-01"}
        for p in [*ill[:3], *[f"V{i}" for i in range(60)]]
    ]
    ex += [{"case_id": w, "setting_id": f"H{w}", "date_start": None, "date_end": None} for w in ill]
    exposures = pd.DataFrame(ex)
    exposures["date_start"] = pd.to_datetime(exposures["date_start"])
    exposures["date_end"] = pd.to_datetime(exposures["date_end"])
    settings = pd.DataFrame(
        {
            "id": ["F", "M", *[f"H{w}" for w in ill]],
            "kind": ["factory", "market", *["household"] * 8],
            "area": "X",
        }
    )
    samples = pd.DataFrame(
        {
            "setting_id": ["F", "F", "F", "M", "M"],
            "date": pd.to_datetime(["2020-10-20"] * 5),
            "result": ["positive", "positive", "negative", "negative", "negative"],
        }
    )
    return {"cases": cases, "exposures": exposures, "settings": settings, "samples": samples}


def test_ranking_prefers_the_factory_and_says_why() -> None:
    r = _records()
    labels = pd.Series("K001", index=r["cases"]["id"])
    out = rank_sources(
        r["cases"], labels, r["exposures"], settings=r["settings"], samples=r["samples"]
    )
    top = out.iloc[0]
    assert top["candidate"] == "F" and top["rank"] == 1
    assert top["n_exposed_cases"] == 8 and top["n_exposed"] == 40
    assert top["attack_rate_exposed"] == pytest.approx(8 / 40)
    assert "8 of the cluster's 8 primary cases" in top["reason"]
    assert "2 of 3 environmental samples positive" in top["reason"]
    market = out[out["candidate"] == "M"].iloc[0]
    assert market["rank"] > 1 and market["n_exposed_cases"] == 3
    # without the samples the factory still leads: the exposure evidence alone
    out2 = rank_sources(r["cases"], labels, r["exposures"], settings=r["settings"])
    assert out2.iloc[0]["candidate"] == "F"


def test_a_nested_lot_with_positive_packaging_beats_its_warehouse() -> None:
    r = _records()
    lot = pd.DataFrame(
        {
            "case_id": [f"W{i}" for i in range(12)],  # the 8 ill among 12 handlers
            "setting_id": "L",
            "date_start": pd.NaT,
            "date_end": pd.NaT,
        }
    )
    exposures = pd.concat([r["exposures"], lot], ignore_index=True)
    settings = pd.concat(
        [r["settings"], pd.DataFrame({"id": ["L"], "kind": ["cold_chain_lot"], "area": "X"})]
    )
    samples = pd.concat(
        [
            r["samples"].assign(result="negative"),
            pd.DataFrame(
                {"setting_id": "L", "date": pd.Timestamp("2020-10-20"), "result": ["positive"] * 3}
            ),
        ]
    )
    labels = pd.Series("K001", index=r["cases"]["id"])
    out = rank_sources(r["cases"], labels, exposures, settings=settings, samples=samples)
    assert list(out["candidate"][:2]) == ["L", "F"]
    assert out.iloc[0]["within"] == "F"


def test_household_secondary_cases_are_not_primary() -> None:
    r = _records()
    # W0's housemate falls ill 6 days after W0: explained by W0, not by a source
    cases = pd.concat(
        [
            r["cases"],
            pd.DataFrame(
                {
                    "id": ["K"],
                    "location": "X",
                    "date_onset": [r["cases"]["date_onset"].iloc[0] + pd.Timedelta(days=6)],
                    "date_reporting": [r["cases"]["date_onset"].iloc[0] + pd.Timedelta(days=7)],
                    "imported": False,
                }
            ),
        ],
        ignore_index=True,
    )
    exposures = pd.concat(
        [
            r["exposures"],
            pd.DataFrame({"case_id": ["K"], "setting_id": ["HW0"]}),
        ],
        ignore_index=True,
    )
    labels = pd.Series("K001", index=cases["id"])
    out = rank_sources(cases, labels, exposures, settings=r["settings"], samples=r["samples"])
    top = out.iloc[0]
    assert top["candidate"] == "F" and top["n_cases"] == 9 and top["n_primary"] == 8


def test_bad_parameters() -> None:
    r = _records()
    labels = pd.Series("K001", index=r["cases"]["id"])
    with pytest.raises(InputError):
        rank_sources(r["cases"], labels, r["exposures"], sensitivity=0.01, false_positive=0.02)
    with pytest.raises(InputError, match="setting_id"):
        rank_sources(r["cases"], labels, r["exposures"].drop(columns="setting_id"))


def test_incubation_pmf_is_the_rounded_lognormal_of_lauer_et_al() -> None:
    """Incubation.pmf against scipy.stats's lognormal (the pmf uses scipy.special's normal CDF,
    which loads without scipy.stats): P(d - 0.5 < X <= d + 0.5), renormalised over 0..21."""
    inc = Incubation()
    dist = lognorm(s=inc.sdlog, scale=np.exp(inc.meanlog))
    d = np.arange(inc.max_days + 1, dtype=float)
    p = dist.cdf(d + 0.5) - dist.cdf(np.maximum(d - 0.5, 0.0))
    np.testing.assert_allclose(inc.pmf(), p / p.sum(), rtol=1e-12, atol=1e-15)
    assert abs(float(np.exp(inc.meanlog)) - 5.06) < 0.01  # Lauer et al. 2020: median 5.1 days
    rr, lo, hi = katz_rr(np.array([10.0]), np.array([20.0]), np.array([5.0]), np.array([40.0]))
    se = np.sqrt(1 / 10 - 1 / 20 + 1 / 5 - 1 / 40)
    z = norm.ppf(0.975)
    np.testing.assert_allclose([lo[0], hi[0]], rr[0] * np.exp([-z * se, z * se]), rtol=1e-12)
