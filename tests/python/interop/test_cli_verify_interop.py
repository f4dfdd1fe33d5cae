"""
`rrflow verify` against `rerun rrd verify` (rerun-sdk 0.33.1) on the committed
files written by several Rerun versions and on damaged copies made here: both
accept the same files and refuse the same files, except where pinned below.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_cli import rrflow_command, run_on_terminal
from test_damaged_rrd_matrix import _damaged_files

DATA = Path(__file__).resolve().parents[2] / "data"
RERUN_CLI = Path(sys.executable).parent / "rerun"

# rerun-sdk 0.33.1 accepts bytes after a stream's footer that are not another
# stream (it stops reading there); rrflow reports them, naming the offset.
RRFLOW_STRICTER = {"garbage_appended"}


def verify(tool: str, *args: object) -> subprocess.CompletedProcess[str]:
    command = [rrflow_command(), "verify"] if tool == "rrflow" else [str(RERUN_CLI), "rrd", "verify"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.rrd")), ids=lambda path: path.name)
@pytest.mark.parametrize("check_footers", [True, False])
def test_committed_files_get_the_same_verdict(path: Path, check_footers: bool) -> None:
    flags = [] if check_footers else ["--check-footers", "false"]
    ours, theirs = verify("rrflow", *flags, path), verify("rerun", *flags, path)
    assert (ours.returncode == 0) == (theirs.returncode == 0), (ours.stdout + ours.stderr, theirs.stderr)
    assert ours.returncode in (0, 1)
    if ours.returncode == 0:
        assert ours.stdout.startswith(f"{path}: ok, ")
    else:
        assert f"rrflow: {path}: " in ours.stderr and " at byte " in ours.stderr


def test_damaged_files_get_the_same_verdict(tmp_path: Path) -> None:
    for name, path in _damaged_files(tmp_path).items():
        ours, theirs = verify("rrflow", path), verify("rerun", path)
        if name in RRFLOW_STRICTER:
            assert theirs.returncode == 0 and ours.returncode == 1, name
        else:
            assert (ours.returncode == 0) == (theirs.returncode == 0), (name, ours.stderr, theirs.stderr)
        if ours.returncode != 0:
            problems = [line for line in ours.stderr.splitlines() if line.startswith("rrflow: ")]
            assert problems, name
            assert all(str(path) in line and " at byte " in line for line in problems), (name, problems)


def test_several_files_and_the_exit_code(tmp_path: Path) -> None:
    good = DATA / "rerun_0_33_1_recording.rrd"
    cut = tmp_path / "cut.rrd"
    cut.write_bytes(good.read_bytes()[:5000])
    result = verify("rrflow", good, cut)
    assert result.returncode == 1
    assert f"{good}: ok, 7 chunks in 1 stream(s), 7 footer entries checked" in result.stdout
    assert f"{cut}: " in result.stdout and "problem(s)" in result.stdout
    assert verify("rrflow", tmp_path / "missing.rrd").returncode == 1
    assert verify("rrflow").returncode == 2  # no file is a usage error
    assert "Example: rrflow verify" in subprocess.run(
        [rrflow_command(), "verify", "--help"], capture_output=True, text=True, timeout=60, check=False
    ).stdout


def test_progress_on_a_terminal_only() -> None:
    path = DATA / "rerun_0_33_1_recording.rrd"
    code, written = run_on_terminal("verify", path)
    assert code == 0, written
    assert re.search(r"read \d+\.\d+ kB in \d+s", written), written
    assert run_on_terminal("verify", "--quiet", path) == (0, "")
    piped = verify("rrflow", path)
    assert piped.returncode == 0 and piped.stderr == ""
