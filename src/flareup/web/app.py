"""The situation room: a FastAPI app over one registry (``flareup serve``).

Thin by design: every page and its JSON twin come from :class:`flareup.report.pages.Dashboard`;
this module only routes, checks the write token and renders. Reads need no token (reading the
counts in a pasted bulletin, ``POST /api/bulletin``, stores nothing). Writes
(``POST /api/import``, ``POST /api/bulletin/import``, ``POST /api/designations``) need ``Authorization: Bearer <token>``
matching the configured token (compared with :func:`hmac.compare_digest`, in constant time);
a server started without a token is read-only and refuses every write with 403.
All JavaScript and CSS are served from the package (``/static``): the pages work offline.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from flareup.errors import FlareupError, InputError, NotFoundError
from flareup.report.bulletins import records_json
from flareup.report.pages import (
    MAP_METRICS,
    PAGES,
    REPORTED_METRICS,
    Dashboard,
    Page,
    cell_text,
    header_text,
)
from flareup.report.queries import open_registry

WEB = Path(str(resources.files("flareup.web")))
TEMPLATES = Jinja2Templates(directory=str(WEB / "templates"))
TEMPLATES.env.filters["cell"] = cell_text  # table cells as the report prints them
TEMPLATES.env.filters["label"] = header_text  # headers as the report heads them

DateQ = Annotated[
    str | None, Query(description="situation date, YYYY-MM-DD (default: the last with data)")
]
IntervalQ = Annotated[str, Query(description="day or week (ISO)")]
ColourQ = Annotated[
    str,
    Query(
        description="official, rule (china-2020), infections_cum, infections_7d, or any "
        "reported metric of schema.py"
    ),
]
WaitQ = Annotated[float, Query(description="seconds to wait for the ensemble (max 120)")]
LimitQ = Annotated[int, Query(ge=1, le=10_000, description="how many entries, newest first")]
AreaQ = Annotated[str | None, Query(description="area code (default: Kashgar Prefecture 653100)")]


def get_board(request: Request) -> Dashboard:
    """The app's dashboard (one registry per app)."""
    board: Dashboard = request.app.state.board
    return board


def writer(request: Request) -> None:
    """Dependency of every write: the bearer token must match the configured one."""
    check_token(request.app.state.token, request.headers.get("authorization"))


Board = Annotated[Dashboard, Depends(get_board)]


#: Largest accepted upload (a million-row line list as CSV is ~100 MB).
MAX_UPLOAD = 512 * 2**20


class BulletinIn(BaseModel):
    """A bulletin or news report pasted as text, with its publication date."""

    text: str = Field(description="the report's text (English or Chinese), UTF-8")
    published: str = Field(description="publication date, YYYY-MM-DD (resolves 'yesterday')")
    source: str | None = Field(default=None, description="name of the publication")
    place: str | None = Field(
        default=None,
        description="the text's own place where it never names one (a county's or a "
        "ministry's own bulletin), as the gazetteer names it; a text that names its place "
        "keeps it",
    )


def _bulletin(b: Dashboard, body: BulletinIn) -> tuple[Any, list[Any], str]:
    """(publication date, records, name) of a pasted report; the registry's areas resolve
    places to area codes."""
    from flareup.report.bulletins import MAX_BYTES, check_published, read_counts

    if len(body.text.encode("utf-8")) > MAX_BYTES:
        raise HTTPException(413, f"a bulletin is at most {MAX_BYTES // 1_000_000} MB of text")
    pub = check_published(body.published, field_name="published")
    name = body.source or "pasted text"
    return pub, read_counts(body.text, pub, name=name, reg=b.reg, place=body.place), name


