"""Shared by the bulletin rule tests (not collected: no ``test_`` prefix)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def by_value(text: str, pub: str) -> dict[int, set[tuple[str, str | None, str]]]:
    """value -> the (category, date, place) of the records ``extract`` finds in ``text``
    published on ``pub`` (place falls back to the place as written)."""
    out: dict[int, set[tuple[str, str | None, str]]] = {}
    for r in extract(text, pub):
        d = r.to_dict()
        place = str(d.get("place") or d.get("place_text") or "")
        out.setdefault(r.value, set()).add((r.category, d.get("date"), place))
    return out
