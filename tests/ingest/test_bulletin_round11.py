"""The eleventh round (from the unseen dev13 and the error kinds of dev8 .. dev12, see
docs/methods/bulletin.md): each rule checked on invented sentences other than the probes'
(tests/data/bulletins/probes/round11.jsonl), with a counter-example where one applies."""

from __future__ import annotations

from bulletin_records import by_value


def _recs(text: str, pub: str = "2022-06-15") -> dict[int, set[tuple[str, str | None, str]]]:
    return by_value(text, pub)


def test_the_day_of_figures_compared_with_is_not_handed_on() -> None:
    # 2022-06-15 is a Wednesday: 'on Sunday' is the 12th
    text = (
        "Chad's measles toll has risen from 140 deaths and 5,800 cases on Sunday. "
        "Health officials said 151 children had died out of 6,012 cases."
    )
    got = _recs(text)
    assert got[140] == {("deaths_cumulative", "2022-06-12", "Chad")}
    assert got[151] == {("deaths_cumulative", "2022-06-15", "Chad")}
    assert got[6012] == {("confirmed_cumulative", "2022-06-15", "Chad")}
    # a count of the sentence's own ('to 30') keeps its day for the sentences after it
    text = "Chad's tally rose from 20 to 30 deaths on Sunday. Officials said 12 were children."
    assert ("deaths_cumulative", "2022-06-12", "Chad") in _recs(text)[30]


def test_items_in_brackets_after_new_cases_since_a_date_are_new() -> None:
    text = (
        "Since the 20 May report, Peru notified 96 additional dengue cases in 3 regions "
        "(50 cases in Piura, 30 cases in Tumbes and 16 cases in Loreto)."
    )
    got = _recs(text)
    assert got[50] == {("confirmed_new", "2022-06-15", "Piura")}
    assert got[16] == {("confirmed_new", "2022-06-15", "Loreto")}
    # items in brackets after a total stay totals
    text = (
        "Since January, Peru has notified a total of 960 dengue cases "
        "(500 cases in Piura, 460 cases in Tumbes)."
    )
    assert _recs(text)[500] == {("confirmed_cumulative", "2022-06-15", "Piura")}


def test_the_first_item_after_a_number_of_countries_is_a_count() -> None:
    text = "Ebola spread to 2 countries (14 cases in Guinea, 3 cases in Mali)."
    assert set(_recs(text)) >= {14, 3}
    # ... while '33 countries (4 new)' still counts no countries
    assert 4 not in _recs("Cases have now been found in 33 countries (4 new).")


def test_a_place_someone_came_home_from_is_not_the_province_said_later() -> None:
    text = (
        "Nova Scotia reported one new case on Monday, a woman who returned home from work "
        "in Quebec. The province has 7 active cases."
    )
    assert _recs(text)[7] == {("active", "2022-06-13", "Nova Scotia")}
    # a place named where the count was made still carries
    text = "Quebec reported 40 new cases on Monday. The province has 700 active cases."
    assert _recs(text)[700] == {("active", "2022-06-13", "Quebec")}


def test_counts_since_a_day_of_the_week_are_flows() -> None:
    got = _recs("Bolivia registered 95 deaths and 2,300 infections since Friday.")
    assert {c for c, _, _ in got[95]} == {"deaths_new"}
    assert {c for c, _, _ in got[2300]} == {"confirmed_new"}
    # since a month, or with a word of a total before it, a total
    got = _recs("Bolivia has registered 950 deaths since March.")
    assert {c for c, _, _ in got[950]} == {"deaths_cumulative"}
    got = _recs("The toll in Bolivia reached 980 deaths since Friday's report.")
    assert {c for c, _, _ in got[980]} == {"deaths_cumulative"}


def test_a_day_after_up_from_is_the_compared_figures() -> None:
    got = _recs("WHO says 3,100 people have died in Guinea, up from 2,950 on Sunday.")
    assert got[3100] == {("deaths_cumulative", "2022-06-15", "Guinea")}
    assert got[2950] == {("deaths_cumulative", "2022-06-12", "Guinea")}
    # a day of the count's own still makes the present perfect a day's count
    got = _recs("Guinea says 12 people have died on Sunday.")
    assert {c for c, _, _ in got[12]} == {"deaths_new"}


def test_a_place_between_a_bare_number_and_its_verb() -> None:
    got = _recs("So far, 3,050 in Manitoba have been diagnosed with the disease.")
    assert got[3050] == {("confirmed_cumulative", "2022-06-15", "Manitoba")}
    got = _recs("Officials said 880 in Kano have recovered.")
    assert {c for c, _, _ in got[880]} == {"recovered_cumulative"}
    # a part of a whole said before stays that whole's ("only one has been confirmed")
    got = _recs("Of the 25 suspected deaths in Kano, only one has been confirmed as cholera.")
    assert not any(c == "confirmed_cumulative" for c, _, _ in got.get(1, set()))


def test_an_initialism_does_not_end_a_counts_phrase() -> None:
    got = _recs("Overall, 96 people in the U.K. have died of the variant.")
    assert {c for c, _, _ in got[96]} == {"deaths_cumulative"}


def test_a_number_after_a_subject_that_rose_is_its_new_level() -> None:
    got = _recs("Deaths in Sudan also climbed, with 412 recorded by Monday.")
    assert got[412] == {("deaths_cumulative", "2022-06-13", "Sudan")}
    # the subject's 'new' makes it the day's
    got = _recs("New infections in Sudan rose, with 58 reported on Monday.")
    assert got[58] == {("confirmed_new", "2022-06-13", "Sudan")}


def test_the_day_of_a_first_case_does_not_date_the_counts_beside_it() -> None:
    text = (
        "With four more deaths, the cholera toll this year rose to 19, officials said, noting "
        "that the first fatality of the season was reported on 3 April."
    )
    got = _recs(text)
    assert {d for _, d, _ in got[4]} == {"2022-06-15"}
    assert {d for _, d, _ in got[19]} == {"2022-06-15"}
    # a day that is the counts' own still dates them
    got = _recs("Four deaths were reported on 3 June, officials said.")
    assert {d for _, d, _ in got[4]} == {"2022-06-03"}


def test_people_who_entered_the_country_are_imported() -> None:
    text = (
        "Laos reported 9 new cases; of the new cases, 7 were people who entered Laos from Thailand."
    )
    got = _recs(text)
    assert {c for c, _, _ in got[7]} == {"imported_new"}


def test_a_place_after_a_part_set_off_by_dashes_is_the_heads() -> None:
    got = _recs("Kenya reported 77 new cases – including 3 deaths – in Mombasa on Monday.")
    assert got[77] == {("confirmed_new", "2022-06-13", "Mombasa")}
    # ... as after a part set off by commas, as before
    got = _recs("Kenya reported 77 new cases, including 3 deaths, in Mombasa on Monday.")
    assert got[77] == {("confirmed_new", "2022-06-13", "Mombasa")}
