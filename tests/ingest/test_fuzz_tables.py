"""Property-based fuzzing of the table importers (issue 12), on a fixed budget, derandomised.

Three layers, through the library API (no subprocesses):

1. **Malformed rows** (the bulk): files of every kind whose every row carries exactly one
   defect that the column declarations forbid (too long, NUL, partial or impossible date,
   number too large or not whole or negative, unknown enum value, missing required value,
   bad GeoJSON, not a boolean...). Each must give one ``InputError`` naming **every** row.
   ``ROW_FILES`` files x ``ROWS`` rows per kind: 9 kinds x 12 x 100 = 10,800 malformed rows.
2. **Malformed files**: a valid file mutated at the byte or structure level (truncated, bytes
   inserted, header broken or repeated, non-UTF-8, NUL bytes, wrong delimiter...): either an
   ``InputError`` or a valid table, never another exception.
3. **The store**: malformed files imported into a registry on SQLite and PostgreSQL; the
   SQLite file's bytes (after a WAL checkpoint) and a full table dump are the same before and
   after every refused import.

Every figure is printed by ``benchmarks/bench_registry.py --fuzz``; the counts here are the
CI budget (under a minute on a quiet machine).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from flareup.errors import InputError
from flareup.ingest.columns import TABLE_COLUMNS, ColumnSpec
from flareup.ingest.model import TableKind
from flareup.ingest.tables import read_table

TODAY = dt.date(2021, 1, 1)
ROWS = 100
ROW_FILES = 12
#: a fixed budget: no shrinking (a failure is reported as found, with its rows)
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)

#: One valid value per column of every kind (the base row each defect is injected into).
VALID: dict[str, str] = {
    "id": "c1",
    "code": "653121",
    "name_en": "Shufu County",
    "name_alt": "Shufu",
    "name_zh": "疏附县",
    "level": "county",
    "parent_code": "653100",
    "population": "310000",
    "geometry": '{"type": "Point", "coordinates": [75.8, 39.4]}',
    "area": "653121",
    "date": "2020-10-26",
    "metric": "confirmed_new",
    "value": "5",
    "qualifier": "exact",
    "source": "http://example.org/a",
    "source_kind": "bulletin",
    "period": "day",
    "note": "a note",
    "location": "653121",
    "date_onset": "2020-10-20",
    "date_reporting": "2020-10-26",
    "date_reclassified": "2020-10-27",
    "classification": "confirmed",
    "severity": "mild",
    "outcome": "recovered",
    "imported": "false",
    "age_group": "30-39",
    "setting": "factory-1",
    "cluster": "c1",
    "valid_from": "2020-10-26",
    "valid_to": "2020-11-26",
    "rule_set": "official",
    "rule_version": "v1",
    "reason": "cases",
    "kind": "factory",
    "name": "garment factory",
    "case_id": "c1",
    "setting_id": "s1",
    "date_start": "2020-10-01",
    "date_end": "2020-10-20",
    "from": "c1",
    "to": "c2",
    "type": "household",
    "date_last_exposure": "2020-10-20",
    "date_quarantine_start": "2020-10-21",
    "date_quarantine_end": "2020-11-04",
    "result": "positive",
    "sample_type": "swab",
    "timestamp": "2020-10-26T09:00",
    "round": "1",
    "people_targeted": "1000",
    "people_sampled": "900",
    "results_out": "800",
    "positives_new": "3",
}
#: Per kind and column, a valid value where the generic one does not fit the kind.
OVERRIDE: dict[tuple[str, str], str] = {
    ("designations", "level"): "high",
    ("contacts", "type"): "household",
}


def valid_row(kind: TableKind) -> dict[str, str]:
    row = {c.name: VALID[c.name] for c in TABLE_COLUMNS[kind].columns}
    row.update({c: v for (k, c), v in OVERRIDE.items() if k == kind.value and c in row})
    return row


def defects(col: ColumnSpec) -> st.SearchStrategy[str]:
    """Values the declaration of ``col`` forbids (each one surely refused)."""
    options: list[st.SearchStrategy[str]] = [
        # a NUL inside an otherwise fine value is refused in every column
        st.just(VALID[col.name]).map(lambda v: v[:1] + "\x00" + v[1:]),
    ]
    if col.required:
        options.append(st.sampled_from(["", "   "]))
    if col.type == "str" and col.choices is None and col.max_len is not None:
        options.append(
            st.text(
                alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x2FFF),
                min_size=col.max_len + 1,
                max_size=col.max_len + 40,
            ).filter(lambda t: len(t.strip()) > (col.max_len or 0))
        )
    if col.choices is not None:
        known = {c.lower() for c in col.choices}
        options.append(
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
                lambda t: t.lower() not in known
            )
        )
    if col.type in ("date", "datetime"):
        options.append(
            st.sampled_from(
                [
                    "2020",
                    "2020-10",
                    "26/10/2020",
                    "20201026",
                    "2020-02-30",
                    "2020-13-01",
                    "0999-01-01",
                    "2020-10-26T25:00",
                    "yesterday",
                    "2020-10-26 +08:00",
                    "10/26/20",
                ]
            )
        )
        options.append(st.integers(min_value=-(10**6), max_value=10**6).map(str))
        if col.not_future:
            options.append(
                st.dates(min_value=dt.date(2021, 1, 3), max_value=dt.date(2260, 1, 1)).map(str)
            )
    if col.type in ("int", "Int"):
        options.append(
            st.sampled_from(["many", "1.5", "inf", "-inf", "nan", "1e400", "0x10", "1 000"])
        )
        options.append(st.integers(min_value=2**62 + 1, max_value=2**200).map(str))
        options.append(st.floats(min_value=2.0**53, max_value=1e300).map(lambda f: repr(float(f))))
        if col.nonneg:
            options.append(st.integers(min_value=-(2**61), max_value=-1).map(str))
        if col.max_value is not None:
            options.append(st.integers(min_value=col.max_value + 1, max_value=2**62).map(str))
    if col.type == "bool":
        options.append(st.sampled_from(["maybe", "2", "oui", "-1", "truth"]))
    if col.type == "json":
        options.append(
            st.sampled_from(["{", "[1, 2]", '{"no_type": 1}', "null", "42", "{'type': 1}"])
        )
    return st.one_of(options)


@st.composite
def malformed_rows(draw: st.DrawFn, kind: TableKind) -> list[dict[str, str]]:
    cols = TABLE_COLUMNS[kind].columns
    rows = []
    for i in range(ROWS):
        row = valid_row(kind)
        # distinct keys so that a duplicate key never stands in for the defect
        for c in ("id", "code", "case_id", "from", "note", "name"):
            if c in row and len(row[c]) < 30:
                row[c] = f"{row[c]}-{i}"
        if kind is TableKind.SAMPLES:
            row["note"] = f"n{i}"
        col = draw(st.sampled_from(cols))
        row[col.name] = draw(defects(col))
        rows.append(row)
    return rows


def _write(rows: list[dict[str, str]], path: Path, fmt: str) -> Path:
    df = pd.DataFrame(rows, dtype=object)
    if fmt == ".csv":
        df.to_csv(path, index=False)
    elif fmt == ".json":
        df.to_json(path, orient="records", force_ascii=False)
    else:  # .xlsx cannot hold NUL and other control characters: those rows stay CSV-only
        df.to_excel(path, index=False)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(TableKind), ids=[k.value for k in TableKind])
def test_every_malformed_row_is_named(kind: TableKind, tmp_path: Path) -> None:
    seen = [0]

    @settings(
        max_examples=ROW_FILES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=NO_SHRINK,
    )
    @given(rows=malformed_rows(kind), fmt=st.sampled_from([".csv", ".csv", ".json"]))
    def check(rows: list[dict[str, str]], fmt: str) -> None:
        p = _write(rows, tmp_path / f"in{fmt}", fmt)
        with pytest.raises(InputError) as e:
            read_table(p, kind, today=TODAY)
        named = {q.row for q in e.value.problems}
        missing = sorted(set(range(1, len(rows) + 1)) - named)
        assert not missing, (kind, missing[:5], [rows[i - 1] for i in missing[:3]])
        seen[0] += len(rows)

    check()
    assert seen[0] == ROW_FILES * ROWS


# ------------------------------------------------------------------ malformed files


def _valid_csv(kind: TableKind, n: int = 3) -> bytes:
    rows = []
    for i in range(n):
        row = valid_row(kind)
        for c in ("id", "code", "case_id", "from", "note"):
            if c in row:
                row[c] = f"{row[c]}-{i}"
        if "parent_code" in row:
            row["parent_code"] = ""
        rows.append(row)
    return pd.DataFrame(rows).to_csv(index=False).encode()


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[TableKind, str, bytes]:
    kind = draw(st.sampled_from(list(TableKind)))
    data = bytearray(_valid_csv(kind))
    op = draw(
        st.sampled_from(
            [
                "truncate",
                "insert",
                "delete",
                "header_dup",
                "no_header",
                "latin1",
                "nul",
                "semicolon",
                "quote",
                "blank_lines",
                "as_json",
                "as_parquet",
                "as_xlsx",
            ]
        )
    )
    suffix = ".csv"
    if op == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif op == "insert":
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
    elif op == "delete":
        at = draw(st.integers(0, len(data) - 1))
        del data[at : at + draw(st.integers(1, 10))]
    elif op == "header_dup":
        head, _, rest = bytes(data).partition(b"\n")
        first = head.split(b",")[draw(st.integers(0, head.count(b",")))]
        data = bytearray(head + b"," + first + b"\n" + rest.replace(b"\n", b",x\n"))
    elif op == "no_header":
        data = bytearray(bytes(data).partition(b"\n")[2])
    elif op == "latin1":
        data = bytearray(bytes(data).replace(b"Shufu", b"Sh\xfcfu").replace(b"a note", b"\xe9"))
    elif op == "nul":
        at = draw(st.integers(0, len(data)))
        data[at:at] = b"\x00"
    elif op == "semicolon":
        data = bytearray(bytes(data).replace(b",", b";"))
    elif op == "quote":
        at = draw(st.integers(0, len(data)))
        data[at:at] = b'"'
    elif op == "blank_lines":
        data = bytearray(bytes(data).replace(b"\n", b"\n\n,,,\n"))
    else:
        df = pd.read_csv(io.BytesIO(bytes(data)), dtype=str, keep_default_na=False)
        # a structural defect the tabular form cannot hide: a column dropped or renamed
        if draw(st.booleans()):
            df = df.drop(columns=df.columns[0])
        else:
            df = df.rename(columns={df.columns[-1]: "unknown_col"})
        buf = io.BytesIO()
        if op == "as_json":
            suffix = ".json"
            buf.write(df.to_json(orient="records").encode())
        elif op == "as_parquet":
            suffix = ".parquet"
            df.to_parquet(buf)
        else:
            suffix = ".xlsx"
            df.to_excel(buf, index=False)
        raw = bytearray(buf.getvalue())
        if draw(st.booleans()) and len(raw) > 10:  # and maybe cut short
            # a fraction, not a byte count: .xlsx bytes differ from run to run (timestamps)
            frac = draw(st.floats(min_value=0.0, max_value=0.999))
            raw = raw[: max(1, int(frac * len(raw)))]
        data = raw
    return kind, suffix, bytes(data)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=NO_SHRINK,
)
@given(case=mutated_files())
def test_mutated_files_give_input_error_or_a_valid_table(
    case: tuple[TableKind, str, bytes],
) -> None:
    kind, suffix, data = case
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"f{suffix}"
        p.write_bytes(data)
        try:
            vt = read_table(p, kind, today=TODAY)
        except InputError as exc:
            assert exc.problems and all(q.reason and q.file == str(p) for q in exc.problems)
        else:
            assert len(vt.frame) >= 1


# ------------------------------------------------------------------ the store, both backends


def _store_hash(reg: Any) -> str:
    """SQLite: the database file's bytes after a checkpoint; PostgreSQL: a full dump."""
    from sqlalchemy import select

    from flareup.registry.models import Base

    if reg.engine.dialect.name == "sqlite":
        with reg.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(reg.engine.url.database)
        return hashlib.sha256(path.read_bytes()).hexdigest()
    h = hashlib.sha256()
    with reg.engine.connect() as conn:
        for name, t in sorted(Base.metadata.tables.items()):
            for r in conn.execute(select(t).order_by(*t.primary_key)):
                h.update(repr((name, tuple(r))).encode())
    return h.hexdigest()


