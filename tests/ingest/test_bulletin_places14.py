"""Where a count belongs (fourteenth round, places: a country's counts given to its city, a
state's counts given to its country; dev16): each rule checked on invented sentences."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str = "2020-05-10") -> dict[int, set[tuple[str | None, str, str | None]]]:
    """value -> the (place, category, date) the extractor gave it."""
    out: dict[int, set[tuple[str | None, str, str | None]]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add((r.place, r.category, r.date))
    return out


def test_a_state_named_after_its_counts_carries_on_in_a_round_up_of_states() -> None:
    got = _recs(
        "Rajasthan reported 106 new cases today. 417 new cases have been reported in "
        "Karnataka. The total number of cases stands at 9,360, including 318 deaths."
    )
    assert got[417] == {("Karnataka", "confirmed_new", "2020-05-10")}
    assert got[9360] == {("Karnataka", "confirmed_cumulative", "2020-05-10")}
    assert got[318] == {("Karnataka", "deaths_cumulative", "2020-05-10")}


def test_a_breakdown_named_after_the_country_s_count_does_not_carry_on() -> None:
    got = _recs(
        "India reported 3,277 new cases today. 417 new cases have been reported in "
        "Karnataka. The total number of cases stands at 62,939."
    )
    assert {p for p, _, _ in got[62939]} == {"India"}
