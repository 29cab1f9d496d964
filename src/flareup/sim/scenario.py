"""Scenarios: TOML files that say what to simulate, validated strictly before anything runs.

A scenario file has these tables (every key is checked; an unknown key, a value of the wrong
type or unit, a date outside the simulated period or an area the population does not have is a
:class:`flareup.errors.ConfigError` naming the file, the key and what was expected)::

    [scenario]                 # optional: name, description
    [sim]                      # start (date), days (int), seed (int), scale (float in (0, 1]),
                               # initial_infections (int), quarantine_at_home (bool),
                               # lab_tests_per_day (int: one laboratory shared by every test,
                               # sim.lab), lab_turnaround (int days, default 1; 0 = same day),
                               # clinical_assessment_days (int, default 0: a detection is
                               # classified by its symptoms when reported; N >= 1: reported as
                               # asymptomatic, reclassified at a clinical assessment N days on),
                               # quarantine_site_size (int, default 0: the quarantined kept
                               # apart; N >= 2: centralised sites of N people, inside which
                               # [disease] beta_quarantine and contacts_quarantine act)
    [population]               # areas ("kashgar-2020" or a CSV path), root, include (codes),
                               # any PopulationParams value or table file (sim/data/SOURCE.md)
    [disease]                  # overrides of flareup.sim.params.Params (names and units there)
    [[intervention]]           # type = one of INTERVENTION_TYPES, then that class's parameters

Two things are ours, not the engine's: ``sampling_per_day`` and ``lab_tests_per_day`` (of
``[sim]`` or of a campaign) are absolute capacities and are multiplied by ``scale`` (a campaign lasts as many days at 1 % as at
full scale), and ``trigger = "detection"`` (with ``trigger_reference``, ``trigger_delay``) makes an
intervention's planned window start relative to the first detection (:class:`Triggered`).
Every group scales with ``scale``: named workplaces (e.g. ``"shufu-garment-factory"``) too, and an
importation's ``n`` and ``per_day`` (a source infecting a share of a scaled workplace), so a run at
scale s is a population s times as large with the same structure and an outbreak about s times as
large; households and schools keep their real sizes (they are contact groups, not counts).

Bundled scenarios live in ``sim/scenarios/*.toml`` and are found by name.
``build_sim(scenario)`` synthesises the population and hands everything to the engine's
:class:`flareup.sim.Sim`; the mapping layer here is thin on purpose: a parameter of an
``[[intervention]]`` table is the keyword of the engine's class of the same type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import ConfigError, cannot_write
from flareup.rng import stream
from flareup.sim.population import (
    _FILE_FIELDS,
    _SCALARS,
    Population,
    PopulationParams,
    kashgar_areas,
    leaf_areas,
    synthesize,
)

SCENARIO_DIR = Path(__file__).with_name("scenarios")

#: [[intervention]] ``type`` -> class name in flareup.sim.interventions.
INTERVENTION_TYPES: dict[str, str] = {
    "lockdown": "Lockdown",
    "routine_testing": "RoutineTesting",
    "mass_testing": "MassTesting",
    "symptomatic_testing": "SymptomaticTesting",
    "isolation": "Isolation",
    "contact_tracing": "ContactTracing",
    "movement_restriction": "MovementRestriction",
    "importation": "Importation",
}

_TABLES = ("scenario", "sim", "population", "disease", "intervention")
_SIM_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "start": (dt.date, "a date (YYYY-MM-DD, unquoted)"),
    "days": (int, "a whole number of days >= 1"),
    "seed": (int, "a non-negative integer"),
    "scale": ((int, float), "a fraction of the population in (0, 1]"),
    "initial_infections": (int, "a whole number of agents >= 0"),
    "quarantine_at_home": (bool, "true or false"),
    "lab_tests_per_day": (int, "a whole number of tests a day >= 1"),
    "lab_turnaround": (int, "a whole number of days >= 0"),
    "clinical_assessment_days": (int, "a whole number of days >= 0"),
    "quarantine_site_size": (int, "0 or a whole number of people >= 2"),
}
_POP_KEYS = {"areas", "root", "include", "seed", *_SCALARS, *_FILE_FIELDS}
#: Parameters taken as dates, as area lists, as shares in [0, 1] (by name), across interventions.
_DATE_KEYS = {"start", "end", "date", "dates", "round_starts"}
_AREA_KEYS = {"areas", "area", "order", "from_areas", "to_areas", "destination_areas"}


@dataclass(frozen=True)
class InterventionSpec:
    """One ``[[intervention]]`` table: its type, parameters and position in the file."""

    type: str
    params: dict[str, Any]
    index: int  # 1-based position among the file's [[intervention]] tables
    name: str | None = None

    @property
    def key(self) -> str:
        """How errors name it: ``intervention[2] (lockdown)``."""
        return f"intervention[{self.index}] ({self.type})"


@dataclass(frozen=True)
class Scenario:
    """A validated scenario (see the module docstring for the file format)."""

    name: str
    file: str
    start: dt.date
    days: int
    seed: int = 0
    scale: float = 1.0
    initial_infections: int = 0
    quarantine_at_home: bool = False
    lab_tests_per_day: int | None = None
    lab_turnaround: int = 1
    clinical_assessment_days: int = 0
    quarantine_site_size: int = 0
    description: str = ""
    population: dict[str, Any] = field(default_factory=dict)
    disease: dict[str, Any] = field(default_factory=dict)
    interventions: tuple[InterventionSpec, ...] = ()

    @property
    def end(self) -> dt.date:
        """Last simulated day."""
        return self.start + dt.timedelta(days=self.days - 1)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with ``changes`` (e.g. ``seed=``, ``scale=``), validated again."""
        new = dataclasses.replace(self, **changes)
        validate(new)
        return new

    def without(self, *types: str) -> Scenario:
        """A copy without the interventions of the given types (counterfactuals)."""
        return dataclasses.replace(
            self, interventions=tuple(i for i in self.interventions if i.type not in types)
        )


