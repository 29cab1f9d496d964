"""The bundled Kashgar 2020 example: valid canonical files, facts as the sources state them, and
the AFP disagreement of 27 October kept in the store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flareup.data.kashgar_2020 import IMPORT_ORDER, files
from flareup.ingest.tables import read_table
from flareup.registry import Registry


def table(kind: str) -> pd.DataFrame:
    p = files()[kind]
    assert isinstance(p, Path)
    return read_table(p, kind).frame


def test_files_exist_and_validate() -> None:
    f = files()
    for key in (*IMPORT_ORDER, "source_md", "facts"):
        p = f[key]
        assert isinstance(p, Path) and p.is_file(), key
    texts = f["bulletin_texts"]
    assert isinstance(texts, list) and [p.name for p in texts] == ["news-2020-11-15.txt"]
    assert len(table("areas")) == 31
    assert len(table("campaigns")) == 6


def test_areas_hierarchy() -> None:
    a = table("areas").set_index("code")
    assert a.loc["653100", "population"] == 4_496_377
    assert a.loc["653121", "population"] == 263_014
    assert (a["parent_code"] == "653121").sum() == 15  # Shufu's township-level units
    assert (a["parent_code"] == "653100").sum() == 12  # Kashgar's county-level units
    assert a.loc["653022", "parent_code"] == "653000"  # Akto is in Kizilsu


def test_counts_keep_every_timeline_row_and_its_source() -> None:
    c = table("counts")
    # 50 rows of timeline.csv + 3 official figures of 2020-10-27 (SOURCE.md)
    assert len(c) == 53
    assert c["source"].notna().all()
    afp = c[c["source"].str.contains("vanguardngr", na=False)]
    assert sorted(zip(afp["metric"], afp["value"], strict=True)) == [
        ("asymptomatic_current", 161),
        ("confirmed_current", 22),
        ("positive_current", 183),
    ]
    shufu_28 = c[(c["area"] == "653121") & (c["date"] == "2020-10-28")].set_index("metric")
    assert shufu_28.loc["confirmed_current", "value"] == 45
    assert shufu_28.loc["severe_current", "value"] == 3
    assert shufu_28.loc["asymptomatic_current", "value"] == 138


def test_designations_expanded_and_chained() -> None:
    d = table("designations")
    shufu = d[d["area"].str.startswith("653121")]
    first = shufu[shufu["valid_from"] == "2020-10-26"].set_index("area")["level"]
    assert len(first) == 15  # every Shufu township designated on 2020-10-26
    assert sorted(first[first == "high"].index) == [
        "653121100",
        "653121102",
        "653121204",
        "653121205",
    ]
    assert (first == "medium").sum() == 11
    counties = d[(d["area"].str.len() == 6)]
    assert sorted(counties["area"]) == ["653101", *[f"6531{n}" for n in range(22, 32)]]
    assert (counties["level"] == "low").all()
    # each change closes the previous period: Zhanmin high 10-26 .. 11-18, then low
    z = d[d["area"] == "653121205"].sort_values("valid_from")
    assert z["level"].tolist() == ["high", "low"]
    assert z["valid_to"].iloc[0] == pd.Timestamp("2020-11-18") and pd.isna(z["valid_to"].iloc[1])
    # whole county low from 2020-11-18: no open period above low remains in Shufu
    open_ = shufu[shufu["valid_to"].isna()]
    assert (open_["level"] == "low").all() and len(open_) == 15


def test_source_md_cites_every_source() -> None:
    text = Path(files()["source_md"]).read_text(encoding="utf-8")  # type: ignore[arg-type]
    for kind in ("counts", "designations", "campaigns"):
        for src in table(kind)["source"].dropna().unique():
            assert src in text, src
    assert "derived" in text.lower()


@pytest.fixture
def loaded(registry: Registry) -> Registry:
    for kind in IMPORT_ORDER:
        p = files()[kind]
        assert isinstance(p, Path)
        registry.import_table(read_table(p, kind))
    return registry


def test_afp_disagreement_survives_into_the_store(loaded: Registry) -> None:
    d = loaded.disagreements()
    d = d[(d["area"] == "653100") & (d["date"] == pd.Timestamp("2020-10-27"))]
    got = {(r.metric, int(r.value)) for r in d.itertuples()}
    assert got == {
        ("confirmed_current", 22),
        ("confirmed_current", 5),
        ("asymptomatic_current", 161),
        ("asymptomatic_current", 178),
    }
    assert d.groupby("metric")["chosen"].sum().tolist() == [1, 1]


def test_status_sums_shufu_into_kashgar(loaded: Registry) -> None:
    st = loaded.status("653100", date="2020-10-28")
    m = st.metrics["confirmed_new"]
    # Kashgar reports no confirmed_new of its own: Shufu's 5 (10-27) + 23 (10-28)
    assert m.origin == "children" and m.value == 23 and m.cumulative == 28
    assert st.metrics["confirmed_current"].origin == "own"
