"""Regression tests of issue 12 for the table readers: size limit and non-regular files, mixed
date forms, offsets, partial dates, exact integers, duplicate columns, NUL bytes and lengths,
header-only files, .xlsx, and the CSV-injection prefix."""

from __future__ import annotations

import datetime as dt
import gzip
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flareup.errors import InputError
from flareup.ingest.columns import TABLE_COLUMNS
from flareup.ingest.tables import escape_cell, read_frame, read_table, validate_frame

TODAY = dt.date(2021, 1, 1)


def reasons(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.field, p.reason) for p in exc.value.problems]


def counts_csv(tmp_path: Path, body: str, name: str = "c.csv") -> Path:
    p = tmp_path / name
    p.write_text("area,date,metric,value\n" + body, encoding="utf-8")
    return p


# ------------------------------------------------------------------ 3: size and kind of file


def test_dev_zero_is_refused_before_reading() -> None:
    for kind_path in ("/dev/zero", "/dev/null"):
        with pytest.raises(InputError, match="unknown file format"):
            read_table(kind_path, "counts")


def test_non_regular_file_with_a_good_suffix_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # reading it would block for ever
    with pytest.raises(InputError, match="not a regular file"):
        read_table(fifo, "counts")
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_table(link, "counts")
    with pytest.raises(InputError, match="not a regular file"):
        read_frame(link)  # the plain reader (used by other commands) checks too
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(InputError, match="directory"):
        read_frame(tmp_path / "dir.csv")


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = counts_csv(tmp_path, "653121,2020-10-27,confirmed_new,5\n")
    monkeypatch.setenv("FLAREUP_MAX_INPUT_BYTES", "40")
    with pytest.raises(
        InputError, match=r"over the input limit of 40 bytes.*FLAREUP_MAX_INPUT_BYTES"
    ):
        read_table(p, "counts", today=TODAY)
    monkeypatch.setenv("FLAREUP_MAX_INPUT_BYTES", "4000")
    assert len(read_table(p, "counts", today=TODAY).frame) == 1


def test_decompression_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "c.csv.gz"
    body = "area,date,metric,value\n" + "653121,2020-10-27,confirmed_new,5\n" * 10_000
    p.write_bytes(gzip.compress(body.encode()))
    monkeypatch.setenv("FLAREUP_MAX_INPUT_BYTES", "100000")
    assert p.stat().st_size < 100_000
    with pytest.raises(InputError, match="decompressed content is over the input limit"):
        read_table(p, "counts", today=TODAY)


def test_default_limit_is_two_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    from flareup.ingest.tables import max_input_bytes

    monkeypatch.delenv("FLAREUP_MAX_INPUT_BYTES", raising=False)
    assert max_input_bytes() == 2 * 1024**3


# ------------------------------------------------------------------ 4 / 7: dates


def test_mixed_date_and_offset_datetime_is_no_traceback(tmp_path: Path) -> None:
    p = counts_csv(
        tmp_path,
        "653121,2020-10-25,confirmed_new,5\n653121,2020-10-26T00:00+08:00,confirmed_new,6\n",
    )
    f = read_table(p, "counts", today=TODAY).frame
    assert f["date"].tolist() == [pd.Timestamp("2020-10-25"), pd.Timestamp("2020-10-26")]


def test_offset_keeps_its_local_date(tmp_path: Path) -> None:
    """+08:00 just after midnight is that date in Kashgar, not the previous day in UTC."""
    p = counts_csv(tmp_path, "653121,2020-10-26T00:30:00+08:00,confirmed_new,5\n")
    assert read_table(p, "counts", today=TODAY).frame["date"].iloc[0] == pd.Timestamp("2020-10-26")
    camp = tmp_path / "camp.csv"
    camp.write_text(
        "timestamp,area,round\n2020-10-26T00:30+08:00,653121,1\n2020-10-26 09:00,653121,2\n"
    )
    ts = read_table(camp, "campaigns", today=TODAY).frame["timestamp"].tolist()
    assert ts == [pd.Timestamp("2020-10-26 00:30"), pd.Timestamp("2020-10-26 09:00")]


