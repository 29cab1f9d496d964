"""Each table kind goes in and comes back out as given; bad input changes nothing."""

from __future__ import annotations

import pandas as pd
import pytest
from registry_helpers import AREAS, dump, make_vt

from flareup.errors import InputError, NotFoundError
from flareup.registry import Registry

COUNTS = [
    {"area": "653121", "date": "2020-10-24", "metric": "asymptomatic_new", "value": 1},
    {"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_new", "value": 137},
    {"area": "653121", "date": "2020-10-25", "metric": "asymptomatic_current", "value": 138},
    {"area": "653101", "date": "2020-10-25", "metric": "asymptomatic_new", "value": 0},
]

CASES = [
    {
        "id": "C1",
        "location": "653121001",
        "date_reporting": "2020-10-24",
        "classification": "asymptomatic",
        "imported": False,
        "age_group": "10-19",
        "setting": "F1",
    },
    {
        "id": "C2",
        "location": "653121002",
        "date_reporting": "2020-10-25",
        "classification": "confirmed",
        "severity": "mild",
        "outcome": "under_care",
        "date_onset": "2020-10-23",
    },
    {
        "id": "C3",
        "location": "653101",
        "date_reporting": "2020-10-25",
        "date_reclassified": "2020-10-27",
        "classification": "confirmed",
        "cluster": "K1",
    },
]


def test_areas(loaded: Registry) -> None:
    a = loaded.areas()
    assert list(a.columns) == [
        "code",
        "name_en",
        "name_alt",
        "name_zh",
        "level",
        "parent_code",
        "population",
        "geometry",
    ]
    assert len(a) == len(AREAS)
    assert loaded.area("653121002")["name_zh"] == "站敏乡"
    assert a.set_index("code").loc["653100", "population"] == 4496377
    assert loaded.descendants("653100") == ["653101", "653121", "653121001", "653121002"]
    assert loaded.descendants("650000", level="township") == ["653121001", "653121002"]
    with pytest.raises(NotFoundError):
        loaded.area("999999")


def test_areas_parent_order_and_cycles(registry: Registry) -> None:
    # a child listed before its parent is fine (the foreign key is deferred)
    registry.import_table(make_vt("areas", list(reversed(AREAS))))
    assert len(registry.areas()) == len(AREAS)
    with pytest.raises(InputError) as e:
        registry.import_table(
            make_vt(
                "areas",
                [
                    {"code": "X1", "name_en": "a", "level": "county", "parent_code": "X2"},
                    {"code": "X2", "name_en": "b", "level": "county", "parent_code": "X1"},
                ],
            )
        )
    assert e.value.field == "parent_code"


def test_counts(loaded: Registry) -> None:
    s = loaded.import_table(make_vt("counts", COUNTS, "in/counts.csv"))
    assert (s.kind, s.inserted, s.unchanged, s.superseded) == ("counts", 4, 0, 0)
    c = loaded.counts(policy="all")
    assert list(c.columns) == [
        "area",
        "date",
        "metric",
        "value",
        "qualifier",
        "source_id",
        "source_kind",
        "source_title",
        "source_uri",
        "recorded_at",
    ]
    assert sorted(c["value"]) == [0, 1, 137, 138]
    assert set(c["qualifier"]) == {"exact"}
    assert set(c["source_title"]) == {"counts.csv"}
    assert c["date"].dtype == "datetime64[ns]"
    sub = loaded.counts(areas="653121", metrics=["asymptomatic_new"], start="2020-10-25")
    assert sub["value"].tolist() == [137]


def test_cases(loaded: Registry) -> None:
    loaded.import_table(make_vt("cases", CASES, "linelist.csv"))
    c = loaded.cases()
    from flareup.schema import LINELIST_COLUMNS

    assert list(c.columns) == list(LINELIST_COLUMNS)
    assert c["id"].tolist() == ["C1", "C2", "C3"]
    assert c.loc[1, "severity"] == "mild" and pd.isna(c.loc[0, "severity"])
    assert c.loc[0, "imported"] is False or c.loc[0, "imported"] == False  # noqa: E712
    assert c.loc[2, "date_reclassified"] == pd.Timestamp("2020-10-27")
    assert set(c["source"]) == {"linelist.csv"}
    assert loaded.cases(areas="653121")["id"].tolist() == ["C1", "C2"]


