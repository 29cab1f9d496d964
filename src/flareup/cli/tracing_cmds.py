"""``flareup`` commands of the investigation group: ``followup``, ``clusters``, ``chains``,
``sources``; and the ``simulate --export-registry`` writer. Thin: the work is in
:mod:`flareup.report.investigation` and :mod:`flareup.tracing`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console

from flareup.cli import output as cli_output
from flareup.cli.common import (
    ChartOpt,
    DbOption,
    bad_option,
    console,
    in_range,
    iso_date,
    user_errors,
    write_chart,
)
from flareup.cli.output import ExcelBomOpt, FormatOpt, OutFormat, OutputOpt
from flareup.errors import InputError


def emit(
    df: pd.DataFrame,
    fmt: OutFormat | str,
    title: str,
    output: Path | None = None,
    spare: tuple[str, ...] = (),
    floats: int = 3,
) -> None:
    """Print (or write) ``df`` through the one output contract (cli/output.py); ``spare``:
    the columns a too-narrow terminal leaves out first; ``floats``: decimals in the table."""
    cli_output.emit(df, fmt, output, title=title, spare=spare, floats=floats)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not an ISO date (YYYY-MM-DD): {text!r}", field="--date") from None


def _statuses(status: str | None) -> list[str] | None:
    """``--status a,b`` as a list; an unknown status is a usage mistake (exit 2)."""
    if status is None:
        return None
    from flareup.tracing import STATUSES

    wanted = [x.strip() for x in status.split(",") if x.strip()]
    bad = [x for x in wanted if x not in STATUSES]
    if bad:
        raise bad_option("--status", f"unknown status {bad[0]!r}; known: {', '.join(STATUSES)}")
    return wanted


def followup(
    date: Annotated[
        str,
        typer.Option(
            "--date", "-d", help="The day of the work list (ISO).", callback=iso_date("--date")
        ),
    ],
    area: Annotated[
        str | None, typer.Option("--area", help="Only contacts of cases in this area (and below).")
    ] = None,
    protocol: Annotated[
        str,
        typer.Option(
            "--protocol",
            help="china-2020 (14 days, tests days 1/4/7/14), china-2021 (14+7), seven-day, "
            "or a protocol TOML file.",
        ),
    ] = "china-2020",
    tests: Annotated[
        Path | None,
        typer.Option(
            "--tests",
            help="CSV of tests taken (id, date). The registry holds no tests of contacts "
            "(its samples are environmental, by setting; a negative contact is no case), so "
            "without this file no contact is ever 'overdue'.",
        ),
    ] = None,
    counts_only: Annotated[
        bool, typer.Option("--counts", help="Only the counts by status.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Only these statuses, comma-separated (e.g. overdue,due_for_test: the day's "
            "work).",
        ),
    ] = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    db: DbOption = None,
) -> None:
    """The day's contact follow-up list: quarantine, tests due and overdue, conversions.

    Limitation: the registry stores no test results of contacts (samples are environmental
    and keyed to a setting; only positives become cases), so 'overdue' (fewer tests recorded
    than scheduled) is known only with --tests FILE (columns id, date)."""
    with user_errors():
        day = _date(date)
        wanted = _statuses(status)  # a typo is a usage mistake, said before any reading
        from flareup.report.investigation import followup_list
        from flareup.report.queries import open_registry
        from flareup.tracing import load_protocol

        proto = load_protocol(protocol)
        tdf = None
        if tests is not None:
            from flareup.ingest.tables import read_frame

            tdf = read_frame(tests)
            if not {"id", "date"} <= set(tdf.columns):
                raise InputError("a tests file needs columns id, date", file=str(tests))
        with open_registry(db) as reg:
            work, counts = followup_list(reg, day, proto, area=area, tests=tdf)
        if counts_only:
            emit(counts, fmt, f"Contacts by status on {day} ({proto.name})", output)
            return
        if wanted is not None:
            work = work[work["status"].isin(wanted)]
        emit(
            work,
            fmt,
            f"Follow-up on {day} under {proto.name}: {len(work):,} contacts",
            output,
            # the day's work (who, where, which day, what is due) before the history
            spare=(
                "generation",
                "date_last_exposure",
                "date_quarantine_start",
                "infector",
                "date_converted",
                "tests_done",
                "from",
            ),
        )
        if fmt == "table" and output is None:
            emit(counts, fmt, "By status")


def clusters(
    min_size: Annotated[
        int,
        typer.Option(
            "--min-size",
            help="Smallest cluster shown, >= 1.",
            callback=in_range("--min-size", 1, what="the smallest cluster"),
        ),
    ] = 2,
    gap_days: Annotated[
        int,
        typer.Option(
            "--gap-days",
            help="Days between exposure windows that still link two cases in one setting (0-60).",
            callback=in_range("--gap-days", 0, 60, what="the gap (days)"),
        ),
    ] = 0,
    max_incubation: Annotated[
        int,
        typer.Option(
            "--max-incubation",
            help="A contact links two cases only if neither fell ill more than this many days "
            "after the last exposure (1-60).",
            callback=in_range("--max-incubation", 1, 60, what="the incubation (days)"),
        ),
    ] = 14,
    attach: Annotated[
        bool,
        typer.Option(
            "--attach/--no-attach",
            help="Attach an unlinked case to the cluster most likely to have infected it "
            "(same area, serial interval; Wallinga & Teunis 2004).",
        ),
    ] = True,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
    db: DbOption = None,
) -> None:
    """Clusters: cases linked by contacts and by shared settings in overlapping time."""
    with user_errors():
        from flareup.report.investigation import clusters as find
        from flareup.report.investigation import with_area_names
        from flareup.report.queries import open_registry

        with open_registry(db) as reg:
            res = find(
                reg,
                min_size=min_size,
                gap_days=gap_days,
                max_incubation_days=max_incubation,
                attach=attach,
            )
            table = res.clusters
            if fmt == "table" and output is None:
                # read by people: each area's name beside the codes (CSV and JSON keep codes)
                table = _short_settings(with_area_names(table, reg))
        n = len(res.clusters)
        # at 80 columns the names of the areas matter more than the report dates and the codes
        spare = ("first_report", "last_report", "areas", "n_contact_links", "n_setting_links")
        emit(table, fmt, f"{n} cluster{'s' if n != 1 else ''} of {min_size}+ cases", output, spare)
        if chart is not None:
            from flareup.report.investigation import case_link_kinds

            per = case_link_kinds(res)
            per = per[per["cluster"].isin(set(res.clusters["cluster"]))]
            write_chart(_cluster_chart(per), chart)


def _cluster_chart(per: pd.DataFrame) -> Any:
    """Cases by onset (else report) date per cluster, stacked by the kind of setting that links
    each case into its cluster (Altair)."""
    import altair as alt

    d = per.assign(date=pd.to_datetime(per["date"]))
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(date):T", title="onset (else report) date"),
            y=alt.Y("count():Q", title="cases"),
            color=alt.Color("linked_by:N", title="linked by"),
            row=alt.Row("cluster:N", title="cluster"),
            tooltip=["cluster", "linked_by", "yearmonthdate(date):T", "count():Q"],
        )
        .properties(height=80, width=500, title="Cases by onset date per cluster")
    )


def chains(
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
    epicontacts_dir: Annotated[
        Path | None,
        typer.Option(
            "--epicontacts",
            help="Write linelist.csv and contacts.csv for R's epicontacts to this directory.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Transmission chains (infector, generation) and the serial intervals they give."""
    with user_errors():
        from flareup.report import investigation as inv
        from flareup.report.queries import open_registry

        with open_registry(db) as reg:
            ch, si = inv.chains(reg)
            if epicontacts_dir is not None:
                ll, ct = inv.epicontacts(reg)
                epicontacts_dir.mkdir(parents=True, exist_ok=True)
                emit(ll, "csv", "", epicontacts_dir / "linelist.csv")
                emit(ct, "csv", "", epicontacts_dir / "contacts.csv")
        linked = ch[ch["chain_size"] > 1].sort_values(["root", "generation", "id"])
        emit(
            linked,
            fmt,
            f"{linked['root'].nunique()} chains with an infector link",
            output,
            spare=("location", "cluster"),
        )
        if fmt == "table" and output is None and si.n == 0:
            # 'from 0 ... pairs: mean nan days, sd nan'
            console.print(
                "serial interval: no infector-infectee pair with both onsets", highlight=False
            )
        elif fmt == "table" and output is None:
            console.print(
                f"serial interval from {si.n} infector-infectee pairs with both onsets: "
                f"mean {si.mean:.1f} days, sd {si.sd:.1f} ({si.n_nonpositive} pairs <= 0 days)",
                highlight=False,
            )
        if chart is not None:
            write_chart(_chain_chart(linked), chart)


