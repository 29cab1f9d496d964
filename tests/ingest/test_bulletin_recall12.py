"""Recall rules of the eighth tuning round, on invented text: labels joined to their figure
by an equals sign, lines of named numbers under a head line ending with a colon, a block of
labelled count lines that is no table of places, survivors as recoveries."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.equals import Equals
from flareup.ingest.bulletin.wording import item_line


def _tuples(text: str, pub: str | None = "2015-03-09") -> set[tuple[str | None, str, int]]:
    return {(r.place, r.category, r.value) for r in extract(text, pub)}


def test_equals_sign_reads_as_a_label_colon() -> None:
    text = "Cholera update, Zambia\nConfirmed deaths = 12\nSuspected cases=340\n"
    recs = extract(text, "2015-03-09")
    got = {(r.category, r.value) for r in recs}
    assert ("deaths_cumulative", 12) in got
    assert ("suspected", 340) in got
    for r in recs:  # spans, evidence and sentence are the text as written
        assert text[r.start : r.end] == r.evidence
        assert r.sentence in text


def test_equals_sign_of_a_statistic_is_no_label() -> None:
    eq = Equals("Most cases (n=47; 48%) were men; 3 + 4 = 7.")
    assert not eq.changed()
    eq = Equals("Deaths = 5, recovered = 1,200")
    assert eq.text == "Deaths: 5, recovered: 1,200"
    assert eq.to_original(eq.text.index("1,200")) == eq.original.index("1,200")


def test_lines_of_named_numbers_are_items_of_the_head_line() -> None:
    got = _tuples(
        "MALAWI CHOLERA REPORT\n"
        "New confirmed cases: 9 as follows:\n"
        "Nsanje: 4, Chikwawa: 3\n"
        "Blantyre: 2, Upper Shire Valley: 0\n"
        "Total deaths are 11.\n"
    )
    assert ("Malawi", "confirmed_new", 9) in got
    assert ("Nsanje", "confirmed_new", 4) in got
    assert ("Chikwawa", "confirmed_new", 3) in got
    assert ("Blantyre", "confirmed_new", 2) in got
    assert ("Upper Shire Valley", "confirmed_new", 0) in got
    # the list ends where a line is no longer named numbers
    assert ("Malawi", "deaths_cumulative", 11) in got


def test_item_line_is_only_named_numbers() -> None:
    assert item_line("Nsanje: 4, Chikwawa: 3")
    assert item_line("Bo = 297, Western Area Urban = 1,526")
    assert item_line("- Lagos (64), Kano (12) and Oyo (3)")
    assert not item_line("Nsanje reported 4 new cases.")
    assert not item_line("Deaths rose to 12, Lagos said.")


def test_labelled_count_lines_under_a_heading_are_prose_not_a_table() -> None:
    got = {
        (c, v)
        for _, c, v in _tuples(
            "Liberia situation\nCUMULATIVE FIGURES\n- Probable cases = 41\n"
            "- Probable deaths = 17\n- Suspected cases = 230\n"
        )
    }
    assert {("probable", 41), ("deaths_cumulative", 17), ("suspected", 230)} <= got


def test_survivors_are_recoveries() -> None:
    got = {(c, v) for _, c, v in _tuples("Total survived and discharged patients: 812")}
    assert ("recovered_cumulative", 812) in got


def test_places_listed_before_each_with_a_gerund_share_the_count() -> None:
    got = _tuples(
        "Texas reported 900 new cases on Monday, with Dallas logging 210 and Austin and "
        "Houston reporting 45 each.",
        "2021-04-06",
    )
    assert ("Austin", "confirmed_new", 45) in got
    assert ("Houston", "confirmed_new", 45) in got
    assert ("Dallas", "confirmed_new", 210) in got


def test_each_from_lists_every_place() -> None:
    got = _tuples("Kerala reported 300 new cases: 12 each from Kollam and Kannur.", "2021-04-06")
    assert ("Kollam", "confirmed_new", 12) in got
    assert ("Kannur", "confirmed_new", 12) in got


def test_each_in_list_names_an_unknown_place_beside_known_ones() -> None:
    got = _tuples(
        "Of the 9 new local cases, 6 were in Seoul and one each in Busan, Daegu and South Jeolla.",
        "2021-04-06",
    )
    assert ("South Jeolla", "local_new", 1) in got
    assert ("Busan", "local_new", 1) in got


def test_bracketed_counts_after_places_named_with_their_unit_word() -> None:
    got = _tuples(
        "Most new cases were registered in Lviv region (212), Kharkiv region (150) and Kyiv (96).",
        "2021-02-02",
    )
    assert {v for _, c, v in got if c == "confirmed_new"} >= {212, 150, 96}


def test_bracketed_counts_after_case_counts() -> None:
    got = _tuples(
        "Four countries reported high case counts in March: Spain (120), Poland (80), "
        "Austria (45) and Belgium (30).",
        "2019-04-20",
    )
    assert {v for _, c, v in got if c.startswith("confirmed")} >= {120, 80, 45, 30}


def test_counts_of_local_government_areas_are_no_counts() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    nums = find_numbers("12 LGAs have crossed the threshold and 4 woredas report 30 cases")
    assert [n.value for n in nums] == [30]


def test_parts_by_how_cases_were_confirmed_are_not_annotated() -> None:
    got = {
        (c, v)
        for _, c, v in _tuples(
            "In Peru, 300 probable cases have been reported in 2019, of which 90 cases were "
            "confirmed (81 by laboratory and 9 by epidemiological link).",
            "2019-11-04",
        )
    }
    assert not {v for _, v in got} & {81, 9}
    assert 300 in {v for _, v in got}


def test_epidemiological_week_numbers_are_no_counts() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    nums = find_numbers("Between EW 1 and EW 38 of 2019, 120 cases were notified.")
    assert [n.value for n in nums] == [120]


def test_parts_by_nationality_or_residence_are_not_annotated() -> None:
    got = {
        v
        for _, _, v in _tuples(
            "Of the 90 cases announced today, 21 are among Qatari nationals and 69 are among "
            "non-Qatari residents. Of the imported cases, 7 were Japanese nationals.",
            "2020-06-01",
        )
    }
    assert 90 in got
    assert not got & {21, 69, 7}


def test_parts_by_known_link_are_not_annotated() -> None:
    got = {
        v
        for _, _, v in _tuples(
            "There are 52 new cases today. Thirty of these cases are linked, and 22 remain "
            "unlinked.",
            "2021-10-20",
        )
    }
    assert 52 in got
    assert not got & {30, 22}


def test_screening_and_diagnostic_tests_are_tests() -> None:
    got = {
        (c, v)
        for _, c, v in _tuples(
            "In all, 80 RDT screening tests and 35 PCR diagnostic tests were done."
        )
    }
    assert {("tested", 80), ("tested", 35)} <= got


def test_the_infection_number_is_a_count_of_cases() -> None:
    got = {(c, v) for _, c, v in _tuples("Since 2013 the infection number has reached 61.")}
    assert ("confirmed_cumulative", 61) in got


def test_a_scale_word_after_a_range_scales_both_bounds() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    got = [(n.value, n.value_max) for n in find_numbers("between 2.5 to 6 million cases")]
    assert got == [(2_500_000, 6_000_000)]
    got = [(n.value, n.value_max) for n in find_numbers("some 3-5 thousand deaths")]
    assert got == [(3_000, 5_000)]
    # a change from a smaller figure keeps its own scale
    got = [(n.value, n.value_max) for n in find_numbers("cases rose from 900 to 1.5 million")]
    assert got == [(900, None), (1_500_000, None)]


def test_counts_of_named_groups_of_units_are_no_counts() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    assert find_numbers("Chile is one of three South American countries to do so") == []
    assert find_numbers("as reported by 27 EU/EEA member states") == []
    assert [n.value for n in find_numbers("in 9 oblasts, 40 cases")] == [40]


def test_parts_by_sex_or_age_group_are_not_annotated() -> None:
    got = {
        v
        for _, _, v in _tuples(
            "Of the 310 cases, 140 cases were female. There were 85 deaths, 19 of which were "
            "reported among children.",
            "2019-10-10",
        )
    }
    assert {310, 85} <= got
    assert not got & {140, 19}


def test_health_workers_among_the_cases_and_their_breakdown_are_not_annotated() -> None:
    got = _tuples(
        "Punjab reported 2,310 new cases on Monday. 95 health workers too contracted the "
        "virus. They include 40 from Lahore and 12 from Multan.",
        "2020-10-13",
    )
    assert ("Punjab", "confirmed_new", 2310) in got
    assert not {v for _, _, v in got} & {95, 40, 12}


def test_bare_numbers_led_by_a_place_and_its_gerund_count_the_sentence_noun() -> None:
    got = _tuples(
        "High case totals were seen across the north, with Kano logging 120 and Kaduna "
        "reporting 45.",
        "2021-04-09",
    )
    assert ("Kano", "confirmed_new", 120) in got or ("Kano", "confirmed_cumulative", 120) in got
    assert any(p == "Kaduna" and v == 45 for p, _, v in got)


def test_a_count_right_after_a_dateline_date_and_colon_is_read() -> None:
    got = {
        (c, v)
        for _, c, v in _tuples(
            "Patna, Aug 3: Four more deaths were reported in Bihar on Tuesday.", "2021-08-03"
        )
    }
    assert ("deaths_new", 4) in got
    got = {
        (c, v)
        for _, c, v in _tuples(
            "SHILLONG, Aug 3: 12 new cases were reported on Tuesday.", "2021-08-03"
        )
    }
    assert ("confirmed_new", 12) in got
