"""The extractor: text + publication date -> :class:`Record` list.

``extract`` makes the document pass: it splits the text into sentences and tables, learns the
text's place, year and briefing conventions, reads each sentence (English in
``en_sentence._en_sentence``, Chinese in ``chinese._zh_sentence``) with the state carried from
the sentences before (a table's lines are read as cells), then drops headline repeats and
duplicates, applies the daily-briefing convention and fills registry codes.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from flareup.errors import InputError
from flareup.ingest.bulletin import (
    background,
    breakdowns,
    equals,
    flowstock,
    noncounts,
    rx,
    totals,
    traditional,
    wording,
)
from flareup.ingest.bulletin.bare_names import learn_bare_names
from flareup.ingest.bulletin.briefing_days import (
    briefing_convention,
    is_daily_briefing,
    report_data_day,
    said_this_day,
    text_year,
    title_data_day,
)
from flareup.ingest.bulletin.chinese import _zh_sentence
from flareup.ingest.bulletin.context import (
    _as_date,
    _published_month,
    _published_year,
    _State,
)
from flareup.ingest.bulletin.date_carry import opening_date
from flareup.ingest.bulletin.date_repeats import drop_vaguer_repeats
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.doc_place import _document_place
from flareup.ingest.bulletin.en_sentence import _en_sentence
from flareup.ingest.bulletin.headlines import dedupe, headline_ends, headline_repeats
from flareup.ingest.bulletin.label_lines import LabelLines
from flareup.ingest.bulletin.landmarks import is_reference_point
from flareup.ingest.bulletin.list_heads import heading_day
from flareup.ingest.bulletin.place_scope import heading_place
from flareup.ingest.bulletin.places import (
    Place,
    PlaceMention,
    gazetteer,
    is_origin,
    registry_code,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.slash_tables import SlashTables
from flareup.ingest.bulletin.table_counts import TableReader
from flareup.ingest.bulletin.text import sentences

_CJK = rx.compile(r"[\u4e00-\u9fff]")
_MAYBE_COUNT = rx.compile(
    r"[\d零〇一二两三四五六七八九十百千万无]|\b(?:no|zero|none|nil|without|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|dozen|single|not\s+(?:\w+\s+){0,3}?any)\b",
    re.IGNORECASE,
)


def known_place(name: str) -> Place:
    """The gazetteer's place called ``name`` ('Kenya', 'Shufu County', '喀什地区'); an unknown
    name is an InputError naming it."""
    found = gazetteer().lookup(name.strip())
    if found is None:
        raise InputError(
            f"unknown place {name!r}: give a country, province, prefecture or county as the "
            "gazetteer names it (English or Chinese)",
            field="place",
        )
    return found


def extract(
    text: str,
    published: dt.date | str | None = None,
    *,
    areas: pd.DataFrame | None = None,
    skip_headline: bool = True,
    place: str | None = None,
) -> list[Record]:
    """Every count in ``text`` as a :class:`Record` (text order).

    ``published``: the publication date (resolves weekdays, 'yesterday', years);
    ``areas``: a registry areas table, to give each record the registry ``area`` code of its
    place where the place is a registry area; ``place``: the text's own place where the text
    never names one (a ministry's or a county's own bulletin: 'The ministry reported 12 new
    cases'), a name the gazetteer knows (:func:`known_place`); a text that names its place
    keeps it."""
    pub = _as_date(published)
    given = known_place(place) if place is not None else None
    original = text
    text = traditional.simplified(text)  # "確診病例" read as "确诊病例", offsets unchanged
    signs = equals.Equals(text)  # "New confirmed cases = 46": read as "...: 46"
    text = signs.text
    gaz = gazetteer()
    gaz.clear_cache()  # the cache serves one text's repeated look-ups, not the next text
    sents = list(sentences(text))
    st = _State()
    st.pub = pub.isoformat() if pub else None
    if pub is None:  # no day: the year of a month-only publication date, else the text's
        st.year = _published_year(published) or text_year(text)
        st.month = _published_month(published)
        if st.year and st.month:
            st.pub_month = f"{st.year:04d}-{st.month:02d}"
    st.doc_place = _document_place(sents, gaz)
    if st.doc_place is None and given is not None:
        # what the reader knows of the source and the text does not say
        st.doc_place = PlaceMention(0, 0, place or given.name, given)
    st.as_of = title_day = title_data_day(text, pub)
    st.outbreak_report = flowstock.outbreak_report(text) and not is_daily_briefing(text)
    st.summary_report = not st.outbreak_report and flowstock.summary_report(text)
    headline = headline_ends(text, sents) if skip_headline else 0
    tables = TableReader(text)
    slashed = SlashTables(text, pub)  # "Current week / Cumulative 2021 / Cumulative 2020"
    labelled = LabelLines(text)  # "Total deaths – 2,013" lines
    history: background.Before | None = None
    for s in sents:
        colon_head, st.colon_head = st.colon_head, None
        if (
            tables.consume(s, pub, gaz, st)
            or slashed.consume(s, gaz, st)
            or labelled.consume(s, pub, gaz, st)
        ):
            continue  # a table's lines: read as cells, not as prose
        st.list_stock = wording.list_heading_stock(s.text, st.list_stock)
        learn_bare_names(s.text, gaz, st.unlisted)  # "Sixian County", later "across Sixian"
        if not (rx.search(r"\d", s.text) or _MAYBE_COUNT.search(s.text)):  # (a digit: fast)
            # nothing to read; a sentence that opens with a date still sets the date
            # ("On October 26, ... . Two days later, 183 people had tested positive")
            if rx.search(r"[A-Z]", s.text):
                # "A cholera outbreak was reported from Iran in July. ... the country had
                # reported 367 cases": the place 'the country' points back to
                named = [
                    p
                    for p in gaz.find(s.text)
                    if p.place.level != "locality"
                    and not is_origin(s.text, p)
                    and not is_reference_point(s.text, p)
                ]
                st.named = (st.named + named)[-8:]
            st.place = heading_place(s.text, gaz) or st.place
            st.date = opening_date(s.text, pub) or heading_day(s.text, pub, st.records) or st.date
            said_this_day(s.text, pub, st)
            continue
        st.para_start = text.rfind("\n", 0, s.start) + 1
        if _CJK.search(s.text) and len(_CJK.findall(s.text)) >= 4:
            recs = _zh_sentence(s, pub, gaz, st)
        else:
            background.back_to_now(s.text, history, st)
            before = background.snapshot(st)
            lines_on = colon_head is not None and wording.item_line(s.text)
            if lines_on:
                # "New confirmed cases = 46 as follows:" then "Kenema = 1, Kono = 4": parts
                # of the count the line before headed
                st.last_head = colon_head
            recs = _en_sentence(s, pub, gaz, st, lines_on)
            if not recs and noncounts.occupational_part(s.text):
                # "128 healthcare workers too contracted the virus. They include 30 from ...":
                # the parts that follow are the workers', no count's said before
                st.last_head = st.last_flow_head = None
            if lines_on:
                st.colon_head = colon_head  # (the next line may go on with the list)
            elif recs and s.text.rstrip().endswith(":"):
                st.colon_head = recs[-1]
            breakdowns.finish_sentence(s.text, s.start, recs, pub)  # "125 (week 4)", "Dhaka 45"
            if not recs and ("end" in s.text or "lasted" in s.text):
                background.past_outbreak_end(s.text, find_dates(s.text, pub, st.year), st)
            if recs:
                # (a past outbreak's counts: the next sentence in the present is not its)
                history = before if background.is_history(recs, st.pub) else None
        if s.end <= headline:
            continue
        st.records.extend(recs)
    totals.flows_before_totals(st.records)
    out = drop_vaguer_repeats(headline_repeats(dedupe(st.records), sents))
    briefing_convention(out, text, pub)
    report_data_day(out, st, title_day)
    signs.restore(out)
    traditional.restore(out, signs.original, original)
    if areas is not None:
        for r in out:
            where = gaz.lookup(r.place) if r.place else None
            if r.place_code and r.place_code in gaz.by_code:
                where = gaz.by_code[r.place_code]
            r.area = registry_code(where, areas)
    return out
