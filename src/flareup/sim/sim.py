"""The simulator: a population, parameters, interventions and an explicit ordered daily loop.

Each day, in this order (Starsim's explicit loop, Kerr et al. 2024; Covasim's step, Kerr et al.
2021): (1) interventions that scale layers (lockdown, movement restriction) set the day's
scaling; (2) importations; (3) transmission, layer by layer, from the infectious agents outward;
(4) disease progression: the day's scheduled transitions; (5) testing and detection (results due
today are reported and classified); (6) contact tracing and quarantine; (7) isolation of the
detected; (8) the day's counts are recorded per area and metric, analyzers run. A shared
laboratory (``lab``, :mod:`flareup.sim.lab`) runs in (5), after the day's sampling and before
the day's results are reported; samples taken later in the day (tracing) run the next day.

Random numbers come from named streams (:mod:`flareup.sim.streams`), so an intervention at zero
coverage leaves a run bit-identical, and paired scenarios share every draw they can.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from flareup.dates import from_sim_day, parse_date, to_sim_day
from flareup.errors import ConfigError
from flareup.sim.disease import (
    I_WIDTH,
    KEY_NAMES,
    N_CONSTS,
    N_KEYS,
    T_WIDTH,
    World,
    infect_many,
    progress,
    queue_arrays,
)
from flareup.sim.networks import Layers, layers_for
from flareup.sim.params import AGE_BINS, N_LAYERS, Params
from flareup.sim.people import (
    LAYER_IMPORTED,
    LAYER_SEED,
    U_QUARANTINED,
    Agents,
    alloc,
    make_agents,
)
from flareup.sim.results import SimResults
from flareup.sim.results_idx import (
    FLOW_MASK,
    M_ASYMPTOMATIC_CUR,
    M_CONFIRMED_CUR,
    M_OBSERVATION_CUR,
    M_POSITIVE_CUR,
    M_QUARANTINED_CUR,
    M_RESULT_WAIT,
    M_SAMPLES_RESULTED,
    M_TESTED_NEW,
    M_TESTS_USED,
    N_METRICS,
)
from flareup.sim.streams import Streams
from flareup.sim.tables import Table, raw_of
from flareup.sim.transmission import (
    ATTEMPT_ROWS,
    layer_agebins,
    layer_sus_max,
    quarantine_transmit,
    transmit,
)

if TYPE_CHECKING:
    import pandas as pd

#: Age bins present in each layer, per population (a pass over the member lists: done once for
#: the replicates of an ensemble, which share their population). id -> (weak reference, bins).
_AGEBINS: dict[int, tuple[weakref.ReferenceType[Any], np.ndarray]] = {}


def _layer_agebins(pop: Any, agents: Agents, layers: Layers) -> np.ndarray:
    hit = _AGEBINS.get(id(pop))
    if hit is not None and hit[0]() is pop:
        return hit[1]
    for key in [k for k, (ref, _) in _AGEBINS.items() if ref() is None]:
        del _AGEBINS[key]
    L = layers
    bins = layer_agebins(agents.agebin, L.dorm_idx, L.work_idx, L.school_idx, len(AGE_BINS))
    _AGEBINS[id(pop)] = (weakref.ref(pop), bins)
    return bins


#: Phases of the daily loop in which interventions act, in order.
PHASES = ("scale", "import", "testing", "tracing", "isolation")


class Sim:
    """An agent-based simulation of one outbreak and the response to it.

    ``population``: a :class:`flareup.sim.population.Population` (contracts.md section 4).
    ``interventions``: objects of :mod:`flareup.sim.interventions`, applied in their phase of the
    day in the order given. ``initial_infections``: a number of random agents, or agent ids,
    infected on day 0 (seeds). ``quarantine_at_home``: quarantined people keep household contacts
    (China's 2020 quarantine was centralised, so the default is False). ``lab``: a
    :class:`flareup.sim.lab.Lab` whose capacity and turnaround every test shares (None: each
    testing intervention runs its tests at once, with its own turnaround and, for mass testing,
    its own capacity). ``clinical_assessment_days``: 0 classifies a detection by its symptoms
    when reported; N >= 1 reports every positive not sampled because of symptoms as an
    asymptomatic infection and reclassifies those with symptoms at a clinical assessment N days
    later (:func:`flareup.sim.testing.assess`; docs/methods/sim.md, "When a detection is
    classified"). ``quarantine_site_size``: 0 (default) keeps every quarantined person apart;
    N >= 2 puts each batch of people quarantined together (one call of :meth:`quarantine`) in
    centralised sites of about N people (families and townships together), inside which they
    meet ``contacts_quarantine`` co-residents a day with hazard ``beta_quarantine``
    (:class:`Params`;
    :func:`flareup.sim.transmission.quarantine_transmit`; docs/methods/sim.md, "Transmission
    inside quarantine sites").

    >>> sim = Sim(pop, Params(), [Lockdown(start="2020-10-27")], start_date="2020-09-20",
    ...           n_days=90, seed=1, initial_infections=5)
    >>> res = sim.run(); res.to_frame()
    """

    def __init__(
        self,
        population: Any,
        params: Params | None = None,
        interventions: Iterable[Any] = (),
        *,
        start_date: str | dt.date = "2020-01-01",
        n_days: int = 90,
        seed: int = 0,
        analyzers: Iterable[Any] = (),
        initial_infections: int | Sequence[int] | np.ndarray = 0,
        quarantine_at_home: bool = False,
        lab: Any = None,
        clinical_assessment_days: int = 0,
        quarantine_site_size: int = 0,
    ) -> None:
        self.pop = population
        self.params = params if params is not None else Params()
        if not isinstance(self.params, Params):
            raise ConfigError(f"params must be a Params, got {type(params).__name__}", key="params")
        try:
            self.start_date = parse_date(start_date)
        except ValueError as exc:
            raise ConfigError(str(exc), key="start_date") from None
        if not isinstance(n_days, int | np.integer) or n_days < 1:
            raise ConfigError(
                f"expected a positive whole number of days, got {n_days!r}", key="n_days"
            )
        self.n_days = int(n_days)
        self.seed = seed
        self.streams = Streams(seed)
        self.interventions = list(interventions)
        self.analyzers = list(analyzers)
        self.initial_infections = initial_infections
        self.quarantine_at_home = bool(quarantine_at_home)
        self.lab = lab
        if (
            isinstance(clinical_assessment_days, bool)
            or not isinstance(clinical_assessment_days, int | np.integer)
            or clinical_assessment_days < 0
        ):
            raise ConfigError(
                f"expected a whole number of days >= 0, got {clinical_assessment_days!r}",
                key="clinical_assessment_days",
            )
        self.clinical_assessment_days = int(clinical_assessment_days)
        if (
            isinstance(quarantine_site_size, bool)
            or not isinstance(quarantine_site_size, int | np.integer)
            or quarantine_site_size < 0
            or quarantine_site_size == 1
        ):
            raise ConfigError(
                f"expected 0 (no shared sites) or a whole number of people >= 2, got "
                f"{quarantine_site_size!r}",
                key="quarantine_site_size",
            )
        self.quarantine_site_size = int(quarantine_site_size)
        self.initialized = False
        self.day = -1

    # ------------------------------------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of agents."""
        return len(self.pop.area)

    @property
    def area_codes(self) -> list[str]:
        """Codes of the population's areas, in index order."""
        return [str(c) for c in self.pop.area_table["code"]]

    def day_of(self, value: str | dt.date | int, key: str = "date") -> int:
        """Simulation day of a date (an int is taken as a day already)."""
        if isinstance(value, int | np.integer):
            return int(value)
        try:
            return to_sim_day(parse_date(value), self.start_date)
        except ValueError as exc:
            raise ConfigError(str(exc), key=key) from None

    def date_of(self, day: int) -> dt.date:
        """Calendar date of simulation day ``day``."""
        return from_sim_day(day, self.start_date)

    def area_indices(self, areas: Iterable[str] | str | None, key: str = "areas") -> np.ndarray:
        """Indices of areas given by code (or name); a parent code means all its children.

        ``None`` means every area. An unknown code raises ConfigError naming ``key``.
        """
        table = self.pop.area_table
        n_areas = len(table)
        if areas is None:
            return np.arange(n_areas)
        if isinstance(areas, str):
            areas = [areas]
        codes = np.asarray(table["code"]).astype(str)
        names = np.asarray(table["name"]).astype(str)
        parents = np.asarray(table["parent_code"]).astype(str)
        # Ancestors of each area, through the parent codes of areas that are in the table and
        # then on up by parent_code where an intermediate level is missing.
        parent_of = dict(zip(codes, parents, strict=True))

        def up(code: str) -> str | None:
            if code in parent_of:
                parent: str | None = parent_of[code]
                return parent
            # A level missing from the table: China's GB/T 2260 codes nest (county 653121 ->
            # prefecture 653100 -> province 650000).
            if len(code) == 6 and code.isdigit():
                if code[4:] != "00":
                    return code[:4] + "00"
                if code[2:] != "0000":
                    return code[:2] + "0000"
            return None

        ancestors = []
        for code in codes:
            chain: set[str] = set()
            cur = up(code)
            while cur and cur not in chain and cur not in ("None", "nan", "<NA>", ""):
                chain.add(cur)
                cur = up(cur)
            ancestors.append(chain)
        out: list[int] = []
        for code in areas:
            code = str(code)
            hit = [
                k
                for k in range(n_areas)
                if codes[k] == code or names[k] == code or code in ancestors[k]
            ]
            if not hit:
                raise ConfigError(
                    f"area {code!r} is not in the population (known: "
                    f"{', '.join(codes[:20])}{' ...' if n_areas > 20 else ''})",
                    key=key,
                )
            out.extend(hit)
        return np.unique(np.asarray(out, dtype=np.int64))

    # ------------------------------------------------------------------------------------------
    def initialize(self) -> Sim:
        """Build the layers, the agent arrays and the interventions' state (done by run())."""
        pop, p = self.pop, self.params
        self.layers: Layers = layers_for(pop, p.gravity_exponent)
        self.agents: Agents = make_agents(
            pop.area, pop.age, pop.household, pop.dormitory, pop.workplace, pop.school
        )
        n, n_areas = self.n, pop.n_areas
        age_table = p.age_table()
        queue, qfree = queue_arrays(n, self.n_days)
        self.world = World(
            age_table=age_table,
            dur=p.durations(),
            ct=p.ct_params(),
            consts=np.concatenate(
                [
                    [
                        p.rel_inf_asymptomatic,
                        p.dispersion_k,
                        float(age_table[:, 0].max()) or 1.0,
                        float(self.n_days),
                        0.0,  # C_UNTIL_MAX: nobody isolated or quarantined yet
                    ],
                    p.profile_params(),  # C_PEAK ...
                ]
            ),
            keys=np.array([self.streams[name] for name in KEY_NAMES], dtype=np.uint64),
            head=np.full(self.n_days + 1, -1, np.int32),
            queue=queue,
            qfree=qfree,
            inf_rec=alloc((n, I_WIDTH), np.int32),
            inf_relinf=alloc(n, np.float32),
            inf_t=alloc((n, T_WIDTH), np.float64),
            inf_pos=np.full(n, -1, np.int32),
            n_inf=np.zeros(1, np.int64),
            counts=np.zeros((n_areas, N_METRICS), np.int64),
            new_inf=alloc((n, 3), np.int32),
            new_time=alloc(n, np.float64),
            n_new=np.zeros(1, np.int64),
            latent=alloc(n, np.float64),
            inf_next=alloc(n, np.float64),
        )
        assert len(KEY_NAMES) == N_KEYS and self.world.consts.size == N_CONSTS
        self.betas = p.layer_betas()
        self.contacts = p.layer_contacts()
        self.scale = np.ones((n_areas, N_LAYERS))
        self.dest_scale = np.ones(n_areas)
        self.results = np.zeros((self.n_days, n_areas, N_METRICS), np.int32)
        self._flow = np.asarray(FLOW_MASK)
        self._buf = np.empty(n, np.int32)
        # The day's list of transmission attempts (transmission.py), resolved whenever full.
        self._att_i = np.empty((ATTEMPT_ROWS, 5), np.int64)
        self._att_f = np.empty((ATTEMPT_ROWS, 3), np.float64)
        self._sus_layer = layer_sus_max(
            _layer_agebins(pop, self.agents, self.layers), age_table[:, 0]
        )
        self.onsets_today = np.empty(0, np.int32)
        self.detected_today = np.empty(0, np.int32)
        #: Day of the first detection (a result reported), or None: what a response to the
        #: outbreak waits for (``Triggered``, ``Importation(stop_on_detection=True)``).
        self.first_detection_day: int | None = None
        if self.lab is not None:
            self.lab.reset()
        self._pending: dict[int, list[np.ndarray]] = {}
        self._assessments: dict[int, list[np.ndarray]] = {}
        # Sampled because of symptoms (known to the health authority when reported): read
        # only with a clinical assessment delay.
        self._for_symptoms = np.zeros(n if self.clinical_assessment_days else 1, np.bool_)
        self._quarantine_ends: dict[int, list[np.ndarray]] = {}
        # Quarantine sites (quarantine_site_size): entries in the order people enter, the
        # [start, end) of each entry's site among the entries, each agent's latest entry. Off
        # (and nothing allocated) without sites or without transmission in them.
        self._sites = self.quarantine_site_size >= 2 and p.beta_quarantine > 0.0
        self._q_order = np.empty(4096 if self._sites else 0, np.int32)
        self._q_site = np.empty((self._q_order.size, 2), np.int32)
        self._q_pos = np.full(n if self._sites else 0, -1, np.int32)
        self._n_q = 0
        self._q_key = np.uint64(self.streams["transmission/quarantine"])
        self._q_sus_max = float(age_table[:, 0].max())
        self._by_phase: dict[str, list[Any]] = {ph: [] for ph in PHASES}
        seen: dict[str, int] = {}
        for iv in self.interventions:
            base = getattr(iv, "name", None) or type(iv).__name__
            seen[base] = seen.get(base, 0) + 1
            # Stream names depend only on the intervention's own name and its rank among
            # same-named ones, so adding another intervention shifts no one's draws.
            iv.stream_name = base if seen[base] == 1 else f"{base}#{seen[base]}"
            iv.initialize(self)
            for ph in iv.phases:
                if ph not in self._by_phase:
                    raise ConfigError(
                        f"unknown phase {ph!r}; expected one of {PHASES}", key=type(iv).__name__
                    )
                self._by_phase[ph].append(iv)
        for an in self.analyzers:
            an.initialize(self)
        seeds = self.initial_infections
        if isinstance(seeds, int | np.integer):
            if not 0 <= seeds <= n:
                raise ConfigError(
                    f"expected 0..{n} initial infections, got {seeds}", key="initial_infections"
                )
            gen = self.streams.generator("initial_infections")
            seeds = gen.choice(n, size=int(seeds), replace=False) if seeds else np.empty(0)
        self._seed_agents = np.sort(np.asarray(seeds, dtype=np.int64))
        self.initialized = True
        return self

    def run(self) -> SimResults:
        """Run every day and return the results."""
        if not self.initialized:
            self.initialize()
        for day in range(self.day + 1, self.n_days):
            self.step(day)
        for an in self.analyzers:
            an.finalize(self)
        return self.to_results()

    def step(self, day: int) -> None:
        """One day of the loop (see the module docstring for the order)."""
        self.day = day
        ag, world = self.agents, self.world
        by_phase = self._by_phase
        excess = False  # a layer scaled above 1 today (transmission adds the excess)
        if by_phase["scale"]:
            self.scale.fill(1.0)
            self.dest_scale.fill(1.0)
            for iv in by_phase["scale"]:
                iv.apply(self, day, "scale")
            excess = bool(self.scale.max() > 1.0)
        if day == 0 and self._seed_agents.size:
            self.infect(self._seed_agents, 0, layer=LAYER_SEED)
        for iv in by_phase["import"]:
            iv.apply(self, day, "import")
        transmit(
            ag,
            world,
            self.layers,
            day,
            self.betas,
            self.contacts,
            self.scale,
            self.dest_scale,
            self.quarantine_at_home,
            excess,
            self._att_i,
            self._att_f,
            self._sus_layer,
            self._buf,  # scratch here (progress's onsets next)
        )
        if self._sites and self._n_q:
            quarantine_transmit(
                ag,
                world,
                day,
                self._q_order,
                self._q_site,
                self._q_pos,
                self.params.beta_quarantine,
                self.params.contacts_quarantine,
                self._q_sus_max,
                self._q_key,
            )
        n_on = progress(ag, world, self.layers, day, self._buf)
        self.onsets_today = self._buf[:n_on].copy()
        # Today's tests run first (a zero turnaround reports the same day), then every result
        # due today is reported and classified.
        self.detected_today = np.empty(0, np.int32)
        for iv in by_phase["testing"]:
            iv.apply(self, day, "testing")
        if self.lab is not None:  # runs what was sampled so far (later samples: tomorrow)
            self.lab.run(self, day)
        due = self._pending.pop(day, None)
        if due:
            from flareup.sim import testing  # (imported where used: see _record)

            agents = np.concatenate(due).astype(np.int32)
            provisional = self.clinical_assessment_days > 0
            k = testing.detect(ag, world, agents, day, self._buf, provisional, self._for_symptoms)
            self.detected_today = self._buf[:k].copy()
            if k and self.first_detection_day is None:
                self.first_detection_day = day
            if k and provisional:
                when = day + self.clinical_assessment_days
                self._assessments.setdefault(when, []).append(self.detected_today)
        assessed = self._assessments.pop(day, None)
        if assessed:
            from flareup.sim import testing

            testing.assess(ag, world, np.concatenate(assessed), day)
        for iv in by_phase["tracing"]:
            iv.apply(self, day, "tracing")
        for iv in by_phase["isolation"]:
            iv.apply(self, day, "isolation")
        self._record(day)
        for an in self.analyzers:
            an.apply(self, day)

    def _record(self, day: int) -> None:
        ends = self._quarantine_ends.pop(day + 1, None)
        if ends:
            # testing and response are imported where they are used: a run without tests or
            # quarantine (the benchmark's) never loads their modules and kernels.
            from flareup.sim import response

            response.release_quarantine(self.agents, self.world, np.concatenate(ends), day + 1)
        c = self.world.counts
        c[:, M_POSITIVE_CUR] = c[:, M_CONFIRMED_CUR] + c[:, M_ASYMPTOMATIC_CUR]
        c[:, M_OBSERVATION_CUR] = c[:, M_QUARANTINED_CUR]
        self.results[day] = c
        c[:, self._flow] = 0

    # --- services for interventions ---------------------------------------------------------
    def infect(self, agents: np.ndarray, day: int, layer: int = LAYER_IMPORTED) -> np.ndarray:
        """Infect the susceptible among ``agents`` on ``day`` (importations, seeds)."""
        agents = np.asarray(agents, dtype=np.int64)
        k = infect_many(self.agents, self.world, agents, day, layer, self._buf)
        return self._buf[:k].copy()

    def report(self, agents: np.ndarray, day_due: int) -> None:
        """Positive results of ``agents`` that reach the health authority on ``day_due``."""
        if len(agents) and day_due < self.n_days:
            self._pending.setdefault(int(day_due), []).append(np.asarray(agents, np.int32))

    def test(
        self,
        agents: np.ndarray,
        day: int,
        *,
        turnaround: int = 1,
        stream: str,
        count_tested: bool = True,
        for_symptoms: bool = False,
    ) -> np.ndarray:
        """Individual RT-PCR of ``agents`` sampled on ``day``; positives reported after
        ``turnaround`` days (with a shared ``lab``: when the lab has run it, plus the lab's
        turnaround). Counts tests per area; returns the positive agents known now (none with a
        lab). ``for_symptoms``: sampled because of symptoms (see ``clinical_assessment_days``)."""
        from flareup.sim import testing

        agents = np.asarray(agents, dtype=np.int32)
        if agents.size == 0:
            return agents
        if for_symptoms and self.clinical_assessment_days:
            self._for_symptoms[agents] = True
        if count_tested:
            testing.add_by_area(self.agents.area, agents, self.world.counts, M_TESTED_NEW, 1)
        if self.lab is not None:  # queued for the shared lab; results come from it
            self.lab.submit(agents, day, self.streams[stream])
            return np.empty(0, np.int32)
        pos = testing.pcr_individual(self.agents, self.world, agents, day, self.streams[stream])
        testing.add_by_area(self.agents.area, agents, self.world.counts, M_TESTS_USED, 1)
        testing.add_by_area(self.agents.area, agents, self.world.counts, M_SAMPLES_RESULTED, 1)
        testing.add_by_area(
            self.agents.area, agents, self.world.counts, M_RESULT_WAIT, int(turnaround)
        )
        positives: np.ndarray = agents[pos]
        self.report(positives, day + int(turnaround))
        return positives

    def quarantine(self, agents: np.ndarray, day: int, days: int) -> np.ndarray:
        """Quarantine ``agents`` from ``day`` for ``days`` days; return those (newly) quarantined."""
        from flareup.sim import response

        agents = np.asarray(agents, dtype=np.int32)
        until = day + int(days)
        if self._sites:  # those not in quarantine now: if quarantined, they enter a site
            fresh = np.unique(agents[self.agents.until[agents, U_QUARANTINED] <= day])
        k = response.quarantine(self.agents, self.world, agents, day, until, self._buf)
        out = self._buf[:k].copy()
        if k:
            self._quarantine_ends.setdefault(until, []).append(out)
            if self._sites:
                self._enter_sites(fresh[self.agents.until[fresh, U_QUARANTINED] == until])
        return out

    def _enter_sites(self, agents: np.ndarray) -> None:
        """Put newly quarantined ``agents`` -- one batch, taken to quarantine together -- in
        sites of their own: ordered by area and household (a family and a township's people
        together), split into round(m / quarantine_site_size) sites of nearly equal size (at
        least one)."""
        m = agents.size
        if m == 0:
            return
        ag = self.agents
        agents = agents[np.lexsort((ag.household[agents], ag.area[agents]))]
        first = self._n_q
        need = first + m
        if need > self._q_order.size:
            cap = max(need, 2 * self._q_order.size)
            order, site = np.empty(cap, np.int32), np.empty((cap, 2), np.int32)
            order[:first], site[:first] = self._q_order[:first], self._q_site[:first]
            self._q_order, self._q_site = order, site
        self._q_order[first:need] = agents
        self._q_pos[agents] = np.arange(first, need, dtype=np.int32)
        k = max(1, round(m / self.quarantine_site_size))
        bounds = first + (np.arange(k + 1) * m) // k  # nearly equal sites
        sizes = np.diff(bounds)
        self._q_site[first:need, 0] = np.repeat(bounds[:-1], sizes)
        self._q_site[first:need, 1] = np.repeat(bounds[1:], sizes)
        self._n_q = need

    def isolate(self, agents: np.ndarray, day: int) -> int:
        """Isolate ``agents`` until the end of their infection; return how many were new."""
        from flareup.sim import response

        return int(
            response.isolate(self.agents, self.world, np.asarray(agents, dtype=np.int32), day)
        )

    # ------------------------------------------------------------------------------------------
    def to_results(self) -> SimResults:
        """The recorded days as :class:`SimResults`."""
        days = self.day + 1
        areas = raw_of(self.pop, "areas")  # a Table stays one (no pandas); a frame re-indexed
        if not isinstance(areas, Table):
            areas = areas.reset_index(drop=True)
        return SimResults(
            counts=self.results[:days][None],
            start_date=self.start_date,
            areas=cast("pd.DataFrame", areas),  # a Table reads as a DataFrame (FrameField)
            seeds=[self.seed],
        )


def warm_up() -> None:
    """Load the engine's numba machine code (from numba's on-disk cache; compiled on first use).

    numba loads a kernel's machine code at its first call, and the first load in a process also
    starts numba's code generator (about 0.2 s). A caller that times the engine, or a command
    that wants its first run as fast as later ones, can pay that here, up front: a few days of a
    200-agent population, and population synthesis's kernels.
    """
    from flareup.sim.population import (
        _below_keyed,
        _bin_right,
        _fit_groups_into,
        _households_ages_into,
        _order_by_key_then,
        _schools_into,
        _workplaces_into,
        make_population,
    )

    _bin_right(np.array([0.5, 1.0]), np.array([0.25, 0.75]), np.empty(2, np.int64))
    mask, one = np.array([True, False]), np.ones(2, np.int64)
    _households_ages_into(
        one,
        one,
        np.array([[0.5, 1.0], [0.5, 1.0]]),
        np.array([0.25, 0.5]),
        np.array([0.75]),
        one,
        np.empty(3, np.int32),
        np.empty(3, np.int32),
        np.empty(3, np.int16),
        np.empty((2, 2), np.int64),
    )
    _below_keyed(
        np.array([0.25, 0.75]),
        np.array([0.5]),
        np.zeros(2, np.int16),
        np.zeros(2, np.int32),
        one,
        1,
    )
    _schools_into(one, one - 1, one - 1, one, one, one, np.empty(2, np.int32))
    _workplaces_into(one - 1, one, one, mask, np.empty(2, np.int32), np.empty(2, np.int64))
    _fit_groups_into(one, one, one, np.empty(2, np.int64), np.empty(2, np.int64), one - 1)
    _order_by_key_then(np.array([1, 0, 1]), np.array([0.5, 0.25, 0.125]))
    k = np.arange(200)
    pop = make_population(
        k // 4,
        workplace=k // 10,
        school=np.where(k < 40, k // 20, -1),
        dormitory=np.where(k % 10 == 0, k // 80, -1),
        area=k // 100,
    )
    Sim(pop, Params(), n_days=5, seed=1, initial_infections=20).run()
