"""Bulletin and news text -> candidate count rows, each with the sentence it came from.

A small, transparent extractor (regular expressions with named metrics, no model): it finds
numbers (digits, English number words, Chinese numerals), reads what follows them (English: "45
people were symptomatic", "187 asymptomatic infections") or what precedes them (Chinese:
"新增确诊病例5例", "无症状感染者19例"), and assigns each number a metric from the vocabulary in
``flareup.schema``. Dates and areas come from the sentence or, when it names none, from the
sentences before it ("Two days later, 183 people had tested positive" takes its date from "On
October 26" two sentences up and its area from the last area named).

The phrasing covered is that of China's National Health Commission and Xinjiang Health
Commission daily bulletins (国家卫健委/新疆卫健委 每日疫情通报: 新增确诊病例、新增无症状感染者、
现有确诊病例（其中重症）、尚在医学观察的无症状感染者、无症状感染者转为确诊病例) and English news
wording of the same figures. Qualifiers follow the words before a number: "nearly/about/around"
-> approximate, "more than/over/at least" -> at_least, "fewer than/up to/at most" -> at_most.

Rows are *candidates*: review them (``flareup bulletin FILE``) before importing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from flareup.errors import InputError
from flareup.schema import AREA_LEVEL_ORDER, Qualifier

__all__ = [
    "BULLETIN_COLUMNS",
    "AreaAliases",
    "bulletin_to_counts",
    "parse_bulletin",
    "parse_number",
    "read_bulletin",
]

#: Columns of :func:`parse_bulletin`'s result.
BULLETIN_COLUMNS = (
    "area",
    "date",
    "metric",
    "value",
    "qualifier",
    "area_mention",
    "number_text",
    "sentence",
)

# ---------------------------------------------------------------------------------------------
# numbers

_EN_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a single": 1,
    "single": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}

_unit_words = sorted((w for w in _EN_UNITS if w not in ("a", "an", "no")), key=len, reverse=True)
_EN_WORD_NUM = (
    r"(?:(?:" + "|".join(_EN_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|" + "|".join(_unit_words) + r")(?:\s+hundred(?:\s+(?:and\s+)?[a-z]+(?:-[a-z]+)?)?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NUM_EN = re.compile(
    r"(?P<qual>\b(?:nearly|almost|about|around|approximately|roughly|some|close\s+to|"
    r"more\s+than|over|at\s+least|upwards\s+of|fewer\s+than|less\s+than|up\s+to|at\s+most|"
    r"no\s+more\s+than)\s+)?"
    r"(?P<num>(?<![\w.,\-])(?:" + _DIGITS + r")(?![\d.]|,\d)|\b(?:" + _EN_WORD_NUM + r")\b)",
    re.IGNORECASE,
)
_ZH_NUM = r"(?:[\d零〇一二两三四五六七八九十百千万]+)"


def parse_number(text: str) -> int:
    """Parse ``"1,234"``, ``"twenty-three"``, ``"three hundred"``, ``"a single"`` or ``"十九"``."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if t and all(ch in _ZH_DIGITS or ch in _ZH_UNITS or ch.isdigit() for ch in t):
        return _parse_zh(t)
    t = re.sub(r"\s+", " ", t.replace("-", " ").replace(" and ", " "))
    if t in _EN_UNITS:
        return _EN_UNITS[t]
    total, current = 0, 0
    for word in t.split(" "):
        if word in ("a", "single"):
            current = max(current, 1)
        elif word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


def _parse_zh(t: str) -> int:
    if all(ch in _ZH_DIGITS for ch in t):  # digit by digit: 一八三
        return int("".join(str(_ZH_DIGITS[ch]) for ch in t))
    total, section, digit = 0, 0, 0
    for tok in re.findall(r"\d+|.", t):  # "1万2千": Arabic digits between Chinese units
        ch = tok
        if tok.isdigit():
            digit = int(tok)
        elif ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch == "万":
            section = (section + digit) * 10_000
            total += section
            section, digit = 0, 0
        else:
            section += max(digit, 1) * _ZH_UNITS[ch]  # 十九 = 19: a bare 十 is ten
            digit = 0
    return total + section + digit


def _qualifier(word: str | None) -> str:
    if not word:
        return Qualifier.EXACT.value
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w in ("more than", "over", "at least", "upwards of"):
        return Qualifier.AT_LEAST.value
    if w in ("fewer than", "less than", "up to", "at most", "no more than"):
        return Qualifier.AT_MOST.value
    return Qualifier.APPROXIMATE.value


