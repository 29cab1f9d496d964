"""The English sentence reader of :func:`flareup.ingest.bulletin.extract.extract`
(``_en_sentence``): one sentence -> its records.

Per sentence: dates (resolved against the publication date and the sentence before), numbers,
places (gazetteer, organisation names and datelines masked), then per number its category
(``categories``; an item's in ``count_category``), its place (the place phrase that follows it
in its own phrase, else the nearest before it in its clause, else the sentence's, else the
text's) and its date (its own comparison date 'up from 9 a day earlier', else its clause's,
else the sentence's, else the previous sentence's, else the date the statement was made). A
number without a noun of its own ('eight of whom were in Guangdong, three in Inner Mongolia',
'21 imported ones') is an item of the list or breakdown before it (``_Item``, ``_parent``) and
inherits its category (``_inherit``). After the numbers, the sentence's place carries to the
next sentences or not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from flareup.ingest.bulletin import (
    breakdowns,
    casewords,
    flowwords,
    implied_heads,
    increments,
    periods,
    pre_np,
    repeats,
    rx,
    wording,
)
from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.attach import (
    _NATIONWIDE,
    _chain,
    _clause_of,
    _days_between,
    number_places,
)
from flareup.ingest.bulletin.backdating import dates_said_before
from flareup.ingest.bulletin.briefing_days import said_this_day
from flareup.ingest.bulletin.build import _coordinated_zeros, _record
from flareup.ingest.bulletin.clause_places import country_mention
from flareup.ingest.bulletin.compared import align_compared
from flareup.ingest.bulletin.context import (
    _COMPARISON,
    _FAMILY_OF,
    _STOCK_CATS,
    _TO_FLOW,
    _TO_STOCK,
    _depth,
    _State,
)
from flareup.ingest.bulletin.count_category import (
    _PARTITION,
    _Item,
    _root,
    compared_back,
    count_category,
)
from flareup.ingest.bulletin.date_carry import carry_date, countless_sentence_date
from flareup.ingest.bulletin.dates import DateMention, find_dates, masks
from flareup.ingest.bulletin.dating import fallback_date, number_date, sentence_date
from flareup.ingest.bulletin.landmarks import is_reference_point
from flareup.ingest.bulletin.list_heads import heading_day
from flareup.ingest.bulletin.named_after import found_in_place, part_of_said
from flareup.ingest.bulletin.numbers import Number, find_numbers
from flareup.ingest.bulletin.parts import parts_of_last_head
from flareup.ingest.bulletin.periods_said import runs_to_report_day
from flareup.ingest.bulletin.place_carry import aside_subject
from flareup.ingest.bulletin.place_holds import goes_on_about, inside_and_outside, sibling_subjects
from flareup.ingest.bulletin.place_scope import (
    _drop_appositions,
    _unlisted_places,
    breakdown_item,
    carries,
    level_anaphora,
    main_place,
    outside_places,
)
from flareup.ingest.bulletin.places import (
    Gazetteer,
    dateline_end,
    is_origin,
    outbreak_origin,
    region_adjective,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.respective_kinds import respective_kind
from flareup.ingest.bulletin.text import Span, clauses

#: "reported from eight health zones in North Kivu": where some of the units counted lie;
#: "States affected include Lagos": an example of a group; neither is the place the text
#: goes on about
_UNITS_IN = rx.compile(
    # ("Two weeks ago in Lagos": a time, not units)
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?!(?:days?|weeks?|months?|years?|hours?)\b)(?:[\w-]+\s+){1,3}?"
    r"(?:in|of|across)\s+(?:the\s+)?$|\b(?:include|includes|included|including|such\s+as)\s+"
    r"(?:[\w'’-]+(?:,\s*|\s+and\s+))*(?:the\s+)?$",
    re.IGNORECASE,
)
_ANAPHORA = rx.compile(
    r"^\s*(?:among\s+(?:them|these|those|the)|(?:out\s+)?of\s+(?:them|these|those|which|whom|the)|"
    r"including|they|these|it|this|the\s+same\s+day|on\s+the\s+same\s+day|meanwhile|"
    r"in\s+addition|besides|also|apart\s+from|"
    # "... 5,371 measles cases have been reported. There were 40 recorded in the last 24
    # hours.": a number with no noun, only a verb of reporting, counts the noun said before
    r"there\s+(?:were|was|have\s+been|had\s+been)\s+(?=[\d,]+\s+(?:more\s+|new\s+|further\s+)?"
    r"(?:recorded|reported|registered|notified|confirmed)\b)|"
    # "There were 155 of them in Xian", "155 of them were in Xian": a part of the count said
    # before, by place
    r"there\s+(?:were|was)\s+(?=(?:[\d,]+|[a-z]+)\s+of\s+(?:them|these|those)\s+(?:in|from|at)\s)|"
    r"(?=(?:[\d,]+|[a-z]+)\s+of\s+(?:them|these|those)\s+(?:were|was)\s+(?:in|from|at)\s))",
    re.IGNORECASE,
)
#: "41 cases" just after the number: the bare unit, no kind of case of its own
_UNIT_CASES = rx.compile(r"\s+cases?\b(?!\s+(?:of|with|among)\b)", re.IGNORECASE)
#: "Fourteen of the confirmed cases were reported in Guangzhou": a part of a count said before
_OF_THE_COUNT = rx.compile(
    r"\s+of\s+(?:the|these|those|all\s+the|today's|yesterday's)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:cases|infections|deaths|fatalities|patients|carriers|infected)\b",
    re.IGNORECASE,
)
#: "suspected cases: 11 097", "deaths: 24": a label and a colon before the number
_LABEL = rx.compile(
    r"(?P<np>\b(?:[A-Za-z-]+\s+){0,3}(?:cases|deaths|fatalities|recoveries|infections|"
    r"contacts|hospitali[sz]ations|tests|patients|recovered|discharged|hospitali[sz]ed|"
    r"tests\s+(?:performed|conducted|done)|samples\s+tested|"
    # "Patients on Critical Care: 1220", "ICU: 45"
    r"critical\s+care|intensive\s+care|ICU|ventilators?)"
    r"(?:\s+(?:in|over|during)\s+the\s+(?:last|past)\s+(?:24|48|72)\s+hours|\s+(?:today|yesterday)|"
    r"\s+(?:so\s+far|to\s+date|in\s+total))?)"
    r"\s*:\s*$",
    re.IGNORECASE,
)
#: "...; recovered 152, active cases 415 and 7 deaths": a status word set off by a comma or a
#: semicolon before a bare figure labels it as a colon would
_LIST_LABEL = rx.compile(
    r"(?:^|[;,]\s*)(?P<np>(?:recovered|recoveries|discharged|deaths|fatalities|active\s+cases|"
    r"active|hospitali[sz]ed|(?:total\s+)?(?:confirmed\s+)?cases))\s+$",
    re.IGNORECASE,
)
#: words that end a number's noun phrase: what follows is no longer its noun
_CLAUSE_WORD = rx.compile(
    r"\b(?:and|or|while|but|with|were|was|are|is|have|has|had|reported|recorded)\b",
    re.IGNORECASE,
)
_PLANNED = rx.compile(
    r"\b(?:will|would|plans?\s+to|planned|aims?\s+to|aiming|target(?:ing|s)?|to\s+(?:test|screen|"
    r"vaccinate)|capacity)\b[^.;]{0,40}$"
    # ("which has a population of 13 million, 1,117 cases": the population's own number ends it)
    r"|\b(?:population\s+of|inhabitants|a\s+city\s+of|residents\s+of)\b[^.;\d]{0,40}$"
    # "home to 11 million people"; not "Maharashtra, home to Mumbai, reported 14,000 cases"
    r"|\bhome\s+to\s+(?:about\s+|around\s+|some\s+|over\s+|nearly\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_DEFINITE = rx.compile(
    r"(?:^|[^f]\s)(?:the|these|those|all|both|all\s+the|all\s+of\s+the)\s+$", re.IGNORECASE
)
# ---------------------------------------------------------------------------------- English


#: a subject of cases or deaths that rose, then ', with' and a bare number: "The number of
#: confirmed cases also climbed, with", "Infections in Namibia rose, with"
_RISEN_WITH = rx.compile(
    r"\b(?P<noun>(?:confirmed\s+|recorded\s+|reported\s+)?(?:cases|infections|deaths|fatalities))"
    r"\s+(?:(?:in|across)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3})?(?:also\s+|further\s+)?"
    r"(?:climbed|rose|increased|grew|jumped|went\s+up|swelled)\s*,\s*with\s+$",
    re.IGNORECASE,
)
#: the bare number's own verb: "with 45,973 recorded on Saturday"
_RECORDED_AFTER = rx.compile(
    r"\s+(?:(?:now|so\s+far)\s+)?(?:recorded|reported|registered|confirmed|logged)\b",
    re.IGNORECASE,
)
#: a place between a bare number and its verb: "41,607 in the province have been diagnosed",
#: "1,200 in Lagos have recovered"
_LOCATED_THEN_VERB = rx.compile(
    r"\s+(?:people\s+|persons\s+|residents\s+)?(?:in|across)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|province|country|state|city|region|territory|"
    r"capital)\s+(?=(?:have|has|had)\s+(?:now\s+|so\s+far\s+)?(?:been\s+)?(?:died|recovered|"
    r"diagnosed|tested\s+positive|confirmed|infected)\b)"
    # ... or no place: "41,607 have been diagnosed with the virus"
    r"|\s+(?=(?:have|has|had)\s+(?:now\s+|so\s+far\s+)?been\s+diagnosed\s+with\b)"
)


def _en_sentence(
    s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State, items_of_head: bool = False
) -> list[Record]:
    sent = s.text
    dl = dateline_end(sent)
    dates = [
        DateMention(d.start, d.end, d.value, "speech", d.offset, d.text) if d.start < dl else d
        for d in find_dates(sent, pub, st.year, st.month)
    ]
    nums = find_numbers(sent, masks(sent, dates))
    places = gaz.find(sent)
    places = _unlisted_places(sent, places, st.unlisted)
    # "Outside of China, 61,518 cases": a place named to be left out is no count's place
    places = outside_places(sent, places)
    # "... have died since the outbreak first appeared in Wuhan, China": where it began
    places = [p for p in places if not outbreak_origin(sent, p)]
    # "..., the Caribbean country has closed all borders": the region qualifies a country
    places = [p for p in places if not region_adjective(sent, p)]
    places = _drop_appositions(sent, places, gaz)
    context = [p for p in (st.doc_place, st.place) if p is not None] + st.named
    places = level_anaphora(sent, places, context, gaz)
    st.named = (
        st.named
        + [
            p
            for p in places
            if p.place.level != "locality"
            and not is_origin(sent, p)
            and not is_reference_point(sent, p)  # "100 km away from Nanjing"
        ]
    )[-8:]
    main_date, speech_date = sentence_date(dates, st, sent)
    # "The distribution of cases by county is: Montserrado 1,012; Lofa 587": items of the
    # count said before, as after 'Among them'
    partition = breakdowns.partition_lead(sent, nums[0].start if nums else 0)
    implied: Record | None = None
    if partition and (head0 := breakdowns.partition_head(partition, st.records, nums)) is not None:
        st.last_head = head0  # "of the new cases; 33 ...": parts of the new cases said last
    elif (
        implied := implied_heads.implied_head(
            sent, s.start, nums, partition, st.records, places, st.place or st.doc_place
        )
    ) is not None:
        st.last_head = implied  # "Of the new cases, 30 were local": a whole without a number
    anaphoric = bool(_ANAPHORA.match(sent)) or wording.refers_back(sent) or bool(partition)
    anaphoric = anaphoric or implied is not None or items_of_head
    date_fallback = fallback_date(main_date, speech_date, dates, st)
    if main_date is None and st.pub is not None and runs_to_report_day(sent, dates):
        date_fallback = st.as_of or st.pub  # "Globally, since 2012, WHO has been notified of"
    sentence_place = main_place(sent, places)
    if not nums:
        countless_sentence_date(sent, main_date, dates, st)
        st.date = heading_day(sent, pub) or st.date  # "Ebola report for 30 September."
        dates_said_before(sent, main_date, st)
        said_this_day(sent, pub, st)
        if (
            sentence_place
            and not _UNITS_IN.search(sent, 0, sentence_place.start)
            # "Lagos-64", "Enugu: 20": a list item's label, not the next item's place
            and not rx.match(r"\s*[-–:]?\s*\d", sent[sentence_place.end :])
            and carries(sent, sentence_place, places)
        ):
            st.place = sentence_place
        return []
    cls = clauses(sent)
    sentence_stock = None
    if any(
        d.role == "end"
        and rx.search(
            r"\b(?:as\s+of|as\s+at|by|until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?"
            # "As of 24:00 on August 8", "as at midnight on 3 May": an hour of that day
            r"(?:(?:\d{1,2}[:.]\d{2}|midnight)\s*(?:hrs?|hours|h)?,?\s+"
            r"(?:on\s+)?)?$",
            sent[max(0, d.start - 36) : d.start],
            re.I,
        )
        for d in dates
    ):
        sentence_stock = True
    if sentence_stock is None:
        # "The distribution of the cases is as follows", "So far, ..."
        sentence_stock = wording.sentence_stock(sent, st.last_head)
    if sentence_stock is None and wording.is_bullet(sent):
        sentence_stock = st.list_stock  # "- Gauteng – 185 288 cases;" under its heading
        if sentence_stock is None and wording.place_figure_item(sent):
            sentence_stock = True  # "• Guyana, 16 confirmed cases.": a place's row, so far
    legend = wording.total_new_legend(sent)
    items: list[_Item] = []
    recs: list[Record] = []
    head_dated = 0  # where the last count dated as its breakdown head ends
    for i, n in enumerate(nums):
        if any(n.start < o.end and o.start < n.end for o in nums[:i]):
            continue  # a "no" inside a hedge etc.
        if increments.is_delta(sent, nums, i):
            continue  # the "(+59)" of "3,407(+59) in Nur-Sultan", read with its total
        c0, c1 = _clause_of(cls, n.start)
        nxt = next((o.start for o in nums[i + 1 :] if o.start >= n.end), len(sent))
        nxt = increments.phrase_end(sent, nums, i, nxt)
        before = sent[c0 : n.start]
        if _PLANNED.search(sent[max(0, n.start - 50) : n.start]):
            continue
        prev_end = max((o.end for o in nums[:i] if o.end <= n.start), default=0)
        t = cat.type_english(sent, n.start, n.end, max(c0, prev_end), nxt)
        chain = _chain(sent, nums, i)
        if (
            chain
            and t.category is None
            and not t.skip  # "10 cases of closed-loop transfer personnel": no count
            and not t.has_head
            and not n.zero_word
            and not (t.local or t.imported)  # "70 local and 10 imported": its own kind
            and not rx.search(
                r"\b(?:totall?ing|totalled|total\s+of|reaching|of)\s+$",
                sent[max(0, n.start - 12) : n.start],
            )  # "cases totaling 552 and 14 deaths": the 552 has its noun before it
            # "active cases dropped to 9,870, and 73,508 people have recovered": nor this one
            and pre_np.pre_np_family(sent, c0, n.start, dataclasses.replace(t)) is None
            # "active cases 415 and 7 deaths": its own label before it
            and not _LIST_LABEL.search(sent, max(prev_end, n.start - 30), n.start)
        ):
            # "342, 223, 104 and 100 new confirmed cases": the last number's noun is theirs
            last = chain[-1]
            nxt_last = next((o.start for o in nums if o.start >= last.end), len(sent))
            t = cat.type_english(sent, last.start, last.end, max(c0, prev_end), nxt_last)
        if t.category is None and not t.has_head and not t.skip and not n.zero_word:
            located = _LOCATED_THEN_VERB.match(sent, n.end)
            if located is not None:
                # "So far, 41,607 in the province have been diagnosed", "203 people in B.C.
                # have died": the verb after the place says what the number counts
                rest = sent[located.end() : min(len(sent), located.end() + 80)]
                phrase = f"{n.mention} people {rest}"
                retyped = cat.type_english(phrase, 0, len(n.mention), 0, len(phrase))
                if retyped.category is not None and not retyped.skip:
                    t = retyped
        if t.category is None and not t.has_head and not t.skip and not n.zero_word:
            risen = _RISEN_WITH.search(sent, max(0, n.start - 140), n.start)
            if risen is not None and _RECORDED_AFTER.match(sent, n.end):
                # "The number of confirmed cases also climbed, with 45,973 recorded on
                # Saturday": the new level of the total the clause's subject names
                noun = risen.group("noun")
                lead = "a total of "  # ("New infections rose, with 300 reported": new ones)
                if rx.search(r"\b(?:new|daily|fresh)\s+$", sent[: risen.start("noun")], re.I):
                    lead = "the new "
                phrase = f"{lead}{n.mention} {noun}"
                at = len(lead)
                retyped = cat.type_english(phrase, at, at + len(n.mention), 0, len(phrase))
                if retyped.category is not None and not retyped.skip:
                    t = retyped
        if t.category is None and not t.has_head and not t.skip and (n.zero_word or not items):
            shared = rx.match(
                # (the next number with its thousands separator: "and 1,020 asymptomatic cases")
                r"\s+((?:new\s+)?(?:a)?symptomatic)\s*,?\s*(?:and|or)\s+(?:[\w,.-]+\s+){1,3}?"
                r"(cases|infections)\b",
                sent[n.end : n.end + 80],
                re.IGNORECASE,
            )
            if shared is not None:
                # "no symptomatic and 12 asymptomatic cases": the noun is shared, the kind is
                # each number's own (a zero, or a first count, has no head to take it from)
                phrase = f"{n.mention} {shared.group(1)} {shared.group(2)}"
                said_stock = t.stock
                t = cat.type_english(phrase, 0, len(n.mention), 0, len(phrase))
                if t.stock is None:
                    t.stock = said_stock  # the sentence's period or cue, which the noun lacks
        if (
            t.category is None
            and not t.has_head
            and not t.skip
            and not n.zero_word
            and not (t.local or t.imported)
        ):
            label = _LABEL.search(sent, max(prev_end, n.start - 60), n.start) or _LIST_LABEL.search(
                sent, max(prev_end, n.start - 30), n.start
            )
            bare_np = cat.bare_label(sent[max(prev_end, n.start - 40) : n.start])
            if label is not None or bare_np is not None:
                # "Iraq (suspected cases: 11 097; deaths: 24)": the label before the colon
                # ("Total confirmed: 5,104": a bare label, of cases)
                phrase = f"{n.mention} {label.group('np') if label else bare_np}"
                t = cat.type_english(phrase, 0, len(n.mention), 0, len(phrase))
                if t.stock is None and any(
                    r.value == n.value and not r.stock and _FAMILY_OF.get(r.category) == t.category
                    for r in st.records + recs
                ):
                    # "1,455 new infections were recorded ... Positive Cases: 1455": a label
                    # with no word of a total or a flow repeats the day's figure said before,
                    # one fact
                    continue
                t.stock = cat.label_stock(label.group("np") if label else str(bare_np), t.stock)
                head_rec = recs[-1] if recs and recs[-1].start - s.start < prev_end else None
                if (
                    head_rec is not None
                    and label is not None
                    and rx.fullmatch(r"(?:\s*[\w-]+){0,4}\s*", sent[prev_end : label.start()])
                    and not _CLAUSE_WORD.search(sent, prev_end, label.start())
                ):
                    # "113 more virus-related deaths: 19 from Gauteng, ...": the words before
                    # the colon end the noun phrase of the number before it, whose items
                    # follow, each a flow or a stock as that number is
                    t.stock = head_rec.stock
            elif (
                # a count said outside brackets before heads the list itself ("six new
                # suspected cases in Bikoro (5) and Wangata (1)")
                not any(_depth(sent, r.start - s.start) == 0 for r in recs)
                and (head_np := wording.list_head_np(sent, n.start, n.end)) is not None
            ):
                # "New cases emerged from 5 counties, namely Garissa (47), Turkana (12)"
                phrase = f"{n.mention} {head_np}"
                t = cat.type_english(phrase, 0, len(n.mention), 0, len(phrase))
            elif (head_np := breakdowns.colon_lead_np(sent, n.start)) is not None:
                # "Contacts traced in 10 governorates: 517 (up to week 52), and 2,882 (...)"
                phrase = f"{n.mention} {head_np}"
                t = cat.type_english(phrase, 0, len(n.mention), 0, len(phrase))
        if t.skip:
            continue
        if rx.search(r"\bof\s+the\s+$", before, re.IGNORECASE) and rx.match(
            r"\s*(?:[,.;)]|$)", sent[n.end :]
        ):
            continue  # "147 close contacts of the two,": the two named before
        if rx.search(
            r"\bcontacts?\s+of\s+(?:the|these|those|all\s+the)\s+(?:[\w-]+\s+)?$",
            sent[max(0, n.start - 60) : n.start],
            re.IGNORECASE,
        ):
            # "22 close contacts of the three asymptomatic cases", "contacts of the first
            # three cases": the cases whose contacts are counted, said before, not a count
            continue
        if wording.whole_said_before(sent, n.start, st.records + recs, n.value, t.category):
            continue  # "two of the nine cases": the nine said before
        leads = wording.leads_parts(sent, n.start, n.end)  # "Of these 162 cases, 57 were ..."
        if (
            (
                (
                    _DEFINITE.search(sent[max(0, n.start - 12) : n.start])
                    and not rx.search(r"\bof\s+the\s+$", before, re.IGNORECASE)
                )
                or leads
            )
            and (
                # "passed the 13,000 mark": a milestone, no count said before
                not rx.match(r"\s+(?:mark|milestone|threshold|barrier)\b", sent[n.end :])
            )
            and (
                not rx.search(
                    r"\b(?:total|number|tally|toll)\b", sent[n.end : n.end + 25], re.IGNORECASE
                )
                and not wording.compared_with(sent, n.start)
            )
        ):
            # "the two locally transmitted cases": a repeated count, which heads its breakdown
            # ("The 30 confirmed cases included 29 in Urumqi and one in Kashgar")
            said = wording.said_before(st.records + recs, n.value, t.category)
            if said is not None:
                items.append(
                    _Item(Number(0, 0, n.value, None, "exact", ""), t, said.category, said)
                )
                if (where := repeats.in_place(sent, n.end, places, said)) is not None:
                    recs.append(repeats.record_in_place(said, n, sent, s.start, where))
                    continue  # "The three new cases were reported in Dalian": that place's
            # "All 45 samples tested negative" and "Of the 25 new cases, 15 were ...", said
            # first here, are counts
            if said is not None or not (
                leads or wording.all_of(sent, n.start) or implied_heads.opens_breakdown(sent, n.end)
            ):
                continue
        family = t.category
        if (
            family == "cases"
            and not (t.active or t.local or t.imported)
            and _UNIT_CASES.match(sent, n.end)
            # (not "The toll has risen to 6,388 deaths out of 17,942 cases": another count
            # between the subject and the number is the subject's)
            # (a year between is none: "the number of dengue deaths for 2016 was 212 cases")
            and not rx.search(
                r"(?:death|toll|fatalit)\D*(?!(?:19|20)\d\d\b)\d[\d,.]*\D*$",
                sent[c0 : n.start],
                re.I,
            )
            and pre_np.pre_np_family(sent, c0, n.start, dataclasses.replace(t)) == "deaths"
        ):
            # "the number of dengue deaths ... was 212 cases": the subject's deaths, counted
            # in a unit of cases
            family = t.category = "deaths"
        if family is None and not t.has_head:
            family = pre_np.pre_np_family(sent, c0, n.start, t)
            if t.skip:
                continue
            if (kind := respective_kind(sent, n.start)) is not None:
                family, t.active, t.stock = kind[0], kind[1], True  # "... are A and B respectively"
            if (
                family is None
                and not recs
                and _COMPARISON.search(sent[max(0, n.start - 40) : n.start])
                and (back := compared_back(sent, st.records, None)) is not None
            ):
                family = _FAMILY_OF.get(back.category)  # "That is up from 540": the toll's
            if family and rx.search(r"\bby\s+$", sent[max(0, n.start - 5) : n.start]):
                # "cases rose by 5,826 within one day to 1,379,662", "the death toll adding
                # by 112 to 37,266": the rise is the day's count, the 'to' figure the total
                t.stock = False
        item = _Item(n, t)
        part_of = _OF_THE_COUNT.match(sent, n.end) is not None
        named = implied_heads.named_whole(sent, n.end, st.records + recs) if part_of else None
        parent: _Item | None
        if named is not None:
            # "Four of the five deaths were ...": a part of the five said before
            parent = _Item(Number(0, 0, named.value, None, "exact", ""), t, named.category, named)
        elif part_of and not anaphoric and st.last_flow_head is not None:
            # "This takes the tally to 57,812. Four of the cases came from ...": a part of
            # the day's new cases, not of the total
            head, st.last_head = st.last_head, st.last_flow_head
            parent = _parent(items, st, True, n, sent)
            st.last_head = head
        else:
            parent = _parent(items, st, anaphoric or part_of, n, sent)
            parent = wording.same_level(parent, items, sent, n.start)
            parent = wording.past_deaths_part(parent, items, sent, n.start)
            parent = casewords.confirmed_part_head(sent, n.end, parent, items)
            if (said := casewords.lead_head(sent, parent, st.records)) is not None:
                parent = _Item(Number(0, 0, said.value, None, "exact", ""), t, said.category, said)
        if (
            family == "cases"
            and not (t.active or t.stock is not None)
            and wording.bare_item(sent, parent, n.start, n.end)
        ):
            family = t.category = None  # "..., including 2346 cases in Changchun": its head's
        if part_of and parent is not None and parent.category:
            # "19 cases, including 17 deaths: 18 of the cases were confirmed": the head of
            # the family the words name
            noun = _OF_THE_COUNT.match(sent, n.end)
            wants_deaths = bool(noun and rx.search(r"deaths|fatalities", noun.group(0), re.I))
            if (_FAMILY_OF.get(parent.category) == "deaths") != wants_deaths:
                same = [
                    it
                    for it in items
                    if it.record is not None
                    and it.parent is None
                    and (_FAMILY_OF.get(it.category or "") == "deaths") == wants_deaths
                ]
                if same:
                    parent = same[-1]
                else:
                    # "Local infections accounted for 120 of the new cases": the last count of
                    # that family said before, not the deaths of the sentence before
                    said = wording.family_head(
                        st.records, wants_deaths, noun.group(0) if noun else ""
                    )
                    if said is not None:
                        parent = _Item(
                            Number(0, 0, said.value, None, "exact", ""), t, said.category, said
                        )
        if family == "__same__":
            # "bringing the total to 1,234": the total of what the sentence counted
            base = parent.category if parent is not None else None
            # ("... and 62 deaths, for totals of 234,000 and 8,900": each of its own)
            base = (
                flowwords.respective_total(
                    sent, n.start, [(r.start - s.start, r.category) for r in recs]
                )
                or base
            )
            family = _FAMILY_OF.get(base or "")
            t.stock = True
        if (
            t.status_only
            and parent is not None
            and parent.category in ("deaths_cumulative", "deaths_new")
            # "four cases including three deaths ... (one confirmed and one suspected)": of the cases
            and not wording.deaths_part_of_cases(sent, parent.num.start, parent.num.end, n.start)
        ):
            family = None  # "35 deaths: 9 confirmed and 26 probable"
        if n.zero_word and family == "suspected" and t.stock is None:
            t.stock = False
        is_comparison = bool(_COMPARISON.search(sent[max(0, n.start - 40) : n.start])) and not (
            rx.search(r"\b(?:up|down)\s+$", sent[max(0, n.start - 6) : n.start])
            and rx.match(r"\s*(?:[\w-]+\s+){0,2}from\b", sent[n.end : n.end + 30])
        )  # "up 351 from its previous count" is the change, today's
        if (
            family == "cases"
            and not t.active
            and wording.shares_release(sent, n.end, nums[i + 1 :])
        ):
            family = "recovered"  # "290 patients and 4,004 asymptomatic cases were discharged"
        if t.stock is None and not t.active and not n.zero_word:
            # "142,539 confirmed cases and 5,393 deaths have been reported": the predicate
            # after the last noun phrase types every count of the list
            nb = next((o for o in nums[i + 1 :] if o.start >= n.end), None)
            if nb is not None and rx.fullmatch(
                r"\s*(?:[\w-]+\s+){0,4}?(?:and|or)\s+", sent[n.end : nb.start]
            ):
                nb_next = next((o.start for o in nums if o.start >= nb.end), len(sent))
                tb = cat.type_english(sent, nb.start, nb.end, max(c0, n.end), nb_next)
                if tb.stock and not tb.active and tb.category is not None:
                    t.stock = True
                elif (
                    family == "cases"
                    and (tb.category == "active" or (tb.active and tb.category == "cases"))
                    and nb.value != 0
                ):
                    # "463 local cases and two imported cases in hospitals": both there now
                    t.active = True
                    t.stock = True
        category = count_category(
            sent,
            s,
            n,
            nxt,
            c0,
            c1,
            before,
            t,
            family,
            item,
            parent,
            named,
            dates,
            partition,
            anaphoric,
            is_comparison,
            sentence_stock,
            recs,
            st,
        )
        if category is None or category not in cat.CATEGORIES:
            continue
        item.category = category
        # -- date
        # "10,843 people have been hospitalised over the past 24 hours": admitted in that day
        # (a total of tests too: "bringing the total number of tests to 65,446"; not "Total
        # Tests in Last 24 Hours: 42,396", the day's)
        st.stock_hint = (category in _STOCK_CATS and t.stock is not False) or (
            category == "tested" and t.stock is True and not cat.day_total(sent, n.start, n.end)
        )
        date, period_start = number_date(
            sent,
            n,
            nxt,
            dates,
            cls,
            main_date,
            date_fallback,
            st,
            is_comparison,
            [it.num for it in items if it.record is not None],
        )
        prev_head_dated, head_dated = head_dated, 0
        if (
            item.parent is not None
            and item.parent.record is not None
            and item.parent.num.end > 0
            and not is_comparison
            and not any(
                c0 <= d.start < max(c1, c0 + 1)
                # ("compared with 3,570 new cases a day earlier - 682 symptomatic and 2,888
                # asymptomatic": the day between a head and its items is the head's)
                and not (
                    _root(item.parent).num.end <= d.start < d.end <= n.start
                    and d.role in ("relative", "relcompare")
                )
                for d in dates
            )
        ):
            # "79 new cases (30 January – 19 February), including: Katwa (46), ...": a
            # breakdown item is dated as its head
            date, period_start = item.parent.record.date, item.parent.record.period_start
            head_dated = n.end
        elif (
            (whole := _whole_before(item, st)) is not None
            # (a month or a year: a day would be the day the text goes on about anyway)
            and len(whole.date or "0000-00-00") < 10
            and not dates
            and not is_comparison
            and (_PARTITION.match(sent) or partition or part_of)
        ):
            # "Last year, 101,354 people were hospitalised. Of them, 101,037 made full
            # recovery.": parts of the count said before, of its day
            date, period_start = whole.date, whole.period_start
        elif (
            recs
            and prev_head_dated > 0
            and not is_comparison
            and rx.fullmatch(r"\s+(?:[\w-]+\s+){0,2}(?:and|,)\s+", sent[prev_head_dated : n.start])
        ):
            # "682 symptomatic and 2,888 asymptomatic": the next part of the same breakdown
            date, period_start = recs[-1].date, recs[-1].period_start
        elif (
            recs
            and not is_comparison
            and rx.match(r"\s+of\s+(?:which|whom|them|these|those)\b", sent[n.end : n.end + 16])
            and not any(n.end <= d.start < max(c1, n.end + 1) for d in dates)
        ):
            # "compared with 26 cases a day earlier, 22 of which were in Beijing": a part of
            # the count just said, of its day
            date, period_start = recs[-1].date, recs[-1].period_start
        if (
            t.stock is None
            and item.parent is None
            and category in _TO_STOCK
            and n.value != 0  # "zero local transmissions for 56 days": none new in that time
            # "2,140 cases last week, bringing the total since January to ...": its own week
            and not cat.names_a_day(sent[n.end : min(nxt, n.end + 40)])
            and (_days_between(period_start, date) > 14 or (date is not None and len(date) == 4))
            # "212 additional cases were reported since 3 June (12 cases in Chile, ...)": an
            # item in the brackets of a flow is a part of that flow
            and not wording.in_brackets_of_flow(
                sent, n.start, [(r.start - s.start, r.stock) for r in recs]
            )
        ):
            # "In 2022, ... Iraq (suspected cases: 11 097; deaths: 24)": a year's count is its
            # total too
            # "371,717 cases reported from 1 January to 19 October": a total, not a day's count
            category = _TO_STOCK[category]
        elif (
            category in _TO_FLOW
            and not t.active
            and date is not None
            and len(date) == 7
            and (period_start is None or period_start.startswith(date))
            and (
                periods.month_named_as_period(sent[: n.start], int(date[5:]))
                # (or a month report's month, said in a sentence before)
                or date == st.month_report == st.date
            )
            and not periods.total_words(sent[: min(len(sent), n.end + 40)])
        ):
            # "In July 2018, the number of cases reported was 866,072", "1,467 cases reported
            # during the month of May": the count of that month, a flow
            category = _TO_FLOW[category]
        if (
            legend
            and not t.active
            # the legend's own 'new' types no figure; a figure's own 'new' is its own
            and not rx.search(r"\b(?:new|additional|more)\b", sent[n.end : nxt])
        ):
            bare = rx.search(r"\(\s*$", sent[: n.start]) and rx.match(r"\s*\)", sent[n.end :])
            if _depth(sent, n.start) == 0 and category in _TO_STOCK:
                # "Total (new cases in last 24 hours) Africa 306 794 cases (9 504)": a total
                category = _TO_STOCK[category]
            elif bare and item.parent is not None and category in _TO_FLOW:
                category = _TO_FLOW[category]  # ... and the bare bracket after it the new ones
        if date is not None and len(date) == 4 and st.pub and date == st.pub[:4]:
            # "the total number of deaths in 2020 to 161" in a 2020 text: the year so far, up to
            # the day the text speaks of (a year's last day has not come yet)
            year_start = f"{date}-01-01"
            date = max(
                (d for d in (st.date, st.ref) if d and len(d) == 10 and d[:4] == date),
                default=st.pub,
            )
            period_start = period_start or year_start
        item.category = category  # (as converted above: its items inherit what it became)
        # -- place(s)
        par = item.parent
        targets, inherited = number_places(
            sent,
            nums,
            i,
            nxt,
            cls,
            places,
            t,
            par.record if par else None,
            par.num.end if par else 0,
            is_comparison,
            sentence_place,
            st,
            gaz,
        )
        delta = increments.delta_of(sent, nums, i)
        if inherited is not None:
            recs.append(_record(category, n, sent, s, date, period_start, *inherited, t))
            item.record = recs[-1]
            items.append(item)
            if delta is not None and (rise := increments.delta_record(recs[-1], delta, s.start)):
                recs.append(rise)
            continue
        if par is not None and casewords.origin_items(par.record, targets, gaz):
            continue  # "5 imported cases (4 in Singapore, ...)": where they came from
        for target in targets or [None]:
            gp = target.place if target is not None else None
            ptxt = target.text if target is not None else None
            recs.append(
                _record(
                    category,
                    n,
                    sent,
                    s,
                    date,
                    period_start,
                    gp.name if gp else None,
                    ptxt,
                    gp.code if gp else None,
                    t,
                )
            )
        item.record = recs[-1]
        items.append(item)
        if delta is not None and (rise := increments.delta_record(recs[-1], delta, s.start)):
            recs.append(rise)
        # "no suspected cases or new deaths": the zero reaches every noun phrase in the list
        if n.zero_word:
            recs.extend(_coordinated_zeros(sent, s, n, nxt, c0, date, period_start, recs[-1]))
    line_name = wording.breakdown_label(sent)
    if line_name is not None and not places:
        # "Lagos-64" under "164 new cases;": the name is the item's place, even one the
        # gazetteer lacks
        for r in recs:
            r.place = r.place_text = line_name
            r.place_code = None
    if items_of_head:
        # "Kenema = 1, Kono = 4" under its head line: each name is its item's place, even
        # one the gazetteer lacks
        for r in recs:
            name = wording.item_name(sent, r.start - s.start)
            if name is not None and r.place_text != name:
                known = gaz.lookup(name)
                r.place, r.place_text = (known.name if known else name), name
                r.place_code = known.code if known else None
    carry_date(sent, s.start, dates, recs, main_date, st)
    # the subject's place carries to the next sentences; a breakdown's place does not
    if (
        sentence_place
        and not items_of_head  # "Nsanje: 4, Chikwawa: 3": places of a list, no subject
        and (not nums or sentence_place.start < nums[0].start)
        and _depth(sent, sentence_place.start) == 0  # a parenthesis names no subject
        # "reported from Riyadh (seven cases), Najran (two cases)": a breakdown's first item
        and not rx.match(r"\s*\(\s*(?:\d|[a-z]+\s+cases?\b)", sent[sentence_place.end :])
        # "- Gauteng – 185 288 cases;": a bulleted item's label, not the next item's place
        and not rx.fullmatch(r"\s*[-•*·]\s*", sent[: sentence_place.start])
        and not _UNITS_IN.search(sent, 0, sentence_place.start)
        and carries(sent, sentence_place, places)
        # "from Sindh with 2,310; Punjab with 1,904": the first item of a breakdown
        and not breakdown_item(sent, sentence_place, gaz)
        # "Of the local infections, Gyeonggi accounted for 11, followed by Seoul with nine":
        # the places of a part of a count said before
        and not _PARTITION.match(sent)
        and not part_of_said(sent)  # "Kerala alone reported 8,733 of them"
        and not sibling_subjects(recs, sentence_place.place, gaz)
        # "Seven cases tested positive. Bulawayo Province reported 10 new recoveries.": a
        # part named within a paragraph about the text's place is an aside, not its subject
        and not aside_subject(
            sentence_place, st.place, st.doc_place, st.records, st.para_start, gaz
        )
    ):
        st.place = sentence_place
    elif (
        found := found_in_place(sent, recs, places, items, st.place or st.doc_place, gaz)
    ) is not None:
        st.place = found  # "... have been reported in Gujarat. The total number ...": Gujarat's
    elif recs and places and not goes_on_about(places, st.place, gaz):
        # (a sentence that names no place goes on about the current one: "Delhi reported
        # 1,094 cases. The tally of active cases rose to 3,705")
        st.place = None
    elif recs and _NATIONWIDE.search(sent) and (st.place or st.doc_place) is not None:
        # "Nationally, there were 274 deaths. The deaths were reported in January with 36":
        # the text goes on about the country, not the region named before
        ctx = st.place or st.doc_place
        st.place = (country_mention(ctx, gaz) if ctx is not None else None) or st.place
    if recs and (country := inside_and_outside(places, gaz)) is not None:
        st.place = country  # "565 in Dhaka city and 299 outside Dhaka": the country's figures
    parts_of_last_head(items, recs, sent, st)
    align_compared(recs)  # "more than the 212 deaths recorded in the same period last year"
    heads = [it for it in items if it.parent is None and it.record is not None]
    if heads:
        st.last_head = heads[0].record
        flows = [it.record for it in heads if it.record is not None and not it.record.stock]
        if flows:
            st.last_flow_head = flows[0]
    return recs


def _whole_before(item: _Item, st: _State) -> Record | None:
    """The count of an earlier sentence that ``item`` is a part of ('Of them, ...')."""
    if item.parent is not None:
        par = item.parent
        return par.record if par.num.end == 0 else None
    return st.last_head


def _parent(items: list[_Item], st: _State, anaphoric: bool, n: Number, sent: str) -> _Item | None:
    """The count a list item or breakdown belongs to: the last head count before it in the
    sentence, else (for 'Among them, ...') the previous sentence's."""
    for it in reversed(items):
        if it.record is not None and it.num.end <= n.start:
            return (
                it
                if it.parent is None
                else (it.parent if it.category == it.parent.category else it)
            )
    if anaphoric and st.last_head is not None:
        fake = _Item(
            Number(0, 0, st.last_head.value, None, "exact", ""),
            cat.Typing(st.last_head.category, True, st.last_head.stock),
        )
        fake.category = st.last_head.category
        fake.record = st.last_head
        return fake
    return None
