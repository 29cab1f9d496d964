"""Test helpers for the web app: the Kashgar demo registry and a live uvicorn server."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flareup.data.kashgar_2020 import IMPORT_ORDER, files
from flareup.ingest.tables import read_table
from flareup.registry import Registry
from flareup.report.investigation import import_investigation, investigation_dir

TOKEN = "test-token-0123456789abcdef"


def demo_registry(path: Path) -> str:
    """A SQLite registry at ``path`` holding the bundled Kashgar 2020 example; its URL."""
    url = f"sqlite:///{path}"
    reg = Registry(url)
    try:
        paths = files()
        for kind in IMPORT_ORDER:
            p = paths[kind]
            assert isinstance(p, Path)
            reg.import_table(read_table(p, kind), user="test")
        # the simulated investigation `flareup demo` imports (cases, contacts, exposures, ...)
        import_investigation(reg, investigation_dir(), user="test")
    finally:
        reg.close()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free 127.0.0.1 port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
