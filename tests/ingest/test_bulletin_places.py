"""Where a count belongs: each place mechanism of the bulletin extractor checked on invented
sentences (so that what the corpus taught generalises to unseen text)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.places import dateline_end, gazetteer


def _places(text: str, pub: str = "2021-05-10") -> dict[int, set[str | None]]:
    """value -> the places the extractor gave it."""
    out: dict[int, set[str | None]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.place)
    return out


def _texts(text: str, pub: str = "2021-05-10") -> dict[int, set[str | None]]:
    out: dict[int, set[str | None]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.place_text)
    return out


def test_a_comma_and_inside_parentheses_does_not_end_the_place_s_clause() -> None:
    text = (
        "The cases are distributed as follows: Kenya, 57 cases (21 confirmed, and 36 "
        "probable) and 19 deaths (8 confirmed, and 11 probable); Uganda, 43 cases (13 "
        "confirmed, and 30 probable) and 17 deaths (6 confirmed, and 9 probable)."
    )
    got = _places(text)
    for v in (57, 21, 36, 19, 8, 11):
        assert got[v] == {"Kenya"}, v
    for v in (43, 13, 30, 17, 6, 9):
        assert got[v] == {"Uganda"}, v


def test_a_group_of_countries_is_the_place_of_its_count_as_written() -> None:
    text = (
        "Cholera update. Since January, 4,120 cases have been reported from the four "
        "countries, including 77 deaths. Malawi reported 2,000 cases."
    )
    got = _texts(text)
    assert got[4120] == {"the four countries"}
    assert got[77] == {"the four countries"}
    assert _places(text)[2000] == {"Malawi"}
    assert _texts("In these countries, 300 cases have been confirmed since May.")[300] == {
        "these countries"
    }
    got = _texts("A total of 651 cases of measles have been reported in 19 countries.")
    assert got[651] == {"19 countries"}


def test_counts_listed_together_share_the_place_after_them() -> None:
    text = (
        "Chile reported 3 cases on Sunday. Since March, 812 suspected and 45 confirmed cases "
        "were reported from Peru."
    )
    got = _places(text)
    assert got[812] == {"Peru"} and got[45] == {"Peru"}


def test_the_first_count_s_own_place_is_the_text_s_place() -> None:
    text = (
        "A total of 3,100 cases have been reported in Zambia since the start of the year. "
        "Travellers had been to Angola before. The total includes 48 deaths."
    )
    assert _places(text)[48] == {"Zambia"}


def test_the_country_of_a_text_that_names_none_is_kept_as_written() -> None:
    text = (
        "Malaria cases climb\nAccording to officials, a total of 5,400 malaria patients have "
        "received treatment in hospitals across the country since January. At least 310 "
        "patients in June were diagnosed with malaria."
    )
    got = _texts(text)
    assert got[5400] == {"the country"}
    assert got[310] == {"the country"}


def test_where_people_came_from_is_not_the_subject_of_later_counts() -> None:
    text = (
        "Norway reported 30 new cases on Monday. Seven were imported. They had returned "
        "from Spain, Italy and Greece between 1 and 3 May.\nThe remaining 23 of the 30 new cases "
        "announced on Monday were local."
    )
    got = _places(text)
    assert got[23] == {"Norway"} and got[30] == {"Norway"}


def test_a_chinese_dateline_is_not_a_place() -> None:
    gaz = gazetteer()
    found = gaz.find("新华社乌鲁木齐5月3日电(记者张三)新疆维吾尔自治区新增确诊病例2例。")
    assert [p.place.name for p in found] == ["Xinjiang"]
    found = gaz.find("天山网讯 新疆维吾尔自治区卫生健康委通报,新增无症状感染者4例。")
    assert [p.place.name for p in found] == ["Xinjiang"]


def test_an_earlier_breakdown_item_s_place_is_not_the_place_of_a_later_count() -> None:
    text = (
        "China reported 40 new cases (12 imported cases, 6 in Fujian province and 2 in "
        "Hebei province, including 3 cases reclassified from asymptomatic cases; 26 local "
        "cases, 26 in Liaoning)."
    )
    got = _places(text)
    assert got[3] == {"China"}
    assert got[26] >= {"China", "Liaoning"}
    assert got[6] == {"Fujian"}


def test_a_count_in_several_places_is_on_the_unit_that_holds_them() -> None:
    text = "Xinjiang had 50 asymptomatic cases in Kashgar and the Autonomous Prefecture of Kizilsu."
    assert _places(text)[50] == {"Xinjiang"}
    text = "Officials reported 9 new cases in Jiangsu and Zhejiang."
    assert _places(text)[9] == {"China"}
    got_text = _texts("Ebola update. Since March, 964 cases have been reported in Guinea and Mali.")
    assert got_text[964] == {"Guinea and Mali"}  # no unit below the world holds them
    text = "Two new cases were confirmed, one each in Hubei and Hunan."
    assert _places(text)[1] == {"Hubei", "Hunan"}


def test_parts_with_their_own_numbers_do_not_place_the_total() -> None:
    text = (
        "An outbreak of Ebola continues in Uganda. On 3 May, seven new suspected cases "
        "were reported in Kasese (4) and Bundibugyo (3) districts."
    )
    got = _places(text)
    assert got[7] == {"Uganda"}
    assert got[4] == {"Kasese"} and got[3] == {"Bundibugyo"}


def test_a_place_name_glued_to_a_number_is_found() -> None:
    found = gazetteer().find("• Spain3 210 confirmed (95 new)")
    assert [p.place.name for p in found] == ["Spain"]


def test_a_heading_line_that_names_a_place_places_the_lines_below_it() -> None:
    text = (
        "Measles situation report 7\n\nThe mission arrived in Chad on 2 March.\n\n"
        "Globally\n\n51200 cases (880 new)\n\nNigeria\n\n12100 cases (310 new) 95 deaths\n\n"
        "Outside of Nigeria\n\n39100 cases (570 new) 14 countries (2 new) 60 deaths (5 new)\n"
    )
    got = _places(text)
    assert got[51200] == {"World"} and got[880] == {"World"}
    assert got[12100] == {"Nigeria"} and got[95] == {"Nigeria"}
    assert got[39100] == {"Outside of Nigeria"} and got[60] == {"Outside of Nigeria"}


def test_reported_speech_ends_the_scope_of_a_place_named_after_the_first_count() -> None:
    text = (
        "China reported 12 new cases on Monday. Two new imported cases were reported in "
        "Yunnan on Monday, said the commission, adding that no new deaths were reported."
    )
    got = _places(text, "2021-05-11")
    assert got[2] == {"Yunnan"}
    assert got[0] == {"China"}
    text = (
        "China reported 30 new cases on Monday. The 9 local cases were found in Aksu, the "
        "Xinjiang health commission said, adding that 14 new asymptomatic cases were found."
    )
    assert _places(text, "2021-05-11")[14] == {"Xinjiang"}


def test_reported_to_who_is_the_world_only_in_a_report_that_is_not_about_one_country() -> None:
    text = (
        "WHO supports the health ministry of Mali in its response to the outbreak. From 2 to "
        "9 March 2021, 47 cases of meningitis were reported to WHO."
    )
    assert _places(text)[47] == {"Mali"}
    text = "Since 1 May, a total of 800 cases of the disease have been reported to WHO."
    assert _places(text)[800] == {"World"}


def test_chinese_whole_province_and_subject_sentences_without_numerals() -> None:
    text = (
        "济南市卫生健康委员会通报:2021年3月1日0时至24时,我市新增确诊病例2例。\n"
        "山东无新增本地确诊病例。累计报告确诊病例800例。\n"
        "今年以来全省共追踪到密切接触者3000人。"
    )
    got = _places(text, "2021-03-02")
    assert got[2] == {"Jinan"}
    assert got[800] == {"Shandong"}
    assert got[3000] == {"Shandong"}


def test_outbreak_towns_are_in_the_gazetteer_and_people_named_like_towns_are_not() -> None:
    gaz = gazetteer()
    for town, country in (("Butembo", "CD"), ("Bunia", "CD"), ("Jizan", "SA"), ("Baidoa", "SO")):
        found = gaz.find(f"Two new cases were confirmed in {town} on Monday.")
        assert [(p.place.name, p.place.country) for p in found] == [(town, country)]
    assert gaz.find("Nine cases, said George Okello, a spokesman for the ministry.") == []


def test_outside_a_country_is_a_place_of_its_own_but_not_where_people_came_from() -> None:
    text = (
        "Situation report 12. Outside of Brazil, there were 310 confirmed cases. One "
        "imported case arriving from outside the mainland was reported in Fujian."
    )
    got = _places(text)
    assert got[310] == {"Outside of Brazil"}
    assert got[1] == {"Fujian"}


def test_a_country_s_adjective_before_its_health_authority_names_the_country() -> None:
    got = _places("Ghanaian health authorities reported 14 new cases of cholera on Monday.")
    assert got[14] == {"Ghana"}
    got = _places("The Peruvian Ministry of Health said 9 deaths were recorded on Monday.")
    assert got[9] == {"Peru"}
    assert gazetteer().find("Ghanaian travellers made up most of the imported cases.") == []


def test_a_count_placed_nowhere_is_on_the_unit_holding_its_parts() -> None:
    got = _places(
        "Officials said 25 new cases were found on Monday, 15 in Nairobi and 10 in Mombasa."
    )
    assert got[25] == {"Kenya"}
    assert got[15] == {"Nairobi"} and got[10] == {"Mombasa"}


def test_the_reporting_authority_after_a_count_is_not_its_place() -> None:
    got = _places("The cluster in Kisumu has grown to 21 cases, the Kenyan health ministry said.")
    assert got[21] == {"Kisumu"}


def test_french_named_provinces_are_found_by_their_english_names() -> None:
    gaz = gazetteer()
    for text, name in (("North Kivu", "Nord-Kivu"), ("South Kivu", "Sud-Kivu")):
        found = gaz.find(f"Seven new cases were confirmed in {text} province on Monday.")
        assert [p.place.name for p in found] == [name]


def test_an_appositive_place_describes_the_place_before_it() -> None:
    got = _places("In Spain, the hardest-hit country in Europe, 812 people died on Monday.")
    assert got[812] == {"Spain"}
    got = _places("Catalonia, the region around Barcelona, reported 150 deaths on Monday.")
    assert got[150] == {"Catalonia"}  # the English name English reports use


def test_where_most_of_a_count_was_is_not_the_count_s_place() -> None:
    got = _places("Japan reported 44 new cases on Monday, most of them in Osaka.")
    assert got[44] == {"Japan"}


def test_european_regions_are_found_by_their_english_names() -> None:
    gaz = gazetteer()
    for text, code in (("Lombardy", "IT-25"), ("Bavaria", "DE-BY"), ("Brittany", "FR-BRE")):
        found = gaz.find(f"Health officials in {text} reported 40 new cases.")
        assert [p.place.code for p in found] == [code]


def test_travel_destinations_are_not_places_of_later_counts() -> None:
    text = (
        "Two new cases of measles in Chile\n\nNo new cases were reported in Chile on Monday. "
        "The outbreak began when a child fell ill after a trip to Brazil on May 2. Chile's government "
        "has been criticised. The number of contacts under observation rose to 412 on Monday."
    )
    got = _places(text, "2021-05-11")
    assert got[412] == {"Chile"}


def test_names_with_accents_are_found_with_and_without_them() -> None:
    gaz = gazetteer()
    for text, name in (("Côte d'Ivoire", "Ivory Coast"), ("Medellin", "Medellín")):
        found = gaz.find(f"{text} reported 12 new cases of dengue on Monday.")
        assert [p.place.name for p in found] == [name]


def test_first_and_second_level_units_of_many_countries_are_places() -> None:
    gaz = gazetteer()
    for text, code in (
        ("Oromia", "ET-OR"),  # a regional state
        ("Kagadi", "UG-427"),  # a district under a region
        ("Lofa", "LR-LO"),  # a county
        ("Cavite", "PH-CAV"),  # a province under a region
    ):
        found = gaz.find(f"Officials said 17 cases were confirmed in {text} last week.")
        assert [p.place.code for p in found] == [code], text
    got = _places(
        "The Somali health ministry reported 40 cases. Ethiopia reported 30 cases in the "
        "Somali region."
    )
    assert got[40] == {"Somalia"} and got[30] == {"Somali"}


def test_a_new_place_between_a_count_and_its_list_item_is_the_item_s() -> None:
    got = _places(
        "Most cases were in Oromia, where 300 cases were recorded, and in Amhara, with 150."
    )
    assert got[300] == {"Oromia"} and got[150] == {"Amara"}


def test_diseases_named_after_places_are_not_places() -> None:
    gaz = gazetteer()
    for text in (
        "Cases of Sudan ebolavirus disease rose to 12.",
        "Crimean-Congo haemorrhagic fever killed 3 people.",
        "Middle East respiratory syndrome cases reached 9.",
        "The Delta variant caused 40 cases.",
    ):
        assert gaz.find(text) == [], text


def test_breakdown_items_from_places_and_unlisted_districts() -> None:
    text = (
        "Ebola outbreak - Kenya\n\nOn 2 May 2023, the Ministry of Health of Kenya declared "
        "an outbreak in Kisumu county. As of 5 May, a total of 20 cases have been reported. "
        "Of the cases, 11 are from Kisumu, 6 from Siaya and 3 from Nyabondo districts."
    )
    got = _places(text, "2023-05-06")
    assert got[20] == {"Kenya"}
    assert got[11] == {"Kisumu"} and got[6] == {"Siaya"} and got[3] == {"Nyabondo"}


def test_the_corps_reporting_its_own_figures_is_its_place_but_not_with_the_regions() -> None:
    text = (
        "Aksu reported 4 new cases on Monday. The Xinjiang Production and Construction Corps "
        "reported 2 asymptomatic cases. On Monday, 31 provincial-level regions and the "
        "Xinjiang Production and Construction Corps reported 35 new cases."
    )
    got = _places(text, "2021-05-11")
    assert got[2] == {"Xinjiang Production and Construction Corps"}
    assert got[35] == {"China"}


def test_world_regions_are_places() -> None:
    got = _places("Since March, 28,600 cases of Ebola have been reported in West Africa.")
    assert got[28600] == {"West Africa"}
    assert _places("In 2019, 9,000 cases of measles were reported in the EU/EEA.")[9000] == {
        "European Union"
    }
    found = gazetteer().find("累计收到港澳台地区通报确诊病例12000例。")
    assert [p.place.name for p in found] == ["Hong Kong, Macao and Taiwan"]
    assert gazetteer().find("Middle East Respiratory Syndrome cases rose to 9.") == []


def test_the_city_can_be_a_province_level_municipality() -> None:
    text = (
        "Shanghai reports 6 new cases\n\nSix new cases were reported on Sunday. Meanwhile, "
        "Japan reported 250 cases. The city has now reported 380 cases in total."
    )
    assert _places(text, "2021-05-10")[380] == {"Shanghai"}


def test_the_lead_s_place_refines_the_headline_s() -> None:
    text = (
        "Three dock workers test positive in east China\n\n"
        "NINGBO, May 3 (Xinhua) -- Three dock workers in east China's port city of Ningbo "
        "tested positive on Sunday.\n\nSo far, 96 close contacts have been traced."
    )
    assert _places(text, "2021-05-03")[96] == {"Ningbo"}
    text = (
        "China reports 20 new cases\n\nChina reported 20 new cases on Sunday, 12 of them in "
        "Guangdong.\n\nA total of 900 close contacts are under observation."
    )
    assert _places(text, "2021-05-03")[900] == {"China"}


def test_a_plural_unit_word_names_every_place_of_its_list() -> None:
    text = (
        "Ebola situation report 3. Since April, a total of 50 confirmed cases have been "
        "reported. Of the confirmed cases, 30 (60%) are from Lolanga, "
        "followed by 15 (30%) from Mampoko and five (10%) from Ntondo health zones."
    )
    got = _places(text, "2021-05-10")
    assert got[30] == {"Lolanga"} and got[15] == {"Mampoko"} and got[5] == {"Ntondo"}


def test_xinjiang_counties_by_the_names_news_use() -> None:
    gaz = gazetteer()
    assert gaz.lookup("疏勒县").name == "Shule"  # type: ignore[union-attr]
    assert gaz.lookup("Akto County").name_zh == "阿克陶县"  # type: ignore[union-attr]


def test_a_place_after_descriptive_words_is_a_breakdown_item_s_own() -> None:
    text = (
        "Guangxi reported 12 new cases on Monday. The 12 new cases included 11 in the "
        "regional capital Nanning and one in the port city of Beihai."
    )
    got = _places(text, "2021-05-11")
    assert got[11] == {"Nanning"}


def test_multi_word_breakdown_items_keep_their_places_to_themselves() -> None:
    text = (
        "China reported 20 local cases on Monday, 12 in Gansu province including 7 in "
        "Lanzhou and 5 in Tianshui, 6 in Dehong Dai and Jingpo autonomous prefecture, "
        "Yunnan province and 2 in Shangrao, Jiangxi province, including 4 confirmed cases "
        "converting from asymptomatic cases."
    )
    got = _places(text, "2021-05-11")
    assert got[4] == {"China"}


def test_a_disease_before_a_parenthesised_count_is_not_a_place() -> None:
    got = _places("Weekly report for Malawi: Cholera (45 cases) and Measles (12 cases).")
    assert got[45] == {"Malawi"} and got[12] == {"Malawi"}


def test_compass_named_provinces_are_places() -> None:
    got = _places(
        "Zambia reported 9 new cases on Monday: 6 in Lusaka and 3 in the Eastern Province."
    )
    assert got[3] == {"Eastern Province"} and got[6] == {"Lusaka"}


def test_a_text_naming_no_country_is_the_country_of_the_authority_it_quotes() -> None:
    text = (
        "Dengue cases climb\nAccording to the DGHS, a total of 4,500 dengue patients have "
        "been admitted to hospitals since January. At least 120 patients in June were "
        "diagnosed with dengue."
    )
    got = _places(text, "2021-07-01")
    assert got[4500] == {"Bangladesh"} and got[120] == {"Bangladesh"}
    text = "Florida reported 300 new cases on Monday, the state DOH said."
    assert _places(text, "2021-07-01")[300] == {"Florida"}


def test_the_spellings_news_use_for_outbreak_places() -> None:
    gaz = gazetteer()
    for text, code_or_name in (
        ("Mecca", "SA-02"),
        ("Qassim", "SA-05"),
        ("Gueckedou", "GN-GU"),
        ("Hofuf", "Al Hufūf"),
        ("Port-au-Prince", "Port-au-Prince"),
        ("Edo", "NG-ED"),
        ("Qom", "IR-25"),
    ):
        found = gaz.find(f"Cases were reported in {text} today.")
        assert [p.place.code or p.place.name for p in found] == [code_or_name], text
    assert gaz.find("Two workers at Qingdao Port Group tested positive.") == []


def test_a_neighbouring_country_that_reports_is_the_subject() -> None:
    text = (
        "Marburg virus disease - Tanzania\n\nAs of 1 April, five deaths had been reported in "
        "Kagera Region. In addition, 12 suspected cases were reported in the districts of "
        "Bukoba and Muleba. Neighbouring Uganda reported three suspected cases on 30 March."
    )
    got = _places(text, "2023-04-03")
    assert got[3] == {"Uganda"}
    assert _texts(text, "2023-04-03")[12] == {"Bukoba and Muleba"}


def test_a_dateline_with_several_agencies_is_not_a_place() -> None:
    text = (
        "Vietnam reports 3,004 new cases\n\n"
        "HANOI, May 9, 2021 (ABC/XINHUA) – The COVID-19 cases in Vietnam rose by 3,004 within "
        "one day, with the death toll adding by 41, the Health Ministry said on Sunday."
    )
    got = _places(text)
    assert got[3004] == {"Vietnam"} and got[41] == {"Vietnam"}


def test_a_dateline_city_cut_off_as_a_sentence_is_not_the_text_s_place() -> None:
    text = (
        "NAIROBI. ACME NEWS - Uganda on Sunday reported 812 new cases, the health "
        "ministry said.\n\nThe ministry said 2,345 patients were under treatment.\n\n"
        "A total of 12 patients were discharged."
    )
    got = _places(text)
    assert got[812] == {"Uganda"} and got[12] == {"Uganda"}


def test_a_text_naming_no_country_is_the_country_of_its_dateline() -> None:
    text = (
        "Nairobi, May 9 (Reuters): The ministry said 415 new cases were found in the past 24 "
        "hours. The total number of confirmed cases in the country has reached 16,000."
    )
    got = _places(text)
    assert got[415] == {"Kenya"} and got[16000] == {"Kenya"}


def test_the_authority_a_lead_quotes_is_the_place_of_the_city() -> None:
    text = (
        "The city reported 45 local cases on Sunday, said the Guangzhou Health Commission on "
        "Monday.\n\nImported cases\n\nThe patient is a Chinese working in France who arrived "
        "on May 3 via Qatar.\n\nSeven close contacts on the same flight were quarantined."
    )
    got = _places(text)
    assert got[45] == {"Guangzhou"}
    assert got[7] == {"Guangzhou"}  # not France, where the patient lived, nor Qatar


def test_a_person_described_by_a_place_is_not_the_subject() -> None:
    text = (
        "Macao reported two imported cases on Sunday.\n\n"
        "The first patient is a Taiwan resident who arrived on May 1.\n\n"
        "Three close contacts were put under quarantine."
    )
    assert _places(text)[3] == {"Macao"}


def test_a_demonym_before_a_capitalised_national_commission_names_the_country() -> None:
    text = (
        "Hong Kong health officials said on Monday that the Chinese National Health "
        "Commission reported 31 additional cases of avian influenza in April."
    )
    assert _places(text, "2017-05-08")[31] == {"China"}


def test_a_breakdown_s_first_item_does_not_carry_to_the_next_sentence() -> None:
    text = (
        "Oman reported 9 additional cases of cholera in May 2019. The cases were reported "
        "from Muscat (six cases) and Sohar (three cases). In addition, two deaths were reported."
    )
    got = _places(text, "2019-06")
    assert got[6] == {"Muscat"} and got[2] == {"Oman"}


def test_the_town_of_the_laboratory_that_confirmed_cases_is_not_their_place() -> None:
    text = (
        "Kerala reported new Nipah cases. By Monday, 9 cases were confirmed by the National "
        "Institute of Virology in Pune, which tested 31 samples."
    )
    got = _places(text, "2019-06-04")
    assert got[9] == {"Kerala"} and got[31] == {"Kerala"}


def test_where_most_of_a_count_have_been_is_not_its_place() -> None:
    text = (
        "There have been more than 300 confirmed infections around the world in the current "
        "outbreak, which have mostly been in Africa."
    )
    assert _places(text, "2022-06-01")[300] == {"World"}


def test_the_place_after_a_subordinate_count_is_the_head_count_s() -> None:
    text = (
        "By the end of Monday, 812 cases, including 12 deaths, had been reported in Hong "
        "Kong, 63 cases in Macao, and 540 cases, including nine deaths, in Taiwan."
    )
    got = _places(text, "2020-09-01")
    assert got[812] == {"Hong Kong"} and got[63] == {"Macao"} and got[540] == {"Taiwan"}


def test_a_bracketed_breakdown_does_not_hide_the_place_after_it() -> None:
    text = (
        "Measles in Africa\n\nAs at 3 May 2019, there have been 88 cases (61 confirmed, 27 "
        "suspected) reported in Chad."
    )
    got = _places(text, "2019-05-05")
    assert got[88] == {"Chad"} and got[61] == {"Chad"} and got[27] == {"Chad"}


def test_who_or_paho_reporting_in_a_sentence_without_a_place_is_their_area() -> None:
    text = (
        "Yemen reported 40 new cases of diphtheria on Monday. WHO said 3,100 cases have been "
        "reported since 2017. Through May 31, the Pan American Health Organization (PAHO) has "
        "reported more than 9,000 confirmed cases."
    )
    got = _places(text, "2019-06-04")
    assert got[40] == {"Yemen"}
    assert got[3100] == {"World"}
    assert got[9000] == {"Region of the Americas"}


def test_the_country_with_a_describing_word_is_the_country() -> None:
    text = (
        "Aid workers in the Syrian city of Aleppo said there were 2,400 suspected cases "
        "across the war-torn country."
    )
    assert _places(text, "2019-06-04")[2400] == {"Syria"}


def test_the_place_a_count_was_found_in_does_not_reach_the_next_clause() -> None:
    text = (
        "Vietnam reported 14 new cases on Monday. One imported case was reported in Hanoi, "
        "and no new deaths were reported, the ministry said."
    )
    got = _places(text, "2020-07-07")
    assert got[0] == {"Vietnam"}


def test_a_text_naming_only_one_country_s_provinces_is_that_country_s() -> None:
    text = (
        "Of the 14 new cases, nine were in Sichuan province and five in Yunnan. No new "
        "deaths were reported."
    )
    recs = {r.value: r for r in extract(text, "2020-07-27")}
    assert recs[14].place == "China" and recs[0].place == "China"
    assert recs[0].place_text == "China"  # the country's name, not a province's words
    assert recs[9].place == "Sichuan"


def test_the_country_cases_were_reported_to_who_from_is_theirs() -> None:
    text = (
        "Avian influenza update\n\nFrom 1 to 7 May 2017, 17 new cases were reported to WHO "
        "from mainland China. Jiangsu reported 9 cases."
    )
    got = _places(text, "2017-05-10")
    assert got[17] == {"China"} and got[9] == {"Jiangsu"}


def test_a_compass_division_is_a_place_of_its_own() -> None:
    text = "Fiji has recorded 5 new cases. Four of the cases are in the Northern Division."
    got = _places(text, "2021-05-04")
    assert got[5] == {"Fiji"} and got[4] == {"Northern Division"}


def test_a_country_owning_an_institute_is_named() -> None:
    text = "France's Pasteur Institute said on Monday that 412 new cases had been confirmed."
    assert _places(text, "2020-08-31")[412] == {"France"}


def test_a_place_that_only_locates_another_is_not_the_subject() -> None:
    text = "Kerala, home to Kochi, reported 1,400 new cases on Friday."
    assert _places(text, "2020-08-29")[1400] == {"Kerala"}


def test_a_count_over_places_of_the_current_country_is_that_country_s() -> None:
    text = (
        "Angola has reported 2,100 suspected cases. In Uganda, the ministry notified cases "
        "in Masaka district on 9 April. As of 4 May, seven cases are laboratory confirmed in "
        "three districts: Masaka, Rukungiri and Kalangala."
    )
    got = _places(text, "2016-05-05")
    assert got[2100] == {"Angola"} and got[7] == {"Uganda"}


def test_places_listed_after_a_unit_word_share_their_common_unit() -> None:
    text = "Congo reported 45 new cases, including 37 reported in Ituri province and Kinshasa."
    assert _texts(text, "2016-05-05")[37] == {"Ituri province and Kinshasa"}


def test_places_inside_a_bracketed_breakdown_are_the_parts_places() -> None:
    text = (
        "Uganda reported 40 suspected cases on Monday. Six cases have been laboratory "
        "confirmed (five in Masaka and one in Rukungiri)."
    )
    got = _places(text, "2016-04-27")
    assert got[6] == {"Uganda"} and got[5] == {"Masaka"}


def test_a_bulleted_item_s_place_does_not_carry_to_the_next_item() -> None:
    text = (
        "Kenya has 1,500 confirmed cases, distributed as follows:\n\n"
        "- Nairobi – 900 cases;\n- Mombasa – 550 cases; and\n- Unallocated – 50 cases."
    )
    got = _places(text, "2020-08-05")
    assert got[900] == {"Nairobi"} and got[50] == {"Kenya"}


def test_counts_listed_as_one_subject_share_the_place_after_them() -> None:
    text = (
        "Zambia reported 40 suspected cases, of which 25 suspected cases and 3 deaths were "
        "from the province of Lusaka."
    )
    got = _places(text, "2018-01-10")
    assert got[25] == {"Lusaka"} and got[3] == {"Lusaka"}


def test_an_initial_may_abbreviate_an_unlisted_place() -> None:
    text = (
        "Seven new cases were confirmed in districts namely Viana (2), K. Kiaxi (4) and Samba (1)."
    )
    assert _texts(text, "2016-03-30")[4] == {"K. Kiaxi"}


def test_a_count_over_places_that_carry_their_own_counts_is_their_unit_s() -> None:
    text = (
        "Angola reported 60 suspected cases: 39 were from the province of Luanda and the "
        "remaining 21 suspected cases were from Huambo (14 suspected cases) and Huila (7 cases)."
    )
    got = _places(text, "2016-03-30")
    assert got[21] == {"Angola"} and got[14] == {"Huambo"} and got[39] == {"Luanda"}


def test_the_place_after_a_subordinate_count_and_from_is_the_count_s() -> None:
    text = (
        "Since then, a total of five cases have been reported, including one death, from "
        "Ashanti region, Ghana's health service said."
    )
    got = _places(text, "2022-09-28")
    assert got[5] == {"Ashanti"}


def test_a_group_of_countries_as_subject_is_the_count_s_place() -> None:
    text = "Since January, 14 countries in the region have reported 62,000 measles cases."
    assert _texts(text, "2019-03-14")[62000] == {"14 countries"}


def test_a_place_left_out_still_names_the_country_of_the_rest() -> None:
    text = (
        "Outside Hubei, there were 377 new cases, while the rest of the country reported 12 deaths."
    )
    got = _places(text, "2020-02-11")
    assert got[377] == {"Outside Hubei"} and got[12] == {"China"}


def test_a_heading_in_capitals_is_still_a_heading() -> None:
    text = (
        "GLOBALLY\n\n4,500 new cases were reported in the past 24 hours.\n\nCHINA:\n\n12 new cases."
    )
    got = _places(text, "2020-03-01")
    assert got[4500] == {"World"} and got[12] == {"China"}


def test_a_text_about_two_provinces_named_as_one_list_is_about_their_country() -> None:
    text = (
        "The cholera outbreak in Kasai and Equateur provinces, Democratic Republic of the "
        "Congo, is being followed by the health ministry. As of 2 May 2023, a total of 412 "
        "cases have been reported. In Kasai alone 30 people died."
    )
    got = _places(text, "2023-05-04")
    assert got[412] == {"Democratic Republic of the Congo"}
    assert got[30] == {"Kasai"}


def test_places_listed_under_one_plural_unit_word_are_the_unit_that_holds_them() -> None:
    text = (
        "Cholera update. Last week saw a rise of cases in the Kasai and Equateur provinces "
        "of the Democratic Republic of the Congo, with 110 new cases. "
        "Kasai and Equateur provinces reported 12 and 9 deaths, respectively."
    )
    got = _places(text, "2023-05-06")
    assert got[110] == {"Democratic Republic of the Congo"}
    assert got[12] == {"Kasai"}
    assert got[9] == {"Equateur"}


def test_a_sentence_that_names_no_place_goes_on_about_the_current_one() -> None:
    text = (
        "Kenya reported 2,100 new cases on Monday. Meanwhile, Nairobi recorded 640 new cases "
        "and 3 deaths. The number of active cases rose to 5,310. Another 77 patients are in "
        "intensive care."
    )
    got = _places(text, "2021-05-11")
    assert got[2100] == {"Kenya"}
    assert got[640] == {"Nairobi"}
    assert got[5310] == {"Nairobi"}
    assert got[77] == {"Nairobi"}


def test_a_place_where_some_counted_units_lie_does_not_become_the_current_place() -> None:
    text = (
        "The cholera outbreak in Kasai and Equateur provinces, Democratic Republic of the "
        "Congo, is followed by the ministry. As of 4 May 2023, a total of 300 cases have been "
        "reported. The cases have been reported from eight health zones in Kasai Province and "
        "three health zones in Equateur Province (Figure 3). Among the 300 cases, 186 deaths "
        "have been reported."
    )
    got = _places(text, "2023-05-06")
    assert got[300] == {"Democratic Republic of the Congo"}
    assert got[186] == {"Democratic Republic of the Congo"}


def test_a_count_s_own_phrase_ends_where_its_attribution_begins() -> None:
    text = (
        "The death toll from a cholera outbreak in Kenya has risen to 31, the ministry said on "
        "Friday as aid groups warned that the disease is spreading fast in the capital Nairobi."
    )
    assert _places(text, "2021-05-09")[31] == {"Kenya"}


def test_a_place_the_gazetteer_lacks_is_known_by_a_count_written_n_equals() -> None:
    text = (
        "New cases were reported from Kayna (n=4) and Rwanguba (n=2). "
        "Of the 5 deaths, 3 were in Kayna and 2 in Rwanguba."
    )
    got = _places(text, "2021-05-10")
    assert "Rwanguba" in got[2]
    assert got[3] == {"Kayna"}


def test_where_the_first_case_was_reported_is_not_the_place_of_the_cases_since() -> None:
    text = (
        "Health officials in Ghana urged calm. Twelve suspected cases of Lassa fever have been "
        "found since the first was reported in Ashanti Region on March 2."
    )
    assert _places(text, "2021-03-20")[12] == {"Ghana"}


def test_a_place_given_as_an_example_of_a_group_does_not_become_the_current_place() -> None:
    text = (
        "Health officials in Ghana reported 14 suspected cases in four regions. Regions "
        "affected include Ashanti Region, home to 5 million people. So far no case has been "
        "confirmed."
    )
    got = _places(text, "2021-03-20")
    assert got[0] == {"Ghana"}


def test_a_city_alone_on_the_first_line_with_a_colon_is_a_dateline() -> None:
    text = (
        "Nairobi :\n\n"
        '"As many as 1,905 new cases were detected," the ministry said. '
        "Another 1,200 patients were discharged from hospitals across the country. "
        "In the past day, 61 people died. "
        "Mombasa logged 142 new cases in the same period."
    )
    got = _places(text, "2021-03-20")
    assert got[1905] == {"Kenya"}
    assert got[142] == {"Mombasa"}
    # a country or province over the lines below it stays their place
    assert _places("Kenya:\n\n1,905 new cases were detected.", "2021-03-20")[1905] == {"Kenya"}


def test_a_place_glued_to_its_count_by_a_hyphen_is_found() -> None:
    found = gazetteer().find("Kaduna-11")
    assert [p.place.name for p in found] == ["Kaduna"]
    assert found[0].text == "Kaduna"
    assert [p.place.name for p in gazetteer().find("Cross River-3")] == ["Cross River"]


def test_district_names_with_polyphonic_characters_read_as_the_gazetteer_names_them() -> None:
    gaz = gazetteer()
    found = gaz.find("Two cases were found in Chaoyang and one in Changning.")
    assert [p.place.name for p in found] == ["Chaoyang", "Changning"]
    assert found[0].place.name_zh.startswith("朝阳")
    assert found[1].place.name_zh == "长宁区"
    assert gaz.lookup("Zhaoyang") is None


def test_nigeria_s_capital_territory_is_known_by_the_names_its_reports_use() -> None:
    for text in ("FCT-26", "26 new cases in the Federal Capital Territory"):
        assert [p.place.code for p in gazetteer().find(text)] == ["NG-FC"], text


def test_a_place_named_with_a_number_of_other_units_stands_for_the_larger_unit() -> None:
    text = (
        "Ministry records 80 new infections in Nairobi, 9 counties\n"
        "The health ministry has recorded 80 new infections in Nairobi and 9 other counties "
        "across the country."
    )
    got = _places(text, "2021-03-20")
    assert got[80] == {"Kenya"}


def test_a_list_item_s_label_does_not_become_the_place_of_the_lines_after_it() -> None:
    text = (
        "Kenya reported 61 new cases on Sunday.\n"
        "The ministry listed them by county:\n"
        "Nairobi-40\n"
        "Mombasa-21\n"
        "1,200 recovered."
    )
    got = _places(text, "2021-03-22")
    assert got[1200] == {"Kenya"}


def test_a_count_over_many_units_of_a_country_is_the_country_s() -> None:
    text = (
        "Texas health officials say 40 measles cases have been confirmed this year. "
        "The federal agency says more than 900 cases have been confirmed in 25 states."
    )
    got = _places(text, "2019-08-19")
    assert got[40] == {"Texas"}
    assert got[900] == {"United States"}
    # units of a named place stay that place's count
    text = "Uganda reported 30 cases on Monday. Kasese city reported 8 cases in 3 districts of the city."
    assert _places(text)[8] == {"Kasese"}


def test_a_place_after_a_span_of_time_still_becomes_the_current_place() -> None:
    text = (
        "Ghana reported 30 cases on Monday. Two weeks ago in Accra, a market was closed. "
        "Another 12 cases were found."
    )
    assert _places(text, "2021-05-11")[12] == {"Accra"}


def test_the_outbreak_as_subject_is_the_text_s_not_the_sentence_before_s_place() -> None:
    text = (
        "Chad's health ministry notified 900 suspected cases of measles. In N'Djamena, all "
        "districts have been affected, with 410 suspected cases. The outbreak peaked in week "
        "9 with 120 cases. Since then, the outbreak has declined, with 14 cases in week 14."
    )
    got = _places(text, "2019-04-20")
    assert got[410] == {"N'Djamena"}
    assert got[120] == {"Chad"}
    assert got[14] == {"Chad"}


def test_patients_transferred_from_other_cities_count_where_they_are_treated() -> None:
    text = (
        "Wuhan discharged 9 recovered patients on Thursday. Another 4 patients transferred "
        "from the cities of Xiaogan and Huanggang have also recovered."
    )
    got = _places(text, "2020-03-06")
    assert got[4] == {"Wuhan"}


def test_a_list_of_places_as_subject_hands_on_none_of_them() -> None:
    text = (
        "Kenya reported 30 new cholera cases this week, 12 of them in Garissa (7) and Wajir "
        "(5). Garissa, Wajir and Mombasa remain hotspots, with 10/12 (83%) of the cases "
        "reported in the past week originating from these areas. "
        "A total of 211 deaths have been recorded so far."
    )
    got = _places(text, "2019-04-20")
    assert got[211] == {"Kenya"}


def test_the_town_of_a_laboratory_is_not_where_the_cases_are() -> None:
    text = (
        "Mali has notified an outbreak of Lassa fever. On 3 May, specimens sent to the "
        "reference laboratory in Bamako tested positive. As of 6 May, a total of three cases "
        "had been reported."
    )
    got = _places(text, "2019-05-08")
    assert got[3] == {"Mali"}


def test_a_shared_name_is_the_one_in_the_country_of_the_places_beside_it() -> None:
    gaz = gazetteer()
    found = gaz.find("Two dengue deaths were reported in Sindh and Punjab on Monday.")
    assert [p.place.country for p in found] == ["PK", "PK"]
    found = gaz.find("Two dengue deaths were reported in Punjab and Haryana on Monday.")
    assert [p.place.country for p in found] == ["IN", "IN"]


def test_the_district_is_the_district_named_before() -> None:
    text = (
        "Pakistan confirmed 4 new polio cases this week. One of the children lives in Sindh's "
        "Larkana district. With this case, the number of cases in the district rose to 6."
    )
    got = _places(text, "2019-07-10")
    assert got[6] == {"Larkana"}


def test_a_press_release_dateline_and_the_national_authority_hand_on_no_place() -> None:
    text = (
        "CHOLERA OUTBREAK IN KANO STATE\n\n"
        "12 March 2021 | Abuja –\n\n"
        "On 2 March, the Nigeria Centre for Disease Control was notified of a cholera case "
        "in a 9 year old girl in Kano State. Since then, 14 other cases were identified."
    )
    got = _places(text, "2021-03-12")
    assert got[14] == {"Kano"}


def test_a_count_after_a_bracketed_list_of_places_is_not_the_last_item_s() -> None:
    text = (
        "Ghana recorded 70 suspected meningitis cases this year. Of these, 19 were confirmed "
        "in four regions (Ashanti, Volta, Northern and Upper East) and two deaths occurred."
    )
    got = _places(text, "2021-05-10")
    assert got[2] == {"Ghana"}


def test_cox_s_bazar_is_known_by_its_common_misspelling() -> None:
    text = "Among refugees in Cox's Bazaar, 120 suspected measles cases have been reported."
    got = _places(text, "2018-02-01")
    assert got[120] == {"Cox's Bazar"}


def test_where_a_statement_was_issued_is_not_the_place_of_its_counts() -> None:
    text = (
        "Uganda has now recorded 412 cases of measles, the health minister said in a statement "
        "issued in Kampala on Friday. The number of samples tested rose to 1,250, she told "
        "reporters in Geneva."
    )
    got = _places(text, "2019-06-08")
    assert got[412] == {"Uganda"}
    assert got[1250] == {"Uganda"}


def test_a_town_and_its_province_are_no_list() -> None:
    text = (
        "In Kikwit, Kwilu province, 17 new cholera cases were reported on Monday. "
        "A total of 240 cases have been recorded since January."
    )
    got = _places(text, "2021-05-10")
    assert got[240] == {"Kikwit"}


def test_unlisted_places_counted_in_words_in_brackets_are_places() -> None:
    text = (
        "Oman reported 6 new cases. They were reported from Muscat (three cases), "
        "Bidbid Fanja (two cases) and Northern (one case)."
    )
    got = _texts(text, "2021-05-10")
    assert got[2] == {"Bidbid Fanja"}
    assert got[1] == {"Northern"}


def test_places_named_with_a_unit_word_before_their_bracketed_parts() -> None:
    text = (
        "As of 3 May, a total of five cases including two deaths had been reported from "
        "Kandi commune (two confirmed and one suspected) and Segbana commune (two suspected)."
    )
    got = _texts(text, "2021-05-10")
    assert got[1] == {"Kandi"}
    assert "Kandi" not in got[5] and "Segbana" not in got[5]


def test_a_number_written_twice_is_no_place() -> None:
    from flareup.ingest.bulletin.place_scope import _unlisted_places

    sent = "Three (3) deaths among previously reported cases were recorded."
    assert [p.text for p in _unlisted_places(sent, [])] == []


def test_an_accented_dateline_is_no_place_of_the_counts() -> None:
    text = (
        "HÀ NỘI — The health ministry on Tuesday reported 21 new cases in Việt Nam. "
        "Another 40 patients have recovered."
    )
    got = _places(text)
    assert got[21] == {"Vietnam"}
    assert got[40] == {"Vietnam"}


def test_a_dateline_with_a_re_publisher_s_bracket_is_no_place_of_the_counts() -> None:
    text = (
        "JAKARTA, (Some Outlet / Other News - 3rd June, 2021 ) :Indonesia reported 5,000 "
        "new cases on Wednesday."
    )
    assert _places(text, "2021-06-03")[5000] == {"Indonesia"}
    assert text[dateline_end(text) :].startswith("Indonesia")


def test_places_are_found_with_or_without_their_accents() -> None:
    g = gazetteer()
    assert g.lookup("Hà Nội") is g.lookup("Ha Noi")
    assert g.lookup("Việt Nam") is g.lookup("Vietnam")
    # of two rows alike but for accents, the one written in ASCII
    cox = g.lookup("Cox's Bazar")
    assert cox is not None and cox.name == "Cox's Bazar"
    got = _places("There were 12 new cases in Hà Nội and 3 in Bình Dương.")
    assert got[12] == {"Ha Noi"}


def test_the_region_does_not_point_back_to_where_the_outbreak_began() -> None:
    text = (
        "Sichuan has largely escaped the epidemic, which first emerged in the eastern city of "
        "Nanjing last month. The region has reported 9 cases so far."
    )
    assert _places(text, "2021-08-20")[9] == {"Sichuan"}


def test_a_us_county_is_the_place_of_its_count() -> None:
    text = "As of April 2, 31 cases of measles had been reported in Clark County, Washington."
    assert _places(text, "2019-04-03")[31] == {"Clark County"}
    g = gazetteer()
    county = g.lookup("Clark County")
    assert county is not None and county.country == "US" and county.level == "county"


def test_a_capitalised_plural_health_zones_names_every_place_of_its_list() -> None:
    text = (
        "This week, 9 new confirmed cases were reported: 6 from Kanzala, two from Tshikapa "
        "and one from Mweka Health Zones in the province."
    )
    got = _places(text)
    assert got[6] == {"Kanzala"}
    assert got[1] == {"Mweka"}


def test_a_city_s_metropolitan_area_is_no_subject_that_carries() -> None:
    text = (
        "Japan reported 800 new cases. Most were in the Tokyo metropolitan area, with 300 "
        "cases in Tokyo and 120 in Kanagawa. Meanwhile, nine more people died."
    )
    got = _places(text)
    assert got[300] == {"Tokyo"}
    assert got[9] == {"Japan"}


def test_the_town_of_a_laboratory_is_no_place_of_the_results() -> None:
    text = (
        "Cholera was confirmed in Tete Province. Of 30 samples, 12 tested positive at "
        "the National Reference Laboratory (NRL) in Maputo."
    )
    assert _places(text, "2019-02-10")[12] == {"Tete"}


def test_a_place_a_case_travelled_from_is_not_the_state_pointed_back_to() -> None:
    text = (
        "A first case in the neighbouring Sennar State was reported in a woman travelling "
        "from the Gezira State. Since then, 14 cases have been reported in the State."
    )
    assert _places(text, "2019-02-10")[14] == {"Sennar"}


def test_a_place_around_another_and_a_city_of_a_list_keep_their_own_counts() -> None:
    text = (
        "Japan reported 40 new local infections. Of the local infections, Saitama Prefecture "
        "surrounding Tokyo accounted for the largest share with 14, followed by Tokyo with "
        "eight and the western city of Osaka with five."
    )
    got = _places(text)
    assert got[14] == {"Saitama"}
    assert got[8] == {"Tokyo"}
    assert got[5] == {"Osaka"}


def test_a_report_on_several_countries_none_its_subject_counts_for_all() -> None:
    text = (
        "Cholera situation report\n\n3 May 2021\n\nHIGHLIGHTS\n- There have been 9 400 cases in total.\n"
        "- Incidence is rising in Malawi, falling in Zambia and stable in Mozambique.\n"
        "- Malawi reported 120 new cases, Zambia 80 and Mozambique 60."
    )
    got = _places(text)
    assert got[9400] == {"World"}
    assert got[120] == {"Malawi"}


def test_counts_listed_with_a_disease_between_share_the_place_after_them() -> None:
    text = (
        "Thirty new cases of cholera and 4 deaths have been reported in Malawi and Zambia "
        "since May 2, the agency said."
    )
    got = _texts(text, "2021-05-10")
    assert got[30] == got[4] == {"Malawi and Zambia"}


def test_first_level_units_that_iso_types_apart_are_places() -> None:
    """Pakistan's Gilgit-Baltistan and Azad Kashmir, Serbia's Vojvodina: ISO 3166-2 gives them
    types of their own, so the gazetteer once missed them and their counts went to a sibling."""
    text = (
        "So far 9,120 cases have been confirmed in Punjab, 2,310 in KP, 804 in Azad Kashmir "
        "and 377 in Gilgit Baltistan. Vojvodina reported 65 new cases on Monday."
    )
    got = _places(text, "2022-03-01")
    assert got[2310] == {"Khyber Pakhtunkhwa"}
    assert got[804] == {"Azad Jammu and Kashmir"}
    assert got[377] == {"Gilgit-Baltistan"}
    assert got[65] == {"Vojvodina"}


def test_an_unknown_item_of_a_breakdown_by_place_is_a_place_not_a_sibling_s() -> None:
    text = (
        "So far 9,120 cases have been confirmed in Sindh, 2,310 in Punjab and 804 in Upper "
        "Rolanda. Moreover, 45 died in Sindh and 12 in Nordavia."
    )
    got = _places(text, "2022-03-01")
    assert got[804] == {"Upper Rolanda"}
    assert got[12] == {"Nordavia"}
    assert got[45] == {"Sindh"}


def test_an_autonomous_prefecture_is_known_by_its_own_name() -> None:
    """延边朝鲜族自治州 is 'Yanbian' in English reports (and 内蒙古 is Inner Mongolia): the
    gazetteer names a unit named after its peoples by the place's own name."""
    gaz = gazetteer()
    yanbian, inner = gaz.lookup("Yanbian"), gaz.lookup("内蒙古")
    assert yanbian is not None and yanbian.code == "222400"
    assert gaz.lookup("Enshi Prefecture") is not None
    assert inner is not None and inner.name == "Inner Mongolia"
    text = (
        "Jilin province reported 40 new local cases on Monday, including 31 in Changchun "
        "and 9 in Yanbian Prefecture."
    )
    assert _places(text, "2022-04-05")[9] == {"Yanbian"}


def test_a_count_outside_a_country_is_on_the_rest_of_the_world() -> None:
    text = (
        "Globally 2,210 cases have been confirmed. There have been 83 confirmed cases in 11 "
        "countries outside of Brazil. Peru reported 4 new cases, bringing the total to 61 in "
        "an outbreak that is the largest outside Brazil."
    )
    got = _places(text, "2023-02-01")
    assert got[83] == {"Outside of Brazil"}
    assert got[61] == {"Peru"}


def test_the_african_regional_groupings_of_regional_bulletins_are_places() -> None:
    gaz = gazetteer()
    esar, wcar = gaz.lookup("ESAR"), gaz.lookup("West and Central Africa")
    assert esar is not None and esar.name == "Eastern and Southern Africa"
    assert wcar is not None and wcar.level == "region"
    got = _places("Since January, 2,040 measles cases were notified in West and Central Africa.")
    assert got[2040] == {"West and Central Africa"}


def test_a_group_of_countries_of_a_named_region_is_that_region() -> None:
    text = (
        "Some 3,120 cases and 41 deaths were reported in 6 of 15 countries of the Western "
        "Pacific Region in May. Another 80 cases were reported in 4 countries."
    )
    got = _places(text, "2023-06-10")
    assert got[3120] == got[41] == {"Western Pacific Region"}
    assert got[80] == {"4 countries"}


def test_an_autonomous_prefecture_s_short_chinese_form_is_the_prefecture() -> None:
    gaz = gazetteer()
    for short, code in (("巴州", "652800"), ("昌吉州", "652300"), ("延边州", "222400")):
        found = gaz.lookup(short)
        assert found is not None and found.code == code
    text = "截至9月3日24时,新疆现有无症状感染者12例,其中,巴州7例、昌吉州5例。"
    got = _places(text, "2022-09-04")
    assert got[7] == {"Bayingolin"}


def test_the_philippines_regions_are_known_by_their_numbers_too() -> None:
    gaz = gazetteer()
    r3, r4a = gaz.lookup("Region III"), gaz.lookup("Region IV-A")
    assert r3 is not None and r3.name == "Central Luzon"
    assert r4a is not None and r4a.name == "Calabarzon"
    central_visayas = gaz.lookup("Central Visayas")
    assert central_visayas is not None and central_visayas.code == "PH-07"


def test_an_item_of_a_breakdown_by_place_is_not_the_text_s_place() -> None:
    text = (
        "The health department reported 8,120 measles cases since January.\n\n"
        "Most cases were reported from Sindh with 2,310; Punjab with 1,904; and Balochistan "
        "with 877.\n\n"
        "Some 41 deaths were recorded."
    )
    got = _places(text, "2023-04-01")
    assert got[8120] == got[41] == {"Pakistan"}
    assert got[1904] == {"Punjab"}


