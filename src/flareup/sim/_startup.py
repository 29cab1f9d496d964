"""What a simulator process pays once, before its first day and after its last, made smaller.

A run of the simulator in a fresh process pays, besides its imports, fixed costs of numba, of
the C library and of numpy's memory advice
that have nothing to do with the simulation (measured by ``benchmarks/bench_startup.py``, row
"simulator process"):

1. **SciPy's linear algebra at numba's first kernel.** At the first call of any jitted function
   (compiled, or loaded from numba's on-disk cache) numba initialises its CPU target, which
   imports all of numba's implementation modules. One of them, ``numba.np.arraymath``, decides
   once whether ``np.dot`` and friends may call BLAS by *importing*
   ``scipy.linalg.cython_blas``, that is the whole of ``scipy.linalg`` (with SciPy 1.16 about
   0.2 s, more than all of flareup's kernels take to load). The simulator uses no linear
   algebra. :func:`install` registers an import hook that, when ``numba.np.arraymath`` is
   about to be imported, lets that one decision be made from whether SciPy's ``cython_blas``
   module is *installed* (a look at SciPy's files, nothing imported). numba's own check
   (``numba.np.linalg.ensure_blas``) is put back at once and still runs, importing SciPy, the
   first time a jitted function types ``np.dot``, ``np.linalg.*`` etc., exactly as before.
2. **Garbage collection over numba's registries.** numba's target leaves about 140,000
   long-lived objects (its typing and lowering registries), on top of the modules of numba and
   pandas. Every full collection traverses them all: a few during start-up, more whenever the
   process makes many Python objects (pandas work in synthesis and results), and several at
   exit, while the interpreter tears the modules down (0.3 s and more). When numba's first
   kernel has loaded (its global compiler lock released with the target initialised; numba's
   event API), everything moves to the permanent generation (``gc.freeze``), which later
   collections skip. From :func:`install` to then, automatic collection is paused: the
   imports of numba, pandas and the engine make ~160,000 objects, and the automatic
   collections over them cost ~60 ms CPU, to free what, in the simulator's process, is under
   a thousand objects of garbage (measured at the first kernel); that garbage is frozen with
   the rest. Where automatic collection was already off when :func:`install` was called (the
   caller's choice), the two young generations are collected before the freeze instead (a
   full collection traversed ~90,000 objects, ~28 ms, and found nothing more). So
   :func:`install` pays most when called before the heavy imports. At exit an
   ``atexit`` handler does the same once more (so the finalisers of whatever is garbage at exit
   still run, as the interpreter's own first collection would have run them), and the
   interpreter's teardown collections then skip everything. The cost: an object alive at one
   of those two moments that later becomes part of unreachable cyclic garbage is not reclaimed
   (reference counting still frees everything that is not in a cycle); at the first kernel that
   is the modules, numba's registries and the caller's inputs of that moment; and the cyclic
   garbage of start-up described above. A process that never runs a kernel after
   :func:`install` keeps automatic collection paused.

3. **numba's whole implementation registry at the first cached kernel.** Before loading a
   kernel from its on-disk cache, numba refreshes its CPU target: it imports every module of
   numba's typing and lowering (about sixty: unicode, typed containers, polynomials, random,
   linear algebra ...) and installs their registries, although a cached kernel is machine code
   that needs none of it (loading it needs the runtime's symbols and the modules its code
   refers to, which its cache entry imports itself). :func:`install` replaces
   ``numba.core.caching.Cache.load_overload`` with one that initialises numba's runtime (the
   first step of that refresh: the symbols cached code links to) and loads the kernel; on a
   cache miss it refreshes the target fully, as numba does, before numba compiles (the
   compiler refreshes again itself). Saves about 0.1 s of the first kernel's load; the machine
   code is the same, so results are unchanged. A cached kernel's entry also holds its LLVM
   bitcode, which numba parses at every load (a quarter of the kernels' loading time) although
   it serves only to link the kernel into code compiled later in the process, and whose symbol
   names numba records (which functions the process defines). :func:`install` also replaces
   ``CPUCodeLibrary._unserialize`` with one that records those names from the machine code's
   own symbol table (ELF) and parses the bitcode only when a library is linked into another
   (``_get_module_for_linking``); anything but an ELF object loads as numba loads it.
   Before the first kernel loads, numba compiles its runtime's helper functions (NRT, LLVM IR
   built in Python) through LLVM's whole pipeline, in every process (~30 ms of CPU);
   :func:`install`'s loader keeps their machine code in numba's way (a library serialised with
   its object code, as numba caches kernels) in a file beside flareup's cached kernels, keyed
   by a hash of that IR, numba's and llvmlite's versions and the CPU (numba's codegen
   ``magic_tuple``), and loads it from there when the key matches (numba's own compilation
   otherwise, whose result is then saved).

4. **Fresh pages for every large temporary.** glibc's malloc serves a request above its mmap
   threshold (128 KiB at first, raised to the largest freed block, at most 32 MiB) with a
   fresh mapping, and returns freed memory at the top of the heap to the kernel: population
   synthesis makes and drops dozens of arrays of a million entries, and every one is a new
   range of pages the kernel must fault in and zero (about 20,000 page faults). :func:`install`
   sets the threshold to glibc's maximum (32 MiB) and keeps freed memory in the heap
   (``mallopt``, glibc only), so the next temporary reuses pages already faulted in. The
   process's peak memory is unchanged (freed memory is kept, not more is taken).

5. **OpenBLAS's threads.** numpy's OpenBLAS starts a thread per core when numpy is imported,
   and they spin a while waiting for work (~0.07 s CPU and ~0.04 s wall of a simulator
   process's start on this 2-core machine, measured side by side), although the simulator
   calls no BLAS. Where numpy is not imported yet and no thread count is set
   (``OPENBLAS_NUM_THREADS``, ``GOTO_NUM_THREADS``, ``OMP_NUM_THREADS``), :func:`install` sets
   ``OPENBLAS_NUM_THREADS=1``; the processes this one starts (Dask's local workers) inherit it.
   Linear algebra in such a process still works, on one thread.

6. **What numba imports for nothing.** ``import numba`` imports SciPy's top-level package
   to check that its version is at least 1.0 (flareup itself requires ``scipy>=1.11``), and
   PyYAML, in case a ``.numba_config.yaml`` is in the working directory; the first argument
   typed from an array imports ``numpy.ma``, to refuse masked arrays (~25 ms). Together about
   0.06 s of CPU on this machine, for nothing a simulator process uses. Where numba is not
   imported yet, :func:`install` registers an import hook (:class:`_NumbaImports`) that, during
   numba's own import only: skips that SciPy check (``import scipy`` there raises
   ``ModuleNotFoundError``; SciPy stays importable, and is imported as before by whatever
   needs it); loads PyYAML lazily (``importlib.util.LazyLoader``: its code runs at the first
   use of one of its names, so a config file found later is still read; with a
   ``.numba_config.yaml`` in the working directory PyYAML is imported as before); and has
   numba type an array without ``numpy.ma`` while ``numpy.ma`` is not imported (no masked
   array can exist before it is; once it is, numba's own function runs).

7. **Huge pages zeroed for the simulator's arrays.** numpy asks the kernel for transparent
   huge pages (``madvise(MADV_HUGEPAGE)``) for every array of 4 MiB or more, so the first touch
   of each 2 MiB of a fresh array faults in and zeroes a whole huge page. On this machine (a
   virtual machine, kernel 6.18, THP in ``madvise`` mode) that zeroing was the largest single
   item of a 1,000,000-agent run's timed work: ``perf record`` of synthesis + initialisation +
   run put ~30 % of its samples in the kernel's ``clear_page_erms`` under huge-page faults,
   ~1 % with ordinary 4 KiB pages, for about the same peak memory (the pages are touched either
   way; a fresh huge page costs more to get than 512 small ones here). The run's own code then
   meets more TLB misses, but costs less in total (docs/methods/sim.md, "Speed").
   Where neither numpy nor the caller has decided (``NUMPY_MADVISE_HUGEPAGE`` unset),
   :func:`install` sets ``NUMPY_MADVISE_HUGEPAGE=0`` before numpy is imported (processes it
   starts inherit it, as with item 5), or, where numpy is already imported, turns the advice
   off through numpy's own switch. Results are unchanged: only how the kernel backs the arrays.

8. **What numba and llvmlite import for one lookup each.** numba's first kernel runs its
   extension search (``numba.core.entrypoints.init_all``: every installed distribution's
   entry points, through ``importlib.metadata``, which imports the ``email`` package to read
   metadata; ~17 ms of CPU for the import and the search); llvmlite finds its shared library
   through ``importlib.resources`` (~5 ms); ``from numba import experimental`` imports
   jitclass and its overloads (~4 ms); ``numba.core.codegen`` imports ``locale`` and ``html``
   for its debug output (~4 ms); a simulator process uses none of them. Where numba is not
   imported yet, :class:`_NumbaImports` loads those modules lazily during numba's import (``importlib.util.LazyLoader``: their code runs at the first use of one of their
   names, so whatever uses them later gets them as before), has llvmlite open its library as
   the file its wheel installs beside ``llvmlite.binding`` (llvmlite's own lookup where that
   file is missing), and the extension search first reads the ``entry_points.txt`` of each
   ``*.dist-info`` / ``*.egg-info`` directory on ``sys.path`` itself
   (:func:`_no_numba_extensions`): where none names ``numba_extensions`` the search is done
   (numba's flag set, as numba's search finding nothing sets it); where one does, or
   wherever this look might miss one (a zip file or an egg on the path, a finder on
   ``sys.meta_path`` that finds distributions itself), numba's own search runs, as before.

9. **numba's casting rules computed at every import.** ``numba.core.typeconv.rules`` closes
   about thirty casting rules between the number types over a type graph in Python at import
   (~6-10 ms of CPU here). :class:`_NumbaImports` runs that module with numba's
   ``TypeCastingRules`` standing in as a log of the calls its ``_init_casting_rules`` makes
   (:class:`_RulesLog`); where a cache file beside flareup's (:func:`_cache_dir`) holds the
   closure for exactly those calls and this numba version, the type graph and the type
   manager's entries (set in numba's order) are read from it; otherwise numba's own
   ``TypeCastingRules`` makes the logged calls (numba's computation) and the result is saved.
   A test compares the graph and the type manager's answer for every pair of numba's named
   types with numba's own computation.

All are opt-in (:func:`flareup.sim.streamline_process`, called by the ``flareup simulate`` and
``flareup calibrate`` commands and by the benchmarks' simulator processes): a library must not
change the garbage collection of a long-lived process that merely imports it. Both apply only
once numba has initialised its target in this process; neither is an environment setting.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

_ARRAYMATH = "numba.np.arraymath"
_installed: list[bool] = []


def _scipy_blas_installed() -> bool:
    """Whether ``scipy.linalg.cython_blas`` exists, found without importing SciPy."""
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("scipy")
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any(
        (Path(loc) / "linalg" / f"cython_blas{suffix}").is_file()
        for loc in spec.submodule_search_locations
        for suffix in suffixes
    )


class _BlasProbe:
    """Meta-path hook (a finder that never finds: importlib.abc, which would import
    importlib.resources, is not needed): just before ``numba.np.arraymath`` is imported, swap
    numba's BLAS probe for one that looks for SciPy's file; the swap undoes itself at its first
    call."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname != _ARRAYMATH:
            return None
        _remove_hook()
        try:
            import numba.np.linalg as linalg
        except Exception:  # never break numba's own import over an optimisation
            return None
        original: Any = linalg.ensure_blas

        def ensure_blas_installed() -> None:
            # Called once, by arraymath's module-level _check_blas(): restore numba's probe
            # everywhere it was bound, then answer from the files. Called by anything else
            # (arraymath's import failed, or a numba without that module-level check), it is
            # numba's own probe.
            linalg.ensure_blas = original
            arraymath = sys.modules.get(_ARRAYMATH)
            if arraymath is not None and getattr(arraymath, "ensure_blas", None) is probe:
                arraymath.ensure_blas = original  # type: ignore[attr-defined]
            spec = getattr(arraymath, "__spec__", None)
            if not getattr(spec, "_initializing", False):
                original()
            elif not _scipy_blas_installed():
                raise ImportError("scipy.linalg.cython_blas is not installed")

        probe = ensure_blas_installed
        linalg.ensure_blas = probe
        return None  # the ordinary finders import arraymath


