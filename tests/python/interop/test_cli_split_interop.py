"""`rrflow split`: every chunk (or row) of the input lands in the parts its rule names."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_cli import run

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
RERUN_CLI = Path(sys.executable).parent / "rerun"


def split(tmp_path: Path, by: str) -> list[Path]:
    result = run("split", RECORDING, "-o", tmp_path / "parts", "--by", by)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert paths and all(path.exists() for path in paths)
    return paths


def chunks_of(path: Path) -> list[rrflow.Chunk]:
    return rrflow.RrdReader(path).stream().to_chunks()


def row_ids(chunk: rrflow.Chunk) -> list:
    return chunk.to_record_batch().column(0).to_pylist()


def test_by_entity_one_file_per_entity(tmp_path: Path) -> None:
    original = chunks_of(RECORDING)
    paths = split(tmp_path, "entity")
    assert len(paths) == len({c.entity_path for c in original})
    seen = []
    for path in paths:
        chunks = chunks_of(path)
        assert len({c.entity_path for c in chunks}) == 1, path
        seen += chunks
    assert Counter(c.id for c in seen) == Counter(c.id for c in original)
    assert (tmp_path / "parts" / "rerun_0_33_1_recording_world.points.rrd") in paths


def test_by_size_consecutive_parts_in_order(tmp_path: Path) -> None:
    paths = split(tmp_path, "size=600B")
    assert len(paths) > 1
    assert [p.name for p in paths] == sorted(p.name for p in paths)
    assert [c.id for p in paths for c in chunks_of(p)] == [c.id for c in chunks_of(RECORDING)]


def test_by_time_rows_sliced_at_the_cuts(tmp_path: Path) -> None:
    paths = split(tmp_path, "time=frame:1,2")
    assert len(paths) == 3
    original = chunks_of(RECORDING)
    statics = {c.id for c in original if c.is_static}
    ranges = [(-(2**63), 0), (1, 1), (2, 2**63 - 1)]
    every_row = Counter()
    for path, (low, high) in zip(paths, ranges):
        chunks = chunks_of(path)
        assert statics <= {c.id for c in chunks}, path  # static data in every part
        for chunk in chunks:
            if chunk.is_static:
                continue
            batch = chunk.to_record_batch()
            if "frame" in batch.schema.names:
                assert all(low <= t <= high for t in batch.column("frame").cast("int64").to_pylist()), path
            every_row.update(row_ids(chunk))
    expected = Counter(r for c in original if not c.is_static for r in row_ids(c))
    assert every_row == expected
    for path in paths:
        verified = subprocess.run([str(RERUN_CLI), "rrd", "verify", str(path)], capture_output=True, timeout=120)
        assert verified.returncode == 0, path


@pytest.mark.parametrize(("by", "message"), [
    ("things", "expected entity, size=BYTES or time=TIMELINE:T1,T2,..."),
    ("size=lots", "expected a size such as size=100MB"),
    ("time=frame", "expected time=TIMELINE:T1,T2,..."),
    ("time=frame:1,x", "'x' is not an integer time"),
])
def test_bad_rules_are_usage_errors(tmp_path: Path, by: str, message: str) -> None:
    result = run("split", RECORDING, "-o", tmp_path / "parts", "--by", by)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "parts").exists()
