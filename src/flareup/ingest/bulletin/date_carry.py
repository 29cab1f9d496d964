"""The dates a sentence hands on to the next ones (``carry_date``: 'as of' statements and
period headings do, event days and said days do not), the day a statement was made
(``statement_day``), a sentence without counts that sets the day ('On October 26, the city
began testing.'; ``countless_sentence_date``, ``opening_date``). Split out of ``dating``
(which picks each number's own date) along that seam; the conventions are the same
(``tests/data/bulletins/SOURCES.md``)."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _COMPARISON, _State
from flareup.ingest.bulletin.dates import DateMention, find_dates
from flareup.ingest.bulletin.dating import _comparison_only, _said_day
from flareup.ingest.bulletin.periods import month_named_as_period
from flareup.ingest.bulletin.periods_said import heading_ends_on_day, introduces_list
from flareup.ingest.bulletin.records import Record

_OPENER = rx.compile(r"\W*(?:on|by|as\s+of|until|in|since|at)\s", re.IGNORECASE)


_PREVIOUS_ONES = rx.compile(r"\b(?:the|those)\s+(?:previous|earlier|prior)\s+$", re.IGNORECASE)
_IN_WHEN = rx.compile(r",\s*when\s+[^,;:()]*$", re.IGNORECASE)


def carry_date(
    sent: str,
    sent_start: int,
    dates: list[DateMention],
    recs: list[Record],
    main_date: str | None,
    st: _State,
) -> None:
    """Set ``st.date``, the date the next sentences inherit, after an English sentence.

    Only a sentence that counts something, or opens with its date, sets it ("authorities on
    June 1 put a ban on travel" does not); a comparison ("down from 38 a day earlier") never."""
    opens = bool(main_date) and any(
        d.value == main_date and d.start < 30 and _OPENER.match(sent[: d.start + 1]) is not None
        for d in dates
        if d.role in ("point", "end")
    )
    past24 = any(d.role == "past24" and d.value == main_date for d in dates)
    if _comparison_only(sent, sent_start, recs, dates, main_date):
        # "The toll has risen from 4,960 deaths and 13,268 cases on Friday.": Friday is the
        # day of the figures compared with; the text goes on about its own day
        return
    if recs and st.ref is None and sent.rstrip().endswith((".", "!", "?", '"', "”")):
        # (not from a headline: "China's Guangdong reports no new COVID-19 cases")
        st.ref = next((r.date for r in recs if r.date and len(r.date) == 10), None)
        if past24 and st.ref == main_date and st.pub:
            # "41 died in the last 24 hours" is the day before's flow; the stocks told after
            # it ("recoveries stand at 165,738") are as of the day of the report
            st.ref = st.pub
    if statement_day(sent, dates, recs, st):
        return
    if (
        main_date
        and st.date
        and len(main_date) == len(st.date) == 10
        and main_date < st.date
        and any(d.value == main_date and d.role == "end" for d in dates)
        and _HAD_BEEN.search(sent)
    ):
        # "(41 new cases on March 20.) By the end of March 19, 269 cases had been reported":
        # the total before the day the text speaks of, which goes on
        return
    if recs and all(
        _PREVIOUS_ONES.search(sent, max(0, r.start - sent_start - 20), r.start - sent_start)
        for r in recs
    ):
        # "unrelated to the previous two cases diagnosed in Beijing on Tuesday": earlier cases
        # told for background; their day is not the one the text goes on about
        return
    counted = {
        r.date
        for r in recs
        if r.date
        and not _COMPARISON.search(sent[max(0, r.start - sent_start - 40) : r.start - sent_start])
    }
    if main_date and len(counted) == 1 and main_date not in counted:
        day = next(iter(counted))
        if (
            day
            and len(day) == 10
            and day < main_date
            and any(d.value == day and d.role == "end" for d in dates)
        ):
            # "DOH reported on Tuesday, July 19, 65,190 cases recorded from Jan. 1 to July 2":
            # the day its counts run to goes on, not the day they were reported
            main_date = day
    future = bool(main_date and st.pub and main_date > st.pub)
    if (
        recs
        and st.pub
        and main_date
        and len(main_date) == 7
        and not future
        and all(r.date == main_date for r in recs)
        and month_named_as_period(
            sent[: min(r.start for r in recs) - sent_start], int(main_date[5:])
        )
    ):
        # "In July 2018, the number of cases reported was 866,072": a month report; the
        # sentences after it that name no day of their own count that month ("Cholera had six
        # cases and no deaths"), as flows (``en_sentence``)
        st.date, st.period, st.month_report = main_date, None, main_date
        return
    # a text without a publication day: a month ("in February 2020") is the best day it has,
    # and the counts that follow ("The cases were reported from Riyadh (seven cases)") share it
    carried = 10 if st.pub else 7
    if (recs or opens) and main_date and len(main_date) >= carried and not past24 and not future:
        if main_date != st.date:
            st.date, st.period = main_date, None
        if states_as_of(sent, dates, main_date):
            st.as_of = main_date
        return
    # the sentence's last count that is not a comparison (nor a part of one: "compared with
    # 3,570 a day earlier - 682 symptomatic and 2,888 asymptomatic")
    compared = {
        r.date
        for r in recs
        if _COMPARISON.search(sent[max(0, r.start - sent_start - 40) : r.start - sent_start])
    }
    own_dated = [
        r
        for r in recs
        if r.date
        and len(r.date) >= carried
        and r.date not in compared
        and not _IN_WHEN.search(sent, 0, r.start - sent_start)  # "..., when there were 17"
        # a day the sentence compares with ('the first time since January 10th when the cases
        # stood at 657') is no day the next sentences speak of
        and not any(d.role == "compare" and d.value == r.date for d in dates)
        # ("compared with no symptomatic and 16 asymptomatic cases a day before")
        and not any(
            d.role == "relcompare"
            and d.start >= r.start - sent_start + len(r.mention)
            and not rx.search(r"[;,:(]", sent[r.start - sent_start + len(r.mention) : d.start])
            for d in dates
        )
        # a day only said ('MOH had said on Saturday that the day's case') stays in its sentence
        and r.date != _said_day(dates, st)
    ]
    if own_dated and own_dated[-1].date != st.date:
        st.date, st.period = own_dated[-1].date, None
    elif not recs:
        # a line whose numbers count nothing ("VOLUME 13, NUMBER 07 Reporting period: February
        # 12 - February 18, 2017") still heads the counts below it, as one without numbers does
        countless_sentence_date(sent, main_date, dates, st)


#: "A ministry statement late Thursday said", "the bulletin released on 3 May showed": the
#: day of the statement that a text's counts come from
_STATEMENT_BEFORE = rx.compile(
    r"\b(?:statement|communiqu[eé]|press\s+release|bulletin)\s+(?:(?:issued|released|"
    r"published)\s+)?(?:late\s+|early\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_AUTHORITY_SAID = rx.compile(
    r"\b(?:ministry(?:\s+of\s+(?:public\s+)?health)?|department\s+of\s+health|moh|doh|"
    r"health\s+(?:commission|department|authorit(?:y|ies)|officials))\s+(?:said|announced|"
    r"reported)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_STATEMENT_AFTER = rx.compile(
    r"\s*(?:(?:night|evening|morning|afternoon)\s+)?(?:said|says|stated|showed|shows)\b",
    re.IGNORECASE,
)


#: "official statistics showed on Monday", "figures released on Friday showed": the day of the
#: figures a news text reports
_FIGURES_SHOWED = rx.compile(
    r"\b(?:statistics|figures|data)\s+(?:(?:released|published|issued)\s+)?(?:showed|show)\s+"
    r"(?:late\s+|early\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


_HAD_BEEN = rx.compile(r"\bhad\s+(?:already\s+)?(?:been|[a-z]+ed)\b", re.IGNORECASE)


#: "its latest situation report covering 1st -7th August", "the weekly bulletin for the week
#: of 3-9 May": a report named with the period its figures cover
_REPORT_COVERING = rx.compile(
    r"\b(?:report|bulletin|update|sitrep)\s+(?:covering|for)\s+(?:the\s+(?:period|week)\s+"
    r"(?:of\s+|from\s+)?)?(?:between\s+|from\s+)?$",
    re.IGNORECASE,
)


def statement_day(sent: str, dates: list[DateMention], recs: list[Record], st: _State) -> bool:
    """A sentence whose subject is a statement of a day up to a week before publication
    ("A ministry statement late Thursday said the 11 new cases ...") dates, as 'NCDC
    announced this on Monday' does, the counts of the sentence before that had only the
    publication day and the sentences after it (``st.date``, and the text's reference day
    where that was the publication's); True when it did."""
    if not st.pub or len(st.pub) != 10:
        return False
    day = next(
        (
            d.value
            for d in dates
            if d.role == "speech"
            and d.value
            and len(d.value) == 10
            and (
                (
                    _STATEMENT_BEFORE.search(sent, max(0, d.start - 40), d.start)
                    and _STATEMENT_AFTER.match(sent, d.end)
                )
                # "..., official statistics showed on Monday."
                or _FIGURES_SHOWED.search(sent, max(0, d.start - 40), d.start)
                # "..., the Ministry of Health said late Wednesday.": the authority's update
                or (
                    _AUTHORITY_SAID.search(sent, max(0, d.start - 60), d.start)
                    and rx.match(
                        r"\s*(?:night|evening|morning|afternoon)?\s*[.!]?\s*$", sent[d.end :]
                    )
                )
            )
        ),
        None,
    )
    limit = 7
    if day is None:
        # "in its latest situation report covering 1st-7th August, said": the report's period
        # ends on its data day (a weekly report is published up to two weeks after it)
        day = next(
            (
                d.value
                for d in dates
                if d.role == "end"
                and d.value
                and len(d.value) == 10
                and _REPORT_COVERING.search(sent, max(0, d.start - 60), d.start)
            ),
            None,
        )
        limit = 14
    if day is None:
        return False
    if not 0 < (dt.date.fromisoformat(st.pub) - dt.date.fromisoformat(day)).days <= limit:
        return False
    if st.records:
        last = st.records[-1].sentence
        for r in st.records:
            if r.sentence == last and r.date == st.pub:
                r.date = day
    for r in recs:
        if r.date == st.pub:
            r.date = day
    st.date, st.period = day, None
    if st.ref in (None, st.pub):
        st.ref = day  # ('the total is now 45', later: as of the statement, not the news day)
    if limit > 7 and st.as_of is None:
        st.as_of = day  # (the report's totals 'since 2017' run to its data day)
    return True


_AS_OF_WORDS = rx.compile(
    r"\b(?:as\s+of|as\s+at|by|up\s+to|until|till)\s+(?:the\s+end\s+of\s+)?(?:[\d:.]+\s*(?:a\.?m\.?|"
    r"p\.?m\.?|h)?\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


def states_as_of(sent: str, dates: list[DateMention], day: str) -> bool:
    """Whether the sentence states ``day`` as an 'as of' day ("As of 8 a.m. Friday", "up to
    April 8, 2017"), not as the end of a period ("for 56 days before June 11")."""
    return any(
        d.value == day and _AS_OF_WORDS.search(sent, max(0, d.start - 30), d.start) for d in dates
    )


def countless_sentence_date(
    sent: str, main_date: str | None, dates: list[DateMention], st: _State
) -> None:
    """A sentence without counts sets the date the next ones inherit when it opens with its
    date ("On October 26, the city began testing."), states an 'as of' date ("cases reported
    up to April 8, 2017, have decreased") or is a heading with a date ("New cases for EPI -
    Week 18", whose period start the next counts inherit too)."""
    if not main_date or len(main_date) != 10 or (st.pub is not None and main_date > st.pub):
        return  # (not "Schools stay closed until May 31.": no count's day is after the text)
    if _ONE_PERSON.search(sent[:90]):
        return  # "On August 3, a sample from the man tested positive": one patient's story
    # a heading naming a period ("New cases for EPI - Week 18"); not a byline's date
    heading = (
        len(sent) < 90
        and not sent.rstrip().endswith((".", "!", "?"))
        and any(d.role == "start" and d.value for d in dates)
    ) or introduces_list(sent)
    # "Ebola update, Beni health zone, 11 May:": a heading that ends on its day
    heading = heading or heading_ends_on_day(sent, dates, main_date)
    # "6 October 2016": a line that is a day alone heads the section after it
    heading = heading or any(
        d.value == main_date
        and not rx.search(
            r"[A-Za-z0-9]", (sent[: d.start] + sent[d.end :]).replace(",", " ").strip(" .:-")
        )
        for d in dates
    )
    if not (
        heading
        or any(
            d.value == main_date
            and (
                # (not a period's end in a story: "tripling weekly between 1-15 May")
                (
                    d.role == "end"
                    and not rx.search(r"\bbetween\b", sent[max(0, d.start - 30) : d.start])
                    # (nor a week's days in brackets: "occurred during week 50 (December 12-18)")
                    and not (
                        sent.rfind("(", 0, d.start) > sent.rfind(")", 0, d.start)
                        and any(o.role == "start" and o.start == d.start for o in dates)
                    )
                )
                or (d.start < 30 and _OPENER.match(sent))
            )
            for d in dates
        )
    ):
        return
    st.date = main_date
    st.period = next((d.value for d in dates if d.role == "start" and d.value), None)
    if states_as_of(sent, dates, main_date):
        st.as_of = main_date
    if st.ref is None and any(d.role == "end" and d.value == main_date for d in dates):
        st.ref = main_date  # "cases reported up to April 8, 2017": the text's data day


_OPENS_WITH_DATE = rx.compile(
    r"\W*(?:on|by|as\s+of|until|in|since|from)?\s*(?:the\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s)",
    re.IGNORECASE,
)


#: the one person a story sentence is about: "he went to a health facility", "a sample from
#: the man tested positive", "the patient died"
_ONE_PERSON = rx.compile(
    r"^[^,]{0,40},\s*(?:he|she|(?:a\s+sample\s+(?:taken\s+)?from\s+)?the\s+(?:man|woman|patient|boy|"
    r"girl|child|infant|deceased|index\s+case|traveller|traveler))\b",
    re.IGNORECASE,
)


def opening_date(sent: str, pub: dt.date | None) -> str | None:
    """The day a sentence that counts nothing opens with, which the next sentences inherit
    ("On October 26, ... . Two days later, 183 people had tested positive")."""
    head = sent[:40]
    if not _OPENS_WITH_DATE.match(head):
        return None
    if _ONE_PERSON.search(sent[:90]):
        # "On August 3, a sample from the man tested positive": a day of one patient's
        # story, not the day the text's later totals are counted to
        return None
    opening = [d for d in find_dates(head, pub) if d.value and d.role == "point"]
    if opening and len(opening[0].value or "") == 10:
        return opening[0].value
    return None
