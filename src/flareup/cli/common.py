"""What every command shares: the console, the ``--db`` option, and turning errors into exits."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from flareup.charts.save import CHART_SUFFIXES
from flareup.errors import FlareupError, InputError, Problem, redact

console = Console()
err_console = Console(stderr=True)

#: ``--db URL``: a SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``).
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FLAREUP_DB",
        help="Database URL (sqlite:///file.db or postgresql+psycopg://user@host/db). "
        "Default: a SQLite file in the per-user data directory.",
    ),
]


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Print a FlareupError as one clear message and exit with status 1, never a traceback.

    The message is printed as plain text (``pip install 'flareup[dask]'`` keeps its brackets:
    rich would read ``[dask]`` as markup) with any URL password masked.
    """
    try:
        yield
    except InputError as exc:
        lines = [problem_text(p) for p in exc.problems[:20]]
        if len(exc.problems) > 20:
            lines.append(f"... and {len(exc.problems) - 20} more problems")
        print_error("\n".join(lines))
        raise typer.Exit(1) from None
    except FlareupError as exc:
        print_error(str(exc))
        raise typer.Exit(1) from None


def problem_text(p: Problem) -> str:
    """One problem as a line: ``bad.csv, row 3, field 'value': reason`` where it names a file;
    else the option or field it is about (``field '--date': not an ISO date ...``), without the
    library's ``<input>`` placeholder, which names nothing a user typed."""
    if p.file is not None:
        return str(p)
    where = [] if p.row is None else [f"row {p.row}"]
    if p.field:
        where.append(f"field {p.field!r}")
    return f"{', '.join(where)}: {p.reason}" if where else p.reason


def print_error(message: str) -> None:
    """``error: MESSAGE`` on stderr: markup escaped, passwords in URLs masked."""
    err_console.print(
        f"[bold red]error:[/] {escape(redact(message))}", highlight=False, soft_wrap=True
    )


def debug_enabled() -> bool:
    """True when FLAREUP_DEBUG is set (then errors keep their tracebacks)."""
    return bool(os.environ.get("FLAREUP_DEBUG"))


def _chart_path(value: Path | None) -> Path | None:
    """Refuse a chart file the writer cannot make before any work is done (a usage error)."""
    if value is not None and value.suffix.lower() not in CHART_SUFFIXES:
        raise typer.BadParameter(
            f"{value.name!r}: a chart is written as {', '.join(CHART_SUFFIXES)} "
            "(by the file's suffix)"
        )
    return value


#: ``--chart FILE``: write the command's chart as .svg, .png, .html (self-contained) or .json.
ChartOpt = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        help="Write the chart: .svg, .png, .html (self-contained, works offline) or .json "
        "(the Vega-Lite spec).",
        callback=_chart_path,
    ),
]


def write_chart(chart: Any, path: Path) -> None:
    """Save ``chart`` to ``path`` and say so on stderr."""
    from flareup.charts.save import save_chart

    save_chart(chart, path)
    err_console.print(f"wrote chart to {path}", highlight=False)
