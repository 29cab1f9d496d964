"""The laboratory: one RT-PCR capacity and turnaround shared by every kind of test.

Symptomatic, routine, tracing and quarantine tests and the pools and retests of mass testing all
queue for the same machines, so a mass-testing round delays everyone's results when capacity
binds (Kashgar, October 2020: 392,000 tubes a day plus 122,000 brought in for 4.7 million
people). Each day, after the day's sampling (the testing phase of the daily loop), the lab runs
up to ``tests_per_day`` tests: first the individual retests of positive pools (Dorfman 1943: the
same sample, run alone), then the individual samples in the order they came, then the pools in
sampling order, then the retests of pools found positive today. A sample's result reaches the
health authority ``turnaround`` days after the lab runs it (0: the same day, as the Kashgar
bulletins reported results within hours); samples taken later in the day (tracing's entry
tests) run the next day. The RT-PCR itself is that
of :mod:`flareup.sim.testing` on the sample as it was on its sampling day.

Every resulted sample adds to two flows by the area of the person sampled, ``samples_resulted_new``
and ``result_wait_days_new`` (days from sampling to result), so their ratio is the mean wait: the
cost of a lab that cannot keep up (``SimResults`` and :func:`waits`).
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np

from flareup.errors import ConfigError
from flareup.sim import testing
from flareup.sim.results_idx import M_RESULT_WAIT, M_SAMPLES_RESULTED, M_TESTS_USED


class Lab:
    """Shared RT-PCR capacity: ``tests_per_day`` tests (a pool counts once), results
    ``turnaround`` days after the run (0: the same day)."""

    def __init__(self, tests_per_day: int, turnaround: int = 1) -> None:
        if isinstance(tests_per_day, bool) or not isinstance(tests_per_day, int | np.integer):
            raise ConfigError(f"expected a whole number, got {tests_per_day!r}", key="lab")
        if tests_per_day < 1:
            raise ConfigError(f"expected >= 1 test a day, got {tests_per_day}", key="lab")
        if isinstance(turnaround, bool) or not isinstance(turnaround, int) or turnaround < 0:
            raise ConfigError(
                f"expected a turnaround of >= 0 days, got {turnaround!r}", key="lab_turnaround"
            )
        self.tests_per_day = int(tests_per_day)
        self.turnaround = int(turnaround)
        self.reset()

    def reset(self) -> None:
        """Empty queues (an instance may serve several runs)."""
        # Items: [agents, pool size, sampling day, offset, stream key, Ct shift per doubling].
        self._retests: deque[list[Any]] = deque()
        self._single: deque[list[Any]] = deque()
        self._pools: deque[list[Any]] = deque()

    def submit(
        self,
        agents: np.ndarray,
        sample_day: int,
        key: np.uint64,
        *,
        pool_size: int = 1,
        shift: float = 1.0,
    ) -> None:
        """Queue the samples of ``agents`` taken on ``sample_day`` (pooled ``pool_size`` to a
        tube in the order given; ``key``: the random stream of the swabs)."""
        if len(agents) == 0:
            return
        item = [np.asarray(agents, np.int32), int(pool_size), int(sample_day), 0, key, shift]
        (self._single if pool_size == 1 else self._pools).append(item)

    @property
    def backlog(self) -> int:
        """Samples waiting to be run."""
        return int(
            sum(len(q[0]) - q[3] for dq in (self._retests, self._single, self._pools) for q in dq)
        )

    def run(self, sim: Any, day: int) -> None:
        """Run today's tests; positives are reported ``turnaround`` days from now."""
        capacity = self.tests_per_day
        ag, world = sim.agents, sim.world
        due = day + self.turnaround
        for q in (self._retests, self._single, self._pools, self._retests):
            while q and capacity > 0:
                item = q[0]
                agents, k, sample_day, off, key, shift = item
                n_left = -(-(agents.size - off) // k)
                t = min(n_left, capacity)
                chunk = agents[off : off + t * k]
                item[3] = off + chunk.size
                if item[3] >= agents.size:
                    q.popleft()
                capacity -= t
                if k == 1:
                    pos = testing.pcr_individual(ag, world, chunk, sample_day, key)
                    sim.report(chunk[pos], due)
                else:
                    pos = testing.pcr_pooled(ag, world, chunk, k, sample_day, key, shift)
                    if pos.any():
                        # Positive pools' members are retested first, from the same sample.
                        members = chunk[np.repeat(pos, k)[: chunk.size]]
                        self._retests.append([members, 1, sample_day, 0, key, shift])
                # Tests where each pool's first sample lives; each sample's wait once (a
                # positive pool's samples with their retest).
                testing.count_results(
                    ag.area,
                    chunk,
                    k,
                    pos,
                    world.counts,
                    due - sample_day,
                    M_TESTS_USED,
                    M_SAMPLES_RESULTED,
                    M_RESULT_WAIT,
                )


def waits(results: Any, areas: list[str] | None = None) -> Any:
    """Mean days from sampling to result per area over the run (``SimResults``), a frame with
    samples and mean_wait_days by area code."""
    import pandas as pd

    frame = results.to_frame() if hasattr(results, "to_frame") else results
    sub = frame[frame["metric"].isin(["samples_resulted_new", "result_wait_days_new"])]
    table = sub.pivot_table(index="area", columns="metric", values="value", aggfunc="sum")
    out = pd.DataFrame(
        {
            "samples": table.get("samples_resulted_new", 0),
            "mean_wait_days": table.get("result_wait_days_new", 0)
            / table.get("samples_resulted_new", np.nan),
        }
    )
    if areas is not None:
        out = out.reindex(areas)
    return out


__all__ = ["Lab", "waits"]
