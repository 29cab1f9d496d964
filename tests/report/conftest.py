"""A registry holding the bundled Kashgar 2020 example, shared by the report tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def kashgar_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import read_table
    from flareup.registry import Registry

    path: Path = tmp_path_factory.mktemp("report") / "kashgar.db"
    url = f"sqlite:///{path}"
    reg = Registry(url)
    paths = files()
    for kind in IMPORT_ORDER:
        reg.import_table(read_table(paths[kind], kind))
    reg.close()
    return url


@pytest.fixture
def reg(kashgar_url: str) -> Iterator[Any]:
    from flareup.registry import Registry

    r = Registry(kashgar_url)
    yield r
    r.close()
