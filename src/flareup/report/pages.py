"""The situation room's pages as data: what the dashboard shows and its JSON twins serve.

Each page is a :class:`Page` of headline figures (each with what it rests on), Vega-Lite charts,
tables, notes and sources, built from the registry through :mod:`flareup.report.queries`,
:mod:`flareup.report.state` and the other ``report`` modules. The web app renders a Page as
HTML or returns :meth:`Page.to_dict`; the one-file report (:mod:`flareup.report.html`) lays
several pages one after another. :class:`Dashboard` keeps one open registry and caches pages
per (page, parameters, registry version) so that repeated views of one date cost nothing
until something is written.

The page model lives in :mod:`flareup.report.page_model`, the registry queries the pages share
in :mod:`flareup.report.page_queries`, the builders in :mod:`flareup.report.pages_epi`
(overview, epicurve, R_t), :mod:`flareup.report.pages_areas` (map, testing),
:mod:`flareup.report.pages_sim` (simulation) and :mod:`flareup.report.pages_records`
(investigation, sources, audit), the writes in :mod:`flareup.report.writes`; every name is
re-exported here, so ``flareup.report.pages`` stays the one place to import them from.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flareup.errors import InputError
from flareup.report.page_model import PAGES as PAGES
from flareup.report.page_model import Chart as Chart
from flareup.report.page_model import Page as Page
from flareup.report.page_model import Table as Table
from flareup.report.page_model import _cell as _cell
from flareup.report.page_model import _day as _day
from flareup.report.page_model import _day_x as _day_x
from flareup.report.page_model import _iso as _iso
from flareup.report.page_model import _with_date_rule as _with_date_rule
from flareup.report.page_model import cell_text as cell_text
from flareup.report.page_model import header_text as header_text
from flareup.report.page_model import spec as spec
from flareup.report.page_queries import _RULES_CACHE as _RULES_CACHE
from flareup.report.page_queries import _RULES_LOCK as _RULES_LOCK
from flareup.report.page_queries import DEFAULT_AREA as DEFAULT_AREA
from flareup.report.page_queries import DEFAULT_RULES as DEFAULT_RULES
from flareup.report.page_queries import MAP_METRICS as MAP_METRICS
from flareup.report.page_queries import REPORTED_METRICS as REPORTED_METRICS
from flareup.report.page_queries import _area as _area
from flareup.report.page_queries import _has_area as _has_area
from flareup.report.page_queries import _names as _names
from flareup.report.page_queries import area_metrics as area_metrics
from flareup.report.page_queries import last_date as last_date
from flareup.report.page_queries import latest_sources as latest_sources
from flareup.report.page_queries import metric_on as metric_on
from flareup.report.page_queries import rule_levels as rule_levels
from flareup.report.page_queries import rules_result as rules_result
from flareup.report.pages_areas import risk_map as risk_map
from flareup.report.pages_areas import testing as testing
from flareup.report.pages_epi import _child_of as _child_of
from flareup.report.pages_epi import _daily_bars as _daily_bars
from flareup.report.pages_epi import _get as _get
from flareup.report.pages_epi import _overview_charts as _overview_charts
from flareup.report.pages_epi import epicurve as epicurve
from flareup.report.pages_epi import overview as overview
from flareup.report.pages_epi import rt as rt
from flareup.report.pages_records import _brief as _brief
from flareup.report.pages_records import _cut as _cut
from flareup.report.pages_records import audit as audit
from flareup.report.pages_records import investigation as investigation
from flareup.report.pages_records import sources as sources
from flareup.report.pages_sim import SIM_RUNS as SIM_RUNS
from flareup.report.pages_sim import SIM_SCALE as SIM_SCALE
from flareup.report.pages_sim import SIM_SCENARIO as SIM_SCENARIO
from flareup.report.pages_sim import _SimCache as _SimCache
from flareup.report.pages_sim import simulation as simulation
from flareup.report.writes import _renamed as _renamed
from flareup.report.writes import _with_file as _with_file
from flareup.report.writes import import_upload as import_upload
from flareup.report.writes import record_designation as record_designation
from flareup.schema import area_display_name

if TYPE_CHECKING:
    from flareup.registry import Registry


# ---- the dashboard ---------------------------------------------------------------------------


Builder = Callable[..., Page]
BUILDERS: dict[str, Builder] = {
    "overview": overview,
    "epicurve": epicurve,
    "rt": rt,
    "map": risk_map,
    "testing": testing,
    "sources": sources,
    "investigation": investigation,
    "audit": audit,
}


#: The simulation page's note on a server that runs no ensemble: why, and what to run instead.
SIMULATION_OFF = (
    "simulation is off for this server (started with --no-simulate), so the observed counts "
    "are shown alone: start flareup serve without --no-simulate to see the kashgar-2020 "
    "ensemble here, or run flareup simulate kashgar-2020 --observed for it on the command line"
)


class Dashboard:
    """One registry, its pages cached per (page, parameters, registry version).

    The version is the newest audit-log entry: any import, correction or deletion (by this
    server or anyone else) changes it, so a cached page is never stale.
    """

    def __init__(self, reg: Registry, *, cache_size: int = 256, simulate: bool = True) -> None:
        self.reg = reg
        self.cache: OrderedDict[tuple[Any, ...], Page] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.RLock()
        self.simulate = simulate
        self.sim = _SimCache()
        self.memo: dict[tuple[str, str], Any] = {}
        self.inflight: dict[tuple[Any, ...], threading.Event] = {}
        from flareup.report.readcache import CachedReads

        # registry reads shared by the pages of one registry version (the line list once)
        self.reads = CachedReads(reg)
        self.reads_version: str | None = None

    def _reads(self, version: str) -> Any:
        with self.lock:
            if version != self.reads_version:
                self.reads.forget()
                self.reads_version = version
            return self.reads

    def version(self) -> str:
        a = self.reg.audit(limit=1)
        return "" if a.empty else f"{a['at'].iloc[0]}|{len(a)}"

    def start_simulation(self) -> None:
        if self.simulate:
            self.sim.start(SIM_SCENARIO, SIM_SCALE, SIM_RUNS)

    def page(self, name: str, **params: Any) -> Page:
        """The page ``name`` for ``params`` (cached until the registry changes). Requests for
        a page being built wait for that build instead of starting another."""
        if name == "simulation":
            return self._simulation(**params)
        if name not in BUILDERS:
            raise InputError(f"no page {name!r}", field="page")
        key = (name, tuple(sorted(params.items())), self.version())
        while True:
            with self.lock:
                hit = self.cache.get(key)
                if hit is not None:
                    self.cache.move_to_end(key)
                    return hit
                building = self.inflight.get(key)
                if building is None:
                    building = self.inflight[key] = threading.Event()
                    break
            building.wait()
            with self.lock:
                if key not in self.cache:  # the other build failed: build it here
                    self.inflight.pop(key, None)
        try:
            page = BUILDERS[name](self._reads(key[-1]), **params)
            with self.lock:
                self.cache[key] = page
                while len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
            return page
        finally:
            with self.lock:
                self.inflight.pop(key, None)
            building.set()

    #: The pages a server builds at start-up, with the parameters its routes use by default.
    WARM: tuple[tuple[str, dict[str, Any]], ...] = (
        ("overview", {"date": None, "area": None}),
        ("rt", {"date": None, "area": None}),
        ("map", {"date": None, "colour": "official"}),
        ("epicurve", {"date": None, "area": None, "interval": "day"}),
    )

    def warm(self) -> threading.Thread:
        """Build the default pages in a background thread, so that the first visitor of a
        large registry does not wait for them (errors are left for the request to show)."""

        def run() -> None:
            for name, params in self.WARM:
                try:
                    self.page(name, **params)
                except Exception:  # the same error reaches the user when they ask
                    continue

        t = threading.Thread(target=run, daemon=True, name="flareup-warm")
        t.start()
        return t

    def _simulation(self, date: Any = None, wait: float = 0.0) -> Page:
        if not self.simulate:
            return simulation(self.reg, date, pending=SIMULATION_OFF)
        self.start_simulation()
        ens = self.sim.wait(wait)
        if ens is None:
            pending = (
                f"the simulation failed: {self.sim.error}"
                if self.sim.error
                else "the ensemble is being computed in the background (a few seconds; the "
                "first run after installing compiles the simulator first): reload the page"
            )
            return simulation(self.reg, date, pending=pending)
        return simulation(self.reg, date, ensemble=ens)

    def import_upload(self, kind: str, filename: str, data: bytes) -> dict[str, Any]:
        return import_upload(self.reg, kind, filename, data)

    def record_designation(self, body: dict[str, Any]) -> dict[str, Any]:
        return record_designation(self.reg, body)

    def _memo(self, name: str, build: Callable[[], Any]) -> Any:
        key = (name, self.version())
        with self.lock:
            if key in self.memo:
                return self.memo[key]
        value = build()
        with self.lock:
            self.memo = {k: v for k, v in self.memo.items() if k[1] == key[1]}
            self.memo[key] = value
        return value

    def areas(self) -> list[dict[str, Any]]:
        """The registry's areas (code, name as stored, label as English text names it, level),
        cached until the registry changes."""

        def build() -> list[dict[str, Any]]:
            a = self.reg.areas()
            return [
                {
                    "code": str(r.code),
                    "name": str(r.name_en),
                    # the picker's words: the pages' titles say "Shufu County", not "Shufu Xian"
                    "label": area_display_name(str(r.name_en)),
                    "level": str(r.level),
                }
                for r in a.itertuples(index=False)
            ]

        out: list[dict[str, Any]] = self._memo("areas", build)
        return out

    def dates(self) -> tuple[str | None, str | None]:
        """First and last dates with figures (the date picker's hint), cached likewise."""

        def build() -> tuple[str | None, str | None]:
            c = self.reg.counts()
            if c.empty:
                return None, None
            return str(c["date"].min().date()), str(c["date"].max().date())

        out: tuple[str | None, str | None] = self._memo("dates", build)
        return out


__all__ = [
    "BUILDERS",
    "MAP_METRICS",
    "PAGES",
    "REPORTED_METRICS",
    "Chart",
    "Dashboard",
    "Page",
    "Table",
    "area_metrics",
    "audit",
    "epicurve",
    "import_upload",
    "investigation",
    "overview",
    "record_designation",
    "risk_map",
    "rt",
    "simulation",
    "sources",
    "testing",
]
