"""Which places a text's sentences name, before any number is attached to one (the text's
own place is ``doc_place``'s): headings ('Globally', 'Outside of China'), a sentence's
subject, where people came from or travelled to (not a count's place), groups of countries
('the three countries'), places the gazetteer lacks ('Bikoro health zone'), the Corps
reporting its own figures, 'the country' / 'the province' / 'the city' anaphora, places named
to be left out ('excluding Hubei') and appositions ('In Italy, the worst-hit country in
Europe,')."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import breakdowns, rx
from flareup.ingest.bulletin.landmarks import is_reference_point
from flareup.ingest.bulletin.not_count_place import (
    actor_nationality,
    rate_place,
    share_place,
    spoken_in,
)
from flareup.ingest.bulletin.numbers import NUMBER_WORDS, Number
from flareup.ingest.bulletin.place_words import NOT_PLACE_WORDS as _NOT_PLACE_WORDS
from flareup.ingest.bulletin.places import (
    Gazetteer,
    Place,
    PlaceMention,
    dateline_end,
    gazetteer,
)

_CJK = rx.compile(r"[\u4e00-\u9fff]")


_FROM_PLACE = rx.compile(
    r"\b(?:from|arriving\s+from|returned\s+from|travell?ed\s+from|entered\s+from|via|"
    # "came back from studies in Alberta", "returned home from a trip to Ontario"
    r"from\s+(?:work|studies|study|school|university|(?:a\s+|his\s+|her\s+|their\s+)?(?:trip|"
    r"holiday|vacation|visit|business\s+trip))\s+(?:in|to|at)|"
    # patients moved for treatment: counted where they are treated
    r"(?:transferred|referred|moved|evacuated)\s+from\s+(?:the\s+)?(?:cit(?:y|ies)|"
    r"provinces?|districts?|count(?:y|ies))\s+of|"
    r"(?:a\s+|his\s+|her\s+|their\s+)?trip\s+to|travell?(?:ed|ing)?\s+to|travel\s+history\s+to|"
    r"visit(?:ed|ing)?|went\s+to|been\s+to|flew\s+to|flights?\s+to|"
    # where a traveller lived before arriving: "a Chinese studying in Britain who arrived"
    r"(?:studying|working|living|staying|residing)\s+in|"
    r"visiting\s+(?:relatives|family|friends)\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _origin(pre: str) -> bool:
    """Whether the words before a place make it where people came from ('imported from
    Russia'), not where the count was made ('cases were reported from Kerala State')."""
    return bool(_FROM_PLACE.search(pre)) and not rx.search(
        r"(?:\b(?:reported|notified|recorded|detected|registered|confirmed)\s+|"
        # "23 cases were reported to WHO from mainland China": the reporting country
        r"\b(?:reported|notified)\s+to\s+(?:WHO|the\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+|"
        # "three cases have been reported, including two deaths, from Ashanti region"
        r"\b(?:reported|notified|recorded|detected|registered|confirmed),?\s*(?:including|of\s+which|"
        r"with)\s+[^,;()]{1,40}(?:,\s*|\s)|"
        r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))(?:\s*\([^()]{1,12}\))?"
        r"\s+(?:(?:are|were|is|was)\s+)?(?:each\s+)?|\b(?:are|were)\s+(?:all\s+)?|"
        # "including 15 deaths from the West Kordofan state": where the deaths were counted
        r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))[\d,]*\s+deaths?\s+"
        r"(?:\([^()]{0,30}\)\s*)?)"
        r"from\s+(?:the\s+)?$",
        pre,
        re.IGNORECASE,
    )  # "15 are from Mubende, 2 from Kyegegwa": where they were counted


#: "the country had reported 367 cases", "the province also reported three imported cases":
#: a place named by its level, resolved against the text's current place.
_LEVEL_ANAPHOR = rx.compile(
    # ("the war-torn country", "the whole country": one describing word may come between)
    r"\b(?:the|this|that)\s+(?:(?:[a-z]+-[a-z]+|whole|entire)\s+)?(?P<level>country|nation|kingdom|province|region|state|prefecture|"
    r"city|municipality|county|district)(?:'s|’s)?\b(?!\s+(?:of|capital|health|government)\b)",
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
    # "Khyber Pakhtunkhwa's Bannu district ... cases in the district": a district outside
    # China is kept as its town (a county in China's gazetteer)
    "district": ("county", "city"),
}


