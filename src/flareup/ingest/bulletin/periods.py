"""A count said of a short period is a flow: 'in the past 24 hours, 609 people have died',
'during the last 21 days, a total of 238 cases were reported', 'in week 26 ... with 11 cases',
'10,843 people have been hospitalised over the past day'. The period, named before the number in
its sentence or in its own phrase, outweighs the weak stock cues ('a total of', 'have died',
'have been reported') and a situation report's default of totals; it does not outweigh the
cues that name a total ('cumulative', 'so far', 'since', 'bringing the total to', 'toll')."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

_N = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
    r"twenty-one|twenty-eight)"
)
#: a period of hours, days or weeks: 'in the past 24 hours', 'during the last 21 days',
#: 'over the previous week', 'in week 26', 'in epidemiological week 4', 'during this period'
_PERIOD = rx.compile(
    r"\b(?:in|during|over|within|for)\s+(?:the\s+)?(?:last|past|previous|preceding)\s+"
    rf"(?:{_N}\s+)?(?:hours?|days?|weeks?)\b"
    r"|\b(?:in|during|at)\s+(?:(?:epi(?:demiological)?|reporting)\s+)?week\s+\d{1,2}\b"
    r"|\b(?:in|during|over)\s+(?:this|that)\s+(?:period|week)\b"
    # "no cases of chikungunya were reported for the week": the report's week
    r"|\b(?:for|during)\s+the\s+(?:reporting\s+)?week\b(?!\s+(?:before|earlier|prior))"
    # "1,175 patients have recovered in a single day"
    r"|\b(?:in|within)\s+(?:a\s+single|one\s+single|a|one)\s+day\b"
    # "The deaths were reported in January with 36; February with 32": a calendar month
    # ... not the start of an outbreak ("the epidemic that began in February")
    r"|(?<!began\s)(?<!begun\s)(?<!started\s)(?<!emerged\s)(?<!erupted\s)(?<!declared\s)"
    r"\b(?:in|during)\s+(?:the\s+month\s+of\s+)?(?:january|february|march|april|june|july|august|"
    r"september|october|november|december)\b(?!\s+\d)(?!,?\s+(?:19|20)\d\d)"
    # "in the first quarter of 2021", "during Q3 2019": a closed quarter or half of a year
    r"|\b(?:in|during)\s+(?:the\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
    r"(?:quarter|half)\s+of|Q[1-4])\s+(?:19|20)\d\d\b"
    # "in the first week of October": seven days of a month
    r"|\b(?:in|during|over)\s+the\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+of\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    # "in the week to 30 November", "in the 5 days to 28 November", "in the week ending 3 May"
    rf"|\b(?:in|during|over)\s+the\s+(?:{_N}\s+)?(?:days?|weeks?)\s+(?:to|ending|up\s+to)\s+\d",
    re.IGNORECASE,
)
#: words that make the number a total whatever the period
_TOTAL = rx.compile(
    r"\b(?:cumulative(?:ly)?|overall|so\s+far|to\s+date|since|toll|tally|altogether|ever|"
    r"as\s+of|as\s+at|in\s+all|thus\s+far|until\s+now|up\s+to\s+now|(?:current|active|existing|"
    r"remaining)\b|still|the\s+total|total\s+(?:number|count)|(?:has|have|had)\s+(?:now\s+)?"
    r"(?:killed|claimed|infected|sickened|affected))\b",
    re.IGNORECASE,
)
#: a verb that leads from the period's count to the total after it
_TO_TOTAL = rx.compile(
    r"\b(?:bringing|taking|raising|pushing)\b[^;]{0,80}$|"
    # "1,641 deaths in the last 24 hours, for a total of 190,357"
    r"\bfor\s+(?:a\s+)?(?:(?:new\s+|cumulative\s+|grand\s+)?totals?|tall(?:y|ies))\s+of\s+"
    r"(?:[\d,.]+\s+(?:[a-z]+\s+)?(?:,|and)\s+)*$|\b(?:rose|risen|rising|climbed|jumped|"
    r"increased|reached|reaching|hit|stands?|stood)\s+(?:to\s+|at\s+)?(?:a\s+total\s+of\s+)?"
    r"(?:(?:about|over|more\s+than|nearly|around|some|almost|at\s+least)\s+)?$",
    re.IGNORECASE,
)


_MON = r"(?P<{0}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: "from June 5 to July 2", "from 5 June to 2 July": a range of days
_RANGE = rx.compile(
    # ("from Dec 10 to 16", "between 13 and 19 October": the month said once)
    r"\b(?:from|between)\s+(?:"
    + _MON.format("m1")
    + r"\s+(?P<d1>\d{1,2})|(?P<d1b>\d{1,2})\s+"
    + _MON.format("m1b")
    + r"|(?P<d1c>\d{1,2}))(?:,?\s+(?:19|20)\d\d)?\s+(?:to|and|through|until|-)\s+(?:"
    + _MON.format("m2")
    + r"\s+(?P<d2>\d{1,2})|(?P<d2b>\d{1,2})\s+"
    + _MON.format("m2b")
    + r"|(?P<d2c>\d{1,2})(?!\s*(?:[,.:]\d|%|per\s*cent|[ap]\.?m\b|hours?\b)))\b",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _short_range(m: re.Match[str]) -> bool:
    """Whether a range of days spans at most five weeks (a report's period, not a year to
    date): day numbers on a 31-day month grid, which is close enough for the bound."""
    mon1, mon2 = m.group("m1") or m.group("m1b"), m.group("m2") or m.group("m2b")
    if mon1 is None and mon2 is None:
        return False  # "from 12 to 19": numbers, no days
    m1 = _MONTHS.index((mon1 or mon2).lower()[:3])
    m2 = _MONTHS.index((mon2 or mon1).lower()[:3])
    d1 = int(m.group("d1") or m.group("d1b") or m.group("d1c"))
    d2 = int(m.group("d2") or m.group("d2b") or m.group("d2c"))
    span = ((m2 - m1) % 12) * 31 + d2 - d1
    return 0 <= span <= 35


#: words one of which every alternative of ``_PERIOD`` needs, and those of ``_RANGE``
_PERIOD_WORDS = (
    *("hour", "day", "week", "period", "quarter", "half", "q1", "q2", "q3", "q4"),
    *("january", "february", "march", "april", "june", "july", "august", "september"),
    *("october", "november", "december"),
)
_RANGE_WORDS = ("from", "between")


def _period_matches(text: str) -> list[re.Match[str]]:
    # keyword prechecks first: this runs on the words before every number, most of which
    # name no period, and the two scans took 5 % of the extraction time
    # (then tried only where a word begins: every alternative opens with \b and a letter)
    out = (
        list(rx.finditer_from(_PERIOD, rx.WORD_START, text))
        if rx.has_any(text, _PERIOD_WORDS)
        else []
    )
    if rx.has_any(text, _RANGE_WORDS):
        out += [m for m in _RANGE.finditer(text) if _short_range(m)]
    return sorted(out, key=lambda m: m.start())


#: ", 15 of them", ", including 4", ", of which 3": a part set off after a count
PART_AFTER = (
    r",\s*(?:(?:\d[\d,]*|[a-z-]+)\s+of\s+(?:them|which|whom|these)|of\s+(?:which|whom)|"
    r"including|among\s+(?:them|which|whom)|"
    r"with(?=\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b))\b"
)


def short_period_flow(sentence: str, start: int, end: int, phrase_end: int) -> bool:
    """Whether the number at ``sentence[start:end]`` is a count of a short period named in
    its sentence before it or in its phrase (up to ``phrase_end``), with no word of a total."""
    before = rx.split(r";", sentence[:start])[-1]
    # the period may follow a list: "11 cases including two deaths reported in week 26"
    # ... but not one of another phrase: "passed the 13,000 mark amid a spike in infections
    # over the past two weeks"
    after = rx.split(
        r";|\.\s|\b(?:amid|after|as|following|despite|because|compared|while|since)\b|"
        # "1,268 cases, 15 of them in the past week": the period of a part after it
        + PART_AFTER,
        sentence[end : max(end, phrase_end, end + 100)],
    )[0]
    found = _period_matches(before)
    period = found[-1] if found else None
    if period is not None and rx.search(
        r"\bsince\b[^,;()]*$", before[max(0, period.start() - 80) : period.start()], re.I
    ):
        # "Since COVID-19 was first detected in December, 134,300 people have been infected":
        # the month the total runs from, no period of its own
        return False
    if period is not None:
        between = before[period.end() :]
    else:
        later = _period_matches(after)
        if not later:
            return False
        period = later[0]
        # the number's own clause: "Since then, the outbreak declined, with just 11 cases
        # reported in week 26" is that week's count
        between = rx.split(r",", before[-60:])[-1]
        after = after[: period.start()]
    return not (_TOTAL.search(between) or _TOTAL.search(after) or _TO_TOTAL.search(between))


#: "247 deaths since Monday", "1,204 infections and 61 deaths since Tuesday", "12 cases
#: reported since yesterday": the count's own phrase closed by the days since a day of this
#: week (not "cases (103 new since yesterday)", nor "..., among the resurgence since Sunday")
_SINCE_DAY_AFTER = rx.compile(
    r"\s*(?:[a-z-]+\s+){0,4}?(?:and\s+[\d,]+\s+(?:[a-z-]+\s+){0,3}?)?"
    r"(?:(?:were|was|have\s+been|has\s+been)\s+(?:reported|recorded|confirmed|registered)\s+)?"
    r"since\s+(?:last\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday)\b",
    re.IGNORECASE,
)


def since_day_flow(sentence: str, start: int, end: int) -> bool:
    """Whether the count at ``sentence[start:end]`` is of the days since a day of this week
    ('Peru counted 410 deaths since Monday'): a flow, though 'since' names a total's start
    elsewhere ('since March', 'since the outbreak began'); not where the words before it
    name a total ('a total of', 'the toll')."""
    if _SINCE_DAY_AFTER.match(sentence, end) is None:
        return False
    return not rx.search(
        r"\b(?:a\s+total\s+of|total|tally|toll|cumulative(?:ly)?|overall)\b[^.;,]*$",
        sentence[max(0, start - 40) : start],
        re.IGNORECASE,
    )


#: "... 621 new cases were confirmed in total, with": a total of new cases, then its parts
_FLOW_TOTAL_THEN_PARTS = rx.compile(
    r"\b(?:new|additional|fresh|more)\b[^.;]{0,60}?\b(?:in\s+total|in\s+all|altogether|overall)"
    r"\s*,?\s*(?:with|including|of\s+which|of\s+whom|among\s+them)\s+"
    # "..., with 590 local and": the later items of the list too
    r"(?:[\d,]+\s+(?:[\w-]+\s+){0,2}?(?:,|and)\s+)*$",
    re.IGNORECASE,
)


def total_of_flow_before_parts(before: str) -> bool:
    """Whether the word of a total just before a count belongs to a count of new cases said
    before it, whose parts follow ('621 new cases in total, with 590 local'): a flat regex on
    the words before the part."""
    return _FLOW_TOTAL_THEN_PARTS.search(before) is not None


_PART_THEN_COUNT = rx.compile(
    r",\s*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:them|which|whom|"
    r"these)\b|"
    + PART_AFTER
    + r"[^.;]*?(?:\d(?:[\d,.]*\d)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)",
    re.I,
)


def in_part_after(sentence: str, date_start: int, count_end: int) -> bool:
    """Whether a date at ``date_start`` follows the count ending at ``count_end`` inside a part
    set off after it (', including 4 on Tuesday', ', 15 of them in the past week'): the part's
    day, not the count's."""
    if date_start < count_end:
        return False
    if ";" in sentence[count_end:date_start]:
        return True  # "12 deaths in total; no new cases were reported on Tuesday"
    m = _PART_THEN_COUNT.search(sentence, count_end, date_start)
    # ("371,717 cases, including 1,407 deaths, reported from 1 January to 19 October": the
    # part closed by a comma before the date leaves the date to the whole)
    return m is not None and rx.search(r"[,;()]", sentence[m.end() : date_start]) is None


