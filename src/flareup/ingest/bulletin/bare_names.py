"""A county-level name the gazetteer reads only with its suffix ('Sixian County', so that a
pinyin name is not read in ordinary words) is, once the text has named it so, read bare in the
rest of that text ('testing had been carried out across Sixian')."""

from __future__ import annotations

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.places import Gazetteer, Place

#: ("the Ejina Banner": Inner Mongolia's county-level banners too)
_SUFFIXED = rx.compile(r"\b([A-Z][a-z'’]{4,}(?:[ -][A-Z][a-z'’]+)?)\s+(?:County|District|Banner)\b")


def learn_bare_names(sent: str, gaz: Gazetteer, known: dict[str, Place]) -> None:
    """Add to ``known`` (the text's places found beyond the gazetteer's bare names) the bare
    name of each 'X County' / 'X District' the gazetteer knows only with its suffix."""
    if " County" not in sent and " District" not in sent and " Banner" not in sent:
        return
    for m in _SUFFIXED.finditer(sent):
        bare = m.group(1)
        if bare in known or gaz.find(bare):
            continue  # (read bare already)
        found = gaz.find(m.group(0))
        if len(found) == 1 and found[0].place.level in ("county", "district"):
            known[bare] = found[0].place
