"""Flow and stock, and totals never found (tenth round, from the unseen-state errors of dev8 ..
dev12, see docs/methods/bulletin.md): each rule checked on invented sentences other than the
probes' (tests/data/bulletins/probes/flowstock_round10.jsonl)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str = "2022-06-15") -> dict[int, set[tuple[str, str | None, str]]]:
    """value -> the (category, date, place) of its records."""
    out: dict[int, set[tuple[str, str | None, str]]] = {}
    for r in extract(text, pub):
        d = r.to_dict()
        place = str(d.get("place") or d.get("place_text") or "")
        out.setdefault(r.value, set()).add((r.category, d.get("date"), place))
    return out


def test_a_figure_compared_with_than_the_is_the_earlier_days_count() -> None:
    # 'than the' is a comparison, never the hedge of 'more than 90'
    got = _recs("Chile logged 918 new infections on Monday, fewer than the 1,043 a day earlier.")
    assert got[1043] == {("confirmed_new", "2022-06-12", "Chile")}
    got = _recs("Chile recorded 31 deaths on Monday, higher than the 22 deaths the previous day.")
    assert got[22] == {("deaths_new", "2022-06-12", "Chile")}
    # a hedge keeps its meaning: no second count
    assert set(_recs("Chile logged more than 900 new infections on Monday.")) == {900}


def test_a_comparison_that_points_back_to_a_total_is_a_total() -> None:
    got = _recs("The death toll in Malawi now stands at 612. That is up from 540 on June 1.")
    assert got[540] == {("deaths_cumulative", "2022-06-01", "Malawi")}
    # ... and to a day's count, a day's count
    got = _recs("Malawi reported 44 new cases on Monday. That was up from 31 on Sunday.")
    assert got[31] == {("confirmed_new", "2022-06-12", "Malawi")}


def test_has_accounted_for_a_part_of_a_total_is_a_state() -> None:
    got = _recs(
        "Zambia has confirmed 9,800 cases since March. Lusaka has accounted for 6,100 of those cases."
    )
    assert {c for c, _, _ in got[6100]} == {"confirmed_cumulative"}


def test_a_disease_found_in_more_people_counts_them_as_new_cases() -> None:
    got = _recs("Diphtheria has been confirmed in six more schoolchildren in Kano.")
    assert got[6] == {("confirmed_new", "2022-06-15", "Kano")}
    got = _recs("Mumps was diagnosed in nine more soldiers in Lusaka on Monday.")
    assert got[9] == {("confirmed_new", "2022-06-13", "Lusaka")}
    # a count of places is no count of cases
    assert _recs("Cholera has been reported in seven more districts of Zambia.") == {}


def test_a_ranking_with_its_noun_before_the_numbers_counts_each_place() -> None:
    got = _recs(
        "Since the epidemic began, Kenya has confirmed 2,300 cases. Nairobi and Mombasa have "
        "had the most cases, 1,100 and 640 respectively."
    )
    assert got[1100] == {("confirmed_cumulative", "2022-06-15", "Nairobi")}
    assert got[640] == {("confirmed_cumulative", "2022-06-15", "Mombasa")}
    got = _recs(
        "Guinea continues to have the largest number of deaths with 812, followed by "
        "Liberia with 390 and Mali with 12."
    )
    assert got[812] == {("deaths_cumulative", "2022-06-15", "Guinea")}
    assert got[390] == {("deaths_cumulative", "2022-06-15", "Liberia")}
    assert got[12] == {("deaths_cumulative", "2022-06-15", "Mali")}


def test_respectively_reaches_the_subject_before_the_clause_of_its_numbers() -> None:
    got = _recs(
        "The new cases were found in Harare and Bulawayo, with 70 and 15 respectively.",
        "2021-02-02",
    )
    assert {p for _, _, p in got[70]} == {"Harare"}
    assert {p for _, _, p in got[15]} == {"Bulawayo"}
