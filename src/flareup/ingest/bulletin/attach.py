"""Where and when a number belongs in an English sentence: its place (its own phrase, a
parenthesis, a "respectively" list, the clause, places the gazetteer lacks) and its date (its own
comparison, its clause, the sentence, the text)."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.context import (
    _SUBORDINATE,
    _depth,
    _State,
)
from flareup.ingest.bulletin.dates import DateMention, find_dates, masks, shift
from flareup.ingest.bulletin.numbers import Number, find_numbers
from flareup.ingest.bulletin.places import (
    LEVEL_RANK,
    Gazetteer,
    Place,
    PlaceMention,
    gazetteer,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span

_CJK = re.compile(r"[\u4e00-\u9fff]")

_PREP_BEFORE_PLACE = re.compile(
    r"(?:\bin|\bon|\bat|\bacross|\bthroughout|\bwithin|\bfor|\bof|\bfrom|\bby|\beach\s+in|"
    r"\bin\s+both|\band|,|\bwhile|\bwhereas)\s+(?:the\s+)?(?:(?:city|county|province|region|"
    r"prefecture|district|state|capital|eastern|western|northern|southern|northwest|northeast|"
    r"southwest|southeast|central|neighbouring|neighboring|nearby|coastal|provincial|regional|"
    r"national|port|border|(?:north|south)(?:east|west)ern|"
    r"autonomous|[a-z]+-hit|\w+ese|\w+ian|[A-Z]\w+(?:'s|’s))\s+){0,4}(?:of\s+)?$",
    re.IGNORECASE,
)
_FROM_PLACE = re.compile(
    r"\b(?:from|arriving\s+from|returned\s+from|travell?ed\s+from|entered\s+from|via|"
    r"(?:a\s+|his\s+|her\s+|their\s+)?trip\s+to|travell?(?:ed|ing)?\s+to|travel\s+history\s+to|"
    r"visit(?:ed|ing)?|went\s+to|been\s+to|flew\s+to|flights?\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _origin(pre: str) -> bool:
    """Whether the words before a place make it where people came from ('imported from
    Russia'), not where the count was made ('cases were reported from Kerala State')."""
    return bool(_FROM_PLACE.search(pre)) and not re.search(
        r"(?:\b(?:reported|notified|recorded|detected|registered|confirmed)\s+|"
        r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))(?:\s*\([^()]{1,12}\))?"
        r"\s+(?:(?:are|were|is|was)\s+)?|\b(?:are|were)\s+(?:all\s+)?)from\s+(?:the\s+)?$",
        pre,
        re.IGNORECASE,
    )  # "15 are from Mubende, 2 from Kyegegwa": where they were counted


_WORLD_WORDS = re.compile(
    r"\b(?:globally|worldwide|world-wide|around\s+the\s+world|across\s+the\s+world|"
    r"reported\s+to\s+WHO|Member\s+States|multi-country)\b",
    re.I,
)
_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|countrywide|across\s+the\s+country)\b", re.I)


#: "the country had reported 367 cases", "the province also reported three imported cases":
#: a place named by its level, resolved against the text's current place.
_LEVEL_ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?P<level>country|nation|kingdom|province|region|state|prefecture|"
    r"city|municipality|county)(?:'s|’s)?\b(?!\s+(?:of|capital|health|government)\b)",
    re.IGNORECASE,
)
_ANAPHOR_LEVELS = {
    "country": ("country",),
    "nation": ("country",),
    "kingdom": ("country",),
    "province": ("province",),
    "region": ("province",),
    "state": ("province", "state"),
    "prefecture": ("prefecture",),
    "city": ("city", "prefecture", "county"),
    "municipality": ("city", "province", "prefecture"),
    "county": ("county",),
}


def level_anaphora(
    sent: str, places: list[PlaceMention], context: list[PlaceMention], gaz: Gazetteer
) -> list[PlaceMention]:
    """``places`` plus 'the country' / 'the province' / 'the city' resolved to the most
    recently named place that is, or lies in, a place of that level (``context``: earlier
    places, most recent last); nothing when none is."""
    if not context and not places:
        return places
    if not re.search(r"\b(?:the|this|that)\s+[a-z]", sent, re.IGNORECASE):
        return places
    out = list(places)
    for m in _LEVEL_ANAPHOR.finditer(sent):
        if any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out):
            continue
        if re.match(r"\s*(?:of|,)\s*[A-Z]", sent[m.end() : m.end() + 4]):
            continue  # "the city of Foshan": the name follows
        want = _ANAPHOR_LEVELS[m.group("level").lower()]
        hit = None
        for ctx in reversed([*context, *[p for p in places if p.end <= m.start()]]):
            chain = [ctx.place, *gaz.ancestors(ctx.place)]
            if want == ("country",) and not any(p.level == "country" for p in chain):
                country = gaz.by_code.get(ctx.place.country)
                chain += [country] if country is not None else []
            hit = next((p for p in chain if _of_level(p, want)), None)
            if hit is not None:
                break
        if (
            hit is None
            and want == ("country",)
            and not any(p.place.level == "country" or p.place.country for p in [*context, *places])
        ):
            # a text that never names its country ("across the country"): kept as written
            hit = _unnamed_country(m.group(0))
        if hit is not None:
            out.append(PlaceMention(m.start(), m.end(), m.group(0), hit))
    out.sort(key=lambda p: p.start)
    return out


