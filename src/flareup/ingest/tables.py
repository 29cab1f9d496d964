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
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from flareup import schema
from flareup.errors import InputError, Problem
from flareup.ingest.columns import TABLE_COLUMNS, ColumnSpec, TableSpec, escape_cell
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
    "escape_cell",
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


#: The formats read, by suffix (a compression suffix may follow: ``counts.csv.gz``).
SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq", ".json", ".xlsx")
#: Largest input file read, in bytes (after decompression, too): 2 GiB unless the environment
#: variable ``FLAREUP_MAX_INPUT_BYTES`` says otherwise. Checked before a byte is read, so
#: ``/dev/zero`` or a runaway file is refused at once rather than read until memory runs out.
DEFAULT_MAX_INPUT_BYTES = 2 * 1024**3
#: an escaped cell (see flareup.ingest.columns.escape_cell)
_ESCAPED = r"^'+[=+\-@\t\r]"


def max_input_bytes() -> int:
    """The input size limit in force (``FLAREUP_MAX_INPUT_BYTES``, else 2 GiB)."""
    env = os.environ.get("FLAREUP_MAX_INPUT_BYTES", "").strip()
    if env:
        try:
            value = int(env)
        except ValueError:
            raise InputError(
                f"FLAREUP_MAX_INPUT_BYTES must be a whole number of bytes, got {env!r}",
                field="FLAREUP_MAX_INPUT_BYTES",
            ) from None
        if value > 0:
            return value
    return DEFAULT_MAX_INPUT_BYTES


def _limit_text(limit: int) -> str:
    return f"{limit / 1024**3:.3g} GiB" if limit >= 1024**3 else f"{limit:,} bytes"


