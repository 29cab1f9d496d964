"""Interventions: small composable classes, each with a start, an end and an area scope.

Each acts in one or more *phases* of the daily loop (sim.PHASES: scale, import, testing,
tracing, isolation) through ``apply(sim, day, phase)``, and draws random numbers only from its own
named stream (its ``name``, default the class name), so adding one never changes the draws of the
rest and one at zero coverage leaves a run bit-identical.

``start``/``end``: ISO dates (or simulation days), ``end`` inclusive, default: the whole run.
``areas``: area codes (or names; a parent code means all its children), default: everywhere.
A start or end outside the simulated period, or an unknown area, raises ConfigError naming the
intervention and the key.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from flareup.errors import ConfigError
from flareup.sim import testing
from flareup.sim.params import BETWEEN, LAYERS
from flareup.sim.people import LAYER_IMPORTED, LAYER_SEED, U_QUARANTINED
from flareup.sim.results_idx import (
    M_RESULT_WAIT,
    M_SAMPLES_RESULTED,
    M_TESTED_NEW,
    M_TESTS_USED,
)
from flareup.sim.tracing_kernels import trace

DateLike = str | dt.date | int | None


class Intervention:
    """Base class: time window, area scope, own random stream."""

    phases: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        start: DateLike = None,
        end: DateLike = None,
        areas: Iterable[str] | str | None = None,
        name: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.areas = areas
        self.name = name
        self.stream_name = name or type(self).__name__

    @property
    def label(self) -> str:
        """How errors name this intervention."""
        return self.name or type(self).__name__

    def initialize(self, sim: Any) -> None:
        """Resolve dates and areas against ``sim``; check they are inside the run."""
        self.start_day: int = (
            0 if self.start is None else sim.day_of(self.start, f"{self.label}.start")
        )
        self.end_day: int = (
            sim.n_days - 1 if self.end is None else sim.day_of(self.end, f"{self.label}.end")
        )
        if not 0 <= self.start_day < sim.n_days:
            raise ConfigError(
                f"start {self.start} is outside the simulated period "
                f"{sim.start_date} .. {sim.date_of(sim.n_days - 1)}",
                key=f"{self.label}.start",
            )
        if self.end_day < self.start_day:
            raise ConfigError(
                f"end {self.end} is before start {self.start}", key=f"{self.label}.end"
            )
        self.area_idx = sim.area_indices(self.areas, key=f"{self.label}.areas")
        self.area_mask = np.zeros(len(sim.pop.areas), dtype=bool)
        self.area_mask[self.area_idx] = True
        self.all_areas = bool(self.area_mask.all())

    def active(self, day: int) -> bool:
        """Whether ``day`` is within the window."""
        return self.start_day <= day <= self.end_day

    def in_scope(self, sim: Any, agents: np.ndarray) -> np.ndarray:
        """The agents living in the intervention's areas."""
        if self.all_areas or agents.size == 0:
            return agents
        result: np.ndarray = agents[self.area_mask[sim.agents.area[agents]]]
        return result

    def key(self, sim: Any, suffix: str = "") -> np.uint64:
        """This intervention's stream key (optionally a sub-stream)."""
        result: np.uint64 = sim.streams[f"intervention/{self.stream_name}{suffix}"]
        return result

    def apply(self, sim: Any, day: int, phase: str) -> None:  # pragma: no cover - abstract
        """Act on ``day`` in ``phase``."""
        raise NotImplementedError


def _check_fraction(value: float, label: str, key: str) -> float:
    if not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
        raise ConfigError(f"expected a number between 0 and 1, got {value!r}", key=f"{label}.{key}")
    return float(value)