def _initializing(name: str) -> bool:
    """Whether module ``name`` is being imported (in sys.modules, its code still running)."""
    module = sys.modules.get(name)
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))


_TYPEOF = "numba.core.typing.typeof"
_METADATA = "importlib.metadata"
_ENTRYPOINTS = "numba.core.entrypoints"
_RESOURCES = "importlib.resources"
_FFI = "llvmlite.binding.ffi"
_EXPERIMENTAL = "numba.experimental"
_CODEGEN = "numba.core.codegen"
_CODEGEN_LAZY = ("locale", "html")
_RULES = "numba.core.typeconv.rules"


class _NumbaImports:
    """Meta-path hook for numba's own import (items 6, 8 and 9 of the module docstring): skips
    numba's SciPy version check, loads PyYAML lazily for numba's config, makes numba type arrays
    without ``numpy.ma``, loads ``importlib.metadata``, ``importlib.resources`` and
    ``numba.experimental`` lazily, and reads numba's casting rules from a cache file;
    :func:`install` removes it once numba is imported."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> Any:
        if fullname == "scipy":
            # numba/__init__'s dependency check runs before numba._version is imported.
            if _initializing("numba") and "numba._version" not in sys.modules:
                raise ModuleNotFoundError("numba's SciPy version check skipped", name="scipy")
            return None
        if fullname == "yaml":
            if not _initializing("numba.core.config") or _numba_config_file():
                return None
            return self._lazy_spec(fullname)
        if fullname == _METADATA:
            # numba.core.entrypoints imports it to look for extensions (item 8), as does
            # nothing else a simulator process runs: loaded at its first use.
            if not _initializing(_ENTRYPOINTS):
                return None
            return self._lazy_spec(fullname)
        if fullname == _RESOURCES:
            # llvmlite.binding.ffi imports it to find its own shared library (item 8).
            if not _initializing(_FFI):
                return None
            return self._lazy_spec(fullname)
        if fullname in _CODEGEN_LAZY:
            # numba.core.codegen imports them for its debug output (an escaped CFG, the
            # locale's encoding of a dump): loaded at their first use (item 8).
            if not _initializing(_CODEGEN):
                return None
            return self._lazy_spec(fullname)
        if fullname == _EXPERIMENTAL:
            # `from numba import experimental` (jitclass and its overloads, item 8): loaded
            # when a name of it is first used.
            if not _initializing("numba"):
                return None
            return self._lazy_spec(fullname)
        if fullname == _FFI:
            return self._patched_spec(fullname, path, _find_llvmlite_without_resources)
        if fullname == _RULES:
            return self._patched_spec(fullname, path, None, _exec_rules_from_cache)
        if fullname == _TYPEOF:
            return self._patched_spec(fullname, path, _type_arrays_without_masked)
        return None

    def _remove(self) -> None:
        sys.meta_path[:] = [f for f in sys.meta_path if f is not self]

    def _lazy_spec(self, fullname: str) -> Any:
        import importlib.util

        self._remove()  # the ordinary finders find it (this hook is out of this lookup)
        try:
            spec = importlib.util.find_spec(fullname)
            loader: Any = getattr(spec, "loader", None)
            if spec is None or not hasattr(loader, "exec_module"):
                return spec
            spec.loader = importlib.util.LazyLoader(loader)
            return spec
        finally:
            sys.meta_path.insert(0, self)

    def _patched_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        patch: Callable[[ModuleType], None] | None,
        around: Callable[[ModuleType, Callable[[ModuleType], None]], None] | None = None,
    ) -> Any:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        loader: Any = getattr(spec, "loader", None)
        if spec is None or not hasattr(loader, "exec_module"):
            return spec  # not numba's usual layout: left alone
        original_exec = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            if around is not None:
                around(module, original_exec)
            else:
                original_exec(module)
            if patch is not None:
                patch(module)

        # An instance attribute: the module's own loader object, only this once.
        loader.exec_module = exec_module
        return spec


def _numba_config_file() -> bool:
    import os

    return os.path.isfile(".numba_config.yaml")  # numba.core.config._config_fname


class _NoMaskedArrays:
    """Stands for ``numpy.ma`` where it is not imported: no object is a MaskedArray then."""

    class MaskedArray:
        pass


class _NumpyWithoutMa:
    """numpy, except that ``.ma`` does not import ``numpy.ma`` (see _NoMaskedArrays)."""

    ma = _NoMaskedArrays

    def __getattr__(self, name: str) -> Any:
        import numpy

        return getattr(numpy, name)


def _type_arrays_without_masked(typeof: ModuleType) -> None:
    """Register, in numba's ``typeof`` module, an array typing function that runs numba's own
    code, with ``np.ma`` answered without importing ``numpy.ma`` while it is not imported."""
    import types

    try:
        import numpy

        impl: Any = typeof.typeof_impl  # type: ignore[attr-defined]
        original: Any = impl.dispatch(numpy.ndarray)
        code = original.__code__
    except Exception:  # never break numba over an optimisation
        return
    if "ma" not in code.co_names or code.co_freevars:
        return  # not the function this was written against
    light = types.FunctionType(
        code, {**original.__globals__, "np": _NumpyWithoutMa()}, original.__name__
    )

    def typeof_ndarray(val: Any, c: Any) -> Any:
        if "numpy.ma" in sys.modules:
            return original(val, c)
        return light(val, c)

    impl.register(numpy.ndarray)(typeof_ndarray)


def _find_llvmlite_without_resources(ffi: ModuleType) -> None:
    """Have llvmlite find its shared library as a file of its package's directory (where its
    wheel installs it) without ``importlib.resources`` (item 8); llvmlite's own lookup where
    the file is not there (a zipped or otherwise unusual install)."""
    import contextlib
    import os

    original: Any = getattr(ffi, "_importlib_resources_path", None)
    if original is None:
        return  # not the llvmlite this was written against

    def library_path(package: str, resource: str) -> Any:
        module = sys.modules.get(package)
        where = os.path.dirname(getattr(module, "__file__", None) or "")
        path = os.path.join(where, resource)
        if where and os.path.isfile(path):
            return contextlib.nullcontext(path)
        return original(package, resource)

    ffi._importlib_resources_path = library_path  # type: ignore[attr-defined]


class _RulesLog:
    """Stands for numba's ``TypeCastingRules`` while ``numba.core.typeconv.rules`` runs: the
    calls its ``_init_casting_rules`` makes are logged, not computed (item 9)."""

    def __init__(self, tm: Any) -> None:
        self.tm = tm
        self.calls: list[tuple[str, Any, Any]] = []

    def __getattr__(self, method: str) -> Callable[[Any, Any], None]:
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda a, b: self.calls.append((method, a, b))


def _exec_rules_from_cache(module: ModuleType, original_exec: Callable[[ModuleType], None]) -> None:
    """Run ``numba.core.typeconv.rules`` with its casting rules' closure (the type graph and
    the type manager's entries) read from a cache file where the module asks for the same rules
    of the same numba (item 9); numba's own computation otherwise, its result then saved."""
    import os
    import pickle

    try:
        typeconv: Any = importlib.import_module("numba.core.typeconv.typeconv")
        real = typeconv.TypeCastingRules
    except Exception:  # never break numba over an optimisation
        original_exec(module)
        return
    typeconv.TypeCastingRules = _RulesLog
    try:
        original_exec(module)
    finally:
        typeconv.TypeCastingRules = real
    mod: Any = module
    if getattr(mod, "TypeCastingRules", None) is _RulesLog:
        mod.TypeCastingRules = real  # the module's own name, for whoever calls it later
    log = getattr(mod, "default_casting_rules", None)
    if not isinstance(log, _RulesLog):
        return  # not the module this was written against: numba computed them itself
    tm = log.tm
    key: str | None = None
    try:
        import numba

        types: Any = importlib.import_module("numba.core.types")
        names = {id(v): k for k, v in vars(types).items() if isinstance(v, types.Type)}
        key_calls = [(m, names[id(a)], names[id(b)]) for m, a, b in log.calls]
        key = repr((numba.__version__, key_calls))
        path = _cache_dir() / "numba-casting-rules.pkl"
    except Exception:  # a type without a name: computed, not cached
        key = None
    if key is not None:
        try:
            saved = pickle.loads(path.read_bytes())
            if saved[0] == key:
                tcr = real(tm)
                tg, conv = tcr._tg, importlib.import_module("numba.core.typeconv").Conversion
                for a, rels in saved[1]:
                    cast_set = tg._forwards[getattr(types, a)]
                    for b, rel in rels:
                        cast_set._rels[getattr(types, b)] = conv(rel)
                for b, froms in saved[2]:
                    tg._backwards[getattr(types, b)].update(getattr(types, a) for a in froms)
                for a, b, rel in saved[3]:  # the type manager's entries, in numba's order
                    tm.set_compatible(getattr(types, a), getattr(types, b), conv(rel))
                mod.default_casting_rules = tcr
                _rules_cached.append(True)
                return
        except Exception:  # no cache file, or not one of ours: computed (and saved)
            pass
    tcr = real(tm)
    updates: list[tuple[Any, Any, Any]] = []
    update = tcr._cb_update

    def logged_update(a: Any, b: Any, rel: Any) -> None:
        updates.append((a, b, rel))
        update(a, b, rel)

    tcr._tg._callback = logged_update
    for method, a, b in log.calls:  # _init_casting_rules' calls, in its order
        getattr(tcr, method)(a, b)
    tcr._tg._callback = update
    mod.default_casting_rules = tcr
    if key is None:
        return
    try:
        tg = tcr._tg
        state = (
            key,
            [
                (names[id(a)], [(names[id(b)], int(r)) for b, r in cs._rels.items()])
                for a, cs in tg._forwards.items()
            ],
            [(names[id(b)], [names[id(a)] for a in froms]) for b, froms in tg._backwards.items()],
            [(names[id(a)], names[id(b)], int(r)) for a, b, r in updates],
        )
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(state))
        os.replace(tmp, path)
    except Exception:  # a type without a name, a read-only checkout: computed next time
        pass


