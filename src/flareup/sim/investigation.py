"""What an investigation team would have recorded from a simulated outbreak.

The simulator knows who infected whom, where and when; an investigation team knows much less.
:func:`investigation_records` turns a finished run into the registry's tables as a team would
have filled them, so that :mod:`flareup.tracing` can be measured against the truth:

* **cases** — every detected infection: pseudonymous id, area, report date (the day the
  positive result came back), onset where symptoms began by then (a share of onsets recalled
  wrongly by 1-3 days), confirmed/asymptomatic, imported;
* **settings** — the households, workplaces (factories), schools and dormitories of the cases,
  the markets they visited and any cold-chain lot;
* **contacts** — the people the simulated tracing team quarantined (from the run's own
  quarantine record), each linked to the case it was most likely traced from (same household,
  dormitory, workplace or school; a quarantined housemate for a contact of a contact; else a
  community contact of a case of the same area), with its quarantine dates; plus the rosters of
  the factories, schools and cold-chain lots where cases were, and the market visitors found
  from records (investigators list everyone exposed there). A share ``missing`` of the
  non-case contacts is not recorded at all, and contact dates are wrong for a share
  ``wrong_dates``;
* **exposures** — each recorded person's settings with dates: households, workplaces, schools
  and dormitories over the 14 days before onset (else report), market visits on the visit days;
  community contacts appear as market exposures (settings, not names);
* **samples** — environmental samples at the true source (workshop surfaces, toilets, stall
  surfaces, cold-chain packaging: positive with probability ``p_positive_source``) and at
  decoys (other settings with cases: ``p_positive_decoy``).

Ids are pseudonyms (``C0001`` for cases in order of report, ``P000001`` for others, drawn in
a random order): no agent index, name or number leaves the simulator.

:class:`PointSource` is an intervention for the validation runs: a contaminated site (a factory
workshop, a school, a market stall, a cold-chain lot) that infects the people present on its
active days. :class:`QuarantineLog` is a read-only analyzer of who was in quarantine when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import ConfigError
from flareup.sim.analyzers import Analyzer, TransmissionTree
from flareup.sim.interventions import Importation, Intervention
from flareup.sim.people import LAYER_IMPORTED, U_QUARANTINED

SOURCE_KINDS = ("workplace", "school", "dormitory", "market", "cold_chain_lot")
TABLES = ("settings", "cases", "contacts", "exposures", "samples")


class PointSource(Intervention):
    """A contaminated site that infects people present on its active days (``start``..``end``).

    ``kind``: ``workplace``, ``school`` or ``dormitory`` (``group``: its id; Poisson(``per_day``)
    of its members a day), ``cold_chain_lot`` (in workplace ``group``; a share ``handlers`` of
    its workers handle the lot; Poisson(``per_day``) of them a day) or ``market`` (in area
    ``area``: ``n_visitors`` residents each visit on a day with probability ``visit_prob``, from
    the start of the run to its end; each visitor on an active day is infected with probability
    ``per_visit``). With ``per_day = per_visit = 0`` it is a decoy: visited, never infectious.
    ``stop_on_detection``: the site is closed once the run's first result is reported, as
    :class:`flareup.sim.interventions.Importation` (default off: the validation's sources stay
    active for their whole window whatever is found, so they are comparable between runs).
    """

    phases = ("import",)

    def __init__(
        self,
        *,
        kind: str,
        group: int | None = None,
        area: str | None = None,
        per_day: float = 0.0,
        per_visit: float = 0.0,
        n_visitors: int = 500,
        visit_prob: float = 0.2,
        handlers: float = 0.5,
        setting_name: str | None = None,
        stop_on_detection: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if kind not in SOURCE_KINDS:
            raise ConfigError(
                f"unknown kind; expected one of {', '.join(SOURCE_KINDS)}", key=f"{self.label}.kind"
            )
        self.kind = kind
        self.group = group
        self.area = area
        self.per_day = float(per_day)
        self.per_visit = float(per_visit)
        self.n_visitors = int(n_visitors)
        self.visit_prob = float(visit_prob)
        self.handlers = float(handlers)
        self.setting_name = setting_name or self.label
        self.stop_on_detection = bool(stop_on_detection)
        self.infected: list[tuple[int, int]] = []

    def initialize(self, sim: Any) -> None:
        super().initialize(sim)
        gen = np.random.Generator(np.random.PCG64([int(self.key(sim, "/members")), 0]))
        pop = sim.pop
        if self.kind == "market":
            if self.area is None:
                raise ConfigError("a market needs an area", key=f"{self.label}.area")
            home = np.flatnonzero(sim.agents.area == pop.area_index(self.area))
            k = min(self.n_visitors, home.size)
            self.members = np.sort(gen.choice(home, size=k, replace=False))
            self.visits = gen.random((k, sim.n_days)) < self.visit_prob
        else:
            layer = "workplace" if self.kind == "cold_chain_lot" else self.kind
            ptr, idx = pop.members(layer)
            if self.group is None or not 0 <= self.group < len(ptr) - 1:
                raise ConfigError(f"no {layer} {self.group!r}", key=f"{self.label}.group")
            members = np.asarray(idx[ptr[self.group] : ptr[self.group + 1]])
            if self.kind == "cold_chain_lot":
                members = members[gen.random(members.size) < self.handlers]
            self.members = members
            # the roster is present every working day of the active window
            self.visits = np.zeros((members.size, sim.n_days), dtype=bool)
            self.visits[:, self.start_day : self.end_day + 1] = True
        self.infected = []

    def apply(self, sim: Any, day: int, phase: str) -> None:
        if not self.active(day) or self.members.size == 0:
            return
        if self.stop_on_detection and sim.first_detection_day is not None:
            return  # closed: the import phase comes before today's results
        gen = np.random.Generator(np.random.PCG64([int(self.key(sim)), day]))
        present = self.members[self.visits[:, day]]
        if self.kind == "market":
            pick = present[gen.random(present.size) < self.per_visit]
        else:
            k = gen.poisson(self.per_day) if self.per_day > 0 else 0
            pick = (
                present[gen.integers(0, present.size, size=k)]
                if k and present.size
                else present[:0]
            )
        if len(pick):
            new = sim.infect(np.unique(np.asarray(pick)), day, layer=LAYER_IMPORTED)
            self.infected.extend((int(a), day) for a in new)


class QuarantineLog(Analyzer):
    """Who entered quarantine on which day and until when (``frame``: agent, start, until; one
    row per quarantine episode; an extension keeps the start and moves ``until``)."""

    def initialize(self, sim: Any) -> None:
        self._prev = np.zeros(sim.n, dtype=np.int32)
        self._rows: list[pd.DataFrame] = []
        self.frame = pd.DataFrame(columns=["agent", "start", "until"])

    def apply(self, sim: Any, day: int) -> None:
        until = sim.agents.until[:, U_QUARANTINED]
        changed = np.flatnonzero(until != self._prev)
        if changed.size:
            new = changed[until[changed] > day]
            fresh = new[self._prev[new] <= day]  # not in quarantine yesterday: a new episode
            self._rows.append(
                pd.DataFrame({"agent": new, "start": day, "until": until[new], "new": False})
            )
            if fresh.size:
                self._rows[-1].loc[np.isin(new, fresh), "new"] = True
            self._prev[changed] = until[changed]

    def finalize(self, sim: Any) -> None:
        if not self._rows:
            return
        f = pd.concat(self._rows, ignore_index=True)
        f["episode"] = f.groupby("agent")["new"].cumsum()
        g = f.groupby(["agent", "episode"], as_index=False)
        self.frame = g.agg(start=("start", "min"), until=("until", "last"))[
            ["agent", "start", "until"]
        ]


@dataclass(frozen=True)
class Recall:
    """How imperfect the records are: ``missing`` non-case contacts not recorded, ``wrong_dates``
    onsets and contact dates off by 1-3 days, ``visitor_records`` market visitors found from
    records, sample positivity at the source and at decoys, the sensitivity of the screening
    of workplaces and schools where a case was."""

    missing: float = 0.3
    wrong_dates: float = 0.1
    visitor_records: float = 0.8
    p_positive_source: float = 0.5
    p_positive_decoy: float = 0.05
    samples_source: int = 6
    samples_decoy: int = 3
    lookback_days: int = 14
    screen_sensitivity: float = 0.8


@dataclass
class Investigation:
    """The recorded tables (registry column names) and the truth they were drawn from."""

    tables: dict[str, pd.DataFrame]
    #: setting ids of the true point sources
    true_sources: list[str]
    #: per case id: the true cluster (component of the transmission tree, a point source's
    #: infections sharing one root)
    true_clusters: pd.Series
    #: per recorded contact id: the simulator's quarantine (start, end dates, inclusive)
    quarantine_truth: pd.DataFrame
    pseudonyms: pd.Series = field(repr=False)

    def write(self, directory: str | Path) -> dict[str, Path]:
        """Write ``settings.csv``, ``cases.csv``, ``contacts.csv``, ``exposures.csv``,
        ``samples.csv`` (import in that order) and a README; returns the paths."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        for name in TABLES:
            p = out / f"{name}.csv"
            df = self.tables[name].copy()
            for c in df.columns:
                if pd.api.types.is_datetime64_any_dtype(df[c]):
                    df[c] = df[c].dt.strftime("%Y-%m-%d")
            df.to_csv(p, index=False)
            paths[name] = p
        readme = out / "README.md"
        readme.write_text(
            "# A simulated investigation (flareup.sim.investigation)\n\n"
            "Synthetic records: pseudonymous ids, no real person. Import in this order with\n"
            "`flareup import KIND FILE`: settings, cases, contacts, exposures, samples (the\n"
            "areas must already be in the registry).\n\n"
            f"- cases: {len(self.tables['cases'])}\n"
            f"- contacts: {len(self.tables['contacts'])}\n"
            f"- settings: {len(self.tables['settings'])}\n"
            f"- exposures: {len(self.tables['exposures'])}\n"
            f"- samples: {len(self.tables['samples'])}\n",
            encoding="utf-8",
        )
        paths["readme"] = readme
        return paths


