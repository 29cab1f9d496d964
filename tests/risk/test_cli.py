"""``flareup risk`` through the registry, on the bundled Kashgar example."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from flareup.cli import app
from flareup.cli.risk_cmds import demo_section
from flareup.data.kashgar_2020 import IMPORT_ORDER, files
from flareup.ingest.tables import TableKind, read_table
from flareup.registry import Registry


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('risk') / 'k.db'}"
    reg = Registry(url)
    f = files()
    for kind in IMPORT_ORDER:
        reg.import_table(read_table(f[kind], TableKind(kind)))  # type: ignore[arg-type]
    reg.close()
    return url


def test_compare_csv_lists_the_kashgar_findings(db: str, tmp_path: Path) -> None:
    out = tmp_path / "diff.csv"
    res = CliRunner().invoke(
        app, ["risk", "--db", db, "--compare", "--format", "csv", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    diff = pd.read_csv(out, dtype={"area": str})
    first = diff[
        (diff["kind"] == "level")
        & (diff["start"] == "2020-10-26")
        & (diff["official_level"] == "high")
    ]
    assert set(first["area"]) == {"653121100", "653121102", "653121204", "653121205"}
    fast = diff[diff["kind"] == "downgrade_faster"]
    assert {"653121100", "653121102", "653121204", "653121205"} <= set(fast["area"])


def test_date_json_map_table(db: str) -> None:
    res = CliRunner().invoke(
        app, ["risk", "--db", db, "--date", "2020-10-27", "--area", "653121", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    rows = pd.read_json(io.StringIO(res.stdout), dtype={"area": str})  # notes go to stderr
    assert len(rows) == 16  # Shufu and its 15 township-level units
    assert set(rows["level"]) == {"medium"}
    assert rows["next_downgrade"].notna().all()


@pytest.mark.parametrize("extra", [[], ["--date", "2020-10-27"]])
def test_csv_names_the_area_code_area_with_or_without_date(db: str, extra: list[str]) -> None:
    """One column name for an area's code, so a script reading ``area`` works in both modes."""
    res = CliRunner().invoke(app, ["risk", "--db", db, "--area", "653121", "-f", "csv", *extra])
    assert res.exit_code == 0, res.output
    rows = pd.read_csv(io.StringIO(res.stdout), dtype={"area": str})
    assert rows.columns[0] == "area" and "code" not in rows.columns
    assert "653121" in set(rows["area"])
    # and the tables for people head the codes 'area' too (with --date they said 'code')
    for width in ("80", "200"):
        table = CliRunner().invoke(
            app, ["risk", "--db", db, "--area", "653121", *extra], env={"COLUMNS": width}
        )
        assert table.exit_code == 0, table.output
        head = next(
            line for line in table.stdout.splitlines() if "name" in line and "level" in line
        )
        assert head.strip(" ┃│").split()[0] == "area" and "code" not in head, head


def test_store_keeps_computed_apart_from_official(db: str) -> None:
    res = CliRunner().invoke(app, ["risk", "--db", db, "--store", "--area", "653121"])
    assert res.exit_code == 0, res.output
    reg = Registry(db)
    try:
        computed = reg.designations(rule_set="china-2020")
        official = reg.designations(rule_set="official")
    finally:
        reg.close()
    assert (
        len(official) == 41
        and (official["rule_version"].isna() | (official["rule_version"] == "")).all()
    )
    assert len(computed) > 0 and set(computed["rule_version"]) == {"2020.1"}
    assert computed["area"].str.startswith("653121").all()  # only the --area subtree
    assert computed["reason"].str.endswith(("low", "medium", "high")).all()


