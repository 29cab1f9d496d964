"""``flareup`` commands of the registry group: import, export, delete, audit, status,
disagreements, demo. Thin: parse options, call ``flareup.ingest`` and ``flareup.registry``, print with rich."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import inspect
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlparse

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from flareup.cli.common import (
    DbOption,
    bad_option,
    console,
    err_console,
    file_suffix,
    in_range,
    iso_date,
    iso_datetime,
    problem_text,
    row_hint,
    user_errors,
)
from flareup.cli.output import (
    ExcelBomOpt,
    FormatOpt,
    OutFormat,
    OutputOpt,
    bom_checked,
    emit,
    emit_summary,
    listing,
    plain_table,
)
from flareup.errors import InputError, mask_url
from flareup.ingest.model import TableKind
from flareup.schema import area_display_name

if TYPE_CHECKING:
    from flareup.registry import Registry

#: How many problems an import prints before pointing at ``--problems FILE``.
MAX_PRINTED_PROBLEMS = 1000

#: Modules of other command groups that may add a section to ``flareup demo``.
DEMO_SECTION_MODULES = (
    "analytics_cmds",
    "risk_cmds",
    "pooling_cmds",
    "sim_cmds",
    "tracing_cmds",
    "web_cmds",
)

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Show what was known at this time (ISO date or datetime, UTC).",
        callback=iso_datetime("--as-of"),
    ),
]


def _open(db: str | None) -> Registry:
    from flareup.registry import Registry

    return Registry(db)


@contextlib.contextmanager
def _problems_listed(problems_file: Path | None = None, done: str = "imported") -> Iterator[None]:
    """Print every problem of an InputError (one per line), then exit 1."""
    try:
        yield
    except InputError as exc:
        probs = exc.problems
        n = len(probs)
        err_console.print(
            f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} found; nothing was {done}",
            highlight=False,
        )
        for p in probs[:MAX_PRINTED_PROBLEMS]:
            err_console.print(f"  {problem_text(p)}", highlight=False, soft_wrap=True, markup=False)
        if n > MAX_PRINTED_PROBLEMS:
            err_console.print(
                f"  ... and {n - MAX_PRINTED_PROBLEMS} more "
                "(use --problems FILE to write them all)",
                highlight=False,
            )
        hint = row_hint(probs)
        if hint:
            err_console.print(f"  {hint}", highlight=False, soft_wrap=True, markup=False)
        if problems_file is not None:
            try:
                pd.DataFrame(
                    [
                        {"file": p.file, "row": p.row, "field": p.field, "reason": p.reason}
                        for p in probs
                    ]
                ).to_csv(problems_file, index=False)
            except OSError as write_exc:
                # The problems are already printed; say why the file is missing, no traceback.
                err_console.print(
                    f"[bold red]error:[/] {problems_file}, field '--problems': "
                    f"cannot write the problems file: {write_exc}",
                    highlight=False,
                    soft_wrap=True,
                )
            else:
                err_console.print(f"  all problems written to {problems_file}", highlight=False)
        raise typer.Exit(1) from None


def _short(title: object, width: int = 48) -> str:
    """A source title for a narrow column: a URL's host and a bit of its path."""
    if title is None or (isinstance(title, float) and pd.isna(title)):
        return ""
    text = str(title)
    if "://" in text:
        u = urlparse(text)
        text = u.netloc.removeprefix("www.") + u.path
    return text if len(text) <= width else text[: width - 1] + "…"


def _domain(uri: object, title: object = None, width: int = 24) -> str:
    """A source for a narrow column: a URL's host only (the full URI is in --format csv/json)."""
    text = uri if isinstance(uri, str) and uri.strip() else title
    if isinstance(text, str) and "://" in text:
        return urlparse(text).netloc.removeprefix("www.")
    return _short(text, width)


def _plain_table(title: str, **kw: Any) -> Table:
    """A borderless table with a rule under the header (``cli.output.plain_table``): wide
    tables of long metric names and area names still fit 80 columns unwrapped."""
    table: Table = plain_table(title, **kw)
    return table


def _fmt(v: object) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):  # type: ignore[call-overload]
        return ""
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, int | float):
        return f"{int(v):,}"
    return str(v)


# ---------------------------------------------------------------------------- import / export