def _date(start: dt.date, day: np.ndarray | pd.Series) -> pd.Series:
    d = np.asarray(day, dtype=np.int64)
    base = np.datetime64(start, "D")
    out = np.where(d >= 0, base + d.astype("timedelta64[D]"), np.datetime64("NaT"))
    return pd.Series(pd.to_datetime(out))


def _true_clusters(tree: pd.DataFrame, sources: dict[int, int]) -> pd.Series:
    """Root per infected agent; a point source's infections (``sources``: agent -> source
    number) share the root ``-1 - source``."""
    parent = pd.Series(tree["from"].to_numpy(dtype=float), index=tree["to"].to_numpy())
    root = pd.Series(tree["to"].to_numpy(), index=tree["to"].to_numpy(), dtype=np.int64)
    src = pd.Series(sources, dtype=np.int64)
    cur = parent.copy()
    for _ in range(len(tree) + 1):
        has = cur.notna()
        if not has.any():
            break
        root[has] = cur[has].astype(np.int64)
        cur = cur.map(parent).where(has)
    in_src = root.isin(src.index)
    root[in_src] = -1 - root[in_src].map(src)
    return root


def investigation_records(
    sim: Any,
    tree: TransmissionTree,
    qlog: QuarantineLog,
    *,
    recall: Recall | None = None,
    seed: int = 0,
) -> Investigation:
    """The tables an investigation team would have recorded from the finished ``sim``."""
    rc = recall or Recall()
    rng = np.random.default_rng([seed, 20201024])
    ag, pop = sim.agents, sim.pop
    start = sim.start_date
    last_day = sim.day
    codes = pop.areas["code"].astype(str).to_numpy()

    # ---- cases -----------------------------------------------------------------------------
    det = np.asarray(ag.detected).astype(np.int64)
    # roster screening (应检尽检): everyone in a workplace or school where a detected case was
    # is tested the day after that case's report; an infection of the 21 days before is found
    # with probability ``screen_sensitivity`` (once: no cascade)
    det = det.copy()
    t_inf = ag.column("t_infected").astype(np.int64)
    found = np.flatnonzero(det >= 0)
    for layer_name in ("workplace", "school"):
        gl = np.asarray(pop.workplace if layer_name == "workplace" else pop.school)
        g_case = pd.Series(det[found], index=found).groupby(gl[found]).min()
        g_case = g_case[g_case.index >= 0]
        if g_case.empty:
            continue
        ptr, idx = pop.members(layer_name)
        for gid, first_det in g_case.items():
            day = int(first_det) + 1
            if day > last_day:
                continue
            g0 = int(gid)  # type: ignore[call-overload]
            mem = np.asarray(idx[ptr[g0] : ptr[g0 + 1]])
            pos = (
                (det[mem] < 0) & (t_inf[mem] >= 0) & (t_inf[mem] <= day) & (t_inf[mem] >= day - 21)
            )
            hit = mem[pos & (rng.random(mem.size) < rc.screen_sensitivity)]
            det[hit] = day
    case_agents = np.flatnonzero(det >= 0)
    case_agents = case_agents[np.lexsort((case_agents, det[case_agents]))]
    n_cases = case_agents.size
    width = max(4, len(str(n_cases)))
    pseud = pd.Series(
        [f"C{i + 1:0{width}d}" for i in range(n_cases)], index=case_agents, dtype=object
    )
    t_sym = ag.column("t_symptom")[case_agents].astype(np.int64)
    rep_day = det[case_agents].astype(np.int64)
    onset_day = np.where((t_sym >= 0) & (t_sym <= rep_day), t_sym, -1)
    wrong = (rng.random(n_cases) < rc.wrong_dates) & (onset_day >= 0)
    shift = rng.integers(1, 4, n_cases) * rng.choice([-1, 1], n_cases)
    onset_day = np.where(wrong, np.clip(onset_day + shift, 0, rep_day), onset_day)
    layer = ag.layer[case_agents]
    cases = pd.DataFrame(
        {
            "id": pseud.to_numpy(),
            "location": codes[ag.area[case_agents]],
            "date_onset": _date(start, onset_day),
            "date_reporting": _date(start, rep_day),
            "classification": np.where(onset_day >= 0, "confirmed", "asymptomatic"),
            "imported": layer == LAYER_IMPORTED,
        }
    )
    # a point source's infections are local (the site is in the area), not imported cases
    ps_list = [iv for iv in sim.interventions if isinstance(iv, PointSource)]
    ps_infected = {a for iv in ps_list for a, _ in iv.infected}
    imp_wp = [
        iv for iv in sim.interventions if isinstance(iv, Importation) and iv.workplace is not None
    ]
    if ps_infected:
        cases.loc[np.isin(case_agents, list(ps_infected)), "imported"] = False
    ref_day = np.where(onset_day >= 0, onset_day, rep_day)

    # ---- settings ---------------------------------------------------------------------------
    kinds_of = {"household": "household", "dormitory": "dormitory", "school": "school"}
    settings: list[dict[str, Any]] = []
    sid: dict[tuple[str, int], str] = {}
    counters: dict[str, int] = {}
    prefix = {
        "household": "H",
        "workplace": "W",
        "school": "S",
        "dormitory": "D",
        "market": "M",
        "cold_chain_lot": "L",
    }

    def setting_id(layer: str, gid: int, kind: str, area: int, name: str | None = None) -> str:
        key = (layer, gid)
        if key not in sid:
            counters[layer] = counters.get(layer, 0) + 1
            sid[key] = f"{prefix[layer]}{counters[layer]:04d}"
            settings.append(
                {"id": sid[key], "kind": kind, "area": codes[area], "name": name, "note": None}
            )
        return sid[key]

    wp_names = {v: k for k, v in (getattr(pop, "workplace_names", {}) or {}).items()}
    group_of = {
        "household": np.asarray(pop.household),
        "dormitory": np.asarray(pop.dormitory),
        "workplace": np.asarray(pop.workplace),
        "school": np.asarray(pop.school),
    }
    # point sources and decoys first, so their ids are stable
    venue_sid: dict[int, str] = {}
    true_sources: list[str] = []
    source_num: dict[int, int] = {}
    for k, iv in enumerate(ps_list):
        if iv.kind == "market":
            s = setting_id("market", k, "market", pop.area_index(iv.area), iv.setting_name)
        elif iv.kind == "cold_chain_lot":
            s = setting_id(
                "cold_chain_lot",
                k,
                "cold_chain_lot",
                int(pop.workplace_area[iv.group]),
                iv.setting_name,
            )
        else:
            layer_name = iv.kind
            area = int(ag.area[iv.members[0]]) if iv.members.size else 0
            kind = (
                ("factory" if pop.workplace_is_factory[iv.group] else "other")
                if layer_name == "workplace"
                else kinds_of[layer_name]
            )
            s = setting_id(layer_name, int(iv.group or 0), kind, area, iv.setting_name)
        venue_sid[k] = s
        if iv.infected:
            true_sources.append(s)
            for a, _ in iv.infected:
                source_num[a] = k
    seeds = tree.frame
    for j, imp in enumerate(imp_wp):
        wp = imp.pool
        wid = int(pop.workplace[wp[0]])
        s = setting_id(
            "workplace",
            wid,
            "factory" if pop.workplace_is_factory[wid] else "other",
            int(pop.workplace_area[wid]),
            wp_names.get(wid),
        )
        true_sources.append(s)
        seeded = seeds[seeds["from"].isna() & seeds["to"].isin(wp)]
        for a in seeded["to"]:
            source_num[int(a)] = len(ps_list) + j
    # the cases' own settings
    for layer_name in ("household", "dormitory", "workplace", "school"):
        g = group_of[layer_name][case_agents]
        for a, gid in zip(case_agents.tolist(), g.tolist(), strict=True):
            if gid < 0:
                continue
            if layer_name == "workplace":
                kind = "factory" if pop.workplace_is_factory[gid] else "other"
                area = int(pop.workplace_area[gid])
            else:
                kind = kinds_of[layer_name]
                area = int(ag.area[a])
            setting_id(
                layer_name,
                int(gid),
                kind,
                area,
                wp_names.get(int(gid)) if layer_name == "workplace" else None,
            )

    # ---- contacts: the simulator's quarantines, each traced from a likely index --------------
    q = qlog.frame.copy()
    q = q[q["start"] <= last_day]
    q = q.sort_values(["agent", "start"]).drop_duplicates("agent", keep="first")
    case_det = pd.DataFrame({"case": case_agents, "det": rep_day})
    assigned: list[pd.DataFrame] = []
    todo = q[["agent", "start", "until"]].rename(columns={"start": "q"})
    types = {
        "household": "household",
        "dormitory": "other",
        "workplace": "work",
        "school": "school",
    }
    for layer_name in ("household", "dormitory", "workplace", "school"):
        if todo.empty:
            break
        gl = group_of[layer_name]
        t = todo.assign(g=gl[todo["agent"].to_numpy()])
        t = t[t["g"] >= 0]
        c = case_det.assign(g=gl[case_det["case"].to_numpy()])
        c = c[c["g"] >= 0]
        m = t.merge(c, on="g")
        m = m[(m["det"] <= m["q"]) & (m["det"] >= m["q"] - 14) & (m["case"] != m["agent"])]
        m = m.sort_values(["agent", "det"]).drop_duplicates("agent", keep="last")
        if len(m):
            assigned.append(
                pd.DataFrame(
                    {
                        "agent": m["agent"],
                        "from_agent": m["case"],
                        "type": types[layer_name],
                        "last": m["det"],
                        "q": m["q"],
                        "until": m["until"],
                    }
                )
            )
            todo = todo[~todo["agent"].isin(m["agent"])]
    first = pd.concat(assigned, ignore_index=True) if assigned else pd.DataFrame()
    if not todo.empty and len(first):
        # contacts of contacts: a housemate quarantined as a contact on or before that day
        hh = group_of["household"]
        t = todo.assign(g=hh[todo["agent"].to_numpy()])
        f = first.assign(g=hh[first["agent"].to_numpy()])[["agent", "g", "q"]].rename(
            columns={"agent": "from_agent", "q": "fq"}
        )
        m = t.merge(f, on="g")
        m = m[(m["fq"] <= m["q"]) & (m["from_agent"] != m["agent"])]
        m = m.drop_duplicates("agent", keep="first")
        if len(m):
            assigned.append(
                pd.DataFrame(
                    {
                        "agent": m["agent"],
                        "from_agent": m["from_agent"],
                        "type": "household",
                        "last": m["q"],
                        "q": m["q"],
                        "until": m["until"],
                    }
                )
            )
            todo = todo[~todo["agent"].isin(m["agent"])]
    if not todo.empty and n_cases:
        # community contacts: traced from a case of the same area reported by then
        t = todo.assign(area=ag.area[todo["agent"].to_numpy()])
        c = case_det.assign(area=ag.area[case_det["case"].to_numpy()])
        m = t.merge(c, on="area")
        m = m[(m["det"] <= m["q"]) & (m["case"] != m["agent"])]
        m = m.sort_values(["agent", "det"]).drop_duplicates("agent", keep="last")
        if len(m):
            assigned.append(
                pd.DataFrame(
                    {
                        "agent": m["agent"],
                        "from_agent": m["case"],
                        "type": "community",
                        "last": m["det"],
                        "q": m["q"],
                        "until": m["until"],
                    }
                )
            )
    traced = (
        pd.concat(assigned, ignore_index=True)
        if assigned
        else pd.DataFrame(columns=["agent", "from_agent", "type", "last", "q", "until"])
    )
    traced["last"] = np.minimum(traced["last"].astype(np.int64), traced["q"].astype(np.int64))

    # rosters of factories, schools, lots with cases; market visitors found from records
    roster: list[pd.DataFrame] = []
    case_set = set(case_agents.tolist())
    rep_of = pd.Series(rep_day, index=case_agents)
    for layer_name, kind_types in (("workplace", "work"), ("school", "school")):
        gl = group_of[layer_name]
        cg = pd.Series(gl[case_agents], index=case_agents)
        cg = cg[cg >= 0]
        ptr, idx = pop.members(layer_name)
        for gid, members_cases in cg.groupby(cg):
            first_case = int(rep_of[members_cases.index].idxmin())  # type: ignore[call-overload]
            mem = np.asarray(idx[ptr[int(gid)] : ptr[int(gid) + 1]])
            # the cases among them were found by screening, not named as contacts
            mem = mem[~np.isin(mem, case_agents)]
            roster.append(
                pd.DataFrame(
                    {
                        "agent": mem,
                        "from_agent": first_case,
                        "type": kind_types,
                        "last": int(rep_of[first_case]),
                        "q": -1,
                        "until": -1,
                    }
                )
            )
    visits: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for k, iv in enumerate(ps_list):
        s = venue_sid[k]
        mem = iv.members
        keep = np.ones(mem.size, dtype=bool)
        if iv.kind == "market":
            keep = rng.random(mem.size) < rc.visitor_records
            keep |= np.isin(mem, case_agents)  # cases are asked where they went
        visits[s] = (mem[keep], iv.visits[keep])
        if iv.kind in ("cold_chain_lot", "market"):
            cases_here = [a for a in mem[keep] if a in case_set]
            if cases_here:
                first_case = int(rep_of[cases_here].idxmin())  # type: ignore[call-overload]
                roster.append(
                    pd.DataFrame(
                        {
                            "agent": mem[keep][~np.isin(mem[keep], case_agents)],
                            "from_agent": first_case,
                            "type": "work" if iv.kind == "cold_chain_lot" else "community",
                            "last": int(rep_of[first_case]),
                            "q": -1,
                            "until": -1,
                        }
                    )
                )
    contacts_all = pd.concat([traced, *roster], ignore_index=True)
    contacts_all = contacts_all[contacts_all["agent"] != contacts_all["from_agent"]]
    # a person quarantined by the simulated team keeps that record over a roster line
    contacts_all = contacts_all.drop_duplicates(["agent"], keep="first")
    # recall: a share of the non-case contacts is not recorded at all
    is_case = contacts_all["agent"].isin(case_set).to_numpy()
    lost = (rng.random(len(contacts_all)) < rc.missing) & ~is_case
    contacts_all = contacts_all[~lost].reset_index(drop=True)
    # a contact of a contact whose own index went unrecorded was never traced either
    for _ in range(3):
        known = case_set | set(contacts_all["agent"].tolist())
        contacts_all = contacts_all[contacts_all["from_agent"].isin(known)].reset_index(drop=True)

    # pseudonyms for non-case people, in a random order
    others = np.setdiff1d(contacts_all["agent"].to_numpy(dtype=np.int64), case_agents)
    perm = rng.permutation(others.size)
    pw = max(6, len(str(others.size)))
    pseud = pd.concat(
        [
            pseud,
            pd.Series([f"P{i + 1:0{pw}d}" for i in perm], index=others, dtype=object),
        ]
    )
    n = len(contacts_all)
    wrong = rng.random(n) < rc.wrong_dates
    shift = rng.integers(1, 4, n) * rng.choice([-1, 1], n)
    last = contacts_all["last"].to_numpy(dtype=np.int64)
    last = np.where(wrong, np.clip(last + shift, 0, last_day), last)
    qd = contacts_all["q"].to_numpy(dtype=np.int64)
    until = contacts_all["until"].to_numpy(dtype=np.int64)
    contacts = pd.DataFrame(
        {
            "from": contacts_all["from_agent"].map(pseud).to_numpy(),
            "to": contacts_all["agent"].map(pseud).to_numpy(),
            "type": contacts_all["type"].to_numpy(),
            "date_last_exposure": _date(start, last),
            "date_quarantine_start": _date(start, qd),
            "date_quarantine_end": _date(start, np.where(until >= 0, until - 1, -1)),
        }
    )
    # the registry takes one contact per (from, to) and no onset-style future dates
    contacts = contacts.drop_duplicates(["from", "to"]).reset_index(drop=True)
    sim_end = pd.Timestamp(sim.date_of(last_day))
    contacts.loc[contacts["date_quarantine_start"] > sim_end, "date_quarantine_start"] = pd.NaT
    qtruth = pd.DataFrame(
        {
            "id": contacts_all["agent"].map(pseud).to_numpy(),
            "start": _date(start, qd),
            "end": _date(start, np.where(until >= 0, until - 1, -1)),
        }
    ).dropna()

    # ---- exposures --------------------------------------------------------------------------
    people = np.concatenate([case_agents, others]).astype(np.int64)
    ref = pd.Series(
        np.concatenate([ref_day, np.full(others.size, -1)]), index=people, dtype=np.int64
    )
    span_lo = int(ref_day.min()) - rc.lookback_days if n_cases else 0
    span_hi = int(rep_day.max()) if n_cases else 0
    rows: list[pd.DataFrame] = []
    for layer_name in ("household", "dormitory", "workplace", "school"):
        gl = group_of[layer_name][people]
        keys = [sid.get((layer_name, int(g))) for g in gl]
        ok = np.array([k is not None for k in keys], dtype=bool)
        r = ref.to_numpy()
        lo = np.where(r >= 0, r - rc.lookback_days, span_lo)
        hi = np.where(r >= 0, r, span_hi)
        rows.append(
            pd.DataFrame(
                {
                    "agent": people[ok],
                    "setting_id": np.array(keys, dtype=object)[ok],
                    "lo": lo[ok],
                    "hi": hi[ok],
                }
            )
        )
    person_set = pd.Index(people)
    for sv, (mem, vis) in visits.items():
        inrec = person_set.get_indexer(pd.Index(mem)) >= 0
        for a, v in zip(mem[inrec], vis[inrec], strict=True):
            rd = int(ref.get(a, -1))
            lo_d, hi_d = (rd - rc.lookback_days, rd) if rd >= 0 else (span_lo, span_hi)
            days = np.flatnonzero(v[max(lo_d, 0) : max(hi_d, 0) + 1]) + max(lo_d, 0)
            if days.size:
                rows.append(
                    pd.DataFrame(
                        {"agent": [a], "setting_id": [sv], "lo": [days[0]], "hi": [days[-1]]}
                    )
                )
    ex = pd.concat(rows, ignore_index=True).drop_duplicates(["agent", "setting_id"])
    ex["lo"] = np.clip(ex["lo"].to_numpy(dtype=np.int64), 0, last_day)
    ex["hi"] = np.clip(ex["hi"].to_numpy(dtype=np.int64), 0, last_day)
    exposures = pd.DataFrame(
        {
            "case_id": ex["agent"].map(pseud).to_numpy(),
            "setting_id": ex["setting_id"].to_numpy(),
            "date_start": _date(start, ex["lo"]),
            "date_end": _date(start, ex["hi"]),
        }
    )

    # ---- samples ----------------------------------------------------------------------------
    settings_df = pd.DataFrame(settings)
    case_ids = set(cases["id"])
    per_setting = exposures[exposures["case_id"].isin(case_ids)].groupby("setting_id").size()
    first_rep = int(rep_day.min()) if n_cases else 0
    sample_rows: list[dict[str, Any]] = []
    stype = {
        "factory": ("workshop surface", "toilet", "warehouse"),
        "other": ("workshop surface", "toilet"),
        "school": ("classroom surface", "toilet"),
        "market": ("stall surface", "drain"),
        "cold_chain_lot": ("outer packaging", "inner packaging"),
        "dormitory": ("room surface", "toilet"),
    }
    for srow in settings_df.itertuples(index=False):
        if srow.kind == "household":
            continue
        is_true = srow.id in true_sources
        if not is_true and per_setting.get(srow.id, 0) < 2 and srow.id not in venue_sid.values():
            continue
        k = rc.samples_source if is_true else rc.samples_decoy
        p = rc.p_positive_source if is_true else rc.p_positive_decoy
        kinds_types = stype.get(str(srow.kind), ("surface",))
        for j in range(k):
            d = min(first_rep + 1 + j % 3, last_day)
            sample_rows.append(
                {
                    "setting_id": srow.id,
                    "date": sim.date_of(d),
                    "result": "positive" if rng.random() < p else "negative",
                    "sample_type": kinds_types[j % len(kinds_types)],
                    "note": None,
                }
            )
    samples = pd.DataFrame(
        sample_rows, columns=["setting_id", "date", "result", "sample_type", "note"]
    )
    samples["date"] = pd.to_datetime(samples["date"])

    truth = _true_clusters(tree.frame, source_num)
    true_clusters = pd.Series(
        truth.reindex(case_agents).to_numpy(), index=cases["id"].to_numpy(), name="true_cluster"
    )
    return Investigation(
        tables={
            "settings": settings_df,
            "cases": cases,
            "contacts": contacts,
            "exposures": exposures,
            "samples": samples,
        },
        true_sources=true_sources,
        true_clusters=true_clusters,
        quarantine_truth=qtruth,
        pseudonyms=pseud,
    )


