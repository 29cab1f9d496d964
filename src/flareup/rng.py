"""The one place that builds numpy random Generators.

Every stochastic function in flareup takes ``seed: SeedLike`` and calls :func:`generator`; the
same seed gives the same result. Ensembles use :func:`spawn` so that runs are independent streams
of one root seed (numpy's SeedSequence, O'Neill's PCG64 family), whatever executor runs them.
"""

from __future__ import annotations

import numpy as np

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def generator(seed: SeedLike = None) -> np.random.Generator:
    """Return a PCG64 Generator from an int, a SeedSequence, a Generator (returned as is) or None."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.SeedSequence):
        return np.random.Generator(np.random.PCG64(seed))
    if seed is not None and (not isinstance(seed, int | np.integer) or seed < 0):
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.Generator(np.random.PCG64(seed))


def seed_sequence(seed: int | np.random.SeedSequence | None) -> np.random.SeedSequence:
    """Return a SeedSequence for ``seed`` (an int, an existing SeedSequence, or None for entropy)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    return np.random.SeedSequence(seed)


def spawn(seed: int | np.random.SeedSequence | None, n: int) -> list[np.random.SeedSequence]:
    """Return ``n`` independent child SeedSequences of ``seed`` (one per ensemble run)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    return seed_sequence(seed).spawn(n)


def stream(seed: int | np.random.SeedSequence | None, name: str) -> np.random.Generator:
    """A Generator for a named stream of ``seed``: the same name always gives the same draws.

    Named streams give common random numbers: adding a decision elsewhere does not shift this
    stream's draws (as Starsim's per-distribution streams, Kerr et al. 2024).
    """
    root = seed_sequence(seed)
    # Hash the name into extra entropy words, stable across processes (not Python's hash()).
    words = [
        int.from_bytes(name.encode()[i : i + 4].ljust(4, b"\0"), "little")
        for i in range(0, max(len(name.encode()), 1), 4)
    ]
    child = np.random.SeedSequence(entropy=root.entropy, spawn_key=(*root.spawn_key, *words))
    return np.random.Generator(np.random.PCG64(child))
