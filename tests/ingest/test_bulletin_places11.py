"""Where a count belongs (eighth round, from the place-list and place-attachment probes):
each rule checked on invented sentences other than the probes'."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import extract


def _places(text: str, pub: str = "2021-05-10") -> dict[int, set[str | None]]:
    """value -> the places the extractor gave it."""
    out: dict[int, set[str | None]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.place)
    return out


def test_a_place_written_as_a_label_owns_the_figures_after_its_colon() -> None:
    got = _places("Peru: 3,410 new cases, 88 new deaths; Bolivia: 912 new cases, 17 new deaths.")
    assert got[3410] == got[88] == {"Peru"}
    assert got[912] == got[17] == {"Bolivia"}


def test_the_uk_s_nations_and_victoria_are_places_but_a_lake_is_not() -> None:
    got = _places("Northern Ireland recorded 840 new cases on Sunday and Victoria 31.")
    assert got[840] == {"Northern Ireland"}
    assert got[31] == {"Victoria"}
    got = _places("Kenya reported 61 cholera cases among fishermen on Lake Victoria.")
    assert got[61] == {"Kenya"}


def test_the_total_after_a_place_s_first_case_is_its_country_s() -> None:
    got = _places("Wales confirmed its first case on Friday, bringing the total to 20.")
    assert got[20] == {"United Kingdom"}


def test_a_place_on_the_border_or_in_a_relative_aside_is_not_the_count_s() -> None:
    got = _places("Kasese, a district on the border with Congo, confirmed 3 Ebola cases on Sunday.")
    assert got[3] == {"Kasese"}
    got = _places(
        "In Hubei, where the outbreak began in Wuhan, the provincial health commission "
        "reported 3 new cases on Sunday."
    )
    assert got[3] == {"Hubei"}


def test_the_capital_is_the_capital_of_the_country_the_text_is_on() -> None:
    got = _places("Peru recorded 2,410 new dengue cases on Monday, 1,300 of them in the capital.")
    assert got[2410] == {"Peru"}
    assert got[1300] == {"Lima"}  # (a city the gazetteer lacks: known by its name)
    # named there, or left out, it is not looked up
    got = _places("Uganda confirmed 9 cases outside the capital, in Mbarara district.")
    assert "Kampala" not in got[9]
    got = _places("Delhi reported 901 new cases. The national capital also recorded 2 deaths.")
    assert got[2] == {"Delhi"}


def test_the_region_after_a_dateline_is_the_region_holding_the_dateline_s_city() -> None:
    got = _places(
        "HARBIN, Jan. 13 (Xinhua) -- The province reported 43 new local cases on Tuesday."
    )
    assert got[43] == {"Heilongjiang"}
    # 'the country' is not read from a dateline (a Geneva dateline is no Swiss text)
    got = _places("GENEVA (Reuters) - Peru said on Monday the country had 310 new deaths.")
    assert got[310] != {"Switzerland"}


def test_a_list_titled_with_a_day_is_a_list_of_that_day_s_counts() -> None:
    text = "Deaths reported on Sunday:\nOntario: 41\nQuebec: 37\nAlberta: 9"
    got = {(r.date, r.place, r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("2021-05-09", "Quebec", "deaths_new", 37) in got


def test_a_count_less_heading_with_a_day_dates_the_list_after_it() -> None:
    from flareup.ingest.bulletin.list_heads import heading_day

    pub = dt.date(2021, 5, 10)
    assert heading_day("Sierra Leone's Ebola situation report for 8 May.", pub) == "2021-05-08"
    assert heading_day("Provincial figures for Sunday:", pub) == "2021-05-09"
    assert heading_day("The report for Sunday showed a fall in admissions.", pub) is None
    text = "Daily cholera update for 8 May.\n• Nampula: 31 new cases\n• Sofala: 9 new cases"
    got = {(r.date, r.place, r.value) for r in extract(text, "2021-05-10")}
    assert got == {("2021-05-08", "Nampula", 31), ("2021-05-08", "Sofala", 9)}


def test_who_regions_named_without_region_and_a_rate_s_place_names_no_text() -> None:
    text = (
        "Deaths by WHO region as of 2 May: Eastern Mediterranean 9 120 deaths; "
        "Western Pacific 6 410 deaths."
    )
    got = _places(text)
    assert got[9120] == {"Eastern Mediterranean Region"}
    assert got[6410] == {"Western Pacific Region"}
    # a place named for a rate measured there is not the text's place
    text = (
        "The fatality rate of 0.4% is above the regional average in the Western Pacific.\n\n"
        "The Department of Health (DOH) recorded 1,200 new dengue cases this week."
    )
    assert "Western Pacific Region" not in _places(text)[1200]


def test_each_before_the_count_and_a_zero_over_a_list_give_every_place_its_record() -> None:
    got = _places("Bahrain, Jordan and Lebanon each recorded two new cases on Friday.")
    assert got[2] == {"Bahrain", "Jordan", "Lebanon"}
    got = _places("No new deaths were reported in Kano, Kaduna and Katsina states on Friday.")
    assert got[0] == {"Kano", "Kaduna", "Katsina"}
    got = _places("No new cases were found in three provinces, namely Aceh, Bali and Papua.")
    assert got[0] == {"Aceh", "Bali", "Papua"}
    # a count that is not zero over a group of units is the unit holding them
    got = _places("Nigeria reported 60 cases in three states: Kano, Kaduna and Katsina.")
    assert got[60] == {"Nigeria"}


def test_indonesia_s_provinces_go_by_their_english_names() -> None:
    got = _places("East Nusa Tenggara reported 41 new cases and Bangka Belitung 12.")
    assert got[41] == {"East Nusa Tenggara"}
    assert got[12] == {"Bangka Belitung Islands"}


def test_a_count_in_a_city_all_in_one_county_stays_the_city_s() -> None:
    text = "Yunnan reported 9 new local cases, including 7 in Dehong Prefecture, all in Ruili City."
    assert _places(text, "2021-04-07")[7] == {"Dehong"}


def test_a_breakdown_inside_the_current_place_does_not_end_the_text_s_stay_there() -> None:
    text = (
        "Cholera in southern Africa: weekly update. Malawi: cases are falling. "
        "New cases came from three districts, namely Blantyre (120), Zomba (20) and "
        "Nsanje (5). Cumulatively, 4,120 cases have been recorded since January."
    )
    got = _places(text)
    assert got[120] == {"Blantyre"}
    assert got[4120] == {"Malawi"}


def test_a_count_the_national_ministry_gives_after_a_district_is_the_country_s() -> None:
    text = (
        "The outbreak was declared on 2 May in Kasese District and as of 9 May, the Ministry "
        "of Health had confirmed 14 cases."
    )
    assert _places(text)[14] == {"Uganda"}


def test_a_list_of_places_with_its_unit_word_and_verb_is_a_new_subject() -> None:
    got = _places(
        "Kano state recorded three deaths while Oyo and Ogun state recorded one death each."
    )
    assert got[3] == {"Kano"}
    assert got[1] == {"Oyo", "Ogun"}


def test_followed_by_the_place_starts_the_next_item() -> None:
    got = _places("Lima leads with 9,100 new cases, followed by the Callao region with 1,200.")
    assert got[9100] != {"Callao"}


def test_inner_mongolia_s_banners_are_read_with_their_unit_word_then_bare() -> None:
    text = (
        "Inner Mongolia reported 9 new local cases on Monday, all in the Ejina Banner. "
        "The banner has reported 40 cases in this wave; Ejina has closed its schools after "
        "3 more cases were found in Ejina on Tuesday."
    )
    got = _places(text)
    assert "Ejina" in got[3]


def test_new_areas_and_bracketed_items_after_a_count_less_lead() -> None:
    got = _places("Tianjin's Binhai New Area reported 12 new local cases on Monday.")
    assert got[12] == {"Binhai"}
    text = "Confirmed measles cases by district: Kasese (31), Mubende (12), Kagadi (4)."
    got2 = {(r.place, r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("Mubende", "confirmed_cumulative", 12) in got2


def test_the_former_and_the_latter_are_the_pair_named_before() -> None:
    got = _places("Cases rose in Kano and Lagos; the latter recorded 40 new cases on Tuesday.")
    assert got[40] == {"Lagos"}
    got = _places("Nine cases were found in Jilin and Hebei, 7 of them in the former.")
    assert got[7] == {"Jilin"}


def test_category_round_places_of_appositions_and_sentence_initial_facility_words() -> None:
    # a with-phrase inside the apposition after the subject: the region it names is the
    # ranking's scope, not the count's place
    got = _places(
        "Peru, the hardest-hit nation in South America with 900,000 cases, logged 80 deaths."
    )
    assert got[900000] == got[80] == {"Peru"}
    # a facility word that opens a sentence is a common noun, not a named institute
    assert _places("Hospitals in Kenya admitted 45 patients.")[45] == {"Kenya"}
    assert _places("Laboratories in Ghana tested 900 samples.")[900] == {"Ghana"}
    # 'the worst-hit region' pointing to a place named in the sentence keeps its name
    recs = extract(
        "Lombardy, the worst-hit region with 70,000 cases, reported 900 new ones.", "2020-05-01"
    )
    assert {r.place_text for r in recs if r.value == 70000} == {"Lombardy"}


def test_the_scope_of_a_ranking_after_the_place_ranked_is_no_count_place() -> None:
    got = _places("Iran, with 9,000 deaths, has the highest toll in the Middle East.")
    assert got[9000] == {"Iran"}
    # a number after the place keeps it the count's ('the most in Lagos (120)')
    got = _places("Nigeria reported 300 cases, the most in Lagos with 120.")
    assert got[120] == {"Lagos"}
