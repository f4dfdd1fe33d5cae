"""Selectors and lenses, rrflow vs rerun-sdk in the same run (each case in a fresh process).

Cases:
  x_execute          Selector(".x").execute on a struct array of --rows rows, 10% null structs
  x_per_row          Selector(".x").execute_per_row on --rows list rows of one struct (5% null rows)
  p_each_y_per_row   Selector(".p[].y").execute_per_row on --rows list rows (2 points each)
  derive_pipeline    LazyChunkStream.lenses over --chunks IMU chunks of --chunk-rows rows:
                     .x to Scalars in place, .y and .z to other entities, keeping the rest
  derive_small_chunks  the same pipeline over 10x as many chunks of a tenth of the rows
                     (per-chunk overhead rather than data work)

Run: .venv/bin/python bench/selector_bench.py [--rows N] [--chunks N] [--chunk-rows N] [--repeat K]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

IMU = pa.struct([("x", pa.float64()), ("y", pa.float64()), ("z", pa.float64())])


def _points(rows: int, null_rate: float) -> pa.StructArray:
    rng = np.random.default_rng(0)
    mask = pa.array(rng.random(rows) < null_rate)
    return pa.StructArray.from_arrays([pa.array(rng.random(rows)), pa.array(rng.random(rows))], ["x", "y"], mask=mask)


def case_x_execute(lib: Any, extra: dict[str, Any]) -> Any:
    selector, points = lib.Selector(".x"), _points(extra["rows"], 0.1)
    return lambda: selector.execute(points)


def case_x_per_row(lib: Any, extra: dict[str, Any]) -> Any:
    rows = extra["rows"]
    mask = pa.array(np.random.default_rng(3).random(rows) < 0.05)
    offsets = pa.array(np.arange(rows + 1, dtype=np.int32))
    lists = pa.ListArray.from_arrays(offsets, _points(rows, 0.0), mask=mask)
    selector = lib.Selector(".x")
    return lambda: selector.execute_per_row(lists)


def case_p_each_y_per_row(lib: Any, extra: dict[str, Any]) -> Any:
    rows = extra["rows"]
    rng = np.random.default_rng(1)
    inner = pa.StructArray.from_arrays([pa.array(rng.random(rows * 2))], ["y"])
    p = pa.ListArray.from_arrays(pa.array(np.arange(0, rows * 2 + 1, 2, dtype=np.int32)), inner)
    elements = pa.StructArray.from_arrays([p], ["p"])
    lists = pa.ListArray.from_arrays(pa.array(np.arange(rows + 1, dtype=np.int32)), elements)
    selector = lib.Selector(".p[].y")
    return lambda: selector.execute_per_row(lists)


class _Column:
    def __init__(self, name: str, array: pa.Array) -> None:
        self.name, self.array = name, array

    def component_descriptor(self) -> Any:
        import rerun as rr

        return rr.ComponentDescriptor(self.name)

    def as_arrow_array(self) -> pa.Array:
        return self.array


class _Times:
    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def timeline_name(self) -> str:
        return "frame"

    def as_arrow_array(self) -> pa.Array:
        return self.array


def _derive_pipeline(lib: Any, chunks: int, rows: int) -> Any:
    import rerun as rr

    rng = np.random.default_rng(2)
    built = []
    for i in range(chunks):
        accel = pa.StructArray.from_arrays([pa.array(rng.random(rows)) for _ in range(3)], ["x", "y", "z"])
        samples = pa.ListArray.from_arrays(pa.array(np.arange(rows + 1, dtype=np.int32)), accel)
        frames = pa.array(np.arange(i * rows, (i + 1) * rows, dtype=np.int64))
        built.append(lib.Chunk.from_columns(f"/imu/{i % 20}", [_Times(frames)], [
            _Column("Imu:accel", samples), _Column("Imu:temperature", pa.array(rng.random(rows)))]))
    store = lib.ChunkStore.from_chunks(built)
    lenses = [
        lib.DeriveLens("Imu:accel").to_component(rr.Scalars.descriptor_scalars(), ".x"),
        lib.DeriveLens("Imu:accel", output_entity="/imu/y").to_component(rr.Scalars.descriptor_scalars(), ".y"),
        lib.DeriveLens("Imu:accel", output_entity="/imu/z").to_component(rr.Scalars.descriptor_scalars(), ".z"),
    ]

    def run() -> None:
        outputs = store.stream().lenses(lenses, output_mode="forward_unmatched").to_chunks()
        assert len(outputs) == 3 * chunks

    return run


def case_derive_pipeline(lib: Any, extra: dict[str, Any]) -> Any:
    return _derive_pipeline(lib, extra["chunks"], extra["chunk_rows"])


def case_derive_small_chunks(lib: Any, extra: dict[str, Any]) -> Any:
    return _derive_pipeline(lib, extra["chunks"] * 10, max(1, extra["chunk_rows"] // 10))


if __name__ == "__main__":
    harness.main(sys.modules[__name__],
                 ["x_execute", "x_per_row", "p_each_y_per_row", "derive_pipeline", "derive_small_chunks"],
                 __doc__.splitlines()[0], extra={"rows": 10_000_000, "chunks": 1_000, "chunk_rows": 10_000})
