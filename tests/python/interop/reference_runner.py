"""Runs rerun-sdk calls in child processes: a Rust panic aborts the whole process, so
each panic is recorded as a "crash" result and the remaining calls run in a fresh child."""

from __future__ import annotations

import pickle
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa

_WORKER = r"""
import importlib, pickle, struct, sys
sys.path.insert(0, sys.argv[1])
module_name, function_name, calls = pickle.load(sys.stdin.buffer)
function = getattr(importlib.import_module(module_name), function_name)
out = sys.stdout.buffer
for arguments in calls:
    try:
        result = ("ok", function(*arguments))
    except Exception as error:
        result = ("error", type(error).__name__, str(error))
    data = pickle.dumps(result)
    out.write(struct.pack("<Q", len(data)) + data)
    out.flush()
"""

Result = tuple[Any, ...]


def run_isolated(module_name: str, function_name: str, calls: list[tuple[Any, ...]]) -> list[Result]:
    """`module.function(*arguments)` for each call (module in this directory), each result being
    ("ok", value), ("error", type name, message) or ("crash", exit code)."""
    results: list[Result] = []
    remaining = list(calls)
    while remaining:
        child = subprocess.run([sys.executable, "-c", _WORKER, str(Path(__file__).parent)],
                               input=pickle.dumps((module_name, function_name, remaining)),
                               capture_output=True, check=False)
        done = 0
        position = 0
        while position + 8 <= len(child.stdout):
            (size,) = struct.unpack_from("<Q", child.stdout, position)
            results.append(pickle.loads(child.stdout[position + 8: position + 8 + size]))
            position += 8 + size
            done += 1
        remaining = remaining[done:]
        if remaining:
            results.append(("crash", child.returncode))
            remaining = remaining[1:]
    return results


def reference_selector(query: str, array: pa.Array, per_row: bool) -> pa.Array | None:
    from rerun.experimental import Selector

    selector = Selector(query)
    return selector.execute_per_row(array) if per_row else selector.execute(array)


def run_reference(cases: list[tuple[str, pa.Array, bool]]) -> list[Result]:
    """rerun-sdk's result for each `(query, array, per_row)`."""
    return run_isolated("reference_runner", "reference_selector", cases)
