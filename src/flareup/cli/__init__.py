"""The ``flareup`` command line (Typer + rich). Thin: parse, call the library, print.

Each command group lives in its own module and adds itself with ``register(app)``:
registry (import, export, status, demo, ...), analytics (state, rt, growth, epicurve, nowcast),
risk (risk), pooling (pooling design/plan), sim (simulate, calibrate).

Command modules are loaded lazily: ``flareup --help`` prints the one-line help of
:data:`COMMANDS` without importing pandas, SciPy or SQLAlchemy, and a command's module is imported
only when that command runs or prints its own help (``flareup --help`` went from 1.5-2.5 s to the
time of importing Typer; issue 12). A new command module goes in :data:`MODULES` and its commands
in :data:`COMMANDS`; tests/cli/test_contract.py checks that the two agree with what the modules
register.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

#: The modules that register commands, in the order their commands are listed.
MODULES: tuple[str, ...] = (
    "flareup.cli.registry_cmds",
    "flareup.cli.bulletin_cmds",
    "flareup.cli.analytics_cmds",
    "flareup.cli.risk_cmds",
    "flareup.cli.pooling_cmds",
    "flareup.cli.sim_cmds",
    "flareup.cli.tracing_cmds",
    "flareup.cli.web_cmds",
)

#: command -> (module that registers it, the first paragraph of its help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": (
        "flareup.cli.registry_cmds",
        "Import a table file into the registry: all or nothing, idempotent, corrections supersede.",
    ),
    "export": (
        "flareup.cli.registry_cmds",
        "Export one table in canonical columns (re-importable into a fresh registry).",
    ),
    "delete": (
        "flareup.cli.registry_cmds",
        "Retract rows (never removed: --as-of an earlier time still shows them; audited).",
    ),
    "audit": (
        "flareup.cli.registry_cmds",
        "Print the audit log: every insert, supersession and deletion, newest first.",
    ),
    "status": (
        "flareup.cli.registry_cmds",
        "The state of an area on a date: each metric's latest value, own or summed from children.",
    ),
    "disagreements": (
        "flareup.cli.registry_cmds",
        "List figures on which sources disagree (both are kept; the chosen one is marked).",
    ),
    "bulletin": (
        "flareup.cli.bulletin_cmds",
        "Read the counts in a bulletin or news report; each keeps its sentence and span.",
    ),
    "demo": (
        "flareup.cli.registry_cmds",
        "Load the bundled Kashgar 2020 example into a fresh demo database and summarise it.",
    ),
    "rt": (
        "flareup.cli.analytics_cmds",
        "Time-varying reproduction number R_t (Cori et al. 2013, as EpiEstim's estimate_R).",
    ),
    "growth": (
        "flareup.cli.analytics_cmds",
        "Exponential growth rate, doubling or halving time, 95% CI (log-linear GLM).",
    ),
    "epicurve": (
        "flareup.cli.analytics_cmds",
        "Epidemic curve by day, ISO/MMWR week or month; confirmed and asymptomatic stacked.",
    ),
    "state": (
        "flareup.cli.analytics_cmds",
        "One screen for a situation report: counts, trend, R_t, doubling time, composition.",
    ),
    "nowcast": (
        "flareup.cli.analytics_cmds",
        "Nowcast of recent onsets not yet reported, from the registry's line list (onset -> "
        "report delays; Lawless 1994; Höhle & an der Heiden 2014).",
    ),
    "risk": (
        "flareup.cli.risk_cmds",
        "Risk level of every area on every date by rule, with reasons and next downgrade.",
    ),
    "pooling": (
        "flareup.cli.pooling_cmds",
        "Pooled testing: designs side by side, and mass-testing plans.",
    ),
    "simulate": (
        "flareup.cli.sim_cmds",
        "Simulate a scenario: runs with a progress bar, then a summary table.",
    ),
    "calibrate": (
        "flareup.cli.sim_cmds",
        "Fit scenario parameters to observed daily detections by category (Optuna, trials on Dask); print the best and the accepted parameter sets; --save writes the fitted scenario.",
    ),
    "followup": (
        "flareup.cli.tracing_cmds",
        "The day's contact follow-up list: quarantine, tests due and overdue, conversions.",
    ),
    "clusters": (
        "flareup.cli.tracing_cmds",
        "Clusters: cases linked by contacts and by shared settings in overlapping time.",
    ),
    "chains": (
        "flareup.cli.tracing_cmds",
        "Transmission chains (infector, generation) and the serial intervals they give.",
    ),
    "sources": (
        "flareup.cli.tracing_cmds",
        "Rank each cluster's candidate sources by evidence, with the reason in words.",
    ),
    "serve": (
        "flareup.cli.web_cmds",
        "Serve the situation room (dashboard and JSON API) over the registry, under uvicorn.",
    ),
    "report": (
        "flareup.cli.web_cmds",
        "Write one self-contained HTML report (charts, map, tables, sources, the method notes' references) that opens offline in any browser and can be mailed.",
    ),
}


HELP = (
    "Outbreak surveillance and response: registry, epidemic state, risk areas, "
    "pooled testing and agent-based foresight."
)


def _noop() -> None:
    """(Forces Typer to build a group, whatever a module registers.)"""


def module_commands(module: str) -> dict[str, Any]:
    """The (click) commands ``module`` registers, by name (imports the module)."""
    import typer
    import typer.main
    from typer.core import TyperGroup

    sub = typer.Typer()
    sub.callback()(_noop)
    importlib.import_module(module).register(sub)
    group = typer.main.get_command(sub)
    assert isinstance(group, TyperGroup)
    todo = list(group.commands.values())
    while todo:  # sub-groups' commands too (pooling design, registry ...)
        cmd = todo.pop()
        cmd.help = help_text(cmd.help)
        # click's plain help, as `flareup --help` already is: Typer's rich panels cut long
        # option names and URLs with an ellipsis at 80 columns (--lab-tubes-per…) and leave
        # the help text a third of the width; click's never cuts and uses the whole width.
        cmd.rich_markup_mode = None  # type: ignore[attr-defined]
        if cmd.help and not cmd.short_help:  # a group's list: the whole first line, wrapped
            cmd.short_help = cmd.help.split("\n\n")[0]
        for param in getattr(cmd, "params", ()):
            _long_choices_in_help(param)
        todo.extend(getattr(cmd, "commands", {}).values())
    return dict(group.commands)


def _long_choices_in_help(param: Any) -> None:
    """An argument with many choices (``import KIND``: nine table kinds) lists them in its help
    text, where they wrap, instead of beside its name, where they ran past 80 columns."""
    from typer.core import TyperArgument

    if not isinstance(param, TyperArgument) or not param.type_descriptor.is_choice:
        return
    choices = param.type_descriptor.choices
    if choices and len("|".join(map(str, choices))) > 30:
        param.help = f"{(param.help or '').rstrip('.')}: {', '.join(map(str, choices))}."
        # the name alone in the first column
        param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


def help_text(doc: str | None) -> str | None:
    """A command's docstring as ``--help`` shows it: each paragraph one line, for the terminal
    to wrap (Typer's rich help keeps a docstring's line breaks, which at 80 columns left a
    ragged fold every line), and ``literals`` in plain text (rich prints the backquotes)."""
    import inspect
    import re

    if not doc:
        return doc
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    out = []
    for p in paragraphs:
        lines = p.split("\n")
        # lists, indented blocks and click's \b (no rewrap) paragraphs keep their lines
        keep = p.startswith("\b") or any(
            re.match(r"\s+\S|\s*(?:[-*\u2022]|\d+[.)])\s", line) for line in lines[1:]
        )
        out.append(p if keep else " ".join(line.strip() for line in lines))
    return re.sub(r"``([^`]+)``", r"\1", "\n\n".join(out))


def _lazy_group_class() -> type:
    from typer.core import TyperCommand, TyperGroup

    class LazyGroup(TyperGroup):
        """A Typer group that imports a command's module only when the command is needed."""

        _listing = False

        def _load(self, module: str) -> None:
            for name, cmd in module_commands(module).items():
                self.commands.setdefault(name, cmd)

        def list_commands(self, ctx: Any) -> list[str]:
            loaded = [n for n in super().list_commands(ctx) if n not in COMMANDS]
            return [*COMMANDS, *loaded]

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            cmd = super().get_command(ctx, cmd_name)
            if cmd is not None:
                return cmd
            if cmd_name in COMMANDS and self._listing:
                # the top-level help needs only the name and one line
                return TyperCommand(cmd_name, help=COMMANDS[cmd_name][1])
            if cmd_name in COMMANDS:
                self._load(COMMANDS[cmd_name][0])
            else:  # a module's command missing from COMMANDS still runs (the test fails)
                for module in MODULES:
                    self._load(module)
            return super().get_command(ctx, cmd_name)

        def load_all(self) -> None:
            """Import every command module (for tests and tools that walk the whole app)."""
            for module in MODULES:
                self._load(module)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            # one line of help per command, wrapped rather than cut at the first full stop
            rows = []
            for name in self.list_commands(ctx):
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, COMMANDS[name][1] if name in COMMANDS else cmd.help or ""))
            if rows:
                with formatter.section("Commands"):
                    formatter.write_dl(rows)

        def format_help(self, ctx: Any, formatter: Any) -> None:
            # The top-level help is plain text: rich's help renderer alone takes ~0.2 s to
            # import, which would break the 0.3 s budget; commands keep rich help.
            self._listing, markup = True, self.rich_markup_mode
            self.rich_markup_mode = None
            try:
                super().format_help(ctx, formatter)
            finally:
                self._listing, self.rich_markup_mode = False, markup

    return LazyGroup


