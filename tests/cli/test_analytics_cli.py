"""The analytics commands (rt, growth, epicurve, state) through the CLI."""

from __future__ import annotations

import io
import json
import re
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
    res = _run(
        "rt",
        "--input",
        str(DATA / "analytics_flu2009.csv"),
        "--si-distribution",
        str(DATA / "analytics_flu_si.csv"),
        "--format",
        "csv",
    )
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
    res = _run(
        "rt",
        "-i",
        str(DATA / "analytics_flu2009.csv"),
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--t-start",
        "2,6",
        "--t-end",
        "8,12",
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["t_end"] for r in rows] == [8, 12]
    assert rows[0]["mean"] == pytest.approx(1.7357977, rel=1e-6)
    assert rows[0]["date_start"] == "2009-04-28"


def test_rt_uncertain_si_is_reproducible_with_a_seed() -> None:
    args = (
        "rt",
        "-i",
        str(DATA / "analytics_flu2009.csv"),
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--si-mean-sd",
        "1",
        "--si-mean-min",
        "1",
        "--si-mean-max",
        "4.2",
        "--si-std-sd",
        "0.5",
        "--si-std-min",
        "0.5",
        "--si-std-max",
        "2.5",
        "--n1",
        "50",
        "--n2",
        "20",
        "--seed",
        "3",
        "-f",
        "csv",
    )
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
    res = _run(
        "rt", "-i", str(gap), "--si-mean", "4.7", "--si-sd", "2.9", "--fill-missing", "error"
    )
    assert res.exit_code == 1 and "2020-01-02" in res.stderr and "--fill-missing" in res.stderr
    # the default counts the gap as 0 and says which day it filled
    res = _run(
        "rt", "-i", str(gap), "--si-mean", "4.7", "--si-sd", "2.9", "--window", "1", "-f", "csv"
    )
    assert res.exit_code == 0, res.output
    assert "nothing reported on 1 day between the first and the last (2020-01-02)" in res.stderr
    si = tmp_path / "si.csv"
    si.write_text("k,w\n0,0.1\n1,0.9\n")
    res = _run("rt", "-i", str(DATA / "analytics_flu2009.csv"), "--si-distribution", str(si))
    assert res.exit_code == 1 and "w_0" in res.stderr
    res = _run(
        "rt",
        "-i",
        str(DATA / "analytics_flu2009.csv"),
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--t-start",
        "1",
        "--t-end",
        "8",
    )
    assert res.exit_code == 1 and "t_start" in res.stderr


def test_growth_from_a_file(tmp_path: Path) -> None:
    f = tmp_path / "exp.csv"
    days = pd.date_range("2020-01-01", periods=15)
    pd.DataFrame(
        {
            "date": days.strftime("%Y-%m-%d"),
            "value": np.round(20 * np.exp(0.1 * np.arange(15))).astype(int),
        }
    ).to_csv(f, index=False)
    res = _run(
        "growth",
        "-i",
        str(f),
        "--family",
        "poisson",
        "--gi-mean",
        "4.7",
        "--gi-sd",
        "2.9",
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout)[0]
    assert row["r"] == pytest.approx(0.1, abs=2e-3)
    assert row["growth_or_decay"] == "growth"
    assert row["time"] == pytest.approx(np.log(2) / row["r"])
    assert row["R"] > 1


def test_epicurve_table_csv_and_chart(tmp_path: Path) -> None:
    f = tmp_path / "counts.csv"
    f.write_text(
        "area,date,metric,value\n"
        "A,2020-10-24,asymptomatic_new,1\nA,2020-10-25,asymptomatic_new,137\n"
        "A,2020-10-26,asymptomatic_new,26\nA,2020-10-27,confirmed_new,5\n"
        "A,2020-10-27,reclassified_new,5\nA,2020-10-27,asymptomatic_new,19\n"
    )
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


def test_epicurve_of_a_line_list_is_by_onset_by_default_as_rt_growth_and_state(
    tmp_path: Path,
) -> None:
    """``epicurve --by`` defaulted to the report date while rt, growth and state count a line
    list by onset: one line list gave two different curves. All four default to onset now,
    and the curve says how many cases had no onset (asymptomatic ones) and were left out."""
    f = tmp_path / "ll.csv"
    f.write_text(
        "id,location,date_onset,date_reporting,classification\n"
        "c1,A,2020-10-20,2020-10-23,confirmed\nc2,A,2020-10-21,2020-10-23,confirmed\n"
        "c3,A,,2020-10-24,asymptomatic\nc4,A,2020-10-22,2020-10-24,confirmed\n"
    )
    default = _run("epicurve", "-i", str(f), "-f", "csv")
    assert default.exit_code == 0, default.output
    onset = _run("epicurve", "-i", str(f), "--by", "onset", "-f", "csv")
    assert default.stdout == onset.stdout
    curve = pd.read_csv(io.StringIO(default.stdout))
    assert curve["period_start"].tolist() == ["2020-10-20", "2020-10-21", "2020-10-22"]
    assert curve["value"].sum() == 3
    said = " ".join(default.stderr.split())
    assert "1 case with no onset date (asymptomatic infections among them) left out" in said
    report = _run("epicurve", "-i", str(f), "--by", "report", "-f", "csv")
    assert report.exit_code == 0 and "no onset" not in report.stderr
    by_report = pd.read_csv(io.StringIO(report.stdout))
    assert by_report.groupby("period_start")["value"].sum().to_dict() == {
        "2020-10-23": 2,
        "2020-10-24": 2,
    }
    table = _run("epicurve", "-i", str(f), env={"COLUMNS": "80"})
    assert "by onset date" in " ".join(table.stdout.split())
    # the commands share one --by, with one default
    for cmd in ("rt", "growth", "epicurve", "state"):
        helped = " ".join(_run(cmd, "--help", env={"COLUMNS": "200"}).output.split())
        assert "its 'onset' date (the default" in helped, cmd


