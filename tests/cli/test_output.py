"""The table view of ``cli/output.emit`` at a terminal's width (issue: tables read at 80 columns)."""

from __future__ import annotations

import pandas as pd
import pytest
from rich.cells import cell_len
from rich.console import Console

from flareup.cli.output import TABLE_ROWS, OutFormat, _header_lines, _table, emit


def _render(df: pd.DataFrame, width: int, **kw: object) -> tuple[list[str], list[str]]:
    table, hidden = _table(df, 3, set(), width, **kw)  # type: ignore[arg-type]
    con = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    con.print(table)
    return con.export_text().splitlines(), hidden


def _wide() -> pd.DataFrame:
    n = 4
    return pd.DataFrame(
        {
            "id": [f"C{i:04d}" for i in range(n)],
            "infector": ["—", "C0000", "C0000", "C0001"],
            "generation": [0, 1, 1, 2],
            "chain_size": [4] * n,
            "cluster": ["K001"] * n,
            "location": ["653121205"] * n,
            "date_onset": ["2020-10-23", "2020-10-26", None, "2020-10-29"],
            "date_reporting": ["2020-10-24", "2020-10-25", "2020-10-26", "2020-10-30"],
            "note": ["found by the first round of mass testing in the township"] * n,
        }
    )


def test_a_narrow_table_keeps_its_rules() -> None:
    lines, hidden = _render(pd.DataFrame({"metric": ["a", "b"], "value": [1, 2]}), 80)
    assert hidden == [] and any("┃" in x for x in lines)


def test_a_wide_table_fits_80_columns_with_dates_and_ids_whole() -> None:
    lines, hidden = _render(_wide(), 80)
    assert all(cell_len(x.rstrip()) <= 80 for x in lines)
    text = "\n".join(lines)
    assert not any("┃" in x for x in lines)  # borderless when it would not fit ruled
    for d in ("2020-10-23", "2020-10-24", "2020-10-30", "653121205", "C0001"):
        assert d in text  # never cut in two
    # headers break at their underscores, not anywhere
    assert "date_" in text and "reporting" in text and "eporti" not in text.replace("reporting", "")
    # what did not fit is left out from the right and named (the caller prints it as a note):
    # the columns need 79 cells and 8 gaps of 2, the note column 14 of them at least
    assert hidden == ["note"]


def test_spare_columns_go_first() -> None:
    # 72 cells: the spare columns go, then the rightmost (note); date_reporting stays
    _, hidden = _render(_wide(), 72, spare=("location", "cluster"))
    assert hidden == ["cluster", "location", "note"]


def test_nothing_fits_keeps_the_first_column() -> None:
    lines, hidden = _render(_wide(), 12)
    assert "C0000" in "\n".join(lines)
    assert len(hidden) == len(_wide().columns) - 1


def test_header_lines_break_after_underscores() -> None:
    assert _header_lines("date_reporting", 10) == "date_\nreporting"
    assert _header_lines("date_quarantine_start", 11) == "date_\nquarantine_\nstart"
    assert _header_lines("chain_size", 10) == "chain_size"
    assert _header_lines("generation", 3) == "generation"


def test_headers_stay_whole_where_the_borderless_table_has_room() -> None:
    # Too wide for the ruled form (3 cells a column) but not for the borderless one (2): the
    # headers need not be broken ('days_' / 'since' beside empty room, as the nowcast was).
    df = pd.DataFrame(
        {
            "date": ["2020-11-01"],
            "observed": [0],
            "days_since": [13],
            "p_reported": [1.0],
            "estimate": [0.0],
            "median": [0.0],
            "low": [0.0],
            "high": [0.0],
        }
    ).iloc[[0, 0]]
    lines, hidden = _render(df, 80)
    assert hidden == [] and not any("┃" in x for x in lines)
    assert any("days_since" in x and "p_reported" in x for x in lines)
    lines, _ = _render(df, 66)  # no room: the widest header saving is broken first
    assert not any("days_since" in x for x in lines) and any("days_" in x for x in lines)