@pytest.mark.parametrize("bad", ["2020", "2020-10", "20201026", "2020-1-5", "26/10/2020"])
def test_partial_dates_are_refused(tmp_path: Path, bad: str) -> None:
    p = counts_csv(tmp_path, f"653121,{bad},confirmed_new,5\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert reasons(e)[0][:2] == (1, "date") and "YYYY-MM-DD" in reasons(e)[0][2]


@pytest.mark.parametrize("bad", ["9999-12-31", "0001-01-01", "2020-02-30"])
def test_far_or_impossible_dates_are_row_errors(tmp_path: Path, bad: str) -> None:
    p = tmp_path / "d.csv"
    p.write_text(f"area,level,valid_from\n653121,medium,{bad}\n")
    with pytest.raises(InputError) as e:
        read_table(p, "designations", today=TODAY)
    assert reasons(e)[0][:2] == (1, "valid_from")


# ------------------------------------------------------------------ 7: integers never rounded


@pytest.mark.parametrize("value", [2**53 + 1, 2**62, 123456789012345678])
def test_large_integers_are_exact(tmp_path: Path, value: int) -> None:
    p = counts_csv(tmp_path, f"653121,2020-10-27,confirmed_new,{value}\n")
    assert read_table(p, "counts", today=TODAY).frame["value"].iloc[0] == value


@pytest.mark.parametrize(
    "value, why",
    [
        (str(2**62 + 1), "too large"),
        (str(2**64), "too large"),
        ("99999999999999999999999", "too large"),
        ("9007199254740993.0", "exact as a float"),
        ("1e17", "exact as a float"),
    ],
)
def test_integers_beyond_the_limit_are_refused_not_rounded(
    tmp_path: Path, value: str, why: str
) -> None:
    p = counts_csv(tmp_path, f"653121,2020-10-27,confirmed_new,{value}\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert reasons(e)[0][:2] == (1, "value") and why in reasons(e)[0][2]


def test_parquet_uint64_and_int64_values(tmp_path: Path) -> None:
    big = np.array([5, 2**62, 2**63 + 7], dtype=np.uint64)
    t = pa.table(
        {
            "area": ["653121"] * 3,
            "date": ["2020-10-25", "2020-10-26", "2020-10-27"],
            "metric": ["tested_new"] * 3,
            "value": pa.array(big, type=pa.uint64()),
        }
    )
    pq.write_table(t, tmp_path / "u.parquet")
    with pytest.raises(InputError) as e:
        read_table(tmp_path / "u.parquet", "counts", today=TODAY)
    assert [(r, f) for r, f, _ in reasons(e)] == [(3, "value")]
    pq.write_table(t.slice(0, 2), tmp_path / "ok.parquet")
    f = read_table(tmp_path / "ok.parquet", "counts", today=TODAY).frame
    assert f["value"].tolist() == [5, 2**62]


def test_json_big_integer_is_exact_or_refused(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(
        '[{"area":"653121","date":"2020-10-27","metric":"tested_new","value":9007199254740993}]'
    )
    assert read_table(p, "counts", today=TODAY).frame["value"].iloc[0] == 2**53 + 1
    p.write_text('[{"area":"653121","date":"2020-10-27","metric":"tested_new","value":1e300}]')
    with pytest.raises(InputError):
        read_table(p, "counts", today=TODAY)


# ------------------------------------------------------------------ 9: duplicate columns


@pytest.mark.parametrize("ignore", [False, True])
def test_duplicate_csv_column(tmp_path: Path, ignore: bool) -> None:
    p = tmp_path / "c.csv"
    p.write_text("area,date,metric,value,value\n653121,2020-10-27,confirmed_new,5,6\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY, unknown_columns="ignore" if ignore else "error")
    assert reasons(e) == [
        (None, "value", "duplicate column 'value' (the header names it more than once)")
    ]


def test_duplicate_json_key(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(
        '[{"area":"653121","date":"2020-10-27","metric":"tested_new","value":1,"value":2}]'
    )
    with pytest.raises(InputError, match="duplicate column 'value'"):
        read_table(p, "counts", today=TODAY)


# ------------------------------------------------------------------ 10: same rows on both backends


def test_nul_bytes_and_overlong_codes_are_row_errors(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "id": ["c1", "x" * 1_000_000, "c\x003"],
            "location": ["6" * 40, "653121", "653121"],
            "date_reporting": ["2020-10-26"] * 3,
            "classification": ["confirmed"] * 3,
        }
    )
    with pytest.raises(InputError) as e:
        validate_frame(df, "cases", today=TODAY)
    got = [(r, f) for r, f, _ in reasons(e)]
    assert got == [(1, "location"), (2, "id"), (3, "id")]
    assert "at most 32" in reasons(e)[0][2] and "NUL" in reasons(e)[2][2]


def test_max_lengths_equal_the_registry_columns() -> None:
    from sqlalchemy import String, Text

    from flareup.registry.store import KINDS, T

    for kind, spec in TABLE_COLUMNS.items():
        table = T["areas"] if kind.value == "areas" else KINDS[kind].table
        rename = {} if kind.value == "areas" else KINDS[kind].rename
        for c in spec.columns:
            col = table.c.get(rename.get(c.name, c.name))
            if col is None or c.choices is not None or not isinstance(col.type, String):
                continue
            want = None if isinstance(col.type, Text) else col.type.length
            assert c.max_len == want, (kind, c.name, c.max_len, want)


def test_round_beyond_int32_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "camp.csv"
    p.write_text(f"timestamp,area,round\n2020-10-26 09:00,653121,{2**31}\n")
    with pytest.raises(InputError, match="at most 2,147,483,647"):
        read_table(p, "campaigns", today=TODAY)


# ------------------------------------------------------------------ 11: header only


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet", ".xlsx"])
def test_header_only_file_is_a_table_of_no_rows(tmp_path: Path, suffix: str) -> None:
    # what an export of an empty table writes: it reads back as zero rows, not as an error
    p = tmp_path / f"c{suffix}"
    empty = pd.DataFrame({c: pd.Series(dtype=str) for c in ("area", "date", "metric", "value")})
    if suffix == ".csv":
        p.write_text("area,date,metric,value\n")
    elif suffix == ".json":
        p.write_text("[]")  # JSON has no header: an empty list of records
    elif suffix == ".parquet":
        empty.to_parquet(p)
    else:
        empty.to_excel(p, index=False)
    vt = read_table(p, "counts", today=TODAY)
    assert len(vt.frame) == 0
    assert list(vt.frame.columns[:4]) == ["area", "date", "metric", "value"]
    assert vt.frame["value"].dtype == "int64"


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("c.csv", "", "file is empty (no header row)"),
        ("c.csv", "\n", "file is empty (no header row)"),
        ("c.json", "", "file is empty (a JSON table of no rows is written [])"),
        ("c.jsonl", "  \n", "file is empty (a JSON table of no rows is written [])"),
        ("c.csv", "area,date\n", "missing required column 'metric'"),
    ],
)
def test_empty_file_or_wrong_header_stays_an_error(
    tmp_path: Path, name: str, body: str, message: str
) -> None:
    p = tmp_path / name
    p.write_text(body)
    with pytest.raises(InputError) as err:
        read_table(p, "counts", today=TODAY)
    assert message in str(err.value)


def test_empty_sheet_stays_an_error(tmp_path: Path) -> None:
    p = tmp_path / "c.xlsx"
    pd.DataFrame().to_excel(p, index=False)
    with pytest.raises(InputError, match=r"empty|no header"):
        read_table(p, "counts", today=TODAY)


# ------------------------------------------------------------------ xlsx


def test_xlsx_first_sheet_or_named(tmp_path: Path) -> None:
    p = tmp_path / "book.xlsx"
    good = pd.DataFrame(
        {
            "area": ["653121", "653121"],
            "date": [dt.datetime(2020, 10, 26), dt.datetime(2020, 10, 27)],
            "metric": ["confirmed_new", "confirmed_new"],
            "value": [5, 123456789],
        }
    )
    bad = good.assign(value=[-1, 2])
    with pd.ExcelWriter(p, engine="openpyxl") as xw:
        good.to_excel(xw, sheet_name="counts", index=False)
        bad.to_excel(xw, sheet_name="wrong", index=False)
    f = read_table(p, "counts", today=TODAY).frame
    assert f["value"].tolist() == [5, 123456789]
    assert f["date"].tolist() == [pd.Timestamp("2020-10-26"), pd.Timestamp("2020-10-27")]
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY, sheet="wrong")
    assert reasons(e)[0][:2] == (1, "value")
    with pytest.raises(InputError):
        read_table(p, "counts", today=TODAY, sheet=1)  # the second sheet, by number
    with pytest.raises(InputError, match="no sheet 'nope'"):
        read_table(p, "counts", today=TODAY, sheet="nope")


def test_not_an_xlsx_is_a_clean_error(tmp_path: Path) -> None:
    p = tmp_path / "fake.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="cannot read as Excel"):
        read_table(p, "counts", today=TODAY)


def test_duplicate_xlsx_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["area", "date", "metric", "value", "value"])
    ws.append(["653121", "2020-10-26", "confirmed_new", 1, 2])
    wb.save(tmp_path / "d.xlsx")
    with pytest.raises(InputError, match="duplicate column 'value'"):
        read_table(tmp_path / "d.xlsx", "counts", today=TODAY)