#: Set where the casting rules were read from the cache file (item 9).
_rules_cached: list[bool] = []


def _cache_dir() -> Any:
    """Where flareup keeps numba's runtime and casting rules (numba's cache directory if set)."""
    from pathlib import Path

    config: Any = importlib.import_module("numba.core.config")
    return Path(config.CACHE_DIR) if config.CACHE_DIR else Path(__file__).parent / "__pycache__"


def _no_numba_extensions() -> bool:
    """Whether no installed distribution can declare a ``numba_extensions`` entry point: the
    directories on ``sys.path`` searched as ``importlib.metadata`` searches them, each
    ``*.dist-info`` / ``*.egg-info``'s ``entry_points.txt`` read for that group's name. False
    (numba's own search then runs) wherever this search might miss one: a finder on
    ``sys.meta_path`` that finds distributions itself, a zip file or an egg on the path, a
    file that names the group."""
    import os

    for finder in sys.meta_path:
        if finder is importlib.machinery.PathFinder or isinstance(
            finder, _BlasProbe | _NumbaImports
        ):
            continue
        if hasattr(finder, "find_distributions"):
            return False
    for entry in sys.path:
        root = entry or "."
        try:
            with os.scandir(root) as it:
                names = [e.name for e in it]
        except (FileNotFoundError, PermissionError):
            continue  # importlib.metadata finds nothing there either
        except OSError:
            return False  # a zip file (or anything else): numba's own search
        for name in names:
            low = name.lower()
            if low.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(root, name, "entry_points.txt"), "rb") as f:
                        if b"numba_extensions" in f.read():
                            return False
                except (FileNotFoundError, NotADirectoryError):
                    continue
                except OSError:
                    return False
            elif low.endswith(".egg"):
                return False
    return True


