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


def test_a_city_dateline_with_outlet_and_day_in_brackets_and_no_mark_is_no_place() -> None:
    text = (
        "TBILISI (UrduPoint News / Sputnik - 05th March, 2020) Two new cases of coronavirus "
        "have been confirmed in Georgia, bringing the total in the country to five, the "
        "ministry said.\n\n"
        '"Three cases that we spoke about as possible were confirmed in the laboratory," the '
        "ministry said."
    )
    got = _recs(text, "2020-03-05")
    assert ("2020-03-05", "Georgia", "confirmed_new", 2) in got
    assert not {r for r in got if r[1] == "Tbilisi"}


def test_by_global_standards_names_no_place() -> None:
    text = (
        "Guangzhou, with a population of nearly 19 million, reported 31 new locally "
        "transmitted cases for Tuesday, with the daily count creeping up from single "
        "digits earlier this month.\n\n"
        "Though the caseload is still negligible by global standards, the slow uptick has"
        " pushed Guangzhou authorities to step up vigilance, to comply with the central "
        "government’s “dynamic zero” policy of containing outbreaks as soon as they "
        "emerge.\n\n"
        "Guangzhou has not ordered blanket closure of businesses or tough curbs on "
        "people’s movement but has sealed residential compounds and buildings identified "
        "as being at higher risk.\n\n"
        "Out of Tuesday’s 31 local infections, 12 were found in Guangzhou’s Baiyun "
        "district, home to tech giants several firms."
    )
    got = _recs(text, "2022-07-20")
    assert ("2022-07-19", "Guangzhou", "local_new", 31) in got
    assert not {r for r in got if r[1] == "World"}


def test_a_list_of_the_countrys_provinces_after_its_total_keeps_the_text_on_the_country() -> None:
    text = (
        "Lahore's five new cases take the city's tally to 88\n\n"
        "This brings the known coronavirus cases across Pakistan to 1,100. Below is a "
        "breakdown of these cases:\n\n"
        "Pakistan: 1,100\nIslamabad: 20\nPunjab: 330\nSindh: 420\n\n"
        "So far, nine people have died of the virus."
    )
    got = _recs(text, "2020-03-26")
    assert ("2020-03-26", "Pakistan", "deaths_cumulative", 9) in got
    assert ("2020-03-26", "Punjab", "confirmed_cumulative", 330) in got


def test_a_district_the_gazetteer_lacks_keeps_its_count_before_a_list_followed_by() -> None:
    text = (
        "Odisha recorded 1,902 new Covid cases. Jajpur district reported the highest 410 new "
        "cases followed by Cuttack (213) and Puri (118)."
    )
    got = _recs(text, "2021-07-26")
    assert ("2021-07-26", "Jajpur", "confirmed_new", 410) in got
    assert ("2021-07-26", "Cuttack", "confirmed_new", 213) in got
    assert not {r for r in got if r[1] == "India"}


def test_a_running_total_after_a_district_the_gazetteer_lacks_stays_on_the_state() -> None:
    text = (
        "BHUBANESWAR: A fresh cluster emerged from Bargarh district as Odisha recorded 1,644 "
        "new Covid cases in the last 24 hours taking the tally to 9,70,112 on Monday."
    )
    got = _recs(text, "2021-07-27")
    assert ("2021-07-26", "Odisha", "confirmed_cumulative", 970112) in got
    assert not {r for r in got if r[1] == "India"}


def test_counts_in_a_city_and_outside_it_put_the_text_on_the_country() -> None:
    text = (
        '"As many as 412 dengue patients were hospitalised in Dhaka city and 187 patients '
        'were admitted to hospitals outside Dhaka during the past 24 hours," the DGHS said.\n'
        "With the new cases, the total number of dengue patients this year rose to 21,406."
    )
    got = _recs(text, "2022-10-05")
    assert {r for r in got if r[3] == 412 and r[1] == "Dhaka"}
    assert {r for r in got if r[3] == 187 and r[1] == "Outside Dhaka"}
    assert ("2022-10-05", "Bangladesh", "confirmed_cumulative", 21406) in got
