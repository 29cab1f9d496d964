"""One way to print results, for every command: ``--format table|csv|json`` (``-f``) and
``--output/-o FILE``.

The contract (README, "Output formats"; checked by tests/cli/test_contract.py):

* ``table`` (default): a rich table on the terminal. ``-o FILE`` holds what its suffix names
  (``.json`` JSON, ``.csv`` CSV, whatever ``--format``); another name follows ``--format``
  (``table``: CSV). Infinity
  (an interval's open end) prints as ∞, as the report and dashboard print it.
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


def _context() -> Any:
    try:  # typer >= 0.20 runs on its own copy of click
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - older typer, on click itself
        from click import get_current_context  # type: ignore[no-redef]

    return get_current_context(silent=True)


#: Where ``--excel-bom`` leaves its word for :func:`write_file` (the command's click context).
_BOM_KEY = "flareup.excel_bom"


def _bom_refused(output: Path | None) -> str | None:
    """Why ``--excel-bom`` does not go with ``output`` (None: it does)."""
    if output is None:
        return "a byte-order mark is for a .csv file written with -o/--output FILE.csv"
    if output.suffix.lower() != ".csv":
        return f"a byte-order mark is for .csv files only, not {output.name!r}"
    return None


def _excel_bom_option(value: bool) -> bool:
    """``--excel-bom``: noted for the writer; with an ``--output`` that is no .csv (seen
    whichever of the two the command line gives first) a usage mistake, said at parse time."""
    from flareup.cli.common import bad_option

    ctx = _context()
    if ctx is not None:
        ctx.meta[_BOM_KEY] = bool(value)
        if value and "output" in ctx.params:
            why = _bom_refused(ctx.params["output"])
            if why:
                raise bad_option("--excel-bom", why)
    return value


def _output_option(value: Path | None) -> Path | None:
    """``--output``: the other half of the check of :func:`_excel_bom_option`."""
    from flareup.cli.common import bad_option

    ctx = _context()
    if ctx is not None and ctx.meta.get(_BOM_KEY):
        why = _bom_refused(value)
        if why:
            raise bad_option("--excel-bom", why)
    return value


def bom_checked(check: Any) -> Any:
    """A command's own ``--output`` callback ``check`` with :data:`ExcelBomOpt`'s check after
    it (``export``, ``pooling plan``: their -o takes other suffixes too)."""

    def both(value: Path | None) -> Path | None:
        return _output_option(check(value))

    return both


#: ``--output/-o``: write the results to a file instead of stdout.
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the results to this file: FILE.json as JSON, FILE.csv as CSV (any other "
        "name: as --format says, table as CSV).",
        callback=_output_option,
    ),
]
#: ``--excel-bom``: a UTF-8 byte-order mark at the start of a .csv written with ``-o`` (as
#: ``flareup export --excel-bom``), one option for every command that writes a table.
ExcelBomOpt = Annotated[
    bool,
    typer.Option(
        "--excel-bom",
        help="Begin the -o FILE.csv with a UTF-8 byte-order mark, so that Excel reads Chinese "
        "names right when the file is double-clicked. Off by default: the standard CSV "
        "(RFC 4180) that pandas, R, DuckDB and Unix tools read without a stray mark in the "
        "first column name. Import reads both.",
        callback=_excel_bom_option,
    ),
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


#: Whole-number columns that are labels, not amounts: no digit grouping ("2020", not "2,020";
#: a code or id as stored). Names ending in one of :data:`_LABEL_ENDINGS` count too.
_LABEL_COLUMNS = frozenset(
    {
        "year",
        "iso_year",
        "epiyear",
        "week",
        "epiweek",
        "isoweek",
        "month",
        "round",
        "code",
        "id",
        "area",
        "seq",
        "rank",
        "generation",
        "t_start",
        "t_end",
        "row",
        "seed",
        "plan_id",
        "hour",
    }
)
_LABEL_ENDINGS = ("_id", "_code", "_year", "_round", "_seed", "_week")


def grouped(name: str) -> bool:
    """Whether a table's column ``name`` holds amounts whose digits a person reads grouped
    (11,953 people), not labels printed as they are stored (a year, a code, an id, a round)."""
    n = name.lower()
    return n not in _LABEL_COLUMNS and not n.endswith(_LABEL_ENDINGS)


def _cell(v: Any, floats: int, group: bool = False) -> str:
    """One table cell for a person; ``group``: thousands separators in a number (counts;
    :func:`grouped` says which columns). CSV and JSON never group."""
    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    if _is_missing(v):
        return "\u2014"
    sep = "," if group else ""
    if isinstance(v, float):
        if math.isinf(v):  # as the report and dashboard print it; CSV and JSON keep "inf"
            return "\u221e" if v > 0 else "\u2212\u221e"
        return f"{v:{sep}.{floats}f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:{sep}d}"
    if isinstance(v, dt.date | dt.datetime) or type(v).__name__ == "Timestamp":
        return iso(v)
    return str(v)


def write_file(path: Path, text: str, option: str = "--output", *, bom: bool | None = None) -> None:
    """Write an output file; an unwritable path is an InputError naming it, not a traceback.
    ``bom``: begin it with a UTF-8 byte-order mark (Excel); None: as the command's
    ``--excel-bom`` says (:data:`ExcelBomOpt`; off where the command has none)."""
    from flareup.errors import InputError, cannot_write

    if bom is None:
        ctx = _context()
        bom = bool(ctx is not None and ctx.meta.get(_BOM_KEY))
    try:
        path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    except OSError as exc:
        raise InputError(cannot_write(exc, path), file=str(path), field=option) from None


def write_frame_csv(path: Path, df: pd.DataFrame, option: str = "--output") -> None:
    """Write a large frame (numbers, text, dates) as CSV through pandas' writer, with the
    byte-order mark ``--excel-bom`` asks for, as :func:`write_file` does for the text of
    :func:`render`: ``simulate -o runs.csv`` writes millions of rows, which the per-cell
    :func:`render` would take minutes over. Written to a temporary file beside ``path`` and
    renamed, so that an error or Ctrl-C leaves no half-written file."""
    import os

    from flareup.errors import InputError, cannot_write

    ctx = _context()
    bom = bool(ctx is not None and ctx.meta.get(_BOM_KEY))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(cannot_write(exc, path), file=str(path), field=option) from None


def file_format(path: Path, fmt: OutFormat | str) -> OutFormat:
    """What ``-o FILE`` holds: what its suffix names (``.json`` JSON, ``.csv`` CSV), else
    ``--format`` (``table``: CSV). ``-o results.json`` without ``-f json`` wrote CSV text into
    a file named .json."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return OutFormat.JSON
    if suffix == ".csv":
        return OutFormat.CSV
    fmt = OutFormat(fmt)
    return OutFormat.CSV if fmt is OutFormat.TABLE else fmt


