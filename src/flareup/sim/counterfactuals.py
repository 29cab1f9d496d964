"""The kashgar-2020 counterfactual scenario files, written from the base file.

Each counterfactual is the base scenario with one thing changed and nothing else, so the base's
calibration and comments carry over and a fair comparison is one diff away. The files are
bundled (``sim/scenarios/kashgar-2020-*.toml``); ``python -m flareup.sim.counterfactuals``
writes them again after the base changes, and a test checks they are up to date.

Fairness: what a counterfactual removes leaves no consequence of itself behind. The factory
source stops only on a detection that happens in the run (``stop_on_detection``), and without
routine testing the response starts relative to the run's own first detection (``trigger``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

BASE = "kashgar-2020"
SCENARIO_DIR = Path(__file__).with_name("scenarios")
_RESPONSE = ("lockdown", "movement_restriction", "mass_testing")


def _blocks(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, end line, type) of each [[intervention]] table with its comment lines."""
    heads = [i for i, line in enumerate(lines) if line.strip() == "[[intervention]]"]
    starts = []
    for h in heads:
        s = h
        while s > 0 and lines[s - 1].startswith("#"):
            s -= 1
        starts.append(s)
    out = []
    for k, (s, h) in enumerate(zip(starts, heads, strict=True)):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        m = next(
            re.match(r'type = "(\w+)"', line) for line in lines[h:e] if line.startswith("type")
        )
        out.append((s, e, m.group(1) if m else ""))
    return out


def _edit(text: str, fn: Callable[[str, list[str]], list[str]]) -> str:
    """Apply ``fn(type, block lines)`` to every intervention table (from the last up)."""
    lines = text.split("\n")
    for s, e, typ in reversed(_blocks(lines)):
        lines[s:e] = fn(typ, lines[s:e])
    return "\n".join(lines)


def _shift_dates(block: list[str], days: int) -> list[str]:
    def shift(m: re.Match[str]) -> str:
        d = dt.date.fromisoformat(m.group(2)) + dt.timedelta(days=days)
        return f"{m.group(1)}{d.isoformat()}"

    return [re.sub(r"^((?:start|end) = )(\d{4}-\d\d-\d\d)", shift, line) for line in block]


def _append(block: list[str], extra: list[str]) -> list[str]:
    """Add lines at the end of a table (before its trailing blank lines)."""
    k = len(block)
    while k > 0 and not block[k - 1].strip():
        k -= 1
    return [*block[:k], *extra, *block[k:]]


def _individual(typ: str, block: list[str]) -> list[str]:
    if typ != "mass_testing":
        return block
    return [re.sub(r"^pool_size = \d+", "pool_size = 1", line) for line in block]


def _late(typ: str, block: list[str]) -> list[str]:
    return _shift_dates(block, 7) if typ in _RESPONSE else block


def _no_tracing(typ: str, block: list[str]) -> list[str]:
    return [] if typ == "contact_tracing" else block


def _no_routine(typ: str, block: list[str]) -> list[str]:
    if typ == "routine_testing":
        return ["# (No routine weekly testing of workers in this counterfactual.)", ""]
    if typ in _RESPONSE:
        return _append(block, ['trigger = "detection"', "trigger_reference = 2020-10-24"])
    return block


#: name suffix -> (first comment line, description, edit of each intervention table)
COUNTERFACTUALS: dict[str, tuple[str, str, Callable[[str, list[str]], list[str]]]] = {
    "individual-tests": (
        "individual tests instead of pools of 5, same shared lab capacity (tests a day).",
        "As kashgar-2020 with individual instead of pooled (5 per tube) tests, at the same lab \\\n"
        "capacity of 514,000 tests a day shared with every other test: rounds take longer to \\\n"
        "result across the prefecture.",
        _individual,
    ),
    "late-response": (
        "lockdown, movement restriction and mass testing one week later.",
        "As kashgar-2020 with lockdown, movement restriction and the four mass-testing rounds \\\n"
        "one week later (from 2020-10-31); detection, tracing and isolation as before.",
        _late,
    ),
    "no-tracing": (
        "no contact tracing (nor quarantine of contacts).",
        "As kashgar-2020 without contact tracing and quarantine: infections are found by \\\n"
        "testing and isolated, their contacts are not traced.",
        _no_tracing,
    ),
    "no-routine-testing": (
        "no routine testing of workers; the response is triggered by the first detection.",
        "As kashgar-2020 without routine worker testing: the cluster is found when someone \\\n"
        "with symptoms is tested; the factory source runs until then; lockdown, movement \\\n"
        "restriction and mass testing start on the same schedule relative to that first \\\n"
        "detection as they did relative to 2020-10-24.",
        _no_routine,
    ),
}


def render(suffix: str, base_text: str | None = None) -> str:
    """The text of counterfactual ``kashgar-2020-<suffix>``."""
    first, description, fn = COUNTERFACTUALS[suffix]
    text = base_text if base_text is not None else (SCENARIO_DIR / f"{BASE}.toml").read_text()
    text = _edit(text, fn)
    name = f"{BASE}-{suffix}"
    text = re.sub(r'(?m)^name = "kashgar-2020"$', f'name = "{name}"', text, count=1)
    text = re.sub(
        r'(?s)description = """.*?"""', f'description = """{description}"""', text, count=1
    )
    header = (
        f"# Counterfactual of kashgar-2020: {first}\n"
        "# Written by flareup.sim.counterfactuals from kashgar-2020.toml; everything not named "
        "here is the same.\n"
    )
    return header + text


def write_all() -> list[Path]:
    """Write every counterfactual file next to the base; return their paths."""
    out = []
    for suffix in COUNTERFACTUALS:
        path = SCENARIO_DIR / f"{BASE}-{suffix}.toml"
        path.write_text(render(suffix))
        out.append(path)
    return out


if __name__ == "__main__":  # pragma: no cover
    for p in write_all():
        print(p)
