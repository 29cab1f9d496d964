"""Fixtures of the web tests: the Kashgar demo registry (built once) and copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from web_helpers import demo_registry


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo registry file, built once per session; copy it before writing to it."""
    path = tmp_path_factory.mktemp("web") / "demo.db"
    demo_registry(path)
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Iterator[str]:
    """A private copy of the demo registry (URL) that a test may write to."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    yield f"sqlite:///{path}"