# ---------------------------------------------------------------------------------------------
# what a number counts

_COV = r"(?:(?:covid-19|covid|coronavirus|sars-cov-2|local(?:ly[- ]transmitted)?|new|newly)\s+)*"
_PEOPLE = r"(?:(?:people|persons|individuals|residents|patients|cases|of\s+them|others)\s+)?"
_BE = r"(?:(?:were|are|was|is|have|has|had)\s+(?:been\s+)?|had\s+)?"

#: English: patterns matched right after the number; order matters (first match wins).
_EN_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (metric, re.compile(p, re.IGNORECASE))
    for metric, p in (
        (
            "reclassified",
            r"(?:of\s+(?:them|which|these)\s+)?(?:were\s+)?(?:reclassified|"
            r"previously\s+asymptomatic|(?:cases\s+)?converted\s+from\s+asymptomatic)",
        ),
        (
            "confirmed",
            _COV + r"confirmed\s+" + r"(?:(?:symptomatic|covid-19|coronavirus|local|"
            r"locally[- ]transmitted|imported)\s+)*(?:cases?|patients?|infections?)",
        ),
        ("confirmed", _COV + r"symptomatic\s+" + _COV + r"(?:cases?|patients?|infections?)"),
        ("confirmed", _PEOPLE + _BE + r"(?:symptomatic|confirmed(?!\s+as\s+asymptomatic))\b"),
        ("severe", _COV + r"(?:severe(?:ly\s+ill)?|serious)\s+(?:cases?|patients?)"),
        (
            "severe",
            _PEOPLE + r"(?:(?:were|are|was|is)\s+)?in\s+(?:a\s+)?(?:severe|serious)\s+"
            r"condition",
        ),
        ("critical", _COV + r"critical(?:ly\s+ill)?\s+(?:cases?|patients?)"),
        (
            "asymptomatic",
            _COV + r"asymptomatic\s+" + _COV + r"(?:cases?|infections?|carriers?|"
            r"patients?|people)",
        ),
        (
            "asymptomatic",
            _PEOPLE + _BE + r"(?:found\s+(?:to\s+be\s+)?|confirmed\s+as\s+)?"
            r"asymptomatic\b",
        ),
        ("released", _PEOPLE + _BE + r"released\s+from\s+(?:medical\s+)?observation"),
        (
            "under_observation",
            r"(?:close\s+contacts?\s+)?(?:(?:are|were|remain)\s+)?(?:still\s+)?"
            r"under\s+medical\s+observation",
        ),
        ("recovered", _PEOPLE + _BE + r"(?:discharged|recovered)"),
        ("deaths", _COV + r"(?:deaths?|fatalit(?:y|ies))|" + _PEOPLE + _BE + r"died"),
        (
            "tested",
            r"(?:people|residents|samples)\s+(?:were\s+|have\s+been\s+)?tested"
            r"(?!\s+positive)",
        ),
        (
            "positive",
            _PEOPLE + _BE + r"(?:tested\s+|found\s+(?:to\s+be\s+)?|confirmed\s+)?"
            r"positive",
        ),
        (
            "positive",
            _COV + r"(?:cases?\s+of\s+" + _COV + r"infection|infections?|"
            r"positive\s+cases?)\b",
        ),
    )
)

_NEW_WORD = re.compile(r"\b(?:new|newly|additional|fresh)\b", re.IGNORECASE)
_STOCK_WORD = re.compile(
    r"\b(?:currently|total|existing|remain(?:ing|s)?|active|"
    r"under\s+treatment)\b",
    re.IGNORECASE,
)

#: metric family -> (metric when new, metric when current)
_FAMILY = {
    "confirmed": ("confirmed_new", "confirmed_current"),
    "asymptomatic": ("asymptomatic_new", "asymptomatic_current"),
    "severe": ("severe_current", "severe_current"),
    "critical": ("critical_current", "critical_current"),
    "positive": ("positive_current", "positive_current"),
    "reclassified": ("reclassified_new", "reclassified_new"),
    "released": ("released_new", "released_new"),
    "recovered": ("recovered_new", "recovered_new"),
    "deaths": ("deaths_new", "deaths_new"),
    "tested": ("tested_new", "tested_new"),
    "under_observation": ("under_observation_current", "under_observation_current"),
}

