"""Chinese bulletins (国家卫健委/省市卫健委 每日疫情通报): the noun phrase before the number
("新增确诊病例5例"), number-first phrases ("尚有15213人正在接受医学观察"), explicit zeros
("无新增死亡病例"), breakdowns ("其中乌鲁木齐市602例、喀什地区2例"), 0-24时 periods."""

from __future__ import annotations

import datetime as dt
import re

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import (
    _INHERIT_IMPORTED,
    _INHERIT_LOCAL,
    _STOCK_CATS,
    _depth,
    _State,
)
from flareup.ingest.bulletin.numbers import parse_number
from flareup.ingest.bulletin.places import (
    Gazetteer,
    PlaceMention,
    zh_own_area,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span
from flareup.ingest.bulletin.vocabulary import FLOW_STOCK

# ------------------------------------------------------------------ noun phrase rules

_ZH_NUM = (
    r"(?P<num>\d+\.\d+[万亿]|[\d零〇一二两三四五六七八九十百千万亿]+(?:[,，]\d{3})*)\s*(?:余|多)?\s*"
    r"(?:例|人次|人|名)"
)
#: (family, pattern): the noun phrase comes before the number ("新增确诊病例5例"). First wins.
ZH_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        fam,
        rx.compile(
            r"(?:"
            + p
            # "重症病例减少1例", "较前日增加3例": a change from the day before, no count
            + r")(?:(?!减少|增加|较|比)[^，,。；;、0-9零〇一二两三四五六七八九十百千万（(出死转解和及]){0,6}?"
            + _ZH_NUM,
        ),
    )
    for fam, p in (
        (
            "reclassified",
            r"(?:无症状感染者)?转为?确诊(?:病例)?|无症状感染者转归确诊|由无症状感染者转为确诊病例",
        ),
        (
            "asymptomatic_released",
            # "新增解除隔离无症状感染者19例": the verb before the noun too
            r"(?:解除(?:集中)?(?:隔离)?(?:医学)?(?:隔离)?(?:观察)?(?:的)?无症状感染者|"
            r"无症状感染者解除(?:集中)?(?:隔离)?(?:医学)?(?:隔离)?观察)",
        ),
        ("correction", r"核减|订正减少|剔除"),
        ("contacts_released", r"解除医学观察(?:的)?(?:密切接触者|密接)"),
        # "解除隔离1例" after the asymptomatic infections it releases
        ("released", r"解除(?:集中)?(?:隔离)?(?:医学)?(?:隔离)?观察|解除(?:集中)?隔离"),
        # "尚在医学观察136例", "尚在接受集中隔离医学观察13例": people still observed, whose kind
        # (asymptomatic infections or contacts) the words before say
        # ("其中出院72例、在院311例、隔离医学观察2例": the state of those said before)
        (
            "observed",
            r"尚在(?:接受)?(?:集中)?(?:隔离)?(?:医学)?(?:隔离)?观察(?!的)|(?<!解除)(?:集中)?隔离医学观察(?!的)",
        ),
        ("asymptomatic_active", r"尚在(?:医学)?观察(?:的)?无症状感染者|现有无症状感染者"),
        ("asymptomatic_imported", r"境外输入(?:的)?无症状感染者"),
        ("asymptomatic_local", r"本土(?:的)?无症状感染者"),
        ("imported_confirmed", r"境外输入(?:的)?(?:现有)?(?:确诊)?病例|输入(?:确诊)?病例"),
        ("local_confirmed", r"本土(?:确诊)?病例|本地(?:确诊)?病例"),
        # "目前住院152例": confirmed cases now in hospital, the existing ones
        # ("在院隔离治疗确诊病例51例", "住院病例17例": the cases in hospital now; not "累计住院")
        (
            "active_hosp",
            r"在院(?:隔离)?(?:治疗)?(?:的)?(?:确诊)?(?:病例)?|(?:目前|现)住院(?:治疗)?(?:病例)?|"
            r"(?<!累计)住院(?:治疗)?(?:的)?(?:确诊)?病例",
        ),
        ("under_observation", r"(?:尚在)?(?:接受)?医学观察(?:的)?(?:密切接触者|密接)|隔离观察"),
        ("contacts", r"(?:追踪到|追踪|判定)?(?:密切接触者|密接)"),
        ("recovered", r"治愈出院(?:病例)?|出院(?:病例)?"),
        ("deaths", r"死亡(?:病例)?"),
        ("severe", r"危重(?:症)?(?:病例)?|(?<!危)重(?:症|型)(?:病例)?"),
        ("suspected", r"疑似病例"),
        ("asymptomatic", r"无症状感染者"),
        (
            "confirmed",
            r"确诊(?:本地|本土)?(?:新冠肺炎|新型冠状病毒肺炎)?病例|新冠肺炎确诊病例|确诊",
        ),
        ("imported_bare", r"境外输入"),
        ("local_bare", r"本土|本地"),
        ("positive", r"(?:核酸)?(?:检测)?阳性(?:者|人员|病例|感染者)?"),
        # (not "在...核酸检测中发现1例": where a case was found)
        ("tested", r"(?:核酸检测|检测)(?!中)(?:了)?(?:人数|样本)?"),
    )
)
ZH_NEW = rx.compile(r"新增|新发现|新报告|当日|本日|新发")
ZH_STOCK = rx.compile(r"现有|尚在|累计|截至|共有|共报告")
ZH_CUMULATIVE = rx.compile(r"累计|共报告|共有")
ZH_ALL_RECLASSIFIED = rx.compile(
    r"^[（(]?\s*(?:均|全部|都|其中)?(?:为|系|是)?(?:无症状感染者)?转(?:为|归)"
)
ZH_LOCAL = rx.compile(r"本土")
ZH_IMPORTED = rx.compile(r"境外输入")