# ----------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------


def list_scenarios() -> pd.DataFrame:
    """Bundled scenarios: name, description, file."""
    rows = []
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            meta = tomllib.load(fh).get("scenario", {})
        rows.append(
            {
                "name": path.stem,
                "description": str(meta.get("description", "")).strip(),
                "file": str(path),
            }
        )
    return pd.DataFrame(rows, columns=["name", "description", "file"])


def scenario_path(path_or_name: str | Path) -> Path:
    """The file of a scenario given by path or by bundled name."""
    p = Path(path_or_name)
    if p.suffix == ".toml" or p.exists():
        if not p.exists():
            raise ConfigError("no such scenario file", file=str(p))
        return p
    bundled = SCENARIO_DIR / f"{path_or_name}.toml"
    if not bundled.exists():
        names = ", ".join(list_scenarios()["name"])
        raise ConfigError(
            f"no bundled scenario {str(path_or_name)!r}; bundled: {names}", file=str(path_or_name)
        )
    return bundled


def load_scenario(path_or_name: str | Path) -> Scenario:
    """Read and validate a scenario file (or a bundled scenario by name)."""
    path = scenario_path(path_or_name)
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path)
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from None
    return parse_scenario(raw, file=str(path), name=path.stem)


def parse_scenario(
    raw: dict[str, Any], *, file: str = "<scenario>", name: str = "scenario"
) -> Scenario:
    """Build and validate a :class:`Scenario` from the parsed TOML mapping ``raw``."""
    for key in raw:
        if key not in _TABLES:
            raise ConfigError(f"unknown table; expected {', '.join(_TABLES)}", file=file, key=key)
    meta = _table(raw, "scenario", file)
    for key in meta:
        if key not in ("name", "description"):
            raise ConfigError(
                "unknown key; expected name, description", file=file, key=f"scenario.{key}"
            )
    sim = _table(raw, "sim", file)
    for key, value in sim.items():
        if key not in _SIM_KEYS:
            raise ConfigError(
                f"unknown key; expected one of {', '.join(_SIM_KEYS)}", file=file, key=f"sim.{key}"
            )
        typ, expected = _SIM_KEYS[key]
        if not _is_type(value, typ):
            raise ConfigError(f"expected {expected}, got {value!r}", file=file, key=f"sim.{key}")
    for key in ("start", "days"):
        if key not in sim:
            raise ConfigError(f"missing; expected {_SIM_KEYS[key][1]}", file=file, key=f"sim.{key}")
    population = _table(raw, "population", file)
    disease = _table(raw, "disease", file)
    items = raw.get("intervention", [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ConfigError("expected [[intervention]] tables", file=file, key="intervention")
    specs = []
    for i, item in enumerate(items, start=1):
        item = dict(item)
        typ = item.pop("type", None)
        if typ not in INTERVENTION_TYPES:
            raise ConfigError(
                f"expected type = one of {', '.join(INTERVENTION_TYPES)}, got {typ!r}",
                file=file,
                key=f"intervention[{i}].type",
            )
        specs.append(InterventionSpec(type=typ, params=item, index=i, name=item.get("name")))
    scenario = Scenario(
        name=str(meta.get("name", name)),
        file=file,
        start=sim["start"],
        days=sim["days"],
        seed=sim.get("seed", 0),
        scale=float(sim.get("scale", 1.0)),
        initial_infections=sim.get("initial_infections", 0),
        quarantine_at_home=sim.get("quarantine_at_home", False),
        lab_tests_per_day=sim.get("lab_tests_per_day"),
        lab_turnaround=sim.get("lab_turnaround", 1),
        clinical_assessment_days=sim.get("clinical_assessment_days", 0),
        quarantine_site_size=sim.get("quarantine_site_size", 0),
        description=str(meta.get("description", "")).strip(),
        population=population,
        disease=disease,
        interventions=tuple(specs),
    )
    validate(scenario)
    return scenario


def _table(raw: dict[str, Any], name: str, file: str) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"expected a [{name}] table", file=file, key=name)
    return dict(value)


def _is_type(value: Any, typ: type | tuple[type, ...]) -> bool:
    types = typ if isinstance(typ, tuple) else (typ,)
    if isinstance(value, bool) and bool not in types:
        return False  # TOML true is not a number
    if isinstance(value, dt.datetime) and dt.datetime not in types:
        return False  # a date, not a date-time
    return isinstance(value, types)


# ----------------------------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------------------------


def validate(sc: Scenario) -> None:
    """Check everything that can be checked before the run (raises ConfigError)."""
    file = sc.file
    if sc.days < 1:
        raise ConfigError(
            f"expected a whole number of days >= 1, got {sc.days}", file=file, key="sim.days"
        )
    if sc.seed < 0:
        raise ConfigError(
            f"expected a non-negative integer, got {sc.seed}", file=file, key="sim.seed"
        )
    if not 0.0 < sc.scale <= 1.0:
        raise ConfigError(
            f"expected a fraction of the population in (0, 1], got {sc.scale}",
            file=file,
            key="sim.scale",
        )
    if sc.lab_tests_per_day is not None and sc.lab_tests_per_day < 1:
        raise ConfigError(
            f"expected >= 1 test a day, got {sc.lab_tests_per_day}",
            file=file,
            key="sim.lab_tests_per_day",
        )
    if sc.lab_turnaround < 0:
        raise ConfigError(
            f"expected >= 0 days, got {sc.lab_turnaround}", file=file, key="sim.lab_turnaround"
        )
    if sc.clinical_assessment_days < 0:
        raise ConfigError(
            f"expected >= 0 days, got {sc.clinical_assessment_days}",
            file=file,
            key="sim.clinical_assessment_days",
        )
    if sc.quarantine_site_size < 0 or sc.quarantine_site_size == 1:
        raise ConfigError(
            f"expected 0 (no shared sites) or >= 2 people, got {sc.quarantine_site_size}",
            file=file,
            key="sim.quarantine_site_size",
        )
    if sc.lab_tests_per_day is not None:
        for spec in sc.interventions:
            for k in ("lab_tests_per_day", "turnaround"):
                if spec.type == "mass_testing" and k in spec.params:
                    raise ConfigError(
                        "sim.lab_tests_per_day sets one laboratory for every test: leave the "
                        "campaign's capacity and turnaround unset",
                        file=file,
                        key=f"{spec.key}.{k}",
                    )
    if sc.initial_infections < 0:
        raise ConfigError(
            "expected a whole number of agents >= 0", file=file, key="sim.initial_infections"
        )
    params = population_params(sc)
    areas = scenario_areas(sc, params)
    _check_disease(sc)
    for spec in sc.interventions:
        _check_intervention(sc, spec, areas, params)


def population_params(sc: Scenario) -> PopulationParams:
    """The PopulationParams of a scenario's [population] table (files relative to the scenario)."""
    pop = sc.population
    for key in pop:
        if key not in _POP_KEYS:
            raise ConfigError(
                f"unknown key; expected one of {', '.join(sorted(_POP_KEYS))}",
                file=sc.file,
                key=f"population.{key}",
            )
    overrides: dict[str, Any] = {}
    for key, value in pop.items():
        if key in _FILE_FIELDS:
            if not isinstance(value, str):
                raise ConfigError(
                    "expected a path to a CSV file", file=sc.file, key=f"population.{key}"
                )
            overrides[key] = _relative(value, sc.file)
        elif key in _SCALARS:
            typ = _SCALARS[key]
            ok = _is_type(value, (int, float)) if typ is float else _is_type(value, int)
            if not ok:
                raise ConfigError(
                    f"expected {'a number' if typ is float else 'an integer'}, got {value!r}",
                    file=sc.file,
                    key=f"population.{key}",
                )
            overrides[key] = typ(value)
    try:
        params = PopulationParams.load(**overrides)
    except ConfigError as exc:
        raise ConfigError(
            exc.reason,
            file=exc.file or sc.file,
            key=f"population.{exc.key}" if exc.key else "population",
        ) from None
    try:
        params.check()
    except ConfigError as exc:
        raise ConfigError(exc.reason, file=sc.file, key=f"population.{exc.key}") from None
    return params


def _relative(value: str, file: str) -> Path:
    p = Path(value)
    if not p.is_absolute() and Path(file).exists():
        p = Path(file).parent / p
    if not p.exists():
        raise ConfigError(f"no such file {str(p)!r}", file=file)
    return p


def scenario_areas(sc: Scenario, params: PopulationParams | None = None) -> pd.DataFrame:
    """Leaf areas the scenario's population will have (code, name, parent_code, population...)."""
    params = params or population_params(sc)
    pop = sc.population
    source = pop.get("areas", "kashgar-2020")
    include = pop.get("include", [])
    root = pop.get("root")
    if not isinstance(source, str):
        raise ConfigError(
            "expected 'kashgar-2020' or a path to an areas CSV",
            file=sc.file,
            key="population.areas",
        )
    if not (isinstance(include, list) and all(isinstance(c, str) for c in include)):
        raise ConfigError(
            "expected a list of area codes (strings)", file=sc.file, key="population.include"
        )
    if root is not None and not isinstance(root, str):
        raise ConfigError("expected an area code (string)", file=sc.file, key="population.root")
    try:
        if source == "kashgar-2020":
            if root not in (None, "653100"):
                raise ConfigError("kashgar-2020 areas have root 653100", key="root")
            areas = _kashgar(params, tuple(include))
        else:
            path = _relative(source, sc.file)
            table = pd.read_csv(path, dtype={"code": str, "parent_code": str})
            areas = leaf_areas(table, params, root=root, include=tuple(include))
    except ConfigError as exc:
        raise ConfigError(
            exc.reason, file=sc.file, key=f"population.{exc.key or 'areas'}"
        ) from None
    return areas


def _kashgar(params: PopulationParams, include: tuple[str, ...]) -> pd.DataFrame:
    akto = "653022" in include
    rest = tuple(c for c in include if c != "653022")
    if rest:
        raise ConfigError(
            f"only 653022 (Akto) can be added to kashgar-2020, got {rest}", key="include"
        )
    return kashgar_areas(params, include_akto=akto)


def _check_disease(sc: Scenario) -> None:
    from flareup.sim.params import Params

    fields = {f.name: f for f in dataclasses.fields(Params)}
    changes: dict[str, Any] = {}
    for key, value in sc.disease.items():
        if key not in fields:
            raise ConfigError(
                f"unknown disease parameter; known: {', '.join(sorted(fields))}",
                file=sc.file,
                key=f"disease.{key}",
            )
        default = fields[key].default
        unit = fields[key].metadata.get("unit", "")
        if isinstance(default, tuple):
            if not (
                isinstance(value, list)
                and len(value) == len(default)
                and all(_is_type(v, (int, float)) for v in value)
            ):
                raise ConfigError(
                    f"expected a list of {len(default)} numbers ({unit})",
                    file=sc.file,
                    key=f"disease.{key}",
                )
            changes[key] = tuple(float(v) for v in value)
        else:
            if not _is_type(value, (int, float)):
                raise ConfigError(
                    f"expected a number ({unit}), got {value!r}", file=sc.file, key=f"disease.{key}"
                )
            changes[key] = float(value)
    try:
        Params().replace(**changes)
    except ConfigError as exc:
        raise ConfigError(exc.reason, file=sc.file, key=f"disease.{exc.key}") from None


def disease_params(sc: Scenario) -> Any:
    """The engine's Params with the scenario's [disease] overrides."""
    from flareup.sim.params import Params

    changes = {
        k: (tuple(float(x) for x in v) if isinstance(v, list) else float(v))
        for k, v in sc.disease.items()
    }
    return Params().replace(**changes)


@lru_cache(maxsize=1)
def _interventions_module() -> Any:
    return importlib.import_module("flareup.sim.interventions")


def intervention_class(type_: str) -> Any:
    """The engine's class for an [[intervention]] ``type``."""
    return getattr(_interventions_module(), INTERVENTION_TYPES[type_])


def _check_intervention(
    sc: Scenario, spec: InterventionSpec, areas: pd.DataFrame, params: PopulationParams
) -> None:
    key = spec.key
    cls = intervention_class(spec.type)
    accepted = _accepted_parameters(cls)
    for pname, value in spec.params.items():
        if pname in _TRIGGER_KEYS:
            _check_trigger(sc, spec, pname, value)
            continue
        if pname not in accepted:
            raise ConfigError(
                f"unknown parameter for {spec.type}; expected one of "
                f"{', '.join(sorted([*accepted, *_TRIGGER_KEYS]))}",
                file=sc.file,
                key=f"{key}.{pname}",
            )
        _check_value(sc, spec, pname, value, accepted[pname], areas, params)
    missing = [
        n
        for n, p in accepted.items()
        if p.default is inspect.Parameter.empty and n not in spec.params
    ]
    if missing:
        raise ConfigError(f"missing required parameter(s) {missing}", file=sc.file, key=key)
    start = spec.params.get("start")
    end = spec.params.get("end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        raise ConfigError(f"end {end} is before start {start}", file=sc.file, key=f"{key}.end")
    rounds, interval = spec.params.get("rounds"), spec.params.get("interval")
    if isinstance(start, dt.date) and isinstance(rounds, int) and isinstance(interval, int):
        last = start + dt.timedelta(days=(rounds - 1) * interval)
        if last > sc.end:
            raise ConfigError(
                f"round {rounds} would start on {last}, after the simulated period ends ({sc.end})",
                file=sc.file,
                key=f"{key}.rounds",
            )
    if "trigger_delay" in spec.params and "trigger" not in spec.params:
        raise ConfigError(
            'trigger_delay needs trigger = "detection"', file=sc.file, key=f"{key}.trigger_delay"
        )
    try:  # the engine's own checks (ranges, units) before the run
        cls(**_engine_kwargs(spec, sc.scale))
    except ConfigError as exc:
        raise ConfigError(exc.reason, file=sc.file, key=_engine_key(spec, exc.key)) from None
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc), file=sc.file, key=key) from None


def _engine_key(spec: InterventionSpec, key: str | None) -> str:
    """The engine names keys ``<Class or name>.<param>``; name them by the file's table."""
    if not key:
        return spec.key
    for prefix in (spec.name, INTERVENTION_TYPES[spec.type]):
        if prefix and key.startswith(f"{prefix}."):
            key = key[len(prefix) + 1 :]
            break
    return f"{spec.key}.{key}"


def _accepted_parameters(cls: Any) -> dict[str, inspect.Parameter]:
    """Keyword parameters of ``cls`` and of its bases reached through ``**kw``."""
    out: dict[str, inspect.Parameter] = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        params = inspect.signature(init).parameters
        for n, p in params.items():
            if n != "self" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
                out.setdefault(n, p)
        if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            break
    return out


def _check_trigger(sc: Scenario, spec: InterventionSpec, pname: str, value: Any) -> None:
    key = f"{spec.key}.{pname}"
    if pname == "trigger" and value != "detection":
        raise ConfigError(f'expected trigger = "detection", got {value!r}', file=sc.file, key=key)
    if pname == "trigger_delay" and not (_is_type(value, int) and value >= 0):
        raise ConfigError(
            f"expected a whole number of days >= 0, got {value!r}", file=sc.file, key=key
        )
    if pname == "trigger_reference":
        if not _is_type(value, dt.date):
            raise ConfigError(f"expected a date, got {value!r}", file=sc.file, key=key)
        if not sc.start <= value <= sc.end:
            raise ConfigError(
                f"{value} is outside the simulated period {sc.start} to {sc.end}",
                file=sc.file,
                key=key,
            )


