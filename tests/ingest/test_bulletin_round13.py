"""The thirteenth round (from the unseen dev15 and the sealed split's error classes, see
docs/methods/bulletin.md): its rules checked on invented sentences other than the probes'
(tests/data/bulletins/probes/round13.jsonl), with counter-examples where one applies."""

from __future__ import annotations

from bulletin_records import by_value

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str = "2021-03-10") -> dict[int, set[tuple[str, str | None, str]]]:
    return by_value(text, pub)


def test_a_chinese_report_released_today_or_yesterday_covers_the_day_before() -> None:
    text = "国家卫健委今(10)日通报,31个省(自治区、直辖市)和新疆生产建设兵团报告新增确诊病例21例。"
    assert _recs(text)[21] == {("confirmed_new", "2021-03-09", "China")}
    text = "昨(9)日31个省(自治区、直辖市)和新疆生产建设兵团报告新增确诊病例8例。"
    assert _recs(text)[8] == {("confirmed_new", "2021-03-09", "China")}
    # a day written with its 0-24时 is the day, whatever day the report was released
    text = "国家卫健委今(10)日通报,3月7日0—24时,31个省(自治区、直辖市)和新疆生产建设兵团报告新增确诊病例6例。"
    assert _recs(text)[6] == {("confirmed_new", "2021-03-07", "China")}


def test_a_semicolon_inside_a_lists_bracket_keeps_its_items_of_the_head() -> None:
    text = (
        "3月9日0—24时,31个省(自治区、直辖市)和新疆生产建设兵团报告新增本土病例7例"
        "(辽宁4例,均在大连市;河南3例,其中郑州市2例、周口市1例)。"
    )
    got = _recs(text)
    assert got[4] == {("local_new", "2021-03-09", "Liaoning")}
    assert got[3] == {("local_new", "2021-03-09", "Henan")}
    assert ("local_new", "2021-03-09", "Zhengzhou") in got[2]
    # a semicolon outside any bracket still parts the sentence: the zero after it is its own
    text = "3月9日0—24时,新增本土病例7例(辽宁4例、河南3例);无新增死亡病例。"
    assert {(c, d) for c, d, _ in _recs(text)[0]} == {("deaths_new", "2021-03-09")}


def test_place_names_in_traditional_characters() -> None:
    text = "3月9日0—24時,31個省(自治區、直轄市)和新疆生產建設兵團報告新增本土病例3例(重慶2例,均在長壽區;遼寧1例)。"
    assert _recs(text)[2] == {("local_new", "2021-03-09", "Chongqing")}


def test_an_undated_lead_the_body_repeats_with_its_day_is_one_fact() -> None:
    text = (
        "內地新增本土確診病例7例,其中遼寧4例。\n"
        "3月9日0—24時,31個省(自治區、直轄市)和新疆生產建設兵團報告新增本土病例7例(遼寧4例,河南3例)。"
    )
    recs = extract(text, "2021-03-10")
    sevens = [r for r in recs if r.value == 7]
    assert [(r.category, r.date) for r in sevens] == [("local_new", "2021-03-09")]
    # a lead count the body does not repeat stays
    text = "內地新增無症狀感染者12例。\n3月9日0—24時,31個省(自治區、直轄市)和新疆生產建設兵團報告新增本土病例7例。"
    assert 12 in _recs(text)


def test_a_running_total_after_a_list_of_places_is_the_countrys() -> None:
    text = (
        "Kenya reported five new cholera deaths on Monday. The deaths were in Mombasa, Kisumu "
        "and Nakuru, raising the number of deaths to 71."
    )
    assert _recs(text, "2019-02-12")[71] == {("deaths_cumulative", "2019-02-11", "Kenya")}
    # one place named keeps its own total
    text = "Wuhan reported 5 new cases on Monday, bringing its total to 300."
    assert {p for _, _, p in _recs(text)[300]} == {"Wuhan"}


def test_a_totals_words_before_an_earlier_number_leave_the_count_a_flow() -> None:
    text = "In Laos, total recoveries climbed to 205 following 12 patients recovered on Friday."
    got = _recs(text, "2021-08-09")
    assert got[205] == {("recovered_cumulative", "2021-08-06", "Laos")}
    assert got[12] == {("recovered_new", "2021-08-06", "Laos")}


def test_a_past_perfect_report_of_a_named_day_is_that_days_flow() -> None:
    text = (
        "On Sunday, the ministry had reported three confirmed cases in Qatar, with the total "
        "rising to 15."
    )
    got = _recs(text, "2020-03-03")
    assert got[3] == {("confirmed_new", "2020-03-01", "Qatar")}
    # by a day, the past perfect is a total
    text = "By Sunday, Qatar had reported 1,200 confirmed cases."
    assert {c for c, _, _ in _recs(text, "2020-04-07")[1200]} == {"confirmed_cumulative"}


