"""tracing/ is pure: it never imports the store, the interfaces, the importers or the simulator."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "flareup"


def test_tracing_is_pure() -> None:
    bad = {}
    for f in sorted((SRC / "tracing").rglob("*.py")):
        mods = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                mods.add(node.module)
            elif isinstance(node, ast.Import):
                mods.update(a.name for a in node.names)
        second = {m.split(".")[1] for m in mods if m.startswith("flareup.") and "." in m}
        hit = second & {"registry", "cli", "web", "ingest", "report", "sim"}
        if hit:
            bad[f.name] = sorted(hit)
    assert bad == {}


def test_only_report_investigation_joins_registry_and_tracing() -> None:
    text = (SRC / "cli" / "tracing_cmds.py").read_text(encoding="utf-8")
    assert "from flareup.tracing import load_protocol" in text  # data, not analysis
    assert "rank_sources" not in text and "find_clusters" not in text