#: Chinese: the noun phrase comes before the number ("新增确诊病例5例"). First match wins.
_ZH_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        metric,
        re.compile(
            p
            + r"[^，,。；;、0-9零〇一二两三四五六七八九十百千万]{0,4}?(?P<num>"
            + _ZH_NUM
            + r")\s*(?:例|人|名|个)"
        ),
    )
    for metric, p in (
        ("reclassified", r"(?:无症状感染者转为?确诊(?:病例)?|无症状感染者转归确诊)"),
        ("released", r"解除医学观察(?:的)?无症状感染者"),
        ("under_observation", r"(?:尚在)?医学观察(?:的)?密切接触者"),
        ("recovered", r"治愈出院(?:病例)?"),
        ("deaths", r"死亡(?:病例)?"),
        ("critical", r"危重(?:症)?(?:病例)?"),
        ("severe", r"(?<!危)重(?:症|型)(?:病例)?"),
        ("asymptomatic_current", r"尚在医学观察(?:的)?无症状感染者"),
        ("asymptomatic", r"无症状感染者"),
        ("confirmed", r"确诊病例"),
        ("positive", r"(?:核酸)?(?:检测)?阳性(?:者|人员|病例)?"),
    )
)
_ZH_NEW = re.compile(r"新增|新发现|新报告")
_ZH_STOCK = re.compile(r"现有|尚在|累计|截至")
_ZH_ALL_RECLASSIFIED = re.compile(
    r"^[（(]?\s*(?:均|全部|都)(?:为|系|是)?(?:无症状感染者)?转(?:为|归)"
)

# ---------------------------------------------------------------------------------------------
# dates

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
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
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(
        r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE
    ),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\b(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE
    ),
)
_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+"
    r"(?P<dir>later|after(?:wards)?|earlier|before)|(?P<next>the\s+(?:following|next)\s+day)|"
    r"(?P<prev>the\s+(?:previous|day\s+before))|(?P<yday>yesterday))\b",
    re.IGNORECASE,
)


def _find_date(
    sentence: str, year: int | None, context: dt.date | None, published: dt.date | None
) -> dt.date | None:
    """The sentence's own date (first found), a relative date from ``context``, or None."""
    best: tuple[int, dt.date] | None = None
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(sentence):
            gd = m.groupdict()
            month = _MONTHS[gd["mon"].lower()] if gd.get("mon") else int(gd["m"])
            y = (
                int(gd["y"])
                if gd.get("y")
                else (
                    year or (context.year if context else (published.year if published else None))
                )
            )
            if y is None:
                continue
            try:
                d = dt.date(y, month, int(gd["d"]))
            except ValueError:
                continue
            if not gd.get("y") and published and d > published and year is None and context is None:
                d = d.replace(year=d.year - 1)  # "December 30" in a January report
            if best is None or m.start() < best[0]:
                best = (m.start(), d)
    if best is not None:
        return best[1]
    rel = _RELATIVE.search(sentence)
    base = published or context
    if rel and rel.group("yday") and base is not None:
        return base - dt.timedelta(days=1)
    if rel and context is not None:
        if rel.group("next"):
            return context + dt.timedelta(days=1)
        if rel.group("prev"):
            return context - dt.timedelta(days=1)
        n = parse_number(rel.group("n"))
        sign = 1 if rel.group("dir").lower().startswith(("later", "after")) else -1
        return context + dt.timedelta(days=sign * n)
    return None


# ---------------------------------------------------------------------------------------------
# areas


@dataclass(frozen=True)
class AreaAliases:
    """Names -> area codes, built from an areas table (``name_en``, ``name_alt``, ``name_zh``).

    An alias shared by two areas ("Kashgar": the prefecture and the city) resolves to the higher
    level one, as news reports mean the prefecture when they write "Kashgar".
    """

    names: dict[str, str]
    levels: dict[str, int]
    pattern: re.Pattern[str] | None

    @classmethod
    def from_areas(cls, areas: pd.DataFrame | None) -> AreaAliases:
        names: dict[str, str] = {}
        levels: dict[str, int] = {}
        if areas is None or len(areas) == 0:
            return cls(names, levels, None)
        rank = {lvl.value: i for i, lvl in enumerate(AREA_LEVEL_ORDER)}
        rows: list[dict[str, object]] = [
            {str(k): v for k, v in r.items()} for r in areas.to_dict("records")
        ]
        candidates: dict[str, list[tuple[int, str]]] = {}
        for r in rows:
            code = str(r["code"])
            level = rank.get(str(r.get("level")), len(rank))
            levels[code] = level
            for alias in _aliases(r):
                key = alias.lower()
                candidates.setdefault(key, []).append((level, code))
        for key, cands in candidates.items():
            names[key] = sorted(cands)[0][1]
        keys = sorted(names, key=len, reverse=True)
        parts = [re.escape(k) if not k.isascii() else r"\b" + re.escape(k) + r"\b" for k in keys]
        return cls(names, levels, re.compile("|".join(parts), re.IGNORECASE))

    def find(self, sentence: str) -> list[tuple[int, str, str]]:
        """(position, code, mention) of every area named in ``sentence``."""
        if self.pattern is None:
            return []
        return [
            (m.start(), self.names[m.group(0).lower()], m.group(0))
            for m in self.pattern.finditer(sentence)
        ]


