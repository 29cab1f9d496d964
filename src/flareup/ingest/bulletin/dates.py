"""Dates as written, resolved against the publication date.

Absolute dates ('27 October 2020', 'Oct. 27', 'October 27, 2020', '2020-10-27', '10月27日'),
months and years ('in October 2020' -> '2020-10'), weekdays ('on Saturday': the last Saturday on
or before publication), 'today' / 'yesterday', relative days ('a day earlier', 'the previous
day', 'two days later': from the sentence's own date), the daily-briefing convention ('in the
past 24 hours' is the day before publication), and period words ('from 3 May to Friday',
'since 1 January', 'as of', 'by', '30 January – 19 February', 'between the end of Wednesday
and 9 p.m. on Thursday', 'in the last three weeks', 'for 56 days before June 11', epi weeks
and week ranges, '(March 21, 22, 23, 24)'). Each mention has a role: a count's day ('point',
'end'), a period start, a statement's day ('speech', datelines too), an event's day ('the
outbreak, which began on May 20'), a comparison, or a relative day resolved later
(``dating``). This module reads a sentence (``find_dates``); the written forms it matches are
in ``date_patterns``, and the role of each mention is decided in ``date_roles``.

Hand-written rules rather than ``dateparser``: dateparser parses a whole string, not dates
inside a sentence (its ``search_dates`` finds them but takes ~5 ms a sentence, 50x slower
than this module over the development texts, and reads '12 new' or 'May' alone as dates); the
benchmark compares them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.date_mention import DateMention as DateMention
from flareup.ingest.bulletin.date_patterns import (
    _ABSOLUTE,
    _ANY_DATE,
    _DAY_LIST,
    _DIGIT,
    _EPI_WEEK,
    _EPI_WEEK_SPAN,
    _EPI_WEEKS,
    _FIRST_MONTHS,
    _MONTH_COUNTS,
    _MONTH_RANGE,
    _MONTH_TOKEN,
    _MONTH_YEAR,
    _MORE_YEARS,
    _NEEDS_MONTH_NAME,
    _NEEDS_YEAR,
    _ORDINAL_DAY,
    _ORDINAL_PART,
    _QUARTER,
    _QUARTER_WORDS,
    _RELATIVE,
    _RELATIVE_WORDS,
    _REPORTING_MONTH,
    _SAME_PERIOD,
    _SAME_PERIOD_LAST_YEAR,
    _SMALL_N,
    _TIME,
    _TIME_HINT,
    _WEEK_BOUND,
    _WEEK_OF_MONTH,
    _WEEKDAY,
    _WEEKDAY_BEFORE,
    _WEEKDAY_TOKEN,
    _WEEKDAYS,
    _YEAR_DIGITS,
    _YEAR_ONLY,
    _ZH_MONTH_DAY,
    MONTHS,
)
from flareup.ingest.bulletin.date_roles import _CLOCK, _COMPARED_LIST, _role
from flareup.ingest.bulletin.date_spans import _explicit_weeks, _ranges
from flareup.ingest.bulletin.periods_said import prior_day_bounds
from flareup.ingest.bulletin.years import year_mentions

#: "in March this year", "on 3 March this year": 'this year' gives the month's year only
_MONTH_BEFORE = rx.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:of\s+)?$",
    re.IGNORECASE,
)


def _weekday_index(word: str) -> int:
    w = word.lower().rstrip(".")
    for i, name in enumerate(_WEEKDAYS):
        if name.startswith(w[:3]):
            return i
    raise ValueError(word)


def last_weekday(published: dt.date, word: str) -> dt.date:
    """The last ``word`` day on or before ``published``."""
    delta = (published.weekday() - _weekday_index(word)) % 7
    return published - dt.timedelta(days=delta)


def _year_for(month: int, day: int, published: dt.date | None, year: str | None) -> int | None:
    if year:
        return int(year)
    if published is None:
        return None
    y = published.year
    try:
        if dt.date(y, month, day) > published + dt.timedelta(days=31):
            y -= 1  # "December 30" in a January report
    except ValueError:
        return y
    return y


def _at_words(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)`` of a pattern whose every alternative opens with ``\\b``
    and a letter or digit: tried only where a word begins (``rx.finditer_from``), where
    ``finditer`` tries it, case-blind, at every character."""
    return rx.finditer_from(pattern, rx.WORD_START, sentence)