def _chain_chart(ch: pd.DataFrame) -> Any:
    """Onset (else report) date by chain, one point per case coloured by generation (Altair)."""
    import altair as alt

    d = ch.assign(
        date=pd.to_datetime(ch["date_onset"]).fillna(pd.to_datetime(ch["date_reporting"]))
    )
    spec = (
        alt.Chart(d)
        .mark_circle(size=60)
        .encode(
            x=alt.X("date:T", title="onset (else report) date"),
            y=alt.Y("root:N", title="chain (first case)"),
            color=alt.Color("generation:O"),
            tooltip=["id", "infector", "generation", "date:T"],
        )
        .properties(title="Transmission chains")
    )
    return spec


def sources(
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="One cluster (id from flareup clusters).")
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            help="Candidates shown per cluster, >= 1.",
            callback=in_range("--top", 1, what="the number of candidates"),
        ),
    ] = 3,
    min_size: Annotated[
        int,
        typer.Option(
            "--min-size",
            help="Smallest cluster, >= 2.",
            callback=in_range("--min-size", 2, what="the smallest cluster"),
        ),
    ] = 5,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    db: DbOption = None,
) -> None:
    """Rank each cluster's candidate sources by evidence, with the reason in words."""
    with user_errors():
        from flareup.report.investigation import sources as rank
        from flareup.report.queries import open_registry

        with open_registry(db) as reg:
            r = rank(reg, cluster=cluster, min_size=min_size if cluster is None else 2)
        r = r[r["rank"] <= top]
        if fmt == "table" and output is None:
            show = r[["cluster", "rank", "candidate", "name", "kind", "score", "rr"]]
            # one decimal, as the reasons beneath say them ('RR 154.2', not 154.239)
            emit(
                show,
                fmt,
                "Likely sources (score: log-likelihood ratio, higher is stronger)",
                floats=1,
            )
            # The reasons are paragraphs: as a table column they fold into a sliver at 80
            # columns, so each follows the table under its cluster and rank.
            for c, k, name, cand, why in r[
                ["cluster", "rank", "name", "candidate", "reason"]
            ].itertuples(index=False, name=None):
                label = cli_output.escape_text(f"{c} #{k} {name or cand}")
                console.print(
                    f"\n[bold]{label}[/]: {cli_output.escape_text(str(why))}", highlight=False
                )
        else:
            emit(r, fmt, "Likely sources", output)