def test_a_file_missing_columns_names_them_all_at_once(tmp_path: Path) -> None:
    """``epicurve -i`` a ``date,value`` series said "missing column 'area'"; given an area it
    said "missing column 'metric'": every missing column at once now, with what the table
    should hold, listed as import lists its problems (a count, then one line each)."""
    f = tmp_path / "series.csv"
    f.write_text("date,value\n2020-10-01,3\n2020-10-02,4\n")
    res = _run("epicurve", "-i", str(f), env={"COLUMNS": "200"})
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    lines = res.output.splitlines()
    assert lines[0] == "error: 2 problems found", lines
    for col in ("area", "metric"):
        assert (
            f"  {f}, field '{col}': missing column '{col}' (a counts table has: area, date, "
            "metric, value)"
        ) in lines
    ll = tmp_path / "ll.csv"
    ll.write_text("id,location,date_reporting\nc1,A,2020-10-01\n")
    res = _run("epicurve", "-i", str(ll), env={"COLUMNS": "200"})
    assert res.exit_code == 1 and "'classification': missing column" in res.output
    assert "(a line list has: id, date_reporting, classification, location)" in res.output


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


def test_epicurve_title_names_the_areas_as_rt_does(kashgar_db: str) -> None:
    # 'registry counts of 653100': a code where rt and growth say the area's name
    res = _run("epicurve", "--area", "653100", "--fill-missing", "zero", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    title = res.stdout.splitlines()[0]
    assert title == "Epidemic curve by day — registry counts of Kashgar Prefecture [653100]"
    res = _run(
        "epicurve", "--area", "653121", "--area", "653100", "--fill-missing", "zero",
        "--db", kashgar_db,
    )  # fmt: skip
    assert "registry counts of Shufu County [653121], Kashgar Prefecture [653100]" in (
        " ".join(res.stdout.split())
    )


def test_state_on_the_kashgar_example(kashgar_db: str) -> None:
    res = _run("state", "--area", "653121", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    for word in ("Cumulative", "R_t", "Asymptomatic", "rests on", "thin data"):
        assert word in res.stdout
    pref = _run("state", "--area", "653100", "--db", kashgar_db)
    assert pref.exit_code == 0, pref.output
    assert "the last report of new cases is from 2020-11-05" in " ".join(pref.stdout.split())
    unknown = _run("state", "--area", "999999", "--db", kashgar_db)
    assert unknown.exit_code == 1


def test_state_csv_and_json_name_sub_figures_without_the_terminal_indent(kashgar_db: str) -> None:
    """``state -f csv`` wrote '  of which severe' (the table's indent) into the figure column,
    and /api/overview the same: ``df.figure == "of which severe"`` matched nothing."""
    from flareup.registry import Registry
    from flareup.report.state import area_state

    res = _run("state", "--area", "653121", "--db", kashgar_db, "-f", "csv")
    assert res.exit_code == 0, res.output
    figures = list(pd.read_csv(io.StringIO(res.stdout))["figure"])
    assert "of which severe" in figures
    assert all(f == f.strip() for f in figures), figures
    rows = json.loads(_run("state", "--area", "653121", "--db", kashgar_db, "-f", "json").stdout)
    assert all(r["figure"] == r["figure"].strip() for r in rows)
    reg = Registry(kashgar_db)
    try:
        st = area_state(reg, "653121")
    finally:
        reg.close()
    assert any(f.startswith("  ") for f, _, _ in st.rows())  # the terminal keeps its indent
    assert all(f["figure"] == f["figure"].strip() for f in st.to_dict()["figures"])


def test_state_csv_and_json_say_no_value_as_missing_not_as_a_dash(kashgar_db: str) -> None:
    # the table's '—' went into CSV and JSON as a text value; the contract: empty cell, null
    rows = json.loads(_run("state", "--area", "653121", "--db", kashgar_db, "-f", "json").stdout)
    trend = next(r for r in rows if r["figure"].startswith("Trend"))
    assert trend["value"] is None and trend["rests_on"] == "only 13 days of data (need 14)"
    assert trend["text"] is None
    assert not any(r["text"] == "\u2014" for r in rows)
    res = _run("state", "--area", "653121", "--db", kashgar_db, "-f", "csv")
    line = next(ln for ln in res.stdout.splitlines() if ",Trend (7 days" in ln)
    assert line == (
        "653121,2020-11-05,Trend (7 days vs previous 7),trend_ratio,,,,,,,,,"
        "only 13 days of data (need 14)"
    )
    table = _run("state", "--area", "653121", "--db", kashgar_db)
    assert "\u2014" in next(ln for ln in table.stdout.splitlines() if "Trend" in ln)


def test_state_csv_and_json_give_numbers_not_prose(kashgar_db: str) -> None:
    """``state -f csv|json`` gave '1.18 (95% CrI 1.01–1.36)' as the value: a script had to
    parse prose. The value, the interval's ends, the unit and the interval's kind are now
    numbers and words in columns of their own, the prose kept in ``text``; each number rounds
    to what the table says, and the counts are those the registry holds."""
    res = _run("state", "--area", "653121", "--db", kashgar_db, "-f", "json")
    assert res.exit_code == 0, res.output
    rows = {r["key"]: r for r in json.loads(res.stdout)}
    rt = rows["rt"]
    assert (rt["unit"], rt["interval"], rt["figure_date"]) == (
        "reproduction number",
        "95% CrI",
        "2020-11-05",
    )
    assert rt["lower"] < rt["value"] < rt["upper"]
    assert rt["text"].startswith(f"{rt['value']:.2f} (95% CrI {rt['lower']:.2f}–{rt['upper']:.2f})")
    g = rows["growth_time"]  # 'Halving time (13 days)': the key stays when the trend turns
    assert g["figure"].startswith("Halving time") and g["words"].startswith("decay")
    assert (g["unit"], g["upper"]) == ("days", "inf")  # r's interval reaches 0: no bound
    assert g["text"].startswith(f"{g['value']:.1f} d (95% CI {g['lower']:.1f} d or more")
    share = rows["asymptomatic_share"]
    assert share["unit"] == "proportion" and 0 <= share["lower"] <= share["value"] <= 1
    assert share["text"].startswith(f"{100 * share['value']:.0f}%")
    from flareup.registry import Registry

    reg = Registry(kashgar_db)
    try:  # every detected infection once: confirmed + asymptomatic - reclassified
        c = reg.counts(areas=["653121"]).groupby("metric")["value"].sum()
    finally:
        reg.close()
    total = int(c["confirmed_new"] + c["asymptomatic_new"] - c.get("reclassified_new", 0))
    cum = rows["infections_cum"]
    assert cum["value"] == total and isinstance(cum["value"], int)  # whole, not 376.0
    assert cum["lower"] is None and cum["interval"] is None
    # CSV: the same columns, numbers a spreadsheet or pandas reads as numbers
    csv_out = _run("state", "--area", "653121", "--db", kashgar_db, "-f", "csv")
    frame = pd.read_csv(io.StringIO(csv_out.stdout))
    assert pd.api.types.is_float_dtype(frame["lower"]) and pd.api.types.is_float_dtype(
        frame["upper"]
    )
    assert frame.set_index("key").loc["rt", "value"] == pytest.approx(rt["value"])


def test_rt_growth_epicurve_on_the_kashgar_example(kashgar_db: str) -> None:
    strict = _run(
        "rt", "--area", "653121", "--si-mean", "4.7", "--si-sd", "2.9", "--db", kashgar_db,
        "--fill-missing", "error",
    )  # fmt: skip
    assert strict.exit_code == 1 and "2020-10-30" in strict.stderr
    # By default the days without a report count as 0, as state and the dashboard count them,
    # and a note names them; the figures equal those of an explicit --fill-missing zero.
    default = _run(
        "rt", "--area", "653121", "--si-mean", "4.7", "--si-sd", "2.9", "--db", kashgar_db,
        "-f", "csv",
    )  # fmt: skip
    assert default.exit_code == 0, default.output
    assert (
        "nothing reported on 3 days between the first and the last (2020-10-30, 2020-11-01, "
        in (default.stderr)
    )
    ok = _run(
        "rt",
        "--area",
        "653121",
        "--si-mean",
        "4.7",
        "--si-sd",
        "2.9",
        "--fill-missing",
        "zero",
        "--db",
        kashgar_db,
        "-f",
        "csv",
    )
    assert ok.exit_code == 0, ok.output
    assert len(pd.read_csv(io.StringIO(ok.stdout))) > 0
    assert ok.stdout == default.stdout
    g = _run("growth", "--area", "653121", "--fill-missing", "zero", "--db", kashgar_db)
    assert g.exit_code == 0, g.output
    e = _run(
        "epicurve",
        "--area",
        "653100",
        "--interval",
        "week",
        "--fill-missing",
        "zero",
        "--db",
        kashgar_db,
        "-f",
        "csv",
    )
    assert e.exit_code == 0, e.output
    curve = pd.read_csv(io.StringIO(e.stdout))
    # Kashgar's flows are Shufu's, summed up: 376 detected infections in all.
    assert curve["value"].sum() == 376
    # Akto (another prefecture) reports 15 asymptomatic on 10-31 but has no other flow days.
    nod = _run("rt", "--area", "653101", "--si-mean", "4.7", "--si-sd", "2.9", "--db", kashgar_db)
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


def test_state_with_a_line_list_gives_delays_and_a_nowcast(kashgar_db: str, tmp_path: Path) -> None:
    tables = pytest.importorskip("flareup.ingest.tables")
    from flareup.registry import Registry

    rng = np.random.default_rng(1)
    onset = pd.Timestamp("2020-10-20") + pd.to_timedelta(rng.integers(0, 16, 300), unit="D")
    report = onset + pd.to_timedelta(rng.geometric(0.4, 300) - 1, unit="D")
    keep = report <= pd.Timestamp("2020-11-05")
    f = tmp_path / "cases.csv"
    pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(300)],
            "location": "653121205",
            "date_onset": onset.strftime("%Y-%m-%d"),
            "date_reporting": report.strftime("%Y-%m-%d"),
            "classification": "confirmed",
        }
    )[keep].to_csv(f, index=False)
    reg = Registry(kashgar_db)
    try:
        reg.import_table(tables.read_table(f, tables.TableKind.CASES))
    finally:
        reg.close()
    res = _run("state", "--area", "653121", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "Onset to report" in text and "nowcast" in text
    curve = _run(
        "epicurve",
        "--area",
        "653121",
        "--linelist",
        "--by",
        "onset",
        "--db",
        kashgar_db,
        "-f",
        "csv",
    )
    assert curve.exit_code == 0, curve.output
    assert pd.read_csv(io.StringIO(curve.stdout))["value"].sum() == int(keep.sum())


# ------------------------------------------------------------ from the registry's line list

START = pd.Timestamp("2020-10-01")
#: Onsets per day in Shule (653122): about 4 e^{0.2 t}, none on day 6 (2020-10-07).
SHULE = [int(v) if t != 6 else 0 for t, v in enumerate(np.round(4 * np.exp(0.2 * np.arange(14))))]
LAMBDA, P_DELAY, SIM_DAYS = 60, 0.3, 25  # Yingjisha (653123): Poisson(60) onsets a day,
# onset-to-report delay geometric on 0, 1, ...: P(d) = 0.3 * 0.7^d, F(d) = 1 - 0.7^(d + 1).
AS_OF = START + pd.Timedelta(days=SIM_DAYS - 1)


def _shule_cases() -> pd.DataFrame:
    rows = []
    for t, n in enumerate(SHULE):
        for _ in range(n):
            i = len(rows)
            onset = START + pd.Timedelta(days=t)
            # every 5th case imported, every 7th of unknown import status (counted local)
            imported = "" if i % 7 == 3 else ("true" if i % 5 == 0 else "false")
            rows.append((f"s{i}", onset, onset + pd.Timedelta(days=i % 3), imported))
    df = pd.DataFrame(rows, columns=["id", "onset", "report", "imported"])
    df["date_onset"] = df["onset"].dt.strftime("%Y-%m-%d")
    extra = pd.DataFrame(
        {
            "id": ["s_no_onset1", "s_no_onset2"],
            "date_onset": ["", ""],
            "report": [START + pd.Timedelta(days=3)] * 2,
            "imported": ["false", "false"],
        }
    )
    df = pd.concat([df, extra], ignore_index=True)
    df["date_reporting"] = df["report"].dt.strftime("%Y-%m-%d")
    df["location"] = "653122"
    df["classification"] = "confirmed"
    return df


def _yingjisha_cases() -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(11)
    days = pd.date_range(START, periods=SIM_DAYS)
    onsets = np.repeat(days, rng.poisson(LAMBDA, SIM_DAYS))
    delay = rng.geometric(P_DELAY, onsets.size) - 1  # numpy's geometric starts at 1
    report = onsets + pd.to_timedelta(delay, unit="D")
    df = pd.DataFrame(
        {
            "id": [f"y{i}" for i in range(onsets.size)],
            "location": "653123",
            "date_onset": onsets.strftime("%Y-%m-%d"),
            "date_reporting": report.strftime("%Y-%m-%d"),
            "classification": "confirmed",
        }
    )
    truth = pd.Series(onsets).value_counts().reindex(days, fill_value=0)
    return df, truth


@pytest.fixture(scope="module")
def linelist_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, pd.Series, str]:
    registry = pytest.importorskip("flareup.registry")
    tables = pytest.importorskip("flareup.ingest.tables")
    kashgar = pytest.importorskip("flareup.data.kashgar_2020")
    tmp = tmp_path_factory.mktemp("linelist")
    url = f"sqlite:///{tmp / 'll.db'}"
    reg = registry.Registry(url)
    try:
        reg.import_table(tables.read_table(kashgar.files()["areas"], tables.TableKind.AREAS))
        shule = tmp / "shule.csv"
        _shule_cases()[
            ["id", "location", "date_onset", "date_reporting", "classification", "imported"]
        ].to_csv(shule, index=False)
        reg.import_table(tables.read_table(shule, tables.TableKind.CASES))
        ying, truth = _yingjisha_cases()
        f = tmp / "yingjisha.csv"
        ying.to_csv(f, index=False)
        reg.import_table(tables.read_table(f, tables.TableKind.CASES))
        last_report = pd.to_datetime(ying["date_reporting"]).max()
    finally:
        reg.close()
    return url, truth, (last_report + pd.Timedelta(days=20)).strftime("%Y-%m-%d")