_APP: typer.Typer | None = None


def _app() -> typer.Typer:
    """The Typer app (built on first use, so that ``flareup --help`` need not import Typer)."""
    global _APP
    if _APP is None:
        import typer

        from flareup.cli.usage_words import install

        install()  # usage mistakes in our words, not pydantic's
        _APP = typer.Typer(
            name="flareup",
            cls=_lazy_group_class(),
            help=HELP,
            no_args_is_help=True,
            pretty_exceptions_enable=False,
            add_completion=False,
        )
        _APP.callback()(_noop)  # a root with no eagerly registered command must be a group
    return _APP


def full_command() -> Any:
    """The app as one click group with every command module loaded."""
    import typer.main

    group = typer.main.get_command(_app())
    group.load_all()  # type: ignore[attr-defined]
    return group


def static_help() -> str:
    """``flareup --help`` as click prints it, written without importing Typer or click (the
    start-up budget: 0.3 s); tests/cli/test_contract.py checks it equals click's output."""
    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    out = ["Usage: flareup [OPTIONS] COMMAND [ARGS]...\n", "\n"]
    wrap = textwrap.TextWrapper(
        width, initial_indent="  ", subsequent_indent="  ", replace_whitespace=False
    )
    out.append(wrap.fill(HELP) + "\n")

    def dl(rows: list[tuple[str, str]]) -> None:
        first_col = min(max(len(r[0]) for r in rows), 30) + 2
        text_width = max(width - first_col - 2, 10)
        tw = textwrap.TextWrapper(text_width, replace_whitespace=False)
        for first, second in rows:
            out.append(f"  {first}")
            if len(first) <= first_col - 2:
                out.append(" " * (first_col - len(first)))
            else:
                out.append("\n" + " " * (first_col + 2))
            lines = tw.fill(second).splitlines()
            out.append(f"{lines[0]}\n")
            out.extend(f"{'':>{first_col + 2}}{line}\n" for line in lines[1:])

    out.append("\nOptions:\n")
    dl([("--help", "Show this message and exit.")])
    out.append("\nCommands:\n")
    dl([(name, text) for name, (_, text) in COMMANDS.items()])
    return "".join(out)


#: Commands whose process simulates and then exits: they opt in to
#: :func:`flareup.sim.streamline_process` before Typer, numpy or pandas is imported (most of its
#: savings are in those imports; the commands call it again themselves, a no-op then).
_SIM_COMMANDS: tuple[str, ...] = ("simulate", "calibrate")


def main() -> None:
    """Console-script entry point (``flareup --help`` is answered without importing Typer)."""
    if sys.argv[1:] == ["--help"]:
        sys.stdout.write(static_help())
        return
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in _SIM_COMMANDS:
        from flareup.sim import streamline_process

        streamline_process()
    _app()()


__all__: list[str] = ["COMMANDS", "MODULES", "app", "full_command", "main", "static_help"]


def __getattr__(name: str) -> Any:
    if name == "app":
        return _app()
    # ``flareup.cli.registry_cmds`` and friends stay importable as attributes.
    if f"flareup.cli.{name}" in MODULES:
        return importlib.import_module(f"flareup.cli.{name}")
    raise AttributeError(f"module 'flareup.cli' has no attribute {name!r}")