#: Cities that are provinces or countries in the gazetteer: "the city" can be them
_CITY_UNITS = frozenset({"Hong Kong", "Macao", "Singapore"})


def _of_level(p: Place, want: tuple[str, ...]) -> bool:
    """Whether ``p`` is a unit 'the <level>' can name ('the city' is also Beijing, a
    province-level municipality 北京市, and Hong Kong)."""
    if p.level in want:
        return True
    return "city" in want and (p.name_zh.endswith("市") or p.name in _CITY_UNITS)


def _unnamed_country(phrase: str) -> Place:
    """'the country' of a text that names no country: a place known only as written."""
    name = re.sub(r"(?:'s|’s)$", "", phrase.strip())
    return Place(name, "country", "", "", "", "")


def _country_mention(pm: PlaceMention, gaz: Gazetteer) -> PlaceMention | None:
    """The country of a place, as a mention at the same words (for 'nationwide')."""
    if pm.place.level == "country":
        return pm
    for p in gaz.ancestors(pm.place):
        if p.level == "country":
            return PlaceMention(pm.start, pm.end, p.name, p)
    country = gaz.by_code.get(pm.place.country)
    return PlaceMention(pm.start, pm.end, country.name, country) if country else None


def _clause_of(cls: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in cls:
        if a <= pos < b:
            return a, b
    return 0, 0


def _number_date(
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
    c0, c1 = _clause_of(cls, n.start)
    earlier = [o for o in (earlier or []) if o.end <= n.start]
    # the number's own comparison date: "up from 20 a day earlier", "compared with 9 on Monday"
    if is_comparison:
        # "compared to 567 cases, with no death, reported in October 2017"
        own = [d for d in dates if n.end <= d.start <= n.end + 60]
        base = main_date or st.date or fallback
        for d in own:
            if d.role in ("relative", "relcompare"):
                return shift(base, d.offset), None
            if d.value:
                return d.value, None
        if re.search(
            r"\b(?:a\s+)?week\s+(?:earlier|before|ago)|previous\s+week|last\s+week",
            sent[n.end : n.end + 40],
            re.IGNORECASE,
        ):
            return shift(base, -7) or base, None
        # "up from 20 a day earlier", and a bare "fell to 22,253 from 29,907" in a daily
        # report: the number it is compared with is the previous day's
        return shift(base, -1) or base, None
    in_clause = [d for d in dates if c0 <= d.start < c1 and d.role not in ("speech",)]
    if st.stock_hint:
        # a stock is "as of now": "in the past 24 hours" dates the day's flows only
        in_clause = [d for d in in_clause if d.role != "past24"]
        if main_date and any(d.role == "past24" and d.value == main_date for d in dates):
            main_date = fallback = st.pub
    period_start = next((d.value for d in in_clause if d.role == "start" and d.value), None)
    if period_start is None:
        period_start = next((d.value for d in dates if d.role == "start" and d.value), None)
    points = [d for d in in_clause if d.role in ("point", "end", "past24") and d.value]
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
        if own:
            best = own[0]
        elif before_it:
            best = before_it[-1]
        else:
            best = min(points, key=lambda d: abs(d.start - n.start))
        return best.value, period_start
    rel = [d for d in in_clause if d.role == "relative"]
    if rel and (main_date or st.date or st.pub):
        # relative to the sentence's own absolute date, else to the previous sentence's
        absolute = next((d.value for d in dates if d.role in ("point", "end") and d.value), None)
        base = absolute or st.date or st.pub
        return shift(base, rel[0].offset), period_start
    return main_date or fallback, period_start


def _owned(sent: str, d: DateMention, n: Number, earlier: list[Number]) -> bool:
    """Whether date ``d`` sits in the phrase of a number before ``n`` ('546 recorded in
    January to 718'): after that number, before ``n``, with no clause break between."""
    if not re.search(r"\bto\s+$", sent[max(0, n.start - 4) : n.start]):
        return False  # only the 'from X <date> to Y' of a change
    return d.end <= n.start and any(
        o.end <= d.start and not re.search(r"[,;:]", sent[o.end : d.start]) for o in earlier
    )


def _own_places(
    sent: str, n: Number, nxt: int, c1: int, places: list[PlaceMention], t: cat.Typing
) -> list[PlaceMention]:
    """Places in the number's own phrase: '8 in Guangdong', 'one each in Shanxi and
    Sichuan', '11,446 cases ... had been reported in the Hong Kong SAR'."""
    end = min(nxt, c1 if c1 > n.end else len(sent))
    # skip a subordinate "including 205 deaths," to reach the main verb's place
    m = re.match(r"[^,;]*,\s*(?:including|of\s+which|with)\s+", sent[n.end : end + 1])
    out: list[PlaceMention] = []
    for p in places:
        if not (n.end <= p.start < end):
            continue
        if re.match(r"\s*\(\s*\d", sent[p.end : p.end + 6]):
            break  # "6 cases in Bikoro (5) and Wangata (1)": the places of the parts
        if gazetteer().is_demonym(p):
            continue  # "..., the Ugandan health ministry said": who reports, after the count
        pre = sent[max(0, p.start - 60) : p.start]
        authority = re.match(
            r"\s*(?:'s\s+|’s\s+)?(?:Ministry|MOH|Health|health\s+(?:ministry|authorit|commission|department))",
            sent[p.end : p.end + 25],
        )
        if _origin(pre) and not authority:
            continue  # "imported from Russia" is not where the count is
        if re.search(
            r"\b(?:all|both|most|many|some|half|nearly\s+all|almost\s+all|the\s+majority|mostly|"
            r"mainly|largely|majority)(?:\s+of\s+(?:them|which|whom|these|those))?\s+"
            r"(?:were\s+|are\s+)?(?:in|from)\s+(?:the\s+)?$",
            pre,
            re.IGNORECASE,
        ):
            break  # "..., all in Shufu County": where they were, the count stays the subject's
        if not _PREP_BEFORE_PLACE.search(pre) or re.search(r"\bfollowed\s+by\s+$", pre, re.I):
            break  # a new subject ("... and Beijing reported 3", "followed by Pahang with 2")
        if (
            not out
            and re.search(r"(?:\band|,|\bwhile|\bwhereas)\s+(?:the\s+)?$", pre, re.I)
            and re.match(
                r"\s+(?:(?:for|with|had|has|reported|recorded|registered|logged|saw)\b|\(?\d)",
                sent[p.end :],
            )
        ):
            break  # "Seoul accounted for 5 cases and Gyeonggi for 4": Gyeonggi's own count
        if out and not re.match(
            r"^\s*(?:,|and|,\s*and)\s*(?:the\s+(?:[A-Z][\w-]*\s+){0,3}(?:Prefecture|Region|"
            r"County|Province|City|State|District|Municipality)\s+of\s+)?$",
            sent[out[-1].end : p.start],
        ):
            break
        out.append(p)
    del m
    if (
        len(out) > 1
        and n.value != 0
        and not re.search(
            r"\beach\b|\brespectively\b",
            sent[n.end : out[0].start + 1] + sent[out[-1].end : out[-1].end + 15],
        )
    ):
        # "339 cases in Kashgar and Kizilsu": the unit that holds them all, when the
        # gazetteer knows one below the world; else the first named
        common = gazetteer().common_ancestor([p.place for p in out])
        if common is not None and common.level != "world":
            a, b = out[0].start, out[-1].end
            return [PlaceMention(a, b, sent[a:b], common)]
        out = out[:1]
    return out


#: A place the gazetteer does not list, known by its unit word or by the count it heads:
#: "in Bikoro health zone", "the town of Hofuf", "Iboko (25 cases and 5 deaths)".
_UNLISTED = re.compile(
    r"\b(?:(?:town|city|district|county|province|prefecture|village|region|state|municipality|"
    r"township|governorate|department)\s+of\s+(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"|(?P<b>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:health\s+zones?|health\s+districts?|"
    r"districts?|county|counties|provinces?|prefectures?|governorates?|municipality|township|regions?)\b"
    r"|(?P<c>[A-Z][\w'’-]+)\s+(?=\(\s*\d[\d,]*\s*(?:\)|cases?|deaths?|confirmed|suspected)))"
)
_NOT_PLACE_WORDS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "In",
        "On",
        "Of",
        "And",
        "Or",
        "For",
        "With",
        "From",
        "By",
        "As",
        "At",
        "To",
        "Health",
        "Ministry",
        "National",
        "Provincial",
        "Municipal",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "North",
        "South",
        "East",
        "West",
        "New",
        "Other",
        "Each",
        "All",
        "Both",
        "Total",
        "Since",
        "Until",
        "Between",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Case",
        "Cases",
        "Deaths",
        "Death",
        "Figure",
        "Table",
        "Annex",
        "Week",
        "Phase",
        "Level",
        # diseases, case classes and groups of people: "Cholera (45 cases)", "Males (12)"
        "Ebola",
        "Cholera",
        "Measles",
        "Dengue",
        "Malaria",
        "Mpox",
        "Monkeypox",
        "MERS",
        "MERS-CoV",
        "SARS",
        "COVID",
        "COVID-19",
        "Covid-19",
        "Zika",
        "Plague",
        "Polio",
        "Lassa",
        "Marburg",
        "Typhoid",
        "Anthrax",
        "Diphtheria",
        "Meningitis",
        "Influenza",
        "Chikungunya",
        "Nipah",
        "Hepatitis",
        "Rabies",
        "Tuberculosis",
        "Omicron",
        "Delta",
        "Confirmed",
        "Suspected",
        "Probable",
        "Recovered",
        "Males",
        "Females",
        "Male",
        "Female",
        "Children",
        "Adults",
        "Men",
        "Women",
        "Imported",
        "Local",
        "Asymptomatic",
    ]
)


#: "in 27 countries", "from the three countries", "seven endemic countries": a count over a
#: group of countries, kept as written (its members are not each the count's place).
_GROUP = re.compile(
    r"\b(?:the\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|multiple|many|other|these|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:countries|nations|member\s+states|countries\s+and\s+territories)\b",
    re.IGNORECASE,
)


def _group_places(sent: str, out: list[PlaceMention]) -> None:
    """Add the groups of countries named in ``sent`` to ``out`` (a place of their own)."""
    for m in _GROUP.finditer(sent):
        if any(p.start < m.end() and m.start() < p.end for p in out):
            continue
        if not re.search(
            r"\b(?:in|from|across|among|throughout|within|by)\s+$",
            sent[max(0, m.start() - 12) : m.start()],
        ):
            continue  # "2459 cases (390 new) 33 countries": a count of countries
        name = re.sub(r"^the\s+", "", m.group(0), flags=re.IGNORECASE)
        out.append(
            PlaceMention(m.start(), m.end(), m.group(0), Place(name, "region", "", "", "", ""))
        )


#: The Corps reporting its own figures ('The Xinjiang Production and Construction Corps
#: reported 5 cases'); named with the regions ('31 provincial-level regions and the XPCC') it
#: is part of the national count, and inside other names an organisation.
_XPCC_SUBJECT = re.compile(
    r"\b(?:Xinjiang\s+Production\s+and\s+Construction\s+Corps|XPCC)(?:\s*\(XPCC\))?"
    r"(?=\s+(?:has\s+|had\s+|also\s+)?(?:reported|registered|recorded|confirmed|had|saw)\b)"
)
_XPCC = Place("Xinjiang Production and Construction Corps", "province", "CN", "650000", "", "兵团")


def _unlisted_places(
    sent: str, places: list[PlaceMention], known: dict[str, Place] | None = None
) -> list[PlaceMention]:
    """Places named in ``sent`` that the gazetteer lacks, added to ``places``; ``known``
    (names found so far in the text, updated here) lets 'Iboko (25 cases)' in one sentence
    make 'a new case was reported in Iboko' in a later one a place too."""
    out = list(places)
    if "countries" in sent or "nations" in sent or "states" in sent:
        _group_places(sent, out)
    if "Corps" in sent or "XPCC" in sent:
        for m in _XPCC_SUBJECT.finditer(sent):
            if not re.search(r"\band\s+(?:the\s+)?$", sent[max(0, m.start() - 10) : m.start()]):
                out.append(PlaceMention(m.start(), m.end(), m.group(0), _XPCC))
    if known:
        for name, place in known.items():
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", sent):
                if not any(
                    p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out
                ):
                    out.append(PlaceMention(m.start(), m.end(), name, place))
    found: list[tuple[int, int, str]] = []
    for m in _UNLISTED.finditer(sent):
        g = "a" if m.group("a") else ("b" if m.group("b") else "c")
        found.append((m.start(g), m.end(g), m.group(g)))
        if g == "b" and re.search(
            r"(?:zones|districts|counties|provinces|regions)\s*$", m.group(0)
        ):
            # "25 are from Iboko, followed by 21 from Bikoro and four from Wangata health
            # zones": the plural unit word names every place of the list
            head = sent[max(0, m.start() - 160) : m.start()]
            head_at = max(0, m.start() - 160) + max(head.rfind(";"), head.rfind(". ")) + 1
            for w in re.finditer(r"\b(?:in|from)\s+([A-Z][\w'’-]+)", sent[head_at : m.start()]):
                found.append((head_at + w.start(1), head_at + w.end(1), w.group(1)))
    for m in re.finditer(
        r"\b(?:Eastern|Western|Northern|Southern|Central|North[- ]?(?:Eastern|Western)|"
        r"South[- ]?(?:Eastern|Western))\s+Province\b",
        sent,
    ):
        found.append((m.start(), m.end(), m.group(0)))  # "the Eastern Province" (Saudi Arabia)
    for a, b, name in found:
        if name.split()[0] in _NOT_PLACE_WORDS and not name.endswith("Province"):
            continue
        if gazetteer().find(name):
            continue  # a listed place the sentence's most specific one stood for ('China's Xinjiang')
        if any(p.start <= a < p.end or a <= p.start < b for p in out):
            continue
        place = Place(name, "locality", "", "", "", "")
        out.append(PlaceMention(a, b, name, place))
        if known is not None and len(known) < 200:
            known[name] = place
    out.sort(key=lambda p: p.start)
    return out


def _days_between(a: str | None, b: str | None) -> int:
    """Days from ``a`` to ``b`` (ISO days; months and years count from their first day)."""
    if not a or not b:
        return 0
    try:
        da = dt.date.fromisoformat((a + "-01-01")[:10] if len(a) < 10 else a)
        db = dt.date.fromisoformat((b + "-01-01")[:10] if len(b) < 10 else b)
    except ValueError:
        return 0
    return (db - da).days


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\s*")


def _chain(sent: str, nums: list[Number], i: int) -> list[Number]:
    """The numbers listed with ``nums[i]`` after it ("342, 223, 104 and 100"), or []."""
    out: list[Number] = []
    k = i
    while k + 1 < len(nums) and _LIST_SEP.fullmatch(sent[nums[k].end : nums[k + 1].start]):
        k += 1
        out.append(nums[k])
    return out


def _respectively(
    sent: str, nums: list[Number], i: int, places: list[PlaceMention], c0: int, c1: int
) -> PlaceMention | None:
    """'the cities of Xiaogan, Huanggang and Suizhou reported 424, 162 and 128 new cases,
    respectively': the k-th number belongs to the k-th place."""
    if "respectively" not in sent[nums[i].end : c1 if c1 > nums[i].end else len(sent)]:
        return None
    first = i
    while first > 0 and _LIST_SEP.fullmatch(sent[nums[first - 1].end : nums[first].start]):
        first -= 1
    run = [nums[first], *_chain(sent, nums, first)]
    if len(run) < 2:
        return None
    before = [p for p in places if c0 <= p.end <= run[0].start]
    # the places listed together just before the numbers
    listed: list[PlaceMention] = []
    for p in reversed(before):
        if listed and not _LIST_SEP.fullmatch(sent[p.end : listed[0].start]):
            break
        listed.insert(0, p)
    if len(listed) != len(run):
        return None
    return listed[i - first]


def _each_listed(
    sent: str, n: Number, nxt: int, c0: int, places: list[PlaceMention]
) -> list[PlaceMention]:
    """'Johor, Kedah and Perak reported three deaths each', 'followed by Negeri Sembilan and
    Pahang with two each': every place of the list just before the number has that count."""
    if not re.match(r"\s*(?:[\w-]+\s+){0,3}?each\b", sent[n.end : nxt]):
        return []
    before = [p for p in places if c0 <= p.end <= n.start]
    listed: list[PlaceMention] = []
    for p in reversed(before):
        if listed and not _LIST_SEP.fullmatch(sent[p.end : listed[0].start]):
            break
        if not listed and not re.fullmatch(
            r"\s*(?:(?:each\s+)?(?:reported|recorded|registered|logged|confirmed|had|saw|has|have)"
            r"(?:\s+\w+)?|with|\(|:)?\s*",
            sent[p.end : n.start],
        ):
            break
        listed.insert(0, p)
    return listed if len(listed) > 1 else []


def _paren_place(sent: str, n: Number, places: list[PlaceMention]) -> PlaceMention | None:
    """'Riyadh (7 cases), Najran (3 cases)', 'Beijing (1 case, 0 death)': the place right
    before the parenthesis holding the number."""
    open_at = sent.rfind("(", 0, n.start)
    if open_at < 0 or sent.rfind(")", 0, n.start) > open_at:
        return None
    if not re.fullmatch(r"[^()]{0,25}|[^()]{0,60}:\s*", sent[open_at + 1 : n.start]):
        return None
    for p in places:
        if 0 <= open_at - p.end <= 2:
            return p
    return None


def _nearest_before(places: list[PlaceMention], c0: int, pos: int) -> PlaceMention | None:
    cands = [p for p in places if c0 <= p.start < pos]
    return cands[-1] if cands else None


def _nearest_free_before(
    sent: str, places: list[PlaceMention], c0: int, n: Number, nums: list[Number]
) -> PlaceMention | None:
    """The nearest place before ``n`` in its clause that is not an earlier breakdown item's
    own ('231 new cases (11 in Guangdong, 1 in Shaanxi, including 10 reclassified cases)':
    the 10 are the 231's, not Shaanxi's)."""
    for p in reversed([p for p in places if c0 <= p.start < n.start]):
        o = next((o for o in reversed(nums) if o.end <= p.start), None)
        if (
            o is not None
            and o.start >= c0
            and re.fullmatch(
                r"\s*(?:[\w-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+(?:,\s*|\s+)){0,6}",
                sent[o.end : p.start],
            )
            and not re.search(
                r"\b(?:including|includ\w+|with|were|was|reported|recorded)\b",
                sent[o.end : p.start],
            )
            and re.search(r"(?:[,;(]|\band|\bincluding)\s*$", sent[max(0, o.start - 12) : o.start])
        ):
            continue  # ", 11 in Guangdong": that item's place
        return p
    return None


def _after_in_clause(
    sent: str, places: list[PlaceMention], n: Number, c1: int, nums: list[Number]
) -> PlaceMention | None:
    """A place later in the clause reached past subordinate counts ('11,446 cases, including
    205 deaths, had been reported in Hong Kong')."""
    for p in places:
        if n.end <= p.start < c1:
            if re.match(r"\s*\(\s*\d", sent[p.end : p.end + 6]):
                return None  # "in Bikoro (5) and Wangata (1)": the places of the parts
            between = sent[n.end : p.start]
            inner = [o for o in nums if n.end <= o.start < p.start]
            if inner and _coordinated(sent, n, inner):
                inner = []  # "1,408 suspected and 44 confirmed cases were reported from X"
            if inner and not all(
                _SUBORDINATE.search(sent[max(0, o.start - 14) : o.start]) for o in inner
            ):
                return None
            authority = re.match(
                r"\s*(?:Ministry|MOH|Health\s+(?:Ministry|Commission|Department))",
                sent[p.end : p.end + 25],
            )
            if authority:
                return p  # "15 additional cases ... from the Saudi Arabia Ministry of Health"
            if re.search(
                r"\b(?:in|on|at|across|(?:reported|notified|recorded|detected)\s+from)\s+(?:the\s+)?$",
                sent[max(0, p.start - 24) : p.start],
                re.IGNORECASE,
            ) and not _origin(sent[max(0, p.start - 40) : p.start]):
                if inner and not re.search(r",\s*(?:had|have|has|were|was|are|is)\b", between):
                    return None
                return p
    return None


def _coordinated(sent: str, n: Number, inner: list[Number]) -> bool:
    """Whether ``inner`` are listed with ``n`` as one subject ('1,408 suspected and 44
    confirmed cases', '12 cases, 3 deaths and 2 recoveries'), no verb between them."""
    prev = n
    for o in inner:
        if not re.fullmatch(
            r"\s*(?:[a-z-]+\s+){0,3}?(?:,\s*(?:and\s+)?|and\s+|or\s+)",
            sent[prev.end : o.start],
            re.IGNORECASE,
        ) or re.search(
            r"\b(?:were|was|are|is|has|have|had|reported|recorded|died|including|of)\b",
            sent[prev.end : o.start],
            re.IGNORECASE,
        ):
            return False
        prev = o
    return True


def _mention_of(rec: Record, places: list[PlaceMention]) -> PlaceMention | None:
    for p in places:
        if p.text == rec.place_text:
            return p
    return None


def heading_place(sent: str, gaz: Gazetteer) -> PlaceMention | None:
    """A line that is only a place ('Globally', 'China:', 'Outside of China'): the place of
    the lines below it."""
    text = sent.strip().rstrip(":").strip()
    if not text or len(text) > 60:
        return None
    m = re.fullmatch(r"(?:outside(?:\s+of)?|excluding)\s+(?:the\s+)?(.+)", text, re.IGNORECASE)
    if m:
        inner = gaz.lookup(m.group(1))
        if inner is None:
            return None
        return PlaceMention(0, len(sent), text, Place(text, "region", "", "", "", ""))
    found = gaz.find(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    if found and found[0].start == 0 and not _CJK.match(text):
        # "South Korea's government is facing criticism": a sentence about the place
        lead = len(sent) - len(sent.lstrip())
        p = found[0]
        return PlaceMention(p.start + lead, p.end + lead, p.text, p.place)
    if found and found[0].start == 0 and _CJK.match(text):
        # "山东无新增本地确诊病例。": a Chinese sentence that opens with its subject
        lead = len(sent) - len(sent.lstrip())
        p = found[0]
        return PlaceMention(p.start + lead, p.end + lead, p.text, p.place)
    return None


def main_place(sent: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The sentence's place: its first, unless people only came from there ('They arrived
    from India and Indonesia')."""
    skipped = None
    for p in places:
        listed = skipped is not None and re.fullmatch(
            r"\s*(?:,\s*)?(?:and\s+|or\s+)?(?:the\s+)?", sent[skipped.end : p.start]
        )
        if not listed and not _origin(sent[max(0, p.start - 40) : p.start]):
            return p
        skipped = p
    return None


#: Where reported speech starts a new statement: "..., said the report, adding that ..."
_SPEECH_CUT = re.compile(
    r",\s*(?:adding|noting|saying|and\s+added|and\s+said)\b|\bsaid\s+(?:the\s+)?[\w-]+\s*,",
    re.IGNORECASE,
)


def _speaker_place(sent: str, c0: int) -> PlaceMention | None:
    """The place of whoever speaks just before a clause of reported speech ('the Xinjiang
    health commission said, adding that 19 ...': Xinjiang's)."""
    if c0 <= 0 or not re.search(
        r"\b(?:adding|noting|saying|added|said)\s*$", sent[max(0, c0 - 12) : c0]
    ):
        return None
    m = re.search(
        r"(?:^|[,;:])\s*(?P<who>[^,;:]{3,60}?)\s+(?:said|added)\s*,?\s*\w+\s*$", sent[:c0]
    )
    if m is None:
        return None
    # looked up on the speaker's own words: a place named with a smaller one in the
    # sentence ("Shufu County of Xinjiang, the Xinjiang health commission said") is kept
    found = gazetteer().find(m.group("who"))
    if not found:
        return None
    p = found[-1]
    off = m.start("who")
    return PlaceMention(off + p.start, off + p.end, p.text, p.place)


def _outer_clauses(sent: str, cls: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses cut only outside parentheses: in 'Liberia, 174 cases (70 confirmed, and 62
    suspected) and 106 deaths' the 62 and the 106 are still in Liberia's clause."""
    out: list[tuple[int, int]] = cls
    if "(" in sent or "（" in sent:
        out = []
        for a, b in cls:
            if out and _depth(sent, a) > 0:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
    if "," in sent:
        # "..., said the report, adding that no new deaths ...": reported speech, a new clause
        for m in _SPEECH_CUT.finditer(sent):
            cut = m.end()
            out = [
                piece
                for a, b in out
                for piece in (((a, cut), (cut, b)) if a < cut < b else ((a, b),))
            ]
    return out


def number_places(
    sent: str,
    nums: list[Number],
    i: int,
    nxt: int,
    cls: list[tuple[int, int]],
    places: list[PlaceMention],
    t: cat.Typing,
    parent: Record | None,
    parent_end: int,
    is_comparison: bool,
    sentence_place: PlaceMention | None,
    st: _State,
    gaz: Gazetteer,
) -> tuple[list[PlaceMention | None], tuple[str | None, str | None, str | None] | None]:
    """The place(s) of ``nums[i]``: its own phrase's ('8 in Guangdong'), a 'worldwide', the
    places listed before an 'each', the place before its parenthesis, its 'respectively'
    place; else its head count's (``parent``: the record of the count it is an item of,
    ``parent_end`` where that count ends in the sentence, 0 when it is in an earlier sentence),
    the nearest before it in its clause, a place after it in its clause, the sentence's
    subject, 'nationwide', the text's. Returns (targets, None), or ([], (place, place_text,
    code)) when it takes its head count's place as recorded."""
    n = nums[i]
    c0, c1 = _clause_of(_outer_clauses(sent, cls), n.start)
    own = _own_places(sent, n, nxt, c1, places, t)
    if not own:
        world = _WORLD_WORDS.search(sent, c0, c1 if c1 > c0 else len(sent))
        if (
            world is not None
            and world.group(0).lower().startswith("reported")
            and st.doc_place is not None
            and st.doc_place.place.rank >= LEVEL_RANK["country"]
            and st.doc_place.place.level not in ("region", "world")
        ):
            world = None  # "216 cases were reported to WHO" in a report on Madagascar
        if world is not None:
            wp = gaz.lookup("World")
            if wp is not None:
                own = [PlaceMention(world.start(), world.end(), world.group(0), wp)]
    if len(own) < 2:
        each = _each_listed(sent, n, nxt, c0, places)
        if each:
            own = each
    paren = _paren_place(sent, n, places)
    if paren is not None:
        own = [paren]
    resp = _respectively(sent, nums, i, places, c0, c1)
    if resp is not None:
        own = [resp]
    if own:
        return list[PlaceMention | None](own), None
    pm = None
    if parent is not None and not is_comparison:
        pm = _mention_of(parent, places)
        between = _nearest_before(places, min(c0, parent_end) if parent_end > 0 else c0, n.start)
        if (
            between is not None
            and between.start >= parent_end > 0
            and not re.search(
                r"\d\s+(?:[\w-]+\s+){0,3}(?:in|at|from)\s+(?:the\s+)?$",
                sent[max(0, between.start - 40) : between.start],
            )  # "22 in Xinjiang and 20 imported": that place is the 22's
        ):
            # "Seoul accounted for 5 cases and Gyeonggi for 4": a new subject between
            pm = between
    pm = (
        pm
        or _nearest_free_before(sent, places, c0, n, nums)
        or _speaker_place(sent, c0)
        or _after_in_clause(sent, places, n, c1, nums)
    )
    subject = sentence_place if sentence_place and sentence_place.start < n.start else None
    if (
        subject is not None
        and subject.start > nums[0].start
        and _SPEECH_CUT.search(sent, subject.end, n.start)
    ):
        subject = None  # "5 cases were reported in Shanghai, said the report, adding that ..."
    if pm is None and not is_comparison and parent is None:
        pm = subject
    if pm is None and parent is not None:
        return [], (parent.place, parent.place_text, parent.place_code)
    if pm is None and _NATIONWIDE.search(sent):
        # "Nationwide, ... 704 cases": the country of the text's place
        ctx = st.place or st.doc_place
        pm = _country_mention(ctx, gaz) if ctx is not None else None
    if pm is None:
        pm = subject or (st.place if not places else None) or st.doc_place
    if pm is None:
        pm = _holder_of_later(sent, places, n, gaz)
    return ([pm] if pm is not None else []), None


def _holder_of_later(
    sent: str, places: list[PlaceMention], n: Number, gaz: Gazetteer
) -> PlaceMention | None:
    """For a count the text places nowhere: the unit that holds the places named after it
    ('Of the 30 new cases, 20 were in Lagos, 6 in Abuja': Nigeria's)."""
    later = [p for p in places if p.start >= n.end and p.place.country]
    if not later:
        return None
    ups = []
    for p in later:
        up = gaz.parent_of(p.place) or gaz.by_code.get(p.place.country)
        if up is None:
            return None
        ups.append(up)
    common = gaz.common_ancestor(ups)
    if common is None or common.level in ("world", "region"):
        return None
    return PlaceMention(later[0].start, later[-1].end, common.name, common)


def outside_places(sent: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` less those named to be left out ('excluding Hubei', 'bordering Congo');
    'outside (of) China' is a place of its own, the rest of the world ('Outside of China,
    2,069 cases in 28 countries')."""
    out = []
    for p in places:
        if not _left_out(sent, p):
            out.append(p)
            continue
        m = re.search(
            r"\b(?:outside(?:\s+of)?)\s+(?:the\s+)?$", sent[max(0, p.start - 20) : p.start], re.I
        )
        if m is None or _origin(sent[max(0, p.start - 60) : p.start - len(m.group(0))]):
            continue  # "arriving from outside the mainland": where people came from
        a = p.start - len(m.group(0))
        text = sent[a : p.end]
        name = text[:1].upper() + text[1:]
        out.append(PlaceMention(a, p.end, text, Place(name, "region", "", "", "", "")))
    return out


def _left_out(sent: str, p: PlaceMention) -> bool:
    """'Outside of China', 'excluding Hubei': a place named to be left out."""
    return bool(
        re.search(
            r"\b(?:outside(?:\s+of)?|excluding|except(?:\s+for)?|apart\s+from|beyond|borders?|"
            r"bordering|neighbou?ring)\s+(?:the\s+)?$",
            sent[max(0, p.start - 25) : p.start],
            re.IGNORECASE,
        )
    )


def _first_place(text: str, nums: list[Number], gaz: Gazetteer) -> PlaceMention | None:
    """A sentence's first place before its first number, else its first count's own place
    ('780 cases have been reported in 27 countries')."""
    limit = nums[0].start if nums else len(text)
    named = [p for p in gaz.find(text) if not _left_out(text, p)]
    found = [p for p in named if p.start < limit]
    if found:
        return min(found, key=lambda p: (p.start, -p.place.rank))
    if not nums:
        return None
    _group_places(text, named)
    end = next((n.start for n in nums[1:] if n.start >= nums[0].end), len(text))
    own = [
        p
        for p in sorted(named, key=lambda p: p.start)
        if nums[0].end <= p.start <= end
        and not re.search(r"[;:]|\.\s", text[nums[0].end : p.start])
        and not re.match(r"\s*\(\s*\d", text[p.end : p.end + 6])
        and re.search(
            r"\b(?:in|across|from)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
            r"(?:[A-Z][\w-]*(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?of\s+)?$",
            text[: p.start],
        )
        and not _origin(text[max(0, p.start - 40) : p.start])
    ]
    return own[0] if own else None


def _document_place(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """The text's own place: the first named in its first sentences (headline included)
    before any number (a place after a number is the place of that number's breakdown), or
    the first count's own place; the lead's own place refines the headline's when it lies in
    it ('... in east China' then '... in east China's port city of Qingdao')."""
    doc: PlaceMention | None = None
    for s in sents[:4]:
        if _CJK.search(s.text):
            if doc is not None:
                break
            # "青岛市卫生健康委员会通报", "新疆维吾尔自治区(含兵团)": the first place outside
            # parentheses, before the first count
            first_count = re.search(r"\d+\s*(?:例|人)", s.text)
            zlimit = first_count.start() if first_count else len(s.text)
            zfound = [
                p
                for p in gaz.find(s.text)
                if not p.text.isascii() and p.start < zlimit and _depth(s.text, p.start) == 0
            ]
            if zfound:
                return zfound[0]
            continue
        nums = [
            n
            for n in find_numbers(s.text, masks(s.text, find_dates(s.text, None)))
            if not n.zero_word
        ]
        if doc is not None and not nums:
            continue
        cand = _first_place(s.text, nums, gaz)
        if doc is None:
            doc = cand
            if doc is not None and s.text.rstrip().endswith((".", "!", "?", '"', "”")):
                return doc  # not a headline: the text's first sentence says it
            continue
        # the lead, after the headline: a more specific place of the same text
        if cand is not None and doc.place in gaz.ancestors(cand.place):
            doc = cand
        break
    if doc is not None:
        return doc
    # else the country the text names most often
    counts: dict[str, int] = {}
    first: dict[str, PlaceMention] = {}
    for s in sents:
        for p in gaz.find(s.text):
            if p.place.level == "country" and not _left_out(s.text, p):
                counts[p.place.name] = counts.get(p.place.name, 0) + 1
                first.setdefault(p.place.name, p)
    if counts:
        return first[max(counts, key=lambda k: counts[k])]
    for s in sents:
        # "Dengue spread for the first time in the country in 2000": the one country of a
        # text that names none
        m = _LEVEL_ANAPHOR.search(s.text)
        if m and m.group("level").lower() in ("country", "nation") and not gaz.find(s.text):
            return PlaceMention(m.start(), m.end(), m.group(0), _unnamed_country(m.group(0)))
    return None


def _drop_appositions(sent: str, places: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """'Kashgar, in China's Xinjiang region,': a larger place that only locates the one
    before it is not a place of its own."""
    if len(places) < 2:
        return places
    out: list[PlaceMention] = []
    for p in places:
        prev = out[-1] if out else None
        if (
            prev is not None
            and p.place in gaz.ancestors(prev.place)
            and re.fullmatch(
                r",?\s*(?:in|of)?\s*(?:the\s+)?(?:[\w-]+(?:'s|’s)\s+)?(?:(?:north|south|east|west)\w*\s+)?",
                sent[prev.end : p.start],
                re.IGNORECASE,
            )
            and sent[prev.end : p.start].strip()
        ):
            continue
        if (
            prev is not None
            and re.fullmatch(
                r",\s+(?:the|a|an|its|which\s+is\s+the)\s+[^,;()]{0,60}?\b(?:in|of|around|near|"
                r"outside|across)\s+(?:the\s+)?",
                sent[prev.end : p.start],
                re.IGNORECASE,
            )
            and re.match(r"\s*,", sent[p.end : p.end + 3])
        ):
            continue  # "In Italy, the worst-hit country in Europe, 475 died": Italy's
        out.append(p)
    return out
