"""One contract for every command (issue 12), checked by walking the Typer app.

Generic on purpose: it walks whatever commands the app has (new modules are covered as soon as
they are in ``flareup.cli.MODULES``), so only commands that print no results are listed here.

* ``flareup --help`` and ``<command> --help`` exit 0, for every command and group.
* Every command that prints results has ``--format/-f`` with exactly ``table|csv|json`` and
  ``--output/-o``; a bad ``--format`` is a usage error (exit 2) everywhere.
* The one-line help table of the lazy app (``flareup.cli.COMMANDS``) agrees with the commands
  the modules register (so ``flareup --help`` lists them all, truthfully).
* The shared emitter writes ISO dates, explicit nulls and ``"inf"`` (cli/output.py).
"""

from __future__ import annotations

import inspect
import json
import math
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import COMMANDS, MODULES, app, full_command, module_commands
from flareup.cli.output import OutFormat, records, render

runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[2] / "src")

#: Commands that print no results (they act, and report what they did in a line or two).
NO_RESULTS: dict[str, str] = {
    "import": "stores a file; prints what it stored",
    "delete": "retracts rows; prints what it retracted",
    "demo": "a tour that prints sections of the other commands",
    "export": "writes a table file in the format of its suffix",
    "serve": "runs the dashboard server until stopped",
    "report": "writes one HTML file (--out)",
}


def _leaves() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append((" ".join(path), cmd))

    walk(full_command(), [])
    return out


LEAVES = _leaves()
GROUPS = sorted({name.split()[0] for name, _ in LEAVES if " " in name})


def test_the_walk_finds_the_known_commands() -> None:
    names = {n for n, _ in LEAVES}
    assert {"rt", "growth", "state", "risk", "pooling design", "simulate", "status"} <= names


def test_top_level_help_lists_every_command_without_loading_them() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for name in {n.split()[0] for n, _ in LEAVES}:
        assert f"  {name} " in res.output, name


