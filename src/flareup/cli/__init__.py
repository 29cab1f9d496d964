"""The ``flareup`` command line (Typer + rich). Thin: parse, call the library, print.

Each command group lives in its own module and adds itself with ``register(app)``:
registry (import, export, status, demo), analytics (state, rt, growth, epicurve),
risk (risk), pooling (pooling design/plan), sim (simulate), web (serve, report).
"""

from __future__ import annotations

import typer

from flareup.cli import (
    analytics_cmds,
    pooling_cmds,
    registry_cmds,
    risk_cmds,
    sim_cmds,
    web_cmds,
)

app = typer.Typer(
    name="flareup",
    help="Outbreak surveillance and response: registry, epidemic state, risk areas, "
    "pooled testing and agent-based foresight.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for _module in (registry_cmds, analytics_cmds, risk_cmds, pooling_cmds, sim_cmds, web_cmds):
    _module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
