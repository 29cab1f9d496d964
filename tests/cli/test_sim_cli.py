"""``flareup simulate`` / ``flareup calibrate`` through Typer's CliRunner, at a small scale."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app
from flareup.data import kashgar_2020
from flareup.ingest.tables import TableKind, read_table
from flareup.registry import Registry

runner = CliRunner()


def test_list_bundled_scenarios() -> None:
    res = runner.invoke(app, ["simulate", "--list"])
    assert res.exit_code == 0, res.output
    for name in ("kashgar-2020", "kashgar-2020-no-tracing", "kashgar-2020-individual-tests"):
        assert name in res.output


def test_list_bundled_scenarios_in_csv_and_json() -> None:
    """``simulate --list -f csv`` printed the box-drawn table: --format was ignored."""
    import io
    import json

    res = runner.invoke(app, ["simulate", "--list", "-f", "csv"])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(io.StringIO(res.stdout))
    assert list(frame.columns) == ["name", "description", "file"]
    assert "kashgar-2020" in set(frame["name"])
    res = runner.invoke(app, ["simulate", "--list", "--format", "json"])
    rows = json.loads(res.stdout)
    assert {"kashgar-2020", "kashgar-2020-no-tracing"} <= {r["name"] for r in rows}
    assert all(r["file"].endswith(".toml") for r in rows)


def test_simulate_small_scale_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "runs.parquet"
    res = runner.invoke(
        app,
        [
            "simulate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--runs",
            "2",
            "--workers",
            "1",
            "--seed",
            "3",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "infections" in res.output and "tests used" in res.output
    frame = pd.read_parquet(out)
    assert set(frame["run"]) == {0, 1}
    assert {"scenario", "area", "date", "metric", "value"} <= set(frame.columns)
    assert frame["date"].min() == pd.Timestamp("2020-09-15")
    # Same seed, same numbers.
    out2 = tmp_path / "again.csv"
    res2 = runner.invoke(
        app,
        [
            "simulate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--runs",
            "2",
            "--workers",
            "1",
            "--seed",
            "3",
            "--out",
            str(out2),
        ],
    )
    assert res2.exit_code == 0, res2.output
    again = pd.read_csv(out2)
    assert frame["value"].sum() == again["value"].sum()
    # -o FILE.csv takes --excel-bom as every result command's does (one option, one rule)
    marked = tmp_path / "excel.csv"
    args = ["simulate", "kashgar-2020", "--scale", "0.01", "--runs", "2", "--workers", "1"]
    res3 = runner.invoke(app, [*args, "--seed", "3", "-o", str(marked), "--excel-bom"])
    assert res3.exit_code == 0, res3.output
    assert marked.read_bytes() == b"\xef\xbb\xbf" + out2.read_bytes()
    assert not out2.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.glob(".*.tmp"))  # written beside and renamed
    for extra in (["--excel-bom", "-o", str(tmp_path / "r.parquet")], ["--excel-bom"]):
        bad = runner.invoke(app, [*args, *extra])
        assert bad.exit_code == 2 and "Invalid value for '--excel-bom'" in bad.output, extra


def test_bad_scenario_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[sim]\nstart = 2020-10-01\ndays = 10\nspeed = 3\n")
    res = runner.invoke(app, ["simulate", str(bad)])
    assert res.exit_code == 1
    assert "bad.toml" in res.output and "sim.speed" in res.output
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["simulate"])
    assert res.exit_code == 2 and "--list" in res.output  # no scenario: a usage mistake


def test_observed_beside_simulated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reg.db'}"
    reg = Registry(url)
    files = kashgar_2020.files()
    for kind in ("areas", "counts"):
        reg.import_table(read_table(files[kind], TableKind(kind)))
    reg.close()
    res = runner.invoke(
        app,
        [
            "simulate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--workers",
            "1",
            "--observed",
            "--db",
            url,
        ],
    )
    assert res.exit_code == 0, res.output
    assert "registry" in res.output
    assert "653121" in res.output and "asymptomatic_new" in res.output


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_calibrate_runs_and_reports(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    pd.DataFrame(
        {
            "area": ["653121"] * 3,
            "date": ["2020-10-25", "2020-10-26", "2020-10-27"],
            "metric": ["asymptomatic_new"] * 3,
            "value": [1, 3, 2],
        }
    ).to_csv(counts, index=False)
    res = runner.invoke(
        app,
        [
            "calibrate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--trials",
            "2",
            "--counts",
            str(counts),
            "-p",
            "factory-introduction.per_day=0.0:2.0",
        ],
    )
    # by type, not name: a usage mistake said when the command line is parsed (exit 2)
    assert res.exit_code == 2 and "factory-introduction" in res.output, res.output
    res = runner.invoke(
        app,
        [
            "calibrate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--trials",
            "2",
            "--counts",
            str(counts),
            "-p",
            "importation.per_day=0.0:2.0",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "importation.per_day" in res.output


@pytest.mark.parametrize(
    ("content", "extra", "expected"),
    [
        (b"", [], "counts.csv: file is empty"),
        (b"\xc9\xff\x00", [], "counts.csv: not UTF-8 text"),
        (
            b"area,date,metric,value\n653121,2020-10-25,asymptomatic_new,nan\n",
            [],
            "counts.csv, row 1, field 'value': not a number",
        ),
    ],
)
def test_calibrate_bad_counts_and_options_are_clean_errors(
    tmp_path: Path, content: bytes, extra: list[str], expected: str
) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_bytes(content)
    res = runner.invoke(
        app,
        [
            "calibrate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--trials",
            "1",
            "--counts",
            str(counts),
            "-p",
            "importation.per_day=0.0:2.0",
            *extra,
        ],
    )
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert expected in res.output


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--seed", "-1"], "Invalid value for '--seed': the seed must be >= 0, got -1"),
        (
            ["--family", "negbin", "--dispersion", "nan"],
            "Invalid value for '--dispersion': the size k must be > 0, got nan",
        ),
    ],
)
def test_calibrate_bad_options_are_usage_mistakes_before_the_counts_are_read(
    tmp_path: Path, extra: list[str], expected: str
) -> None:
    # (once exit 1 after the counts were read and the scenario loaded)
    res = runner.invoke(
        app,
        ["calibrate", "kashgar-2020", "--counts", str(tmp_path / "none.csv"),
         "-p", "importation.per_day=0.0:2.0", *extra],
    )  # fmt: skip
    assert res.exit_code == 2, res.output
    assert expected in " ".join(res.output.replace("│", " ").split())


def test_simulate_bad_output_is_refused_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    res = runner.invoke(
        app,
        [
            "simulate",
            "kashgar-2020",
            "--scale",
            "0.01",
            "--workers",
            "1",
            "-o",
            str(blocker / "runs.csv"),
        ],
    )
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert "field '--output': cannot write" in res.output
    res = runner.invoke(app, ["simulate", "kashgar-2020", "-o", str(tmp_path / "runs.xlsx")])
    assert res.exit_code == 2, res.output  # said at parse time, before the runs
    said = " ".join(res.output.replace("│", " ").split())
    assert (
        "Invalid value for '--output': a results file is written as .nc, .parquet or .csv" in said
    )
    res = runner.invoke(
        app, ["simulate", "kashgar-2020", "--scale", "0.01", "--workers", "1", "--seed", "-1"]
    )
    assert res.exit_code == 2, res.output  # a usage mistake, said before anything runs
    assert "Invalid value for '--seed': the seed must be >= 0, got -1" in res.output


def test_one_run_shows_a_value_not_a_90_percent_interval() -> None:
    """``simulate`` (one run, the default) printed a '90% interval' of '5 – 5' for every
    quantity: a spread of zero where there is no spread to know."""
    from rich.console import Console

    from flareup.cli.sim_cmds import summary_table

    summary = pd.DataFrame(
        {
            "scenario": ["s"],
            "quantity": ["infections"],
            "median": [5.0],
            "low": [5.0],
            "high": [5.0],
        }
    )
    con = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    con.print(summary_table(summary, "s: 1 run(s)", runs=1))
    one = con.export_text()
    assert "90% interval" not in one and "5 – 5" not in one and "value" in one
    con.print(summary_table(summary.assign(low=3.0, high=8.0), "s: 8 run(s)", runs=8))
    many = con.export_text()
    assert "90% interval" in many and "3 – 8" in many


def test_a_config_error_with_no_file_names_no_placeholder(tmp_path: Path) -> None:
    # 'error: <config>, key ...': the placeholder named nothing the user typed
    counts = tmp_path / "counts.csv"
    counts.write_text("area,date,metric,value\n653121,2020-10-25,asymptomatic_new,1\n")
    res = runner.invoke(
        app,
        ["calibrate", "kashgar-2020", "--scale", "0.01", "--trials", "1", "--scheduler", "serial",
         "--counts", str(counts), "-p", "intervention[99].per_day=0.0:2.0"],
    )  # fmt: skip
    # a well-formed name the scenario does not have: said when the scenario is loaded (an
    # unknown name is refused earlier, when the command line is parsed: test_contract_cases)
    assert res.exit_code == 1, res.output
    said = " ".join(res.output.split())
    assert "error: key 'intervention[99].per_day': the scenario has" in said, said
    assert "<config>" not in res.output


def test_simulate_without_a_scenario_is_a_usage_mistake() -> None:
    res = runner.invoke(app, ["simulate"])
    assert res.exit_code == 2, res.output  # was exit 1, as if it were bad data
    said = " ".join(res.output.replace("│", " ").split())
    assert "Invalid value for 'SCENARIO': give a scenario name or file" in said


def test_calibrate_takes_the_option_names_of_the_other_commands(tmp_path: Path) -> None:
    # -n for --runs as simulate has it; -i/--input for the counts file as rt/growth/epicurve
    empty = tmp_path / "c.csv"
    empty.write_text("")
    for flag in ("--counts", "--input", "-i"):
        res = runner.invoke(
            app,
            ["calibrate", "kashgar-2020", flag, str(empty), "-p", "importation.per_day=0.0:2.0"],
        )
        assert res.exit_code == 1 and "c.csv: file is empty" in res.output, (flag, res.output)
    res = runner.invoke(app, ["calibrate", "kashgar-2020", "-n", "0", "-p", "a=1:2"])
    assert res.exit_code == 2 and "Invalid value for '--runs'" in res.output


def test_scheduler_is_one_option_with_one_parser() -> None:
    """``simulate --scheduler`` took only an address while ``calibrate --scheduler`` also took
    'local' and 'serial': one option now (cli/common.py), the same values and executors for
    both; simulate's old ``--dask`` stays, hidden, as ``--scheduler local``."""
    from flareup.cli.common import executor_for, scheduler_option

    assert executor_for(None, "process") == "process"  # left out: the command's default
    assert executor_for("local", "process") == "dask"
    assert executor_for("serial", "dask") == "serial"
    assert executor_for("tcp://10.0.0.1:8786", "dask") == "tcp://10.0.0.1:8786"
    assert scheduler_option("tcp://h:1") == "tcp://h:1" and scheduler_option(None) is None
    for cmd in (["simulate"], ["calibrate", "kashgar-2020"]):
        res = runner.invoke(app, [*cmd, "--help"], env={"COLUMNS": "200"})
        text = " ".join(res.output.split())
        assert "'local' (a Dask LocalCluster of worker processes), 'serial'" in text, text
        assert "--dask" not in text
    res = runner.invoke(app, ["simulate", "kashgar-2020", "--dask", "--scheduler", "serial"])
    assert res.exit_code == 2 and "--dask is --scheduler local" in res.output, res.output