def import_file(
    kind: Annotated[TableKind, typer.Argument(help="What the file holds.")],
    file: Annotated[
        Path, typer.Argument(help="CSV, Parquet, JSON (records) or Excel (.xlsx) file.")
    ],
    db: DbOption = None,
    user: Annotated[str | None, typer.Option(help="Who is importing (for the audit log).")] = None,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help="Drop columns flareup does not know instead of refusing the file.",
        ),
    ] = False,
    problems: Annotated[
        Path | None, typer.Option("--problems", help="Write every problem found to this CSV file.")
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet of an .xlsx file (name or 0-based number; default the first).",
        ),
    ] = None,
    fmt: FormatOpt = OutFormat.TABLE,
) -> None:
    """Import a table file into the registry: all or nothing, idempotent, corrections supersede.

    CSV/TSV, Parquet, JSON records or Excel .xlsx, up to 2 GiB (FLAREUP_MAX_INPUT_BYTES); CSV
    in UTF-8 with or without a byte-order mark. For areas, a column the file leaves out keeps
    the stored values; an empty cell clears one. A file with the right header and no rows (the
    export of an empty table) imports as zero rows and changes nothing. --format csv/json
    prints the summary as one record: kind, file, rows, inserted, unchanged, superseded.
    """
    from flareup.ingest.tables import read_table

    if sheet is not None and not any(s.lower() == ".xlsx" for s in file.suffixes):
        raise bad_option("--sheet", f"a sheet is chosen in an .xlsx file only, not {file.name!r}")
    with user_errors(), _problems_listed(problems):
        vt = read_table(
            file,
            kind,
            unknown_columns="ignore" if ignore_unknown_columns else "error",
            sheet=sheet,
        )
        reg = _open(db)
        try:
            s = reg.import_table(vt, user=user)
        finally:
            reg.close()
    rows = len(vt.frame)
    where = f"{kind.value} from {escape(str(file))}"
    if rows == 0:
        sentence = f"{where}: the file holds no rows; nothing to import"
    elif s.inserted == 0 and s.superseded == 0:
        sentence = f"{where}: already imported, nothing to do ({s.unchanged:,} rows unchanged)"
    else:
        sentence = (
            f"{where}: [bold]{s.inserted:,}[/] inserted, [bold]{s.unchanged:,}[/] unchanged, "
            f"[bold]{s.superseded:,}[/] superseded"
        )
    record = {"kind": kind.value, "file": str(file), "rows": rows}
    record |= {"inserted": s.inserted, "unchanged": s.unchanged, "superseded": s.superseded}
    emit_summary(record, fmt, sentence)


def export(
    kind: Annotated[TableKind, typer.Argument(help="Which table to export.")],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help=".csv, .parquet, .json or .xlsx (text cells starting with = + - @ are written "
            "with a leading ' in .csv and .xlsx; import takes it off again).",
            callback=bom_checked(
                file_suffix("--output", (".csv", ".parquet", ".json", ".xlsx"), "a table")
            ),
        ),
    ],
    db: DbOption = None,
    as_of: AsOfOption = None,
    excel_bom: ExcelBomOpt = False,  # the option of every command's -o FILE.csv
    fmt: FormatOpt = OutFormat.TABLE,
) -> None:
    """Export one table in canonical columns (re-importable into a fresh registry).

    An empty table is written as its header alone, and imports back as zero rows. --format
    csv/json prints the summary as one record: kind, file, rows.
    """
    with user_errors():
        reg = _open(db)
        try:
            s = reg.export_summary(kind, output, as_of=as_of, bom=excel_bom)
        except InputError as exc:
            # the library's argument names, in this command's option names
            cli = {"output": "--output", "bom": "--excel-bom"}.get(exc.field or "")
            if cli is None:
                raise
            raise InputError(exc.reason, file=exc.file, row=exc.row, field=cli) from None
        finally:
            reg.close()
    emit_summary(
        {"kind": s.kind, "file": s.file, "rows": s.rows},
        fmt,
        f"{s.kind}: {s.rows:,} row{'s' if s.rows != 1 else ''} written to {escape(s.file)}",
    )


# ---------------------------------------------------------------------------- delete / audit


def _read_keys(path: Path) -> pd.DataFrame | None:
    """A table of key columns (an empty cell is a missing value), read as ``import`` reads a
    file: CSV separated by commas, semicolons or tabs, with or without a byte-order mark, or
    .tsv, .xlsx, Parquet, JSON; a bad row or a file that cannot be read named as import names
    them (pandas' own 'Error tokenizing data. C error' before). JSON ``[]`` is no keys, as it
    is a table of no rows on import."""
    from flareup.ingest.tables import read_frame

    df = read_frame(path)
    if df.empty and not len(df.columns):
        return None  # JSON has no header: '[]' is a table of no rows
    return df.map(lambda v: v.strip() or None if isinstance(v, str) else v)


