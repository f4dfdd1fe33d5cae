"""Where `write_rrd` puts its bytes: symbolic links are followed, regular files are replaced
atomically and keep their mode, devices and FIFOs are written in place, a directory is an error,
and errors name the target (issue: robustness, fault 1).

rerun-sdk 0.33.1 raises `RuntimeError: Failed to write: No space left on device (os error 28)`
for /dev/full; before the fix rrflow replaced /dev/full (and /dev/null, as root) with a regular
file and reported success.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import rrflow

DATA = Path(__file__).parent.parent / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"


def _write(target: Path | str) -> None:
    rrflow.RrdReader(RECORDING).stream().write_rrd(str(target), application_id="app", recording_id="rec")


def _chunk_count(path: Path | str) -> int:
    return len(rrflow.RrdReader(path).stream().to_chunks())


EXPECTED_CHUNKS = len(rrflow.RrdReader(RECORDING).stream().to_chunks())


def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.rrd"
    real.write_bytes(b"old")
    link = tmp_path / "link.rrd"
    link.symlink_to(real.name)
    _write(link)
    assert link.is_symlink()
    assert os.readlink(link) == real.name
    assert _chunk_count(real) == EXPECTED_CHUNKS


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.rrd"
    link.symlink_to("sub_target.rrd")
    _write(link)
    assert link.is_symlink()
    assert _chunk_count(tmp_path / "sub_target.rrd") == EXPECTED_CHUNKS


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.rrd"
    target.write_bytes(b"old")
    target.chmod(0o640)
    _write(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _chunk_count(target) == EXPECTED_CHUNKS


def test_directory_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=f"cannot write {tmp_path}: Is a directory"):
        _write(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_reports_the_os_error() -> None:
    with pytest.raises(RuntimeError, match="cannot write /dev/full: No space left on device"):
        _write("/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_fifo_is_written_in_place_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.rrd"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    _write(fifo)
    reader.join(timeout=30)
    assert not reader.is_alive()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    copy = tmp_path / "copy.rrd"
    copy.write_bytes(received[0])
    assert _chunk_count(copy) == EXPECTED_CHUNKS


def test_error_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    missing_directory = tmp_path / "nope" / "out.rrd"
    with pytest.raises(RuntimeError) as raised:
        _write(missing_directory)
    assert str(missing_directory) in str(raised.value)
    assert ".tmp" not in str(raised.value)


def test_temporaries_of_killed_writers_are_removed(tmp_path: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    abandoned = tmp_path / f".out.rrd.{dead_pid}.0.tmp"
    abandoned.write_bytes(b"partial")
    live = tmp_path / f".out.rrd.{os.getppid()}.0.tmp"
    live.write_bytes(b"another writer's")
    other_target = tmp_path / f".other.rrd.{dead_pid}.0.tmp"
    other_target.write_bytes(b"partial")
    _write(tmp_path / "out.rrd")
    assert not abandoned.exists()
    assert live.exists()
    assert other_target.exists()
    assert _chunk_count(tmp_path / "out.rrd") == EXPECTED_CHUNKS
