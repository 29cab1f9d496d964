"""When a count is: the date policy of the extractor, apart from reading dates (``dates``).

Which of a sentence's dates a number takes (its own comparison date, a 'when' clause's, its
clause's, the sentence's, the statement's, the text's; which date a sentence hands on to the
next ones is ``date_carry``'s), the text's reference day (its first counts' or 'as of' day: 'since' totals and present-tense
stocks run to it), and the text-level conventions: the day-before convention of China's
national and regional health commissions and the wires quoting them ('China reported 71 new
cases on Sunday' in Sunday's report of the National Health Commission is Saturday's count),
datelines (a later one starts a section; 'yesterday' in a wire re-published days later counts
from its dateline), the year of a text that carries no publication date, and a month-only
publication date ('2019-12': the month of a count the text dates nowhere, and months carry).

The conventions are those of the annotation (``tests/data/bulletins/SOURCES.md``): a period
count is dated on the period's last day with ``period_start``; a comparison on the earlier
day; an undetermined day is None, never a guess.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.asides import in_person_story
from flareup.ingest.bulletin.context import _COMPARISON, _State
from flareup.ingest.bulletin.date_patterns import _WEEKDAY
from flareup.ingest.bulletin.dates import DateMention, last_weekday, shift
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.periods import in_part_after
from flareup.ingest.bulletin.records import Record


def _clause_of(cls: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in cls:
        if a <= pos < b:
            return a, b
    return 0, 0


def sentence_date(
    dates: list[DateMention], st: _State, sent: str = ""
) -> tuple[str | None, str | None]:
    """(main date, speech date) of a sentence, after resolving in ``dates`` (in place) what
    needs the text so far: 'that year' (the year named last: "... first spread in 2000. The
    figure was 5,551 that year"), 'in the same period' (the sentence before's day), 'the same
    period in 2015' (the text's day in 2015), 'yesterday' in a wire re-published after its
    dateline, weekdays in a text without a publication day (from the dateline); a dateline
    is remembered and a later one starts a section."""
    for i, d in enumerate(dates):
        if d.role == "thatyear":
            dates[i] = replace(d, value=st.last_year, role="point")
        elif d.role == "thatperiod":
            # "Another 4,000 tested positive in the same period": the sentence before's day
            dates[i] = replace(d, value=st.last_main, role="point")
    for d in dates:
        if (
            d.role == "speech"
            and d.value
            and len(d.value) == 10
            and (d.start < 3 or _DATELINE_HEAD.fullmatch(sent, 0, d.start))
        ):
            if d.value != st.pub and st.dateline is not None and d.value != st.dateline:
                # "27 August 2014 -- ...": a later section of an update, with its own day
                st.date, st.period = d.value, None
            st.dateline = d.value
    anchor = _dateline_anchor(st)
    ref = st.date or st.ref
    # "310 deaths as of June 30, more than the 212 in the same period last year": the
    # sentence's own day is the one compared, else the day the text speaks of
    own_day = next(
        (
            d.value
            for d in dates
            if d.role in ("point", "end")
            and d.value
            and len(d.value) == 10
            and d.value[:4].isdigit()
        ),
        None,
    )
    for i, d in enumerate(dates):
        rel = _ANCHORED.fullmatch(d.text) if anchor is not None and d.value else None
        if rel is not None:
            # a wire re-published days after its dateline: 'yesterday' is the dateline's
            dates[i] = replace(d, value=shift(anchor, 0 if rel.group("today") else -1))
        elif st.pub is None and d.value is None and st.dateline and len(st.dateline) == 10:
            # no publication day: weekdays and 'yesterday' count from the dateline's day
            rel = _ANCHORED.fullmatch(d.text)
            wd = _WEEKDAY.fullmatch(d.text.strip())
            day = dt.date.fromisoformat(st.dateline)
            if rel is not None:
                dates[i] = replace(d, value=shift(st.dateline, 0 if rel.group("today") else -1))
            elif wd is not None and d.role != "relative":
                dates[i] = replace(d, value=last_weekday(day, wd.group("wd")).isoformat())
        if d.role == "sameperiod" and d.value:
            # "the same period in 2015": the text's day in that year; after a number it is the
            # day compared with ("137 deaths, compared to 81 in the same period last year",
            # "a CFR higher than in the same period of 2019"), the day of a number in its own
            # phrase only, not the sentence's
            compared_day = own_day or ref
            full = (
                d.value + compared_day[4:] if compared_day and len(compared_day) == 10 else d.value
            )
            role = "compare" if rx.search(r"\d", sent[: d.start]) else "point"
            dates[i] = replace(d, value=full, role=role)
    named = [d.value[:4] for d in dates if d.value and d.role not in ("speech", "relative")]
    if named:
        st.last_year = named[-1]
    main = None
    speech = None
    for d in dates:
        if d.role in ("point", "end", "past24") and d.value and main is None:
            main = d.value
        elif d.role == "speech" and d.value and speech is None:
            speech = d.value
    if main is None:
        for d in dates:
            if d.role == "relative" and (st.date or st.pub):
                base = st.date or st.pub
                if d.offset > 0 and d.start < 3 and st.last_main and len(st.last_main) == 10:
                    # "The first case was reported on March 18. Thirteen days later, there
                    # had been 333 cases": later than the day just told of
                    base = st.last_main
                main = shift(base, d.offset)
                break
    st.last_main = main
    return main, speech


#: "BEIJING, ", "KUALA LUMPUR, ": a wire's dateline city before its day
_DATELINE_HEAD = rx.compile(r"\s*[A-Z][A-Z .'-]+,\s*")
_ANCHORED = rx.compile(
    r"(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))|yesterday|last\s+night|"
    r"(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:24|twenty-four)\s+hours|(?:in\s+the|past|last)\s+24\s+hours",
    re.IGNORECASE,
)


def _dateline_anchor(st: _State) -> str | None:
    """The dateline's day when it is up to a week before the publication day (a wire
    re-published later), else None (the publication day is the anchor)."""
    if not st.dateline or not st.pub or len(st.dateline) != 10:
        return None
    gap = (dt.date.fromisoformat(st.pub) - dt.date.fromisoformat(st.dateline)).days
    return st.dateline if 0 < gap <= 7 else None


def fallback_date(
    main: str | None, speech: str | None, dates: list[DateMention], st: _State
) -> str | None:
    """The date of a sentence's counts that have none of their own: the sentence's, else the
    day the statement was made when the sentence reports one ("No infections were found,
    according to the health authority Friday"; not a dateline's, which is the publication's),
    else the day the text was speaking of, else the publication's."""
    # (a month-only publication date is the day-less 'today' of a count the text dates nowhere)
    return main or _said_day(dates, st) or st.date or speech or st.pub or st.pub_month


def _said_day(dates: list[DateMention], st: _State) -> str | None:
    """The day a sentence says its statement was made, unless that is a dateline ("QINGDAO,
    Sept. 25 (Xinhua) --") or the publication day ("..., the commission said on Monday" in
    Monday's briefing on Sunday's figures)."""
    said = next((d for d in dates if d.role == "speech" and d.value), None)
    if said is None or said.start < 3 or said.value == st.pub:
        return None
    return said.value


#: Between a day compared with and its number: "the same period in 2021 at 35,715", "in week 14
#: with 24", "the same period last year: 81"
_LED = (
    # ("compared to Wednesday's 727": the day's own figure)
    r"\s*,?\s*(?:at|with|of|was|were|stood\s+at|[:=]|['’]s)\s*"
    r"(?:only\s+|just\s+|about\s+|around\s+)?"
)


def _own_phrase_day(
    sent: str, n: Number, nxt: int, dates: Sequence[DateMention], role: str
) -> str | None:
    """The first day of ``role`` in the count's own phrase: after the number, before the next
    one, with no comma, colon or bracket between ('19 since last Thursday', 'the previous two
    cases diagnosed in Beijing on Tuesday')."""
    return next(
        (
            d.value
            for d in dates
            if d.role == role
            and d.value
            and n.end <= d.start < nxt
            and not rx.search(r"[,;:(]", sent[n.end : d.start])
        ),
        None,
    )


def number_date(
    sent: str,
    n: Number,
    nxt: int,
    dates: list[DateMention],
    cls: list[tuple[int, int]],
    main_date: str | None,
    fallback: str | None,
    st: _State,
    is_comparison: bool,
    earlier: list[Number] | None = None,
) -> tuple[str | None, str | None]:
    """(date, period start) of number ``n`` of ``sent``."""
    c0, c1 = _clause_of(cls, n.start)
    earlier = [o for o in (earlier or []) if o.end <= n.start]
    when = _when_date(sent, n, dates)
    if when is not None:
        return when, None
    if rx.search(r"\b(?:previous|earlier|prior)\s+$", sent[max(0, n.start - 12) : n.start]):
        # "the previous two cases diagnosed in Beijing on Tuesday": the earlier cases' own day
        earlier_day = _own_phrase_day(sent, n, nxt, dates, "event")
        if earlier_day is not None:
            return earlier_day, None
    # "during 2014 (667 cases) and 2011 (220 cases)": a count in brackets right after a
    # date is that date's
    bracketed = next(
        (
            d
            for d in dates
            if d.value
            and d.role in ("point", "end", "compare")
            # ("January with 36; February with 32": a list of days or months with their counts)
            and (
                rx.fullmatch(
                    # ("the same period in 2015 (n=87,411)": a statistician's count)
                    r"\s*(?:\(|with\b|:)\s*(?:n\s*=\s*)?(?:about\s+|over\s+|some\s+)?",
                    sent[d.end : n.start],
                )
                # "(week 6) 81": a bracketed day or week as the label before its count
                or (
                    rx.fullmatch(r"\s*\)\s*", sent[d.end : n.start])
                    and sent[: d.start].rstrip().endswith("(")
                )
            )
        ),
        None,
    )
    if bracketed is not None:
        return bracketed.value, None
    # "compared to the cases in the same period of 2021 at 35,715": the number the day compared
    # with leads to is that day's
    led = next(
        (
            d
            for d in dates
            if d.value
            and d.role == "compare"
            and rx.fullmatch(_LED, sent[d.end : n.start], re.IGNORECASE)
        ),
        None,
    )
    if led is not None:
        return led.value, None
    year = rx.search(
        r"(?:\bin|\band|,|\bduring)\s+((?:19|20)\d\d)\s*\(\s*$",
        sent[max(0, n.start - 20) : n.start],
    )
    if year is not None and (st.pub is None or year.group(1) <= st.pub[:4]):
        return year.group(1), None  # "... and 2011 (220 cases)": a year read bare in a list
    from_to = bool(
        rx.search(r"\bfrom\s+$", sent[max(0, n.start - 6) : n.start])
        and rx.match(r"\s+to\s+\d", sent[n.end : n.end + 6])
    )  # "has increased from eight to 19"
    is_comparison = is_comparison or from_to
    if not is_comparison and earlier:
        # "compared to 6,561 cases and 14 deaths in the preceding week": the list goes on
        o = earlier[-1]
        is_comparison = bool(
            _COMPARISON.search(sent, max(0, o.start - 40), o.start)
            and rx.fullmatch(r"\s+(?:[\w-]+\s+){0,3}(?:and|,)\s+", sent[o.end : n.start])
        )
    # the number's own comparison date: "up from 20 a day earlier", "compared with 9 on Monday"
    if is_comparison:
        # "compared to 567 cases, with no death, reported in October 2017"
        # its own day after it ("compared with 25 in week 18": the week's end, not its start;
        # "the highest since 52 on March 3": that day)
        own = sorted(
            (
                d
                for d in dates
                if n.end <= d.start <= n.end + 60 and d.role not in ("speech", "event")
            ),
            key=lambda d: (d.start, d.role == "start"),
        )
        base = main_date or st.date or fallback
        # "Between 13 and 19 October, 20 deaths, compared to 14 in the preceding week": the
        # period compared with is as long as the sentence's own
        span = next((d.value for d in dates if d.role == "start" and d.value), None)
        for d in own:
            if d.role in ("relative", "relcompare"):
                return shift(base, d.offset), shift(span, d.offset) if d.offset <= -7 else None
            if d.value:
                return d.value, None
        if rx.search(
            r"\b(?:a\s+)?week\s+(?:earlier|before|ago)|previous\s+week|last\s+week",
            sent[n.end : n.end + 40],
            re.IGNORECASE,
        ):
            return shift(base, -7) or base, None
        if st.stock_hint and from_to:
            # "the death toll has increased from eight to 19": when the earlier total was
            # counted the text does not say (unlike a day's "rose to 288 from 136")
            return None, None
        # "up from 20 a day earlier", and a bare "fell to 22,253 from 29,907" in a daily
        # report: the number it is compared with is the previous day's
        return shift(base, -1) or base, None
    own_compared = next(
        (
            d
            for d in dates
            if d.role == "relcompare"
            and n.end <= d.start < nxt
            and not rx.search(r"[;,:(]", sent[n.end : d.start])
            and not _difference_day(sent, d, n)
        ),
        None,
    )
    own_compare_day = next(
        (
            d
            for d in dates
            if d.role == "compare"
            and d.value
            and n.end <= d.start < nxt
            and rx.search(r"\bafter\s+[a-z]+ing\s+$", sent[max(0, n.start - 20) : n.start])
            and not rx.search(r"[;,:(]", sent[n.end : d.start])
        ),
        None,
    )
    if own_compare_day is not None:
        # "an increase of 267 new cases after recording 318 new cases on Thursday": the count
        # compared with is of its own day
        return own_compare_day.value, None
    if own_compared is not None and (main_date or st.date or fallback):
        # "compared with no symptomatic and 16 asymptomatic cases a day before": a later
        # number of the list compared with is of the day compared with too
        return shift(main_date or st.date or fallback, own_compared.offset), None
    in_clause = [
        d
        for d in dates
        if c0 <= d.start < c1 and d.role not in ("speech",) and not _aside(sent, d, n)
    ]
    in_clause = [
        d for d in in_clause if not _compared_day(sent, d, n) and not _difference_day(sent, d, n)
    ]
    if st.stock_hint:
        # "85 deaths in total, including 4 on Tuesday": the day of a part said after a total
        # is the part's; the total is as of the day the text speaks of
        # ("12 deaths in total; no new cases were reported on Tuesday": another clause's day)
        parts_days = [d for d in dates if in_part_after(sent, d.start, n.end)]
        in_clause = [d for d in in_clause if d not in parts_days]
        if (
            main_date is not None
            and parts_days
            and all(d in parts_days for d in dates if d.value == main_date)
        ):
            main_date = None
            fallback = st.date or st.pub or st.pub_month
    # the mentions the sentence's day comes from: its own, else the relative ones it was
    # resolved from ("Two days later, 183 ...: 45 ...", "to 1,200 this week, from 1,000 last week")
    said_main = [d for d in dates if d.value == main_date] or [
        d for d in dates if d.role == "relative"
    ]
    if (
        main_date is not None
        and said_main
        and all(
            _aside(sent, d, n) or _compared_day(sent, d, n) or _difference_day(sent, d, n)
            for d in said_main
        )
    ):
        # the sentence's only day is in an aside ("(from cases reported on 2 June)") or is
        # that of a comparison after the count ("40 new cases, compared with 30 on Thursday"):
        # the count is of the day the text speaks of
        main_date = None
        fallback = _said_day(dates, st) or st.date or st.pub or st.pub_month
    if st.stock_hint:
        # a stock is "as of now": "in the past 24 hours" dates the day's flows only
        in_clause = [d for d in in_clause if d.role != "past24"]
        if main_date and any(d.role == "past24" and d.value == main_date for d in dates):
            # (as of the day the statement was made: "said on Wednesday that 45 new cases were
            # confirmed in the past 24 hours, bringing the total to 4,512" in Thursday's paper)
            main_date = fallback = _said_day(dates, st) or st.pub
    # ("502 deaths since 2012, including 19 since last Thursday": the 19's own start first)
    period_start = _own_phrase_day(sent, n, nxt, in_clause, "start") or next(
        (d.value for d in in_clause if d.role == "start" and d.value), None
    )
    if period_start is None:
        # (not a later clause's own start: "712 cases last year, and 98 so far this year")
        period_start = next(
            (
                d.value
                for d in dates
                if d.role == "start"
                and d.value
                and not d.start >= max(c1, n.end)
                and not _difference_day(sent, d, n)
            ),
            None,
        )
    points = [d for d in in_clause if d.role in ("point", "end", "past24") and d.value]
    own_rel = next(
        (
            d
            for d in in_clause
            if d.role == "relative"
            and n.end <= d.start < nxt
            and (
                rx.search(r"\b(?:for|on|of)\s+$", sent[max(0, d.start - 5) : d.start])
                # "45 cases on June 8 and another 50 a day later": the day after the one said
                or (d.offset > 0 and rx.search(r"\b(?:later|after)\b", d.text, re.IGNORECASE))
            )
        ),
        None,
    )
    if own_rel is not None and points and len(points[0].value or "") == 10:
        # "This morning, the commission reported four new cases for the previous day": the
        # count's own day is the day before the sentence's
        return shift(points[0].value, own_rel.offset), period_start
    if not points and (resp := _respective(sent, n, dates)) is not None:
        # "compared to the 12,373 and 12,226 cases in the same period in 2015 and 2016,
        # respectively": days compared with, one for each
        return resp.value, None
    if points:
        # its own phrase's date ("137 cases were found on Sunday"), else the nearest before it
        # ("On Sunday, 5 cases..."), else the nearest after
        own = [d for d in points if n.end <= d.start < nxt]
        before_it = [d for d in points if d.end <= n.start and not _owned(sent, d, n, earlier)]
        if not own and not before_it and all(_owned(sent, d, n, earlier) for d in points):
            # "rose from 546 recorded in January to 718": January is the 546's; the 718
            # takes the sentence's other date, else the text's
            other = [
                d
                for d in dates
                if d.role in ("point", "end", "past24") and d.value and d not in points
            ]
            return (other[0].value if other else (st.date or st.pub or fallback)), period_start
        resp = _respective(sent, n, in_clause)
        if resp is not None:
            # (a list of days read as one, "28 and 29 March", is no period)
            listed = any(d.start == resp.start and d.role == "start" for d in in_clause)
            return resp.value, None if listed else period_start
        if own:
            best = own[0]
        elif before_it:
            best = before_it[-1]
        else:
            best = min(points, key=lambda d: abs(d.start - n.start))
        if best.value and len(best.value) == 4:
            # "As of 31 October 2016, there were 1,840 cases reported in 2016": the year is
            # the period the total runs over, the day it is counted to
            as_of = next(
                (
                    d
                    for d in points
                    if d.role == "end"
                    and d.value
                    and len(d.value) == 10
                    and d.value[:4] == best.value
                ),
                None,
            )
            if as_of is not None:
                return as_of.value, period_start or f"{best.value}-01-01"
        return best.value, period_start
    # "Cases rose to 40 from 25 a week ago": the 'a week ago' is the 25's
    rel = [
        d
        for d in in_clause
        if d.role == "relative"
        and not (d.start > n.end and _COMPARED_NUMBER.search(sent, n.end, d.start))
    ]
    if rel and (main_date or st.date or st.pub):
        # relative to the sentence's own absolute date, else to the previous sentence's
        absolute = next((d.value for d in dates if d.role in ("point", "end") and d.value), None)
        # ("said on Tuesday that 300 cases had been found the previous day": the day said)
        said_days = [
            d.value
            for d in dates
            if d.role == "speech" and d.value and len(d.value) == 10 and d.end <= rel[0].start
        ]
        base = absolute or (said_days[-1] if said_days else None) or st.date or st.pub
        if not absolute and rel[0].offset > 0 and rel[0].start < 3 and main_date:
            return main_date, period_start  # (later than the day just told of)
        rs = next((d for d in in_clause if d.role == "relstart"), None)
        if rs is not None:
            period_start = shift(base, rs.offset)  # "in the last three weeks"
        return shift(base, rel[0].offset), period_start
    own_start = [d for d in in_clause if d.role == "start" and d.value and n.end <= d.start < nxt]
    if own_start and main_date and not any(d.value == main_date for d in in_clause):
        # "712 cases were reported last year, and 98 so far this year": the sentence's day is
        # the other clause's count's; this one runs from its own start to the text's day
        return (st.ref or st.pub or fallback), own_start[0].value
    date = main_date or fallback
    if main_date is None and (
        _UP_TO_NOW.search(sent, c0, max(c1, n.end))
        or (st.stock_hint and _PRESENT.search(sent) and not _PAST.search(sent))
    ):
        # "an increase of 523 since 29 May": up to the latest day the text speaks of (its
        # reference day), not an earlier day a sentence before was about
        said = _said_day(dates, st)
        if st.ref:
            if not (said and date == said):
                # (not over the day the sentence itself says its statement was made: "the
                # death toll remains at 129, the service said late Tuesday" is Tuesday's)
                date = max(st.ref, date) if date and len(date) == 10 else st.ref
        elif date == st.date and date != said:
            # no reference day yet: the day a story before told of is not 'now' ("On 3 March
            # a farmer was admitted. 41 contacts are being followed up"); a day the statement
            # was made is ("has risen to 25, the government said Thursday")
            date = st.pub or date
    if (
        main_date is None
        and not st.outbreak_report
        and st.pub
        and date
        and len(date) == 10
        and date < st.pub
        and date != st.as_of  # "Up to April 8, ... . To date 4,871 cases": that day
        and (_SO_FAR.search(sent) or (_THERE_HAVE_BEEN.search(sent) and date != st.dateline))
    ):
        # news: "So far, 147 close contacts have been placed under quarantine" is as of the
        # day the news is told, not of the case found the day before (a situation report's
        # 'so far' is as of its data day, which the text carries)
        date = _said_day(dates, st) or st.pub
    if (
        main_date is None
        and st.pub
        and date
        and len(date) == 10
        and date == st.date
        and date != st.as_of
        and date != st.dateline
        and _NOW.search(sent, c0, max(c1, n.end + 40))
        and (dt.date.fromisoformat(st.pub) - dt.date.fromisoformat(date)).days > 3
    ):
        # "A week after the first case, on March 20, Kenya had 7 cases. Kenya now has 4,512":
        # 'now' is the day the text is told, not a day of its story weeks before
        date = _said_day(dates, st) or st.pub
    if (
        main_date is None
        and st.pub is None
        and st.pub_month
        and (
            (_SO_FAR.search(sent, c0, max(c1, n.end)) and not st.outbreak_report)
            # "Globally, WHO has been notified of 1075 cases", "522 people have recovered":
            # a stock up to the text's day, which a month-only publication knows only to
            # the month (not the end of a period a paragraph before reported; an 'as of' day
            # the text stated is its day)
            or (
                st.as_of is None
                and _PERFECT.search(sent)
                and not _PAST.search(sent)
                and not _SAID_PAST.search(sent)
                and date != _said_day(dates, st)
            )
        )
    ):
        # "From 2013 to date, 900 cases" in a text published in January 2017: as of then
        date = st.pub_month
    if period_start is None and date is not None and date == st.date:
        period_start = st.period  # "New cases for epi week 18" over its list of counts
    return date, period_start


#: A count from a day up to the text's own day ('so far', 'currently' take the day the text
#: speaks of at that point instead: "By the end of Tuesday ... . Currently, 213 patients")
_UP_TO_NOW = rx.compile(r"\bsince\b|^\W*(?:subsequently|thereafter)\b", re.IGNORECASE)


#: the present of the text's own day: "Kenya now has 4,512 cases", "currently 45 patients"
_NOW = rx.compile(r"\b(?:now|currently|at\s+present|presently)\b", re.IGNORECASE)
_SO_FAR = rx.compile(
    r"\b(?:so\s+far|to\s+date|as\s+of\s+now|thus\s+far|(?:have|has)\s+already)\b", re.IGNORECASE
)
#: "there have been no deaths": a stock up to the day the news is told, like 'so far' (not in
#: a section of an update under its own dated heading, whose day it is)
_THERE_HAVE_BEEN = rx.compile(r"\bthere\s+(?:have|has)\s+been\b", re.IGNORECASE)
#: A stock stated in the present tense ("More than 2,800 people are in quarantine") is as of
#: the latest day the text speaks of, not of yesterday's flow in the sentence before
_PRESENT = rx.compile(r"\b(?:are|is|remains?|stands?|currently|now)\b", re.IGNORECASE)
_PAST = rx.compile(r"\b(?:were|was|had|yesterday)\b", re.IGNORECASE)
_PERFECT = rx.compile(
    r"\b(?:have|has)\s+(?:(?:already|now|so\s+far)\s+)?been\b|\b(?:have|has)\s+[a-z]+ed\b",
    re.IGNORECASE,
)
_SAID_PAST = rx.compile(r"\b(?:said|reported|announced)\s+(?:on|in|last)\b", re.IGNORECASE)


_COMPARED_NUMBER = rx.compile(
    r"(?:\b(?:up|down|rose|risen|fell|fallen|dropped|climbed|jumped|declined|grew|increased|"
    r"decreased)\s+from|\d\s+from|\b(?:week|day|month|year|today|yesterday),\s+from|\bthan|\bversus|\bvs\.?|\bagainst|\bcompared\s+(?:to|with)|"
    r"\b(?:highest|lowest|most|fewest|largest|biggest|smallest)\s+since|"
    # "1,144 patients in hospital -- up 179 over yesterday's total": a change said after a
    # count, whose day is the change's
    r"(?:--|—|–|,|\()\s*(?:up|down)(?:\s+by)?)\s+"
    r"(?:about\s+|around\s+|only\s+|just\s+)?(?:\d[\d,.]*|one|two|three|four|five|six|seven|"
    r"eight|nine|ten)\b",
    re.IGNORECASE,
)


def _respective(sent: str, n: Number, dates: list[DateMention]) -> DateMention | None:
    """'12,373 and 12,226 cases ... in 2015 and 2016, respectively', 'On 28 and 29 March, 40
    and 50 cases were reported, respectively': the k-th number of a list takes the k-th day of
    a list."""
    if "respectively" not in sent[n.end :]:
        return None
    k = 0
    head = sent[: n.start]
    while m := rx.search(r"\d[\d,.]*\s*(?:,\s*(?:and\s+)?|and\s+)$", head):
        k += 1
        head = head[: m.start()]
    if k == 0 and not rx.match(r"\s*(?:,\s*(?:and\s+)?|and\s+)\d", sent[n.end :]):
        return None  # not a list of numbers
    days: list[DateMention] = []
    for d in sorted(dates, key=lambda d: (d.start, d.role == "end")):
        if not d.value or d.role not in ("point", "end", "start", "compare"):
            continue  # ("compared to 12 and 14 in the same period of 2015 and 2016, respectively")
        paired = any(
            o is not d and o.start == d.start and o.role in ("start", "end") for o in dates
        )
        if d.role == "start" and not (paired and " and " in d.text):
            continue  # a period's start; "28 and 29 March" is a list when 'respectively'
        days.append(d)
    if len(days) <= k:
        return None
    for a, b in itertools.pairwise(days):
        if a.start != b.start and not rx.fullmatch(
            r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:in\s+|on\s+)?", sent[a.end : b.start]
        ):
            return None
    return days[k]


