"""The registry commands through Typer's CliRunner: import, export, status, disagreements,
demo."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from flareup.cli import app, common, registry_cmds
from flareup.data.kashgar_2020 import IMPORT_ORDER, files
from flareup.registry import Registry
from flareup.schema import METRIC_NAMES

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """Rich tables wide enough that no cell is cut."""
    with pytest.MonkeyPatch.context() as mp:
        # the private attribute, so that the width goes back to following $COLUMNS (setting
        # .width back to its old value would pin it for every later test)
        mp.setattr(common.console, "_width", 250)
        mp.setattr(common.err_console, "_width", 250)
        yield


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def bundled(kind: str) -> str:
    p = files()[kind]
    assert isinstance(p, Path)
    return str(p)


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args), env={"FLAREUP_DB": ""})


def load(db: str) -> None:
    for kind in IMPORT_ORDER:
        r = runner.invoke(app, ["import", kind, bundled(kind), "--db", db])
        assert r.exit_code == 0, r.output


def _cells(line: str) -> list[str]:
    """The cells of a row of a borderless table (two or more spaces between columns)."""
    return re.split(r"\s{2,}", line.strip())


def test_registry_tables_fit_80_columns_uncut(db: str) -> None:
    load(db)
    reg = Registry(db)
    try:
        con = Console(width=80, record=True, color_system=None)
        con.print(registry_cmds.positives_table(reg))
        con.print(registry_cmds.status_table(reg, "653100", date="2020-11-16"))
        con.print(registry_cmds.disagreements_table(reg))
        con.print(registry_cmds.provenance_table(reg, "650000"))
    finally:
        reg.close()
    out = con.export_text()
    assert "…" not in out  # no header, metric name, area or host cut
    assert max(len(ln) for ln in out.splitlines()) <= 80
    heads = [ln.split() for ln in out.splitlines()[1:3]]
    assert heads[0] == ["new", "new", "conf", "sev", "asym", "pos"]
    assert heads[1] == ["date", "area", "conf", "recl", "asym", "now", "now", "now", "now"]
    for metric in ("asymptomatic_current", "reclassified_new", "confirmed_current"):
        assert sum(ln.startswith(metric + " ") for ln in out.splitlines()) >= 2
    assert "Kashgar Prefecture  2020-10-27  asymptomatic_current" in out  # one line per row


def test_import_good_files_then_idempotent(db: str) -> None:
    r = runner.invoke(app, ["import", "areas", bundled("areas"), "--db", db])
    assert r.exit_code == 0, r.output
    assert "31 inserted, 0 unchanged, 0 superseded" in r.output
    r = runner.invoke(app, ["import", "counts", bundled("counts"), "--db", db])
    assert "53 inserted, 0 unchanged, 0 superseded" in r.output
    r = runner.invoke(app, ["import", "counts", bundled("counts"), "--db", db])
    assert r.exit_code == 0
    assert "already imported, nothing to do (53 rows unchanged)" in r.output


def test_bad_file_lists_every_problem_and_changes_nothing(db: str, tmp_path: Path) -> None:
    load(db)
    reg = Registry(db)
    before = reg.counts(policy="all").drop(columns="recorded_at")
    reg.close()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "area,date,metric,value\n653121,2020-10-30,confirmed_new,-4\n"
        "653121,2020-10-30,cases,3\n653121,2099-01-01,deaths_new,1\n"
    )
    r = runner.invoke(app, ["import", "counts", str(bad), "--db", db])
    assert r.exit_code == 1
    assert "3 problems found; nothing was imported" in r.output
    assert f"{bad}, row 1, field 'value': negative count" in r.output
    assert f"{bad}, row 2, field 'metric': unknown metric 'cases'; known metrics:" in r.output
    assert f"{bad}, row 3, field 'date': date in the future" in r.output
    assert "Traceback" not in r.output
    # unknown area: caught by the store, still no change
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(
        "area,date,metric,value\n653121,2020-10-30,confirmed_new,4\n"
        "999999,2020-10-30,confirmed_new,3\n"
    )
    r = runner.invoke(app, ["import", "counts", str(unknown), "--db", db])
    assert r.exit_code == 1 and "row 2" in r.output and "'area'" in r.output
    reg = Registry(db)
    after = reg.counts(policy="all").drop(columns="recorded_at")
    reg.close()
    pd.testing.assert_frame_equal(before, after)


def test_problems_file_and_unreadable_file(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("area,date,metric,value\n" + "1,2020-01-01,deaths_new,-1\n" * 3)
    out = tmp_path / "problems.csv"
    r = runner.invoke(app, ["import", "counts", str(bad), "--db", db, "--problems", str(out)])
    assert r.exit_code == 1
    listed = pd.read_csv(out)
    assert listed["row"].tolist() == [1, 2, 2, 3, 3] or set(listed["row"]) == {1, 2, 3}
    r = runner.invoke(app, ["import", "counts", str(tmp_path / "none.csv"), "--db", db])
    assert r.exit_code == 1 and "none.csv" in r.output
    r = runner.invoke(app, ["import", "patients", str(bad), "--db", db])
    assert r.exit_code == 2  # not a table kind: a usage error


def test_correction_supersedes_and_as_of_shows_the_old_value(db: str, tmp_path: Path) -> None:
    load(db)
    time.sleep(0.01)
    before_fix = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    time.sleep(0.01)
    fix = tmp_path / "fix.csv"
    fix.write_text(
        "area,date,metric,value,source\n"
        "653121,2020-10-28,confirmed_current,46,"
        "https://ycpai.ycwb.com/ycppad/content/2020-10/29/content_1250003.html\n"
    )
    r = runner.invoke(app, ["import", "counts", str(fix), "--db", db])
    assert r.exit_code == 0, r.output
    assert "0 inserted, 0 unchanged, 1 superseded" in r.output
    now = runner.invoke(app, ["status", "--area", "653121", "--date", "2020-10-28", "--db", db])
    old = runner.invoke(
        app,
        ["status", "--area", "653121", "--date", "2020-10-28", "--as-of", before_fix, "--db", db],
    )
    assert now.exit_code == 0 and old.exit_code == 0, old.output

    def value(out: str) -> str:
        line = next(ln for ln in out.splitlines() if "confirmed_current" in ln)
        return _cells(line)[1]

    assert value(now.output) == "46"
    assert value(old.output) == "45"


def test_status_aggregates_shufu_into_kashgar(db: str) -> None:
    load(db)
    r = runner.invoke(app, ["status", "--area", "653100", "--date", "2020-10-28", "--db", db])
    assert r.exit_code == 0, r.output
    line = next(ln for ln in r.output.splitlines() if "confirmed_new" in ln)
    cells = _cells(line)
    # Kashgar's own figures hold no confirmed_new: 23 on 10-28, 5 + 23 = 28 in all, from Shufu
    assert cells[1:4] == ["23", "2020-10-28", "28"]
    assert "sum of 653121" in line
    r = runner.invoke(app, ["status", "--db", db, "--date", "2020-11-16"])
    assert (
        r.exit_code == 0
        and "Xinjiang" in r.output
        and "Kizilsu" not in r.output.split("Xinjiang")[0]
    )
    r = runner.invoke(app, ["status", "--area", "nope", "--db", db])
    assert r.exit_code == 1 and "nope" in r.output


def test_status_titles_name_areas_as_the_state_table_does(db: str) -> None:
    """The title read 'Shufu Xian (653121, county)' (the pinyin 'Xian' is 'County') beside
    'Kashi Diqu (Kashgar Prefecture) (653100, prefecture)': both in the words of ``state``."""
    load(db)
    r = runner.invoke(app, ["status", "--area", "653121", "--date", "2020-10-28", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Shufu County (653121, county) on 2020-10-28" in r.output
    assert "Xian" not in r.output
    r = runner.invoke(app, ["status", "--area", "653100", "--date", "2020-10-28", "--db", db])
    assert "Kashgar Prefecture (653100, prefecture) on 2020-10-28" in r.output, r.output


def test_status_csv_and_json_give_counts_as_whole_numbers(db: str) -> None:
    """``status -f csv`` wrote 'cumulative' as 28.0 (and JSON 28.0) beside a value of 23: a
    count column with a blank (stocks have no cumulative) turned float."""
    import json

    load(db)
    args = ["status", "--area", "653100", "--date", "2020-10-28", "--db", db]
    r = runner.invoke(app, [*args, "-f", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    new = next(x for x in rows if x["metric"] == "confirmed_new")
    assert (new["value"], new["cumulative"]) == ("23", "28")
    stock = next(x for x in rows if x["metric"] == "confirmed_current")
    assert stock["cumulative"] == ""
    recs = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    new_j = next(x for x in recs if x["metric"] == "confirmed_new")
    assert new_j["cumulative"] == 28 and isinstance(new_j["cumulative"], int)
    assert next(x for x in recs if x["metric"] == "confirmed_current")["cumulative"] is None


def test_audit_keeps_the_name_of_the_imported_file(db: str) -> None:
    """The audit log cut 'file=' to its first 32 characters ('file=/work/main/src/flareup/
    data/kas…'): the one part that says which file was imported was the part cut off."""
    load(db)
    r = runner.invoke(app, ["audit", "--limit", "1", "--db", db])
    assert r.exit_code == 0, r.output
    assert "campaigns.csv" in r.output and "file=…" in r.output
    assert registry_cmds._cut_value("https://www.example.org/a/very/long/path/to/an/article") == (
        registry_cmds._short("https://www.example.org/a/very/long/path/to/an/article", 32)
    )
    assert registry_cmds._cut_value("x" * 40) == "x" * 31 + "…"


def test_a_bad_option_is_named_as_typed_without_a_placeholder(db: str) -> None:
    """'error: <input>, field '--date': not an ISO date' named a '<input>' the user never
    typed; the message names the option alone. Errors in a file still name file, row and field."""
    load(db)
    r = runner.invoke(app, ["status", "--date", "2020-13-01", "--db", db])
    assert r.exit_code == 2 and "<input>" not in r.stderr  # a usage mistake
    said = " ".join(r.stderr.split())
    assert "Invalid value for '--date': not an ISO date (YYYY-MM-DD): '2020-13-01'" in said
    r = runner.invoke(app, ["status", "--date", "1999-01-01", "--db", db])
    assert r.exit_code == 0  # a day before the registry's first figure is no usage mistake
    r = runner.invoke(app, ["delete", "counts", "--reason", "x", "--key", "area653121", "--db", db])
    assert r.exit_code == 2 and "<input>" not in r.stderr  # a usage mistake
    assert "Invalid value for '--key'" in r.stderr and "got 'area653121'" in r.stderr


def test_export_round_trip(db: str, tmp_path: Path) -> None:
    load(db)
    for kind in IMPORT_ORDER:
        out = tmp_path / f"{kind}.parquet"
        r = runner.invoke(app, ["export", kind, "-o", str(out), "--db", db])
        assert r.exit_code == 0, r.output
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    for kind in IMPORT_ORDER:
        r = runner.invoke(app, ["import", kind, str(tmp_path / f"{kind}.parquet"), "--db", fresh])
        assert r.exit_code == 0, r.output
    a, b = Registry(db), Registry(fresh)
    cols = ["area", "date", "metric", "value", "qualifier", "source_title"]

    def rows(r: Registry) -> pd.DataFrame:
        return r.counts(policy="all")[cols].sort_values(cols).reset_index(drop=True)

    pd.testing.assert_frame_equal(rows(a), rows(b))
    a.close()
    b.close()


def test_disagreements_command(db: str) -> None:
    load(db)
    r = runner.invoke(app, ["disagreements", "--db", db])
    assert r.exit_code == 0
    rows = [ln for ln in r.output.splitlines() if "2020-10-27" in ln]
    assert len(rows) == 4
    assert any("22" in ln and "vanguardngr" in ln and "✔" not in ln for ln in rows)


def _fake_sections(monkeypatch: pytest.MonkeyPatch, sections: dict[str, object]) -> None:
    """Replace the other groups' demo sections (their own tests cover them)."""

    class Module:
        def __init__(self, fn: object) -> None:
            self.demo_section = fn

    real = registry_cmds.importlib.import_module

    def fake_import(name: str, package: str | None = None) -> object:
        short = name.rsplit(".", 1)[-1]
        return Module(sections[short]) if short in sections else real(name, package)

    monkeypatch.setattr(registry_cmds, "DEMO_SECTION_MODULES", tuple(sections))
    monkeypatch.setattr(registry_cmds.importlib, "import_module", fake_import)


def test_demo_runs_and_shows_the_kashgar_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    _fake_sections(monkeypatch, {"analytics_cmds": lambda reg, con: calls.append(reg.url)})
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    for _ in range(2):  # a second run into the same demo database: nothing doubled
        r = runner.invoke(app, ["demo", "--db", db])
        assert r.exit_code == 0, r.output
    out = r.output
    assert "imported counts" in out and "53 rows" in out
    # the official figures of 2020-10-28 and the AFP figures of 2020-10-27
    line28 = next(ln for ln in out.splitlines() if ln.startswith("2020-10-28"))
    assert _cells(line28)[2:8] == ["23", "23", "0", "45", "3", "138"]
    dis = [ln for ln in out.split("Sources that disagree")[1].splitlines() if "2020-10-27" in ln]
    assert any("161" in ln and "vanguardngr" in ln for ln in dis)
    assert any("22" in ln and "vanguardngr" in ln for ln in dis)
    assert "183" in out
    assert "Where the latest figures came from" in out
    assert len(calls) == 2  # the other groups' sections are called


def test_demo_reports_a_broken_section_and_runs_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def broken(reg: Registry, con: object) -> None:
        raise RuntimeError("boom")

    _fake_sections(
        monkeypatch, {"risk_cmds": broken, "pooling_cmds": lambda reg, con: calls.append("pooling")}
    )
    r = runner.invoke(app, ["demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}"])
    assert r.exit_code == 1
    assert "demo section of risk_cmds failed: RuntimeError: boom" in r.output
    assert calls == ["pooling"]


# ---------------------------------------------------------------------------- delete / audit

KEY_28 = ["--key", "area=653121", "--key", "date=2020-10-28", "--key", "metric=confirmed_current"]


def _exported(db: str, path: Path, *extra: str) -> pd.DataFrame:
    r = runner.invoke(app, ["export", "counts", "-o", str(path), "--db", db, *extra])
    assert r.exit_code == 0, r.output
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _has_28(df: pd.DataFrame) -> bool:
    return bool(
        (
            (df["area"] == "653121")
            & (df["date"] == "2020-10-28")
            & (df["metric"] == "confirmed_current")
        ).any()
    )


def test_delete_audit_and_reimport_round_trip(registry: Registry, tmp_path: Path) -> None:
    db = registry.url
    load(db)
    n_before = len(_exported(db, tmp_path / "a.csv"))
    time.sleep(0.01)
    before_delete = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    time.sleep(0.01)
    r = runner.invoke(
        app,
        ["delete", "counts", *KEY_28, "--reason", "double-counted", "--user", "ana", "--db", db],
    )
    assert r.exit_code == 0, r.output
    assert "counts: 1 row retracted (reason: double-counted)" in r.output
    assert "metric=confirmed_current" in r.output and "value=45" in r.output
    now = _exported(db, tmp_path / "now.csv")
    assert len(now) == n_before - 1 and not _has_28(now)
    assert _has_28(_exported(db, tmp_path / "then.csv", "--as-of", before_delete))
    # the audit command shows the deletion first, with who, the row and the reason
    r = runner.invoke(app, ["audit", "--table", "counts", "--limit", "1", "--db", db])
    assert r.exit_code == 0, r.output
    assert "delete" in r.output and "ana" in r.output and "reason=double-counted" in r.output
    assert "value=45" in r.output and "insert" not in r.output
    r = runner.invoke(app, ["audit", "--db", db])
    assert r.exit_code == 0 and "insert" in r.output and "areas" in r.output
    # deleting it again: no current row; exit 1, the key named
    r = runner.invoke(app, ["delete", "counts", *KEY_28, "--reason", "again", "--db", db])
    assert r.exit_code == 1
    assert "nothing was deleted" in r.output
    assert "--key, field 'area': no current counts row matches" in r.output
    # re-importing the file brings the row back as a new insert
    r = runner.invoke(app, ["import", "counts", bundled("counts"), "--db", db])
    assert r.exit_code == 0 and "1 inserted, 52 unchanged, 0 superseded" in r.output
    assert _has_28(_exported(db, tmp_path / "back.csv"))


def test_delete_keys_file_all_or_nothing(registry: Registry, tmp_path: Path) -> None:
    db = registry.url
    load(db)
    keys = tmp_path / "keys.csv"
    keys.write_text(
        "area,date,metric\n653121,2020-10-28,confirmed_current\n"
        "653121,2031-01-01,confirmed_current\n653121,2020-10-28,\n"
    )
    before = _exported(db, tmp_path / "a.csv")
    r = runner.invoke(
        app, ["delete", "counts", "--keys", str(keys), "--reason", "bad batch", "--db", db]
    )
    assert r.exit_code == 1
    assert "2 problems found; nothing was deleted" in r.output
    assert f"{keys}, row 2, field 'area': no current counts row matches" in r.output
    assert f"{keys}, row 3, field 'metric': required key field missing or empty" in r.output
    assert _exported(db, tmp_path / "b.csv").equals(before)
    keys.write_text(
        "area,date,metric\n653121,2020-10-28,confirmed_current\n"
        "653121,2031-01-01,confirmed_current\n"
    )
    r = runner.invoke(
        app, ["delete", "counts", "--keys", str(keys), "--reason", "bad batch", "--db", db]
    )
    assert r.exit_code == 1
    assert f"{keys}, row 2, field 'area': no current counts row matches" in r.output
    assert _exported(db, tmp_path / "c.csv").equals(before)
    keys.write_text(
        "area,date,metric\n653121,2020-10-28,confirmed_current\n653121,2020-10-28,severe_current\n"
    )
    r = runner.invoke(
        app, ["delete", "counts", "--keys", str(keys), "--reason", "bad batch", "--db", db]
    )
    assert r.exit_code == 0, r.output
    assert "counts: 2 rows retracted" in r.output
    assert len(_exported(db, tmp_path / "d.csv")) == len(before) - 2
    # neither or both of --key/--keys, an empty reason: usage mistakes (exit 2; once exit 1)
    for args in ([], [*KEY_28, "--keys", str(keys)]):
        r = runner.invoke(app, ["delete", "counts", *args, "--reason", "x", "--db", db])
        assert r.exit_code == 2 and "Traceback" not in r.output, r.output
        assert "give either --key FIELD=VALUE ... or --keys FILE" in " ".join(r.output.split())
    # a --key that is no FIELD=VALUE: a usage mistake (exit 2), nothing retracted
    r = runner.invoke(app, ["delete", "counts", "--key", "area", "--reason", "x", "--db", db])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    r = runner.invoke(app, ["delete", "counts", *KEY_28, "--reason", " ", "--db", db])
    assert r.exit_code == 2 and "Invalid value for '--reason': must not be empty" in r.output


def test_delete_keys_file_with_a_header_alone_deletes_nothing_and_exits_0(
    registry: Registry, tmp_path: Path
) -> None:
    """A keys file of a header and no rows exited 1 ('no keys given') where a header-only table
    imports as zero rows with exit 0: now it is zero keys too (nothing retracted, nothing
    audited), its header still checked; a file with no header at all stays an error."""
    db = registry.url
    load(db)
    before = _exported(db, tmp_path / "a.csv")
    audit_before = len(registry.audit())
    keys = tmp_path / "keys.csv"
    for header in ("area,date,metric\n", "area,date,metric,source\r\n", "\ufeffarea,date,metric\n"):
        keys.write_text(header, encoding="utf-8")
        r = runner.invoke(
            app, ["delete", "counts", "--keys", str(keys), "--reason", "none", "--db", db]
        )
        assert r.exit_code == 0, (header, r.output)
        assert "counts: 0 rows retracted" in r.output
        r = runner.invoke(
            app,
            ["delete", "counts", "--keys", str(keys), "--reason", "none", "--db", db, "-f", "json"],
        )
        assert r.exit_code == 0 and json.loads(r.stdout) == [
            {"kind": "counts", "retracted": 0, "reason": "none"}
        ], r.output
    assert _exported(db, tmp_path / "b.csv").equals(before)
    assert len(registry.audit()) == audit_before  # nothing written
    # its header is checked as an import's is: a column that is no key, a required one missing
    keys.write_text("area,date,colour\n")
    r = runner.invoke(app, ["delete", "counts", "--keys", str(keys), "--reason", "x", "--db", db])
    assert r.exit_code == 1, r.output
    said = " ".join(r.output.split())
    assert f"{keys}, field 'colour': not a key field of counts" in said
    assert f"{keys}, field 'metric': required key column missing" in said
    keys.write_text("")  # no header: bad input, as for import
    r = runner.invoke(app, ["delete", "counts", "--keys", str(keys), "--reason", "x", "--db", db])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    assert "file is empty (no header row)" in r.output
    empty_json = tmp_path / "keys.json"
    empty_json.write_text("[]")  # JSON has no header: a table of no rows, as on import
    r = runner.invoke(
        app, ["delete", "counts", "--keys", str(empty_json), "--reason", "x", "--db", db]
    )
    assert r.exit_code == 0 and "counts: 0 rows retracted" in r.output, r.output
    assert len(registry.audit()) == audit_before


def test_delete_keys_file_is_read_as_import_reads_a_file(
    registry: Registry, tmp_path: Path
) -> None:
    """``--keys`` went through pandas' own reader: a ragged row said 'Error tokenizing data. C
    error', a semicolon file (Excel's CSV where the decimal mark is a comma) read as one column
    'area;date;metric'. It is read as import reads files now."""
    db = registry.url
    load(db)
    args = ["delete", "counts", "--reason", "x", "--db", db, "--keys"]
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("area,date,metric\n653121,2020-10-28,confirmed_current\n1,2,3,4\n")
    r = runner.invoke(app, [*args, str(ragged)], env={"COLUMNS": "200"})
    assert r.exit_code == 1, r.output
    said = " ".join(r.output.split())
    assert f"{ragged}, row 2: 4 values where the header has 3 columns (line 3 of the file" in said
    assert "C error" not in said
    r = runner.invoke(app, [*args, str(tmp_path / "none.csv")])
    assert r.exit_code == 1 and "none.csv: cannot read file" in r.output
    semi = tmp_path / "semi.csv"
    semi.write_text("area;date;metric\r\n653121;2020-10-28;confirmed_current\r\n", "utf-8-sig")
    r = runner.invoke(app, [*args, str(semi)])
    assert r.exit_code == 0 and "counts: 1 row retracted" in r.output, r.output


def test_unwritable_problems_file_and_bad_as_of_are_clean_errors(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("area,date,metric,value\n1,2020-01-01,deaths_new,-1\n")
    load(db)
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    r = invoke("import", "counts", str(bad), "--db", db, "--problems", str(blocker / "p.csv"))
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert "bad.csv, row 1" in r.output and "field '--problems': cannot write" in r.output
    for args in (
        ["status"],
        ["disagreements"],
        ["export", "counts", "-o", str(tmp_path / "e.csv")],
    ):
        r = invoke(*args, "--db", db, "--as-of", "notadate")
        assert r.exit_code == 2 and isinstance(r.exception, SystemExit), (args, r.output)
        said = " ".join(r.output.split())
        assert "Invalid value for '--as-of': not an ISO date or date-time" in said
        assert "'notadate'" in said
    assert not (tmp_path / "e.csv").exists()
    r = invoke("export", "counts", "-o", str(blocker / "x.csv"), "--db", db)
    assert r.exit_code == 1 and "field '--output': cannot write the export" in r.output
    # A missing folder is refused, as every command's -o and --chart refuse it (export alone
    # created it until 2026-12-07), and named: the OS's 'No such file or directory' did not
    # say which part was missing.
    r = invoke("export", "counts", "-o", str(tmp_path / "typo" / "x.csv"), "--db", db)
    assert r.exit_code == 1 and not (tmp_path / "typo").exists()
    assert f"the folder {tmp_path / 'typo'} does not exist" in " ".join(r.output.split())
    r = invoke("status", "--db", db, "-o", str(tmp_path / "typo" / "s.csv"))
    assert r.exit_code == 1 and not (tmp_path / "typo").exists()
    assert f"the folder {tmp_path / 'typo'} does not exist" in " ".join(r.output.split())


def test_unknown_audit_table_and_disagreements_area_are_errors(db: str) -> None:
    load(db)
    r = invoke("audit", "--table", "cuonts", "--db", db)
    # a usage mistake (exit 2), said before the registry is opened
    assert r.exit_code == 2 and "Invalid value for '--table': unknown table 'cuonts'" in r.output
    assert invoke("audit", "--table", "counts", "--db", db).exit_code == 0
    r = invoke("disagreements", "--area", "999999", "--db", db)
    assert r.exit_code == 1 and "area '999999' is not in the registry" in r.output
    assert invoke("disagreements", "--area", "653121", "--db", db).exit_code == 0


def test_unsupported_db_url_and_unusable_demo_path_are_clean_errors(tmp_path: Path) -> None:
    r = invoke("status", "--db", "mysql://user@localhost/db")
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert (
        "cannot open database 'mysql://user@localhost/db': its driver is not installed" in r.output
    )
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    r = invoke("demo", "--db", f"sqlite:///{blocker / 'demo.db'}")
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert "cannot open database" in r.output
    assert blocker.read_text() == "x"


def test_demo_never_overwrites_a_registry_with_other_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    areas = files()["areas"]
    assert runner.invoke(app, ["import", "areas", str(areas), "--db", url]).exit_code == 0
    before = Registry(url).areas()
    result = runner.invoke(app, ["demo", "--db", url])
    assert result.exit_code == 1
    assert "never touches an existing registry" in result.output
    after = Registry(url)
    pd.testing.assert_frame_equal(after.areas(), before)
    assert after.counts().empty  # nothing of the demo was loaded into it


def test_demo_reruns_into_its_own_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mydemo.db'}"
    assert runner.invoke(app, ["demo", "--db", url]).exit_code == 0
    n = len(Registry(url).counts(policy="all"))
    assert runner.invoke(app, ["demo", "--db", url]).exit_code == 0  # idempotent re-run
    assert len(Registry(url).counts(policy="all")) == n


# ------------------------------------------------------------------ issue 12 (hardening)


def test_password_is_masked_in_errors_and_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg://alice:S3cretPW@127.0.0.1:1/flareup"
    for args in (["status", "--db", url], ["audit", "--db", url], ["demo", "--db", url]):
        r = invoke(*args)
        assert r.exit_code == 1, r.output
        assert "S3cretPW" not in r.output and "alice:***@" in r.output, r.output

    def stop(reg: Registry) -> list[object]:
        from flareup.errors import InputError

        raise InputError("stopped here for the test")

    monkeypatch.setattr(registry_cmds, "load_demo", stop)
    monkeypatch.setattr(registry_cmds, "_open", lambda db: Registry(f"sqlite:///{tmp_path}/d.db"))
    monkeypatch.setattr(Registry, "display_url", property(lambda self: "sqlite:///x?pw=***"))
    r = invoke("demo", "--db", f"sqlite:///{tmp_path}/d.db")
    assert "Demo database: sqlite:///x?pw=***" in r.output


def test_error_printer_keeps_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from flareup.errors import MissingExtraError

    with pytest.raises(typer.Exit), common.user_errors():
        raise MissingExtraError("dask", "dask")
    err = capsys.readouterr().err
    assert "pip install 'flareup[dask]'" in err


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "file is empty (no header row)"),
        ("area,date\n", "missing required column 'metric'"),
        ("area,date,metric,value,value\n653121,2020-10-27,confirmed_new,5,6\n", "duplicate column"),
        ("area,date,metric,value\n653121,2020-10,confirmed_new,5\n", "YYYY-MM-DD"),
    ],
)
def test_bad_files_exit_1_with_a_clear_message(
    db: str, tmp_path: Path, body: str, message: str
) -> None:
    f = tmp_path / "c.csv"
    f.write_text(body)
    for extra in ([], ["--ignore-unknown-columns"]):
        r = invoke("import", "counts", str(f), "--db", db, *extra)
        assert r.exit_code == 1 and message in r.output, r.output
        assert "Traceback" not in r.output


