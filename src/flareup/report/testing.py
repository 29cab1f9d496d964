"""Mass testing against plan: the Kashgar 2020 round-1 campaign planned from its reported
resources (plans A and B) and laid beside the reported progress in the registry.

Pure planning lives in :mod:`flareup.pooling`; this module only reads the progress and the
people targeted from the registry and hands them over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from flareup.errors import InputError
from flareup.pooling import (
    CampaignPlan,
    compare_with_progress,
    derive_swabs_per_team_hour,
    plan_campaign,
)
from flareup.report.queries import campaign_progress

if TYPE_CHECKING:
    from flareup.registry import Registry


@dataclass(frozen=True)
class KashgarRound1:
    """Resources of round 1 (facts.md): the rest of the plan's inputs are stated assumptions."""

    area: str = "653100"
    start: str = "2020-10-24T14:00"  # "the afternoon of 2020-10-24" (Beijing time)
    teams: int = 4110
    pool_size: int = 5
    lab_tubes_per_day: int = 392_000
    hours_per_day: int = 14  # assumed sampling window 08:00-22:00
    day_start_hour: int = 8
    turnaround_hours: int = 6  # assumed: extraction + RT-PCR + reporting
    # "as reported" scenario: 602 sampling groups the first afternoon (ycwb.com, 25 Oct 08:00),
    # all 4,110 from 08:00 on the 25th (assumed time); 122,000 tubes a day brought in, counted
    # from 00:00 on the 26th (facts.md gives the amount, not the time: assumed).
    first_teams: int = 602
    all_teams_from: str = "2020-10-25T08:00"
    extra_tubes_per_day: int = 122_000
    extra_from: str = "2020-10-26T00:00"


KASHGAR = KashgarRound1()


@dataclass
class PlansVsProgress:
    """Campaign plans (by name) beside the reported progress of one area.

    ``comparison`` is tidy: ``plan, timestamp, area, reported_sampled, plan_sampled,
    reported_results_out, plan_results_out`` (one row per reported progress point and plan).
    """

    area: str
    people: int
    positives: int
    prevalence: float
    progress: pd.DataFrame
    plans: dict[str, CampaignPlan]
    swabs_per_team_hour: dict[str, float]
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    resources: KashgarRound1 = KASHGAR


def kashgar_round1_plans(reg: Registry, k: KashgarRound1 = KASHGAR) -> PlansVsProgress:
    """Plans A and B of Kashgar round 1 fitted to, and laid beside, the reported progress.

    Plan A uses the stated resources throughout; plan B what the reports add (602 teams the
    first afternoon, 122,000 extra tubes a day). Both fit swabs per team-hour to the sampled
    counts by least squares (:func:`flareup.pooling.derive_swabs_per_team_hour`).
    """
    progress = campaign_progress(reg, campaign_round=1)
    top = progress[progress["area"].astype(str) == k.area]
    if top.empty:
        raise InputError(
            f"the registry holds no round-1 campaign progress for {k.area}; "
            "import a campaigns file (or run flareup demo)",
            field="--area",
        )
    people = int(top["people_targeted"].dropna().max())
    positives = int(progress["positives_new"].fillna(0).sum())
    p = positives / people
    area = pd.DataFrame({"code": [k.area], "population": [people]})
    scenarios: dict[str, tuple[Any, Any]] = {
        "A": (k.teams, k.lab_tubes_per_day),
        "B": (
            [(None, k.first_teams), (k.all_teams_from, k.teams)],
            [
                (None, k.lab_tubes_per_day),
                (k.extra_from, k.lab_tubes_per_day + k.extra_tubes_per_day),
            ],
        ),
    }
    plans: dict[str, CampaignPlan] = {}
    rates: dict[str, float] = {}
    for name, (teams, lab) in scenarios.items():
        rates[name] = derive_swabs_per_team_hour(
            top,
            start=k.start,
            teams=teams,
            population=people,
            hours_per_day=k.hours_per_day,
            day_start_hour=k.day_start_hour,
        )
        plans[name] = plan_campaign(
            area,
            start=k.start,
            teams=teams,
            swabs_per_team_hour=rates[name],
            lab_tubes_per_day=lab,
            turnaround_hours=k.turnaround_hours,
            pool_size=k.pool_size,
            prevalence=p,
            hours_per_day=k.hours_per_day,
            day_start_hour=k.day_start_hour,
        )
    cmp = pd.concat(
        [compare_with_progress(plan, top).assign(plan=name) for name, plan in plans.items()],
        ignore_index=True,
    )
    return PlansVsProgress(
        area=k.area,
        people=people,
        positives=positives,
        prevalence=p,
        progress=top.reset_index(drop=True),
        plans=plans,
        swabs_per_team_hour=rates,
        comparison=cmp,
        resources=k,
    )


__all__ = ["KASHGAR", "KashgarRound1", "PlansVsProgress", "kashgar_round1_plans"]
