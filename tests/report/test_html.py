"""The one-file report, the map module and the method-note references."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app
from flareup.report import maps
from flareup.report.html import build_pages, render_report
from flareup.report.references import from_docs, load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_helpers import demo_registry

from flareup.registry import Registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_registry(tmp_path_factory.mktemp("report") / "demo.db")


def test_report_is_one_self_contained_file(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "kashgar.html"
    r = CliRunner().invoke(
        app, ["report", "--db", demo_url, "--date", "2020-11-05", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    # no file or script is fetched: every <script> is inline, no stylesheet link, no src=
    assert not re.search(r"<script[^>]+src=", html)
    assert '<link rel="stylesheet"' not in html
    assert html.count("<script>") >= 4  # vega, vega-lite, vega-embed, the chart script
    specs = re.findall(
        r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>', html, re.S
    )
    ids = {k for k, _ in specs}
    assert {"overview-levels", "map-map", "epicurve-epicurve-category", "rt-rt"} <= ids
    for _, body in specs:
        assert json.loads(body)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert "Cori A, Ferguson NM" in html  # the method notes' references
    assert "2020-11-05" in html


def test_report_refuses_bad_arguments(demo_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["report", "--db", demo_url, "--out", str(tmp_path / "r.pdf")])
    assert r.exit_code == 2 and "HTML" in r.output  # a usage mistake, not bad data
    r = runner.invoke(
        app, ["report", "--db", demo_url, "--out", str(tmp_path / "r.html"), "--date", "28/10/2020"]
    )
    assert r.exit_code == 2 and "ISO date" in r.output  # a usage mistake too
    assert not (tmp_path / "r.html").exists()
    r = runner.invoke(
        app, ["report", "--db", demo_url, "--out", str(tmp_path / "r.html"), "--format", "pdf"]
    )
    assert r.exit_code == 2


def test_report_for_a_county(demo_url: str) -> None:
    reg = Registry(demo_url)
    try:
        pages = build_pages(reg, area="653121", date="2020-11-05")
    finally:
        reg.close()
    assert pages[0].area == "653121" and "Shufu" in pages[0].title
    html = render_report(pages)
    assert "Shufu" in html


def test_map_file_matches_the_registry_codes() -> None:
    areas = pd.read_csv(
        ROOT / "src/flareup/data/kashgar_2020/areas.csv", dtype=str, keep_default_na=False
    )
    counties = set(
        areas.loc[(areas["level"] == "county") & (areas["parent_code"] == "653100"), "code"]
    )
    assert set(maps.unit_codes("county")) == counties and len(counties) == 12
    towns = set(areas.loc[areas["level"] == "township", "code"])
    assert set(maps.unit_codes("township")) == towns
    assert maps.unit_codes("prefecture") == ["653100"]
    size = (ROOT / "src/flareup/data/maps/kashgar.geojson").stat().st_size
    assert size < 200_000
    # WGS-84 longitudes and latitudes of Kashgar Prefecture (73.5-80 E, 35.5-40.5 N)
    for f in maps.features("county"):
        coords = re.findall(
            r"\[(-?[\d.]+),(-?[\d.]+)\]", json.dumps(f["geometry"], separators=(",", ":"))
        )
        lon = [float(x) for x, _ in coords]
        lat = [float(y) for _, y in coords]
        assert min(lon) > 73 and max(lon) < 80.5 and min(lat) > 35 and max(lat) < 41


def test_gcj02_inverse_round_trips_and_matches_the_published_pair() -> None:
    np = pytest.importorskip("numpy")
    from flareup.data.maps._build import gcj02_to_wgs84, wgs84_to_gcj02

    # Beijing railway station, WGS-84 -> GCJ-02 (the pair published with the algorithm)
    glon, glat = wgs84_to_gcj02(np.array([116.42079]), np.array([39.90105]))
    assert abs(glon[0] - 116.42703) < 1e-4 and abs(glat[0] - 39.90245) < 1e-4
    lon = np.array([75.99, 77.2, 79.1])
    lat = np.array([39.47, 38.4, 36.9])
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.abs(back[0] - lon).max() < 1e-8 and np.abs(back[1] - lat).max() < 1e-8


def test_levels_on_uses_half_open_periods_and_sub_areas() -> None:
    d = pd.DataFrame(
        {
            "area": ["653121100", "653121100", "653122"],
            "level": ["high", "low", "medium"],
            "valid_from": pd.to_datetime(["2020-10-26", "2020-11-17", "2020-10-30"]),
            "valid_to": pd.to_datetime(["2020-11-17", None, None]),
        }
    )
    on = lambda day: maps.levels_on(d, day).set_index("area")["level"]  # noqa: E731
    assert on("2020-10-25")["653121"] == maps.NOT_DESIGNATED
    assert on("2020-11-16")["653121"] == "high"  # from its township
    assert on("2020-11-17")["653121"] == "low"  # valid_to is exclusive
    assert (
        on("2020-11-17")["653122"] == "medium" and on("2020-10-29")["653122"] == maps.NOT_DESIGNATED
    )


def test_shipped_references_match_the_method_notes() -> None:
    assert load() == from_docs(ROOT / "docs" / "methods"), (
        "docs/methods changed: run python -m flareup.report.references docs/methods"
    )


def test_report_has_the_investigation_section(demo_url: str) -> None:
    from flareup.report import investigation as inv

    reg = Registry(demo_url)
    try:
        pages = build_pages(reg, date="2020-11-05")
        res = inv.clusters(reg, min_size=1)
        largest = str(res.clusters["cluster"].iloc[0])
        top = inv.sources(reg, cluster=largest, res=res).iloc[0]
    finally:
        reg.close()
    assert [p.key for p in pages][-1] == "investigation"
    html = render_report(pages)
    assert '<article id="investigation">' in html and 'href="#investigation"' in html
    specs = dict(
        re.findall(r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>', html, re.S)
    )
    chain = json.loads(specs["investigation-chains"])
    assert chain["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    # the simulated investigation is seeded at the Shufu garment factory (the 2020 source)
    assert top["name"] == "shufu-garment-factory"
    assert f"most likely source of {largest}: {top['name']}" in html
    assert f"Likely sources of {largest}" in html and "<h2>Clusters</h2>" in html
    assert "Contact follow-up" not in html  # the report's brief section leaves the list out


def test_report_without_investigation_records_leaves_the_section_out(tmp_path: Path) -> None:
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import read_table

    reg = Registry(f"sqlite:///{tmp_path / 'counts.db'}")
    try:
        for kind in IMPORT_ORDER:
            p = files()[kind]
            assert isinstance(p, Path)
            reg.import_table(read_table(p, kind), user="test")
        assert reg.contacts().empty
        pages = build_pages(reg, date="2020-11-05")
    finally:
        reg.close()
    assert "investigation" not in [p.key for p in pages]
    html = render_report(pages)
    assert 'id="investigation"' not in html and 'id="overview"' in html


def test_every_county_and_township_of_the_map_is_labelled_by_its_own_name() -> None:
    """Shufu Xian, the outbreak's county, was labelled 'Xian' on the map (the prefix kept for
    'Shufu Guangzhou Gongyecheng' was taken off it, leaving the generic word)."""
    counties = {f["properties"]["code"]: maps._label(f)["name"] for f in maps.features("county")}
    assert counties["653121"] == "Shufu" and counties["653101"] == "Kashi"
    generic = {"Xian", "Shi", "Zhen", "Xiang", "Chang", ""}
    assert not generic & set(counties.values()), counties
    towns = [maps._short_name(str(f["properties"]["name"])) for f in maps.features("township")]
    assert not generic & set(towns), towns
    assert maps._short_name("Xian Linchang") == "Linchang"
    assert maps._short_name("Shufu Guangzhou Gongyecheng") == "Guangzhou Gongyecheng"


def test_the_township_panel_names_its_county_in_english() -> None:
    """The township panel was titled 'Shufu Xian: townships' beside a county panel in English."""
    towns = [str(f["properties"]["code"]) for f in maps.features("township")]
    spec = maps.map_spec(pd.DataFrame({"area": towns, "level": "medium"}))
    titles = json.dumps([c.get("title") for c in spec["hconcat"]])
    assert "Shufu County: townships" in titles and "Xian" not in titles, titles


def test_references_draw_their_markdown_instead_of_showing_it() -> None:
    """The report's Methods and references showed '*Am J Epidemiol*' and '`estimate_R`' with
    their asterisks and backticks; a reader sees italics and code, and text stays escaped."""
    from flareup.report.html import inline_markdown, render_report

    assert inline_markdown("Cori A. *Am J Epidemiol* 2013, `estimate_R` <b>") == (
        "Cori A. <em>Am J Epidemiol</em> 2013, <code>estimate_R</code> &lt;b&gt;"
    )
    assert inline_markdown("`a*b*c` and 2 * 3 * 4") == "<code>a*b*c</code> and 2 * 3 * 4"
    html = render_report([])
    refs = html[html.index('<article id="references">') :]
    assert "<em>Am J Epidemiol</em>" in refs and "<code>estimate_R</code>" in refs
    assert "*Am J" not in refs and "`" not in refs


def test_a_date_and_time_in_a_table_is_never_broken_at_its_hyphens() -> None:
    """The report's 'Plans against reported progress' showed '2020-10-' over '25T08:00:00':
    a cell with a date and time is kept whole (as a date alone always was), and so is the
    audit log's '2026-12-07 00:20:08' (on a phone: '2026-' / '12-07' / '00:20:08')."""
    from flareup.report.html import render_report
    from flareup.report.page_model import Page, Table

    frame = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2020-10-25 08:00"]),
            "at": ["2026-12-07 00:20:08"],  # the audit log's form
            "date": pd.to_datetime(["2020-10-25"]),
            "note": ["602 sampling groups; started in Kashgar city"],
        }
    )
    page = Page("testing", "Mass testing", tables=[Table.from_frame("Progress", frame)])
    html = render_report([page])
    # ... and written as people write it (the JSON twin keeps '2020-10-25T08:00:00')
    assert '<td class="nw">2020-10-25 08:00</td>' in html and "T08:00" not in html
    assert '<td class="nw">2020-10-25</td>' in html
    assert '<td class="nw">2026-12-07 00:20:08</td>' in html
    assert "<td>602 sampling groups" in html