def _compared_day(sent: str, d: DateMention, n: Number) -> bool:
    """Whether day ``d`` belongs to a number compared with ``n`` after it ("40 new cases,
    compared with 30 on Thursday")."""
    return d.start > n.end and _COMPARED_NUMBER.search(sent, n.end, d.start) is not None


#: "22 more cases than reported last week", "five fewer deaths than on Sunday": what comes
#: between a difference and the day of the count it is taken from
_MORE_THAN = rx.compile(
    r"\s+(?:more|fewer|less|additional)\s+(?:[\w-]+\s+){0,3}?than\s+(?:(?:those|the\s+ones|"
    r"what\s+was|were|was)\s+)?(?:(?:reported|recorded|registered|confirmed|announced|counted)\s+)?"
    r"(?:(?:by\s+the\s+[\w-]+\s+)?(?:on|in|during|at|over|for)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _difference_day(sent: str, d: DateMention, n: Number) -> bool:
    """Whether day ``d`` is that of the count a difference ``n`` is taken from ("That's 22
    more cases than reported last week"): the difference is of the day the text speaks of."""
    return d.start >= n.end and _MORE_THAN.fullmatch(sent, n.end, d.start) is not None


def _aside(sent: str, d: DateMention, n: Number) -> bool:
    """Whether date ``d`` sits in a parenthesis that does not hold ``n``: "Three specimens
    (from suspected cases reported on 2 June 2018) tested negative", or in the story of the
    person counted ("one case, who flew to Yunnan on July 6")."""
    if d.start >= n.end and in_person_story(sent, n.end, d.start):
        return True
    a = sent.rfind("(", 0, d.start)
    if a < 0 or sent.rfind(")", a, d.start) >= 0:
        return False
    b = sent.find(")", d.end)
    if b < 0 or a < n.start < b:
        return False
    # a bare date or list of days in brackets ("36 cases (March 21, 22, 23, 24)") is the
    # count's own; words around it make an aside
    rest = sent[a + 1 : d.start] + " " + sent[d.end : b]
    return any(w.lower() not in _DATE_WORDS for w in rx.findall(r"[A-Za-z]{3,}", rest))


#: Words that only qualify a date in brackets: "(as of 5 March)", "(16:00 April 23-16:00 April 24
#: Beijing Time)", "(data until week 18)"
_DATE_WORDS = frozenset(
    [
        "as",
        "of",
        "at",
        "on",
        "up",
        "to",
        "until",
        "till",
        "through",
        "from",
        "between",
        "and",
        "data",
        "since",
        "by",
        "the",
        "end",
        "week",
        "epi",
        "epidemiological",
        "reporting",
        "period",
        "beijing",
        "time",
        "local",
        "gmt",
        "cet",
        "utc",
    ]
)


def _when_date(sent: str, n: Number, dates: list[DateMention]) -> str | None:
    """'since March 16, when there were 17 cases': the day a 'when' clause is about."""
    for d in dates:
        if (
            d.value
            and d.end <= n.start
            and d.role not in ("speech", "event")
            and rx.fullmatch(r"\s*,?\s*when\s+[^,;:()]*", sent[d.end : n.start], re.IGNORECASE)
        ):
            return d.value
    return None


def _owned(sent: str, d: DateMention, n: Number, earlier: list[Number]) -> bool:
    """Whether date ``d`` sits in the phrase of a number before ``n`` ('546 recorded in
    January to 718'): after that number, before ``n``, with no clause break between."""
    if not rx.search(r"\bto\s+$", sent[max(0, n.start - 4) : n.start]):
        return False  # only the 'from X <date> to Y' of a change
    return (
        d.end <= n.start
        and any(
            o.end <= d.start
            and not rx.search(r"[,;:]", sent[o.end : d.start])
            # (a change 'from 546 ... to 718'; not "6,09,917 samples were tested on August 23
            # taking the total to 3,59,02,137", whose day is both numbers')
            and rx.search(
                r"\bfrom\s+(?:about\s+|around\s+|some\s+)?$", sent[max(0, o.start - 14) : o.start]
            )
            for o in earlier
        )
    )


#: what joins a count to the comparison count before it ("from 4,960 deaths and 13,268
#: cases", "from 3,310 and 96 deaths"): a noun or two, then 'and' or a comma
_COMPARED_TOO = rx.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?:and|,)\s*(?:also\s+)?", re.IGNORECASE)


def _comparison_only(
    sent: str, sent_start: int, recs: list[Record], dates: list[DateMention], main: str | None
) -> bool:
    """Whether every count of the sentence is a figure compared with ('has risen from 4,960
    deaths and 13,268 cases on Friday') and its day is said after the first of them: the
    day of the earlier figures, which the next sentences do not inherit."""
    if not recs or not main:
        return False
    spans = sorted(
        ((r.start - sent_start + max(0, r.evidence.find(r.mention)), r) for r in recs),
        key=lambda x: x[0],
    )
    first = None
    prev_end = -1
    for pos, r in spans:
        if _COMPARISON.search(sent[max(0, pos - 40) : pos]):
            first = pos if first is None else first
        elif first is None or _COMPARED_TOO.fullmatch(sent, prev_end, pos) is None:
            return False  # a count of the sentence's own ("rose from 400 to 500 on Friday")
        prev_end = pos + len(r.mention)
    return first is not None and any(
        d.value == main and d.start > first for d in dates if d.role in ("point", "end")
    )