def _posterior(
    local: np.ndarray,
    imported: np.ndarray,
    ts: np.ndarray,
    te: np.ndarray,
    mean_si: float,
    sd_si: float,
) -> pd.DataFrame:
    """Cori et al. (2013) closed form with Thompson et al. (2019)'s local/imported split."""
    from scipy import stats

    from flareup.analytics.serial_interval import discr_si

    local, imported = local.astype(float).copy(), imported.astype(float).copy()
    imported[0] += local[0]  # as EpiEstim: all cases of day 1 are imported
    local[0] = 0
    total = local + imported
    w = discr_si(np.arange(total.size), mean_si, sd_si)
    lam = np.array([sum(total[t - k] * w[k] for k in range(1, t + 1)) for t in range(total.size)])
    out = []
    for s, e in zip(ts, te, strict=True):
        shape, scale = 1 + local[s - 1 : e].sum(), 1 / (1 / 5 + lam[s - 1 : e].sum())
        g = stats.gamma(shape, scale=scale)
        out.append((s, e, g.mean(), g.ppf(0.025), g.ppf(0.975)))
    return pd.DataFrame(out, columns=["t_start", "t_end", "mean", "q0.025", "q0.975"])


def test_rt_from_the_registry_line_list_by_onset(linelist_db) -> None:
    url = linelist_db[0]
    args = (
        "rt",
        "--area",
        "653122",
        "--linelist",
        "--by",
        "onset",
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--db",
        url,
    )
    strict = _run(*args, "--fill-missing", "error")
    # A line list cannot tell a day without cases from a day without reporting: say so.
    assert strict.exit_code == 1 and "2020-10-07" in strict.stderr
    assert "--fill-missing" in strict.stderr
    default = _run(*args, "-f", "csv")  # counted as 0, and the note names the days
    assert default.exit_code == 0 and "2020-10-07" in default.stderr, default.output
    res = _run(*args, "--fill-missing", "zero", "-f", "csv")
    assert res.exit_code == 0, res.output
    got = pd.read_csv(io.StringIO(res.stdout))
    cases = _shule_cases()
    cases = cases[cases["date_onset"] != ""]
    t = (cases["onset"] - START).dt.days.to_numpy()
    imp = (cases["imported"] == "true").to_numpy()
    local = np.bincount(t[~imp], minlength=14)
    imported = np.bincount(t[imp], minlength=14)
    assert (local + imported).tolist() == SHULE
    exp = _posterior(local, imported, got["t_start"].to_numpy(), got["t_end"].to_numpy(), 2.6, 1.5)
    assert got["t_end"].tolist() == list(range(8, 15))
    for c in ("mean", "q0.025", "q0.975"):
        np.testing.assert_allclose(got[c], exp[c], rtol=1e-9)
    assert got["date_end"].iloc[-1] == "2020-10-14"