#: numba's own ``entrypoints.init_all`` while :func:`_install_light_entrypoints` replaces it.
_numba_init_all: list[Any] = []


def _install_light_entrypoints() -> None:
    """Item 8: numba's extension search at its first kernel without ``importlib.metadata``
    where no distribution can declare an extension; numba's own search otherwise."""
    try:
        entrypoints: Any = importlib.import_module(_ENTRYPOINTS)
        original = entrypoints.init_all
    except Exception:  # never break numba over an optimisation
        return
    if _numba_init_all or not hasattr(entrypoints, "_already_initialized"):
        return

    def init_all() -> None:
        if entrypoints._already_initialized:
            return
        if _no_numba_extensions():
            entrypoints._already_initialized = True  # as numba's search finding none
            return
        original()

    _numba_init_all.append(original)
    entrypoints.init_all = init_all


def _remove_hook() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _BlasProbe)]


def _collect_and_freeze(generation: int = 2) -> None:
    gc.collect(generation)
    gc.freeze()


#: Set while :func:`install` has paused automatic collection, until the first kernel.
_paused: list[bool] = []


def _resume() -> None:
    if _paused:
        _paused.clear()
        gc.enable()


def _freeze_after_first_kernel() -> bool:
    """Collect and freeze once numba's global compiler lock is released with its target
    initialised (the end of the first kernel's compilation or load from the cache); False if
    this numba has no event API to tell when."""
    try:  # typed Any: numba ships no type hints
        event: Any = importlib.import_module("numba.core.event")
        lock: Any = importlib.import_module("numba.core.compiler_lock").global_compiler_lock
    except Exception:  # numba without its event API: only the exit handler applies
        return False

    class FreezeWhenUnlocked(event.Listener):  # type: ignore[misc]
        def on_start(self, ev: Any) -> None:
            pass

        def on_end(self, ev: Any) -> None:
            if lock.is_locked() or not _target_started():
                return  # a nested release, or the target still initialising
            event.unregister("numba:compiler_lock", self)
            if _paused:  # nothing collected since the pause: its garbage is frozen with the rest
                gc.freeze()
                _resume()
            else:
                _collect_and_freeze(1)

    event.register("numba:compiler_lock", FreezeWhenUnlocked())
    return True