def test_a_long_table_shows_its_first_rows_and_says_how_many_more(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A table of 11,953 follow-up rows took 14 s to draw and scrolled past unread; it shows
    TABLE_ROWS and says so on stderr, while csv keeps every row."""
    df = pd.DataFrame({"id": [f"C{i:05d}" for i in range(TABLE_ROWS + 25)], "n": 1})
    emit(df, OutFormat.TABLE)
    out, err = capsys.readouterr()
    assert f"C{TABLE_ROWS - 1:05d}" in out and f"C{TABLE_ROWS:05d}" not in out
    assert f"the first {TABLE_ROWS} of {TABLE_ROWS + 25} rows" in err
    emit(df, OutFormat.CSV)
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == TABLE_ROWS + 25 + 1 and f"C{TABLE_ROWS + 24:05d}" in out
    emit(df.head(TABLE_ROWS), OutFormat.TABLE)  # at the limit: every row, no note
    out, err = capsys.readouterr()
    assert f"C{TABLE_ROWS - 1:05d}" in out and "rows" not in err


def test_an_interval_keeps_both_ends_or_neither() -> None:
    """At 80 columns R_t kept q0.025 .. q0.5 and left out q0.975, growth in windows kept
    time_low and left out time_high: a reader saw one bound of each interval."""
    from flareup.cli.analytics_cmds import _SPARE

    qs = ["q0.025", "q0.05", "q0.25", "q0.5", "q0.75", "q0.95", "q0.975"]
    rt = pd.DataFrame(
        {"t_start": [2], "t_end": [8], "date_start": ["2020-10-25"], "date_end": ["2020-10-31"]}
        | {c: [1.5] for c in ["mean", "std", *qs]}
    )
    rt = pd.concat([rt, rt], ignore_index=True)
    _, hidden = _render(rt, 80, spare=_SPARE)
    assert "q0.025" not in hidden and "q0.975" not in hidden, hidden
    for a, b in (("q0.05", "q0.95"), ("q0.25", "q0.75")):
        assert (a in hidden) == (b in hidden), hidden
    growth = pd.DataFrame(
        {
            "date_start": ["2020-10-24"] * 2,
            "date_end": ["2020-10-30"] * 2,
            "r": [-0.6037, 0.2],
            "r_lower": [-1.2144, 0.1],
            "r_upper": [0.0069, 0.3],
            "growth_or_decay": ["decay", "growth"],
            "time": [1.1481, 3.0],
            "time_lower": [0.5708, 2.0],
            "time_upper": [float("inf"), 4.0],
            "cases": [197.0, 20.0],
            "zero_bins": [2, 0],
            "note": [None, None],
        }
    )
    _, hidden = _render(growth, 80, spare=_SPARE)
    assert ("time_lower" in hidden) == ("time_upper" in hidden), hidden
    assert not {"r_lower", "r_upper"} & set(hidden)


def test_a_column_with_no_value_goes_before_any_other() -> None:
    # growth --window's 'note' column, all '—', was kept at 80 columns while figures went
    df = pd.DataFrame(
        {
            "date_end": ["2020-10-30", "2020-10-31"],
            "note": [None, None],
            "r": [-0.6037, -0.2062],
            "cases": [180, 190],
            "zero_bins": [1, 2],
        }
    )
    lines, hidden = _render(df, 33)
    assert hidden == ["note"]  # not zero_bins, the right-most
    assert lines[1].split() == ["date_end", "r", "cases", "bins"]  # 'zero_' above 'bins'
    _, hidden = _render(df, 33, spare=("cases",))
    assert hidden == ["note"]  # before the spare columns too
    _, hidden = _render(df, 26, spare=("cases",))
    assert hidden == ["note", "cases"]


def test_an_empty_table_says_none_under_its_header(capsys: pytest.CaptureFixture[str]) -> None:
    # a header over nothing read as if the rows had failed to print
    empty = pd.DataFrame({"cluster": pd.Series(dtype=str), "score": pd.Series(dtype=float)})
    emit(empty, OutFormat.TABLE, caption="score: LLR")
    out, _ = capsys.readouterr()
    lines = [ln.rstrip() for ln in out.splitlines()]
    assert lines[-2:] == ["(none)", "score: LLR"]  # left-aligned
    emit(empty, OutFormat.CSV)
    assert capsys.readouterr().out == "cluster,score\n"  # csv and json: no such line
    emit(empty, OutFormat.JSON)
    assert capsys.readouterr().out == "[]\n"


def test_counts_in_a_table_group_their_digits_and_labels_do_not() -> None:
    """``followup`` printed n = 11953: a count a person reads as 11,953. Tables now group the
    digits of amounts (ints and floats) and leave labels as stored: a year, a round, a
    generation, an id; CSV and JSON never group (a script reads 11953)."""
    from flareup.cli.output import render

    df = pd.DataFrame(
        {
            "year": [2020],
            "round": [1234],
            "plan_id": [10001],
            "n": [11953],
            "tests": [1669.9365],
            "small": [999],
        }
    )
    lines, _ = _render(df, 120)
    row = lines[3]  # under the title rule, the header and the header rule
    assert "11,953" in row and "1,669.937" in row and " 999 " in row, row
    assert "2020" in row and "2,020" not in row and "1234" in row and "10001" in row, row
    assert render(df, OutFormat.CSV).splitlines()[1] == "2020,1234,10001,11953,1669.9365,999"
    assert '"n": 11953' in render(df, OutFormat.JSON)
