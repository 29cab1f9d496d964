"""``flareup bulletin``: counts read from bulletin or news text, each with its sentence.

Thin: read the text, call ``flareup.ingest.bulletin.extract``, print; ``--import`` stores the
counts as news-kind rows (the registry's latest policy ranks them below every official figure)
and lists what it could not place in a registry area or date instead of dropping it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flareup.cli.common import (
    DbOption,
    bad_option,
    console,
    err_console,
    iso_date,
    user_errors,
)
from flareup.cli.output import ExcelBomOpt, FormatOpt, OutFormat, OutputOpt, emit, listing
from flareup.errors import InputError
from flareup.report.bulletins import MAX_BYTES, check_published, import_counts, read_counts

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the terminal table (csv / json / ``-o`` carry every column of the record); the
#: qualifier is shown on the value ('>=2,800,000'), which leaves the evidence room at 80 columns.
TABLE_COLUMNS = ("date", "place", "category", "value", "evidence")
_HEDGE = {"approximate": "~", "at_least": ">=", "at_most": "<=", "exact": ""}
#: Narrower than this the table becomes a listing: one line a count, its evidence beneath.
WIDE = 140


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


def _known_place(value: str | None) -> str | None:
    """Refuse a --place the gazetteer does not know, as a usage mistake, before any text is
    read."""
    if value is None:
        return None
    from flareup.ingest.bulletin.extract import known_place

    try:
        known_place(value)
    except InputError as exc:
        raise bad_option("--place", exc.reason) from None
    return value


def bulletin(
    file: Annotated[str, typer.Argument(help="Bulletin or news text (UTF-8), or - for stdin.")],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD, 1900-2200): resolves weekdays, 'yesterday', years.",
            # the years check_published accepts, said as a usage mistake at parse time
            callback=iso_date("--published", first="1900-01-01", last="2200-12-31"),
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(help="Name of the publication (default: the file name)."),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            help="The text's own place where it never names one (a ministry's or a county's "
            "own bulletin: 'The ministry reported 12 new cases'): a country, province, "
            "prefecture or county, in English or Chinese. A text that names its place keeps it.",
            callback=_known_place,
        ),
    ] = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
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
    from flareup.ingest.bulletin import records_frame

    with user_errors():
        pub = check_published(published)
        text, name = _read_input(file)
        reg = None
        if do_import:
            from flareup.report.queries import open_registry

            reg = open_registry(db)
        try:
            records = read_counts(text, pub, name=name, reg=reg, place=place)
            frame = records_frame(records)
            title = f"{len(records)} counts found in {name}"
            if fmt is OutFormat.TABLE and output is None and console.width < WIDE:
                console.print(_listing(_table_frame(frame), title, console.width))
            elif fmt is OutFormat.TABLE and output is None:
                emit(_table_frame(frame), fmt, title=title, whole=("date", "category", "value"))
            else:
                emit(frame, fmt, output, title=title)
            placeless = sum(1 for r in records if not r.place)
            if placeless and place is None and reg is None:
                # stderr: stdout keeps the results machine-readable (cli/output.py)
                err_console.print(
                    f"{placeless} of the {len(records)} counts have no place: the text names "
                    "none for them; --place NAME gives the text's own place",
                    highlight=False,
                    soft_wrap=True,
                )
            if reg is not None:
                done = import_counts(
                    reg,
                    records,
                    text,
                    name=name,
                    source=source or Path(name).name,
                    published=pub,
                    uri=name if name != "<stdin>" else None,
                )
                # stderr: stdout keeps the results machine-readable (cli/output.py)
                for r, why in done.not_stored:
                    err_console.print(
                        f"not stored: {r.category} {r.value} ({r.evidence!r}): {why}",
                        highlight=False,
                        soft_wrap=True,
                        markup=False,
                    )
                err_console.print(
                    f"counts from {name}: [bold]{done.inserted}[/] inserted, "
                    f"[bold]{done.unchanged}[/] unchanged, [bold]{done.superseded}[/] superseded;"
                    f" {len(done.not_stored)} not stored (no registry area or day)",
                    highlight=False,
                    # one line, as the 'not stored' lines: a long path broke it mid-sentence
                    soft_wrap=True,
                )
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


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("bulletin")(bulletin)