def _check_value(
    sc: Scenario,
    spec: InterventionSpec,
    pname: str,
    value: Any,
    param: inspect.Parameter,
    areas: pd.DataFrame,
    params: PopulationParams,
) -> None:
    key = f"{spec.key}.{pname}"
    if pname in _DATE_KEYS or isinstance(value, dt.date):
        dates = value if isinstance(value, list) else [value]
        for d in dates:
            if not _is_type(d, dt.date):
                raise ConfigError(
                    f"expected a date (YYYY-MM-DD, unquoted), got {d!r}", file=sc.file, key=key
                )
            if not sc.start <= d <= sc.end:
                raise ConfigError(
                    f"{d} is outside the simulated period {sc.start} to {sc.end}",
                    file=sc.file,
                    key=key,
                )
        return
    if pname in _AREA_KEYS:
        codes = value if isinstance(value, list) else [value]
        known = (
            set(areas["code"].astype(str))
            | set(areas["name"].astype(str))
            | {str(p) for p in areas["parent_code"] if p is not None}
        )
        for c in codes:
            if not isinstance(c, str):
                raise ConfigError(
                    f"expected area codes as strings, got {c!r}", file=sc.file, key=key
                )
            if c not in known:
                raise ConfigError(
                    f"area {c!r} is not in the population (expected a code or "
                    f"parent code of the {len(areas)} simulated areas)",
                    file=sc.file,
                    key=key,
                )
        return
    if isinstance(value, dict) and "Mapping" in str(param.annotation):
        return  # a per-layer table (lockdown layers, tracing coverage): the engine checks it
    if pname == "workplace" and isinstance(value, str):
        names = {w.name for w in params.named_workplaces}
        if value not in names:
            raise ConfigError(
                f"no named workplace {value!r}; expected one of "
                f"{sorted(names)} (population named_workplace)",
                file=sc.file,
                key=key,
            )
        return
    default = param.default
    if default is not inspect.Parameter.empty and default is not None:
        want: tuple[type, ...]
        if isinstance(default, bool):
            want = (bool,)
        elif isinstance(default, float):
            want = (int, float)
        elif isinstance(default, int):
            want = (int,)
        elif isinstance(default, str):
            want = (str,)
        elif isinstance(default, tuple | list):
            want = (list,)
        else:
            return
        if not _is_type(value, want):
            raise ConfigError(
                f"expected {_type_words(want)} like the default {default!r}, got {value!r}",
                file=sc.file,
                key=key,
            )
    if _is_share(pname) and _is_type(value, (int, float)) and not 0.0 <= value <= 1.0:
        raise ConfigError(
            f"expected a share between 0 and 1 (not a percentage), got {value!r}",
            file=sc.file,
            key=key,
        )
    if _is_type(value, (int, float)) and value < 0:
        raise ConfigError(f"expected a non-negative value, got {value!r}", file=sc.file, key=key)