# ------------------------------------------------------------------ CSV injection prefix


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "'=already", "''+x", "plain", "'quoted"],
)
def test_escape_round_trip(tmp_path: Path, value: str) -> None:
    p = tmp_path / "a.csv"
    pd.DataFrame({"code": ["653121"], "name_en": [escape_cell(value)], "level": ["county"]}).to_csv(
        p, index=False
    )
    assert read_table(p, "areas", today=TODAY).frame["name_en"].iloc[0] == value
    if value[:1] in "=+-@":
        assert escape_cell(value).startswith("'")


def test_xlsx_escapes_as_excel_writes_them_are_decoded(tmp_path: Path) -> None:
    # Excel stores a CR as _x000D_ and a literal "_x000D_" as _x005F_x000D_ (ECMA-376,
    # ST_Xstring); openpyxl hands both over as written
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "kind", "area", "note"])
    ws.append(["S1", "market", "653121", "line1_x000D_\nline2"])
    ws.append(["S2", "market", "653121", "as text: _x005F_x000D_"])
    ws.append(["S3", "market", "653121", "'=1_x000D_+2"])  # the formula prefix is taken off too
    wb.save(tmp_path / "s.xlsx")
    f = read_table(tmp_path / "s.xlsx", "settings", today=TODAY).frame
    assert f["note"].tolist() == ["line1\r\nline2", "as text: _x000D_", "=1\r+2"]


