"""The registry's own, defensive check of a ``ValidatedTable`` frame before anything is written.

``ingest`` validates files; this module re-checks the frame the registry is handed (a caller may
build one by hand) so that a malformed frame is an ``InputError`` naming file, row, field and
reason, never a database error halfway through an import. All checks are vectorised in pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import Problem
from flareup.ingest.columns import TABLE_COLUMNS
from flareup.ingest.model import TableKind

STR, DATE, DATETIME, INT, BOOL = "str", "date", "datetime", "int", "bool"


@dataclass(frozen=True, slots=True)
class Col:
    """One canonical column: its type, whether it is required, allowed values, default."""

    name: str
    type: str = STR
    required: bool = False
    choices: tuple[str, ...] | None = None
    default: Any = None
    nonneg: bool = False
    max_len: int | None = None
    max_value: int | None = None


#: the registry's type of each ingest column type: every count is Int64, GeoJSON is text
_TYPE: dict[str, str] = {
    "str": STR,
    "json": STR,
    "date": DATE,
    "datetime": DATETIME,
    "int": INT,
    "Int": INT,
    "bool": BOOL,
}

#: Canonical columns per table kind (docs/dev/contracts.md section 1), in export order, derived
#: from the one declaration in :mod:`flareup.ingest.columns`.
SPECS: dict[TableKind, tuple[Col, ...]] = {
    kind: tuple(
        Col(
            c.name,
            _TYPE[c.type],
            c.required,
            c.choices,
            c.default,
            c.nonneg,
            c.max_len,
            c.max_value,
        )
        for c in spec.columns
    )
    for kind, spec in TABLE_COLUMNS.items()
}


def columns(kind: TableKind) -> list[str]:
    """The canonical column names of ``kind``, in order."""
    return [c.name for c in SPECS[kind]]


def _rows_of(frame: pd.DataFrame) -> np.ndarray:
    """1-based file rows: the frame's ``row`` column where usable, else position + 1."""
    if "row" in frame.columns:
        r = pd.to_numeric(frame["row"].astype(object), errors="coerce")
        f = pd.Series(r, dtype="float64").to_numpy()
        if np.isfinite(f).all() and (f == np.round(f)).all() and (np.abs(f) < 2**53).all():
            return f.astype("int64")
    return np.arange(1, len(frame) + 1, dtype=np.int64)


def _problems(file: str, rows: np.ndarray, mask: Any, field: str, reason: str) -> list[Problem]:
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    return [Problem(file, int(rows[i]), field, reason) for i in idx[:200]]


def _as_str(s: pd.Series) -> pd.Series:
    """Strings as Python objects with None for missing; empty strings count as missing."""
    if isinstance(s.dtype, pd.StringDtype):
        vals = s.to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
    else:
        vals = s.astype(object).where(s.notna(), None).to_numpy()
    if isinstance(s.dtype, pd.StringDtype) or pd.api.types.infer_dtype(vals, skipna=True) in (
        "string",
        "empty",
    ):
        bad = np.zeros(len(vals), dtype=bool)
    else:
        bad = np.fromiter(
            (v is not None and not isinstance(v, str) for v in vals), dtype=bool, count=len(vals)
        )
    if bad.any():
        # numbers or other scalars given for a text column: keep their text form
        vals = vals.copy()
        vals[bad] = [str(v) for v in vals[bad]]
    vals = np.where(vals == "", None, vals)  # type: ignore[arg-type]
    return pd.Series(vals, index=s.index, dtype=object)


