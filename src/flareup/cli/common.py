"""What every command shares: the console, the ``--db`` option, and turning errors into exits."""

from __future__ import annotations

import contextlib
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from flareup.charts.save import CHART_SUFFIXES
from flareup.errors import ConfigError, FlareupError, InputError, Problem, redact

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
        if len(exc.problems) > 1:
            # as import lists them: a count, then one indented line each (the second problem
            # read as if it were the first one's continuation)
            lines = [f"{len(exc.problems)} problems found", *(f"  {x}" for x in lines)]
        hint = row_hint(exc.problems)
        print_error("\n".join(lines + ([hint] if hint else [])))
        raise typer.Exit(1) from None
    except ConfigError as exc:
        if exc.file is None:
            # no file: the library's '<config>' placeholder names nothing the user typed; a
            # key that is one of the command's options is said as the option ('--seed')
            key = _option(exc.key) if exc.key else None
            text = f"{'option' if key and key.startswith('--') else 'key'} {key!r}: " if key else ""
            print_error(cli_wording(text + exc.reason))
        else:
            print_error(cli_wording(str(exc)))
        raise typer.Exit(1) from None
    except FlareupError as exc:
        print_error(cli_wording(str(exc)))
        raise typer.Exit(1) from None


#: Python API wording in a library message, and what a command-line user types instead.
_API_TO_CLI = ((re.compile(r"""\bfill_missing=(['"])zero\1"""), "--fill-missing zero"),)


def cli_wording(text: str) -> str:
    """A library message in a command's terms: ``pass fill_missing='zero'`` (what a Python
    caller writes) becomes ``pass --fill-missing zero``."""
    for pattern, cli in _API_TO_CLI:
        text = pattern.sub(cli, text)
    return text


def _option(field: str) -> str:
    """``field`` as the running command's option (``start`` -> ``--start``) where it has one."""
    try:  # typer >= 0.20 runs on its own copy of click
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - older typer, on click itself
        from click import get_current_context  # type: ignore[no-redef]

    ctx = get_current_context(silent=True)
    if ctx is None:
        return field
    want = field.replace("_", "-")
    for param in ctx.command.params:
        for opt in getattr(param, "opts", ()):
            if opt.startswith("--") and opt[2:] == want:
                return str(opt)
    return field


#: A library's name for an in-memory table (``<counts>``, ``<frame>``): it names nothing the
#: user typed (``<stdin>`` does: the input they piped in).
_PLACEHOLDER = re.compile(r"<(?!stdin>)[a-z_ ]+>")


def problem_text(p: Problem) -> str:
    """One problem as a line: ``bad.csv, row 3, field 'value': reason`` where it names a file;
    else the option or field it is about (``field '--date': not an ISO date ...``: a field the
    library names that is one of the command's options is said as the option), without the
    library's ``<input>`` placeholder, which names nothing a user typed. API wording in the
    reason is said as the command's (:func:`cli_wording`)."""
    reason = cli_wording(p.reason)
    if p.file is not None and not _PLACEHOLDER.fullmatch(p.file):
        return str(Problem(p.file, p.row, p.field, reason))
    where = [] if p.row is None else [f"row {p.row}"]
    if p.field:
        # a problem of a row is about data; one of no file and no row may be an option's
        where.append(f"field {(p.field if p.row is not None else _option(p.field))!r}")
    return f"{', '.join(where)}: {reason}" if where else reason


def row_hint(problems: Sequence[Problem]) -> str | None:
    """Where the first problem's row is in its file: 'row 1' is the first row *below the
    header* (errors.Problem), which a user opening the file in an editor or spreadsheet finds
    on line (or sheet row) 2. None where no problem names a row of a file."""
    p = next((p for p in problems if p.file is not None and p.row is not None), None)
    if p is None or p.row is None or f"line {p.row + 1} of the file" in p.reason:
        return None  # (a reason that names the line already says it)
    suffix = Path(str(p.file)).suffix.lower()
    if suffix == ".parquet":
        return None  # a Parquet file has no lines; its rows are the data rows
    if suffix in (".json", ".jsonl"):
        return f"row {p.row} is the file's record {p.row}"
    where = "row {} of the sheet" if suffix in (".xlsx", ".xlsm", ".xls") else "line {} of the file"
    return f"row {p.row} is {where.format(p.row + 1)}: rows are counted below the header"


