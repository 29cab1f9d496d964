"""Dates and places of the sixth tuning round (dev10's error classes), each checked on an
invented sentence."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.places import gazetteer
from flareup.ingest.bulletin.years import year_mentions


def _recs(
    text: str, pub: str | None = "2021-05-10"
) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_english_names_of_kazakhstan_s_regions_and_the_capital_s_former_name() -> None:
    gaz = gazetteer()
    found = gaz.find("Cases were found in Nur-Sultan, Akmola region and North Kazakhstan region.")
    assert [p.place.name for p in found] == [
        "Astana",
        "Aqmola oblysy",
        "Soltustik Qazaqstan oblysy",
    ]
    # "Almaty region" is the region around the city, not the city
    found = gaz.find("Two deaths in Almaty region and one in Almaty.")
    assert [p.place.name for p in found] == ["Almaty oblysy", "Almaty"]


def test_a_who_region_is_written_with_the_body_s_name() -> None:
    text = (
        "Since January, 310 suspected cases have been reported from five countries in the "
        "WHO African Region, of which 41 were confirmed."
    )
    recs = extract(text, "2022-07-01")
    by_value = {r.value: r for r in recs}
    assert by_value[310].place_text == "WHO African Region"
    assert by_value[41].place_text == "WHO African Region"


def test_countries_and_territories_of_a_region_are_the_region_s() -> None:
    text = (
        "In 2019, 2,310 measles cases have been reported in 11 countries and territories of "
        "the Region of the Americas: Peru (20 cases), Chile (9 cases)."
    )
    got = {r.value: r.place for r in extract(text, "2019-06-30")}
    assert got[2310] == "Region of the Americas"
    assert got[20] == "Peru"


def test_a_dateline_with_the_re_publisher_s_bracket_and_no_mark_after_it() -> None:
    text = (
        "TUNIS, (Outlet / Agency - 3rd May, 2020) The Tunisian health ministry reported 12 "
        "new cases on Sunday.\nThe number of recoveries stands at 310."
    )
    got = {r.value: r.place for r in extract(text, "2020-05-04")}
    assert got[12] == "Tunisia"
    assert got[310] == "Tunisia"  # the filing city is no count's place


def test_the_day_in_a_dateline_before_the_bracket_is_when_the_story_was_filed() -> None:
    text = (
        "JINAN, Mar. 9 (Outlet / Agency - 9th Mar, 2021 ) :Shandong Province reported 7 "
        "local cases and 4 asymptomatic infections on Monday, health authorities said on "
        "Tuesday."
    )
    got = {(r.date, r.place, r.value) for r in extract(text, "2021-03-09")}
    assert ("2021-03-08", "Shandong", 7) in got
    assert ("2021-03-08", "Shandong", 4) in got


def test_an_outlet_in_brackets_then_the_filing_day_is_a_dateline() -> None:
    text = (
        "(Some Outlet) June 3 -- Zhejiang Province reported 5 new confirmed cases and 1 new "
        "death yesterday, the provincial health commission said today."
    )
    got = _recs(text, "2021-06-03")
    assert ("2021-06-02", "Zhejiang", "confirmed_new", 5) in got
    assert ("2021-06-02", "Zhejiang", "deaths_new", 1) in got


def test_last_year_is_the_year_before_the_publication_year() -> None:
    text = "Last year, the ministry recorded 412 measles cases in Uttar Pradesh."
    got = {(r.date, r.place, r.value) for r in extract(text, "2019-06-12")}
    assert ("2018", "Uttar Pradesh", 412) in got


def test_the_past_year_early_in_a_year_is_the_year_just_ended() -> None:
    found = year_mentions("During the past year, 77 cases were found.", None, 2021, 1)
    assert [v for _, _, v in found] == ["2020"]
    # later in the year the words mean the twelve months to the text's day
    assert year_mentions("During the past year, 77 cases were found.", None, 2021, 7) == []


def test_last_year_compared_with_or_as_a_month_s_year_is_no_count_s_year() -> None:
    pub = dt.date(2021, 3, 1)
    assert (
        year_mentions("up 9 percent compared to last year, with 512 cases", pub, None, None) == []
    )
    assert (
        year_mentions("since the outbreak began in May last year, 40 cases", pub, None, None) == []
    )


def test_a_range_of_years_listed_respectively_gives_each_item_its_year() -> None:
    text = (
        "Bolivia reported 31, 12 and 45 rabies cases in 2016-2018, respectively, "
        "according to the ministry."
    )
    got = {(r.date, r.value) for r in extract(text, "2019-04-02")}
    assert {("2016", 31), ("2017", 12), ("2018", 45)} <= got


def test_du_in_chinese_place_names_is_read_du() -> None:
    gaz = gazetteer()
    for zh, en in (
        ("武都区", "Wudu"),
        ("花都区", "Huadu"),
        ("都匀市", "Duyun"),
        ("昌都市", "Changdu"),
    ):
        found = gaz.find(f"{zh}新增1例")
        assert [p.place.name for p in found] == [en], zh
    assert [p.place.name for p in gaz.find("Two cases in Huadu District.")] == ["Huadu"]


def test_a_province_named_after_a_compass_word_and_its_country_is_the_count_s() -> None:
    text = (
        "Health officials reported 212 new cases of chikungunya in south China's Fujian "
        "Province on Monday.\n\nThis brings the total to 3,140 cases."
    )
    got = {r.value: r.place for r in extract(text, "2021-08-10")}
    assert got[212] == "Fujian"
    assert got[3140] == "Fujian"  # the text's place: the first count's own
    text = "Between Monday and Tuesday, three patients in East China's Zhejiang province died."
    assert {r.place for r in extract(text, "2021-08-10")} == {"Zhejiang"}


def test_facilities_of_a_breakdown_are_the_places_of_their_items() -> None:
    text = (
        "Since January the ministry has recorded 96 malaria admissions in the Northern "
        "Division. Of these, 40 were admitted at Kavala Mission Hospital, 31 at Waidina "
        "Health Centre and 25 in Nabouwalu."
    )
    got = {r.value: r.place_text for r in extract(text, "2019-03-01")}
    assert got[40] == "Kavala Mission Hospital"
    assert got[31] == "Waidina Health Centre"
    assert got[25] == "Nabouwalu"


def test_a_single_hospital_is_no_breakdown() -> None:
    text = "Three patients died at Riverside General Hospital in Lusaka on Monday."
    assert {r.place for r in extract(text, "2019-03-05")} == {"Lusaka"}


def test_a_count_with_a_subordinate_count_then_its_verb_takes_the_place_after() -> None:
    text = "Since 2014, a total of 812 cases with 97 deaths have been reported from 11 countries."
    got = {r.value: r.place for r in extract(text, "2020-02-01")}
    assert got[812] == got[97] == "11 countries"
    # a relative clause's verb is its own count's: the head keeps the country
    text = (
        "Peru reported 30 new imported cases, of which eight were reported in Lima, "
        "according to the ministry."
    )
    got = {r.value: r.place for r in extract(text, "2020-02-01")}
    assert got[30] == "Peru"


def test_a_group_of_countries_of_a_region_is_the_region_s() -> None:
    text = (
        "In 2019, 7,310 dengue cases, including 12 deaths, have been reported in 9 countries "
        "and territories of the Western Pacific Region: Laos (4,100 cases)."
    )
    got = {r.value: r.place for r in extract(text, "2019-08-01")}
    assert got[7310] == "Western Pacific Region"


def test_a_case_word_after_a_listed_name_is_not_part_of_it() -> None:
    text = "Of them, 40 were in Sanya, 12 in Ledong, 5 in Chengmai Cases and 2 in Haikou."
    got = {
        r.value: r.place_text for r in extract("Hainan reported 59 cases. " + text, "2022-08-09")
    }
    assert got[5] == "Chengmai"


def test_a_person_s_story_after_a_count_holds_neither_its_place_nor_its_day() -> None:
    text = (
        "Guangxi reported 3 new cases on Tuesday. The region also reported one imported case, "
        "who lived in Vietnam and crossed the border on March 2."
    )
    got = {r.value: (r.date, r.place) for r in extract(text, "2022-03-09")}
    assert got[1] == ("2022-03-08", "Guangxi")
    # the count's own event in the clause is its own
    text = "The region also reported one imported case, who tested positive in Nanning on Monday."
    got = {r.value: (r.date, r.place) for r in extract(text, "2022-03-09")}
    assert got[1] == ("2022-03-07", "Nanning")


def test_a_list_of_labels_before_their_counts_gives_each_count_its_label() -> None:
    text = (
        "The number of confirmed cases rose to 8,100: Moscow – 3,020, St. Petersburg – 640, "
        "Tver – 88, Kazan – 41."
    )
    got = {(r.place, r.value) for r in extract(text, "2020-05-01")}
    assert {("Moscow", 3020), ("Saint Petersburg", 640), ("Tver", 88), ("Kazan", 41)} <= got


def test_regions_named_by_their_capital_in_english() -> None:
    text = "Samara region reported 140 new cases and Odesa region 95, while Gomel Oblast had 31."
    got = {r.value: (r.place, r.place_text) for r in extract(text, "2021-02-02")}
    assert got[140] == ("Samarskaya oblast'", "Samara region")
    assert got[95] == ("Odeska oblast", "Odesa region")
    assert got[31] == ("Homielskaja voblasc", "Gomel Oblast")


def test_a_dateline_with_the_country_after_the_city() -> None:
    text = "LUSAKA, Zambia — The health ministry recorded 52 new cholera cases on Monday."
    assert {r.place for r in extract(text, "2018-01-09")} == {"Zambia"}


def test_a_dateline_with_a_day_and_its_year() -> None:
    text = "Kampala, 4 June 2019 – The health ministry reported 16 new measles cases."
    got = [(r.date, r.place) for r in extract(text, "2019-06-04")]
    assert got == [("2019-06-04", "Uganda")]  # the filing city is no count's place


def test_a_count_between_two_days_is_no_hour_of_a_period() -> None:
    text = "The region reported 15 new cases on Friday and 8 on Saturday."
    got = {r.value: (r.date, r.period_start) for r in extract(text, "2021-03-09")}
    assert got[15] == ("2021-03-05", None)
    assert got[8] == ("2021-03-06", None)
    # an hour with its mark still joins the days into one period
    text = "Between 8 am on Friday and 8 am on Saturday, 11 new cases were reported."
    assert [(r.date, r.period_start) for r in extract(text, "2021-03-09")] == [
        ("2021-03-06", "2021-03-05")
    ]


def test_a_national_total_is_the_country_s_whatever_place_the_sentence_named() -> None:
    text = "In Kenya, 4 new cases were confirmed in Garissa, bringing the national total to 31."
    got = {r.value: r.place for r in extract(text, "2019-06-15")}
    assert got[4] == "Garissa"
    assert got[31] == "Kenya"
    text = (
        "The cumulative total for Blantyre is 650 with 26 deaths. The national cumulative "
        "total is 1,102 with 40 deaths."
    )
    got = {r.value: r.place for r in extract(text, "2022-11-07")}
    assert got[1102] == got[40] == "Malawi"


def test_a_chinese_breakdown_item_with_its_own_verb() -> None:
    text = "3月2日0-24时，山东省报告新增本土确诊病例9例（青岛市报告7例、烟台市报告2例）。"
    got = {(r.place, r.category, r.value) for r in extract(text, "2022-03-03")}
    assert ("Qingdao", "local_new", 7) in got
    assert ("Yantai", "local_new", 2) in got


def test_a_count_with_its_own_start_after_a_count_of_last_year_runs_to_the_text_s_day() -> None:
    text = "A total of 640 dengue cases were reported last year, and 75 so far this year."
    got = {r.value: (r.date, r.period_start) for r in extract(text, "2020-04-01")}
    assert got[640] == ("2019", None)
    assert got[75] == ("2020-04-01", "2020-01-01")


def test_the_previous_year_after_a_year_said_is_the_year_before_that_one() -> None:
    assert [
        v
        for _, _, v in year_mentions(
            "In 2016, 90 cases, up from 60 the previous year", None, 2018, 3
        )
    ] == ["2015"]
    # 'last year' is always the year before the text's
    assert [v for _, _, v in year_mentions("In 2016, 90 cases; last year, 60", None, 2018, 3)] == [
        "2017"
    ]


def test_a_later_subject_with_its_own_verb_after_commas_is_not_the_count_s_place() -> None:
    text = (
        "Fujian Province reported 310 new dengue cases on Monday. There have been four deaths "
        "so far and the provincial capital, Fuzhou, has been hit hardest."
    )
    got = {r.value: r.place for r in extract(text, "2021-08-10")}
    assert got[4] == "Fujian"


def test_a_possessive_level_word_before_a_named_place_is_that_place_s() -> None:
    text = (
        "Hebei reported 40 new local cases on Monday. Thirty of the new cases were found in "
        "the province's Shijiazhuang City."
    )
    got = {r.value: r.place for r in extract(text, "2021-01-05")}
    assert got[30] == "Shijiazhuang"


def test_a_sentence_saying_when_the_counts_before_were_made_dates_them() -> None:
    text = (
        "The health ministry reported 214 new cholera cases and 3 deaths. These cases were "
        "recorded over 24 hours on 11 March 2023. A total of 5,140 cases have been reported."
    )
    got = {r.value: r.date for r in extract(text, "2023-03-13")}
    assert got[214] == got[3] == "2023-03-11"
    assert got[5140] == "2023-03-13"  # a later total keeps its own day


def test_a_background_after_amid_holds_no_place_of_the_count() -> None:
    text = (
        "The eastern city of Ningbo has reported 12 new cases on Friday amid a rise of cases "
        "across the country."
    )
    assert {r.place for r in extract(text, "2022-01-09")} == {"Ningbo"}


def test_a_listed_place_before_a_bracketed_count_with_a_describing_word() -> None:
    text = (
        "Cases were notified in the states of Goias (4 cases) and in the Capital Territory "
        "(1 fatal case)."
    )
    got = {r.value: r.place_text for r in extract(text, "2018-01-20")}
    assert got[1] == "Capital Territory"