def _this_year_fallback(out: list[DateMention]) -> list[DateMention]:
    """'this year' dates a count on the text's day only where the sentence names no day or
    month of its own: "115,986 cases this year as of July 6" is July 6's."""
    spans = {
        (d.start, d.end)
        for d in out
        if d.text and rx.fullmatch(r"this\s+year", d.text, re.IGNORECASE)
    }
    if spans and any(
        (d.start, d.end) not in spans
        and d.value
        and len(d.value) >= 7
        and d.role in ("point", "end", "past24", "start")
        for d in out
    ):
        return [d for d in out if (d.start, d.end) not in spans]
    return out


def find_dates(
    sentence: str, published: dt.date | None, year: int | None = None, month: int | None = None
) -> list[DateMention]:
    """Every date mention in ``sentence``; relative ones carry an offset to resolve later.
    Without a publication day, ``year`` (and ``month``, of a month-only publication date
    '2019-12') give the year of a date written without one."""
    # (a digit, found by a fast scan for one character class, is the commonest first hint)
    if not (_DIGIT.search(sentence) or _ANY_DATE.search(sentence)):
        return []
    has_year = _YEAR_DIGITS.search(sentence) is not None
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    low = sentence.lower()
    for m in _QUARTER.finditer(sentence) if rx.has_any(sentence, _QUARTER_WORDS) else ():
        # "in the first quarter of 2021", "Q3 2019", "the second half of 2018": a period
        qy = int(m.group("y") or m.group("y2"))
        which = (m.group("which") or m.group("q")).lower()
        half = (m.group("unit") or "").lower() == "half"
        qk = _ORDINAL_PART.get(which, 4 if half else 1)
        if half:
            qk = 2 if which in ("last", "second", "2nd") else 1
        q_first, q_last = ((qk - 1) * 6 + 1, qk * 6) if half else ((qk - 1) * 3 + 1, qk * 3)
        q_end = dt.date(qy + q_last // 12, q_last % 12 + 1, 1) - dt.timedelta(days=1)
        taken.append((m.start(), m.end()))
        out.append(
            DateMention(m.start(), m.end(), f"{qy}-{q_first:02d}-01", "start", text=m.group(0))
        )
        if not rx.search(r"\bsince\s+$", sentence[max(0, m.start() - 8) : m.start()], re.I):
            out.append(DateMention(m.start(), m.end(), q_end.isoformat(), "end", text=""))
    for m in _FIRST_MONTHS.finditer(sentence) if "months" in low else ():
        # "in the first three months of 2019": January 1 to the last day of the third month
        fy, fn = int(m.group("y")), m.group("n").lower()
        f_last = _MONTH_COUNTS.get(fn) or int(fn)
        f_end = dt.date(fy, f_last + 1, 1) - dt.timedelta(days=1)
        taken.append((m.start(), m.end()))
        out.append(DateMention(m.start(), m.end(), f"{fy}-01-01", "start", text=m.group(0)))
        out.append(DateMention(m.start(), m.end(), f_end.isoformat(), "end", text=""))
    for m in _WEEK_OF_MONTH.finditer(sentence) if "week" in low else ():
        # "in the first week of October": days 1-7 (the last week: the month's last seven)
        wm = MONTHS[m.group("mon").lower()]
        wk = _ORDINAL_PART[m.group("which").lower()]
        w_year = _year_for(wm, 1, published, m.group("y")) or year
        if w_year is None:
            continue
        w_last = (dt.date(w_year + wm // 12, wm % 12 + 1, 1) - dt.timedelta(days=1)).day
        w_end = w_last if m.group("which").lower() == "last" else 7 * wk
        taken.append((m.start(), m.end()))
        w_value = f"{w_year}-{wm:02d}-{w_end:02d}"
        out.append(
            DateMention(
                m.start(), m.end(), f"{w_year}-{wm:02d}-{w_end - 6:02d}", "start", text=m.group(0)
            )
        )
        out.append(DateMention(m.start(), m.end(), w_value, "end", text=""))
    has_month = bool(_MONTH_TOKEN.search(low))
    for k, pat in enumerate(_ABSOLUTE):
        if (
            (k in _NEEDS_MONTH_NAME and not has_month)
            or (k in _NEEDS_YEAR and not has_year)
            or (k == _ZH_MONTH_DAY and "月" not in low)
        ):
            continue
        # (every form but 10月27日 opens where a word does: tried there, by its first words)
        found = pat.finditer(sentence) if k == _ZH_MONTH_DAY else _at_words(pat, sentence)
        for m in found:
            if not free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            if gd.get("m0"):
                gd["m"], gd["d"] = gd["m0"], gd["d0"]
            month_ = MONTHS[gd["mon"].lower().rstrip(".")] if gd.get("mon") else int(gd["m"])
            try:
                day = int(gd["d"])
                if month_ > 12 and day <= 12:
                    month_, day = day, month_
                y = _year_for(month_, day, published, gd.get("y"))
                if y is None and year is not None:
                    y = year  # no publication date: the year the text names
                    if month is not None and month_ > month + 1:
                        y -= 1  # "December 29" in a text published in January
                value = None if y is None else dt.date(y, month_, day).isoformat()
            except (ValueError, OverflowError):
                continue
            taken.append((m.start(), m.end()))
            role = _role(sentence, m.start(), m.end())
            days = _DAY_LIST.match(sentence, m.end()) if gd.get("mon") and not gd.get("y") else None
            if days is not None and value is not None and not gd.get("d2"):
                # "(March 21, 22, 23, 24)": a list of days is a period ending on the last
                last = rx.findall(r"\d+", days.group(0))[-1]
                try:
                    d_last = dt.date(int(value[:4]), month_, int(last))
                except ValueError:
                    d_last = None
                if d_last is not None and d_last.isoformat() > value:
                    end = m.end() + len(days.group(0).rstrip(" )"))
                    taken.append((m.end(), end))
                    out.append(DateMention(m.start(), end, value, "start", text=m.group(0)))
                    out.append(DateMention(m.start(), end, d_last.isoformat(), "end", text=""))
                    continue
            if (
                gd.get("j2") == "and"
                and gd.get("d2")
                and not rx.search(
                    r"(?i)\b(?:between|from)\s+$", sentence[max(0, m.start() - 9) : m.start()]
                )
            ):
                # "on April 20 and 24": two days, not a period; the first is read here
                gd["d2"] = None
            if gd.get("d2") and value is not None:
                # "27-28 October": a period; the count refers to its last day
                try:
                    d2 = dt.date(int(value[:4]), month_, int(gd["d2"]))
                except ValueError:
                    d2 = None
                if d2 is not None and d2.isoformat() > value:
                    out.append(DateMention(m.start(), m.end(), value, "start", text=m.group(0)))
                    value, role = d2.isoformat(), "end"
            out.append(DateMention(m.start(), m.end(), value, role, text=m.group(0)))
    absorbed: set[str] = set()
    for m in _at_words(_MONTH_RANGE, sentence) if has_month else ():
        period = _month_range(m, sentence, published)
        if period is None or not free(m.start(), m.end()):
            continue
        p_first, p_last, year_taken = period
        if year_taken:
            absorbed.add(year_taken)
        taken.append((m.start(), m.end()))
        # "cases with onset between July and August 2016": when they fell ill, not the count's
        onset = _ONSET_BEFORE.search(sentence, max(0, m.start() - 30), m.start()) is not None
        out.append(DateMention(m.start(), m.end(), p_first, "event" if onset else "start", text=""))
        out.append(
            DateMention(m.start(), m.end(), p_last, "event" if onset else "end", text=m.group(0))
        )
    for m in _REPORTING_MONTH.finditer(sentence) if "reporting" in low else ():
        bounds = _reporting_month(published, year, month)
        if bounds is not None and free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(DateMention(m.start(), m.end(), bounds[0], "start", text=""))
            out.append(DateMention(m.start(), m.end(), bounds[1], "end", text=m.group(0)))
    for m in _at_words(_MONTH_YEAR, sentence) if has_month else ():
        if not free(m.start(), m.end()):
            continue
        word = m.group("mon").lower().rstrip(".")
        listed = bool(
            # "in January with 36; February with 32; and May with 63": items of a list of
            # months, each with its count
            rx.search(r"[;,]\s*(?:and\s+)?$", sentence[: m.start("mon")])
            and rx.match(r"\s*(?:with\b|:|\()\s*\d", sentence[m.end() :])
        )
        # 'may' is a verb more often than a month
        if not listed and (
            word in ("may", "mar")
            and not m.group("y")
            and not rx.search(
                r"\b(?:in|since|of|early|mid|late|from|until|to|through)\s+$",
                sentence[: m.start("mon")],
                re.IGNORECASE,
            )
        ):
            continue
        if (
            not listed
            and not m.group("y")
            and not rx.search(
                r"\b(?:in|since|of|from|until|to|through|during|early|mid|late|end|beginning)[\s-]+$",
                sentence[: m.start("mon")],
                re.IGNORECASE,
            )
        ):
            continue
        mon = MONTHS[word]
        if m.group("y"):
            y = int(m.group("y"))
        elif published is not None:
            y = published.year if mon <= published.month else published.year - 1
        elif year is not None and month is not None:
            # a month-only publication date ('2019-12'): "in the month of November" is 2019's
            y = year if mon <= month else year - 1
        else:
            continue
        taken.append((m.start(), m.end()))
        out.append(
            DateMention(
                m.start(),
                m.end(),
                f"{y:04d}-{mon:02d}",
                _role(sentence, m.start(), m.end()),
                text=m.group(0),
            )
        )
    for m in _YEAR_ONLY.finditer(sentence) if has_year else ():
        if free(m.start("y"), m.end("y")):
            taken.append((m.start("y"), m.end("y")))
            same = _SAME_PERIOD.search(sentence, max(0, m.start() - 30), m.start())
            out.append(
                DateMention(
                    m.start("y"),
                    m.end("y"),
                    m.group("y"),
                    "sameperiod"
                    if same
                    else _role(sentence, m.start("y"), m.end("y"))
                    if not m.group(0).lower().startswith("since")
                    else "start",
                    text=m.group(0),
                )
            )
            pos = m.end("y")
            while more := _MORE_YEARS.match(sentence, pos):
                # "in 2015 and 2016": each year its own mention (for 'respectively')
                if not free(more.start("y"), more.end("y")):
                    break
                taken.append((more.start("y"), more.end("y")))
                out.append(
                    DateMention(
                        more.start("y"),
                        more.end("y"),
                        more.group("y"),
                        out[-1].role if out[-1].role == "sameperiod" else "point",
                        text=m.group(0),
                    )
                )
                pos = more.end()
    for m in _SAME_PERIOD_LAST_YEAR.finditer(sentence) if "same" in low or "year" in low else ():
        this_year = published.year if published else year
        if this_year is not None and free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(DateMention(m.start(), m.end(), str(this_year - 1), "sameperiod"))
    spans: dict[tuple[int, int], list[str]] = {}
    for a, b, value in year_mentions(sentence, published, year, month):
        spans.setdefault((a, b), []).append(value)
    for (a, b), values in spans.items():
        if free(a, b):  # ("2015-2018, respectively": one mention per year, in order)
            taken.append((a, b))
            role = "point" if len(values) > 1 else _role(sentence, a, b)
            out.extend(DateMention(a, b, v, role, text=sentence[a:b]) for v in values)
    if absorbed:
        # "In 2019, ... between January and December": the year only gave the months theirs
        out = [d for d in out if not (d.role == "point" and d.value in absorbed)]
    has_week = "week" in low or "EW" in sentence
    for m in _EPI_WEEK_SPAN.finditer(sentence) if has_week else ():
        yspans = [(m.start(g), m.end(g)) for g in ("ay", "wy") if m.group(g)]
        if any(
            y < m.end() and m.start() < z and not any(a <= y and z <= b for a, b in yspans)
            for y, z in taken
        ):
            continue  # (its years may already be read: "of 2018")
        wy_ = m.group("wy") or (published.year if published else year)
        if wy_ is None:
            continue
        wa, wb = int(m.group("a")), int(m.group("b"))
        ay_ = int(m.group("ay")) if m.group("ay") else int(wy_) - (1 if wa > wb else 0)
        try:
            first = dt.date.fromisocalendar(ay_, wa, 1)
            last = dt.date.fromisocalendar(int(wy_), wb, 7)
        except ValueError:
            continue
        if first > last:
            continue
        taken.append((m.start(), m.end()))
        # (its years are the weeks', no dates of their own)
        out = [d for d in out if not any(d.start < b and a < d.end for a, b in yspans)]
        out.append(DateMention(m.start(), m.end(), first.isoformat(), "start", text=m.group(0)))
        out.append(DateMention(m.start(), m.end(), last.isoformat(), "end", text=m.group(0)))
    for m in _EPI_WEEKS.finditer(sentence) if "week" in low else ():
        if not free(m.start(), m.end("b") if m.group("b") else m.end("b2")):
            continue  # (its year may already be read: "in 2022")
        wy = m.group("wy") or (published.year if published else year)
        wa, wb = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
        if wy is None or not 1 <= wa <= wb <= 53:
            continue
        try:
            first = dt.date.fromisocalendar(int(wy), wa, 1)
            last = dt.date.fromisocalendar(int(wy), wb, 7)
        except ValueError:
            continue
        taken.append((m.start(), m.end()))
        if m.group("wy"):
            # its year is the weeks' ("weeks 1 to 10 of 2020"), no date of its own
            out = [d for d in out if not (d.start == m.start("wy") and d.value == m.group("wy"))]
        out.append(DateMention(m.start(), m.end(), first.isoformat(), "start", text=m.group(0)))
        out.append(DateMention(m.start(), m.end(), last.isoformat(), "end", text=m.group(0)))
    for m in _EPI_WEEK.finditer(sentence) if has_week else ():
        if m.group("wy") and free(m.start(), m.start("wy")):
            # "through EW 38 of 2013": the year read first is the week's, no date of its own
            wspan = (m.start("wy"), m.end("wy"))
            taken = [(a, b) for a, b in taken if not (wspan[0] <= a and b <= wspan[1])]
            out = [d for d in out if not (wspan[0] <= d.start and d.end <= wspan[1])]
        if not free(m.start(), m.end()):
            continue
        y = int(m.group("wy")) if m.group("wy") else (published.year if published else year)
        try:
            end_day = dt.date.fromisocalendar(y, int(m.group("w")), 7) if y else None
        except ValueError:
            continue
        if (
            end_day
            and published
            and not m.group("wy")
            and end_day > published + dt.timedelta(days=7)
        ):
            end_day = dt.date.fromisocalendar(y - 1, int(m.group("w")), 7) if y else None
        taken.append((m.start(), m.end()))
        # "decreased from 24 in week 14 to 18 cases": the week of the figure compared with
        compared = _role(sentence, m.start(), m.end()) == "compare"
        bound = _WEEK_BOUND.search(sentence, max(0, m.start() - 8), m.start())
        if bound is not None and end_day is not None and not compared:
            # "since week 52 up to week 6": the period's first day, then its last
            since = bound.group(0).lower().startswith("since")
            bound_day = end_day - dt.timedelta(days=6) if since else end_day
            role = "start" if since else "end"
            out.append(
                DateMention(m.start(), m.end(), bound_day.isoformat(), role, text=m.group(0))
            )
            continue
        if end_day is not None:
            # an epi week is a period: Monday to Sunday (ISO weeks, as WHO's and most
            # ministries' weekly reports count them)
            start_day = end_day - dt.timedelta(days=6)
            out.append(
                DateMention(
                    m.start(), m.end(), start_day.isoformat(), "event" if compared else "start"
                )
            )
        out.append(
            DateMention(
                m.start(),
                m.end(),
                end_day.isoformat() if end_day else None,
                "compare" if compared else "point",
                text=m.group(0),
            )
        )
    for m in _at_words(_WEEKDAY, sentence) if _WEEKDAY_TOKEN.search(low) else ():
        if not free(m.start(), m.end()):
            continue
        word = m.group("wd")
        if (
            word.lower().rstrip(".") in ("mon", "sat", "sun", "wed", "fri")
            and not word[0].isupper()
        ):
            continue
        if rx.match(
            r"\s*(?:night|evening|morning|afternoon)?\s*(?:next|coming)",
            sentence[m.end() :],
            re.IGNORECASE,
        ):
            continue
        if rx.search(r"\b(?:next|coming|this\s+coming)\s+$", sentence[: m.start()], re.IGNORECASE):
            continue
        taken.append((m.start(), m.end()))
        value = last_weekday(published, word).isoformat() if published else None
        if (
            rx.search(r"\blast\s+$", sentence[: m.start()], re.IGNORECASE)
            and published
            and value is not None
            # 'last Thursday' in Friday's paper is a week before: the day before is 'yesterday'
            and (published - dt.date.fromisoformat(value)).days <= 1
        ):
            value = (dt.date.fromisoformat(value) - dt.timedelta(days=7)).isoformat()
        if published and rx.match(r"\s+(?:of\s+)?last\s+week\b", sentence[m.end() :], re.I):
            # "on Thursday last week": that weekday of the week before the publication's
            value = last_weekday(
                published - dt.timedelta(days=published.weekday() + 1), word
            ).isoformat()
        out.append(
            DateMention(
                m.start(), m.end(), value, _role(sentence, m.start(), m.end()), text=m.group(0)
            )
        )
    # (keyword prechecks: the long alternation, tried at every word, finds nothing in most
    # sentences)
    relative = rx.has_any(sentence, _RELATIVE_WORDS) or _ORDINAL_DAY.search(low)
    # (tried only where a word begins: every alternative opens with \b and a letter or digit)
    for m in rx.finditer_from(_RELATIVE, rx.WORD_START, sentence) if relative else ():
        if not free(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        if m.group("weekago") and _WEEKDAY_BEFORE.search(
            sentence, max(0, m.start() - 12), m.start()
        ):
            continue  # "on Thursday last week": the weekday's own qualifier, read with it
        role = _role(sentence, m.start(), m.end())
        if (
            role == "point"
            and (m.group("before") or m.group("weekago"))
            and _COMPARED_LIST.search(sentence, max(0, m.start() - 100), m.start())
        ):
            # "compared with 18 symptomatic and one asymptomatic cases the previous day": the
            # day of a list compared with
            role = "compare"
        if m.group("today"):
            v = published.isoformat() if published else None
            out.append(DateMention(m.start(), m.end(), v, role, text=m.group(0)))
        elif m.group("yday"):
            v = (published - dt.timedelta(days=1)).isoformat() if published else None
            out.append(DateMention(m.start(), m.end(), v, role, text=m.group(0)))
        elif m.group("weekend"):
            # the last weekend: Saturday and Sunday before the publication (its own, on a Sunday)
            if published is not None:
                sun = last_weekday(published, "sunday")
                out.append(
                    DateMention(m.start(), m.end(), shift(sun.isoformat(), -1), "start", text="")
                )
                out.append(DateMention(m.start(), m.end(), sun.isoformat(), role, text=m.group(0)))
        elif m.group("nth"):
            # "on the 15th": that day of the publication's month, else of the month before
            if published is not None:
                day_n = int(m.group("dd"))
                y, mo = published.year, published.month
                for _ in range(2):
                    try:
                        cand = dt.date(y, mo, day_n)
                    except ValueError:
                        cand = None
                    if cand is not None and cand <= published:
                        out.append(
                            DateMention(m.start(), m.end(), cand.isoformat(), role, text=m.group(0))
                        )
                        break
                    y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        elif m.group("sameprd"):
            out.append(DateMention(m.start(), m.end(), None, "thatperiod", text=m.group(0)))
        elif m.group("yearstart"):
            y0 = published.year if published else year
            if y0:
                out.append(DateMention(m.start(), m.end(), f"{y0}-01-01", "start", text=""))
        elif m.group("thatyear"):
            out.append(DateMention(m.start(), m.end(), None, "thatyear", text=m.group(0)))
        elif m.group("half"):
            if published is not None:
                is_first = m.group("halfw").lower() == "first"
                hy = published.year
                over = published.month > 6 if is_first else published.month == 12
                if "this" not in m.group(0).lower() and not over:
                    hy -= 1  # "the second half of the year" in an August text: last year's
                h0, h1 = ("01-01", "06-30") if is_first else ("07-01", "12-31")
                out.append(DateMention(m.start(), m.end(), f"{hy}-{h0}", "start", text=""))
                out.append(DateMention(m.start(), m.end(), f"{hy}-{h1}", role, text=m.group(0)))
        elif m.group("thisyear"):
            if published is not None and not _MONTH_BEFORE.search(
                sentence, max(0, m.start() - 14), m.start()
            ):
                out.append(
                    DateMention(m.start(), m.end(), f"{published.year}-01-01", "start", text="")
                )
                out.append(
                    DateMention(m.start(), m.end(), published.isoformat(), role, text=m.group(0))
                )
        elif m.group("lastmonth"):
            if published is not None:
                y, mo = (
                    (published.year, published.month - 1)
                    if published.month > 1
                    else (published.year - 1, 12)
                )
                out.append(
                    DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}", role, text=m.group(0))
                )
        elif m.group("past24"):
            v = (published - dt.timedelta(days=1)).isoformat() if published else None
            out.append(DateMention(m.start(), m.end(), v, "past24", text=m.group(0)))
        elif m.group("before") or m.group("after"):
            out.append(
                DateMention(
                    m.start(),
                    m.end(),
                    None,
                    "relcompare" if role == "compare" else "relative",
                    -1 if m.group("before") else 1,
                    m.group(0),
                )
            )
        elif m.group("lastn"):
            # "in the last three weeks": a period ending on the text's day; "in the previous
            # three days": ending the day before it (the period start is the 'relstart')
            nn = m.group("nn")
            if nn is None:  # "in the past week", "over the last fortnight"
                k = 7 if m.group("unit1").lower() == "week" else 14
            else:
                k = (int(nn) if nn.isdigit() else _SMALL_N[nn.lower()]) * (
                    7 if m.group("unit").lower() == "weeks" else 1
                )
            if k > 3660:
                continue
            end_off = -1 if (m.group("which") or "").lower() in ("previous", "preceding") else 0
            out.append(DateMention(m.start(), m.end(), None, "relative", end_off, m.group(0)))
            out.append(
                DateMention(m.start(), m.end(), None, "relstart", end_off - k + 1, m.group(0))
            )
        elif (
            m.group("weekago")
            and published is not None
            and role == "point"
            and rx.fullmatch(r"last\s+week", m.group(0), re.IGNORECASE)
        ):
            # "68 cases were reported last week": the calendar week before the publication's
            # (Monday to Sunday), dated on its Sunday
            sun = published - dt.timedelta(days=published.weekday() + 1)
            out.append(
                DateMention(
                    m.start(), m.end(), (sun - dt.timedelta(days=6)).isoformat(), "start", text=""
                )
            )
            out.append(DateMention(m.start(), m.end(), sun.isoformat(), role, text=m.group(0)))
        elif m.group("weekago"):
            out.append(
                DateMention(
                    m.start(),
                    m.end(),
                    None,
                    "relcompare" if role == "compare" else "relative",
                    -7,
                    m.group(0),
                )
            )
        else:
            n = m.group("n")
            k = int(n) if n.isdigit() else _SMALL_N[n.lower()]
            if k > 3660:
                continue
            sign = -1 if m.group("dir").lower() in ("earlier", "before", "ago") else 1
            if m.group("dir").lower() == "ago":
                v = (published - dt.timedelta(days=k)).isoformat() if published else None
                out.append(DateMention(m.start(), m.end(), v, role, text=m.group(0)))
            else:
                out.append(
                    DateMention(
                        m.start(),
                        m.end(),
                        None,
                        "relcompare" if role == "compare" else "relative",
                        sign * k,
                        m.group(0),
                    )
                )
    out.sort(key=lambda d: d.start)
    out = _this_year_fallback(out)
    out = _hours_to(sentence, out)
    out = _explicit_weeks(sentence, _spans_before(sentence, _ranges(sentence, out)))
    return prior_day_bounds(sentence, out) if "before" in low or "prior" in low else out


def _month_end(y: int, mon: int) -> dt.date:
    return dt.date(y + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)


#: the words of symptom onset before a range of months
_ONSET_BEFORE = rx.compile(r"\bonsets?(?:\s+of\s+(?:symptoms|illness))?\s+$", re.IGNORECASE)


def _month_range(
    m: re.Match[str], sentence: str, published: dt.date | None
) -> tuple[str, str, str | None] | None:
    """(first day, last day, the sentence's year it took) of 'between January and December':
    the year written with the months, else the one the sentence names ('In 2019, ...'), else
    the last such months up to the publication; the period ends on its last month's last day
    (not after the publication)."""
    a = MONTHS[m.group("mon").lower().rstrip(".")]
    b = MONTHS[m.group("mon2").lower().rstrip(".")]
    taken = None
    if m.group("y") or m.group("y1"):
        y = int(m.group("y") or m.group("y1"))
    else:
        named = [y for y in _YEAR_ONLY.finditer(sentence) if y.end() <= m.start()]
        if named:
            taken = named[-1].group("y")
            y = int(taken)
        elif published is not None:
            y = published.year if b <= published.month else published.year - 1
        else:
            return None
    y0 = int(m.group("y1")) if m.group("y1") else (y if a <= b else y - 1)
    if (y0, a) > (y, b):
        return None
    last = _month_end(y, b)
    if published is not None and dt.date(y, b, 1) <= published < last:
        last = published
    return dt.date(y0, a, 1).isoformat(), last.isoformat(), taken


def _reporting_month(
    published: dt.date | None, year: int | None, month: int | None
) -> tuple[str, str] | None:
    """First and last day of 'the reporting month' of a monthly report: the month before the
    publication (a month's report comes out after it ends), or the month of a month-only
    publication date."""
    if published is not None:
        if published == _month_end(published.year, published.month):
            y, mon = published.year, published.month
        else:
            y, mon = (
                (published.year, published.month - 1)
                if published.month > 1
                else (published.year - 1, 12)
            )
    elif year is not None and month is not None:
        y, mon = year, month
    else:
        return None
    return dt.date(y, mon, 1).isoformat(), _month_end(y, mon).isoformat()


def _hours_to(sentence: str, out: list[DateMention]) -> list[DateMention]:
    """'in the 24 hours to 8 a.m. on Monday': a period that ends on the day named, not a
    day-before briefing's 'past 24 hours'."""
    res = list(out)
    for i, d in enumerate(out):
        if d.role != "past24":
            continue
        nxt = next((o for o in out[i + 1 :] if o.value and o.start >= d.end), None)
        to = "" if rx.search(r"(?i)\b(?:to|until|through)$", d.text) else r"\s*(?:to|until|through)"
        if nxt is None or not rx.fullmatch(
            to + r"\s*(?:" + _CLOCK + r")?(?:\(?[a-z ]*time\)?\s*)?(?:on\s+)?",
            sentence[d.end : nxt.start],
            re.IGNORECASE,
        ):
            continue
        res = [o for o in res if o is not d and o is not nxt]
        res.append(replace(nxt, role="end"))
    res.sort(key=lambda d: d.start)
    return res


#: "for 56 days before June 11", "in the 14 days to 3 May": a period of N days up to a day
_N_DAYS_TO = rx.compile(
    r"\b(?:for|in|over|during)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
    r"(?:(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?P<unit>days|weeks|week)\s+"
    r"(?P<rel>before|prior\s+to|until|till|to|up\s+to|through|ending(?:\s+on)?|ended)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _spans_before(sentence: str, out: list[DateMention]) -> list[DateMention]:
    """'zero cases for 56 days before June 11': the period ends the day before June 11."""
    res: list[DateMention] = []
    for d in out:
        m = (
            _N_DAYS_TO.search(sentence, max(0, d.start - 60), d.start)
            if d.value and len(d.value) == 10 and d.role in ("point", "end")
            else None
        )
        if m is None:
            res.append(d)
            continue
        nn = m.group("n") or "1"
        if nn == "1" and m.group("unit").lower() == "days":
            res.append(d)
            continue
        k = (int(nn) if nn.isdigit() else _SMALL_N[nn.lower()]) * (
            1 if m.group("unit").lower() == "days" else 7
        )
        end = shift(d.value, -1 if m.group("rel").lower().startswith(("before", "prior")) else 0)
        # ('56 days before' is no relative day of its own here)
        res = [r for r in res if not (m.start() <= r.start < d.start and r.value is None)]
        res.append(replace(d, value=shift(end, 1 - k), role="start", text=""))
        res.append(replace(d, value=end, role="end"))
    return res


#: What joins the two ends of a period: "30 January – 19 February", "16:00 April 23-16:00 April
#: 24", "between the end of Wednesday and 9 p.m. on Thursday"
def masks(sentence: str, dates: list[DateMention]) -> list[tuple[int, int]]:
    """Spans whose digits are dates or times, not counts."""
    times = _TIME.finditer(sentence) if _TIME_HINT.search(sentence) else ()
    return [(d.start, d.end) for d in dates] + [(m.start(), m.end()) for m in times]


def shift(iso: str | None, days: int) -> str | None:
    """``iso`` + ``days`` (only for full dates)."""
    if iso is None or len(iso) != 10:
        return None
    try:
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None
