"""The dashboard's page cache: one build per page and registry version, shared by waiters."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from flareup.registry import Registry
from flareup.report import pages as P
from flareup.report.queries import campaign_progress


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    calls: list[dict[str, Any]] = []

    def slow(reg: Any, **params: Any) -> P.Page:
        calls.append(params)
        time.sleep(0.2)
        if params.get("date") == "bad":
            raise ValueError("bad date")
        return P.Page("overview", "t", date=params.get("date"))

    monkeypatch.setitem(P.BUILDERS, "overview", slow)
    reg = Registry(f"sqlite:///{tmp_path / 'r.db'}")
    b = P.Dashboard(reg, simulate=False)
    b.calls = calls
    yield b
    reg.close()


def test_concurrent_requests_share_one_build(board: Any) -> None:
    out: list[P.Page] = []
    threads = [
        threading.Thread(target=lambda: out.append(board.page("overview", date="2020-10-28")))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(board.calls) == 1 and len(out) == 4 and len({id(p) for p in out}) == 1
    board.page("overview", date="2020-10-29")
    assert len(board.calls) == 2


def test_a_failed_build_is_not_cached(board: Any) -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            board.page("overview", date="bad")
    assert len(board.calls) == 2 and not board.inflight


def test_warm_builds_the_default_pages(board: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(P.Dashboard, "WARM", (("overview", {"date": None, "area": None}),))
    board.warm().join(10)
    assert board.calls == [{"date": None, "area": None}]
    board.page("overview", date=None, area=None)  # served from the cache
    assert len(board.calls) == 1


def test_shared_reads_leave_the_page_data_unchanged(kashgar_url: str, tmp_path: Path) -> None:
    # Dashboard and report build pages over CachedReads (each read once per registry
    # version): the pages' data must be exactly those built on the registry itself.
    import shutil

    from flareup.report.investigation import import_investigation, investigation_dir
    from flareup.report.readcache import CachedReads

    path = tmp_path / "k.db"
    shutil.copy(kashgar_url.removeprefix("sqlite:///"), path)
    reg = Registry(f"sqlite:///{path}")
    try:
        import_investigation(reg, investigation_dir())  # a line list, as after flareup demo
        builds = []
        for r in (reg, CachedReads(reg)):
            P._RULES_CACHE.clear()  # run the rules on this registry view, not from the cache
            builds.append(
                [
                    P.overview(r, "2020-10-28").to_dict(),
                    P.overview(r, "2020-10-28", "653121").to_dict(),
                    P.rt(r).to_dict(),
                    P.risk_map(r, "2020-10-28", "rule").to_dict(),
                    P.investigation(r, "2020-10-30").to_dict(),
                ]
            )
        plain, shared = builds
        # the investigation's line list is read (clusters found), so the shared reads are used
        assert any(
            f["figure"].startswith("Clusters") and f["value"] != "0" for f in plain[4]["figures"]
        )
        assert plain == shared
    finally:
        P._RULES_CACHE.clear()
        reg.close()


def test_the_rt_page_and_the_overview_give_one_growth_rate(kashgar_url: str) -> None:
    # One quantity, one estimate: the R_t page's growth rate is the overview's doubling /
    # halving time's fit (negative-binomial, the same window), not a second estimator.
    import re

    reg = Registry(kashgar_url)
    try:
        rt = {f["figure"]: f for f in P.rt(reg).to_dict()["figures"]}
        ov = P.overview(reg).to_dict()["figures"]
    finally:
        reg.close()
    growth = next(f for k, f in rt.items() if k.startswith("Growth rate"))
    trend = next(f for f in ov if re.match(r"(Doubling|Halving) time", f["figure"]))
    r_page = float(growth["value"].split("/day")[0])
    r_overview = float(re.search(r"r = ([+-][0-9.]+)/day", trend["basis"]).group(1))  # type: ignore[union-attr]
    assert "negative-binomial" in growth["basis"] and "negative-binomial" in trend["basis"]
    assert r_page == pytest.approx(r_overview, abs=5e-4)
    days = int(re.search(r"last (\d+) days", next(iter(k for k in rt if "Growth" in k))).group(1))  # type: ignore[union-attr]
    assert f"({days} days)" in trend["figure"]


def test_the_rt_series_card_names_the_metric_in_words(kashgar_url: str) -> None:
    """The Rt page's 'Series' card read '653100 infections_new'."""
    reg = Registry(kashgar_url)
    try:
        fig = next(f for f in P.rt(reg).to_dict()["figures"] if f["figure"] == "Series")
    finally:
        reg.close()
    assert fig["value"] == "infections_new (new detected infections, each once at first detection)"


