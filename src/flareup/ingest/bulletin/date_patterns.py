"""The written forms of dates that :func:`flareup.ingest.bulletin.dates.find_dates` matches.

Month and weekday names (``MONTHS``), the patterns of absolute dates ('27 October 2020',
'Oct. 27', 'October 27, 2020', '2020-10-27', '10月27日'), months and years, month ranges,
reporting months, epi weeks and week spans, weekdays, relative days ('a day earlier', 'two
days later'), times of day (masked out of counts), quarters and halves of a year, and the quick
tests that tell a sentence can hold no date at all. The reading of a sentence is in ``dates``.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
MONTHS.update({m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)})
MONTHS.update({"sept": 9})
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MON2 = r"(?P<mon2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_WD = r"(?P<wd>" + "|".join(_WEEKDAYS) + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"

_ABSOLUTE = [
    # "2020-06-15", "2020/06/15", "2020.6.15"
    rx.compile(
        r"\b" + _YEAR + r"(?:-(?P<m>[01]\d)-(?P<d>[0-3]\d)|(?P<sep0>[/.])(?P<m0>[01]?\d)(?P=sep0)"
        r"(?P<d0>[0-3]?\d))\b"
    ),
    # "15-Jun-2020", "15/06/2020"
    rx.compile(r"\b(?P<d>[0-3]?\d)-" + _MON + r"-" + _YEAR + r"\b", re.IGNORECASE),
    # "15/06/2020", "15.06.2020" (day first; "5/14/2018", which can only be month first, too)
    rx.compile(r"\b(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[0-3]?\d)(?P=sep)" + _YEAR + r"\b"),
    rx.compile(r"(?:" + _YEAR + r"\s*年\s*)?(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"),
    # "27 October 2020", "27-28 October", "(Saturday) 27 Oct"
    rx.compile(
        r"\b(?:"
        + _WD
        + r",?\s+)?(?:the\s+)?"
        + _DAY
        # ("1st -7th August": ordinals on both days)
        + r"(?:\s*(?:-|–|and|to|through|until)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
        r"(?:\s+of)?\s+" + _MON + r"(?!\w)(?:,?\s+" + _YEAR + r")?",
        re.IGNORECASE,
    ),
    # "October 27, 2020", "Oct. 27", "Monday, Oct. 26"
    rx.compile(
        r"\b(?:"
        + _WD
        + r",?\s+)?"
        + _MON
        + r"\s+"
        + _DAY
        + r"\b(?!\s*(?:%|per|cases|people|new|deaths))"
        # "April 20-24", "between April 20 and 24": a period (not "April 20 to 24 new cases")
        r"(?:\s*(?P<j2>-|–|to|through|until|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
        r"(?!\s*(?:[%\d]|[:.h]\s*\d|per\b|percent|(?:new|more|additional|other|others|confirmed|suspected|"
        r"probable|cases?|deaths?|people|persons|patients|infections?|of\s+(?:them|whom|which))\b)))?"
        r"(?:,?\s+" + _YEAR + r")?",
        re.IGNORECASE,
    ),
]
_MONTH_YEAR = rx.compile(
    r"\b(?:(?:early|mid|late|mid-|end\s+of|the\s+end\s+of|beginning\s+of)\s*)?"
    + _MON
    + r"(?:,?\s+"
    + _YEAR
    + r")?\b",
    re.IGNORECASE,
)
_YEAR_ONLY = rx.compile(
    r"\b(?:in|since|during|for|of|throughout)\s+(?:the\s+year\s+)?"
    + _YEAR
    + r"\b(?!\s*(?:-|–)\s*\d)",
    re.IGNORECASE,
)
#: "between January and December", "from March to May 2019": a period of whole months
_MONTH_RANGE = rx.compile(
    r"\b(?:between|from)\s+" + _MON + r"(?:,?\s+(?P<y1>(?:19|20)\d\d))?\s+(?:and|to|through|until|"
    r"till|-|–)\s+" + _MON2 + r"(?:,?\s+" + _YEAR + r")?\b",
    re.IGNORECASE,
)
#: "In the reporting month, six new cases": the month a monthly report covers
_REPORTING_MONTH = rx.compile(
    r"\b(?:in|during|for|over|within|of)\s+the\s+(?:current\s+|present\s+)?reporting\s+month\b",
    re.IGNORECASE,
)
#: "compared to the same period in 2015": the text's day in that year
_SAME_PERIOD = rx.compile(
    # ("the corresponding period in 2016": the same days of that year)
    r"\b(?:same|corresponding)\s+(?:period|time|week|date)\s*$",
    re.IGNORECASE,
)
#: "over the same period last year", "the same time a year earlier": the year before the text's
_SAME_PERIOD_LAST_YEAR = rx.compile(
    r"\b(?:same|corresponding)\s+(?:period|time|week|date)\s+(?:of\s+|in\s+)?(?:last\s+year|the\s+(?:previous|"
    r"preceding|prior)\s+year|a\s+year\s+(?:earlier|ago|before))\b"
    # "up from last year's 840": the figure of the same days a year before
    r"|\blast\s+year(?=['’]s\s+(?:about\s+|some\s+)?\d)",
    re.IGNORECASE,
)
_MORE_YEARS = rx.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<y>(?:19|20)\d\d)\b(?!\s*(?:-|–)\s*\d)")
#: "EPI - Week 32", "epidemiological week 32 of 2022": the week's last day (ISO week, Sunday)
_EPI_WEEK = rx.compile(
    r"(?:\b(?:epi(?:demiological)?|epi-)\s*[-–]?\s*|(?<=\bin\s)|(?<=\bduring\s)|(?<=\bfor\s)|(?<=\bat\s)|(?<=\bby\s)"
    # "125 (week 4)", "since week 52 up to week 6": a bare week number in brackets or as a
    # period's bound is an epi week too
    r"|(?<=\()|(?<=\bsince\s)|(?<=\bto\s)|(?<=\buntil\s)|(?<=\bthrough\s))"
    # ("epidemiological week (EW) 41", "EW 41": the abbreviation PAHO's and others' updates use)
    r"(?:week(?:\s*\(\s*(?-i:EW)\s*\))?|(?<![\w-])(?-i:EW))\s*(?:no\.?\s*)?(?P<w>[1-5]?\d)\b"
    r"(?:\s*(?:of|,)?\s*(?P<wy>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
#: "between EW 51 of 2014 and EW 41 of 2018", "from epidemiological week 1 to week 41 of
#: 2018": a period of epi weeks, each bound with its own year or the last one's
_WEEK_WORD = r"(?:(?:epi(?:demiological)?\s*[-–]?\s*)?week(?:\s*\(\s*(?-i:EW)\s*\))?|(?-i:EW))\s*"
_EPI_WEEK_SPAN = rx.compile(
    # ("since epidemiological week (EW) 27 of 2012 through EW 34 of 2013": PAHO's span)
    r"\b(?:between|from|since)\s+"
    + _WEEK_WORD
    + r"(?P<a>[1-5]?\d)\b(?:\s*(?:of|,)?\s*(?P<ay>(?:19|20)\d\d))?"
    r"\s*(?:and|to|through|until|up\s+to|-|–)\s*" + _WEEK_WORD + r"(?P<b>[1-5]?\d)\b"
    r"(?:\s*(?:of|,)?\s*(?P<wy>(?:19|20)\d\d))?(?![,.]\d)",
    re.IGNORECASE,
)
#: A bare week number as a period's bound ("since week 52 up to week 6")
_WEEK_BOUND = rx.compile(r"\b(?:since|to|until|through)\s+$", re.IGNORECASE)
#: "Since 1st – 18th weeks in 2022", "weeks 1-32 of 2022", "from week 1 to week 47, 2020": a
#: cumulative count over epi weeks
_EPI_WEEKS = rx.compile(
    r"\b(?:(?:epi(?:demiological)?\s*[-–]?\s*)?weeks?\s*(?P<a>[1-5]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to)\s*"
    r"(?:(?:epi(?:demiological)?\s*[-–]?\s*)?week\s*)?(?P<b>[1-5]?\d)(?:st|nd|rd|th)?|(?P<a2>[1-5]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to)\s*(?P<b2>[1-5]?\d)"
    r"(?:st|nd|rd|th)?\s*(?:epi(?:demiological)?\s*)?weeks)\b(?:\s*(?:of|in|,)?\s*(?P<wy>(?:19|20)\d\d))?"
    r"(?![,.]\d)",  # ("week 15, 2022,139 deaths": that year is the number's lead, unmasked)
    re.IGNORECASE,
)
_WEEKDAY_BEFORE = rx.compile(r"\b" + _WD + r"\s+$", re.IGNORECASE)
_WEEKDAY = rx.compile(r"\b" + _WD + r"\b", re.IGNORECASE)
_RELATIVE = rx.compile(
    r"\b(?:(?P<today>today|tonight|this\s+morning|this\s+afternoon|this\s+evening|so\s+far\s+today|"
    r"(?:earlier|later)\s+in\s+the\s+day)"
    r"|(?P<yday>yesterday|last\s+night)"
    r"|(?P<lastmonth>last\s+month|the\s+previous\s+month)"
    r"|(?P<thatyear>(?:in\s+)?(?:that|the\s+same)\s+year)"
    r"|(?P<yearstart>since\s+(?:the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|"
    r"january\s+(?:this\s+year|1(?:st)?\b))|so\s+far\s+this\s+year|this\s+year\s+so\s+far)"
    # "4,500 cases have been recorded this year" (not "in March this year", "earlier this
    # year", whose day is another's, nor "this year's cases" or "cases this year are
    # double", a subject whose day the sentence before gives): the year so far, as of the text's day
    # "during the first half of this year": the half's last day
    r"|(?P<half>(?:the\s+)?(?P<halfw>first|second)\s+half\s+of\s+(?:this|the)\s+year)"
    r"|(?P<thisyear>(?<!\bearlier\s)(?<!\blater\s)\bthis\s+year\b(?!['’]s|\s+(?:are|is|were|was|have|has)\b))"
    r"|(?P<sameprd>(?:in|during|over|for)\s+the\s+same\s+(?:period|time\s+frame|24\s+hours|day)"
    r"(?!\s+(?:of|in|last)\b))"
    r"|(?P<weekend>(?:over|at|during)\s+the\s+weekend|(?:this|last)\s+(?:past\s+)?weekend)"
    r"|(?P<nth>(?<=\bon\s)the\s+(?P<dd>[0-3]?\d)(?:st|nd|rd|th)(?!\s*(?:of\b|[a-z])))"
    r"|(?P<past24>(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:24|twenty-four)\s+hours|in\s+the\s+24\s+hours|past\s+24\s+hours|last\s+24\s+hours|"
    r"(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+day(?!s)|"
    r"24\s+hours\s+(?:to|until|through))"
    r"|(?P<before>(?:a|one|the)\s+day\s+(?:earlier|before)|the\s+previous\s+day|"
    r"the\s+prior\s+day|the\s+preceding\s+day|a\s+day\s+ago|on\s+the\s+eve)"
    r"|(?P<after>(?:a|one|the)\s+day\s+later|the\s+(?:following|next)\s+day|the\s+day\s+after)"
    # ("Thirteen days later": the number words up to twenty)
    r"|(?P<ndays>(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|twenty)\s+days?\s+"
    r"(?P<dir>later|after(?:wards)?|earlier|before|ago))"
    r"|(?P<weekago>a\s+week\s+(?:earlier|before|ago)|the\s+(?:previous|preceding|prior)\s+week|"
    r"last\s+week)"
    r"|(?P<lastn>(?:in|over|during|within|for)\s+the\s+(?P<which>past|last|previous|preceding)\s+"
    r"(?P<nn>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days|weeks)"
    r"|(?:in|over|during)\s+the\s+(?P<which1>past|last)\s+(?P<unit1>week|fortnight)))\b",
    re.IGNORECASE,
)
#: words one of which every alternative of ``_RELATIVE`` needs but 'on the 15th', which
#: needs a day's ordinal
_RELATIVE_WORDS = (
    *("today", "tonight", "this", "yesterday", "night", "month", "year", "january", "same"),
    *("weekend", "hour", "day", "week", "fortnight", "eve"),
)
#: (searched in the lowercased sentence, which is ASCII there: ``rx.has_any`` lets any other
#: through, and a plain character class is scanned faster than a case-blind ``\d``)
_ORDINAL_DAY = rx.compile(r"[0-9](?:st|nd|rd|th)")
#: What every time of ``_TIME`` has after its hour's digit (found by a fast scan first: most
#: sentences have none)
_TIME_HINT = rx.compile(r"\d\s*(?:[:.时点\-—–]|[ap]\.?m)", re.IGNORECASE)
_SMALL_N = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    **{
        w: 11 + k
        for k, w in enumerate(
            [
                *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
                *("seventeen", "eighteen", "nineteen", "twenty"),
            ]
        )
    },
}
_TIME = rx.compile(
    # (an hour's minutes are two digits: '1.068 million' and '12.345' are numbers, not 1.06
    # and 12.34 o'clock)
    r"\b(?:[012]?\d[:.][0-5]\d(?!\d)\s*(?:a\.?m\.?|p\.?m\.?|h|hrs)?|[012]?\d\s*(?:a\.?m\.?|p\.?m\.?)|"
    r"[012]?\d\s*(?:时|点)|0\s*[-—–]\s*24\s*时|[012]?\d\s*:\s*00)",
    re.IGNORECASE,
)


#: "March 21, 22, 23 and 24)": more days of the month, closed by a parenthesis or the end
_DAY_LIST = rx.compile(r"(?:\s*,\s*(?:and\s+)?[0-3]?\d\b)*\s*,?\s*(?:,|and)\s*[0-3]?\d\s*(?:\)|$)")

#: Which of ``_ABSOLUTE`` need a month name (skipped, cheaply, in sentences without one).
_NEEDS_MONTH_NAME = frozenset({1, 4, 5})
#: Which of them needs a '月' (skipped too: without one, it was tried at every digit)
_ZH_MONTH_DAY = 3
#: Which of them need a year's digits (skipped without: ``_YEAR_DIGITS``, a fast scan)
_NEEDS_YEAR = frozenset({0, 1, 2})
_YEAR_DIGITS = rx.compile(r"(?:19|20)\d\d")
_DIGIT = rx.compile(r"\d")
_MONTH_TOKEN = rx.compile(
    r"\b(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|"
    r"sept|september|oct|october|nov|november|dec|december)\b"
)
_WEEKDAY_TOKEN = rx.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|\b)"
)
#: Cheap first look: a sentence without any of these has no date.
_ANY_DATE = rx.compile(
    r"\d|月|日|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|tonight|this|yesterday|last|past|previous|prior|preceding|day|days|week|24|year|"
    r"twenty-four|epi)",
    re.IGNORECASE,
)
_QUARTER = rx.compile(
    r"\bthe\s+(?P<which>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)\s+"
    r"of\s+(?P<y>(?:19|20)\d\d)\b|\bQ(?P<q>[1-4])\s+(?P<y2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_QUARTER_WORDS = ("quarter", "half", "q1", "q2", "q3", "q4")  # (one of which it needs)
#: "in the first three months of 2019", "the first 10 months of 2017": January to that month
_FIRST_MONTHS = rx.compile(
    r"\bthe\s+first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\s+"
    r"months\s+of\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_COUNTS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11,
}  # fmt: skip
#: "the first week of October", "the last week of May 2019": seven days of a month
_WEEK_OF_MONTH = rx.compile(
    r"\bthe\s+(?P<which>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+of\s+"
    r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_ORDINAL_PART = {
    "first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2,
    "third": 3, "3rd": 3, "3": 3, "fourth": 4, "4th": 4, "4": 4, "last": 4,
}  # fmt: skip