def _is_share(name: str) -> bool:
    return (
        name in {"coverage", "sensitivity", "compliance", "share", "probability", "prob"}
        or name.endswith(("_coverage", "_share", "_prob", "_probability", "_sensitivity"))
        or name.startswith("p_")
    )


def _type_words(types: tuple[type, ...]) -> str:
    words = {
        bool: "true/false",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
    }
    if types == (int, float):
        return "a number"
    return " or ".join(words.get(t, t.__name__) for t in types)


# ----------------------------------------------------------------------------------------------
# Building the engine's objects
# ----------------------------------------------------------------------------------------------


#: Absolute capacities (people or tests a day) that shrink with the simulated population, so a
#: campaign takes as many days at scale 0.1 as at full scale.
SCALED_CAPACITIES = ("sampling_per_day", "lab_tests_per_day")
_TRIGGER_KEYS = ("trigger", "trigger_delay", "trigger_reference")


def _engine_kwargs(spec: InterventionSpec, scale: float = 1.0) -> dict[str, Any]:
    """Keyword arguments of the engine class (capacities scaled; trigger keys are ours)."""
    out: dict[str, Any] = {}
    for k, v in spec.params.items():
        if k in _TRIGGER_KEYS:
            continue
        if k in SCALED_CAPACITIES and _is_type(v, int):
            v = max(1, int(np.ceil(v * scale)))
        elif spec.type == "importation" and scale != 1.0:
            if k == "per_day" and _is_type(v, (int, float)):
                v = float(v) * scale
            elif k == "n" and _is_type(v, int) and v > 0:
                v = max(1, round(v * scale))
        out[k] = v
    return out