def test_as_of_a_day_after_a_long_predicate_is_a_stock() -> None:
    text = (
        "Around 2,000 confirmed cases and three deaths were reported to the health ministry of "
        "Malawi as of last Friday."
    )
    got = _recs(text, "2019-03-12")
    assert {c for c, _, _ in got[2000]} == {"confirmed_cumulative"}
    assert {c for c, _, _ in got[3]} == {"deaths_cumulative"}
    # new cases as of a day are still the new ones
    text = "Malawi reported 40 new cases as of Friday."
    assert {c for c, _, _ in _recs(text, "2019-03-12")[40]} == {"confirmed_new"}


def test_this_year_dates_a_count_on_the_texts_day_where_no_day_is_named() -> None:
    text = "Tonga has recorded 320 dengue cases this year, well above the 110 cases recorded last year."
    got = _recs(text, "2019-05-10")
    assert got[320] == {("confirmed_cumulative", "2019-05-10", "Tonga")}
    assert got[110] == {("confirmed_cumulative", "2018", "Tonga")}
    # a day named in the sentence wins
    text = "Tonga has recorded 320 dengue cases this year as of 4 May."
    assert {d for _, d, _ in _recs(text, "2019-05-10")[320]} == {"2019-05-04"}
    # a half of the year ends on its last day
    text = "Tonga recorded about 2,100 dengue cases during the first half of this year."
    assert {d for _, d, _ in _recs(text, "2019-08-13")[2100]} == {"2019-06-30"}
    text = "Tonga recorded 700 dengue cases in the second half of the year."
    assert {d for _, d, _ in _recs(text, "2019-08-13")[700]} == {"2018-12-31"}
    # 'in March this year' is March's
    text = "Tonga recorded 45 dengue cases in March this year."
    assert {d for _, d, _ in _recs(text, "2019-05-10")[45]} == {"2019-03"}


def test_where_a_statement_was_made_or_a_share_lies_is_no_counts_place() -> None:
    text = (
        "A WHO spokesman told reporters in Geneva that 1,200 cases of mpox had been confirmed "
        "globally by 10 June."
    )
    assert {p for _, _, p in _recs(text, "2022-06-14")[1200]} == {"World"}
    text = "WHO said 2,300 confirmed cases had been reported, 80 per cent of which are in Europe."
    assert "Europe" not in {p for _, _, p in _recs(text, "2022-06-14")[2300]}
    # figures given by WHO, in a sentence that names no place, are the world's
    text = "The last figure given by the WHO, for the period up to 22 June, was 3,100 cases."
    assert {p for _, _, p in _recs(text, "2022-07-06")[3100]} == {"World"}
    # counts reported to WHO from a group of countries are the world's; a group alone stays
    text = "About 900 cases were reported to WHO from 29 countries as of 1 June."
    assert {p for _, _, p in _recs(text, "2022-06-03")[900]} == {"World"}
    text = "More than 900 cases have been reported in 29 countries."
    assert {p for _, _, p in _recs(text, "2022-06-03")[900]} == {"29 countries"}
    # a listed place with its own count keeps it
    text = "Most of the new cases were from Lagos (120 cases) and Kano (40 cases)."
    assert {p for _, _, p in _recs(text, "2022-06-14")[120]} == {"Lagos"}


def test_a_relative_clause_and_a_with_phrase_take_their_own_clauses_place() -> None:
    text = (
        "On Monday the outbreak in Kenema, which had only 3 new cases, slowed, but in the "
        "neighbouring district of Kailahun it remains intense, with 14 new cases."
    )
    got = _recs(text, "2014-11-25")
    assert {p for _, _, p in got[3]} == {"Kenema"}
    assert {p for _, _, p in got[14]} == {"Kailahun"}
    text = "On Sunday, Mali reported 9 new cases; in Niger, incidence is rising, with 6 new cases."
    got = _recs(text, "2015-06-08")
    assert {p for _, _, p in got[9]} == {"Mali"}
    assert {p for _, _, p in got[6]} == {"Niger"}


def test_a_repetition_spread_over_places_and_other_zeros_and_flows() -> None:
    text = (
        "Oman reported 12 new cases on Monday. The 12 new cases were found in Muscat, Sohar "
        "and Salalah."
    )
    got = _recs(text, "2020-04-07")
    assert got[12] == {("confirmed_new", "2020-04-06", "Oman")}
    text = "So far this year, there has not been any deaths from measles in Fiji."
    assert {c for c, _, _ in _recs(text, "2019-05-10")[0]} <= {"deaths_cumulative", "deaths_new"}
    assert 0 in _recs(text, "2019-05-10")
    text = "Guinea reported between 40 and 90 confirmed cases in each of the past five weeks."
    assert {c for c, _, _ in _recs(text, "2014-12-10")[40]} == {"confirmed_new"}
