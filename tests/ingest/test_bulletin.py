"""The bulletin extractor against what a reader finds in the words: numbers, dates, places,
categories, breakdowns, and the records' spans."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from flareup.data.kashgar_2020 import files
from flareup.errors import InputError
from flareup.ingest.bulletin import (
    CATEGORIES,
    bulletin_to_counts,
    check_text,
    extract,
    metric_for,
    parse_bulletin,
    parse_number,
    read_bulletin,
    records_to_counts,
    unplaced,
)
from flareup.ingest.bulletin.dates import find_dates, last_weekday
from flareup.ingest.bulletin.numbers import find_numbers
from flareup.ingest.bulletin.places import gazetteer
from flareup.ingest.bulletin.text import sentences
from flareup.ingest.tables import read_table, validate_frame
from flareup.schema import METRICS, MetricKind

#: The category vocabulary of shared/bulletins/vocab.py (SCHEMA.md), written out here so that
#: a category dropped from the package is noticed.
VOCABULARY = [
    "confirmed_new",
    "local_new",
    "imported_new",
    "asymptomatic_new",
    "asymptomatic_local_new",
    "asymptomatic_imported_new",
    "reclassified",
    "suspected_new",
    "deaths_new",
    "recovered_new",
    "asymptomatic_released_new",
    "contacts_released",
    "correction",
    "confirmed_cumulative",
    "imported_cumulative",
    "asymptomatic_cumulative",
    "infections_cumulative",
    "active",
    "asymptomatic_active",
    "severe",
    "mild",
    "hospitalized",
    "suspected",
    "probable",
    "deaths_cumulative",
    "recovered_cumulative",
    "asymptomatic_released_cumulative",
    "contacts",
    "under_observation",
    "tested",
    "tested_negative",
    "tested_positive",
]

FLOW_CATEGORIES = VOCABULARY[:13]


def tuples(recs: list) -> set[tuple]:  # type: ignore[type-arg]
    return {(r.date, r.place, r.category, r.value, r.qualifier) for r in recs}


# ------------------------------------------------------------------------------- vocabulary


def test_every_category_maps_to_one_registry_metric_of_the_right_kind() -> None:
    assert set(CATEGORIES) == set(VOCABULARY)
    for c in VOCABULARY:
        metric = METRICS[metric_for(c)]
        want = MetricKind.FLOW if c in FLOW_CATEGORIES or c.startswith("tested") else None
        if want is not None:
            assert metric.kind is want, c
        elif c not in ("tested",):
            assert metric.kind is MetricKind.STOCK, c
    assert metric_for("tested", stock=True) == "tested_cumulative"
    # the registry's old names keep working
    for old in ("confirmed_new", "confirmed_current", "positive_current", "released_new"):
        assert old in METRICS


# ---------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("1,200", 1200),
        ("12 345", 12345),
        ("1.3 million", 1_300_000),
        ("2.5m", 2_500_000),
        ("twenty-three", 23),
        ("forty-one", 41),
        ("three hundred and two", 302),
        ("a single", 1),
        ("no", 0),
        ("十九", 19),
        ("一百零五", 105),
        ("两千", 2000),
        ("1万2千", 12000),
        ("一八三", 183),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["99999999999999999999", "9" * 40, "1.5", "thirty 九", ""])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_hedges_ranges_and_zeros() -> None:
    s = (
        "About 150-200 people, more than 1,300 contacts, up to 12 suspected cases, "
        "between 5 and 9 deaths and no new deaths; COVID-19 and 45% are not counts."
    )
    got = [(n.value, n.value_max, n.qualifier) for n in find_numbers(s)]
    assert got == [
        (150, 200, "approximate"),
        (1300, None, "at_least"),
        (12, None, "at_most"),
        (5, 9, "exact"),
        (0, None, "exact"),
    ]


# ------------------------------------------------------------------------------------ dates


def test_weekdays_resolve_to_the_last_one_on_or_before_publication() -> None:
    wed = dt.date(2020, 10, 28)
    assert last_weekday(wed, "Tuesday") == dt.date(2020, 10, 27)
    assert last_weekday(wed, "Wednesday") == wed
    assert last_weekday(wed, "Thu") == dt.date(2020, 10, 22)


def test_date_mentions() -> None:
    pub = dt.date(2020, 10, 28)
    got = {(d.value, d.role) for d in find_dates("As of Oct. 27, 2020 and since 3 May", pub)}
    assert got == {("2020-10-27", "end"), ("2020-05-03", "start")}
    got = [(d.value, d.role) for d in find_dates("in the past 24 hours, said on Tuesday", pub)]
    assert got == [("2020-10-27", "past24"), ("2020-10-27", "speech")]
    # "December 30" in a January report is last year's
    assert find_dates("on December 30", dt.date(2021, 1, 5))[0].value == "2020-12-30"
    assert find_dates("On 9999-12-31 nothing", pub) == []


def test_abbreviations_do_not_split_sentences() -> None:
    text = "Gov. Smith said 5 people died on Nov. 7 in the U.S. state. Two more died. 它说。好"
    got = [s.text for s in sentences(text)]
    assert got == [
        "Gov. Smith said 5 people died on Nov. 7 in the U.S. state.",
        "Two more died.",
        "它说。",
        "好",
    ]
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


# ----------------------------------------------------------------------------------- places


def test_gazetteer_has_countries_provinces_prefectures_and_xinjiang_counties() -> None:
    g = gazetteer()
    assert g.lookup("Shufu County").code == "653121"  # type: ignore[union-attr]
    assert g.lookup("疏附县").name == "Shufu"  # type: ignore[union-attr]
    assert g.lookup("喀什地区").name == "Kashgar"  # type: ignore[union-attr]
    assert g.lookup("Hubei").level == "province"  # type: ignore[union-attr]
    assert g.lookup("Saudi Arabia").level == "country"  # type: ignore[union-attr]
    assert g.lookup("Chinese mainland").name == "China"  # type: ignore[union-attr]
    assert g.lookup("Shaanxi").code == "610000"  # type: ignore[union-attr]
    assert g.lookup("Shanxi").code == "140000"  # type: ignore[union-attr]


def test_organisations_and_datelines_are_not_places() -> None:
    g = gazetteer()
    s = (
        "BEIJING, Oct. 27 (Xinhua) -- 31 provincial-level regions and the Xinjiang "
        "Production and Construction Corps reported 42 new cases, the WHO said."
    )
    # the NHC's "31 provincial-level regions and the XPCC" is the mainland, not Xinjiang
    assert [p.place.name for p in g.find(s)] == ["China"]
    # a health commission reports its own place's figures
    assert [p.place.name for p in g.find("the Kashgar Prefecture Health Commission said")] == [
        "Kashgar"
    ]
    # of a county and its prefecture named together, the county
    assert [p.place.name for p in g.find("in Shufu County, Kashgar Prefecture")] == ["Shufu"]


# ------------------------------------------------------------------------------- extraction


def test_national_briefing_with_breakdowns_and_zeros() -> None:
    text = (
        "The Chinese mainland on Sunday reported no new locally transmitted COVID-19 cases, the "
        "National Health Commission said Monday.\n\n"
        "The same day saw 15 imported cases newly reported, eight of whom were in Guangdong, "
        "three in Inner Mongolia, two in Sichuan and one each in Shanghai and Hunan.\n\n"
        "No suspected COVID-19 cases or new deaths were reported on Sunday.\n\n"
        "A total of 5,277 imported cases had been reported on the mainland by the end of "
        "Sunday. Among them, 5,108 had been discharged from hospitals following recovery, and "
        "169 remained hospitalized."
    )
    got = tuples(extract(text, "2021-03-29"))
    d = "2021-03-28"
    assert got == {
        (d, "China", "local_new", 0, "exact"),
        (d, "China", "imported_new", 15, "exact"),
        (d, "Guangdong", "imported_new", 8, "exact"),
        (d, "Inner Mongolia", "imported_new", 3, "exact"),
        (d, "Sichuan", "imported_new", 2, "exact"),
        (d, "Shanghai", "imported_new", 1, "exact"),
        (d, "Hunan", "imported_new", 1, "exact"),
        (d, "China", "suspected_new", 0, "exact"),
        (d, "China", "deaths_new", 0, "exact"),
        (d, "China", "imported_cumulative", 5277, "exact"),
        (d, "China", "recovered_cumulative", 5108, "exact"),
        (d, "China", "active", 169, "exact"),  # "169 remained hospitalized": active (gold)
    }


def test_news_wire_comparison_with_an_earlier_day_and_totals() -> None:
    text = (
        "Mainland China reported 24 new COVID-19 cases on Oct. 31, down from 33 a day earlier, "
        "the country's national health authority said on Sunday.\n"
        "Total confirmed COVID-19 cases to date in mainland China stand at 85,997. The death toll "
        "remains at 4,634."
    )
    got = tuples(extract(text, "2020-11-01"))
    assert got == {
        ("2020-10-31", "China", "confirmed_new", 24, "exact"),
        ("2020-10-30", "China", "confirmed_new", 33, "exact"),
        ("2020-10-31", "China", "confirmed_cumulative", 85997, "exact"),
        ("2020-10-31", "China", "deaths_cumulative", 4634, "exact"),
    }


def test_xpcc_does_not_pull_a_national_figure_and_places_attach_per_clause() -> None:
    text = (
        "On 27 October, 31 provincial-level regions and the Xinjiang Production and "
        "Construction Corps reported 42 new confirmed cases, of which 20 were imported and 22 "
        "were local cases in Xinjiang; 161 asymptomatic cases were still under medical "
        "observation."
    )
    got = tuples(extract(text, "2020-10-28"))
    assert ("2020-10-27", "China", "confirmed_new", 42, "exact") in got
    assert ("2020-10-27", "Xinjiang", "local_new", 22, "exact") in got
    assert ("2020-10-27", "China", "asymptomatic_active", 161, "exact") in got


def test_hedges_and_period_ends() -> None:
    text = (
        "From 3 May to Friday, more than 1,300 people were tested in Riyadh, and about 40 "
        "close contacts are under medical observation."
    )
    recs = extract(text, "2015-05-09")
    got = {(r.date, r.period_start, r.category, r.value, r.qualifier) for r in recs}
    assert ("2015-05-08", "2015-05-03", "tested", 1300, "at_least") in got
    assert any(r.category == "under_observation" and r.qualifier == "approximate" for r in recs)


def test_chinese_bulletin_with_breakdown_and_period() -> None:
    text = (
        "8月3日0时至24时，新疆维吾尔自治区（含新疆生产建设兵团）报告新增确诊病例28例，"
        "新增无症状感染者9例，均在乌鲁木齐市。截至8月3日24时，新疆（含兵团）现有确诊病例606例"
        "（危重症6例、重症21例），其中乌鲁木齐市602例、喀什地区2例、兵团1例；"
        "尚有15213人正在接受医学观察。"
    )
    got = tuples(extract(text, "2020-08-04"))
    d = "2020-08-03"
    assert (d, "Xinjiang", "confirmed_new", 28, "exact") in got
    assert (d, "Xinjiang", "asymptomatic_new", 9, "exact") in got
    assert (d, "Xinjiang", "active", 606, "exact") in got
    assert (d, "Xinjiang", "severe", 21, "exact") in got
    assert (d, "Urumqi", "active", 602, "exact") in got
    assert (d, "Kashgar", "active", 2, "exact") in got
    assert (d, "Xinjiang Production and Construction Corps", "active", 1, "exact") in got


def test_records_carry_exact_sentence_and_span() -> None:
    text = "  Header line\n\nXinjiang reported five new cases on Oct. 7, 2020. No new deaths."
    recs = extract(text, "2020-10-08", skip_headline=False)
    assert recs
    for r in recs:
        assert text[r.start : r.end] == r.evidence
        assert r.sentence in text and r.evidence in r.sentence
        assert r.mention in r.evidence


def test_bundled_news_report() -> None:
    paths = files()["bulletin_texts"]
    assert isinstance(paths, list)
    recs = extract(read_bulletin(paths[0]), "2020-11-15")
    got = {(r.date, r.place, r.value, r.qualifier) for r in recs}
    assert ("2020-10-25", "Shufu", 1, "exact") in got  # "a single coronavirus infection"
    assert ("2020-11-05", "Kashgar", 400, "approximate") in got  # "nearly 400 cases"
    assert ("2020-11-14", "Xinjiang", 187, "exact") in got
    assert {r.value for r in recs}.isdisjoint({19, 3_500_000_000})  # COVID-19, $US3.5 billion


# ------------------------------------------------------------------------------ to registry


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return read_table(files()["areas"], "areas").frame  # type: ignore[arg-type]


def test_registry_codes_counts_and_unplaced(areas: pd.DataFrame) -> None:
    text = (
        "Shufu County reported 12 new asymptomatic infections on Monday. Beijing reported "
        "3 new cases on Monday. In 2019, 5 deaths were reported in Kashgar."
    )
    recs = extract(text, "2020-10-27", areas=areas)
    by_value = {r.value: r for r in recs}
    assert by_value[12].area == "653121"
    assert by_value[3].area is None  # Beijing is not in the Kashgar registry
    counts = records_to_counts(recs, source="test")
    vt = validate_frame(counts, "counts")
    assert vt.frame["value"].tolist() == [12]
    reasons = {r.value: why for r, why in unplaced(recs)}
    assert "not a registry area" in reasons[3]
    assert "not a day" in reasons[5]


def test_parse_bulletin_frame_keeps_the_old_columns(areas: pd.DataFrame) -> None:
    got = parse_bulletin(
        "疏附县新增确诊病例5例、无症状感染者十九例。", areas=areas, published="2020-10-28"
    )
    assert set(zip(got["area"], got["metric"], got["value"], strict=True)) == {
        ("653121", "confirmed_new", 5),
        ("653121", "asymptomatic_new", 19),
    }
    assert bulletin_to_counts(got).empty  # no date in the text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("\x00\x01\x02binary" * 10, "binary"),
        ("x" * 2_000_001, "characters long"),
        ("Zahlreiche Fälle wurden gemeldet, sagte das Ministerium heute.", "language"),
        # short reports in other languages hold an English-looking 'in', 'a' or 'on': the
        # other languages' own function words outnumber them
        ("Dies ist ein Bericht über 22 neue Fälle in Berlin am Dienstag.", "language"),
        ("Le ministère a signalé 22 nouveaux cas et 3 décès à Dakar mardi.", "language"),
        ("El ministerio reportó 22 casos nuevos y 3 muertes en Lima el martes.", "language"),
        ("Kementerian melaporkan 22 kasus baru di Jakarta pada hari Selasa.", "language"),
        ("O ministério registrou 22 novos casos em São Paulo.", "language"),
    ],
)
def test_check_text_refuses_what_is_not_a_report(text: str, reason: str) -> None:
    with pytest.raises(InputError) as e:
        check_text(text, name="t.txt")
    assert reason in str(e.value) and "t.txt" in str(e.value)


@pytest.mark.parametrize(
    "text",
    [
        "Xinjiang reported 22 new cases on Tuesday.",
        "22 cases in Dakar",
        "Shufu: 22 new cases",
        "Dan Brown said 5 cases were found in La Paz and El Alto, 3 per day.",
        "Yang Lin, the director, said 22 people die of cholera each week.",
    ],
)
def test_check_text_takes_english_with_foreign_names(text: str) -> None:
    check_text(text, name="t.txt")  # no error: names and loanwords are not another language


@pytest.mark.parametrize(
    "text",
    [
        "99999999999999999999 new cases were reported.",
        "On 9999-12-31, 5 new cases.",
        "thirty 九 new cases",
        "99999999999 days later, 3 new cases were reported.",
    ],
)
def test_odd_numbers_and_dates_never_crash(text: str) -> None:
    recs = extract(text, "2020-10-28")
    assert all(0 <= r.value < 2**63 for r in recs)


def test_read_bulletin_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "b.txt"
    p.write_bytes(b"\xff\xfe\x81")
    with pytest.raises(InputError) as e:
        read_bulletin(p)
    assert e.value.file == str(p)
    with pytest.raises(InputError):
        read_bulletin(tmp_path / "missing.txt")


def test_respectively_lists_share_the_last_noun_and_pair_places() -> None:
    text = (
        "The cities of Xiaogan, Huanggang and Suizhou reported 424, 162 and 128 new confirmed "
        "cases, respectively, on Wednesday."
    )
    got = tuples(extract(text, "2020-02-06"))
    d = "2020-02-05"
    assert got == {
        (d, "Xiaogan", "confirmed_new", 424, "exact"),
        (d, "Huanggang", "confirmed_new", 162, "exact"),
        (d, "Suizhou", "confirmed_new", 128, "exact"),
    }


def test_places_the_gazetteer_lacks_and_changes_are_not_ranges() -> None:
    text = (
        "The outbreak remains localised to three health zones: Iboko (25 cases and 5 deaths) and "
        "Wangata (4 cases). The death toll has risen by three to 3,329."
    )
    recs = extract(text, "2018-05-30")
    places = {(r.place, r.value) for r in recs}
    assert ("Iboko", 25) in places and ("Wangata", 4) in places
    got = {(r.category, r.value) for r in recs}
    assert ("deaths_new", 3) in got and ("deaths_cumulative", 3329) in got
    assert not any(r.value_max for r in recs)  # "three to 3,329" is a change, not a range


def test_evidence_never_ends_inside_a_word() -> None:
    # The evidence runs 40 characters past the number unless punctuation or another number
    # ends it first; a cut at 40 left 'were still being treate'.
    text = "Officials said 45 confirmed patients were still being treated in the county hospital"
    (rec,) = [r for r in extract(text, "2020-10-28") if r.value == 45]
    assert rec.evidence.endswith("still being treated")
    assert text[rec.start : rec.end] == rec.evidence
