"""The bulletin package's regex helpers: the compiled-pattern cache and the keyword
precheck that skips scans which cannot match."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import periods, rx


def test_cache_keys_flags_and_compiled_patterns() -> None:
    assert rx.search(r"case", "CASES", re.IGNORECASE) is not None
    assert rx.search(r"case", "CASES") is None  # same pattern, other flags: its own entry
    compiled = re.compile(r"death", re.IGNORECASE)
    assert rx.search(compiled, "DEATHS") is not None  # its own flags, as re.search does


def test_cache_drops_its_oldest_entry_when_full() -> None:
    for k in range(rx._MAX + 5):
        rx.match(rf"x{k}", f"x{k}")
    assert len(rx._cache) <= rx._MAX
    assert rx.match(r"x0", "x0") is not None


def test_has_any_rules_out_only_ascii_text_without_the_words() -> None:
    assert rx.has_any("In the past WEEK, 12 cases", ("week",))
    assert not rx.has_any("12 cases were reported", ("week", "day"))
    # the Kelvin sign matches 'k' under re.IGNORECASE: non-ASCII text is never ruled out
    assert re.search("week", "wee\u212a", re.IGNORECASE) is not None
    assert rx.has_any("wee\u212a", ("week",))


def test_period_precheck_keeps_every_period() -> None:
    """Each form of a short period still reads as one after the keyword precheck."""
    for text in [
        "In the past 24 hours, 609 people have died",
        "During the last 21 days, a total of 238 cases",
        "in epidemiological week 4",
        "over this period",
        "in February with 32",
        "in the first quarter of 2021",
        "during Q3 2019",
        "in the 5 days to 28 November",
        "from June 5 to July 2",
    ]:
        assert periods._period_matches(text), text
    assert periods._period_matches("12 cases were reported in Lagos") == []


def test_boundaries_are_those_of_the_full_scan() -> None:
    """Sentence boundaries tried only at a stop or a newline are the pattern's own."""
    from flareup.ingest.bulletin import text

    sample = (
        "GENEVA, Nov. 12 -- WHO said 5 cases.So far, 182 died in 2015 and 2016.In its report "
        "(see p. 3) the U.S. had 4 cases! Why? 由此。新增12例。\n\n- Lagos: 5\n- Ogun: 2\n"
        "By 6 p.m.The toll rose to 9."
    )
    full = [(m.span(), m.groupdict()) for m in text._BOUNDARY.finditer(sample)]
    found = rx.finditer_from(text._BOUNDARY, text._BOUNDARY_START, sample)
    assert [(m.span(), m.groupdict()) for m in found] == full


def test_outbreak_report_after_its_keyword_look() -> None:
    from flareup.ingest.bulletin import flowstock

    assert flowstock.outbreak_report("Ebola virus disease: Situation Report 12")
    assert flowstock.outbreak_report("Disease Outbreak News: cholera in Haiti")
    assert flowstock.outbreak_report("Since the start of the outbreak, 40 deaths")
    assert not flowstock.outbreak_report("Lagos reported 12 new cases on Monday.")


def test_relative_days_after_their_keyword_look() -> None:
    import datetime as dt

    from flareup.ingest.bulletin.dates import find_dates

    pub = dt.date(2020, 10, 28)
    assert [d.value for d in find_dates("12 cases were found on the 15th.", pub)] == ["2020-10-15"]
    assert "2020-10-27" in [d.value for d in find_dates("22 cases yesterday", pub)]
    assert find_dates("in the first quarter of 2021, 9 cases", pub)
    assert find_dates("12 cases were reported in Lagos", pub) == []


def test_times_and_years_after_their_fast_looks() -> None:
    """The clock times and year-led dates that the fast hints let through."""
    import datetime as dt

    from flareup.ingest.bulletin.dates import find_dates, masks

    for text in ["As of 10:00, 5 cases", "by 6 p.m. on Monday", "at 8am", "0-24时新增", "at 9 :00"]:
        assert masks(text, []), text
    assert masks("12 people and 45 percent of 3 persons", []) == []
    pub = dt.date(2020, 10, 28)
    assert [d.value for d in find_dates("On 2020-06-15, 4 cases", pub)] == ["2020-06-15"]
    assert [d.value for d in find_dates("On 15/06/2020, 4 cases", pub)] == ["2020-06-15"]
    assert [d.value for d in find_dates("In 2019, 4 cases", pub)] == ["2019"]


