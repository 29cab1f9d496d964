"""Pooled-testing designs side by side for a prevalence, and the best Dorfman pool size.

Run: ``.venv/bin/python examples/pooling_design.py``. Dorfman (1943): at 1% prevalence the best
pool is 11 samples, at about 0.196 tests per person.
"""

from __future__ import annotations

from flareup.pooling import DorfmanDesign, compare_designs, optimal_pool_size


def main() -> None:
    for p in (0.001, 0.01, 0.05):
        k = optimal_pool_size(p)
        unbounded = optimal_pool_size(p, max_pool=100)
        print(
            f"prevalence {p:.3f}: best Dorfman pool {k} within the validated 20 "
            f"({DorfmanDesign(k).tests_per_person(p):.4f} tests per person); "
            f"unbounded optimum {unbounded}"
        )
    print()
    print(compare_designs(0.01, se=0.95, sp=0.995).to_string(index=False))


if __name__ == "__main__":
    main()
