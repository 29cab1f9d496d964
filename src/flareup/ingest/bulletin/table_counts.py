"""Counts in plain-text tables (layout from ``text_tables``): each number cell is a record.

A cell's category is its column's name typed as any count's noun phrase ('Confirmed deaths'
-> deaths); its date and place come from its row's label: a period ('Sep 1', '2006', 'week 4',
'2015 (end of 31 March 2015)') makes the cell that period's flow ('2006: 18 cases' = the cases
of 2006) in the table's place (its title's, else the text's); a place ('Lagos', 'Kano
Central') makes the cell that place's count, a stock unless the column or title says new,
dated as the title says, else as the text so far. Columns named by periods ('District 2019
2020') swap the two. A 'Total' row is the table's place's total, left out where the text
already stated it. Rows of people's kinds ('Male', 'Children', '<5 years') are subsets, not
counted (SCHEMA.md). Method: rules over the label's words, the shared date and place readers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _FAMILY_OF, _STOCK_CATS, _TO_STOCK, _State
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.places import Gazetteer, is_origin
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span
from flareup.ingest.bulletin.text_tables import (
    SPAN_BRACKET,
    Cell,
    Row,
    Table,
    find_tables,
    inline_box,
    inline_list,
)

_TOTAL = rx.compile(
    r"(?:grand\s+)?total|overall|all(?:\s+\w+)?|sum|national(?:ly)?|nationwide", re.IGNORECASE
)
#: labels of people's kinds and other non-places: a row of a subset, not of a place
_NOT_PLACE = rx.compile(
    r"\b(?:male|female|men|women|boys|girls|children|adults?|ages?d?|years?|months?|under|over|"
    r"unknown|others?|health\s*(?:care\s*)?workers?|staff|pending|imported|local|sex|gender|"
    # labels of a record's fields, not places ("Date: 12", "Source: 3")
    r"date|day|week|time|source|page|note|updated?|reported|figure|table|version|number|no|"
    r"id|tel|phone|total|sub-?total)\b"
    r"|[<>≥≤+%\d]",
    re.IGNORECASE,
)
#: rows of counts not yet placed: no place's count, no subset either
_RESIDUAL = rx.compile(
    r"(?:un(?:allocated|assigned|known|specified|classified)|not\s+(?:allocated|specified|"
    r"known)|missing|pending|other(?:s|\s+(?:provinces|regions|states|districts))?)",
    re.IGNORECASE,
)
_UNLISTED = rx.compile(
    r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|of|de|du|des|del|el|al|la|the|and|&)){0,4}"
)
#: a unit word after a place's name ("Bikoro health zone", "Kano State")
_UNIT_AFTER = rx.compile(
    r"\s+(?:health\s+(?:zone|district|area|region)s?|districts?|county|counties|provinces?|"
    r"regions?|states?|governorates?|prefectures?|municipality|municipalities|cit(?:y|ies)|"
    r"departments?|divisions?|zones?|communes?|sub-?counties)$",
    re.IGNORECASE,
)
_WEEK = rx.compile(
    r"(?:epi(?:demiological)?\s*)?(?:week|wk|w)\s*(?P<w>\d{1,2})(?:\D{1,6}(?P<y>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_YEAR_LABEL = rx.compile(r"(?P<y>(?:19|20)\d\d)\b(?P<rest>.*)")
_FLOW_TITLE = rx.compile(
    # ("Newly confirmed local cases, 18 March:", "Fresh infections by city:")
    r"\b(?:new|newly|fresh|daily|weekly|per\s+(?:day|week)|by\s+(?:day|week|date))\b"
    # ("Deaths reported on Tuesday:", "Cases in the past 24 hours": a day's counts)
    r"|\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today)\b"
    r"|\b(?:past|last)\s+(?:24|48|72)\s+hours\b",
    re.I,
)
_STOCK_TITLE = rx.compile(
    # ("Measles cases reported this year:": the year's cases so far, a total since 1 January)
    r"\b(?:cumulative|total|as\s+(?:of|at)|so\s+far|to\s+date|(?:this|the)\s+year|"
    r"year[- ]to[- ]date|since)\b",
    re.I,
)
#: the count noun of a title with up to three words before it, none of them a function word
#: ("Provincial breakdown of cumulative cases": 'cumulative cases', not 'of cumulative cases')
_TITLE_NOUN = rx.compile(
    r"(?:(?<![\w'’])(?!(?:of|by|in|for|the|and|on|at|from|with)\b)[\w-]+\s+){0,3}\b(?:cases|deaths|"
    r"fatalities|recoveries|tests|contacts|admissions|infections|patients|carriers)\b",
    re.IGNORECASE,
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_LABEL = rx.compile(
    r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(?P<y>(?:19|20)\d\d))?",
    re.IGNORECASE,
)


def _period(
    label: str, st: _State, pub: dt.date | None, year: int | None = None
) -> tuple[str | None, str | None] | None:
    """(date, period start) of a row or column label that names a period; None otherwise.
    ``year``: the table's year (its title's), for labels written without one."""
    text = label.strip(" |()")
    year_now = year or (pub.year if pub else st.year)
    mo = _MONTH_LABEL.fullmatch(text)
    if mo is not None:
        # "April", "May 2017": a month's count
        month = _MONTHS.index(mo.group("m").lower()[:3]) + 1
        y_m = int(mo.group("y")) if mo.group("y") else year_now
        if y_m is None:
            return None
        if not mo.group("y") and not year and pub is not None and month > pub.month:
            y_m -= 1  # "November" in a March report: last year's
        return f"{y_m:04d}-{month:02d}", None
    if year and not rx.search(r"(?:19|20)\d\d", text) and rx.search(r"[A-Za-z]{3}", text):
        text = f"{text} {year}"  # "Sep 1" under "... in 2017": that year's day
    w = _WEEK.fullmatch(text)
    if w is not None:
        week = int(w.group("w"))
        year = int(w.group("y")) if w.group("y") else year_now
        if year is None or not 1 <= week <= 53:
            return None
        if not w.group("y") and not year and pub is not None and week > pub.isocalendar()[1] + 1:
            year -= 1  # "week 52" in a February report: last year's
        try:
            end = dt.date.fromisocalendar(year, week, 7)
        except ValueError:
            return None
        return end.isoformat(), (end - dt.timedelta(days=6)).isoformat()
    y = _YEAR_LABEL.fullmatch(text)
    if y is not None and rx.fullmatch(r"[-/.]\d{1,2}(?:[-/.]\d{1,2})?", y.group("rest")):
        y = None  # "2021-05-01": a day, read below
    if y is not None:
        days = [
            d.value
            for d in find_dates(y.group("rest"), pub, st.year, st.month)
            if d.value and len(d.value) == 10 and d.role != "start"
        ]
        start = f"{y.group('y')}-01-01"
        if days:  # "2015 (end of 31 March 2015)": the year so far
            return days[-1], start
        if rx.search(r"[A-Za-z]{3}", y.group("rest")):
            return None  # "2019 Novel Coronavirus": no period
        if st.pub and st.pub[:4] == y.group("y"):
            return st.pub, start  # the current year: up to the day the text speaks of
        return y.group("y"), None
    dates = [d for d in find_dates(text, pub, st.year, st.month) if d.value and d.role != "start"]
    if not dates:
        return None
    rest = text[: dates[0].start] + text[dates[-1].end :]
    if rx.search(r"[A-Za-z]{2}", rx.sub(r"\b(?:[A-Z][a-z]{2,8}day|[A-Z][a-z]{2})\b", "", rest)):
        return None  # "Lagos (3 May)": a place's row
    return dates[-1].value, None


def _typing(name: str) -> cat.Typing | None:
    """The column name read as a count's noun phrase ('Confirmed deaths' -> deaths)."""
    # ("New (last 24h)": the bracket says the span, not what is counted)
    name = rx.sub(SPAN_BRACKET, "", name) if name.endswith(")") else name
    phrase = f"1 {name}"
    t = cat.type_english(phrase, 0, 1, 0, len(phrase))
    if t.category is None:
        phrase = f"1 {name} cases"  # "Confirmed", "Suspected": a status names its cases
        t = cat.type_english(phrase, 0, 1, 0, len(phrase))
    return t if t.category is not None else None