def test_organisations_found_from_their_first_letters() -> None:
    """Organisation names tried only at a capital (or 兵新卫疾) are those of the full scan."""
    from flareup.ingest.bulletin import places

    sample = (
        "The National Institute of Virology in Pune, the WHO and Reuters said; Sudan ebolavirus "
        "and West Nile virus near Lake Victoria, at 8 Beijing time, 新疆生产建设兵团 and 卫健委 "
        "and 疾控中心 reported; the Xinhua News Agency and Wuhan Institute."
    )
    full = [m.span() for m in places._ORG.finditer(sample)]
    assert len(full) >= 8
    assert [m.span() for m in rx.finditer_from(places._ORG, places._ORG_START, sample)] == full


def test_numbers_found_from_word_starts() -> None:
    """Numbers tried only at a word's first letter or digit (or a 'b') are those of the full
    scan, hedges, ranges, number words and a comma typed without its space included."""
    from flareup.ingest.bulletin import numbers

    for sample in [
        "nearly 1.3 million people, between 3 and 4 deaths and twenty-one cases",
        "Meanwhile,104 more deaths; week 15, 2022,139 deaths; County),585 cases",
        "inbetween 5 and 6 cases, _5 cases, about 12-15 cases, CHINA46 550 confirmed",
    ]:
        full = [(m.span(), m.groupdict()) for m in numbers._NUMBER_RE.finditer(sample)]
        found = rx.finditer_from(numbers._NUMBER_RE, numbers._NUMBER_START, sample)
        assert [(m.span(), m.groupdict()) for m in found] == full
        assert full


def test_word_led_patterns_found_from_word_starts() -> None:
    """Relative days and short periods tried only where a word begins are those of the full
    scan."""
    from flareup.ingest.bulletin import date_patterns

    sample = (
        "In the past 24 hours, 12 cases; the day before, 3; on the 15th, 4; during week 12 "
        "and over the last 14 days, 9; a week earlier and in January, 2; today and yesterday."
    )
    for pattern in (date_patterns._RELATIVE, periods._PERIOD):
        full = [(m.span(), m.groupdict()) for m in pattern.finditer(sample)]
        found = rx.finditer_from(pattern, rx.WORD_START, sample)
        assert [(m.span(), m.groupdict()) for m in found] == full
        assert len(full) >= 3


def test_date_forms_found_from_word_starts() -> None:
    """The absolute dates (but 10月27日), months, month ranges and weekdays tried only where a
    word opens with one of their opening strings are those of the full scan, in ASCII text
    (found by one scan for the strings) and in other text (word by word)."""
    from flareup.ingest.bulletin import date_patterns as dp

    samples = [
        "On Monday, Oct. 26, 2020, 12 cases; 27 October 2020 and 2020-10-25, 15/06/2020 and "
        "15-Jun-2020; in mid-March 2020, between January and March 2021; the 1st -7th August; "
        "April 20-24 and Sunday 3 May; (Saturday) 27 Oct; subMonday, x27 Oct",
    ]
    samples.append(samples[0].replace("Oct.", "Oct’s").replace("2021", "2021 — Đà Nẵng"))
    patterns = [p for k, p in enumerate(dp._ABSOLUTE) if k != 3]
    patterns += [dp._MONTH_YEAR, dp._WEEKDAY, dp._MONTH_RANGE]
    for sample in samples:
        for pattern in patterns:
            full = [(m.span(), m.groupdict()) for m in pattern.finditer(sample)]
            found = rx.finditer_from(pattern, rx.WORD_START, sample)
            assert [(m.span(), m.groupdict()) for m in found] == full
    assert any(list(p.finditer(samples[0])) for p in patterns)
