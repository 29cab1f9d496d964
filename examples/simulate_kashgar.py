"""What if? The Kashgar 2020 scenario beside its no-tracing counterfactual, a few runs each.

Run: ``.venv/bin/python examples/simulate_kashgar.py``. A tenth of the prefecture's population
keeps it quick (the factory keeps its real size at any scale); paired seeds make the two
scenarios' runs differ only by the intervention (common random numbers).
"""

from __future__ import annotations

from flareup.sim.ensemble import run_ensemble
from flareup.sim.scenario import load_scenario


def main() -> None:
    scenarios = [
        load_scenario(name).replace(scale=0.1)
        for name in ("kashgar-2020", "kashgar-2020-no-tracing")
    ]
    ensemble = run_ensemble(scenarios, runs=3, seed=2020, executor="serial")
    print(ensemble.summary().to_string(index=False))


if __name__ == "__main__":
    main()
