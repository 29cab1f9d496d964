"""Places: the gazetteer shipped in ``flareup/data/gazetteer/places.csv`` (countries, China's
provinces, prefectures, Xinjiang's counties, the municipalities' districts, US states, large
cities; English and Chinese names; see its SOURCE.md), matched in sentences with organisation
names and datelines masked ('Xinjiang Production and Construction Corps', 'WHO', 'Wuhan
Institute of Virology', 'BEIJING, Oct 27 (Reuters) -' are not where a count belongs).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

import pandas as pd

#: Rank of a level: a higher rank is more specific.
LEVEL_RANK = {
    "world": 0,
    "country": 1,
    "state": 2,
    "province": 2,
    "prefecture": 3,
    "city": 3,
    "county": 4,
    "township": 5,
    "community": 6,
}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    name: str
    level: str
    country: str
    parent: str
    code: str
    name_zh: str

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 3)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a sentence: ``text == sentence[start:end]``."""

    start: int
    end: int
    text: str
    place: Place


#: Organisation and facility names: a place inside them is not the count's place.
_ORG = re.compile(
    r"(?:\b(?:[A-Z][\w'’.-]*\s+){0,4}(?:Production\s+and\s+Construction\s+Corps|Health\s+Commission|"
    r"Commission|Committee|Ministry|Department|Bureau|Center|Centre|Centers|Institute|University|"
    r"College|Hospital|Airport|Daily|Times|Post|News(?:\s+Agency)?|Television|TV|Radio|Broadcasting|"
    r"Government|Council|Office|Authority|Administration|Agency|Corporation|Company|Group|Market|"
    r"Railway|Station|Port)\b(?:\s+(?:of|for)\s+(?:[A-Z][\w'’.-]*\s*){1,5})?"
    r"|\b(?:XPCC|WHO|CDC|NHC|UN|UNICEF|Xinhua|Reuters|AFP|AP|CGTN|CCTV|BBC|CNN|Bloomberg|"
    r"Caixin|SCMP|ECDC|OCHA|IFRC|MSF)\b"
    r"|兵团|新疆生产建设兵团|卫生健康委员会|卫健委|疾控中心)"
)
#: "Ministry of Health of Saudi Arabia", "Kashgar health commission": the health authority
#: of a place reports that place's figures, so these keep their place.
_AUTHORITY_KEEPS = re.compile(
    r"(?:Ministry\s+of\s+(?:Public\s+)?Health|Health\s+Commission|Health\s+Ministry|"
    r"Department\s+of\s+Health|Health\s+Department|health\s+authorities|Health\s+Bureau|"
    r"Government|Commission|Committee|Office|Department|Bureau|Authority|Administration|Council)"
    r"(?!\s+of\s+(?:the\s+)?Xinjiang\s+Production)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{2,40})(?:,\s*[A-Za-z .]{2,30})?\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\((?:Reuters|Xinhua|AP|AFP|Bloomberg|CNN|UPI|ANI|PTI|IANS|Kyodo|Yonhap|dpa|"
    r"Sputnik|TASS|CGTN|ECNS|BERNAMA)\)|\s(?=--|—|–|-\s))\s*(?:-+|—|–)?",
)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (read once)."""
    ref = resources.files("flareup.data.gazetteer").joinpath("places.csv")
    with ref.open("r", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Gazetteer(rows)


class Gazetteer:
    """Names -> places, with one compiled pattern for English and one for Chinese names."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.places: list[Place] = []
        self.by_name: dict[str, list[Place]] = {}
        self.by_code: dict[str, Place] = {}
        for r in rows:
            p = Place(r["name"], r["level"], r["country"], r["parent"], r["code"], r["name_zh"])
            self.places.append(p)
            if p.code:
                self.by_code.setdefault(p.code, p)
            for alias in {p.name, *filter(None, r["aliases"].split("|"))}:
                self.by_name.setdefault(_key(alias), []).append(p)
        for key, cands in self.by_name.items():
            # an exact name beats an alias; China's places before other countries' (the
            # corpus is about China first), the larger unit before the smaller
            cands.sort(key=lambda p: (_key(p.name) != key, p.country != "CN", p.rank))
        en = sorted((k for k in self.by_name if k.isascii()), key=len, reverse=True)
        zh = sorted((k for k in self.by_name if not k.isascii()), key=len, reverse=True)
        self._en = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in en) + r")(?![\w-])",
            re.IGNORECASE,
        )
        self._zh = re.compile("|".join(re.escape(k) for k in zh)) if zh else None

    def lookup(self, name: str) -> Place | None:
        cands = self.by_name.get(_key(name))
        return cands[0] if cands else None

    def parent_of(self, place: Place) -> Place | None:
        if not place.parent:
            return None
        return self.by_code.get(place.parent) or self.lookup(place.parent)

    def ancestors(self, place: Place) -> list[Place]:
        out: list[Place] = []
        p = self.parent_of(place)
        while p is not None and p not in out and len(out) < 6:
            out.append(p)
            p = self.parent_of(p)
        return out

    def find(self, sentence: str, masked: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
        """Places named in ``sentence`` outside organisation names and the dateline."""
        blocked = list(masked or [])
        blocked += org_spans(sentence)
        out: list[PlaceMention] = []
        pats = [self._en] + ([self._zh] if self._zh is not None else [])
        for pat in pats:
            for m in pat.finditer(sentence):
                if any(a <= m.start() < b for a, b in blocked):
                    continue
                txt = m.group(0)
                if txt.isascii() and txt[0].islower() and _key(txt) not in _LOWER_OK:
                    continue  # "turkey", "china" in lower case are rarely the places
                place = self.by_name[_key(txt)][0]
                out.append(PlaceMention(m.start(), m.end(), txt, place))
        out.sort(key=lambda p: p.start)
        return out


_LOWER_OK = {"worldwide", "globally", "global", "the mainland", "mainland china"}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().replace("’", "'"))


def org_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of organisation names whose place words are not places of a count."""
    out = []
    for m in _ORG.finditer(sentence):
        txt = m.group(0)
        if _AUTHORITY_KEEPS.search(txt) and "Corps" not in txt and "兵团" not in txt:
            continue
        out.append((m.start(), m.end()))
    d = _DATELINE.match(sentence)
    if d and d.end() > 0:
        out.append((0, d.end()))
    return out


def dateline_end(text: str) -> int:
    """Where the dateline of a news report ends ('BEIJING, Oct 27 (Reuters) -'), else 0."""
    d = _DATELINE.match(text)
    return d.end() if d else 0


def registry_code(place: Place | None, areas: pd.DataFrame | None) -> str | None:
    """The registry area code of ``place`` where it is a registry area (same GB/T 2260 code,
    or the same English/Chinese name)."""
    if place is None or areas is None or len(areas) == 0:
        return None
    codes = set(areas["code"].astype(str))
    if place.code and place.code in codes:
        return place.code
    for col, val in (("name_zh", place.name_zh),):
        if val and col in areas.columns:
            hit = areas.loc[areas[col].astype(str) == val, "code"]
            if len(hit):
                return str(hit.iloc[0])
    return None