def _table_place(
    table: Table, gaz: Gazetteer, st: _State
) -> tuple[str | None, str | None, str | None]:
    """(place, place as written, code) of the whole table: its title's, else the text's."""
    found = [p for p in gaz.find(table.caption) if not is_origin(table.caption, p)]
    pm = found[0] if found else (st.place or st.doc_place)
    if pm is None:
        return None, None, None
    return pm.place.name, pm.text, pm.place.code


def _row_place(label: Cell, gaz: Gazetteer) -> tuple[str | None, str | None, str | None] | None:
    """(place, as written, code) of a row labelled by a place; None for any other label."""
    # ("Lagos*", "Kano¹": a footnote mark is no part of the name)
    text = rx.sub(r"[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+$", "", label.text.strip(" |:")).strip()
    # ("KWAZULU – NATAL": a hyphenated name spaced out as a dash)
    text = rx.sub(r"(?<=\w)\s+[-–]\s+(?=\w)", "-", text)
    found = gaz.find(text)
    if not found and _UNIT_AFTER.search(text):
        bare = _UNIT_AFTER.sub("", text)
        found = [p for p in gaz.find(bare) if p.end - p.start >= len(bare) - 2]
        if not found and _UNLISTED.fullmatch(bare) and not _NOT_PLACE.search(bare):
            return bare, text, None  # "Bikoro health zone": a unit the gazetteer lacks
    if (found and found[0].end - found[0].start >= len(text) - 4) or (
        found and _UNIT_AFTER.search(text)
    ):
        p = found[0].place
        return p.name, text, p.code
    if _NOT_PLACE.search(text) or not _UNLISTED.fullmatch(text):
        return None
    return text, text, None  # a place the gazetteer lacks ("Prairie Mountain")