class Triggered:
    """An engine intervention whose window starts when the outbreak is first detected.

    The file's dates are the plan *as if* the first detection had been on
    ``trigger_reference`` (default: the intervention's ``start``); on the day after the first
    new detection (confirmed or asymptomatic, anywhere) the window, and the rounds of a mass
    testing campaign, shift by (detection day + ``trigger_delay`` - reference day). It keeps
    the wrapped intervention's name, so its random stream is the same as unwrapped.
    """

    def __init__(self, inner: Any, reference: dt.date, delay: int = 0) -> None:
        self.inner = inner
        self.reference = reference
        self.delay = int(delay)
        self.phases = inner.phases
        self.name = getattr(inner, "name", None) or type(inner).__name__

    @property
    def stream_name(self) -> str:
        return str(self.inner.stream_name)

    @stream_name.setter
    def stream_name(self, value: str) -> None:
        self.inner.stream_name = value

    def initialize(self, sim: Any) -> None:
        from flareup.sim.results_idx import (
            M_ASYMPTOMATIC_NEW,
            M_CONFIRMED_NEW,
            M_RECLASSIFIED_NEW,
        )

        self.inner.initialize(sim)
        self.ref_day = sim.day_of(self.reference, "trigger_reference")
        self.fired_day: int | None = None
        self._m = (M_CONFIRMED_NEW, M_RECLASSIFIED_NEW, M_ASYMPTOMATIC_NEW)

    def _check(self, sim: Any, day: int) -> None:
        if self.fired_day is not None or day == 0:
            return
        c, r, a = self._m
        rec = sim.results[day - 1]
        if int(rec[:, c].sum() - rec[:, r].sum() + rec[:, a].sum()) <= 0:
            return
        self.fired_day = day - 1
        shift = (day - 1) + self.delay - self.ref_day
        inner = self.inner
        inner.start_day += shift
        inner.end_day += shift
        if hasattr(inner, "round_days"):
            inner.round_days = [max(d + shift, day) for d in inner.round_days]

    def apply(self, sim: Any, day: int, phase: str) -> None:
        self._check(sim, day)
        if self.fired_day is not None:
            self.inner.apply(sim, day, phase)