def test_rt_table_says_what_the_line_list_estimate_rests_on(linelist_db) -> None:
    res = _run(
        "rt",
        "--area",
        "653122",
        "--linelist",
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--fill-missing",
        "zero",
        "--db",
        linelist_db[0],
    )
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert f"{sum(SHULE)} line-list cases" in text and "2 without a date_onset" in text
    n_imp = int((_shule_cases()["imported"] == "true").sum())
    assert f"{n_imp} imported kept apart" in text and "unknown import status" in text


def test_growth_from_the_registry_line_list(linelist_db) -> None:
    url = linelist_db[0]
    res = _run(
        "growth",
        "--area",
        "653122",
        "--linelist",
        "--by",
        "onset",
        "--start",
        "2020-10-08",
        "--family",
        "poisson",
        "--fill-missing",
        "zero",
        "--db",
        url,
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout)[0]
    assert row["cases"] == sum(SHULE[7:]) and row["days"] == 7
    # counts are 4 e^{0.2 t} rounded to whole cases
    assert row["r"] == pytest.approx(0.2, abs=0.01)
    by_report = _run(
        "growth", "--area", "653122", "--linelist", "--by", "report", "--db", url, "-f", "json"
    )
    assert by_report.exit_code == 0, by_report.output
    rep = json.loads(by_report.stdout)[0]
    # by report every case counts, those without an onset too, over onset + 0..2 days
    assert rep["cases"] == sum(SHULE) + 2 and rep["days"] == 16
    none = _run("growth", "--area", "653124", "--linelist", "--db", url)
    assert none.exit_code == 1 and "no line-list cases" in none.stderr
    both = _run(
        "rt",
        "-i",
        str(DATA / "analytics_flu2009.csv"),
        "--linelist",
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
    )
    assert both.exit_code == 1 and "--area" in both.stderr