def test_broken_rule_file_exits_1_naming_file_and_key(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    text = (Path(__file__).parents[2] / "src/flareup/risk/rules/china-2020.toml").read_text("utf-8")
    bad.write_text(text.replace("quiet_days = 14", 'quiet_days = "14"'), encoding="utf-8")
    res = CliRunner().invoke(app, ["risk", "--db", db, "--rules", str(bad), "--format", "csv"])
    assert res.exit_code == 1
    assert "bad.toml" in res.output and "stepdown.quiet_days" in res.output
    assert "level" not in res.output.split("error")[0]  # nothing classified before the error


def test_demo_section_prints_the_comparison(db: str) -> None:
    buf = io.StringIO()
    reg = Registry(db)
    try:
        demo_section(reg, Console(file=buf, width=200))
    finally:
        reg.close()
    text = buf.getvalue()
    for name in ("Zhanmin Township", "Tuokezhake Town", "Wukusake Town", "Sayibage Township"):
        assert name in text
    assert "Tokzak" not in text  # one name per place: the tables' and the map's
    assert "asymptomatic" in text and "downgrade faster" in text and "2020-12-03" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b"\xc9\xff\x00garbage", "not UTF-8"),
        (b"area,date\n999999,2020-10-25\n", "row 1, field 'area': unknown area code '999999'"),
        (b"area,date\n653121,2020-13-45\n", "row 1, field 'date': not an ISO date"),
    ],
)
def test_bad_cluster_file_is_a_clean_error(
    db: str, tmp_path: Path, content: bytes, expected: str
) -> None:
    bad = tmp_path / "clusters.csv"
    bad.write_bytes(content)
    res = CliRunner().invoke(app, ["risk", "--db", db, "--clusters", str(bad)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "clusters.csv" in res.output and expected in res.output
    res = CliRunner().invoke(app, ["risk", "--db", db, "--clusters", str(tmp_path / "no.csv")])
    assert res.exit_code == 1 and "no.csv: cannot read file" in res.output


def test_binary_rule_file_and_unwritable_output_are_clean_errors(db: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_bytes(b"\xc9\xff\x00")
    res = CliRunner().invoke(app, ["risk", "--db", db, "--rules", str(rules)])
    assert res.exit_code == 1 and "rules.toml: not UTF-8 text" in res.output
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    res = CliRunner().invoke(
        app, ["risk", "--db", db, "--format", "csv", "-o", str(blocker / "out.csv")]
    )
    assert res.exit_code == 1
    assert "field '--output': cannot write" in res.output


def test_far_date_and_missing_output_folder_change_nothing(db: str, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["risk", "--db", db, "--date", "2999-01-01"])
    assert res.exit_code == 2  # a usage mistake, said before anything is read
    said = " ".join(res.output.split())
    assert "Invalid value for '--date': '2999-01-01' is outside the dates supported" in said
    reg = Registry(db)
    try:
        before = len(reg.designations())
    finally:
        reg.close()
    res = CliRunner().invoke(
        app,
        ["risk", "--db", db, "--store", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")],
    )
    assert res.exit_code == 1 and "field '--output': cannot write" in res.output
    reg = Registry(db)
    try:
        assert len(reg.designations()) == before  # --store did not run
    finally:
        reg.close()


@pytest.mark.parametrize("columns", ["80", "160"])
def test_map_table_reads_at_the_terminal_width(db: str, columns: str) -> None:
    # At 80 columns the reason, as a fifth column, folded into slivers of 16 characters (a
    # dozen lines an area); narrow terminals get one line an area and the reason beneath it.
    from flareup.cli.risk_cmds import MAP_WIDE

    res = CliRunner().invoke(
        app,
        ["risk", "--db", db, "--date", "2020-10-27", "--area", "653121"],
        env={"COLUMNS": columns},
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    (shufu,) = [line for line in lines if line.startswith("653121 ") or "│ 653121 " in line]
    # named as the dashboard and ``status`` name it (the romanised 'Shufu Xian' read as another
    # area beside them)
    assert "Shufu County" in shufu and "medium" in shufu and "2020-11-10" in shufu
    if int(columns) >= MAP_WIDE:
        assert "│" in shufu and "confirmed in 14 days" in shufu
    else:
        below = lines[lines.index(shufu) + 1]
        assert below.startswith("    5 confirmed in 14 days")
        assert sum(line[:1].isdigit() for line in lines) == 16  # one line per area


def test_store_with_csv_keeps_stdout_to_the_results(tmp_path: Path) -> None:
    # 'stored N designations ...' was printed on stdout before the CSV: a reader took it for
    # the header. It goes to stderr now, and a second --store says nothing new was stored.
    url = f"sqlite:///{tmp_path / 'k.db'}"
    reg = Registry(url)
    try:
        for kind in IMPORT_ORDER:
            reg.import_table(read_table(files()[kind], TableKind(kind)))  # type: ignore[arg-type]
    finally:
        reg.close()
    args = ["risk", "--db", url, "--store", "--area", "653121", "--date", "2020-10-28"]
    first = CliRunner().invoke(app, [*args, "-f", "csv"])
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[0].startswith("area,name_en,")
    rows = pd.read_csv(io.StringIO(first.stdout), dtype={"area": str})
    assert len(rows) == 16 and set(rows["level"]) == {"medium"}  # Shufu and its 15 townships
    reg = Registry(url)
    try:
        n = len(reg.designations(rule_set="china-2020"))
    finally:
        reg.close()
    assert n > 0
    said = " ".join(first.stderr.split())
    assert f"stored {n} designations as rule set china-2020@2020.1 (not official)" in said
    again = CliRunner().invoke(app, [*args, "-f", "json"])
    assert again.stdout.lstrip().startswith("[")
    assert (
        f"stored 0 designations as rule set china-2020@2020.1 (not official); {n} already "
        "stored" in " ".join(again.stderr.split())
    )


def test_an_unknown_area_is_said_as_the_other_commands_say_it(db: str) -> None:
    res = CliRunner().invoke(app, ["risk", "--db", db, "--area", "999999"])
    assert res.exit_code == 1
    assert "error: area '999999' is not in the registry" in res.output


def test_no_next_downgrade_is_said_with_the_dash_of_every_table(db: str) -> None:
    res = CliRunner().invoke(
        app, ["risk", "--db", db, "--date", "2020-10-28"], env={"COLUMNS": "80"}
    )
    assert res.exit_code == 0, res.output
    aketao = next(ln for ln in res.stdout.splitlines() if ln.startswith("653022"))
    assert aketao.split()[-2:] == ["low", "\u2014"]  # was '-'


def test_an_empty_registry_is_said_as_state_says_it(tmp_path: Path) -> None:
    # '<counts>, field 'metric': no counts of asymptomatic_new, ... and no start date given'
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    Registry(url).close()
    res = CliRunner().invoke(app, ["risk", "--db", url])
    assert res.exit_code == 1
    said = " ".join(res.output.split())
    assert "error: the registry holds no counts; import some first (or run flareup demo)" in said
    assert "<counts>" not in said