#: "the second-highest toll in Europe", "the most cases in Africa": where a ranking is made,
#: after the place ranked (no count's place unless a number follows it)
_RANK_SCOPE = rx.compile(
    r"\b(?:highest|largest|biggest|worst|most|greatest|deadliest)\b[^,;.()\d]{0,40}?\b(?:in|of)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def level_anaphora(
    sent: str, places: list[PlaceMention], context: list[PlaceMention], gaz: Gazetteer
) -> list[PlaceMention]:
    """``places`` plus 'the country' / 'the province' / 'the city' resolved to the most
    recently named place that is, or lies in, a place of that level (``context``: earlier
    places, most recent last); nothing when none is."""
    if not context and not places:
        return places
    if not rx.search(r"\b(?:the|this|that)\s+[a-z]", sent, re.IGNORECASE):
        return places
    out = list(places)
    for m in _LEVEL_ANAPHOR.finditer(sent):
        if any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out):
            continue
        if rx.match(r"\s*(?:of|,)\s*[A-Z]", sent[m.end() : m.end() + 4]):
            continue  # "the city of Foshan": the name follows
        if rx.search(r"(?:'s|’s)$", m.group(0)) and any(
            rx.fullmatch(r"\s+(?:[a-z-]+\s+){0,3}(?:of\s+)?", sent[m.end() : p.start])
            for p in places
            if p.start >= m.end()
        ):
            continue  # "the province's Xuchang City": the place it holds is named
        want = _ANAPHOR_LEVELS[m.group("level").lower()]
        hit = None
        named: str | None = None  # the place's name as written, where it points to one named
        # "URUMQI, July 20 (Xinhua) -- The region reported ...": the dateline's city is no
        # count's place, but 'the region' or 'the city' may point to it or what holds it (not
        # 'the country': a Geneva dateline is no Swiss text), when no other place is of that level
        dl = dateline_end(sent) if want != ("country",) and m.start() < 200 else 0
        city = rx.match(r"\s*([A-Z][A-Za-z .'’-]*?)\s*(?:,|\(|:|—|–|--)", sent[:dl]) if dl else None
        filed = [p for p in gaz.find(city.group(1)) if p.place.level != "country"] if city else []
        for ctx in reversed([*filed, *context, *[p for p in places if p.end <= m.start()]]):
            chain = [ctx.place, *gaz.ancestors(ctx.place)]
            if want == ("country",) and not any(p.level == "country" for p in chain):
                country = gaz.by_code.get(ctx.place.country)
                chain += [country] if country is not None else []
            hit = next((p for p in chain if _of_level(p, want)), None)
            if hit is not None:
                named = ctx.text if hit == ctx.place else None
                break
        if (
            hit is None
            and want == ("country",)
            and not any(p.place.level == "country" or p.place.country for p in [*context, *places])
        ):
            # a text that never names its country ("across the country"): kept as written
            hit = _unnamed_country(m.group(0))
        if hit is not None:
            # ("Lombardy, ... the worst-hit region with 52,000": Lombardy as written)
            out.append(PlaceMention(m.start(), m.end(), named or m.group(0), hit))
    for m in _FORMER_LATTER.finditer(sent):
        # "all in Da Nang and Quang Nam, 7 of them in the former": the first (or last) of
        # the pair named just before
        before = [p for p in places if p.end <= m.start()]
        if len(before) < 2 or not _LIST_JOIN.fullmatch(sent, before[-2].end, before[-1].start):
            continue
        pick = before[-2] if m.group(1).lower() == "former" else before[-1]
        out.append(PlaceMention(m.start(), m.end(), m.group(0), pick.place))
    for m in _CAPITAL.finditer(sent):
        if any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out):
            continue
        if _SPOKEN_BEFORE.search(
            sent, max(0, m.start() - 60), m.start()
        ) or _LEFT_OUT_BEFORE.search(sent, max(0, m.start() - 25), m.start()):
            continue  # "told reporters in the capital", "outside the capital": no count's place
        for ctx in reversed([*context, *[p for p in places if p.end <= m.start()]]):
            country = (
                ctx.place if ctx.place.level == "country" else gaz.by_code.get(ctx.place.country)
            )
            capital = gaz.capital(country) if country is not None else None
            if capital is not None:
                if ctx.place.level != "country" and _names_capital(ctx.place, capital):
                    capital = ctx.place  # "Delhi ... the national capital": Delhi, as named
                out.append(PlaceMention(m.start(), m.end(), m.group(0), capital))
                break
    out.sort(key=lambda p: p.start)
    return out


#: "the former" / "the latter" as a place (not "the former health minister")
_FORMER_LATTER = rx.compile(
    r"\bthe\s+(former|latter)(?=\s*(?:[,.;:)]|$)|\s+(?:on|in|and|while|with|where|as|at|since|"
    r"by|reported|recorded|had|has|was|were)\b)",
    re.IGNORECASE,
)
#: "190 of them in the capital", "the national capital": the capital of the country the text
#: is on (not "the capital, Sanaa", "the capital Harare", "the capital of Hebei": named there)
_CAPITAL = rx.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:national\s+|country(?:'s|’s)\s+)?capital(?:\s+city)?\b"
    r"(?!\s*,?\s*[A-Z]|\s+of\b|'s|’s|-)"
)
_LEFT_OUT_BEFORE = rx.compile(
    r"\b(?:outside(?:\s+of)?|excluding|except(?:\s+for)?|apart\s+from|beyond)\s+$", re.IGNORECASE
)


def _names_capital(named: Place, capital: Place) -> bool:
    """Whether a place named in the text is its country's capital under another form of the
    name ('Delhi' for New Delhi, 'Kuwait City' for Kuwait)."""
    a, b = named.name.lower(), capital.name.lower()
    return named == capital or a == b or rx.search(rf"\b{re.escape(a)}\b", b) is not None


_SPOKEN_BEFORE = rx.compile(
    r"\b(?:statement|briefing|conference|release|reporters|journalists|speaking)\b[^,.;]{0,30}"
    r"\b(?:in|at|from)\s+$",
    re.IGNORECASE,
)


#: Cities that are provinces or countries in the gazetteer: "the city" can be them
_CITY_UNITS = frozenset({"Hong Kong", "Macao", "Singapore"})


def _of_level(p: Place, want: tuple[str, ...]) -> bool:
    """Whether ``p`` is a unit 'the <level>' can name ('the city' is also Beijing, a
    province-level municipality 北京市, and Hong Kong)."""
    if want[0] == "city" and p.level == "county" and p.name_zh[-1:] in ("区", "县", "旗"):
        return False  # (a city's district or a county is no 'city': Hulan District is Harbin's)
    if p.level in want:
        return True
    # ('the district' is no province-level municipality)
    return want[0] == "city" and (p.name_zh.endswith("市") or p.name in _CITY_UNITS)


