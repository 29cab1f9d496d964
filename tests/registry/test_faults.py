"""Fault injection: SIGKILL during a first open and during an import, on SQLite and PostgreSQL.

The store must afterwards open and be as before or as after (never half). A handful of trials
here; ``benchmarks/bench_registry.py --faults N`` runs many and prints the figures.
"""

from __future__ import annotations

import datetime
import functools
import sqlite3
from pathlib import Path

import pytest
from registry_helpers import AREAS, dump, make_vt
from sqlalchemy import create_engine, text

from flareup.errors import RegistryError
from flareup.registry import Registry
from flareup.registry.migrate import current_revision, head_revision
from flareup.registry.testing_faults import count_ops, random_delays, run_child


@functools.cache
def _n_ops() -> int:
    return count_ops()


def _fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    server = request.getfixturevalue("pg_server")
    return str(server.create_database())


def _opens_at_head(url: str) -> None:
    reg = Registry(url)
    try:
        with reg.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        assert reg.areas().empty
        reg.import_table(make_vt("areas", AREAS, "areas.csv"))  # and is writable
        assert len(reg.areas()) == len(AREAS)
    finally:
        reg.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_between_schema_statements_of_first_open(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Regression (issue 12.1): a kill between two CREATEs of a new SQLite file left tables
    without a schema version; every later open failed with 'table areas already exists'."""
    n_ops = _n_ops()
    assert n_ops >= 10
    points = (2, n_ops // 2, n_ops - 1) if backend == "sqlite" else (n_ops // 2,)
    for at in points:
        url = _fresh_url(backend, tmp_path, request, f"k{at}")
        killed = run_child(["open", url, "--kill-at-op", str(at)], None)
        assert killed, f"child was not killed at statement {at}"
        _opens_at_head(url)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_first_open_at_random_moments(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    for i, delay in enumerate(random_delays(2, 1.5, seed=12)):
        url = _fresh_url(backend, tmp_path, request, f"r{i}")
        run_child(["open", url], delay)
        _opens_at_head(url)


def test_half_created_file_from_an_older_flareup_is_recovered(tmp_path: Path) -> None:
    """A file with some empty registry tables and no alembic_version opens (recreated)."""
    path = tmp_path / "half.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE areas (code VARCHAR(32) PRIMARY KEY, name_en VARCHAR(200))")
    con.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    _opens_at_head(f"sqlite:///{path}")


def test_unversioned_file_with_rows_or_foreign_tables_is_refused(tmp_path: Path) -> None:
    for name, ddl in (
        ("rows", "CREATE TABLE areas (code TEXT); INSERT INTO areas VALUES ('x');"),
        ("foreign", "CREATE TABLE invoices (id INTEGER);"),
    ):
        path = tmp_path / f"{name}.db"
        con = sqlite3.connect(path)
        con.executescript(ddl)
        con.close()
        with pytest.raises(RegistryError, match=r"no (flareup )?schema version"):
            Registry(f"sqlite:///{path}")
        # nothing was dropped
        eng = create_engine(f"sqlite:///{path}")
        with eng.connect() as conn:
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        eng.dispose()
        assert names == ({"areas"} if name == "rows" else {"invoices"})


def _counts_csv(path: Path, n: int) -> Path:
    # one row per (area, date, metric): a valid file, so a child that is not killed completes
    # its import (dates as 2020-10-01 + day: the old 'day % 28' repeated 10-01..10-03 from
    # day 28 on, so an import that finished before its kill failed on duplicate keys)
    lines = ["area,date,metric,value"]
    day = 0
    while len(lines) <= n:
        d = (datetime.date(2020, 10, 1) + datetime.timedelta(days=day)).isoformat()
        for code in ("653101", "653121", "653121001", "653121002"):
            for metric in ("confirmed_new", "asymptomatic_new", "tested_new"):
                lines.append(f"{code},{d},{metric},{day}")
        day += 1
    path.write_text("\n".join(lines[: n + 1]) + "\n")
    return path


@pytest.mark.slow
def test_kill_import_leaves_before_or_after(registry: Registry, tmp_path: Path) -> None:
    registry.import_table(make_vt("areas", AREAS, "areas.csv"))
    before = dump(registry)
    # a few hundred rows: small enough for CI, big enough that some kills land mid-import
    f = _counts_csv(tmp_path / "counts.csv", 600)
    outcomes = set()
    for delay in random_delays(2, 2.5, seed=7):
        run_child(["import", registry.url, "counts", str(f)], delay)
        reg = Registry(registry.url)
        try:
            after = dump(reg)
            n = len(reg.counts(policy="all"))
        finally:
            reg.close()
        if after == before:
            outcomes.add("before")
            continue
        assert n == 600, "a killed import left some of its rows"
        assert [a["action"] for a in reg.audit(table="counts").to_dict("records")] == ["insert"]
        outcomes.add("after")
        break  # once the import is in, later trials would only find it there
    assert outcomes