def export_investigation(sc: Any, directory: Path, seed: int | None) -> None:
    """``flareup simulate SCENARIO --export-registry DIR``: one run, written as records."""
    from flareup.sim.investigation import simulate_investigation

    with console.status(f"simulating {sc.name} (one run, scale {sc.scale:g})"):
        inv = simulate_investigation(sc, seed=seed)
    paths = inv.write(directory)
    t = inv.tables
    console.print(
        f"wrote {len(t['cases'])} cases, {len(t['contacts'])} contacts, "
        f"{len(t['settings'])} settings, {len(t['exposures'])} exposures and "
        f"{len(t['samples'])} samples to {directory} (import order: settings, cases, contacts, "
        f"exposures, samples; see {paths['readme'].name})",
        highlight=False,
    )


def _short_settings(table: pd.DataFrame) -> pd.DataFrame:
    """A big cluster names hundreds of settings: on screen, how many (a cut list broke ids
    across lines, 'D0002;D0003;D0' / '004...', and squeezed the area names); CSV and JSON
    list them all."""
    return table.assign(
        settings=[s if len(s) < 18 else f"{s.count(';') + 1} settings" for s in table["settings"]]
    )


def demo_section(reg: Any, con: Console | None = None) -> None:
    """The demo's investigation section: import the bundled simulated investigation of
    Kashgar 2020, then print its largest clusters, chains and ranked sources."""
    from flareup.report import investigation as inv

    out = con or console
    out.rule("[bold]Investigation (simulated records: see data/kashgar_2020/investigation)")
    for s in inv.import_investigation(reg, inv.investigation_dir(), user="flareup demo"):
        out.print(f"  imported {s.kind:<12} {s.inserted + s.unchanged:>6,} rows", highlight=False)
    res = inv.clusters(reg, min_size=5)
    emit(_short_settings(res.clusters.head(5)), "table", "Largest clusters")
    ch, si = inv.chains(reg)
    # most simulated Kashgar cases are asymptomatic when found: no onset, so maybe no pair
    si_text = (
        f"serial interval mean {si.mean:.1f} days (sd {si.sd:.1f}, {si.n} pairs)"
        if si.n > 1
        else f"{si.n} infector-infectee pair(s) with both onsets: no serial interval"
    )
    out.print(
        f"{int((ch['infector'].notna()).sum())} cases with a recorded infector, up to "
        f"generation {int(ch['generation'].max()) if len(ch) else 0}; {si_text}",
        highlight=False,
    )
    if len(res.clusters):
        first = str(res.clusters["cluster"].iloc[0])
        r = inv.sources(reg, cluster=first)
        _print_sources(
            r.head(3), f"Likely sources of {first} (flareup sources --cluster {first})", out
        )


def _print_sources(top: pd.DataFrame, title: str, out: Console) -> None:
    """The ranked candidates one line each, then each one's reason as a paragraph: a long
    reason in a table column would wrap every row over twenty lines at 80 columns."""
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    t = Table(title=escape(title), title_justify="left")
    for col in ("rank", "candidate", "name", "kind", "score"):
        t.add_column(col, justify="right" if col in ("rank", "score") else "left", no_wrap=True)
    for row in top.itertuples(index=False):
        name = row.name if isinstance(row.name, str) else ""
        # one decimal, as `flareup sources` and the reasons beneath
        t.add_row(str(row.rank), str(row.candidate), name, str(row.kind), f"{row.score:.1f}")
    out.print(t)
    for row in top.itertuples(index=False):
        # indented under the table, wrapped lines aligned with the first
        text = Text(f"{row.rank}. {row.candidate}: {row.reason}")
        out.print(Padding(text, (0, 0, 0, 2)))


def register(app: typer.Typer) -> None:
    """Add the investigation commands to ``app``."""
    app.command("followup")(followup)
    app.command("clusters")(clusters)
    app.command("chains")(chains)
    app.command("sources")(sources)
