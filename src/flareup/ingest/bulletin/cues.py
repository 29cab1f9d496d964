"""The English cue words of counts: disease names, noun-phrase modifiers and heads, flow /
stock / active / local / imported cues, the predicate patterns of each category family, and
what marks a part or a non-count (demographic subsets, places, units)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

DISEASE = (
    r"(?:covid(?:[-\s]?19)?|coronavirus|novel\s+coronavirus|sars-cov-2|2019-ncov|ncov|mers(?:-cov)?|"
    r"sars|ebola(?:\s+virus\s+disease)?|evd|cholera|measles|h7n9|h5n1|h1n1|h5n6|h10n3|h3n2|"
    # "121 dengue fever cases", "Lassa fever deaths": the disease's full name
    r"(?:dengue|lassa|typhoid|scarlet|rift\s+valley)(?:\s+(?:ha?emorrhagic\s+)?fever)?|"
    r"avian\s+influenza|bird\s+flu|influenza|flu|mpox|monkeypox|zika|"
    r"(?:bubonic\s+|pneumonic\s+|septic(?:a)?emic\s+)?plague|nipah|"
    r"yellow\s+fever|polio|diphtheria|marburg|chikungunya|hepatitis|meningitis|anthrax|"
    r"awd|acute\s+watery\s+diarrh(?:o)?ea|sari|ili|malaria|rabies|hand,?\s+foot\s+and\s+mouth|"
    r"omicron|delta|virus|disease|covid-related|coronavirus-related|virus-related|"
    r"laboratory-confirmed|lab-confirmed|laboratory\s+confirmed|human|wild|vaccine-derived|"
    r"cvdpv2?|wpv1|ba\.\d|"
    r"mers-related|ebola-related)"
)
_MOD_WORDS = (
    # ("nine sporadic cases", "scattered infections": how they arose, still cases)
    r"(?:new|newly|additional|more|fresh|further|other|confirmed|individual|sporadic|scattered|"
    r"locally[- ](?:transmitted|acquired)|local(?:ly)?|domestic(?:ally(?:\s+transmitted)?)?|"
    r"indigenous|autochthonous|community(?:\s+transmission)?|community-transmitted|homegrown|"
    r"imported|overseas|import-related|travel[- ](?:related|linked|associated)|asymptomatic|symptom-?free|symptomless|symptomatic|suspected|suspect|probable|likely|possible|"
    r"daily|total|cumulative|active|existing|current|critical|severe|serious|mild|earlier|previous|"
    r"discharged|recovered|cured|survived|secondary|close|silent|"
    # "318 clinically-diagnosed cases", "12 epidemiologically linked cases"
    r"(?:clinically|epidemiologically)[- ](?:diagnosed|confirmed|compatible|linked)|diagnosed|"
    r"critically|seriously|severely|ill|positive|reported|recorded|known|related|identified|traced|"
    r"such|similar|of\s+these|recent|latest|the|more\s+than|officially|previously|"
    r"infected|sick|hospitalized|hospitalised|symptomatic|associated|attributable|linked|"
    # "6,000 RT-PCR tests and 3,836 antigen tests": the kind of test
    r"stool|blood|serum|nasal|throat|swab|laboratory|lab|(?:rt[- ]?)?pcr|rdt|antigen|"
    r"rapid|molecular|serological|screening|diagnostic|" + DISEASE + r")"
)
_HEADS = (
    r"(?P<head>cases?|infections?|transmissions?|patients?|deaths?|fatalities|fatality|people|persons?|"
    r"individuals|residents|contacts?|close\s+contacts?|tests?|samples?|specimens?|swabs?|carriers?|"
    r"positives?|recoveries|discharges|hospitali[sz]ations|admissions|victims|citizens|"
    r"(?:test\s+|testing\s+)?results|"
    r"nationals|travel(?:l)?ers|passengers|workers|employees|staff|students|children|"
    r"inmates|pilgrims|migrants|health(?:[\s-]?care)?\s+workers|medical\s+workers|others?|"
    r"ones|more|dead|sufferers|lives|casualties)"
)
_NP = rx.compile(
    r"^\s*(?P<mods>(?:" + _MOD_WORDS + r"[\s,/]+(?:and\s+|or\s+)?)*)" + _HEADS + r"\b",
    re.IGNORECASE,
)
_MODS_ONLY = rx.compile(
    r"^\s*(?P<mods>(?:" + _MOD_WORDS + r"\b[\s,]*(?:and\s+|or\s+)?)+)", re.IGNORECASE
)

_FLOW_CUE = rx.compile(
    r"\b(?:new|newly|additional|more|fresh|further|another|daily|overnight|latest)\b", re.IGNORECASE
)
_STOCK_CUE = rx.compile(
    r"\b(?:total(?:ing|led|ling|ed)?|cumulative(?:ly)?|overall|so\s+far|to\s+date|in\s+all|"
    r"altogether|tally|toll|since|as\s+of|as\s+at|up\s+to\s+now|thus\s+far|until\s+now|"
    r"bringing|taking|raising|pushing|"
    # "Twelve more deaths took the number of fatalities to 1,210"
    r"(?:took|brought|raised|pushed|takes|brings|raises|pushes)\s+(?:the|its|their)\s+(?=[^.;]*\bto\s+$)|"
    r"rose\s+to|risen\s+to|rising\s+to|climbed\s+to|"
    r"climbing\s+to|jumped\s+to|increased\s+to|reached|reaching|stands?\s+at|stood\s+at|"
    r"stagnat(?:es|ed|ing)\s+at|accumulat(?:ed|ing|es)\s+to|"
    r"remain(?:s|ed)?\s+(?:unchanged|steady|stable)\s+at|"
    r"stand\s+at|in\s+total|a\s+total\s+of|the\s+total|grand\s+total|aggregate|"
    r"there\s+have\s+been|have\s+been\s+(?:reported|recorded|confirmed|identified)|"
    r"has\s+(?:now\s+)?(?:reported|recorded|confirmed)\s+a\s+total|ever|"
    r"since\s+the\s+(?:start|beginning|outbreak)|had\s+(?:reported|recorded|confirmed|registered)|"
    r"(?:has|have)\s+been\s+(?:notified|informed)\s+of|(?:has|have|had)\s+seen|"
    r"(?:has|have|had)\s+received\s+(?:information|reports?|notifications?)\s+(?:about|of|on)|"
    r"there\s+(?:are|is|have\s+been|has\s+been|had\s+been)|now\s+(?:have|has))\b",
    re.IGNORECASE,
)
_ACTIVE_CUE = rx.compile(
    r"\b(?:active|existing|remaining|remain(?:s|ed)?|still|currently|current|"
    r"under\s+(?:medical\s+)?treatment|being\s+treated|receiving\s+(?:medical\s+)?treatment|"
    r"in\s+treatment|under\s+care|in\s+care|hospitalized\s+for\s+treatment)\b",
    re.IGNORECASE,
)
#: 'active', 'existing', 'current' cases (not 'the current outbreak'); patients 'still
#: infected', 'still being treated': the noun phrase of a count of cases not yet over
ACTIVE_NP = rx.compile(
    r"\b(?:active|existing|current)\b(?!\s+(?:outbreak|epidemic|pandemic|wave|situation|year|"
    r"week|month|cluster|surge|spike|resurgence|flare-up))|\bstill\s+(?:infected|ill|sick|"
    r"being\s+treated|under\s+treatment|receiving\s+treatment)\b"
)
_LOCAL = rx.compile(
    r"\b(?:local(?:ly)?|domestic(?:ally)?|indigenous|autochthonous|community|homegrown|from\s+the\s+community|"
    r"locally[- ](?:transmitted|acquired))\b",
    re.IGNORECASE,
)
_IMPORTED = rx.compile(
    r"\b(?:imported|overseas|import-related|travel[- ](?:related|linked|associated)|from\s+abroad|"
    r"from\s+outside|"
    r"arriv(?:ing|als?|ed)\s+from|travel(?:l)?ers\s+from|inbound|entering|"
    # "38 were people who entered China from abroad", "people who arrived in Vietnam": the
    # words of the origin may lie past the predicate's window
    r"(?:^|(?<=\s))who\s+(?:had\s+|have\s+)?(?:entered|arrived\s+in|"
    r"came\s+(?:in)?to|flew\s+(?:in)?to)|"
    # "4 cases in returned travellers", "5 in hotel quarantine": found on arrival from abroad
    r"return(?:ed|ing)\s+(?:travel(?:l)?ers|residents|nationals|citizens|overseas)|returnees|"
    # "16 of them for locals and 3 for arrivals", "one new case at the border"
    r"(?:for|among)\s+(?:the\s+)?(?:new\s+)?arrivals|at\s+the\s+border|"
    # "the remaining 126 are of those who have a travel history": infected on a journey
    r"(?:have|has|had|having|with)\s+(?:a\s+)?(?:recent\s+)?(?:foreign\s+|international\s+)?"
    r"travel\s+history|"
    # "11 are people with a history of travel abroad", "7 had a history of travel to Delhi"
    r"(?:have|has|had|having|with)\s+(?:a\s+)?(?:recent\s+)?history\s+of\s+(?:recent\s+)?"
    r"(?:foreign\s+|international\s+)?travel|"
    # "four cases originating outside the province"
    r"originat(?:ing|ed)\s+(?:from\s+)?(?:outside|abroad|overseas|elsewhere)|"
    r"in\s+(?:hotel|managed|mandatory|border)\s+(?:quarantine|isolation)|"
    # "80 caught the virus outside Guangdong", "were infected abroad": infected elsewhere
    r"(?:caught|contracted|acquired|infected|got)\s+(?:with\s+)?(?:(?:the|their|an?)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:outside|abroad|overseas|while\s+travel(?:l)?ing))\b",
    re.IGNORECASE,
)


#: a day or a short period named after a count ("... on Monday", "in the past 24 hours")
_DAY_AFTER = rx.compile(
    r"\b(?:on|since|over)\s+(?:the\s+)?(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec|\d)|\b(?:today|yesterday|overnight|this\s+(?:morning|week))\b|"
    r"\b(?:past|last|previous)\s+(?:24|48|72|\w+\s+)?\s*(?:hours?|days?|week)\b|\bweekend\b",
    re.IGNORECASE,
)


_WHOLE_OF_PART = rx.compile(
    r"(?:\d[\d,.]*(?:\s*(?:million|billion|thousand|lakhs?|crores?))?|\b(?:one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|none|most|all))\s+"
    r"of\s+(?:the|these|those|its|their)\s+$",
    re.IGNORECASE,
)


#: "Total confirmed: 5,104", "new today: 63", "Active: 310": a label before a colon that
#: names the kind of count but no noun
_BARE_LABEL = rx.compile(
    r"(?:^|[;.,(]\s*|\b[A-Z][\w-]*\s+)"
    r"(?P<mods>(?:(?:total|cumulative|new|daily|active|current|local|imported|asymptomatic|"
    r"confirmed|positive|suspected|probable)\s*)+?)"
    r"(?P<when>\s+(?:today|yesterday|(?:in\s+the\s+)?(?:last|past)\s+24\s+hours))?\s*:\s*$",
    re.IGNORECASE,
)


def bare_label(before: str) -> str | None:
    """The noun phrase of a bare label before a count ('Total confirmed: 5,104' -> 'total
    confirmed cases', 'new today: 63' -> 'new cases today'), or None when ``before`` (the
    words up to the count) ends with none."""
    m = _BARE_LABEL.search(before)
    if m is None or not rx.search(
        r"[a-z]", rx.sub(r"(?i)total|cumulative|\s", "", m.group("mods"))
    ):
        return None  # ("8 deaths (total: 2 002)": a bare total is of the count before it)
    return f"{m.group('mods').strip()} cases{m.group('when') or ''}"


def label_stock(label: str, stock: bool | None) -> bool | None:
    """'Recovered: 40,100', 'deaths: 24': a labelled figure without a flow word is a total."""
    if stock is None and names_a_day(label):
        return False  # "Cases today: 63", "Deaths in the past 24 hours: 4": the day's
    if stock is None and not _FLOW_CUE.search(label):
        return True
    return stock


#: ", the health ministry said on Friday": the day of the saying, not of the count
_SAID_ON = rx.compile(
    r",\s*(?:[^,;.()]{0,60}?\s)?(?:said|announced|stated|added|reported|told\s+[\w\s]{1,30}?)\s+"
    r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday)\b[^;.]*",
    re.IGNORECASE,
)


#: ", 15 of them ...", ", including 4 ...": a part after a count, whose words are its own
_PART_AFTER = rx.compile(
    r",\s*(?:(?:\d[\d,]*|[a-z-]+)\s+of\s+(?:them|which|whom|these)|of\s+(?:which|whom)|"
    r"including|among\s+(?:them|which|whom)|"
    r"with(?=\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b))\b",
    re.IGNORECASE,
)


def count_day_after(after: str) -> bool:
    """Whether the words after a count name a day or short period of the count itself: a day
    on which the source spoke ('..., the ministry said on Friday') is not one."""
    after = rx.split(_PART_AFTER, _SAID_ON.sub("", after))[0]
    return _DAY_AFTER.search(after) is not None


#: "(85 deaths in total,) including 4 on Tuesday": a part said of one day
_PART_ON_A_DAY = rx.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:(?:were|was|have\s+been)\s+(?:reported|recorded|confirmed)\s+)?"
    r"(?:on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|overnight|"
    r"(?:in|over)\s+the\s+(?:past|last)\s+(?:24\s+hours|day))\b",
    re.IGNORECASE,
)


def part_on_a_day(after: str) -> bool:
    """Whether a part of a total is said of one day ('including 4 on Tuesday'): that day's
    flow, whatever its whole."""
    return _PART_ON_A_DAY.match(after) is not None


def names_a_day(text: str) -> bool:
    """Whether ``text`` names a day or a short period ('on Monday', 'this week', 'today')."""
    return _DAY_AFTER.search(text) is not None


_PRED_WINDOW = 140

_P = {
    "reclassified": rx.compile(
        r"\b(?:reclassified|re-classified|re-?categori[sz]ed|convert(?:ed|ing)\s+from\s+(?:an?\s+)?asymptomatic|"
        r"previously\s+asymptomatic|changed\s+from\s+asymptomatic|were\s+asymptomatic\s+(?:cases|"
        r"infections|carriers)\s+(?:before|previously)|from\s+(?:the\s+)?asymptomatic|"
        # "64 asymptomatic infections turned into confirmed cases", "one that was previously
        # reported as an asymptomatic case"
        r"(?:turned|converted|changed|transferred|upgraded)\s+(?:in)?to\s+(?:a\s+)?confirmed|"
        # "five people who showed no symptoms were later confirmed as cases"
        r"(?:without|no)\s+symptoms\b[^.;]{0,40}?\b(?:were|was|have\s+been|has\s+been)\s+"
        r"(?:later\s+|subsequently\s+|since\s+|then\s+|now\s+)?(?:confirmed|diagnosed)\s+as\b|"
        # "asymptomatic carriers who later developed symptoms": carriers that became cases
        r"asymptomatic\b[^.;]{0,40}?\b(?:later|subsequently|since|then)\s+(?:developed|showed|"
        r"began\s+(?:to\s+show|showing))\s+(?:\w+\s+)?symptoms|"
        # "4 of which had been asymptomatic carriers": carriers before, confirmed now
        r"(?:had\s+been|were\s+(?:previously|earlier))\s+(?:an?\s+)?asymptomatic\s+(?:carriers?|"
        r"cases?|infections?)|"
        # "six were earlier identified as asymptomatic carriers"
        r"(?:previously|earlier)\s+(?:reported|classified|listed|counted|registered|identified|"
        r"diagnosed)\s+as\s+(?:an?\s+)?"
        r"asymptomatic)\b",
        re.IGNORECASE,
    ),
    "correction": rx.compile(
        r"\b(?:removed|deducted|subtracted|discarded|excluded|revised\s+(?:down|out)|"
        r"taken\s+off|struck\s+off|ruled\s+out)\b",
        re.IGNORECASE,
    ),
    "released_obs": rx.compile(
        r"\b(?:(?:released|discharged|freed|dismissed)\s+from\s+(?:medical\s+)?(?:observation|"
        r"quarantine|isolation)|completed\s+(?:their\s+|the\s+)?(?:[\w-]+\s+)?(?:follow-?up|quarantine|"
        r"observation|monitoring)|"
        # "met the criteria for release from medical observation", "have been relieved"
        r"met\s+the\s+criteria\s+for\s+(?:release|discharge)|"
        r"(?:relieved|lifted)\s+from\s+(?:medical\s+)?(?:observation|quarantine|isolation)|"
        r"(?:have|has|had)\s+been\s+relieved|(?:were|was)\s+relieved(?!\s+(?:of|to|that)\b))\b",
        re.IGNORECASE,
    ),
    "observation": rx.compile(
        r"\b(?:under\s+(?:medical\s+)?(?:observation|quarantine|surveillance|follow-?up|"
        r"monitoring)|in\s+(?:\w+\s+)?quarantine|quarantined|in\s+isolation|isolated|"
        r"self-isolating|being\s+monitored|under\s+(?:home\s+|centrali[sz]ed\s+)?isolation|"
        r"in\s+(?:home|self|hotel|institutional|facility)[\s-]+(?:isolation|quarantine))\b",
        re.IGNORECASE,
    ),
    "death": rx.compile(
        r"\b(?:died|dead|deaths?|killed|fatalities|fatal|succumbed|passed\s+away|lost\s+their\s+lives|"
        # "Three patients have lost the battle with the virus"
        r"lost\s+(?:the|their)\s+(?:[\w-]+\s+)?(?:battle|fight)|"
        r"casualties|"
        r"death\s+toll|toll)\b",
        re.IGNORECASE,
    ),
    "recovered": rx.compile(
        # "584,334 have won their battles against the disease"
        r"\b(?:won\s+(?:the|their)\s+(?:[\w-]+\s+)?(?:battles?|fights?)|"
        r"recovered|recoveries|discharged|cured|survived|survivors|recuperated|(?<!are\s)(?<!is\s)recuperating|released\s+from\s+(?:the\s+)?"
        r"(?:[\w-]+\s+)?hospitals?|left\s+(?:the\s+)?hospital|discharges|"
        # "released after recovery", "sent home following their recovery"
        r"(?:after|following|upon|on)\s+(?:their\s+|full\s+|a\s+full\s+)?recovery)\b",
        re.IGNORECASE,
    ),
    "negative": rx.compile(r"\b(?:tested\s+negative|negative|ruled\s+out)\b", re.IGNORECASE),
    "positive": rx.compile(
        r"\b(?:tested\s+positive|positive|found\s+to\s+be\s+infected|infected)\b", re.IGNORECASE
    ),
    "tested": rx.compile(
        r"\b(?:tested|tests?|screened|sampled|swabbed|samples?|nucleic\s+acid|screenings?)\b",
        re.IGNORECASE,
    ),
    "hospital": rx.compile(
        r"\b(?:hospitali[sz]ed|hospitali[sz]ations?|in\s+hospital|admitted|admissions?|"
        r"in\s+(?:the\s+)?hospital)\b",
        re.IGNORECASE,
    ),
    "severe": rx.compile(
        r"\b(?:severe|serious|critical|critically|seriously|severely|unstable|intensive\s+care|icu|"
        r"ventilators?)\b",
        re.IGNORECASE,
    ),
    "mild": rx.compile(r"\bmild(?:ly)?\b", re.IGNORECASE),
    "suspected": rx.compile(r"\bsuspect(?:ed)?\b", re.IGNORECASE),
    "probable": rx.compile(r"\b(?:probable|likely)\b", re.IGNORECASE),
    "asymptomatic": rx.compile(
        r"\b(?:asymptomatic|without\s+symptoms|carriers?|symptom-?free|symptomless)\b",
        re.IGNORECASE,
    ),
    "contacts": rx.compile(r"\bcontacts?\b", re.IGNORECASE),
    "cases": rx.compile(
        r"\b(?:cases?|infections?|infected|confirmed|patients?|positives?|tested\s+positive)\b",
        re.IGNORECASE,
    ),
}
_SUBSET = rx.compile(
    r"^\s*(?:of\s+(?:them|whom|these|those|the\s+\w+)\s+)?(?:were|are|was|is|being|have|had)?\s*"
    r"(?:aged|men|women|male|female|children|boys|girls|students|health(?:[\s-]?care)?\s+workers|"
    r"medical\s+(?:staff|workers)|nurses?|doctors?|physicians?|midwi(?:fe|ves)|elderly|adults|infants|babies|minors|pregnant|"
    r"under\s+the\s+age|over\s+the\s+age|older\s+than|younger\s+than|years?\b|"
    # "58 reported exposure to poultry": an epidemiological part of the count before
    r"reported\s+(?:a\s+)?(?:history\s+of\s+)?exposure|(?:a\s+)?history\s+of\s+exposure|"
    # "four of the cases are known to have had close contact with poultry", "Four of the
    # cases are close contacts of an imported case": an epidemiological link, a part
    r"(?:known\s+to\s+have\s+had|had|have\s+had)\s+(?:close\s+)?contact\s+with\b|"
    # "Three of the cases had a history of contact with camels"
    r"(?:had|have|has)\s+(?:a\s+)?history\s+of\s+(?:close\s+)?(?:contact|exposure)\b|"
    r"(?:(?<=are\s)|(?<=were\s)|(?<=was\s)|(?<=is\s))(?:all\s+)?(?:the\s+)?close\s+contacts\s+of\b)",
    re.IGNORECASE,
)
#: "36 children have died of measles": a group that is the whole count, not a part of one
_GROUP_COUNT = rx.compile(
    r"\s*(?:children|students|infants|babies|pilgrims|workers)\s+(?:[\w-]+\s+){0,3}?(?:have\s+|had\s+|were\s+|are\s+)?(?:died|been\s+infected|critically\s+ill|"
    r"been\s+hospitali[sz]ed|hospitali[sz]ed|tested\s+positive|fallen\s+ill|fell\s+ill|"
    r"contracted)\b",
    re.IGNORECASE,
)
#: nationality, residence or work status: a demographic part of a count, not a count
_STATUS_SUBSET = rx.compile(
    r"^\s*(?:(?:[\w'’-]+\s+){0,2}(?:pass|permit|visa)\s+holders?|(?:permanent|foreign)\s+"
    r"residents?|foreign(?:ers|\s+nationals|\s+workers)|[A-Z][a-z]+(?:ans|ese|is|os)\b)"
)
_SUBSET_WITH = rx.compile(
    r"\b(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+)?(?:health(?:care|-care)?\s+workers|medical\s+(?:staff|workers)|"
    r"nurses|doctors|children|students|pregnant\s+women)\b[^.;()]*\bwith\s+[^.;()]*$|"
    r"\b(?:\d[\d,]*|[a-z]+)\s+(?:health(?:care|-care)?\s+workers|medical\s+(?:staff|workers)|nurses|"
    r"doctors)\b[^.;()]*\bincluding\s+[^.;()]*$",
    re.IGNORECASE,
)
#: words one of which ``_SUBSET_WITH`` needs (a cheap precheck: it ran for every number)
_SUBSET_WITH_WORDS = ("health", "medical", "nurses", "doctors", "children", "students", "pregnant")
_PARTS_LEAD = rx.compile(
    r"(?:\b(?:comprising|comprised\s+of|consisting\s+of|made\s+up\s+of|including|of\s+whom|"
    r"involv(?:e|es|ed|ing)|includ(?:e|es|ed)|"
    r"among\s+them)\b|\s[-–—:]\s)",
    re.IGNORECASE,
)
_NOT_PEOPLE = rx.compile(
    r"^\s*(?:(?:new|more|other|additional|local|of\s+the|of\s+them)\s+)?"
    # not a preposition: "26,000 in hospitals" are people in hospitals
    # "two previously affected countries": an adverb before the adjective too
    r"(?:[a-z]+ly\s+(?=[a-z-]+\s))?"
    r"(?:(?!(?:in|at|across|within|inside|to)\s)[a-z-]+\s+)?(?:cities|provinces|countries|regions|districts|counties|villages|"
    r"municipalities|states|territories|governorates|prefectures|localities|towns|wards|zones|"
    r"departments|upazilas|"
    r"communities|hospitals|clinics|schools|companies|flights|areas|sites|doses|vaccines|"
    r"shots|beds|rooms|masks|kits|tonnes|tons|kilograms|dollars|yuan|euros|pounds|percent|per\s+cent|"
    r"times|days|weeks|months|years|hours|minutes|clusters|outbreaks|variants|strains|"
    r"lineages|genomes|sequences|mutations|labs|laboratories|teams|experts|officials|"
    r"ministers|meetings|rounds|stations|booths|points|buildings|residential|compounds|"
    r"apartments|households|homes|families|stores|shops|markets|batches|packages|products|"
    r"items|articles|trucks|vehicles|ships|animals|birds|poultry|pigs|camels|cattle|"
    r"chickens|farms|mosquitoes|specimens\s+of\s+animals)\b",
    re.IGNORECASE,
)
