"""Category classes of the bulletin extractor found in the dev8 round, each checked on an
invented sentence: list items after a colon, flows before a total in the same sentence,
breakdown items under the head of their own clause, heads named without a numeral."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _cv(text: str, pub: str) -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_items_after_a_colon_inherit_the_head_whose_noun_ends_at_the_colon() -> None:
    text = (
        "The ministry announced 41 more H1N1-related deaths: 12 from Sofala, 20 from "
        "Nampula and 9 from Zambezia."
    )
    got = _cv(text, "2019-04-02")
    assert {
        ("deaths_new", 41),
        ("deaths_new", 12),
        ("deaths_new", 20),
        ("deaths_new", 9),
    } <= got
    assert not any(c == "deaths_cumulative" for c, _ in got)