def _record(
    category: str,
    cell: Cell,
    row: Row,
    text: str,
    date: str | None,
    start: str | None,
    place: tuple[str | None, str | None, str | None],
) -> Record:
    stock = category in _STOCK_CATS
    return Record(
        category=category,
        value=cell.value if cell.value is not None else 0,
        qualifier="exact",
        date=date,
        place=place[0],
        place_text=place[1],
        mention=cell.text,
        evidence=cell.text,
        sentence=text[row.start : row.end],
        start=cell.start,
        end=cell.end,
        metric=cat.metric_for(category, stock),
        period_start=start,
        place_code=place[2],
        stock=stock,
    )


def _last_days(column: str) -> int | None:
    """The days a column's counts span back from its day ('Cases in the last 21 days': 21)."""
    m = rx.search(r"\b(?:last|past|previous)\s+(\d{1,3})\s+days\b", column, re.IGNORECASE)
    return int(m.group(1)) if m and 1 < int(m.group(1)) <= 366 else None


def _grouped_typings(table: Table, text: str) -> list[cat.Typing | None] | None:
    """The value columns typed with the group names of the header line above them ('Region
    <TAB> Cases <TAB> <TAB> Deaths' over '<TAB> New <TAB> Total <TAB> New <TAB> Total': new
    cases, total cases, new deaths, total deaths); each group name spans the empty cells after
    it. None where that line is not split by tabs or pipes into as many cells, or the
    columns are still not told apart."""
    end = text.rfind("\n", 0, table.start)
    above = text[text.rfind("\n", 0, max(0, end)) + 1 : max(0, end)] if end > 0 else ""
    sep = "\t" if "\t" in above else "|" if "|" in above else None
    if sep is None:
        return None
    cells = [c.strip() for c in above.split(sep)]
    if sep == "|":
        cells = cells[1:] if cells and not cells[0] else cells
        cells = cells[:-1] if cells and not cells[-1] else cells
    groups: list[str] = []
    cur = ""
    for c in cells[1 : 1 + len(table.columns)]:
        cur = c or cur
        groups.append(cur)
    if len(groups) != len(table.columns) or not all(groups):
        return None
    typings = [_typing(f"{c} {g}") for c, g in zip(table.columns, groups, strict=True)]
    kinds = [(t.category, t.stock) for t in typings if t is not None]
    if len(kinds) < len(typings) or len(set(kinds)) < len(kinds):
        return None
    return typings


