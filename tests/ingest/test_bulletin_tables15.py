"""Round 15 (tables and statistics boxes, tuned on dev18): each rule on a short invented text
in the layout of a situation report or a news item that pastes a table."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str | None) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_table_flattened_one_cell_per_line_with_opening_pipes_and_a_share_column() -> None:
    text = (
        "The ministry confirmed that the cumulative total of cases is 5 120.\n"
        "|Province\n|Total cases\n|Percentage total\n"
        "|Gauteng\n|3012\n|58,8\n"
        "|Limpopo\n|2108\n|41,2\n"
        "|Unknown\n|0\n|0,0\n"
    )
    got = _recs(text, "2020-11-02")
    assert ("2020-11-02", "Gauteng", "confirmed_cumulative", 3012) in got
    assert ("2020-11-02", "Limpopo", "confirmed_cumulative", 2108) in got
    assert not {r for r in got if r[3] in (58, 41, 588, 412)}  # shares are no counts


def test_a_list_flattened_one_cell_per_line_under_a_lead_with_a_colon() -> None:
    text = (
        "As at today, the total number of confirmed cases is 1 200. "
        "The provincial breakdown is as follows:\n"
        "|GAUTENG\n|700\n|KWAZULU – NATAL\n|450\n|UNALLOCATED\n|50\n"
        "The total number of tests conducted to date is 41 000.\n"
    )
    got = _recs(text, "2020-04-03")
    assert ("2020-04-03", "Gauteng", "confirmed_cumulative", 700) in got
    assert ("2020-04-03", "Kwazulu-Natal", "confirmed_cumulative", 450) in got
    assert not {r for r in got if r[3] == 50}  # cases not yet placed: no place's count