def zh_category(family: str, clause_before: str, local: bool, imported: bool) -> str | None:
    """Vocabulary category of a Chinese match from its family and the cue words before it."""
    new_at = max((x.end() for x in ZH_NEW.finditer(clause_before)), default=-1)
    stock_at = max((x.end() for x in ZH_STOCK.finditer(clause_before)), default=-1)
    # "累计报告新增确诊病例106例": a total of new cases is a total
    cum = bool(ZH_CUMULATIVE.search(clause_before)) and (
        stock_at > new_at or "累计" in clause_before
    )
    if cum and clause_before.rfind("现有") > max(
        x.end() for x in ZH_CUMULATIVE.finditer(clause_before)
    ):
        cum = False  # "累计报告确诊病例1204例，现有确诊病例33例": the later cue is the count's
    is_new = new_at > stock_at and not cum
    if family in ("imported_confirmed", "local_confirmed"):
        imported, local = family == "imported_confirmed", family == "local_confirmed"
        family = "confirmed"
        if not is_new and not cum and "现有" not in clause_before:
            is_new = True  # "其中境外输入病例7例" after "新增确诊病例124例"
    if family in ("asymptomatic_imported", "asymptomatic_local"):
        imported, local = family == "asymptomatic_imported", family == "asymptomatic_local"
        family = "asymptomatic"
        if not cum and "现有" not in clause_before and "尚在" not in clause_before:
            is_new = True
    if family == "active_hosp":
        return "active"
    if family == "confirmed":
        if is_new:
            return "imported_new" if imported else ("local_new" if local else "confirmed_new")
        if cum:
            return "imported_cumulative" if imported else "confirmed_cumulative"
        return "active"
    if family == "asymptomatic":
        if is_new:
            return (
                "asymptomatic_imported_new"
                if imported
                else ("asymptomatic_local_new" if local else "asymptomatic_new")
            )
        if cum:
            return "asymptomatic_cumulative"
        return "asymptomatic_active"
    if family == "asymptomatic_active":
        return "asymptomatic_active"
    if family in ("released", "observed"):
        asym = clause_before.rfind("无症状")
        contacts = max(clause_before.rfind("密切接触者"), clause_before.rfind("密接"))
        if family == "observed":
            return "asymptomatic_active" if asym > contacts else "under_observation"
        if asym <= contacts:
            return "contacts_released"
        family = "asymptomatic_released"
    if family in FLOW_STOCK:
        return FLOW_STOCK[family][1 if cum else 0]
    if family == "suspected":
        return "suspected_new" if is_new else "suspected"
    if family == "positive":
        return "infections_cumulative" if cum else "tested_positive"
    return family


