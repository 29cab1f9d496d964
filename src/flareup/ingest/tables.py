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
import re
import stat
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from flareup import schema
from flareup.errors import InputError, Problem
from flareup.ingest.columns import (
    TABLE_COLUMNS,
    ColumnSpec,
    TableSpec,
    escape_cell,
    xlsx_unescape,
)
from flareup.ingest.convert import (
    _STR_DTYPE,
    _check_json,
    _check_text,
    _Collector,
    _null_mask,
    _shown,
    _to_bool,
    _to_datetime,
    _to_int,
    _to_text,
)
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
SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq", ".json", ".jsonl", ".ndjson", ".xlsx")
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
            "use .csv, .tsv, .parquet, .json (.jsonl) or .xlsx",
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


def _csv_separator(data: bytes, compression: str | None = None) -> str:
    """The separator of a .csv file, from its header line: a comma, else a semicolon (what
    Excel writes where the decimal mark is a comma), else a tab. Column names hold none of
    them, so the header alone decides; one with no separator stays comma-separated, and so
    does a .zst file, which pandas decompresses itself (``data`` is still compressed)."""
    if compression == "zstd":
        return ","
    header = data[: data.find(b"\n") if b"\n" in data[:65536] else 65536]
    if b"," in header:
        return ","
    if b";" in header:
        return ";"
    if b"\t" in header:
        return "\t"
    return ","


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
                sep="\t" if suffix == ".tsv" else _csv_separator(data, _compression(path)),
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
    except pd.errors.ParserError as exc:
        # pandas: "Error tokenizing data. C error: Expected 4 fields in line 6, saw 5"; said in
        # the file's terms: its data row (the header is line 1) and what to do about it
        m = re.search(r"Expected (\d+) fields? in line (\d+), saw (\d+)", str(exc))
        if m is None:
            # "EOF inside string starting at row 1": rows counted from 0 with the header
            q = re.search(r"EOF inside string starting at row (\d+)", str(exc))
            if q is not None:
                raise InputError(
                    "a double quote opened here is never closed (the rest of the file reads "
                    "as one value)",
                    file=file,
                    row=int(q.group(1)),
                ) from None
            raise InputError(f"cannot read as CSV: {str(exc)[:300]}", file=file) from None
        want, line, got = (int(g) for g in m.groups())
        raise InputError(
            f"{got} values where the header has {want} columns (line {line} of the file; "
            "a value that holds the separator must be in double quotes)",
            file=file,
            row=line - 1,
        ) from None
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc, file) from None
    except RecursionError:
        raise InputError("cannot read: nested too deeply", file=file) from None
    except Exception as exc:  # every parser failure becomes a clean, located message
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        kind = {".parquet": "Parquet", ".pq": "Parquet", ".xlsx": "Excel (.xlsx)"}.get(
            suffix, suffix.lstrip(".").upper()
        )
        raise InputError(f"cannot read as {kind}: {first[:300]}", file=file) from None


def _not_utf8(data: bytes, exc: UnicodeDecodeError, file: str) -> InputError:
    """Where a file stops being UTF-8, by data row and line (the parser's own offset may be
    within one of its buffers, so the whole text is decoded again to find it)."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as whole:
        exc = whole
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(
        f"not UTF-8 text ({exc.reason} at byte {exc.start}, line {line} of the file); save it "
        "as UTF-8 (Excel: 'CSV UTF-8')",
        file=file,
        row=line - 1 if line > 1 else None,
    )


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
    name = str(names[which]) if isinstance(which, int) else which
    _check_merged_header(data, name, raw, file)
    _check_formula_results(data, name, raw, file)
    # Excel's _xHHHH_ escapes (a CR, control characters), which openpyxl leaves as written
    raw = raw.map(lambda v: xlsx_unescape(v) if isinstance(v, str) and "_x" in v else v)
    return _unescape_frame(_with_header_row(raw.reset_index(drop=True)))


def _sheets_hold(data: bytes, marker: bytes) -> bool:
    """Whether any worksheet of an .xlsx holds ``marker`` in its XML (a cheap test before a
    second, full parse)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            return any(marker in z.read(n) for n in sheets)
    except (zipfile.BadZipFile, OSError, KeyError):  # pragma: no cover - pandas read it
        return False


def _check_merged_header(data: bytes, sheet: str, raw: pd.DataFrame, file: str) -> None:
    """Refuse merged cells in the header row (a title merged across the table, two names
    merged into one): a table needs one column name per cell, and pandas would read a merged
    range as one name and empty ones."""
    if raw.empty or not _sheets_hold(data, b"<mergeCell "):
        return
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data))[sheet]  # read-only mode does not load merged ranges
    header = int(raw.index[0]) + 1  # the sheet's row number of the first non-empty row
    merged = [r for r in ws.merged_cells.ranges if r.min_row <= header <= r.max_row]
    if merged:
        raise InputError(
            f"merged cells {merged[0].coord} in the header (row {header} of the sheet); the "
            "first row must hold one column name per cell: unmerge them and remove any title "
            "rows above the column names",
            file=file,
        )


