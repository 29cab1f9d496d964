"""Pooled mass testing: group-testing designs, a dilution-sensitivity model, campaign plans.

Pure: numbers and pandas frames in and out; never touches the registry. Typical use::

    from flareup.pooling import DorfmanDesign, optimal_pool_size, compare_designs
    DorfmanDesign(11).tests_per_person(0.01)        # 0.1956 (Dorfman 1943)
    optimal_pool_size(0.01)                         # 11
    pool_sensitivity(5, se=0.95, model=DilutionModel())   # Se with a log2(5)-cycle Ct shift

References are in each module's docstring and in docs/methods/pooling.md.
"""

from __future__ import annotations

from flareup.pooling.campaign import (
    DAILY_COLUMNS,
    CampaignPlan,
    compare_with_progress,
    derive_swabs_per_team_hour,
    implied_lab_throughput,
    plan_campaign,
)
from flareup.pooling.designs import (
    DEFAULT_MAX_POOL,
    DEFAULT_MIN_RELATIVE_SENSITIVITY,
    FAMILIES,
    ArrayDesign,
    Design,
    DorfmanDesign,
    IndividualDesign,
    ThreeStageDesign,
    candidates,
    compare_designs,
    entropy_bound,
    family_break_even,
    make_design,
    optimal_design,
    optimal_pool_size,
)
from flareup.pooling.dilution import (
    VALIDATED_MAX_POOL,
    CtDistribution,
    DilutionModel,
    UnvalidatedPoolSizeWarning,
    pool_sensitivity,
    pool_sensitivity_from_ct,
)

__all__ = [
    "DAILY_COLUMNS",
    "DEFAULT_MAX_POOL",
    "DEFAULT_MIN_RELATIVE_SENSITIVITY",
    "FAMILIES",
    "VALIDATED_MAX_POOL",
    "ArrayDesign",
    "CampaignPlan",
    "CtDistribution",
    "Design",
    "DilutionModel",
    "DorfmanDesign",
    "IndividualDesign",
    "ThreeStageDesign",
    "UnvalidatedPoolSizeWarning",
    "candidates",
    "compare_designs",
    "compare_with_progress",
    "derive_swabs_per_team_hour",
    "entropy_bound",
    "family_break_even",
    "implied_lab_throughput",
    "make_design",
    "optimal_design",
    "optimal_pool_size",
    "plan_campaign",
    "pool_sensitivity",
    "pool_sensitivity_from_ct",
]