#: Rows a table prints before it says how many more there are (``emit``).
TABLE_ROWS = 100


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
    spare: Sequence[str] = (),
) -> None:
    """Print ``df`` (or write it to ``output``) in ``fmt``; ``notes`` go to stderr. Columns
    named in ``whole`` are never folded in the table (identifiers such as a category read
    badly cut in two); the others give way. A table too wide for the terminal leaves out the
    columns in ``spare`` first (in that order), then from the right, and says which. A table
    shows its first ``TABLE_ROWS`` rows and says how many more there are (as R's tibbles and
    pandas print a long frame): ten thousand rows scroll past unread and take seconds to draw;
    csv, json and ``output`` always carry every row."""
    from flareup.cli.common import console, err_console

    fmt = OutFormat(fmt)
    if output is not None:
        write_file(output, render(df, file_format(output, fmt)))
        err_console.print(f"wrote {len(df)} rows to {output}", highlight=False)
    elif fmt is not OutFormat.TABLE:
        typer.echo(render(df, fmt), nl=False)
    else:
        from rich.markup import escape

        if len(df) > TABLE_ROWS:
            notes = [
                f"the first {TABLE_ROWS} of {len(df):,} rows are shown; --format csv or json "
                "prints every row",
                *notes,
            ]
            df = df.head(TABLE_ROWS)
        table, hidden = _table(df, floats, set(whole), console.width, spare)
        if df.empty:
            # a header over nothing (sources with no cluster, followup --status overdue) read
            # as if the rows had failed to print; 'disagreements' says '(none)' too
            caption = "(none)" + (f"\n{caption}" if caption else "")
        if title and len(title) > console.measure(table).maximum:
            # a title longer than a narrow table would wrap into its width: a line of its own
            console.print(escape(title), style="italic", highlight=False)
        elif title:
            table.title = escape(title)
        if caption:
            table.caption = escape(caption)
            table.caption_justify = "left"  # as the tables of status, pooling and risk
        console.print(table)
        if hidden:
            notes = [
                f"{len(hidden)} more columns at other widths or with --format csv: "
                + ", ".join(hidden),
                *notes,
            ]
    for n in notes:
        err_console.print(f"[yellow]note:[/] {escape_text(n)}", highlight=False, soft_wrap=True)


