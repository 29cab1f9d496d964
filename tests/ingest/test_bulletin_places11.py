"""Where a count belongs (eighth round, from the place-list and place-attachment probes):
each rule checked on invented sentences other than the probes'."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _places(text: str, pub: str = "2021-05-10") -> dict[int, set[str | None]]:
    """value -> the places the extractor gave it."""
    out: dict[int, set[str | None]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.place)
    return out


def test_a_place_written_as_a_label_owns_the_figures_after_its_colon() -> None:
    got = _places("Peru: 3,410 new cases, 88 new deaths; Bolivia: 912 new cases, 17 new deaths.")
    assert got[3410] == got[88] == {"Peru"}
    assert got[912] == got[17] == {"Bolivia"}
