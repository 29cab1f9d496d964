"""Text-level day conventions (the date policy's part that reads the whole text; the rest is
``dating``): the day-before convention of China's national and regional health commissions and
the wires quoting them ('China reported 71 new cases on Sunday' in Sunday's report of the
National Health Commission is Saturday's count), the year of a text that carries no publication
date, the day a report's title or first sentence says its data are for. Conventions:
``tests/data/bulletins/SOURCES.md``.
"""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State
from flareup.ingest.bulletin.date_carry import states_as_of
from flareup.ingest.bulletin.dates import find_dates, shift
from flareup.ingest.bulletin.places import dateline_end
from flareup.ingest.bulletin.records import Record

#: China's National Health Commission, and wires quoting it ("the country's national health
#: authority said on Sunday")
_DAILY_BRIEFING = rx.compile(
    r"National\s+Health\s+Commission|\bNHC\b|"
    r"(?i:(?:country's|country’s|china's|china’s|chinese)\s+national\s+health\s+authority)"
)
#: A Chinese health commission (卫健委), as English news names one: "the regional health
#: commission", "the Xinjiang health commission", "Beijing Municipal Health Commission"
_CHINESE_COMMISSION = rx.compile(r"health\s+commission", re.IGNORECASE)
#: A calendar date written out: the count's date is then the text's, not a convention.
_EXPLICIT_DAY = rx.compile(
    r"\b(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)


_TODAY = rx.compile(
    r"\b(?:today|this\s+(?:morning|afternoon|evening))\b|"
    # "from midnight to 5 p.m. Sunday": the hours of the named day itself, not the day before's
    r"\bfrom\s+(?:midnight|0?0[:.]00|0\s*a\.?m\.?)\s+(?:to|until|till)\s+[012]?\d(?:[:.][0-5]\d)?\s*"
    r"(?:a\.?m\.?|p\.?m\.?|h\b|hrs\b)",
    re.IGNORECASE,
)


#: "As of 8:00 p.m. Tuesday, Xinjiang had eight confirmed cases": a count as of a moment of a
#: named day is that day's, whatever day the briefing reports
_AS_OF_DAY = rx.compile(
    r"\b(?:as\s+of|as\s+at)\s+(?:[012]?\d(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?|h)\s*,?\s+)?"
    r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


def is_daily_briefing(text: str) -> bool:
    """A national daily briefing or a text quoting one."""
    return bool(_DAILY_BRIEFING.search(text))


def briefing_convention(records: list[Record], text: str, pub: dt.date | None) -> None:
    """National daily briefings report on day D the figures of day D-1: "China on Sunday
    reported 71 new cases" in Sunday's report is Saturday's count (records changed in place)."""
    if pub is None or not (is_daily_briefing(text) or _CHINESE_COMMISSION.search(text)):
        return
    today = pub.isoformat()
    # the national commission's own report: every figure is the day before's ("Of the new
    # cases, 117 were locally transmitted", "1,800 patients are still being treated")
    national = is_daily_briefing(text)
    shifted = {
        r.sentence
        for r in records
        if r.date == today
        and (
            national
            or (
                (r.place == "China" or _CHINESE_COMMISSION.search(text))
                and (
                    rx.search(r"\b(?:report(?:s|ed)?|registered|recorded|confirmed)\b", r.sentence)
                    # "two of its handlers tested positive": new cases found, not test results
                    or (
                        r.category.endswith("_new")
                        and rx.search(
                            r"\btested\s+positive|\b(?:detected|identified)\b", r.sentence
                        )
                    )
                )
            )
        )
        and not _EXPLICIT_DAY.search(r.sentence[dateline_end(r.sentence) :])
        and not _TODAY.search(r.sentence)
        and not _AS_OF_DAY.search(r.sentence)
    }
    for r in records:
        # the sentence's comparisons ("up from 32 a day earlier") move with it; not a count of
        # a day of its own ("the previous two cases diagnosed in Beijing on Tuesday")
        if (
            r.sentence in shifted
            and r.date
            and len(r.date) == 10
            and (r.date == today or (r.date < today and not _OWN_EARLIER.search(r.sentence)))
        ):
            r.date = shift(r.date, -1)


#: earlier cases told with their own day: "the previous two cases diagnosed in Beijing on
#: Tuesday"
_OWN_EARLIER = rx.compile(
    r"\b(?:previous|earlier|prior)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[\w-]+\s+){0,8}?on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


_PAST_YEAR = rx.compile(
    r"\bsince\s+(?:[\w-]+\s+){0,2}$|\b(?:first\s+(?:reported|identified|discovered|detected|"
    r"described)|began|started)\b[^.;]{0,80}$",
    re.IGNORECASE,
)


def text_year(text: str) -> int | None:
    """The year of a text without a publication date: the latest year it names, leaving out
    the years of a period's start or of history ('reported since September 2012', 'first
    reported near a river that gave it its name in 1976'); None when only those are named (an
    undetermined year is no year, not a guess)."""
    years = [
        int(m.group(0))
        for m in rx.finditer(r"\b(?:19[5-9]\d|20\d\d)\b", text)
        if not _PAST_YEAR.search(text, max(0, m.start() - 90), m.start())
    ]
    return max(years) if years else None


#: "NCDC announced this in a tweet on Monday night", "The minister disclosed this on
#: Sunday": a sentence that says when the statement before it was made
_SAID_THIS = rx.compile(
    r"\b(?:announced|disclosed|revealed|stated|made)\s+this\b|"
    r"\bthis\s+(?:was|were)\s+(?:announced|disclosed|revealed|made\s+known)\b",
    re.IGNORECASE,
)


def said_this_day(sent: str, pub: dt.date | None, st: _State) -> None:
    """A sentence that counts nothing but says when 'this' was announced ("NCDC recorded 164
    new infections. NCDC announced this in a tweet on Monday night.") dates the counts of the
    sentence before that had only the publication day, and the sentences after it."""
    if st.pub is None or not st.records or not _SAID_THIS.search(sent):
        return
    day = next(
        (
            d.value
            for d in find_dates(sent, pub)
            if d.value and len(d.value) == 10 and d.value < st.pub
        ),
        None,
    )
    if day is None:
        return
    last = st.records[-1].sentence
    for r in st.records:
        if r.sentence == last and r.date == st.pub:
            r.date = day
    st.date, st.period = day, None


def report_data_day(records: list[Record], st: _State, title_day: str | None = None) -> None:
    """A report's counts that the text dates nowhere ('This past week saw ... 110 new
    confirmed cases') are of its data day, the 'as of' day it states (up to a week before the
    publication, as in WHO situation reports), not of the publication day (records changed in
    place)."""
    report_week_day(records, st)
    statement_day(records, st)
    if st.pub is None or st.as_of is None or len(st.as_of) != 10:
        return
    gap = (dt.date.fromisoformat(st.pub) - dt.date.fromisoformat(st.as_of)).days
    if not 0 < gap <= 7:
        return
    pub = dt.date.fromisoformat(st.pub)
    if st.as_of != title_day and len(_as_of_days(records, pub)) > 1:
        # a story that states several 'as of' days ("one patient as of March 1", "As of
        # Sunday, ... remained at 75", "11 new cases in a Brooklyn community as of March 5"):
        # each is its own count's day, none the data day of the counts it dates nowhere
        return
    for r in records:
        if r.date == st.pub and not any(d.value == st.pub for d in find_dates(r.sentence, pub)):
            r.date = st.as_of


def _as_of_days(records: list[Record], pub: dt.date) -> set[str]:
    """The days the sentences of ``records`` state as 'as of' days ("as of March 5") and
    that some count is of (not "since the last report, reporting on data as of 28 October")."""
    counted = {r.date for r in records}
    days: set[str] = set()
    for sent in dict.fromkeys(r.sentence for r in records):
        for d in find_dates(sent, pub):
            day = d.value
            if day and day in counted and len(day) == 10 and states_as_of(sent, [d], day):
                days.add(day)
    return days


#: A title line that ends with the day its report is of: "Outbreak update - Dengue in Ruritania,
#: 03 May 2019", "Cholera situation report - 3 May 2019", "Weekly update (3 May 2019)"
_TITLE_DAY = rx.compile(r"(?:,|\s[-\u2013\u2014:]|\()\s*(?P<day>[^,()\u2013\u2014:]{6,20}?)\)?\s*$")
#: A text that opens with a full day and a semicolon, colon or dash before its first sentence
_OPENING_DAY = rx.compile(
    r"(?P<day>(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?)"
    r"\s+(?:19|20)\d\d)\s*(?:;|:\s|--|\u2014|\u2013)"
)
_WHOLE = rx.compile(r"(?P<day>.+)")


def title_data_day(text: str, pub: dt.date | None) -> str | None:
    """The day a report's title line says it is of, when that is up to a week before the
    publication (the report is then published a day or more after its data, as WHO regional
    offices' outbreak updates are): its counts the text dates nowhere are of that day
    (``report_data_day``). Only a title: the text's first line, with no sentence end."""
    if pub is None:
        return None
    first = text.lstrip().split("\n", 1)[0].strip()
    opening = _OPENING_DAY.match(first)
    if opening is not None:
        # "January 20, 2020; The Ministry of Health confirms ...": a bulletin that opens with
        # the day it is of
        first = opening.group("day")
    elif not first or len(first) > 160 or first.endswith((".", "!", "?", '"', "\u201d")):
        return None
    m = _TITLE_DAY.search(first) if opening is None else _WHOLE.match(first)
    if m is None:
        return None
    days = [d for d in find_dates(m.group("day"), pub) if d.role not in ("speech", "relstart")]
    day = days[0].value if len(days) == 1 else None
    if day is None or len(day) != 10:
        return None
    gap = (pub - dt.date.fromisoformat(day)).days
    return day if 0 < gap <= 7 else None


#: a day told as a weekday or 'yesterday' ("the GHS said late Tuesday", "on Tuesday evening
#: reported"): the day of a statement the text retells
_TOLD_DAY = rx.compile(
    r"^(?:(?:late|early)\s+)?(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday)\b",
    re.IGNORECASE,
)


def statement_day(records: list[Record], st: _State) -> None:
    """A news item published a day or two after the one day its statements were made ('...,
    the GHS said late Tuesday' in Wednesday's wire; 'the government said Thursday' in
    Friday's paper): its counts the text dates nowhere ('There are now 4,683 active cases',
    'So far, 180 people have died') are of that day, not of the publication (records changed
    in place). Only where every weekday or 'yesterday' the text tells of is that one day
    and the text names no day of its own publication."""
    if st.pub is None or st.as_of is not None or not records:
        return
    pub = dt.date.fromisoformat(st.pub)
    told: set[str] = set()
    own: dict[str, bool] = {}
    for sent in dict.fromkeys(r.sentence for r in records):
        mentions = find_dates(sent, pub)
        own[sent] = bool(mentions)
        for d in mentions:
            if d.value == st.pub and d.role not in ("compare", "event"):
                return  # ("today", "on Wednesday": the publication's own day is told of)
            if (
                d.value
                and len(d.value) == 10
                and d.start >= 3  # (not a dateline)
                and d.role in ("speech", "point", "past24")
                and _TOLD_DAY.match(d.text.strip())
            ):
                told.add(d.value)
    if len(told) != 1:
        return
    day = next(iter(told))
    if not 1 <= (pub - dt.date.fromisoformat(day)).days <= 2:
        return
    for r in records:
        if (
            r.date == st.pub
            and not own.get(r.sentence, True)
            # ("To date, the country has confirmed 1,742 cases": as of the day it is told)
            and not _TO_DATE.search(r.sentence)
        ):
            r.date = day


_TO_DATE = rx.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|as\s+of\s+now)\b", re.IGNORECASE)


#: "the report released on its website for the week 11th ending 17th March, 2019": the report
#: the text retells, of the week ending that day
_REPORT_WEEK = rx.compile(
    r"\breport\b[^.;]{0,60}?\bfor\s+(?:the\s+)?(?:epi(?:demiological)?\s+)?week\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+|no\.?\s*\d{1,2}\s+)?(?:ending|ended|to)\s+(?P<day>[^,;.]{3,30})",
    re.IGNORECASE,
)


def report_week_day(records: list[Record], st: _State) -> None:
    """A news item that retells a weekly report 'for the week ending 17th March' dates its
    counts the text dates nowhere on that day, not on the publication (records changed in
    place)."""
    if st.pub is None or st.as_of is not None:
        return
    pub = dt.date.fromisoformat(st.pub)
    day = None
    for sent in dict.fromkeys(r.sentence for r in records):
        m = _REPORT_WEEK.search(sent)
        if m is None:
            continue
        days = [
            d.value
            for d in find_dates(sent[m.start("day") :], pub)
            if d.value and len(d.value) == 10 and d.value < st.pub
        ]
        if days:
            day = days[0]
            break
    if day is None or (pub - dt.date.fromisoformat(day)).days > 31:
        return
    for r in records:
        if r.date == st.pub and not find_dates(r.sentence, pub):
            r.date = day