def conform(frame: Any, kind: TableKind, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Return ``frame`` in canonical columns and types plus ``row``, and every problem found.

    Dates become ``datetime64[ns]`` at midnight, ints ``Int64``, bools ``boolean``, text Python
    ``str`` or ``None``.
    """
    if not isinstance(frame, pd.DataFrame):
        return pd.DataFrame(), [Problem(file, None, None, "the table is not a data frame")]
    problems: list[Problem] = []
    if not frame.columns.is_unique:
        dup = [str(c) for c in frame.columns[frame.columns.duplicated()]]
        return pd.DataFrame(), [Problem(file, None, c, "duplicate column") for c in dup]
    frame = frame.reset_index(drop=True)
    rows = _rows_of(frame)
    out: dict[str, pd.Series] = {}
    n = len(frame)
    for col in SPECS[kind]:
        if col.name not in frame.columns:
            if col.required:
                problems.append(Problem(file, None, col.name, "required column is missing"))
                continue
            out[col.name] = pd.Series([col.default] * n, dtype=object)
            if col.type != STR:
                out[col.name] = _typed(out[col.name], col, file, rows, [])
            continue
        raw = frame[col.name]
        if isinstance(raw, pd.DataFrame):  # pragma: no cover - guarded by is_unique above
            problems.append(Problem(file, None, col.name, "duplicate column"))
            continue
        s = _typed(raw, col, file, rows, problems)
        problems += _bounds(s, col, file, rows)
        if col.default is not None:
            s = s.where(s.notna(), col.default)
        if col.required:
            problems += _problems(file, rows, s.isna(), col.name, "required value is missing")
        if col.choices is not None:
            bad = s.notna() & ~s.isin(col.choices)
            if bad.any():
                problems += _problems(
                    file,
                    rows,
                    bad,
                    col.name,
                    f"unknown value; expected one of: {', '.join(col.choices)}",
                )
        out[col.name] = s
    if problems:
        return pd.DataFrame(), problems
    result = pd.DataFrame(out)
    result["row"] = rows
    return result, problems


def _bounds(s: pd.Series, col: Col, file: str, rows: np.ndarray) -> list[Problem]:
    """NUL characters and over-long text, numbers over ``max_value``: refused the same on
    SQLite and PostgreSQL (the limits are the ingest declarations, equal to the columns')."""
    out: list[Problem] = []
    if col.type == STR:
        txt = s.astype(object)
        nul = txt.str.contains("\x00", regex=False).fillna(False).to_numpy(dtype=bool)
        out += _problems(file, rows, nul, col.name, "contains a NUL character")
        if col.max_len is not None:
            lens = txt.str.len().to_numpy(dtype=float, na_value=0)
            out += _problems(
                file,
                rows,
                (lens > col.max_len) & ~nul,
                col.name,
                f"too long (at most {col.max_len} characters)",
            )
    elif col.type == INT and col.max_value is not None:
        over = (s > col.max_value).fillna(False).to_numpy(dtype=bool)
        out += _problems(file, rows, over, col.name, f"number too large (at most {col.max_value})")
    return out


def _typed(s: pd.Series, col: Col, file: str, rows: np.ndarray, problems: list[Problem]) -> Any:
    """Coerce one column to its canonical type, adding a problem per value that will not go."""
    present = s.notna().to_numpy()
    if col.type == STR:
        return _as_str(s)
    if col.type in (DATE, DATETIME):
        try:
            if pd.api.types.is_datetime64_any_dtype(s.dtype):
                t = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
                t = pd.Series(t, dtype="datetime64[ns]")
            else:
                t = pd.to_datetime(_as_str(s), errors="coerce", format="ISO8601")
                t = pd.Series(t, index=s.index).astype("datetime64[ns]")
        except (ValueError, TypeError, OverflowError):
            t = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
        bad = present & t.isna().to_numpy()
        if col.type == DATE:
            ok = t.notna()
            not_midnight = ok & (t != t.dt.normalize())
            bad |= not_midnight.to_numpy()
        problems += _problems(file, rows, bad, col.name, "not a valid date")
        return t.where(~pd.Series(bad, index=t.index))
    if col.type == INT:
        if pd.api.types.is_bool_dtype(s.dtype):
            num = pd.Series(np.nan, index=s.index)
        else:
            num = pd.to_numeric(s.astype(object).where(s.notna(), None), errors="coerce")
        numf = pd.Series(num, index=s.index, dtype="float64")
        bad = present & ~(np.isfinite(numf) & (numf == np.round(numf))).to_numpy()  # type: ignore[attr-defined]
        bad |= present & (numf.abs() > 2**62).fillna(False).to_numpy()
        problems += _problems(file, rows, bad, col.name, "not an integer")
        if col.nonneg:
            neg = present & ~bad & (numf < 0).fillna(False).to_numpy()
            problems += _problems(file, rows, neg, col.name, "negative count")
        good = present & ~bad
        vals = pd.array([None] * len(s), dtype="Int64")
        if good.any():
            vals[good] = pd.Series(num, index=s.index)[good].astype("int64").to_numpy()
        return pd.Series(vals, index=s.index)
    if col.type == BOOL:
        # True == 1 and False == 0 as dict keys, so ints 1/0 map too
        mapping: dict[Any, bool] = {
            True: True,
            False: False,
            "true": True,
            "false": False,
            "1": True,
            "0": False,
            "yes": True,
            "no": False,
            "t": True,
            "f": False,
        }
        obj = s.astype(object).where(s.notna(), None)
        conv = [
            mapping.get(v.lower() if isinstance(v, str) else v) if v is not None else None
            for v in obj.tolist()
        ]
        out = pd.Series(pd.array(conv, dtype="boolean"), index=s.index)
        bad = present & out.isna().to_numpy()
        problems += _problems(file, rows, bad, col.name, "not true or false")
        return out
    raise AssertionError(col.type)  # pragma: no cover