# ------------------------------------------------------------------ CSV dialects


@pytest.mark.parametrize(
    ("sep", "eol", "bom"),
    [(";", "\r\n", True), (";", "\n", False), ("\t", "\n", False), (",", "\r\n", True)],
)
def test_csv_separated_by_semicolons_or_tabs_reads(
    tmp_path: Path, sep: str, eol: str, bom: bool
) -> None:
    # Excel saves "CSV" with semicolons where the decimal mark is a comma (most of Europe)
    lines = [
        ["area", "date", "metric", "value", "note"],
        ["653121", "2020-10-26", "confirmed_new", "5", '"a; b, c\nd"'],
        ["653121", "2020-10-27", "confirmed_new", "0", ""],
    ]
    text = eol.join(sep.join(r) for r in lines) + eol
    p = tmp_path / "c.csv"
    p.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    f = read_table(p, "counts", today=TODAY).frame
    assert f["value"].tolist() == [5, 0]
    assert f["note"].tolist()[0] == "a; b, c\nd"
    assert pd.isna(f["note"].tolist()[1])


def test_xlsx_formula_without_a_stored_result_is_named(tmp_path: Path) -> None:
    # a workbook written by a program, never opened in Excel, holds formulas but no results:
    # read as empty they would become a missing value (or a silent NULL in an optional column)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["code", "name_en", "level", "population"])
    ws.append(["653121", "Shufu", "county", 100])
    ws.append(["653122", "Shule", "county", "=B2*2"])
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(InputError) as e:
        read_table(tmp_path / "a.xlsx", "areas", today=TODAY)
    (row, field, reason), *_ = reasons(e)
    assert (row, field) == (2, "population")
    assert "formula" in reason and "D3" in reason


def test_text_not_in_utf8_is_named_by_row(tmp_path: Path) -> None:
    # Excel's plain "CSV" is saved in the Windows code page (here Latin-1: é is one byte)
    p = tmp_path / "c.csv"
    body = "653121,2020-10-26,confirmed_new,5,ok\n653121,2020-10-27,confirmed_new,5,café\n"
    p.write_bytes(("area,date,metric,value,note\n" + body).encode("latin-1"))
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    (row, _field, reason), *_ = reasons(e)
    assert row == 2
    assert "not UTF-8" in reason and "line 3" in reason and "UTF-8" in reason


