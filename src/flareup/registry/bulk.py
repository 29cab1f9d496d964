"""Bulk paths: frames to database rows without per-row ORM work.

SQLite: ``executemany`` of the compiled Core ``INSERT`` on the DBAPI cursor of the open
transaction, values pre-formatted the way SQLAlchemy's SQLite types store them (ISO text).
PostgreSQL: ``COPY ... FROM STDIN (FORMAT csv)`` through psycopg on the same connection.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Date, DateTime, Table
from sqlalchemy.engine import Connection

BATCH = 100_000


def db_form(s: pd.Series, coltype: Any) -> np.ndarray:
    """One column as Python values ready for the driver: ISO text for dates and timestamps
    (SQLAlchemy's SQLite storage format), ``1``/``0`` for booleans, ``None`` for missing."""
    if isinstance(coltype, DateTime | Date):
        # few distinct dates in many rows: format each distinct value once
        t = pd.to_datetime(s)
        codes, uniq = pd.factorize(t.to_numpy(), use_na_sentinel=True)
        unit = "us" if isinstance(coltype, DateTime) else "D"
        txt = np.datetime_as_string(  # type: ignore[call-overload]
            np.asarray(uniq).astype(f"datetime64[{unit}]"), unit=unit
        )
        if unit == "us":
            txt = np.char.replace(txt.astype(str), "T", " ")
        # code -1 (missing) -> the appended None
        lookup = np.append(txt.astype(object), None)  # type: ignore[call-overload]
        result: np.ndarray = lookup[codes]
        return result
    if isinstance(coltype, Boolean):
        b = pd.Series(s, dtype="boolean")
        out: np.ndarray = b.astype("Int64").to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
        return out
    if pd.api.types.is_integer_dtype(s.dtype) or pd.api.types.is_float_dtype(s.dtype):
        ints: np.ndarray = pd.Series(s, dtype="Int64").to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
        return ints
    objs: np.ndarray = s.to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
    return objs


def to_rows(df: pd.DataFrame, table: Table, cols: list[str]) -> list[tuple[Any, ...]]:
    """Rows as tuples in ``cols`` order."""
    arrays = [db_form(df[c], table.c[c].type).tolist() for c in cols]
    return list(zip(*arrays, strict=True))


def insert_frame(
    conn: Connection, table: Table, df: pd.DataFrame, *, rebuild_indexes: bool = False
) -> int:
    """Insert every row of ``df`` (columns named as ``table``'s) inside the open transaction.

    ``rebuild_indexes``: drop the table's secondary indexes first and build them again after
    (one sort per index beats a million random B-tree inserts; the classic bulk-load advice in
    both SQLite's and PostgreSQL's documentation, "Populating a Database"). Unique indexes are
    checked again when rebuilt, and all of it is inside the caller's transaction.
    """
    if df.empty:
        return 0
    if rebuild_indexes:
        for ix in table.indexes:
            ix.drop(conn)
        n = insert_frame(conn, table, df)
        for ix in table.indexes:
            ix.create(conn)
        return n
    cols = [c.name for c in table.columns if c.name in df.columns]
    rows = to_rows(df, table, cols)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        q = conn.dialect.identifier_preparer
        sql = (
            f"COPY {q.format_table(table)} ({', '.join(q.quote(c) for c in cols)}) "
            "FROM STDIN (FORMAT csv)"
        )
        cur = raw.cursor()  # type: ignore[union-attr]
        with cur.copy(sql) as copy:
            for start in range(0, len(rows), BATCH):
                buf = io.StringIO()
                # None -> unquoted empty field, which CSV COPY reads as NULL; the registry
                # stores empty strings as NULL too (conform), so nothing is lost.
                # CR LF: the csv module quotes only for its terminator's characters, and COPY
                # refuses a bare CR ("unquoted carriage return found in data")
                csv.writer(buf, lineterminator="\r\n").writerows(rows[start : start + BATCH])
                copy.write(buf.getvalue())
        return len(rows)
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=cols)
    order = list(compiled.positiontup or cols)
    if order != cols:
        pos = [cols.index(c) for c in order]
        rows = [tuple(r[i] for i in pos) for r in rows]
    cur = raw.cursor()  # type: ignore[union-attr]
    for start in range(0, len(rows), BATCH):
        cur.executemany(str(compiled), rows[start : start + BATCH])
    cur.close()
    return len(rows)