def test_settings_exposures_contacts_samples(loaded: Registry) -> None:
    loaded.import_table(make_vt("cases", CASES))
    loaded.import_table(
        make_vt(
            "settings",
            [
                {"id": "F1", "kind": "factory", "area": "653121001", "name": "garment factory"},
                {"id": "L1", "kind": "cold_chain_lot", "area": "653101"},
            ],
        )
    )
    loaded.import_table(
        make_vt(
            "exposures",
            [
                {
                    "case_id": "C1",
                    "setting_id": "F1",
                    "date_start": "2020-10-01",
                    "date_end": "2020-10-23",
                }
            ],
        )
    )
    loaded.import_table(
        make_vt(
            "contacts",
            [
                {"from": "C1", "to": "C2", "type": "work", "date_last_exposure": "2020-10-23"},
                {"from": "C1", "to": "P9", "type": "household"},
            ],
        )
    )
    loaded.import_table(
        make_vt(
            "samples",
            [
                {"setting_id": "L1", "date": "2020-10-20", "result": "negative"},
                {"setting_id": "L1", "date": "2020-10-20", "result": "negative"},
                {
                    "setting_id": "F1",
                    "date": "2020-10-25",
                    "result": "positive",
                    "sample_type": "surface",
                },
            ],
        )
    )
    assert loaded.settings()["id"].tolist() == ["F1", "L1"]
    e = loaded.exposures()
    assert e.loc[0, "date_end"] == pd.Timestamp("2020-10-23")
    assert loaded.contacts()[["from", "to"]].values.tolist() == [["C1", "C2"], ["C1", "P9"]]
    assert len(loaded.samples()) == 3  # two identical samples are two samples
    # exposures must name known cases and settings
    with pytest.raises(InputError) as err:
        loaded.import_table(
            make_vt(
                "exposures",
                [
                    {"case_id": "C1", "setting_id": "F1"},
                    {"case_id": "C9", "setting_id": "F1"},
                    {"case_id": "C2", "setting_id": "NOPE"},
                ],
                "exp.csv",
            )
        )
    got = {(p.row, p.field) for p in err.value.problems}
    assert got == {(2, "case_id"), (3, "setting_id")}
    assert err.value.file == "exp.csv"


def test_designations_and_campaigns(loaded: Registry) -> None:
    loaded.import_table(
        make_vt(
            "designations",
            [
                {
                    "area": "653121001",
                    "level": "high",
                    "valid_from": "2020-10-26",
                    "reason": "cluster",
                    "source": "http://example.org/a",
                },
                {
                    "area": "653121002",
                    "level": "medium",
                    "valid_from": "2020-10-26",
                    "valid_to": "2020-11-10",
                },
            ],
            "designations.csv",
        )
    )
    d = loaded.designations()
    assert list(d.columns) == [
        "area",
        "level",
        "valid_from",
        "valid_to",
        "rule_set",
        "rule_version",
        "reason",
        "source_title",
    ]
    assert set(d["rule_set"]) == {"official"}
    assert d["source_title"].tolist() == ["http://example.org/a", "designations.csv"]
    loaded.import_table(
        make_vt(
            "campaigns",
            [
                {
                    "timestamp": "2020-10-25T14:00",
                    "area": "653100",
                    "round": 1,
                    "people_targeted": 4746500,
                    "people_sampled": 2835300,
                    "results_out": 334800,
                },
                {
                    "timestamp": "2020-10-25T14:00",
                    "area": "653121",
                    "round": 1,
                    "people_sampled": 245000,
                },
            ],
            "campaign.csv",
        )
    )
    p = loaded.campaign_progress()
    assert p["timestamp"].tolist() == [pd.Timestamp("2020-10-25 14:00")] * 2
    assert p["people_targeted"].tolist()[0] == 4746500 and pd.isna(p["positives_new"][0])
    assert len(loaded.campaign_progress(areas="653121")) == 1


def test_campaign_plans(registry: Registry) -> None:
    plan = pd.DataFrame(
        {
            "area": ["a", "b"],
            "pool_size": [5, 10],
            "day": pd.to_datetime(["2020-10-25", "2020-10-26"]),
        }
    )
    pid = registry.store_campaign_plan(plan, name="dorfman", params={"k": 5})
    plans = registry.campaign_plans()
    assert plans["id"].tolist() == [pid] and plans["params"][0] == {"k": 5}
    back = registry.campaign_plan(pid)
    pd.testing.assert_frame_equal(back, plan, check_dtype=False)
    with pytest.raises(NotFoundError):
        registry.campaign_plan(pid + 1)


def test_unknown_area_all_or_nothing(loaded: Registry) -> None:
    loaded.import_table(make_vt("counts", COUNTS))
    before = dump(loaded)
    # a correction before the bad row and new rows after it: none of them may land
    bad = [
        {**COUNTS[0], "value": 2},
        COUNTS[1],
        {"area": "999999", "date": "2020-10-26", "metric": "confirmed_new", "value": 3},
        *COUNTS[2:],
        {**COUNTS[3], "date": "2020-10-27"},
    ]
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt("counts", bad, "counts.csv"))
    assert (e.value.file, e.value.row, e.value.field) == ("counts.csv", 3, "area")
    assert "unknown area" in e.value.reason
    assert dump(loaded) == before