@pytest.mark.parametrize(
    ("rows", "merge"),
    [
        # a title above the table, merged across it
        ([["Daily counts", None, None, None], ["area", "date", "metric", "value"]], "A1:D1"),
        # two header cells merged into one
        ([["area", "date", "metric", "value"]], "A1:B1"),
    ],
)
def test_xlsx_merged_header_cells_are_named(
    tmp_path: Path, rows: list[list[str | None]], merge: str
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    ws.append(["653121", "2020-10-26", "confirmed_new", 5])
    ws.merge_cells(merge)
    wb.save(tmp_path / "m.xlsx")
    with pytest.raises(InputError) as e:
        read_table(tmp_path / "m.xlsx", "counts", today=TODAY)
    (row, _field, reason), *_ = reasons(e)
    assert row is None
    assert f"merged cells {merge}" in reason and "header" in reason


def test_xlsx_of_several_sheets_names_the_sheet_it_read(tmp_path: Path) -> None:
    # the table on the second sheet, a note on the first: the columns' errors say which sheet
    # was read and how to choose another
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "说明"
    ws.append(["read me"])
    data = wb.create_sheet("每日 数据")
    data.append(["area", "date", "metric", "value"])
    data.append(["653121", "2020-10-26", "confirmed_new", 7])
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(InputError) as e:
        read_table(tmp_path / "b.xlsx", "counts", today=TODAY)
    hint = [r for _row, field, r in reasons(e) if field == "sheet"]
    assert hint == [
        "read the first sheet, '说明', of 2 ('说明', '每日 数据'); choose another with --sheet"
    ]
    f = read_table(tmp_path / "b.xlsx", "counts", today=TODAY, sheet="每日 数据").frame
    assert f["value"].tolist() == [7]


# ------------------------------------------------------------------ JSON Lines


def test_json_lines_read_one_record_a_line(tmp_path: Path) -> None:
    # pandas' to_json(orient="records", lines=True), jq -c, BigQuery and most log pipelines
    df = pd.DataFrame(
        {
            "area": ["653121", "653121"],
            "date": ["2020-10-26", "2020-10-27"],
            "metric": ["confirmed_new"] * 2,
            "value": [5, 0],
            "note": ["疏附 \\n line", None],
        }
    )
    p = tmp_path / "c.json"
    df.to_json(p, orient="records", lines=True, force_ascii=False)
    f = read_table(p, "counts", today=TODAY).frame
    assert f["value"].tolist() == [5, 0]
    assert f["note"].tolist()[0] == "疏附 \\n line"
    for suffix in (".jsonl", ".ndjson"):
        same = tmp_path / f"c{suffix}"
        same.write_bytes(p.read_bytes())
        assert read_table(same, "counts", today=TODAY).frame["value"].tolist() == [5, 0]
    # a broken line is named by its row
    p.write_text(
        '{"area": "653121", "date": "2020-10-26", "metric": "confirmed_new", "value": 5}\n'
        '{"area": "653121", "date": "2020-10-27" "metric": "confirmed_new"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    ((row, _field, reason),) = reasons(e)
    assert row == 2 and "JSON" in reason


def test_a_file_of_another_kind_is_named_as_such(tmp_path: Path) -> None:
    # an areas file imported as counts listed eleven column problems and not the mistake
    p = tmp_path / "areas.csv"
    p.write_text("code,name_en,level,parent_code\n653121,Shufu County,county,653100\n")
    with pytest.raises(InputError) as err:
        read_table(p, "counts", today=TODAY)
    first = err.value.problems[0]
    assert (first.file, first.row, first.field) == (str(p), None, None)
    assert first.reason == (
        "the header is that of areas, not counts (it has every column areas require: "
        "code, name_en, level); import it as areas?"
    )
    assert len(err.value.problems) == 1 + 4 + 4  # the hint, 4 unknown, 4 missing columns


def test_a_misspelt_header_gets_no_kind_hint(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("area,date,metrik,value\n653121,2020-10-25,confirmed_new,1\n")
    with pytest.raises(InputError) as err:
        read_table(p, "counts", today=TODAY)
    assert not any("the header is that of" in q.reason for q in err.value.problems)
    assert [q.field for q in err.value.problems] == ["metrik", "metric"]
