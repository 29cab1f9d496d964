"""Turning user tables into complete daily count series, with errors that name the row.

Shared by every estimator: a series must have one value per day, each a non-negative integer;
missing days are an explicit choice (``fill_missing="zero"`` or ``"error"``), never silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from flareup.errors import InputError, Problem

FillMissing = Literal["zero", "error"]
FILL_MISSING_CHOICES: tuple[str, ...] = ("zero", "error")


def check_fill_missing(value: str) -> FillMissing:
    """Return ``value`` if it is ``zero`` or ``error``; else InputError naming ``fill_missing``."""
    if value not in FILL_MISSING_CHOICES:
        raise InputError(f"must be 'zero' or 'error', got {value!r}", field="fill_missing")
    return value  # type: ignore[return-value]


def _rows(df: pd.DataFrame) -> np.ndarray:
    # The 1-based data row in the file: ingest's `row` column where present, else position + 1.
    if "row" in df.columns:
        return df["row"].to_numpy()
    return np.arange(1, len(df) + 1)


def _shown(value: object) -> str:
    """A value as a message shows it: text quoted, a number as written ('-23', not
    'np.int64(-23)')."""
    return repr(value) if isinstance(value, str) else str(value)


def _by_day(problems: list[Problem], days: pd.Series, rows: np.ndarray) -> list[Problem]:
    """Problems of a series that comes from no file (the registry's figures): each said by its
    day, since a row number and an internal column name ('row 5, field I') mean nothing there."""
    pos = {int(r): i for i, r in enumerate(rows)}
    out = []
    for q in problems:
        i = pos.get(q.row) if q.row is not None else None
        if i is None:
            out.append(q)
            continue
        day = days.iloc[i]
        label = day.date().isoformat() if isinstance(day, pd.Timestamp) else str(day)[:10]
        out.append(Problem(None, None, None, f"{label}: {q.reason}"))
    return out


def check_counts(
    df: pd.DataFrame,
    columns: Sequence[str],
    *,
    file: str | None = None,
    allow_missing: bool = False,
) -> list[Problem]:
    """Problems with count columns: not a number, negative, not an integer (missing if not allowed)."""
    rows = _rows(df)
    problems: list[Problem] = []
    for col in columns:
        raw = df[col]
        num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        isna = raw.isna().to_numpy()
        for i in np.flatnonzero(~isna & ~np.isfinite(num)):
            problems.append(
                Problem(file, int(rows[i]), col, f"not a number: {_shown(raw.iloc[i])}")
            )
        if not allow_missing:
            for i in np.flatnonzero(isna):
                problems.append(
                    Problem(
                        file,
                        int(rows[i]),
                        col,
                        "missing value (use fill_missing='zero' to count it as 0)",
                    )
                )
        fin = np.isfinite(num)
        for i in np.flatnonzero(fin & (num < 0)):
            problems.append(
                Problem(file, int(rows[i]), col, f"negative count {_shown(raw.iloc[i])}")
            )
        for i in np.flatnonzero(fin & (num >= 0) & (num != np.round(num))):
            problems.append(
                Problem(file, int(rows[i]), col, f"non-integer count {_shown(raw.iloc[i])}")
            )
    return problems


def parse_dates(df: pd.DataFrame, column: str, *, file: str | None = None) -> pd.Series:
    """ISO dates of ``column`` normalised to midnight; InputError naming each bad row."""
    rows = _rows(df)
    parsed = pd.to_datetime(df[column], errors="coerce", format="ISO8601")
    bad = np.flatnonzero(parsed.isna().to_numpy())
    InputError.collect(
        Problem(file, int(rows[i]), column, f"not an ISO date (YYYY-MM-DD): {df[column].iloc[i]!r}")
        for i in bad
    )
    return parsed.dt.normalize()


def optional_dates(df: pd.DataFrame, column: str, *, file: str | None = None) -> pd.Series:
    """ISO dates of an optional column (blank allowed, NaT); InputError naming unparsable rows."""
    if column not in df.columns:
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    rows = _rows(df)
    raw = df[column]
    parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601")
    bad = np.flatnonzero((parsed.isna() & raw.notna()).to_numpy())
    InputError.collect(
        Problem(file, int(rows[i]), column, f"not an ISO date (YYYY-MM-DD): {raw.iloc[i]!r}")
        for i in bad
    )
    return parsed.dt.normalize()


def complete_daily(
    df: pd.DataFrame,
    *,
    index: str,
    values: Sequence[str],
    fill_missing: str = "error",
    file: str | None = None,
    start: pd.Timestamp | int | None = None,
    end: pd.Timestamp | int | None = None,
) -> pd.DataFrame:
    """One row per day from first to last (or ``start``..``end``), checked.

    ``index`` is a date column (ISO dates) or ``t`` (an integer day index). Duplicated days are an
    error naming both rows; gaps and missing values are an error naming the missing days unless
    ``fill_missing="zero"``. Returns a frame indexed 0..T-1 with the index column and the values
    as int64; ``attrs["filled_days"]`` lists the days counted as 0 (ISO dates or day indices).
    """
    fill = check_fill_missing(fill_missing)
    missing_cols = [c for c in (index, *values) if c not in df.columns]
    if missing_cols:
        raise InputError(f"missing column {missing_cols[0]!r}", file=file, field=missing_cols[0])
    if len(df) == 0:
        raise InputError("no rows: there are no data to estimate from", file=file)
    rows = _rows(df)
    problems = check_counts(df, values, file=file, allow_missing=(fill == "zero"))
    if file is None and index != "t" and index in df.columns:
        problems = _by_day(problems, df[index], rows)
    if index == "t":
        key = pd.to_numeric(df[index], errors="coerce")
        for i in np.flatnonzero(
            ~np.isfinite(key.to_numpy(dtype=float, na_value=np.nan))
            | (key.to_numpy(dtype=float, na_value=np.nan) % 1 != 0)
        ):
            problems.append(
                Problem(
                    file, int(rows[i]), index, f"not an integer day index: {df[index].iloc[i]!r}"
                )
            )
        InputError.collect(problems)
        key = key.astype("int64")
    else:
        InputError.collect(problems)
        key = parse_dates(df, index, file=file)
    dup = key.duplicated(keep=False).to_numpy()
    if dup.any():
        seen: dict[object, int] = {}
        dproblems = []
        for i in np.flatnonzero(dup):
            k = key.iloc[i]
            if k in seen:
                label = k.date().isoformat() if isinstance(k, pd.Timestamp) else k
                dproblems.append(
                    Problem(
                        file, int(rows[i]), index, f"duplicate day {label} (also on row {seen[k]})"
                    )
                )
            else:
                seen[k] = int(rows[i])
        InputError.collect(dproblems)
    vals = df[list(values)].apply(pd.to_numeric, errors="coerce")
    frame = pd.DataFrame({index: key.to_numpy()}).join(vals.reset_index(drop=True))
    frame = frame.sort_values(index, kind="stable").reset_index(drop=True)
    lo = frame[index].iloc[0] if start is None else start
    hi = frame[index].iloc[-1] if end is None else end
    full: pd.Index
    if index == "t":
        full = pd.Index(np.arange(int(lo), int(hi) + 1), name=index)
    else:
        full = pd.date_range(pd.Timestamp(lo), pd.Timestamp(hi), freq="D", name=index)
    out = frame.set_index(index).reindex(full)
    holes = out[list(values)].isna().any(axis=1).to_numpy()
    labels = [d.date().isoformat() if isinstance(d, pd.Timestamp) else str(d) for d in full[holes]]
    if holes.any() and fill == "error":
        shown = ", ".join(labels[:10]) + (
            f" ... ({len(labels)} in all)" if len(labels) > 10 else ""
        )
        raise InputError(
            f"days missing from the series: {shown}; pass fill_missing='zero' to count them as 0",
            file=file,
            field=index,
        )
    out = out.fillna(0).astype("int64").reset_index()
    # Which days were counted as 0, so that a caller can say so (the CLI's note).
    out.attrs["filled_days"] = labels
    return out
