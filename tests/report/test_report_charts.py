"""Registry-backed charts on the Kashgar example, and ``--chart FILE`` on every analysis
command."""

from __future__ import annotations

import collections
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

pytest.importorskip("altair")
pytest.importorskip("vl_convert")

from typer.testing import CliRunner

from flareup.charts import chart_to_svg
from flareup.cli import app
from flareup.report import charts as rc

SHUFU, KASHGAR = "653121", "653100"
runner = CliRunner()


def roles(chart: Any) -> collections.Counter[str]:
    return collections.Counter(re.findall(r'aria-roledescription="([a-z ]*)"', chart_to_svg(chart)))


def test_state_chart_stacks_the_epicurve_over_rt(reg: Any) -> None:
    c = rc.state_chart(reg, SHUFU)
    s = c.to_dict(validate=True)
    assert len(s["vconcat"]) == 2
    days = reg.counts(areas=[SHUFU])["date"]
    n_days = (days.max() - days.min()).days + 1
    r = roles(c)
    assert r["bar"] == 2 * n_days  # confirmed at detection and asymptomatic, each day
    assert r["area mark"] == 2 and r["line mark"] == 1


def test_risk_chart_official_beside_rule(reg: Any) -> None:
    from flareup.report.analyses import run_rules
    from flareup.risk import load_rules

    res, off = run_rules(reg, load_rules("china-2020"), area=SHUFU)
    c = rc.risk_chart(res, off, names=rc.area_names(reg))
    values = c.to_dict(validate=True)["data"]["values"]
    assert {v["source"] for v in values} == {"official", "rule china-2020"}
    assert {v["level"] for v in values} <= {"low", "medium", "high"}
    assert roles(c)["rect mark"] == len(values)


def test_testing_and_composition_charts(reg: Any) -> None:
    from flareup.report.testing import kashgar_round1_plans

    c = rc.testing_chart(kashgar_round1_plans(reg))
    assert roles(c)["point"] > 0
    shares = rc.area_composition(reg, SHUFU)
    assert (shares["low"] <= shares["share"] + 1e-12).all()
    assert (shares["share"] <= shares["high"] + 1e-12).all()
    assert roles(rc.area_composition_chart(reg, SHUFU))["rule mark"] == len(shares)


def test_observed_detected_over_the_prefecture(reg: Any) -> None:
    counties = reg.areas()
    counties = counties[counties["parent_code"].astype(str) == KASHGAR]
    obs = rc.observed_detected(reg, counties, "2020-10-01", "2020-11-30")
    # only Shufu reports new cases: the prefecture's are Shufu's, never counted twice
    shufu = reg.counts(areas=[SHUFU])
    w = shufu.pivot_table(index="date", columns="metric", values="value", aggfunc="sum").fillna(0)
    want = w["confirmed_new"] + w["asymptomatic_new"] - w.get("reclassified_new", 0)
    got = obs.set_index("date")["value"]
    assert got.sort_index().tolist() == want.reindex(got.sort_index().index).tolist()


@pytest.mark.parametrize(
    "args",
    [
        ["epicurve", "--area", SHUFU, "--fill-missing", "zero", "-f", "csv"],
        ["epicurve", "--area", SHUFU, "--interval", "week", "--week-system", "mmwr",
         "--fill-missing", "zero", "-f", "csv"],
        ["rt", "--area", SHUFU, "--si-mean", "4.7", "--si-sd", "2.9", "--fill-missing", "zero"],
        ["growth", "--area", SHUFU, "--fill-missing", "zero"],
        ["state", "--area", SHUFU],
        ["risk", "--area", SHUFU],
        [
            "pooling", "plan", "--area", KASHGAR, "--start", "2020-10-24T14:00",
            "--teams", "4110", "--lab-tubes-per-day", "392000", "--pool-size", "5",
            "--compare", "--round", "1",
        ],
    ],
    ids=["epicurve", "epicurve-mmwr", "rt", "growth", "state", "risk", "pooling-plan"],
)  # fmt: skip
def test_every_analysis_command_writes_its_chart(
    args: list[str], kashgar_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "chart.svg"
    res = runner.invoke(app, [*args, "--db", kashgar_url, "--chart", str(out)])
    assert res.exit_code == 0, res.output
    svg = out.read_text()
    assert svg.lstrip().startswith("<svg")
    assert re.search(r'aria-roledescription="(bar|area mark|rect mark|line mark)"', svg)


def test_chart_formats_and_usage_errors(kashgar_url: str, tmp_path: Path) -> None:
    base = ["rt", "--area", SHUFU, "--si-mean", "4.7", "--si-sd", "2.9", "--fill-missing", "zero"]
    for name in ("c.png", "c.html", "c.json"):
        res = runner.invoke(app, [*base, "--db", kashgar_url, "--chart", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert "<script src=" not in (tmp_path / "c.html").read_text()
    bad = runner.invoke(app, [*base, "--db", kashgar_url, "--chart", str(tmp_path / "c.pdf")])
    assert bad.exit_code == 2
    assert not (tmp_path / "c.pdf").exists()
    nested = runner.invoke(
        app,
        ["epicurve", "--area", KASHGAR, "--area", SHUFU, "--stack-by", "area",
         "--db", kashgar_url, "--chart", str(tmp_path / "n.svg")],
    )  # fmt: skip
    assert nested.exit_code == 1 and "twice" in nested.output
    assert not (tmp_path / "n.svg").exists()


def test_simulate_chart_with_observed_points(kashgar_url: str, tmp_path: Path) -> None:
    out = tmp_path / "fan.svg"
    res = runner.invoke(
        app,
        ["simulate", "kashgar-2020", "--scale", "0.02", "-n", "2", "--workers", "1",
         "--observed", "--db", kashgar_url, "--chart", str(out)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    svg = out.read_text()
    assert svg.count('aria-roledescription="area mark"') == 2
    assert svg.count('aria-roledescription="point"') > 0  # the registry's observed days
    assert pd.Timestamp("2020-10-25").strftime("%-d %b") in svg
