"""The arrows of docs/architecture.md hold: pure packages never import the store or the CLI, the
store never imports the pure packages, and the foundations import nothing of ours but each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "flareup"

PURE = ("analytics", "risk", "pooling", "sim")
FOUNDATIONS = ("schema", "errors", "rng", "dates")


def imported_flareup_modules(path: Path) -> set[str]:
    """Second-level flareup module names imported anywhere in ``path`` (``flareup.X...`` -> X)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            mods = [node.module]
        else:
            continue
        for mod in mods:
            parts = mod.split(".")
            if parts[0] == "flareup" and len(parts) > 1:
                names.add(parts[1])
    return names


def package_imports(package: str) -> dict[str, set[str]]:
    root = SRC / package
    files = [root] if root.suffix == ".py" else sorted(root.rglob("*.py"))
    return {str(f.relative_to(SRC)): imported_flareup_modules(f) for f in files}


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_never_import_store_or_interfaces(package: str) -> None:
    forbidden = {"registry", "cli", "web", "ingest"}
    offenders = {
        f: sorted(mods & forbidden)
        for f, mods in package_imports(package).items()
        if mods & forbidden
    }
    assert offenders == {}


def test_registry_never_imports_pure_packages() -> None:
    forbidden = {*PURE, "cli", "web", "report", "tracing"}
    offenders = {
        f: sorted(mods & forbidden)
        for f, mods in package_imports("registry").items()
        if mods & forbidden
    }
    assert offenders == {}


@pytest.mark.parametrize("module", FOUNDATIONS)
def test_foundations_import_only_foundations(module: str) -> None:
    mods = imported_flareup_modules(SRC / f"{module}.py")
    assert mods <= set(FOUNDATIONS), mods


def test_ingest_speaks_no_sql() -> None:
    for f in (SRC / "ingest").rglob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("sqlalchemy"), f
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("sqlalchemy") for a in node.names), f
