"""Read and validate input tables (CSV, Parquet, JSON records) into canonical frames.

Every check that needs no store happens here, vectorised with pandas so that a million-row line
list validates in seconds: the happy path never loops over rows in Python; only rows already found
bad are visited, to name them. All problems are collected into one :class:`InputError`.

Canonical columns and dtypes are those of docs/dev/contracts.md, section 1:

- strings (codes, names, notes): pandas' default string dtype, missing as NA;
- dates: ``datetime64[ns]`` normalised to midnight (campaign ``timestamp`` keeps its time);
- required counts (``value``): ``int64``; optional counts (population, campaign numbers): ``Int64``;
- ``imported``: nullable ``boolean``; ``row``: ``int64``, 1-based data row (header not counted).

Unknown columns are an **error** by default (a misspelt optional column such as ``qualifer``
would otherwise silently drop data); pass ``unknown_columns="ignore"`` to drop them instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from flareup import schema
from flareup.errors import InputError, Problem
from flareup.ingest.columns import TABLE_COLUMNS, ColumnSpec, TableSpec
from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.ingest.privacy import check_personal_data
from flareup.schema import SourceKind

__all__ = [
    "TABLE_SPECS",
    "ColumnSpec",
    "SourceInfo",
    "TableKind",
    "TableSpec",
    "ValidatedTable",
    "read_frame",
    "read_table",
    "validate_frame",
]


def _validation_order(spec: TableSpec) -> TableSpec:
    """Required columns first: the order of validated frames, of column lists in messages and
    of the problems within a row."""
    cols = spec.columns
    return TableSpec(
        spec.kind,
        (*[c for c in cols if c.required], *[c for c in cols if not c.required]),
        spec.key,
    )


TABLE_SPECS: dict[TableKind, TableSpec] = {
    kind: _validation_order(spec) for kind, spec in TABLE_COLUMNS.items()
}

_STR_DTYPE = pd.StringDtype(na_value=np.nan) if pd.__version__ >= "3" else object  # type: ignore[call-arg]
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_INT64_MAX = 2**63 - 1


def _kind(kind: TableKind | str) -> TableKind:
    try:
        return TableKind(kind)
    except ValueError:
        raise InputError(
            f"unknown table kind {kind!r}; known kinds: {', '.join(k.value for k in TableKind)}",
            field="kind",
        ) from None


# --------------------------------------------------------------------------------------------
# reading files


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".bz2", ".xz", ".zst", ".zip") and len(suffixes) > 1:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def _compression(path: Path) -> str | None:
    last = path.suffix.lower()
    return {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd", ".zip": "zip"}.get(last)


def read_frame(path: str | Path, *, data: bytes | None = None) -> pd.DataFrame:
    """Read a CSV/TSV, Parquet or JSON-records file into a raw frame (no validation).

    Every failure to read is an :class:`InputError` naming the file.
    """
    path = Path(path)
    file = str(path)
    suffix = _suffix(path)
    if suffix not in (".csv", ".tsv", ".txt", ".parquet", ".pq", ".json"):
        raise InputError(
            f"unknown file format {suffix or '(no suffix)'!r}; use .csv, .tsv, .parquet or .json",
            file=file,
        )
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}", file=file) from None
    try:
        if suffix in (".csv", ".tsv", ".txt"):
            # everything as text: types are checked column by column afterwards, with row numbers
            return pd.read_csv(
                io.BytesIO(data),
                sep="\t" if suffix == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8-sig",
                compression=_compression(path),  # type: ignore[arg-type]
                skipinitialspace=False,
            )
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(io.BytesIO(data))
        return _read_json_records(data, _compression(path))
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError("file is empty (no header row)", file=file) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=file) from None
    except Exception as exc:  # every parser failure becomes a clean, located message
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        kind = "Parquet" if suffix in (".parquet", ".pq") else suffix.lstrip(".").upper()
        raise InputError(f"cannot read as {kind}: {first[:300]}", file=file) from None


def _read_json_records(data: bytes, compression: str | None) -> pd.DataFrame:
    if compression:
        import gzip

        data = gzip.decompress(data) if compression == "gzip" else data
    text = data.decode("utf-8-sig")
    obj = json.loads(text)
    if isinstance(obj, dict) and isinstance(obj.get("data"), list):
        obj = obj["data"]  # pandas' orient="table"/"split"-like wrapper
    if not isinstance(obj, list):
        raise InputError("JSON must be a list of records (objects), one per row")
    bad = [i + 1 for i, rec in enumerate(obj) if not isinstance(rec, dict)]
    if bad:
        raise InputError(
            problems=[Problem(None, r, None, "JSON record is not an object") for r in bad]
        )
    if not obj:
        return pd.DataFrame()
    return pd.DataFrame.from_records(obj)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_table(
    path: str | Path,
    kind: TableKind | str,
    *,
    unknown_columns: Literal["error", "ignore"] = "error",
    today: dt.date | None = None,
) -> ValidatedTable:
    """Read ``path`` (CSV, Parquet or JSON records, by suffix) and validate it as ``kind``.

    Raises one :class:`InputError` holding every problem found (file, row, field, reason).
    """
    kind = _kind(kind)
    p = Path(path)
    file = str(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=file) from None
    try:
        raw = read_frame(p, data=data)
    except InputError as exc:
        # name the file in every problem, even those raised before the file was known
        raise InputError(
            problems=[Problem(file, q.row, q.field, q.reason) for q in exc.problems]
        ) from None
    source = SourceInfo(kind=SourceKind.TABLE_FILE, title=p.name, uri=file, sha256=_sha256(data))
    frame = _validate(raw, kind, file, unknown_columns=unknown_columns, today=today)
    return ValidatedTable(kind=kind, frame=frame, file=file, source=source)


def validate_frame(
    df: pd.DataFrame,
    kind: TableKind | str,
    *,
    file: str = "<frame>",
    unknown_columns: Literal["error", "ignore"] = "error",
    today: dt.date | None = None,
) -> ValidatedTable:
    """Validate an in-memory frame as ``kind``; the source is the frame (sha256 of its content).

    Row numbers are the frame's 1-based positions.
    """
    kind = _kind(kind)
    if not isinstance(df, pd.DataFrame):
        raise InputError("expected a pandas DataFrame", file=file)
    frame = _validate(
        df.reset_index(drop=True), kind, file, unknown_columns=unknown_columns, today=today
    )
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(frame.drop(columns="row"), index=False).to_numpy().tobytes()
    ).hexdigest()
    source = SourceInfo(kind=SourceKind.TABLE_FILE, title=file, uri=None, sha256=digest)
    return ValidatedTable(kind=kind, frame=frame, file=file, source=source)


# --------------------------------------------------------------------------------------------
# validation


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
        return s.dt.strftime("%Y-%m-%d").astype(_STR_DTYPE)
    # object: check element types (JSON and Parquet may hold anything)
    inferred = pd.api.types.infer_dtype(s, skipna=True)
    if inferred in ("string", "empty"):
        return _to_text(s.astype(_STR_DTYPE), col, out)
    if inferred == "integer":
        return s.map(lambda v: np.nan if v is None else str(v)).astype(_STR_DTYPE)
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


def _to_int(s: pd.Series, col: str, out: _Collector, *, nullable: bool, nonneg: bool) -> pd.Series:
    """Whole numbers (counts: ``nonneg``). ``nullable`` gives Int64, else int64 (missing -> 0)."""
    text = _to_text(s, col, out) if not pd.api.types.is_numeric_dtype(s.dtype) else None
    if text is not None:
        present = text.notna().to_numpy()
        num = pd.to_numeric(
            text.str.replace(",", "", regex=False).str.replace("_", "x"), errors="coerce"
        )
        f = num.to_numpy(dtype=float, na_value=np.nan)
        notnum = present & np.isnan(f)
        shown = text.to_numpy(dtype=object)
        out.masked(notnum, col, lambda i: f"not a number: {_shown(shown[i])}")
    else:
        if pd.api.types.is_bool_dtype(s.dtype):
            f = np.full(len(s), np.nan)
            present = s.notna().to_numpy()
            out.masked(present, col, "wrong type bool: expected a whole number")
            present = np.zeros(len(s), dtype=bool)
        else:
            f = s.to_numpy(dtype=float, na_value=np.nan)
            present = ~np.isnan(f)
    finite = present & np.isfinite(f)
    out.masked(present & ~np.isnan(f) & ~np.isfinite(f), col, "not a finite number")
    nonint = finite & (np.floor(np.where(finite, f, 0)) != np.where(finite, f, 0))
    out.masked(nonint, col, lambda i: f"not a whole number: {float(f[i]):g}")
    neg = finite & (f < 0) & ~nonint & nonneg
    out.masked(neg, col, lambda i: f"negative count: {f[i]:g}")
    big = finite & (np.abs(f) > 2**62)
    out.masked(big, col, "number too large")
    ok = finite & ~nonint & ~neg & ~big
    if pd.api.types.is_integer_dtype(s.dtype) and not isinstance(s.dtype, pd.StringDtype):
        # exact for large integers that float would round
        ints = s.astype("Int64").to_numpy(dtype=np.int64, na_value=0)
    else:
        ints = np.where(ok, f, 0).astype(np.int64)
    if nullable:
        return pd.Series(pd.array(np.where(ok, ints, 0), dtype="Int64"), index=s.index).where(
            ok, pd.NA
        )
    return pd.Series(np.where(ok, ints, 0), index=s.index, dtype=np.int64)


def _to_datetime(
    s: pd.Series,
    col: str,
    out: _Collector,
    *,
    normalise: bool,
    not_future: bool,
    now: pd.Timestamp,
) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        d = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        d = d.astype("datetime64[ns]")
        present = d.notna().to_numpy()
    else:
        text = _to_text(s, col, out)
        present = text.notna().to_numpy()
        d = pd.to_datetime(text, format="ISO8601", errors="coerce")
        if getattr(d.dt, "tz", None) is not None:  # pragma: no cover - tz only with offsets
            d = d.dt.tz_convert(None)
        try:
            d = d.astype("datetime64[ns]")
        except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
            d = pd.to_datetime(text, format="ISO8601", errors="coerce")
            d = d.where((d.dt.year >= 1678) & (d.dt.year <= 2261)).astype("datetime64[ns]")
        shown = text.to_numpy(dtype=object)
        bad = present & d.isna().to_numpy()
        out.masked(bad, col, lambda i: f"not an ISO date (YYYY-MM-DD): {_shown(shown[i])}")
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


def _check_json(s: pd.Series, col: str, out: _Collector) -> pd.Series:
    text = _to_text(s, col, out)
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


def _validate(
    raw: pd.DataFrame,
    kind: TableKind,
    file: str,
    *,
    unknown_columns: Literal["error", "ignore"],
    today: dt.date | None,
) -> pd.DataFrame:
    spec = TABLE_SPECS[kind]
    n = len(raw)
    rows = np.arange(1, n + 1, dtype=np.int64)
    out = _Collector(file, rows)

    # column names: as text, trimmed; duplicates and unknowns are file-level problems
    cols = [str(c).strip() for c in raw.columns]
    dup = sorted({name for name in cols if cols.count(name) > 1})
    for name in dup:
        out.whole(f"column {name!r} appears more than once", field=name)
    raw = raw.copy(deep=False)
    raw.columns = pd.Index(cols)
    if dup:
        raw = raw.loc[:, ~raw.columns.duplicated()]
    InputError.collect(check_personal_data(raw, kind, file))  # pseudonymous ids only
    unknown = [c for c in raw.columns if c not in spec.names]
    if unknown and unknown_columns == "error":
        for name in unknown:
            out.whole(
                f"unknown column {name!r} for {kind.value}; known columns: {', '.join(spec.names)}",
                field=name,
            )
    missing = [name for name in spec.required if name not in raw.columns]
    for name in missing:
        out.whole(
            f"missing required column {name!r} for {kind.value} "
            f"(required: {', '.join(spec.required)})",
            field=name,
        )
    if missing or (unknown and unknown_columns == "error") or dup:
        raise InputError(problems=out.problems)

    now = pd.Timestamp(today) + pd.Timedelta(hours=23, minutes=59) if today else pd.Timestamp.now()
    frame: dict[str, pd.Series] = {}
    for c in spec.columns:
        if c.name not in raw.columns:
            s = pd.Series(np.full(n, np.nan), index=raw.index, dtype=_STR_DTYPE)
        else:
            s = pd.Series(raw[c.name])
        frame[c.name] = _convert(s, c, out, now=now)
        if c.required:
            out.masked(_null_mask(s), c.name, "missing required value")
    df = pd.DataFrame(frame, index=raw.index)
    df["row"] = rows
    df = df.reset_index(drop=True)

    _check_rules(df, spec, out)
    order = {name: i for i, name in enumerate(spec.names)}
    InputError.collect(
        sorted(out.problems, key=lambda q: (q.row or 0, order.get(q.field or "", -1)))
    )
    return df


def _convert(s: pd.Series, c: ColumnSpec, out: _Collector, *, now: pd.Timestamp) -> pd.Series:
    if c.type == "str":
        t = _to_text(s, c.name, out)
        if c.choices is not None:
            # enums: case-insensitive, stored lower-case (codes keep their case)
            t = t.str.lower()
            if c.default is not None:
                t = t.fillna(c.default)
            bad = t.notna().to_numpy() & ~t.isin(c.choices).to_numpy(dtype=bool)
            vals = t.to_numpy(dtype=object)
            if c.name == "metric":

                def reason(i: int) -> str:
                    try:
                        schema.check_metric(vals[i])
                    except KeyError as exc:
                        return str(exc.args[0])
                    return "unknown metric"  # pragma: no cover

                out.masked(bad, c.name, reason)
            else:
                out.masked(
                    bad,
                    c.name,
                    lambda i: (
                        f"unknown {c.name} {_shown(vals[i])}; known: {', '.join(c.choices or ())}"
                    ),
                )
        elif c.default is not None:
            t = t.fillna(c.default)
        return t
    if c.type in ("int", "Int"):
        return _to_int(s, c.name, out, nullable=c.type == "Int", nonneg=c.nonneg)
    if c.type in ("date", "datetime"):
        return _to_datetime(
            s, c.name, out, normalise=c.type == "date", not_future=c.not_future, now=now
        )
    if c.type == "bool":
        return _to_bool(s, c.name, out)
    return _check_json(s, c.name, out)


def _before(a: pd.Series, b: pd.Series) -> np.ndarray:
    """a < b where both are given."""
    return (a < b).fillna(False).to_numpy(dtype=bool)


def _check_rules(df: pd.DataFrame, spec: TableSpec, out: _Collector) -> None:
    """Rules across columns and rows of one file (no store needed)."""
    kind = spec.kind
    if spec.key:
        # only complete keys (the rows whose key fields are fine) can be compared
        present = df[[k for k in spec.key if k in df.columns]]
        later = present.duplicated(keep="first").to_numpy(dtype=bool)
        if later.any():
            rows = df["row"].to_numpy()
            dupall = present.duplicated(keep=False).to_numpy(dtype=bool)
            keys: dict[int, tuple[Any, ...]] = {
                int(pos): k
                for pos, k in zip(
                    np.flatnonzero(dupall),
                    present[dupall].itertuples(index=False, name=None),
                    strict=True,
                )
            }
            first: dict[tuple[Any, ...], int] = {}
            for pos, k in keys.items():
                first.setdefault(k, int(rows[pos]))
            label = ", ".join(spec.key)

            def reason(i: int) -> str:
                k = keys[i]
                shown = ", ".join(
                    ""
                    if pd.isna(v)
                    else (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)[:40])
                    for v in k
                )
                return f"duplicate key ({label}) = ({shown}); first at row {first[k]}"

            out.masked(later, spec.key[0], reason)

    if kind is TableKind.CASES:
        out.masked(
            _before(df["date_reclassified"], df["date_reporting"]),
            "date_reclassified",
            "reclassification before report (date_reclassified < date_reporting)",
        )
        out.masked(
            _before(df["date_reporting"], df["date_onset"]),
            "date_onset",
            "onset after report (date_onset > date_reporting)",
        )
        recl = df["date_reclassified"].notna() & (df["classification"] == "asymptomatic")
        out.masked(
            recl.fillna(False).to_numpy(dtype=bool),
            "classification",
            "a reclassified case (date_reclassified given) must be 'confirmed'",
        )
    elif kind is TableKind.DESIGNATIONS:
        out.masked(
            _before(df["valid_to"], df["valid_from"]), "valid_to", "valid_to before valid_from"
        )
        _check_overlaps(df, out)
    elif kind is TableKind.EXPOSURES:
        out.masked(
            _before(df["date_end"], df["date_start"]), "date_end", "date_end before date_start"
        )
    elif kind is TableKind.CONTACTS:
        out.masked(
            _before(df["date_quarantine_end"], df["date_quarantine_start"]),
            "date_quarantine_end",
            "quarantine ends before it starts",
        )
        same = (df["from"] == df["to"]).fillna(False).to_numpy(dtype=bool)
        out.masked(same, "to", "a contact from a person to the same person")
    elif kind is TableKind.AREAS:
        same = (df["code"] == df["parent_code"]).fillna(False).to_numpy(dtype=bool)
        out.masked(same, "parent_code", "an area cannot be its own parent")
        _check_area_levels(df, out)
    elif kind is TableKind.CAMPAIGNS:
        out.masked(
            (df["round"] < 1).to_numpy(dtype=bool) & df["row"].notna().to_numpy(),
            "round",
            "round numbers start at 1",
        )
        for hi, lo in (("people_sampled", "results_out"), ("results_out", "positives_new")):
            bad = (df[lo] > df[hi]).fillna(False).to_numpy(dtype=bool)
            out.masked(bad, lo, f"{lo} greater than {hi}")


def _check_overlaps(df: pd.DataFrame, out: _Collector) -> None:
    """Within a rule set, an area's designation periods must not overlap."""
    d = (
        df[["area", "rule_set", "valid_from", "valid_to", "row"]]
        .dropna(subset=["area", "rule_set", "valid_from"])
        .sort_values(["area", "rule_set", "valid_from"])
    )
    if len(d) < 2:
        return
    same = (d["area"].eq(d["area"].shift()) & d["rule_set"].eq(d["rule_set"].shift())).to_numpy(
        dtype=bool
    )
    prev_to = d["valid_to"].shift()
    prev_from = d["valid_from"].shift()
    # an open-ended earlier period, or one ending after this one starts, overlaps
    overlap = same & (
        (prev_to.isna() | (prev_to > d["valid_from"])) & (prev_from != d["valid_from"])
    ).fillna(False).to_numpy(dtype=bool)
    if overlap.any():
        rows = d["row"].to_numpy()
        prev_rows = d["row"].shift().to_numpy()
        idx = np.zeros(len(df), dtype=bool)
        reasons: dict[int, str] = {}
        positions = {int(r): i for i, r in enumerate(df["row"].to_numpy())}
        for j in np.flatnonzero(overlap):
            pos = positions[int(rows[j])]
            idx[pos] = True
            reasons[pos] = (
                f"overlaps the designation at row {int(prev_rows[j])} (close it with valid_to)"
            )
        out.masked(idx, "valid_from", lambda i: reasons[i])


def _check_area_levels(df: pd.DataFrame, out: _Collector) -> None:
    """A parent given in the same file must sit at a higher level than its child."""
    rank = {lvl.value: i for i, lvl in enumerate(schema.AREA_LEVEL_ORDER)}
    lv = df["level"].map(rank)
    parent_rank = df["parent_code"].map(
        dict(zip(df["code"], lv, strict=True)) if not df["code"].duplicated().any() else {}
    )
    bad = (parent_rank >= lv).fillna(False).to_numpy(dtype=bool)
    out.masked(bad, "parent_code", "parent's level is not above this area's level")