@pytest.fixture(scope="module")
def morning(demo_url: str) -> list[Any]:
    reg = Registry(demo_url)
    try:
        return build_pages(reg, date="2020-10-28")
    finally:
        reg.close()


def test_report_tables_print_thousands_as_the_cards_do(morning: list[Any]) -> None:
    """The cards read 4,746,500 and the tables beneath them 4746500; codes stay codes."""
    html = render_report(morning)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert "4,746,500" in cells and "4746500" not in cells
    assert "653100" in cells and "653,100" not in cells  # an area code is no number


def test_the_morning_report_risk_timeline_stops_at_its_date(
    morning: list[Any], demo_url: str
) -> None:
    """A report of 2020-10-28 drew the risk levels to 18 Nov without saying so: a reader that
    morning gets what was known then, and a note saying later days are left out."""
    page = next(p for p in morning if p.key == "map")
    chart = next(c for c in page.charts if c.id == "timeline")
    days = re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(chart.spec))
    assert days and max(days) <= "2020-10-29"  # a run ends the day after (exclusive)
    assert "2020-10-28" in chart.note and "left out" in chart.note
    reg = Registry(demo_url)
    try:  # the dashboard's map page keeps the whole outbreak (where the day sits in it)
        from flareup.report import pages as P

        whole = next(c for c in P.risk_map(reg, "2020-10-28").charts if c.id == "timeline")
    finally:
        reg.close()
    assert max(re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(whole.spec))) > "2020-11-01"