@pytest.mark.parametrize("name", [n for n, _ in LEAVES] + GROUPS)
def test_help_works(name: str) -> None:
    res = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Usage" in res.output


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_fast_help_is_exactly_clicks_help(columns: str) -> None:
    # ``flareup --help`` is written without importing Typer (start-up budget); it must say
    # exactly what click would, at any terminal width (fresh processes: click's test runner
    # forces a width of 80).
    env = {**os.environ, "COLUMNS": columns, "PYTHONPATH": SRC}
    run = [sys.executable, "-c"]
    fast = subprocess.run(
        [*run, "from flareup.cli import main; main()", "--help"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    slow = subprocess.run(
        [*run, "from flareup.cli import app; app(prog_name='flareup')", "--help"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert fast.stdout == slow.stdout
    assert "Commands:" in fast.stdout and "  rt " in fast.stdout


def test_help_table_matches_what_the_modules_register() -> None:
    real: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        for name, cmd in module_commands(module).items():
            first = inspect.cleandoc(cmd.help or "").split("\n\n")[0]
            real[name] = (module, " ".join(first.split()))
    assert real == COMMANDS


def _option(cmd: Any, flag: str) -> Any:
    return next((p for p in cmd.params if flag in getattr(p, "opts", [])), None)


@pytest.mark.parametrize(("name", "cmd"), [(n, c) for n, c in LEAVES if n not in NO_RESULTS])
def test_results_have_format_and_output(name: str, cmd: Any) -> None:
    fmt = _option(cmd, "--format")
    assert fmt is not None, f"{name}: no --format"
    assert "-f" in fmt.opts, f"{name}: --format has no -f"
    choices = fmt.type_descriptor.annotation  # Typer 0.29: the option's annotated type
    assert isinstance(choices, type) and issubclass(choices, Enum), name
    assert sorted(c.value for c in choices) == ["csv", "json", "table"], name
    assert fmt.default in (OutFormat.TABLE, "table"), name
    out = _option(cmd, "--output")
    assert out is not None and "-o" in out.opts, f"{name}: no --output/-o"


#: Commands that store or write something and print a summary of what they did: the summary
#: comes in --format table|csv|json too (one record; export's -o is the table file it writes).
SUMMARIES = ("import", "export", "delete")


@pytest.mark.parametrize("name", SUMMARIES)
def test_summaries_have_format(name: str) -> None:
    cmd = dict(LEAVES)[name]
    fmt = _option(cmd, "--format")
    assert fmt is not None and "-f" in fmt.opts, name
    assert sorted(c.value for c in fmt.type_descriptor.annotation) == ["csv", "json", "table"]
    res = runner.invoke(app, [*name.split(), "--format", "xml"])
    assert res.exit_code == 2, res.output


@pytest.mark.parametrize("name", [n for n, _ in LEAVES if n not in NO_RESULTS])
def test_bad_format_is_a_usage_error(name: str) -> None:
    res = runner.invoke(app, [*name.split(), "--format", "xml"])
    assert res.exit_code == 2, res.output
    assert "--format" in res.output or "-f" in res.output


def test_no_results_list_is_current() -> None:
    names = {n for n, _ in LEAVES}
    assert set(NO_RESULTS) <= names, set(NO_RESULTS) - names


# ---- the emitter ------------------------------------------------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-10-24", None]),
            "when": pd.to_datetime(["2020-10-24 08:30", "2020-10-25 00:00"]),
            "x": [1.5, math.nan],
            "t": [math.inf, -math.inf],
            "n": pd.array([3, None], dtype="Int64"),
            "s": ["a", None],
            "ok": [True, False],
        }
    )


def test_json_has_iso_dates_explicit_nulls_and_inf_strings() -> None:
    rows = json.loads(render(_frame(), "json"))
    assert rows == [
        {
            "date": "2020-10-24",
            "when": "2020-10-24T08:30:00",
            "x": 1.5,
            "t": "inf",
            "n": 3,
            "s": "a",
            "ok": True,
        },
        {
            "date": None,
            "when": "2020-10-25",
            "x": None,
            "t": "-inf",
            "n": None,
            "s": None,
            "ok": False,
        },
    ]
    assert records(_frame().iloc[:0]) == []


def test_csv_has_iso_dates_empty_missing_and_inf() -> None:
    lines = render(_frame(), "csv").splitlines()
    assert lines[0] == "date,when,x,t,n,s,ok"
    assert lines[1] == "2020-10-24,2020-10-24T08:30:00,1.5,inf,3,a,true"
    assert lines[2] == ",2020-10-25,,-inf,,,false"


@pytest.mark.parametrize("name", [n for n, _ in LEAVES] + GROUPS)
def test_help_paragraphs_wrap_to_the_terminal(name: str) -> None:
    # Typer's rich help keeps a docstring's line breaks; at 80 columns each source line then
    # folded once more. Paragraphs must reach the terminal as one line each (lists excepted),
    # and reST ``literals`` without their backquotes.
    res = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "``" not in res.output
    cmd = dict(LEAVES).get(name) or full_command().commands[name]
    for para in (cmd.help or "").split("\n\n"):
        lines = para.split("\n")
        if len(lines) > 1:
            assert all(ln.lstrip()[:1] in "-*" or ln[:1] == " " for ln in lines[1:]), para


def test_help_text_unwraps_paragraphs_and_keeps_lists() -> None:
    from flareup.cli import help_text

    doc = """Title line.

    A paragraph written
    over two lines with ``--flag``.

    Items:
    - one
    - two
    """
    assert help_text(doc) == (
        "Title line.\n\nA paragraph written over two lines with --flag.\n\nItems:\n- one\n- two"
    )


@pytest.mark.parametrize("name", [n for n, _ in LEAVES])
def test_help_names_every_option_whole_at_80_columns(name: str) -> None:
    # Typer's rich panels cut long option names with an ellipsis at 80 columns
    # (--lab-tubes-per…, --si-mean-sd,--std-me…); the help is click's plain form.
    res = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert res.exit_code == 0, res.output
    assert "…" not in res.output
    assert all(len(line) <= 80 for line in res.output.splitlines())
    cmd = dict(LEAVES)[name]
    for param in cmd.params:
        if getattr(param, "hidden", False):
            continue  # an old spelling kept for scripts (simulate --dask)
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith("--"):
                assert opt in res.output, opt


def test_every_option_says_what_it_does() -> None:
    """``calibrate --help`` listed --trials, --seed and --scale with no word of explanation."""
    bare = [
        f"{name} {'/'.join(p.opts)}"
        for name, cmd in LEAVES
        for p in cmd.params
        if type(p).__name__.endswith("Option") and not getattr(p, "help", None)
    ]
    assert bare == []


def test_minus_o_is_output_in_every_command() -> None:
    """``report -o`` was ``--out`` only, where every other command's ``-o`` is ``--output``:
    ``flareup report --output r.html`` was a usage error."""
    odd = [
        f"{name}: {'/'.join(p.opts)}"
        for name, cmd in LEAVES
        for p in cmd.params
        if "-o" in getattr(p, "opts", ()) and "--output" not in p.opts
    ]
    assert odd == []
