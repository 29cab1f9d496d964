"""The situation room's speed: API latency against a live server and the one-file report.

1. The 1,000,000-case / 100,000-count registry of ``bench_registry`` (SQLite), served by
   ``flareup serve`` (uvicorn, its own process) on 127.0.0.1: 50 requests each to
   ``/api/overview`` and ``/api/rt`` (the default date: the last with data), after one warm-up
   request each (its time is printed too: the first view of a date computes the page, later
   ones come from the per-date cache until the registry changes). Target (issue 8): p95 < 200 ms.
2. ``write_report`` for Kashgar Prefecture on the bundled Kashgar 2020 registry (target < 5 s),
   and on the large registry.

Prints figures only; asserts nothing. ``--quick`` uses a tenth of the rows.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_registry import PREF, _vt, make_data
from flareup.ingest.model import TableKind
from flareup.registry import Registry


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _load(url: str, scale: int) -> None:
    data = make_data(1_000_000 // scale, 100_000 // scale)
    reg = Registry(url)
    try:
        reg.import_table(_vt(TableKind.AREAS, data["areas"], "areas.csv"))
        reg.import_table(_vt(TableKind.COUNTS, data["counts"], "counts.csv"))
        reg.import_table(_vt(TableKind.CASES, data["cases"], "linelist.csv"))
    finally:
        reg.close()


def _serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    cmd = [sys.executable, "-c", "from flareup.cli import main; main()", "serve", "--db", url]
    cmd += ["--port", str(port)]
    cmd.append("--no-simulate")
    env = dict(os.environ, FLAREUP_TOKEN="")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/areas", timeout=5)
            return proc, base
        except httpx.TransportError:
            if proc.poll() is not None:
                raise RuntimeError("flareup serve exited") from None
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("flareup serve did not start")


def _latency(client: httpx.Client, path: str, n: int) -> None:
    t0 = time.perf_counter()
    r = client.get(path)
    first = time.perf_counter() - t0
    r.raise_for_status()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        client.get(path).raise_for_status()
        times.append(time.perf_counter() - t)
    times.sort()
    p95 = times[max(0, round(0.95 * n) - 1)]
    print(
        f"  GET {path:16s} first {first * 1000:8.0f} ms | {n} more: median "
        f"{statistics.median(times) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms, max "
        f"{times[-1] * 1000:6.1f} ms (target p95 < 200 ms)",
        flush=True,
    )


def _report(url: str, label: str, area: str) -> None:
    from flareup.report.html import write_report

    reg = Registry(url)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t, c = time.perf_counter(), time.process_time()
            out = write_report(reg, Path(tmp) / "report.html", area=area)
            dt, cpu = time.perf_counter() - t, time.process_time() - c
            size = out.stat().st_size
    finally:
        reg.close()
    # CPU time beside wall time: on a shared machine the wall time includes waiting for a core
    print(
        f"  report {label}: {dt:5.2f} s wall, {cpu:5.2f} s CPU, {size / 1e6:.1f} MB "
        f"(target < 5 s; load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def _report_cli(url: str, area: str) -> None:
    """``flareup report`` start to finish (a new process: imports included), and the import
    of ``flareup.cli`` alone."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-c", "from flareup.cli import main; main()", "report"]
        cmd += ["--db", url, "--area", area, "--out", str(Path(tmp) / "r.html")]
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        total = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import flareup.cli"], check=True)
        imp = time.perf_counter() - t
    print(
        f"  flareup report --area {area}: {total:5.2f} s start to finish (python + import of "
        f"flareup.cli alone: {imp:4.2f} s; load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def _demo(url: str) -> None:
    from flareup.data.kashgar_2020 import IMPORT_ORDER, files
    from flareup.ingest.tables import read_table

    reg = Registry(url)
    try:
        for kind in IMPORT_ORDER:
            p = files()[kind]
            assert isinstance(p, Path)
            reg.import_table(read_table(p, kind))
    finally:
        reg.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--other-python", default=None, help="ignored (no comparison tool)")
    parser.add_argument("-n", type=int, default=50, help="requests per endpoint")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    with tempfile.TemporaryDirectory() as tmp:
        demo = f"sqlite:///{Path(tmp) / 'kashgar.db'}"
        _demo(demo)
        _report(demo, "Kashgar Prefecture, bundled Kashgar 2020 registry", "653100")
        _report_cli(demo, "653100")
        big = f"sqlite:///{Path(tmp) / 'big.db'}"
        t = time.perf_counter()
        _load(big, scale)
        print(
            f"  loaded {1_000_000 // scale:,} cases + {100_000 // scale:,} counts in "
            f"{time.perf_counter() - t:.1f} s",
            flush=True,
        )
        proc, base = _serve(big)
        try:
            with httpx.Client(base_url=base, timeout=900) as client:
                for path in ("/api/overview", "/api/rt"):
                    _latency(client, path, args.n)
        finally:
            proc.terminate()
            proc.wait(30)
        _report(big, f"prefecture {PREF}, {1_000_000 // scale:,}-case registry", PREF)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
