"""
`rrflow merge`: every recording of the inputs as one recording, chunks in time
order, checked against the inputs and against `rerun rrd merge` (rerun-sdk
0.33.1) by `rerun rrd compare --unordered`.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from test_cli import run

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
FIRST = DATA / "rerun_0_33_1_recording.rrd"
SECOND = DATA / "rerun_0_28_2_recording.rrd"
WITH_BLUEPRINT = DATA / "rerun_0_33_1_with_blueprint.rrd"
RERUN_CLI = Path(sys.executable).parent / "rerun"


def chunks_of(path: Path) -> list[rrflow.Chunk]:
    return rrflow.RrdReader(path).stream().to_chunks()


def first_time(chunk: rrflow.Chunk, timeline: str) -> int | None:
    batch = chunk.to_record_batch()
    if timeline not in batch.schema.names:
        return None
    return min(batch.column(timeline).cast("int64").to_pylist())


def test_every_chunk_of_every_input_in_time_order(tmp_path: Path) -> None:
    output = tmp_path / "merged.rrd"
    result = run("merge", FIRST, SECOND, "-o", output, "--by", "frame")
    assert result.returncode == 0, result.stderr
    merged = chunks_of(output)
    # The same k-way merge, done here: at each step the next chunk of the input
    # whose next chunk comes first (static, then by first frame; no frame: at once).
    inputs = [chunks_of(FIRST), chunks_of(SECOND)]

    def key(chunk: rrflow.Chunk) -> tuple[int, int]:
        if chunk.is_static:
            return (0, 0)
        time = first_time(chunk, "frame")
        return (1, -(2**63) if time is None else time)

    expected = []
    while any(inputs):
        first = min((i for i in range(len(inputs)) if inputs[i]), key=lambda i: key(inputs[i][0]))
        expected.append(inputs[first].pop(0))
    assert [c.id for c in merged] == [c.id for c in expected]
    store = rrflow.RrdReader(output).recordings()
    assert [(s.application_id, s.recording_id) for s in store] == [("rrflow_test_app", "recording_1")]


def test_agrees_with_rerun_rrd_merge(tmp_path: Path) -> None:
    # rerun-sdk merges into a store (10 chunks here: duplicated static data kept once);
    # rrflow streams every chunk (14). Semantically they are the same recording.
    ours, theirs = tmp_path / "ours.rrd", tmp_path / "theirs.rrd"
    assert run("merge", FIRST, SECOND, "-o", ours).returncode == 0
    subprocess.run([str(RERUN_CLI), "rrd", "merge", str(FIRST), str(SECOND), "-o", str(theirs)], check=True,
                   capture_output=True, timeout=120)
    compared = subprocess.run([str(RERUN_CLI), "rrd", "compare", "--unordered", str(ours), str(theirs)],
                              capture_output=True, text=True, timeout=120, check=False)
    assert compared.returncode == 0, compared.stderr
    verified = subprocess.run([str(RERUN_CLI), "rrd", "verify", str(ours)], capture_output=True, timeout=120)
    assert verified.returncode == 0


def test_identity_can_be_set_and_blueprints_are_left_out(tmp_path: Path) -> None:
    output = tmp_path / "merged.rrd"
    result = run("merge", WITH_BLUEPRINT, FIRST, "-o", output, "--application-id", "fleet", "--recording-id", "day1")
    assert result.returncode == 0, result.stderr
    reader = rrflow.RrdReader(output)
    assert [(s.application_id, s.recording_id) for s in reader.recordings()] == [("fleet", "day1")]
    assert reader.blueprints() == []
    recordings = [c for path in (WITH_BLUEPRINT, FIRST) for c in rrflow.RrdReader(path).stream()]
    assert len(chunks_of(output)) == len(recordings)


def test_errors_and_usage(tmp_path: Path) -> None:
    missing = run("merge", FIRST, tmp_path / "missing.rrd", "-o", tmp_path / "out.rrd")
    assert missing.returncode == 1 and "missing.rrd" in missing.stderr
    assert not (tmp_path / "out.rrd").exists()
    assert run("merge").returncode == 2
    assert "Example: rrflow merge" in run("merge", "--help").stdout
