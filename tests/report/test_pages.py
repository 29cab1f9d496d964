"""The dashboard's page cache: one build per page and registry version, shared by waiters."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from flareup.registry import Registry
from flareup.report import pages as P


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    calls: list[dict[str, Any]] = []

    def slow(reg: Any, **params: Any) -> P.Page:
        calls.append(params)
        time.sleep(0.2)
        if params.get("date") == "bad":
            raise ValueError("bad date")
        return P.Page("overview", "t", date=params.get("date"))

    monkeypatch.setitem(P.BUILDERS, "overview", slow)
    reg = Registry(f"sqlite:///{tmp_path / 'r.db'}")
    b = P.Dashboard(reg, simulate=False)
    b.calls = calls
    yield b
    reg.close()


def test_concurrent_requests_share_one_build(board: Any) -> None:
    out: list[P.Page] = []
    threads = [
        threading.Thread(target=lambda: out.append(board.page("overview", date="2020-10-28")))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(board.calls) == 1 and len(out) == 4 and len({id(p) for p in out}) == 1
    board.page("overview", date="2020-10-29")
    assert len(board.calls) == 2


def test_a_failed_build_is_not_cached(board: Any) -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            board.page("overview", date="bad")
    assert len(board.calls) == 2 and not board.inflight


def test_warm_builds_the_default_pages(board: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(P.Dashboard, "WARM", (("overview", {"date": None, "area": None}),))
    board.warm().join(10)
    assert board.calls == [{"date": None, "area": None}]
    board.page("overview", date=None, area=None)  # served from the cache
    assert len(board.calls) == 1