def test_a_page_says_why_rt_is_not_estimable_in_words(kashgar_url: str) -> None:
    """On 2020-10-28 the series is too short for R_t: the note read "R_t not estimable:
    <input>, field 'window': the series has 5 days; ...", a command-line error's prefix."""
    reg = Registry(kashgar_url)
    try:
        notes = P.rt(reg, date="2020-10-28").to_dict()["notes"]
    finally:
        reg.close()
    rt_notes = [n for n in notes if n.startswith("R_t not estimable")]
    assert rt_notes and all("<input>" not in n and "field '" not in n for n in rt_notes), notes
    assert "need at least" in rt_notes[0]


def test_the_progress_chart_names_the_day_of_every_tick(kashgar_url: str) -> None:
    """'People sampled, as reported' ticked '09 AM', '12 PM', 'Mon 26': the first day (25
    Oct) was nowhere on the axis. Its ticks carry day and hour, as the plan chart's do."""
    reg = Registry(kashgar_url)
    try:
        page = P.testing(reg, date="2020-10-27")
    finally:
        reg.close()
    chart = next(c for c in page.charts if c.id == "progress")
    x = chart.spec["encoding"]["x"]
    assert x["axis"]["format"] == "%-d %b %H:%M" and "date" in x["title"]


def test_the_disagreement_chart_says_which_figure_is_used_in_words(kashgar_url: str) -> None:
    """Its legend read 'chosen: false / true'; it says which figure the registry uses."""
    reg = Registry(kashgar_url)
    try:
        page = P.sources(reg)
    finally:
        reg.close()
    chart = next(c for c in page.charts if c.id == "disagreements")
    enc = chart.spec["encoding"]
    assert enc["shape"]["field"] == "figure" and "chosen" not in str(enc)
    data = next(iter(chart.spec["datasets"].values()))
    assert {r["figure"] for r in data} == {"used by the registry", "not used"}


def test_the_disagreements_table_says_in_plain_words_which_figure_is_used(
    kashgar_url: str,
) -> None:
    """Its note read "'chosen' marks the figure the latest-official policy uses" (registry
    jargon) above a column named 'chosen'; it now says which figure the registry uses where
    sources disagree, and why, in a column named for what it says."""
    reg = Registry(kashgar_url)
    try:
        page = P.sources(reg)
    finally:
        reg.close()
    dis = next(t for t in page.tables if t.title == "Disagreements")
    assert "chosen" not in dis.columns and "used_by_registry" in dis.columns
    note = dis.note.lower()
    assert "policy" not in note and "latest-official" not in note and "'chosen'" not in note
    for words in ("official", "news", "most recently published", "used_by_registry"):
        assert words in note, note
    used = [r[dis.columns.index("used_by_registry")] for r in dis.rows]
    assert True in used and False in used


def test_every_dated_page_shows_its_default_date(kashgar_url: str) -> None:
    """The date pickers of the simulation, testing and sources pages were empty where every
    other page shows the date it is drawn on: with no date asked, each is on the last date
    with figures (testing: the last day of its campaign progress, inside its chart's span; the
    registry's last date lay weeks after the round, where the plan chart had no rule)."""
    reg = Registry(kashgar_url)
    try:
        last = str(P.last_date(reg).date())  # type: ignore[union-attr]
        assert P.overview(reg).date == last
        for page in (P.simulation(reg), P.testing(reg), P.sources(reg)):
            assert page.date is not None, page.key
            assert page.params["date"] == page.date, page.key
        assert P.simulation(reg).date == P.sources(reg).date == last
        testing = P.testing(reg)
        progress = campaign_progress(reg)["timestamp"].astype(str).str[:10]
        assert testing.date == progress.max() < last
        assert not any("outside the chart's time span" in n for n in testing.notes)
    finally:
        reg.close()


def test_blank_R_from_the_growth_rate_is_explained(kashgar_url: str) -> None:
    """On 2020-10-28 (r = -0.95/day) the growth table's R and R_low were blank beside R_high
    1.15, with no word why: r is below -1/scale of the serial interval, where R from r is
    undefined. The page now says so, and only where a cell is blank."""
    reg = Registry(kashgar_url)
    try:
        early, late = P.rt(reg, date="2020-10-28"), P.rt(reg, date="2020-11-05")
    finally:
        reg.close()

    def blank(page: P.Page) -> bool:
        t = next(t for t in page.tables if t.title.startswith("Growth"))
        return any(t.rows[0][t.columns.index(c)] is None for c in ("R", "R_lower", "R_upper"))

    assert blank(early) and not blank(late)
    assert any("R from the growth rate" in n and "-0.559/day" in n for n in early.notes)
    assert not any("R from the growth rate" in n for n in late.notes)


