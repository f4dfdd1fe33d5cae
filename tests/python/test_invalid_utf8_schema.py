"""Bytes that are not UTF-8 in a chunk's schema (a field name, a metadata key or value) are a
decode error naming the file, the byte offset and the column, in Python and in `rrflow info`,
which never prints the raw bytes (issue: robustness, fault 4). Before the fix they were accepted
or surfaced as a bare UnicodeDecodeError."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_cli import rrflow_command

import rrflow

MARKER = b"uniquefield"


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    chunk = rrflow.Chunk.from_columns("/a", [rrflow.TimeColumn("frame", sequence=[1, 2])],
                                      [rrflow.ComponentColumn("Qzqzqz:uniquefield", [1.0, 2.0])])
    path = tmp_path_factory.mktemp("utf8") / "good.rrd"
    rrflow.ChunkStore.from_chunks([chunk]).stream().write_rrd(str(path), application_id="a", recording_id="r")
    return path.read_bytes()


def _occurrences(data: bytes) -> list[int]:
    found, start = [], 0
    while (index := data.find(MARKER, start)) >= 0:
        found.append(index)
        start = index + 1
    return found


def test_the_marker_appears_in_the_chunk_schema(recording: bytes) -> None:
    # The field name and the rerun:component metadata value, each in the chunk and the manifest.
    assert len(_occurrences(recording)) >= 2


@pytest.mark.parametrize("which", range(4))
def test_invalid_utf8_is_a_located_error(recording: bytes, which: int, tmp_path: Path) -> None:
    occurrences = _occurrences(recording)
    if which >= len(occurrences):
        pytest.skip("fewer occurrences")
    damaged = bytearray(recording)
    damaged[occurrences[which]] = 0xFF
    path = tmp_path / "bad.rrd"
    path.write_bytes(bytes(damaged))
    for read in (lambda: rrflow.RrdReader(path).stream().to_chunks(),
                 lambda: rrflow.RrdReader(path).store().stream().to_chunks()):
        try:
            chunks = read()
        except RuntimeError as error:
            message = str(error)
            assert str(path) in message and "at byte" in message, message
            # Later occurrences lie in the footer, whose checksum finds the damage first.
            assert "invalid UTF-8" in message or "checksum" in message, message
            if which == 0:
                assert "invalid UTF-8 in the name of column" in message, message
        else:
            # Damage outside what this path reads: what it returns is intact text.
            for chunk in chunks:
                chunk.to_record_batch().schema.to_string()
    info = subprocess.run([rrflow_command(), "info", str(path)],
                          capture_output=True, check=False)
    (info.stdout + info.stderr).decode("utf-8")  # strict: no raw invalid bytes printed
    if info.returncode != 0:
        assert str(path).encode() in info.stderr and b"at byte" in info.stderr
    if which == 0:
        assert b"invalid UTF-8 in the name of column" in info.stderr