def _unnamed_country(phrase: str) -> Place:
    """'the country' of a text that names no country: a place known only as written."""
    name = rx.sub(r"(?:'s|’s)$", "", phrase.strip())
    return Place(name, "country", "", "", "", "")


#: Words that qualify a unit word, not name the unit ("the Kirgiz Autonomous Prefecture of
#: Kizilsu", "Hong Kong Special Administrative Region", "the Federal District"): a name
#: before a unit word does not end in one.
_NOT_QUALIFIER = "".join(
    rf"(?<!\b{w})"
    for w in ("Autonomous", "Administrative", "Special", "Capital", "Federal", "Metropolitan")
)
_NUMBER_WORDS = frozenset(NUMBER_WORDS) | {"hundred", "thousand"}
_COMPASS = frozenset(["Eastern", "Western", "Northern", "Southern", "Central"])
#: "(two cases)," or "(1)": a bracketed count of a list item, followed by the next item
_LISTED_COUNT = rx.compile(r"\s*\([^()]{1,20}\)\s*(?:,|and\b|;)")
#: A place the gazetteer does not list, known by its unit word or by the count it heads:
#: "in Bikoro health zone", "the town of Hofuf", "Iboko (25 cases and 5 deaths)".
_UNLISTED = rx.compile(
    r"\b(?:(?:towns?|city|cities|districts?|county|counties|provinces?|prefectures?|villages?|"
    r"regions?|states?|municipality|"
    r"township|governorate|department)\s+of\s+(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    # (the unit word capitalised too, as part of the name: "Wenchi District recorded 49 cases",
    # "Atebubu Municipality", "the Tain District"; a name the gazetteer has is its row)
    r"|(?P<b>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    + _NOT_QUALIFIER
    + r"\s+(?:[Hh]ealth\s+[Zz]ones?|[Hh]ealth\s+[Dd]istricts?|"
    r"[Dd]istricts?|[Cc]ounty|counties|[Pp]rovinces?|[Pp]refectures?|[Gg]overnorates?|[Mm]unicipality|"
    r"[Tt]ownship|[Rr]egions?|[Cc]ommunes?)\b"
    # ("K. Kiaxi (1)": an initial may abbreviate its first word; "Vuhovi (n=1)": a count so written)
    # ("Hafer Albatin (two cases)": two words, and a count in words too)
    r"|(?P<c>(?:[A-Z]\.\s?)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+(?=\(\s*(?:n\s*=\s*)?(?:\d[\d,]*|"
    # ("Federal District (1 fatal case)": a word may qualify the count's noun)
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:\)|(?:[a-z]+\s+)?cases?|deaths?|"
    # ("NCR (3,002 or 24%)": a count with its share)
    r"confirmed|suspected|or\s+[\d.]+\s*%)))"
)


#: An item of a breakdown by place: "500,092 in Punjab", "45 died in Nordavia", "54 were
#: admitted at Korle Bu Hospital" (a facility is the most specific place of its patients)
_LIST_ITEM_IN = rx.compile(
    # (a count in words too: "eight in Kageshwori Manohara, two in Chandragiri")
    r"(?:\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))\s+(?:[a-z]+\s+){0,3}?(?:in|from|at)\s+"
    # (not a capitalised noun after the name: "12 in Chengmai Cases" of a machine translation)
    r"(?P<n>[A-Z][a-z][\w'’]*(?:[\s-](?!(?:Cases?|Deaths?|Patients?)\b)[A-Z][a-z][\w'’]*){0,2})"
)

_FACILITY = rx.compile(r"\b(?:Hospital|Clinic|Health\s+Cent(?:re|er)|Medical\s+Cent(?:re|er))$")


#: "in 27 countries", "from the three countries", "seven endemic countries": a count over a
#: group of countries, kept as written (its members are not each the count's place).
_GROUP = rx.compile(
    r"\b(?:the\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|multiple|many|other|these|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:countries\s+and\s+territories|countries|nations|member\s+states)\b",
    re.IGNORECASE,
)


def _group_places(sent: str, out: list[PlaceMention]) -> None:
    """Add the groups of countries named in ``sent`` to ``out`` (a place of their own)."""
    for m in _GROUP.finditer(sent):
        if any(p.start < m.end() and m.start() < p.end for p in out):
            continue
        if not rx.search(
            r"\b(?:in|from|across|among|throughout|within|by)\s+$",
            sent[max(0, m.start() - 12) : m.start()],
            re.IGNORECASE,
        ) and not rx.match(
            # "14 countries in the region have reported 62,000 cases": the group as subject
            r"(?:\s+(?:in|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+(?:have|has|had)\s+(?:\w+\s+)?"
            r"(?:reported|recorded|confirmed|notified)\b",
            sent[m.end() :],
        ):
            continue  # "2459 cases (390 new) 33 countries": a count of countries
        held = rx.match(r"\s+(?:of|in)\s+(?:the\s+)?", sent[m.end() : m.end() + 12])
        if held is not None and any(
            p.start == m.end() + held.end() and p.place.level in ("region", "world") for p in out
        ):
            continue  # "in 9 of 21 countries of Eastern and Southern Africa": the region's
        if rx.match(r"\s+outside\b", sent[m.end() : m.end() + 10], re.IGNORECASE):
            continue  # "in 14 countries outside of China": the place is the rest of the world
        if rx.search(
            r"\breported\s+to\s+(?:the\s+)?(?:WHO|World\s+Health\s+Organi[sz]ation)\s+"
            r"(?:from|by|in)\s+$",
            sent[max(0, m.start() - 60) : m.start()],
        ):
            continue  # "780 cases were reported to WHO from 27 countries": the world's count
        name = rx.sub(r"^the\s+", "", m.group(0), flags=re.IGNORECASE)
        out.append(
            PlaceMention(m.start(), m.end(), m.group(0), Place(name, "region", "", "", "", ""))
        )