def _unescape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Take the ``'`` of ``escape_cell`` off every text cell of a CSV/TSV/XLSX file."""
    for i in range(df.shape[1]):  # by position: a repeated column name is reported later
        s = df.iloc[:, i]
        if not (s.dtype == object or isinstance(s.dtype, pd.StringDtype)):
            continue
        try:  # vectorised; non-text cells (numbers, dates from .xlsx) give NA
            hit = s.str.match(_ESCAPED, na=False).to_numpy(dtype=bool)
        except AttributeError:  # a column without any text
            continue
        if hit.any():
            s = s.astype(object).copy()
            s[hit] = s[hit].str.slice(1)
            df.isetitem(i, s.to_numpy(dtype=object))
    return df


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".bz2", ".xz", ".zst", ".zip") and len(suffixes) > 1:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def _compression(path: Path) -> str | None:
    last = path.suffix.lower()
    return {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd", ".zip": "zip"}.get(last)


def _check_suffix(path: Path) -> str:
    suffix = _suffix(path)
    if suffix not in SUFFIXES:
        raise InputError(
            f"unknown file format {suffix or '(no suffix)'!r}; "
            "use .csv, .tsv, .parquet, .json or .xlsx",
            file=str(path),
        )
    return suffix


def read_input_bytes(path: str | Path, *, what: str = "file") -> bytes:
    """The bytes of an input file, after checking that it is a regular file within the size
    limit (:func:`max_input_bytes`); a compressed file is decompressed, within the same limit.
    Every failure is an :class:`InputError` naming the file."""
    p = Path(path)
    file = str(p)
    limit = max_input_bytes()
    try:
        st = os.stat(p)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", file=file) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"is a directory, not a {what}", file=file)
    if not stat.S_ISREG(st.st_mode):
        # a device (/dev/zero), a pipe or a socket: no size to check, possibly endless
        raise InputError(f"not a regular file (a device, pipe or socket); give a {what}", file=file)
    if st.st_size > limit:
        raise InputError(
            f"file is {st.st_size:,} bytes, over the input limit of {_limit_text(limit)} "
            "(set FLAREUP_MAX_INPUT_BYTES to raise it)",
            file=file,
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", file=file) from None
    if len(data) > limit:  # the file grew while we read it
        raise InputError(f"file is over the input limit of {_limit_text(limit)}", file=file)
    comp = _compression(p)
    if comp in ("gzip", "bz2", "xz", "zip"):
        data = _decompress(data, comp, limit, file)
    return data


def _decompress(data: bytes, comp: str, limit: int, file: str) -> bytes:
    """Decompress in full, but never past ``limit`` bytes (a decompression bomb is refused)."""
    import bz2
    import gzip
    import lzma
    import zipfile

    try:
        if comp == "zip":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/")]
                if len(names) != 1:
                    raise InputError(
                        f"a .zip must hold exactly one file, found {len(names)}", file=file
                    )
                fh: Any = zf.open(names[0])
                out = fh.read(limit + 1)
        else:
            opener: Any = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}[comp]
            with opener(io.BytesIO(data), "rb") as fh:
                out = fh.read(limit + 1)
    except InputError:
        raise
    except (OSError, EOFError, ValueError, lzma.LZMAError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot decompress ({comp}): {exc}", file=file) from None
    if len(out) > limit:
        raise InputError(
            f"decompressed content is over the input limit of {_limit_text(limit)} "
            "(set FLAREUP_MAX_INPUT_BYTES to raise it)",
            file=file,
        )
    return bytes(out)


def _with_header_row(df: pd.DataFrame) -> pd.DataFrame:
    """A frame read with ``header=None``: its first row becomes the column names, exactly as
    written (pandas would rename a repeated ``value`` to ``value.1``; we report it instead)."""
    if df.empty and len(df.columns) == 0:
        raise pd.errors.EmptyDataError("no header")
    if len(df) == 0:
        raise pd.errors.EmptyDataError("no header")
    header = [
        "" if (v is None or (isinstance(v, float) and math.isnan(v))) else str(v)
        for v in df.iloc[0].tolist()
    ]
    body = df.iloc[1:].reset_index(drop=True)
    body.columns = pd.Index(header, dtype=object)
    return body


def read_frame(
    path: str | Path, *, data: bytes | None = None, sheet: str | int | None = None
) -> pd.DataFrame:
    """Read a CSV/TSV, Parquet, JSON-records or Excel (.xlsx) file into a raw frame (no
    validation). ``sheet``: the .xlsx sheet (name or 0-based index; default the first).

    The suffix, the kind of file and its size are checked before it is read (see
    :func:`read_input_bytes`). Every failure to read is an :class:`InputError` naming the file.
    """
    path = Path(path)
    file = str(path)
    suffix = _check_suffix(path)
    if sheet is not None and suffix != ".xlsx":
        raise InputError("--sheet applies to .xlsx files only", file=file, field="sheet")
    if data is None:
        data = read_input_bytes(path)
    try:
        if suffix in (".csv", ".tsv", ".txt"):
            # everything as text: types are checked column by column afterwards, with row numbers
            raw = pd.read_csv(
                io.BytesIO(data),
                sep="\t" if suffix == ".tsv" else ",",
                dtype=str,
                header=None,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8-sig",
                compression=_compression(path) if _compression(path) == "zstd" else None,  # type: ignore[arg-type]
                skipinitialspace=False,
            )
            return _unescape_frame(_with_header_row(raw))
        if suffix == ".xlsx":
            return _read_xlsx(data, sheet, file)
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(io.BytesIO(data))
        return _read_json_records(data)
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError("file is empty (no header row)", file=file) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=file) from None
    except RecursionError:
        raise InputError("cannot read: nested too deeply", file=file) from None
    except Exception as exc:  # every parser failure becomes a clean, located message
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        kind = {".parquet": "Parquet", ".pq": "Parquet", ".xlsx": "Excel (.xlsx)"}.get(
            suffix, suffix.lstrip(".").upper()
        )
        raise InputError(f"cannot read as {kind}: {first[:300]}", file=file) from None


def _read_xlsx(data: bytes, sheet: str | int | None, file: str) -> pd.DataFrame:
    """The first (or the named) sheet of an .xlsx workbook, through pandas and openpyxl."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        from flareup.errors import MissingExtraError

        raise MissingExtraError("openpyxl", "excel") from None
    book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    names = book.sheet_names
    if sheet is None:
        which: str | int = 0
    elif isinstance(sheet, int) or (
        isinstance(sheet, str) and sheet.isdigit() and sheet not in names
    ):
        which = int(sheet)
        if not 0 <= which < len(names):
            raise InputError(
                f"no sheet number {which}; the workbook has {len(names)} "
                f"({', '.join(map(str, names))})",
                file=file,
                field="sheet",
            )
    else:
        if sheet not in names:
            raise InputError(
                f"no sheet {sheet!r}; sheets: {', '.join(map(str, names))}",
                file=file,
                field="sheet",
            )
        which = sheet
    if not names:
        raise InputError("the workbook has no sheets", file=file)
    raw = pd.read_excel(book, sheet_name=which, header=None, dtype=object)
    raw = raw.dropna(how="all")  # Excel's formatted but empty rows
    return _unescape_frame(_with_header_row(raw.reset_index(drop=True)))


def _read_json_records(data: bytes) -> pd.DataFrame:
    text = data.decode("utf-8-sig")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:  # json.loads would keep the last silently
                raise InputError(f"duplicate column {k!r} (a key repeated in a JSON object)")
            out[k] = v
        return out

    obj = json.loads(text, object_pairs_hook=pairs)
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
    sheet: str | int | None = None,
) -> ValidatedTable:
    """Read ``path`` (CSV/TSV, Parquet, JSON records or .xlsx, by suffix) and validate it as
    ``kind``. ``sheet``: which sheet of an .xlsx (default the first).

    The suffix, the kind of file and its size are checked before anything is read. Raises one
    :class:`InputError` holding every problem found (file, row, field, reason).
    """
    kind = _kind(kind)
    p = Path(path)
    file = str(path)
    try:
        _check_suffix(p)
        data = read_input_bytes(p)
        raw = read_frame(p, data=data, sheet=sheet)
    except InputError as exc:
        # name the file in every problem, even those raised before the file was known
        raise InputError(
            problems=[Problem(file, q.row, q.field, q.reason) for q in exc.problems]
        ) from None
    source = SourceInfo(kind=SourceKind.TABLE_FILE, title=p.name, uri=file, sha256=_sha256(data))
    frame = _validate(raw, kind, file, unknown_columns=unknown_columns, today=today)
    given = tuple(c for c in TABLE_SPECS[kind].names if c in {str(x).strip() for x in raw.columns})
    return ValidatedTable(kind=kind, frame=frame, file=file, source=source, given=given)


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
    given = tuple(c for c in TABLE_SPECS[kind].names if c in {str(x).strip() for x in df.columns})
    return ValidatedTable(kind=kind, frame=frame, file=file, source=source, given=given)


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
    dup = sorted({name for name in cols if cols.count(name) > 1 and name})
    for name in dup:
        out.whole(f"duplicate column {name!r} (the header names it more than once)", field=name)
    unnamed = "" in cols and unknown_columns == "error"
    if unnamed:
        out.whole(f"a column has no name (column {cols.index('') + 1} of the header)")
    raw = raw.copy(deep=False)
    raw.columns = pd.Index(cols)
    # also nameless columns that repeat (two blank headers): one of each name is enough to check
    raw = raw.loc[:, ~raw.columns.duplicated()]
    InputError.collect(check_personal_data(raw, kind, file))  # pseudonymous ids only
    unknown = [c for c in raw.columns if c not in spec.names and c]
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
    if n == 0 and len(cols) == 0:
        raise InputError("no rows: the file holds no records", file=file)
    if missing or (unknown and unknown_columns == "error") or dup or unnamed:
        raise InputError(problems=out.problems)
    if n == 0:
        raise InputError("no rows: the file has a header but no data", file=file)

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


def _convert(s: pd.Series, c: ColumnSpec, out: _Collector, *, now: pd.Timestamp) -> pd.Series:
    if c.type == "str":
        t = _to_text(s, c.name, out)
        _check_text(t, c, out)
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
        v = _to_int(s, c.name, out, nullable=c.type == "Int", nonneg=c.nonneg)
        if c.max_value is not None:
            over = (v > c.max_value).fillna(False).to_numpy(dtype=bool)
            out.masked(over, c.name, f"number too large (at most {c.max_value:,})")
        return v
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