def _parse_key(pairs: list[str]) -> dict[str, str | None]:
    key: dict[str, str | None] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise bad_option("--key", f"expected FIELD=VALUE, got {pair!r}")
        key[name.strip()] = value.strip() or None
    return key


def _non_blank(option: str) -> Any:
    """An option callback refusing an empty or blank text (a usage mistake, exit 2)."""

    def check(value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise bad_option(option, "must not be empty (the audit log keeps it)")
        return value

    return check


def delete(
    kind: Annotated[TableKind, typer.Argument(help="Which table to delete from.")],
    reason: Annotated[
        str, typer.Option(help="Why (kept in the audit log).", callback=_non_blank("--reason"))
    ],
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key",
            help="FIELD=VALUE naming one row (repeat for each key field, e.g. "
            "--key area=653121 --key date=2020-10-26 --key metric=confirmed_new).",
        ),
    ] = None,
    keys: Annotated[
        Path | None,
        typer.Option(
            "--keys",
            help="File of key columns, one row per key: CSV (commas, semicolons or tabs), "
            ".xlsx, Parquet or JSON, read as import reads them (a header alone: nothing to "
            "delete, exit 0).",
        ),
    ] = None,
    db: DbOption = None,
    user: Annotated[str | None, typer.Option(help="Who is deleting (for the audit log).")] = None,
    fmt: FormatOpt = OutFormat.TABLE,
) -> None:
    """Retract rows (never removed: --as-of an earlier time still shows them; audited).

    --format csv/json prints the summary as one record: kind, retracted, reason (the rows
    themselves: flareup audit --table KIND).
    """
    if (key is None) == (keys is None):
        # which options to give: a usage mistake (exit 2), as a --key without '=' is
        raise bad_option("--key", "give either --key FIELD=VALUE ... or --keys FILE (one of them)")
    with user_errors(), _problems_listed(done="deleted"):
        frame = _read_keys(keys) if keys is not None else pd.DataFrame([_parse_key(key or [])])
        reg = _open(db)
        try:
            try:
                # JSON '[]' (None): no keys, nothing to retract, as a header alone
                n = 0 if frame is None else reg.delete(kind, frame, reason=reason, user=user)
            except InputError as exc:
                # name where the keys came from: the file (its data rows) or --key
                where = {"file": str(keys)} if keys is not None else {"file": "--key", "row": None}
                raise InputError(
                    problems=[
                        dataclasses.replace(p, **where)  # type: ignore[arg-type]
                        if p.field not in ("reason", "kind")
                        else p
                        for p in exc.problems
                    ]
                ) from None
            # the entries just written (none for a keys file of a header alone)
            shown = reg.audit(limit=n, table=kind.value) if n else reg.audit(limit=0).head(0)
        finally:
            reg.close()
    shown = shown[shown["action"] == "delete"]
    emit_summary(
        {"kind": kind.value, "retracted": n, "reason": reason.strip()},
        fmt,
        f"{kind.value}: [bold]{n}[/] row{'s' if n != 1 else ''} retracted "
        f"(reason: {escape(reason.strip())})",
    )
    if fmt is not OutFormat.TABLE:
        return
    order = _column_order(str(shown["table"].iloc[0])) if len(shown) else None
    for before in reversed(shown["before"].tolist()):
        console.print(
            f"  {_compact(before, width=240, order=order)}", highlight=False, markup=False
        )


#: Row bookkeeping that ``_compact`` leaves out (the audit entry has its own time).
_BOOKKEEPING = frozenset({"source_id", "recorded_at", "superseded_at", "superseded_by"})


def _column_order(table: str) -> list[str] | None:
    """A table's own column order (key and value first, as in its files), where it has one."""
    from flareup.registry.models import Base

    t = Base.metadata.tables.get(table)
    return None if t is None else [c.name for c in t.columns]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut_value(v: object, width: int = 32) -> str:
    """One value of an audit entry cut to ``width``: a file path keeps its end (the file's
    name: 'file=…/investigation/samples.csv', not 'file=/work/main/src/flareup/data/kas…'), a
    URL its host first (the scheme and 'www.' dropped), anything else its beginning."""
    text = str(v)
    if len(text) <= width:
        return text
    if "://" in text:
        return _short(text, width)
    path = text.startswith(("/", "~", ".")) or (len(text) > 2 and text[1:3] in (":\\", ":/"))
    if path and " " not in text:
        return "…" + text[-(width - 1) :]
    return _cut(text, width)


