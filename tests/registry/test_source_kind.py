"""Per-row source kinds and the ``latest`` policy's order (Registry.counts docstring).

The case is the bundled Kashgar example's disagreement of 27 October 2020 (SOURCE.md there):
AFP (news) gave Kashgar Prefecture 22 confirmed + 161 asymptomatic = 183 positives, the
prefectural health commission (relayed by Shanghai Daily: a bulletin) 5 + 178 = 183.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from registry_helpers import make_vt

from flareup.errors import InputError
from flareup.ingest.tables import read_table
from flareup.registry import Registry

PREF = "653100"
DAY = "2020-10-27"
# the AFP title sorts before the bulletin URL in code-point order ("A" < "h"), so that without
# the source kinds the tie-break would pick the news figure: the tests below can fail
AFP = "AFP via Vanguard, 'COVID-19: Chinese city tests 4.7m inhabitants in 4 days', 2020-10-27"
SHINE = "https://archive.shine.cn/nation/China-tests-475m-people-in-Kashgar/shdaily.shtml"
OFFICIAL = {"confirmed_current": 5, "asymptomatic_current": 178, "positive_current": 183}
NEWS = {"confirmed_current": 22, "asymptomatic_current": 161, "positive_current": 183}


def _rows(figures: dict[str, int], source: str, kind: str) -> list[dict[str, Any]]:
    return [
        {"area": PREF, "date": DAY, "metric": m, "value": v, "source": source, "source_kind": kind}
        for m, v in figures.items()
    ]


NEWS_ROWS = _rows(NEWS, AFP, "news")
OFFICIAL_ROWS = _rows(OFFICIAL, SHINE, "bulletin")


def _chosen(reg: Registry) -> dict[str, tuple[int, str, str]]:
    c = reg.counts(areas=[PREF], start=DAY, end=DAY)
    return {
        m: (int(v), t, k)
        for m, v, t, k in zip(
            c["metric"], c["value"], c["source_title"], c["source_kind"], strict=True
        )
    }


def _assert_official_chosen(reg: Registry) -> None:
    want = {m: (v, SHINE, "bulletin") for m, v in OFFICIAL.items()}
    assert _chosen(reg) == want
    # status() ranks in pandas; it must make the same choice as counts()' SQL window
    st = reg.status(PREF, date=DAY)
    assert {m: st.metrics[m].value for m in OFFICIAL} == OFFICIAL
    assert st.metrics["confirmed_current"].sources == (SHINE,)
    d = reg.disagreements(areas=[PREF])
    assert sorted(d.loc[d["chosen"], "value"].tolist()) == [5, 178]
    assert sorted(d.loc[~d["chosen"], "value"].tolist()) == [22, 161]


@pytest.mark.parametrize(
    "order",
    [
        "news file first",
        "bulletin file first",
        "one file, news rows first",
        "one file, bulletin rows first",
    ],
)
def test_latest_prefers_bulletin_over_news_whatever_the_order(loaded: Registry, order: str) -> None:
    if order == "news file first":
        loaded.import_table(make_vt("counts", NEWS_ROWS, "afp.csv"))
        loaded.import_table(make_vt("counts", OFFICIAL_ROWS, "shine.csv"))
    elif order == "bulletin file first":
        loaded.import_table(make_vt("counts", OFFICIAL_ROWS, "shine.csv"))
        loaded.import_table(make_vt("counts", NEWS_ROWS, "afp.csv"))
    elif order == "one file, news rows first":
        loaded.import_table(make_vt("counts", NEWS_ROWS + OFFICIAL_ROWS, "counts.csv"))
    else:
        loaded.import_table(make_vt("counts", OFFICIAL_ROWS + NEWS_ROWS, "counts.csv"))
    _assert_official_chosen(loaded)
    # every figure is kept; each row source has its own record with its own kind
    allc = loaded.counts(areas=[PREF], policy="all")
    assert len(allc) == 6
    assert dict(zip(allc["source_title"], allc["source_kind"], strict=False)) == {
        AFP: "news",
        SHINE: "bulletin",
    }


def test_source_kind_defaults_to_the_files_kind(loaded: Registry) -> None:
    rows = [{**r, "source_kind": None} for r in NEWS_ROWS]
    loaded.import_table(make_vt("counts", rows[:1], "afp.csv"))  # table_file, an official kind
    assert _chosen(loaded)["confirmed_current"] == (22, AFP, "table_file")
    # a row naming no source of its own but giving a kind: the file, as that kind
    loaded.import_table(
        make_vt(
            "counts",
            [
                {
                    "area": PREF,
                    "date": DAY,
                    "metric": "severe_current",
                    "value": 1,
                    "source_kind": "lab",
                }
            ],
            "lab.csv",
        )
    )
    assert _chosen(loaded)["severe_current"] == (1, "lab.csv", "lab")


def test_changing_a_rows_source_kind_is_a_correction(loaded: Registry) -> None:
    as_file = [{**r, "source_kind": None} for r in NEWS_ROWS]
    loaded.import_table(make_vt("counts", as_file + OFFICIAL_ROWS, "counts.csv"))
    t1 = loaded.counts()["recorded_at"].max()
    s = loaded.import_table(make_vt("counts", NEWS_ROWS + OFFICIAL_ROWS, "counts.csv"))
    assert (s.inserted, s.unchanged, s.superseded) == (0, 3, 3)
    _assert_official_chosen(loaded)
    # before the correction both sources were official; the tie went to the AFP title (step 4)
    old = loaded.counts(areas=[PREF], metrics=["confirmed_current"], as_of=t1)
    assert old["value"].tolist() == [22] and old["source_kind"].tolist() == ["table_file"]
    again = loaded.import_table(make_vt("counts", NEWS_ROWS + OFFICIAL_ROWS, "counts.csv"))
    assert (again.inserted, again.unchanged, again.superseded) == (0, 6, 0)


@pytest.mark.parametrize("reverse", [False, True])
def test_ties_within_a_kind_do_not_depend_on_row_order(loaded: Registry, reverse: bool) -> None:
    a = {"area": PREF, "date": DAY, "metric": "confirmed_current", "source_kind": "news"}
    rows = [{**a, "value": 22, "source": "AFP"}, {**a, "value": 20, "source": "Reuters"}]
    loaded.import_table(make_vt("counts", rows[::-1] if reverse else rows, "news.csv"))
    # same kind, no published date, one import (same recorded_at): "AFP" < "Reuters"
    assert _chosen(loaded)["confirmed_current"] == (22, "AFP", "news")
    # a later import is newer knowledge: step 3 before step 4
    loaded.import_table(make_vt("counts", [{**a, "value": 21, "source": "Xinhua"}], "x.csv"))
    assert _chosen(loaded)["confirmed_current"] == (21, "Xinhua", "news")
    assert loaded.status(PREF, date=DAY).metrics["confirmed_current"].value == 21


@pytest.fixture
def fresh(registry: Registry, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Registry]:
    """A second, empty store on the same backend as ``registry``."""
    if registry.url.startswith("postgresql"):
        server = request.getfixturevalue("pg_server")
        url = server.create_database()
        reg = Registry(url)
        try:
            yield reg
        finally:
            reg.close()
            server.drop_database(url.rsplit("/", 1)[1])
        return
    reg = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        yield reg
    finally:
        reg.close()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_export_and_reimport_keep_the_choice(
    loaded: Registry, fresh: Registry, tmp_path: Path, suffix: str
) -> None:
    # bulletin imported first: before source kinds, a re-import flipped this to the AFP figure
    loaded.import_table(make_vt("counts", OFFICIAL_ROWS, "shine.csv"))
    loaded.import_table(make_vt("counts", NEWS_ROWS, "afp.csv"))
    _assert_official_chosen(loaded)
    areas = loaded.export("areas", tmp_path / f"areas{suffix}")
    path = loaded.export("counts", tmp_path / f"counts{suffix}")
    exported = read_table(path, "counts").frame
    kinds = dict(zip(exported["source"], exported["source_kind"], strict=False))
    assert kinds == {AFP: "news", SHINE: "bulletin"}
    fresh.import_table(read_table(areas, "areas"))
    fresh.import_table(read_table(path, "counts"))
    _assert_official_chosen(fresh)
    keep = ["area", "date", "metric", "value", "qualifier", "source_kind", "source_title"]
    pd.testing.assert_frame_equal(
        fresh.counts(policy="all")[keep], loaded.counts(policy="all")[keep]
    )
    # and the copy exports the same file
    assert (
        fresh.export("counts", tmp_path / "again.csv").read_bytes()
        == loaded.export("counts", tmp_path / "first.csv").read_bytes()
    )


@pytest.mark.parametrize("kind", ["counts", "cases", "designations", "campaigns"])
def test_bad_source_kind_names_file_row_and_field(loaded: Registry, kind: str) -> None:
    rows = {
        "counts": [{"area": PREF, "date": DAY, "metric": "confirmed_current", "value": 5}],
        "cases": [
            {"id": "C1", "location": PREF, "date_reporting": DAY, "classification": "confirmed"}
        ],
        "designations": [{"area": PREF, "level": "high", "valid_from": DAY}],
        "campaigns": [{"timestamp": "2020-10-25T14:00", "area": PREF, "round": 1}],
    }[kind]
    good = {**rows[0], "source": "s1", "source_kind": "bulletin"}
    bad = {**rows[0], "source": "s2", "source_kind": "rumour"}
    if kind == "cases":
        bad["id"] = "C2"
    elif kind == "designations":
        bad["valid_from"] = "2020-10-28"
    elif kind == "campaigns":
        bad["round"] = 2
    before = loaded.counts(policy="all")
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt(kind, [good, bad], f"{kind}.csv"))
    assert [(p.file, p.row, p.field) for p in e.value.problems] == [
        (f"{kind}.csv", 2, "source_kind")
    ]
    assert "bulletin" in e.value.problems[0].reason  # lists the known kinds
    pd.testing.assert_frame_equal(loaded.counts(policy="all"), before)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_bundled_kashgar_choice_survives_export_and_reimport(
    registry: Registry, fresh: Registry, tmp_path: Path, suffix: str
) -> None:
    from flareup.data.kashgar_2020 import files

    bundled = files()
    for kind in ("areas", "counts"):
        registry.import_table(read_table(Path(str(bundled[kind])), kind))
    want = {"confirmed_current": 5, "asymptomatic_current": 178, "positive_current": 183}

    def picked(reg: Registry) -> dict[str, tuple[int, str]]:
        c = reg.counts(areas=[PREF], metrics=list(want), start=DAY, end=DAY)
        return {
            m: (int(v), k)
            for m, v, k in zip(c["metric"], c["value"], c["source_kind"], strict=True)
        }

    assert picked(registry) == {m: (v, "bulletin") for m, v in want.items()}
    for kind in ("areas", "counts"):
        path = registry.export(kind, tmp_path / f"{kind}{suffix}")
        fresh.import_table(read_table(path, kind))
    assert picked(fresh) == picked(registry)
    assert fresh.status(PREF, date=DAY).metrics["confirmed_current"].value == 5