#: Columns of a bordered table cost 3 cells each (rule, two pads) and 1 more at the edge; of the
#: borderless compact table, 2 (the gap between columns).
_BOXED_GAP, _PLAIN_GAP = 3, 2
#: Narrowest a column of running text is folded to before columns are left out.
_TEXT_MIN = 14


def _header_lines(name: str, width: int) -> str:
    """``name`` broken after its underscores into lines of at most ``width`` cells (where its
    parts allow): 'date_reporting' over a date column reads 'date_' / 'reporting', where rich
    would cut it anywhere ('date_r' / 'eporti' / 'ng')."""
    lines: list[str] = []
    for part in name.replace("_", "_\x00").split("\x00"):
        if lines and len(lines[-1]) + len(part) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return "\n".join(lines)


def _partner(name: str) -> str | None:
    """The other end of the interval ``name`` bounds: ``r_low`` <-> ``r_high``, ``q0.025`` <->
    ``q0.975`` (EpiEstim's quantile columns); None for a column that bounds nothing."""
    for a, b in (("_low", "_high"), ("_high", "_low"), ("_lower", "_upper"), ("_upper", "_lower")):
        if name.endswith(a):
            return name[: -len(a)] + b
    if name.startswith("q0.") and name[1:].replace(".", "", 1).isdigit():
        other = f"{1 - float(name[1:]):.6f}".rstrip("0")
        return "q" + other
    return None


def plain_table(title: str | None = None, **kw: Any) -> Any:
    """A borderless rich table with a rule under the header and two spaces between columns:
    what a table too wide for its box-drawn form becomes (``emit``), and the form of the
    commands whose tables are wide by nature (``status``, ``disagreements``, ``audit``)."""
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
        **kw,
    )


def _table(
    df: pd.DataFrame, floats: int, whole: set[str], width: int, spare: Sequence[str] = ()
) -> tuple[Any, list[str]]:
    """``df`` as a rich table for a terminal ``width`` cells wide, and the columns left out.

    A table that fits keeps the ruled look. One that does not is drawn borderless (two spaces
    between columns, as ``flareup status`` is), with headers broken at their underscores and
    columns of single tokens (ids, codes, dates, numbers, and those in ``whole``) never cut;
    only running text wraps. If even that is too wide, columns are left out -- those in
    ``spare`` first, then from the right, the first always kept -- and named in a note: a table folded into slivers of 2 or 3
    characters (as a 14-column follow-up list was at 80 columns) shows nothing."""
    import pandas as pd
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    if len(df) == 1 and len(df.columns) > 6:
        # one result with many fields reads better as a column of figures
        table = Table(title_justify="left")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for c in df.columns:
            table.add_row(escape(str(c)), escape(_cell(df[c].iloc[0], floats, grouped(str(c)))))
        return table, []
    names = [str(c) for c in df.columns]
    cells = [[_cell(v, floats, grouped(str(c))) for v in df[c]] for c in df.columns]
    data_w = [max((cell_len(x) for x in col), default=0) for col in cells]
    natural = [max(cell_len(n), w) for n, w in zip(names, data_w, strict=True)]
    numeric = [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]
    if sum(natural) + _BOXED_GAP * len(names) + 1 <= width:
        table = Table(title_justify="left")
        for n, num in zip(names, numeric, strict=True):
            table.add_column(
                escape(n), justify="right" if num else "left", overflow="fold", no_wrap=n in whole
            )
        for row in zip(*cells, strict=True):
            table.add_row(*(escape(x) for x in row))
        return table, []
    token = [
        n in whole or not any(" " in x for x in col) for n, col in zip(names, cells, strict=True)
    ]
    head_min = [max(cell_len(p) for p in n.replace("_", "_ ").split(" ")) for n in names]
    need = [
        max(h, w if t else min(w, _TEXT_MIN))
        for h, w, t in zip(head_min, data_w, token, strict=True)
    ]
    shown = list(range(len(names)))
    # a column with no value in any row goes first (growth's 'note' column, all '—', hid the
    # doubling time's interval at 80 columns), then those in ``spare``, then from the right
    blank = [i for i, col in enumerate(cells) if col and all(x == "\u2014" for x in col)]
    order = blank + [names.index(c) for c in spare if c in names] + shown[::-1]
    while len(shown) > 1 and sum(need[i] for i in shown) + _PLAIN_GAP * (len(shown) - 1) > width:
        drop = next(i for i in order if i in shown and i != shown[0])
        shown.remove(drop)
        # an interval's two ends go together: one bound alone reads as the whole interval
        other = _partner(names[drop])
        if other in names and names.index(other) in shown[1:]:
            shown.remove(names.index(other))
    # Headers stay whole where there is room; the ones that save most are broken first.
    broken_w = {i: max(need[i], data_w[i]) for i in shown}
    col_w = {i: max(natural[i], need[i]) for i in shown}
    for i in sorted(shown, key=lambda i: broken_w[i] - col_w[i]):
        if sum(col_w.values()) + _PLAIN_GAP * (len(shown) - 1) <= width:
            break
        col_w[i] = min(col_w[i], broken_w[i])
    table = plain_table()
    for i in shown:
        whole_header = col_w[i] >= cell_len(names[i])
        table.add_column(
            escape(
                names[i] if whole_header else _header_lines(names[i], max(data_w[i], head_min[i]))
            ),
            justify="right" if numeric[i] else "left",
            overflow="fold",
            no_wrap=token[i],
            min_width=need[i],
        )
    for row in zip(*cells, strict=True):
        table.add_row(*(escape(row[i]) for i in shown))
    return table, [names[i] for i in range(len(names)) if i not in shown]


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


