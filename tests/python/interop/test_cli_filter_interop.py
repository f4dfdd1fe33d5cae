"""
`rrflow filter`: the same chunks as the equivalent Python pipeline, row-level
time windows checked against the rows themselves, and `--drop-timeline`
against `rerun rrd filter` (rerun-sdk 0.33.1), compared by `rerun rrd compare`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from test_cli import rrflow_command, run

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
RERUN_CLI = Path(sys.executable).parent / "rerun"
WALL_CLOCK_START = 1_700_000_000_000_000_000  # 2023-11-14T22:13:20Z, the sample's first wall_clock time


def contents(chunks: list[rrflow.Chunk]) -> list[tuple]:
    """What a chunk holds, without its ids (filters may mint fresh ones)."""
    described = []
    for chunk in chunks:
        batch = chunk.to_record_batch()
        columns = {field.name: column.to_pylist() for field, column in zip(batch.schema, batch.columns)
                   if (field.metadata or {}).get(b"rerun:kind") != b"control"}
        described.append((chunk.entity_path, chunk.is_static, sorted(columns.items())))
    return sorted(described, key=repr)


def filtered(tmp_path: Path, *options: str) -> list[rrflow.Chunk]:
    output = tmp_path / "filtered.rrd"
    result = run("filter", RECORDING, "-o", output, *options)
    assert result.returncode == 0, result.stderr
    return rrflow.RrdReader(output).stream().to_chunks()


def stream() -> rrflow.LazyChunkStream:
    return rrflow.RrdReader(RECORDING).stream()


@pytest.mark.parametrize(
    ("options", "pipeline"),
    [
        (["--content", "/world/** -/world/extra"], lambda s: s.filter(content=["/world/**", "-/world/extra"])),
        (["--component", "Points3D:positions"], lambda s: s.filter(components=["Points3D:positions"])),
        (["--drop-component", "Points3D:colors"], lambda s: s.drop(components=["Points3D:colors"])),
        (["--static-only"], lambda s: s.filter(is_static=True)),
        (["--temporal-only", "--timeline", "sim time"], lambda s: s.filter(is_static=False, has_timeline="sim time")),
    ],
)
def test_filters_match_the_python_pipeline(tmp_path: Path, options: list[str], pipeline) -> None:
    assert contents(filtered(tmp_path, *options)) == contents(pipeline(stream()).to_chunks())


def rows_in_window(chunk: rrflow.Chunk, timeline: str, start: int, end: int) -> pa.RecordBatch | None:
    batch = chunk.to_record_batch()
    if chunk.is_static:
        return batch
    if timeline not in batch.schema.names:
        return None
    times = batch.column(timeline).cast(pa.int64())
    kept = batch.filter(pc.and_(pc.greater_equal(times, start), pc.less_equal(times, end)))
    return kept if kept.num_rows else None


@pytest.mark.parametrize(
    ("window", "timeline", "start", "end"),
    [
        ("frame=1..2", "frame", 1, 2),
        ("frame=..0", "frame", -(2**63), 0),
        ("sim time=0.2s..+1s", "sim time", 200_000_000, 1_200_000_000),
        ("wall_clock=2023-11-14T22:13:21Z..", "wall_clock", WALL_CLOCK_START + 1_000_000_000, 2**63 - 1),
        ("wall_clock=2023-11-14T22:13:20..+1500ms", "wall_clock", WALL_CLOCK_START, WALL_CLOCK_START + 1_500_000_000),
    ],
)
def test_time_windows_keep_exactly_the_rows_inside(tmp_path: Path, window: str, timeline: str, start: int,
                                                   end: int) -> None:
    expected = [b for b in (rows_in_window(c, timeline, start, end) for c in stream().to_chunks()) if b is not None]
    got = [chunk.to_record_batch() for chunk in filtered(tmp_path, "--time", window)]

    def rows(batches: list[pa.RecordBatch]) -> list:
        # Row ids identify rows across the rewrite; times and values must follow them.
        return sorted(repr(row) for batch in batches for row in batch.to_pylist())

    assert rows(got) == rows(expected)


def test_a_window_and_a_dropped_timeline_together(tmp_path: Path) -> None:
    chunks = filtered(tmp_path, "--time", "frame=2..2", "--drop-timeline", "wall_clock", "--drop-timeline", "frame")
    temporal = [chunk for chunk in chunks if not chunk.is_static]
    assert temporal and all(chunk.timeline_names == ["sim time"] for chunk in temporal)


def test_drop_timeline_agrees_with_rerun_rrd_filter(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.rrd", tmp_path / "theirs.rrd"
    result = run("filter", RECORDING, "-o", ours, "--drop-timeline", "wall_clock")
    assert result.returncode == 0, result.stderr
    subprocess.run([str(RERUN_CLI), "rrd", "filter", "--drop-timeline", "wall_clock", str(RECORDING), "-o",
                    str(theirs)], check=True, capture_output=True, timeout=120)
    compared = subprocess.run([str(RERUN_CLI), "rrd", "compare", "--unordered", str(ours), str(theirs)],
                              capture_output=True, text=True, timeout=120, check=False)
    assert compared.returncode == 0, compared.stderr
    assert subprocess.run([str(RERUN_CLI), "rrd", "verify", str(ours)], capture_output=True, timeout=120).returncode == 0


def test_output_goes_to_stdout_when_it_is_not_a_terminal(tmp_path: Path) -> None:
    with (tmp_path / "piped.rrd").open("wb") as out:
        result = subprocess.run([rrflow_command(), "filter", str(RECORDING), "--static-only"], stdout=out,
                                stderr=subprocess.PIPE, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    chunks = rrflow.RrdReader(tmp_path / "piped.rrd").stream().to_chunks()
    assert chunks and all(chunk.is_static for chunk in chunks)


def test_several_inputs_are_merged(tmp_path: Path) -> None:
    output = tmp_path / "merged.rrd"
    other = DATA / "rerun_0_33_1_chunk_pipeline.rrd"
    result = run("filter", RECORDING, other, "-o", output, "--temporal-only")
    assert result.returncode == 0, result.stderr
    expected = [c for path in (RECORDING, other) for c in rrflow.RrdReader(path).stream().filter(is_static=False)]
    assert sorted(c.id for c in rrflow.RrdReader(output).stream()) == sorted(c.id for c in expected)


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ("frame", "expected TIMELINE=START..END"),
        ("frame=1-2", "expected START..END"),
        ("frame=a..2", "cannot read the start 'a'"),
        ("frame=1..2x", "cannot read the end '2x'"),
        ("frame=..+1s", "'+' needs a start"),
        ("frame=5..1", "the start is after the end"),
        ("log_time=2024-02-30T10:00..", "cannot read the start"),
    ],
)
def test_bad_windows_are_usage_errors(tmp_path: Path, window: str, message: str) -> None:
    result = run("filter", RECORDING, "-o", tmp_path / "out.rrd", "--time", window)
    assert result.returncode == 2
    assert f"--time {window}: {message}" in result.stderr
    assert not (tmp_path / "out.rrd").exists()


def test_usage(tmp_path: Path) -> None:
    assert run("filter", RECORDING, "-o", tmp_path / "o.rrd", "--static-only", "--temporal-only").returncode == 2
    assert "Examples:" in run("filter", "--help").stdout
    missing = run("filter", tmp_path / "missing.rrd", "-o", tmp_path / "o.rrd")
    assert missing.returncode == 1 and "missing.rrd" in missing.stderr
