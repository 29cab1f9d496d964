"""``flareup serve`` (the situation room in a browser) and ``flareup report`` (one HTML file)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from flareup.cli.common import (
    DbOption,
    bad_option,
    console,
    err_console,
    in_range,
    iso_date,
    user_errors,
)
from flareup.errors import InputError


class ReportFormat(StrEnum):
    HTML = "html"


def _token(token_file: Path | None) -> str | None:
    """The write token: ``--token-file`` (first line) or FLAREUP_TOKEN; None -> read-only."""
    if token_file is not None:
        try:
            text = token_file.read_text(encoding="utf-8").strip().splitlines()
        except OSError as exc:
            raise InputError(
                f"cannot read the token file: {exc.strerror or exc}", file=str(token_file)
            ) from None
        token = text[0].strip() if text else ""
        if len(token) < 16:
            raise InputError(
                "the token must be at least 16 characters (e.g. python -c "
                "'import secrets; print(secrets.token_urlsafe())')",
                file=str(token_file),
                field="--token-file",
            )
        return token
    env = os.environ.get("FLAREUP_TOKEN", "").strip()
    if env and len(env) < 16:
        raise InputError("FLAREUP_TOKEN must be at least 16 characters", field="FLAREUP_TOKEN")
    return env or None


def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; the default keeps the server on this machine.")
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            help="Port to listen on (1-65535).",
            callback=in_range("--port", 1, 65535, what="the port"),
        ),
    ] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File whose first line is the bearer token that allows writes (else "
            "FLAREUP_TOKEN; with neither, the server is read-only).",
        ),
    ] = None,
    simulate: Annotated[
        bool,
        typer.Option(
            "--simulate/--no-simulate",
            help="Run the kashgar-2020 ensemble in the background for the simulation page.",
        ),
    ] = True,
) -> None:
    """Serve the situation room (dashboard and JSON API) over the registry, under uvicorn.

    Pages: overview, epicurve, Rt and growth, map, mass testing, simulation vs observed,
    sources and disagreements, audit log; each has a JSON twin under /api/, described at
    /docs. Everything works offline (scripts are served from the package)."""
    try:
        import uvicorn

        from flareup.web import create_app
    except ImportError as exc:
        err_console.print(
            f"[bold red]error:[/] flareup serve needs the web extra ({exc.name} is missing): "
            "pip install 'flareup[web]'",
            highlight=False,
        )
        raise typer.Exit(1) from None
    with user_errors():
        token = _token(token_file)
        app = create_app(db, token=token, simulate=simulate)
    mode = "writes need the bearer token" if token else "read-only (no token configured)"
    console.print(f"flareup situation room on http://{host}:{port}/ ({mode})", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read the "
            "registry (reads need no token)",
            highlight=False,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def report(
    out: Annotated[Path, typer.Option("--output", "--out", "-o", help="The HTML file to write.")],
    db: DbOption = None,
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area code (default: Kashgar Prefecture, 653100)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Situation date YYYY-MM-DD (default: the last with data).",
            callback=iso_date("--date"),
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",  # as every other command's --format
            help="Only html: PDF would need a headless browser (no well-kept pure-Python "
            "library renders Vega charts to PDF), so print the HTML to PDF from a browser.",
        ),
    ] = ReportFormat.HTML,
) -> None:
    """Write one self-contained HTML report (charts, map, tables, sources, the method notes'
    references) that opens offline in any browser and can be mailed."""
    from flareup.report.html import write_report
    from flareup.report.queries import open_registry

    with user_errors():
        if out.suffix.lower() not in (".html", ".htm"):
            raise bad_option("--output", "the report is HTML: give -o FILE.html")
        if not out.parent.exists():
            raise InputError(
                f"cannot write: the folder {out.parent} does not exist",
                file=str(out),
                field="--output",
            )
        reg = open_registry(db)
        try:
            path = write_report(reg, out, area=area, date=date)
        finally:
            reg.close()
    console.print(f"report written to {path} ({path.stat().st_size / 1e6:.1f} MB)", highlight=False)


def demo_report_path(reg: Any) -> Path:
    """Where ``flareup demo`` writes its report when not told: next to a SQLite database file
    (``demo.db`` -> ``demo-report.html``), else in the per-user data directory (a server
    database, or SQLite in memory, has no folder of the user's to write beside)."""
    db = reg.sqlite_file
    if db is not None:
        return Path(db).with_name(Path(db).stem + "-report.html")
    import platformdirs

    return Path(platformdirs.user_data_dir("flareup", appauthor=False)) / "demo-report.html"


def demo_section(reg: Any, con: Any, *, report: Path | None = None) -> None:
    """The end of ``flareup demo``: write the one-file report (``report``, or next to the demo
    database: :func:`demo_report_path`) and say where, and how to open the dashboard."""
    from flareup.report.html import write_report

    out = report if report is not None else demo_report_path(reg)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_report(reg, out)
    con.rule("The situation room")
    con.print(
        f"Report written to {out.resolve()} (one HTML file; opens offline, can be mailed)",
        highlight=False,
        soft_wrap=True,  # a path cut over two lines cannot be pasted
    )
    con.print(
        f"Dashboard: flareup serve --db {reg.display_url}\n  then open http://127.0.0.1:8000/ "
        "(reads need no token; set FLAREUP_TOKEN or --token-file to allow uploads)",
        highlight=False,
        soft_wrap=True,  # the command is copied: no line break inside it
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("serve")(serve)
    app.command("report")(report)