def _check_count(value: int, label: str, key: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ConfigError(
            f"expected a whole number >= {minimum}, got {value!r}", key=f"{label}.{key}"
        )
    return int(value)


# ---------------------------------------------------------------------------------------------
# Layer scaling
# ---------------------------------------------------------------------------------------------

#: Default lockdown: schools closed, workplaces and the community mostly shut, little travel
#: (assumption in the spirit of the Wuhan/Xinjiang 2020 measures; scenario files override it).
DEFAULT_LOCKDOWN = {
    "school": 0.0,
    "workplace": 0.2,
    "dormitory": 1.0,
    "community": 0.2,
    "between": 0.05,
    "household": 1.0,
}


class Lockdown(Intervention):
    """Scale contact layers in the given areas (``layers``: layer name -> factor, 0 = closed)."""

    phases = ("scale",)

    def __init__(self, *, layers: Mapping[str, float] | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.layers = dict(DEFAULT_LOCKDOWN if layers is None else layers)
        for layer, factor in self.layers.items():
            if layer not in LAYERS:
                raise ConfigError(
                    f"unknown layer; expected one of {', '.join(LAYERS)}",
                    key=f"{self.label}.layers.{layer}",
                )
            # not (factor >= 0) also refuses NaN, which TOML's ``nan`` would let through.
            if not isinstance(factor, int | float) or not np.isfinite(factor) or factor < 0:
                raise ConfigError(
                    f"expected a factor >= 0, got {factor!r}", key=f"{self.label}.layers.{layer}"
                )

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if not self.active(day):
            return
        for layer, factor in self.layers.items():
            li = LAYERS.index(layer)
            sim.scale[self.area_idx, li] *= factor
            if li == BETWEEN:
                sim.dest_scale[self.area_idx] *= factor


class SchoolClosure(Lockdown):
    """Close schools in the given areas."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(layers={"school": 0.0}, **kw)


class MovementRestriction(Intervention):
    """Scale travel out of and into the given areas by ``factor``."""

    phases = ("scale",)

    def __init__(self, *, factor: float = 0.1, **kw: Any) -> None:
        super().__init__(**kw)
        self.factor = factor
        if not isinstance(factor, int | float) or not np.isfinite(factor) or factor < 0:
            raise ConfigError(f"expected a factor >= 0, got {factor!r}", key=f"{self.label}.factor")

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if self.active(day):
            sim.scale[self.area_idx, BETWEEN] *= self.factor
            sim.dest_scale[self.area_idx] *= self.factor


# ---------------------------------------------------------------------------------------------
# Importation
# ---------------------------------------------------------------------------------------------


class Importation(Intervention):
    """Infections from outside: ``n`` travellers on ``start`` (random people of ``areas``), or,
    with ``workplace`` (a name in ``pop.workplace_names`` or an id), a contaminated source there
    (e.g. a cold-chain lot) that infects Poisson(``per_day``) random workers each day from
    ``start`` to ``end``. ``imported``: count them as imported (False: local, unknown source).
    ``stop_on_detection``: the source is closed the day after the first detection of the run
    (a contaminated workshop closed when the outbreak is found), so a counterfactual without the
    detection keeps it open."""

    phases = ("import",)

    def __init__(
        self,
        *,
        n: int = 1,
        workplace: str | int | None = None,
        per_day: float = 0.0,
        imported: bool = True,
        stop_on_detection: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.stop_on_detection = bool(stop_on_detection)
        self.n = _check_count(n, self.label, "n")
        self.workplace = workplace
        self.per_day = float(per_day)
        self.imported = imported
        if not np.isfinite(self.per_day) or self.per_day < 0:
            raise ConfigError(
                f"expected a finite rate >= 0, got {per_day!r}", key=f"{self.label}.per_day"
            )

    def initialize(self, sim: Any) -> None:
        if self.end is None and self.workplace is None:
            self.end = self.start
        super().initialize(sim)
        self.pool: np.ndarray
        if self.workplace is not None:
            names = getattr(sim.pop, "workplace_names", {}) or {}
            wp = (
                names.get(self.workplace, self.workplace)
                if isinstance(self.workplace, str)
                else self.workplace
            )
            if not isinstance(wp, int | np.integer) or not 0 <= wp < sim.pop.n_workplaces:
                raise ConfigError(
                    f"workplace {self.workplace!r} is not in the population "
                    f"(named: {', '.join(names) or 'none'})",
                    key=f"{self.label}.workplace",
                )
            ptr, idx = sim.layers.work_ptr, sim.layers.work_idx
            self.pool = np.asarray(idx[ptr[wp] : ptr[wp + 1]])
        else:
            self.pool = np.flatnonzero(self.area_mask[sim.agents.area])
        if self.pool.size == 0:
            raise ConfigError(
                "no one to infect in the given areas/workplace", key=f"{self.label}.areas"
            )

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if not self.active(day):
            return
        if self.stop_on_detection and sim.first_detection_day is not None:
            return  # closed: the import phase comes before today's results
        gen = np.random.Generator(np.random.PCG64([int(self.key(sim)), day]))
        k = (
            gen.poisson(self.per_day)
            if self.workplace is not None
            else (self.n if day == self.start_day else 0)
        )
        if self.workplace is not None and day == self.start_day:
            k += self.n if self.n else 0
        if k == 0:
            return
        pick = self.pool[gen.integers(0, self.pool.size, size=int(k))]
        sim.infect(pick, day, layer=LAYER_IMPORTED if self.imported else LAYER_SEED)


# ---------------------------------------------------------------------------------------------
# Testing
# ---------------------------------------------------------------------------------------------


def _count_wait(sim: Any, agents: np.ndarray, wait: int) -> None:
    """Samples resulted and their days from sampling to result, by area (lab.py)."""
    if agents.size:
        testing.add_by_area(sim.agents.area, agents, sim.world.counts, M_SAMPLES_RESULTED, 1)
        testing.add_by_area(sim.agents.area, agents, sim.world.counts, M_RESULT_WAIT, int(wait))


def _testable(sim: Any, agents: np.ndarray, day: int, metric: int = -1) -> np.ndarray:
    """Those who would be sampled: alive, not already detected, not in isolation (counted by
    area in ``metric`` if >= 0)."""
    ag = sim.agents
    agents = np.asarray(agents, np.int32)
    out = np.empty(agents.size, np.int32)
    k = testing.testable(
        ag.state, ag.area, ag.detected, ag.until, agents, day, out, sim.world.counts, metric
    )
    return out[:k]


class SymptomaticTesting(Intervention):
    """People with symptom onset are tested with probability ``prob``, ``delay`` days after
    onset; results come ``turnaround`` days after sampling."""

    phases = ("testing",)

    def __init__(
        self, *, prob: float = 0.5, delay: int = 2, turnaround: int = 1, **kw: Any
    ) -> None:
        super().__init__(**kw)
        self.prob = _check_fraction(prob, self.label, "prob")
        self.delay = _check_count(delay, self.label, "delay")
        self.turnaround = _check_count(turnaround, self.label, "turnaround")
        self._due: dict[int, list[np.ndarray]] = {}

    def initialize(self, sim: Any) -> None:
        super().initialize(sim)
        self._due = {}  # an instance may serve several runs (ensembles)

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if self.active(day) and self.prob > 0 and sim.onsets_today.size:
            onsets = self.in_scope(sim, sim.onsets_today)
            u = np.random.Generator(np.random.PCG64([int(self.key(sim)), day])).random(onsets.size)
            chosen = onsets[u < self.prob]
            if chosen.size:
                self._due.setdefault(day + self.delay, []).append(chosen)
        due = self._due.pop(day, None)
        if due:
            agents = _testable(sim, np.concatenate(due), day)
            sim.test(
                agents,
                day,
                turnaround=self.turnaround,
                stream=f"test/{self.stream_name}",
                for_symptoms=True,
            )


class RoutineTesting(Intervention):
    """Regular screening of a key group, each member once every ``interval`` days (spread over
    the days), with probability ``coverage`` per round. ``group``: "factory_workers", "workers",
    "pupils" or "everyone" (of the areas). This is how the Kashgar index case was found."""

    phases = ("testing",)
    GROUPS = ("factory_workers", "workers", "pupils", "everyone")

    def __init__(
        self,
        *,
        group: str = "factory_workers",
        interval: int = 7,
        coverage: float = 1.0,
        turnaround: int = 1,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if group not in self.GROUPS:
            raise ConfigError(
                f"unknown group; expected one of {', '.join(self.GROUPS)}",
                key=f"{self.label}.group",
            )
        self.group = group
        self.interval = _check_count(interval, self.label, "interval", 1)
        self.coverage = _check_fraction(coverage, self.label, "coverage")
        self.turnaround = _check_count(turnaround, self.label, "turnaround")

    def initialize(self, sim: Any) -> None:
        super().initialize(sim)
        pop, ag = sim.pop, sim.agents
        if self.group == "factory_workers":
            wp = ag.workplace
            fac = np.asarray(pop.workplace_is_factory, dtype=bool)
            members = np.flatnonzero((wp >= 0) & fac[np.maximum(wp, 0)])
        elif self.group == "workers":
            members = np.flatnonzero(ag.workplace >= 0)
        elif self.group == "pupils":
            members = np.flatnonzero(ag.school >= 0)
        else:
            members = np.arange(sim.n)
        members = self.in_scope(sim, members)
        # Each member's weekday of testing: a fixed draw, so rounds are regular.
        gen = np.random.Generator(np.random.PCG64(int(self.key(sim, "/slot"))))
        slot = gen.integers(0, self.interval, size=members.size)
        order = np.argsort(slot, kind="stable")
        self.members = members[order]
        self.slot_ptr = np.searchsorted(slot[order], np.arange(self.interval + 1))

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if not self.active(day) or self.coverage <= 0:
            return
        s = (day - self.start_day) % self.interval
        agents = self.members[self.slot_ptr[s] : self.slot_ptr[s + 1]]
        if self.coverage < 1:
            gen = np.random.Generator(np.random.PCG64([int(self.key(sim)), day]))
            agents = agents[gen.random(agents.size) < self.coverage]
        agents = _testable(sim, agents, day)
        sim.test(agents, day, turnaround=self.turnaround, stream=f"test/{self.stream_name}")


class MassTesting(Intervention):
    """Rounds of pooled mass testing (Kashgar, October 2020: 4.7 million people in 4-5 days).

    Every ``interval`` days from ``start``, for ``rounds`` rounds, the people of ``areas`` (in
    the order given: the campaign's order of areas) are sampled, ``sampling_per_day`` a day, each
    with probability ``coverage``; samples are pooled ``pool_size`` to a tube; the lab runs up to
    ``lab_tests_per_day`` tests a day, first the individual retests of positive pools (Dorfman
    1943), then pools in sampling order; a result reaches the authority ``turnaround`` days after
    the lab ran it. A pool is positive when its members' summed RNA, diluted ``pool_size``-fold,
    is below the Ct cut-off (the dilution model of ``flareup.pooling.dilution``: Ct + log2 k for a
    single positive; ``dilution`` may give a ``DilutionModel`` whose ``shift_per_doubling`` is
    used). ``pool_size=1`` is individual testing at the same lab capacity.

    With a shared laboratory (``Sim(lab=...)``, scenario ``[sim] lab_tests_per_day``) the
    pools go to it, behind the individual tests of the day, and ``lab_tests_per_day`` and
    ``turnaround`` must be left unset: the lab's capacity and turnaround are everyone's.
    """

    phases = ("testing",)

    def __init__(
        self,
        *,
        rounds: int = 1,
        interval: int = 7,
        pool_size: int = 10,
        sampling_per_day: int = 1_000_000,
        lab_tests_per_day: int | None = None,
        turnaround: int | None = None,
        coverage: float = 1.0,
        dilution: Any = None,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.rounds = _check_count(rounds, self.label, "rounds", 1)
        self.interval = _check_count(interval, self.label, "interval", 1)
        self.pool_size = _check_count(pool_size, self.label, "pool_size", 1)
        self.sampling_per_day = _check_count(sampling_per_day, self.label, "sampling_per_day", 1)
        self.own_capacity = lab_tests_per_day is not None or turnaround is not None
        self.lab_tests_per_day = _check_count(
            100_000 if lab_tests_per_day is None else lab_tests_per_day,
            self.label,
            "lab_tests_per_day",
            1,
        )
        self.turnaround = _check_count(
            1 if turnaround is None else turnaround, self.label, "turnaround"
        )
        self.coverage = _check_fraction(coverage, self.label, "coverage")
        self.shift = float(getattr(dilution, "shift_per_doubling", 1.0)) if dilution else 1.0
        if self.pool_size > 1:
            try:  # the pooling package flags pool sizes beyond laboratory validation
                from flareup.pooling.dilution import warn_if_unvalidated

                warn_if_unvalidated(self.pool_size)
            except ImportError:  # pragma: no cover - pooling is part of flareup
                pass

    def initialize(self, sim: Any) -> None:
        if self.end is None:
            self.end = sim.n_days - 1
        super().initialize(sim)
        if sim.lab is not None and self.own_capacity:
            raise ConfigError(
                "the simulation has a shared laboratory: leave lab_tests_per_day and turnaround "
                "unset here (the lab's capacity and turnaround apply to every test)",
                key=f"{self.label}.lab_tests_per_day",
            )
        # Queue order: areas in the order given (a parent code expands to its children).
        if self.areas is None:
            order = np.arange(len(sim.pop.areas))
        else:
            codes = [self.areas] if isinstance(self.areas, str) else list(self.areas)
            order = np.concatenate(
                [sim.area_indices([c], key=f"{self.label}.areas") for c in codes]
            )
            _, first = np.unique(order, return_index=True)
            order = order[np.sort(first)]
        ptr, idx = sim.layers.area_ptr, sim.layers.area_idx
        self._order_members = [np.asarray(idx[ptr[a] : ptr[a + 1]]) for a in order]
        self._queue = np.empty(0, np.int32)
        self._qpos = 0
        self._lab: deque[list[Any]] = deque()
        self._retests: deque[list[Any]] = deque()
        self.round_days = [self.start_day + r * self.interval for r in range(self.rounds)]
        for d in self.round_days:
            if d >= sim.n_days:
                raise ConfigError(
                    f"round starting on day {d} is outside the simulated period",
                    key=f"{self.label}.rounds",
                )

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if day in self.round_days and self.coverage > 0:
            queue = (
                np.concatenate(self._order_members)
                if self._order_members
                else np.empty(0, np.int32)
            )
            if self.coverage < 1:
                gen = np.random.Generator(np.random.PCG64([int(self.key(sim, "/cover")), day]))
                queue = queue[gen.random(queue.size) < self.coverage]
            self._queue, self._qpos = queue.astype(np.int32), 0
        # Sampling.
        if self._qpos < self._queue.size:
            take = self._queue[self._qpos : self._qpos + self.sampling_per_day]
            self._qpos += take.size
            take = _testable(sim, take, day, M_TESTED_NEW)
            if take.size:
                if sim.lab is not None:
                    key = sim.streams[f"test/{self.stream_name}"]
                    sim.lab.submit(take, day, key, pool_size=self.pool_size, shift=self.shift)
                else:
                    self._lab.append([take, self.pool_size, day, 0])
        if sim.lab is None:
            self._run_lab(sim, day)

    def _run_lab(self, sim: Any, day: int) -> None:
        capacity = self.lab_tests_per_day
        key = sim.streams[f"test/{self.stream_name}"]
        ag, world = sim.agents, sim.world
        for q in (self._retests, self._lab):
            while q and capacity > 0:
                item = q[0]
                agents, k, sample_day, off = item
                n_left = -(-(agents.size - off) // k)
                t = min(n_left, capacity)
                chunk = agents[off : off + t * k]
                item[3] = off + chunk.size
                if item[3] >= agents.size:
                    q.popleft()
                capacity -= t
                pos = testing.pcr_pooled(ag, world, chunk, k, sample_day, key, self.shift)
                # A test is counted where its first sample lives.
                testing.add_by_area(ag.area, chunk[::k], world.counts, M_TESTS_USED, 1)
                wait = day + self.turnaround - sample_day
                if k == 1:
                    sim.report(chunk[pos], day + self.turnaround)
                    _count_wait(sim, chunk, wait)
                else:
                    neg = np.repeat(~pos, k)[: chunk.size]
                    _count_wait(sim, chunk[neg], wait)
                    if pos.any():
                        self._retests.append([chunk[~neg], 1, sample_day, 0])


# ---------------------------------------------------------------------------------------------
# Isolation, tracing, quarantine
# ---------------------------------------------------------------------------------------------


class Isolation(Intervention):
    """Isolate detected people (hospital or designated facility) ``delay`` days after their
    result, with probability ``coverage``, until their infection ends."""

    phases = ("isolation",)

    def __init__(self, *, delay: int = 0, coverage: float = 1.0, **kw: Any) -> None:
        super().__init__(**kw)
        self.delay = _check_count(delay, self.label, "delay")
        self.coverage = _check_fraction(coverage, self.label, "coverage")
        self._due: dict[int, list[np.ndarray]] = {}

    def initialize(self, sim: Any) -> None:
        super().initialize(sim)
        self._due = {}  # an instance may serve several runs (ensembles)

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if self.active(day) and self.coverage > 0 and sim.detected_today.size:
            det = self.in_scope(sim, sim.detected_today)
            if self.coverage < 1:
                u = np.random.Generator(np.random.PCG64([int(self.key(sim)), day])).random(det.size)
                det = det[u < self.coverage]
            if det.size:
                self._due.setdefault(day + self.delay, []).append(det)
        due = self._due.pop(day, None)
        if due:
            sim.isolate(np.concatenate(due), day)


class ContactTracing(Intervention):
    """Trace the contacts of detected people and quarantine them.

    ``delay`` days after detection, the index's contacts of the last ``lookback`` days are
    identified: household, dormitory and small-group (up to ``max_group``) co-members, a sample
    of contacts in large workplaces, schools and the community (Poisson, as transmission drew
    them) and the people the index infected; each with its layer's coverage (``coverage``, or a
    mapping layer -> coverage). With ``contacts_of_contacts``, the household, dormitory and
    small-group co-members of those contacts too. Contacts are quarantined ``quarantine_days``
    and tested on the days of quarantine in ``test_days`` (day 1 = the day of entry), while
    still in that quarantine. The default, days 1, 4, 7 and 14 of a 14-day centralised
    quarantine, is China's schedule for close contacts (Protocol for Prevention and Control of
    COVID-19, National Health Commission, edition 8, May 2021, which wrote down the practice
    of the 2020 outbreaks; edition 7 of September 2020 asked for tests during and at the end of
    quarantine, Zheng et al. 2020 China CDC Weekly 2:902). In Kashgar, 14 infections on
    2020-10-29, 46 on 10-31 and 116 on 11-03 were found among people already in quarantine.
    """

    phases = ("testing", "tracing")

    def __init__(
        self,
        *,
        coverage: float | Mapping[str, float] = 0.8,
        delay: int = 1,
        lookback: int = 4,
        max_group: int = 50,
        contacts_of_contacts: bool = False,
        quarantine_days: int = 14,
        test_days: tuple[int, ...] | list[int] = (1, 4, 7, 14),
        turnaround: int = 1,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        cov = (
            {layer: coverage for layer in LAYERS[:5]}
            if isinstance(coverage, int | float)
            else {**{layer: 0.0 for layer in LAYERS[:5]}, **dict(coverage)}
        )
        for layer, value in cov.items():
            if layer not in LAYERS[:5]:
                raise ConfigError(
                    f"unknown layer; expected one of {', '.join(LAYERS[:5])}",
                    key=f"{self.label}.coverage.{layer}",
                )
            _check_fraction(value, self.label, f"coverage.{layer}")
        self.coverage = np.array([cov[layer] for layer in LAYERS[:5]], dtype=np.float64)
        self.delay = _check_count(delay, self.label, "delay")
        self.lookback = _check_count(lookback, self.label, "lookback")
        self.max_group = _check_count(max_group, self.label, "max_group", 1)
        self.contacts_of_contacts = bool(contacts_of_contacts)
        self.quarantine_days = _check_count(quarantine_days, self.label, "quarantine_days", 1)
        days = list(test_days)
        for d in days:
            if isinstance(d, bool) or not isinstance(d, int | np.integer):
                raise ConfigError(
                    f"expected whole days of quarantine, got {d!r}", key=f"{self.label}.test_days"
                )
            if not 1 <= d <= self.quarantine_days:
                raise ConfigError(
                    f"day {d} is outside the quarantine (days 1 .. {self.quarantine_days})",
                    key=f"{self.label}.test_days",
                )
        self.test_days = sorted({int(d) for d in days})
        self.turnaround = _check_count(turnaround, self.label, "turnaround")
        self._due: dict[int, list[np.ndarray]] = {}
        # Scheduled quarantine tests: day -> [(agents, their quarantine's end)].
        self._tests: dict[int, list[tuple[np.ndarray, int]]] = {}
        self.traced_total = 0

    def initialize(self, sim: Any) -> None:
        super().initialize(sim)
        self._due, self._tests, self.traced_total = {}, {}, 0

    def _test_quarantined(self, sim: Any, day: int) -> None:
        batches = self._tests.pop(day, None)
        if not batches:
            return
        # Still in the same quarantine (not extended, not ended early).
        agents = np.concatenate(
            [a[sim.agents.until[a, U_QUARANTINED] == end] for a, end in batches]
        )
        sim.test(
            _testable(sim, agents, day),
            day,
            turnaround=self.turnaround,
            stream=f"test/{self.stream_name}",
        )

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if phase == "testing":
            self._test_quarantined(sim, day)
            return
        if self.active(day) and sim.detected_today.size and self.coverage.any():
            idx = self.in_scope(sim, sim.detected_today)
            if idx.size:
                self._due.setdefault(day + self.delay, []).append(idx)
        due = self._due.pop(day, None)
        if not due:
            return
        index = np.concatenate(due)
        key = self.key(sim)
        contacts = trace(
            sim.agents,
            sim.layers,
            index,
            day,
            self.lookback,
            self.coverage,
            sim.contacts,
            self.max_group,
            key,
            True,
        )
        if self.contacts_of_contacts and contacts.size:
            second = trace(
                sim.agents,
                sim.layers,
                np.unique(contacts),
                day,
                self.lookback,
                self.coverage,
                sim.contacts,
                self.max_group,
                self.key(sim, "/2"),
                False,
            )
            contacts = np.concatenate([contacts, second])
        contacts = np.unique(contacts)
        if contacts.size == 0:
            return
        new = sim.quarantine(contacts, day, self.quarantine_days)
        self.traced_total += int(new.size)
        if new.size:
            end = day + self.quarantine_days
            for d in self.test_days:
                self._tests.setdefault(day + d - 1, []).append((new, end))
            # Day 1 (entry) is today: tested now, after the day's testing phase.
            self._test_quarantined(sim, day)


#: Interventions by the name a scenario file uses (``[[intervention]] kind = "lockdown"``).
BY_NAME: dict[str, type[Intervention]] = {
    "lockdown": Lockdown,
    "school_closure": SchoolClosure,
    "movement_restriction": MovementRestriction,
    "importation": Importation,
    "symptomatic_testing": SymptomaticTesting,
    "routine_testing": RoutineTesting,
    "mass_testing": MassTesting,
    "isolation": Isolation,
    "contact_tracing": ContactTracing,
}


__all__ = [
    "BY_NAME",
    "DEFAULT_LOCKDOWN",
    "ContactTracing",
    "Importation",
    "Intervention",
    "Isolation",
    "Lockdown",
    "MassTesting",
    "MovementRestriction",
    "RoutineTesting",
    "SchoolClosure",
    "SymptomaticTesting",
]
