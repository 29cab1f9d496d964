"""General mechanisms of the bulletin extractor, each checked on invented sentences (so that
what the dev corpus taught generalises): parts of an earlier count, place lists, possessive
place names, document-level default places, flow vs stock cues."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.places import gazetteer


def _rows(text: str, pub: str) -> set[tuple[str | None, str | None, str, int]]:
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_part_of_an_earlier_count_is_a_breakdown_by_place() -> None:
    text = (
        "Hunan reported 12 new confirmed cases on Monday. Seven of the confirmed cases were "
        "reported in Changsha, three in Zhuzhou and two in Yueyang, the commission said."
    )
    got = _rows(text, "2021-08-03")
    assert {
        ("2021-08-02", "Hunan", "confirmed_new", 12),
        ("2021-08-02", "Changsha", "confirmed_new", 7),
        ("2021-08-02", "Zhuzhou", "confirmed_new", 3),
        ("2021-08-02", "Yueyang", "confirmed_new", 2),
    } <= got


def test_part_of_the_cases_after_a_total_belongs_to_the_new_cases() -> None:
    text = (
        "Thailand on Sunday reported 30 new cases. This takes the national tally to 4,000. "
        "Twenty of the cases came from a factory."
    )
    got = _rows(text, "2021-01-10")
    assert ("2021-01-10", "Thailand", "confirmed_new", 20) in got
    assert not any(c == "confirmed_cumulative" and v == 20 for _, _, c, v in got)


def test_plural_possessive_country_names_are_places() -> None:
    gaz = gazetteer()
    for sent, name in [
        ("The Philippines' Department of Health reported 5 cases", "Philippines"),
        ("the Netherlands’ health institute said", "Netherlands"),
    ]:
        assert [p.place.name for p in gaz.find(sent)] == [name]
    got = _rows("The Philippines' Department of Health reported 3,439 new cases.", "2020-08-10")
    assert ("2020-08-10", "Philippines", "confirmed_new", 3439) in got


def test_each_goes_to_every_place_of_the_list_before_it() -> None:
    text = (
        "Johor, Kedah and Perak reported three deaths each, followed by Pahang and Sabah "
        "with two each."
    )
    got = {(p, v) for _, p, c, v in _rows(text, "2022-04-15") if c == "deaths_new"}
    assert got == {("Johor", 3), ("Kedah", 3), ("Perak", 3), ("Pahang", 2), ("Sabah", 2)}


def test_a_zero_goes_to_every_place_of_its_list() -> None:
    got = {
        p
        for _, p, _, v in _rows(
            "There were no deaths in Kelantan, Perlis and Penang.", "2022-04-15"
        )
        if v == 0
    }
    assert got == {"Kelantan", "Perlis", "Penang"}


def test_first_level_units_by_the_names_news_use() -> None:
    gaz = gazetteer()
    for name in ("Gyeonggi Province", "Putrajaya", "Labuan", "Penang", "Metro Manila"):
        assert gaz.find(f"{name} reported 4 cases"), name


def test_a_new_subject_between_list_items_takes_the_next_item() -> None:
    got = _rows(
        "Beijing reported 5 new cases and Shanghai reported 3, while Guangdong had 2.", "2021-06-08"
    )
    assert {(p, v) for _, p, _, v in got} == {("Beijing", 5), ("Shanghai", 3), ("Guangdong", 2)}
    got = _rows(
        "South Korea added 28 new cases. Seoul accounted for 5 cases and Gyeonggi Province for 4.",
        "2020-08-10",
    )
    assert {(p, v) for _, p, _, v in got} >= {("Seoul", 5), ("Gyeonggi", 4)}


def test_the_country_and_the_province_resolve_against_the_texts_place() -> None:
    text = (
        "Guangdong reported 19 new cases on Monday. The province also reported three imported "
        "confirmed cases. The country has reported 90,000 cases in total."
    )
    got = _rows(text, "2021-06-08")
    assert ("2021-06-07", "Guangdong", "imported_new", 3) in got
    assert any(p == "China" and c == "confirmed_cumulative" and v == 90000 for _, p, c, v in got)
    # a level the context lacks resolves to nothing rather than to a wrong place
    text = "Malaysia reported 993 new cases. The province of Perak reported 3 deaths."
    assert ("Perak", 3) in {(p, v) for _, p, _, v in _rows(text, "2021-12-18")}


def test_labelled_counts_and_a_years_totals() -> None:
    text = (
        "In 2022, 3 countries reported cholera outbreaks: Iraq (suspected cases: 11 097; "
        "deaths: 24), Pakistan (confirmed cases: 1002; deaths: 43) and Lebanon (suspected "
        "cases: 5422; deaths: 23)."
    )
    got = _rows(text, "2023-02-11")
    assert {
        ("2022", "Iraq", "suspected", 11097),
        ("2022", "Iraq", "deaths_cumulative", 24),
        ("2022", "Pakistan", "confirmed_cumulative", 1002),
        ("2022", "Pakistan", "deaths_cumulative", 43),
        ("2022", "Lebanon", "suspected", 5422),
        ("2022", "Lebanon", "deaths_cumulative", 23),
    } <= got
    # a clock time is still not a count
    assert not _rows("The ministry said at 10:30 that the figures would follow.", "2023-02-11")


def test_the_country_points_back_to_the_last_country_named() -> None:
    text = (
        "Outbreaks in Lebanon and Syria are alarming. A cholera outbreak was reported from "
        "the Islamic Republic of Iran in July. By the end of October 2022, the country had "
        "reported 367 cholera cases."
    )
    got = _rows(text, "2023-02-11")
    assert ("2022-10", "Iran", "confirmed_cumulative", 367) in got


def test_a_situation_reports_unqualified_counts_are_totals() -> None:
    text = (
        "1. Situation Update\n\nSince the beginning of the outbreak, 50 cases have been "
        "reported. The outbreak remains localised to two health zones: Iboko (25 cases and 5 "
        "deaths) and Bikoro (21 cases and 17 deaths). On 30 May 2018, one new confirmed case "
        "was reported in Iboko."
    )
    got = _rows(text, "2018-05-30")
    assert ("2018-05-30", "Iboko", "confirmed_cumulative", 25) in got
    assert ("2018-05-30", "Bikoro", "deaths_cumulative", 17) in got
    assert ("2018-05-30", "Iboko", "confirmed_new", 1) in got  # a dated day's count stays a flow
    # the same words in a news story are the day's counts
    got = _rows("Kinshasa reported 25 cases and 5 deaths on Tuesday.", "2018-05-30")
    assert ("2018-05-29", "Kinshasa", "confirmed_new", 25) in got


def test_list_items_in_parentheses_are_places_dated_as_their_head() -> None:
    text = (
        "Ebola virus disease – Democratic Republic of the Congo\n\nDuring the last 21 days "
        "(30 January – 19 February 2019), 79 new cases have been reported from 40 health areas "
        "within 12 health zones (Figure 1), including: Katwa (46), Butembo (15) and Oicha (2)."
    )
    got = _rows(text, "2019-02-21")
    assert {
        ("2019-02-19", "Democratic Republic of the Congo", "confirmed_new", 79),
        ("2019-02-19", "Katwa", "confirmed_new", 46),
        ("2019-02-19", "Butembo", "confirmed_new", 15),
        ("2019-02-19", "Oicha", "confirmed_new", 2),
    } == got  # no '12 health zones', no 'Figure 1'


def test_part_of_the_cases_after_deaths_picks_the_cases() -> None:
    text = (
        "As of 17 July 2018, a total of 19 Nipah virus cases, including 17 deaths, were "
        "reported from Kerala State: 18 of the cases were laboratory-confirmed."
    )
    got = _rows(text, "2018-08-07")
    assert ("2018-07-17", "Kerala", "confirmed_cumulative", 18) in got
    assert not any(c.startswith("deaths") and v == 18 for _, _, c, v in got)


def test_new_reaches_every_noun_of_a_zero_list() -> None:
    got = _rows(
        "No new cases or deaths have been reported since 1 June 2018 in Kerala.", "2018-08-07"
    )
    assert {c for _, _, c, v in got if v == 0} == {"confirmed_new", "deaths_new"}


def test_a_place_in_parentheses_does_not_become_the_next_sentences_place() -> None:
    text = (
        "The outbreak in the Democratic Republic of the Congo remains active. Three specimens "
        "(from cases reported in Iboko (2) and Wangata (1) health zones) tested negative. "
        "There were no new suspected cases."
    )
    got = _rows(text, "2018-05-30")
    assert ("2018-05-30", "Democratic Republic of the Congo", "suspected_new", 0) in got


def test_flow_or_stock_from_the_verb_and_cue_words() -> None:
    pub = "2019-06-08"
    stocks = [
        ("The Ebola epidemic has claimed 1,400 lives in Congo.", "deaths_cumulative"),
        ("The outbreak has so far claimed the lives of 1,400 people.", "deaths_cumulative"),
        ("Congo's Ebola death toll passes 1,400.", "deaths_cumulative"),
        ("The number of people who have died has risen to 1,400.", "deaths_cumulative"),
        ("Measles has killed more than 4,000 people in Congo.", "deaths_cumulative"),
        ("The outbreak has resulted in 2,000 cases.", "confirmed_cumulative"),
        ("Nigeria has recorded 1,400 deaths from Lassa fever this year.", "deaths_cumulative"),
        ("Brazil reported 300 deaths, bringing the total to 5,000.", "deaths_cumulative"),
    ]
    for text, want in stocks:
        got = {c for _, _, c, v in _rows(text, pub) if v in (1400, 4000, 2000, 5000)}
        assert got == {want}, text
    flows = [
        ("Three people died on Friday.", "deaths_new"),
        ("Nigeria recorded 14 deaths from Lassa fever this week.", "deaths_new"),
        ("Brazil reported 300 deaths, bringing the total to 5,000.", "deaths_new"),
    ]
    for text, want in flows:
        got = {c for _, _, c, v in _rows(text, pub) if v in (3, 14, 300)}
        assert got == {want}, text
    # bare 'Congo' in outbreak news is the DRC
    assert gazetteer().find("Congo reported")[0].place.name == "Democratic Republic of the Congo"


def test_a_count_right_after_a_date_is_read() -> None:
    got = _rows("On Nov. 1, 15 cases were reported.", "2020-11-03")
    assert got == {("2020-11-01", None, "confirmed_new", 15)}
    got = _rows("Between Oct 24 and Nov 2, 1,000 cases were recorded in Kashgar.", "2020-11-03")
    assert {(d, p, v) for d, p, _, v in got} == {("2020-11-02", "Kashgar", 1000)}
    assert not _rows("Cases were reported on March 21, 22, 23 and 24.", "2020-11-03")


def test_a_bare_comparison_is_the_previous_day_or_week() -> None:
    got = _rows("Italy reported 22,253 new cases on Monday, down from 29,907.", "2020-11-03")
    assert ("2020-11-01", "Italy", "confirmed_new", 29907) in got
    got = _rows(
        "Italy reported 22,253 new cases on Monday, up from 9,907 a week earlier.", "2020-11-03"
    )
    assert ("2020-10-26", "Italy", "confirmed_new", 9907) in got


def test_who_regions_and_continents_are_places() -> None:
    got = _rows("In the Western Pacific Region, 83,296 cases have been reported.", "2020-03-15")
    assert {p for _, p, _, _ in got} == {"Western Pacific Region"}
    assert [p.place.name for p in gazetteer().find("the WHO African Region reported")] == [
        "African Region"
    ]
    # a disease named after a region is not a place
    assert not gazetteer().find("Middle East Respiratory Syndrome")


def test_a_predicate_types_every_count_of_its_list() -> None:
    text = "Globally, 142,539 confirmed cases and 5,393 deaths have been reported."
    assert _rows(text, "2020-03-15") == {
        ("2020-03-15", "World", "confirmed_cumulative", 142539),
        ("2020-03-15", "World", "deaths_cumulative", 5393),
    }
    got = _rows("China reported 3 new cases and 2 deaths on Saturday.", "2020-03-15")
    assert {c for _, _, c, _ in got} == {"confirmed_new", "deaths_new"}


def test_left_out_places_and_changes_since_the_previous_count() -> None:
    got = _rows(
        "Outside of China, 61,518 cases have been reported, with 2,199 deaths.", "2020-03-15"
    )
    assert all(p != "China" for _, p, _, _ in got)
    got = _rows(
        "The CDC reported 1,629 cases in the United States, up 351 from its previous count.",
        "2020-03-15",
    )
    assert ("2020-03-15", "United States", "confirmed_new", 351) in got
    got = _rows("Spain's death toll rose to 288 from 136.", "2020-03-15")
    assert ("2020-03-14", "Spain", "deaths_cumulative", 136) in got


def test_of_the_local_cases_makes_the_parts_local() -> None:
    text = (
        "The Chinese mainland reported 98 new confirmed cases on Monday, of which 75 were "
        "locally transmitted. Of the local cases, 61 were in Jiangsu and six in Hunan."
    )
    got = _rows(text, "2021-08-03")
    assert {("Jiangsu", "local_new", 61), ("Hunan", "local_new", 6)} <= {
        (p, c, v) for _, p, c, v in got
    }


def test_sibling_parts_keep_the_heads_place_and_appositions_are_no_places() -> None:
    text = "The Chinese mainland reported 42 new cases, including 22 in Xinjiang and 20 imported."
    got = {(p, c, v) for _, p, c, v in _rows(text, "2020-10-28")}
    assert {("Xinjiang", "confirmed_new", 22), ("China", "imported_new", 20)} <= got
    text = (
        "Health authorities in Kashgar, in China's Xinjiang region, said 26 new cases were "
        "found, all in Shufu county."
    )
    assert {p for _, p, _, _ in _rows(text, "2020-10-28")} == {"Kashgar"}


def test_a_rise_by_n_to_m_is_the_days_count_and_the_total() -> None:
    text = (
        "The COVID-19 cases in Indonesia rose by 5,826 within one day to 1,379,662, with the "
        "death toll adding by 112 to 37,266, the health ministry said on Sunday."
    )
    got = {(c, v) for _, _, c, v in _rows(text, "2021-03-07")}
    assert got == {
        ("confirmed_new", 5826),
        ("confirmed_cumulative", 1379662),
        ("deaths_new", 112),
        ("deaths_cumulative", 37266),
    }


def test_gapped_lists_of_places_and_counts() -> None:
    text = "Jakarta recorded 1,834 new cases, West Java 1,366, Central Java 395 and East Java 328."
    got = {(p, v) for _, p, _, v in _rows(text, "2021-03-07")}
    assert got == {
        ("Jakarta", 1834),
        ("West Java", 1366),
        ("Central Java", 395),
        ("East Java", 328),
    }


def test_districts_counted_and_bordering_places_are_not_counts_or_places() -> None:
    text = (
        "The ministry said cases rose to 718 in 13 of Malawi's 28 districts. It said Lilongwe "
        "and Karonga, which borders Zambia, accounted for the most cases totaling 552 and 14 deaths."
    )
    got = _rows(text, "2018-03-05")
    assert not any(v in (13, 28) for _, _, _, v in got)
    assert {(c, v) for _, p, c, v in got if v in (552, 14)} == {
        ("confirmed_cumulative", 552),
        ("deaths_cumulative", 14),
    }
    assert all(p != "Zambia" for _, p, _, _ in got)


def test_the_date_of_the_from_figure_is_not_the_to_figures() -> None:
    text = "Cases in Malawi have risen from 546 recorded in January to 718, with 19 deaths."
    got = {(d, v) for d, _, _, v in _rows(text, "2018-03-05")}
    assert {("2018-01", 546), ("2018-03-05", 718)} <= got


def test_new_infections_remaining_above_a_level_are_not_active_cases() -> None:
    got = _rows("New infections remained above 4,000 for the fourth straight day.", "2021-05-15")
    assert {c for _, _, c, _ in got} == {"confirmed_new"}


def test_there_were_is_a_days_count_unless_the_sentence_names_a_period() -> None:
    got = _rows(
        "Malaysia reported 10,413 new cases. There were also 13,202 recoveries recorded.",
        "2022-04-15",
    )
    assert ("recovered_new", 13202) in {(c, v) for _, _, c, v in got}
    got = _rows("In the same period, there were 317 deaths in Brazil.", "2016-06-15")
    assert ("deaths_cumulative", 317) in {(c, v) for _, _, c, v in got}
    got = _rows("There have been 1,400 deaths in the outbreak.", "2019-06-08")
    assert ("deaths_cumulative", 1400) in {(c, v) for _, _, c, v in got}


def test_situation_report_new_counts_in_parentheses_and_confirmed_parts() -> None:
    text = (
        "Globally, 46 997 laboratory-confirmed cases (1826 new) have been reported, including "
        "1369 deaths (97 new)."
    )
    got = {(c, v) for _, _, c, v in _rows(text, "2020-02-13")}
    assert {
        ("confirmed_cumulative", 46997),
        ("confirmed_new", 1826),
        ("deaths_cumulative", 1369),
        ("deaths_new", 97),
    } <= got
    text = (
        "Between 1 and 12 February, 120 suspected cases were notified, of which 30 were confirmed."
    )
    got = {(c, v) for _, _, c, v in _rows(text, "2020-02-13")}
    assert ("confirmed_cumulative", 30) in got or ("confirmed_new", 30) in got
    assert not _rows("The outbreak began in 2019.", "2020-02-13")  # a year is not a count


def test_perfect_passives_and_hardest_hit_places_are_totals() -> None:
    text = "Liberia has been hardest hit, with 2,484 deaths, followed by Sierra Leone with 1,200."
    got = {(p, c, v) for _, p, c, v in _rows(text, "2014-10-17")}
    assert got == {
        ("Liberia", "deaths_cumulative", 2484),
        ("Sierra Leone", "deaths_cumulative", 1200),
    }
    got = _rows("An estimated 20,000 people have been infected.", "2014-10-17")
    assert {c for _, _, c, _ in got} == {"confirmed_cumulative"}