def test_dev_zero_is_refused_at_once(db: str, tmp_path: Path) -> None:
    r = invoke("import", "counts", "/dev/zero", "--db", db)
    assert r.exit_code == 1 and "unknown file format" in r.output
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    r = invoke("import", "counts", str(link), "--db", db)
    assert r.exit_code == 1 and "not a regular file" in r.output


def test_xlsx_import_and_export(db: str, tmp_path: Path) -> None:
    load(db)
    out = tmp_path / "counts.xlsx"
    r = invoke("export", "counts", "-o", str(out), "--db", db)
    assert r.exit_code == 0 and out.exists(), r.output
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert invoke("import", "areas", bundled("areas"), "--db", fresh).exit_code == 0
    r = invoke("import", "counts", str(out), "--db", fresh, "--sheet", "counts")
    assert r.exit_code == 0 and "53 inserted" in r.output, r.output
    r = invoke("import", "counts", str(out), "--db", fresh, "--sheet", "nope")
    assert r.exit_code == 1 and "no sheet 'nope'" in r.output


def test_status_keeps_one_line_a_metric_at_80_columns(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source cited by title ("Jerry Zhang, 'Large COVID...") wrapped over four lines in the
    source column at 80 columns; each metric is one line now, the source cut with '…'. A sum
    of several areas ("sum of 653000+653100") takes a second line in its own column rather
    than cutting the hosts beside it ('archive.shine.…', 'zylgz.c…' at 80 columns)."""
    load(db)
    monkeypatch.setattr(common.console, "_width", 80)
    r = runner.invoke(app, ["status", "--db", db, "--date", "2020-11-16"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    rule = next(i for i, ln in enumerate(lines) if ln.startswith("───"))
    rows = lines[rule + 1 : next(i for i, ln in enumerate(lines) if ln.startswith("cumul."))]
    firsts = [ln for ln in rows if not ln.startswith(" ")]
    assert len(firsts) == 7 and all(ln.split()[0] in METRIC_NAMES for ln in firsts), rows
    # the one continuation line is the rest of a 'from' cell, under its column
    start = lines[rule - 1].index("from")
    assert [ln.strip() for ln in rows if ln.startswith(" ")] == ["653000+653100"]
    assert next(ln for ln in rows if ln.startswith(" ")).index("653000") == start
    assert any(ln.rstrip().endswith("…") for ln in rows)  # the long source title, cut
    for host in ("archive.shine.cn", "zylgz.com", "m.ghtou.com", "ecns.cn"):
        assert any(ln.rstrip().endswith(host) for ln in rows), (host, rows)


def test_status_defaults_to_the_registrys_last_date_as_the_dashboard_does(db: str) -> None:
    """``status`` with no ``--date`` showed the state 'on' today (2026-...) while every
    dashboard page opens on the registry's last date with a figure: for a historical
    registry the command now opens on that date too, and its title says why."""
    from flareup.report.page_queries import last_date

    load(db)
    r = runner.invoke(app, ["status", "--area", "653121", "--db", db])
    assert r.exit_code == 0, r.output
    reg = Registry(db)
    try:
        last = last_date(reg)
    finally:
        reg.close()
    assert last is not None
    words = " ".join(r.output.split())  # the title wraps at the table's width
    assert f"on {last:%Y-%m-%d} (the registry's last date with a figure" in words, r.output
    assert dt.date.today().isoformat() not in r.output
    r = runner.invoke(app, ["status", "--area", "653121", "--db", db, "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert set(pd.read_csv(io.StringIO(r.output))["date"]) == {f"{last:%Y-%m-%d}"}
    # a date asked for is used as given, without the note
    r = runner.invoke(app, ["status", "--area", "653121", "--db", db, "--date", "2020-10-28"])
    assert "on 2020-10-28" in r.output and "last date" not in r.output


def test_an_import_error_says_which_line_of_the_file_a_row_is(db: str, tmp_path: Path) -> None:
    """'bad.csv, row 1, field value' sent a user opening the file in a spreadsheet or editor
    to the header's line: rows are counted below the header, which the error now says with
    the line (or sheet row) that the first named row is."""
    load(db)
    bad = tmp_path / "bad.csv"
    bad.write_text("area,date,metric,value\n653121,2020-10-30,confirmed_new,4\n653121,x,cases,3\n")
    r = runner.invoke(app, ["import", "counts", str(bad), "--db", db])
    assert r.exit_code == 1 and f"{bad}, row 2, field 'date'" in r.output, r.output
    assert "row 2 is line 3 of the file: rows are counted below the header" in r.output
    # a whole-file problem names no row, and so no line
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    r = runner.invoke(app, ["import", "counts", str(empty), "--db", db])
    assert r.exit_code == 1 and "counted below the header" not in r.output, r.output
    # a reason that names the line already (a row with too many values) is not told twice
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("area,date,metric,value\n653121,2020-10-30,confirmed_new,4,5\n")
    r = runner.invoke(app, ["import", "counts", str(ragged), "--db", db])
    assert r.exit_code == 1 and r.output.count("line 2 of the file") == 1, r.output
    # rt --input's problems too
    series = tmp_path / "series.csv"
    series.write_text("date,value\n2020-10-01,3\n2020-10-02,x\n")
    r = runner.invoke(app, ["rt", "-i", str(series), "--si-mean", "4", "--si-sd", "2"])
    assert r.exit_code == 1 and "row 2" in r.output, r.output
    assert "row 2 is line 3 of the file" in r.output


def test_the_audit_log_says_its_times_are_utc(db: str) -> None:
    """'2026-12-07 05:52:43  insert ...': UTC, which --as-of takes, but nothing said so."""
    load(db)
    r = runner.invoke(app, ["audit", "--db", db, "--limit", "3"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == "Audit log (3 entries, newest first; times in UTC)"


def test_the_demos_bulletin_figures_keep_their_words_readable_at_80_columns() -> None:
    """At 80 columns the demo's 'Read from the news report' table cut each figure's words to a
    sliver ('… of a single c…', '…ng, 137 people…'): the words now go beneath each figure, and
    the '?' of a figure with no registry area is said in words."""
    from flareup.ingest.bulletin import parse_bulletin, read_bulletin

    news = files()["bulletin_texts"]
    assert isinstance(news, list) and news
    areas = pd.read_csv(bundled("areas"), dtype=str)
    found = parse_bulletin(read_bulletin(news[0]), areas=areas, published="2020-11-15")
    con = Console(width=80, record=True, force_terminal=False)
    registry_cmds._print_candidates(found, registry_cmds._names_from(areas), con=con)
    text = con.export_text()
    assert all(len(ln) <= 80 for ln in text.splitlines())
    words = " ".join(text.split())
    for r in found.itertuples(index=False):
        # each figure's number with the words before and after it, whole
        assert (
            registry_cmds._snippet(str(r.sentence), str(r.number_text), 60, 25).strip("…") in words
        ), (r.number_text, text)
    if found["area"].isna().any():
        assert "? = no registry area" in words, text


def test_a_library_placeholder_for_a_table_is_not_said_as_a_file() -> None:
    from flareup.errors import Problem

    assert common.problem_text(Problem("<counts>", None, "metric", "no counts")) == (
        "field 'metric': no counts"
    )
    assert common.problem_text(Problem("<designations>", 3, "level", "bad")) == (
        "row 3, field 'level': bad"
    )
    # a file the user named keeps its name, and so does standard input
    assert common.problem_text(Problem("<stdin>", 2, "value", "bad")).startswith("<stdin>, row 2")
    assert common.problem_text(Problem("c.csv", None, None, "empty")) == "c.csv: empty"


def test_an_empty_registry_says_so_and_what_to_do(db: str) -> None:
    """On a fresh registry every command naming an area said only "area '653121' is not in the
    registry"; it now says the registry holds no areas yet and how to load some. An empty
    audit log and an empty disagreements list say '(none)' as every empty result does, the
    latter's title on one line."""
    for args in (["status", "--area", "653121"], ["state", "--area", "653121"]):
        r = runner.invoke(app, [*args, "--db", db], env={"COLUMNS": "80"})
        assert r.exit_code == 1, r.output
        said = " ".join(r.output.split())
        assert (
            "area '653121' is not in the registry (it holds no areas yet: flareup import " in said
        )
    load(db)
    r = runner.invoke(app, ["status", "--area", "999", "--db", db])
    assert r.exit_code == 1 and "'999' is not in the registry" in r.output
    assert "holds no areas" not in r.output
    r = runner.invoke(app, ["audit", "--table", "samples", "--db", db], env={"COLUMNS": "80"})
    assert r.exit_code == 0 and r.stdout.splitlines()[1] == "(none)", r.output
    r = runner.invoke(app, ["disagreements", "--area", "653122", "--db", db], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == "Sources that disagree (✔ = the figure the registry uses)"
    assert "(none)" in r.stdout
