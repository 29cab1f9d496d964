"""Chart builders: each spec is valid Vega-Lite, carries the right data and encodings, and
renders to SVG with marks (vl-convert, offline)."""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("altair")
pytest.importorskip("vl_convert")

from flareup.analytics.growth import fit_growth
from flareup.analytics.incidence import epicurve_from_counts
from flareup.analytics.rt import CoriRt
from flareup.charts import (
    RISK_COLORS,
    campaign_chart,
    campaign_curves,
    chart_to_svg,
    composition_chart,
    counterfactual_chart,
    epicurve_chart,
    fan_bands,
    fan_chart,
    growth_frame,
    nowcast_chart,
    risk_levels_chart,
    risk_timeline,
    rt_chart,
    save_chart,
)
from flareup.errors import EstimationError, InputError


def roles(chart: Any) -> collections.Counter[str]:
    """Marks drawn in the SVG, by their ARIA role description (``bar``, ``area mark`` ...)."""
    svg = chart_to_svg(chart)
    assert svg.lstrip().startswith("<svg")
    return collections.Counter(re.findall(r'aria-roledescription="([a-z ]*)"', svg))


def spec(chart: Any) -> dict[str, Any]:
    out: dict[str, Any] = chart.to_dict(validate=True)
    return out


def layer_values(s: dict[str, Any], i: int = 0) -> list[dict[str, Any]]:
    # Altair lifts data shared by every layer to the top level
    return list(s["layer"][i].get("data", s.get("data"))["values"])


