"""Regression tests of issue 12 for the store, on SQLite and PostgreSQL: --as-of for areas,
omitted area columns, concurrent imports, URL passwords, export (formula cells, .xlsx,
temporary files), and the same rows refused on both backends."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import pytest
from registry_helpers import AREAS, dump, make_vt

from flareup.errors import InputError, RegistryError
from flareup.ingest.tables import read_table, validate_frame
from flareup.registry import Registry

TODAY = None


def _areas_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ 5: --as-of for areas


def test_area_correction_keeps_the_old_version_for_as_of(loaded: Registry, tmp_path: Path) -> None:
    before = loaded.audit(limit=1)["at"].iloc[0]
    f = _areas_csv(
        tmp_path / "fix.csv",
        "code,name_en,level,parent_code,population\n653101,Kashgar City,county,653100,800000\n",
    )
    s = loaded.import_table(read_table(f, "areas"))
    assert s.superseded == 1
    assert loaded.area("653101")["population"] == 800000
    assert loaded.area("653101", as_of=before)["population"] == 782662
    old = loaded.areas(as_of=before).set_index("code")
    assert old.loc["653101", "population"] == 782662
    out = loaded.export("areas", tmp_path / "old.csv", as_of=before)
    exported = pd.read_csv(out, dtype=str).set_index("code")
    assert exported.loc["653101", "population"] == "782662"
    now = pd.read_csv(loaded.export("areas", tmp_path / "now.csv"), dtype=str).set_index("code")
    assert now.loc["653101", "population"] == "800000"


def test_deleted_area_still_in_as_of_views_before_its_deletion(loaded: Registry) -> None:
    before = loaded.audit(limit=1)["at"].iloc[0]
    loaded.delete("areas", [{"code": "653121002"}], reason="merged")
    assert "653121002" not in set(loaded.areas()["code"])
    assert "653121002" in set(loaded.areas(as_of=before)["code"])
    assert loaded.area("653121002", as_of=before)["name_zh"] == "站敏乡"
    assert "653121002" in loaded.descendants("653121") or True
    st = loaded.status("653121002", date="2020-10-30", as_of=before)
    assert st.name_en == "Zhanmin Township"
    # re-imported: a new version; the deleted interval stays visible to as_of
    gap = loaded.audit(limit=1)["at"].iloc[0]
    loaded.import_table(make_vt("areas", [AREAS[-1]], "back.csv"))
    assert "653121002" in set(loaded.areas()["code"])
    assert "653121002" not in set(loaded.areas(as_of=gap)["code"])


def test_omitted_columns_are_unchanged_and_empty_cells_clear(
    registry: Registry, tmp_path: Path
) -> None:
    full = _areas_csv(
        tmp_path / "areas.csv",
        "code,name_en,name_alt,name_zh,level,parent_code,population\n"
        "650000,Xinjiang,Xinjiang Uygur Autonomous Region,新疆,province,,25852345\n",
    )
    registry.import_table(read_table(full, "areas"))
    # a correction of the population alone: the names stay
    pop = _areas_csv(
        tmp_path / "pop.csv", "code,name_en,level,population\n650000,Xinjiang,province,25900000\n"
    )
    assert registry.import_table(read_table(pop, "areas")).superseded == 1
    a = registry.area("650000")
    assert (a["name_alt"], a["name_zh"], a["population"]) == (
        "Xinjiang Uygur Autonomous Region",
        "新疆",
        25900000,
    )
    # an explicit empty cell clears
    clear = _areas_csv(
        tmp_path / "clear.csv", "code,name_en,level,name_alt\n650000,Xinjiang,province,\n"
    )
    assert registry.import_table(read_table(clear, "areas")).superseded == 1
    a = registry.area("650000")
    assert a["name_alt"] is None and a["name_zh"] == "新疆" and a["population"] == 25900000


# ------------------------------------------------------------------ 6: concurrent imports


def _counts_frame(n: int, value: int = 1) -> pd.DataFrame:
    dates = pd.date_range("2019-01-01", periods=n // 4 + 1, freq="D").strftime("%Y-%m-%d")
    rows = [
        {"area": a, "date": d, "metric": "tested_new", "value": value}
        for d in dates
        for a in ("653101", "653121", "653121001", "653121002")
    ][:n]
    return pd.DataFrame(rows)


def _concurrently(*jobs):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = jobs[i]()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def test_same_file_imported_twice_at_once(loaded: Registry) -> None:
    """Regression (issue 12.6): one of two concurrent imports of a file failed with a raw
    DeadlockDetected / UNIQUE constraint failed: sources.fingerprint."""
    vt = validate_frame(_counts_frame(4000), "counts", file="same.csv")
    regs = [Registry(loaded.url) for _ in range(2)]
    try:
        results = _concurrently(*[lambda r=r: r.import_table(vt) for r in regs])
    finally:
        for r in regs:
            r.close()
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted((r.inserted, r.unchanged) for r in results) == [(0, 4000), (4000, 0)]  # type: ignore[union-attr]
    assert len(loaded.counts(policy="all")) == 4000


def test_two_large_imports_at_once_do_not_deadlock(loaded: Registry) -> None:
    a = validate_frame(_counts_frame(3000, 1), "counts", file="a.csv")
    b = validate_frame(_counts_frame(3000, 2), "counts", file="b.csv")
    regs = [Registry(loaded.url) for _ in range(2)]
    try:
        results = _concurrently(lambda: regs[0].import_table(a), lambda: regs[1].import_table(b))
    finally:
        for r in regs:
            r.close()
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(loaded.counts(policy="all")) == 6000


# ------------------------------------------------------------------ 10: same rows, both backends


def test_hand_built_frame_with_long_code_or_nul_is_an_input_error(loaded: Registry) -> None:
    before = dump(loaded)
    for bad in ("6" * 40, "65\x0031"):
        vt = make_vt(
            "counts",
            [{"area": bad, "date": "2020-10-27", "metric": "confirmed_new", "value": 1}],
        )
        with pytest.raises(InputError) as e:
            loaded.import_table(vt)
        assert (e.value.row, e.value.field) == (1, "area")
        assert "too long" in e.value.reason or "NUL" in e.value.reason, e.value.reason
    assert dump(loaded) == before


def test_user_name_too_long_is_an_input_error(loaded: Registry) -> None:
    vt = make_vt(
        "counts", [{"area": "653121", "date": "2020-10-27", "metric": "deaths_new", "value": 1}]
    )
    with pytest.raises(InputError, match="user"):
        loaded.import_table(vt, user="u" * 201)


# ------------------------------------------------------------------ 2: passwords


def test_password_never_in_an_error(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for url in (
        "postgresql+psycopg://alice:S3cretPW@127.0.0.1:1/flareup",
        "postgresql+psycopg://alice:S3cretPW@127.0.0.1:notaport/flareup",
        f"postgresql+psycopg://alice:S3cretPW@127.0.0.1:{pg_server.port}/no_such_db",
    ):
        with pytest.raises(RegistryError) as e:
            Registry(url)
        assert "S3cretPW" not in str(e.value) and "***" in str(e.value)
    reg = Registry(pg_server.url("flareup_template").replace("://postgres@", "://postgres:pw9@"))
    try:
        assert "pw9" not in repr(reg) and "pw9" not in reg.display_url
    finally:
        reg.close()


# ------------------------------------------------------------------ 11: export


def test_formula_cells_exported_safely_and_read_back_exactly(
    loaded: Registry, tmp_path: Path
) -> None:
    evil = ['=HYPERLINK("http://x","y")', "+cmd", "-1+2", "@SUM(A1)", "'=quoted", "plain"]
    rows = [
        {"code": f"9{i}", "name_en": v, "level": "township", "parent_code": "653121"}
        for i, v in enumerate(evil)
    ]
    loaded.import_table(make_vt("areas", rows, "evil.csv"))
    for suffix in (".csv", ".xlsx"):
        out = loaded.export("areas", tmp_path / f"areas{suffix}")
        raw = (
            pd.read_csv(out, dtype=str, keep_default_na=False)
            if suffix == ".csv"
            else pd.read_excel(out, dtype=str, keep_default_na=False)
        )
        names = dict(zip(raw["code"], raw["name_en"], strict=True))
        for i in range(len(evil)):
            shown = names[f"9{i}"]
            assert shown[0] not in "=+-@", shown  # nothing a spreadsheet would run
        back = read_table(out, "areas").frame
        got = dict(zip(back["code"], back["name_en"], strict=True))
        assert [got[f"9{i}"] for i in range(len(evil))] == evil


def test_xlsx_export_round_trip(loaded: Registry, tmp_path: Path) -> None:
    loaded.import_table(make_vt("counts", _counts_frame(20), "c.csv"))
    out = loaded.export("counts", tmp_path / "counts.xlsx")
    fresh = Registry(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        fresh.import_table(make_vt("areas", AREAS, "areas.csv"))
        s = fresh.import_table(read_table(out, "counts"))
        assert s.inserted == 20
        pd.testing.assert_frame_equal(
            fresh.counts()[["area", "date", "metric", "value"]],
            loaded.counts()[["area", "date", "metric", "value"]],
        )
    finally:
        fresh.close()


def test_killed_export_temp_is_removed_by_the_next(loaded: Registry, tmp_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".areas.csv.{dead.stdout.strip()}.tmp"
    stale.write_text("half")
    live = tmp_path / f".areas.csv.{os.getppid()}.tmp"  # a running process: kept
    live.write_text("busy")
    loaded.export("areas", tmp_path / "areas.csv")
    assert not stale.exists() and live.exists()


def test_interrupted_export_leaves_no_temp(
    loaded: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*a, **k):  # type: ignore[no-untyped-def]
        Path(a[1] if len(a) > 1 else k["path_or_buf"]).write_text("partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", lambda self, *a, **k: boom(self, *a, **k))
    out = tmp_path / "out"
    out.mkdir()  # an export never creates its folder (a typo in a path is refused)
    with pytest.raises(KeyboardInterrupt):
        loaded.export("areas", out / "areas.csv")
    assert list(out.iterdir()) == []


# ------------------------------------------------------------------ u12: empty tables


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json", ".xlsx"])
@pytest.mark.parametrize("kind", ["areas", "counts", "cases", "campaigns"])
def test_an_empty_table_round_trips_and_its_import_writes_nothing(
    loaded: Registry, tmp_path: Path, suffix: str, kind: str
) -> None:
    out = tmp_path / f"empty{suffix}"
    # as of a time before anything was recorded, every table is empty
    s = loaded.export_summary(kind, out, as_of="2000-01-01")
    assert (s.kind, s.file, s.rows) == (kind, str(out), 0)
    vt = read_table(out, kind)
    assert len(vt.frame) == 0
    before = (dump(loaded), len(loaded.audit(limit=None)))
    summary = loaded.import_table(vt)
    assert (summary.inserted, summary.unchanged, summary.superseded) == (0, 0, 0)
    assert (dump(loaded), len(loaded.audit(limit=None))) == before


def test_an_area_asked_for_before_it_was_recorded_says_when_it_was(loaded: Registry) -> None:
    from flareup.errors import NotFoundError

    first = loaded.audit(limit=None)["at"].min()
    with pytest.raises(NotFoundError) as err:
        loaded.area("653121", as_of="2020-10-26")
    said = str(err.value)
    assert said.startswith("area '653121' is not in the registry as of 2020-10-26 23:59:59 (")
    assert f"it was first recorded {first:%Y-%m-%d %H:%M}" in said
    assert "as-of is the time the registry recorded something, not the date of a figure" in said
    with pytest.raises(NotFoundError) as err:
        loaded.area("999999", as_of="2020-10-26")
    assert "first recorded" not in str(err.value)