def _empty(v: Any) -> bool:
    """An empty cell as pandas reads .xlsx with ``dtype=object``: None or a float NaN."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def _check_formula_results(data: bytes, sheet: str, raw: pd.DataFrame, file: str) -> None:
    """Refuse formula cells that hold no stored result (a workbook written by a program and
    never opened in Excel): pandas reads the stored results, so such a cell would read as empty
    and become a missing value without a word. Named by data row, column and cell."""
    if not _sheets_hold(data, b"<f"):
        return  # no formula anywhere: the usual case costs no second parse
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data), read_only=True, data_only=False)[sheet]
    position = {int(i): p for p, i in enumerate(raw.index)}  # sheet row (0-based) -> position
    header = raw.iloc[0].tolist() if len(raw) else []
    problems: list[Problem] = []
    for cells in ws.iter_rows():
        for cell in cells:
            if getattr(cell, "data_type", None) != "f" or cell.row is None:
                continue
            p = position.get(cell.row - 1)
            col = (cell.column or 1) - 1
            if p is None or col >= raw.shape[1] or not _empty(raw.iloc[p, col]):
                continue  # outside the table, or Excel stored the formula's result
            name = header[col] if col < len(header) and not _empty(header[col]) else None
            problems.append(
                Problem(
                    file,
                    p if p else None,
                    str(name) if name is not None else None,
                    f"cell {cell.coordinate} holds a formula ({str(cell.value)[:60]}) with no "
                    "stored result; open and save the workbook in Excel, or paste the values",
                )
            )
            if len(problems) >= 200:
                raise InputError(problems=problems)
    InputError.collect(problems)


def _read_json_records(data: bytes) -> pd.DataFrame:
    text = data.decode("utf-8-sig")
    if not text.strip():
        raise InputError("file is empty (a JSON table of no rows is written [])")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:  # json.loads would keep the last silently
                raise InputError(f"duplicate column {k!r} (a key repeated in a JSON object)")
            out[k] = v
        return out

    try:
        obj = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data" or not text.lstrip().startswith("{"):
            raise
        obj = _json_lines(text, pairs)  # objects one after another: JSON Lines
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


def _json_lines(text: str, pairs: Any) -> list[Any]:
    """JSON Lines (jsonlines.org; pandas' ``to_json(orient="records", lines=True)``): one
    record a line, blank lines skipped; a line that is not JSON is named by its row."""
    records: list[Any] = []
    problems: list[Problem] = []
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line, object_pairs_hook=pairs))
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    None,
                    len(records) + len(problems) + 1,
                    None,
                    f"not JSON: {exc.msg} (line {i}, column {exc.colno}; JSON Lines: one "
                    "record a line)",
                )
            )
            if len(problems) >= 200:
                break
    InputError.collect(problems)
    return records


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
        if raw.empty and len(raw.columns) == 0 and _suffix(p) in (".json", ".jsonl", ".ndjson"):
            # ``[]``: JSON has no header, and an empty list of records is how JSON writes a
            # table of no rows (an export of an empty table): zero rows of this kind
            raw = pd.DataFrame({c: pd.Series(dtype=object) for c in TABLE_SPECS[kind].required})
    except InputError as exc:
        # name the file in every problem, even those raised before the file was known
        raise InputError(
            problems=[Problem(file, q.row, q.field, q.reason) for q in exc.problems]
        ) from None
    source = SourceInfo(kind=SourceKind.TABLE_FILE, title=p.name, uri=file, sha256=_sha256(data))
    try:
        frame = _validate(raw, kind, file, unknown_columns=unknown_columns, today=today)
    except InputError as exc:
        # wrong columns in a workbook of several sheets: perhaps the table is on another one
        if sheet is None and _suffix(p) == ".xlsx" and any(q.row is None for q in exc.problems):
            names = _sheet_names(data)
            if len(names) > 1:
                listed = ", ".join(repr(n) for n in names)
                hint = (
                    f"read the first sheet, {names[0]!r}, of {len(names)} ({listed}); choose "
                    "another with --sheet"
                )
                raise InputError(
                    problems=[*exc.problems, Problem(file, None, "sheet", hint)]
                ) from None
        raise
    given = tuple(c for c in TABLE_SPECS[kind].names if c in {str(x).strip() for x in raw.columns})
    return ValidatedTable(kind=kind, frame=frame, file=file, source=source, given=given)


def _sheet_names(data: bytes) -> list[str]:
    """The sheet names of an .xlsx workbook, in order."""
    from openpyxl import load_workbook

    return [str(n) for n in load_workbook(io.BytesIO(data), read_only=True).sheetnames]


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
        raise InputError("no header and no rows: the file holds no table", file=file)
    if missing or (unknown and unknown_columns == "error") or dup or unnamed:
        other = _kind_of_header(raw.columns, kind) if missing else None
        if other is not None:
            # an areas file given as counts listed eleven column problems and not the mistake
            out.problems.insert(
                0,
                Problem(
                    file,
                    None,
                    None,
                    f"the header is that of {other.value}, not {kind.value} (it has every "
                    f"column {other.value} require: {', '.join(TABLE_SPECS[other].required)}); "
                    f"import it as {other.value}?",
                ),
            )
        raise InputError(problems=out.problems)
    # n == 0 with a right header is a table of no rows (an export of an empty table): valid,
    # and importing it changes nothing

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


def _kind_of_header(columns: pd.Index, given: TableKind) -> TableKind | None:
    """The one other kind whose required columns the header has and whose columns it keeps
    to, where there is exactly one (a file imported as the wrong kind); else None."""
    have = {str(c) for c in columns if str(c)}
    fits = [
        k
        for k, spec in TABLE_SPECS.items()
        if k is not given and set(spec.required) <= have and have <= set(spec.names)
    ]
    return fits[0] if len(fits) == 1 else None


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
