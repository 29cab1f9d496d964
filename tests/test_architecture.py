"""The arrows of docs/architecture.md hold: pure packages never import the store, the interfaces
or the application layer; the store never imports the pure packages; ``report/`` is the only
place where the registry meets the pure packages; ``web/`` reaches data only through
``report/``; ``charts/`` draws frames and imports nothing but the foundations; the foundations
import nothing of ours but each other. Imports by name (``importlib.import_module("flareup.x")``
and ``__import__``) count as imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "flareup"

PURE = ("analytics", "risk", "pooling", "tracing", "sim")
FOUNDATIONS = ("schema", "errors", "rng", "dates")
#: What the web app may import: the application layer and the foundations, never the store or
#: the pure packages directly.
WEB_ALLOWED = {"web", "report", "charts", *FOUNDATIONS}


def _name_of(node: ast.expr) -> str | None:
    """The module named by a string argument: a constant, or the constant head of an f-string
    (``f"flareup.cli.{name}"`` -> ``"flareup.cli."``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return head.value
    return None


def _dynamic_imports(node: ast.Call) -> list[str]:
    """``importlib.import_module("m")``, ``import_module("m")``, ``__import__("m")``."""
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    if name not in ("import_module", "__import__") or not node.args:
        return []
    mod = _name_of(node.args[0])
    return [mod] if mod else []


def imported_flareup_modules(path: Path) -> set[str]:
    """Second-level flareup module names imported anywhere in ``path`` (``flareup.X...`` -> X),
    by statement or by name through importlib."""
    return imported_flareup_modules_of(path.read_text(encoding="utf-8"))


def imported_flareup_modules_of(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            mods = [node.module]
            if node.module == "flareup":
                # ``from flareup import registry`` imports flareup.registry
                mods += [f"flareup.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call):
            mods = _dynamic_imports(node)
        else:
            continue
        for mod in mods:
            parts = [p for p in mod.split(".")]
            if parts[0] == "flareup" and len(parts) > 1 and parts[1]:
                names.add(parts[1])
    return names


def test_the_scanner_sees_imports_by_name() -> None:
    src = (
        "import importlib\n"
        "from importlib import import_module\n"
        "def f(name):\n"
        "    importlib.import_module('flareup.registry')\n"
        "    import_module(f'flareup.cli.{name}')\n"
        "    __import__('flareup.sim.results')\n"
        "    from flareup import analytics\n"
    )
    assert imported_flareup_modules_of(src) == {"registry", "cli", "sim", "analytics"}


def package_imports(package: str) -> dict[str, set[str]]:
    root = SRC / package
    files = [root] if root.suffix == ".py" else sorted(root.rglob("*.py"))
    return {str(f.relative_to(SRC)): imported_flareup_modules(f) for f in files}


def test_every_package_is_covered() -> None:
    """A new top-level package must be placed in the arrows above before it is written."""
    placed = {*PURE, *FOUNDATIONS, "registry", "ingest", "report", "web", "cli", "charts", "data"}
    placed.add("__main__")  # ``python -m flareup``: the CLI's second door (test below)
    here = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    here |= {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    assert here <= placed, here - placed


def test_python_dash_m_is_only_a_door_to_the_cli() -> None:
    assert set().union(*package_imports("__main__.py").values()) == {"cli"}


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_never_import_store_or_interfaces(package: str) -> None:
    forbidden = {"registry", "cli", "web", "ingest", "report"}
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


def test_report_never_imports_the_interfaces() -> None:
    offenders = {
        f: sorted(mods & {"cli", "web"})
        for f, mods in package_imports("report").items()
        if mods & {"cli", "web"}
    }
    assert offenders == {}


def test_web_reaches_data_only_through_report() -> None:
    if not (SRC / "web").exists():
        pytest.skip("web/ is not built on this branch")
    offenders = {
        f: sorted(mods - WEB_ALLOWED)
        for f, mods in package_imports("web").items()
        if mods - WEB_ALLOWED
    }
    assert offenders == {}


def test_charts_draw_frames_only() -> None:
    """Chart builders take frames: no store, no pure package, no application layer, so every
    pure result's ``.plot()`` can import them lazily without an arrow pointing up."""
    if not (SRC / "charts").exists():
        pytest.skip("charts/ is not built on this branch")
    offenders = {
        f: sorted(mods - {"charts", *FOUNDATIONS})
        for f, mods in package_imports("charts").items()
        if mods - {"charts", *FOUNDATIONS}
    }
    assert offenders == {}


def test_only_report_joins_the_registry_to_the_pure_packages() -> None:
    """Outside ``report/`` (and the registry itself) no module imports both the store and a
    pure package: the CLI parses, calls report/ or a pure package, and prints."""
    offenders = {}
    for package in ("cli", "web", "ingest", "data", *FOUNDATIONS):
        for f, mods in package_imports(package).items():
            if "registry" in mods and mods & set(PURE):
                offenders[f] = sorted(mods & {"registry", *PURE})
    assert offenders == {}


def test_the_cli_reaches_the_store_only_through_report_where_it_analyses() -> None:
    """A CLI module that calls a pure package opens the registry through report/."""
    offenders = {
        f: sorted(mods & {"registry"})
        for f, mods in package_imports("cli").items()
        if "registry" in mods and mods & {*PURE, "report"}
    }
    assert offenders == {}


def test_test_files_have_unique_names() -> None:
    """pytest imports test modules by their basename (no packages under tests/): two files of one
    name in different folders stop the whole collection ('import file mismatch')."""
    from collections import Counter

    names = Counter(p.name for p in Path(__file__).parent.rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []
