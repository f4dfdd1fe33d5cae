"""The progress bar of every reading subcommand: on a terminal, hidden by
--quiet, absent in a pipe unless --progress asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import run, run_on_terminal

DATA = Path(__file__).resolve().parents[1] / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"
MCAP = DATA / "mcap" / "chunked_lz4.mcap"

COMMANDS = {
    "filter": lambda out: ["filter", RECORDING, "-o", out / "f.rrd", "--content", "/world/**"],
    "merge": lambda out: ["merge", RECORDING, RECORDING, "-o", out / "m.rrd"],
    "split": lambda out: ["split", RECORDING, "-o", out / "parts", "--by", "entity"],
    "route": lambda out: ["route", RECORDING, "-o", out / "r.rrd", "--recording-id", "x"],
    "convert": lambda out: ["convert", RECORDING, out / "c.rrd"],
    "stats": lambda out: ["stats", RECORDING],
    "compare": lambda out: ["compare", RECORDING, RECORDING],
    "verify": lambda out: ["verify", RECORDING],
    "mcap convert": lambda out: ["mcap", "convert", MCAP, "-o", out / "mc.rrd"],
}
FINAL_LINE = "read "  # the bar's last line: "read 17.8 kB in 0s (4.9 MB/s)"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_bar_on_a_terminal_and_not_in_a_pipe(tmp_path: Path, name: str) -> None:
    arguments = COMMANDS[name](tmp_path)
    code, written = run_on_terminal(*arguments)
    assert code == 0, written
    assert FINAL_LINE in written and "/s)" in written

    code, written = run_on_terminal(*arguments, "--quiet")
    assert (code, written) == (0, "")

    piped = run(*arguments)
    assert piped.returncode == 0, piped.stderr
    assert FINAL_LINE not in piped.stderr

    forced = run(*arguments, "--progress")
    assert forced.returncode == 0, forced.stderr
    assert FINAL_LINE in forced.stderr


def test_progress_and_quiet_exclude_each_other(tmp_path: Path) -> None:
    result = run(*COMMANDS["filter"](tmp_path), "--progress", "--quiet")
    assert result.returncode == 2
    assert "excludes" in result.stderr
