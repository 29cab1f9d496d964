"""The analytics commands (rt, growth, epicurve, state) through the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from flareup.cli import app
from flareup.schema import RT_COLUMNS

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def _run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def test_rt_from_a_file_reproduces_epiestim(tmp_path: Path) -> None:
    res = _run("rt", "--input", str(DATA / "analytics_flu2009.csv"), "--si-distribution",
               str(DATA / "analytics_flu_si.csv"), "--format", "csv")
    assert res.exit_code == 0, res.output
    out = pd.read_csv(io.StringIO(res.stdout))
    assert list(out.columns) == list(RT_COLUMNS)
    exp = pd.read_csv(DATA / "analytics_epiestim_expected.csv").query("example == 1")
    got = exp[["t_start", "t_end"]].merge(out, on=["t_start", "t_end"])
    np.testing.assert_allclose(got["mean"], exp["mean"], rtol=1e-6)
    np.testing.assert_allclose(got["q0.975"], exp["q0.975"], rtol=1e-6)
    # The thin first windows are said, not hidden.
    assert "note:" in res.stderr


def test_rt_parametric_json_and_custom_windows() -> None:
    res = _run("rt", "-i", str(DATA / "analytics_flu2009.csv"), "--si-mean", "2.6", "--si-sd",
               "1.5", "--t-start", "2,6", "--t-end", "8,12", "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["t_end"] for r in rows] == [8, 12]
    assert rows[0]["mean"] == pytest.approx(1.7357977, rel=1e-6)
    assert rows[0]["date_start"] == "2009-04-28"


def test_rt_uncertain_si_is_reproducible_with_a_seed() -> None:
    args = ("rt", "-i", str(DATA / "analytics_flu2009.csv"), "--si-mean", "2.6", "--si-sd",
            "1.5", "--si-mean-sd", "1", "--si-mean-min", "1", "--si-mean-max", "4.2",
            "--si-std-sd", "0.5", "--si-std-min", "0.5", "--si-std-max", "2.5", "--n1", "50",
            "--n2", "20", "--seed", "3", "-f", "csv")
    a, b = _run(*args), _run(*args)
    assert a.exit_code == 0, a.output
    assert a.stdout == b.stdout


def test_rt_bad_input_names_file_row_and_column(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("date,value\n2020-01-01,3\n2020-01-02,-1\n2020-01-03,2\n")
    res = _run("rt", "-i", str(f), "--si-mean", "4.7", "--si-sd", "2.9")
    assert res.exit_code == 1
    assert "bad.csv" in res.stderr and "row 2" in res.stderr and "'value'" in res.stderr
    assert "Traceback" not in res.output
    nosi = _run("rt", "-i", str(DATA / "analytics_flu2009.csv"))
    assert nosi.exit_code == 1 and "serial interval" in nosi.stderr
    gap = tmp_path / "gap.csv"
    gap.write_text("date,I\n2020-01-01,3\n2020-01-03,2\n")
    res = _run("rt", "-i", str(gap), "--si-mean", "4.7", "--si-sd", "2.9")
    assert res.exit_code == 1 and "2020-01-02" in res.stderr and "--fill-missing" in res.stderr
    si = tmp_path / "si.csv"
    si.write_text("k,w\n0,0.1\n1,0.9\n")
    res = _run("rt", "-i", str(DATA / "analytics_flu2009.csv"), "--si-distribution", str(si))
    assert res.exit_code == 1 and "w_0" in res.stderr
    res = _run("rt", "-i", str(DATA / "analytics_flu2009.csv"), "--si-mean", "2.6",
               "--si-sd", "1.5", "--t-start", "1", "--t-end", "8")
    assert res.exit_code == 1 and "t_start" in res.stderr


def test_growth_from_a_file(tmp_path: Path) -> None:
    f = tmp_path / "exp.csv"
    days = pd.date_range("2020-01-01", periods=15)
    pd.DataFrame({"date": days.strftime("%Y-%m-%d"),
                  "value": np.round(20 * np.exp(0.1 * np.arange(15))).astype(int)}).to_csv(
        f, index=False)
    res = _run("growth", "-i", str(f), "--family", "poisson", "--gi-mean", "4.7", "--gi-sd",
               "2.9", "-f", "json")
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout)[0]
    assert row["r"] == pytest.approx(0.1, abs=2e-3)
    assert row["doubling_time"] == pytest.approx(np.log(2) / row["r"])
    assert row["R"] > 1


def test_epicurve_table_csv_and_chart(tmp_path: Path) -> None:
    f = tmp_path / "counts.csv"
    f.write_text("area,date,metric,value\n"
                 "A,2020-10-24,asymptomatic_new,1\nA,2020-10-25,asymptomatic_new,137\n"
                 "A,2020-10-26,asymptomatic_new,26\nA,2020-10-27,confirmed_new,5\n"
                 "A,2020-10-27,reclassified_new,5\nA,2020-10-27,asymptomatic_new,19\n")
    svg = tmp_path / "curve.svg"
    res = _run("epicurve", "-i", str(f), "--interval", "week", "--chart", str(svg), "-f", "csv")
    assert res.exit_code == 0, res.output
    out = pd.read_csv(io.StringIO(res.stdout))
    # ISO week 43 ends on Sunday 2020-10-25: 1 + 137; week 44: 26 + 19.
    assert out.loc[out["metric"] == "asymptomatic_new", "value"].tolist() == [138, 45]
    assert out.loc[out["metric"] == "confirmed_direct", "value"].sum() == 0
    assert svg.read_text().lstrip().startswith("<svg")
    spec = tmp_path / "curve.json"
    assert _run("epicurve", "-i", str(f), "--chart", str(spec)).exit_code == 0
    assert json.loads(spec.read_text())["mark"]["type"] == "bar"


# ------------------------------------------------------------------ on the Kashgar example

@pytest.fixture
def kashgar_db(tmp_path: Path) -> str:
    registry = pytest.importorskip("flareup.registry")
    tables = pytest.importorskip("flareup.ingest.tables")
    kashgar = pytest.importorskip("flareup.data.kashgar_2020")
    url = f"sqlite:///{tmp_path / 'k.db'}"
    reg = registry.Registry(url)
    files = kashgar.files()
    for kind in ("areas", "counts"):
        reg.import_table(tables.read_table(files[kind], tables.TableKind(kind)))
    reg.close()
    return url


def test_state_on_the_kashgar_example(kashgar_db: str) -> None:
    res = _run("state", "--area", "653121", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    for word in ("Cumulative", "R_t", "Asymptomatic", "rests on",
                 "thin data"):
        assert word in res.stdout
    pref = _run("state", "--area", "653100", "--db", kashgar_db)
    assert pref.exit_code == 0, pref.output
    assert "the last report of new cases is from 2020-11-05" in " ".join(pref.stdout.split())
    unknown = _run("state", "--area", "999999", "--db", kashgar_db)
    assert unknown.exit_code == 1


def test_rt_growth_epicurve_on_the_kashgar_example(kashgar_db: str) -> None:
    strict = _run("rt", "--area", "653121", "--si-mean", "4.7", "--si-sd", "2.9",
                  "--db", kashgar_db)
    assert strict.exit_code == 1 and "2020-10-30" in strict.stderr
    ok = _run("rt", "--area", "653121", "--si-mean", "4.7", "--si-sd", "2.9",
              "--fill-missing", "zero", "--db", kashgar_db, "-f", "csv")
    assert ok.exit_code == 0, ok.output
    assert len(pd.read_csv(io.StringIO(ok.stdout))) > 0
    g = _run("growth", "--area", "653121", "--fill-missing", "zero", "--db", kashgar_db)
    assert g.exit_code == 0, g.output
    e = _run("epicurve", "--area", "653100", "--interval", "week", "--fill-missing", "zero",
             "--db", kashgar_db, "-f", "csv")
    assert e.exit_code == 0, e.output
    curve = pd.read_csv(io.StringIO(e.stdout))
    # Kashgar's flows are Shufu's, summed up: 376 detected infections in all.
    assert curve["value"].sum() == 376
    # Akto (another prefecture) reports 15 asymptomatic on 10-31 but has no other flow days.
    nod = _run("rt", "--area", "653101", "--si-mean", "4.7", "--si-sd", "2.9",
               "--db", kashgar_db)
    assert nod.exit_code == 1 and "no data" in nod.stderr


def test_demo_section_prints_both_areas(kashgar_db: str) -> None:
    from flareup.cli.analytics_cmds import demo_section
    from flareup.registry import Registry

    buf = io.StringIO()
    reg = Registry(kashgar_db)
    try:
        demo_section(reg, Console(file=buf, width=120))
    finally:
        reg.close()
    text = buf.getvalue()
    assert "653121" in text and "653100" in text and "thin data" in text


def test_state_with_a_line_list_gives_delays_and_a_nowcast(kashgar_db: str,
                                                            tmp_path: Path) -> None:
    tables = pytest.importorskip("flareup.ingest.tables")
    from flareup.registry import Registry

    rng = np.random.default_rng(1)
    onset = pd.Timestamp("2020-10-20") + pd.to_timedelta(rng.integers(0, 16, 300), unit="D")
    report = onset + pd.to_timedelta(rng.geometric(0.4, 300) - 1, unit="D")
    keep = report <= pd.Timestamp("2020-11-05")
    f = tmp_path / "cases.csv"
    pd.DataFrame({"id": [f"c{i}" for i in range(300)], "location": "653121205",
                  "date_onset": onset.strftime("%Y-%m-%d"),
                  "date_reporting": report.strftime("%Y-%m-%d"),
                  "classification": "confirmed"})[keep].to_csv(f, index=False)
    reg = Registry(kashgar_db)
    try:
        reg.import_table(tables.read_table(f, tables.TableKind.CASES))
    finally:
        reg.close()
    res = _run("state", "--area", "653121", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "Onset to report" in text and "nowcast" in text
    curve = _run("epicurve", "--area", "653121", "--linelist", "--by", "onset", "--db",
                 kashgar_db, "-f", "csv")
    assert curve.exit_code == 0, curve.output
    assert pd.read_csv(io.StringIO(curve.stdout))["value"].sum() == int(keep.sum())
