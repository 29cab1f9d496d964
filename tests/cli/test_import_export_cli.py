"""import / export through the command line: empty tables round-trip, the Excel byte-order
mark, and the result summaries in --format table|csv|json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app, common
from flareup.registry import Registry

runner = CliRunner()
BOM = b"\xef\xbb\xbf"

#: Two areas with Chinese names, as a bureau's spreadsheet has them.
AREAS = (
    "code,name_en,name_zh,level,parent_code,population\n"
    "650000,Xinjiang,新疆维吾尔自治区,province,,\n"
    "653121,Shufu County,疏附县,county,650000,311000\n"
)
COUNTS = (
    "area,date,metric,value\n"
    "653121,2020-10-24,asymptomatic_new,137\n"
    "653121,2020-10-25,confirmed_new,1\n"
)


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(common.console, "_width", 200)
        mp.setattr(common.err_console, "_width", 200)
        yield


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"FLAREUP_DB": ""})


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A registry holding AREAS and COUNTS (and nothing else: cases, contacts... are empty)."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    (tmp_path / "counts.csv").write_text(COUNTS, encoding="utf-8")
    for kind in ("areas", "counts"):
        r = invoke("import", kind, str(tmp_path / f"{kind}.csv"), "--db", url)
        assert r.exit_code == 0, r.output
    return url


def _audit_entries(url: str) -> int:
    reg = Registry(url)
    try:
        return len(reg.audit(limit=None))
    finally:
        reg.close()


# ------------------------------------------------------------------ empty tables


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json", ".xlsx"])
def test_an_empty_table_exports_and_imports_back_as_zero_rows(
    db: str, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"cases{suffix}"
    r = invoke("export", "cases", "-o", str(out), "--db", db)
    assert r.exit_code == 0, r.output
    assert f"cases: 0 rows written to {out}" in r.stdout
    before = _audit_entries(db)
    r = invoke("import", "cases", str(out), "--db", db)
    assert r.exit_code == 0, r.output
    assert f"cases from {out}: the file holds no rows; nothing to import" in (
        " ".join(r.stdout.split())
    )
    assert _audit_entries(db) == before  # nothing written, not even an audit entry
    r = invoke("import", "cases", str(out), "--db", db, "--format", "json")
    assert json.loads(r.stdout) == [
        {"kind": "cases", "file": str(out), "rows": 0, "inserted": 0, "unchanged": 0,
         "superseded": 0}
    ]  # fmt: skip
    # into a fresh registry as well (no areas there: zero rows name none)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    r = invoke("import", "cases", str(out), "--db", fresh, "-f", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1] == f"cases,{out},0,0,0,0"


def test_header_only_csv_written_by_hand_imports_as_zero_rows(db: str, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("area,date,metric,value\r\n")
    r = invoke("import", "counts", str(f), "--db", db, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["rows"] == 0


@pytest.mark.parametrize(
    "name, body, reason",
    [
        ("c.csv", "", "file is empty (no header row)"),
        ("c.json", "", "file is empty (a JSON table of no rows is written [])"),
        ("c.csv", "area,date\n", "missing required column 'metric' for counts"),
        ("c.csv", "area,date,metric,value,colour\n", "unknown column 'colour' for counts"),
    ],
)
def test_an_empty_file_or_a_wrong_header_is_still_bad_input(
    db: str, tmp_path: Path, name: str, body: str, reason: str
) -> None:
    f = tmp_path / name
    f.write_text(body)
    before = _audit_entries(db)
    r = invoke("import", "counts", str(f), "--db", db)
    assert r.exit_code == 1, r.output
    assert reason in r.output and str(f) in r.output
    assert _audit_entries(db) == before


# ------------------------------------------------------------------ Excel byte-order mark


def test_export_csv_has_no_bom_by_default_and_one_with_excel_bom(db: str, tmp_path: Path) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert invoke("export", "areas", "-o", str(plain), "--db", db).exit_code == 0
    r = invoke("export", "areas", "-o", str(excel), "--db", db, "--excel-bom")
    assert r.exit_code == 0, r.output
    raw_plain, raw_excel = plain.read_bytes(), excel.read_bytes()
    assert raw_plain.startswith(b"code,") and raw_excel.startswith(BOM + b"code,")
    assert raw_excel == BOM + raw_plain  # the mark is the only difference
    rows = list(csv.DictReader(io.StringIO(raw_excel.decode("utf-8-sig"))))
    assert [r["name_zh"] for r in rows] == ["新疆维吾尔自治区", "疏附县"]


@pytest.mark.parametrize("bom", [False, True])
def test_a_csv_with_or_without_bom_round_trips_chinese_names(
    db: str, tmp_path: Path, bom: bool
) -> None:
    out = tmp_path / "areas.csv"
    extra = ["--excel-bom"] if bom else []
    assert invoke("export", "areas", "-o", str(out), "--db", db, *extra).exit_code == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    r = invoke("import", "areas", str(out), "--db", fresh, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["inserted"] == 2
    reg = Registry(fresh)
    try:
        areas = reg.areas().set_index("code")
    finally:
        reg.close()
    assert areas.loc["653121", "name_zh"] == "疏附县"
    assert areas.loc["650000", "name_zh"] == "新疆维吾尔自治区"
    assert "name_en" in areas.columns and not any("\ufeff" in c for c in areas.columns)


def test_a_bom_saved_by_excel_on_import(db: str, tmp_path: Path) -> None:
    # Excel's "CSV UTF-8": a BOM and CR LF
    f = tmp_path / "excel.csv"
    f.write_bytes(BOM + COUNTS.replace("137", "140").replace("\n", "\r\n").encode())
    r = invoke("import", "counts", str(f), "--db", db, "-f", "csv")
    assert r.exit_code == 0, r.output
    got = pd.read_csv(io.StringIO(r.stdout))
    # a file is its own source: both its rows are new beside counts.csv's
    assert got.loc[0, ["rows", "inserted", "unchanged", "superseded"]].tolist() == [2, 2, 0, 0]
    reg = Registry(db)
    try:
        mine = reg.counts(policy="all").query("source_title == 'excel.csv'")
    finally:
        reg.close()
    assert sorted(mine["value"]) == [1, 140]


@pytest.mark.parametrize("suffix", [".parquet", ".json", ".xlsx"])
def test_excel_bom_for_another_format_is_a_usage_mistake(
    db: str, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"areas{suffix}"
    r = invoke("export", "areas", "-o", str(out), "--db", db, "--excel-bom")
    assert r.exit_code == 2
    assert "Invalid value for '--excel-bom'" in r.output and "for .csv files only" in r.output
    assert not out.exists()


def test_registry_export_bom_is_for_csv_only(db: str, tmp_path: Path) -> None:
    from flareup.errors import InputError

    reg = Registry(db)
    try:
        with pytest.raises(InputError, match=r"for \.csv files only"):
            reg.export("areas", tmp_path / "a.json", bom=True)
        s = reg.export_summary("areas", tmp_path / "a.csv", bom=True)
    finally:
        reg.close()
    assert (s.kind, s.rows) == ("areas", 2)
    assert (tmp_path / "a.csv").read_bytes().startswith(BOM)


# ------------------------------------------------------------------ summaries in --format


def test_import_summary_in_every_format(db: str, tmp_path: Path) -> None:
    f = tmp_path / "more.csv"
    f.write_text(COUNTS)
    r = invoke("import", "counts", str(f), "--db", db, "--format", "csv")
    assert r.stdout == f"kind,file,rows,inserted,unchanged,superseded\ncounts,{f},2,2,0,0\n"
    # the same file corrected: one row changed, one new, one as it was
    f.write_text(COUNTS.replace("137", "138") + "653121,2020-10-26,confirmed_new,2\n")
    r = invoke("import", "counts", str(f), "--db", db, "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout == (f"kind,file,rows,inserted,unchanged,superseded\ncounts,{f},3,1,1,1\n")
    r = invoke("import", "counts", str(f), "--db", db, "-f", "json")
    assert json.loads(r.stdout) == [
        {"kind": "counts", "file": str(f), "rows": 3, "inserted": 0, "unchanged": 3,
         "superseded": 0}
    ]  # fmt: skip
    r = invoke("import", "counts", str(f), "--db", db)
    assert f"counts from {f}: already imported, nothing to do (3 rows unchanged)" in (
        " ".join(r.stdout.split())
    )
    r = invoke("import", "counts", str(f), "--db", db, "-f", "yaml")
    assert r.exit_code == 2 and "Invalid value" in r.output


def test_export_summary_in_every_format(db: str, tmp_path: Path) -> None:
    out = tmp_path / "counts.parquet"
    r = invoke("export", "counts", "-o", str(out), "--db", db, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"kind": "counts", "file": str(out), "rows": 2}]
    r = invoke("export", "counts", "-o", str(out), "--db", db, "-f", "csv")
    assert r.stdout == f"kind,file,rows\ncounts,{out},2\n"
    r = invoke("export", "counts", "-o", str(out), "--db", db)
    assert f"counts: 2 rows written to {out}" in " ".join(r.stdout.split())


def test_delete_summary_in_json(db: str) -> None:
    r = invoke(
        "delete", "counts", "--key", "area=653121", "--key", "date=2020-10-25",
        "--key", "metric=confirmed_new", "--reason", "entered twice", "--db", db, "-f", "json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"kind": "counts", "retracted": 1, "reason": "entered twice"}]


def test_import_sheet_of_a_csv_is_a_usage_mistake(db: str, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text(COUNTS)
    r = invoke("import", "counts", str(f), "--db", db, "--sheet", "counts")
    assert r.exit_code == 2 and "Invalid value for '--sheet'" in r.output