@pytest.fixture
def counts() -> pd.DataFrame:
    rows = []
    for i, d in enumerate(pd.date_range("2020-10-20", periods=10)):
        rows.append(("A", d, "confirmed_new", i))
        rows.append(("A", d, "reclassified_new", i // 3))
        rows.append(("A", d, "asymptomatic_new", 2 * i + 1))
        rows.append(("B", d, "confirmed_new", 1))
        rows.append(("B", d, "reclassified_new", 0))
        rows.append(("B", d, "asymptomatic_new", 3))
    return pd.DataFrame(rows, columns=["area", "date", "metric", "value"])


# ---- epicurve ----------------------------------------------------------------------------------


def test_epicurve_stacked_by_metric(counts: pd.DataFrame) -> None:
    curve = epicurve_from_counts(counts[counts["area"] == "A"])
    c = epicurve_chart(curve, source="test counts")
    s = spec(c)
    assert s["mark"]["type"] == "bar"
    assert s["encoding"]["y"]["stack"] == "zero"
    assert s["encoding"]["color"]["field"] == "group"
    values = s["data"]["values"]
    # the bars hold exactly the curve's counts, each detected infection once
    assert sum(v["value"] for v in values) == curve["value"].sum()
    assert {v["group"] for v in values} == {"confirmed at detection", "asymptomatic at detection"}
    assert "test counts" in s["title"]["subtitle"]
    assert roles(c)["bar"] == len(curve)


def test_epicurve_stacked_by_area_sums_the_metrics(counts: pd.DataFrame) -> None:
    curve = epicurve_from_counts(counts)
    c = epicurve_chart(curve, stack_by="area", names={"A": "Area A", "B": "Area B"})
    values = spec(c)["data"]["values"]
    by_area = collections.defaultdict(int)
    for v in values:
        by_area[v["group"]] += v["value"]
    want = curve.groupby("area")["value"].sum()
    assert by_area == {"Area A": want["A"], "Area B": want["B"]}
    assert roles(c)["bar"] == 20  # 10 days x 2 areas


def test_epicurve_by_area_and_metric_is_faceted(counts: pd.DataFrame) -> None:
    s = spec(epicurve_chart(epicurve_from_counts(counts)))
    assert s["facet"]["row"]["field"] == "area_name"


@pytest.mark.parametrize("system,word", [("iso", "ISO week"), ("mmwr", "MMWR week")])
def test_epicurve_weeks_are_named(counts: pd.DataFrame, system: str, word: str) -> None:
    curve = epicurve_from_counts(counts[counts["area"] == "A"], interval="week", week_system=system)
    s = spec(epicurve_chart(curve, interval="week", week_system=system))
    assert word in s["title"]["text"]
    assert s["encoding"]["x"]["field"] == "period"
    assert s["encoding"]["x"]["sort"]["field"] == "period_start"
    assert {v["period"] for v in s["data"]["values"]} == set(curve["period"])


def test_epicurve_of_a_line_list_and_the_accessor() -> None:
    curve = pd.DataFrame(
        {
            "area": ["A", "A"],
            "period_start": pd.to_datetime(["2020-10-01", "2020-10-02"]),
            "period": ["2020-10-01", "2020-10-02"],
            "category": ["confirmed", "asymptomatic"],
            "n": [2, 3],
        }
    )
    s = spec(curve.flareup.plot())
    assert sum(v["value"] for v in s["data"]["values"]) == 5


def test_bad_stack_by_is_an_input_error(counts: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="stack_by"):
        epicurve_chart(epicurve_from_counts(counts), stack_by="colour")


# ---- Rt ----------------------------------------------------------------------------------------


@pytest.fixture
def cori() -> CoriRt:
    rng = np.random.default_rng(3)
    inc = rng.poisson(np.exp(np.linspace(1.5, 3.5, 30)))
    frame = pd.DataFrame({"date": pd.date_range("2020-10-01", periods=30), "I": inc})
    with pytest.warns(Warning):
        return CoriRt(4.7, 2.9).fit(frame)


def test_rt_band_columns_are_the_estimates_quantiles(cori: CoriRt) -> None:
    c = cori.plot(source="synthetic")
    s = spec(c)
    band95, band50, line = layer_values(s, 0), layer_values(s, 1), layer_values(s, 2)
    est = cori.estimates_
    assert [v["low95"] for v in band95] == pytest.approx(est["q0.025"].tolist())
    assert [v["high95"] for v in band95] == pytest.approx(est["q0.975"].tolist())
    assert [v["low50"] for v in band50] == pytest.approx(est["q0.25"].tolist())
    assert [v["high50"] for v in band50] == pytest.approx(est["q0.75"].tolist())
    assert [v["mean"] for v in line] == pytest.approx(est["mean"].tolist())
    assert s["layer"][0]["encoding"]["y"]["field"] == "low95"
    assert s["layer"][0]["encoding"]["y2"]["field"] == "high95"
    # R = 1 is drawn, and the serial interval is stated
    assert s["layer"][3]["data"]["values"] == [{"y": 1.0}]
    sub = " ".join(s["title"]["subtitle"])
    assert "mean 4.7 d, sd 2.9 d" in sub and "Cori" in sub and "7-day" in sub
    r = roles(c)
    assert r["area mark"] == 2 and r["line mark"] == 1 and r["rule mark"] == 1


def test_rt_plot_before_fit_is_refused() -> None:
    with pytest.raises(EstimationError, match="fit"):
        CoriRt(4.7, 2.9).plot()


def test_rt_chart_of_undated_estimates(cori: CoriRt) -> None:
    est = cori.estimates_.drop(columns=["date_start", "date_end"])
    s = spec(rt_chart(est, si_mean=4.7, si_sd=2.9))
    assert s["layer"][0]["encoding"]["x"]["field"] == "t_end"


# ---- growth, nowcast, composition ---------------------------------------------------------------


def test_growth_trend_is_the_fitted_exponential() -> None:
    t = np.arange(12)
    y = 5.0 * np.exp(0.2 * t)
    dates = pd.date_range("2020-10-01", periods=12)
    fit = fit_growth(y, dates, family="poisson", start=2)
    df = growth_frame(y, dates, fit)
    assert df["fitted"].iloc[:2].isna().all()
    # an exact exponential is fitted exactly: the trend goes through every point of the window
    assert df["fitted"].iloc[2:].to_numpy() == pytest.approx(y[2:], rel=1e-6)
    assert (df["fitted_low"] <= df["fitted"] + 1e-9).iloc[2:].all()
    assert (df["fitted_high"] >= df["fitted"] - 1e-9).iloc[2:].all()
    c = fit.plot()
    assert "doubling time 3.5 d" in spec(c)["title"]["text"]  # ln 2 / 0.2 = 3.47
    r = roles(c)
    assert r["line mark"] == 1 and r["circle"] == 10


def test_nowcast_chart_caps_an_exploding_last_day() -> None:
    nc = pd.DataFrame(
        {
            "date": pd.date_range("2020-10-01", periods=4),
            "observed": [10, 9, 4, 0],
            "days_since": [3, 2, 1, 0],
            "p_reported": [1.0, 0.8, 0.4, 1e-9],
            "estimate": [10, 11.25, 10, np.nan],
            "median": [10, 11, 10, 5],
            "low": [10, 9, 5, 0],
            "high": [10, 14, 18, 3e12],
        }
    )
    c = nowcast_chart(nc, as_of="2020-10-04")
    s = spec(c)
    vals = layer_values(s, 1)
    assert max(v["high_shown"] for v in vals if v["high_shown"] is not None) <= 11 * 1.5
    assert vals[0]["median"] is None  # a complete day has no nowcast
    assert "cut at the top" in " ".join(s["title"]["subtitle"])
    assert roles(c)["bar"] == 4


def test_composition_chart_draws_each_interval() -> None:
    shares = pd.DataFrame(
        {
            "what": ["asymptomatic", "asymptomatic", "severe"],
            "date": pd.to_datetime(["2020-10-01", "2020-10-02", "2020-10-02"]),
            "k": [3, 5, 1],
            "n": [4, 9, 10],
            "share": [0.75, 5 / 9, 0.1],
            "low": [0.3, 0.27, 0.02],
            "high": [0.95, 0.8, 0.4],
        }
    )
    c = composition_chart(shares)
    r = roles(c)
    assert r["rule mark"] == 3  # one error bar per share, even a lone one
    assert spec(c)["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 1]


# ---- risk ---------------------------------------------------------------------------------------


def test_risk_timeline_runs_and_colours() -> None:
    daily = pd.DataFrame(
        {
            "area": ["T1"] * 5,
            "date": pd.date_range("2020-10-24", periods=5),
            "level": ["low", "medium", "medium", "high", "high"],
        }
    )
    official = pd.DataFrame(
        {
            "area": ["T1", "T1"],
            "level": ["high", "low"],
            "valid_from": pd.to_datetime(["2020-10-25", "2020-10-27"]),
            "valid_to": [pd.Timestamp("2020-10-27"), pd.NaT],
        }
    )
    tl = risk_timeline(daily, official, rule_label="rule X", names={"T1": "Town 1"})
    rule = tl[tl["source"] == "rule X"]
    assert rule[["level", "start", "end"]].values.tolist() == [
        ["low", pd.Timestamp("2020-10-24"), pd.Timestamp("2020-10-25")],
        ["medium", pd.Timestamp("2020-10-25"), pd.Timestamp("2020-10-27")],
        ["high", pd.Timestamp("2020-10-27"), pd.Timestamp("2020-10-29")],
    ]
    off = tl[tl["source"] == "official"]
    assert off["end"].tolist() == [pd.Timestamp("2020-10-27"), pd.Timestamp("2020-10-29")]
    c = risk_levels_chart(tl)
    s = spec(c)
    # each area's name above its bars (a facet header on top), each bar labelled by its source
    assert s["facet"]["row"]["field"] == "name"
    assert s["facet"]["row"]["header"]["labelOrient"] == "top"
    assert s["spec"]["encoding"]["y"]["field"] == "source"
    scale = s["spec"]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == RISK_COLORS
    assert RISK_COLORS["low"].startswith("#2") and RISK_COLORS["high"].startswith("#d")
    assert roles(c)["rect mark"] == 5


# ---- mass testing -------------------------------------------------------------------------------


def test_campaign_curves_follow_the_plan_and_the_reports() -> None:
    from flareup.pooling import plan_campaign

    plan = plan_campaign(
        pd.DataFrame({"code": ["A"], "population": [10_000]}),
        start="2020-10-24T14:00",
        teams=10,
        swabs_per_team_hour=50,
        lab_tubes_per_day=2_000,
        pool_size=5,
        prevalence=0.001,
    )
    progress = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2020-10-25 08:00", "2020-10-26 08:00"]),
            "people_sampled": [3_000, 9_000],
            "results_out": [1_000, None],
        }
    )
    curves = campaign_curves({"A": plan}, progress)
    sampled = curves[(curves["series"] == "plan A") & (curves["measure"] == "people sampled")]
    assert sampled["value"].iloc[0] == 0
    assert sampled["value"].iloc[-1] == plan.daily["people_sampled"].sum() == 10_000
    assert sampled["value"].is_monotonic_increasing
    rep = curves[curves["series"] == "reported"]
    assert rep["value"].tolist() == [3_000, 9_000, 1_000]  # the missing result is left out
    c = campaign_chart(curves, people=10_000)
    assert len(spec(c)["vconcat"]) == 2
    assert roles(c)["point"] == 3
    assert spec(plan.plot(progress))["vconcat"]


def test_the_campaign_legend_draws_each_series_as_the_chart_does() -> None:
    """The legend drew 'reported' as a line (a layered chart's legend takes the first layer's
    mark) where the chart draws reported progress as diamonds: a shape scale over the series,
    merged with the colour legend, draws plans as strokes and 'reported' as a diamond."""
    days = pd.date_range("2020-10-25", periods=2, freq="h")
    hourly = pd.DataFrame(
        {"time": days, "time_end": days + pd.Timedelta(hours=1), "area": "a"}
        | {"people_sampled": [10.0, 20.0], "results_out": [0.0, 10.0]}
    )
    plan = type("Plan", (), {"hourly": hourly})()
    progress = pd.DataFrame(
        {"timestamp": days[-1:], "people_sampled": [25.0], "results_out": [5.0]}
    )
    s = spec(campaign_chart(campaign_curves({"A": plan, "B": plan}, progress)))
    for panel in s["vconcat"]:
        lines = [lay for lay in panel["layer"] if _mark(lay) == "line"]
        points = [lay for lay in panel["layer"] if _mark(lay) == "point"]
        [point] = points
        shape, color = point["encoding"]["shape"], point["encoding"]["color"]
        assert shape["field"] == color["field"] == "series"
        assert shape.get("title") == color.get("title")  # one legend, not two
        by = dict(zip(shape["scale"]["domain"], shape["scale"]["range"], strict=True))
        assert by == {"plan A": "stroke", "plan B": "stroke", "reported": "diamond"}
        assert color["scale"]["domain"] == shape["scale"]["domain"]
        assert lines and all(lay["encoding"]["color"] == color for lay in lines)


def _mark(layer: dict[str, Any]) -> str:
    m = layer["mark"]
    return m if isinstance(m, str) else m["type"]


# ---- simulation ---------------------------------------------------------------------------------


def test_fan_bands_of_a_known_ensemble() -> None:
    # five runs taking the values 0..4 on each day: the quantiles are known exactly
    days = pd.date_range("2020-10-01", periods=3)
    runs = pd.DataFrame(
        [(r, d, r * (i + 1)) for r in range(5) for i, d in enumerate(days)],
        columns=["run", "date", "value"],
    )
    b = fan_bands(runs)
    assert b["median"].tolist() == [2, 4, 6]
    assert b["q25"].tolist() == [1, 2, 3]
    assert b["q75"].tolist() == [3, 6, 9]
    assert b["q05"].tolist() == pytest.approx([0.2, 0.4, 0.6])  # linear between order stats
    assert b["q95"].tolist() == pytest.approx([3.8, 7.6, 11.4])
    assert b["runs"].tolist() == [5, 5, 5]


def test_fan_chart_with_observed_points() -> None:
    days = pd.date_range("2020-10-01", periods=4)
    runs = pd.DataFrame(
        [(r, d, r + i) for r in range(4) for i, d in enumerate(days)],
        columns=["run", "date", "value"],
    )
    obs = pd.DataFrame({"date": days[1:3], "value": [2, 3]})
    c = fan_chart(fan_bands(runs), obs)
    s = spec(c)
    assert s["layer"][0]["encoding"]["y"]["field"] == "q05"
    assert s["layer"][0]["encoding"]["y2"]["field"] == "q95"
    assert s["layer"][1]["encoding"]["y"]["field"] == "q25"
    assert s["layer"][2]["encoding"]["y"]["field"] == "median"
    assert [v["value"] for v in layer_values(s, 3)] == [2, 3]
    r = roles(c)
    assert r["area mark"] == 2 and r["line mark"] == 1 and r["point"] == 2


def test_counterfactual_bands_per_scenario() -> None:
    days = pd.date_range("2020-10-01", periods=3)
    runs = pd.DataFrame(
        [
            (s, r, d, (10 if s == "none" else 1) * r)
            for s in ("none", "testing")
            for r in range(3)
            for d in days
        ],
        columns=["scenario", "run", "date", "value"],
    )
    b = fan_bands(runs, by=("scenario",))
    assert b.groupby("scenario")["median"].first().to_dict() == {"none": 10, "testing": 1}
    c = counterfactual_chart(b)
    assert spec(c)["layer"][1]["encoding"]["color"]["field"] == "scenario"
    assert roles(c)["line mark"] == 2


def test_sim_results_plot_uses_the_registry_definition_of_detected() -> None:
    from flareup.sim.results import SimResults
    from flareup.sim.results_idx import ALL_METRICS

    counts = np.zeros((2, 3, 1, len(ALL_METRICS)), dtype=np.int32)
    i = ALL_METRICS.index
    counts[:, :, 0, i("confirmed_new")] = 5
    counts[:, :, 0, i("reclassified_new")] = 2
    counts[:, :, 0, i("asymptomatic_new")] = 4
    counts[:, :, 0, i("infections_new")] = 100  # true infections: not what is detected
    res = SimResults(
        counts=counts,
        start_date=pd.Timestamp("2020-10-01").date(),
        areas=pd.DataFrame({"code": ["A"], "name": ["A"], "parent_code": [None]}),
        seeds=[1, 2],
    )
    s = spec(res.plot())
    assert {v["median"] for v in layer_values(s, 0)} == {7.0}  # 5 + 4 - 2


# ---- saving -------------------------------------------------------------------------------------


def test_save_chart_by_suffix(tmp_path: Path, counts: pd.DataFrame) -> None:
    c = epicurve_chart(epicurve_from_counts(counts[counts["area"] == "A"]))
    svg = save_chart(c, tmp_path / "c.svg").read_text()
    assert svg.lstrip().startswith("<svg")
    assert (tmp_path / "c.svg").stat().st_mode & 0o044  # readable by others: meant to be shared
    png = save_chart(c, tmp_path / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    html = save_chart(c, tmp_path / "c.html").read_text()
    # self-contained: the scripts are inlined, nothing is fetched
    assert "<script src=" not in html and "cdn.jsdelivr" not in html
    assert "vega-embed" in html or "vegaEmbed" in html
    assert json.loads(save_chart(c, tmp_path / "c.json").read_text())["mark"]["type"] == "bar"


def test_save_chart_refuses_bad_suffix_and_unwritable_path(
    tmp_path: Path, counts: pd.DataFrame
) -> None:
    c = epicurve_chart(epicurve_from_counts(counts[counts["area"] == "A"]))
    with pytest.raises(InputError, match=r"\.pdf"):
        save_chart(c, tmp_path / "c.pdf")
    with pytest.raises(InputError, match="cannot write"):
        save_chart(c, tmp_path / "no" / "such" / "c.svg")
    assert list(tmp_path.iterdir()) == []  # nothing half written


def test_charts_package_imports_no_altair_until_drawn() -> None:
    import subprocess
    import sys

    code = (
        "import sys, flareup.analytics, flareup.charts, flareup.sim.results; "
        "print('altair' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
