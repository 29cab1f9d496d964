"""Property-based fuzzing of the bulletin parser (issue 12), on a fixed, derandomised budget.

Reports are generated from the pieces real bulletins are made of (numbers in every written form,
hedges, zeros, dates, weekdays, places, category nouns, Chinese wording and numerals) glued
together with random punctuation and junk, plus raw random text. Whatever comes in, the parser
either refuses the text with an :class:`InputError` or returns well-formed records: never another
exception, never a value outside int64, never evidence that is not in the text.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from flareup.errors import InputError
from flareup.ingest.bulletin import check_text, extract

INT64_MAX = 2**63 - 1

PIECES = [
    "new cases",
    "confirmed cases",
    "asymptomatic infections",
    "deaths",
    "died",
    "recovered",
    "discharged",
    "close contacts",
    "under medical observation",
    "tested",
    "tests",
    "imported",
    "local",
    "locally transmitted",
    "suspected",
    "hospitalised",
    "in total",
    "cumulative",
    "so far",
    "bringing the total to",
    "up from",
    "a day earlier",
    "yesterday",
    "today",
    "on Saturday",
    "on Nov. 7",
    "from 3 May to Friday",
    "in the past 24 hours",
    "more than",
    "about",
    "nearly",
    "up to",
    "at least",
    "no",
    "zero",
    "none",
    "without",
    "million",
    "1.3 million",
    "12 345",
    "150-200",
    "forty-one",
    "a dozen",
    "thousand",
    "Xinjiang",
    "Kashgar",
    "Shufu County",
    "China",
    "the Chinese mainland",
    "Beijing",
    "WHO",
    "Xinjiang Production and Construction Corps",
    "BEIJING, Oct 25 (Reuters) -",
    "globally",
    "新增确诊病例",
    "无症状感染者",
    "转为确诊",
    "现有",
    "累计",
    "例",
    "其中",
    "新疆",
    "喀什地区",
    "疏附县",
    "十二",
    "三十九",
    "一百零五",
    "九" * 30,
    "0",
    "99999999999999999999999",
    "99999999999 days later",
    "On 9999-12-31",
    "On 0001-01-01",
    "Feb. 30",
    "(",
    ")",
    ";",
    ",",
    ".",
    ":",
    "—",
    "\n",
    "\n\n",
    "%",
    "per cent",
]
numbers = st.one_of(
    st.integers(0, 10**25).map(str),
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.floats(0, 1e4, allow_nan=False).map(lambda x: f"{x:.2f}"),
)
pieces = st.one_of(st.sampled_from(PIECES), numbers, st.text(max_size=12))
reports = st.one_of(
    st.lists(pieces, min_size=1, max_size=40).map(" ".join),
    st.text(max_size=400),
)
dates = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))


@settings(
    max_examples=2500,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=reports, published=dates)
def test_any_text_is_refused_or_read_into_well_formed_records(
    text: str, published: dt.date | None
) -> None:
    try:
        check_text(text, name="fuzz.txt")
        records = extract(text, published)
    except InputError as exc:
        assert str(exc)  # a message that says why
        return
    for r in records:
        assert 0 <= r.value <= INT64_MAX
        assert r.value_max is None or r.value <= r.value_max <= INT64_MAX
        assert text[r.start : r.end] == r.evidence and r.sentence in text
