"""The bulletin parser against the exact numbers a reader finds in the texts."""

from __future__ import annotations

import pandas as pd
import pytest

from flareup.data.kashgar_2020 import files
from flareup.errors import InputError
from flareup.ingest.bulletin import (
    AreaAliases,
    bulletin_to_counts,
    parse_bulletin,
    parse_number,
    read_bulletin,
)
from flareup.ingest.tables import read_table, validate_frame


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return read_table(files()["areas"], "areas").frame  # type: ignore[arg-type]


def found(df: pd.DataFrame) -> set[tuple[str, str, str, int, str]]:
    return {
        (r.area, r.date.strftime("%Y-%m-%d"), r.metric, int(r.value), r.qualifier)
        for r in df.itertuples()
    }


def test_bundled_news_report(areas: pd.DataFrame) -> None:
    paths = files()["bulletin_texts"]
    assert isinstance(paths, list)
    text = read_bulletin(paths[0])
    got = parse_bulletin(text, areas=areas, published="2020-11-15")
    KASHGAR, SHUFU, XINJIANG = "653100", "653121", "650000"
    assert found(got) == {
        # "a single coronavirus infection in Shufu County" / "137 people were found to be positive"
        (SHUFU, "2020-10-25", "positive_current", 1, "exact"),
        (SHUFU, "2020-10-25", "positive_current", 137, "exact"),
        # "On October 26 ... Two days later, 183 people had tested positive: 45 people were
        # symptomatic, including three severe cases, and another 138 were found to be asymptomatic"
        (KASHGAR, "2020-10-28", "positive_current", 183, "exact"),
        (KASHGAR, "2020-10-28", "confirmed_current", 45, "exact"),
        (KASHGAR, "2020-10-28", "severe_current", 3, "exact"),
        (KASHGAR, "2020-10-28", "asymptomatic_current", 138, "exact"),
        # "By November 5, there had been nearly 400 cases ... including 78 confirmed cases with
        # symptoms, seven severe cases, and 318 asymptomatic infections"
        (KASHGAR, "2020-11-05", "positive_current", 400, "approximate"),
        (KASHGAR, "2020-11-05", "confirmed_current", 78, "exact"),
        (KASHGAR, "2020-11-05", "severe_current", 7, "exact"),
        (KASHGAR, "2020-11-05", "asymptomatic_current", 318, "exact"),
        # "As of November 14, ... 25 confirmed symptomatic cases and 187 asymptomatic infections
        # in Xinjiang" (COVID-19's "19", percentages and dollar sums are not counts)
        (XINJIANG, "2020-11-14", "confirmed_current", 25, "exact"),
        (XINJIANG, "2020-11-14", "asymptomatic_current", 187, "exact"),
    }
    row = got[got["value"] == 187].iloc[0]
    assert row["sentence"].startswith("As of November 14, the official data showed 25 confirmed")


def test_news_counts_validate_and_later_statement_wins(areas: pd.DataFrame) -> None:
    paths = files()["bulletin_texts"]
    assert isinstance(paths, list)
    got = parse_bulletin(read_bulletin(paths[0]), areas=areas, published="2020-11-15")
    counts = bulletin_to_counts(got, source="news")
    vt = validate_frame(counts, "counts")
    shufu = vt.frame[(vt.frame["area"] == "653121")]
    assert shufu["value"].tolist() == [137]  # the afternoon figure replaces the morning's 1
    assert vt.frame["note"].str.len().min() > 20  # every number keeps its sentence


def test_english_bulletin_flows_and_qualifiers(areas: pd.DataFrame) -> None:
    text = (
        "Xinjiang reported five new confirmed cases and 19 asymptomatic COVID-19 cases on "
        "October 27, 2020. More than 400 people have tested positive in Shufu County, "
        "while about 1,200 close contacts are under medical observation. "
        "The following day, twenty-three patients were discharged and no deaths were reported."
    )
    got = parse_bulletin(text, areas=areas)
    assert found(got) == {
        ("650000", "2020-10-27", "confirmed_new", 5, "exact"),
        ("650000", "2020-10-27", "asymptomatic_new", 19, "exact"),
        ("653121", "2020-10-27", "positive_current", 400, "at_least"),
        ("653121", "2020-10-27", "under_observation_current", 1200, "approximate"),
        ("653121", "2020-10-28", "recovered_new", 23, "exact"),
    }


def test_chinese_nhc_bulletin(areas: pd.DataFrame) -> None:
    text = (
        "10月27日0—24时，新疆维吾尔自治区（含新疆生产建设兵团）新增确诊病例5例（均为无症状感染者转归），"
        "均在喀什地区疏附县；新增无症状感染者19例。截至10月27日24时，新疆现有确诊病例22例"
        "（其中重症3例），尚在医学观察的无症状感染者161例。"
    )
    got = parse_bulletin(text, areas=areas, published="2020-10-28")
    assert found(got) == {
        ("653121", "2020-10-27", "confirmed_new", 5, "exact"),
        ("653121", "2020-10-27", "reclassified_new", 5, "exact"),
        ("653121", "2020-10-27", "asymptomatic_new", 19, "exact"),
        ("650000", "2020-10-27", "confirmed_current", 22, "exact"),
        ("650000", "2020-10-27", "severe_current", 3, "exact"),
        ("650000", "2020-10-27", "asymptomatic_current", 161, "exact"),
    }


def test_chinese_short_phrases_and_numerals(areas: pd.DataFrame) -> None:
    got = parse_bulletin(
        "疏附县新增确诊病例5例、无症状感染者十九例。", areas=areas, date="2020-10-27"
    )
    assert found(got) == {
        ("653121", "2020-10-27", "confirmed_new", 5, "exact"),
        ("653121", "2020-10-27", "asymptomatic_new", 19, "exact"),
    }


def test_no_areas_leaves_area_missing_and_counts_drop_it() -> None:
    got = parse_bulletin("137 people were found to be positive.", date="2020-10-25")
    assert got["value"].tolist() == [137] and got["area"].isna().all()
    assert bulletin_to_counts(got).empty
    assert parse_bulletin("Nothing to count here.").empty


def test_default_area_and_date() -> None:
    got = parse_bulletin(
        "Yesterday 12 new asymptomatic infections were found.",
        area="653121",
        published="2020-10-30",
    )
    assert found(got) == {("653121", "2020-10-29", "asymptomatic_new", 12, "exact")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("1,200", 1200),
        ("twenty-three", 23),
        ("three hundred", 300),
        ("a single", 1),
        ("十九", 19),
        ("二十三", 23),
        ("一百零五", 105),
        ("两千", 2000),
        ("1万2千", 12000),
        ("一八三", 183),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_aliases_prefer_the_prefecture_for_a_shared_name(areas: pd.DataFrame) -> None:
    a = AreaAliases.from_areas(areas)
    assert a.names["kashgar"] == "653100"  # also Kashgar City's alt name
    assert a.names["shufu county"] == "653121"
    assert a.names["疏附"] == "653121"
    assert a.names["zhanmin"] == "653121205"


def test_read_bulletin_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "b.txt"
    p.write_bytes(b"\xff\xfe\x81")
    with pytest.raises(InputError) as e:
        read_bulletin(p)
    assert e.value.file == str(p)
    with pytest.raises(InputError):
        read_bulletin(tmp_path / "missing.txt")