def listing(
    title: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[tuple[Sequence[str], str]],
    *,
    width: int,
    paragraph: str,
) -> Any:
    """Rows of short cells, each followed by a paragraph indented beneath it over the whole
    width: how a table whose last column is running text (a reason, what a figure rests on)
    reads at 80 columns, where that column would fold into a sliver. ``columns`` are (header,
    justify) pairs; the second column takes the room left, the others their widest cell (at
    most half the width); cells may carry rich markup, paragraphs are plain text."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    rows = [(list(cells), para) for cells, para in rows]
    fit = [
        min(
            max([len(h), *(Text.from_markup(c[i]).cell_len for c, _ in rows)]),
            max(width // 2, 10),
        )
        for i, (h, _) in enumerate(columns)
    ]

    def line(cells: Sequence[Any]) -> Any:
        grid = Table.grid(expand=True, padding=(0, 1))
        for i, (_, justify) in enumerate(columns):
            if i == 1:
                grid.add_column(ratio=1, justify=justify)  # type: ignore[arg-type]
            else:
                grid.add_column(width=fit[i], justify=justify)  # type: ignore[arg-type]
        grid.add_row(*cells)
        return grid

    parts: list[Any] = [Text(title, style="italic")] if title else []
    parts.append(line([Text(h, style="bold") for h, _ in columns]))
    parts.append(Padding(Text(paragraph, style="dim"), (0, 0, 0, 4)))
    parts.append(Text("─" * width, style="dim"))
    for cells, para in rows:
        parts.append(line(cells))
        if para:
            parts.append(Padding(Text(para, style="dim"), (0, 0, 0, 4)))
    parts.append("")
    return Group(*parts)


def emit_summary(record: dict[str, Any], fmt: OutFormat | str, sentence: str) -> None:
    """What a command that changes or writes something did (``import``, ``export``,
    ``delete``), in ``--format``: ``table`` prints ``sentence`` (rich markup allowed) for a
    person; ``csv`` a header and one row, ``json`` an array of one object, with the keys of
    ``record`` (the same contract as :func:`emit`, so a script reads every command alike)."""
    import pandas as pd

    from flareup.cli.common import console

    if OutFormat(fmt) is OutFormat.TABLE:
        console.print(sentence, highlight=False, soft_wrap=True)
        return
    typer.echo(render(pd.DataFrame([record]), fmt), nl=False)
