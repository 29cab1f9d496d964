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
    "susceptible",
    "exposed",
    "presymptomatic",
    "asymptomatic",
    "mild",
    "severe",
    "critical",
    "recovered",
    "dead",
)
#: ``severity``: worst course of the infection.
SEV_ASYMPTOMATIC, SEV_MILD, SEV_SEVERE, SEV_CRITICAL, SEV_DEATH = range(5)
#: ``classification``: as the registry counts detected infections (schema.Classification).
CL_NONE, CL_CONFIRMED, CL_ASYMPTOMATIC, CL_RECLASSIFIED = range(4)
#: ``layer`` of an infection: which contact layer carried it (params.LAYERS), or imported.
LAYER_IMPORTED: Final[int] = -1
LAYER_SEED: Final[int] = -2
#: Infected inside a centralised quarantine site (after params.LAYERS: not a contact layer of
#: the population; ``transmission.quarantine_transmit``).
LAYER_QUARANTINE: Final[int] = 6
NEVER: Final[int] = -1
#: "until" value for an isolation that lasts to the end of the infection.
FOREVER: Final[int] = 2**31 - 1


# Columns of ``Agents.rec``: the day-fields of an infection, one 32-byte record per agent,
# because infection writes them together for a random agent (one cache miss instead of eight).
# R_STAGE_DAYS: days from symptom onset to the next stage, drawn when the agent becomes
# infectious (disease.first_stage_days) and read at onset; -1 before, and for asymptomatic
# infections.
(
    R_T_INFECTED,
    R_T_INFECTIOUS,
    R_T_SYMPTOM,
    R_T_END,
    R_NEXT_DAY,
    R_STAGE_DAYS,
    R_INFECTOR,
    R_CHILD_NEXT,
) = range(8)
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
    area: np.ndarray  # int32 index into areas
    agebin: np.ndarray  # int8 10-year bin (params.AGE_BINS)
    household: np.ndarray  # int32
    dormitory: np.ndarray  # int32 or -1
    workplace: np.ndarray  # int32 or -1
    school: np.ndarray  # int32 or -1
    # natural history
    state: np.ndarray  # int8 state code
    severity: np.ndarray  # int8 worst course (SEV_*)
    layer: np.ndarray  # int8 layer of the infection (params.LAYERS index, or LAYER_*)
    rec: np.ndarray  # int32 (n, 8): infection day-fields, columns R_*
    child_head: np.ndarray  # int32 first agent infected by this one (list through R_CHILD_NEXT)
    rel_inf: np.ndarray  # float32 relative infectiousness (course x individual dispersion)
    tc: np.ndarray  # float32 (n, 2): time of infection, of (would-be) onset (disease.TC_*)
    # response
    classification: np.ndarray  # int8 CL_*
    detected: np.ndarray  # int32 day detected (reported) or -1
    until: np.ndarray  # int32 (n, 2): isolated / quarantined while day < value (U_*)
    n_tests: np.ndarray  # int16 tests taken

    def column(self, name: str) -> np.ndarray:
        """A per-agent view by name: t_infected, t_infectious, t_symptom, t_end, next_day,
        infector, t_infected_exact, t_onset_exact, isolated_until, quarantined_until (or any
        field). ``t_infectious`` is the day the agent joins the infectious list (it transmits
        from the next day); ``t_symptom`` is -1 for an asymptomatic infection, whose would-be
        onset is in ``t_onset_exact``."""
        rec = {
            "t_infected": R_T_INFECTED,
            "t_infectious": R_T_INFECTIOUS,
            "t_symptom": R_T_SYMPTOM,
            "t_end": R_T_END,
            "next_day": R_NEXT_DAY,
            "infector": R_INFECTOR,
        }
        if name in rec:
            return self.rec[:, rec[name]]
        if name == "t_infected_exact":  # days since day 0, with the time of day
            return self.tc[:, 0]
        if name == "t_onset_exact":  # (would-be) symptom onset, likewise
            return self.tc[:, 1]
        if name == "isolated_until":
            return self.until[:, U_ISOLATED]
        if name == "quarantined_until":
            return self.until[:, U_QUARANTINED]
        result: np.ndarray = getattr(self, name)
        return result


