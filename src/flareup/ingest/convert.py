"""Column converters for :mod:`flareup.ingest.tables`: text, counts, dates, flags, JSON.

Split out of ``tables.py`` verbatim. Each converter takes one raw column and a :class:`_Collector`,
returns the canonical column and records a problem for each bad row (only bad rows are visited).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import Problem
from flareup.ingest.columns import ColumnSpec

_STR_DTYPE = pd.StringDtype(na_value=np.nan) if pd.__version__ >= "3" else object  # type: ignore[call-arg]
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


class _Collector:
    """Collects problems; rows are named from boolean masks (only bad rows are visited)."""

    def __init__(self, file: str, rows: np.ndarray) -> None:
        self.file = file
        self.rows = rows
        self.problems: list[Problem] = []

    def whole(self, reason: str, field: str | None = None) -> None:
        self.problems.append(Problem(self.file, None, field, reason))

    def masked(
        self,
        mask: np.ndarray | pd.Series,
        field: str | None,
        reason: str | Callable[[int], str],
    ) -> None:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            return
        for pos in np.flatnonzero(m):
            text = reason(int(pos)) if callable(reason) else reason
            self.problems.append(Problem(self.file, int(self.rows[pos]), field, text))


def _is_scalar_ok(v: Any) -> bool:
    return v is None or isinstance(
        v, str | int | float | bool | np.generic | dt.date | pd.Timestamp
    )


def _shown(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _null_mask(s: pd.Series) -> np.ndarray:
    """Missing or blank."""
    m = s.isna().to_numpy(dtype=bool, copy=True)
    if isinstance(s.dtype, pd.StringDtype):
        m |= (s.str.strip() == "").fillna(False).to_numpy(dtype=bool)
    elif s.dtype == object:
        vals = s.to_numpy(dtype=object)
        m |= np.fromiter(
            (isinstance(v, str) and not v.strip() for v in vals), dtype=bool, count=len(vals)
        )
    return m


def _to_text(s: pd.Series, col: str, out: _Collector) -> pd.Series:
    """Column as stripped strings (NA for missing); wrong types (lists, dicts) are problems."""
    if isinstance(s.dtype, pd.StringDtype):
        t = s.str.strip()
        return t.where(t != "", other=np.nan).astype(_STR_DTYPE)
    if pd.api.types.is_bool_dtype(s.dtype):
        return (
            s.astype(object)
            .map(lambda v: str(v).lower() if pd.notna(v) else np.nan)
            .astype(_STR_DTYPE)
        )
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype("Int64").astype(_STR_DTYPE)
    if pd.api.types.is_float_dtype(s.dtype):
        f = s.to_numpy(dtype=float, na_value=np.nan)
        whole = np.isfinite(f) & (np.floor(f) == f) & (np.abs(f) < 2**53)
        as_float = pd.Series(np.where(whole, np.nan, f), dtype=object).astype(str)
        ints = pd.Series(np.where(whole, f, 0), dtype=float).astype(np.int64).astype(str)
        res = pd.Series(np.where(whole, ints, as_float), index=s.index, dtype=object)
        return res.where(~np.isnan(f), np.nan).astype(_STR_DTYPE)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        result: pd.Series = s.dt.strftime("%Y-%m-%d").astype(_STR_DTYPE)
        return result
    # object: check element types (JSON and Parquet may hold anything)
    inferred = pd.api.types.infer_dtype(s, skipna=True)
    if inferred in ("string", "empty"):
        return _to_text(s.astype(_STR_DTYPE), col, out)
    if inferred == "integer":
        return s.map(lambda v: np.nan if v is None or v != v else str(v)).astype(_STR_DTYPE)
    vals = s.to_numpy(dtype=object)
    bad = np.array([not _is_scalar_ok(v) for v in vals], dtype=bool)
    if bad.any():
        out.masked(
            bad,
            col,
            lambda i: (
                f"wrong type {type(vals[i]).__name__}: expected a text value, got {_shown(vals[i])}"
            ),
        )
    conv: list[object] = []
    for v, b in zip(vals, bad, strict=True):
        if b or v is None or (isinstance(v, float) and math.isnan(v)):
            conv.append(np.nan)
        elif isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            conv.append(str(int(v)))
        elif isinstance(v, bool):
            conv.append(str(v).lower())
        elif isinstance(v, dt.datetime | pd.Timestamp):
            conv.append(v.isoformat())
        else:
            txt = str(v).strip()
            conv.append(txt if txt else np.nan)
    return pd.Series(conv, index=s.index, dtype=_STR_DTYPE)


#: Largest count accepted (and stored exactly: BIGINT holds 2**63 - 1).
_INT_LIMIT = 2**62
#: Beyond this a number given as a float (``1e17``, ``5.0``) may already have been rounded.
_FLOAT_EXACT = 2**53


def _to_int(s: pd.Series, col: str, out: _Collector, *, nullable: bool, nonneg: bool) -> pd.Series:
    """Whole numbers (counts: ``nonneg``). ``nullable`` gives Int64, else int64 (missing -> 0).

    Exact: plain digits (``9007199254740993``, ``1,234``) are converted as integers, never
    through float; a number above 2**62 is refused ("too large"), and so is a number given in
    float form (``1e17``, ``9007199254740993.0``, a float column) at or above 2**53, where a
    float no longer holds every whole number.
    """
    n = len(s)
    ints = np.zeros(n, dtype=np.int64)
    ok = np.zeros(n, dtype=bool)
    if pd.api.types.is_bool_dtype(s.dtype):
        out.masked(s.notna().to_numpy(), col, "wrong type bool: expected a whole number")
        present = np.zeros(n, dtype=bool)
    elif pd.api.types.is_integer_dtype(s.dtype):
        present = s.notna().to_numpy()
        if str(s.dtype).lower().startswith("u"):  # uint64 from Parquet
            u = s.to_numpy(dtype=np.uint64, na_value=0)
            big = present & (u > _INT_LIMIT)
            ints = np.where(big, 0, u).astype(np.int64)
        else:
            v = s.to_numpy(dtype=np.int64, na_value=0)
            big = present & ((v > _INT_LIMIT) | (v < -_INT_LIMIT))
            ints = np.where(big, 0, v)
        out.masked(big, col, f"number too large (over 2**62 = {_INT_LIMIT:,})")
        ok = present & ~big
    else:
        if pd.api.types.is_float_dtype(s.dtype):
            f = s.to_numpy(dtype=float, na_value=np.nan)
            present = ~np.isnan(f)
            digits = np.zeros(n, dtype=bool)
            txt = None
        else:
            text = _to_text(s, col, out)
            present = np.array(text.notna(), dtype=bool)
            txt = text.str.replace(",", "", regex=False).str.replace("_", "x", regex=False)
            txt = txt.str.removeprefix("+")
            digits = np.array(txt.str.fullmatch(r"-?\d+").fillna(False), dtype=bool)
            num = pd.to_numeric(txt.where(~pd.Series(digits, index=txt.index)), errors="coerce")
            f = pd.Series(num, dtype="float64").to_numpy(na_value=np.nan)
            shown = text.to_numpy(dtype=object)
            out.masked(
                present & ~digits & np.isnan(f), col, lambda i: f"not a number: {_shown(shown[i])}"
            )
        if digits.any() and txt is not None:
            d = txt[digits]
            short = (d.str.len() - d.str.startswith("-").astype(int)) <= 18
            pos = np.flatnonzero(digits)
            vals = np.zeros(len(d), dtype=np.int64)
            if short.any():
                vals[short.to_numpy()] = d[short].astype("int64").to_numpy()
            for j in np.flatnonzero(~short.to_numpy()):  # 19+ digits: rare, checked exactly
                big_int = int(d.iloc[j])
                if abs(big_int) <= _INT_LIMIT:
                    vals[j] = big_int
                else:
                    one = np.zeros(n, dtype=bool)
                    one[pos[j]] = True
                    out.masked(one, col, f"number too large (over 2**62 = {_INT_LIMIT:,})")
                    digits[pos[j]] = False
                    present[pos[j]] = False
            ints[pos] = vals
            ok |= digits
        fl = present & ~digits
        finite = fl & np.isfinite(np.where(fl, f, 0))
        out.masked(fl & ~np.isnan(f) & ~np.isfinite(f), col, "not a finite number")
        fz = np.where(finite, f, 0)
        nonint = finite & (np.floor(fz) != fz)
        out.masked(nonint, col, lambda i: f"not a whole number: {float(f[i]):g}")
        inexact = finite & ~nonint & (np.abs(fz) >= _FLOAT_EXACT)
        out.masked(
            inexact,
            col,
            lambda i: (
                f"number too large to be exact as a float ({float(f[i]):g}); "
                "write it as plain digits"
            ),
        )
        fok = finite & ~nonint & ~inexact
        ints = np.where(fok, np.where(fok, fz, 0).astype(np.int64), ints)
        ok |= fok
    if nonneg:
        neg = ok & (ints < 0)
        out.masked(neg, col, lambda i: f"negative count: {int(ints[i])}")
        ok &= ~neg
    if nullable:
        return pd.Series(pd.array(np.where(ok, ints, 0), dtype="Int64"), index=s.index).where(
            ok, pd.NA
        )
    return pd.Series(np.where(ok, ints, 0), index=s.index, dtype=np.int64)


#: An ISO 8601 date, optionally with a time and a UTC offset. Dates must be complete
#: (YYYY-MM-DD): ``2020`` or ``2020-10`` would otherwise be read as 1 January / 1 October.
_ISO_RE = (
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
#: Years a date may have (what ``datetime64[ns]`` holds).
_YEARS = (1678, 2261)


def _to_datetime(
    s: pd.Series,
    col: str,
    out: _Collector,
    *,
    normalise: bool,
    not_future: bool,
    now: pd.Timestamp,
) -> pd.Series:
    """Dates (``normalise``) or date-times, as naive ``datetime64[ns]``.

    The rule for a value written with a UTC offset (``2020-10-26T00:30+08:00``): it means the
    date and the wall-clock time **as written, in its own offset** (26 October, 00:30), not that
    moment converted to UTC (25 October, 16:30): a local report date stays the local date.
    Typed date-times (Parquet, Excel) with a time zone are read the same way.
    """
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        d = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        present = d.notna().to_numpy()
        years = d.dt.year
        inside = ((years >= _YEARS[0]) & (years <= _YEARS[1])).fillna(False).to_numpy(dtype=bool)
        out.masked(present & ~inside, col, f"date out of range (years {_YEARS[0]}-{_YEARS[1]})")
        d = d.where(pd.Series(inside, index=d.index)).astype("datetime64[ns]")
    else:
        text = _to_text(s, col, out)
        present = text.notna().to_numpy()
        # parse each distinct text once (a million rows hold a few hundred dates)
        codes, uniq = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=True)
        parts = pd.Series(uniq, dtype=object).str.extract(_ISO_RE)
        wall = parts["date"].str.cat(parts["time"].fillna("00:00"), sep=" ")
        du = pd.to_datetime(wall, format="ISO8601", errors="coerce")
        year_u = pd.to_numeric(parts["date"].str.slice(0, 4), errors="coerce").to_numpy(float)
        far_u = (year_u < _YEARS[0]) | (year_u > _YEARS[1])
        du = du.where(pd.Series(~far_u, index=du.index)).astype("datetime64[ns]")
        if normalise:  # the date as written (a valid time after it is allowed and dropped)
            du = du.dt.normalize()
        ok_u = np.append(parts["date"].notna().to_numpy(dtype=bool), False)
        shape_ok = ok_u[codes]  # code -1 (missing) -> the appended False
        far = np.append(far_u, False)[codes] & shape_ok
        vals_u = np.append(du.to_numpy(), np.datetime64("NaT", "ns"))
        d = pd.Series(vals_u[codes], index=text.index, dtype="datetime64[ns]")
        shown = text.to_numpy(dtype=object)
        out.masked(
            present & ~shape_ok,
            col,
            lambda i: (
                f"not an ISO date (YYYY-MM-DD"
                f"{'' if normalise else ' or YYYY-MM-DDTHH:MM[:SS][+HH:MM]'}): "
                f"{_shown(shown[i])}"
            ),
        )
        out.masked(
            far,
            col,
            lambda i: f"date out of range (years {_YEARS[0]}-{_YEARS[1]}): {_shown(shown[i])}",
        )
        # the right shape but no such day (2020-02-30, month 13, hour 25)
        out.masked(
            present & shape_ok & ~far & d.isna().to_numpy(),
            col,
            lambda i: f"not an ISO date (YYYY-MM-DD): no such day {_shown(shown[i])}",
        )
    if normalise:
        d = d.dt.normalize()
    if not_future:
        limit = now.normalize() + pd.Timedelta(days=1) if normalise else now
        fut = (
            (d >= limit).fillna(False).to_numpy(dtype=bool)
            if normalise
            else (d > limit).fillna(False).to_numpy(dtype=bool)
        )
        vals = d.to_numpy()
        out.masked(
            fut, col, lambda i: f"date in the future: {str(vals[i])[: 10 if normalise else 19]}"
        )
    return d


def _to_bool(s: pd.Series, col: str, out: _Collector) -> pd.Series:
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    text = _to_text(s, col, out).str.lower()
    t = text.isin(_TRUE).to_numpy(dtype=bool)
    f = text.isin(_FALSE).to_numpy(dtype=bool)
    present = text.notna().to_numpy()
    shown = text.to_numpy(dtype=object)
    out.masked(present & ~t & ~f, col, lambda i: f"not true/false: {_shown(shown[i])}")
    res = pd.array(t, dtype="boolean")
    res[~(t | f)] = pd.NA
    return pd.Series(res, index=s.index)


def _check_text(t: pd.Series, c: ColumnSpec, out: _Collector) -> None:
    """NUL characters (PostgreSQL refuses them in text; SQLite would store them) and lengths
    over the column's declared ``max_len``: the same rows are refused on both backends."""
    nul = t.str.contains("\x00", regex=False).fillna(False).to_numpy(dtype=bool)
    out.masked(nul, c.name, "contains a NUL character (\\x00)")
    if c.max_len is not None:
        lens = t.str.len().to_numpy(dtype=float, na_value=0)
        out.masked(
            (lens > c.max_len) & ~nul,
            c.name,
            lambda i: f"too long: {int(lens[i]):,} characters (at most {c.max_len})",
        )


def _check_json(s: pd.Series, col: str, out: _Collector) -> pd.Series:
    text = _to_text(s, col, out)
    _check_text(text, ColumnSpec(col, "json"), out)
    vals = text.to_numpy(dtype=object)
    present = np.flatnonzero(text.notna().to_numpy())
    bad = np.zeros(len(text), dtype=bool)
    for i in present:  # geometries are few (one per area): a loop is fine here
        try:
            obj = json.loads(vals[i])
            if not isinstance(obj, dict) or "type" not in obj:
                bad[i] = True
        except (ValueError, TypeError, RecursionError):
            bad[i] = True
    out.masked(bad, col, "not a GeoJSON object (JSON with a 'type')")
    return text