def table_records(
    table: Table, text: str, pub: dt.date | None, gaz: Gazetteer, st: _State
) -> list[Record] | None:
    """The records of ``table``; None where its columns name no count (not a table of counts:
    its lines are read as prose)."""
    if table.kind == "list":
        return _list_records(table, text, pub, gaz, st)
    if table.kind == "box":
        return _box_records(table, text, gaz, st)
    if table.kind == "nouns":
        return _noun_records(table, text, gaz, st)
    if table.kind == "keys":
        return _key_records(table, text, gaz, st)
    if table.kind == "lab":
        return _lab_records(table, text, gaz, st)
    years = {int(y) for y in rx.findall(r"\b(?:19|20)\d\d\b", table.caption)}
    t_year = years.pop() if len(years) == 1 else None  # "Monthly cholera cases, 2017"
    col_periods = [_period(c, st, pub, t_year) for c in table.columns]
    by_column = all(p is not None for p in col_periods)
    if by_column:
        # "District 2019 2020": what is counted is in the corner or the title
        title = table.corner if _typing(table.corner) else ""
        m = None if title else _TITLE_NOUN.search(table.caption)
        noun = title or (m.group(0) if m else "")
        t0 = _typing(noun) if noun else None
        if t0 is None:
            return None
        typings: list[cat.Typing | None] = [t0] * len(table.columns)
    else:
        typings = [_typing(c) for c in table.columns]
        if not any(typings):
            return None
        kinds = [
            (t.category, t.stock, t.active, t.local, t.imported) for t in typings if t is not None
        ]
        if len(set(kinds)) < len(kinds):
            # "New | Total | New | Total" under "Cases | | Deaths | ": the header is split over
            # two lines whose upper one says what each column counts
            grouped = _grouped_typings(table, text)
            if grouped is None:
                return None
            typings = grouped
    place0 = _table_place(table, gaz, st)
    cap_dates = [d for d in find_dates(table.caption, pub, st.year, st.month) if d.value]
    caps = [d.value for d in cap_dates if d.role != "start"]
    table_date = caps[-1] if caps else (st.as_of or st.date or st.pub or st.pub_month)
    # "reported between 1 and 31 May 2020": the title's period, whose new counts the cells are
    table_start = next((d.value for d in cap_dates if d.role == "start"), None) if caps else None
    # a title of new or daily counts (or of a period) makes a table of places a table of flows
    title_stock = not (
        (_FLOW_TITLE.search(table.caption) or table_start)
        and not _STOCK_TITLE.search(table.caption)
    )
    # ("Total cases for 27 December 2020": a column that names its own day)
    col_days = [
        None
        if by_column
        else next(
            (
                d.value
                for d in reversed(find_dates(c, pub, st.year, st.month))
                if d.value and len(d.value) == 10 and d.role != "start"
            ),
            None,
        )
        for c in table.columns
    ]
    # ("Confirmed cases in the last 21 days": a column of a span of days up to the table's day)
    col_spans = [_last_days(c) for c in table.columns]
    out: list[Record] = []
    last_period: tuple[str | None, str | None] | None = None
    labels_read = False
    for row in table.rows:
        total = bool(_TOTAL.fullmatch(row.label.text.strip(" |:")))
        label = row.label.text
        if label.isdigit() and rx.search(r"(?i)\b(?:week|wk|ew)\b", table.corner):
            label = f"week {label}"  # "Week | Cases" over "30 | 1 200": epi week 30
        period = None if by_column or total else _period(label, st, pub, t_year)
        place = None if total or period is not None else _row_place(row.label, gaz)
        if not total and period is None and place is None and not by_column:
            continue  # "Children under 5": a subset, or a label read as nothing
        labels_read = True
        if period is not None:
            last_period = period
        for j, cell in enumerate(row.cells):
            t = typings[j]
            if t is None or cell.value is None:
                continue
            t = dataclasses.replace(t)
            cell_period = col_periods[j] if by_column else period
            if cell_period is not None:
                # "2006 | 18": the cases of that year (the column's own 'total' still wins)
                category = cat.finish(t.category or "", t, False)
                date, start = cell_period
            else:
                category = cat.finish(t.category or "", t, title_stock)
                date, start = last_period if total and last_period else (table_date, table_start)
                if col_days[j] is not None and not (total and last_period):
                    date, start = col_days[j], None
                span = col_spans[j]
                if span and start is None and date and len(date) == 10:
                    start = (dt.date.fromisoformat(date) - dt.timedelta(days=span - 1)).isoformat()
                if total and last_period:
                    # (a total over rows of days is the period's stock; over rows of places
                    # the total of a column of new counts is the whole place's new count)
                    category = _TO_STOCK.get(category, category)
            if category not in cat.CATEGORIES:
                continue
            if total and any(
                r.value == cell.value and _FAMILY_OF.get(r.category) == _FAMILY_OF.get(category)
                for r in st.records + out
                if not (table.start <= r.start < table.end)
            ):
                continue  # the total the text has already stated: one fact
            where = place if place is not None else place0
            if by_column and not total:
                where = _row_place(row.label, gaz) or place0
            out.append(_record(category, cell, row, text, date, start, where))
            if cell.rise is not None and category in _STOCK_CATS:
                # "1,694 (+566)": the total's rise is the day's new count of the same kind
                new = cat.finish(t.category or "", dataclasses.replace(t, stock=None), False)
                if new in cat.CATEGORIES and new not in _STOCK_CATS:
                    out.append(_record(new, cell.rise, row, text, date, None, where))
    if not labels_read:
        # "CUMULATIVE DEATHS" over "Probable cases: 79", "Probable deaths: 208": lines whose
        # labels name what they count, no place, period or total: prose, not a table
        return None
    return out


def _last_place(words: str, gaz: Gazetteer) -> tuple[str | None, str | None, str | None] | None:
    """The last place named in ``words`` ('... (new cases in last 24 hours) Globally': World)."""
    found = [p for p in gaz.find(words) if not is_origin(words, p)] if words else []
    if not found:
        return None
    return found[-1].place.name, found[-1].text, found[-1].place.code


def _box_records(table: Table, text: str, gaz: Gazetteer, st: _State) -> list[Record] | None:
    """The records of a statistics box: each line's total a stock and its bracketed rise the
    new count of what the line's noun names ('234 073 confirmed (24 247)'), in the place its
    heading names ('Globally', 'European Region'; else the text's), on the text's data day."""
    date = st.as_of or st.date or st.pub or st.pub_month
    out: list[Record] = []
    for row in table.rows:
        total, rise, noun = row.cells
        t = _typing(noun.text)
        if t is None:
            return None
        where = (_row_place(row.label, gaz) if row.label.text else None) or _last_place(
            row.label.text, gaz
        )
        where = where or _table_place(table, gaz, st)
        for cell, stock in ((total, True), (rise, False)):
            k = cat.finish(t.category or "", dataclasses.replace(t, stock=None), stock)
            if k not in cat.CATEGORIES:
                return None
            out.append(_record(k, cell, row, text, date, None, where))
    return out


def _noun_records(table: Table, text: str, gaz: Gazetteer, st: _State) -> list[Record] | None:
    """The records of rows whose counts carry their own nouns ('Western Cape - 1413 total
    cases - 134 new cases, 2 new deaths'): each count typed by its noun, a stock unless the
    noun or the rows' title says new, in the row's place (a row of two places, 'North West,
    Northern Cape - no new cases', gives each its count), on the text's day."""
    title_flow = bool(_FLOW_TITLE.search(table.caption)) and not _STOCK_TITLE.search(table.caption)
    date = st.date or st.pub or st.pub_month
    out: list[Record] = []
    for row in table.rows:
        if _RESIDUAL.fullmatch(row.label.text.strip()):
            continue
        names = [x.strip() for x in row.label.text.split(",")]
        places = []
        for name in names:
            place = _row_place(Cell(row.label.start, row.label.end, name, None), gaz)
            if place is None:
                return None  # "Children - 12 cases": no place's row
            places.append(place)
        half = len(row.cells) // 2
        for cell, noun in zip(row.cells[:half], row.cells[half:], strict=True):
            t = _typing(noun.text)
            if t is None:
                return None
            # ("134 new cases" a flow, "1413 total cases" a stock, "321 deaths" as the title)
            if rx.search(r"\b(?:new|daily|fresh|additional)\b", noun.text, re.I):
                stock = False
            elif rx.search(r"\b(?:total|cumulative)\b", noun.text, re.I):
                stock = True
            else:
                stock = not title_flow
            k = cat.finish(t.category or "", dataclasses.replace(t, stock=None), stock)
            if k not in cat.CATEGORIES:
                return None
            for place in places:
                out.append(_record(k, cell, row, text, date, None, place))
    return out


