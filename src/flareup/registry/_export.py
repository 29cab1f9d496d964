"""Export: one kind to CSV, Parquet, JSON or .xlsx, whole or not at all (a temporary
sibling renamed into place), with spreadsheet formulas defused.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import InputError, Problem, cannot_write
from flareup.ingest.model import TableKind
from flareup.registry._common import _json_default, _textual, table_kind
from flareup.registry._reads import ReadsMixin
from flareup.registry._results import ExportSummary
from flareup.registry.conform import DATE, SPECS, columns


class ExportMixin(ReadsMixin):
    """``export``."""

    # ------------------------------------------------------------------ export

    def export(
        self,
        kind: TableKind | str,
        path: str | os.PathLike[str],
        *,
        as_of: Any = None,
        bom: bool = False,
    ) -> Path:
        """Write one kind in its canonical columns to CSV, Parquet, JSON or .xlsx (by suffix);
        returns the path (:meth:`export_summary` also says how many rows). See there."""
        return Path(self.export_summary(kind, path, as_of=as_of, bom=bom).file)

    def export_summary(
        self,
        kind: TableKind | str,
        path: str | os.PathLike[str],
        *,
        as_of: Any = None,
        bom: bool = False,
    ) -> ExportSummary:
        """Write one kind in its canonical columns to CSV, Parquet, JSON or .xlsx (by suffix).

        CSV is UTF-8 without a byte-order mark (RFC 4180; what pandas, R, DuckDB and Unix
        tools expect); ``bom=True`` writes one (``utf-8-sig``), which Excel needs to read the
        file as UTF-8 instead of the system's code page (Chinese names garble without it).
        A BOM only applies to CSV: with another suffix it is an ``InputError``. Import reads
        CSV with or without one.

        Text cells that a spreadsheet would run as a formula (starting with = + - @ tab CR)
        are written to CSV and .xlsx with a leading ``'`` (OWASP's advice against CSV
        injection); importing the file takes it off again, so the round trip is exact
        (``flareup.ingest.columns.escape_cell``). The file appears whole or not at all: it is
        written to a hidden sibling ``.NAME.PID.tmp`` and renamed; the temporary file is removed
        on any error or interruption, and one left by a killed export (its process gone) is
        removed by the next export to that directory.
        """
        k = table_kind(kind)
        p = Path(path)
        suffix = p.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            raise InputError(
                "unknown file type; expected .csv, .parquet, .json or .xlsx", file=str(p)
            )
        if bom and suffix != ".csv":
            raise InputError(
                f"a byte-order mark is for .csv files only (a {suffix} file says its own encoding)",
                file=str(p),
                field="bom",
            )
        df = self.areas(as_of=as_of) if k is TableKind.AREAS else self._current_table(k, as_of)
        df = df[columns(k)]
        if suffix == ".xlsx" and len(df) >= XLSX_MAX_ROWS:
            raise InputError(
                f"{len(df):,} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS - 1:,} at "
                "most); export to .csv or .parquet",
                file=str(p),
            )
        _remove_stale_temps(p)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        try:
            with _term_as_exit():
                _write_export(df, k, suffix, tmp, p, bom=bom)
                os.replace(tmp, p)
        except OSError as exc:
            why = cannot_write(exc, p).removeprefix("cannot write: ")
            if exc.filename and str(exc.filename) not in (str(tmp), str(p)) and p.parent.is_dir():
                why = f"{why}: {exc.filename}"  # e.g. a parent that is a file
            raise InputError(
                f"cannot write the export: {why}", file=str(p), field="output"
            ) from None
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        return ExportSummary(k.value, str(p), len(df))


#: Formats ``Registry.export`` writes.
EXPORT_SUFFIXES = (".csv", ".parquet", ".json", ".xlsx")
#: Rows of one Excel sheet, the header included.
XLSX_MAX_ROWS = 1_048_576


def _write_export(
    df: pd.DataFrame, kind: TableKind, suffix: str, tmp: Path, target: Path, *, bom: bool = False
) -> None:
    if suffix == ".parquet":
        _write_parquet(df, kind, tmp)
        return
    text = _textual(df, kind)
    if suffix in (".csv", ".xlsx"):
        text = _escaped(text, kind, xlsx=suffix == ".xlsx")
    if suffix == ".csv":
        # CR LF (RFC 4180): Python's csv module quotes a cell only for the characters of its
        # line terminator, so with "\n" a text holding a lone CR would be written bare and
        # read back as a line break
        text.to_csv(
            tmp, index=False, lineterminator="\r\n", encoding="utf-8-sig" if bom else "utf-8"
        )
    elif suffix == ".xlsx":
        _check_cell_lengths(text, kind, target)
        try:
            # missing values as empty cells (pandas would write Int64's NA as text)
            cells = text.astype(object).where(text.notna(), None)
            # dates as Excel dates (sortable, filterable, shown 2020-10-24); date-times stay
            # ISO text, since Excel keeps no more than milliseconds. Days before 1 March 1900
            # stay text too: Excel's calendar starts in 1900 and counts a 29 February 1900
            for col in SPECS[kind]:
                if col.type == DATE:
                    d = df[col.name]
                    as_date = d.notna() & (d >= EXCEL_FIRST_DAY)
                    cells[col.name] = cells[col.name].where(
                        ~as_date, pd.Series(d.dt.date, index=d.index, dtype=object)
                    )
            with pd.ExcelWriter(tmp, engine="openpyxl", date_format="yyyy-mm-dd") as xw:
                cells.to_excel(xw, index=False, sheet_name=kind.value)
        except ValueError as exc:  # openpyxl's IllegalCharacterError: control characters
            raise InputError(
                f"cannot write as .xlsx: {exc}; export to .csv or .parquet instead",
                file=str(target),
            ) from None
    else:
        tmp.write_text(
            json.dumps(
                [
                    {c: (None if pd.isna(v) else v) for c, v in row.items()}
                    for row in text.astype(object).to_dict(orient="records")
                ],
                ensure_ascii=False,
                indent=1,
                default=_json_default,
            )
            + "\n",
            encoding="utf-8",
        )


def _write_parquet(df: pd.DataFrame, kind: TableKind, tmp: Path) -> None:
    """Dates as ``date32`` and date-times as ``timestamp[us]`` (the store's precision), not
    pandas' ``timestamp[ns]``: what Arrow, R, DuckDB and Spark read as a date and a date-time
    (Spark refuses nanosecond timestamps)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flareup.registry.conform import DATE, DATETIME

    table = pa.Table.from_pandas(df, preserve_index=False)
    for col in SPECS[kind]:
        if col.type in (DATE, DATETIME):
            i = table.schema.get_field_index(col.name)
            want = pa.date32() if col.type == DATE else pa.timestamp("us")
            table = table.set_column(i, col.name, table.column(i).cast(want))
    pq.write_table(table, tmp)


#: The first day an .xlsx date cell holds right (Excel counts a 29 February 1900).
EXCEL_FIRST_DAY = pd.Timestamp("1900-03-01")
#: Characters of one Excel cell ("Excel specifications and limits"); Excel cuts a longer text
#: when it repairs the file.
XLSX_MAX_CELL = 32_767


def _check_cell_lengths(text: pd.DataFrame, kind: TableKind, target: Path) -> None:
    """Refuse an .xlsx export of a text longer than an Excel cell holds, by row and field."""
    from flareup.registry.conform import STR

    problems: list[Problem] = []
    for col in SPECS[kind]:
        if col.type != STR:
            continue
        lens = text[col.name].astype(object).str.len().to_numpy(dtype=float, na_value=0)
        problems += [
            Problem(
                str(target),
                int(i) + 1,
                col.name,
                f"{int(lens[i]):,} characters: more than an Excel cell holds "
                f"({XLSX_MAX_CELL:,}); export to .csv or .parquet",
            )
            for i in np.flatnonzero(lens > XLSX_MAX_CELL)[:200]
        ]
    InputError.collect(problems)


def _escaped(df: pd.DataFrame, kind: TableKind, *, xlsx: bool = False) -> pd.DataFrame:
    """Text columns with spreadsheet formulas defused (``escape_cell``) and, for .xlsx, the
    characters XML cannot carry written as Excel does (``xlsx_escape``)."""
    from flareup.ingest.columns import escape_cell, xlsx_escape
    from flareup.registry.conform import STR

    def cell(v: Any) -> Any:
        if not isinstance(v, str):
            return v
        v = escape_cell(v)
        return xlsx_escape(v) if xlsx else v

    out = df.copy()
    for col in SPECS[kind]:
        if col.type == STR:
            out[col.name] = out[col.name].astype(object).map(cell)
    return out


def _remove_stale_temps(p: Path) -> None:
    """Remove ``.NAME.PID.tmp`` files next to ``p`` whose export process no longer runs (a
    SIGKILL leaves them: no handler runs)."""
    with contextlib.suppress(OSError):
        for tmp in p.parent.glob(f".{glob.escape(p.name)}.*.tmp"):
            pid_text = tmp.name[len(p.name) + 2 : -len(".tmp")]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid != os.getpid() and not _alive(pid):
                tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


@contextlib.contextmanager
def _term_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit for the duration (main thread only), so ``finally`` clauses
    remove temporary files; Ctrl-C already raises KeyboardInterrupt."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