def test_an_unbounded_table_cell_reads_as_infinity_not_inf() -> None:
    """The growth table's halving_high printed 'inf' (JSON's spelling) in the dashboard and
    the report; it reads ∞ there, and the JSON twin keeps "inf"."""
    import pandas as pd

    from flareup.report.page_model import Table, cell_text

    t = Table.from_frame("Growth", pd.DataFrame({"time_upper": [float("inf")], "r": [-0.95]}))
    assert t.rows[0][0] == "inf"  # the JSON-ready cell
    assert cell_text(t.rows[0][0], "time_upper") == "∞"
    assert cell_text(float("-inf")) == "−∞" and cell_text("information") == "information"


def test_a_date_time_cell_reads_as_people_write_it() -> None:
    """The mass-testing tables showed '2020-10-25T08:00:00' (isoformat) on the page."""
    from flareup.report.page_model import Table, cell_text

    t = Table.from_frame("P", pd.DataFrame({"timestamp": pd.to_datetime(["2020-10-25 08:00"])}))
    assert t.rows[0][0] == "2020-10-25T08:00:00"  # the JSON-ready cell
    assert cell_text(t.rows[0][0], "timestamp") == "2020-10-25 08:00"
    assert cell_text("2020-10-25T08:00:30") == "2020-10-25T08:00:30"  # seconds are kept whole
    assert cell_text("2020-10-25") == "2020-10-25"


def test_report_table_headers_read_as_words_while_the_data_keep_the_names() -> None:
    """'R_lower' and 'infections_cum' as headers said nothing to a reader: the report heads its
    tables with the schema's labels (the raw name stays in the header's title)."""
    from flareup.report.page_model import Page, Table

    frame = pd.DataFrame({"infections_cum": [3], "R_lower": [0.8], "deaths_new": [1]})
    page = Page("rt", "Rt", tables=[Table.from_frame("Growth", frame)])
    html = render_report([page])
    heads = [h.replace("\u00a0", " ") for h in re.findall(r"<th[^>]*>([^<]*)</th>", html)]
    assert heads[:3] == ["infections, cumulative", "R (lower 95 %)", "deaths, new"]
    assert "R (lower 95\u00a0%)" in html  # the percent stays on its number's line
    assert '<th title="R_lower">' in html
    assert page.to_dict()["tables"][0]["columns"] == ["infections_cum", "R_lower", "deaths_new"]


def test_the_map_tooltips_name_areas_as_the_tables_do() -> None:
    """A township's tooltip read 'Tuokezhake Zhen' above a table row 'Tuokezhake Town': the
    tooltips use schema.area_display_name, as every table and title does."""
    towns = [str(f["properties"]["code"]) for f in maps.features("township")]
    counties = [str(f["properties"]["code"]) for f in maps.features("county")]
    spec = maps.map_spec(pd.DataFrame({"area": towns + counties, "level": "medium"}))
    text = json.dumps(spec)
    townships = spec["datasets"]["townships"]
    tuok = next(t for t in townships if t["code"] == "653121100")
    assert tuok["label"] == "Tuokezhake Town"
    shufu = next(c for c in spec["datasets"]["counties"] if c["properties"]["code"] == "653121")
    assert shufu["properties"]["label"] == "Shufu County"
    assert '"field": "label", "title": "area"' in text.replace("properties.", "")
    assert '"field": "name", "title": "area"' not in text.replace("properties.", "")