def _compact(
    d: object,
    other: object = None,
    width: int = 160,
    order: list[str] | None = None,
) -> str:
    """A dict as ``k=v, ...`` without empty values or bookkeeping, each value cut to 32
    characters (long notes and URLs), in ``order`` where given; against ``other``, only what
    differs (and the row id)."""
    if not isinstance(d, dict):
        return "" if d is None else _cut(str(d), width)
    items = {k: v for k, v in d.items() if v is not None and k not in _BOOKKEEPING}
    if isinstance(other, dict):
        items = {k: v for k, v in items.items() if other.get(k) != v or k == "id"}
    if order is not None:
        rank = {k: i for i, k in enumerate(order)}
        items = dict(sorted(items.items(), key=lambda kv: rank.get(kv[0], len(rank))))
    return _cut(", ".join(f"{k}={_cut_value(v)}" for k, v in items.items()), width)


def _audit_table(value: str | None) -> str | None:
    """``--table``: a table or kind the audit log knows, else a usage mistake listing them
    (a typo would otherwise print an empty log, as if nothing had happened)."""
    if value is None:
        return None
    from flareup.registry.store import KINDS, T

    known = sorted({k.value for k in KINDS} | (set(T) - {"audit_log"}))
    if value not in known:
        raise bad_option("--table", f"unknown table {value!r}; expected one of {', '.join(known)}")
    return value


