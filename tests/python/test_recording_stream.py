"""RecordingStream and send_chunks without a viewer: the file sink, the
default recording of a `with` block, and argument errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import rrflow

pytestmark = pytest.mark.timeout(60)


def chunks(count: int = 3) -> list[rrflow.Chunk]:
    return [
        rrflow.Chunk.from_columns(
            "/scalars",
            [rrflow.TimeColumn("frame", sequence=[i])],
            [rrflow.ComponentColumn("Scalars:scalars", np.array([float(i)]))],
        )
        for i in range(count)
    ]


def test_save_writes_the_chunks_under_the_recording_identity(tmp_path: Path) -> None:
    sent = chunks()
    recording = rrflow.RecordingStream("app", recording_id="rec")
    recording.save(tmp_path / "out.rrd")
    rrflow.send_chunks(sent, recording=recording)
    assert not (tmp_path / "out.rrd").exists()  # appears once complete
    recording.disconnect()
    reader = rrflow.RrdReader(tmp_path / "out.rrd")
    assert [(e.application_id, e.recording_id) for e in reader.recordings()] == [("app", "rec")]
    assert [chunk.id for chunk in reader.stream()] == [chunk.id for chunk in sent]


def test_with_block_is_the_default_destination_and_completes_a_file(tmp_path: Path) -> None:
    sent = chunks()
    with rrflow.RecordingStream("app") as recording:
        recording.save(tmp_path / "out.rrd")
        rrflow.send_chunks(rrflow.LazyChunkStream.from_iter(sent))
    assert [chunk.id for chunk in rrflow.RrdReader(tmp_path / "out.rrd").stream()] == [c.id for c in sent]


def test_without_a_destination_nothing_is_sent_or_run() -> None:
    def exploding():
        raise AssertionError("the input must not be run")
        yield  # pragma: no cover

    rrflow.send_chunks(exploding())


def test_a_non_chunk_item_is_a_type_error_when_reached(tmp_path: Path) -> None:
    recording = rrflow.RecordingStream("app")
    recording.save(tmp_path / "out.rrd")
    with pytest.raises(TypeError, match="Chunk"):
        rrflow.send_chunks([*chunks(2), 3], recording=recording)
    with pytest.raises(TypeError, match="'chunks'"):
        rrflow.send_chunks(3, recording=recording)
    with pytest.raises(TypeError, match="'recording'"):
        rrflow.send_chunks(chunks(1), recording=3)
    recording.disconnect()
    assert len(list(rrflow.RrdReader(tmp_path / "out.rrd").stream())) == 2


def test_a_consumed_stream_is_a_value_error(tmp_path: Path) -> None:
    recording = rrflow.RecordingStream("app")
    recording.save(tmp_path / "out.rrd")
    stream = rrflow.LazyChunkStream.from_iter(chunks())
    stream.filter(is_static=False)
    with pytest.raises(ValueError, match="already been consumed"):
        rrflow.send_chunks(stream, recording=recording)


def test_application_id_is_checked() -> None:
    with pytest.raises(ValueError):
        rrflow.RecordingStream("")
    assert rrflow.RecordingStream("app", recording_id="r").get_recording_id() == "r"
    assert len(rrflow.RecordingStream("app").get_recording_id()) == 36


def test_hashlib_imports_after_rrflow() -> None:
    # The gRPC client must not bring a libcrypto that binds to pyarrow's
    # bundled OpenSSL symbols (that crashed OpenSSL-backed imports).
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "import rrflow, _hashlib"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