_ZH_NUMBER_FIRST = (
    (
        "reclassified",
        rx.compile(
            # "另有2例境外输入无症状感染者转确诊病例": of an origin too
            r"(?:含|其中)?(?P<num>\d+)例(?:确诊病例)?(?:系|为|是)?(?:此前|之前|既往)?(?:的)?由?"
            r"(?:境外输入|输入|本土|本地)?(?:的)?无症状感染者转(?:为|归)?(?:确诊)?(?:病例)?"
        ),
    ),
    (
        "under_observation",
        rx.compile(
            r"(?:尚有|仍有)(?P<num>\d+(?:[,，]\d{3})*)(?:余|多)?人(?:正在)?(?:接受)?(?:医学|集中)?"
            r"(?:隔离)?(?:医学)?观察"
        ),
    ),
    (
        "current",
        rx.compile(
            r"(?:现有|尚有)(?P<num>\d+)例(?=[^，,。；;]{0,4}(?:在|正在|于|接受|隔离|[(（]))"
        ),
    ),
    (
        "discharged",
        rx.compile(
            r"(?:其中)?(?P<num>\d+)例(?P<asym>无症状感染者)?(?:已)?(?:治愈)?"
            r"(?:出院|解除(?:集中)?(?:隔离)?(?:医学)?(?:隔离)?观察)"
        ),
    ),
    ("suspected_first", rx.compile(r"(?P<num>\d+)例疑似(?:病例)?")),
    (
        "tested",
        rx.compile(
            r"(?P<num>\d+(?:\.\d+)?[万亿]?|\d{1,3}(?:[,，]\d{3})+)(?:余|多)?(?:人|份)(?:已)?(?:完成|接受|进行)"
            r"(?:了)?(?:全员)?核酸(?:检测|采样)"
        ),
    ),
)
# "(无重症病例)", "当日无转为确诊病例": zeros of severe cases and of reclassifications too
_ZH_ZERO_NOUN = r"(?:死亡病例|疑似病例|转为确诊病例|确诊病例|本土病例|无症状感染者|境外输入|危重症病例|重症病例|病例)"
_ZH_ZERO = rx.compile(
    # ("无新增报告境外输入确诊病例")
    r"无(?P<new>新增(?:报告)?)?(?P<cur>现有)?"
    # ("当日无解除医学观察无症状感染者", "无治愈出院病例": no releases, no recoveries)
    r"(?P<rel>解除(?:集中)?(?:隔离)?医学观察(?:的)?|治愈出院(?:的)?)?"
    r"(?P<kind>本土|本地|境外输入|输入)?(?:新冠肺炎|新型冠状病毒肺炎)?"
    r"(?P<nouns>" + _ZH_ZERO_NOUN + r"(?:[、和及]" + _ZH_ZERO_NOUN + r")*)"
)
_ZH_ZERO_FAMILY = {
    "死亡病例": "deaths",
    "疑似病例": "suspected",
    "确诊病例": "confirmed",
    "本土病例": "confirmed",
    "无症状感染者": "asymptomatic",
    "境外输入": "confirmed",
    "病例": "confirmed",
    "转为确诊病例": "reclassified",
    "危重症病例": "severe",
    "重症病例": "severe",
}
#: words after a known place that name smaller places only (no count words, no punctuation)
_ZH_ITEM_VERB = rx.compile(r"(?:报告|新增|发现|确诊)")
_ZH_PLACE_TAIL = rx.compile(
    r"(?:(?!新增|确诊|累计|现有|治愈|出院|死亡|疑似|密切|观察|隔离|无症状|病例|报告|其中|检测|阳性)"
    r"[^\d零〇一二两三四五六七八九十百千万，,、；;。：:（()）\s])"
    r"{1,14}"
)
_IMPORTED_SECTION = rx.compile(
    # ("云南现有境外输入确诊病例13例": after the province's name too)
    r"\s*(?:(?:全|本)[市省区]|[\u4e00-\u9fff]{2,3}(?:省|市)?)?"
    r"(?:境外输入(?:现有|累计|共)|(?:现有|累计)(?:报告)?境外输入)"
)
#: the cue words of a sentence's segments ("2020年以来,我市累计确诊...;境外输入病例37例")
_ZH_SEG_CUE = rx.compile(r"累计|现有|尚在|新增|以来")
_ZH_DATE = rx.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_ZH_ITEM = rx.compile(r"(?P<num>[\d零〇一二两三四五六七八九十百千万]+)\s*(?:例|人)")
#: an item's name just before its number, after a list separator: "、经开区" (a unit's suffix)
_ZH_UNKNOWN_ITEM = rx.compile(
    r"(?:[、，,；;：:]|其中)\s*(?P<name>[\u4e00-\u9fff]{1,12}?(?:区|县|市|州|地区|旗|镇|乡|街道))\s*$"
)
_ZH_PAREN = rx.compile(r"[（(][^（()）]*[)）]")


#: "2月15日0—24时": a day, then the hours its counts cover
_ZH_WHOLE_DAY = rx.compile(
    r"(?:\d{4}年)?\d{1,2}月\d{1,2}日\s*0\s*(?:时\s*)?(?:—|-|–|至|到)\s*24\s*时"
)


#: "昨日", "昨天", "昨(1)日" (the day of the month in brackets, as Hong Kong and Macao papers
#: write it)
_ZH_YESTERDAY = rx.compile(r"昨(?:[（(]\d{1,2}[）)])?日|昨天")
#: "今日新增", "今天": the publication day, where nothing says the figures were released then
_ZH_TODAY = rx.compile(r"今(?:[（(]\d{1,2}[）)])?日|今天")
#: "今(8)日早上通报", "今日发布": figures released on the publication day
_ZH_RELEASED_TODAY = rx.compile(r"今(?:[（(]\d{1,2}[）)])?日[^,，。;；]{0,6}?(?:通报|发布|公布)")


