"""``flareup bulletin``: counts read from bulletin or news text, each with its sentence.

Thin: read the text, call ``flareup.ingest.bulletin.extract``, print; ``--import`` stores the
counts as news-kind rows (the registry's latest policy ranks them below every official figure)
and lists what it could not place in a registry area or date instead of dropping it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flareup.cli.common import DbOption, console, err_console, user_errors
from flareup.cli.output import FormatOpt, OutFormat, OutputOpt, emit, listing
from flareup.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the terminal table (csv / json / ``-o`` carry every column of the record); the
#: qualifier is shown on the value ('>=2,800,000'), which leaves the evidence room at 80 columns.
TABLE_COLUMNS = ("date", "place", "category", "value", "evidence")
_HEDGE = {"approximate": "~", "at_least": ">=", "at_most": "<=", "exact": ""}
#: Narrower than this the table becomes a listing: one line a count, its evidence beneath.
WIDE = 140
#: Largest input read from a file or standard input (bytes): a report is a few pages.
MAX_BYTES = 4_000_000


def _read_input(file: str) -> tuple[str, str]:
    """(text, name) of FILE or of standard input for ``-``."""
    from flareup.ingest.bulletin import decode_text

    if file == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "<stdin>"
    else:
        p = Path(file)
        name = str(p)
        try:
            with p.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"the input is larger than {MAX_BYTES // 1_000_000} MB; a bulletin is a few pages "
            "(split it into reports)",
            file=name,
        )
    return decode_text(raw, name), name


def _check_published(text: str) -> dt.date:
    try:
        d = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {text!r}", field="--published") from None
    if not dt.date(1900, 1, 1) <= d <= dt.date(2200, 12, 31):
        raise InputError(f"publication date out of range: {text!r}", field="--published")
    return d


def bulletin(
    file: Annotated[str, typer.Argument(help="Bulletin or news text (UTF-8), or - for stdin.")],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD): resolves weekdays, 'yesterday', years.",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(help="Name of the publication (default: the file name)."),
    ] = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    do_import: Annotated[
        bool,
        typer.Option(
            "--import",
            help="Store the counts as news-kind rows (never above official figures).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Read the counts in a bulletin or news report; each keeps its sentence and span."""
    from flareup.ingest.bulletin import check_text, extract, records_frame

    with user_errors():
        pub = _check_published(published)
        text, name = _read_input(file)
        check_text(text, name=name)
        reg = None
        areas = None
        if do_import:
            from flareup.registry import Registry

            reg = Registry(db)
        try:
            if reg is not None:
                areas = reg.areas()
            records = extract(text, pub, areas=areas)
            if not records:
                raise InputError(
                    "no counts found in the text (numbers need a noun such as 'cases', "
                    "'deaths', 'tested'; numbers above 9,223,372,036,854,775,807 are not read)",
                    file=name,
                )
            frame = records_frame(records)
            title = f"{len(records)} counts found in {name}"
            if fmt is OutFormat.TABLE and output is None and console.width < WIDE:
                console.print(_listing(_table_frame(frame), title, console.width))
            elif fmt is OutFormat.TABLE and output is None:
                emit(_table_frame(frame), fmt, title=title, whole=("date", "category", "value"))
            else:
                emit(frame, fmt, output, title=title)
            if reg is not None:
                _import(reg, records, text, name, source or Path(name).name, pub)
        finally:
            if reg is not None:
                reg.close()


def _table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The terminal view: a period reads 'start..end', a range 'value-max', a hedge '~138'."""
    import pandas as pd

    view = frame.loc[:, list(TABLE_COLUMNS)].copy()
    has_start = frame["period_start"].notna() & frame["date"].notna()
    view.loc[has_start, "date"] = frame["period_start"][has_start] + ".." + frame["date"][has_start]
    view["value"] = [
        _HEDGE.get(str(q), "") + f"{int(v):,}" + ("" if pd.isna(m) else f"-{int(m):,}")
        for v, m, q in zip(frame["value"], frame["value_max"], frame["qualifier"], strict=True)
    ]
    return view


def _listing(view: pd.DataFrame, title: str, width: int) -> object:
    """At a laptop's 80 columns the evidence, folded into a fifth column, took four to eight
    lines a count; here each count is one line (date, place, category, value) and its evidence
    an indented line beneath it, as ``flareup state`` and ``flareup risk`` print."""
    from rich.markup import escape

    def cell(v: object) -> str:
        return "" if v is None or v != v else escape(str(v))  # None / NaN: an empty cell

    return listing(
        title,
        [("date", "left"), ("place", "left"), ("category", "left"), ("value", "right")],
        (
            ([cell(r.date), cell(r.place), cell(r.category), cell(r.value)], str(r.evidence))
            for r in view.itertuples(index=False)
        ),
        width=width,
        paragraph="evidence",
    )


def _import(reg, records: list, text: str, name: str, source: str, pub: dt.date) -> None:  # type: ignore[no-untyped-def, type-arg]
    from flareup.ingest.bulletin import records_to_counts, unplaced
    from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
    from flareup.ingest.tables import validate_frame
    from flareup.schema import SourceKind

    counts = records_to_counts(records, source=source)
    left = unplaced(records)
    # the same (area, date, metric) stated twice: the later statement is stored
    for r, why in left:
        err_console.print(
            f"not stored: {r.category} {r.value} ({r.evidence!r}): {why}",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
    if counts.empty:
        raise InputError(
            f"none of the {len(records)} counts has a registry area and a day; nothing was "
            "imported",
            file=name,
        )
    counts["source_kind"] = SourceKind.NEWS.value
    vt = validate_frame(counts, TableKind.COUNTS, file=name)
    info = SourceInfo(
        kind=SourceKind.NEWS,
        title=source,
        uri=name if name != "<stdin>" else None,
        published=pub,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    s = reg.import_table(ValidatedTable(vt.kind, vt.frame, vt.file, info))
    # stderr: stdout keeps the results machine-readable (cli/output.py)
    err_console.print(
        f"counts from {name}: [bold]{s.inserted}[/] inserted, [bold]{s.unchanged}[/] unchanged, "
        f"[bold]{s.superseded}[/] superseded; {len(left)} not stored (no registry area or day)",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("bulletin")(bulletin)
