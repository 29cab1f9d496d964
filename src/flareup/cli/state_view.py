"""``flareup state``'s one screen: the figures of :func:`flareup.report.state.area_state` as a
table on a wide terminal, as a listing on a narrow one (moved out of analytics_cmds, which the
one-module-under-1,000-lines rule had filled)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from flareup.cli.output import listing
from flareup.report.state import COVID_SI_MEAN, COVID_SI_SD, area_state

#: Terminal width from which ``flareup state`` prints "rests on" as a third column.
STATE_WIDE = 140


def print_state(
    reg: Any,
    area: str,
    con: Console,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
    linelist: bool = False,
    by: str = "onset",
) -> None:
    """Print the one-screen state of ``area`` (:func:`flareup.report.state.area_state`)."""
    st = area_state(reg, area, date=date, si_mean=si_mean, si_sd=si_sd, linelist=linelist, by=by)
    table: Any
    if con.width >= STATE_WIDE:
        table = Table(title=st.title, title_justify="left", expand=True)
        table.add_column("figure", max_width=34)
        table.add_column("value", justify="right", max_width=42)
        table.add_column("rests on", ratio=1)
        for r in st.rows():
            table.add_row(*r)
    else:
        # Narrower than three readable columns (a laptop's 80): each figure and its value on
        # one line, what it rests on as an indented paragraph beneath it (the whole width).
        from rich.markup import escape

        table = listing(
            st.title,
            [("figure", "left"), ("value", "right")],
            (([escape(f), escape(v)], rests) for f, v, rests in st.rows()),
            width=con.width,
            paragraph="rests on",
        )
    con.print(table)
    for n in st.notes:  # wrapped at word boundaries, not cut mid-word by the terminal
        con.print(f"[yellow]thin data:[/] {n}", highlight=False)


__all__ = ["STATE_WIDE", "print_state"]