def test_nowcast_says_when_there_is_no_line_list(kashgar_db: str) -> None:
    res = _run("nowcast", "--area", "653121", "--db", kashgar_db)
    assert res.exit_code == 1
    assert "no line list" in " ".join(res.stderr.split()) and "Traceback" not in res.output


def test_nowcast_leaves_a_complete_series_unchanged(linelist_db) -> None:
    url, truth, late = linelist_db
    res = _run(
        "nowcast", "--area", "653123", "--date", late, "--days", "60", "--db", url, "-f", "json"
    )
    assert res.exit_code == 0, res.output
    out = pd.DataFrame(json.loads(res.stdout)).set_index("date")
    out = out.loc[[d.strftime("%Y-%m-%d") for d in truth.index]]
    # every onset day is more than max-delay days old: all reported, nothing to add
    assert (out["observed"].to_numpy() == truth.to_numpy()).all()
    assert (out["p_reported"] == 1).all()
    assert (out["observed_over_p"] == out["observed"]).all()
    assert ((out["low"] <= out["observed"]) & (out["observed"] <= out["high"])).all()


def test_nowcast_says_what_its_columns_are_and_prints_counts_whole(linelist_db) -> None:
    """The last day read 'estimate 0.00' beside 'median 2.00, high 47.00': observed / p is no
    estimate of the day's total when nothing is reported yet; the counts are whole numbers."""
    url, _, _ = linelist_db
    args = ["nowcast", "--area", "653123", "--date", AS_OF.strftime("%Y-%m-%d"), "--db", url]
    res = _run(*args, "--days", "7", "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert "estimate" not in rows[0] and "observed_over_p" in rows[0]
    assert list(rows[0])[4:7] == ["median", "low", "high"]  # the nowcast first
    assert all(isinstance(r[c], int) for r in rows for c in ("median", "low", "high"))
    assert "observed_over_p" in res.stderr and "median" in res.stderr
    res = _run(*args, "--days", "3", env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output
    last = [x for x in res.stdout.splitlines() if AS_OF.strftime("%Y-%m-%d") in x][-1]
    cells = last.replace("│", " ").replace("┃", " ").split()
    assert cells[4].isdigit() and cells[5].isdigit() and cells[6].isdigit(), last


def test_nowcast_corrects_a_truncated_series_toward_the_truth(linelist_db) -> None:
    url, truth, _ = linelist_db
    res = _run(
        "nowcast",
        "--area",
        "653123",
        "--date",
        AS_OF.strftime("%Y-%m-%d"),
        "--max-delay",
        "14",
        "--days",
        "7",
        "--seed",
        "5",
        "--db",
        url,
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.output
    out = pd.DataFrame(json.loads(res.stdout))
    d = out["days_since"].to_numpy()
    assert d.tolist() == [6, 5, 4, 3, 2, 1, 0]
    F = 1 - (1 - P_DELAY) ** (d + 1)  # the simulated delay's CDF
    # the delay distribution estimated from the complete onsets matches the simulated one
    np.testing.assert_allclose(out["p_reported"], F, atol=0.04)
    # what was reported by then: E = LAMBDA * sum F, within 4 Poisson sd
    obs, expected_obs = out["observed"].sum(), LAMBDA * F.sum()
    assert abs(obs - expected_obs) < 4 * np.sqrt(expected_obs)
    assert obs < 0.75 * LAMBDA * d.size  # clearly short of the truth
    # the nowcast restores the total (E = LAMBDA a day) and is far closer than the raw counts
    est, true_total = out["observed_over_p"].sum(), truth.iloc[-7:].sum()
    assert abs(est / (LAMBDA * d.size) - 1) < 0.15
    assert abs(est - true_total) < 0.25 * abs(obs - true_total)
    inside = (out["low"].to_numpy() <= truth.iloc[-7:].to_numpy()) & (
        truth.iloc[-7:].to_numpy() <= out["high"].to_numpy()
    )
    assert inside.sum() >= 6


def test_state_from_the_line_list(linelist_db) -> None:
    url = linelist_db[0]
    # Shule has a line list but no counts: its state comes from the line list, said so.
    res = _run(
        "state",
        "--area",
        "653122",
        "--linelist",
        "--by",
        "report",
        "--si-mean",
        "2.6",
        "--si-sd",
        "1.5",
        "--db",
        url,
    )
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert f"{sum(SHULE) + 2}" in text and "line list by" in text
    assert "no counts in the registry" in text
    plain = _run("state", "--area", "653122", "--db", url)
    assert plain.exit_code == 1 and "no data" in plain.stderr


def test_state_line_list_rows_match_the_closed_form() -> None:
    from flareup.report.state import linelist_dynamics_rows

    cases = _shule_cases()
    rows, _ = linelist_dynamics_rows(cases, by="report", si_mean=2.6, si_sd=1.5)
    got = {r[0].split(" — ")[0]: r for r in rows}
    assert got["Cases"][1] == str(sum(SHULE) + 2)
    t = (cases["report"] - START).dt.days.to_numpy()
    imp = (cases["imported"] == "true").to_numpy()
    local, imported = np.bincount(t[~imp]), np.bincount(t[imp], minlength=t.max() + 1)
    n = local.size
    exp = _posterior(local, imported, np.array([n - 6]), np.array([n]), 2.6, 1.5).iloc[0]
    assert got["R_t (last 7 days)"][1].startswith(
        f"{exp['mean']:.2f} (95% CrI {exp['q0.025']:.2f}–{exp['q0.975']:.2f})"
    )
    a, b = local[-7:].sum() + imported[-7:].sum(), local[-14:-7].sum() + imported[-14:-7].sum()
    # the verdict rests on the exact interval of the rate ratio (issue 12), computed here from
    # scipy's Clopper-Pearson interval of a / (a + b)
    from scipy.stats import binomtest

    ci = binomtest(int(a), int(a + b)).proportion_ci(method="exact")
    lo, hi = ci.low / (1 - ci.low), ci.high / (1 - ci.high)
    word = "rising" if lo > 1 else "falling" if hi < 1 else "no clear change"
    assert got["Trend (7 days vs previous 7)"][1].startswith(f"{word}: {a} vs {b} (ratio")


# ------------------------------------------------------------------ malformed options


def test_bad_options_are_clean_errors_not_tracebacks(kashgar_db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    base = ["--area", "653121", "--db", kashgar_db, "--fill-missing", "zero"]
    si = ["--si-mean", "4.7", "--si-sd", "2.9"]
    cases = [
        (["rt", *base, *si, "-o", str(blocker / "rt.csv")], "field '--output': cannot write"),
        (["growth", *base, "-o", str(blocker / "g.csv")], "field '--output': cannot write"),
    ]
    for args, expected in cases:
        res = _run(*args)
        assert res.exit_code == 1, (args, res.output)
        assert isinstance(res.exception, SystemExit), (args, res.exception)
        assert expected in res.output, (args, res.output)
    # an option's value out of its range is a usage mistake: exit 2 and Typer's message
    usage = [
        (["rt", *base, *si, "--si-mean-sd", "1", "--si-std-sd", "0.5", "--seed", "-1"], "--seed"),
        (["state", "--area", "653121", "--db", kashgar_db, "--si-sd", "0"], "--si-sd"),
        (["state", "--area", "653121", "--db", kashgar_db, "--si-mean", "nan"], "--si-mean"),
        (["growth", *base, "--start", "bad"], "--start"),  # a date typed is one too
    ]
    for args, option in usage:
        res = _run(*args)
        assert res.exit_code == 2, (args, res.output)
        assert f"Invalid value for '{option}'" in res.output, (args, res.output)


def test_bad_week_system_and_out_of_range_dates_are_clean_errors(kashgar_db: str) -> None:
    cases = [
        (
            [
                "epicurve",
                "--area",
                "653121",
                "--db",
                kashgar_db,
                "--fill-missing",
                "zero",
                "--interval",
                "week",
                "--week-system",
                "cdc",
            ],
            "Invalid value for '--week-system': must be 'iso' or 'mmwr', got 'cdc'",
        ),
        (
            ["state", "--area", "653121", "--db", kashgar_db, "--date", "2999-01-01"],
            "Invalid value for '--date': '2999-01-01' is outside the dates supported (1677-2262)",
        ),
        (
            ["nowcast", "--area", "653121", "--db", kashgar_db, "--date", "2999-01-01"],
            "Invalid value for '--date': '2999-01-01' is outside the dates supported (1677-2262)",
        ),
    ]
    for args, expected in cases:
        res = _run(*args, env={"COLUMNS": "200"})
        # a value no option takes, or a date pandas cannot hold, is a usage mistake (2)
        assert res.exit_code == 2, (args, res.output)
        assert isinstance(res.exception, SystemExit), (args, res.exception)
        assert expected in res.output, (args, res.output)


def test_nowcast_and_linelist_epicurve_charts(linelist_db, tmp_path: Path) -> None:
    pytest.importorskip("vl_convert")
    url, _, _ = linelist_db
    out = tmp_path / "nowcast.svg"
    args = ["nowcast", "--area", "653123", "--date", AS_OF.strftime("%Y-%m-%d"), "--db", url]
    res = _run(*args, "--seed", "5", "--chart", str(out))
    assert res.exit_code == 0, res.output
    svg = out.read_text()
    # reported-so-far bars and the nowcast band over the days still being reported
    assert 'aria-roledescription="bar"' in svg and 'aria-roledescription="area mark"' in svg
    curve = tmp_path / "curve.png"
    res = _run("epicurve", "--area", "653123", "--linelist", "--by", "onset", "--db", url,
               "--chart", str(curve), "-f", "csv")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert curve.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("width", [80, 160])
def test_state_reads_at_the_terminal_width(kashgar_db: str, width: int) -> None:
    # At 80 columns a three-column table folded "rests on" into slivers of 23 characters;
    # narrow terminals get each figure with its value on one line and its basis beneath it.
    from flareup.cli.state_view import STATE_WIDE, print_state
    from flareup.registry import Registry

    buf = io.StringIO()
    reg = Registry(kashgar_db)
    try:
        print_state(reg, "653121", Console(file=buf, width=width))
    finally:
        reg.close()
    lines = buf.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    if width >= STATE_WIDE:
        assert any("┃ rests on" in line for line in lines)
        return
    (r_t,) = [line for line in lines if line.startswith("R_t (last 7 days)")]
    assert r_t.rstrip().endswith(")") and "CrI" in r_t  # the value on the figure's line
    below = lines[lines.index(r_t) + 1]
    assert below.startswith("    Cori et al. 2013")  # what it rests on, indented beneath
    assert not any("│" in line for line in lines)


def test_errors_name_the_cli_option_and_the_api_keeps_its_own_words(tmp_path: Path) -> None:
    """'pass fill_missing='zero' (--fill-missing zero)' mixed Python into a CLI message, and
    growth said field 'start' where the option is --start: each says its own caller's words."""
    from flareup.analytics.series import complete_daily
    from flareup.errors import InputError

    gap = tmp_path / "gap.csv"
    gap.write_text("date,I\n2020-01-01,3\n2020-01-03,2\n")
    res = _run(
        "rt", "-i", str(gap), "--si-mean", "4.7", "--si-sd", "2.9", "--fill-missing", "error"
    )
    assert res.exit_code == 1 and "pass --fill-missing zero to count" in res.stderr
    assert "fill_missing=" not in res.stderr
    with pytest.raises(InputError) as err:
        complete_daily(pd.read_csv(gap), index="date", values=["I"])
    assert "fill_missing='zero' to count" in str(err.value) and "--fill" not in str(err.value)
    days = tmp_path / "days.csv"
    days.write_text("date,I\n" + "".join(f"2020-01-{d:02d},{d}\n" for d in range(1, 15)))
    res = _run("growth", "-i", str(days), "--start", "2021-01-01")
    assert res.exit_code == 1 and "field '--start'" in res.stderr, res.stderr
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    res = _run("report", "--db", db, "--date", "2020-13-01", "--out", str(tmp_path / "r.html"))
    assert res.exit_code == 2 and "Invalid value for '--date'" in res.stderr, res.stderr


def test_state_words_an_unbounded_halving_time_as_the_report_does(kashgar_db: str) -> None:
    """On 2020-10-28 (5 days of data) the halving time read '0.7 d (95% CI 0.4–inf)'; the CLI,
    report and dashboard now say '0.4 d or more; no upper bound', and JSON stays valid."""
    from flareup.registry import Registry
    from flareup.report import pages as P

    res = _run("state", "--area", "653121", "--date", "2020-10-28", "--db", kashgar_db)
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "Halving time (5 days) 0.7 d (95% CI 0.4 d or more; no upper bound)" in text
    assert "–inf" not in text
    reg = Registry(kashgar_db)
    try:
        over = P.overview(reg, date="2020-10-28", area="653121")
        rt = P.rt(reg, date="2020-10-28", area="653121")
    finally:
        reg.close()
    halving = next(f for f in over.figures if f["figure"].startswith("Halving time"))
    assert halving["value"].startswith("0.7 d (95% CI 0.4 d or more; no upper bound)")
    growth = next(f for f in rt.figures if f["figure"].startswith("Growth rate"))
    assert growth["basis"].endswith("halving time 0.7 d (95% CI 0.4 d or more; no upper bound)")
    # the JSON twin keeps the numbers: infinity as "inf", never a bare Infinity
    body = json.dumps(rt.to_dict(), allow_nan=False)
    assert '"inf"' in body


def test_growth_to_an_end_date_ignores_gaps_after_it(kashgar_db: str) -> None:
    """`growth --area 653121 --end 2020-10-28` refused with 'no figure on 2020-10-30, ...': days
    missing after the fit's last day stopped it. The registry series now ends at --end."""
    res = _run(
        "growth", "--area", "653121", "--end", "2020-10-28", "--db", kashgar_db, "-f", "json"
    )
    assert res.exit_code == 0, res.output
    [row] = json.loads(res.stdout)
    assert (row["date_start"], row["date_end"], row["cases"]) == ("2020-10-24", "2020-10-28", 183)
    assert row["growth_or_decay"] == "decay"  # i2extras' names: time is the halving time
    assert row["time"] == pytest.approx(np.log(2) / -row["r"])
    assert row["time_upper"] == "inf"  # JSON keeps the number (no upper bound)
    # the table reads as the report and dashboard do: an open end is ∞, never the word "inf"
    table = _run("growth", "--area", "653121", "--end", "2020-10-28", "--db", kashgar_db)
    assert table.exit_code == 0, table.output
    line = next(ln for ln in table.stdout.splitlines() if "time_upper" in ln)
    assert "\u221e" in line and "inf" not in line.replace("time_upper", ""), line
    csv_out = _run(
        "growth", "--area", "653121", "--end", "2020-10-28", "--db", kashgar_db, "-f", "csv"
    )
    header, first = (ln.split(",") for ln in csv_out.stdout.splitlines()[:2])
    assert first[header.index("time_upper")] == "inf", csv_out.stdout
    # a gap inside the window stops --fill-missing error; the default counts it as 0, says so
    res = _run(
        "growth", "--area", "653121", "--end", "2020-11-03", "--db", kashgar_db,
        "--fill-missing", "error",
    )  # fmt: skip
    assert res.exit_code == 1 and "2020-10-30" in res.output
    res = _run("growth", "--area", "653121", "--end", "2020-11-03", "--db", kashgar_db)
    assert res.exit_code == 0 and "(2020-10-30, 2020-11-01, 2020-11-02)" in res.stderr
    bad = _run("growth", "--area", "653121", "--end", "2020-13-28", "--db", kashgar_db)
    assert bad.exit_code == 2 and "Invalid value for '--end'" in bad.output  # a usage mistake


def test_the_growth_table_gives_the_units_of_its_figures(kashgar_db: str) -> None:
    """``growth`` printed 'r -0.0399', 'halving_time 17.3584' and 'nb_theta 0.2680' with no
    unit or word on what they are: per day? weeks? The table now says, beneath it; CSV and
    JSON stay data only."""
    args = ["growth", "--area", "653121", "--fill-missing", "zero", "--db", kashgar_db]
    table = _run(*args)
    assert table.exit_code == 0, table.output
    text = " ".join(table.stdout.split())
    assert "r: growth rate per day" in text, table.stdout
    assert "time: doubling time (growth) or halving time (decay), days" in text
    assert "nb_theta: negative-binomial" in text
    with_R = _run(*args, "--gi-mean", "5", "--gi-sd", "2")
    assert "R: reproduction number" in " ".join(with_R.stdout.split()), with_R.stdout
    js = _run(*args, "-f", "json")
    assert js.exit_code == 0 and "per day" not in js.stdout
    json.loads(js.stdout)


def test_epicurve_names_a_bad_interval_before_reading_any_data(kashgar_db: str) -> None:
    """``epicurve --interval fortnight`` answered with the registry's missing days ('no figure
    on 2020-10-30, ... pass --fill-missing zero'), and only with that fixed named the interval:
    the option is checked first, as --week-system is."""
    res = _run("epicurve", "--area", "653121", "--interval", "fortnight", "--db", kashgar_db)
    assert res.exit_code == 2  # a usage mistake, said as Typer says one
    assert "Invalid value for '--interval'" in res.stderr, res.stderr
    assert "2020-10-30" not in res.stderr


def test_state_before_the_first_figure_says_so(kashgar_db: str) -> None:
    """``state --area 653121 --date 2019-01-01`` said 'area 653121 (Shufu Xian) has no data'
    of the county with the most figures: it has none *by that date*, which is said, with its
    first date and the name in words."""
    res = _run("state", "--area", "653121", "--date", "2019-01-01", "--db", kashgar_db)
    assert res.exit_code == 1
    assert "Shufu County (653121) has no figures on or before 2019-01-01" in res.stderr
    assert "its first is 2020-10-24" in res.stderr, res.stderr


def test_nowcast_after_the_line_list_ends_says_so(linelist_db) -> None:
    # --date weeks after the last report nowcast 'onsets still to come' without a word that
    # nothing had been reported since
    from flareup.registry import Registry

    url, _, _ = linelist_db
    reg = Registry(url)
    try:
        last = pd.to_datetime(reg.cases(["653123"])["date_reporting"]).max()
    finally:
        reg.close()
    later = (last + pd.Timedelta(days=30)).strftime("%Y-%m-%d")
    res = _run("nowcast", "--area", "653123", "--date", later, "--db", url, "-f", "json")
    assert res.exit_code == 0, res.output
    assert (
        f"note: the line list's last report is {last.date()}, 30 days before {later}: the days "
        "since are read as days with no onset reported (is the line list up to date?)"
    ) in " ".join(res.stderr.split())
    res = _run("nowcast", "--area", "653123", "--date", f"{last.date()}", "--db", url, "-f", "json")
    assert res.exit_code == 0 and "last report is" not in res.stderr


def test_result_files_take_excel_bom_as_export_does(kashgar_db: str, tmp_path: Path) -> None:
    """``export --excel-bom`` wrote a byte-order mark for Excel; the result commands' ``-o
    FILE.csv`` had no such option. One option and one writer now: the file is the same CSV
    after the mark (EF BB BF), and the mark with a file that is no .csv, or with no file, is
    a usage mistake said at parse time, whichever order the options come in."""
    args = ["growth", "--area", "653121", "--fill-missing", "zero", "--db", kashgar_db]
    plain, marked = tmp_path / "g.csv", tmp_path / "g-excel.csv"
    assert _run(*args, "-o", str(plain)).exit_code == 0
    res = _run(*args, "--excel-bom", "-o", str(marked))
    assert res.exit_code == 0, res.output
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    for extra in (["--excel-bom", "-o", str(tmp_path / "g.json")],
                  ["-o", str(tmp_path / "g.json"), "--excel-bom"], ["--excel-bom"]):  # fmt: skip
        bad = _run(*args, *extra)
        assert bad.exit_code == 2 and "Invalid value for '--excel-bom'" in bad.output, extra
    # a command of another group, through the same option and writer
    fu, fu_bom = tmp_path / "f.csv", tmp_path / "f-excel.csv"
    base = ["followup", "--date", "2020-10-28", "--db", kashgar_db]
    assert _run(*base, "-o", str(fu)).exit_code == 0
    assert _run(*base, "-o", str(fu_bom), "--excel-bom").exit_code == 0
    assert fu_bom.read_bytes() == b"\xef\xbb\xbf" + fu.read_bytes()


def test_the_epicurve_table_reads_across_a_day_and_csv_stays_tidy(kashgar_db: str) -> None:
    """At the terminal a day's figures read across one row (a column per metric and their
    total), where the table listed every day of one metric and then every day of the next;
    -f csv keeps R's long format, one row per area, period and metric."""
    table = _run("epicurve", "--area", "653121", "--db", kashgar_db)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    header = next(ln for ln in lines if "confirmed_direct" in ln)
    assert (
        header.index("confirmed_direct")
        < header.index("asymptomatic_new")
        < (header.index("total"))
    )
    assert "period " not in header and "area" not in header  # a day's label, one area
    (day,) = [ln for ln in lines if "2020-10-25" in ln]
    assert [x for x in re.split(r"[│\s]+", day) if x] == ["2020-10-25", "0", "137", "137"]
    tidy = _run("epicurve", "--area", "653121", "--db", kashgar_db, "-f", "csv")
    frame = pd.read_csv(io.StringIO(tidy.stdout))
    assert list(frame.columns) == ["area", "period_start", "period", "metric", "value"]
    assert len(frame) == 2 * 13 and frame["value"].sum() == 376
