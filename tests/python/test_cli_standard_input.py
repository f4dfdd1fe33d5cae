"""`-` as an input of every subcommand: standard input, piped or redirected."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

import pytest
from test_cli import rrflow_command

import rrflow

DATA = Path(__file__).resolve().parents[1] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
MCAP = DATA / "mcap" / "chunked_lz4.mcap"


def piped(*args: object, data: bytes, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """Runs the command with `data` piped into it and its temporary files in `tmp_path/tmp`."""
    temporary = tmp_path / "tmp"
    temporary.mkdir(exist_ok=True)
    return subprocess.run(
        [rrflow_command(), *map(str, args)],
        input=data,
        capture_output=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(temporary)},
    )


@pytest.mark.parametrize(
    "args",
    [["info", "-"], ["stats", "-", "--json"], ["summary", "-"], ["verify", "-"], ["compare", "-", RECORDING]],
)
def test_a_piped_recording_reads_as_the_file_does(tmp_path: Path, args: list[object]) -> None:
    from_pipe = piped(*args, data=RECORDING.read_bytes(), tmp_path=tmp_path)
    assert from_pipe.returncode == 0, from_pipe.stderr
    from_file = subprocess.run(
        [rrflow_command(), *(str(RECORDING) if a == "-" else str(a) for a in args)], capture_output=True, timeout=120
    )
    assert from_pipe.stdout == from_file.stdout.replace(str(RECORDING).encode(), b"<stdin>", 1)
    assert list((tmp_path / "tmp").iterdir()) == []  # the copy has no name and is gone


def test_pipelines_of_subcommands(tmp_path: Path) -> None:
    filtered = piped("filter", "-", "--content", "/world/**", data=RECORDING.read_bytes(), tmp_path=tmp_path)
    assert filtered.returncode == 0, filtered.stderr
    routed = piped("route", "-", "--recording-id", "piped", data=filtered.stdout, tmp_path=tmp_path)
    assert routed.returncode == 0, routed.stderr
    output = tmp_path / "out.rrd"
    output.write_bytes(routed.stdout)
    [recording] = rrflow.RrdReader(output).recordings()
    assert recording.recording_id == "piped"
    entities = {c.entity_path for c in rrflow.RrdReader(output).stream().to_chunks()}
    assert entities == {"/world/description", "/world/extra", "/world/points"}


def test_split_and_mcap_name_their_outputs_after_stdin(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    split = piped("split", "-", "-o", parts, "--by", "entity", data=RECORDING.read_bytes(), tmp_path=tmp_path)
    assert split.returncode == 0, split.stderr
    assert parts.is_dir() and all(p.name.startswith("stdin_") for p in parts.iterdir())
    converted = tmp_path / "converted.rrd"
    mcap = piped("mcap", "convert", "-", "-o", converted, data=MCAP.read_bytes(), tmp_path=tmp_path)
    assert mcap.returncode == 0, mcap.stderr
    [recording] = rrflow.RrdReader(converted).recordings()
    assert recording.application_id == "stdin"
    info = piped("mcap", "info", "-", data=MCAP.read_bytes(), tmp_path=tmp_path)
    assert info.returncode == 0, info.stderr
    assert info.stdout.startswith(b"<stdin>: ")


def test_a_redirected_file_is_read_in_place(tmp_path: Path) -> None:
    with RECORDING.open("rb") as stdin:
        result = subprocess.run([rrflow_command(), "info", "-"], stdin=stdin, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<stdin>: 17.8 kB")


def test_damage_on_stdin_is_named_so(tmp_path: Path) -> None:
    damaged = piped("verify", "-", data=b"not a recording", tmp_path=tmp_path)
    assert damaged.returncode == 1
    assert b"<stdin>: " in damaged.stderr and b"/proc/" not in damaged.stderr
    empty = piped("info", "-", data=b"", tmp_path=tmp_path)
    assert empty.returncode == 1
    assert b"<stdin>" in empty.stderr


def test_a_terminal_on_stdin_is_a_usage_error() -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [rrflow_command(), "info", "-"], stdin=terminal, capture_output=True, timeout=120
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert b"standard input, which is a terminal" in result.stderr