def audit(
    limit: Annotated[
        int,
        typer.Option(
            help="How many entries, newest first (0 = all).",
            callback=in_range("--limit", 0, what="the number of entries"),
        ),
    ] = 50,
    table: Annotated[
        str | None,
        typer.Option(
            help="Only this table (counts, cases, areas, campaigns, ...).", callback=_audit_table
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
) -> None:
    """Print the audit log: every insert, supersession and deletion, newest first."""
    with user_errors():
        reg = _open(db)
        try:
            df = reg.audit(limit=limit or None, table=table)
        finally:
            reg.close()
        if fmt is not OutFormat.TABLE or output is not None:
            emit(df, fmt, output)
            return
    # A log, as `git log` prints one: an entry's time, user, action, table and key on one line,
    # what changed indented below it. As a seven-column table the values (the point of an
    # audit) folded into a sliver of eight characters at 80 columns.
    n = len(df)
    # the zone said: an analyst at UTC+8 read the times as local (--as-of takes UTC)
    console.print(
        f"Audit log ({n} entr{'y' if n == 1 else 'ies'}, newest first; times in UTC)",
        highlight=False,
    )
    if df.empty:
        console.print("(none)")  # as every empty result says it
    for r in df.itertuples(index=False):
        # a supersession shows only the fields that changed (and the row ids)
        sup = r.action == "supersede"
        key = str(r.key)
        with contextlib.suppress(ValueError):  # a row's key is JSON; an import's is text
            key = _compact(json.loads(key), width=80) if key.startswith("{") else key
        order = _column_order(str(r.table))
        head = Text(f"{str(r.at)[:19]}  {r.action:<9} {r.table}  {key}  ({r.user})")
        head.stylize("bold", 21, 21 + len(str(r.action)))
        console.print(head, highlight=False)
        for label, d, other in (("before", r.before, r.after), ("after", r.after, r.before)):
            text = _compact(d, other if sup else None, order=order)
            if text:
                console.print(Padding(Text(f"{label}: {text}"), (0, 0, 0, 4)), highlight=False)


# ---------------------------------------------------------------------------- status


def _roots(reg: Registry) -> list[str]:
    areas = reg.areas()
    if areas.empty:
        return []
    codes = set(areas["code"])
    return [
        str(c)
        for c, p in zip(areas["code"], areas["parent_code"], strict=True)
        if pd.isna(p) or p not in codes
    ]


def status_table(
    reg: Registry, area: str, *, date: Any = None, as_of: Any = None, why_date: str = ""
) -> Table:
    """A rich table of ``reg.status(area, date=, as_of=)``: value, own or summed, sources.

    ``why_date`` follows the date in the title (where the date was not asked for)."""
    st = reg.status(area, date=date, as_of=as_of)
    title = f"{area_display_name(st.name_en)} ({st.area}, {st.level}) on {st.date.isoformat()}"
    title += f" ({why_date})" if why_date else ""
    if st.as_of is not None:
        title += f", as known at {st.as_of:%Y-%m-%d %H:%M:%S}"
    t = _plain_table(title)
    t.add_column("metric", no_wrap=True)
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("of", justify="left", no_wrap=True)
    t.add_column("cumul.", justify="right", no_wrap=True)
    # "sum of 653000+653100" wraps after "sum of": the sources keep the room for a whole host
    t.add_column("from", max_width=13)
    # the source shrinks first: hosts only, cut with an ellipsis when the terminal is narrow
    t.add_column("source", overflow="ellipsis", ratio=1)
    for m in st.metrics.values():
        origin = {
            "own": "own figure",
            "children": "sum of " + "+".join(m.children),  # wraps as "sum of" / "653000+653100"
            "mixed": "own + children",
        }.get(m.origin, m.origin)
        srcs = ", ".join(dict.fromkeys(_domain(s) for s in m.sources))
        t.add_row(
            m.metric,
            _fmt(m.value),
            _fmt(m.value_date),
            _fmt(m.cumulative) if m.cumulative is not None else "",
            origin,
            # one line, cut with an ellipsis: a source title ("Jerry Zhang, 'Large COVID...")
            # wrapped over four lines in the narrow column
            Text(srcs, no_wrap=True, overflow="ellipsis"),
        )
    if not st.metrics:
        t.add_row("(no figures on or before this date)", "", "", "", "", "")
    caption = "cumul. = cumulative to that date; source = host (full URIs: --format csv)"
    if st.linelist:
        caption += "\nline list: " + ", ".join(f"{k} {v:,}" for k, v in st.linelist.items())
    t.caption = caption
    t.caption_justify = "left"
    # as wide as its title and first caption line: over no figures the caption broke
    # inside '--format csv'
    t.min_width = max(len(title), len(caption.splitlines()[0]))
    return t


def status(
    area: Annotated[
        str | None, typer.Option(help="Area code (default: every top-level area).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Date (YYYY-MM-DD; default the registry's last date with a figure, as the "
            "dashboard opens on; today where it holds none).",
            callback=iso_date("--date"),
        ),
    ] = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
) -> None:
    """The state of an area on a date: each metric's latest value, own or summed from children.

    With ``--format csv|json`` (or ``-o``): one row per area and metric.
    """
    with user_errors():
        reg = _open(db)
        try:
            why_date = ""
            if date is None:
                # a registry is mostly read after the fact: 'today' showed a historical
                # outbreak's figures under a date months after its last one
                last = reg.last_count_date(as_of=as_of)
                if last is not None:
                    date = f"{last:%Y-%m-%d}"
                    why_date = "the registry's last date with a figure; --date to choose"
            codes = [area] if area else _roots(reg)
            if fmt is not OutFormat.TABLE or output is not None:
                emit(status_frame(reg, codes, date=date, as_of=as_of), fmt, output)
                return
            if not codes:
                console.print("The registry holds no areas yet: flareup import areas FILE")
            for code in codes:
                console.print(status_table(reg, code, date=date, as_of=as_of, why_date=why_date))
        finally:
            reg.close()


STATUS_COLUMNS = (
    "area", "name_en", "level", "date", "as_of", "metric", "value", "value_date", "cumulative",
    "origin", "children", "sources",
)  # fmt: skip


def status_frame(
    reg: Registry, codes: list[str], *, date: Any = None, as_of: Any = None
) -> pd.DataFrame:
    """``reg.status`` of each area as one tidy frame (one row per area and metric)."""
    rows = []
    for code in codes:
        st = reg.status(code, date=date, as_of=as_of)
        for m in st.metrics.values():
            rows.append(
                {
                    "area": st.area,
                    "name_en": st.name_en,
                    "level": st.level,
                    "date": st.date,
                    "as_of": st.as_of,
                    "metric": m.metric,
                    "value": m.value,
                    "value_date": m.value_date,
                    "cumulative": m.cumulative,
                    "origin": m.origin,
                    "children": list(m.children),
                    "sources": list(dict.fromkeys(m.sources)),
                }
            )
    frame = pd.DataFrame(rows, columns=list(STATUS_COLUMNS))
    for col in ("value", "cumulative"):
        # counts: 28, not 28.0 (a column with a blank turns float in pandas)
        num = pd.to_numeric(frame[col], errors="coerce")
        if num.notna().any() and (num.dropna() % 1 == 0).all():
            frame[col] = num.astype("Int64")
    return frame


def disagreements_table(reg: Registry, areas: Any = None, *, as_of: Any = None) -> Table:
    """Every (area, date, metric) where sources differ; the value the registry uses is marked."""
    df = reg.disagreements(areas, as_of=as_of)
    names = _names(reg)
    title = "Sources that disagree (✔ = the figure the registry uses)"
    # as wide as its title at least: over '(none)' the title broke into two lines
    t = _plain_table(title, min_width=len(title))
    for col in ("area", "date", "metric", "value", ""):
        t.add_column(col, justify="right" if col == "value" else "left", no_wrap=True)
    t.add_column("source", overflow="ellipsis", ratio=1)
    for r in df.itertuples(index=False):
        t.add_row(
            names.get(str(r.area), str(r.area)),
            _fmt(r.date),
            str(r.metric),
            _fmt(r.value),
            "✔" if r.chosen else "",
            _domain(r.source_uri, r.source_title),
        )
    if df.empty:
        t.add_row("(none)", "", "", "", "", "")
    return t


def disagreements(
    area: Annotated[list[str] | None, typer.Option(help="Only these area codes.")] = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
) -> None:
    """List figures on which sources disagree (both are kept; the chosen one is marked)."""
    with user_errors():
        reg = _open(db)
        try:
            for code in area or []:
                reg.area(code)  # an unknown code is NotFoundError, not an empty "(none)" list
            if fmt is not OutFormat.TABLE or output is not None:
                emit(reg.disagreements(area or None, as_of=as_of), fmt, output)
                return
            console.print(disagreements_table(reg, area or None, as_of=as_of))
        finally:
            reg.close()


def _names(reg: Registry) -> dict[str, str]:
    return _names_from(reg.areas())


def _names_from(areas: pd.DataFrame) -> dict[str, str]:
    """Area code -> a short display name ("Xinjiang", "Kashgar Prefecture", "Shufu County")."""
    if areas is None or areas.empty:
        return {}
    out = {}
    for r in areas.itertuples(index=False):
        name = area_display_name(str(r.name_en))
        alt = r.name_alt if isinstance(r.name_alt, str) and r.name_alt.strip() else None
        if r.level in ("country", "province") and alt and len(name) > 20:
            name = alt.split(";")[0].strip()  # "Xinjiang Uygur Autonomous Region" -> "Xinjiang"
        out[str(r.code)] = name
    return out


def _date_in_name(name: str) -> str | None:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return m.group(1) if m else None


def _print_candidates(found: pd.DataFrame, names: dict[str, str], con: Console = console) -> None:
    rows = []
    for r in found.itertuples(index=False):
        area = names.get(str(r.area), str(r.area)) if isinstance(r.area, str) else "?"
        mark = _QUALIFIER_MARKS.get(str(r.qualifier), str(r.qualifier))
        rows.append(
            (
                area,
                _fmt(r.date),
                str(r.metric),
                f"{mark}{_fmt(r.value)}",
                str(r.sentence),
                str(r.number_text),
            )
        )
    heads = ("area", "date", "metric", "value")
    key = "≈ approximate, ≥ at least, ≤ at most; words: the text around the number"
    if any(row[0] == "?" for row in rows):
        key += "; ? = no registry area named in the words"
    # the words get what the other columns leave (two spaces between columns), one line each
    used = sum(max([len(h)] + [len(row[i]) for row in rows]) + 2 for i, h in enumerate(heads))
    room = max(16, con.width - used)
    if room < _WORDS_MIN:
        # at a laptop's 80 columns that left '… of a single c…': each figure on one line, its
        # words beneath over the whole width (as `flareup bulletin` prints them)
        # up to two lines of words (less a little for the wrapping at spaces)
        wide = 2 * (con.width - 4) - 10
        con.print(
            listing(
                f"{len(found)} figures found in the text",
                # the area (the second) takes the room the others leave
                [(h, "right" if h == "value" else "left") for h in ("date", "area", *heads[2:])],
                (
                    ([escape(c) for c in (date, area, *rest)], _snippet(sentence, number, wide, 40))
                    for area, date, *rest, sentence, number in rows
                ),
                width=con.width,
                paragraph="words",
            )
        )
        con.print(key, highlight=False, markup=False)
        return
    t = _plain_table(f"{len(found)} figures found in the text", caption=key, caption_justify="left")
    for col in heads:
        t.add_column(col, justify="right" if col == "value" else "left", no_wrap=True)
    t.add_column("words", no_wrap=True, overflow="ellipsis", max_width=room)
    for *cells, sentence, number in rows:
        # a few words before the number (fewer when the room is small), so it is always shown
        t.add_row(*cells, _snippet(sentence, number, width=room, before=min(20, room // 4)))
    con.print(t)


#: Narrowest room for the words column before the figures are listed with their words beneath.
_WORDS_MIN = 40

# the qualifier as a mark before the value ("≈400"), so the table keeps one line per figure
_QUALIFIER_MARKS = {"exact": "", "approximate": "≈", "at_least": "≥", "at_most": "≤"}


def _snippet(sentence: str, number_text: str, width: int = 70, before: int = 20) -> str:
    i = sentence.find(number_text)
    if len(sentence) <= width or i < 0:
        return sentence[:width]
    start = max(0, i - before)
    end = start + width
    # '…' only where words are left out (not after the sentence's own full stop)
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


# ---------------------------------------------------------------------------- demo


def demo_db_url() -> tuple[str, Path]:
    """The throw-away demo database: a SQLite file in the per-user data directory."""
    import platformdirs

    d = Path(platformdirs.user_data_dir("flareup", appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    path = d / "demo.db"
    return f"sqlite:///{path}", path


def load_demo(reg: Registry) -> list[Any]:
    """Import the bundled Kashgar 2020 example into ``reg``; returns the import summaries."""
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import read_table

    paths = files()
    out = []
    for kind in IMPORT_ORDER:
        p = paths[kind]
        assert isinstance(p, Path)
        out.append(reg.import_table(read_table(p, kind), user="flareup demo"))
    return out


# short two-line headers (at most 4 letters a line) so the table fits 80 columns; the
# caption spells out the abbreviations (--format csv/json keeps the metric names)
_POSITIVE_COLUMNS = (
    ("confirmed_new", "new\nconf"),
    ("reclassified_new", "recl"),
    ("asymptomatic_new", "new\nasym"),
    ("confirmed_current", "conf\nnow"),
    ("severe_current", "sev\nnow"),
    ("asymptomatic_current", "asym\nnow"),
    ("positive_current", "pos\nnow"),
)


def positives_table(reg: Registry) -> Table:
    """Positives by date and area: confirmed / asymptomatic / severe, flows and stocks."""
    df = reg.counts(metrics=[m for m, _ in _POSITIVE_COLUMNS])
    names = _names(reg)
    levels = dict(zip(reg.areas()["code"], reg.areas()["level"], strict=True))
    t = _plain_table("Positives by date (latest official figure per area, date and metric)")
    t.caption = (
        "conf = confirmed, asym = asymptomatic, sev = severe, pos = positive\n"
        "new = reported that day; now = under care / observation at day's end\n"
        "recl = asymptomatic infections later confirmed (part of new conf)"
    )
    t.caption_justify = "left"
    t.add_column("date", no_wrap=True)
    t.add_column("area", no_wrap=True)
    for _, label in _POSITIVE_COLUMNS:
        t.add_column(label, justify="right", no_wrap=True)
    if df.empty:
        return t
    wide = df.pivot_table(index=["date", "area"], columns="metric", values="value", aggfunc="first")
    order = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}
    keys = sorted(wide.index, key=lambda k: (k[0], order.get(str(levels.get(k[1])), 9), k[1]))
    last_date = None
    for day, code in keys:
        row = wide.loc[(day, code)]
        t.add_row(
            _fmt(day) if day != last_date else "",
            names.get(str(code), str(code)),
            *[_fmt(row.get(m)) if m in row.index else "" for m, _ in _POSITIVE_COLUMNS],
        )
        last_date = day
    return t


def provenance_table(reg: Registry, area: str) -> Table:
    """Where each latest figure of ``area`` came from (its newest date per metric)."""
    areas = [area, *reg.descendants(area)]
    df = reg.counts(areas=areas)
    names = _names(reg)
    t = _plain_table(
        f"Where the latest figures came from ({names.get(area, area)} and its areas)",
        caption="source = web host (full URIs: flareup export counts -o FILE.csv)",
        caption_justify="left",
    )
    for col in ("metric", "area", "date", "value"):
        t.add_column(col, justify="right" if col == "value" else "left", no_wrap=True)
    t.add_column("source", overflow="ellipsis", ratio=1)
    if df.empty:
        return t
    latest = df.sort_values("date").groupby("metric", sort=False).tail(1)
    from flareup.schema import METRIC_NAMES

    order = {m: i for i, m in enumerate(METRIC_NAMES)}
    for r in sorted(latest.itertuples(index=False), key=lambda r: order.get(str(r.metric), 99)):
        t.add_row(
            str(r.metric),
            names.get(str(r.area), str(r.area)),
            _fmt(r.date),
            _fmt(r.value),
            _domain(r.source_uri, r.source_title),
        )
    return t


def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL for the demo: a new or empty database, or one holding only "
            "an earlier demo; a registry with other data is refused, never overwritten (default: a "
            "throw-away SQLite file in the per-user data directory, replaced on each run).",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Write the one-file HTML report here (default: beside the --db SQLite file, "
            "as NAME-report.html; for a server database, in the per-user data directory).",
        ),
    ] = None,
) -> None:
    """Load the bundled Kashgar 2020 example into a fresh demo database and summarise it."""
    from flareup.data.kashgar_2020 import files
    from flareup.ingest.bulletin import parse_bulletin, read_bulletin

    with user_errors():
        if report is not None:
            # said before the demo's minutes of work, not after them
            if report.suffix.lower() not in (".html", ".htm"):
                raise bad_option("--report", "the report is HTML: give --report FILE.html")
            if not report.parent.exists():
                raise InputError(
                    f"cannot write: the folder {report.parent} does not exist",
                    file=str(report),
                    field="--report",
                )
        if db is None:
            # the default demo file belongs to the demo alone: replace it on each run
            db, path = demo_db_url()
            path.unlink(missing_ok=True)
            reg = _open(db)
        else:
            # a database the user names is never deleted or overwritten: the demo loads into it
            # only if it is empty or holds nothing but an earlier demo (imports are idempotent)
            reg = _open(db)
            if not reg.areas().empty:
                users = set(reg.audit(limit=None)["user"].astype(str))
                if users - {"flareup demo"}:
                    reg.close()
                    raise InputError(
                        "this database already holds data that flareup demo did not load; the "
                        "demo never touches an existing registry: give a new database or leave "
                        "out --db",
                        file=mask_url(db),
                        field="--db",
                    )
        try:
            console.rule("[bold]flareup demo: Kashgar (Xinjiang), October–November 2020")
            console.print(f"Demo database: {reg.display_url}", highlight=False, markup=False)
            from flareup.cli.web_cmds import demo_report_path

            report = report if report is not None else demo_report_path(reg)
            console.print(
                f"Report (written at the end): {report.resolve()}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
            for s in load_demo(reg):
                again = f", {s.unchanged} already there" if s.unchanged else ""
                console.print(
                    f"  imported {s.kind:<12} {s.inserted + s.unchanged:>3,} rows "
                    f"({Path(s.file).name}{again})",
                    highlight=False,
                )
            console.print(positives_table(reg))
            last = reg.counts(areas=["653100"])["date"].max()
            console.print(status_table(reg, "653100", date=last))
            console.print(status_table(reg, "653121", date=last))
            console.print(disagreements_table(reg))
            console.print(provenance_table(reg, "650000"))
            news = files()["bulletin_texts"]
            assert isinstance(news, list)
            for p in news:
                found = parse_bulletin(
                    read_bulletin(p), areas=reg.areas(), published=_date_in_name(p.name)
                )
                console.print(
                    f"[bold]Read from the news report {p.name}[/] "
                    "(candidates; `flareup bulletin FILE --import` stores them)"
                )
                _print_candidates(found, _names(reg))
            failed = _other_sections(reg, console, report=report)
        finally:
            reg.close()
    if failed:
        # every section was shown; a broken one still makes the demo fail loudly
        raise typer.Exit(1)


def _other_sections(reg: Registry, con: Console, *, report: Path | None = None) -> list[str]:
    """Run each other group's ``demo_section(reg, console)`` where it has one (with
    ``report=``, where to write the report, for a section that takes it); returns the names of
    those that failed (reported on stderr, the rest still run)."""
    failed: list[str] = []
    for name in DEMO_SECTION_MODULES:
        try:
            module = importlib.import_module(f"flareup.cli.{name}")
        except ImportError:
            continue
        section = getattr(module, "demo_section", None)
        if not callable(section):
            continue
        takes_report = "report" in inspect.signature(section).parameters
        try:
            section(reg, con, report=report) if takes_report else section(reg, con)
        except Exception as exc:  # one broken section must not hide the others
            err_console.print(
                f"[bold red]error:[/] demo section of {name} failed: {type(exc).__name__}: {exc}",
                highlight=False,
            )
            failed.append(name)
    return failed


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("import")(import_file)
    app.command("export")(export)
    app.command("delete")(delete)
    app.command("audit")(audit)
    app.command("status")(status)
    app.command("disagreements")(disagreements)
    app.command("demo")(demo)
