"""Dates and places of the seventh tuning round (dev11's date and place classes), each checked
on an invented sentence."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.doc_place import _document_place
from flareup.ingest.bulletin.place_scope import is_dateline_fragment
from flareup.ingest.bulletin.places import dateline_end, gazetteer
from flareup.ingest.bulletin.text import sentences


def _recs(
    text: str, pub: str | None = "2021-05-10"
) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_laboratory_confirmed_cases_in_a_place_are_that_place_s() -> None:
    text = (
        "The rate of positive tests was 4.1% in Calgary.\n"
        "The total number of lab-confirmed cases in Alberta is now 41,200."
    )
    assert ("2021-05-10", "Alberta", "confirmed_cumulative", 41200) in _recs(text)


def test_a_wire_dateline_with_the_agency_between_slashes_is_no_place() -> None:
    assert is_dateline_fragment("BISHKEK, May 10. /TASS/.")
    text = (
        "Recoveries rose to 3,100, the ministry said.\n"
        "BISHKEK, May 10. /TASS/.\n"
        "Doctors in Kyrgyzstan identified 95 new cases in the past 24 hours."
    )
    places = {r.place for r in extract(text, "2021-05-10")}
    assert places == {"Kyrgyzstan"}


def test_a_dateline_city_before_a_bracketed_outlet_and_day_is_no_place() -> None:
    sent = "CHENGDU (Outlet / Other Outlet - 9th May, 2021 ) :Sichuan Province reported 12 cases."
    assert sent[: dateline_end(sent)].endswith(":")
    assert dateline_end("WHO (World Health Organization) reported 12 cases.") == 0


def test_a_title_case_city_before_a_new_sentence_is_a_dateline() -> None:
    text = (
        "Beirut, The health ministry announced 212 new infections today, bringing the total "
        "to 5,430."
    )
    assert text[: dateline_end(text)] == "Beirut, "
    places = {r.place for r in extract(text, "2021-05-10")}
    assert places == {"Lebanon"}
    # (an apposition in lower case is no dateline)
    assert dateline_end("Beirut, the capital, reported 12 cases.") == 0


def test_the_city_does_not_point_back_to_a_place_named_for_a_distance() -> None:
    text = (
        "Wuxi, located about 40 km away from Suzhou, has become the new hotspot. "
        "The city had reported 120 local cases by Sunday."
    )
    assert ("2021-05-09", "Wuxi", "confirmed_cumulative", 120) in _recs(text)


def test_a_sentence_announcing_what_follows_dates_the_block_below() -> None:
    text = (
        "From 0 to 24:00 on May 9, the epidemic situation in Yunnan is as follows:\n\n"
        "12 new local confirmed cases: 7 in Kunming, 5 in Dali.\n\n"
        "There were 20 new cured and discharged cases."
    )
    recs = _recs(text)
    assert ("2021-05-09", "Kunming", "local_new", 7) in recs
    assert ("2021-05-09", "Yunnan", "recovered_new", 20) in recs


def test_an_opening_sentence_reporting_its_counts_in_a_place_named_last_is_the_text_s() -> None:
    text = (
        "As of 3 May 2021, 140 suspected cases of cholera, of which nine are confirmed, have "
        "been reported in four villages in Mayo district, Kebbi region, Niger. The samples "
        "were sent to the reference laboratory in Dakar, Senegal, where 7 tested positive."
    )
    recs = _recs(text)
    assert ("2021-05-03", "Mayo", "suspected", 140) in recs
    doc = _document_place(list(sentences(text)), gazetteer())
    assert doc is not None and doc.place.name == "Mayo"


def test_n_years_ago_is_that_calendar_year() -> None:
    text = "An outbreak that ended three years ago killed more than 2,100 people in Liberia."
    assert ("2018", "Liberia", "deaths_cumulative", 2100) in _recs(text)


def test_bare_week_numbers_in_brackets_and_as_bounds_are_epi_weeks() -> None:
    text = (
        "Weekly admissions: 940 admissions were reported since week 50 up to week 8, "
        "110 (week 7), (week 8) 95."
    )
    recs = extract(text, "2019-03-01")
    by_value = {r.value: r for r in recs}
    # ISO weeks of 2019: week 7 ends on Sunday 17 February, week 8 on 24 February; week 50
    # (later than the text's week) is 2018's, from Monday 10 December
    assert by_value[110].date == "2019-02-17"
    assert by_value[95].date == "2019-02-24"
    assert (by_value[940].date, by_value[940].period_start) == ("2019-02-24", "2018-12-10")


def test_two_verb_phrases_share_the_place_after_the_second() -> None:
    text = (
        "Mumps infects 3 in east China\n\n"
        "Mumps infected 2,310 people and killed 3 in May in east China's Fujian province, "
        "officials said on Monday."
    )
    recs = _recs(text)
    assert ("2021-05", "Fujian", "confirmed_new", 2310) in recs
    assert ("2021-05", "Fujian", "deaths_new", 3) in recs


def test_counts_take_the_place_of_the_health_department_their_statistics_come_from() -> None:
    text = (
        "Scarlet fever cases fall in central China\n\n"
        "In March, 1,204 cases of scarlet fever were reported and 2 people died, according to "
        "statistics from Henan's provincial health department."
    )
    recs = _recs(text)
    assert ("2021-03", "Henan", "confirmed_new", 1204) in recs


def test_a_total_since_a_start_in_the_present_perfect_runs_to_the_report_day() -> None:
    text = (
        "On 2 May 2021, the ministry notified WHO of 2 additional cases.\n\n"
        "Since April 2014, WHO has been notified of 620 laboratory-confirmed cases worldwide."
    )
    recs = extract(text, "2021-05-10")
    total = next(r for r in recs if r.value == 620)
    assert total.date == "2021-05-10"


def test_a_total_said_prior_to_a_day_ends_the_day_before() -> None:
    text = "Prior to Sunday's new cases, the island had reported a total of 84 confirmed cases."
    recs = extract(text, "2021-05-10")
    assert next(r for r in recs if r.value == 84).date == "2021-05-08"
    # ("56 days before June 11" is another period, "shortly before Monday" no bound)
    dates = find_dates("Cases rose shortly before Monday.", dt.date(2021, 5, 10))
    assert [d.value for d in dates] == ["2021-05-10"]


def test_the_day_official_figures_showed_dates_the_counts_after_it() -> None:
    text = (
        "A cholera outbreak in Malawi has killed more than 30 people, official figures showed "
        "on Friday.\nIn Blantyre, 12 deaths and 140 cases have been reported over the last "
        "three weeks, a health official said."
    )
    recs = extract(text, "2021-05-10")
    assert {r.value: r.date for r in recs}[140] == "2021-05-07"


def test_the_day_of_previous_cases_told_for_background_does_not_carry() -> None:
    text = (
        "The new case is unrelated to the previous three cases diagnosed in Hanoi on Thursday.\n"
        "A further 41 close contacts have been placed under medical observation."
    )
    recs = extract(text, "2021-05-09")
    assert {r.value: r.date for r in recs}[41] == "2021-05-09"


def test_a_sentence_in_the_present_after_a_past_outbreak_is_back_on_the_current_one() -> None:
    text = (
        "Lusaka - A cholera outbreak in Zambia's capital, Lusaka has raised fears.\n"
        "A measles epidemic that hit Zambia between May 2010 and March 2011 killed more than "
        "200 people.\n"
        "The city's health director said over 75 suspected cholera cases have been recorded."
    )
    recs = _recs(text, "2017-10-31")
    assert ("2011-03-31", "Zambia", "deaths_cumulative", 200) in recs
    assert ("2017-10-31", "Lusaka", "suspected", 75) in recs


def test_a_chinese_total_from_a_day_to_now_is_dated_on_the_report_day() -> None:
    text = (
        "5月9日0-24时,浙江新增本土确诊病例2例。"
        "2020年1月20日至今,全省累计报告确诊病例2310例(其中境外输入160例)。"
    )
    recs = extract(text, "2021-05-10")
    total = next(r for r in recs if r.value == 2310)
    assert (total.date, total.period_start) == ("2021-05-09", "2020-01-20")


def test_the_end_of_a_past_outbreak_dates_the_totals_told_next() -> None:
    text = (
        "As of 3 May 2021, 40 suspected cases have been reported in Niger.\n"
        "The previous outbreak in Niger began in June 2017 and the Ministry of Health declared "
        "the end of the outbreak in March 2018. A total of 912 suspected cases and 14 deaths "
        "were reported."
    )
    recs = extract(text, "2021-05-10")
    past = next(r for r in recs if r.value == 912)
    assert (past.date, past.period_start) == ("2018-03", "2017-06")


def test_ulaanbaatar_and_a_title_case_dateline_with_a_slashed_agency() -> None:
    assert is_dateline_fragment("Ulaanbaatar /MONTSAME/.")
    text = (
        "Ulaanbaatar /MONTSAME/. The ministry said 900 new cases were confirmed in Mongolia.\n"
        "Of them, 610 were reported in Ulaanbaatar city."
    )
    recs = _recs(text)
    assert ("2021-05-10", "Mongolia", "confirmed_new", 900) in recs
    assert any(r[1] == "Ulan Bator" and r[3] == 610 for r in recs)


def test_a_county_named_with_its_suffix_is_read_bare_later_in_the_text() -> None:
    text = (
        "Shandong reports 12 new local cases\n\n"
        "East China's Shandong Province reported 12 new local cases on Sunday.\n"
        "All the new cases were reported in Huangdao District of Qingdao.\n\n"
        "Mass testing was carried out across Huangdao, with around 1.2 million samples collected."
    )
    recs = _recs(text, "2022-07-04")
    assert any(r[1] == "Huangdao" and r[3] == 1200000 for r in recs)


def test_a_lead_quoting_a_national_authority_s_acronym_is_that_country_s() -> None:
    text = (
        "Eleven dengue patients were hospitalised in the last 24 hours, the DGHS said.\n"
        "According to the DGHS, 30 patients are being treated in Dhaka."
    )
    doc = _document_place(list(sentences(text)), gazetteer())
    assert doc is not None and doc.place.name == "Bangladesh"


def test_parts_of_a_count_of_an_earlier_year_are_of_that_year() -> None:
    text = (
        "Last year, 8,120 people were hospitalised with dengue in the country. Of them, 7,990 "
        "were discharged."
    )
    recs = extract(text, "2020-01-28")
    assert {r.value: r.date for r in recs}[7990] == "2019"
