"""The dashboard and the report in a real browser: Playwright driving Debian's chromium.

Skipped (with the reason) when the playwright package or /usr/bin/chromium is missing; a
browser is never downloaded. Screenshots of every page go to ``artifacts/screenshots/``
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from web_helpers import TOKEN, live_server

from flareup.registry import Registry
from flareup.report.html import write_report
from flareup.web import create_app

CHROMIUM = os.environ.get("FLAREUP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PAGES = {
    "overview": "/?date=2020-10-28",
    "epicurve": "/epicurve",
    "rt": "/rt",
    "map": "/map?date=2020-10-28",
    "testing": "/testing?date=2020-10-26",
    "simulation": "/simulation",
    "sources": "/sources",
    "investigation": "/investigation?date=2020-10-30",
    "audit": "/audit",
    "docs": "/docs",
}

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install -y chromium; no browser is downloaded)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Console errors, page errors, and every request that would leave 127.0.0.1 (blocked)."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def route(self, route: Any) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def page_of(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    watch = Watch(page)
    ctx.route("**/*", watch.route)
    page.watch = watch
    try:
        yield page
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, demo_db: Path) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db, path)
    app = create_app(f"sqlite:///{path}", token=TOKEN, simulate=False)
    with live_server(app) as url:
        yield url


def rendered_marks(page: Any) -> list[int]:
    """For each chart container: how many data marks vega-embed drew (after it finished)."""
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.rendered)",
        timeout=20_000,
    )
    return page.eval_on_selector_all(
        "[data-chart]",
        "els => els.map(e => e.dataset.rendered === 'true' ? "
        "e.querySelectorAll('svg .role-mark > *').length : -1)",
    )


@pytest.mark.slow
def test_every_page_draws_offline_without_errors(page_of: Any, server: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page_of.goto(server + path)
        marks = rendered_marks(page_of)
        if name not in ("audit", "docs"):
            assert marks and all(n > 0 for n in marks), (name, marks)
        page_of.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert page_of.watch.errors == []
    assert page_of.watch.outside == []


@pytest.mark.slow
def test_pages_fit_a_phone_and_tables_fit_their_boxes(browser: Any, server: str) -> None:
    """At 420 px nothing but a table's own scroll box is wider than the screen (the area
    select ran out of the form); at 1280 px the overview's sub-area table fits its box (its
    names were squeezed a few letters a line, its last columns cut off)."""
    ctx = browser.new_context(viewport={"width": 420, "height": 900})
    try:
        page = ctx.new_page()
        for path in ("/?date=2020-10-28", "/epicurve", "/rt"):
            page.goto(server + path)
            wide = page.eval_on_selector_all(
                ".controls *",
                "els => els.filter(e => e.getBoundingClientRect().right > innerWidth)"
                ".map(e => e.tagName + ' ' + e.getAttribute('name'))",
            )
            assert wide == [], (path, wide)
    finally:
        ctx.close()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(server + "/?date=2020-11-16")
        over = page.eval_on_selector_all(
            ".scroll",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length",
        )
        assert over == 0
    finally:
        ctx.close()


@pytest.mark.slow
def test_the_sub_area_table_keeps_a_county_name_on_one_line(browser: Any, server: str) -> None:
    """Named in words ('Yingjisha County', not 'Yingjisha Xian'), the overview's sub-area
    table broke a county's name over two lines, and its twelfth county fell below its scroll
    box's edge at 1280 px: a name (up to 24 letters) is kept on one line."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(server + "/?date=2020-11-16")
        rows = page.eval_on_selector_all(
            ".t-by-sub-area tbody tr, table tbody tr",
            "trs => trs.filter(tr => tr.cells.length > 3 && /^6531\\d\\d$/.test("
            "tr.cells[0].textContent.trim())).map(tr => { const r = document.createRange();"
            " r.selectNodeContents(tr.cells[1]); return [tr.cells[1].textContent,"
            " new Set([...r.getClientRects()].map(b => Math.round(b.top))).size]; })",
        )
        box = page.eval_on_selector_all(
            ".scroll", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
    finally:
        ctx.close()
    short = [(n, lines) for n, lines in rows if len(n) <= 24]
    assert len(rows) == 12 and len(short) == 11, rows
    assert all(lines == 1 for _, lines in short), short  # lines of text in the name cell
    assert box == 0  # and the table still fits its box


@contextlib.contextmanager
def phone_page(browser: Any) -> Iterator[Any]:
    """A page in a phone-sized (390 x 844 px) browser context, closed afterwards."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def sideways(page: Any, selector: str) -> int:
    """How far the element scrolls sideways (0: its content fits its box)."""
    return int(page.eval_on_selector(selector, "e => e.scrollWidth - e.clientWidth"))


def county_fills(page: Any) -> dict[str, str]:
    """Fill colour of each county polygon, by its aria label (the tooltip's area name)."""
    rendered_marks(page)
    return page.eval_on_selector_all(
        "svg g.role-mark[class*=counties] path",
        "ps => Object.fromEntries(ps.map(p => [p.getAttribute('aria-label'), p.getAttribute('fill')]))",
    )


@pytest.mark.slow
def test_map_draws_twelve_counties_and_recolours_by_date(page_of: Any, server: str) -> None:
    page_of.goto(server + "/map?date=2020-10-25")
    before = county_fills(page_of)
    page_of.fill("input[name=date]", "2020-11-20")
    page_of.click("button[type=submit]")
    page_of.wait_for_url("**/map?date=2020-11-20*")
    after = county_fills(page_of)
    assert len(before) == 12 and len(after) == 12
    assert set(before.values()) == {"#d9d9d9"}  # nothing designated before 26 October
    assert set(after.values()) == {"#41ab5d"}  # all low by 20 November
    page_of.goto(server + "/map?date=2020-10-28")
    during = county_fills(page_of)
    shufu = [fill for label, fill in during.items() if "Shufu" in label]
    assert shufu == ["#d7301f"]  # high through its townships
    towns = page_of.eval_on_selector_all(
        "svg g.role-mark[class*=townships] path", "ps => ps.length"
    )
    assert towns == 15
    assert page_of.watch.errors == [] and page_of.watch.outside == []


def _upload(page: Any, token: str | None, csv: Path) -> str:
    page.select_option("#import-form select[name=kind]", "counts")
    page.set_input_files("#import-form input[name=file]", str(csv))
    page.fill("#import-form input[name=token]", token or "")
    page.click("#import-form button[type=submit]")
    page.wait_for_function("document.getElementById('import-result').textContent.length > 0")
    text: str = page.text_content("#import-result")
    page.evaluate("document.getElementById('import-result').textContent = ''")
    return text


@pytest.mark.slow
def test_upload_needs_the_token_and_shows_on_the_overview(
    page_of: Any, server: str, tmp_path: Path
) -> None:
    csv = tmp_path / "bulletin-2020-11-18.csv"
    csv.write_text(
        "area,date,metric,value,source\n"
        "653121,2020-11-18,asymptomatic_new,7,https://example.org/bulletin-2020-11-18\n",
        encoding="utf-8",
    )
    url = urlparse(server)
    db = None
    page_of.goto(server + "/sources")
    text = _upload(page_of, None, csv)
    assert text.startswith("HTTP 401") and "nothing was stored" in text
    page_of.goto(server + "/?date=2020-11-18&area=653121")
    assert "bulletin-2020-11-18" not in page_of.content()
    page_of.goto(server + "/sources")
    text = _upload(page_of, TOKEN, csv)
    assert text.startswith("HTTP 200: 1 inserted"), text
    page_of.goto(server + "/?date=2020-11-18&area=653121")
    assert "https://example.org/bulletin-2020-11-18" in page_of.content()
    page_of.screenshot(path=str(ARTIFACTS / "overview-after-upload.png"), full_page=True)
    # 401 is a console error of the failed fetch in chromium; nothing else may be
    assert all("401" in e for e in page_of.watch.errors), page_of.watch.errors
    assert page_of.watch.outside == []
    del url, db


@pytest.mark.slow
def test_a_pasted_bulletin_is_read_then_imported_with_the_token(page_of: Any, server: str) -> None:
    text = (
        "Shufu County reported 4 new asymptomatic cases on Thursday, the Xinjiang health "
        "commission said on Friday. Beijing reported 2 new confirmed cases on Thursday."
    )
    page_of.goto(server + "/sources")
    page_of.fill("#bulletin-form textarea[name=text]", text)
    page_of.fill("#bulletin-form input[name=published]", "2020-11-20")

    def submit(action: str) -> str:
        page_of.evaluate("document.getElementById('bulletin-result').textContent = ''")
        page_of.click(f"#bulletin-form button[value={action}]")
        page_of.wait_for_function(
            "(t => t.length > 0 && t !== 'reading…')"
            "(document.getElementById('bulletin-result').textContent)"
        )
        out: str = page_of.text_content("#bulletin-result")
        return out

    got = submit("read")  # reading needs no token and stores nothing
    assert got.startswith("2 counts found"), got
    rows = page_of.eval_on_selector_all(
        "#bulletin-result tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))"
    )
    assert rows[0][:5] == ["2020-11-19", "Shufu", "653121", "asymptomatic_new", "4"]
    assert "not a registry area" in rows[1][6]  # Beijing: said why, not dropped
    assert page_of.text_content("#bulletin-result th:last-child") == (
        "an import would skip it because"  # reading stores nothing: it says what an import would
    )
    assert submit("import").startswith("HTTP 401")  # no token typed
    page_of.fill("#bulletin-form input[name=token]", TOKEN)
    assert "1 inserted" in submit("import")
    assert "0 inserted, 1 unchanged" in submit("import")  # the same text again changes nothing
    page_of.locator("#bulletin-result").screenshot(path=str(ARTIFACTS / "bulletin-read.png"))
    assert all("401" in e for e in page_of.watch.errors), page_of.watch.errors
    assert page_of.watch.outside == []


@pytest.mark.slow
def test_a_bulletin_reads_as_cards_on_a_phone(browser: Any, server: str) -> None:
    """At 420 px each count is a card with its value in sight: no table scrolled sideways to
    find the figure (the table's value column sat past the screen's right edge)."""
    ctx = browser.new_context(viewport={"width": 420, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(server + "/sources")
        page.fill(
            "#bulletin-form textarea[name=text]",
            "Shufu County reported 4 new asymptomatic cases on Thursday. Beijing reported 2 new "
            "confirmed cases on Thursday.",
        )
        page.fill("#bulletin-form input[name=published]", "2020-11-20")
        page.click("#bulletin-form button[value=read]")
        page.wait_for_selector("#bulletin-result tbody tr")
        boxes = page.eval_on_selector_all(
            "#bulletin-result td.c-value",
            "tds => tds.map(td => { const r = td.getBoundingClientRect();"
            " return [td.textContent, r.left >= 0 && r.right <= innerWidth && r.width > 0]; })",
        )
        assert boxes == [["4", True], ["2", True]], boxes
        # a cell with nothing in it (Beijing has no registry area) takes no line
        shown = page.eval_on_selector_all(
            "#bulletin-result td.empty", "tds => tds.filter(td => td.offsetHeight > 0).length"
        )
        assert shown == 0
        assert page.eval_on_selector("#bulletin-result thead", "h => h.offsetHeight") == 0
        page.locator("#bulletin-result").screenshot(path=str(ARTIFACTS / "bulletin-phone.png"))
    finally:
        ctx.close()


@pytest.mark.slow
def test_report_file_opens_offline_with_its_charts(
    browser: Any, demo_db: Path, tmp_path: Path
) -> None:
    reg = Registry(f"sqlite:///{demo_db}")
    try:
        out = write_report(reg, tmp_path / "report.html", date="2020-10-28")
    finally:
        reg.close()
    ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    watch = Watch(page)
    ctx.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else watch.route(r)
    )
    try:
        page.goto(out.as_uri())
        marks = rendered_marks(page)
        assert len(marks) >= 6 and all(n > 0 for n in marks), marks
        assert page.locator("#references li").count() > 10
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        assert watch.errors == [] and watch.outside == []
    finally:
        ctx.close()


@pytest.mark.slow
def test_no_page_or_report_is_wider_than_a_phone(
    browser: Any, server: str, demo_db: Path, tmp_path: Path
) -> None:
    """At 390 px the charts (a fixed 700-800 px wide) and the sources table widened the whole
    page to 800-970 px: every line of text scrolled sideways. A wide chart or table now
    scrolls inside its own box."""
    reg = Registry(f"sqlite:///{demo_db}")
    try:
        report = write_report(reg, tmp_path / "report.html", date="2020-10-28")
    finally:
        reg.close()
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        wide = {}
        for url in [server + PAGES[n] for n in ("overview", "epicurve", "rt", "map", "testing")] + [
            report.as_uri()
        ]:
            page.goto(url)
            rendered_marks(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 391:
                wide[url] = width
        assert wide == {}
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def sim_server(tmp_path_factory: pytest.TempPathFactory, demo_db: Path) -> Iterator[str]:
    """The demo registry served with a small ensemble ready (2 runs at 2 % scale: seconds),
    so the simulation page draws its fan chart."""
    import threading

    from flareup.report.pages import SIM_SCENARIO, Dashboard
    from flareup.sim.ensemble import run_ensemble
    from flareup.sim.scenario import load_scenario

    path = tmp_path_factory.mktemp("browser-sim") / "demo.db"
    shutil.copy(demo_db, path)
    board = Dashboard(Registry(f"sqlite:///{path}"), simulate=True)
    scenario = load_scenario(SIM_SCENARIO).replace(scale=0.02)
    board.sim.result = run_ensemble(scenario, runs=2, seed=1, executor="serial")
    board.sim.thread = threading.Thread(target=lambda: None)  # done: nothing more to start
    board.sim.thread.start()
    with live_server(create_app(dashboard=board, warm=False)) as url:
        yield url


def _overlaps(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of [left, top, right, bottom] boxes that overlap by more than a pixel."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
    ]


@pytest.mark.slow
def test_the_risk_timeline_leaves_its_bars_room_on_a_phone(browser: Any, server: str) -> None:
    """At 390 px the risk timeline's row labels ('Shufu Guangzhou Gongyecheng · rule
    china-2020') took most of the width, leaving the bars a strip: each area's name now sits
    above its bars, which are labelled by their source alone."""
    with phone_page(browser) as page:
        page.goto(server + "/map")
        rendered_marks(page)
        box = page.eval_on_selector("#chart-timeline", "e => e.clientWidth")
        # the plot's width: its date axis's domain line spans it
        plot = page.eval_on_selector_all(
            "#chart-timeline svg .role-axis-domain",
            "ds => Math.max(...ds.map(d => d.getBoundingClientRect().width))",
        )
        assert plot > 0.6 * box, (plot, box)
        scroll = sideways(page, "#chart-timeline")
        assert scroll <= 1, scroll
        page.screenshot(path=str(ARTIFACTS / "map-phone.png"), full_page=True)


@pytest.mark.slow
def test_a_chart_with_two_legends_fits_a_phone(browser: Any, server: str) -> None:
    """At 390 px the mass-testing progress chart's two legends ('area', 'round') stood side by
    side below it and the second ran past the box's edge: they now stand one below the other."""
    with phone_page(browser) as page:
        page.goto(server + "/testing")
        rendered_marks(page)
        scroll = sideways(page, "#chart-progress")
        assert scroll <= 1, scroll
        titles = page.eval_on_selector_all(
            "#chart-progress svg .role-legend-title text",
            "ts => ts.map(t => t.getBoundingClientRect().left)",
        )
        assert len(titles) == 2 and abs(titles[0] - titles[1]) < 2, titles  # one above the other


@pytest.mark.slow
def test_the_maps_fit_a_phone_whole(browser: Any, server: str) -> None:
    """At 390 px the county map kept its 420 px and scrolled sideways in its box, Shufu's
    townships half out of sight: it is scaled down whole (its labels keep their places)."""
    with phone_page(browser) as page:
        page.goto(server + "/map")
        rendered_marks(page)
        scroll = sideways(page, "#chart-map")
        assert scroll <= 1, scroll
        drawn, box = page.eval_on_selector(
            "#chart-map",
            "e => [e.querySelector('svg').getBoundingClientRect().width, e.clientWidth]",
        )
        assert 0.8 * box <= drawn <= box + 1, (drawn, box)  # less the actions menu's room


def township_label_heights(page: Any) -> list[float]:
    """Drawn heights (px) of the township cells' labels on the map page's chart."""
    rendered_marks(page)
    names = ["Langan", "Wupaer", "Tierimu", "Mushi"]  # short: whole at either size
    return page.eval_on_selector_all(
        "#chart-map svg g.role-mark text",
        f"ts => ts.filter(t => {names!r}.includes(t.textContent))"
        ".map(t => t.getBoundingClientRect().height)",
    )


@pytest.mark.slow
def test_township_labels_read_on_a_phone_as_on_a_desk(browser: Any, server: str) -> None:
    """At 390 px the map, scaled down whole, drew Shufu's township labels 5 px tall (7 px at
    1280): stacked under the county map, the township panel takes the county panel's width
    and its labels a larger font, so that they are drawn at least as tall as on a desk."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(server + "/map")
        desk = township_label_heights(page)
    finally:
        ctx.close()
    with phone_page(browser) as page:
        page.goto(server + "/map")
        phone = township_label_heights(page)
        scroll = sideways(page, "#chart-map")
    assert len(desk) == len(phone) == 4, (desk, phone)
    assert min(phone) >= 0.95 * min(desk), (phone, desk)
    assert scroll <= 1, scroll  # still no sideways scroll


@pytest.mark.slow
def test_charts_fill_a_phone_screen_readably(browser: Any, sim_server: str) -> None:
    """At 390 px: the simulation chart was squashed into a strip (its one-line title and
    subtitle, ~750 px, counted in the width fitted to its box) with its date labels on top of
    one another; the plan chart ran off the screen; the audit log's rows were five lines tall;
    the county map's labels sat on one another (also at 1280 px)."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(sim_server + "/simulation")
        rendered_marks(page)
        box = page.eval_on_selector("#chart-fan", "e => e.clientWidth")
        # the plot's width: the widest of its axis grids (they span the plot)
        plot = page.eval_on_selector_all(
            "#chart-fan svg .role-axis-grid",
            "gs => Math.max(...gs.map(g => g.getBoundingClientRect().width))",
        )
        assert plot > 0.6 * box, (plot, box)
        assert page.locator(".chart-title").first.is_visible()  # the title, wrapped, above
        labels = page.eval_on_selector_all(
            "#chart-fan svg .role-axis-label text",
            "ts => ts.filter(t => t.textContent && t.getAttribute('opacity') !== '0')"
            ".map(t => { const r = t.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; })",
        )
        bottom = max(b[1] for b in labels)
        x_labels = [b for b in labels if abs(b[1] - bottom) < 3]  # the date axis, at the foot
        assert len(x_labels) >= 3 and _overlaps(x_labels) == [], x_labels
        for path, chart in (("/testing", "#chart-plans"), ("/simulation", "#chart-fan")):
            page.goto(sim_server + path)
            rendered_marks(page)
            scroll = sideways(page, chart)
            assert scroll <= 1, (path, scroll)
        page.goto(sim_server + "/audit")
        heights = page.eval_on_selector_all(
            ".table-box tbody tr", "rs => rs.map(r => r.getBoundingClientRect().height)"
        )
        line = page.eval_on_selector(
            ".table-box td", "td => parseFloat(getComputedStyle(td).lineHeight)"
        )
        assert heights and max(heights) < 2 * line, (heights, line)
        page.screenshot(path=str(ARTIFACTS / "audit-phone.png"), full_page=True)
        page.goto(sim_server + "/simulation")
        rendered_marks(page)
        page.screenshot(path=str(ARTIFACTS / "simulation-phone.png"), full_page=True)
    finally:
        ctx.close()
    for width in (1280, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = ctx.new_page()
            for path in ("/map?date=2020-10-28", "/?date=2020-10-28"):
                page.goto(sim_server + path)
                rendered_marks(page)
                boxes = page.evaluate(
                    "([sel]) => [...document.querySelectorAll(sel)].map(t => {"
                    " const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
                    ["svg g.role-mark:not([class*=townships]) text"],
                )
                assert len(boxes) >= 6 and _overlaps(boxes) == [], (width, path, boxes)
        finally:
            ctx.close()


@pytest.mark.slow
def test_the_testing_page_draws_its_day_on_the_plan_chart(page_of: Any, server: str) -> None:
    """With no date asked the page was on 16 Nov, weeks after the round: no rule for the day on
    the plan chart. It is on the round's last day, with its rule on both panels."""

    def rules(path: str) -> int:
        page_of.goto(server + path)
        rendered_marks(page_of)
        n: int = page_of.eval_on_selector(
            "#chart-plans",
            "e => e.querySelectorAll('g.mark-rule.role-mark path, g.mark-rule.role-mark line').length",
        )
        return n

    outside = rules("/testing?date=2020-11-20")  # the people-to-test lines only
    assert rules("/testing") == outside + 2
