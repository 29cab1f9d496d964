"""Regression tests for issue 12 through the command line: bounds, formats, the growth methods,
the rt header, pooling's sensitivity floor, the simulator's messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from flareup.analytics.growth import fit_loglinear, fit_optim_split
from flareup.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def daily(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    # A rise and a fall with some zero days (so that the log-linear fit drops them).
    rng = np.random.default_rng(7)
    t = np.arange(40)
    lam = np.where(t < 22, 2 * np.exp(0.15 * t), 2 * np.exp(0.15 * 21 - 0.1 * (t - 21)))
    df = pd.DataFrame({"date": pd.date_range("2020-10-01", periods=40), "value": rng.poisson(lam)})
    path = tmp_path_factory.mktemp("growth") / "daily.csv"
    df.to_csv(path, index=False)
    return path, df


#: The options a ``pooling plan`` needs besides the one a case gets wrong.
_PLAN = [
    "--population",
    "20000",
    "--start",
    "2021-05-01T08:00",
    "--teams",
    "20",
    "--swabs-per-team-hour",
    "30",
    "--lab-tubes-per-day",
    "1500",
    "--turnaround-hours",
    "6",
    "--pool-size",
    "5",
]


@pytest.mark.parametrize(
    "args",
    [
        ["pooling", "design", "--prevalence", "0.01", "--max-pool", "1000000"],
        ["pooling", "design", "--prevalence", "2"],
        ["rt", "--n1", "100000000", "--si-mean", "4.7", "--si-sd", "2.9"],
        ["rt", "--n1", "1e8"],
        ["simulate", "kashgar-2020", "--workers", "-2"],
        ["simulate", "kashgar-2020", "--runs", "0"],
        ["simulate", "kashgar-2020", "--scale", "5"],
        ["nowcast", "--max-delay", "100000"],
        ["growth", "--window", "1"],
        ["risk", "--format", "XML"],
        ["state", "-f", "yaml"],
        # option values once checked by hand after parsing, and said with exit 1 (bad data)
        ["epicurve", "--interval", "fortnight"],
        ["epicurve", "--week-system", "us"],
        ["rt", "--seed", "-1"],
        ["nowcast", "--days", "0"],
        ["nowcast", "--seed", "-1"],
        ["state", "--si-mean", "1"],
        ["state", "--si-sd", "0"],
        ["state", "--si-sd", "nan"],
        ["audit", "--limit", "-1"],
        ["delete", "counts", "--reason", "x", "--key", "area"],
        ["demo", "--report", "demo.pdf"],
        ["report", "-o", "r.pdf"],
        ["followup", "--date", "2020-10-28", "--status", "x"],
        ["pooling", "plan", *_PLAN, "--store", " "],
    ],
)
def test_out_of_range_parameters_are_usage_errors(args: list[str]) -> None:
    res = _run(*args)
    assert res.exit_code == 2, res.output
    assert "Invalid value" in res.output


#: (arguments, what the message says): each once exited 1 (as bad data) after the registry or
#: file was read, or ran on (nan, a reversed range); now refused as the command line is parsed,
#: naming the option and the range it takes.
_SAID_AT_PARSE = [
    (["bulletin", "x.txt", "--published", "1899-12-31"],
     "'--published': '1899-12-31' is outside the dates supported (1900-2200)"),
    (["bulletin", "x.txt", "--published", "2201-01-01"],
     "'--published': '2201-01-01' is outside the dates supported (1900-2200)"),
    (["calibrate", "kashgar-2020", "-p", "disease.beta_workplace=0.03:0.005"],
     "'--param': disease.beta_workplace: LOW must be below HIGH, got 0.03:0.005"),
    (["calibrate", "kashgar-2020", "-p", "disease.beta_workplace"],
     "'--param': expected NAME=LOW:HIGH, got 'disease.beta_workplace'"),
    (["calibrate", "kashgar-2020", "-p", "importation.start=2020-09-10:0.5"],
     "'--param': importation.start: LOW and HIGH must both be numbers or both dates"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--family", "gauss"],
     "'--family': must be 'poisson' or 'negbin', got 'gauss'"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--dispersion", "-1"],
     "'--dispersion': the size k must be > 0, got -1.0"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--scale", "5"],
     "'--scale': the scale must be in (0, 1], got 5.0"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--workers", "-2"],
     "'--workers': the number of workers must be in [1, 1024], got -2"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--trials", "0"],
     "'--trials': the number of trials must be in [1, 100000], got 0"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--seed", "-1"],
     "'--seed': the seed must be >= 0, got -1"),
    (["calibrate", "kashgar-2020", "-p", "disease.beta_workplace=0.005:0.03",
      "--scheduler", "cluster"],
     "'--scheduler': expected 'local', 'serial' or a Dask scheduler address"),
    (["simulate", "kashgar-2020", "--scheduler", "cluster"],  # one option, one parser
     "'--scheduler': expected 'local', 'serial' or a Dask scheduler address"),
    # an unknown parameter, said when the command line is parsed (was exit 1 after the
    # scenario loaded and the progress bar started), naming the known ones
    (["calibrate", "kashgar-2020", "-p", "disease.beta_workplce=0.005:0.03"],
     "'--param': unknown parameter 'disease.beta_workplce' (did you mean "
     "'disease.beta_workplace'?)"),
    (["calibrate", "kashgar-2020", "-p", "lockdown.strength=0:1"],
     "'--param': unknown parameter 'lockdown.strength': lockdown takes areas, end, layers"),
    (["calibrate", "kashgar-2020", "-p", "a=1:2"],
     "'--param': unknown parameter 'a'; known: sim.initial_infections"),
    (["simulate", "kashgar-2020", "--scale", "nan"], "'--scale': the scale must be in (0, 1], got nan"),
    (["simulate", "kashgar-2020", "--seed", "-1"], "'--seed': the seed must be >= 0, got -1"),
    (["rt", "--si-mean", "nan"], "'--si-mean': the serial-interval mean (days, shift 1) must be > 1"),
    (["rt", "--mean-prior", "0"], "'--mean-prior': the prior mean of R must be > 0, got 0.0"),
    (["rt", "--si-mean-sd", "-1"], "'--si-mean-sd': the sd of the SI mean must be > 0, got -1.0"),
    (["rt", "--t-start", "2:x"], "'--t-start': expected integers like 2,3,4 or a range 2:26"),
    (["rt", "--window", "4000"], "'--window': the window (days) must be in [1, 3650], got 4000"),
    (["rt", "--fill-missing", "maybe"], "'--fill-missing': must be 'error' or 'zero', got 'maybe'"),
    (["growth", "--gi-sd", "-1"], "'--gi-sd': the generation-interval sd must be > 0, got -1.0"),
    (["growth", "--family", "gauss"], "'--family': must be 'poisson' or 'negbin', got 'gauss'"),
    (["growth", "--window", "2"], "'--window': the window (days) must be in [3, 3650], got 2"),
    (["epicurve", "--level", "planet"], "'--level': must be 'country', 'province'"),
    (["epicurve", "--by", "death"], "'--by': must be 'onset' or 'report', got 'death'"),
    (["epicurve", "--stack-by", "colour"], "'--stack-by': must be 'metric' or 'area'"),
    (["state", "--by", "x"], "'--by': must be 'onset' or 'report', got 'x'"),
    (["nowcast", "--max-delay", "400"], "'--max-delay': the delay (days) must be in [0, 365]"),
    (["pooling", "design", "--prevalence", "nan"], "'--prevalence': the prevalence must be in [0, 1], got nan"),
    (["pooling", "design", "--prevalence", "0.01", "--sensitivity", "0"],
     "'--sensitivity': the sensitivity must be in (0, 1], got 0.0"),
    (["pooling", "design", "--prevalence", "0.01", "--people", "0"],
     "'--people': the number of people must be in [1, 10000000000], got 0"),
    (["pooling", "plan", *_PLAN, "--hours-per-day", "30"],
     "'--hours-per-day': the sampling hours a day must be in [1, 24], got 30"),
    (["pooling", "plan", *_PLAN, "--day-start-hour", "24"], "'--day-start-hour': the start hour must be in [0, 23]"),
    (["pooling", "plan", *_PLAN, "--turnaround-hours", "0"], "'--turnaround-hours': the turnaround (hours) must be >= 1"),
    (["pooling", "plan", *_PLAN, "--specificity", "1.5"], "'--specificity': the specificity must be in (0, 1]"),
    (["pooling", "plan", *_PLAN, "--round", "0"], "'--round': the round must be >= 1, got 0"),
    (["pooling", "plan", *_PLAN, "--order", "random"], "'--order': must be 'given', 'largest_first' or"),
    (["pooling", "plan", *_PLAN, "--allocation", "x"], "'--allocation': must be 'proportional' or"),
    (["pooling", "plan", *_PLAN, "--teams", "2.5"], "'--teams': takes N or N@TIME, N a whole number > 0"),
    (["pooling", "plan", *_PLAN, "--lab-tubes-per-day", "-4"], "'--lab-tubes-per-day': takes N or N@TIME"),
    (["clusters", "--max-incubation", "99"], "'--max-incubation': the incubation (days) must be in [1, 60]"),
    (["serve", "--port", "70000"], "'--port': the port must be in [1, 65535], got 70000"),
    (["audit", "--table", "nonsense"], "'--table': unknown table 'nonsense'; expected one of"),
    (["import", "counts", "c.csv", "--sheet", "1"], "'--sheet': a sheet is chosen in an .xlsx file only"),
    # once Typer's min=: 'Input should be greater than or equal to 1', said the same way now
    (["sources", "--top", "0"], "'--top': the number of candidates must be >= 1, got 0"),
    (["sources", "--min-size", "1"], "'--min-size': the smallest cluster must be >= 2, got 1"),
    (["clusters", "--min-size", "0"], "'--min-size': the smallest cluster must be >= 1, got 0"),
    (["audit", "--limit", "-1"], "'--limit': the number of entries must be >= 0, got -1"),
    (["nowcast", "--days", "0"], "'--days': the number of days must be >= 1, got 0"),
    (["nowcast", "--seed", "-5"], "'--seed': the seed must be >= 0, got -5"),
    (["rt", "--seed", "-5"], "'--seed': the seed must be >= 0, got -5"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--batch", "0"], "'--batch': the batch must be >= 1, got 0"),
    (["rt", "--metric", "confirmed_current"], "'--metric': 'confirmed_current' is not a flow metric"),
    (["epicurve", "--metric", "asymptomatic_new", "--metric", "foo"], "'--metric': 'foo' is not a flow metric"),
    (["delete", "counts", "--key", "area=1", "--reason", " "], "'--reason': must not be empty"),
    (["delete", "counts", "--reason", "typo"], "'--key': give either --key FIELD=VALUE ... or --keys FILE"),
    # a file to write with a suffix no writer takes: once exit 1, after the plan was printed
    (["export", "counts", "-o", "c.txt"],
     "'--output': a table is written as .csv, .parquet, .json or .xlsx (by its suffix), not 'c.txt'"),
    (["pooling", "plan", *_PLAN, "-o", "p.txt"],
     "'--output': the daily plan is written as .csv, .parquet or .json (by its suffix), not 'p.txt'"),
    (["calibrate", "kashgar-2020", "-p", "disease.p_severe=0.0:0.5", "--save", "fit.yaml"],
     "'--save': the fitted scenario is written as .toml (by its suffix), not 'fit.yaml'"),
    (["simulate", "kashgar-2020", "-o", "runs.xlsx"],
     "'--output': a results file is written as .nc, .parquet or .csv"),
]  # fmt: skip


@pytest.mark.parametrize("args, said", _SAID_AT_PARSE, ids=[" ".join(a) for a, _ in _SAID_AT_PARSE])
def test_bad_option_values_are_said_at_parse_time_with_their_range(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an empty working directory and no registry: nothing is read before the refusal
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(
        app, args, env={"COLUMNS": "400", "FLAREUP_DB": f"sqlite:///{tmp_path / 'no.db'}"}
    )
    assert res.exit_code == 2, res.output
    text = " ".join(res.output.replace("│", " ").split())
    assert f"Invalid value for {said}" in text
    assert not (tmp_path / "no.db").exists()


def test_growth_loglinear_through_the_cli_is_incidence_fit(daily) -> None:  # type: ignore[no-untyped-def]
    path, df = daily
    res = _run("growth", "-i", str(path), "--method", "loglinear", "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    fit = fit_loglinear(df["value"], df["date"])
    assert rows[0]["r"] == pytest.approx(fit.r, rel=1e-12)
    assert rows[0]["r_lower"] == pytest.approx(fit.r_low, rel=1e-12)
    assert rows[0]["zero_days_dropped"] == int((df["value"] == 0).sum())
    assert rows[0]["date_start"] == "2020-10-01"

    res = _run("growth", "-i", str(path), "--method", "loglinear", "--split", "-f", "csv")
    assert res.exit_code == 0, res.output
    out = pd.read_csv(io.StringIO(res.stdout))
    best = fit_optim_split(df["value"], df["date"])
    assert list(out["part"]) == ["before", "after"]
    assert out["r"].tolist() == pytest.approx([best.before.r, best.after.r], rel=1e-12)

    res = _run("growth", "-i", str(path), "--method", "loglinear", "--window", "7", "-f", "json")
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)) == 40 - 7 + 1

    res = _run("growth", "-i", str(path), "--split")
    assert res.exit_code == 1 and "--method loglinear" in res.stderr

    from flareup.analytics.growth import r_to_R

    res = _run(
        "growth", "-i", str(path), "--method", "loglinear", "--gi-mean", "5", "--gi-sd", "2",
        "-f", "json",
    )  # fmt: skip
    row = json.loads(res.stdout)[0]
    assert row["R"] == pytest.approx(r_to_R(fit.r, 5, 2), rel=1e-12)
    assert row["R_lower"] == pytest.approx(r_to_R(fit.r_low, 5, 2), rel=1e-12)


def test_rt_header_names_the_si_asked_and_why_the_used_one_differs(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    pd.DataFrame({"date": pd.date_range("2020-10-24", periods=3), "value": [3, 6, 9]}).to_csv(
        path, index=False
    )
    res = _run(
        "rt", "-i", str(path), "--si-mean", "4.7", "--si-sd", "2.9", "--t-start", "2",
        "--t-end", "3",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "SI mean 4.70 sd 2.90" in text and "SI mean 0.00" not in text
    assert "cut to the 3-day series" in text
    assert "longer than the 3-day series" in text


def test_pooling_design_json_recommends_a_sensitive_design() -> None:
    res = _run("pooling", "design", "--prevalence", "0.01", "--dilution", "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    best = [r for r in rows if r["recommended"]]
    assert len(best) == 1 and best[0]["relative_sensitivity"] >= 0.95
    # pool sizes as numbers, one column per pooled stage (never text such as "20/5")
    assert "pool_sizes" not in rows[0]
    assert rows[0]["stage1_pool_size"] is None and rows[0]["stage2_pool_size"] is None
    assert "three_stage" in res.stderr  # left out below the floor, and said so
    loose = _run(
        "pooling", "design", "--prevalence", "0.01", "--dilution", "--min-relative-sensitivity",
        "0", "-f", "json",
    )  # fmt: skip
    assert min(r["sensitivity"] for r in json.loads(loose.stdout) if r["recommended"]) < 0.9


def test_pooling_design_csv_and_json_give_each_stage_s_pool_size_as_a_number() -> None:
    args = ("pooling", "design", "--prevalence", "0.01", "--min-relative-sensitivity", "0")
    res = _run(*args, "-f", "csv")
    assert res.exit_code == 0, res.output
    rows = {r["design"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    assert "pool_sizes" not in rows["individual"]
    sizes = {d: (r["stage1_pool_size"], r["stage2_pool_size"]) for d, r in rows.items()}
    assert sizes["individual"] == ("", "")
    k = rows["dorfman"]["pool_size"]
    assert sizes["dorfman"] == (k, "") and k.isdigit()  # 11, not 11.0 nor "11"
    s1, s2 = sizes["three_stage"]
    assert s1.isdigit() and s2.isdigit() and int(s1) > int(s2)
    assert rows["three_stage"]["label"] == f"3-stage {s1}/{s2}"  # the label stays for people
    n1, n2 = sizes["array_master"]
    assert int(n1) == int(n2) ** 2  # a master pool of n^2, then rows and columns of n
    js = {r["design"]: r for r in json.loads(_run(*args, "-f", "json").stdout)}
    assert js["three_stage"]["stage1_pool_size"] == int(s1)
    assert js["three_stage"]["stage2_pool_size"] == int(s2)
    assert js["array"]["stage2_pool_size"] is None


def test_output_file_holds_the_format_its_suffix_names(tmp_path: Path) -> None:
    """``-o results.json`` (without ``-f json``) wrote CSV text into a file named .json: the
    suffix now says what the file holds, .json JSON and .csv CSV, whatever --format; another
    name follows --format (table: CSV)."""
    args = ("pooling", "design", "--prevalence", "0.01")
    for extra, name, kind in (
        ((), "d.json", "json"),
        (("-f", "csv"), "d2.json", "json"),
        (("-f", "json"), "d.csv", "csv"),
        ((), "d.txt", "csv"),
        (("-f", "json"), "d2.txt", "json"),
    ):
        out = tmp_path / name
        res = _run(*args, *extra, "-o", str(out))
        assert res.exit_code == 0, res.output
        text = out.read_text()
        if kind == "json":
            rows = json.loads(text)
            assert isinstance(rows, list) and rows[0]["design"] == "individual", name
        else:
            assert text.startswith("design,label,pool_size,"), name


def test_a_scenario_too_long_empty_or_huge_is_refused_before_running() -> None:
    from flareup.cli.sim_cmds import MAX_DAYS, check_scenario_bounds
    from flareup.errors import ConfigError
    from flareup.sim.scenario import load_scenario

    sc = load_scenario("kashgar-2020")
    check_scenario_bounds(sc)
    huge = type("S", (), {"days": 10_000_000, "file": "x.toml"})()
    with pytest.raises(ConfigError, match=f"between 1 and {MAX_DAYS:,}"):
        check_scenario_bounds(huge)
    year = type("S", (), {"days": 365, "file": "x.toml", "scale": 1.0})()
    with pytest.raises(ConfigError, match="no one to simulate"):
        check_scenario_bounds(year, population=0)
    with pytest.raises(ConfigError, match="more than 100,000,000"):
        check_scenario_bounds(year, population=1e12)
    check_scenario_bounds(year, population=4_496_377)


def test_compiling_message_when_the_kernel_cache_is_cold(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from flareup.cli import sim_cmds

    monkeypatch.setattr(sim_cmds, "kernels_cached", lambda: False)
    sim_cmds.announce_compilation()
    monkeypatch.setattr(sim_cmds, "kernels_cached", lambda: True)
    sim_cmds.announce_compilation()
    err = capsys.readouterr().err
    assert err.count("compiling simulator kernels (first run only") == 1


@pytest.fixture(scope="module")
def kashgar(tmp_path_factory: pytest.TempPathFactory) -> str:
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import TableKind, read_table
    from flareup.registry import Registry

    url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'k.db'}"
    reg = Registry(url)
    f = files()
    for kind in IMPORT_ORDER:
        reg.import_table(read_table(f[kind], TableKind(kind)))  # type: ignore[arg-type]
    reg.close()
    return url


@pytest.mark.parametrize(
    ("args", "date_keys"),
    [
        (["status", "--area", "653121", "--date", "2020-11-01"], ["date", "value_date"]),
        (["disagreements"], ["date"]),
        (["audit", "--limit", "5"], []),
        (["state", "--area", "653121"], ["date"]),
        (["risk", "--area", "653121", "--date", "2020-11-05"], ["date", "next_downgrade"]),
        (["growth", "--area", "653121", "--fill-missing", "zero"], ["date_start", "date_end"]),
    ],
)
def test_json_is_an_array_of_objects_with_iso_dates(kashgar: str, args, date_keys) -> None:  # type: ignore[no-untyped-def]
    res = _run(*args, "--db", kashgar, "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)  # stdout holds the JSON alone (notes go to stderr)
    assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
    keys = set(rows[0])
    assert all(set(r) == keys for r in rows)  # explicit nulls: every key in every row
    for k in date_keys:
        for r in rows:
            v = r[k]
            assert v is None or (isinstance(v, str) and len(v) >= 10 and v[4] == "-"), (k, v)
    text = res.stdout
    assert "NaN" not in text and "Infinity" not in text


def test_state_of_a_township_without_figures_is_no_data_in_risk(kashgar: str) -> None:
    res = _run("risk", "--db", kashgar, "--date", "2020-11-05", "-f", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    nodata = [r for r in rows if r["reason"].startswith("no data")]
    assert nodata and all(r["level"] is None for r in nodata)
    assert all(r["level"] != "low" for r in nodata)
    shufu = next(r for r in rows if r["area"] == "653121")
    assert shufu["level"] in ("medium", "high")
    assert "from the stock of 45 under treatment on 2020-10-28" in shufu["reason"]


#: A command line per date option, before the date a case types into it.
_DATED = [
    ["status", "--date"],
    ["status", "--as-of"],
    ["state", "--date"],
    ["nowcast", "--area", "653121", "--date"],
    ["risk", "--date"],
    ["risk", "--start"],
    ["risk", "--end"],
    ["report", "-o", "r.html", "--date"],
    ["export", "counts", "-o", "e.csv", "--as-of"],
    ["disagreements", "--as-of"],
    ["bulletin", "-", "--published"],
    ["followup", "--date"],
    ["growth", "-i", "missing.csv", "--start"],
    ["growth", "-i", "missing.csv", "--end"],
    ["growth", "-i", "missing.csv", "--method", "loglinear", "--split-at"],
    ["pooling", "plan", *_PLAN[:2], *_PLAN[4:], "--start"],
]


@pytest.mark.parametrize("value", ["2020-13-01", "2020-02-30", "nope", "2999-01-01"])
@pytest.mark.parametrize("args", _DATED, ids=lambda a: " ".join(a[:1] + a[-1:]))
def test_a_malformed_date_typed_in_an_option_is_a_usage_error(
    args: list[str], value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date typed in an option is a usage mistake (exit 2, Typer's message naming the option
    and the reason), said when the command line is parsed: the registry is never opened."""
    monkeypatch.chdir(tmp_path)  # where -o r.html and e.csv would be written
    db = tmp_path / "never.db"
    res = runner.invoke(
        app, [*args, value, "--db", f"sqlite:///{db}"], env={"COLUMNS": "200"}, input=""
    )
    assert res.exit_code == 2, res.output
    assert f"Invalid value for '{args[-1]}'" in res.output, res.output
    said = " ".join(res.output.split())  # Typer's box wraps long lines
    if value == "2999-01-01":
        span = "1900-2200" if args[-1] == "--published" else "1677-2262"
        assert f"'2999-01-01' is outside the dates supported ({span})" in said, said
    elif args[-1] == "--as-of" or args[:2] == ["pooling", "plan"]:  # a moment, not a day
        assert f"not an ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM): {value!r}" in said
    else:
        assert f"not an ISO date (YYYY-MM-DD): {value!r}" in said, said
    assert not db.exists()


def test_date_callbacks_pass_on_the_text_the_commands_took() -> None:
    from flareup.cli.common import iso_date, iso_datetime

    day, moment = iso_date("--date"), iso_datetime("--as-of")
    assert day(None) is None and moment(None) is None
    assert day("2020-10-28") == "2020-10-28"
    assert day(" 2020-10-28T12:30 ") == "2020-10-28"  # a date-time is cut to its day
    # a bare date keeps its text: the registry reads '--as-of 2020-10-28' as that day's end
    assert moment("2020-10-28") == "2020-10-28"
    assert moment("2020-10-28T12:30+08:00") == "2020-10-28T12:30+08:00"
    with pytest.raises(typer.BadParameter, match="not an ISO date or date-time"):
        moment("now")  # pandas reads it; it is no ISO date-time