def _key_records(table: Table, text: str, gaz: Gazetteer, st: _State) -> list[Record] | None:
    """The records of an event's key figures ('Cholera Malawi' over '54 014 cases', '1 660
    Deaths', '3.1% CFR'): each the event's total of what its noun names, in the place the
    heading names (its last; else the text's), on the text's data day."""
    found = [p for p in gaz.find(table.caption) if not is_origin(table.caption, p)]
    where = (
        (found[-1].place.name, found[-1].text, found[-1].place.code)
        if found
        else _table_place(table, gaz, st)
    )
    date = st.as_of or st.date or st.pub or st.pub_month
    out: list[Record] = []
    for row in table.rows:
        count, noun = row.cells
        t = _typing(noun.text.lower())
        if t is None:
            return None
        k = cat.finish(t.category or "", dataclasses.replace(t, stock=None), True)
        if k not in cat.CATEGORIES:
            return None
        out.append(_record(k, count, row, text, date, None, where))
    return out


def _lab_records(table: Table, text: str, gaz: Gazetteer, st: _State) -> list[Record]:
    """The records of lines of laboratory results: tested, positive, negative as the label
    says ('Samples tested: 1,204' tested; 'Positive: 37' tested_positive), in the text's
    place, on its day; pending and inconclusive samples are no count."""
    where = _table_place(table, gaz, st)
    date = st.date or st.pub or st.pub_month
    out: list[Record] = []
    for row in table.rows:
        label = row.label.text.lower()
        if "positive" in label:
            k = "tested_positive"
        elif "negative" in label:
            k = "tested_negative"
        elif rx.search(r"pending|awaiting|inconclusive", label):
            continue
        else:
            k = "tested"
        out.append(_record(k, row.cells[0], row, text, date, None, where))
    return out


#: a lead that points back to a count said before: "The cases were distributed as follows:"
_LEAD_BACK = rx.compile(
    r"\b(?:the|these|those|of\s+which|of\s+whom|among\s+them)\b(?:\s+[\w-]+){0,2}\s+"
    r"(?:cases|deaths|infections|patients|fatalities)\b|\bas\s+follows\b|\b(?:of\s+which|"
    r"of\s+whom|among\s+them|including)\s*:?\s*$",
    re.IGNORECASE,
)


def _list_records(
    table: Table, text: str, pub: dt.date | None, gaz: Gazetteer, st: _State
) -> list[Record] | None:
    """The records of a list of label lines under a lead: each line a place's part of the
    lead's count ('164 new cases:' / 'The cases were distributed as follows:' after it), or
    of what a count-less lead names ('New cases by province on Monday:')."""
    first = table.rows[0].start
    lead_start = text.rfind("\n", 0, max(0, first - 1)) + 1
    head = next((r for r in st.records if lead_start <= r.start < first), None)
    if head is None and _LEAD_BACK.search(table.caption):
        head = st.last_head
    own = _typing(table.columns[0]) if table.columns[0] else None
    if head is not None:
        category, date, start = head.category, head.date, head.period_start
        if own is not None:
            category = cat.finish(own.category or "", own, head.stock)
        values = [r.cells[0].value or 0 for r in table.rows]
        if not head.stock and own is None and sum(values) > head.value and category in _TO_STOCK:
            # "534 new cases ... The regional breakdown is as follows: Greater Accra: 11,234":
            # parts larger than the whole are no parts of a day's count but the places' totals
            category, start = _TO_STOCK[category], None
    else:
        m = _TITLE_NOUN.search(table.caption)
        t = _typing(m.group(0)) if m else None
        if (
            own is not None
            and rx.search(r":\s*$", table.caption)
            and (t is None or own.category != t.category)
        ):
            # "Cumulative figures as of 9 August:" over "Sanaa: 61,000 cases; 186 deaths";
            # "Yellow fever cases since December:" over "- 1,132 suspected cases in Luanda"
            t = own
        if t is None:
            return None
        stock = not (_FLOW_TITLE.search(table.caption) and not _STOCK_TITLE.search(table.caption))
        category = cat.finish(t.category or "", t, stock if t.stock is None else t.stock)
        caps = [
            d.value
            for d in find_dates(table.caption, pub, st.year, st.month)
            if d.value and d.role != "start"
        ]
        date = caps[-1] if caps else (st.date or st.pub or st.pub_month)
        start = None
    if category not in cat.CATEGORIES:
        return None
    # "Lusaka: 3,921 (71 deaths)": the second column's noun, a flow or a stock as the list
    extra: list[str] = []
    for name in table.columns[1:]:
        t2 = _typing(name)
        if t2 is None:
            return None
        k = cat.finish(t2.category or "", t2, category in _STOCK_CATS)
        if k not in cat.CATEGORIES:
            return None
        extra.append(k)
    out: list[Record] = []
    for row in table.rows:
        if _RESIDUAL.fullmatch(row.label.text.strip(" |:")):
            continue  # "Unallocated: 77": cases not yet placed, no place's count
        place = _row_place(row.label, gaz)
        if place is None:
            return None  # "Children: 12": not a list of places
        out.append(_record(category, row.cells[0], row, text, date, start, place))
        for k, cell in zip(extra, row.cells[1:], strict=False):
            out.append(_record(k, cell, row, text, date, start, place))
    return out