def build_interventions(sc: Scenario, population: Population | None = None) -> list[Any]:
    """The engine's intervention objects, in file order (``trigger``: wrapped in
    :class:`Triggered`)."""
    out = []
    for spec in sc.interventions:
        cls = intervention_class(spec.type)
        try:
            obj = cls(**_engine_kwargs(spec, sc.scale))
        except ConfigError as exc:
            raise ConfigError(exc.reason, file=sc.file, key=_engine_key(spec, exc.key)) from None
        if spec.params.get("trigger") == "detection":
            ref = spec.params.get("trigger_reference", spec.params.get("start", sc.start))
            obj = Triggered(obj, ref, spec.params.get("trigger_delay", 0))
        out.append(obj)
    return out


_POP_CACHE: dict[tuple[Any, ...], Population] = {}


def build_population(sc: Scenario, *, cache: bool = True) -> Population:
    """Synthesise the scenario's population (seeded by the scenario seed's "population" stream).

    The population is part of the scenario, not of a run: every run of an ensemble shares it
    (common random numbers), and it is cached per process.
    """
    key = (sc.file, repr(sorted(sc.population.items())), sc.scale, sc.seed)
    if cache and key in _POP_CACHE:
        return _POP_CACHE[key]
    params = population_params(sc)
    areas = scenario_areas(sc, params)
    pop_seed = sc.population.get("seed")
    gen = stream(int(pop_seed) if pop_seed is not None else sc.seed, "population")
    pop = synthesize(areas, params, seed=gen, scale=sc.scale)
    if cache:
        _POP_CACHE.clear()  # one at a time: a full-scale population is ~100 MB
        _POP_CACHE[key] = pop
    return pop


