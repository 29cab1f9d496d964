"""``flareup pooling design|plan`` and the demo section, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app

runner = CliRunner()


def test_design_table_shows_dorfman_eleven() -> None:
    res = runner.invoke(app, ["pooling", "design", "--prevalence", "0.01"], env={"COLUMNS": "140"})
    assert res.exit_code == 0, res.output
    assert "Dorfman k=11" in res.output and "0.1956" in res.output


def test_design_table_fits_80_columns_uncut() -> None:
    # The boxed table cut its headers at 80 columns ("tests…", "/100,0…").
    res = runner.invoke(app, ["pooling", "design", "--prevalence", "0.001"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines) and "…" not in res.stdout
    assert "person" in res.stdout and "/100,000" in res.stdout
    assert any(line.startswith("* 3-stage 20/4") and "0.0589" in line for line in lines)


def test_design_refuses_where_pooling_does_not_pay() -> None:
    res = runner.invoke(app, ["pooling", "design", "--prevalence", "0.4"])
    assert res.exit_code == 1
    assert "prevalence" in res.output and "0.3066" in res.output


def test_design_flags_unvalidated_pools() -> None:
    res = runner.invoke(
        app,
        ["pooling", "design", "--prevalence", "0.001", "--max-pool", "40"],
        env={"COLUMNS": "160"},
    )
    assert res.exit_code == 0, res.output
    assert "† pools above 20 samples: not validated" in " ".join(res.output.split())
    # at 80 columns: 'unvalidated >20' after each label cut every figure to '1.00…'; a mark
    # and a caption line now, the figures whole
    res = runner.invoke(
        app,
        ["pooling", "design", "--prevalence", "0.001", "--max-pool", "100",
         "--min-relative-sensitivity", "0"],
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines) and "…" not in res.stdout
    assert any(line.startswith("  Dorfman k=32 †") and "0.0628" in line for line in lines)
    assert "† pools above 20 samples: not validated" in res.stdout


def test_plan_summary_says_one_fact_a_line_at_80_columns() -> None:
    # run together, the summary broke inside '(43 h)' at 80 columns
    res = runner.invoke(
        app,
        ["pooling", "plan", "--population", "100000", "--start", "2020-10-24T14:00",
         "--teams", "100", "--lab-tubes-per-day", "20000", "--pool-size", "5",
         "--swabs-per-team-hour", "30"],
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "sampling complete 2020-10-26 20:00 (54 h after the start)" in lines
    assert "all results out 2020-10-27 02:00 (60 h after the start)" in lines
    assert "positives expected 0.0, found 0.0, missed 0.0" in lines


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_plan_with_population_exports(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"plan{suffix}"
    res = runner.invoke(
        app,
        [
            "pooling",
            "plan",
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
            "--prevalence",
            "0.002",
            "-o",
            str(out),
        ],
        env={"COLUMNS": "160"},
    )
    assert res.exit_code == 0, res.output
    assert "sampling complete" in res.output
    if suffix == ".csv":
        df = pd.read_csv(out)
    elif suffix == ".parquet":
        df = pd.read_parquet(out)
    else:
        doc = json.loads(out.read_text())
        df = pd.DataFrame(doc["daily"])
        assert doc["summary"]["pool_size"] == 5
    assert df["people_sampled"].sum() == 20000
    assert (df["tests_run"] <= 1500).all()


def test_plan_bad_capacity_is_a_clean_error() -> None:
    res = runner.invoke(
        app,
        [
            "pooling",
            "plan",
            "--population",
            "100",
            "--start",
            "2021-05-01T08:00",
            "--teams",
            "2",
            "--swabs-per-team-hour",
            "30",
            "--lab-tubes-per-day",
            "0",
            "--pool-size",
            "5",
            "--prevalence",
            "0.01",
        ],
    )
    # a usage mistake said when the command line is parsed (once exit 1, after the parsing)
    assert res.exit_code == 2
    said = " ".join(res.output.replace("│", " ").split())
    assert "Invalid value for '--lab-tubes-per-day': takes N or N@TIME, N a number > 0" in said
    assert "Traceback" not in res.output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"-o": "BLOCKED/plan.csv"}, "field '--output': cannot write"),
        ({"-o": "BLOCKED/plan.json"}, "field '--output': cannot write"),
    ],
)
def test_plan_bad_start_store_and_output_are_clean_errors(
    tmp_path: Path, change: dict[str, str], expected: str
) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    opts = {
        "--population": "100",
        "--start": "2021-05-01T08:00",
        "--teams": "2",
        "--swabs-per-team-hour": "30",
        "--lab-tubes-per-day": "50",
        "--pool-size": "5",
        "--db": f"sqlite:///{tmp_path / 'p.db'}",
    }
    opts |= {k: v.replace("BLOCKED", str(blocker)) for k, v in change.items()}
    res = runner.invoke(app, ["pooling", "plan", *[x for kv in opts.items() for x in kv]])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert expected in res.output


def test_plan_bad_start_is_a_usage_mistake(tmp_path: Path) -> None:
    opts = ["--population", "100", "--start", "bad", "--teams", "2", "--pool-size", "5"]
    res = runner.invoke(app, ["pooling", "plan", *opts, "--db", f"sqlite:///{tmp_path / 'p.db'}"])
    assert res.exit_code == 2, res.output
    assert (
        "Invalid value for '--start'" in res.output and "not an ISO date or date-time" in res.output
    )


def test_plan_empty_store_name_is_a_usage_mistake(tmp_path: Path) -> None:
    """An empty --store NAME would silently skip storing: refused as a usage mistake (exit 2,
    Typer's message), not as bad data (exit 1)."""
    opts = ["--population", "100", "--start", "2021-05-01T08:00", "--teams", "2"]
    opts += ["--swabs-per-team-hour", "30", "--lab-tubes-per-day", "50", "--pool-size", "5"]
    db = f"sqlite:///{tmp_path / 'p.db'}"
    res = runner.invoke(app, ["pooling", "plan", *opts, "--store", "", "--db", db])
    assert res.exit_code == 2, res.output
    assert "Invalid value for '--store'" in res.output and "must not be empty" in res.output


@pytest.fixture
def kashgar_db(tmp_path: Path) -> str:
    registry = pytest.importorskip("flareup.registry")
    tables = pytest.importorskip("flareup.ingest.tables")
    from flareup.data import kashgar_2020

    url = f"sqlite:///{tmp_path / 'k.db'}"
    reg = registry.Registry(url)
    files = kashgar_2020.files()
    for kind in ("areas", "counts", "campaigns"):
        reg.import_table(tables.read_table(files[kind], tables.TableKind(kind)))
    reg.close()
    return url


def test_plan_from_registry_compare_and_store(kashgar_db: str) -> None:
    res = runner.invoke(
        app,
        [
            "pooling",
            "plan",
            "--area",
            "653100",
            "--population",
            "4746500",
            "--start",
            "2020-10-24T14:00",
            "--teams",
            "4110",
            "--lab-tubes-per-day",
            "392000",
            "--pool-size",
            "5",
            "--compare",
            "--store",
            "kashgar-r1",
            "--db",
            kashgar_db,
        ],
        env={"COLUMNS": "160"},
    )
    assert res.exit_code == 0, res.output
    assert "fitted to reported progress" in res.output
    assert "Plan vs reported progress" in res.output
    from flareup.registry import Registry

    reg = Registry(kashgar_db)
    plans = reg.campaign_plans()
    assert list(plans["name"]) == ["kashgar-r1"]
    stored = reg.campaign_plan(int(plans["id"].iloc[0]))
    assert int(stored["people_sampled"].sum()) == 4_746_500
    reg.close()


def test_area_without_population_names_the_area(kashgar_db: str) -> None:
    res = runner.invoke(
        app,
        [
            "pooling",
            "plan",
            "--area",
            "653123",
            "--start",
            "2020-10-24T14:00",
            "--teams",
            "10",
            "--swabs-per-team-hour",
            "30",
            "--lab-tubes-per-day",
            "1000",
            "--pool-size",
            "5",
            "--db",
            kashgar_db,
        ],
    )
    assert res.exit_code == 1
    assert "653123" in res.output and "population" in res.output


def test_demo_section(kashgar_db: str) -> None:
    from rich.console import Console

    from flareup.cli.pooling_cmds import demo_section
    from flareup.registry import Registry

    console = Console(record=True, width=140)
    reg = Registry(kashgar_db)
    demo_section(reg, console)
    reg.close()
    text = console.export_text()
    assert "Plans vs reported progress" in text and "4,746,500" in text
    # plan A finishes all results by 16:00 on the 27th, as reported ("all tested by 17:00")
    assert "all results out 2020-10-27 16:00" in text


def test_plan_with_team_and_lab_schedules(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    res = runner.invoke(
        app,
        [
            "pooling",
            "plan",
            "--population",
            "30000",
            "--start",
            "2021-05-01T14:00",
            "--teams",
            "5",
            "--teams",
            "50@2021-05-02T08:00",
            "--swabs-per-team-hour",
            "30",
            "--lab-tubes-per-day",
            "1000",
            "--lab-tubes-per-day",
            "3000@2021-05-03T00:00",
            "--pool-size",
            "5",
            "--prevalence",
            "0.001",
            "-o",
            str(out),
        ],
        env={"COLUMNS": "160"},
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out).set_index("date")
    # 5 teams x 30 swabs x 8 h (14:00-22:00) on the first day, 50 teams after
    assert df.loc["2021-05-01", "people_sampled"] == 5 * 30 * 8
    assert df.loc["2021-05-02", "tests_run"] <= 1000
    assert df["people_sampled"].sum() == 30000


def test_plan_tables_print_iso_dates_whole_at_80_columns(kashgar_db: str) -> None:
    """The plan tables printed '10-24' and '25 08:00' (no year, the demo's no month either):
    every plan date and time is ISO now, and at 80 columns no figure is cut ('…')."""
    import re

    from rich.console import Console

    from flareup.cli.pooling_cmds import demo_section
    from flareup.registry import Registry

    res = runner.invoke(
        app,
        [
            *("pooling", "plan", "--area", "653100", "--population", "4746500"),
            *("--start", "2020-10-24T14:00", "--teams", "4110", "--lab-tubes-per-day", "392000"),
            *("--pool-size", "5", "--compare", "--db", kashgar_db),
        ],
        env={"COLUMNS": "80"},
    )
    assert res.exit_code == 0, res.output
    console = Console(record=True, width=80)
    reg = Registry(kashgar_db)
    try:
        demo_section(reg, console)
    finally:
        reg.close()
    demo = console.export_text()
    for text in (res.stdout, demo):
        # the table rows: lines with several figures in thousands ('1,215,936')
        rows = [
            ln
            for ln in text.splitlines()
            if len(re.findall(r"\d,\d\d\d\b", ln)) >= 3 and not re.search("[a-z]", ln)
        ]
        assert rows and all(re.match(r"20\d\d-\d\d-\d\d\b", r) for r in rows), rows
        assert "…" not in text
    assert "2020-10-25 08:00" in res.stdout and "2020-10-24  " in res.stdout
    assert "(2020-10-25 14:00 to 2020-10-26 16:00:" in " ".join(demo.split())


def test_design_table_says_what_pays_to_p_means() -> None:
    """The last column, 'pays to p', was nowhere explained: the prevalence up to which the
    design takes fewer tests than testing each person once."""
    res = runner.invoke(app, ["pooling", "design", "--prevalence", "0.01"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    words = " ".join(res.stdout.split())
    assert "pays to p: the prevalence up to which the design needs fewer tests" in words, words
    assert all(len(line) <= 80 for line in res.stdout.splitlines())


def test_plan_compare_says_missing_as_every_table_does(kashgar_db: str) -> None:
    # a result not yet reported printed '-' (every other table prints '—'), the capacity
    # caption was centred under the table (every other caption is left-aligned), and one
    # positive was '1 new positives'
    res = runner.invoke(
        app,
        [
            *("pooling", "plan", "--area", "653100", "--population", "4746500"),
            *("--start", "2020-10-24T14:00", "--teams", "4110", "--lab-tubes-per-day", "392000"),
            *("--pool-size", "5", "--compare", "--db", kashgar_db),
        ],
        env={"COLUMNS": "80"},
    )
    assert res.exit_code == 0, res.output
    first = next(ln for ln in res.stdout.splitlines() if ln.startswith("2020-10-25 08:00"))
    assert first.split()[3:5] == ["308,207", "1,215,936"] and first.split()[5] == "\u2014"
    assert " - " not in res.stdout
    assert any(ln.startswith("laboratory capacity a day: ") for ln in res.stdout.splitlines())
    assert "(1 new positive in the 14 days before 2020-10-24)" in " ".join(res.stdout.split())


def test_plan_json_gives_the_dilution_model_as_numbers(tmp_path: Path) -> None:
    """plan.json's params held the dilution model as its repr text ('DilutionModel(ct=...)'):
    numbers now, as every other parameter."""
    out = tmp_path / "plan.json"
    res = runner.invoke(
        app,
        ["pooling", "plan", "--population", "100000", "--start", "2020-10-24T14:00",
         "--teams", "100", "--lab-tubes-per-day", "20000", "--prevalence", "0.01",
         "--dilution", "--swabs-per-team-hour", "30", "-o", str(out)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    dilution = json.loads(out.read_text())["params"]["dilution"]
    assert isinstance(dilution["limit"], float) and dilution["shift_per_doubling"] == 1.0
    assert dilution["ct"]["means"] == [28.5] and dilution["ct"]["sds"] == [8.4]