def test_pages_on_the_bundled_line_list_say_it_is_simulated(
    kashgar_url: str, tmp_path: Path
) -> None:
    """The overview's delay and nowcast and the whole investigation page rest on the demo's
    simulated line list, and nothing said so (its source read 'cases.csv')."""
    import shutil

    from flareup.report.investigation import import_investigation, investigation_dir

    path = tmp_path / "k.db"
    shutil.copy(kashgar_url.removeprefix("sqlite:///"), path)
    reg = Registry(f"sqlite:///{path}")
    try:
        import_investigation(reg, investigation_dir())
        n = len(reg.cases())
        P._RULES_CACHE.clear()
        inv = P.investigation(reg, "2020-10-30")
        ov_notes = " ".join(P.overview(reg, "2020-10-30").notes)
        said = f"line list of {n} cases: {n} from simulated investigation"
        assert said in ov_notes, ov_notes
        # the investigation page rests wholly on the line list: it says where the records come
        # from in its first card, at the top of the page, not in the notes below the chart
        first = inv.figures[0]
        assert first["figure"] == "Line list" and first["value"] == f"{n:,} cases", first
        assert said in first["basis"], first
        assert not any(said in note for note in inv.notes), inv.notes
    finally:
        P._RULES_CACHE.clear()
        reg.close()


def test_an_imported_line_list_is_named_by_its_own_files(tmp_path: Path) -> None:
    """Another investigation directory keeps its file names as sources (nothing 'simulated')."""
    import shutil

    from flareup.report.investigation import (
        import_investigation,
        investigation_dir,
        linelist_provenance,
    )

    mine = tmp_path / "mine"
    shutil.copytree(investigation_dir(), mine)
    reg = Registry(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        from flareup.data import kashgar_2020
        from flareup.ingest.tables import read_table

        areas = Path(kashgar_2020.__file__).with_name("areas.csv")
        reg.import_table(read_table(areas, "areas"))
        import_investigation(reg, mine)
        text = linelist_provenance(reg.cases())
        assert text is not None and text.endswith("from cases.csv") and "simulated" not in text
    finally:
        reg.close()


def test_the_sub_area_table_names_areas_as_the_rest_of_the_page_does(kashgar_url: str) -> None:
    """The overview's 'By sub-area' table read 'Shufu Xian' and 'Kashi Shi (Kashgar City)'
    under a title 'Kashgar Prefecture', beside a sources table, a map and a map-page table
    that all say 'Shufu County' and 'Kashgar City'."""
    reg = Registry(kashgar_url)
    try:
        page = P.overview(reg).to_dict()
        levels = P.BUILDERS["map"](reg).to_dict()
    finally:
        reg.close()
    table = next(t for t in page["tables"] if t["title"] == "By sub-area")
    names = {r[0]: r[1] for r in table["rows"]}
    assert names["653121"] == "Shufu County" and names["653101"] == "Kashgar City", names
    assert not any(n.endswith((" Xian", " Shi", ")")) for n in names.values()), names
    # the same words as the map page's table of official levels
    lv = next(t for t in levels["tables"] if "code" in t["columns"] or "area" in t["columns"])
    on_map = {r[0]: r[1] for r in lv["rows"]}
    assert all(on_map[c] == n for c, n in names.items() if c in on_map)


def test_the_audit_page_says_its_times_are_utc_and_how_many_entries_it_shows(
    kashgar_url: str,
) -> None:
    """The audit table's times carried no zone (an analyst at UTC+8 read them as local time,
    and --as-of takes UTC), and its title said 'newest 200' over the 4 entries there were."""
    reg = Registry(kashgar_url)
    try:
        n = len(reg.audit())
        page = P.BUILDERS["audit"](reg, limit=200).to_dict()
        few = P.BUILDERS["audit"](reg, limit=2).to_dict()
    finally:
        reg.close()
    (table,) = page["tables"]
    assert 2 < n < 200
    assert table["title"] == f"Audit log ({n} entries, newest first)", table["title"]
    assert table["note"].startswith("Times in UTC")
    assert few["tables"][0]["title"] == f"Audit log (newest 2 of {n})"


def test_a_server_without_simulation_says_how_to_have_one(kashgar_url: str) -> None:
    """The simulation page of a server started with --no-simulate said only 'simulation is
    off for this server': it now says why and what to run instead."""
    reg = Registry(kashgar_url)
    try:
        notes = P.Dashboard(reg, simulate=False).page("simulation").to_dict()["notes"]
    finally:
        reg.close()
    (note,) = [n for n in notes if "simulation is off" in n]
    assert "--no-simulate" in note and "flareup simulate kashgar-2020" in note, note
