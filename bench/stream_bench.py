"""Stream engine benchmarks: split + merge, and map with a trivial Python function.

Input: an in-memory store of many small chunks (scalars, points) built with
the library under test from the same Arrow arrays.

Run: .venv/bin/python bench/stream_bench.py [--chunks N] [--repeat K]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402


class _Column:
    def __init__(self, lib: Any, name: str, array: pa.Array) -> None:
        self._descriptor = lib.ComponentDescriptor(name) if hasattr(lib, "ComponentDescriptor") else None
        self._name = name
        self._array = array

    def component_descriptor(self) -> Any:
        if self._descriptor is not None:
            return self._descriptor
        import rerun as rr

        return rr.ComponentDescriptor(self._name)

    def as_arrow_array(self) -> pa.Array:
        return self._array


class _Times:
    def __init__(self, array: pa.Array) -> None:
        self._array = array

    def timeline_name(self) -> str:
        return "frame"

    def as_arrow_array(self) -> pa.Array:
        return self._array


def _store(lib: Any, chunks: int, rows: int) -> Any:
    rng = np.random.default_rng(0)
    built = []
    for i in range(chunks):
        frames = pa.array(np.arange(i * rows, (i + 1) * rows, dtype=np.int64))
        values = pa.array(rng.random(rows))
        points = pa.ListArray.from_arrays(pa.array(np.arange(0, rows * 3 + 1, 3, dtype=np.int32)),
                                          pa.FixedSizeListArray.from_arrays(pa.array(rng.random(rows * 9, dtype=np.float32)), 3))
        built.append(lib.Chunk.from_columns(f"/robot/part{i % 50}", [_Times(frames)],
                                            [_Column(lib, "Scalars:scalars", values), _Column(lib, "Points3D:positions", points)]))
    return lib.ChunkStore.from_chunks(built)


def case_split_merge(lib: Any, extra: dict[str, Any]) -> Any:
    store = _store(lib, extra["chunks"], extra["rows"])

    def run() -> object:
        matched, unmatched = store.stream().split(components="Scalars:scalars")
        return lib.LazyChunkStream.merge(matched, unmatched).to_chunks()

    return run


def case_filter_content(lib: Any, extra: dict[str, Any]) -> Any:
    store = _store(lib, extra["chunks"], extra["rows"])
    return lambda: store.stream().filter(content=["/robot/part1/**", "/robot/part2"]).to_chunks()


def case_map_trivial(lib: Any, extra: dict[str, Any]) -> Any:
    store = _store(lib, extra["chunks"], extra["rows"])
    return lambda: store.stream().map(lambda chunk: chunk).to_chunks()


def case_merge_eight_maps(lib: Any, extra: dict[str, Any]) -> Any:
    store = _store(lib, extra["chunks"] // 8, extra["rows"])
    return lambda: lib.LazyChunkStream.merge(*[store.stream().map(lambda c: c) for _ in range(8)]).to_chunks()


def case_collect(lib: Any, extra: dict[str, Any]) -> Any:
    store = _store(lib, extra["chunks"], extra["rows"])
    return lambda: store.stream().collect()


if __name__ == "__main__":
    harness.main(sys.modules[__name__], ["split_merge", "filter_content", "map_trivial", "merge_eight_maps", "collect"],
                 "stream engine, in-memory source", extra={"chunks": 20000, "rows": 4})