class Unauthorized(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(401, detail, headers={"WWW-Authenticate": "Bearer"})


def check_token(expected: str | None, authorization: str | None) -> None:
    """Raise 403 on a read-only server, 401 on a missing or wrong bearer token."""
    if not expected:
        raise HTTPException(
            403,
            "this server is read-only: start it with FLAREUP_TOKEN or --token-file to allow writes",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("writes need 'Authorization: Bearer <token>'")
    # constant time: the comparison does not reveal how much of the token matched
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("wrong token")


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    dashboard: Dashboard | None = None,
    simulate: bool = True,
    warm: bool = True,
) -> FastAPI:
    """The app over the registry at ``db`` (or over ``dashboard``); ``token`` allows writes.
    ``warm``: build the default pages at start-up (in the background)."""
    board = dashboard if dashboard is not None else Dashboard(open_registry(db), simulate=simulate)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        board.start_simulation()  # the ensemble is ready by the time someone opens its page
        if warm:
            board.warm()
        yield
        board.reg.close()

    app = FastAPI(
        title="flareup situation room",
        version="1",
        description="Pages and their JSON twins over one flareup registry. Reads are open; "
        "writes need a bearer token.",
        docs_url=None,  # the stock docs pages load Swagger UI from a CDN: see /docs below
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.board = board
    app.state.token = token
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 422, exc)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, exc)

    @app.exception_handler(FlareupError)
    async def flareup_error(request: Request, exc: FlareupError) -> Response:
        return _error(request, 422, exc)

    # ---- JSON twins ------------------------------------------------------------------------

    @app.get("/api/overview", tags=["pages"])
    def api_overview(b: Board, date: DateQ = None, area: AreaQ = None) -> dict[str, Any]:
        """Headline figures with their sources, daily detections, the official-level map and the
        table of sub-areas."""
        return b.page("overview", date=date, area=area).to_dict()

    @app.get("/api/epicurve", tags=["pages"])
    def api_epicurve(
        b: Board, date: DateQ = None, area: AreaQ = None, interval: IntervalQ = "day"
    ) -> dict[str, Any]:
        """Detections by day or week, by category and by sub-area; composition."""
        return b.page("epicurve", date=date, area=area, interval=interval).to_dict()

    @app.get("/api/rt", tags=["pages"])
    def api_rt(b: Board, date: DateQ = None, area: AreaQ = None) -> dict[str, Any]:
        """Cori R_t with its credible band, and the growth rate."""
        return b.page("rt", date=date, area=area).to_dict()

    @app.get("/api/map", tags=["pages"])
    def api_map(b: Board, date: DateQ = None, colour: ColourQ = "official") -> dict[str, Any]:
        """Counties and townships coloured by official level, level by rule, or a metric."""
        return b.page("map", date=date, colour=colour).to_dict()

    @app.get("/api/testing", tags=["pages"])
    def api_testing(b: Board, date: DateQ = None) -> dict[str, Any]:
        """Mass-testing progress against plans."""
        return b.page("testing", date=date).to_dict()

    @app.get("/api/simulation", tags=["pages"])
    def api_simulation(b: Board, date: DateQ = None, wait: WaitQ = 0.0) -> dict[str, Any]:
        """Simulated detections (fan chart) with the observed ones, and the totals."""
        return b.page("simulation", date=date, wait=min(max(wait, 0.0), 120.0)).to_dict()

    @app.get("/api/sources", tags=["pages"])
    def api_sources(b: Board, date: DateQ = None) -> dict[str, Any]:
        """Sources of the stored figures and where they disagree."""
        return b.page("sources", date=date).to_dict()

    @app.get("/api/investigation", tags=["pages"])
    def api_investigation(b: Board, date: DateQ = None) -> dict[str, Any]:
        """Clusters, transmission chains with generations (chain chart), ranked likely sources
        with their reasons, and contact follow-up counts by status on the date."""
        return b.page("investigation", date=date).to_dict()

    @app.get("/api/audit", tags=["pages"])
    def api_audit(b: Board, limit: LimitQ = 200) -> dict[str, Any]:
        """The newest audit-log entries."""
        return b.page("audit", limit=limit).to_dict()

    @app.get("/api/areas", tags=["registry"])
    def api_areas(b: Board) -> list[dict[str, Any]]:
        """The registry's areas: code, name (as stored), label (in English words), level."""
        return b.areas()

    # ---- writes ----------------------------------------------------------------------------

    @app.post("/api/import", tags=["writes"], dependencies=[Depends(writer)])
    def api_import(
        b: Board,
        kind: Annotated[str, Form(description="table kind: counts, cases, designations, ...")],
        file: Annotated[UploadFile, File(description="CSV, Parquet or JSON records")],
    ) -> dict[str, Any]:
        """Import a table exactly as 'flareup import' does: all or nothing; bad rows are
        listed (file, row, field, reason) with 422 and nothing is stored. Needs the token."""
        data = file.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise HTTPException(413, f"uploads are limited to {MAX_UPLOAD // 2**20} MiB")
        return b.import_upload(kind, file.filename or "upload.csv", data)

    @app.post("/api/bulletin", tags=["registry"])
    def api_bulletin(b: Board, body: BulletinIn) -> dict[str, Any]:
        """Read the counts in a bulletin or news text, as 'flareup bulletin' does: each with its
        date, place (and registry area), category, value, qualifier, sentence and span, and
        why it could not be stored where it could not. Stores nothing; needs no token."""
        _, records, _ = _bulletin(b, body)
        return {"count": len(records), "records": records_json(records)}

    @app.post("/api/bulletin/import", tags=["writes"], dependencies=[Depends(writer)])
    def api_bulletin_import(b: Board, body: BulletinIn) -> dict[str, Any]:
        """Read a bulletin and store its counts, as 'flareup bulletin --import' does: news-kind
        rows that never override official figures, the text kept as their source; counts
        without a registry area or a day are listed, not dropped; a re-import changes nothing.
        Needs the token."""
        from flareup.report.bulletins import import_counts

        pub, records, name = _bulletin(b, body)
        done = import_counts(
            b.reg, records, body.text, name=name, source=name, published=pub, user="flareup serve"
        )
        return {
            "count": len(records),
            "records": records_json(records),
            "import": done.to_dict(),
        }

    @app.post("/api/designations", tags=["writes"], dependencies=[Depends(writer)])
    def api_designation(b: Board, body: dict[str, Any]) -> dict[str, Any]:
        """Record a designation (JSON: area, level, valid_from, [valid_to], reason, source),
        checked as a designations table row. Needs the token."""
        return b.record_designation(body)

    # ---- pages -----------------------------------------------------------------------------

    def render(request: Request, page: Page) -> HTMLResponse:
        first, last = board.dates()
        return TEMPLATES.TemplateResponse(
            request,
            "page.html",
            {
                "page": page,
                "pages": PAGES,
                "first": first,
                "last": last,
                "areas": board.areas(),
                "map_metrics": MAP_METRICS,
                "reported_metrics": REPORTED_METRICS,
                "writable": bool(app.state.token),
            },
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(
        request: Request, b: Board, date: DateQ = None, area: AreaQ = None
    ) -> HTMLResponse:
        return render(request, b.page("overview", date=date, area=area))

    @app.get("/epicurve", response_class=HTMLResponse, include_in_schema=False)
    def epicurve_page(
        request: Request, b: Board, date: DateQ = None, area: AreaQ = None, interval: str = "day"
    ) -> HTMLResponse:
        return render(request, b.page("epicurve", date=date, area=area, interval=interval))

    @app.get("/rt", response_class=HTMLResponse, include_in_schema=False)
    def rt_page(request: Request, b: Board, date: DateQ = None, area: AreaQ = None) -> HTMLResponse:
        return render(request, b.page("rt", date=date, area=area))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(
        request: Request, b: Board, date: DateQ = None, colour: str = "official"
    ) -> HTMLResponse:
        return render(request, b.page("map", date=date, colour=colour))

    @app.get("/testing", response_class=HTMLResponse, include_in_schema=False)
    def testing_page(request: Request, b: Board, date: DateQ = None) -> HTMLResponse:
        return render(request, b.page("testing", date=date))

    @app.get("/simulation", response_class=HTMLResponse, include_in_schema=False)
    def simulation_page(request: Request, b: Board, date: DateQ = None) -> HTMLResponse:
        return render(request, b.page("simulation", date=date))

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, b: Board, date: DateQ = None) -> HTMLResponse:
        return render(request, b.page("sources", date=date))

    @app.get("/investigation", response_class=HTMLResponse, include_in_schema=False)
    def investigation_page(request: Request, b: Board, date: DateQ = None) -> HTMLResponse:
        return render(request, b.page("investigation", date=date))

    @app.get("/audit", response_class=HTMLResponse, include_in_schema=False)
    def audit_page(request: Request, b: Board, limit: LimitQ = 200) -> HTMLResponse:
        return render(request, b.page("audit", limit=limit))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        """The API reference rendered here from the OpenAPI document (no CDN, no script)."""
        return TEMPLATES.TemplateResponse(
            request,
            "docs.html",
            {"api": app.openapi(), "pages": PAGES, "writable": bool(app.state.token)},
        )

    return app


def _error(request: Request, status: int, exc: FlareupError) -> Response:
    problems = [
        {"file": q.file, "row": q.row, "field": q.field, "reason": q.reason}
        for q in getattr(exc, "problems", [])
    ]
    body = {"error": str(exc), "problems": problems}
    if request.url.path.startswith("/api/"):
        return JSONResponse(body, status_code=status)
    return TEMPLATES.TemplateResponse(
        request,
        "error.html",
        {"status": status, "error": body, "pages": PAGES},
        status_code=status,
    )


__all__ = ["check_token", "create_app"]