#: The Corps reporting its own figures ('The Xinjiang Production and Construction Corps
#: reported 5 cases'); named with the regions ('31 provincial-level regions and the XPCC') it
#: is part of the national count, and inside other names an organisation.
_XPCC_SUBJECT = rx.compile(
    r"\b(?:Xinjiang\s+Production\s+and\s+Construction\s+Corps|XPCC)(?:\s*\(XPCC\))?"
    r"(?=\s+(?:has\s+|had\s+|also\s+)?(?:reported|registered|recorded|confirmed|had|saw)\b)"
)


_XPCC = Place("Xinjiang Production and Construction Corps", "province", "CN", "650000", "", "兵团")


_COMPASS_OPEN = frozenset(["North", "South", "East", "West", "Upper", "Lower", "Central"])
_EACH_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
#: "one each in Busan, Gyeonggi and North Gyeongsang": the list after 'each in' or 'each from',
#: also with the verb between ("one case each was reported from Sivasagar, Hojai and ...")
_EACH_OPEN = (
    r"\beach\s+(?:(?:was|were|(?:has|have)\s+been)\s+)?"
    r"(?:(?:reported|recorded|detected|confirmed|registered|notified)\s+)?(?:in|at|from)\s+"
)
_EACH_LIST = rx.compile(
    _EACH_OPEN + rf"(?P<list>{_EACH_NAME}(?:\s*,\s*{_EACH_NAME})*\s*,?\s+and\s+{_EACH_NAME})"
)


#: The subject of a clause that reports its own count: "Nkoranza South also recorded six
#: cases", ", Sene West had two", "and Kintampo North both reported four" (a name of one to
#: three capitalised words, opening the sentence or after a comma, 'and' or 'while').
_SUBJECT_COUNT = rx.compile(
    r"(?:^|[,;]\s*(?:and\s+|while\s+|whereas\s+)?|\band\s+|\bwhile\s+)"
    r"(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?:also\s+|both\s+|each\s+|too\s+)?"
    r"(?:recorded|reported|registered|confirmed|logged|notified|had|has)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|no)\b)"
)


_PERSON_TITLES = frozenset(
    [
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "Prof",
        "Professor",
        "Minister",
        "President",
        "Governor",
        "Director",
        "Secretary",
        "Commissioner",
        "Chief",
        "Sir",
        "Dame",
    ]
)


