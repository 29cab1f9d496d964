"""read_table / validate_frame: every validation rule, each file format, canonical dtypes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from flareup.errors import InputError
from flareup.ingest.tables import TABLE_SPECS, TableKind, read_table, validate_frame
from flareup.schema import METRIC_NAMES

TODAY = dt.date(2021, 1, 1)  # fixed "today" so that future-date checks do not drift


def problems(exc: pytest.ExceptionInfo[InputError]) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.field) for p in exc.value.problems}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


GOOD_COUNTS = (
    "area,date,metric,value,qualifier,source\n"
    "653121,2020-10-27,confirmed_new,5,exact,http://a\n"
    "653121,2020-10-27,asymptomatic_new,19,,http://a\n"
    "653100,2020-10-27,positive_current,183,approximate,\n"
)


# ------------------------------------------------------------------ formats and canonical form


def test_csv_counts_canonical(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "c.csv", GOOD_COUNTS)
    vt = read_table(p, TableKind.COUNTS, today=TODAY)
    f = vt.frame
    assert list(f.columns) == [*TABLE_SPECS[TableKind.COUNTS].names, "row"]
    assert f["value"].dtype == np.int64
    assert f["date"].dtype == "datetime64[ns]"
    assert f["row"].tolist() == [1, 2, 3]
    assert f["value"].tolist() == [5, 19, 183]
    # default qualifier filled; missing source stays null; optional columns present and null
    assert f["qualifier"].tolist() == ["exact", "exact", "approximate"]
    assert pd.isna(f.loc[2, "source"])
    assert f["period"].isna().all() and f["note"].isna().all()
    assert vt.source.kind == "table_file"
    assert vt.source.title == "c.csv" and vt.source.uri == str(p)
    assert vt.source.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert vt.file == str(p)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json", ".tsv"])
def test_all_formats_give_the_same_frame(tmp_path: Path, suffix: str) -> None:
    src = pd.read_csv(write_csv(tmp_path / "src.csv", GOOD_COUNTS), dtype=str)
    path = tmp_path / f"c{suffix}"
    if suffix == ".parquet":
        typed = src.assign(value=src["value"].astype("int64"), date=pd.to_datetime(src["date"]))
        typed.to_parquet(path)
    elif suffix == ".json":
        recs = [
            {k: (None if pd.isna(v) else v) for k, v in r.items()} for r in src.to_dict("records")
        ]
        for r in recs:
            r["value"] = int(r["value"])  # JSON numbers, not strings
        path.write_text(json.dumps(recs))
    else:
        src.to_csv(path, sep="\t" if suffix == ".tsv" else ",", index=False)
    got = read_table(path, "counts", today=TODAY).frame
    want = read_table(tmp_path / "src.csv", "counts", today=TODAY).frame
    pd.testing.assert_frame_equal(got, want)


def test_validate_frame_and_row_numbers() -> None:
    df = pd.DataFrame(
        {
            "area": ["1", "2"],
            "date": ["2020-01-01", "2020-01-02"],
            "metric": ["deaths_new", "deaths_new"],
            "value": [0, 2],
        },
        index=[10, 20],
    )
    vt = validate_frame(df, "counts", file="<mine>", today=TODAY)
    assert vt.frame["row"].tolist() == [1, 2]
    assert vt.file == "<mine>" and vt.source.sha256 is not None


def test_enum_values_case_insensitive_and_codes_kept_as_text(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "a.csv",
        "code,name_en,level,parent_code,population\n065,Top,PROVINCE,,\n0651,Sub,County,065,1000\n",
    )
    f = read_table(p, "areas", today=TODAY).frame
    assert f["code"].tolist() == ["065", "0651"]  # leading zeros survive
    assert f["level"].tolist() == ["province", "county"]
    assert str(f["population"].dtype) == "Int64" and pd.isna(f.loc[0, "population"])


def test_campaign_timestamp_keeps_time_and_ints_nullable(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "k.csv",
        "timestamp,area,round,people_targeted,people_sampled,results_out,positives_new\n"
        "2020-10-26T16:00,653121,1,245200,245200,245200,26\n"
        "2020-10-25T08:00,653100,1,,308207,,\n",
    )
    f = read_table(p, "campaigns", today=TODAY).frame
    assert f.loc[0, "timestamp"] == pd.Timestamp("2020-10-26 16:00")
    assert str(f["people_targeted"].dtype) == "Int64"
    assert pd.isna(f.loc[1, "results_out"]) and f.loc[1, "people_sampled"] == 308207


def test_cases_bool_and_dates(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "cases.csv",
        "id,location,date_reporting,classification,date_onset,imported\n"
        "c1,653121,2020-10-24,asymptomatic,,no\nc2,653121,2020-10-27,confirmed,"
        "2020-10-26,TRUE\nc3,653121,2020-10-27,confirmed,,\n",
    )
    f = read_table(p, "cases", today=TODAY).frame
    assert str(f["imported"].dtype) == "boolean"
    assert f["imported"].tolist()[:2] == [False, True] and pd.isna(f["imported"].iloc[2])
    assert f["date_onset"].dtype == "datetime64[ns]"


# ------------------------------------------------------------------ rules, one by one


def test_missing_required_column_names_it(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "c.csv", "area,date,value\n1,2020-01-01,3\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert e.value.file == str(p) and e.value.field == "metric" and e.value.row is None
    assert "missing required column 'metric'" in str(e.value)


def test_unknown_column_is_an_error_unless_ignored(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "c.csv", "area,date,metric,value,qualifer\n1,2020-01-01,deaths_new,3,exact\n"
    )
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert e.value.field == "qualifer" and "known columns" in str(e.value)
    f = read_table(p, "counts", unknown_columns="ignore", today=TODAY).frame
    assert "qualifer" not in f.columns and f["qualifier"].tolist() == ["exact"]


def test_unknown_metric_lists_known_ones(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "c.csv", "area,date,metric,value\n1,2020-01-01,cases,3\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert (e.value.row, e.value.field) == (1, "metric")
    for name in METRIC_NAMES:
        assert name in e.value.reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-1", "negative count"),
        ("2.5", "not a whole number"),
        ("many", "not a number"),
        ("", "missing required value"),
        ("inf", "not a finite number"),
    ],
)
def test_bad_counts(tmp_path: Path, value: str, reason: str) -> None:
    p = write_csv(tmp_path / "c.csv", f"area,date,metric,value\n1,2020-01-01,deaths_new,{value}\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert (e.value.row, e.value.field) == (1, "value")
    assert reason in e.value.reason


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2020-13-01", "not an ISO date"),
        ("yesterday", "not an ISO date"),
        ("2021-01-02", "date in the future"),
    ],
)
def test_bad_dates(tmp_path: Path, date: str, reason: str) -> None:
    p = write_csv(tmp_path / "c.csv", f"area,date,metric,value\n1,{date},deaths_new,1\n")
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert (e.value.row, e.value.field) == (1, "date") and reason in e.value.reason


def test_today_is_not_future(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "c.csv", "area,date,metric,value\n1,2021-01-01,deaths_new,1\n")
    assert len(read_table(p, "counts", today=TODAY).frame) == 1


@pytest.mark.parametrize(
    ("kind", "header", "row", "field"),
    [
        (
            "counts",
            "area,date,metric,value,qualifier",
            "1,2020-01-01,deaths_new,1,roughly",
            "qualifier",
        ),
        ("areas", "code,name_en,level", "1,X,district", "level"),
        (
            "cases",
            "id,location,date_reporting,classification",
            "a,1,2020-01-01,probable",
            "classification",
        ),
        (
            "cases",
            "id,location,date_reporting,classification,severity",
            "a,1,2020-01-01,confirmed,grave",
            "severity",
        ),
        (
            "cases",
            "id,location,date_reporting,classification,outcome",
            "a,1,2020-01-01,confirmed,gone",
            "outcome",
        ),
        ("designations", "area,level,valid_from", "1,extreme,2020-01-01", "level"),
        ("settings", "id,kind,area", "s1,church,1", "kind"),
        ("contacts", "from,to,type", "a,b,kissing", "type"),
        ("samples", "setting_id,date,result", "s1,2020-01-01,maybe", "result"),
        (
            "counts",
            "area,date,metric,value,source,source_kind",
            "1,2020-01-01,deaths_new,1,http://a,rumour",
            "source_kind",
        ),
        (
            "cases",
            "id,location,date_reporting,classification,source,source_kind",
            "a,1,2020-01-01,confirmed,http://a,table",
            "source_kind",
        ),
        (
            "designations",
            "area,level,valid_from,source,source_kind",
            "1,high,2020-01-01,http://a,official",
            "source_kind",
        ),
        (
            "campaigns",
            "timestamp,area,round,source,source_kind",
            "2020-01-01T08:00,1,1,http://a,blog",
            "source_kind",
        ),
    ],
)
def test_unknown_enum_values(tmp_path: Path, kind: str, header: str, row: str, field: str) -> None:
    p = write_csv(tmp_path / "t.csv", f"{header}\n{row}\n")
    with pytest.raises(InputError) as e:
        read_table(p, kind, today=TODAY)
    assert (e.value.row, e.value.field) == (1, field)
    assert "known:" in e.value.reason


def test_source_kind_optional_case_insensitive_and_checked(tmp_path: Path) -> None:
    # a row's own source may say what kind it is (schema.SourceKind); blank means the file's
    p = write_csv(
        tmp_path / "c.csv",
        "area,date,metric,value,source,source_kind\n"
        "1,2020-10-27,confirmed_current,22,http://afp,News\n"
        "1,2020-10-27,confirmed_current,5,http://shine,bulletin\n"
        "1,2020-10-27,positive_current,183,http://x,\n",
    )
    f = read_table(p, "counts", today=TODAY).frame
    assert f["source_kind"].tolist()[:2] == ["news", "bulletin"]
    assert pd.isna(f.loc[2, "source_kind"])
    assert "source_kind" in TABLE_SPECS[TableKind.COUNTS].names
    bad = write_csv(
        tmp_path / "b.csv",
        "area,date,metric,value,source,source_kind\n"
        "1,2020-10-27,confirmed_current,5,http://a,bulletin\n"
        "1,2020-10-27,confirmed_current,22,http://b,press\n"
        "1,2020-10-27,positive_current,183,http://b,wire\n",
    )
    with pytest.raises(InputError) as e:
        read_table(bad, "counts", today=TODAY)
    assert [(q.file, q.row, q.field) for q in e.value.problems] == [
        (str(bad), 2, "source_kind"),
        (str(bad), 3, "source_kind"),
    ]
    assert "'press'" in e.value.problems[0].reason
    assert "bulletin, news, table_file, manual, lab" in e.value.problems[0].reason


def test_duplicate_case_id(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "c.csv",
        "id,location,date_reporting,classification\n"
        "a,1,2020-01-01,confirmed\nb,1,2020-01-01,confirmed\n"
        "a,1,2020-01-02,confirmed\n",
    )
    with pytest.raises(InputError) as e:
        read_table(p, "cases", today=TODAY)
    assert problems(e) == {(3, "id")}
    assert "first at row 1" in e.value.reason


def test_duplicate_count_key_but_distinct_sources_allowed(tmp_path: Path) -> None:
    dup = (
        "area,date,metric,value,source\n1,2020-01-01,deaths_new,1,A\n"
        "1,2020-01-01,deaths_new,2,A\n1,2020-01-01,deaths_new,3,B\n"
    )
    with pytest.raises(InputError) as e:
        read_table(write_csv(tmp_path / "c.csv", dup), "counts", today=TODAY)
    assert problems(e) == {(2, "area")}
    assert "(area, date, metric, source)" in e.value.reason


def test_reclassification_before_report_and_onset_after_report(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "c.csv",
        "id,location,date_reporting,classification,date_onset,date_reclassified\n"
        "a,1,2020-10-25,confirmed,,2020-10-24\n"
        "b,1,2020-10-25,confirmed,2020-10-26,\n"
        "c,1,2020-10-25,asymptomatic,,2020-10-27\n"
        "d,1,2020-10-25,confirmed,2020-10-20,2020-10-27\n",
    )
    with pytest.raises(InputError) as e:
        read_table(p, "cases", today=TODAY)
    assert problems(e) == {(1, "date_reclassified"), (2, "date_onset"), (3, "classification")}


def test_designation_rules(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "d.csv",
        "area,level,valid_from,valid_to\n"
        "1,high,2020-10-26,2020-10-20\n"
        "2,high,2020-10-26,\n2,low,2020-11-17,\n"
        "3,high,2020-10-26,2020-11-17\n3,low,2020-11-17,\n",
    )
    with pytest.raises(InputError) as e:
        read_table(p, "designations", today=TODAY)
    # row 1: ends before it starts; row 3: area 2's first period is never closed
    assert problems(e) == {(1, "valid_to"), (3, "valid_from")}
    # designations may be dated ahead (announced in advance) and default to rule_set official
    ok = write_csv(tmp_path / "ok.csv", "area,level,valid_from\n1,low,2030-01-01\n")
    assert read_table(ok, "designations", today=TODAY).frame["rule_set"].tolist() == ["official"]


def test_other_cross_field_rules(tmp_path: Path) -> None:
    c = write_csv(
        tmp_path / "c.csv",
        "from,to,date_quarantine_start,date_quarantine_end\na,a,,\nb,c,2020-10-26,2020-10-20\n",
    )
    with pytest.raises(InputError) as e:
        read_table(c, "contacts", today=TODAY)
    assert problems(e) == {(1, "to"), (2, "date_quarantine_end")}
    x = write_csv(
        tmp_path / "x.csv", "case_id,setting_id,date_start,date_end\na,s,2020-10-26,2020-10-20\n"
    )
    with pytest.raises(InputError) as e:
        read_table(x, "exposures", today=TODAY)
    assert problems(e) == {(1, "date_end")}
    a = write_csv(
        tmp_path / "a.csv",
        "code,name_en,level,parent_code\n1,P,county,1\n2,Q,province,3\n3,R,township,\n",
    )
    with pytest.raises(InputError) as e:
        read_table(a, "areas", today=TODAY)
    assert problems(e) == {(1, "parent_code"), (2, "parent_code")}
    k = write_csv(
        tmp_path / "k.csv",
        "timestamp,area,round,people_sampled,results_out,"
        "positives_new\n2020-10-26T16:00,1,0,10,20,30\n",
    )
    with pytest.raises(InputError) as e:
        read_table(k, "campaigns", today=TODAY)
    assert problems(e) == {(1, "round"), (1, "results_out"), (1, "positives_new")}


def test_all_problems_collected_in_one_error(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "c.csv",
        "area,date,metric,value\n"
        "1,2020-01-01,deaths_new,-1\n"
        ",not-a-date,bogus,1.5\n"
        "3,2020-01-03,deaths_new,4\n",
    )
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert problems(e) == {(1, "value"), (2, "area"), (2, "date"), (2, "metric"), (2, "value")}
    assert all(q.file == str(p) for q in e.value.problems)
    # the message names file, row and field of each
    assert f"{p}, row 2, field 'metric'" in str(e.value)


# ------------------------------------------------------------------ unreadable input


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x.csv", b""),
        ("x.csv", b"\xff\xfe\x00garbage\x00\x81"),
        ("x.parquet", b"PAR1 not really"),
        ("x.json", b"{not json"),
        ("x.json", b'{"area": 1}'),
        ("x.json", b"[1, 2]"),
        ("x.xlsx", b"whatever"),
    ],
)
def test_unreadable_files_are_input_errors_naming_the_file(
    tmp_path: Path, name: str, data: bytes
) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert all(q.file == str(p) for q in e.value.problems)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        read_table(tmp_path / "nope.csv", "counts")
    assert e.value.file == str(tmp_path / "nope.csv")


def test_unknown_kind() -> None:
    with pytest.raises(InputError, match="unknown table kind"):
        validate_frame(pd.DataFrame(), "patients")


def test_json_wrong_types_are_problems_not_crashes(tmp_path: Path) -> None:
    recs = [
        {"area": ["x"], "date": 5, "metric": {"a": 1}, "value": True},
        {"area": "1", "date": "2020-01-01", "metric": "deaths_new", "value": "7"},
    ]
    p = tmp_path / "c.json"
    p.write_text(json.dumps(recs))
    with pytest.raises(InputError) as e:
        read_table(p, "counts", today=TODAY)
    assert {r for r, _ in problems(e)} == {1}
    assert {f for _, f in problems(e)} == {"area", "date", "metric", "value"}


def test_a_csv_row_with_too_many_values_is_named_by_its_data_row(tmp_path: Path) -> None:
    p = tmp_path / "counts.csv"
    p.write_text(
        "area,date,metric,value\n"
        "653121,2020-10-25,confirmed_new,5\n"
        "653121,2020-10-26,confirmed_new,5,7\n"
    )
    with pytest.raises(InputError) as e:
        read_table(p, "counts")
    assert e.value.file == str(p) and e.value.row == 2
    assert "5 values where the header has 4 columns" in e.value.reason
    assert "tokenizing" not in str(e.value)


def test_an_unclosed_quote_in_a_csv_is_named_by_the_row_it_opens(tmp_path: Path) -> None:
    p = tmp_path / "counts.csv"
    p.write_text(
        'area,date,metric,value\n653121,2020-10-25,confirmed_new,5\n653121,2020-10-26,x,"5\n'
    )
    with pytest.raises(InputError) as e:
        read_table(p, "counts")
    assert e.value.row == 2 and "never closed" in e.value.reason
