"""Chunk conversions, rrflow vs rerun-sdk in the same run.

Measures `from_columns`, `to_record_batch` and `from_record_batch` on chunks of
1M rows at two payload sizes (1 and 64 float32 per row). Zero-copy conversions
show as times that do not grow with the payload.

Run: .venv/bin/python bench/chunk_conversion_bench.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import rerun as rr
from rerun.experimental import Chunk as RerunChunk

import rrflow


class Column:
    """A duck-typed component column both libraries accept."""

    def __init__(self, name: str, array: pa.Array) -> None:
        self._descriptor = rr.ComponentDescriptor(name)
        self._array = array

    def component_descriptor(self) -> rr.ComponentDescriptor:
        return self._descriptor

    def as_arrow_array(self) -> pa.Array:
        return self._array


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def make_inputs(rows: int, width: int, shuffled: bool) -> tuple[list, list]:
    frames = np.arange(rows, dtype=np.int64)
    if shuffled:
        np.random.default_rng(0).shuffle(frames)
    values = pa.array(np.random.default_rng(1).random(rows * width, dtype=np.float32))
    offsets = pa.array(np.arange(0, rows * width + 1, width, dtype=np.int32))
    lists = pa.ListArray.from_arrays(offsets, values)
    return [rr.TimeColumn("frame", sequence=frames)], [Column("payload", lists)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    print(f"rows={args.rows:,} repeat={args.repeat} rerun-sdk={rr.__version__} pyarrow={pa.__version__}")
    print(f"{'operation':<44}{'rrflow ms':>12}{'rerun ms':>12}{'speed-up':>10}")
    for width in (1, 64):
        for shuffled in (False, True):
            indexes, columns = make_inputs(args.rows, width, shuffled)
            label = f"{width} f32/row, {'shuffled' if shuffled else 'sorted'} times"
            ours = rrflow.Chunk.from_columns("/bench", indexes, columns)
            theirs = RerunChunk.from_columns("/bench", indexes, columns)
            ours_batch, theirs_batch = ours.to_record_batch(), theirs.to_record_batch()
            rows = [
                (f"from_columns ({label})",
                 lambda: rrflow.Chunk.from_columns("/bench", indexes, columns),
                 lambda: RerunChunk.from_columns("/bench", indexes, columns)),
                (f"to_record_batch ({label})", ours.to_record_batch, theirs.to_record_batch),
                (f"from_record_batch ({label})",
                 lambda: rrflow.Chunk.from_record_batch(ours_batch),
                 lambda: RerunChunk.from_record_batch(theirs_batch)),
            ]
            for name, run_ours, run_theirs in rows:
                a, b = timed(run_ours, args.repeat), timed(run_theirs, args.repeat)
                print(f"{name:<44}{a:>12.3f}{b:>12.3f}{b / a:>9.1f}x")


if __name__ == "__main__":
    main()