_EN_SUFFIX = {
    "xian": "County",
    "shi": "City",
    "zhen": "Town",
    "xiang": "Township",
    "diqu": "Prefecture",
}
_ZH_SUFFIXES = ("维吾尔自治区", "自治区", "地区", "自治州", "自治县", "县", "市", "镇", "乡", "省")


def _aliases(r: dict[str, object]) -> set[str]:
    out: set[str] = set()

    def text(v: object) -> str | None:
        return v if isinstance(v, str) and v.strip() else None

    for raw in (
        text(r.get("name_en")),
        *((text(r.get("name_alt")) or "").replace(";", ";").split(";")),
    ):
        if not raw:
            continue
        raw = raw.strip()
        inner = re.findall(r"\(([^)]*)\)", raw)
        base = re.sub(r"\s*\([^)]*\)", "", raw).strip()
        for name in [base, *inner]:
            name = name.strip()
            if not name or len(name) < 3 or name.lower() in ("county seat",):
                continue
            out.add(name)
            words = name.split()
            if len(words) >= 2 and words[-1].lower() in _EN_SUFFIX:
                stem = " ".join(words[:-1])
                out.add(f"{stem} {_EN_SUFFIX[words[-1].lower()]}")
                if words[-1].lower() != "diqu":
                    out.add(stem)
            elif len(words) >= 2 and words[-1] in (
                "County",
                "Town",
                "Township",
                "City",
                "Prefecture",
                "Region",
            ):
                out.add(" ".join(words[:-1]))
    zh = text(r.get("name_zh"))
    if zh:
        zh = zh.strip()
        out.add(zh)
        for suf in _ZH_SUFFIXES:
            if zh.endswith(suf) and len(zh) - len(suf) >= 2:
                out.add(zh[: -len(suf)])
                break
    # generic words that are not names on their own
    return {a for a in out if a.lower() not in ("county", "town", "city", "region", "xian")}


# ---------------------------------------------------------------------------------------------
# sentences and parsing

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“'(\[]?[A-Z0-9])|(?<=[。！？；;])|\n\s*\n")


def _sentences(text: str) -> Iterable[str]:
    for para in re.split(r"\n\s*\n", text):
        para = re.sub(r"\s*\n\s*", " ", para).strip()
        for s in _SENT_SPLIT.split(para):
            s = s.strip()
            if s:
                yield s


@dataclass
class _Hit:
    pos: int
    metric: str
    value: int
    qualifier: str
    number_text: str


