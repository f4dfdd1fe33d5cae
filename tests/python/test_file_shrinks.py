"""A file that shrinks while rrflow reads it gives an error naming the file and an offset, not a
SIGBUS that kills the process (issue: robustness, fault 2). Each case runs in a child process so
that a signal would show as its exit status instead of killing the test run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import rrflow

DATA = Path(__file__).parent.parent / "data"

CASES = {
    # The reproduction: a store opened, then the file cut.
    "store": "reader = rrflow.RrdReader(path); s = reader.store(); cut(); s.stream().to_chunks()",
    # The footer-less scan of stream(), cut after the first chunk.
    "stream": "it = iter(rrflow.RrdReader(path).stream()); next(it); cut(); list(it)",
    "mcap": "it = iter(rrflow.McapReader(path).stream()); next(it); cut(); list(it)",
}


def _large_recording(path: Path) -> Path:
    """40 chunks of 1 MB of incompressible values: larger than any read-ahead block."""
    rng = np.random.default_rng(0)
    chunks = [
        rrflow.Chunk.from_columns(
            f"/values/{index}",
            [rrflow.TimeColumn("frame", sequence=[index])],
            [rrflow.ComponentColumn("Blob:data", [rng.integers(0, 255, 1 << 20, dtype=np.uint8)])],
        )
        for index in range(40)
    ]
    rrflow.ChunkStore.from_chunks(chunks).stream().write_rrd(str(path), application_id="app",
                                                             recording_id="rec")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_shrinking_file_is_an_error_not_a_signal(case: str, tmp_path: Path) -> None:
    if case == "mcap":
        path = tmp_path / "sample.mcap"
        path.write_bytes((DATA / "mcap/chunked_zstd.mcap").read_bytes())
        keep = 600
    else:
        path = _large_recording(tmp_path / "large.rrd")
        keep = path.stat().st_size // 3
    script = textwrap.dedent(f"""
        import os, sys, rrflow
        path = {str(path)!r}
        def cut():
            os.truncate(path, {keep})
        try:
            {CASES[case]}
        except RuntimeError as error:
            print(error)
            sys.exit(3)
        """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=60, check=False)
    assert child.returncode == 3, (child.returncode, child.stderr)
    assert str(path) in child.stdout
    assert " at byte " in child.stdout
