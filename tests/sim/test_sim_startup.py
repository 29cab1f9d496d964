"""The simulator process's fixed costs (issue 9, "as whole processes"): what it loads, and when.

No wall-clock assertion (benchmarks/bench_startup.py measures the time); these check the causes:
which heavy modules a fresh interpreter has loaded, that numba's first kernel no longer imports
SciPy's linear algebra while numba's own BLAS check still works, and that the exit handler keeps
the finalisers of garbage left at exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
HEAVY = ("numba", "pandas", "scipy", "scipy.linalg", "pyarrow")

TINY_RUN = """
import numpy as np
from flareup.sim import Params, Sim
from flareup.sim.population import make_population
k = np.arange(200)
pop = make_population(k // 4, workplace=k // 10, area=k // 100)
res = Sim(pop, Params(), n_days=5, seed=1, initial_infections=20).run()
assert res.total("infections_new") >= 20
"""


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": SRC}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('LOADED:', *(m for m in {HEAVY!r} if m in sys.modules))"
    line = next(x for x in _run(probe).splitlines() if x.startswith("LOADED:"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import flareup.sim", set()),
        ("from flareup.sim import Params, LAYERS, ALL_METRICS\nParams().layer_betas()", set()),
        # the kernels' modules need numba (which imports SciPy's top-level package, not linalg)
        ("from flareup.sim import interventions as iv\niv.Isolation()", {"numba", "scipy"}),
        # population synthesis and its inputs hold their tables without pandas (sim/tables.py)
        (
            "from flareup.sim.population import kashgar_area_table, PopulationParams\n"
            "kashgar_area_table(PopulationParams.load())",
            {"numba", "scipy"},
        ),
    ],
)
def test_importing_the_simulator_loads_only_what_the_name_needs(code: str, expected: set) -> None:
    assert _loaded_after(code) == expected


def test_public_names_still_resolve() -> None:
    import flareup.sim as s
    from flareup.sim import analyzers, interventions
    from flareup.sim.params import Params as ParamsDirect
    from flareup.sim.sim import Sim as SimDirect

    assert s.Params is ParamsDirect and s.Sim is SimDirect
    assert s.interventions is interventions and s.analyzers is analyzers
    assert set(s.__all__) <= set(dir(s))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = s.nope


OPT_IN = "import flareup.sim\nflareup.sim.streamline_process()\n"


def test_a_process_that_only_imports_the_simulator_keeps_its_own_gc_and_numba() -> None:
    # Opt-in only: a notebook or a server that runs simulations keeps its garbage collection.
    code = (
        TINY_RUN
        + """
import gc, sys
from flareup.sim import _startup
st = _startup._status()
assert st["frozen"] == 0 and not st["hook_waiting"], st
assert "scipy.linalg" in sys.modules  # numba's own BLAS check ran at the first kernel
print("OK")
"""
    )
    assert _run(code).strip().endswith("OK")


def test_first_kernel_does_not_import_scipy_linalg_and_blas_still_works() -> None:
    code = (
        OPT_IN
        + TINY_RUN
        + """
import sys
import numba.np.arraymath as am, numba.np.linalg as la
assert "scipy.linalg" not in sys.modules, "scipy.linalg loaded by numba's first kernel"
# numba's own probe is back in both places, and BLAS is found (SciPy is installed here)
assert am.ensure_blas is la.ensure_blas and la.ensure_blas.__module__ == "numba.np.linalg"
assert am._HAVE_BLAS
import numba
@numba.njit
def dot(a, b):
    return np.dot(a, b)
a = np.arange(6.0).reshape(2, 3)
assert np.allclose(dot(a, a.T), a @ a.T)
assert "scipy.linalg" in sys.modules  # numba's real check ran at np.dot's typing
print("OK")
"""
    )
    assert _run(code).strip().endswith("OK")


def test_garbage_left_at_exit_is_still_finalised(tmp_path: Path) -> None:
    # A reference cycle with a finaliser, unreachable at exit: CPython's first collection at
    # exit finalises it; the exit handler's collection must do the same before freezing.
    marker = tmp_path / "finalised.txt"
    code = (
        OPT_IN
        + TINY_RUN
        + f"""
import gc
gc.disable()  # so that only the collections at exit can find the cycle
class Node:
    def __del__(self):
        open({str(marker)!r}, "w").write("yes")
n = Node(); n.self = n; del n
"""
    )
    _run(code)
    assert marker.read_text() == "yes"


def test_first_kernel_freezes_survivors_after_collecting_garbage() -> None:
    # Young garbage that exists when numba's first kernel loads is collected (its finaliser
    # runs), the survivors are frozen, and cycles made afterwards are collected as usual.
    code = """
import gc
gc.disable()  # only the explicit collections may find the cycles
seen = []
class Node:
    def __init__(self, tag):
        self.tag = tag
        self.self = self
    def __del__(self):
        seen.append(self.tag)
Node("before")
from flareup.sim import _startup, streamline_process
streamline_process()
assert _startup._status()["frozen"] == 0
"""
    code += TINY_RUN.replace("import numpy as np", "import numpy as np\ngc.disable()")
    code += """
assert seen == ["before"], seen
assert _startup._status()["frozen"] > 50_000
Node("after")
gc.collect()
assert seen == ["before", "after"], seen
print("OK")
"""
    assert _run(code).strip().endswith("OK")


def test_collection_is_paused_from_the_opt_in_to_the_first_kernel() -> None:
    # Opted in with automatic collection on, the imports run without collections; the first
    # kernel freezes everything and turns automatic collection back on, and cycles made
    # afterwards are collected as usual.
    code = (
        OPT_IN
        + """
import gc
from flareup.sim import _startup
assert not gc.isenabled() and _startup._status()["frozen"] == 0
"""
        + TINY_RUN
        + """
assert gc.isenabled() and _startup._status()["frozen"] > 50_000
seen = []
class Node:
    def __init__(self):
        self.self = self
    def __del__(self):
        seen.append(1)
Node()
gc.collect()
assert seen == [1], seen
print("OK")
"""
    )
    assert _run(code).strip().endswith("OK")


@pytest.mark.parametrize(
    ("first", "preset", "expected"),
    [
        ("", {}, "1"),  # numpy not imported yet, nothing set: one thread
        ("import numpy\n", {}, None),  # too late: left alone
        ("", {"OMP_NUM_THREADS": "3"}, None),  # the caller's choice: left alone
    ],
)
def test_opting_in_runs_openblas_on_one_thread(
    first: str, preset: dict[str, str], expected: str | None
) -> None:
    code = first + OPT_IN + "import os\nprint(os.environ.get('OPENBLAS_NUM_THREADS'))\n"
    env = {k: v for k, v in os.environ.items() if k not in _startup_blas_vars()}
    env.update(preset, PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split()[-1] == str(expected)


def _startup_blas_vars() -> tuple[str, ...]:
    from flareup.sim import _startup

    return _startup._BLAS_THREAD_VARS


def test_the_swapped_probe_is_numbas_own_outside_arraymaths_import() -> None:
    # Were arraymath's import to fail after the swap (or numba to drop its import-time check),
    # whoever calls the probe next gets numba's real check, which imports SciPy's BLAS.
    code = """
import sys
from flareup.sim import _startup
import numba.np.linalg as la
original = la.ensure_blas
_startup._BlasProbe().find_spec("numba.np.arraymath", None)
assert la.ensure_blas is not original and "numba.np.arraymath" not in sys.modules
la.ensure_blas()
assert la.ensure_blas is original and "scipy.linalg" in sys.modules
print("OK")
"""
    assert _run(code).strip().endswith("OK")


def test_cached_kernels_load_without_numbas_registries_and_give_the_same_results() -> None:
    # Opted in, a kernel loads from numba's cache without numba's typing and lowering
    # registries (numba.np.arraymath is one of their modules), and the simulator's kernels do
    # not make it import numba's array implementations; the same machine code gives the
    # same counts as numba's own loading; a kernel numba must compile still compiles.
    run = TINY_RUN + "print('COUNTS', int(res.counts.sum()), res.counts.tobytes().hex()[:4096])\n"
    probe = """
import sys
from flareup.sim import _startup
print('ARRAYMATH', "numba.np.arraymath" in sys.modules, _startup._status()["light_loader"])
# nor numba's array implementations: the kernels before the first day allocate nothing
print('ARRAYOBJ', "numba.np.arrayobj" in sys.modules)
import numba
@numba.njit
def total(x):
    return np.cumsum(x)[-1]
assert total(np.arange(5.0)) == 10.0
print('OK')
"""
    plain = _run(run).splitlines()  # first: numba's cache is warm for the opted-in run
    opted = _run(OPT_IN + run + probe).splitlines()
    assert "ARRAYMATH False True" in opted and "ARRAYOBJ False" in opted and opted[-1] == "OK"
    counts = [x for x in opted if x.startswith("COUNTS")]
    assert counts and counts == [x for x in plain if x.startswith("COUNTS")]


def test_numbas_own_import_skips_scipy_yaml_and_numpy_ma_when_opted_in() -> None:
    # Opted in before numba's import: numba's SciPy version check, PyYAML's code and numpy.ma
    # (numba's masked-array check) are not loaded by a simulation; each still works when used.
    code = (
        OPT_IN
        + TINY_RUN
        + """
import sys
from flareup.sim import _startup
loaded = [m for m in ("scipy", "numpy.ma", "yaml.reader") if m in sys.modules]
assert loaded == [], loaded
assert not _startup._status()["numba_hook_waiting"]
import numba.core.config as config
assert config._HAVE_YAML  # PyYAML found, its code not run yet
import yaml
assert yaml.safe_load("a: 1") == {"a": 1}
import scipy
assert tuple(int(x) for x in scipy.__version__.split(".")[:2]) >= (1, 11)
import numba, numpy.ma as ma
@numba.njit
def total(x):
    return x.sum()
try:  # typed first as a masked array: numba's own refusal, numpy.ma imported now
    total(ma.array([1.0, 2.0]))
except numba.core.errors.NumbaTypeError as e:
    assert "MaskedArray" in str(e)
else:
    raise AssertionError("a masked array was typed")
assert total(np.arange(4.0)) == 6.0
print("OK")
"""
    )
    assert _run(code).strip().endswith("OK")


def test_a_numba_config_file_still_loads_yaml_when_opted_in(tmp_path: Path) -> None:
    (tmp_path / ".numba_config.yaml").write_text("warnings: 0\n")
    code = OPT_IN + "import numba, sys\nprint(type(sys.modules['yaml']).__name__)\n"
    env = {**os.environ, "PYTHONPATH": SRC}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split()[-1] == "module"  # PyYAML imported as numba does, not lazily


def test_cached_kernels_load_without_their_bitcode_and_still_link() -> None:
    # Opted in, a cached kernel's bitcode is parsed only when it is linked into new code; the
    # names numba would have recorded from it are recorded from the machine code; numba's
    # runtime library loads from its cache file in a second process.
    code = (
        OPT_IN
        + TINY_RUN
        + """
from flareup.sim import population
from flareup.sim.sim import warm_up
from numba.core.runtime import nrt
warm_up()
print("RUNTIME_CACHED", "_lazy_shared_bitcode" in nrt.rtsys.library.__dict__)
lib = next(iter(population._bin_right_into.overloads.values())).library
assert lib._shared_module is None and "_lazy_shared_bitcode" in lib.__dict__
engine = lib._codegen._engine
mod = lib._get_module_for_linking()
names = {g.name for gs in (mod.functions, mod.global_variables) for g in gs if not g.is_declaration}
assert names and names <= engine._defined_symbols, names - engine._defined_symbols
import numba
@numba.njit
def bins(cdf, u):
    out = np.empty(u.shape[0], np.int64)
    population._bin_right_into(cdf, u, out, np.empty(4 * cdf.shape[0] + 17, np.int64))
    return out
cdf, u = np.array([0.25, 0.75, 1.0]), np.array([0.1, 0.5, 0.75, 0.9])
assert (bins(cdf, u) == np.searchsorted(cdf, u, side="right")).all()
print("OK")
"""
    )
    _run(code)  # the runtime's cache file exists after this one
    out = _run(code).splitlines()
    assert "RUNTIME_CACHED True" in out and out[-1] == "OK"


@pytest.mark.parametrize(
    ("first", "preset", "expected"),
    [
        ("", {}, "False"),  # numpy not imported yet, nothing set: no huge-page advice
        ("import numpy\n", {}, "False"),  # imported already: numpy's own switch turned off
        ("", {"NUMPY_MADVISE_HUGEPAGE": "1"}, "True"),  # the caller's choice: left alone
        ("import numpy\n", {"NUMPY_MADVISE_HUGEPAGE": "1"}, "True"),
    ],
)
def test_opting_in_stops_numpys_huge_page_advice(
    first: str, preset: dict[str, str], expected: str
) -> None:
    code = (
        first
        + OPT_IN
        + "import numpy\nfrom numpy._core import multiarray\n"
        + "print(multiarray._get_madvise_hugepage())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    env.update(preset, PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split()[-1] == expected


def test_without_the_opt_in_numpy_keeps_its_huge_page_advice() -> None:
    code = "import flareup.sim\nfrom numpy._core import multiarray\n"
    code += "print(multiarray._get_madvise_hugepage())\n"
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    env.update(PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split()[-1] == "True"


def test_numbas_extension_search_llvmlites_library_and_jitclass_load_lazily_when_opted_in() -> None:
    # Opted in: numba's extension search reads the installed distributions' entry points
    # without importing importlib.metadata (none declares numba_extensions here), llvmlite
    # finds its library without importlib.resources, and numba.experimental (jitclass) loads
    # at its first use; each still works when used.
    code = (
        OPT_IN
        + TINY_RUN
        + """
import sys, importlib.util
from numba.core import entrypoints
lazy = {m: type(sys.modules[m]).__name__ for m in
        ("importlib.metadata", "importlib.resources", "numba.experimental", "locale", "html")
        if m in sys.modules}
assert all(v == "_LazyModule" for v in lazy.values()), lazy
assert entrypoints._already_initialized
import importlib.metadata as md
assert not list(md.entry_points(group="numba_extensions"))
import numba
from numba.experimental import jitclass
@jitclass([("x", numba.float64)])
class Box:
    def __init__(self, x):
        self.x = x
    def __len__(self):
        return 3
@numba.njit
def total(b):
    return len(b) + b.x
assert total(Box(2.0)) == 5.0
import html, locale
assert html.escape("<a>") == "&lt;a&gt;" and locale.getpreferredencoding()
print("OK")
"""
    )
    assert _run(code).strip().endswith("OK")


def test_a_numba_extension_is_still_initialised_when_opted_in(tmp_path: Path) -> None:
    # A distribution declaring numba_extensions' init: numba's own search runs and calls it.
    dist = tmp_path / "flareup_probe_ext-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: flareup-probe-ext\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[numba_extensions]\ninit = flareup_probe_ext:init\n")
    (tmp_path / "flareup_probe_ext.py").write_text(
        "import os\ndef init():\n    os.environ['FLAREUP_PROBE_EXT'] = 'called'\n"
    )
    code = OPT_IN + TINY_RUN + "import os\nprint('EXT', os.environ.get('FLAREUP_PROBE_EXT'))\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, str(tmp_path)])}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "EXT called" in out.stdout


def test_the_extension_search_defers_to_numbas_wherever_it_might_miss_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.machinery

    from flareup.sim import _startup

    # Only the standard path finder (a test session may have added finders of its own).
    monkeypatch.setattr(sys, "meta_path", [importlib.machinery.PathFinder])
    plain = tmp_path / "plain"
    (plain / "a-1.0.dist-info").mkdir(parents=True)
    (plain / "a-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\na = a:main\n")
    (plain / "b-2.0.dist-info").mkdir()  # no entry points at all
    (plain / "c.egg-info").write_text("Name: c\n")  # an egg-info file, not a directory
    monkeypatch.setattr(sys, "path", [str(plain), str(tmp_path / "missing")])
    assert _startup._no_numba_extensions()
    ext = tmp_path / "ext"
    (ext / "D-1.0.DIST-INFO").mkdir(parents=True)
    (ext / "D-1.0.DIST-INFO" / "entry_points.txt").write_text("[numba_extensions]\ninit = d:f\n")
    monkeypatch.setattr(sys, "path", [str(plain), str(ext)])
    assert not _startup._no_numba_extensions()
    (tmp_path / "dists.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(plain), str(tmp_path / "dists.zip")])
    assert not _startup._no_numba_extensions()  # a zip file: numba's own search
    (plain / "e-1.0.egg").mkdir()
    monkeypatch.setattr(sys, "path", [str(plain)])
    assert not _startup._no_numba_extensions()  # an egg: numba's own search

    class Finder:
        @staticmethod
        def find_distributions(*args: object, **kwargs: object) -> list:
            return []

    (plain / "e-1.0.egg").rmdir()
    assert _startup._no_numba_extensions()
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert not _startup._no_numba_extensions()  # a finder of its own: numba's own search


def test_numbas_casting_rules_from_the_cache_are_numbas_own() -> None:
    # Opted in, numba's casting rules (the closure of ~30 rules over the number types) are read
    # from a cache file once computed: the type graph and the type manager's answers for every
    # pair of numba's named types are those numba computes.
    code = (
        OPT_IN
        + """
import numba
from numba.core import types
from numba.core.typeconv import rules
from numba.core.typeconv.typeconv import TypeManager
from flareup.sim import _startup
fresh_tm = TypeManager()
fresh = rules._init_casting_rules(fresh_tm)
got = rules.default_casting_rules
assert type(got) is type(fresh)
def graph(r):
    fw = {a: dict(cs._rels) for a, cs in r._tg._forwards.items() if len(cs)}
    bw = {b: set(s) for b, s in r._tg._backwards.items() if s}
    return fw, bw
assert graph(got) == graph(fresh) and len(graph(got)[0]) > 10
named = {v for v in vars(types).values() if isinstance(v, types.Type)}
tm = rules.default_type_manager
for a in named:
    for b in named:
        assert tm.check_compatible(a, b) == fresh_tm.check_compatible(a, b), (a, b)
assert numba.njit(lambda x, y: x + y)(1, 2.5) == 3.5
print("CACHED", _startup._status()["rules_cached"])
"""
    )
    _run(code)  # computes and saves the rules where no cache file exists yet
    assert _run(code).strip().endswith("CACHED True")
