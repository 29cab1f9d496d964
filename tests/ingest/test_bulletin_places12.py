"""Where a count belongs (ninth round, places: policies by kind of place error, see
docs/methods/bulletin.md): each rule checked on invented sentences other than the probes'."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _places(text: str, pub: str = "2021-05-10") -> dict[int, set[str | None]]:
    """value -> the places the extractor gave it."""
    out: dict[int, set[str | None]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.place)
    return out


def test_a_name_before_a_capitalised_unit_word_is_a_place_the_gazetteer_lacks() -> None:
    got = _places("Ostravi District has confirmed 27 cases since March.")
    assert got[27] == {"Ostravi"}
    got = _places("Fourteen suspected cases were notified in the Belmundo Municipality.")
    assert got[14] == {"Belmundo"}


def test_a_unit_s_qualifier_is_not_taken_for_its_name() -> None:
    # "Special Administrative Region", "the Federal District (1 fatal case)": no place
    # named "Special Administrative" nor "Federal"
    got = _places("The Macao Special Administrative Region reported 3 new cases.")
    assert got[3] == {"Macao"}
    got = _places(
        "Deaths were notified in Goias (2 fatal cases) and the Federal District (1 fatal case)."
    )
    assert "Federal" not in got.get(1, set())


def test_each_clause_s_subject_by_its_unit_word_owns_its_own_counts() -> None:
    got = _places(
        "In the Upper Region, Kordenu District recorded 39 cases and 12 deaths, Asemvi "
        "District recorded 49 cases with 10 deaths and Osei Municipality recorded 20 cases."
    )
    assert got[39] == got[12] == {"Kordenu"}
    assert got[49] == got[10] == {"Asemvi"}
    assert got[20] == {"Osei"}


def test_each_with_its_verb_gives_every_listed_place_the_count() -> None:
    # a place the gazetteer lacks listed beside one it knows is a place too
    got = _places("Two new deaths each were confirmed in Lorvenu, Tamsik and Osaka.")
    assert got[2] == {"Lorvenu", "Tamsik", "Osaka"}


def test_each_before_a_list_under_a_plural_unit_word_keeps_every_place() -> None:
    # not the unit holding the last two ('Nara and Kyoto prefectures' as one area)
    got = _places("One new case each has been reported from Osaka, Nara and Kyoto prefectures.")
    assert got[1] == {"Osaka", "Nara", "Kyoto"}


def test_three_items_in_a_row_are_places_even_unknown_and_with_counts_in_words() -> None:
    got = _places(
        "Since June, 17 cases have been traced in Velmora, five in Castrino, three in Ardley "
        "Vale and one in Pomfrey."
    )
    assert got[17] == {"Velmora"}
    assert got[5] == {"Castrino"}
    assert got[3] == {"Ardley Vale"}
    assert got[1] == {"Pomfrey"}


def test_two_unknown_items_alone_are_not_a_breakdown() -> None:
    # two items, no known place among them: not enough to call the names places
    got = _places("Kenya reported 30 new cases, four in Velmora and two in Castrino.")
    assert got[4] == got[2] == {"Kenya"}


def test_a_part_named_within_a_paragraph_about_the_country_is_an_aside() -> None:
    text = (
        "Malawi: cholera update, 2 March 2023\n\n"
        "A total of 96 new cases were reported. Mzimba District reported 14 new recoveries. "
        "The cumulative number of deaths is 1,520."
    )
    got = _places(text, "2023-03-02")
    assert got[96] == {"Malawi"}
    assert got[14] == {"Mzimba"}
    assert got[1520] == {"Malawi"}


def test_a_part_that_opens_its_paragraph_carries_to_the_next_sentences() -> None:
    text = (
        "Malawi: cholera update, 2 March 2023\n\n"
        "A total of 96 new cases were reported.\n"
        "Mzimba District reported 14 new recoveries. The district's deaths now stand at 40."
    )
    got = _places(text, "2023-03-02")
    assert got[14] == got[40] == {"Mzimba"}


def test_a_part_after_another_part_carries_as_before() -> None:
    # not an aside: the paragraph had already gone on to a part of the country
    text = (
        "Malawi: cholera update, 2 March 2023\n\n"
        "Blantyre reported 20 new cases. Mzimba District reported 14 new recoveries. "
        "Its toll now stands at 40."
    )
    got = _places(text, "2023-03-02")
    assert got[14] == got[40] == {"Mzimba"}


def test_pinyin_names_carry_the_syllable_apostrophe_and_are_found_without_it() -> None:
    # GB/T 16159: 广安 is Guang'an, 延安 Yan'an; 晋安 (Jin'an District) is not 济南 (Jinan)
    from flareup.ingest.bulletin.places import gazetteer

    gaz = gazetteer()
    for written in ("Guang'an", "Guangan", "Guang’an City", "广安市"):
        found = gaz.lookup(written)
        assert found is not None and found.name == "Guang'an" and found.code == "511600", written
    assert gaz.lookup("Yanan").name == "Yan'an"  # type: ignore[union-attr]
    assert gaz.lookup("Jinan").code == "370100"  # type: ignore[union-attr]
    assert gaz.lookup("Jin'an District").name == "Jin'an"  # type: ignore[union-attr]
    got = _places("Guangan City reported 4 new local cases on Monday.")
    assert got[4] == {"Guang'an"}


def test_a_part_after_the_paragraph_named_the_whole_takes_over_as_before() -> None:
    # the paragraph named its subject (Ghana): a part named next is the new subject
    text = (
        "Ghana: meningitis update, 2 March 2023\n\n"
        "Ghana reported 96 new cases. Meanwhile, Kordenu District recorded 14 new cases. "
        "The number of active cases there rose to 310."
    )
    got = _places(text, "2023-03-02")
    assert got[96] == {"Ghana"}
    assert got[14] == got[310] == {"Kordenu"}


def test_iso_names_that_qualify_themselves_are_found_in_their_short_forms() -> None:
    from flareup.ingest.bulletin.places import gazetteer

    gaz = gazetteer()
    for written, code in (
        ("Sint Maarten", "SX"),
        ("Saint Martin", "MF"),
        ("US Virgin Islands", "VI"),
        ("U.S. Virgin Islands", "VI"),
        ("Turks and Caicos", "TC"),
        ("Falkland Islands", "FK"),
    ):
        found = gaz.lookup(written)
        assert found is not None and found.code == code, written
    got = _places(
        "Dengue update:\n• Turks and Caicos, 14 confirmed cases.\n• Aruba, 3 confirmed cases."
    )
    assert got[14] == {"Turks and Caicos Islands"}


def test_a_text_s_place_is_the_named_unit_that_holds_every_place_it_names() -> None:
    lead = "Of the 14 new cases reported on Monday, 9 were found in Jinzhou and 5 in Anshan"
    # Liaoning is named and holds both cities: the whole is Liaoning's, not China's
    assert _places(lead + ", all of them in Liaoning.")[14] == {"Liaoning"}
    # the province not named: the country that holds them, as before
    assert _places(lead + ".")[14] == {"China"}


def test_clause_subjects_beside_a_place_are_places_and_own_their_counts() -> None:
    got = _places(
        "Rosvale South also recorded six cases with no deaths, Kordenu Municipality also "
        "recorded five cases and one death, and Mabrey West also recorded two cases."
    )
    assert got[6] == got[0] == {"Rosvale South"}
    assert got[5] == got[1] == {"Kordenu"}
    assert got[2] == {"Mabrey West"}


def test_clause_subjects_with_no_place_among_them_stay_unplaced() -> None:
    got = _places(
        "Team Alpha also recorded six visits, and Team Bravo also recorded five visits to "
        "Kenya's clinics with 40 new cases."
    )
    assert "Team Alpha" not in got.get(6, set()) | got.get(40, set())


def test_both_gives_each_of_two_listed_places_the_count() -> None:
    got = _places("Osaka and Kyoto both reported 12 new deaths on Monday.")
    assert got[12] == {"Osaka", "Kyoto"}


def test_two_clause_subjects_or_an_authority_are_not_made_places() -> None:
    got = _places("NCDC reported 45 new cases on Monday, while Lagos reported 20.")
    assert got[45] == {"Nigeria"}
    assert got[20] == {"Lagos"}


def test_the_nationality_of_who_acts_gives_way_to_the_place_the_sentence_is_about() -> None:
    """'Chinese authorities announced a lockdown of the city of Kashgar': the counts that
    follow are Kashgar's, not China's (the bundled news report of 2020-11-15 put its 137 and
    183 on China); alone, the nationality is the place."""
    got = _places(
        "Chinese authorities announced a lockdown of the city of Kashgar in Xinjiang.\n\n"
        "By the afternoon, 137 people were found to be positive."
    )
    assert got[137] == {"Kashgar"}
    assert _places("Nigerian health officials reported 500 new cases on Tuesday.")[500] == {
        "Nigeria"
    }
    got = _places("Chinese authorities reported 22 new cases.\n\nA further 12 were found.")
    assert got[22] == {"China"}
    # the bundled news report itself
    from flareup.data.kashgar_2020 import files

    (news,) = files()["bulletin_texts"]
    got = _places(news.read_text(encoding="utf-8"), "2020-11-15")
    assert got[137] == {"Kashgar"} and got[183] == {"Kashgar"}
