"""The bulletin package's regex helpers: the compiled-pattern cache and the keyword
precheck that skips scans which cannot match."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import periods, rx


def test_cache_keys_flags_and_compiled_patterns() -> None:
    assert rx.search(r"case", "CASES", re.IGNORECASE) is not None
    assert rx.search(r"case", "CASES") is None  # same pattern, other flags: its own entry
    compiled = re.compile(r"death", re.IGNORECASE)
    assert rx.search(compiled, "DEATHS") is not None  # its own flags, as re.search does


def test_cache_drops_its_oldest_entry_when_full() -> None:
    for k in range(rx._MAX + 5):
        rx.match(rf"x{k}", f"x{k}")
    assert len(rx._cache) <= rx._MAX
    assert rx.match(r"x0", "x0") is not None


def test_has_any_rules_out_only_ascii_text_without_the_words() -> None:
    assert rx.has_any("In the past WEEK, 12 cases", ("week",))
    assert not rx.has_any("12 cases were reported", ("week", "day"))
    # the Kelvin sign matches 'k' under re.IGNORECASE: non-ASCII text is never ruled out
    assert re.search("week", "wee\u212a", re.IGNORECASE) is not None
    assert rx.has_any("wee\u212a", ("week",))


def test_period_precheck_keeps_every_period() -> None:
    """Each form of a short period still reads as one after the keyword precheck."""
    for text in [
        "In the past 24 hours, 609 people have died",
        "During the last 21 days, a total of 238 cases",
        "in epidemiological week 4",
        "over this period",
        "in February with 32",
        "in the first quarter of 2021",
        "during Q3 2019",
        "in the 5 days to 28 November",
        "from June 5 to July 2",
    ]:
        assert periods._period_matches(text), text
    assert periods._period_matches("12 cases were reported in Lagos") == []
