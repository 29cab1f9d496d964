"""One way to print results, for every command: ``--format table|csv|json`` (``-f``) and
``--output/-o FILE``.

The contract (README, "Output formats"; checked by tests/cli/test_contract.py):

* ``table`` (default): a rich table on the terminal; with ``-o`` the file gets CSV.
* ``csv``: one header row, then one row per result; dates ``YYYY-MM-DD`` (ISO 8601 with the time
  where a value has one); missing values are empty cells; infinity is ``inf`` / ``-inf``.
* ``json``: always an array of objects, one per row, keys the column names; dates as in CSV;
  missing values are ``null`` (never omitted, never NaN); infinity is the string ``"inf"`` or
  ``"-inf"`` (JSON has no infinity, and turning it into ``null`` would say "unknown" where the
  value is known to be unbounded, e.g. a doubling time when nothing grows).
* A bad ``--format`` is a usage error (exit 2), raised by the option parser before any work.

Notes about the results (thin data, disagreements) go to stderr, so stdout stays machine-readable.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import pandas as pd


class OutFormat(StrEnum):
    """What ``--format`` accepts."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


#: ``--format/-f``: shared by every command that prints results (a bad value exits 2).
FormatOpt = Annotated[
    OutFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="table (default), csv or json (an array of objects; ISO dates; null for missing; "
        '"inf" for infinity).',
    ),
]
#: ``--output/-o``: write the results to a file instead of stdout.
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the results to this file (table: as CSV)."),
]


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, list | tuple | dict | set) else False
    except (TypeError, ValueError):
        return False


def iso(v: Any) -> str:
    """A date or time in ISO 8601: ``YYYY-MM-DD`` at midnight, with the time otherwise."""
    import pandas as pd

    ts = pd.Timestamp(v)
    if ts.tz is None and ts == ts.normalize():
        return ts.date().isoformat()
    return ts.isoformat()


def json_value(v: Any) -> Any:
    """One cell as JSON: ISO dates, ``null`` for missing, ``"inf"``/``"-inf"``, plain numbers."""
    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(v, bool | int | str):
        return v
    if isinstance(v, dt.date | dt.datetime | np.datetime64):
        return None if _is_missing(v) else iso(v)
    if _is_missing(v):
        return None
    if type(v).__name__ == "Timestamp":
        return iso(v)
    if isinstance(v, list | tuple):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    if isinstance(v, Path):
        return str(v)
    return str(v)


def csv_value(v: Any) -> str:
    """One cell as CSV text (see the module docstring)."""
    j = json_value(v)
    if j is None:
        return ""
    if isinstance(j, bool):
        return "true" if j else "false"
    if isinstance(j, list | dict):
        return json.dumps(j, ensure_ascii=False)
    return str(j)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``df`` as JSON-ready dicts (every column present in every row)."""
    cols = [str(c) for c in df.columns]
    return [
        {c: json_value(v) for c, v in zip(cols, row, strict=True)}
        for row in df.itertuples(index=False, name=None)
    ]


def render(df: pd.DataFrame, fmt: OutFormat | str) -> str:
    """``df`` as CSV or JSON text."""
    fmt = OutFormat(fmt)
    if fmt is OutFormat.JSON:
        return json.dumps(records(df), ensure_ascii=False, indent=1) + "\n"
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([str(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([csv_value(v) for v in row])
    return buf.getvalue()


def _cell(v: Any, floats: int) -> str:
    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    if _is_missing(v):
        return "\u2014"
    if isinstance(v, float):
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:.{floats}f}"
    if isinstance(v, dt.date | dt.datetime) or type(v).__name__ == "Timestamp":
        return iso(v)
    return str(v)


def write_file(path: Path, text: str, option: str = "--output") -> None:
    """Write an output file; an unwritable path is an InputError naming it, not a traceback."""
    from flareup.errors import InputError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", file=str(path), field=option
        ) from None


def emit(
    df: pd.DataFrame,
    fmt: OutFormat | str = OutFormat.TABLE,
    output: Path | None = None,
    *,
    title: str = "",
    floats: int = 3,
    notes: Iterable[str] = (),
    caption: str | None = None,
    whole: Iterable[str] = (),
) -> None:
    """Print ``df`` (or write it to ``output``) in ``fmt``; ``notes`` go to stderr. Columns
    named in ``whole`` are never folded in the table (identifiers such as a category read
    badly cut in two); the others give way."""
    from flareup.cli.common import console, err_console

    fmt = OutFormat(fmt)
    if output is not None:
        write_file(output, render(df, OutFormat.CSV if fmt is OutFormat.TABLE else fmt))
        err_console.print(f"wrote {len(df)} rows to {output}", highlight=False)
    elif fmt is not OutFormat.TABLE:
        typer.echo(render(df, fmt), nl=False)
    else:
        import pandas as pd
        from rich.markup import escape
        from rich.table import Table

        keep = set(whole)
        table = Table(title=escape(title) if title else None, title_justify="left")
        if len(df) == 1 and len(df.columns) > 6:
            # one result with many fields reads better as a column of figures
            table.add_column("figure")
            table.add_column("value", justify="right")
            for c in df.columns:
                table.add_row(escape(str(c)), escape(_cell(df[c].iloc[0], floats)))
        else:
            for c in df.columns:
                numeric = pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(
                    df[c]
                )
                table.add_column(
                    escape(str(c)),
                    justify="right" if numeric else "left",
                    overflow="fold",
                    no_wrap=c in keep,
                )
            for row in df.itertuples(index=False, name=None):
                table.add_row(*(escape(_cell(v, floats)) for v in row))
        if caption:
            table.caption = escape(caption)
        console.print(table)
    for n in notes:
        err_console.print(f"[yellow]note:[/] {escape_text(n)}", highlight=False, soft_wrap=True)


def escape_text(text: str) -> str:
    """``text`` with rich markup escaped."""
    from rich.markup import escape

    return escape(text)


def emit_figures(
    rows: Sequence[tuple[str, str, str]],
    fmt: OutFormat | str = OutFormat.TABLE,
    output: Path | None = None,
    *,
    title: str = "",
    notes: Iterable[str] = (),
) -> None:
    """(figure, value, rests on) rows, as ``flareup state`` prints them, through :func:`emit`."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=["figure", "value", "rests_on"])
    emit(frame, fmt, output, title=title, notes=notes)