def _en_hits(sentence: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _NUM_EN.finditer(sentence):
        num_text = m.group("num")
        tail = sentence[m.end() : m.end() + 120]
        tail = tail[1:] if tail.startswith(" ") else tail
        for family, pat in _EN_AFTER:
            mm = pat.match(tail)
            if not mm:
                continue
            if num_text.lower() in ("a", "an", "single") and family not in ("positive",):
                break
            try:
                value = parse_number(num_text)
            except ValueError:
                break
            before = sentence[: m.start()]
            is_new = bool(_NEW_WORD.search(mm.group(0))) or (
                bool(_NEW_WORD.search(before)) and not _STOCK_WORD.search(before)
            )
            new_metric, cur_metric = _FAMILY[family]
            hits.append(
                _Hit(
                    m.start(),
                    new_metric if is_new else cur_metric,
                    value,
                    _qualifier(m.group("qual")),
                    m.group(0).strip(),
                )
            )
            break
    return hits


def _zh_hits(sentence: str) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: set[int] = set()
    for family, pat in _ZH_BEFORE:
        for m in pat.finditer(sentence):
            if m.start("num") in taken:
                continue
            try:
                value = parse_number(m.group("num"))
            except ValueError:
                continue
            taken.add(m.start("num"))
            clause_start = max(sentence.rfind(ch, 0, m.start()) for ch in "。；;") + 1
            clause = sentence[clause_start : m.start() + 1]
            new_at = max((x.end() for x in _ZH_NEW.finditer(clause)), default=-1)
            stock_at = max((x.end() for x in _ZH_STOCK.finditer(clause)), default=-1)
            is_new = new_at > stock_at
            if family == "asymptomatic_current":
                metric = "asymptomatic_current"
            else:
                new_metric, cur_metric = _FAMILY[family]
                metric = new_metric if is_new else cur_metric
            hits.append(_Hit(m.start(), metric, value, Qualifier.EXACT.value, m.group(0)))
            # "新增确诊病例5例（均为无症状感染者转归）": all of them were reclassified
            if family == "confirmed" and _ZH_ALL_RECLASSIFIED.match(sentence[m.end() :]):
                hits.append(
                    _Hit(
                        m.start() + 1,
                        "reclassified_new",
                        value,
                        Qualifier.EXACT.value,
                        sentence[m.end() : m.end() + 12],
                    )
                )
    hits.sort(key=lambda h: h.pos)
    return hits


def parse_bulletin(
    text: str,
    *,
    areas: pd.DataFrame | AreaAliases | None = None,
    date: dt.date | str | None = None,
    area: str | None = None,
    published: dt.date | str | None = None,
) -> pd.DataFrame:
    """Extract candidate counts from bulletin or news ``text``.

    ``areas``: an areas table (or prepared :class:`AreaAliases`) for resolving names to codes;
    ``date``/``area``: what to assume before the text names any; ``published``: the report's
    date (gives the year of "October 27" and resolves "yesterday").

    Returns a frame with :data:`BULLETIN_COLUMNS`: one row per number found, in text order;
    ``area`` is NA where no area could be resolved, ``sentence`` is the sentence it came from.
    """
    aliases = areas if isinstance(areas, AreaAliases) else AreaAliases.from_areas(areas)
    pub = _as_date(published)
    ctx_date = _as_date(date)
    ctx_area = area
    ctx_mention: str | None = None
    year = ctx_date.year if ctx_date else (pub.year if pub else None)
    rows: list[dict[str, object]] = []
    for sentence in _sentences(text):
        d = _find_date(sentence, year if date is not None else None, ctx_date, pub)
        if d is not None:
            ctx_date = d
        found = aliases.find(sentence)
        if found:
            # the most specific area named: "in Shufu County, Kashgar Prefecture" is Shufu
            _pos, code, mention = max(found, key=lambda f: (aliases.levels.get(f[1], 0), -f[0]))
            ctx_area, ctx_mention = code, mention
        is_zh = bool(re.search(r"[\u4e00-\u9fff]", sentence))
        hits = _zh_hits(sentence) if is_zh else _en_hits(sentence)
        if is_zh:
            hits += [h for h in _en_hits(sentence) if h.number_text[:1].isalpha()]
        for h in hits:
            rows.append(
                {
                    "area": ctx_area,
                    "date": ctx_date,
                    "metric": h.metric,
                    "value": h.value,
                    "qualifier": h.qualifier,
                    "area_mention": ctx_mention,
                    "number_text": h.number_text,
                    "sentence": sentence,
                }
            )
    out = pd.DataFrame(rows, columns=list(BULLETIN_COLUMNS))
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["value"] = out["value"].astype(np.int64)
    for c in ("area", "metric", "qualifier", "area_mention", "number_text", "sentence"):
        out[c] = (
            out[c].astype("str").where(out[c].notna(), np.nan) if len(out) else out[c].astype("str")
        )
    return out


def bulletin_to_counts(candidates: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Candidates -> a counts table (contracts.md section 1) ready for ``validate_frame``.

    Drops rows without an area or date; where the text gives the same (area, date, metric) twice
    the later statement wins ("by the afternoon, 137 ..." after "by the morning, 1 ..."). The
    sentence goes into ``note`` so that every number keeps the words it came from.
    """
    c = candidates.dropna(subset=["area", "date"])
    c = c.drop_duplicates(subset=["area", "date", "metric"], keep="last")
    return pd.DataFrame(
        {
            "area": c["area"].to_numpy(),
            "date": c["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "metric": c["metric"].to_numpy(),
            "value": c["value"].to_numpy(),
            "qualifier": c["qualifier"].to_numpy(),
            "source": source,
            "period": None,
            "note": c["sentence"].to_numpy(),
        }
    )


def read_bulletin(path: str | Path) -> str:
    """Read a bulletin text file (UTF-8); an unreadable file is an InputError naming it."""
    p = Path(path)
    try:
        return p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path)
        ) from None


def _as_date(v: dt.date | str | None) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])
