"""China's rows of ``places.csv`` for ``_build`` (run by hand; see SOURCE.md): provinces,
prefectures, Xinjiang's counties and the districts of the four municipalities from cpca's
GB/T 2260 table (Chinese name and 6-digit code, which is also the registry's area code),
named in English by their Hanyu Pinyin stem (pypinyin, with ``POLYPHONES`` read in their
everyday sound) or the exonym news use (``EXONYMS``, ``EXTRA_ALIASES``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

#: English names news use where they differ from the pinyin of the Chinese name.
EXONYMS = {
    "650000": "Xinjiang",
    "540000": "Tibet",
    "150000": "Inner Mongolia",
    "610000": "Shaanxi",
    "810000": "Hong Kong",
    "820000": "Macao",
    "710000": "Taiwan",
    "650100": "Urumqi",
    "653100": "Kashgar",
    "653101": "Kashgar City",
    "653200": "Hotan",
    "653201": "Hotan City",
    "652900": "Aksu",
    "654000": "Ili",
    "653000": "Kizilsu",
    "652800": "Bayingolin",
    "652300": "Changji",
    "652700": "Bortala",
    "654300": "Altay",
    "654200": "Tacheng",
    "650500": "Hami",
    "650400": "Turpan",
    "650200": "Karamay",
    "652801": "Korla",
    "654002": "Yining",
    "653125": "Yarkant",
    "653130": "Bachu",
    "653131": "Taxkorgan",
    "653126": "Kargilik",
    "653129": "Peyziwat",
    "653123": "Yengisar",  # 英吉沙; 疏勒 (653122) is Shule, its pinyin
    "653022": "Akto",
    "653001": "Artux",
    "653024": "Ulugqat",
    "653023": "Akqi",
    "652923": "Kuqa",
    "653227": "Minfeng",
    "652901": "Aksu City",
    "659001": "Shihezi",
    "440300": "Shenzhen",
    "440100": "Guangzhou",
    "150100": "Hohhot",
    "540100": "Lhasa",
    "330200": "Ningbo",
    "370200": "Qingdao",
    "210200": "Dalian",
    "220200": "Jilin City",
    "230100": "Harbin",
    "620100": "Lanzhou",
    "630100": "Xining",
    "640100": "Yinchuan",
    "510100": "Chengdu",
    "530100": "Kunming",
    "520100": "Guiyang",
    "450100": "Nanning",
    "350200": "Xiamen",
    "420100": "Wuhan",
    "610100": "Xi'an",
}
#: Additional spellings (comma-separated) by code: English ones, and the short Chinese forms
#: bulletins use (巴州 for 巴音郭楞蒙古自治州).
EXTRA_ALIASES = {
    "650000": "Xinjiang Uygur Autonomous Region,Xinjiang Uyghur Autonomous Region,Sinkiang",
    "653100": "Kashi,Kashgar Prefecture,Qeshqer",
    "653101": "Kashi City",
    "650100": "Wulumuqi,Ürümqi,Urumchi",
    "653200": "Hetian,Khotan",
    "654000": "Yili,Ili Kazakh Autonomous Prefecture",
    "653000": "Kezilesu,Kizilsu Kirghiz,克州",
    "652800": "Bayinguoleng,Bayingol,巴州",
    "652700": "Boertala,博州",
    "654300": "Aletai,Altai",
    "650400": "Tulufan",
    "650200": "Kelamayi",
    "652801": "Kuerle",
    "653121": "Shufu County,Kona Xahar",
    "810000": "Hong Kong SAR,HKSAR",
    "820000": "Macau,Macao SAR,Macau SAR",
    "540000": "Xizang,Tibet Autonomous Region",
    "150000": "Nei Mongol,Inner Mongolia Autonomous Region",
    "450000": "Guangxi Zhuang Autonomous Region",
    "640000": "Ningxia Hui Autonomous Region",
    "110000": "Peking",
    "440100": "Canton",
    "610100": "Xian",
}
#: Place names whose characters pypinyin reads in their everyday sound, not the name's
#: (朝 cháo, not zhāo, in 朝阳; 长 cháng in 长宁; 单 shàn in 单县; 涡 guō in 涡阳; 洞 tóng
#: in 洪洞), as the national gazetteer romanises them
POLYPHONES = {
    "朝阳": "Chaoyang",
    "长宁": "Changning",
    "单县": "Shanxian",
    "涡阳": "Guoyang",
    "洪洞": "Hongtong",
}


def _pinyin(zh: str) -> str:
    from pypinyin import lazy_pinyin

    if zh in POLYPHONES:
        return POLYPHONES[zh]
    syllables = lazy_pinyin(zh)
    if len(syllables) == len(zh):
        # 都 is "du" in place names (成都 Chengdu, 武都 Wudu, 都江堰 Dujiangyan), "dou" ('all')
        # only as a word, which pypinyin reads first
        syllables = ["du" if ch == "都" else py for ch, py in zip(zh, syllables, strict=True)]
    # Hanyu Pinyin's syllable apostrophe (GB/T 16159): a syllable after the first that starts
    # with a, o or e is set off, "Guang'an" (广安), "Ji'an" (吉安), "Yan'an" (延安), as the
    # official romanisation and news write them ("Jin'an" 晋安 is not "Jinan" 济南)
    parts: list[str] = [str(py) for py in syllables]
    word = parts[0] + "".join(("'" if py[:1] in "aoe" else "") + py for py in parts[1:])
    word = word.replace("ü", "u").replace("v", "u")
    return word[:1].upper() + word[1:]


_ZH_SUFFIX = re.compile(
    r"(?:(?:维吾尔|壮族|回族)?自治区|省|市|自治州|地区|盟|自治县|自治旗|旗|县|区)$"
)
#: The peoples an autonomous prefecture, county or banner is named after, stripped from its end
#: one by one (延边朝鲜族自治州 -> 延边, 双江拉祜族佤族布朗族傣族自治县 -> 双江, 海西蒙古族藏族自治州
#: -> 海西): the place's own name is what English reports write ("Yanbian"). (A pattern of any
#: characters before 族 took the place's name with the people's: 延边朝鲜族 -> '', and the row
#: fell back to the pinyin of the whole name, "Yanbianchaoxianzuzizhizhou".)
_PEOPLES = (
    "乌孜别克|柯尔克孜|维吾尔|哈萨克|塔吉克|鄂伦春|鄂温克|达斡尔|塔塔尔|俄罗斯|土家|布依|朝鲜|哈尼|傈僳|"
    "拉祜|纳西|景颇|仫佬|毛南|仡佬|普米|阿昌|德昂|裕固|独龙|东乡|撒拉|保安|锡伯|赫哲|门巴|珞巴|基诺|"
    "布朗|蒙古|高山"
)
_ETHNIC = re.compile(
    r"(?:(?:" + _PEOPLES + r")族?|(?:回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各)族)$"
)


def _zh_stem(zh: str) -> str:
    if _new_area(zh):
        return zh[:-2]  # 浦东新区 -> 浦东 (Pudong New Area); not 清新区, Qingxin District
    stem = _ZH_SUFFIX.sub("", zh)
    if ("自治" in zh and not zh.endswith("自治区")) or zh.endswith("族区"):
        while (m := _ETHNIC.search(stem)) and m.start() >= 2:
            stem = stem[: m.start()]
        if stem.endswith("族") and len(stem) >= 3:
            stem = stem[:-1]  # named after its people alone: 鄂温克族自治旗 -> 鄂温克 (Ewenke)
    return stem if len(stem) >= 2 else zh


def _new_area(zh: str) -> bool:
    """Whether ``zh`` is a new area (新区) named by two characters or more before it."""
    return zh.endswith("新区") and len(zh) >= 4


def _level_words(level: str) -> tuple[str, ...]:
    return {
        "province": ("Province",),
        "prefecture": ("Prefecture", "City"),
        "county": ("County", "City", "District"),
    }.get(level, ())


def china_rows() -> list[dict[str, str]]:
    import cpca

    table = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with table.open(encoding="utf-8") as f:
        raw = [(r["adcode"][:6], r["name"]) for r in csv.DictReader(f)]
    names = dict(raw)
    rows: list[dict[str, str]] = []
    for code, zh in sorted(raw):
        if zh in ("市辖区", "县", "自治区直辖县级行政区划", "省直辖县级行政区划"):
            continue
        pcode = code[:2] + "0000"
        if code.endswith("0000"):
            level, parent = "province", "CN"
        elif code.endswith("00"):
            level, parent = "prefecture", pcode
        else:
            level = "county"
            parent = code[:4] + "00" if code[:4] + "00" in names else pcode
            if parent not in names or names[parent] in ("市辖区", "县"):
                parent = pcode
            if code[2:4] == "90":  # 自治区直辖县级市 (Shihezi ...): directly under the province
                parent = pcode
        stem = _zh_stem(zh)
        en = EXONYMS.get(code) or _pinyin(stem)
        py = "" if code == "610000" else _pinyin(stem)  # 陕西 is Shanxi in pinyin, as 山西
        # Xinjiang's counties and the municipalities' districts go by their bare names too;
        # elsewhere a county-level name is read only with its suffix ("Jimo District", 即墨区)
        # or in Chinese, as bare pinyin syllables collide with ordinary words and each other
        bare = level != "county" or code.startswith("65") or code[:2] in ("11", "12", "31", "50")
        # (the pinyin written without its apostrophe too: "Guangan", "Yanan", "Haerbin")
        plain = py.replace("'", "") if "'" in py else ""
        aliases = {zh, stem, py, plain} | ({en} if bare else set())
        if not bare:
            aliases.discard(stem)  # "朝阳" alone is a district of Beijing and a city of Liaoning
        if level == "county" and zh[-1] in "县市" and len(stem) >= 2:
            aliases.add(stem + "区")  # many counties have since become districts (即墨市 -> 即墨区)
        if not bare:
            aliases.discard(py)
            aliases.discard(plain)
        # Inner Mongolia's banners (旗) and leagues (盟): "the Ejina Banner", "Xilin Gol League"
        # (and the new areas, 新区: "Pudong New Area", "Binhai New Area")
        unit_words = (
            ("Banner",)
            if zh.endswith("旗")
            else ("League",)
            if zh.endswith("盟")
            else ("New Area", "New District")
            if _new_area(zh)
            else ()
        )
        for w in (*_level_words(level), *unit_words):
            aliases.add(f"{en} {w}")
            if py:
                aliases.add(f"{py} {w}")
            if plain:
                aliases.add(f"{plain} {w}")
        if level == "province" and zh.endswith("市"):
            aliases.add(f"{en} Municipality")
        if zh.endswith("自治州") and len(stem) >= 2:
            # the short form bulletins use: 伊犁州, 昌吉州, 延边州 (and 巴州, 博州, 克州 by hand)
            aliases.add(stem + "州")
        aliases |= set(filter(None, EXTRA_ALIASES.get(code, "").split(",")))
        rows.append(
            {
                "name": en,
                "level": level,
                "country": "CN",
                "parent": parent,
                "code": code,
                "name_zh": zh,
                "aliases": "|".join(sorted(a for a in aliases if a and a != en)),
                "bare": "1" if bare else "0",
            }
        )
    return rows
