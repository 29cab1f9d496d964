"""Property tests: malformed files and rows give only InputError, never another exception, and a
failed import never changes the store (hypothesis)."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flareup.data.kashgar_2020 import files
from flareup.errors import InputError
from flareup.ingest.bulletin import parse_bulletin
from flareup.ingest.tables import TABLE_SPECS, TableKind, read_table, validate_frame
from flareup.registry import Registry

KINDS = list(TableKind)
SUFFIXES = [".csv", ".tsv", ".json", ".parquet"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2020-10-27",
            "2020-10-27T17:00",
            "2099-01-01",
            "",
            " ",
            "653121",
            "confirmed_new",
            "exact",
            "high",
            "confirmed",
            "-3",
            "1.5",
            "1e3",
            "NaN",
            "true",
            "factory",
            "positive",
            "province",
            '{"type":"Point"}',
        ]
    ),
)
json_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=2),
    st.dictionaries(st.text(max_size=3), scalars, max_size=2),
)


def column_names(kind: TableKind) -> st.SearchStrategy[list[str]]:
    names = list(TABLE_SPECS[kind].names)
    return st.lists(
        st.one_of(st.sampled_from(names), st.text(max_size=6)), max_size=10, unique=True
    )


@st.composite
def frames(draw: st.DrawFn, kind: TableKind) -> pd.DataFrame:
    cols = draw(column_names(kind))
    n = draw(st.integers(min_value=0, max_value=6))
    data: dict[str, list[Any]] = {
        c: draw(st.lists(json_values, min_size=n, max_size=n)) for c in cols
    }
    return pd.DataFrame(data, columns=cols) if cols else pd.DataFrame(index=range(n))


def _only_input_error(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except InputError as exc:
        assert exc.problems and all(p.reason for p in exc.problems)
        return None


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(KINDS), suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=300))
def test_random_bytes_give_input_error_or_a_table(
    kind: TableKind, suffix: str, data: bytes
) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"f{suffix}"
        p.write_bytes(data)
        try:
            read_table(p, kind)
        except InputError as exc:
            assert all(q.file == str(p) for q in exc.problems)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_malformed_frames_give_input_error_or_canonical_table(
    data: st.DataObject, kind: TableKind
) -> None:
    df = data.draw(frames(kind))
    vt = _only_input_error(validate_frame, df, kind, unknown_columns="ignore")
    if vt is not None:
        assert list(vt.frame.columns) == [*TABLE_SPECS[kind].names, "row"]
        for c in TABLE_SPECS[kind].columns:
            if c.type == "date":
                assert str(vt.frame[c.name].dtype) == "datetime64[ns]"
            if c.type == "int":
                assert str(vt.frame[c.name].dtype) == "int64"


@settings(max_examples=100, deadline=None)
@given(data=st.data(), kind=st.sampled_from(KINDS), fmt=st.sampled_from(SUFFIXES))
def test_malformed_files_of_each_format(data: st.DataObject, kind: TableKind, fmt: str) -> None:
    df = data.draw(frames(kind))
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"t{fmt}"
        text = df.map(lambda v: v if isinstance(v, str) or v is None else json.dumps(v))
        if fmt == ".json":
            p.write_text(json.dumps(df.to_dict("records"), default=str))
        elif fmt == ".parquet":
            try:
                text.astype(object).to_parquet(p)
            except Exception:  # some random frames cannot be Parquet at all
                return
        else:
            buf = io.StringIO()
            text.to_csv(buf, index=False, sep="\t" if fmt == ".tsv" else ",")
            p.write_text(buf.getvalue())
        _only_input_error(read_table, p, kind)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_bulletin_parser_never_crashes(text: str) -> None:
    got = parse_bulletin(text, published="2020-11-15")
    assert (got["value"] >= 0).all()


# ------------------------------------------------------------------ the store stays unchanged

AREA_CODES = ["653100", "653121", "653121205", "999999", "", "650000"]
count_rows = st.fixed_dictionaries(
    {
        "area": st.sampled_from(AREA_CODES),
        "date": st.one_of(
            st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2031, 1, 1)).map(str),
            st.sampled_from(["2020-02-30", "x", ""]),
        ),
        "metric": st.sampled_from(["confirmed_new", "asymptomatic_current", "cases", ""]),
        "value": st.one_of(
            st.integers(min_value=-3, max_value=500).map(str), st.sampled_from(["1.5", "many", ""])
        ),
        "source": st.sampled_from(["A", "B", ""]),
    }
)


def _snapshot(reg: Registry) -> tuple[Any, ...]:
    counts = reg.counts(policy="all").drop(columns=["recorded_at"]).to_csv(index=False)
    return (
        counts,
        reg.areas().to_csv(index=False),
        len(reg.audit()),
        reg.designations().to_csv(index=False),
    )


@pytest.fixture
def kashgar(registry: Registry) -> Registry:
    for kind in ("areas", "counts"):
        p = files()[kind]
        assert isinstance(p, Path)
        registry.import_table(read_table(p, kind))
    return registry


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(count_rows, min_size=1, max_size=5))
def test_failed_imports_leave_the_store_unchanged(
    kashgar: Registry, rows: list[dict[str, str]]
) -> None:
    before = _snapshot(kashgar)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "counts.csv"
        pd.DataFrame(rows).to_csv(p, index=False)
        try:
            kashgar.import_table(read_table(p, "counts"))
        except InputError:
            assert _snapshot(kashgar) == before
