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
import unicodedata
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from flareup.ingest.bulletin import rx

#: Rank of a level: a higher rank is more specific.
LEVEL_RANK = {
    "world": 0,
    "region": 1,  # WHO regions and continents
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
_ORG = rx.compile(
    # "the National Institute of Virology in Pune": where the laboratory is, not the cases
    # (a name before it or after 'of': not "Laboratories in Sri Lanka tested ...", a common
    # noun that opens a sentence)
    r"(?:\b(?:(?:[A-Z][\w'’.-]*\s+){1,4}(?:Institute|University|College|Laborator(?:y|ies))"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)?|"
    r"(?:Institute|University|College|Laborator(?:y|ies))"
    r"\s+(?:of|for)\s+(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)\s+(?:in|at)\s+[A-Z][\w'’-]*"
    r"|\b(?:[A-Z][\w'’.-]*\s+){0,4}(?:Production\s+and\s+Construction\s+Corps|Institute|"
    r"University|College|Hospital|Airport|Daily|Times|Post|News(?:\s+Agency)?|Television|TV|Radio|"
    r"Broadcasting|Corporation|Company|Group|Market|Railway|Station|Port(?!-|\s+[A-Z][a-z])|"
    r"Organi[sz]ation|Bank|"
    r"Programme|Program|Forum|Fund|Federation|Alliance|Foundation|Society|Association|Cup|Games)\b"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w'’.-]*\s*){1,5})?"
    r"|\b(?:XPCC|WHO|CDC|NHC|UN|UNICEF|Xinhua|Reuters|AFP|AP|CGTN|CCTV|BBC|CNN|Bloomberg|"
    r"Caixin|SCMP|ECDC|OCHA|IFRC|MSF)\b|\b(?:Beijing|Hong\s+Kong|Singapore|Local)\s+[Tt]ime\b"
    r"|兵团|新疆生产建设兵团|卫生健康委员会|卫健委|疾控中心"
    # diseases and viruses named after places: "Sudan ebolavirus", "Crimean-Congo haemorrhagic
    # fever", "Middle East respiratory syndrome", "West Nile virus", "the Delta variant"
    r"|\b(?:Sudan|Zaire|Bundibugyo|Reston|Ta[iï]\s+Forest|Marburg|Lassa|Hendra|Nipah|Zika|"
    r"Mayaro|Oropouche|Kyasanur\s+Forest|Crimean[- ]Congo|Rift\s+Valley|West\s+Nile|"
    r"Middle\s+East|Japanese|St\.?\s+Louis|Hong\s+Kong|Spanish|Asian|Indian|Brazilian|"
    r"South\s+African|UK|Kent|Delta)\s+(?i:(?:ebola)?(?:virus|strain|species|variant|lineage|"
    r"h(?:a)?emorrhagic\s+fever|fever|encephalitis|respiratory\s+syndrome|flu|influenza))\b"
    r"|\b(?:Sudan|Zaire|Bundibugyo)\s+ebolavirus\b)"
    # lakes named after people and places: "fishing communities around Lake Victoria"
    r"|\bLake\s+[A-Z][\w'’-]+"
    # a person's name after a title: "Minister of Health Sheikh Dr. Basel Al-Sabah",
    # "Governor Austin Lagos", "Dr Florence Kenya": people named like places
    r"|\b(?:Dr|Mr|Mrs|Ms|Prof|Sheikh|Sheikha|Sir|Dame|Mayor|Governor|Senator)\.?\s+"
    r"(?:[A-Z][a-z][\w'’.-]*\s+){0,3}[A-Z][a-z][\w'’-]*"
)
#: What every name of ``_ORG`` begins with (a name added there must begin so too): it is tried
#: only at these characters, where tried at every position it took 2 % of the time
_ORG_START = rx.compile(r"[A-Z兵新卫疾]")
#: "Ministry of Health of Saudi Arabia", "Kashgar health commission": the health authority
#: of a place reports that place's figures, so these keep their place.
_AUTHORITY_KEEPS = rx.compile(
    r"(?:Ministry\s+of\s+(?:Public\s+)?Health|Health\s+Commission|Health\s+Ministry|"
    r"Department\s+of\s+Health|Health\s+Department|health\s+authorities|Health\s+Bureau|"
    r"Government|Commission|Committee|Office|Department|Bureau|Authority|Administration|Council)"
    r"(?!\s+of\s+(?:the\s+)?Xinjiang\s+Production)",
    re.IGNORECASE,
)
_AGENCY = (
    # "(Reuters)", "(BSS/XINHUA)", "(ANI/Xinhua)": one agency or several joined by slashes
    r"\((?:[A-Za-z]{2,12}/)*(?:Reuters|Xinhua|AP|AFP|Bloomberg|CNN|UPI|ANI|PTI|IANS|Kyodo|Yonhap|dpa|Sputnik|TASS|"
    r"CGTN|ECNS|BERNAMA|XINHUA|REUTERS|AA|EFE|KUNA|WAM|SPA)"
    r"(?:/[A-Za-z]{2,12})*(?:\)|(?=\s))"
)
_MONTH_DAY = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*\d{1,2}(?:,\s*\d{4})?"
)
_DATELINE = rx.compile(
    # "KINSHASA:-", "GENEVA —", "NEW DELHI, Oct 24:"
    # (a two-letter first word only before another: "HA NOI —", "LA PAZ, ")
    # ("ABUJA, Nigeria —": the country after the city)
    r"^\s*(?:[A-Z]{3,}|[A-Z]{2}(?=[ .'-]+[A-Z]{2}))(?:[ .'-]+[A-Z]{2,})*(?:,\s*[A-Z][A-Za-z]+\.?\s*\d{1,2}"
    r"|,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?\s*(?::-?|—|–|--|\s-\s)\s*"
    r"|^\s*(?:[A-Z][\w.'’-]*\s*){1,4}(?:\[[^\]]{1,30}\]\s*)?(?:,\s*(?:[A-Z][\w.'’-]*\s*){1,3})?"
    r"(?:,?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|"
    # ("Geneva, 12 March 2020 –": a day with its year)
    r"AUG|SEP|OCT|NOV|DEC)[A-Za-z]*\.?\s*\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?))?\s*"
    r"(?:" + _AGENCY + r"\s*(?:--|—|–|-|:)?|(?<=\d)\s*(?:--|—|–|:))\s*"
    # "LAGOS, (Outlet / Other Outlet - 19th May, 2021 ) :": a re-publisher's source and day,
    # with or without a mark after it ("RABAT, (Agency) The ministry", "HARARE, (Agency) –")
    # ("HARBIN, Jan. 13 (Outlet / Agency - 13th Jan, 2021 ) :": the day before the bracket)
    r"|^\s*[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*,\s*(?:" + _MONTH_DAY + r"\s*)?\([^()]{3,80}\)\s*"
    r"(?::-?|—|–|--|-)?\s*"
    # "(Yicai Global) March 2 --": the outlet in brackets, then the day it filed
    r"|^\s*\([A-Z][^()]{1,40}\)\s*" + _MONTH_DAY + r"\s*(?::-?|—|–|--)\s*"
    # "LAGOS (Outlet - 19th May, 2021 ) :": the same without the comma (a day in the bracket,
    # a mark after it: "WHO (World Health Organization) said" is no dateline)
    r"|^\s*[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*\s*\([^()]{0,60}\d[^()]{0,30}\)\s*(?::-?|—|–|--|-)\s*"
    # "MINSK (Outlet / Agency - 04th March, 2020) Two new cases": outlet and day in the
    # bracket, no mark after it, the sentence starting anew with a capital
    r"|^\s*[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*\s*\([^()]{1,60}(?:/|\s[-–]\s)[^()]{0,40}\d[^()]{0,20}\)"
    r"\s*(?=[A-Z])"
    # "TAIPEI (Taiwan News) —", "MANILA (Outlet) --": the outlet alone, before a dash
    r"|^\s*[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*\s*\([A-Z][^()\d]{1,40}\)\s*(?:—|–|--)\s*"
    # "MOSCOW, June 25. /TASS/.": the agency between slashes after the day
    r"|^\s*[A-Z]{3,}(?:[ .'-]+[A-Z]{2,})*,\s*" + _MONTH_DAY + r"\s*\.?\s*/[A-Z]{2,}/\s*\.?\s*"
    # "Ulaanbaatar /MONTSAME/.": a city in title case before the agency between slashes
    r"|^\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s*(?:,\s*"
    + _MONTH_DAY
    + r"\s*\.?)?\s*/[A-Z]{2,}/\s*\.?\s*"
)


