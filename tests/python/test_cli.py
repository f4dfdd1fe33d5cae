"""The `rrflow` command line tool."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import rrflow

DATA = Path(__file__).resolve().parents[1] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"


def rrflow_command() -> str:
    local = Path(sys.executable).parent / "rrflow"
    if local.exists():
        return str(local)
    found = shutil.which("rrflow")
    if found is None:
        pytest.skip("the rrflow command is not installed")
    return found


def run_on_terminal(*args: object) -> tuple[int, str]:
    """Runs the command with stderr on a pseudo-terminal; its exit code and what it wrote there."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([rrflow_command(), *map(str, args)], stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    written = b""
    while True:
        try:
            data = os.read(controller, 4096)
        except OSError:  # the terminal closes with the process
            break
        if not data:
            break
        written += data
    os.close(controller)
    return process.wait(timeout=120), written.decode(errors="replace")


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([rrflow_command(), *map(str, args)], capture_output=True, text=True, timeout=120)


def test_help_and_usage_errors() -> None:
    assert run("--help").returncode == 0
    assert "info" in run("--help").stdout
    missing = run()
    assert missing.returncode == 2
    assert "subcommand" in missing.stderr
    assert run("info").returncode == 2
    assert run("frobnicate").returncode == 2


def test_info() -> None:
    result = run("info", RECORDING)
    assert result.returncode == 0, result.stderr
    assert "with footer" in result.stdout
    assert "recording application_id=rrflow_test_app" in result.stdout
    assert "frame (sequence)" in result.stdout
    assert "/world/points" in result.stdout
    assert "compressed" in result.stdout and "uncompressed" in result.stdout


def test_summary_matches_the_python_api() -> None:
    result = run("summary", RECORDING)
    assert result.returncode == 0, result.stderr
    expected = rrflow.ChunkStore.from_chunks(rrflow.RrdReader(RECORDING).stream().to_chunks()).summary()
    assert result.stdout == expected + "\n"


def test_convert_filters_and_rewrites(tmp_path: Path) -> None:
    out = tmp_path / "points.rrd"
    result = run("convert", RECORDING, out, "--content", "/world/**", "--temporal-only",
                 "--application-id", "converted", "--output-recording-id", "r1")
    assert result.returncode == 0, result.stderr
    reader = rrflow.RrdReader(out)
    assert [(e.application_id, e.recording_id) for e in reader.recordings()] == [("converted", "r1")]
    paths = {c.entity_path for c in reader.stream().to_chunks()}
    assert paths == {"/world/points"}


def test_errors_name_the_file(tmp_path: Path) -> None:
    missing = run("info", tmp_path / "nope.rrd")
    assert missing.returncode == 1
    assert "RRD file not found" in missing.stderr and "nope.rrd" in missing.stderr
    garbage = tmp_path / "garbage.rrd"
    garbage.write_bytes(b"not an rrd file at all")
    bad = run("summary", garbage)
    assert bad.returncode == 1
    assert "garbage.rrd" in bad.stderr


def test_summary_json_has_one_object_per_chunk() -> None:
    import json

    result = run("summary", "--json", RECORDING)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    chunks = rrflow.RrdReader(RECORDING).stream().to_chunks()
    assert sorted(line["chunk_id"] for line in lines) == sorted(str(chunk.id) for chunk in chunks)
    by_id = {str(chunk.id): chunk for chunk in chunks}
    for line in lines:
        chunk = by_id[line["chunk_id"]]
        assert line["entity_path"] == chunk.entity_path
        assert line["rows"] == chunk.num_rows
        assert line["static"] == chunk.is_static
        assert line["timelines"] == chunk.timeline_names


@pytest.mark.parametrize(("words", "expected"), [
    (["rrflow", "me"], {"merge"}),
    (["rrflow", "mcap", "con"], {"convert"}),
    (["rrflow", "mcap", "convert", "in.mcap", "--time"], {"--timeline-type", "--timestamp-offset-ns"}),
    (["rrflow", "filter", "in.rrd", "--drop"], {"--drop-component", "--drop-timeline"}),
    (["rrflow", "verify", "--q"], {"--quiet"}),
])
def test_bash_completion_follows_the_command_line(words: list[str], expected: set[str], tmp_path: Path) -> None:
    script = run("completion", "bash")
    assert script.returncode == 0, script.stderr
    driver = (script.stdout + "\nCOMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + ")\n"
              + f"COMP_CWORD={len(words) - 1}\n_rrflow\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    # In an empty directory, where no file name completes the words too.
    completed = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, timeout=60, check=False,
                               cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert set(completed.stdout.split()) == expected


@pytest.mark.parametrize("args", [["-v", "info", RECORDING], ["info", RECORDING, "-v"], ["verify", "--verbose", RECORDING]])
def test_verbose_prints_time_and_memory(args: list) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    command = next(a for a in args if a in ("info", "verify"))
    assert re.fullmatch(rf"rrflow: {command} took \d+\.\d{{3}} s \(\d+\.\d{{3}} s CPU\), peak memory \d+ MiB\n",
                        result.stderr), result.stderr
    assert "took" not in run(command, RECORDING).stderr


def test_every_subcommand_has_help_with_an_example() -> None:
    listing = run("--help").stdout
    names = re.findall(r"^  (\w+) {2,}", listing.split("Subcommands:")[1], flags=re.MULTILINE)
    assert {"filter", "merge", "route", "verify", "stats", "mcap"} <= set(names)
    commands = [[name] for name in names if name != "mcap"] + [["mcap", "convert"], ["mcap", "info"]]
    for command in commands:
        result = run(*command, "--help")
        assert result.returncode == 0, command
        assert "Example" in result.stdout, command