def _inline_records(
    table: Table, text: str, pub: dt.date | None, gaz: Gazetteer, st: _State
) -> list[Record] | None:
    """The records of a list written on one line after a count-less lead ('New local cases
    on Wednesday: Bac Giang 98, Bac Ninh 40'): each item its place's count of what the lead
    names, dated as the lead says; a '(+N)' after an item's count is the day's rise and the
    count its total ('Almaty 3,429 (+39)', the convention for 'N(+M)'). None where the lead
    names no count or points back to one said before (a breakdown, read as prose), or where
    an item's label is no place."""
    if _LEAD_BACK.search(table.caption):
        return None
    m = _TITLE_NOUN.search(table.caption)
    t = _typing(m.group(0)) if m else None
    if t is None:
        return None
    places = []
    for row in table.rows:
        total = bool(_TOTAL.fullmatch(row.label.text.strip()))
        place = _table_place(table, gaz, st) if total else _row_place(row.label, gaz)
        if place is None:
            return None  # "Children 12, adults 30": not a list of places
        places.append(place)
    rise = len(table.columns) == 2
    if rise:
        t = dataclasses.replace(t, stock=None)
        kinds = [cat.finish(t.category or "", t, True), cat.finish(t.category or "", t, False)]
    else:
        stock = not (_FLOW_TITLE.search(table.caption) and not _STOCK_TITLE.search(table.caption))
        kinds = [cat.finish(t.category or "", t, stock if t.stock is None else t.stock)]
    if any(k not in cat.CATEGORIES for k in kinds):
        return None
    caps = [
        d.value
        for d in find_dates(table.caption, pub, st.year, st.month)
        if d.value and d.role != "start"
    ]
    date = caps[-1] if caps else (st.date or st.pub or st.pub_month)
    out: list[Record] = []
    for row, place in zip(table.rows, places, strict=True):
        whole = dataclasses.replace(row, start=table.start, end=table.end)
        for category, cell in zip(kinds, row.cells, strict=True):
            out.append(_record(category, cell, whole, text, date, None, place))
    return out


class TableReader:
    """The tables of one text, read once each when the sentence loop reaches them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables = find_tables(text)
        self.read: dict[int, bool] = {}

    def consume(self, s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State) -> bool:
        """Whether sentence ``s`` lies in a table of counts (its records are then added to
        ``st.records`` once, and the sentence is not read as prose)."""
        for k, table in enumerate(self.tables):
            if table.start <= s.start < table.end:
                if k not in self.read:
                    recs = table_records(table, self.text, pub, gaz, st)
                    self.read[k] = recs is not None
                    st.records.extend(recs or [])
                return self.read[k]
        box = inline_box(s.text, s.start) if "(" in s.text else None
        if box is not None:
            recs = _box_records(box, self.text, gaz, st)
            if recs is not None:
                st.records.extend(recs)
                return True
        inline = inline_list(s.text, s.start) if ":" in s.text else None
        if inline is not None:
            recs = _inline_records(inline, self.text, pub, gaz, st)
            if recs is not None:
                st.records.extend(recs)
                return True
        return False