def build_sim(
    sc: Scenario | str | Path, *, seed: Any = None, population: Population | None = None
) -> Any:
    """An engine :class:`flareup.sim.Sim` for the scenario (``seed`` overrides the run seed)."""
    from flareup.sim import Sim

    if not isinstance(sc, Scenario):
        sc = load_scenario(sc)
    pop = population if population is not None else build_population(sc)
    run_seed = sc.seed if seed is None else seed
    if isinstance(run_seed, np.random.SeedSequence):
        # The engine wants an int seed; a spawned SeedSequence gives one reproducibly.
        run_seed = int(run_seed.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
    return Sim(
        pop,
        disease_params(sc),
        build_interventions(sc, pop),
        start_date=sc.start,
        n_days=sc.days,
        seed=int(run_seed),
        initial_infections=sc.initial_infections,
        quarantine_at_home=sc.quarantine_at_home,
        lab=build_lab(sc),
        clinical_assessment_days=sc.clinical_assessment_days,
        quarantine_site_size=sc.quarantine_site_size,
    )


def build_lab(sc: Scenario) -> Any:
    """The scenario's shared laboratory (``[sim] lab_tests_per_day``, scaled), or None."""
    if sc.lab_tests_per_day is None:
        return None
    from flareup.sim.lab import Lab

    return Lab(max(1, int(np.ceil(sc.lab_tests_per_day * sc.scale))), sc.lab_turnaround)


# ----------------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------------


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int | np.integer):
        return str(int(v))
    if isinstance(v, float | np.floating):
        return repr(float(v))
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise ConfigError(f"cannot write {type(v).__name__} to TOML", key=str(v))


def scenario_to_toml(sc: Scenario, header: str = "") -> str:
    """The scenario as a scenario file (``header``: comment lines put first); loading it gives
    the same scenario (files it names are written as absolute paths)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ["", "[scenario]", f"name = {_toml_value(sc.name)}"]
    if sc.description:
        lines.append(f"description = {_toml_value(sc.description)}")
    lines += ["", "[sim]", f"start = {sc.start.isoformat()}", f"days = {sc.days}"]
    lines += [f"seed = {sc.seed}", f"scale = {_toml_value(float(sc.scale))}"]
    if sc.initial_infections:
        lines.append(f"initial_infections = {sc.initial_infections}")
    if sc.quarantine_at_home:
        lines.append("quarantine_at_home = true")
    if sc.lab_tests_per_day is not None:
        lines.append(f"lab_tests_per_day = {sc.lab_tests_per_day}")
        lines.append(f"lab_turnaround = {sc.lab_turnaround}")
    if sc.clinical_assessment_days:
        lines.append(f"clinical_assessment_days = {sc.clinical_assessment_days}")
    if sc.quarantine_site_size:
        lines.append(f"quarantine_site_size = {sc.quarantine_site_size}")
    lines += ["", "[population]"]
    for k, v in sc.population.items():
        if k in _FILE_FIELDS or (k == "areas" and v != "kashgar-2020"):
            v = str(_relative(str(v), sc.file).resolve())
        lines.append(f"{k} = {_toml_value(v)}")
    lines += ["", "[disease]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in sc.disease.items()]
    for spec in sc.interventions:
        lines += ["", "[[intervention]]", f"type = {_toml_value(spec.type)}"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in spec.params.items()]
    return "\n".join(lines) + "\n"


def save_scenario(sc: Scenario, path: str | Path, header: str = "") -> Path:
    """Write ``sc`` to ``path`` (checked by loading it back before the file is replaced)."""
    path = Path(path)
    if path.suffix != ".toml":
        raise ConfigError("expected a file name ending .toml", file=str(path))
    text = scenario_to_toml(sc, header)
    parse_scenario(tomllib.loads(text), file=str(path), name=path.stem)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text)
        tmp.replace(path)
    except OSError as exc:
        raise ConfigError(cannot_write(exc, path), file=str(path)) from None
    return path
