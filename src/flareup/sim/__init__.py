"""flareup.sim: a fast agent-based simulator of an outbreak and the response to it.

Engine API (contracts.md section 4 gives the population side)::

    from flareup.sim import Sim, Params, interventions as iv
    sim = Sim(pop, Params(), [iv.Lockdown(start="2020-10-27", areas=["653121"])],
              start_date="2020-09-20", n_days=90, seed=1, initial_infections=5)
    res = sim.run()                      # SimResults: counts[run, day, area, metric]
    res.to_dataset(); res.to_frame(); res.summary()
"""

from flareup.sim.params import LAYERS, Params
from flareup.sim.results import SimResults
from flareup.sim.results_idx import ALL_METRICS
from flareup.sim.sim import Sim

__all__ = ["ALL_METRICS", "LAYERS", "Params", "Sim", "SimResults"]
