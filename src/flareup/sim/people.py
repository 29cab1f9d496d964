"""Agent state as a struct of arrays (one numpy array per attribute, one entry per agent).

The arrays travel into the numba kernels as one :class:`Agents` named tuple, so a kernel's
signature stays the same whatever the population (one compilation, cached on disk).

State codes (``state``): susceptible, exposed, presymptomatic, asymptomatic, mild, severe,
critical (the last five infectious from ``t_infectious``), recovered, dead. ``severity`` is the
worst state the infection will reach, drawn at infection. Days are simulation days (day 0 is the
start date); -1 means "never / not yet".
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np

S, E, PRE, ASYM, MILD, SEVERE, CRIT, REC, DEAD = range(9)
STATE_NAMES: Final[tuple[str, ...]] = (
    "susceptible", "exposed", "presymptomatic", "asymptomatic", "mild", "severe", "critical",
    "recovered", "dead",
)
#: ``severity``: worst course of the infection.
SEV_ASYMPTOMATIC, SEV_MILD, SEV_SEVERE, SEV_CRITICAL, SEV_DEATH = range(5)
#: ``classification``: as the registry counts detected infections (schema.Classification).
CL_NONE, CL_CONFIRMED, CL_ASYMPTOMATIC, CL_RECLASSIFIED = range(4)
#: ``layer`` of an infection: which contact layer carried it (params.LAYERS), or imported.
LAYER_IMPORTED: Final[int] = -1
LAYER_SEED: Final[int] = -2
NEVER: Final[int] = -1
#: "until" value for an isolation that lasts to the end of the infection.
FOREVER: Final[int] = 2**31 - 1


# Columns of ``Agents.rec``: the day-fields of an infection, one 32-byte record per agent,
# because infection writes them together for a random agent (one cache miss instead of eight).
R_T_INFECTED, R_T_INFECTIOUS, R_T_SYMPTOM, R_T_END, R_NEXT_DAY, R_NEXT_LINK, R_INFECTOR, \
    R_CHILD_NEXT = range(8)
# Columns of ``Agents.until``.
U_ISOLATED, U_QUARANTINED = 0, 1


class Agents(NamedTuple):
    """Per-agent arrays (length n). Static ones come from the population; the rest is state.

    Struct of arrays, except that the day-fields of an infection form one int32 record per
    agent (``rec``, columns ``R_*``) and isolation/quarantine ends one pair (``until``): the
    transmission kernel touches agents at random, and a record is one cache line where eight
    arrays are eight cache misses. Views by name: :meth:`column`.
    """

    # static
    area: np.ndarray          # int32 index into areas
    agebin: np.ndarray        # int8 10-year bin (params.AGE_BINS)
    household: np.ndarray     # int32
    dormitory: np.ndarray     # int32 or -1
    workplace: np.ndarray     # int32 or -1
    school: np.ndarray        # int32 or -1
    # natural history
    state: np.ndarray         # int8 state code
    severity: np.ndarray      # int8 worst course (SEV_*)
    layer: np.ndarray         # int8 layer of the infection (params.LAYERS index, or LAYER_*)
    rec: np.ndarray           # int32 (n, 8): infection day-fields, columns R_*
    child_head: np.ndarray    # int32 first agent infected by this one (list through R_CHILD_NEXT)
    rel_inf: np.ndarray       # float32 relative infectiousness (course x individual dispersion)
    # response
    classification: np.ndarray  # int8 CL_*
    detected: np.ndarray      # int32 day detected (reported) or -1
    until: np.ndarray         # int32 (n, 2): isolated / quarantined while day < value (U_*)
    n_tests: np.ndarray       # int16 tests taken

    def column(self, name: str) -> np.ndarray:
        """A per-agent view by name: t_infected, t_infectious, t_symptom, t_end, next_day,
        infector, isolated_until, quarantined_until (or any field)."""
        rec = {"t_infected": R_T_INFECTED, "t_infectious": R_T_INFECTIOUS,
               "t_symptom": R_T_SYMPTOM, "t_end": R_T_END, "next_day": R_NEXT_DAY,
               "infector": R_INFECTOR}
        if name in rec:
            return self.rec[:, rec[name]]
        if name == "isolated_until":
            return self.until[:, U_ISOLATED]
        if name == "quarantined_until":
            return self.until[:, U_QUARANTINED]
        return getattr(self, name)


def make_agents(area: np.ndarray, age: np.ndarray, household: np.ndarray,
                dormitory: np.ndarray, workplace: np.ndarray, school: np.ndarray) -> Agents:
    """Fresh, all-susceptible agents with the given static attributes."""
    n = len(area)
    agebin = np.minimum(np.asarray(age) // 10, 9).astype(np.int8)
    return Agents(
        area=np.ascontiguousarray(area, dtype=np.int32), agebin=agebin,
        household=np.ascontiguousarray(household, dtype=np.int32),
        dormitory=np.ascontiguousarray(dormitory, dtype=np.int32),
        workplace=np.ascontiguousarray(workplace, dtype=np.int32),
        school=np.ascontiguousarray(school, dtype=np.int32),
        state=np.zeros(n, np.int8), severity=np.zeros(n, np.int8),
        layer=np.full(n, NEVER, np.int8), rec=np.full((n, 8), NEVER, np.int32),
        child_head=np.full(n, NEVER, np.int32), rel_inf=np.zeros(n, np.float32),
        classification=np.zeros(n, np.int8), detected=np.full(n, NEVER, np.int32),
        until=np.zeros((n, 2), np.int32), n_tests=np.zeros(n, np.int16),
    )


def nbytes(agents: Agents) -> int:
    """Memory held by the agent arrays (bytes)."""
    return int(sum(a.nbytes for a in agents))