def _zh_dates(sent: str, pub: dt.date | None) -> list[tuple[int, str, str]]:
    """(position, ISO date, role) of Chinese dates; 'A至B' gives A the role 'start'."""
    out = []
    for m in _ZH_DATE.finditer(sent):
        y = int(m.group("y")) if m.group("y") else (pub.year if pub else None)
        if y is None:
            continue
        try:
            d = dt.date(y, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if not m.group("y") and pub and d > pub + dt.timedelta(days=31):
            d = d.replace(year=d.year - 1)
        after = sent[m.end() : m.end() + 12]
        if rx.match(r"\s*(?:通报|发布|消息|电|讯|报道|召开)", sent[m.end() : m.end() + 4]):
            out.append((m.start(), d.isoformat(), "speech"))
            continue
        role = (
            "start"
            if rx.match(r"\s*(?:\d{1,2}时|零时)?\s*(?:至|到|—|-|–)\s*(?:\d{4}年)?\d{1,2}月", after)
            or rx.search(r"(?:自|从)$", sent[max(0, m.start() - 2) : m.start()])
            else "point"
        )
        if rx.match(r"\s*(?:\d{1,2}时)?\s*(?:以来|至今)", sent[m.end() : m.end() + 8]):
            role = "start"  # ("2020年1月22日至今": from that day to now)
        if rx.search(
            r"[（(](?:均为|均系|为|系|是)[^（()）]*$", sent[max(0, m.start() - 40) : m.start()]
        ):
            # "水磨沟区1例(为3月31日报告无症状感染者的密切接触者)": who the people are, in a
            # bracket that describes them, is no day of the count
            role = "event"
        out.append((m.start(), d.isoformat(), role))
    return out


def _zh_masked(sent: str) -> list[tuple[int, int]]:
    """'(含新疆生产建设兵团)', '31个省(自治区、直辖市)和新疆生产建设兵团': not places of a count."""
    out = [(m.start(), m.end()) for m in rx.finditer(r"[（(]含[^）)]*[）)]", sent)]
    out += [
        (m.start(), m.end())
        for m in rx.finditer(r"和新疆生产建设兵团|新疆生产建设兵团(?=报告)", sent)
    ]
    return out


def _zh_sentence(s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State) -> list[Record]:
    sent = s.text
    zdates = _zh_dates(sent, pub)
    # "2月16日上午,国家卫健委发布了...,2月15日0—24时,...": the day whose 0-24时 the counts
    # cover outranks the day the figures were released
    main = next(
        (d for pos, d, r in zdates if r == "point" and _ZH_WHOLE_DAY.match(sent, pos)),
        None,
    ) or next((d for _, d, r in zdates if r == "point"), None)
    start = next((d for _, d, r in zdates if r == "start"), None)
    if main is None and rx.search(r"当日|当天|同日", sent) and st.date:
        main = st.date
    if main is None and pub and _ZH_YESTERDAY.search(sent):
        main = (pub - dt.timedelta(days=1)).isoformat()
    if main is None and pub and _ZH_RELEASED_TODAY.search(sent):
        # "国家卫健委今(8)日早上通报,...报告新增确诊病例89例": a daily report released today
        # covers the day before (the day-before convention of daily briefings, SCHEMA.md)
        main = (pub - dt.timedelta(days=1)).isoformat()
    elif main is None and pub and _ZH_TODAY.search(sent):
        main = pub.isoformat()  # "本县今日新增无症状感染者3例": the counts of the day itself
    date = main or st.date
    masked = _zh_masked(sent)
    places = [p for p in gaz.find(sent, masked) if not p.text.isascii()]
    if st.doc_place is not None:
        # "全市", "本市", "我市": the area of the authority that writes the bulletin
        for m in rx.finditer(r"全市|本市|我市|全省|本省|全区|本区|全州|全县|本县|我县", sent):
            own = zh_own_area(m.group(0), st.place, st.doc_place, gaz) or st.doc_place.place
            places.append(PlaceMention(m.start(), m.end(), m.group(0), own))
    china = gaz.lookup("China")
    for m in rx.finditer(
        r"\d+个省(?:[（(][^）)]*[）)])?(?:和新疆生产建设兵团)?|全国|我国|中国大陆", sent
    ):
        if china is not None:  # "31个省(自治区、直辖市)和新疆生产建设兵团": the mainland
            places.append(PlaceMention(m.start(), m.end(), m.group(0), china))
    places.sort(key=lambda p: p.start)
    # "其中，..." continues the previous sentence: its cue words (累计, 新增, 现有) carry
    continues = bool(rx.match(r"\s*(?:其中|另外|此外)", sent))
    carry = st.zh_cue if continues else ""
    if continues and st.zh_head is not None and st.zh_head.category.startswith("asymptomatic"):
        # "新增无症状感染者31例。其中境外输入18例;本土13例": the parts are of that kind
        carry += "无症状感染者"
    xpcc = [
        (m.start(), m.end())
        for m in rx.finditer(r"(?<![含和])兵团(?=\d|[零一二两三四五六七八九十])", sent)
    ]
    recs: list[Record] = []
    taken: set[int] = set()
    heads: list[tuple[int, int, str, Record]] = []  # (start, end, category, record)

    def add_head(category: str, value: int, mention: str, a: int, b: int, seg_start: int) -> None:
        pm = _zh_place(places, seg_start, a, sent) or st.place or st.doc_place
        rec = _zh_record(category, value, mention, a, b, sent, s, date, start, pm, st)
        recs.append(rec)
        heads.append((a, b, category, rec))

    def enclosing_head(pos: int) -> tuple[int, int, str, Record] | None:
        """The head whose parenthesis holds ``pos``: "新增无症状感染者45例(境外输入16例)"."""
        open_at = max(sent.rfind("(", 0, pos), sent.rfind("（", 0, pos))
        if open_at < 0 or open_at < max(sent.rfind(")", 0, pos), sent.rfind("）", 0, pos)):
            return None
        for h in reversed(heads):
            if h[1] <= open_at and not sent[h[1] : open_at].strip():
                return h
        return None

    # the number before the noun phrase: "含9例由无症状感染者转为确诊病例", "尚有15213人正在接受
    # 医学观察", "现有13例在定点医院接受隔离治疗", "其中47例已出院"
    for fam, pat in _ZH_NUMBER_FIRST:
        for m in pat.finditer(sent):
            if m.start("num") in taken:
                continue
            try:
                value = parse_number(m.group("num"))
            except ValueError:
                continue
            seg_start = max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1
            before = carry + sent[:seg_start][-60:] + sent[seg_start : m.start()]
            asym = before.rfind("无症状") > before.rfind("确诊")
            category: str | None
            if fam == "current":
                category = "asymptomatic_active" if asym else "active"
            elif fam == "suspected_first":
                # "另有12例疑似病例正在排查中"
                new = "新增" in sent[seg_start : m.start()]
                category = "suspected_new" if new else "suspected"
            elif fam == "discharged":
                # "和硕县2例无症状感染者解除隔离医学观察": the noun between number and verb
                asym = asym or bool(m.group("asym"))
                cum = "累计" in before or "其中" in sent[max(0, m.start() - 3) : m.start() + 2]
                if asym:
                    category = (
                        "asymptomatic_released_cumulative" if cum else "asymptomatic_released_new"
                    )
                else:
                    category = "recovered_cumulative" if cum else "recovered_new"
            else:
                category = fam
            taken.add(m.start("num"))
            add_head(category, value, m.group("num"), m.start("num"), m.end(), seg_start)
    for bare_pass in (False, True):
        for family, pat in ZH_RULES:
            if family.endswith("_bare") != bare_pass:
                continue
            for m in pat.finditer(sent):
                ns = m.start("num")
                if ns in taken or rx.match(
                    r"[日天月年时号周]", sent[m.end("num") : m.end("num") + 1]
                ):
                    continue
                try:
                    value = parse_number(m.group("num"))
                except ValueError:
                    continue
                seg_start = max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1
                before = (
                    carry + _segment_cue(sent, seg_start, m.start()) + sent[seg_start : m.start()]
                )
                fam = family
                if family in ("released", "observed"):
                    before = carry + sent[: m.start()]
                    if (
                        not rx.search(r"无症状|密切接触者|密接", before)
                        and st.zh_head is not None
                        and st.zh_head.category.startswith("asymptomatic")
                    ):
                        # "...本土无症状感染者16例。解除医学观察11例": the kind of the sentence before
                        before = "无症状" + before
                if bare_pass:
                    h = enclosing_head(m.start())
                    if h is not None:
                        table = _INHERIT_IMPORTED if family == "imported_bare" else _INHERIT_LOCAL
                        category = table.get(h[2], h[2])
                        taken.add(ns)
                        pm = _pm_of(h[3], places)
                        rec = _zh_record(
                            category,
                            value,
                            m.group("num"),
                            m.start(),
                            m.end(),
                            sent,
                            s,
                            date,
                            start,
                            pm,
                            st,
                            h[3],
                        )
                        if category == h[2]:
                            # "无症状感染者1例(境外输入1例)": the imported part of a stock
                            # that has no imported category of its own
                            rec.population = "imported" if family == "imported_bare" else "local"
                        recs.append(rec)
                        continue
                    part_of = next(
                        (
                            h
                            for h in reversed(heads)
                            if h[1] <= m.start()
                            and rx.fullmatch(
                                r"\s*[，,]?\s*其中\s*(?:[^，,。；;\d]{1,12}\d+例\s*[、，,]\s*)*",
                                sent[h[1] : m.start()],
                            )
                        ),
                        None,
                    )
                    if part_of is not None and not rx.match(
                        r"(?:local|imported|confirmed|asymptomatic)", part_of[2]
                    ):
                        # "新增出院病例5例，其中本土3例、境外输入2例": parts of a count that has
                        # no local or imported category are of its kind, told apart by population
                        taken.add(ns)
                        rec = _zh_record(
                            part_of[2],
                            value,
                            m.group("num"),
                            m.start(),
                            m.end(),
                            sent,
                            s,
                            date,
                            start,
                            _pm_of(part_of[3], places),
                            st,
                            part_of[3],
                        )
                        rec.population = "imported" if family == "imported_bare" else "local"
                        recs.append(rec)
                        continue
                    # "新增无症状感染者中,境外输入118例,本土601例": the kind named before it
                    # ("...其中境外输入5例(...);本土16例": across the semicolon too)
                    asym_at = (carry + sent[: m.start()]).rfind("无症状感染者")
                    conf_at = (carry + sent[: m.start()]).rfind("确诊")
                    fam = ("asymptomatic_" if asym_at > conf_at else "") + (
                        "imported" if family == "imported_bare" else "local"
                    )
                    if not fam.startswith("asymptomatic"):
                        fam += "_confirmed"
                np_text = sent[max(seg_start, m.start() - 8) : ns]
                local = bool(ZH_LOCAL.search(np_text))
                imported = bool(ZH_IMPORTED.search(np_text))
                category = zh_category(fam, before + m.group(0)[: ns - m.start()], local, imported)
                if fam in ("imported_confirmed", "local_confirmed") and rx.search(
                    r"(?:治愈)?出院(?:的)?$", sent[seg_start : m.start()]
                ):
                    # "新增治愈出院境外输入确诊病例1例": recoveries of that origin, not new cases
                    cum = "累计" in sent[seg_start : m.start()]
                    taken.add(ns)
                    add_head(
                        "recovered_cumulative" if cum else "recovered_new",
                        value,
                        m.group("num"),
                        m.start(),
                        m.end(),
                        seg_start,
                    )
                    recs[-1].population = "imported" if fam == "imported_confirmed" else "local"
                    continue
                if category is None or category not in cat.CATEGORIES:
                    continue
                taken.add(ns)
                add_head(category, value, m.group("num"), m.start(), m.end(), seg_start)
    # 无新增死亡病例 / 无死亡病例 / 无新增本地疑似病例、确诊病例: explicit zeros, one per noun
    for m in _ZH_ZERO.finditer(sent):
        kind = m.group("kind") or ""
        seg_start = max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1
        before = carry + _segment_cue(sent, seg_start, m.start()) + sent[seg_start : m.start()]
        nouns = [x for x in rx.split(r"[、和及]", m.group("nouns")) if x]
        for noun in nouns:
            fam = _ZH_ZERO_FAMILY[noun]
            zcat = zh_category(
                fam,
                # "无现有疑似病例": no current suspected cases is a zero of the stock
                before + ("新增" if m.group("new") else "") + ("现有" if m.group("cur") else ""),
                noun == "本土病例" or kind in ("本土", "本地"),
                noun == "境外输入" or kind in ("境外输入", "输入"),
            )
            if zcat is None:
                continue
            if m.group("rel"):
                if m.group("rel").startswith("治愈"):
                    zcat = "recovered_new"
                elif fam == "asymptomatic":
                    zcat = "asymptomatic_released_new"
                else:
                    continue
            if noun == "境外输入" and not kind:
                h = enclosing_head(m.start())
                if h is None:
                    continue
                zcat = h[2]
            pm = _zh_place(places, 0, m.start(), sent) or st.place or st.doc_place
            rec = _zh_record(zcat, 0, m.group(0), m.start(), m.end(), sent, s, date, start, pm, st)
            if len(nouns) > 1 and fam == "suspected" and kind:
                # "无新增本地疑似病例" and "无新增境外输入疑似病例": two facts of one wording
                rec.population = "imported" if kind in ("境外输入", "输入") else "local"
            elif fam == "deaths" and not kind and "境外输入" in sent[seg_start : m.start()]:
                # "累计报告境外输入确诊病例505例,目前住院31例,无死亡病例": no deaths among the
                # imported cases, a fact apart from the local cases' zero
                rec.population = "imported"
            recs.append(rec)
    # breakdown items: "其中乌鲁木齐市602例、喀什地区2例", "(天津2例,上海2例)": each belongs to the
    # last head count before it in its part of the sentence
    for m in _ZH_ITEM.finditer(sent):
        a = m.start()
        if a in taken or sent[max(0, a - 2) : a] == "输入":
            continue  # ("越南输入5例": the country an imported case came from, no count)
        # ("厦门市报告12例": the place's own verb between it and its number)
        pl = [p for p in places if p.end == a or _ZH_ITEM_VERB.fullmatch(sent, p.end, a)]
        if not pl:
            # "厦门市报告12例", "马关县在区域核酸筛查中发现11例": a verb of finding between
            pl = [
                p
                for p in places
                if p.end < a
                and rx.fullmatch(r"(?:报告|发现|在[^，,、；;。\d各]{1,30}?发现)", sent[p.end : a])
            ][-1:]
        if not pl:
            # "其中喀什地区疏附县站敏乡和周边乡镇46例": townships the gazetteer does not know
            # between the place and the number
            pl = [p for p in places if p.end < a and _ZH_PLACE_TAIL.fullmatch(sent, p.end, a)][-1:]
        xp = [x for x in xpcc if x[1] == a]
        unknown = None
        if not pl and not xp:
            # "、高新区2例、水磨沟区1例、经开区1例": a list item named by a place the gazetteer
            # lacks is still a count of the list, kept with its name as written
            unknown = _ZH_UNKNOWN_ITEM.search(sent, 0, a)
            if unknown is None:
                continue
        seg_start = _list_segment_start(sent, a)
        # the last head before it at its own depth of parentheses ("(出院46例)" is not a head
        # for "澳门特别行政区47例")
        parents = sorted(
            (h for h in heads if seg_start <= h[1] <= a and _depth(sent, h[0]) <= _depth(sent, a)),
            key=lambda h: h[1],
        )
        parent_cat: str | None
        parent_rec: Record | None
        if parents:
            parent_cat, parent_rec = parents[-1][2], parents[-1][3]
        elif continues and st.zh_head is not None:
            parent_cat, parent_rec = st.zh_head.category, st.zh_head
        else:
            continue
        pre = sent[parents[-1][1] if parents else 0 : a]
        depth = pre.count("(") + pre.count("（") - pre.count(")") - pre.count("）")
        if depth > 1 or (
            depth == 1
            and rx.search(r"[（(][^（(]*(?:输入|关联)", pre[-30:]) is not None
            and not rx.search(r"[（(]\s*$", pre)
        ):
            continue
        try:
            v = parse_number(m.group("num"))
        except ValueError:
            continue
        taken.add(a)
        # "新增确诊病例13例，均为境外输入病例（上海5例，...）": each item is of the kind named
        if rx.search(r"均为境外输入", pre):
            parent_cat = _INHERIT_IMPORTED.get(parent_cat, parent_cat)
        elif rx.search(r"均为本[土地]", pre):
            parent_cat = _INHERIT_LOCAL.get(parent_cat, parent_cat)
        if pl:
            recs.append(
                _zh_record(
                    parent_cat, v, m.group("num"), a, m.end(), sent, s, date, start, pl[-1], st
                )
            )
        elif unknown is not None:
            r = _zh_record(
                parent_cat, v, m.group("num"), a, m.end(), sent, s, date, start, None, st
            )
            r.place, r.place_text, r.place_code = None, unknown.group("name"), None
            # "乌鲁木齐市天山区2例、沙依巴克区1例、高新区2例": a unit the gazetteer lacks, listed
            # after a county-level unit, lies in that unit's prefecture
            listed = [q for q in recs if seg_start <= q.start - s.start < a and q.place]
            unit = gaz.lookup(listed[-1].place) if listed and listed[-1].place else None
            city = gaz.parent_of(unit) if unit is not None and unit.level == "county" else None
            if city is not None:
                r.place, r.place_code = city.name, city.code or None
            r.evidence = sent[unknown.start("name") : m.end()]
            r.start = s.start + unknown.start("name")
            r.end = s.start + m.end()
            recs.append(r)
        else:
            r = _zh_record(
                parent_cat, v, m.group("num"), a, m.end(), sent, s, date, start, None, st
            )
            r.place, r.place_text = "Xinjiang Production and Construction Corps", "兵团"
            recs.append(r)
        del parent_rec
    recs.sort(key=lambda r: r.start)
    prev = st.zh_head.sentence if st.zh_head is not None else ""
    if _IMPORTED_SECTION.match(sent) or (
        rx.match(r"\s*累计", sent) and _IMPORTED_SECTION.match(prev) and not places
    ):
        # "境外输入现有确诊病例227例，现有疑似病例3例。累计确诊病例3136例，...": the imported
        # section of a national report (its stocks are facts apart from the national ones)
        for r in recs:
            imp = _INHERIT_IMPORTED.get(r.category)
            if imp is not None and imp in cat.CATEGORIES and imp in _STOCK_CATS | {"imported_new"}:
                r.category = imp
                r.metric = cat.metric_for(imp, r.stock)
            elif "imported" not in r.category:
                r.population = r.population or "imported"
    if main:
        st.date = main
    if places:
        first = [
            p
            for p in places
            if not any(a <= p.start < b for a, b in masked)
            and _depth(sent, p.start) == 0
            # ("累计确诊病例中,西宁市15例,海北州3例": a breakdown's items, no subject that goes on)
            and not rx.match(r"\s*[0-9]+\s*[例人名]", sent[p.end :])
        ]
        if first:
            st.place = first[0]
    cue = rx.search(r"累计|新增|现有|尚在", sent)
    st.zh_cue = cue.group(0) if cue else ""
    if heads:
        st.zh_head = heads[-1][3]
    return recs


def _list_segment_start(sent: str, pos: int) -> int:
    """Start of the part of ``sent`` a list item at ``pos`` belongs to. A semicolon inside the
    bracket that holds the item parts the list's items, not the sentence: in "本土病例65例(遼寧
    20例,均在大連市;河南18例,...)" the item after it is still one of the 65 local cases."""
    seg = max(sent.rfind(ch, 0, pos) for ch in "。；;") + 1
    depth = 0
    for i in range(pos - 1, -1, -1):
        ch = sent[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:  # the bracket that holds the item
                if i < seg:
                    return max(sent.rfind(c, 0, i) for c in "。；;") + 1
                return seg
            depth -= 1
    return seg


def _pm_of(rec: Record, places: list[PlaceMention]) -> PlaceMention | None:
    for p in places:
        if p.text == rec.place_text:
            return p
    return None


def _zh_place(
    places: list[PlaceMention], seg_start: int, pos: int, sent: str
) -> PlaceMention | None:
    """The place right before the parenthesis holding ``pos`` ("台湾地区889例(出院787例"), else
    the nearest place before it in its clause, else the sentence's first place."""
    open_at = max(sent.rfind("(", 0, pos), sent.rfind("（", 0, pos))
    if open_at > max(sent.rfind(")", 0, pos), sent.rfind("）", 0, pos)):
        inner = [p for p in places if p.end <= open_at and open_at - p.end <= 8]
        # the place of the count the parenthesis belongs to: "香港特别行政区10085例("
        if inner and rx.fullmatch(
            r"(?:地区|特别行政区)?[\d零一二两三四五六七八九十百千万]+例?",
            sent[inner[-1].end : open_at],
        ):
            return inner[-1]
    clause_start = max(sent.rfind(ch, 0, pos) for ch in "，,；;。、") + 1
    # a place inside parentheses belongs to its breakdown, not to a count outside them
    level = _depth(sent, pos)
    places = [p for p in places if _depth(sent, p.start) <= level]
    near = [p for p in places if clause_start <= p.start < pos]
    if near:
        return near[-1]
    seg = [p for p in places if seg_start <= p.start < pos]
    if seg:
        return seg[0]
    before = [p for p in places if p.start < pos]
    return before[0] if before else None


def _zh_record(
    category: str,
    value: int,
    mention: str,
    a: int,
    b: int,
    sent: str,
    s: Span,
    date: str | None,
    period_start: str | None,
    pm: PlaceMention | None,
    st: _State,
    parent: Record | None = None,
) -> Record:
    stock = category in _STOCK_CATS
    place = pm.place if pm is not None else None
    # "3,000余人": more than 3,000
    hedged = rx.search(re.escape(mention) + r"\s*[余多]", sent[a : b + 2]) is not None
    return Record(
        category=category,
        value=value,
        qualifier="at_least" if hedged else "exact",
        date=date,
        place=place.name if place else (parent.place if parent else None),
        place_text=pm.text if pm is not None else (parent.place_text if parent else None),
        mention=mention,
        evidence=sent[a:b],
        sentence=sent,
        start=s.start + a,
        end=s.start + b,
        metric=cat.metric_for(category, stock),
        period_start=period_start,
        place_code=(place.code or None) if place else None,
        stock=stock,
    )


def _segment_cue(sent: str, seg_start: int, pos: int) -> str:
    """The cue word a segment after a semicolon takes from the sentence before it when it has
    none of its own: "2020年以来,我市累计确诊...78例;境外输入病例37例" is a total too."""
    if seg_start <= 0:
        return ""
    if _ZH_SEG_CUE.search(sent, seg_start, pos):
        return ""
    cues = _ZH_SEG_CUE.findall(sent, 0, seg_start)
    if not cues:
        return ""
    # "2020年以来" opens a sentence of totals; else the sentence's first cue governs it ("现有
    # 确诊病例54例...;无症状感染者219例"), not a later one inside a breakdown ("其中...现有11例")
    return "累计" if "以来" in cues else cues[0]