@pytest.mark.parametrize("kind", [TableKind.COUNTS, TableKind.CASES, TableKind.AREAS])
def test_refused_imports_leave_the_store_byte_identical(
    registry: Any, kind: TableKind, tmp_path: Path
) -> None:
    from flareup.data.kashgar_2020 import files

    areas = files()["areas"]
    assert isinstance(areas, Path)
    registry.import_table(read_table(areas, "areas"))
    before = _store_hash(registry)
    tried = [0]

    @settings(
        max_examples=8,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=NO_SHRINK,
    )
    @given(rows=malformed_rows(kind), unknown_area=st.booleans())
    def check(rows: list[dict[str, str]], unknown_area: bool) -> None:
        if unknown_area and kind is not TableKind.AREAS:
            # valid rows, refused by the store: an area it does not hold
            rows = [
                valid_row(kind) | {"id": f"x{i}", "area": "999999", "location": "999999"}
                for i in range(len(rows))
            ]
            rows = [{k: v for k, v in r.items() if k in valid_row(kind)} for r in rows]
        p = _write(rows, tmp_path / "in.csv", ".csv")
        with pytest.raises(InputError):
            registry.import_table(read_table(p, kind, today=TODAY))
        assert _store_hash(registry) == before
        tried[0] += 1

    check()
    assert tried[0] == 8