def _fold(text: str) -> str:
    """``text`` with accents dropped letter by letter (same length), so that an accented
    dateline ('HÀ NỘI —', 'BOGOTÁ, ') reads as an ASCII one."""
    if text.isascii():
        return text  # (most texts: no letter to look at one by one)
    out = []
    for c in text:
        if c.isascii():
            out.append(c)
            continue
        base = unicodedata.normalize("NFKD", c)[:1]
        out.append(base if base.isascii() and base.isalpha() else {"Đ": "D", "đ": "d"}.get(c, c))
    return "".join(out)


#: "Amman, The Jordanian Ministry of Health announced": a city in title case and a comma
#: before a sentence that starts anew with a capital article
_TITLE_DATELINE = rx.compile(
    r"\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s*,\s+(?=(?:The|A|An)\s+[A-Z]?\w)"
    # "Hanoi: Vietnam recorded 13,770 new cases": a city in title case and a colon before a
    # sentence that starts anew with a capital word (and is not a heading: a verb follows)
    r"|\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s*:\s+(?=(?P<subj>(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?"
    r"[A-Z][\w'’-]*)*)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:recorded|reported|confirmed|registered|announced|said|logged|detected)\b)"
)


def _dateline(text: str) -> re.Match[str] | None:
    """The dateline at the head of ``text`` (on its first 120 characters, accents folded)."""
    return _head_dateline(text[:120])


