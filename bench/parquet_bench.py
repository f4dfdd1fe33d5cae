"""ParquetReader benchmarks: a LeRobot-like Parquet file read as a stream.

Input: a Parquet file generated once into bench/out/ (not timed): 64 float64
joint columns in 4 prefix groups, two list<float32> columns of 32 values
(`observation.state`, `action`), a float32 `timestamp`, int64 `frame_index`,
`episode_index`, `index` and `task_index`; row groups of 100 000 rows. The
default row count gives about 1 GB.

Cases: `read` pulls every chunk of the stream and drops it; `to_rrd` writes
the stream to an `.rrd` file. Both use `frame_index` and `timestamp` as
index columns and `task_index` as a static column.

Run: .venv/bin/python bench/parquet_bench.py [--rows N] [--repeat K]
(`--rows 330000` gives a file 4x smaller, to check that peak RSS does not
grow with the file.)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

OUT = Path(__file__).parent / "out"
ROW_GROUP_ROWS = 100_000
JOINTS = [f"{part}_j{k}" for part in ("arm", "wrist", "hand", "base") for k in range(16)]
READER_OPTIONS: dict[str, Any] = {
    "index_columns": [("frame_index", "sequence"), ("timestamp", "duration", "s")],
    "static_columns": ["task_index"],
}


def _path(rows: int) -> Path:
    return OUT / f"lerobot_{rows}.parquet"


def _batch(rng: np.random.Generator, start: int, rows: int, frames_per_episode: int) -> pa.Table:
    index = np.arange(start, start + rows, dtype=np.int64)
    frame = index % frames_per_episode
    columns: dict[str, pa.Array] = {name: pa.array(rng.standard_normal(rows)) for name in JOINTS}
    for name in ("observation.state", "action"):
        values = pa.array(rng.standard_normal(rows * 32, dtype=np.float32))
        columns[name] = pa.ListArray.from_arrays(pa.array(np.arange(0, rows * 32 + 1, 32, dtype=np.int32)), values)
    columns["timestamp"] = pa.array((frame / 30.0).astype(np.float32))
    columns["frame_index"] = pa.array(frame)
    columns["episode_index"] = pa.array(index // frames_per_episode)
    columns["index"] = pa.array(index)
    columns["task_index"] = pa.array(np.zeros(rows, dtype=np.int64))
    return pa.table(columns)


def ensure_file(rows: int) -> Path:
    """Writes the input file once, one row group at a time."""
    path = _path(rows)
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    rng = np.random.default_rng(0)
    partial = path.with_suffix(".partial")
    writer = None
    for start in range(0, rows, ROW_GROUP_ROWS):
        table = _batch(rng, start, min(ROW_GROUP_ROWS, rows - start), frames_per_episode=900)
        if writer is None:
            writer = pq.ParquetWriter(partial, table.schema)
        writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
    assert writer is not None
    writer.close()
    partial.rename(path)
    return path


def case_read(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["rows"])

    def run() -> int:
        return sum(1 for _ in lib.ParquetReader(path, **READER_OPTIONS).stream())

    return run


def case_to_rrd(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["rows"])
    target = OUT / f"lerobot_{extra['rows']}_{'rrflow' if lib.__name__ == 'rrflow' else 'rerun'}.rrd"

    def run() -> None:
        stream = lib.ParquetReader(path, **READER_OPTIONS).stream()
        stream.write_rrd(target, application_id="bench", recording_id="lerobot")

    return run


if __name__ == "__main__":
    if "--worker" not in sys.argv:
        rows_flag = sys.argv.index("--rows") + 1 if "--rows" in sys.argv else None
        generated = ensure_file(int(sys.argv[rows_flag]) if rows_flag else 1_300_000)
        print(f"input: {generated} ({generated.stat().st_size / 2**30:.2f} GiB)")
    harness.main(sys.modules[__name__], ["read", "to_rrd"], "ParquetReader, LeRobot-like file",
                 extra={"rows": 1_300_000})
