"""``flareup risk``: risk areas by rule, compared with the official designations.

Reads through the registry (areas, counts, line list/settings/exposures for cluster flags,
testing-campaign progress for rules that need testing rounds, official designations), calls the
pure :mod:`flareup.risk` classifier and prints or writes the result. ``--store`` keeps the
computed designations in the registry under the rule set's name and version, never as official.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from flareup.cli.common import (
    ChartOpt,
    DbOption,
    console,
    err_console,
    iso_date,
    user_errors,
    write_chart,
)
from flareup.cli.output import ExcelBomOpt, FormatOpt, OutFormat, OutputOpt, emit, listing
from flareup.dates import parse_date
from flareup.errors import InputError, Problem
from flareup.report.analyses import run_rules
from flareup.report.charts import area_names, risk_chart
from flareup.report.queries import check_cluster_areas, open_registry
from flareup.risk import RiskResult, group_differences, load_rules
from flareup.risk.classify import RiskDataWarning
from flareup.risk.compare import NO_DATA_PREFIX
from flareup.schema import area_display_name

_LEVEL_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def _read_clusters(path: Path) -> pd.DataFrame:
    from flareup.ingest.tables import read_frame

    # read_frame turns a missing, empty, binary or malformed file into an InputError naming it.
    df = read_frame(path)
    for col in ("area", "date"):
        if col not in df.columns:
            raise InputError(f"missing column {col!r}", file=str(path), field=col)
    df["area"] = df["area"].astype(str)
    problems = []
    for i, value in enumerate(df["date"], start=1):
        try:
            parse_date(value)
        except (ValueError, TypeError):
            problems.append(
                Problem(str(path), i, "date", f"not an ISO date (YYYY-MM-DD): {value!r}")
            )
    InputError.collect(problems)
    return df


def _day(x: Any) -> str:
    return "" if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()


def _level(lv: Any) -> str:
    if lv is None or pd.isna(lv):
        return "\u2014"
    return f"[{_LEVEL_STYLE.get(str(lv), '')}]{lv}[/]"


def print_comparison(diff: pd.DataFrame, title: str, out: Console) -> None:
    """Print grouped differences (official vs rule) as blocks, both reasons in full."""
    g = group_differences(diff)
    out.rule(title)
    for _, r in g.iterrows():
        dates = (
            _day(r["start"])
            if r["start"] == r["end"]
            else f"{_day(r['start'])} to {_day(r['end'])}"
        )
        kind = "" if r["kind"] == "level" else f" [magenta]{r['kind'].replace('_', ' ')}[/]"
        out.print(f"[bold]{dates}[/]{kind}  {escape(str(r['areas']))} ({r['n']})", highlight=False)
        # Each reason wraps under itself (a hanging indent), not back at the margin.
        grid = Table.grid(padding=(0, 1), pad_edge=True)
        grid.add_column(width=1)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(
            "", f"official {_level(r['official_level'])}:", escape(str(r["official_reason"]))
        )
        grid.add_row("", f"rule     {_level(r['rule_level'])}:", escape(str(r["rule_reason"])))
        out.print(grid, highlight=False)


#: Terminal width from which the risk tables print the reason as a last column.
MAP_WIDE = 140


def _name(name_en: Any) -> str:
    """An area's name as the dashboard and ``status`` give it ('Shufu County', not the
    romanised 'Shufu Xian' that read as a different area beside them)."""
    return area_display_name(str(name_en)) if isinstance(name_en, str) and name_en else ""


def _runs_table(res: RiskResult, width: int = MAP_WIDE) -> Any:
    des = res.to_designations()
    names = res.tree.table["name_en"] if "name_en" in res.tree.table.columns else None
    title = f"{res.rules.title} [{res.rules.label}], {res.start.date()} to {res.end.date()}"
    rows = [
        (
            str(r["area"]),
            escape(_name(names.get(r["area"], "")) if names is not None else ""),
            _level(r["level"]),
            _day(r["valid_from"]),
            _day(r["valid_to"]) or "\u2014",
            str(r["reason"]),
        )
        for _, r in des.iterrows()
    ]
    if width < MAP_WIDE:  # as _map_table: one line a run, its reason beneath
        return listing(
            title,
            [(h, "left") for h in ("area", "name", "level", "from", "until")],
            ((list(r[:5]), r[5]) for r in rows),
            width=width,
            paragraph="reason",
        )
    t = Table(title=escape(title))  # a label in [brackets] is not markup
    for col in ("area", "name", "level", "from", "until", "reason"):
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*row[:5], escape(row[5]))
    return t


def _map_table(res: RiskResult, date: str | None, width: int = MAP_WIDE) -> Any:
    m = res.map_table(date)
    title = f"{res.rules.label} on {_day(m['date'].iloc[0])}"
    rows = [
        (
            str(r["area"]),
            _name(r["name_en"]),
            _level(r["level"])
            if not str(r["reason"]).startswith(NO_DATA_PREFIX)
            else "[dim]no data[/]",
            _day(r["next_downgrade"]) or "\u2014",
            str(r["reason"]),
        )
        for _, r in m.iterrows()
    ]
    if width >= MAP_WIDE:
        t = Table(title=title)
        # 'area', as the table without --date and the csv/json head the same codes
        for col in ("area", "name", "level", "next possible downgrade", "reason"):
            t.add_column(col, overflow="fold")
        for row in rows:
            t.add_row(row[0], escape(row[1]), row[2], row[3], escape(row[4]))
        return t
    # Narrower (a laptop's 80): the reason folded into a fifth column took a dozen lines per
    # area, so each area is one line and its reason an indented paragraph beneath it.
    return listing(
        title,
        [("area", "left"), ("name", "left"), ("level", "left"), ("next downgrade", "right")],
        (([code, escape(name), level, down], reason) for code, name, level, down, reason in rows),
        width=width,
        paragraph="reason",
    )


def register(app: typer.Typer) -> None:
    """Add ``flareup risk`` to ``app``."""

    @app.command("risk")
    def risk(
        rules: Annotated[
            str,
            typer.Option(
                "--rules",
                help="Bundled rule set (china-2020, china-2022, "
                "incidence-threshold) or the path of a TOML rule file.",
            ),
        ] = "china-2020",
        date: Annotated[
            str | None,
            typer.Option(
                help="Show the map table for this date (YYYY-MM-DD).", callback=iso_date("--date")
            ),
        ] = None,
        area: Annotated[
            str | None, typer.Option(help="Only this area and the areas inside it.")
        ] = None,
        start: Annotated[
            str | None,
            typer.Option(help="First date (default: first count).", callback=iso_date("--start")),
        ] = None,
        end: Annotated[
            str | None,
            typer.Option(
                help="Last date (default: last count or designation).", callback=iso_date("--end")
            ),
        ] = None,
        compare: Annotated[
            bool,
            typer.Option(
                "--compare",
                help="List every difference from the official designations, with both reasons.",
            ),
        ] = False,
        store: Annotated[
            bool,
            typer.Option(
                "--store",
                help="Store the computed designations in "
                "the registry (under the rule set, never as official).",
            ),
        ] = False,
        clusters: Annotated[
            Path | None,
            typer.Option(
                help="CSV/JSON of cluster flags, columns area and "
                "date (default: derived from the registry)."
            ),
        ] = None,
        fmt: FormatOpt = OutFormat.TABLE,
        output: OutputOpt = None,
        excel_bom: ExcelBomOpt = False,
        db: DbOption = None,
        chart: ChartOpt = None,
    ) -> None:
        """Risk level of every area on every date by rule, with reasons and next downgrade."""
        with user_errors():
            if output is not None and not output.parent.is_dir():
                # Refuse before --store writes designations: a failed command changes nothing.
                raise InputError(
                    f"cannot write: the folder {output.parent} does not exist",
                    file=str(output),
                    field="--output",
                )
            rule_set = load_rules(rules)  # a broken rule file stops here, before any data is read
            given = _read_clusters(clusters) if clusters is not None else None
            reg = open_registry(db)
            try:
                if given is not None and clusters is not None:
                    check_cluster_areas(given, reg, clusters)
                if area is not None:
                    # said as status, disagreements and epicurve say it ('unknown area' before)
                    reg.area(area)
                if start is None and reg.last_count_date() is None:
                    # said as state and report say it ('<counts>, field 'metric': no counts of
                    # asymptomatic_new, confirmed_current, ... and no start date given')
                    raise InputError(
                        "the registry holds no counts; import some first (or run flareup demo)"
                    )
                with warnings.catch_warnings():
                    # said once, as notes on stderr, below (res.notes)
                    warnings.simplefilter("ignore", RiskDataWarning)
                    res, official = run_rules(
                        reg, rule_set, area=area, date=date, start=start, end=end, clusters=given
                    )
                names = area_names(reg) if chart is not None else {}
                if store:
                    computed = res.to_designations()
                    n = reg.store_designations(
                        computed, rule_set=rule_set.name, rule_version=rule_set.version
                    )
                    again = len(computed) - n
                    # stderr: with --format csv|json stdout carries the results alone (it began
                    # with this line, and a CSV reader took it for the header)
                    err_console.print(
                        f"stored {n} designations as rule set {rule_set.label} (not official)"
                        + (f"; {again} already stored" if again else ""),
                        highlight=False,
                    )
            finally:
                reg.close()
            if chart is not None:
                shown = sorted(set(res.daily["area"].astype(str)))
                write_chart(risk_chart(res, official, names=names, areas=shown), chart)
            if compare:
                diff = res.compare(official)
                if fmt is OutFormat.TABLE and output is None:
                    if diff.empty:
                        console.print("no differences from the official designations")
                    else:
                        print_comparison(
                            diff, f"Official designations vs {rule_set.label}", console
                        )
                else:
                    emit(diff, fmt, output)
                _notes(res)
                return
            if fmt is OutFormat.TABLE and output is None:
                console.print(
                    _map_table(res, date, console.width)
                    if date
                    else _runs_table(res, console.width)
                )
            else:
                emit(res.map_table(date) if date else res.daily, fmt, output)
            _notes(res)


def _notes(res: RiskResult) -> None:
    for n in res.notes:
        err_console.print(f"[yellow]note:[/] {escape(n)}", highlight=False, soft_wrap=True)


def demo_section(reg: Any, console: Console) -> None:
    """Print the official-vs-china-2020 comparison on the bundled Kashgar example."""
    rules = load_rules("china-2020")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RiskDataWarning)  # printed below, as notes
        res, official = run_rules(reg, rules)
    diff = res.compare(official)
    console.rule("Risk areas: official designations vs the china-2020 rule")
    console.print(
        "Counts are reported for Shufu County only, designations for its townships: the rule is "
        "applied to the county and each township gets the county's level (said in each reason). "
        "Asymptomatic infections are not confirmed cases under china-2020."
    )
    focus = diff[
        ((diff["kind"] == "level") & (diff["start"] == diff["start"].min()))
        | (diff["kind"] == "downgrade_faster")
    ]
    print_comparison(
        focus, "Declared vs rule: the first day, and downgrades faster than the rule", console
    )
    console.print(
        f"{len(diff)} differences in all: [bold]flareup risk --compare[/] lists them with both reasons."
    )
    for n in res.notes:
        console.print(f"[yellow]note:[/] {escape(n)}", highlight=False, soft_wrap=True)
