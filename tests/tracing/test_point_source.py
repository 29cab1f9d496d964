"""The validation's point source on the current simulator (sim.investigation.PointSource)."""

from __future__ import annotations

import numpy as np

from flareup.sim import Sim
from flareup.sim.interventions import SymptomaticTesting
from flareup.sim.investigation import PointSource, small_town
from flareup.sim.params import Params


def _run(stop: bool) -> tuple[PointSource, Sim]:
    pop = small_town(people=1000)
    wp = int(np.flatnonzero(np.asarray(pop.workplace_size) >= 20)[0])
    ps = PointSource(kind="workplace", group=wp, per_day=2.0, name="source", stop_on_detection=stop)
    sim = Sim(
        pop,
        Params(),
        [ps, SymptomaticTesting(prob=1.0, delay=0, turnaround=0)],
        start_date="2020-10-01",
        n_days=40,
        seed=3,
    )
    sim.run()
    return ps, sim


def test_point_source_infects_its_members_and_closes_on_detection() -> None:
    open_ps, open_sim = _run(False)
    assert open_ps.infected, "a source at 2 a day for 40 days infects someone"
    assert set(a for a, _ in open_ps.infected) <= set(open_ps.members.tolist())
    # infections recorded by the simulator on the days the source drew them
    t_inf = open_sim.agents.column("t_infected")
    assert all(int(t_inf[a]) == d for a, d in open_ps.infected)
    closed, sim = _run(True)
    first = sim.first_detection_day
    assert first is not None
    assert closed.infected and max(d for _, d in closed.infected) <= first
    # the same draws up to the day of the first result
    assert [x for x in open_ps.infected if x[1] <= first] == closed.infected
    assert len(closed.infected) < len(open_ps.infected)
