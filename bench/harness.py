"""Side-by-side benchmark harness: each measurement runs in a fresh process.

A benchmark module defines cases as functions `case(lib, args) -> callable`
that prepare their input (untimed) and return the operation to time. The
harness runs every case for rrflow and for rerun-sdk in separate child
processes (so peak RSS is per library and per case), repeats the timed
operation, and prints the median times, the speed-up and both peak RSS.
It also prints each library's median CPU time (all threads of the process):
on a machine shared with other work, wall times swing while CPU times show
the work done.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def load_library(name: str) -> ModuleType:
    """The rerun.experimental-compatible module of `name` ("rrflow" or "rerun")."""
    if name == "rrflow":
        import rrflow

        return rrflow
    import rerun.experimental as rrx

    return rrx


def _worker(module: ModuleType, case: str, library: str, repeat: int, extra: dict[str, Any]) -> None:
    prepare: Callable[..., Callable[[], object]] = getattr(module, f"case_{case}")
    operation = prepare(load_library(library), extra)
    samples = []
    cpu_samples = []
    for _ in range(repeat):
        cpu_start = _cpu_seconds()
        start = time.perf_counter()
        operation()
        samples.append(time.perf_counter() - start)
        cpu_samples.append(_cpu_seconds() - cpu_start)
    print(json.dumps({"seconds": statistics.median(samples), "cpu_seconds": statistics.median(cpu_samples),
                      "peak_mib": _peak_rss_kib() / 1024}))


def _cpu_seconds() -> float:
    """User and system CPU time of every thread of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_kib() -> int:
    """This process's peak resident set (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _measure(script: str, case: str, library: str, repeat: int, extra: dict[str, Any]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, script, "--worker", case, "--library", library, "--repeat", str(repeat),
         "--extra", json.dumps(extra)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(module: ModuleType, cases: list[str], description: str, extra: dict[str, Any] | None = None) -> None:
    """Entry point of a benchmark script: runs the cases, or one worker when asked to."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--library", default="rrflow", help=argparse.SUPPRESS)
    parser.add_argument("--extra", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", nargs="*", default=cases, help="subset of cases to run")
    for key, value in (extra or {}).items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args()
    if args.worker:
        _worker(module, args.worker, args.library, args.repeat, json.loads(args.extra))
        return
    settings = {key: getattr(args, key) for key in (extra or {})}
    print(f"{description} | settings {settings} | median of {args.repeat}")
    print(f"{'case':<34}{'rrflow s':>10}{'rerun s':>10}{'speed-up':>10}{'rrflow MiB':>12}{'rerun MiB':>11}"
          f"{'rrflow cpu':>12}{'rerun cpu':>11}")
    for case in args.cases:
        ours = _measure(module.__file__, case, "rrflow", args.repeat, settings)
        theirs = _measure(module.__file__, case, "rerun", args.repeat, settings)
        print(f"{case:<34}{ours['seconds']:>10.3f}{theirs['seconds']:>10.3f}"
              f"{theirs['seconds'] / ours['seconds']:>9.1f}x{ours['peak_mib']:>12.0f}{theirs['peak_mib']:>11.0f}"
              f"{ours['cpu_seconds']:>12.3f}{theirs['cpu_seconds']:>11.3f}")