def _target_started() -> bool:
    """Whether numba's CPU target has started in this process: fully (its registries, with
    ``numba.np.arraymath``) or to load a cached kernel (:func:`_load_overload`)."""
    return _ARRAYMATH in sys.modules or bool(_kernel_loaded)


def _freeze_at_exit() -> None:
    if not _target_started():  # numba's target never started: nothing to skip
        return
    _collect_and_freeze()


#: numba's own ``Cache.load_overload`` while :func:`_load_overload` replaces it (empty if not).
_numba_loader: list[Any] = []
#: Set once a kernel has loaded through :func:`_load_overload`.
_kernel_loaded: list[bool] = []


def _initialize_runtime(target_context: Any) -> None:
    """``rtsys.initialize(target_context)`` with the runtime library's machine code cached
    (item 3 of the module docstring); numba's own where anything is not as expected."""
    nrt: Any = importlib.import_module("numba.core.runtime.nrt")
    rtsys = nrt.rtsys
    if getattr(rtsys, "_init", True):
        return
    try:
        library = _cached_runtime_library(nrt, target_context)
    except Exception:  # never break numba over an optimisation
        library = None
    if library is None:
        rtsys.initialize(target_context)
        return
    rtsys._library = library
    rtsys._init = True


def _cached_runtime_library(nrt: Any, ctx: Any) -> Any:
    """numba.core.runtime.nrt._Runtime.initialize's work (the C helpers' symbols, then the
    runtime's library), its library loaded from, or compiled and saved to, the cache file."""
    import hashlib
    import os
    import pickle
    from pathlib import Path

    import llvmlite
    import numba

    config, c_helpers, ll = nrt.config, nrt._nrt.c_helpers, nrt.ll
    if config.NRT_STATS:
        return None  # numba's own path
    for py_name in c_helpers:  # as numba registers them
        ll.add_symbol(py_name if py_name.startswith("_") else "NRT_" + py_name, c_helpers[py_name])
    ir_mod, library = nrt.nrtdynmod.create_nrt_module(ctx)
    codegen = ctx.codegen()
    key = hashlib.sha256(
        repr((numba.__version__, llvmlite.__version__, codegen.magic_tuple(), config.OPT)).encode()
        + str(ir_mod).encode()
    ).hexdigest()[:32]
    cache_dir = (
        Path(config.CACHE_DIR) if config.CACHE_DIR else Path(__file__).parent / "__pycache__"
    )
    path = cache_dir / f"numba-runtime-{key}.pkl"
    try:
        state = pickle.loads(path.read_bytes())
        if state[0] == library.name and state[1] == "object":
            return codegen.unserialize_library(state)
    except Exception:  # missing, unreadable or not ours: compile
        pass
    library.enable_object_caching()
    library.add_ir_module(ir_mod)
    library.finalize()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(library.serialize_using_object_code()))
        os.replace(tmp, path)
    except OSError:  # a read-only checkout: compiled again next time
        pass
    return library