def _sibling_subjects(
    sent: str, out: list[PlaceMention], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The subjects of a sentence's clauses that each report their own counts ('Atebubu
    Municipality also recorded six cases, Sene West also recorded one case'), three or more,
    where one of them at least is a place (known, or found by its unit word): its siblings
    are places too, as the items of a breakdown are."""
    subjects = list(_SUBJECT_COUNT.finditer(sent))
    if len(subjects) < 3:
        return []  # ("NCDC reported 45 cases, while Lagos reported 20": two may be anyone)
    starts = {p.start for p in out} | {a for a, _, _ in found}
    if not any(m.start("n") in starts for m in subjects):
        return []
    return [
        (m.start("n"), m.end("n"), m.group("n"))
        for m in subjects
        # not an acronym (an authority: "NCDC") nor a person ("Dr Okafor")
        if not any(w.isupper() and len(w) > 1 for w in m.group("n").split())
        and m.group("n").split()[0].rstrip(".") not in _PERSON_TITLES
    ]


def _item_run(sent: str, items: list[re.Match[str]]) -> list[re.Match[str]]:
    """The longest run of breakdown items ('four in Pelkot, two in Sirubari and one in
    Tindhara') that follow each other with only a comma or an 'and' between them."""
    best: list[re.Match[str]] = []
    cur: list[re.Match[str]] = []
    for m in items:
        if cur and not rx.fullmatch(
            r"\s*(?:,|;|and|,\s*and)\s*", sent[cur[-1].end("n") : m.start()]
        ):
            cur = []
        cur.append(m)
        if len(cur) > len(best):
            best = list(cur)
    return best


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
            if not rx.search(r"\band\s+(?:the\s+)?$", sent[max(0, m.start() - 10) : m.start()]):
                out.append(PlaceMention(m.start(), m.end(), m.group(0), _XPCC))
    if known:
        for name, place in known.items():
            for m in rx.finditer(r"\b" + re.escape(name) + r"\b", sent):
                if not any(
                    p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out
                ):
                    out.append(PlaceMention(m.start(), m.end(), name, place))
    found: list[tuple[int, int, str]] = []
    each_listed: set[tuple[int, int, str]] = set()
    each_country = ""  # (the country of the list's known places: its other names' too)
    if "each" in sent:
        # "one each in Busan, Gyeonggi and North Gyeongsang": the names listed with a known
        # place after 'each in' are places too
        for m in _EACH_LIST.finditer(sent):
            names = list(rx.finditer(_EACH_NAME, m.group("list")))
            at = m.start("list")
            sib = next((p for n in names for p in out if p.start == at + n.start()), None)
            if sib is not None:
                each_country = each_country or sib.place.country
                each_listed.update((at + n.start(), at + n.end(), n.group(0)) for n in names)
    found.extend(sorted(each_listed))
    for m in _UNLISTED.finditer(sent):
        g = "a" if m.group("a") else ("b" if m.group("b") else "c")
        found.append((m.start(g), m.end(g), m.group(g)))
        if g == "a" and rx.match(r"\w+(?:s|ies)\s", m.group(0)):
            # "the districts of Ebebiyin and Nsok Nsomo": every name of the list
            pos = m.end(g)
            while more := rx.match(
                r"(?:\s*,\s*|\s+)(?:and\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", sent[pos:]
            ):
                found.append((pos + more.start(1), pos + more.end(1), more.group(1)))
                pos += more.end()
        if g == "b" and rx.search(
            r"(?:zones|districts|counties|provinces|regions)\s*$", m.group(0), re.IGNORECASE
        ):
            # "25 are from Iboko, followed by 21 from Bikoro and four from Wangata health
            # zones": the plural unit word names every place of the list
            head = sent[max(0, m.start() - 160) : m.start()]
            head_at = max(0, m.start() - 160) + max(head.rfind(";"), head.rfind(". ")) + 1
            for w in rx.finditer(r"\b(?:in|from)\s+([A-Z][\w'’-]+)", sent[head_at : m.start()]):
                found.append((head_at + w.start(1), head_at + w.end(1), w.group(1)))
    items = list(_LIST_ITEM_IN.finditer(sent))
    run = _item_run(sent, items)
    if len(run) >= 3:
        # "9 cases in Ramdhunga, four in Pelkot, two in Sirubari and one in Tindhara": three
        # items or more in a row are a breakdown by place, known or not, and so is the place
        # of the count that opens it
        found.extend((m.start("n"), m.end("n"), m.group("n")) for m in run)
        lead = rx.search(
            r"\b(?:in|from|at)\s+(?:the\s+)?([A-Z][a-z][\w'’]*(?:[\s-][A-Z][a-z][\w'’]*){0,2})\s*,\s*$",
            sent[max(0, run[0].start() - 60) : run[0].start()],
        )
        if lead is not None:
            at = max(0, run[0].start() - 60)
            found.append((at + lead.start(1), at + lead.end(1), lead.group(1)))
    if len(items) >= 2 and (
        any(any(p.start == m.start("n") for p in out) for m in items)
        # "51 were admitted at Ba Mission Hospital, 54 at Nadi Hospital, 10 in Sigatoka":
        # facilities named by their unit word are places of a breakdown too
        or sum(bool(_FACILITY.search(m.group("n"))) for m in items) >= 2
    ):
        # "565,975 in Sindh, 500,092 in Punjab ... and 11,432 in Gilgit-Baltistan": an item of
        # a breakdown whose siblings are known places is a place too, also one the gazetteer
        # lacks (not a sibling's)
        found.extend((m.start("n"), m.end("n"), m.group("n")) for m in items)
    # "18 in the South, nine in the Interlake": items in words or with an article too
    found.extend(breakdowns.item_places(sent, [(p.start, p.end) for p in out]))
    found.extend(_sibling_subjects(sent, out, found))
    for m in rx.finditer(
        r"\b(?:Eastern|Western|Northern|Southern|Central|North[- ]?(?:Eastern|Western)|"
        r"South[- ]?(?:Eastern|Western))\s+(?:Province|Division|Region)\b",
        sent,
    ):
        # "the Eastern Province" (Saudi Arabia), "the Western Division" (Fiji)
        found.append((m.start(), m.end(), m.group(0)))
    for a, b, name in found:
        if name.split()[0].lower() in _NUMBER_WORDS:
            continue  # "Three (3) deaths": a number written twice, no place
        if (
            name.split()[0] in _NOT_PLACE_WORDS
            and not name.endswith(("Province", "Division", "Region"))
            # ("one each in Busan and North Gyeongsang": a compass word opens a listed name)
            and not ((a, b, name) in each_listed and name.split()[0] in _COMPASS_OPEN)
            # "Najran (two cases), Eastern (two cases)": a region known by its compass word
            and not (
                name in _COMPASS
                and rx.match(r"\s*\([^()]{1,20}\)", sent[b:])
                and (
                    _LISTED_COUNT.match(sent, b)
                    or rx.search(r"\)\s*(?:,\s*)?(?:and\s+)?$", sent[max(0, a - 12) : a])
                )
            )
        ):
            continue
        if gazetteer().find(name):
            continue  # a listed place the sentence's most specific one stood for ('China's Xinjiang')
        if any(p.start <= a < p.end or a <= p.start < b for p in out):
            continue
        country = each_country if (a, b, name) in each_listed else ""
        place = Place(name, "locality", country, "", "", "")
        out.append(PlaceMention(a, b, name, place))
        if known is not None and len(known) < 200:
            known[name] = place
    out.sort(key=lambda p: p.start)
    return out


#: A place heading its own count: "Region III with 9,448", "Gauteng: 1,204", "Dodoma (137"
_HEADS_COUNT = rx.compile(r"\s*(?:with|:|–|—|\()\s*(?:about\s+|over\s+)?\d")


def breakdown_item(text: str, pm: PlaceMention, gaz: Gazetteer) -> bool:
    """Whether ``pm`` is one item of a breakdown by place ('most cases were reported from
    Region III with 9,448; Region VII with 7,771'): neither the text's place nor the place
    the next sentences go on about, which hold them all."""
    if not _HEADS_COUNT.match(text, pm.end):
        return False
    return sum(1 for p in gaz.find(text) if _HEADS_COUNT.match(text, p.end)) >= 2


def heading_place(sent: str, gaz: Gazetteer) -> PlaceMention | None:
    """A line that is only a place ('Globally', 'China:', 'Outside of China'): the place of
    the lines below it."""
    text = sent.strip().rstrip(":").strip()
    if not text or len(text) > 60 or is_dateline_fragment(sent):
        return None
    m = rx.fullmatch(r"(?:outside(?:\s+of)?|excluding)\s+(?:the\s+)?(.+)", text, re.IGNORECASE)
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
        if actor_nationality(sent, p, places):
            continue
        listed = skipped is not None and rx.fullmatch(
            r"\s*(?:,\s*)?(?:and\s+|or\s+)?(?:the\s+)?", sent[skipped.end : p.start]
        )
        if (
            not listed
            and not _origin(sent[max(0, p.start - 40) : p.start])
            and not _PERSON_OF.match(sent, p.end)
            # "the Seoul capital region", "the Manila metropolitan area": a larger area
            and not rx.match(
                r"\s+(?:capital|metropolitan|metro)\s+(?:region|area)\b", sent[p.end :]
            )
        ):
            return p
        skipped = p
    return None


def carries(sent: str, place: PlaceMention, places: list[PlaceMention]) -> bool:
    """Whether the sentence's place goes on to the next sentences: not the first of a list
    ("Katwa, Butembo and Beni remain hotspots": the list stands for the unit holding them,
    no one of them), nor the town of a laboratory ("samples sent to the national laboratory
    in Cotonou": where specimens were tested, not where the cases are)."""
    # ("Maharashtra, the worst-hit state, reported": an appositive naming the same place
    # is no second item of a list)
    nxt = next((p for p in places if p.start >= place.end and p.place != place.place), None)
    if (
        nxt is not None
        # (not "Yenagoa, Bayelsa State": a larger unit after a place locates it)
        and nxt.place.rank >= place.place.rank
        and _LIST_JOIN.fullmatch(sent, place.end, nxt.start)
    ):
        return False
    if _DATE_ONLY.fullmatch(sent[: place.start] + " " + sent[place.end :]):
        return False  # "05 October 2017 | Abuja –": a press release's dateline
    if place.place.level == "country" and _NATIONAL_BODY.match(sent, place.end):
        # "the Nigeria Centre for Disease Control was notified of a case ... in Yenagoa,
        # Bayelsa State": the authority of the country speaks, the text stays where it was
        return not any(
            p.start > place.end
            and p.place.country == place.place.country
            and p.place.level != "country"
            for p in places
        )
    if rate_place(sent, place):
        return False  # "the regional average of 0.22% in the Western Pacific"
    return not _LABORATORY.search(sent, max(0, place.start - 70), place.start)


#: A country's national health body: "Nigeria Centre for Disease Control", "Kenya's Ministry
#: of Health"
_NATIONAL_BODY = rx.compile(
    r"\s*(?:'s\s+|’s\s+)?(?:(?:National|Federal)\s+)?(?:Cent(?:re|er)s?\s+for\s+Disease\s+"
    r"(?:Control|Prevention)|CDC\b|Ministry\s+of\s+(?:Public\s+)?Health|(?:Public\s+)?Health\s+"
    r"(?:Ministry|Department|Authority|Agency|Institute))",
    re.IGNORECASE,
)
#: What is left of a dateline line without its place: a date and separators
_DATE_ONLY = rx.compile(
    r"(?:[\s\d|,.:;?()–—-]+|(?:st|nd|rd|th)\b|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\b\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b))*"
)
_LIST_JOIN = rx.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
#: "the national laboratory in", "the Institut Pasteur in", "tested at the reference lab of"
_LABORATORY = rx.compile(
    # ("laboratory-confirmed cases in Manitoba": how the cases were confirmed, not a lab)
    r"\b(?:laborator(?:y|ies)|labs?|institut(?:e)?(?:\s+pasteur)?)\b"
    r"(?![\s-]*(?:confirmed|diagnosed|tested)\b)(?:\s*\([^()]{1,15}\))?"
    r"[^,.;()]{0,40}?\s"
    r"(?:in|at|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: "a Taiwan resident", "a Chinese national": a person described by a place is no subject
_PERSON_OF = rx.compile(
    r"\s+(?:residents?|nationals?|citizens?|natives?|students?|travell?ers?|passengers?|"
    r"tourists?|workers?)\b",
    re.IGNORECASE,
)


def outside_places(sent: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` less those named to be left out ('excluding Hubei', 'bordering Congo');
    'outside (of) China' is a place of its own, the rest of the world ('Outside of China,
    2,069 cases in 28 countries')."""
    out = []
    for p in places:
        if spoken_in(sent, p):
            continue  # "..., Kagwe said in a statement issued in Nairobi": where he spoke
        if share_place(sent, p):
            continue  # "5,322 cases, 85 per cent of which are in Europe": a share's place
        if p.place.level != "country" and _LABORATORY.search(sent, max(0, p.start - 70), p.start):
            continue  # "tested positive at the National Laboratory (NPHL) in Khartoum"
        if is_reference_point(sent, p):
            continue  # "a village 40 km from Kisangani": how far it lies, not where
        if not _left_out(sent, p):
            out.append(p)
            continue
        m = rx.search(
            r"\b(?:outside(?:\s+of)?)\s+(?:the\s+)?$", sent[max(0, p.start - 20) : p.start], re.I
        )
        if m is None:
            continue
        pre = sent[max(0, p.start - 60) : p.start - len(m.group(0))]
        if _origin(pre) or rx.search(r"\bfrom\s+$", pre, re.I):
            # "arriving from outside the mainland", "eight, including five from outside the
            # mainland": where people came from; they are counted inside it
            continue
        a = p.start - len(m.group(0))
        text = sent[a : p.end]
        name = text[:1].upper() + text[1:]
        out.append(PlaceMention(a, p.end, text, Place(name, "region", "", "", "", "")))
    return out


_SUBJECT_VERB = rx.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|on\s+\w+\s+)?(?:reported|recorded|confirmed|"
    r"registered|announced|detected|notified)\b",
    re.IGNORECASE,
)


def _left_out(sent: str, p: PlaceMention) -> bool:
    """'Outside of China', 'excluding Hubei': a place named to be left out."""
    m = rx.search(
        # ("on the border with Myanmar", "near its border with Laos": where it lies, too)
        r"\b(?:outside(?:\s+of)?|excluding|except(?:\s+for)?|apart\s+from|beyond|"
        r"borders?(?:\s+with)?|bordering|surrounding|(?P<n>neighbou?ring))\s+(?:the\s+)?$",
        sent[max(0, p.start - 25) : p.start],
        re.IGNORECASE,
    )
    if m is not None and m.group("n") and _SUBJECT_VERB.match(sent, p.end):
        return False  # "Neighbouring Cameroon reported two cases": the subject
    if m is not None and m.group("n") and rx.search(r"\bin\s+(?:the\s+)?\w+\s+$", sent[: p.start]):
        return False  # "a case in the neighbouring Kassala State": where it was
    return m is not None


def _first_place(text: str, nums: list[Number], gaz: Gazetteer) -> PlaceMention | None:
    """A sentence's first place before its first number, else its first count's own place
    ('780 cases have been reported in 27 countries')."""
    limit = nums[0].start if nums else len(text)
    named = [
        p
        for p in gaz.find(text)
        if not _left_out(text, p) and not spoken_in(text, p) and not share_place(text, p)
    ]
    found = [p for p in named if p.start < limit and not actor_nationality(text, p, named)]
    if found:
        return _list_holder(text, min(found, key=lambda p: (p.start, -p.place.rank)), found, gaz)
    if not nums:
        return None
    _group_places(text, named)
    end = next((n.start for n in nums[1:] if n.start >= nums[0].end), len(text))
    own = [
        p
        for p in sorted(named, key=lambda p: p.start)
        if nums[0].end <= p.start <= end
        and not rx.search(r"[;:]|\.\s", text[nums[0].end : p.start])
        and not rx.match(r"\s*\(\s*\d", text[p.end : p.end + 6])
        and rx.search(
            r"\b(?:in|across|from)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
            # ("in east China's port city of Qingdao", "in south China's Guangdong Province")
            r"(?:[A-Z][\w-]*(?:'s|’s)\s+(?:(?:[\w-]+\s+){0,3}?of\s+)?)?$",
            text[: p.start],
        )
        and not _origin(text[max(0, p.start - 40) : p.start])
    ]
    if not own:
        return None
    # (the headline "NCDC records 164 new infections in FCT, 14 States": Nigeria's)
    return units_beyond(text, own[0], gaz) or own[0]


#: "in FCT and 14 States", "in Lagos and five other states": units beyond the one named
_AND_UNITS = rx.compile(
    r"\s*(?:,|\band)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:other\s+)?(?:states|provinces|regions|districts|counties|prefectures|cities|"
    r"governorates)\b",
    re.IGNORECASE,
)


def units_beyond(sent: str, pm: PlaceMention, gaz: Gazetteer) -> PlaceMention | None:
    """'164 new infections in FCT and 14 States': a place named with a number of other units
    of its level stands for the larger unit that holds them all (Nigeria), as a mention up to
    the end of those words; None when no such words follow or no larger unit is known."""
    more = _AND_UNITS.match(sent, pm.end)
    if more is None:
        return None
    up = gaz.parent_of(pm.place) or gaz.by_code.get(pm.place.country)
    if up is None or up.level in ("world", "region") or up == pm.place:
        return None
    return PlaceMention(pm.start, more.end(), sent[pm.start : more.end()], up)


def _list_holder(
    text: str, first: PlaceMention, found: list[PlaceMention], gaz: Gazetteer
) -> PlaceMention:
    """'The outbreak in North Kivu and Ituri provinces': a text about places named as one
    list is about the unit that holds them all (the Democratic Republic of the Congo), when
    the gazetteer knows one below the world; else its first place."""
    listed = [first]
    for p in found:
        if p.start < listed[-1].end:
            continue
        if not rx.fullmatch(
            r"\s*(?:(?:province|district|county|region|state|prefecture)s?\s*)?"
            r"(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?",
            text[listed[-1].end : p.start],
            re.IGNORECASE,
        ) and not (
            # "Benue, Delta, Zamfara, ...": a name the gazetteer lacks between two listed
            rx.fullmatch(
                r",\s*(?:[A-Z][\w'’-]*\s*){1,3},\s*(?:and\s+)?", text[listed[-1].end : p.start]
            )
        ):
            break
        listed.append(p)
    if len(listed) < 2:
        return first
    common = gaz.common_ancestor([p.place for p in listed])
    if (common is None or common.level in ("world", "region")) and len(listed) >= 5:
        # "Benue, ..., Niger, Nasarawa, ...": a list of a country's states with one name
        # another country shares is that country's
        common = _all_but_one_country(listed, gaz)
    if common is None or common.level in ("world", "region"):
        return first
    return PlaceMention(first.start, listed[-1].end, common.name, common)


def _all_but_one_country(listed: list[PlaceMention], gaz: Gazetteer) -> Place | None:
    """The country every listed place but one lies in (the one a name another country has)."""
    codes = [p.place.country for p in listed if p.place.level != "country"]
    for code in set(codes):
        if code and codes.count(code) >= len(listed) - 1:
            return gaz.by_code.get(code)
    return None


#: "BEIJING." before "KAZINFORM - ...": the city a wire filed from, cut off as a sentence
#: (not a heading in capitals, "GLOBALLY" or "CHINA:", which names the lines below it)
_DATELINE_FRAGMENT = rx.compile(r"\s*[A-Z][A-Z'’-]+(?:[ -][A-Z][A-Z'’-]+){0,2}\s*[.,]\s*")


#: "Moscow :" on a line of its own: a city (not a country or a province, which head the lines
#: below them as "China:" does) before a colon
_CITY_COLON = rx.compile(r"\s*([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s*:\s*")


def is_dateline_fragment(sent: str) -> bool:
    """Whether a sentence is only a wire's dateline city in capitals ('BEIJING.') or a city
    with a colon ('Moscow :')."""
    if _DATELINE_FRAGMENT.fullmatch(sent) is not None and len(sent.strip()) > 3:
        return True
    end = dateline_end(sent)
    if end > 0 and not sent[end:].strip() and rx.search(r"\d|/", sent[:end]):
        # "MOSCOW, June 25. /TASS/." split off as a sentence of its own (with its day or
        # agency: a bare "CHINA:" is a heading)
        return True
    m = _CITY_COLON.fullmatch(sent)
    if m is None:
        return False
    place = gazetteer().lookup(m.group(1))
    return place is not None and place.level == "city"


#: "North Kivu and Ituri provinces", "Kasai, Kwango and Kwilu regions": the unit word in the
#: plural after the list names every item of it
_UNITS_AFTER = rx.compile(
    r"\s+(?:provinces|regions|states|counties|districts|prefectures|governorates|"
    r"departments|health\s+zones)\b",
    re.IGNORECASE,
)


#: a zero said before a list of places ("No new cases ... in", "zero deaths in"): it holds
#: for each of them
_ZERO_BEFORE = rx.compile(r"\b(?:[Nn]o|[Zz]ero|[Nn]one|without)\b[^.;:]*$")


def _merge_unit_lists(sent: str, places: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """'The outbreak in the North Kivu and Ituri provinces, with 110 new cases': places listed
    under one plural unit word are one area, the unit that holds them all (not the first of
    them), unless counts are given for each ('..., respectively', '... each')."""
    out: list[PlaceMention] = []
    i = 0
    while i < len(places):
        run = [places[i]]
        while i + len(run) < len(places) and rx.fullmatch(
            r"\s*(?:,\s*(?:and\s+)?|and\s+)", sent[run[-1].end : places[i + len(run)].start]
        ):
            run.append(places[i + len(run)])
        unit = _UNITS_AFTER.match(sent, run[-1].end) if len(run) > 1 else None
        common = gaz.common_ancestor([p.place for p in run]) if unit else None
        if unit is not None and rx.search(_EACH_OPEN + r"(?:the\s+)?$", sent[: run[0].start]):
            # ("one each was reported from A, B and C districts": each place of the list, the
            # last two as well as the first)
            out.extend(run)
            i += len(run)
            continue
        if (
            unit is None
            or common is None
            or common.level in ("world", "region")
            or rx.search(r"\b(?:respectively|each)\b", sent[unit.end() :])
            # "No new cases were reported in Ekiti, Kogi and Kwara states": none in each
            or _ZERO_BEFORE.search(sent, max(0, run[0].start - 80), run[0].start)
        ):
            out.append(places[i])
            i += 1
            continue
        a, b = run[0].start, unit.end()
        out.append(PlaceMention(a, b, sent[a:b], common))
        i += len(run)
    return out


def _drop_appositions(sent: str, places: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """'Kashgar, in China's Xinjiang region,': a larger place that only locates the one
    before it is not a place of its own; places listed under one plural unit word ('North
    Kivu and Ituri provinces') are the unit that holds them."""
    if not places:
        return places
    if len(places) > 1:
        places = _merge_unit_lists(sent, places, gaz)
    out: list[PlaceMention] = []
    for p in places:
        if rx.search(
            r",\s*(?:which\s+is\s+)?(?:home\s+to|near|close\s+to|next\s+to|not\s+far\s+from|"
            r"(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?(?:city\s+of\s+)?$",
            sent[max(0, p.start - 30) : p.start],
            re.IGNORECASE,
        ) and rx.match(r"\s*[,)]", sent[p.end : p.end + 3]):
            continue  # "Maharashtra state, home to Mumbai, reported": locates, not the subject
        prev = out[-1] if out else None
        if (
            prev is not None
            and p.place in gaz.ancestors(prev.place)
            and rx.fullmatch(
                r",?\s*(?:in|of)?\s*(?:the\s+)?(?:[\w-]+(?:'s|’s)\s+)?(?:(?:north|south|east|west)\w*\s+)?",
                sent[prev.end : p.start],
                re.IGNORECASE,
            )
            and sent[prev.end : p.start].strip()
        ):
            continue
        if (
            prev is not None
            and rx.fullmatch(
                r",\s+(?:the|a|an|its|which\s+is\s+the)\s+[^,;()]{0,60}?\b(?:in|of|around|near|"
                r"outside|across)\s+(?:the\s+)?",
                sent[prev.end : p.start],
                re.IGNORECASE,
            )
            # (", the worst-affected country in Latin America with 4.2 million cases,": a
            # with-phrase inside the apposition)
            and rx.match(r"(?:\s+with\s+[^,;()]{1,40}?)?\s*,", sent[p.end : p.end + 50])
        ):
            continue  # "In Italy, the worst-hit country in Europe, 475 died": Italy's
        if (
            out
            and _RANK_SCOPE.search(sent, max(0, p.start - 60), p.start)
            and not rx.search(r"\d", sent[p.end :])
        ):
            continue  # "Italy, with 35,000 deaths, has the second-highest toll in Europe"
        out.append(p)
    return out
