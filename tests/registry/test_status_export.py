"""status(): own figures first, children summed where an area has none; export round trips."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from registry_helpers import AREAS, make_vt

from flareup.errors import InputError, NotFoundError
from flareup.registry import Registry

PREF, CITY, SHUFU, T1, T2 = "653100", "653101", "653121", "653121001", "653121002"


def _c(area: str, date: str, metric: str, value: int) -> dict[str, object]:
    return {"area": area, "date": date, "metric": metric, "value": value}


COUNTS = [
    _c(SHUFU, "2020-10-24", "asymptomatic_new", 1),
    _c(T1, "2020-10-25", "asymptomatic_new", 100),
    _c(T2, "2020-10-25", "asymptomatic_new", 37),
    _c(CITY, "2020-10-25", "asymptomatic_new", 0),
    _c(SHUFU, "2020-10-25", "asymptomatic_current", 138),
    _c(T1, "2020-10-26", "asymptomatic_current", 50),
    _c(CITY, "2020-10-24", "asymptomatic_current", 2),
    _c(PREF, "2020-10-25", "confirmed_new", 5),
    _c(SHUFU, "2020-10-25", "confirmed_new", 3),
]


def test_status_sums_children_where_no_own_figure(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS, "counts.csv"))
    st = loaded.status(PREF, date="2020-10-25")
    assert (st.area, st.level, str(st.date)) == (PREF, "prefecture", "2020-10-25")
    new = st.metrics["asymptomatic_new"]
    # day 24: Shufu's own 1; day 25: Shufu has none, so its townships 100 + 37, plus city 0
    assert (new.value, str(new.value_date), new.cumulative) == (137, "2020-10-25", 138)
    assert new.origin == "children" and new.kind == "flow"
    cur = st.metrics["asymptomatic_current"]
    # Shufu's own 138 (its township's later 50 is after the date) + the city's 2
    assert (cur.value, cur.origin, cur.children) == (140, "children", (CITY, SHUFU))
    assert cur.cumulative is None
    conf = st.metrics["confirmed_new"]
    assert (conf.value, conf.origin) == (5, "own")  # its own figure beats its children's 3
    shufu = loaded.status(SHUFU, date="2020-10-25").metrics["asymptomatic_new"]
    assert (shufu.value, shufu.cumulative, shufu.origin) == (137, 138, "mixed")
    early = loaded.status(PREF, date="2020-10-24")
    assert early.metrics["asymptomatic_new"].cumulative == 1
    assert early.metrics["asymptomatic_current"].value == 2
    assert "confirmed_new" not in early.metrics
    later = loaded.status(SHUFU, date="2020-10-27").metrics["asymptomatic_current"]
    assert (later.value, later.origin) == (138, "own")
    frame = st.to_frame().set_index("metric")
    assert set(frame.index) == {"asymptomatic_new", "asymptomatic_current", "confirmed_new"}
    assert frame.loc["asymptomatic_new", "cumulative"] == 138
    assert pd.isna(frame.loc["asymptomatic_current", "cumulative"])


def test_status_as_of_and_linelist(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS[:3], "counts.csv"))
    t1 = loaded.counts()["recorded_at"].max()
    loaded.import_table(
        make_vt("counts", [{**COUNTS[1], "value": 90}, *COUNTS[:1], COUNTS[2]], "counts.csv")
    )
    assert loaded.status(SHUFU, date="2020-10-25").metrics["asymptomatic_new"].value == 127
    old = loaded.status(SHUFU, date="2020-10-25", as_of=t1)
    assert old.metrics["asymptomatic_new"].value == 137
    loaded.import_table(
        make_vt(
            "cases",
            [
                {
                    "id": "a",
                    "location": T1,
                    "date_reporting": "2020-10-24",
                    "classification": "asymptomatic",
                },
                {
                    "id": "b",
                    "location": T2,
                    "date_reporting": "2020-10-25",
                    "classification": "confirmed",
                    "severity": "severe",
                },
                {
                    "id": "c",
                    "location": CITY,
                    "date_reporting": "2020-10-25",
                    "classification": "confirmed",
                },
            ],
        )
    )
    ll = loaded.status(SHUFU, date="2020-10-25").linelist
    assert (ll["cases"], ll["confirmed"], ll["asymptomatic"]) == (2, 1, 1)
    assert loaded.status(PREF, date="2020-10-24").linelist["cases"] == 1
    with pytest.raises(NotFoundError):
        loaded.status("nope")


TABLES = {
    "areas": AREAS,
    "settings": [
        {"id": "F1", "kind": "factory", "area": T1, "name": "garment factory", "note": "village 3"}
    ],
    "cases": [
        {
            "id": "C1",
            "location": T1,
            "date_reporting": "2020-10-24",
            "classification": "asymptomatic",
            "imported": False,
            "age_group": "10-19",
            "setting": "F1",
            "source": "http://example.org/c1",
        },
        {
            "id": "C2",
            "location": T2,
            "date_reporting": "2020-10-25",
            "date_onset": "2020-10-23",
            "date_reclassified": "2020-10-27",
            "classification": "confirmed",
            "severity": "mild",
            "outcome": "recovered",
            "imported": True,
            "cluster": "K1",
        },
    ],
    "exposures": [{"case_id": "C1", "setting_id": "F1", "date_start": "2020-10-01"}],
    "contacts": [{"from": "C1", "to": "C2", "type": "work", "date_quarantine_start": "2020-10-25"}],
    "samples": [
        {
            "setting_id": "F1",
            "date": "2020-10-25",
            "result": "positive",
            "sample_type": "surface",
            "note": "sewing machine",
        },
        {
            "setting_id": "F1",
            "date": "2020-10-25",
            "result": "positive",
            "sample_type": "surface",
            "note": "sewing machine",
        },
    ],
    "counts": [
        *COUNTS,
        {
            **_c(SHUFU, "2020-10-27", "asymptomatic_new", 19),
            "source": "AFP a",
            "qualifier": "at_least",
            "note": "n",
        },
        {
            **_c(SHUFU, "2020-10-27", "asymptomatic_new", 22),
            "source": "AFP b",
            "period": "to 16:00",
        },
    ],
    "designations": [
        {"area": T1, "level": "high", "valid_from": "2020-10-26", "reason": "cases"},
        {
            "area": T2,
            "level": "low",
            "valid_from": "2020-10-26",
            "valid_to": "2020-11-30",
            "rule_set": "china_2020",
            "rule_version": "8",
            "source": "computed",
        },
    ],
    "campaigns": [
        {
            "timestamp": "2020-10-25T14:00",
            "area": PREF,
            "round": 1,
            "people_targeted": 4746500,
            "people_sampled": 2835300,
            "results_out": 334800,
            "note": "x",
        },
        {
            "timestamp": "2020-10-26T16:00",
            "area": SHUFU,
            "round": 1,
            "positives_new": 0,
            "source": "http://example.org/p",
        },
    ],
}


def _snapshot(reg: Registry) -> dict[str, pd.DataFrame]:
    c = reg.counts(policy="all").drop(columns=["source_id", "source_uri", "recorded_at"])
    return {
        "areas": reg.areas(),
        "counts": c,
        "cases": reg.cases(),
        "designations": reg.designations(),
        "settings": reg.settings(),
        "exposures": reg.exposures(),
        "contacts": reg.contacts(),
        "samples": reg.samples(),
        "campaigns": reg.campaign_progress(),
    }


def _read(path: Path, kind: str):  # type: ignore[no-untyped-def]
    try:
        from flareup.ingest.tables import read_table
    except ImportError:  # ingest not there yet: read as pandas would and hand over
        pytest.skip("flareup.ingest.tables not available")
    return read_table(path, kind)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_export_round_trip(registry: Registry, tmp_path: Path, suffix: str) -> None:
    for kind, rows in TABLES.items():
        registry.import_table(make_vt(kind, rows, f"{kind}.csv"))
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        for kind in TABLES:
            path = registry.export(kind, tmp_path / f"out-{kind}{suffix}")
            fresh.import_table(_read(path, kind))
        want, got = _snapshot(registry), _snapshot(fresh)
        for kind in TABLES:
            pd.testing.assert_frame_equal(got[kind], want[kind], obj=kind)
        # and exporting the copy gives the same file
        for kind in ("counts", "cases"):
            a = registry.export(kind, tmp_path / f"a-{kind}.csv").read_bytes()
            b = fresh.export(kind, tmp_path / f"b-{kind}.csv").read_bytes()
            assert a == b
    finally:
        fresh.close()


def test_export_as_of_and_bad_suffix(loaded: Registry, tmp_path: Path) -> None:
    loaded.import_table(make_vt("counts", COUNTS[:2], "c.csv"))
    t1 = loaded.counts()["recorded_at"].max()
    loaded.import_table(make_vt("counts", [{**COUNTS[0], "value": 4}], "c.csv"))
    df = pd.read_csv(loaded.export("counts", tmp_path / "x.csv", as_of=t1))
    assert df["value"].tolist() == [1, 100]
    assert list(df.columns) == [
        "area",
        "date",
        "metric",
        "value",
        "qualifier",
        "source",
        "source_kind",
        "period",
        "note",
    ]
    # rows with no source of their own: the file is the source, with the file's kind
    assert df["source"].tolist() == ["c.csv", "c.csv"]
    assert df["source_kind"].tolist() == ["table_file", "table_file"]
    with pytest.raises(InputError):
        loaded.export("counts", tmp_path / "x.xls")
    with pytest.raises(InputError):
        loaded.export("nope", tmp_path / "x.csv")


def test_bad_as_of_and_unwritable_export_are_input_errors(
    loaded: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for bad in ("notadate", "2020-13-01", "2020-10-26T25:00"):
        with pytest.raises(InputError) as err:
            loaded.status("653121", as_of=bad)
        assert err.value.field == "as_of" and repr(bad) in err.value.reason
    with pytest.raises(InputError):
        loaded.export("counts", tmp_path / "x.csv", as_of="garbage")
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    with pytest.raises(InputError) as err:
        loaded.export("counts", blocker / "x.csv")
    assert err.value.file == str(blocker / "x.csv") and "cannot write" in err.value.reason
    # a write that fails at the last step keeps the earlier export and leaves no temporary file
    target = tmp_path / "out.csv"
    target.write_text("earlier export\n")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("flareup.registry._export.os.replace", refuse)
    with pytest.raises(InputError) as err:
        loaded.export("counts", target)
    assert "No space left on device" in err.value.reason
    assert target.read_text() == "earlier export\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_last_count_date_is_the_last_current_figure_as_known_then(loaded: Registry) -> None:
    """The date ``flareup status`` opens on: the registry's last date with a current figure,
    as known at ``as_of`` (a figure retracted or imported later does not count then)."""
    import datetime as dt
    import time

    assert loaded.last_count_date() is None
    loaded.import_table(make_vt("counts", COUNTS, "counts.csv"))
    assert loaded.last_count_date() == dt.date(2020, 10, 26)
    time.sleep(0.01)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    time.sleep(0.01)
    loaded.import_table(
        make_vt("counts", [_c(SHUFU, "2020-11-05", "confirmed_new", 6)], "later.csv")
    )
    assert loaded.last_count_date() == dt.date(2020, 11, 5)
    assert loaded.last_count_date(as_of=before) == dt.date(2020, 10, 26)
