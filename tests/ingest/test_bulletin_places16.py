"""Round 16, places part two (tuned on dev20): each rule on a short invented text in the
wording of regional news on a city or district that quotes its province's and country's
figures."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str | None) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_one_number_for_several_unknown_names_before_each_gives_one_record_per_name() -> None:
    text = (
        "Meanwhile, Hyderabad reported 41 new cases, Larkana 9, Kotri and Sehwan four each, "
        "Badin two, Tando Jam, Kunri and Nagarparkar one each."
    )
    got = _recs(text, "2020-11-02")
    for name in ("Kotri", "Sehwan"):
        assert ("2020-11-02", name, "confirmed_new", 4) in got
    for name in ("Tando Jam", "Kunri", "Nagarparkar"):
        assert ("2020-11-02", name, "confirmed_new", 1) in got
    assert not {r for r in got if r[1] and " and " in r[1]}


def test_one_number_each_from_two_unknown_names_gives_one_record_per_name() -> None:
    text = (
        "Khordha accounted for 21 deaths, nine each from Jajpur and Bhadrak and three from "
        "Kandhamal."
    )
    got = _recs(text, "2021-07-26")
    assert ("2021-07-26", "Jajpur", "deaths_new", 9) in got
    assert ("2021-07-26", "Bhadrak", "deaths_new", 9) in got


def test_a_city_story_that_turns_to_its_country_named_after_a_total_goes_on_about_it() -> None:
    text = (
        "512 new COVID-19 cases were reported today in Pune, taking the city's total to 9,120.\n"
        "A total of 61,004 confirmed cases have been reported in India so far. 2,030 people "
        "have lost their lives, the ministry said."
    )
    got = _recs(text, "2020-05-09")
    assert ("2020-05-09", "Pune", "confirmed_new", 512) in got
    assert ("2020-05-09", "India", "confirmed_cumulative", 61004) in got
    assert ("2020-05-09", "India", "deaths_cumulative", 2030) in got
