"""Plain-text tables in bulletins (layout and the counts of their cells), each on an invented
table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.text_tables import find_tables, split_header


def _recs(
    text: str, pub: str | None = "2021-05-10"
) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_header_of_single_spaced_words_is_cut_at_its_head_nouns() -> None:
    assert split_header("Date New cases Total deaths") == ("Date", ["New cases", "Total deaths"])
    assert split_header("Region Suspected Confirmed Deaths", fine=True) == (
        "Region",
        ["Suspected", "Confirmed", "Deaths"],
    )
    assert split_header("Province 2019 2020") == ("Province", ["2019", "2020"])


def test_a_table_of_days_gives_each_day_its_new_counts_in_the_title_s_place() -> None:
    text = (
        "Cholera in Nairobi in March\n\n"
        "Date Suspected cases Deaths\n"
        "Mar 3 12 1\n"
        "Mar 4 9 0\n"
        "Mar 5 20 2\n"
        "Source: county surveillance\n"
    )
    got = _recs(text, "2021-03-08")
    assert ("2021-03-03", "Nairobi", "suspected_new", 12) in got
    assert ("2021-03-04", "Nairobi", "deaths_new", 0) in got
    assert ("2021-03-05", "Nairobi", "deaths_new", 2) in got
    assert len(got) == 6


def test_a_table_of_one_cell_per_line_with_years_as_rows() -> None:
    text = (
        "Since 2017, Chad has reported 95 cases of the disease, including 40 deaths.\n"
        "Table 2. Human cases by year\n"
        "Year |\nCases |\nDeaths |\n"
        "2017 |\n30 |\n12 |\n"
        "2018 |\n45 |\n20 |\n"
        "2019 (as of 30 June 2019) |\n20 |\n8 |\n"
        "Total |\n95 |\n40 |\n"
    )
    got = _recs(text, "2019-07-02")
    assert ("2017", "Chad", "confirmed_new", 30) in got
    assert ("2018", "Chad", "deaths_new", 20) in got
    assert ("2019-06-30", "Chad", "confirmed_new", 20) in got
    # the Total row repeats the totals said in the prose: one fact each, no second record
    assert sum(1 for r in got if r[3] == 95) == 1


def test_a_pipe_table_of_places_gives_each_place_its_totals() -> None:
    text = (
        "Dengue situation by district as of 4 May 2021\n"
        "District | Cases | Deaths\n"
        "Colombo | 1,210 | 3\n"
        "Gampaha | 845 | -\n"
        "Total | 2,055 | 3\n"
    )
    got = _recs(text)
    assert ("2021-05-04", "Colombo", "confirmed_cumulative", 1210) in got
    assert ("2021-05-04", "Colombo", "deaths_cumulative", 3) in got
    assert ("2021-05-04", "Gampaha", "confirmed_cumulative", 845) in got
    assert any(r[3] == 2055 and r[2] == "confirmed_cumulative" for r in got)
    assert not any(r[3] == 0 for r in got)  # the dash is an empty cell, no zero


def test_a_place_the_gazetteer_lacks_is_a_row_s_place_but_a_kind_of_people_is_not() -> None:
    text = (
        "New measles cases reported this week\n"
        "Area\tNew cases\n"
        "Upper Riverside\t14\n"
        "Children under 5\t6\n"
        "Lowland Valley\t3\n"
    )
    got = _recs(text)
    places = {r[1] for r in got}
    assert {"Upper Riverside", "Lowland Valley"} <= places
    assert not any(r[3] == 6 for r in got)
    assert all(r[2] == "confirmed_new" for r in got)


def test_a_table_of_weeks_dates_each_week_on_its_last_day() -> None:
    text = "Admissions in Sana'a\nWeek  Admissions\nWeek 4  125\nWeek 5  84\n"
    got = _recs(text, "2018-02-24")
    assert any(r[0] == "2018-01-28" and r[2] == "hospitalized" and r[3] == 125 for r in got)
    assert any(r[0] == "2018-02-04" and r[3] == 84 for r in got)


def test_prose_with_numbers_on_each_line_is_no_table() -> None:
    text = (
        "The ministry said 12 new cases were found on Monday.\n"
        "Another 4 deaths were recorded in 2 districts.\n"
        "Officials tested 300 people.\n"
    )
    assert find_tables(text) == []
    lines = "Region Cases\nThe North reported 12 new cases\nThe South 4\n"
    assert find_tables(lines) == []


def test_label_lines_under_a_count_are_its_parts_by_place() -> None:
    text = (
        "Ghana recorded 93 new cases of meningitis this week. They are spread as follows:\n"
        "Upper East: 51\n"
        "Northern – 30\n"
        "Savannah 12\n"
    )
    got = _recs(text, "2021-03-05")
    assert ("2021-03-05", "Upper East", "confirmed_new", 51) in got
    assert any(r[1] and r[1].startswith("Northern") and r[3] == 30 for r in got)
    assert any(r[1] == "Savannah" and r[3] == 12 for r in got)


def test_label_lines_under_a_countless_heading_take_its_category_and_day() -> None:
    text = "Deaths by state on 4 May 2021:\n- Kano: 14\n- Lagos: 9\n"
    got = _recs(text)
    assert ("2021-05-04", "Kano", "deaths_cumulative", 14) in got
    assert ("2021-05-04", "Lagos", "deaths_cumulative", 9) in got


def test_key_value_lines_of_categories_are_no_list_of_places() -> None:
    text = "Situation in Malawi as of 3 May 2021:\nSuspected cases: 1,204\nDeaths: 23\n"
    assert find_tables(text) == []


def test_a_rate_column_and_days_in_digits_keep_the_table_and_give_no_count() -> None:
    text = (
        "Measles in Lusaka, daily counts\n"
        "Date | New cases | Deaths | CFR (%)\n"
        "2021-05-01 | 14 | 1 | 7.1\n"
        "2021-05-02 | 9 | 0 | 0.0\n"
    )
    got = _recs(text, "2021-05-03")
    assert ("2021-05-01", "Lusaka", "confirmed_new", 14) in got
    assert ("2021-05-02", "Lusaka", "deaths_new", 0) in got
    assert len(got) == 4


def test_a_gap_between_thousands_is_not_read_as_two_cells() -> None:
    text = "Region Cases Deaths\nLagos 1 234 12\nKano 2 001 30\n"
    assert find_tables(text) == []
    text = "Day Cases Deaths\nSept 1 120 3\nSept 2 98 1\n"
    assert [r.label.text for r in find_tables(text)[0].rows] == ["Sept 1", "Sept 2"]


def test_lines_of_a_count_in_a_place_or_a_place_with_a_bracketed_count() -> None:
    text = "Uganda confirmed 30 new cases of Ebola on Friday:\n21 in Mubende\n9 in Kassanda\n"
    got = _recs(text, "2022-10-01")
    assert ("2022-09-30", "Mubende", "confirmed_new", 21) in got
    assert ("2022-09-30", "Kassanda", "confirmed_new", 9) in got
    text = "Uganda confirmed 30 new cases of Ebola on Friday:\nMubende (21)\nKassanda (9)\n"
    assert ("2022-09-30", "Kassanda", "confirmed_new", 9) in _recs(text, "2022-10-01")


def test_a_markdown_table_with_a_rule_under_its_header() -> None:
    text = (
        "Mpox cases and deaths by state, as of 2 August 2022\n\n"
        "| State | Cases | Deaths |\n"
        "|---|---|---|\n"
        "| Lagos | 31 | 1 |\n"
        "| Rivers | 12 | 0 |\n"
    )
    got = _recs(text, "2022-08-04")
    assert ("2022-08-02", "Lagos", "confirmed_cumulative", 31) in got
    assert ("2022-08-02", "Rivers", "deaths_cumulative", 0) in got


_PIECES = st.sampled_from(
    [
        "Cases",
        "Deaths",
        "Region",
        "Year",
        "Lagos",
        "Sep 3",
        "2019",
        "12",
        "1,204",
        "-",
        "|",
        "week 4",
        "Total",
        "\t",
        "  ",
        " ",
        "\n",
        ":",
        "(",
        ")",
        "7.5",
        "%",
        "new cases",
        "x",
    ]
)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_any_text_gives_cells_that_are_exact_substrings(pieces: list[str]) -> None:
    text = "".join(pieces)
    for t in find_tables(text):
        assert 0 <= t.start <= t.end <= len(text)
        for row in t.rows:
            for c in (row.label, *row.cells):
                assert text[c.start : c.end] == c.text
    for r in extract(text, "2021-05-10"):
        assert text[r.start : r.end] == r.evidence


def test_rows_of_units_with_their_unit_word_or_a_footnote_mark() -> None:
    text = (
        "Ebola by health zone, as of 3 June 2018\n"
        "Health zone | Confirmed | Deaths\n"
        "Bikoro health zone | 10 | 18\n"
        "Iboko health zone* | 21 | 5\n"
        "Trinidad and Tobago | 4 | 3\n"
    )
    got = {(r.value, r.category): (r.place, r.place_text) for r in extract(text, "2018-06-05")}
    assert got[(10, "confirmed_cumulative")] == ("Bikoro", "Bikoro health zone")
    assert got[(21, "confirmed_cumulative")][0] == "Iboko"
    assert got[(4, "confirmed_cumulative")][0] == "Trinidad and Tobago"


def test_a_header_whose_columns_repeat_a_kind_is_not_read_as_a_table() -> None:
    text = "Province | New | Total | New | Total\nLagos | 3 | 40 | 0 | 2\nKano | 1 | 9 | 0 | 1\n"
    assert not any(r.sentence.startswith("Lagos") for r in extract(text, "2021-05-10"))


def test_a_table_of_months_takes_its_title_s_year() -> None:
    text = "Monthly dengue cases in Fiji, 2019\nMonth Cases Deaths\nMarch 1,200 4\nApril 980 2\n"
    got = _recs(text, "2020-02-01")
    assert ("2019-03", "Fiji", "confirmed_new", 1200) in got
    assert ("2019-04", "Fiji", "deaths_new", 2) in got


def test_a_table_of_places_under_a_period_title_holds_that_period_s_new_counts() -> None:
    text = (
        "Cholera cases notified between 1 and 30 April 2021\n"
        "District | Cases | Deaths\n"
        "Beira | 40 | 1\n"
        "Dondo | 12 | 0\n"
    )
    recs = {r.value: r for r in extract(text, "2021-05-03")}
    assert (recs[40].category, recs[40].date, recs[40].period_start) == (
        "confirmed_new",
        "2021-04-30",
        "2021-04-01",
    )


def test_a_list_on_one_line_after_a_countless_lead_gives_each_place_its_count() -> None:
    from flareup.ingest.bulletin.text_tables import inline_list

    table = inline_list(
        "New dengue cases by district on Friday: Colombo 412, Gampaha 230 and Kandy 97."
    )
    assert table is not None and table.kind == "inline"
    assert [(r.label.text, r.cells[0].value) for r in table.rows] == [
        ("Colombo", 412),
        ("Gampaha", 230),
        ("Kandy", 97),
    ]
    # a lead with a count of its own heads a breakdown (prose), and a lone item is no list
    assert inline_list("Sri Lanka reported 739 new cases: Colombo 412, Gampaha 230.") is None
    assert inline_list("New cases: Colombo 412.") is None
    got = _recs("Cumulative cases by oblast: Almaty 3,429 (+39), Shymkent 2,100 (+12).")
    assert ("2021-05-10", "Almaty", "confirmed_cumulative", 3429) in got
    assert ("2021-05-10", "Almaty", "confirmed_new", 39) in got
    assert ("2021-05-10", "Shymkent", "confirmed_new", 12) in got


def test_a_list_title_s_count_noun_skips_function_words_and_says_new_or_total() -> None:
    text = "Newly confirmed cases in Punjab, 3 May:\nLahore — 60\nMultan — 25\nFaisalabad — 4"
    assert ("2021-05-03", "Lahore", "confirmed_new", 60) in _recs(text)
    text = "Breakdown of cumulative deaths as of 3 May:\nLahore 60\nMultan 25\nFaisalabad 4"
    assert ("2021-05-03", "Multan", "deaths_cumulative", 25) in _recs(text)


def test_list_lines_with_deaths_in_brackets_and_a_lead_of_carriers() -> None:
    text = "Total cases by region as of 2 May:\nAmhara: 1,210 (14 deaths)\nOromia: 980 (9 deaths)"
    got = _recs(text)
    assert ("2021-05-02", "Oromia", "confirmed_cumulative", 980) in got
    assert ("2021-05-02", "Oromia", "deaths_cumulative", 9) in got
    text = "New asymptomatic carriers on 9 May:\nShanghai – 96\nJilin – 12"
    assert ("2021-05-09", "Jilin", "asymptomatic_new", 12) in _recs(text)


def test_list_lines_of_two_counts_under_a_title_without_a_count_noun() -> None:
    text = "Dengue, cumulative figures as of 2 May:\nDhaka: 4,100 cases; 12 deaths\nKhulna: 900 cases; 3 deaths"
    got = _recs(text)
    assert ("2021-05-02", "Khulna", "confirmed_cumulative", 900) in got
    assert ("2021-05-02", "Khulna", "deaths_cumulative", 3) in got