@functools.lru_cache(maxsize=32)
def _head_dateline(head: str) -> re.Match[str] | None:
    # cached: a sentence's dateline is asked for by several rules (half the calls repeat one;
    # small, for the repeats within a text, not whole texts read again)
    folded = _fold(head)
    m = _DATELINE.match(folded)
    if m is None and (t := _TITLE_DATELINE.match(folded)) is not None:
        place = gazetteer().lookup(t.group(1) or t.group(2))
        if place is not None and place.level == "city":
            return t
        subject = gazetteer().lookup(t.group("subj")) if t.group("subj") else None
        if (
            place is not None
            and subject is not None
            and subject.level == "country"
            and place.country == subject.code
        ):
            return t  # "Lagos: Nigeria recorded 575 new cases": a state's city, its country's news
    return m


#: "天山网讯", "新华社乌鲁木齐11月2日电(记者潘莹)", "中新网8月4日电": the agency and where it filed
_ZH_DATELINE = rx.compile(
    r"\s*(?:[\u4e00-\u9fff]{1,6}(?:网|社|台|报)讯|[\u4e00-\u9fff/]{1,16}?\d{1,2}月\d{1,2}日(?:电|讯))"
    r"(?:\s*[（(]记者[^）)]{0,30}[）)])?"
)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (read once)."""
    ref = resources.files("flareup.data.gazetteer").joinpath("places.csv")
    with ref.open("r", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    dem = resources.files("flareup.data.gazetteer").joinpath("demonyms.csv")
    with dem.open("r", encoding="utf-8") as f:
        demonyms = {r["demonym"]: r["country"] for r in csv.DictReader(f)}
    cap = resources.files("flareup.data.gazetteer").joinpath("capitals.csv")
    with cap.open("r", encoding="utf-8") as f:
        capitals = {r["country"]: r["capital"] for r in csv.DictReader(f)}
    return Gazetteer(rows, demonyms, capitals)


class Gazetteer:
    """Names -> places, with one compiled pattern for English and one for Chinese names."""

    def __init__(
        self,
        rows: list[dict[str, str]],
        demonyms: dict[str, str] | None = None,
        capitals: dict[str, str] | None = None,
    ) -> None:
        self._capitals = dict(capitals or {})
        self.places: list[Place] = []
        self.by_name: dict[str, list[Place]] = {}
        self.by_code: dict[str, Place] = {}
        for r in rows:
            p = Place(r["name"], r["level"], r["country"], r["parent"], r["code"], r["name_zh"])
            self.places.append(p)
            if p.code:
                self.by_code.setdefault(p.code, p)
            # a county-level name outside Xinjiang is read only with its suffix or in Chinese
            # ("Jimo District", 即墨区), never as the bare pinyin ("bare" = 0)
            bare = {p.name} if r.get("bare", "1") != "0" else set()
            for alias in bare | set(filter(None, r["aliases"].split("|"))):
                k = _key(alias)
                self.by_name.setdefault(k, []).append(p)
                if k.startswith("saint "):
                    # "St Kitts and Nevis", "St. Lucia": the abbreviation outlets write
                    for short in ("st ", "st. "):
                        self.by_name.setdefault(short + k[6:], []).append(p)
        for key, cands in self.by_name.items():
            # an exact name beats an alias; China's places before other countries' (the
            # corpus is about China first), the larger unit before the smaller
            # (of names alike but for accents, the one written in ASCII: "Cox's Bazar")
            cands.sort(
                key=lambda p: (_key(p.name) != key, not p.name.isascii(), p.country != "CN", p.rank)
            )
        # names are looked up by word n-grams (a dict probe per n-gram), not one regular
        # expression of 4,000 alternatives: ~50x faster on a sentence
        self._max_words = max(len(k.split()) for k in self.by_name)
        # the first word of every English name, and the longest name starting with it: most
        # capitalised words start no name and cost one set probe
        self._first: dict[str, int] = {}
        for k in self.by_name:
            if not _CJK.search(k):  # Latin names, accents included ("Côte d'Ivoire")
                w = k.split()[0]
                self._first[w] = max(self._first.get(w, 0), len(k.split()))
        # Chinese names by their first character, with the lengths to try
        self._zh_first: dict[str, list[int]] = {}
        for k in self.by_name:
            if _CJK.search(k):
                self._zh_first.setdefault(k[0], []).append(len(k))
        for lengths in self._zh_first.values():
            lengths.sort(reverse=True)
        self._zh_lengths = sorted({n for ls in self._zh_first.values() for n in ls}, reverse=True)
        self._cache: dict[tuple[str, tuple[tuple[int, int], ...]], list[PlaceMention]] = {}
        # "Nigerian health authorities", "the Saudi Ministry of Health": a country's adjective
        # before its authority names the country whose figures they report
        self._demonyms = {
            d: self.by_code[c] for d, c in (demonyms or {}).items() if c in self.by_code
        }
        self._demonym_re = (
            rx.compile(
                r"\b(?P<d>"
                + "|".join(sorted(map(re.escape, self._demonyms), key=len, reverse=True))
                + r")\s+(?i:(?:(?:federal|national|state|provincial|public|local|regional)\s+)?"
                r"(?:(?:health|disease[- ]control)\s+)?(?:ministry|authorit(?:y|ies)|officials?|"
                r"government|commission|department|agency|Health|Centers?|Centres?|"
                r"CDC|NHC))\b"
            )
            if self._demonyms
            else None
        )

    def clear_cache(self) -> None:
        """Forget the sentences looked up so far."""
        self._cache.clear()

    def is_demonym(self, pm: PlaceMention) -> bool:
        """Whether ``pm`` is a country's adjective ('Nigerian') read as that country."""
        return self._demonyms.get(pm.text) is pm.place

    def capital(self, country: Place) -> Place | None:
        """The capital of ``country`` (a country's row): its gazetteer row where the
        gazetteer has one in that country, else a city known only by its name."""
        name = self._capitals.get(country.country or country.code)
        if country.level != "country" or not name:
            return None
        for p in self.by_name.get(_key(name), []):
            # (a city's row, or a municipality that is a province, 北京市; not the state of
            # Washington)
            if p.country == country.country and (
                p.level in ("city", "prefecture") or p.name_zh.endswith("市")
            ):
                return p
        return Place(name, "city", country.country, country.code, "", "")

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

    def common_ancestor(self, places: list[Place]) -> Place | None:
        """The most specific place that holds all of ``places`` (each one's own chain, its
        country last), or None."""
        chains = []
        for p in places:
            chain = [p, *self.ancestors(p)]
            country = self.by_code.get(p.country)
            if country is not None and country not in chain:
                chain.append(country)
            chains.append(chain)
        if not chains:
            return None
        shared = [p for p in chains[0] if all(p in c for c in chains[1:])]
        return shared[0] if shared else None

    def find(
        self, sentence: str, masked: list[tuple[int, int]] | None = None
    ) -> list[PlaceMention]:
        """Places named in ``sentence`` outside organisation names and the dateline."""
        ck = (sentence, tuple(masked or ()))
        cached = self._cache.get(ck)
        if cached is not None:
            return list(cached)
        if len(self._cache) > 4096:
            self._cache.clear()
        out = self._find(sentence, masked)
        self._cache[ck] = out
        return list(out)

    def _find(self, sentence: str, masked: list[tuple[int, int]] | None) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        keys: list[str] = []
        words = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
        i = 0
        while i < len(words):
            w0s, w0e = words[i]
            first = sentence[w0s:w0e]
            if not (first[0].isupper() or first.lower() in _LOWER_START):
                i += 1
                continue
            fk = first.lower().replace("’", "'")
            if not fk.isascii():
                fk = _key(fk)
            span = (
                self._first.get(fk)
                or self._first.get(fk.rstrip(".-"))
                or (self._first.get(fk[:-2]) if fk.endswith("'s") else None)
                or (self._first.get(fk[:-1]) if fk.endswith("'") else None)
            )
            if not span:
                i += 1
                continue
            hit = None
            for j in range(min(len(words), i + span) - 1, i - 1, -1):
                end = words[j][1]
                txt = sentence[w0s:end]
                key = _key(txt)
                if key not in self.by_name and key.endswith((".", "-")):
                    key, end = key[:-1], end - 1  # "Lagos-64": a list item's label
                    txt = sentence[w0s:end]
                if key not in self.by_name and key.endswith("'s"):
                    key, end = key[:-2], end - 2  # "South Korea's health ministry"
                    txt = sentence[w0s:end]
                if key not in self.by_name and key.endswith("'"):
                    key, end = key[:-1], end - 1  # "the Philippines' health ministry"
                    txt = sentence[w0s:end]
                if key in self.by_name:
                    hit = (j, end, txt, key)
                    break
            if hit is None:
                i += 1
                continue
            j, end, txt, key = hit
            bare = rx.sub(r"^the\s+", "", txt, flags=re.IGNORECASE)
            if key == "global" and _GLOBAL_NOT_WORLD.match(sentence, end):
                i = j + 1  # "negligible by global standards", "the global economy": no place
                continue
            if not (bare[:1].islower() and key not in _LOWER_OK):
                out.append(PlaceMention(w0s, end, txt, self.by_name[key][0]))
                keys.append(key)
            i = j + 1
        if len(keys) > 1:
            out = self._by_neighbours(out, keys)
        if self._zh_lengths and _CJK.search(sentence):
            k = 0
            n = len(sentence)
            while k < n:
                if not _CJK.match(sentence[k]):
                    k += 1
                    continue
                for length in self._zh_first.get(sentence[k], ()):
                    cand = sentence[k : k + length]
                    if len(cand) == length and cand in self.by_name:
                        out.append(PlaceMention(k, k + length, cand, self.by_name[cand][0]))
                        k += length - 1
                        break
                k += 1
        if self._demonym_re is not None:
            for m in self._demonym_re.finditer(sentence):
                # "the Somali health ministry": Somalia's, not Ethiopia's Somali region
                a, b = m.start("d"), m.end("d")
                out = [p for p in out if not (p.start < b and a < p.end)]
                out.append(PlaceMention(a, b, m.group("d"), self._demonyms[m.group("d")]))
        if out:
            # organisation names and the dateline are looked for only where a place was found
            blocked = list(masked or []) + org_spans(sentence)
            out = [p for p in out if not any(a <= p.start < b for a, b in blocked)]
            out = [_who_region(sentence, p) for p in out]
        out.sort(key=lambda p: p.start)
        return self._specific(sentence, out)

    def _by_neighbours(self, found: list[PlaceMention], keys: list[str]) -> list[PlaceMention]:
        """A name several countries share is the one of the country the sentence's other
        places are in: 'Khyber Pakhtunkhwa and Punjab provinces' is Pakistan's Punjab, not
        India's (the usual one-sense-per-discourse reading, here per sentence)."""
        # 'Clark County, Washington': a name several units share is the one inside a
        # place named with it (30 US states have a Washington County)
        codes = {pm.place.code for pm in found if pm.place.code}
        found = [
            pm
            if len(self.by_name[k]) < 2 or pm.place.parent in codes
            else next(
                (
                    PlaceMention(pm.start, pm.end, pm.text, p)
                    for p in self.by_name[k]
                    if p.parent and p.parent in codes and p.level == pm.place.level
                ),
                pm,
            )
            for pm, k in zip(found, keys, strict=True)
        ]
        sure = set()
        for k in keys:
            countries = {p.country for p in self.by_name[k]}
            if len(countries) == 1:
                sure |= countries - {""}
        if not sure:
            return found
        out = []
        for pm, k in zip(found, keys, strict=True):
            cands = self.by_name[k]
            if pm.place.country not in sure:
                alt = next((p for p in cands if p.country in sure), None)
                if alt is not None:
                    pm = PlaceMention(pm.start, pm.end, pm.text, alt)
            out.append(pm)
        return out

    def _specific(self, sentence: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """'east China's port city of Qingdao', 'Shufu County, Kashgar Prefecture': of an
        ancestor and its descendant named together, only the descendant is the place."""
        drop: set[int] = set()
        for i, a in enumerate(found):
            for j, b in enumerate(found):
                if i == j:
                    continue
                lo, hi = (a, b) if a.start < b.start else (b, a)
                gap = sentence[lo.end : hi.start]
                if len(gap) > 45 or rx.search(r"\d|[;.]|\band\b|\bor\b", gap):
                    continue
                if rx.search(
                    # ("In Xinjiang, where Kashgar ...": a relative clause, no apposition)
                    r"\b(?:[a-z]{3,}ed|said|says|has|have|had|is|are|was|were|reports?|where|"
                    # ("12 in Mudanjiang City, all in Dongning City": the count's unit, then
                    # where all of it lies)
                    r"which|whose|who|when|while|all|both)\b",
                    gap,
                ):
                    continue  # "the Ministry of Health of Uganda declared an outbreak in Mubende"
                if not (a.text.isascii() and b.text.isascii()) and len(gap.strip()) > 0:
                    continue  # Chinese: only "喀什地区疏附县" written together
                if a.place in self.ancestors(b.place) or (
                    a.place.level == "country"
                    and a.place.country == b.place.country
                    and b.place.level != "country"
                ):
                    drop.add(i)
        return [p for k, p in enumerate(found) if k not in drop]


def _who_region(sentence: str, pm: PlaceMention) -> PlaceMention:
    """'the WHO African Region': a WHO region named with the body's name is written so (the
    name is masked as an organisation, so the region was found after it)."""
    if pm.place.level == "region" and rx.search(
        r"\bWHO\s$", sentence[max(0, pm.start - 4) : pm.start]
    ):
        a = pm.start - 4
        return PlaceMention(a, pm.end, sentence[a : pm.end], pm.place)
    return pm


_LOWER_OK = {
    "worldwide",
    "globally",
    "global",
    "the mainland",
    "mainland china",
    "mainland",
    "provincial-level regions",
}
#: what 'global' qualifies where it names no place of a count ('by global standards', 'the
#: global economy', 'global health security')
_GLOBAL_NOT_WORLD = rx.compile(
    r"\s+(?:standards?|norms?|benchmarks?|economy|economic|markets?|supply|supplies|"
    r"health\s+security|trade|travel|financial|leaders?|brands?|companies|firms|hub)\b"
)
_LOWER_START = {"worldwide", "globally", "global", "the", "mainland", "provincial-level"}
_WORD = rx.compile(r"[^\W\d_](?:[^\W\d]|['’.\-])*")  # "China46 550": a name ends at a digit
_CJK = rx.compile(r"[\u4e00-\u9fff]")


def _key(name: str) -> str:
    """A name's lookup key: lower case, one space, and Latin accents dropped ('Việt Nam',
    'Hà Nội', 'Bogotá' are found under their ASCII spellings, as outlets write them either
    way); Chinese names are kept as written."""
    k = name.strip().lower()
    if not k.isascii() and not _CJK.search(k):
        k = _fold(k)
    if "’" in k:
        k = k.replace("’", "'")
    if "  " in k or "\n" in k or "\t" in k:
        k = " ".join(k.split())
    return k


#: "全省" (the whole province), "本市" (this city): the level of unit each word names
_ZH_OWN_LEVEL = {
    "省": ("province",),
    "市": ("city", "prefecture", "province"),
    "州": ("prefecture",),
    "县": ("county",),
}


def zh_own_area(
    word: str, current: PlaceMention | None, doc: PlaceMention | None, gaz: Gazetteer
) -> Place | None:
    """'全省', '本市', '我市', '全区': the unit of that level that holds the text's place (the
    Qingdao bulletin's '全省' is Shandong); the text's own place when none is of that level."""
    levels = _ZH_OWN_LEVEL.get(word[-1:])
    # the city is the writer's ("我市"); the province the one the text is on now ("山东 ...
    # 全省")
    order = (current, doc) if word.endswith("省") else (doc, current)
    for pm in order if levels else ():
        if pm is None:
            continue
        chain = [pm.place, *gaz.ancestors(pm.place)]
        hit = next((p for p in chain if p.level in (levels or ())), None)
        if hit is not None:
            return hit
    return doc.place if doc is not None else (current.place if current is not None else None)


#: a person named after a title or role ("the Minister of Health, Nelson Teich,", "Governor
#: Victoria Lopez", "Dr. Jordan Smith"): first name and surname, neither of them a place
_PERSON_NAMED = rx.compile(
    r"\b(?:[Mm]inister|[Ss]ecretary|[Dd]irector(?:-[Gg]eneral)?|[Pp]resident|[Gg]overnor|[Mm]ayor|"
    r"[Cc]ommissioner|[Ss]pokes(?:wo)?man|[Ss]pokesperson|[Cc]hief|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?)"
    r"(?:(?:\s+(?:of\s+)?(?:[A-Z][\w'’-]+|the|and|for|of)){1,5}?\s*,\s+|\s+)"
    r"(?P<name>[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!\s+(?:City|Province|State|County|"
    r"District|Region|Prefecture|Municipality)\b)"
)


def org_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of organisation names whose place words are not places of a count."""
    out = []
    for m in rx.finditer_from(_ORG, _ORG_START, sentence):
        txt = m.group(0)
        if _AUTHORITY_KEEPS.search(txt) and "Corps" not in txt and "兵团" not in txt:
            continue
        # "Germany's Robert Koch Institute": the country that owns it is named, not masked
        own = rx.match(r"(?:The\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?(?:'s|’s)\s+", txt)
        out.append((m.start() + (own.end() if own else 0), m.end()))
    for m in _PERSON_NAMED.finditer(sentence):
        # "the Minister of Health, Nelson Teich, ...": a person's name, not the place Nelson
        # (not "the Minister of Health of Saudi Arabia": a place named whole is kept)
        if gazetteer().lookup(m.group("name")) is None:
            out.append((m.start("name"), m.end("name")))
    d = _dateline(sentence)
    if d and d.end() > 0:
        out.append((0, d.end()))
    z = _ZH_DATELINE.match(sentence)
    if z:
        out.append((0, z.end()))
    return out


#: "the pandemic which erupted in the central Chinese city of Wuhan": where an outbreak began
_ORIGIN_BEFORE = rx.compile(
    r"\b(?:erupted|emerged|originated|broke\s+out|first\s+(?:appeared|emerged|surfaced|"
    r"detected|identified))\s+(?:(?:late|early)\s+(?:last\s+)?(?:year|month)\s+)?in\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:of\s+)?$"
    # "a male travelling from the Red Sea State": where a case came from
    r"|\b(?:travell?(?:ing|ed)|arriv(?:ing|ed)|return(?:ing|ed)|coming|came)\s+(?:back\s+|home\s+)?"
    r"from\s+(?:the\s+)?(?:neighbou?ring\s+)?"
    # "returned home from work in Ontario", "came back from studies in Victoria", "returned
    # from a trip to Ontario": where the person had been, as much a place of origin
    r"(?:(?:work|studies|study|school|university|(?:a\s+|his\s+|her\s+|their\s+)?(?:trip|"
    r"holiday|vacation|visit|business\s+trip))\s+(?:in|to|at)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


#: "since the outbreak first appeared in Wuhan, China": where an outbreak began
_OUTBREAK_ORIGIN = rx.compile(
    r"\b(?:outbreak|virus|disease|epidemic|pandemic)\s+(?:(?:which|that|had|has|was)\s+)*"
    r"(?:first\s+)?(?:erupted|emerged|originated|broke\s+out|appeared|surfaced)\s+"
    r"in\s+(?:the\s+)?(?:[\w'’.-]+,?\s+){0,4}?$",
    re.IGNORECASE,
)


def outbreak_origin(sentence: str, pm: PlaceMention) -> bool:
    """Whether ``pm`` is named only as where an outbreak began ('since the outbreak first
    appeared in Wuhan, China'): the place of no count of the sentence."""
    return _OUTBREAK_ORIGIN.search(sentence, max(0, pm.start - 60), pm.start) is not None


#: "the Caribbean country", "the West African nation": a region named as the adjective of a
#: country the text speaks of
_REGION_ADJECTIVE_AFTER = rx.compile(
    r"\s+(?:island\s+)?(?:country|nation|kingdom|republic|state)\b", re.IGNORECASE
)


def region_adjective(sentence: str, pm: PlaceMention) -> bool:
    """Whether ``pm``, a region or continent, only qualifies a country ('the Caribbean
    country has closed all borders'): the place of no count."""
    return (
        pm.place.level in ("region", "continent", "world")
        and _REGION_ADJECTIVE_AFTER.match(sentence, pm.end) is not None
        and (
            pm.text.lower().startswith("the ")
            or rx.search(
                r"\bthe\s+(?:[\w-]+\s+)?$", sentence[max(0, pm.start - 20) : pm.start], re.I
            )
            is not None
        )
    )


def is_origin(sentence: str, pm: PlaceMention) -> bool:
    """Whether ``pm`` is named as where an outbreak began ('which erupted in Wuhan') or a case
    came from ('a man travelling from Red Sea State'): a background place, which 'the
    province' / 'the State' later does not point back to."""
    return _ORIGIN_BEFORE.search(sentence, max(0, pm.start - 80), pm.start) is not None


def dateline_end(text: str) -> int:
    """Where the dateline of a news report ends ('BEIJING, Oct 27 (Reuters) -'), else 0."""
    d = _dateline(text)
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
