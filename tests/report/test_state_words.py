"""Regression tests for the words of ``flareup state`` (issue 12): a trend verdict only where the
data support it, the delay sample described truthfully, severe under confirmed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from flareup.report.state import dynamics_rows, linelist_rows, state_rows


def test_157_vs_153_is_no_clear_change_not_rising() -> None:
    # Regression: "rising: 157 vs 153" sat beside "no clear trend" from the growth fit.
    days = pd.date_range("2020-11-01", periods=14)
    counts = np.array([22] * 6 + [21] + [22] * 6 + [25])  # 153 then 157
    assert counts[:7].sum() == 153 and counts[7:].sum() == 157
    rows, _ = dynamics_rows(pd.Series(counts, index=days), None, 4.7, 2.9, what="cases")
    trend = next(r for r in rows if r[0].startswith("Trend"))
    assert trend[1].startswith("no clear change: 157 vs 153 (ratio 1.03, 95% CI")
    rising = pd.Series(np.r_[np.full(7, 5), np.full(7, 20)], index=days)
    rows, _ = dynamics_rows(rising, None, 4.7, 2.9, what="cases")
    assert next(r for r in rows if r[0].startswith("Trend"))[1].startswith("rising: 140 vs 35")


def _areas() -> pd.DataFrame:
    return pd.DataFrame(
        {"code": ["1"], "name_en": ["A"], "level": ["county"], "parent_code": [None]}
    )


def test_severe_sits_under_confirmed_not_asymptomatic() -> None:
    d = pd.Timestamp("2020-11-01")
    counts = pd.DataFrame(
        {
            "area": "1",
            "date": d,
            "metric": ["confirmed_current", "asymptomatic_current", "severe_current"],
            "value": [40, 100, 3],
        }
    )
    rows, _ = state_rows(counts, _areas(), "1")
    labels = [r[0] for r in rows]
    assert labels[:3] == ["Current confirmed", "  of which severe", "Current asymptomatic"]
    alone = counts[counts["metric"] != "confirmed_current"]
    rows, _ = state_rows(alone, _areas(), "1")
    assert [r[0] for r in rows][:2] == ["Current severe (confirmed)", "Current asymptomatic"]


def test_delay_row_counts_every_case_with_both_dates() -> None:
    # Regression: "54 cases with both dates" when all 347 had both (54 = the complete cohort).
    rng = np.random.default_rng(1)
    onset = pd.Timestamp("2020-10-01") + pd.to_timedelta(rng.integers(0, 40, 347), unit="D")
    rep = onset + pd.to_timedelta(rng.integers(0, 6, 347), unit="D")
    cases = pd.DataFrame({"id": range(347), "date_onset": onset, "date_reporting": rep})
    rows, _ = linelist_rows(cases)
    delay = next(r for r in rows if r[0].startswith("Onset to report"))
    assert delay[2].startswith("347 cases with both dates; the distribution")
    cut = (rep.max() - pd.Timedelta(days=14)) >= onset
    assert f"from the {int(cut.sum())} whose onset is 14+ days" in delay[2]


def test_more_reclassified_than_confirmed_costs_one_figure_not_the_state() -> None:
    # Regression: on bench_registry's synthetic counts (every metric Poisson(5)) the cumulative
    # reclassified exceeded the confirmed, asymptomatic_share raised "need 0 <= k <= n" and
    # the overview lost every headline figure.
    days = pd.date_range("2020-11-01", periods=20)
    rows_ = []
    for i, d in enumerate(days):
        rows_ += [
            ("1", d, "confirmed_new", 2),
            ("1", d, "asymptomatic_new", 5),
            ("1", d, "reclassified_new", 4 if i < 3 else 1),
            ("1", d, "confirmed_current", 30),
            ("1", d, "severe_current", 2),
        ]
    counts = pd.DataFrame(rows_, columns=["area", "date", "metric", "value"])
    rows, notes = state_rows(counts, _areas(), "1")
    labels = [r[0] for r in rows]
    assert "Cumulative detected infections" in labels
    assert any(x.startswith("R_t") for x in labels)
    assert "Severe among current confirmed" in labels
    assert "Asymptomatic at detection" not in labels
    bad = [n for n in notes if n.startswith("asymptomatic at detection: not computable")]
    assert len(bad) == 1 and "more reclassified" in bad[0]
    # consistent counts keep the figure
    ok = counts.assign(value=counts["value"].where(counts["metric"] != "reclassified_new", 1))
    rows, notes = state_rows(ok, _areas(), "1")
    assert "Asymptomatic at detection" in [r[0] for r in rows]
    assert not any("not computable" in n for n in notes)


def test_shared_reads_give_the_same_area_line_list(kashgar_url: str, tmp_path: object) -> None:
    # the dashboard and the report take an area's cases from the line list read once
    import shutil
    from pathlib import Path

    from flareup.registry import Registry
    from flareup.report.investigation import import_investigation, investigation_dir
    from flareup.report.readcache import CachedReads
    from flareup.report.state import _area_cases

    path = Path(str(tmp_path)) / "k.db"
    shutil.copy(kashgar_url.removeprefix("sqlite:///"), path)
    reg = Registry(f"sqlite:///{path}")
    try:
        import_investigation(reg, investigation_dir())
        sizes = []
        for code in ("653100", "653121", "653121205", "653122"):
            direct = _area_cases(reg, code)
            shared = _area_cases(CachedReads(reg), code)
            pd.testing.assert_frame_equal(direct.reset_index(drop=True), shared)
            sizes.append(len(direct))
    finally:
        reg.close()
    assert sizes[0] >= sizes[1] >= sizes[2] > 0  # prefecture >= county >= the factory's township


def test_a_summed_stock_says_so_in_plain_words(reg: object) -> None:
    """The overview's current confirmed on 2020-10-28 rested on 'summed from sub-areas stock on
    2020-10-28'; it reads 'stock summed from sub-areas, on 2020-10-28'."""
    from flareup.report.state import area_state

    rows = {f: basis for f, _, basis in area_state(reg, "653100", date="2020-10-28").rows()}
    assert rows["Current confirmed"] == "stock summed from sub-areas, on 2020-10-28"
    own = {f: basis for f, _, basis in area_state(reg, "653121", date="2020-10-28").rows()}
    assert own["Current confirmed"] == "reported stock on 2020-10-28"


def test_no_clear_trend_heads_the_basis_not_the_value() -> None:
    # Regression: "17.4 d (95% CI 2.2 d or more; no upper bound) — no clear trend" wrapped at 80
    # columns; the verdict belongs with the fit it comes from.
    days = pd.date_range("2020-11-01", periods=14)
    flat = pd.Series(np.array([20, 25, 18, 22, 19, 24, 21, 20, 23, 19, 22, 21, 18, 24]), index=days)
    rows, _ = dynamics_rows(flat, None, 4.7, 2.9, what="cases")
    growth = next(r for r in rows if r[0].endswith("time (14 days)"))
    assert "trend" not in growth[1]
    assert growth[2].startswith("no clear trend (r's interval holds 0): negative-binomial")
    rising = pd.Series(np.round(5 * np.exp(0.2 * np.arange(14))), index=days)
    rows, _ = dynamics_rows(rising, None, 4.7, 2.9, what="cases")
    growth = next(r for r in rows if r[0].endswith("time (14 days)"))
    assert growth[0].startswith("Doubling") and growth[2].startswith("negative-binomial")
