"""The web app through FastAPI's TestClient: every page and JSON twin, auth, uploads."""

from __future__ import annotations

import hmac
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN

from flareup.registry import Registry
from flareup.web import app as web_app
from flareup.web import create_app

PAGES = [
    "/",
    "/epicurve",
    "/rt",
    "/map",
    "/testing",
    "/simulation",
    "/sources",
    "/investigation",
    "/audit",
]
TWINS = {
    "/": "/api/overview",
    "/epicurve": "/api/epicurve",
    "/rt": "/api/rt",
    "/map": "/api/map",
    "/testing": "/api/testing",
    "/simulation": "/api/simulation",
    "/sources": "/api/sources",
    "/investigation": "/api/investigation",
    "/audit": "/api/audit",
}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{demo_db}", token=None, simulate=False, warm=False)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def writable(demo_copy: str) -> Iterator[TestClient]:
    app = create_app(demo_copy, token=TOKEN, simulate=False, warm=False)
    with TestClient(app) as c:
        yield c


def counts_rows(url: str) -> pd.DataFrame:
    reg = Registry(url)
    try:
        return reg.counts(policy="all")
    finally:
        reg.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_its_charts_and_twin_link(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    html = r.text
    # scripts come from the package, never from a CDN
    assert '<script src="/static/vendor/vega.min.js">' in html
    assert "http://" not in html.split("<main>")[0] and "https://" not in html.split("<main>")[0]
    twin = client.get(TWINS[path]).json()
    assert f'href="{TWINS[path]}' in html
    for chart in twin["charts"]:
        assert f'data-chart="{chart["id"]}"' in html
    for fig in twin["figures"]:
        assert str(fig["value"]) in html


@pytest.mark.parametrize("twin", sorted(set(TWINS.values())))
def test_json_twins_have_the_page_shape(client: TestClient, twin: str) -> None:
    d = client.get(twin).json()
    assert set(d) >= {"page", "title", "date", "figures", "charts", "tables", "notes", "sources"}
    for c in d["charts"]:
        assert c["spec"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_overview_figures_follow_the_date(client: TestClient) -> None:
    early = client.get("/api/overview", params={"date": "2020-10-26"}).json()
    late = client.get("/api/overview", params={"date": "2020-11-20"}).json()
    assert early["date"] == "2020-10-26" and late["date"] == "2020-11-20"

    def cum(d: dict) -> int:
        [v] = [f["value"] for f in d["figures"] if f["figure"] == "Cumulative detected infections"]
        return int(v)

    assert cum(early) < cum(late)
    # the county table lists the 12 county-level units with their official level on the date
    [table] = [t for t in late["tables"] if t["title"] == "By sub-area"]
    assert len(table["rows"]) == 12
    level = table["columns"].index("official_level")
    shufu = next(r for r in table["rows"] if r[0] == "653121")
    assert shufu[level] == "low"  # every Shufu township was low again by 18 November
    table_early = next(t for t in early["tables"] if t["title"] == "By sub-area")
    assert next(r for r in table_early["rows"] if r[0] == "653121")[level] == "high"
    assert late["sources"] and all(s["source"] for s in late["sources"])


def test_map_twin_colours_change_with_the_date(client: TestClient) -> None:
    def levels(date: str) -> dict[str, str]:
        t = client.get("/api/map", params={"date": date}).json()["tables"][0]
        i, j = t["columns"].index("area"), t["columns"].index("level")
        return {r[i]: r[j] for r in t["rows"]}

    before, during, after = levels("2020-10-25"), levels("2020-10-28"), levels("2020-11-20")
    assert set(before.values()) == {"not designated"}
    assert during["653121"] == "high" and during["653121205"] == "high"
    assert set(after.values()) == {"low"}


def test_map_by_rule_and_by_metric(client: TestClient) -> None:
    rule = client.get("/api/map", params={"colour": "rule", "date": "2020-10-28"}).json()
    assert rule["charts"] and "china-2020" in rule["title"]
    met = client.get("/api/map", params={"colour": "infections_cum"}).json()
    t = met["tables"][0]
    vals = dict(zip([r[0] for r in t["rows"]], [r[2] for r in t["rows"]], strict=True))
    assert vals["653121"] > 0
    # any reported metric: a flow summed to the date, a stock at its latest figure
    flow = client.get("/api/map", params={"colour": "asymptomatic_new", "date": "2020-10-26"})
    stock = client.get("/api/map", params={"colour": "asymptomatic_current", "date": "2020-10-28"})
    [ft] = flow.json()["tables"]
    [st] = stock.json()["tables"]
    fv = {r[0]: r[2] for r in ft["rows"]}
    sv = {r[0]: r[2] for r in st["rows"]}
    assert fv["653121"] == 1 + 137 + 26  # 24, 25 and 26 October as reported for Shufu
    assert sv["653121"] == 138  # under observation on 28 October
    bad = client.get("/api/map", params={"colour": "nonsense"})
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "colour"


def test_bad_parameters_are_clear_errors(client: TestClient) -> None:
    r = client.get("/api/rt", params={"date": "2020-13-45"})
    assert r.status_code == 422 and "ISO date" in r.json()["error"]
    r = client.get("/api/overview", params={"area": "999999"})
    assert r.status_code == 404 and "999999" in r.json()["error"]
    html = client.get("/rt", params={"date": "yesterday"})
    assert html.status_code == 422 and "ISO date" in html.text


def test_docs_and_openapi_work_offline(client: TestClient) -> None:
    api = client.get("/openapi.json").json()
    assert {"/api/overview", "/api/rt", "/api/import", "/api/designations"} <= set(api["paths"])
    docs = client.get("/docs").text
    assert "/api/overview" in docs and "/api/import" in docs
    assert "<script" not in docs.split("<main>")[1].split("</main>")[0]  # rendered, no script
    assert "cdn" not in docs.lower()
    assert client.get("/static/vendor/vega-embed.min.js").status_code == 200


def test_read_only_server_refuses_writes(client: TestClient, demo_db: Path) -> None:
    before = counts_rows(f"sqlite:///{demo_db}")
    r = client.post(
        "/api/import",
        data={"kind": "counts"},
        files={"file": ("c.csv", b"area,date,metric,value,source\n", "text/csv")},
        headers=AUTH,
    )
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.post("/api/designations", json={}).status_code == 403
    pd.testing.assert_frame_equal(before, counts_rows(f"sqlite:///{demo_db}"))


GOOD = (
    "area,date,metric,value,source\n"
    "653121,2020-11-17,asymptomatic_new,3,https://example.org/bulletin-2020-11-17\n"
)


def test_writes_need_the_token(writable: TestClient, demo_copy: str) -> None:
    before = counts_rows(demo_copy)
    files = {"file": ("new.csv", GOOD.encode(), "text/csv")}
    r = writable.post("/api/import", data={"kind": "counts"}, files=files)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    wrong = {"Authorization": "Bearer " + TOKEN[:-1] + "x"}
    r = writable.post("/api/import", data={"kind": "counts"}, files=files, headers=wrong)
    assert r.status_code == 401
    r = writable.post(
        "/api/import", data={"kind": "counts"}, files=files, headers={"Authorization": TOKEN}
    )
    assert r.status_code == 401  # no Bearer scheme
    pd.testing.assert_frame_equal(before, counts_rows(demo_copy))
    r = writable.post("/api/import", data={"kind": "counts"}, files=files, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["inserted"] == 1
    assert len(counts_rows(demo_copy)) == len(before) + 1
    # the overview shows it at once: the registry version changed, so no stale cache
    ov = writable.get("/api/overview", params={"date": "2020-11-17", "area": "653121"}).json()
    assert ov["date"] == "2020-11-17"
    assert any("bulletin-2020-11-17" in (s["uri"] or "") for s in ov["sources"])


def test_bad_upload_lists_every_row_and_changes_nothing(
    writable: TestClient, demo_copy: str
) -> None:
    before = counts_rows(demo_copy)
    bad = (
        "area,date,metric,value,source\n"
        "653121,2020-11-17,asymptomatic_new,3,s\n"
        "653121,2020-11-40,asymptomatic_new,2,s\n"
        "653121,2020-11-18,no_such_metric,1,s\n"
        "653121,2020-11-19,asymptomatic_new,-4,s\n"
    )
    r = writable.post(
        "/api/import",
        data={"kind": "counts"},
        files={"file": ("bad.csv", bad.encode(), "text/csv")},
        headers=AUTH,
    )
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert {p["row"] for p in problems} == {2, 3, 4}
    assert {p["file"] for p in problems} == {"bad.csv"}
    assert {p["field"] for p in problems} >= {"date", "metric", "value"}
    pd.testing.assert_frame_equal(before, counts_rows(demo_copy))


def test_upload_of_a_wrong_file_type_is_refused(writable: TestClient) -> None:
    r = writable.post(
        "/api/import",
        data={"kind": "counts"},
        files={"file": ("notes.txt", b"hello", "text/plain")},
        headers=AUTH,
    )
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "file"


def test_recording_a_designation(writable: TestClient, demo_copy: str) -> None:
    body = {
        "area": "653122",
        "level": "medium",
        "valid_from": "2020-11-19",
        "reason": "test",
        "source": "https://example.org/notice",
    }
    assert writable.post("/api/designations", json=body).status_code == 401
    r = writable.post("/api/designations", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    t = writable.get("/api/map", params={"date": "2020-11-20"}).json()["tables"][0]
    assert t["rows"][[r[0] for r in t["rows"]].index("653122")][:4] == [
        "653122",
        "Shule County",
        "medium",
        "designated",
    ]
    bad = dict(body, level="purple")
    r = writable.post("/api/designations", json=bad, headers=AUTH)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "level"
    r = writable.post("/api/designations", json=dict(body, source=""), headers=AUTH)
    assert r.status_code == 422


def test_token_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(web_app.hmac, "compare_digest", spy)
    web_app.check_token(TOKEN, f"Bearer {TOKEN}")
    with pytest.raises(Exception) as exc:
        web_app.check_token(TOKEN, "Bearer nope")
    assert getattr(exc.value, "status_code", None) == 401
    assert calls == [(TOKEN.encode(), TOKEN.encode()), (b"nope", TOKEN.encode())]
    with pytest.raises(Exception) as exc:
        web_app.check_token(None, f"Bearer {TOKEN}")
    assert getattr(exc.value, "status_code", None) == 403


def test_upload_via_multipart_bytes_io(writable: TestClient) -> None:
    # a Parquet upload goes through the same reader as the CLI
    df = pd.read_csv(io.StringIO(GOOD))
    buf = io.BytesIO()
    df.to_parquet(buf)
    r = writable.post(
        "/api/import",
        data={"kind": "counts"},
        files={"file": ("new.parquet", buf.getvalue(), "application/octet-stream")},
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    assert r.json()["inserted"] == 1


def _values(spec: dict, layer: dict) -> list[dict]:
    """A layer's data rows, inline or in the spec's named datasets."""
    data = layer.get("data", {})
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


@pytest.mark.slow
def test_simulation_page_lays_the_ensemble_beside_the_observed(demo_db: Path) -> None:
    # the ensemble runs in a background thread from start-up; the twin can wait for it
    app = create_app(f"sqlite:///{demo_db}", simulate=True, warm=False)
    with TestClient(app) as c:
        d = c.get("/api/simulation", params={"wait": 600}).json()
        on = c.get("/api/simulation", params={"date": "2020-10-30"}).json()
    assert [ch["id"] for ch in d["charts"]] == ["fan"], d["notes"]
    layers = d["charts"][0]["spec"]["layer"]
    # 90 % band, 50 % band, median, observed points, and the rule at the page's date: by
    # default the last date with figures, as every page's (its date picker shows it)
    assert len(layers) == 5 and layers[4]["mark"]["type"] == "rule"
    every = [r["date"] for r in layers[3]["data"]["values"]]
    assert max(every) > "2020-10-30" and d["date"] is not None and max(every) <= d["date"]
    # the date picker: observed points up to the date only, and a rule at the date
    dated = on["charts"][0]["spec"]["layer"]
    assert len(dated) == 5
    upto = [r["date"] for r in dated[3]["data"]["values"]]
    assert (
        upto and max(upto) <= "2020-10-30" and set(upto) == {x for x in every if x <= "2020-10-30"}
    )
    assert dated[4]["mark"]["type"] == "rule"
    assert _values(on["charts"][0]["spec"], dated[4])[0]["date"] == "2020-10-30"
    [totals] = d["tables"]
    rows = {r[1]: r for r in totals["rows"] if r[0] == "653121"}
    observed, low, high = (totals["columns"].index(c) for c in ("observed", "sim_low", "sim_high"))
    assert rows["asymptomatic_new"][observed] > 0
    assert rows["asymptomatic_new"][low] <= rows["asymptomatic_new"][high]


def test_serve_command_refuses_a_short_token(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flareup.cli import app as cli

    f = tmp_path / "token"
    f.write_text("short\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["serve", "--token-file", str(f), "--db", "sqlite://"])
    assert r.exit_code == 1 and "16 characters" in r.output
    r = CliRunner().invoke(cli, ["serve", "--token-file", str(tmp_path / "missing")])
    assert r.exit_code == 1 and "token file" in r.output


def test_demo_ends_with_the_report_and_how_to_open_the_dashboard(
    demo_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`flareup demo --db X` wrote its report to the per-user data directory, whatever X was:
    it now goes beside a SQLite file (X's folder, NAME-report.html), or where --report says,
    and the output says where; only a database without a file falls back to the data dir."""
    import platformdirs
    from rich.console import Console

    from flareup.cli import registry_cmds, web_cmds

    data_dir = tmp_path / "user-data"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(data_dir))
    db_file = Path(demo_copy.removeprefix("sqlite:///"))
    con = Console(record=True, width=80)
    reg = Registry(demo_copy)
    try:
        web_cmds.demo_section(reg, con)
        text = con.export_text()
        report = db_file.with_name("demo-report.html")  # beside demo.db
        assert report.exists() and f"Report written to {report}" in text  # one line, uncut
        assert not data_dir.exists()
        assert f"flareup serve --db {demo_copy}" in text
        # an explicit --report is followed, through the demo's sections
        asked = tmp_path / "elsewhere" / "kashgar.html"
        monkeypatch.setattr(registry_cmds, "DEMO_SECTION_MODULES", ("web_cmds",))
        assert registry_cmds._other_sections(reg, con, report=asked) == []
        assert asked.exists() and f"Report written to {asked}" in con.export_text()
    finally:
        reg.close()
    memory = Registry("sqlite://")
    try:
        assert web_cmds.demo_report_path(memory) == data_dir / "demo-report.html"
    finally:
        memory.close()


def test_demo_refuses_a_report_it_could_not_write_before_any_work(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flareup.cli import app as cli

    db = f"sqlite:///{tmp_path / 'd.db'}"
    # a report that is no HTML file is a usage mistake (2); a missing folder, the disk's (1)
    for bad, why, code in (("r.txt", "HTML", 2), ("no/such/dir/r.html", "does not exist", 1)):
        r = CliRunner().invoke(cli, ["demo", "--db", db, "--report", str(tmp_path / bad)])
        assert r.exit_code == code and why in r.output, r.output
    assert not (tmp_path / "d.db").exists()  # refused before the database was made


def test_testing_tables_name_their_areas(client: TestClient) -> None:
    """The mass-testing tables showed bare codes (653100) and the chart's legend the romanised
    'Kashi Diqu (Kashgar Prefecture)': both name each area as English text does."""
    d = client.get("/api/testing").json()
    for t in d["tables"]:
        i = t["columns"].index("area")
        assert t["columns"][i + 1] == "area_name", t["columns"]
        named = {r[i]: r[i + 1] for r in t["rows"]}
        assert named.get("653100") == "Kashgar Prefecture", (t["title"], named)
        assert named.get("653121", "Shufu County") == "Shufu County"
    spec = next(c for c in d["charts"] if c["id"] == "progress")["spec"]
    assert "Kashi Diqu" not in json.dumps(spec)


def test_testing_plans_follow_the_date(client: TestClient) -> None:
    # the plan chart shows what was reported up to the chosen date, with a rule at its end
    whole = client.get("/api/testing").json()
    on = client.get("/api/testing", params={"date": "2020-10-25"}).json()

    def reported(page: dict) -> list[str]:
        plans = next(c for c in page["charts"] if c["id"] == "plans")["spec"]
        out = []
        for panel in plans["vconcat"]:
            for layer in panel["layer"]:
                vals = layer.get("data", {}).get("values", [])
                out += [v["time"] for v in vals if v.get("series") == "reported"]
        return out

    def rules(page: dict) -> list[dict]:
        plans = next(c for c in page["charts"] if c["id"] == "plans")["spec"]
        return [
            layer
            for panel in plans["vconcat"]
            for layer in panel["layer"]
            if layer["mark"]["type"] == "rule" and "time" in str(layer["encoding"])
        ]

    assert max(reported(whole)) >= "2020-10-26"
    upto = reported(on)
    assert upto and max(upto) < "2020-10-26"
    assert set(upto) == {t for t in reported(whole) if t < "2020-10-26"}
    # with no date asked, the page is on the round's last reported day (the registry's last
    # date, 16 Nov, lay weeks past the round: no rule), its rule at that day's end
    assert whole["date"] == max(reported(whole))[:10] == "2020-10-27"
    spec_whole = next(c for c in whole["charts"] if c["id"] == "plans")["spec"]
    assert [_values(spec_whole, r)[0]["time"] for r in rules(whole)] == ["2020-10-28T00:00"] * 2
    assert not any("outside the chart's time span" in n for n in whole["notes"])
    rs = rules(on)
    spec = next(c for c in on["charts"] if c["id"] == "plans")["spec"]
    assert len(rs) == 2
    assert all(_values(spec, r)[0]["time"] == "2020-10-26T00:00" for r in rs)
    # a date after the round: every report shown, and a note instead of a far-off rule
    late = client.get("/api/testing", params={"date": "2020-11-20"}).json()
    assert set(reported(late)) == set(reported(whole)) and not rules(late)
    assert any("outside the chart's time span" in n for n in late["notes"])


def test_investigation_page_chains_sources_and_followup(client: TestClient) -> None:
    from flareup.report import investigation as inv

    d = client.get("/api/investigation", params={"date": "2020-10-30"}).json()
    figs = {f["figure"]: f["value"] for f in d["figures"]}
    reg = client.app.state.board.reg  # type: ignore[attr-defined]
    res = inv.clusters(reg, min_size=1)
    ch, si = inv.chains(reg)
    big = res.clusters[res.clusters["size"] >= 2]
    assert figs["Clusters (2+ cases)"] == str(len(big))
    if si.n:
        assert figs["Serial interval"] == f"mean {si.mean:.1f} d (sd {si.sd:.1f})"
    else:  # no infector-infectee pair with both onsets (the bundled export is mostly asymptomatic)
        assert figs["Serial interval"] == "—"
    assert figs["Cases with a recorded infector"] == f"{ch['infector'].notna().sum()} of {len(ch)}"
    [chart] = d["charts"]
    assert chart["id"] == "chains"
    layers = chart["spec"]["layer"]
    assert [la["mark"]["type"] for la in layers] == ["rule", "point"]
    data = chart["spec"]["datasets"]
    links = data[layers[0]["data"]["name"]]
    points = data[layers[1]["data"]["name"]]
    # every link joins two drawn cases of one chain, the infectee one generation on
    by_id = {p["id"]: p for p in points}
    assert links and all(by_id[k["infector"]]["chain"] == k["chain"] for k in links)
    assert all(
        by_id[k["id"]]["generation"] == by_id[k["infector"]]["generation"] + 1 for k in links
    )
    titles = [t["title"] for t in d["tables"]]
    first = big["cluster"].iloc[0]
    assert f"Likely sources of {first}" in titles
    src = d["tables"][titles.index(f"Likely sources of {first}")]
    ranked = inv.sources(reg, cluster=first)
    assert [r[1] for r in src["rows"]] == list(ranked["candidate"].head(5))
    assert all("exposed" in r[-1] for r in src["rows"])  # the reason, in words
    fu = d["tables"][titles.index("Contact follow-up on 2020-10-30")]
    from flareup.tracing import load_protocol

    _, counts = inv.followup_list(reg, "2020-10-30", load_protocol("china-2020"))
    assert fu["rows"] == counts.to_numpy().tolist()
    later = client.get("/api/investigation", params={"date": "2020-11-20"}).json()
    fu2 = next(t for t in later["tables"] if t["title"].startswith("Contact follow-up"))
    assert fu2["title"].endswith("2020-11-20") and fu2["rows"] != fu["rows"]


def test_sources_page_reads_as_a_table_for_people(client: TestClient) -> None:
    """Disagreements name their area, a URL that repeats its title is not shown twice, the
    twin keeps booleans (the page ticks them), and dates never break across lines."""
    d = client.get("/api/sources").json()
    tables = {t["title"]: t for t in d["tables"]}
    dis = tables["Disagreements"]
    assert dis["columns"][:2] == ["area", "area_name"]
    assert all(r[1] and r[1] != r[0] for r in dis["rows"])  # a name, not the code again
    # as English text names it: 'Kashgar Prefecture', not the romanised 'Kashi Diqu (...)'
    assert {r[1] for r in dis["rows"] if r[0] == "653100"} == {"Kashgar Prefecture"}
    assert all(isinstance(r[dis["columns"].index("used_by_registry")], bool) for r in dis["rows"])
    src = tables["Sources of the stored figures"]
    if "uri" in src["columns"]:
        assert any(r[src["columns"].index("uri")] for r in src["rows"])
    html = client.get("/sources").text
    assert '<td class="nw">2020-10-27</td>' in html
    assert "\u2714" in html and ">True<" not in html


def test_tables_wrap_words_whole_and_headers_read_as_words(client: TestClient) -> None:
    """Names wrap between words (CSS overflow-wrap: break-word; 'anywhere' squeezed 'Shache
    Xian' to 'Shach' / 'e Xian'), only cells with a long unbroken token (a URL) may break
    anywhere, and headers are the schema's words ('infections, cumulative', not
    'infections_cum'), which wrap at their spaces so that a wide table fits; the JSON twin
    keeps the data names."""
    css = client.get("/static/app.css").text
    assert "td { overflow-wrap: break-word; }" in css and "td.any" in css
    html = client.get("/").text
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert "infections, cumulative" in heads and "official risk level" in heads
    assert not [h for h in heads if "_" in h]
    assert "infections_cum" in client.get("/api/overview").json()["tables"][0]["columns"]
    assert '<td class="any">http' in html  # the sources of the latest figures
    assert '<td class="nw">bulletin</td>' in html or '<td class="nw">official</td>' in html


BULLETIN = (
    "URUMQI, Nov. 18 (Xinhua) -- Shufu County reported 3 new asymptomatic cases on Tuesday, "
    "the regional health commission said on Wednesday. Beijing reported 2 new confirmed cases."
)


def test_reading_a_bulletin_needs_no_token_and_stores_nothing(
    client: TestClient, demo_db: Path
) -> None:
    before = counts_rows(f"sqlite:///{demo_db}")
    r = client.post("/api/bulletin", json={"text": BULLETIN, "published": "2020-11-18"})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {(x["date"], x["place"], x["category"], x["value"]) for x in body["records"]}
    assert ("2020-11-17", "Shufu", "asymptomatic_new", 3) in got
    shufu = next(x for x in body["records"] if x["place"] == "Shufu")
    assert shufu["area"] == "653121" and shufu["not_stored"] is None  # a registry area
    assert BULLETIN[shufu["start"] : shufu["end"]] == shufu["evidence"]
    beijing = next(x for x in body["records"] if x["place"] == "Beijing")
    assert "not a registry area" in beijing["not_stored"]  # said, not dropped
    pd.testing.assert_frame_equal(before, counts_rows(f"sqlite:///{demo_db}"))
    # importing is a write: refused on a read-only server
    r = client.post("/api/bulletin/import", json={"text": BULLETIN, "published": "2020-11-18"})
    assert r.status_code == 403
    # a county's own bulletin, which never names the county: the reader gives it
    own = {"text": "本县今日新增无症状感染者3例。", "published": "2020-10-29", "place": "疏附县"}
    (rec,) = client.post("/api/bulletin", json=own).json()["records"]
    assert (rec["place"], rec["area"], rec["date"], rec["not_stored"]) == (
        "Shufu",
        "653121",
        "2020-10-29",
        None,
    )


def test_importing_a_bulletin_stores_news_counts_once(writable: TestClient, demo_copy: str) -> None:
    before = counts_rows(demo_copy)
    body = {"text": BULLETIN, "published": "2020-11-18", "source": "Xinhua"}
    assert writable.post("/api/bulletin/import", json=body).status_code == 401
    r = writable.post("/api/bulletin/import", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    done = r.json()["import"]
    assert done["inserted"] == 1 and len(done["not_stored"]) == 1
    assert done["not_stored"][0]["place"] == "Beijing"
    after = counts_rows(demo_copy)
    assert len(after) == len(before) + 1
    new = after.merge(before, how="left", indicator=True).query("_merge == 'left_only'")
    assert new[["area", "metric", "value"]].values.tolist() == [["653121", "asymptomatic_new", 3]]
    assert set(new["source_kind"]) == {"news"}
    r = writable.post("/api/bulletin/import", json=body, headers=AUTH)  # the same text again
    assert r.json()["import"]["inserted"] == 0 and r.json()["import"]["unchanged"] == 1
    assert len(counts_rows(demo_copy)) == len(after)


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"text": "   ", "published": "2020-11-18"}, 422, "empty"),
        ({"text": BULLETIN, "published": "18/11/2020"}, 422, "ISO date"),
        ({"text": "The weather was fine on Tuesday.", "published": "2020-11-18"}, 422, "no counts"),
        ({"published": "2020-11-18"}, 422, "text"),
        ({"text": BULLETIN, "published": "2020-11-18", "place": "Atlantis"}, 422, "unknown place"),
    ],
)
def test_a_bad_bulletin_is_one_clear_error(
    client: TestClient, body: dict[str, str], status: int, words: str
) -> None:
    r = client.post("/api/bulletin", json=body)
    assert r.status_code == status
    assert words in r.text


def test_the_sources_page_has_the_bulletin_form(client: TestClient) -> None:
    html = client.get("/sources").text
    assert 'id="bulletin-form"' in html and 'name="published"' in html


def test_the_designation_form_makes_the_level_a_deliberate_choice(client: TestClient) -> None:
    """The form's level was preset to 'low': a designation recorded without a look at the
    field would downgrade an area. No level is chosen until the user picks one."""
    import re

    html = client.get("/sources").text
    form = html[html.index('id="designation-form"') :]
    select = re.search(r'<select name="level"[^>]*>(.*?)</select>', form, re.S)
    assert select is not None and "required" in select.group(0)
    first = re.search(r"<option[^>]*>", select.group(1))
    assert first is not None and 'value=""' in first.group(0) and "selected" in first.group(0)


def test_the_area_picker_names_areas_as_the_page_title_does(client: TestClient) -> None:
    """The picker offered 'Kashi Diqu (Kashgar Prefecture) [653100]' and 'Shufu Xian [653121]'
    under the title 'Overview: Kashgar Prefecture'; it offers 'Kashgar Prefecture [653100]'
    and 'Shufu County [653121]' now (``/api/areas`` keeps ``name`` as stored and adds
    ``label``)."""
    import re

    html = client.get("/").text
    select = re.search(r'<select name="area"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))
    assert "Kashgar Prefecture [653100]" in options and "Shufu County [653121]" in options
    names = [o.rsplit(" [", 1)[0] for o in options]
    assert not any(n.endswith((" Xian", " Zhen", " Xiang")) or "(" in n for n in names), names
    areas = {a["code"]: a for a in client.get("/api/areas").json()}
    assert areas["653121"]["name"] == "Shufu Xian" and areas["653121"]["label"] == "Shufu County"


def test_every_date_picker_says_its_date_in_iso(client: TestClient) -> None:
    """A native date input draws its value in the browser's locale ('11/16/2020' in en-US)
    and no page can force its format; so each one carries its value in ISO beside it (the
    form sends ISO whatever the display), kept current by app.js."""
    html = client.get("/?date=2020-11-16").text
    assert re.search(r'<input type="date" name="date" value="2020-11-16"', html)
    assert '<span class="iso" data-for="date">2020-11-16</span>' in html
    pickers = re.findall(r'<input type="date" name="([a-z_]+)"', html)
    shown = re.findall(r'<span class="iso" data-for="([a-z_]+)">', html)
    assert pickers and sorted(pickers) == sorted(shown), (pickers, shown)
    forms = client.get("/sources").text  # the write forms' dates too
    pickers = re.findall(r'<input type="date" name="([a-z_]+)"', forms)
    assert {"published", "valid_from", "valid_to"} <= set(pickers), pickers
    assert sorted(pickers) == sorted(re.findall(r'<span class="iso" data-for="([a-z_]+)">', forms))
    js = client.get("/static/app.js").text
    assert 'input[type="date"]' in js and ".iso" in js


def test_short_tables_grow_and_long_ones_say_they_scroll(client: TestClient) -> None:
    """The audit log at 1280 px showed 7 of its 9 rows in a 480 px scroll box with no cue: a
    table of a dozen rows or fewer is shown whole (class 'short', no height cap); a longer one
    keeps its box, and app.js writes under it how many rows it holds and that it scrolls."""
    html = client.get("/audit").text
    n = client.get("/api/audit").json()["tables"][0]["rows"]
    assert 0 < len(n) <= 12
    assert re.search(
        r'<section class="table-box t-audit">.*?<div class="scroll short">', html, re.S
    )
    css = client.get("/static/app.css").text
    assert ".scroll.short { max-height: none; }" in css
    js = client.get("/static/tables.js").text
    assert "scroll-cue" in js and "rows \\u2014 scroll" in js
    assert '<script src="/static/tables.js"></script>' in html


def _time_titles(node: object) -> set[str]:
    """The titles of every temporal x encoding in a Vega-Lite spec."""
    found: set[str] = set()
    if isinstance(node, dict):
        x = node.get("encoding", {}).get("x") if isinstance(node.get("encoding"), dict) else None
        if isinstance(x, dict) and x.get("type") == "temporal" and "title" in x:
            found.add(str(x["title"]))
        for v in node.values():
            found |= _time_titles(v)
    elif isinstance(node, list):
        for v in node:
            found |= _time_titles(v)
    return found


def test_the_testing_page_charts_say_the_same_true_thing_of_their_times(
    client: TestClient,
) -> None:
    """One chart said 'date and time (Beijing)', the other '(as reported)': the registry keeps
    the sources' clock times with no time zone and the charts draw them unconverted, so both
    say so in the same words."""
    charts = client.get("/api/testing").json()["charts"]
    titles = set().union(*(_time_titles(c["spec"]) for c in charts))
    assert len(charts) >= 2 and len(titles) == 1, titles
    assert "Beijing" not in titles.pop()