#: numpy asks the kernel for transparent huge pages for allocations of at least 4 MiB
#: (numpy.core.multiarray._set_madvise_hugepage); random access over many agents then misses the
#: TLB far less, so arrays are allocated at least that large. (A process that opted in with
#: ``flareup.sim.streamline_process()`` has numpy ask for none: on the development machine a
#: fresh huge page cost more to fault in than the TLB misses it saves, sim/_startup.py item 7.)
_HUGE = 4 * 1024 * 1024 + 4096


def alloc(shape: int | tuple[int, ...], dtype: type, fill: int | float | None = None) -> np.ndarray:
    """An array of ``shape`` carved from an allocation of at least 4 MiB (see _HUGE), starting
    on a 64-byte boundary: a row of 32 or 64 bytes (``Agents.rec``, ``World.inf_rec``,
    ``World.inf_t``) is then one cache line, never two (numpy's large arrays start 16 bytes
    into a page, so every 64-byte row and every other 32-byte row straddled two lines)."""
    shape = (shape,) if isinstance(shape, int | np.integer) else tuple(shape)
    n = int(shape[0])
    row = int(np.prod(shape[1:], dtype=np.int64)) * np.dtype(dtype).itemsize
    rows = max(n, -(-_HUGE // max(row, 1))) if n >= 65536 else n
    raw = np.empty(rows * row + 64, np.uint8)
    skip = -raw.ctypes.data % 64
    base: np.ndarray = raw[skip : skip + rows * row].view(dtype).reshape((rows, *shape[1:]))
    out = base[:n]
    if fill is not None:
        out.fill(fill)
    return out


def make_agents(
    area: np.ndarray,
    age: np.ndarray,
    household: np.ndarray,
    dormitory: np.ndarray,
    workplace: np.ndarray,
    school: np.ndarray,
) -> Agents:
    """Fresh, all-susceptible agents with the given static attributes."""
    n = len(area)

    def copy(x: np.ndarray, dtype: type) -> np.ndarray:
        # The engine only reads the static arrays, so the population's own are used as they
        # are when numba would see the same type (a copy of a million agents' ids is a fresh
        # 4 MB the machine has to fault in); anything else is copied.
        if (
            isinstance(x, np.ndarray)
            and x.dtype == dtype
            and x.ndim == 1
            and x.flags.c_contiguous
            and x.flags.writeable
        ):
            return x
        out = alloc(n, dtype)
        out[:] = x
        return out

    age_a = np.asarray(age)
    if age_a.ndim == 1 and age_a.size and age_a.dtype.kind in "iu" and age_a.max() < 100:
        # Every bin below 10 (the usual case): no minimum to take, and the bins are written
        # straight as int8 (one pass, no temporaries; the same values).
        agebin = alloc(n, np.int8)
        np.floor_divide(age_a, 10, out=agebin, casting="unsafe")
    else:
        agebin = copy(np.minimum(age_a // 10, 9), np.int8)
    return Agents(
        area=copy(area, np.int32),
        agebin=agebin,
        household=copy(household, np.int32),
        dormitory=copy(dormitory, np.int32),
        workplace=copy(workplace, np.int32),
        school=copy(school, np.int32),
        state=alloc(n, np.int8, 0),
        severity=alloc(n, np.int8, 0),
        layer=alloc(n, np.int8, NEVER),
        rec=alloc((n, 8), np.int32, NEVER),
        child_head=alloc(n, np.int32, NEVER),
        rel_inf=alloc(n, np.float32, 0),
        tc=alloc((n, 2), np.float32, -1.0),
        classification=alloc(n, np.int8, 0),
        detected=alloc(n, np.int32, NEVER),
        # Zeroed by the kernel when first touched (calloc): most agents are never isolated,
        # quarantined or tested, and their pages are then never written.
        until=np.zeros((n, 2), np.int32),
        n_tests=np.zeros(n, np.int16),
    )


def nbytes(agents: Agents) -> int:
    """Memory held by the agent arrays (bytes)."""
    return int(sum(a.nbytes for a in agents))