def test_a_national_count_makes_the_text_go_on_about_the_country() -> None:
    text = (
        "Cases rose in Sindh, where 2,310 infections were recorded last month. Nationally, "
        "there were 96 deaths due to measles. The deaths were reported in January with 40 "
        "and in February with 56."
    )
    got = _places(text, "2023-03-05")
    assert got[2310] == {"Sindh"}
    assert got[96] == got[40] == got[56] == {"Pakistan"}


def test_people_from_outside_a_country_are_counted_in_it() -> None:
    text = (
        "Thailand reported 31 new cases on Monday. The ministry said 12 people, including "
        "nine from outside Thailand, were still suspected of being infected."
    )
    got = _places(text, "2021-03-02")
    assert got[9] == {"Thailand"}


def test_the_places_of_a_partition_of_a_count_do_not_carry_on() -> None:
    text = (
        "Vietnam reported 40 new cases on Friday, 25 of them local infections. Of the local "
        "infections, Hanoi accounted for the largest share with 17, followed by Da Nang with "
        "eight. The number of new local cases was 12 on Thursday."
    )
    got = _places(text, "2021-05-08")
    assert got[17] == {"Hanoi"}
    assert got[12] == {"Vietnam"}


def test_a_row_heading_after_the_world_word_takes_the_counts_of_its_row() -> None:
    # a flattened regional table: 'Globally' heads only its own row
    text = (
        "Cases by region (new in brackets): Globally 81 220 cases (2 310) 1 904 deaths (71) "
        "Europe 40 115 cases (1 207) 988 deaths (35) Africa 12 604 cases (318) 240 deaths (9)."
    )
    got = _places(text, "2021-02-03")
    assert got[81220] == {"World"}
    assert got[2310] == {"World"}
    assert got[40115] == {"Europe"}
    assert got[35] == {"Europe"}
    assert got[318] == {"Africa"}
    assert got[9] == {"Africa"}


def test_a_breakdown_by_sibling_places_does_not_carry_its_first_place_on() -> None:
    text = (
        "Nigeria's disease control centre confirmed 14 new cholera cases this week. "
        "Kwara state recorded three deaths, while Sokoto state recorded one death. "
        "Since January, a total of 2,406 cases have been reported."
    )
    got = _places(text, "2021-05-10")
    assert got[3] == {"Kwara"}
    assert got[2406] == {"Nigeria"}


def test_a_county_bulletin_s_own_county_and_today() -> None:
    """'本县今日新增无症状感染者3例' (a county's own bulletin): '本县' is the text's own county
    where the reader gives it (``place``), and '今日' is the publication day -- unlike '今日
    通报', figures released that day, which cover the day before."""
    recs = extract("本县今日新增无症状感染者3例。", "2020-10-29", place="疏附县")
    assert [(r.category, r.value, r.place, r.date) for r in recs] == [
        ("asymptomatic_new", 3, "Shufu", "2020-10-29")
    ]
    (r,) = extract("本县今日新增无症状感染者3例。", "2020-10-29")
    assert (r.place, r.date) == (None, "2020-10-29")  # no place given: none guessed
    (r,) = extract("国家卫健委今(8)日早上通报，新增确诊病例89例。", "2020-10-29")
    assert r.date == "2020-10-28"
    # a text that names its own place keeps it
    (r,) = extract("Nairobi reported 4 new cases on Monday.", "2021-05-11", place="Kenya")
    assert r.place == "Nairobi"


