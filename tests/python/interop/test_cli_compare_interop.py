"""
`rrflow compare` against `rerun rrd compare` (rerun-sdk 0.33.1): the same exit code on
pairs made here from the committed files (copies, re-encodings, one value changed, a
chunk missing, chunks reordered, damaged files), except where pinned below.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

import rrflow
from test_cli import rrflow_command
from test_damaged_rrd_matrix import _damaged_files

DATA = Path(__file__).resolve().parents[2] / "data"
RERUN_CLI = Path(sys.executable).parent / "rerun"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
APPLICATION_ID, RECORDING_ID = "rrflow_test_app", "recording_1"

# rerun-sdk 0.33.1 reads a file front to back and stops at a damaged or cut footer
# without complaint, comparing the chunks before it; rrflow refuses a damaged file.
RRFLOW_REFUSES_DAMAGE = {"flipped_at_8938", "flipped_at_10421", "flipped_at_11904", "flipped_at_13387",
                         "flipped_at_14870", "flipped_at_16353", "garbage_appended", "truncated_at_8901",
                         "truncated_at_14242", "truncated_at_17268", "zeroed_at_8901"}
# rerun-sdk keeps one chunk per chunk id, so a file concatenated with itself holds the
# same chunks to it; rrflow compares every chunk of the file and finds each twice.
RRFLOW_COUNTS_REPEATS = {"concatenated_twice"}


def compare(tool: str, *args: object) -> subprocess.CompletedProcess[str]:
    command = [rrflow_command(), "compare"] if tool == "rrflow" else [str(RERUN_CLI), "rrd", "compare"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


def verdicts(first: Path, second: Path, *flags: str) -> tuple[int, int, str]:
    ours, theirs = compare("rrflow", *flags, first, second), compare("rerun", *flags, first, second)
    return ours.returncode, theirs.returncode, ours.stderr


def chunks() -> list[rrflow.Chunk]:
    return rrflow.RrdReader(RECORDING).stream().to_chunks()


def write(path: Path, chunk_list: list[rrflow.Chunk]) -> Path:
    rrflow.LazyChunkStream.from_iter(chunk_list).write_rrd(path, application_id=APPLICATION_ID,
                                                             recording_id=RECORDING_ID)
    return path


def rebuilt(chunk: rrflow.Chunk, change: Callable[[pa.RecordBatch], pa.RecordBatch]) -> rrflow.Chunk:
    return rrflow.Chunk.from_record_batch(change(chunk.to_record_batch()))


def with_chunk_id(batch: pa.RecordBatch, chunk_id: str) -> pa.RecordBatch:
    return batch.replace_schema_metadata({**batch.schema.metadata, b"rerun:id": chunk_id.encode()})


def with_log_time(batch: pa.RecordBatch, scale: int) -> pa.RecordBatch:
    if "frame" not in batch.schema.names:
        return batch
    field = pa.field("log_time", pa.timestamp("ns"), metadata={"rerun:kind": "index", "rerun:index_name": "log_time"})
    times = pa.array([row * scale for row in range(batch.num_rows)], pa.timestamp("ns"))
    return batch.add_column(batch.schema.get_field_index("frame"), field, times)


def one_value_changed(batch: pa.RecordBatch) -> pa.RecordBatch:
    index = batch.schema.get_field_index("Points3D:positions")
    rows = batch.column(index).to_pylist()
    rows[1][0][0] = 99.0
    return batch.set_column(index, batch.schema.field(index), pa.array(rows, batch.schema.field(index).type))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.rrd")), ids=lambda path: path.name)
def test_committed_files_against_the_0_33_1_recording(path: Path) -> None:
    ours, theirs, stderr = verdicts(RECORDING, path)
    assert ours == theirs, stderr


def test_a_file_and_its_rrflow_re_encoding_are_equal(tmp_path: Path) -> None:
    converted = tmp_path / "converted.rrd"
    subprocess.run([rrflow_command(), "convert", RECORDING, converted], check=True, timeout=60)
    for flags in ([], ["--unordered"]):
        assert verdicts(RECORDING, converted, *flags)[:2] == (0, 0)
    result = compare("rrflow", RECORDING, converted)
    assert result.stdout == f"{RECORDING} and {converted} hold the same recording: 7 chunks\n"


def test_one_value_changed(tmp_path: Path) -> None:
    original = chunks()
    changed = write(tmp_path / "changed.rrd", [rebuilt(chunk, one_value_changed) if index == 1 else chunk
                                               for index, chunk in enumerate(original)])
    for flags in ([], ["--unordered"]):
        assert verdicts(RECORDING, changed, *flags)[:2] == (1, 1)
    stderr = compare("rrflow", RECORDING, changed).stderr
    assert stderr == (f"rrflow: {RECORDING}, chunk 2 (/world/points, {original[1].id}) and {changed}, chunk 2 "
                      f"(/world/points, {original[1].id}) differ: Points3D:positions, row 1: "
                      "[[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]] vs [[99.0, 7.0, 8.0], [9.0, 10.0, 11.0]]\n")


def test_one_chunk_missing(tmp_path: Path) -> None:
    shorter = write(tmp_path / "shorter.rrd", chunks()[:-1])
    for flags in ([], ["--unordered"]):
        assert verdicts(RECORDING, shorter, *flags)[:2] == (1, 1)
        assert verdicts(shorter, RECORDING, *flags)[:2] == (1, 1)
    assert "ends after 6 chunks" in compare("rrflow", shorter, RECORDING).stderr


def test_reordered_chunks(tmp_path: Path) -> None:
    # Chunk ids rising in the new order, so that the reference's order (by chunk id) changes too.
    reordered = write(tmp_path / "reordered.rrd", [
        rebuilt(chunk, lambda batch, index=index: with_chunk_id(batch, f"chunk_18EB0E4C1DB46C904dfa76c67b8642{index:02X}"))
        for index, chunk in enumerate(reversed(chunks()), start=0x10)])
    assert verdicts(RECORDING, reordered)[:2] == (1, 1)
    assert verdicts(RECORDING, reordered, "--unordered")[:2] == (0, 0)


def test_the_reference_orders_by_chunk_id_not_by_file_order(tmp_path: Path) -> None:
    reversed_file = write(tmp_path / "reversed.rrd", chunks()[::-1])
    ours, theirs, stderr = verdicts(RECORDING, reversed_file)
    assert (ours, theirs) == (1, 0), stderr  # rrflow streams both files in file order
    assert verdicts(RECORDING, reversed_file, "--unordered")[:2] == (0, 0)


def test_log_time_is_ignored(tmp_path: Path) -> None:
    original = chunks()
    logged = write(tmp_path / "logged.rrd", [rebuilt(chunk, lambda batch: with_log_time(batch, 1)) for chunk in original])
    relogged = write(tmp_path / "relogged.rrd", [rebuilt(chunk, lambda batch: with_log_time(batch, 1000))
                                                 for chunk in original])
    assert verdicts(logged, relogged)[:2] == (0, 0)
    # The reference ignores log_time's values but not whether a chunk has the timeline;
    # rrflow leaves the timeline out altogether, as the reference's help says.
    assert verdicts(RECORDING, logged)[:2] == (0, 1)


def test_damaged_files(tmp_path: Path) -> None:
    for name, path in _damaged_files(tmp_path).items():
        ours, theirs, stderr = verdicts(RECORDING, path)
        if name in RRFLOW_REFUSES_DAMAGE | RRFLOW_COUNTS_REPEATS:
            assert (ours, theirs) == (1, 0), (name, stderr)
        else:
            assert ours == theirs, (name, ours, theirs, stderr)
        if ours != 0:
            assert str(path) in stderr, (name, stderr)


def test_usage_and_missing_files(tmp_path: Path) -> None:
    assert compare("rrflow", RECORDING).returncode == compare("rerun", RECORDING).returncode == 2
    assert verdicts(RECORDING, tmp_path / "missing.rrd")[:2] == (1, 1)
    help_text = subprocess.run([rrflow_command(), "compare", "--help"], capture_output=True, text=True,
                               timeout=60, check=False).stdout
    assert "Example: rrflow compare" in help_text and "--unordered" in help_text
