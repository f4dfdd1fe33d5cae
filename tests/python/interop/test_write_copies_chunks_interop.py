"""
`write_rrd` copies the bytes of chunks that reach it unchanged from an .rrd
file instead of encoding them again: checked byte for byte against the input,
and by `rerun rrd verify` and `rerun rrd compare` (rerun-sdk 0.33.1).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from protobuf_wire import stored_chunks

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
RERUN_CLI = Path(sys.executable).parent / "rerun"
CURRENT = [DATA / "rerun_0_33_1_recording.rrd", DATA / "rerun_0_33_1_chunk_pipeline.rrd"]


def rerun(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RERUN_CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("source", CURRENT, ids=lambda p: p.name)
def test_chunks_passing_a_filter_keep_their_bytes(tmp_path: Path, source: Path) -> None:
    output = tmp_path / "filtered.rrd"
    stream = rrflow.RrdReader(source).stream()
    stream.filter(content="/world/**").write_rrd(output, application_id="app", recording_id="rec")
    kept = [c for c in rrflow.RrdReader(source).stream().to_chunks() if c.entity_path.startswith("/world/")]
    written = stored_chunks(output)
    assert len(written) == len(kept) > 0
    assert set(written) <= set(stored_chunks(source))
    assert rerun("rrd", "verify", output).returncode == 0


def test_a_round_trip_compares_equal_with_rerun(tmp_path: Path) -> None:
    source = DATA / "rerun_0_33_1_recording.rrd"
    [recording] = rrflow.RrdReader(source).recordings()
    output = tmp_path / "copy.rrd"
    rrflow.RrdReader(source).stream().write_rrd(
        output, application_id=recording.application_id, recording_id=recording.recording_id
    )
    assert stored_chunks(output) == stored_chunks(source)
    compare = rerun("rrd", "compare", source, output)
    assert compare.returncode == 0, compare.stderr


def test_changed_chunks_are_encoded_again(tmp_path: Path) -> None:
    source = DATA / "rerun_0_33_1_recording.rrd"
    output = tmp_path / "moved.rrd"
    rrflow.RrdReader(source).stream().map(lambda c: c.with_entity_path("/moved" + c.entity_path)).write_rrd(
        output, application_id="app", recording_id="rec"
    )
    assert not set(stored_chunks(output)) & set(stored_chunks(source))
    assert {c.entity_path.split("/")[1] for c in rrflow.RrdReader(output).stream().to_chunks()} == {"moved"}
    assert rerun("rrd", "verify", output).returncode == 0


def test_chunks_of_an_older_sorbet_version_are_migrated_and_encoded_again(tmp_path: Path) -> None:
    source = DATA / "rerun_0_28_2_recording.rrd"  # an older sorbet version: copying would keep its layout
    output = tmp_path / "migrated.rrd"
    rrflow.RrdReader(source).stream().write_rrd(output, application_id="app", recording_id="rec")
    assert not set(stored_chunks(output)) & set(stored_chunks(source))
    assert rerun("rrd", "verify", output).returncode == 0