def test_case_id_conflict_all_or_nothing(loaded: Registry) -> None:
    loaded.import_table(make_vt("cases", CASES, "a.csv"))
    before = dump(loaded)
    other = [{**CASES[0], "id": "C7"}, {**CASES[1], "outcome": "recovered"}]
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt("cases", other, "b.csv"))
    assert (e.value.row, e.value.field) == (2, "id") and "C2" in e.value.reason
    assert dump(loaded) == before
    # the same case from another source with the same values is no conflict
    s = loaded.import_table(make_vt("cases", [CASES[1]], "c.csv"))
    assert (s.inserted, s.unchanged) == (0, 1)
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt("cases", [{**CASES[0], "date_reclassified": "2020-10-01"}]))
    assert e.value.field == "date_reclassified"


def test_idempotent(loaded: Registry) -> None:
    for kind, rows in (("counts", COUNTS), ("cases", CASES)):
        first = loaded.import_table(make_vt(kind, rows, f"{kind}.csv"))
        assert first.inserted == len(rows)
        before = dump(loaded)
        again = loaded.import_table(make_vt(kind, rows, f"{kind}.csv"))
        assert (again.inserted, again.unchanged, again.superseded) == (0, len(rows), 0)
        assert dump(loaded) == before
    loaded.import_table(make_vt("settings", [{"id": "F1", "kind": "factory", "area": "653121"}]))
    others = {
        "designations": [{"area": "653121", "level": "high", "valid_from": "2020-10-26"}],
        "samples": [{"setting_id": "F1", "date": "2020-10-25", "result": "positive"}] * 2,
        "campaigns": [{"timestamp": "2020-10-25T14:00", "area": "653100", "round": 1}],
        "contacts": [{"from": "C1", "to": "C2"}],
    }
    for kind, rows in others.items():
        loaded.import_table(make_vt(kind, rows, f"{kind}.csv"))
        before = dump(loaded)
        again = loaded.import_table(make_vt(kind, rows, f"{kind}.csv"))
        assert (again.inserted, again.unchanged) == (0, len(rows)), kind
        assert dump(loaded) == before
    before = dump(loaded)
    loaded.import_table(make_vt("areas", AREAS))
    assert dump(loaded) == before


def test_area_correction_is_audited(loaded: Registry) -> None:
    s = loaded.import_table(make_vt("areas", [{**AREAS[3], "population": 100}]))
    assert (s.inserted, s.superseded) == (0, 1)
    assert loaded.area("653121")["population"] == 100
    entry = loaded.audit(limit=1).iloc[0]
    assert (entry["action"], entry["table"], entry["key"]) == ("supersede", "areas", "653121")
    assert entry["before"]["population"] is None and entry["after"]["population"] == 100


def test_failure_after_writes_rolls_back(loaded: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a failure inside the write phase (after a supersession and an insert ran) leaves
    the store as it was: one transaction."""
    from sqlalchemy.exc import OperationalError

    import flareup.registry._writes as store

    loaded.import_table(make_vt("counts", COUNTS))
    before = dump(loaded)
    real = store.insert_frame

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        raise OperationalError("INSERT", {}, Exception("disk on fire"))

    monkeypatch.setattr(store, "insert_frame", failing)
    with pytest.raises(InputError) as e:
        loaded.import_table(
            make_vt(
                "counts",
                [{**COUNTS[0], "value": 9}, *COUNTS[1:], {**COUNTS[0], "date": "2020-10-29"}],
            )
        )
    assert "disk on fire" in str(e.value)
    assert dump(loaded) == before


def test_awkward_text_survives(loaded: Registry) -> None:
    note = 'a,b "quoted"\nsecond line \\N ; 喀什 \t'
    loaded.import_table(
        make_vt("counts", [{**COUNTS[0], "note": note, "period": "to 2020-10-25 14:00"}])
    )
    with loaded.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT note FROM counts").scalar_one()
    assert stored == note


def test_a_pair_twice_in_one_file_is_named_in_the_file_s_columns(loaded: Registry) -> None:
    # the store keeps one contact per (from, to) and one exposure per (case, setting): a file
    # with a pair twice is refused in the file's own column names, with the first row
    loaded.import_table(make_vt("cases", CASES[:1], "cases.csv"))
    loaded.import_table(
        make_vt("settings", [{"id": "F1", "kind": "factory", "area": "653121"}], "s.csv")
    )
    twice = [
        {"from": "C1", "to": "K1", "type": "household"},
        {"from": "C1", "to": "K2", "type": "household"},
        {"from": "C1", "to": "K1", "type": "work"},
    ]
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt("contacts", twice, "contacts.csv"))
    got = [(p.row, p.field, p.reason) for p in e.value.problems]
    assert got == [(3, "from", "duplicate from/to within the file (first at row 1)")]
    visits = [
        {"case_id": "C1", "setting_id": "F1", "date_start": "2020-10-10"},
        {"case_id": "C1", "setting_id": "F1", "date_start": "2020-10-15"},
    ]
    with pytest.raises(InputError) as e:
        loaded.import_table(make_vt("exposures", visits, "exposures.csv"))
    got = [(p.row, p.field, p.reason) for p in e.value.problems]
    assert got == [(2, "case_id", "duplicate case_id/setting_id within the file (first at row 1)")]