# ---------------------------------------------------------------------------------------------
# Validation outbreaks: a small town with one true source and decoys
# ---------------------------------------------------------------------------------------------

#: The true sources the validation draws from (tests/tracing/test_validation.py).
VALIDATION_SOURCES = ("factory", "market", "cold_chain_lot", "school")


def small_town(seed: int = 1, people: int = 4000) -> Any:
    """A synthetic two-area town (about ``2 * people`` agents) with factories, schools and
    dormitories, synthesised with the simulator's own population model."""
    from flareup.sim.population import PopulationParams, synthesize

    areas = pd.DataFrame(
        {
            "code": ["659901", "659902"],
            "name": ["North", "South"],
            "parent_code": [None, None],
            "population": [people, people],
            "lat": [39.40, 39.45],
            "lon": [75.90, 75.95],
        }
    )
    return synthesize(areas, PopulationParams.load(), seed=seed)


def outbreak_with_source(
    source: str,
    *,
    seed: int,
    population: Any = None,
    recall: Recall | None = None,
    n_days: int = 60,
) -> tuple[Investigation, Any]:
    """Simulate an outbreak in :func:`small_town` from one true ``source`` (one of
    :data:`VALIDATION_SOURCES`), with two decoy markets and a few sporadic infections elsewhere,
    symptomatic testing, isolation and contact tracing (contacts of contacts, 14 days); return
    the investigation records and the finished sim."""
    from flareup.sim import Sim
    from flareup.sim.interventions import ContactTracing, Isolation, SymptomaticTesting
    from flareup.sim.params import Params

    if source not in VALIDATION_SOURCES:
        raise ConfigError(
            f"unknown source; expected one of {', '.join(VALIDATION_SOURCES)}", key="source"
        )
    pop = population if population is not None else small_town()
    gen = np.random.default_rng([seed, 7])
    sizes = np.asarray(pop.workplace_size)
    factories = np.flatnonzero(np.asarray(pop.workplace_is_factory))
    window: dict[str, Any] = {"start": "2020-10-01", "end": "2020-10-10"}
    ivs: list[Any] = []
    if source == "factory":
        wp = int(gen.choice(factories))
        ivs.append(PointSource(kind="workplace", group=wp, per_day=0.8, name="source", **window))
    elif source == "school":
        sch_sizes = np.bincount(pop.school[pop.school >= 0], minlength=pop.n_schools)
        big = np.flatnonzero(sch_sizes >= 100)
        sch = int(gen.choice(big if big.size else np.arange(pop.n_schools)))
        ivs.append(PointSource(kind="school", group=sch, per_day=0.8, name="source", **window))
    elif source == "cold_chain_lot":
        mid = np.flatnonzero((sizes >= 40) & (sizes <= 300))
        wp = int(gen.choice(mid if mid.size else np.arange(pop.n_workplaces)))
        ivs.append(
            PointSource(
                kind="cold_chain_lot", group=wp, per_day=0.8, handlers=0.4, name="source", **window
            )
        )
    else:
        area = str(pop.areas["code"][int(gen.integers(0, 2))])
        ivs.append(
            PointSource(
                kind="market",
                area=area,
                n_visitors=600,
                visit_prob=0.15,
                per_visit=0.03,
                name="source",
                **window,
            )
        )
    for i, code in enumerate(pop.areas["code"].astype(str)):
        ivs.append(
            PointSource(
                kind="market", area=code, n_visitors=600, visit_prob=0.15, name=f"decoy-{i}"
            )
        )
    ivs += [
        SymptomaticTesting(prob=0.6, delay=2),
        Isolation(),
        ContactTracing(coverage=0.8, contacts_of_contacts=True, delay=1),
    ]
    tree, qlog = TransmissionTree(), QuarantineLog()
    sim = Sim(
        pop,
        Params(),
        ivs,
        start_date="2020-09-20",
        n_days=n_days,
        seed=seed,
        analyzers=[tree, qlog],
        initial_infections=3,
    )
    sim.run()
    return investigation_records(sim, tree, qlog, recall=recall, seed=seed), sim


__all__ = [
    "SOURCE_KINDS",
    "VALIDATION_SOURCES",
    "Investigation",
    "PointSource",
    "QuarantineLog",
    "Recall",
    "investigation_records",
    "outbreak_with_source",
    "simulate_investigation",
    "small_town",
]


def simulate_investigation(
    scenario: Any,
    *,
    seed: int | None = None,
    recall: Recall | None = None,
) -> Investigation:
    """Run one simulation of a scenario (a :class:`flareup.sim.scenario.Scenario`, a bundled
    name or a TOML file) and return what its investigation team would have recorded."""
    from flareup.sim.scenario import Scenario, build_sim, load_scenario

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    sim = build_sim(sc, seed=seed)
    tree, qlog = TransmissionTree(), QuarantineLog()
    sim.analyzers = [*sim.analyzers, tree, qlog]
    sim.run()
    return investigation_records(
        sim, tree, qlog, recall=recall, seed=sc.seed if seed is None else seed
    )