def test_the_national_health_commission_speaks_for_the_mainland() -> None:
    """'国家卫健委今(8)日早上通报,新增确诊病例89例' named no place, so its counts had none; the
    national authority's figures are China's (SOURCES.md). A city's commission keeps its city."""
    (r,) = extract("国家卫健委今(8)日早上通报，新增确诊病例89例。", "2020-10-29")
    assert (r.place, r.date) == ("China", "2020-10-28")
    recs = extract("国家卫生健康委员会通报：新增确诊病例42例，其中境外输入病例20例。", "2020-10-29")
    assert {r.place for r in recs} == {"China"}
    (r,) = extract("青岛市卫生健康委员会通报：新增确诊病例3例。", "2020-10-29")
    assert r.place == "Qingdao"


def test_european_regions_carry_their_english_names() -> None:
    """Records name Lombardy, Bavaria, Brittany as English reports and analysts do; the ISO
    3166-2 names (Lombardia, Bayern, Bretagne) still find them."""
    gaz = gazetteer()
    for written, name in (
        ("Lombardy", "Lombardy"),
        ("Lombardia", "Lombardy"),
        ("Bayern", "Bavaria"),
        ("Bretagne", "Brittany"),
        ("Pulau Pinang", "Penang"),
    ):
        found = gaz.find(f"Nine new cases were confirmed in {written} on Monday.")
        assert [p.place.name for p in found] == [name], written