#: "In July 2018, ...", "during the month of May": a calendar month named as the time of a count
_IN_MONTH = rx.compile(
    r"(?<!began\s)(?<!begun\s)(?<!started\s)(?<!since\s)\b(?:in|during|for|over)\s+"
    r"(?:the\s+(?:whole\s+)?month\s+of\s+)?(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b(?!\s+\d{1,2}\b)",
    re.IGNORECASE,
)


def month_named_as_period(before: str, month: int) -> bool:
    """Whether the words before a count dated to a month (``month``, 1-12) name that month as
    its time ('In July 2018, the number of cases reported was 866,072'): the month's count, a
    flow, however the stock-like wording ('the number of ... was', 'had') reads."""
    return any(
        _MONTHS.index(m.group("m").lower()[:3]) == month - 1 for m in _IN_MONTH.finditer(before)
    )


def total_words(text: str) -> bool:
    """Whether ``text`` has a word that makes a count a total whatever its period."""
    return _TOTAL.search(text) is not None


def period_opens_clause(before: str) -> bool:
    """Whether a short period is named in the words before a count (``before``) with no other
    count and no word of a total between ('In week 45, the number of dengue cases was'); not
    'In the past 24 hours, 469 people have been discharged, making the number of recoveries'."""
    found = _period_matches(before)
    if not found:
        return False
    between = before[found[-1].end() :]
    return not (
        rx.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", between, re.I)
        or _TOTAL.search(between)
        or rx.search(r"\b(?:bringing|taking|raising|pushing|making)\b", between, re.IGNORECASE)
    )
