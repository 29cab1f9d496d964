

def test_a_year_named_with_an_as_of_day_is_the_period_the_total_runs_over() -> None:
    got = _by_value(
        "As of 30 September 2017, 2,310 cases of dengue were reported in Fiji in 2017.",
        "2017-10-20",
    )
    assert got[2310] == "2017-09-30"


def test_a_count_in_n_equals_brackets_after_the_same_period_is_of_that_period() -> None:
    text = (
        "As of 12 July 2017, there were 4,100 cases reported in Samoa in 2017. This is "
        "higher than during the same period in 2016 (n = 3,050)."
    )
    got = _by_value(text, "2017-08-01")
    assert got[3050] == "2016-07-12"


def test_the_same_as_the_previous_day_is_a_comparison_not_the_counts_day() -> None:
    text = (
        "Vietnam reported 120 new infections on June 4, the ministry said on Saturday. "
        "There were no new deaths, the same as the previous day. Hanoi reported 14 cases."
    )
    recs = extract(text, "2021-06-05")
    assert {(r.value, r.date) for r in recs} >= {(0, "2021-06-04"), (14, "2021-06-04")}


def test_every_number_of_a_list_compared_with_takes_the_day_compared_with() -> None:
    text = (
        "Vietnam reported 120 new infections on June 4, the ministry said on Saturday. "
        "Hanoi reported 9 symptomatic and 40 asymptomatic cases, compared with 6 symptomatic "
        "and 31 asymptomatic cases the previous day. Da Nang reported 5 new cases."
    )
    got = _by_value(text, "2021-06-05")
    assert got[9] == got[40] == got[5] == "2021-06-04"
    assert got[6] == got[31] == "2021-06-03"