def _load_overload(self: Any, sig: Any, target_context: Any) -> Any:
    """``numba.core.caching.Cache.load_overload`` without the target's refresh before a
    cached kernel loads (item 3 of the module docstring); a miss refreshes, as numba would."""
    _initialize_runtime(target_context)  # the runtime's symbols, which cached code links to
    # Loading imports the numba modules the kernel's code refers to (tens of thousands of
    # objects): no automatic collection in between (one traversed everything, ~25 ms); the
    # first kernel's collect-and-freeze follows at once.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with self._guard_against_spurious_io_errors():
            data = self._load_overload(sig, target_context)
    finally:
        if enabled:
            gc.enable()
    if data is None:  # not cached (or stale): numba compiles, with its registries
        target_context.refresh()
    elif not _kernel_loaded:
        _kernel_loaded.append(True)
    return data


def _elf_defined_symbols(obj: bytes) -> set[str] | None:
    """The names an ELF64 little-endian object file defines (its symbol table: every symbol
    with a section), or None where ``obj`` is not such a file."""
    import struct

    try:
        if obj[:4] != b"\x7fELF" or obj[4] != 2 or obj[5] != 1:
            return None
        (shoff,) = struct.unpack_from("<Q", obj, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", obj, 0x3A)
        for i in range(shnum):
            sh = shoff + i * shentsize
            if struct.unpack_from("<I", obj, sh + 4)[0] != 2:  # SHT_SYMTAB
                continue
            sym_off, sym_size = struct.unpack_from("<QQ", obj, sh + 0x18)
            (link,) = struct.unpack_from("<I", obj, sh + 0x28)
            (entsize,) = struct.unpack_from("<Q", obj, sh + 0x38)
            (str_off,) = struct.unpack_from("<Q", obj, shoff + link * shentsize + 0x18)
            names = set()
            table = obj[sym_off + entsize : sym_off + sym_size]  # entry 0 is the null symbol
            for st_name, _info, _other, st_shndx, _value, _size in struct.iter_unpack(
                "<IBBHQQ", table
            ):
                if st_shndx and st_name:  # defined (not SHN_UNDEF), named
                    start = str_off + st_name
                    names.add(obj[start : obj.index(b"\0", start)].decode())
            return names
    except (struct.error, ValueError, IndexError, UnicodeDecodeError):
        return None
    return None


#: numba's own ``CPUCodeLibrary._unserialize`` and ``_get_module_for_linking`` while
#: :func:`_install_lazy_linking` replaces them.
_numba_codelib: list[Any] = []


def _install_lazy_linking() -> None:
    """Item 3's second part: cached libraries load without parsing their bitcode."""
    try:
        codegen: Any = importlib.import_module("numba.core.codegen")
        lib_cls = codegen.CPUCodeLibrary
        unserialize = lib_cls.__dict__["_unserialize"].__func__
        for_linking = lib_cls.__dict__["_get_module_for_linking"]
    except Exception:  # never break numba over an optimisation
        return
    ll = codegen.ll

    def _unserialize(cls: Any, cg: Any, state: Any) -> Any:
        name, kind, data = state
        names = _elf_defined_symbols(data[0]) if kind == "object" else None
        if names is None:
            return unserialize(cls, cg, state)
        object_code, shared_bitcode = data
        self = cg.create_library(name)
        self.enable_object_caching()
        self._set_compiled_object(object_code)
        self._lazy_shared_bitcode = shared_bitcode  # parsed if it is ever linked in
        self._finalize_final_module()
        cg._engine._defined_symbols |= names  # numba records them from the bitcode
        return self

    def _get_module_for_linking(self: Any) -> Any:
        bitcode = self.__dict__.pop("_lazy_shared_bitcode", None)
        if bitcode is not None and self._shared_module is None:
            self._shared_module = ll.parse_bitcode(bitcode)
        return for_linking(self)

    _numba_codelib.extend((unserialize, for_linking))
    lib_cls._unserialize = classmethod(_unserialize)
    lib_cls._get_module_for_linking = _get_module_for_linking


def _install_loader() -> None:
    try:
        caching: Any = importlib.import_module("numba.core.caching")
    except Exception:  # never break numba over an optimisation
        return
    cache_cls = caching.Cache
    original = cache_cls.__dict__.get("load_overload")
    # Only over the numba this was written against (load_overload: refresh, then load).
    if original is None or not hasattr(cache_cls, "_load_overload"):
        return
    _numba_loader.append(original)
    cache_cls.load_overload = _load_overload
    _install_lazy_linking()
    _install_light_entrypoints()


def _restore_loader() -> None:
    """Put numba's own ``Cache.load_overload`` back (benchmarks, tests)."""
    if _numba_loader:
        importlib.import_module("numba.core.caching").Cache.load_overload = _numba_loader.pop()
    if _numba_codelib:
        for_linking = _numba_codelib.pop()
        unserialize = _numba_codelib.pop()
        lib_cls = importlib.import_module("numba.core.codegen").CPUCodeLibrary
        lib_cls._unserialize = classmethod(unserialize)
        lib_cls._get_module_for_linking = for_linking
    if _numba_init_all:
        entrypoints: Any = importlib.import_module(_ENTRYPOINTS)
        entrypoints.init_all = _numba_init_all.pop()


#: glibc's mallopt parameters (malloc.h) and the largest mmap threshold it accepts on 64 bits.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024


def _keep_freed_memory() -> bool:
    """Item 4 of the module docstring; False where the C library is not glibc."""
    import ctypes
    import os

    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):  # glibc answers "glibc 2.x"
            return False
        libc = ctypes.CDLL(None)  # the process's own symbols, glibc's among them
        ok = libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
        return bool(ok and libc.mallopt(_M_TRIM_THRESHOLD, 1 << 30))
    except (ValueError, OSError, AttributeError):
        return False


_BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _single_thread_blas() -> bool:
    """Item 5 of the module docstring; False where numpy is imported or a count is set."""
    import os

    if "numpy" in sys.modules or any(v in os.environ for v in _BLAS_THREAD_VARS):
        return False
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    return True


_HUGEPAGE_VAR = "NUMPY_MADVISE_HUGEPAGE"


def _small_pages_for_numpy() -> bool:
    """Item 7 of the module docstring; False where the caller set ``NUMPY_MADVISE_HUGEPAGE``
    or numpy has no switch for it."""
    import os

    if _HUGEPAGE_VAR in os.environ:
        return False  # the caller's choice
    numpy = sys.modules.get("numpy")
    if numpy is None:
        os.environ[_HUGEPAGE_VAR] = "0"  # read once, by numpy's import
        return True
    multiarray = sys.modules.get("numpy._core.multiarray") or sys.modules.get(
        "numpy.core.multiarray"
    )
    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    if switch is None:
        return False
    switch(False)
    return True


def install() -> None:
    """Install the import hook and the exit handler (once per process; idempotent)."""
    if _installed:
        return
    _installed.append(True)
    _single_thread_blas()  # before numba, which imports numpy
    _small_pages_for_numpy()  # likewise
    if gc.isenabled():  # item 2: no automatic collection until the first kernel
        gc.disable()
        _paused.append(True)
    if _ARRAYMATH not in sys.modules:
        sys.meta_path.insert(0, _BlasProbe())
    if "numba" not in sys.modules:
        sys.meta_path.insert(0, _NumbaImports())
    _install_loader()  # imports numba
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _NumbaImports)]
    if not _freeze_after_first_kernel():
        _resume()
    _keep_freed_memory()
    atexit.register(_freeze_at_exit)


def _status() -> dict[str, Any]:
    """For tests: whether the hook still waits, SciPy's linalg is loaded, objects are frozen."""
    return {
        "hook_waiting": any(isinstance(f, _BlasProbe) for f in sys.meta_path),
        "numba_hook_waiting": any(isinstance(f, _NumbaImports) for f in sys.meta_path),
        "scipy_linalg_loaded": "scipy.linalg" in sys.modules,
        "frozen": gc.get_freeze_count(),
        "light_loader": bool(_numba_loader),
        "rules_cached": bool(_rules_cached),
    }