def print_error(message: str) -> None:
    """``error: MESSAGE`` on stderr: markup escaped, passwords in URLs masked."""
    err_console.print(
        f"[bold red]error:[/] {escape(redact(message))}", highlight=False, soft_wrap=True
    )


def debug_enabled() -> bool:
    """True when FLAREUP_DEBUG is set (then errors keep their tracebacks)."""
    return bool(os.environ.get("FLAREUP_DEBUG"))


def bad_option(option: str, message: str) -> typer.BadParameter:
    """A usage mistake in one option's value, to raise: Typer's "Invalid value for '--x'"
    message under the command's usage line, exit 2 (exit 1 is for bad input files and data)."""
    try:  # typer >= 0.20 runs on its own copy of click
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - older typer, on click itself
        from click import get_current_context  # type: ignore[no-redef]

    ctx = get_current_context(silent=True)
    return typer.BadParameter(message, ctx=ctx, param_hint=f"'{option}'")  # type: ignore[arg-type]


def one_of(option: str, allowed: Sequence[str]) -> Callable[[str], str]:
    """An option callback refusing any value but ``allowed``, when the command line is parsed
    (before any data is read) and as a usage mistake."""
    said = ", ".join(repr(a) for a in allowed[:-1]) + f" or {allowed[-1]!r}"

    def check(value: str) -> str:
        if value is not None and value not in allowed:  # None: an optional option left out
            raise bad_option(option, f"must be {said}, got {value!r}")
        return value

    return check


def above(option: str, bound: float, what: str) -> Callable[[float], float]:
    """An option callback refusing a number that is not finite and above ``bound`` (a usage
    mistake, said before anything is read; Typer's own ``min=`` cannot refuse nan or the
    bound itself for a float)."""

    def check(value: float) -> float:
        if not math.isfinite(value) or value <= bound:
            raise bad_option(option, f"{what} must be > {bound:g}, got {value}")
        return value

    return check


def in_range(
    option: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    what: str = "",
) -> Callable[[Any], Any]:
    """An option callback refusing a number outside ``low``..``high`` (either may be None: no
    bound; ``low_open``/``high_open``: the bound itself is refused too) or not finite, as a
    usage mistake said when the command line is parsed: ``Invalid value for '--sensitivity':
    the sensitivity must be in (0, 1], got 1.5`` (``what``: the subject of that sentence). An option left out (None) passes.
    Unlike Typer's ``min=``/``max=``, it refuses nan and says the whole range."""

    def num(x: float) -> str:  # 10000000000, not 1e+10
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    if low is not None and high is not None:
        allowed = f"in {'(' if low_open else '['}{num(low)}, {num(high)}{')' if high_open else ']'}"
    elif low is not None:
        allowed = f"{'>' if low_open else '>='} {num(low)}"
    elif high is not None:
        allowed = f"{'<' if high_open else '<='} {num(high)}"
    else:  # pragma: no cover - a callback that bounds nothing
        allowed = "a finite number"
    subject = what or "the value"

    def check(value: Any) -> Any:
        if value is None:
            return None
        bad = not math.isfinite(value)
        if low is not None:
            bad = bad or value < low or (low_open and value == low)
        if high is not None:
            bad = bad or value > high or (high_open and value == high)
        if bad:
            raise bad_option(option, f"{subject} must be {allowed}, got {value}")
        return value

    return check


#: The days pandas holds (at nanoseconds): every command reads its dates through pandas.
_FIRST_DAY, _LAST_DAY = "1677-09-22", "2262-04-11"


def iso_date(
    option: str, first: str = _FIRST_DAY, last: str = _LAST_DAY
) -> Callable[[str | None], str | None]:
    """An option callback for a day, ``YYYY-MM-DD`` (an ISO date-time is cut to its day, as
    :func:`flareup.dates.parse_date` reads one): a value that is no such day, or one outside
    ``first``..``last`` (by default the days pandas can hold), is a usage mistake said when the
    command line is parsed (before any data is read). The day is passed on as ``YYYY-MM-DD``
    text, the type the command took before."""
    span = f"{first[:4]}-{last[:4]}"  # '1677-2262', '1900-2200'

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        from flareup.dates import parse_date

        try:
            day = parse_date(value).isoformat()
        except ValueError as exc:  # its message: "not an ISO date (YYYY-MM-DD): '2020-13-01'"
            raise bad_option(option, str(exc)) from None
        if not first <= day <= last:  # ISO text sorts as the days do
            raise bad_option(option, f"{value!r} is outside the dates supported ({span})")
        return day

    return check


def iso_datetime(option: str) -> Callable[[str | None], str | None]:
    """An option callback for a moment: an ISO date or date-time (``2020-10-24``,
    ``2020-10-24T14:00``, with or without a UTC offset), refused as a usage mistake when the
    command line is parsed. The text is passed on unchanged: a bare date keeps its own meaning
    downstream (``--as-of 2020-10-24`` is the end of that day)."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        import datetime as dt

        import pandas as pd

        try:
            dt.datetime.fromisoformat(value.strip())  # ISO 8601 only: pandas reads 'now' too
            moment = pd.Timestamp(value.strip())
        except ValueError:
            raise bad_option(
                option,
                f"not an ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM): {value!r}",
            ) from None
        if not _FIRST_DAY <= str(moment.date()) <= _LAST_DAY:
            raise bad_option(option, f"{value!r} is outside the dates supported (1677-2262)")
        return value

    return check


def file_suffix(option: str, suffixes: Sequence[str], what: str) -> Callable[[Any], Any]:
    """An option callback for a file a command writes: a name not ending in one of
    ``suffixes`` is a usage mistake said when the command line is parsed, before any work
    (not after minutes of runs, or after the results were printed)."""
    said = ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]

    def check(value: Path | None) -> Path | None:
        if value is not None and value.suffix.lower() not in suffixes:
            raise bad_option(
                option, f"{what} is written as {said} (by its suffix), not {value.name!r}"
            )
        return value

    return check


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


#: What ``--scheduler`` names (besides a Dask address ``tcp://HOST:PORT``) and the executor of
#: flareup.sim.ensemble / flareup.sim.calibrate each one means.
SCHEDULERS: dict[str, str] = {
    "local": "dask",  # a Dask LocalCluster of worker processes
    "serial": "serial",  # this process
}


def scheduler_option(value: str | None) -> str | None:
    """The ``--scheduler`` callback of every command that runs simulations: ``local``,
    ``serial`` or a Dask scheduler address (``tcp://HOST:PORT``); anything else is a
    usage mistake said before anything runs. None (left out) passes: the command's default."""
    if value is None or value in SCHEDULERS:
        return value
    scheme, sep, rest = value.partition("://")
    if sep and scheme and rest:
        return value
    said = ", ".join(repr(n) for n in SCHEDULERS)
    raise bad_option(
        "--scheduler", f"expected {said} or a Dask scheduler address tcp://HOST:PORT, got {value!r}"
    )


def executor_for(scheduler: str | None, default: str) -> str:
    """The executor ``--scheduler`` names (its address as given), ``default`` where it was
    left out."""
    if scheduler is None:
        return default
    return SCHEDULERS.get(scheduler, scheduler)


#: ``--scheduler``: where simulation runs go (``simulate``, ``calibrate``), one option and one
#: parser for both.
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Where runs go: 'local' (a Dask LocalCluster of worker processes), 'serial' (this "
        "process) or a Dask scheduler address tcp://HOST:PORT. Default: simulate, local worker "
        "processes without Dask ('serial' for one run or --workers 1); calibrate, 'local'.",
        callback=scheduler_option,
    ),
]
