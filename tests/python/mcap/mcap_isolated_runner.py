"""Runs `mcap_chunk_summary.summarize_mcap` in child processes.

A Rust panic or abort inside an importer takes its whole process down, so every
case runs in a child; when a child dies, its case is recorded as a crash (exit code
and the location of the Rust panic, if any) and the remaining cases continue in a fresh child.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

_WORKER = r"""
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
import mcap_chunk_summary
module = importlib.import_module(sys.argv[2])
for line in sys.stdin:
    path, options = json.loads(line)
    outcome = mcap_chunk_summary.summarize_mcap(module, path, options)
    sys.stdout.write(json.dumps(outcome) + "\n")
    sys.stdout.flush()
"""

Case = tuple[Path, dict[str, Any]]


def _panic_location(stderr: str) -> str:
    """`<file>:<line>:<col>:` of the last Rust panic in `stderr` ("" for a plain signal death);
    the thread name before "panicked at" varies and is dropped."""
    lines = [line for line in stderr.splitlines() if "panicked at" in line]
    return lines[-1].split("panicked at", 1)[1].strip() if lines else ""


def run_isolated(cases: list[Case], module_name: str = "rerun.experimental",
                 timeout_seconds: float = 300.0) -> list[dict[str, Any]]:
    """The outcome of each `(path, McapReader options)` case, in order."""
    outcomes: list[dict[str, Any]] = []
    remaining = list(cases)
    while remaining:
        lines = "".join(json.dumps([str(path), options]) + "\n" for path, options in remaining)
        child = subprocess.run([sys.executable, "-c", _WORKER, str(Path(__file__).parent), module_name],
                               input=lines, capture_output=True, text=True, check=False,
                               timeout=timeout_seconds)
        done = [json.loads(line) for line in child.stdout.splitlines() if line.strip()]
        outcomes.extend(done)
        remaining = remaining[len(done):]
        if remaining:
            panic = _panic_location(child.stderr)
            outcomes.append({"chunks": [], "error": None,
                             "crash": {"returncode": child.returncode, "panic": panic}})
            remaining = remaining[1:]
    return outcomes
