"""Export then import into a fresh registry gives back exactly what was stored: date-times to the
microsecond, and text with carriage returns (and Excel's ``_xHHHH_`` escapes) through .xlsx."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from registry_helpers import AREAS, make_vt

from flareup.errors import InputError
from flareup.ingest.tables import read_table
from flareup.registry import Registry

SHUFU = "653121"


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".parquet"])
def test_campaign_timestamps_keep_their_fractional_seconds(
    loaded: Registry, tmp_path: Path, suffix: str
) -> None:
    # two readings a fraction of a second apart are two rows; an export that cut the fraction
    # would give one of them a wrong time and make the file refuse to import (a duplicate key)
    stamps = ["2020-10-24T14:00:00", "2020-10-24T14:00:00.250", "2020-10-24T14:00:00.123456"]
    rows = [
        {"timestamp": pd.Timestamp(t), "area": SHUFU, "round": 1, "people_sampled": 10 * i}
        for i, t in enumerate(stamps)
    ]
    loaded.import_table(make_vt("campaigns", rows, "campaigns.csv"))
    out = loaded.export("campaigns", tmp_path / f"campaigns{suffix}")
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        fresh.import_table(make_vt("areas", AREAS, "areas.csv"))
        fresh.import_table(read_table(out, "campaigns"))
        pd.testing.assert_frame_equal(fresh.campaign_progress(), loaded.campaign_progress())
        assert sorted(fresh.campaign_progress()["timestamp"]) == sorted(map(pd.Timestamp, stamps))
        # and the same file again changes nothing
        again = fresh.import_table(read_table(out, "campaigns"))
        assert (again.inserted, again.superseded, again.unchanged) == (0, 0, 3)
    finally:
        fresh.close()


def test_whole_seconds_are_written_without_a_fraction(loaded: Registry, tmp_path: Path) -> None:
    rows = [{"timestamp": "2020-10-24T14:00:00", "area": SHUFU, "round": 1}]
    loaded.import_table(make_vt("campaigns", rows, "campaigns.csv"))
    text = loaded.export("campaigns", tmp_path / "c.csv").read_text(encoding="utf-8")
    assert "2020-10-24T14:00:00," in text


NOTES = [
    "line1\r\nline2",  # Windows line end inside a cell
    "cr only\rhere",
    "literal _x000D_ text",  # the text of Excel's escape itself
    "_x005F_x000D_",
    "tab\tand\nnewline",
    "plain 中文",
    "bell\x07 and escape\x1b",  # control characters XML 1.0 cannot hold as such
]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".parquet"])
def test_text_with_carriage_returns_round_trips(
    loaded: Registry, tmp_path: Path, suffix: str
) -> None:
    rows = [
        {"id": f"S{i}", "kind": "market", "area": SHUFU, "name": f"n{i}", "note": v}
        for i, v in enumerate(NOTES)
    ]
    loaded.import_table(make_vt("settings", rows, "settings.csv"))
    out = loaded.export("settings", tmp_path / f"settings{suffix}")
    back = read_table(out, "settings").frame
    assert dict(zip(back["id"], back["note"], strict=True)) == {
        f"S{i}": v for i, v in enumerate(NOTES)
    }
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        fresh.import_table(make_vt("areas", AREAS, "areas.csv"))
        fresh.import_table(read_table(out, "settings"))
        pd.testing.assert_frame_equal(fresh.settings(), loaded.settings())
    finally:
        fresh.close()


def test_text_longer_than_an_excel_cell_is_refused_for_xlsx(
    loaded: Registry, tmp_path: Path
) -> None:
    # Excel holds at most 32,767 characters in a cell and cuts a longer text when it repairs
    # the file: the .xlsx export refuses it by row and field; CSV keeps it whole
    long = "x" * 32_767 + "tail"
    rows = [
        {"id": "S0", "kind": "market", "area": SHUFU, "note": "short"},
        {"id": "S1", "kind": "market", "area": SHUFU, "note": long},
    ]
    loaded.import_table(make_vt("settings", rows, "settings.csv"))
    with pytest.raises(InputError) as e:
        loaded.export("settings", tmp_path / "s.xlsx")
    (p,) = e.value.problems
    assert (p.row, p.field) == (2, "note") and "32,767" in p.reason
    assert not (tmp_path / "s.xlsx").exists()
    back = read_table(loaded.export("settings", tmp_path / "s.csv"), "settings").frame
    assert back["note"].tolist() == ["short", long]


def test_parquet_export_types_dates_as_dates_and_times_in_microseconds(
    loaded: Registry, tmp_path: Path
) -> None:
    # date32 for a date and timestamp[us] (what the store keeps) for a date-time: what Arrow,
    # R, DuckDB and Spark read as such (Spark refuses nanosecond timestamps)
    import pyarrow as pa
    import pyarrow.parquet as pq

    loaded.import_table(
        make_vt(
            "counts", [{"area": SHUFU, "date": "2020-10-24", "metric": "confirmed_new", "value": 3}]
        )
    )
    rows = [{"timestamp": pd.Timestamp("2020-10-24T14:00:00.5"), "area": SHUFU, "round": 1}]
    loaded.import_table(make_vt("campaigns", rows, "campaigns.csv"))
    counts = pq.read_schema(loaded.export("counts", tmp_path / "c.parquet"))
    camp = pq.read_schema(loaded.export("campaigns", tmp_path / "p.parquet"))
    assert counts.field("date").type == pa.date32()
    assert counts.field("value").type == pa.int64()
    assert camp.field("timestamp").type == pa.timestamp("us")
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        fresh.import_table(make_vt("areas", AREAS, "areas.csv"))
        fresh.import_table(read_table(tmp_path / "c.parquet", "counts"))
        fresh.import_table(read_table(tmp_path / "p.parquet", "campaigns"))
        pd.testing.assert_frame_equal(fresh.campaign_progress(), loaded.campaign_progress())
        cols = ["area", "date", "metric", "value"]
        pd.testing.assert_frame_equal(fresh.counts()[cols], loaded.counts()[cols])
    finally:
        fresh.close()


def test_xlsx_export_writes_dates_as_excel_dates(loaded: Registry, tmp_path: Path) -> None:
    # a date column a spreadsheet can sort, filter and compute with, shown as 2020-10-24
    from openpyxl import load_workbook

    rows = [
        {
            "id": "c1",
            "location": SHUFU,
            "date_reporting": "2020-10-24",
            "classification": "confirmed",
        },
        {
            "id": "c2",
            "location": SHUFU,
            "date_onset": "2020-10-20",
            "date_reporting": "2020-10-25",
            "classification": "confirmed",
        },
    ]
    loaded.import_table(make_vt("cases", rows, "cases.csv"))
    out = loaded.export("cases", tmp_path / "cases.xlsx")
    ws = load_workbook(out)["cases"]
    header = [c.value for c in ws[1]]
    onset, reported = ws[3][header.index("date_onset")], ws[3][header.index("date_reporting")]
    assert reported.is_date and onset.is_date
    assert reported.number_format.lower() == "yyyy-mm-dd"
    assert ws[2][header.index("date_onset")].value is None  # missing stays an empty cell
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        fresh.import_table(make_vt("areas", AREAS, "areas.csv"))
        fresh.import_table(read_table(out, "cases"))
        pd.testing.assert_frame_equal(fresh.cases(), loaded.cases())
    finally:
        fresh.close()


def test_xlsx_dates_before_excel_s_calendar_stay_text(loaded: Registry, tmp_path: Path) -> None:
    # Excel's dates start in 1900 (and its 1900 is a leap year): earlier days, such as a
    # historical outbreak's, are written as ISO text and come back as the same day
    days = ["1854-08-31", "1899-12-30", "1900-01-01", "1900-02-28", "1900-03-01", "2020-10-24"]
    rows = [{"area": SHUFU, "date": d, "metric": "confirmed_new", "value": 1} for d in days]
    loaded.import_table(make_vt("counts", rows, "c.csv"))
    out = loaded.export("counts", tmp_path / "c.xlsx")
    back = read_table(out, "counts", today=None).frame
    assert sorted(back["date"].dt.strftime("%Y-%m-%d")) == days
