"""
`rrflow route`: new store ids with every chunk's encoded bytes copied, checked
byte for byte against the input, by `rerun rrd verify`, and against
`rerun rrd route` (rerun-sdk 0.33.1), which panics on recordings that carry a
blueprint.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from protobuf_wire import stored_chunks
from test_cli import rrflow_command, run

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
WITH_BLUEPRINT = DATA / "rerun_0_33_1_with_blueprint.rrd"
RERUN_CLI = Path(sys.executable).parent / "rerun"
# Reading the committed files of old versions, which have no footer, warns so.
pytestmark = pytest.mark.filterwarnings("ignore:RRD file has no footer")


def stores(path: Path) -> list[tuple[str, str, str]]:
    reader = rrflow.RrdReader(path)
    return sorted(
        [("recording", s.application_id, s.recording_id) for s in reader.recordings()]
        + [("blueprint", s.application_id, s.recording_id) for s in reader.blueprints()]
    )


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.rrd")))
def test_chunk_bytes_are_copied_and_rerun_verifies_the_result(tmp_path: Path, name: str) -> None:
    source = DATA / name
    output = tmp_path / "routed.rrd"
    result = run("route", source, "-o", output, "--application-id", "fleet", "--recording-id", "robot7")
    assert result.returncode == 0, result.stderr
    assert stored_chunks(output) == stored_chunks(source)
    assert {(app, rec) for _, app, rec in stores(output)} == {("fleet", "robot7")}
    verify = subprocess.run([RERUN_CLI, "rrd", "verify", output], capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stderr
    before = rrflow.RrdReader(source).stream().to_chunks()
    after = rrflow.RrdReader(output).stream().to_chunks()
    assert [c.to_record_batch() for c in after] == [c.to_record_batch() for c in before]


def test_agrees_with_rerun_rrd_route(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.rrd", tmp_path / "theirs.rrd"
    arguments = ["--application-id", "fleet", "--recording-id", "robot7", RECORDING]
    assert run("route", "-o", ours, *arguments).returncode == 0
    reference = subprocess.run(
        [RERUN_CLI, "rrd", "route", "-o", theirs, *arguments], capture_output=True, text=True, timeout=120
    )
    assert reference.returncode == 0, reference.stderr
    assert stored_chunks(ours) == stored_chunks(theirs)
    assert stores(ours) == stores(theirs)
    compare = subprocess.run([RERUN_CLI, "rrd", "compare", ours, theirs], capture_output=True, timeout=120)
    assert compare.returncode == 0, compare.stderr


def test_a_recording_with_a_blueprint_where_rerun_panics(tmp_path: Path) -> None:
    output = tmp_path / "routed.rrd"
    result = run("route", WITH_BLUEPRINT, "-o", output, "--application-id", "fleet")
    assert result.returncode == 0, result.stderr
    assert stores(output) == [
        ("blueprint", "fleet", "rec_25fdd0dd05d249908c0dc82caf6d7078"),
        ("recording", "fleet", "recording_2"),
    ]
    assert stored_chunks(output) == stored_chunks(WITH_BLUEPRINT)
    # rerun-sdk 0.33.1 checks its footer against the chunks per store and
    # aborts with "assertion `left == right` failed" after writing part of it.
    reference = subprocess.run(
        [RERUN_CLI, "rrd", "route", "-o", tmp_path / "theirs.rrd", "--application-id", "fleet", WITH_BLUEPRINT],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert reference.returncode != 0
    assert "panicked" in reference.stderr


def test_several_inputs_as_one_recording_drop_blueprint_activations(tmp_path: Path) -> None:
    output = tmp_path / "joined.rrd"
    result = run("route", RECORDING, WITH_BLUEPRINT, "--recording-id", "joined", "-o", output)
    assert result.returncode == 0, result.stderr
    assert "1 blueprint activation(s) dropped" in result.stderr
    assert [(kind, rec) for kind, _, rec in stores(output)] == [("blueprint", "joined"), ("recording", "joined")]
    assert stored_chunks(output) == stored_chunks(RECORDING) + stored_chunks(WITH_BLUEPRINT)


def test_standard_output_and_errors(tmp_path: Path) -> None:
    piped = subprocess.run([rrflow_command(), "route", RECORDING, "--recording-id", "x"], capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    written = tmp_path / "piped.rrd"
    written.write_bytes(piped.stdout)
    assert stored_chunks(written) == stored_chunks(RECORDING)

    missing = run("route", tmp_path / "missing.rrd", "-o", tmp_path / "out.rrd")
    assert missing.returncode == 1
    assert "missing.rrd" in missing.stderr
    assert not (tmp_path / "out.rrd").exists()
    assert run("route", "-o", tmp_path / "out.rrd").returncode == 2
