"""Places a sentence names that are not its counts' place: where someone spoke ('told
reporters in Geneva'), where a share of a count lies ('85 per cent of which are in Europe'),
where a rate is measured ('the regional average of 0.22% in the Western Pacific') and the
nationality of who acts where the sentence is about a place inside that country ('Chinese
authorities announced a lockdown of the city of Kashgar'). Split out of ``place_scope`` along
that seam."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.places import PlaceMention, gazetteer

#: Who acts, after a nationality: "Chinese authorities", "Nigerian health officials"
_ACTOR_AFTER = rx.compile(
    r"\s+(?:health\s+|public\s+health\s+|government\s+|state\s+|local\s+)?"
    r"(?:authorities|officials|government|ministry|ministries|media|state\s+media|"
    r"leaders|police|scientists|experts|health\s+officials)\b",
    re.IGNORECASE,
)


def actor_nationality(sent: str, p: PlaceMention, places: list[PlaceMention]) -> bool:
    """Whether ``p`` is the nationality of who acts ('Chinese authorities announced a
    lockdown of the city of Kashgar in Xinjiang') in a sentence that goes on to name a place
    inside that country: that place, not the country, is what the sentence is about. Alone
    ('Nigerian officials reported 500 new cases') the nationality is the place."""
    gaz = gazetteer()
    return (
        gaz.is_demonym(p)
        and _ACTOR_AFTER.match(sent, p.end) is not None
        and any(
            q.start > p.end
            and not gaz.is_demonym(q)
            and q.place.country == p.place.country
            and q.place != p.place
            for q in places
        )
    )


#: a rate or share just before a place: the place is where it is measured
_RATE_BEFORE = rx.compile(
    r"(?:%|\b(?:average|rate|ratio|proportion|percent(?:age)?)\b)[^.;,]{0,30}$", re.IGNORECASE
)


def rate_place(sent: str, pm: PlaceMention) -> bool:
    """Whether ``pm`` is named for a rate measured there ('higher than the regional average of
    0.22% in the Western Pacific'), which says nothing of where the text's counts are."""
    return _RATE_BEFORE.search(sent, max(0, pm.start - 60), pm.start) is not None


#: Where a statement was made: "in a statement issued in Nairobi", "told reporters in Geneva",
#: "speaking at a news conference in Abuja"
_SPOKEN_IN = rx.compile(
    r"\b(?:(?:statement|briefing|(?:press|news)\s+conference|press\s+release|speech)\s+"
    r"(?:(?:issued|released|given|held|made|delivered)\s+)?|told\s+(?:reporters|journalists|"
    r"a\s+(?:press|news)\s+conference)\s+|speaking\s+(?:to\s+(?:reporters|journalists)\s+)?|"
    # "the WHO spokeswoman Fadela Chaib in Geneva": where the spokesperson speaks from
    r"spokes(?:wo)?man\s+(?:(?:for|of)\s+[^,;.]{1,40}?\s+)?(?:(?-i:[A-Z])[\w'’-]+\s+){0,3})"
    r"(?:in|at)\s+(?:the\s+)?(?:capital\s+(?:city\s+)?)?,?\s*$",
    re.IGNORECASE,
)


#: "85 per cent of which are in Europe", "with a majority of them from Europe": where a share
#: of the count lies, not the count's place
_SHARE_IN = rx.compile(
    r"\b(?:per\s*cent|percent|%|majority|most|half|bulk|share|proportion)\s+"
    r"of\s+(?:which|them|whom|these|those|the\s+cases)\s+"
    r"(?:(?:are|were|is|was|came|come|being|reported)\s+)?(?:in|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: "Bauchi, Niger, Zamfara and Katsina account for 78.1% of 1,956 cases": places (a list of
#: them) whose share of a count is a percentage
_SHARE_AFTER = rx.compile(
    r"(?:\s*(?:,|and)\s*(?:(?-i:[A-Z])[\w'’-]*\s*){1,3})*\s*(?:together\s+)?"
    r"(?:account(?:s|ed)?\s+for|make\s+up|made\s+up|makes\s+up)\s+"
    r"(?:about\s+|over\s+|nearly\s+|around\s+|more\s+than\s+)?[\d.]+\s*(?:%|per\s*cent|percent)\s+of\b",
    re.IGNORECASE,
)


def share_place(sent: str, p: PlaceMention) -> bool:
    """Whether ``p`` is where a share of a count lies ('85 per cent of which are in
    Europe', 'Bauchi and Katsina account for 78.1% of 1,956 cases'); not a listed place with
    its own count ('The majority of the cases are from Kaski (458 cases), Kathmandu (253
    cases), ...')."""
    if rx.match(r"\s*\(\s*\d", sent[p.end : p.end + 6]):
        return False
    if _SHARE_AFTER.match(sent, p.end) is not None:
        return True
    return _SHARE_IN.search(sent, max(0, p.start - 45), p.start) is not None


def spoken_in(sent: str, p: PlaceMention) -> bool:
    """Whether ``p`` is where a statement was made ('told reporters in Geneva')."""
    return _SPOKEN_IN.search(sent, max(0, p.start - 60), p.start) is not None
