"""rrflow streaming into the real Rerun 0.33.1 message proxy.

Each test starts `rerun --serve-grpc --bind 127.0.0.1` on a free port in its
own process group (killed at the end), sends with rrflow, then reads the
proxy's history back with the `proxy_read` test tool (a ReadMessages client)
into an .rrd and compares chunk by chunk with what was sent.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from test_cli import rrflow_command

import rrflow

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
RERUN = Path(sys.executable).parent / "rerun"


def find_tool(name: str) -> Path:
    candidates = sorted((ROOT / "build").glob(f"*/tests/cpp/{name}"), key=lambda p: p.stat().st_mtime)
    if not candidates:
        pytest.skip(f"{name} is not built (RRFLOW_BUILD_TESTS=ON builds it)")
    return candidates[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


class Proxy:
    def __init__(self) -> None:
        if not RERUN.exists():
            pytest.skip(f"{RERUN} is missing")
        self.port = free_port()
        self.url = f"rerun+http://127.0.0.1:{self.port}/proxy"
        self.process = subprocess.Popen(
            [RERUN, "--serve-grpc", "--bind", "127.0.0.1", "--port", str(self.port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while not port_answers(self.port):
            # A port taken meanwhile is only logged by the binary: check it runs.
            assert self.process.poll() is None, "rerun --serve-grpc exited"
            assert time.monotonic() < deadline, "rerun --serve-grpc did not start listening"
            time.sleep(0.05)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def read_back(self, path: Path) -> list[rrflow.Chunk]:
        result = subprocess.run(
            [find_tool("proxy_read"), self.url, path, "1.5"], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        # As stored: collecting would compact the chunks.
        return list(rrflow.RrdReader(path).stream())


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    running = Proxy()
    try:
        yield running
    finally:
        running.kill()


def sample_store() -> rrflow.ChunkStore:
    return rrflow.RrdReader(DATA / "rerun_0_28_2_recording.rrd").stream().collect()


def by_id(chunks: list[rrflow.Chunk]) -> dict[str, rrflow.Chunk]:
    return {chunk.id: chunk for chunk in chunks}


def assert_same_chunks(sent: list[rrflow.Chunk], received: list[rrflow.Chunk]) -> None:
    arrived = by_id(received)
    assert sorted(arrived) == sorted(chunk.id for chunk in sent)
    for chunk in sent:
        other = arrived[chunk.id]
        assert other.entity_path == chunk.entity_path
        assert other.timeline_names == chunk.timeline_names
        assert other.to_record_batch().equals(chunk.to_record_batch())


def test_chunks_arrive_unchanged_under_the_destination_identity(proxy: Proxy, tmp_path: Path) -> None:
    store = rrflow.RrdReader(DATA / "rerun_0_28_2_recording.rrd").store()  # a LazyStore
    sent = list(store.stream())
    with rrflow.RecordingStream("rrflow_viewer_test", recording_id="dest") as recording:
        recording.connect_grpc(proxy.url)
        rrflow.send_chunks(store)
    recording.disconnect()
    received = proxy.read_back(tmp_path / "received.rrd")
    assert [(e.application_id, e.recording_id) for e in rrflow.RrdReader(tmp_path / "received.rrd").recordings()] == [
        ("rrflow_viewer_test", "dest")
    ]
    assert_same_chunks([chunk for chunk in sent if chunk.num_columns > 0], received)


def test_every_input_kind(proxy: Proxy, tmp_path: Path) -> None:
    store = sample_store()
    sent = list(store.stream())
    recording = rrflow.RecordingStream("rrflow_viewer_test", recording_id="kinds")
    recording.connect_grpc(proxy.url)
    rrflow.send_chunks(sent[0], recording=recording)
    rrflow.send_chunks(iter(sent[1:3]), recording=recording)
    rrflow.send_chunks(rrflow.LazyChunkStream.from_iter(sent[3:]), recording=recording)
    recording.disconnect()
    received = proxy.read_back(tmp_path / "received.rrd")
    assert_same_chunks(sent, received)


def test_into_a_rerun_sdk_recording(proxy: Proxy, tmp_path: Path) -> None:
    rr = pytest.importorskip("rerun")
    store = sample_store()
    recording = rr.RecordingStream("rrflow_viewer_test", recording_id="sdk")
    recording.connect_grpc(proxy.url)
    rrflow.send_chunks(store, recording=recording)
    recording.flush()
    recording.disconnect()
    received = proxy.read_back(tmp_path / "received.rrd")
    arrived = by_id(received)
    # The SDK adds its recording-properties chunk; ours arrive with their ids.
    for chunk in store.stream():
        assert chunk.id in arrived
        assert arrived[chunk.id].to_record_batch().equals(chunk.to_record_batch())
    entries = rrflow.RrdReader(tmp_path / "received.rrd").recordings()
    assert [(e.application_id, e.recording_id) for e in entries] == [("rrflow_viewer_test", "sdk")]


def test_many_small_chunks(proxy: Proxy, tmp_path: Path) -> None:
    chunks = [
        rrflow.Chunk.from_columns(
            "/scalars",
            [rrflow.TimeColumn("frame", sequence=[i])],
            [rrflow.ComponentColumn("Scalars:scalars", np.array([float(i)]))],
        )
        for i in range(10_000)
    ]
    recording = rrflow.RecordingStream("rrflow_viewer_test", recording_id="small")
    recording.connect_grpc(proxy.url)
    rrflow.send_chunks(chunks, recording=recording)
    recording.disconnect()
    received = proxy.read_back(tmp_path / "received.rrd")
    assert len(received) == len(chunks)
    assert sorted(by_id(received)) == sorted(chunk.id for chunk in chunks)


def test_a_large_image(proxy: Proxy, tmp_path: Path) -> None:
    size = 100 * 1024 * 1024
    values = pa.array((np.arange(size, dtype=np.uint32) % 251).astype(np.uint8))
    column = pa.ListArray.from_arrays(pa.array([0, size], pa.int32()), values)
    image = rrflow.Chunk.from_columns(
        "/camera/image", [rrflow.TimeColumn("frame", sequence=[0])], [rrflow.ComponentColumn("Image:buffer", column)]
    )
    recording = rrflow.RecordingStream("rrflow_viewer_test", recording_id="large")
    recording.connect_grpc(proxy.url)
    rrflow.send_chunks(image, recording=recording)
    recording.disconnect()
    received = proxy.read_back(tmp_path / "received.rrd")
    assert_same_chunks([image], received)


def test_nothing_listening_fails_flush_naming_the_url() -> None:
    url = f"rerun+http://127.0.0.1:{free_port()}/proxy"
    recording = rrflow.RecordingStream("rrflow_viewer_test")
    recording.connect_grpc(url)
    rrflow.send_chunks(sample_store(), recording=recording)
    started = time.monotonic()
    with pytest.raises(ConnectionError, match="unable to connect") as raised:
        recording.flush()
    assert url in str(raised.value)
    assert time.monotonic() - started < 30
    with pytest.raises(ConnectionError):
        recording.disconnect()


def test_proxy_killed_mid_stream_fails_clearly(proxy: Proxy) -> None:
    recording = rrflow.RecordingStream("rrflow_viewer_test")
    recording.connect_grpc(proxy.url)
    chunk = rrflow.Chunk.from_columns(
        "/blob",
        [rrflow.TimeColumn("frame", sequence=[0])],
        [rrflow.ComponentColumn("Blob:blob", pa.array([np.zeros(1 << 20, np.uint8)], pa.list_(pa.uint8())))],
    )
    rrflow.send_chunks(chunk, recording=recording)
    recording.flush()
    proxy.kill()
    with pytest.raises(ConnectionError) as raised:
        for _ in range(1000):
            rrflow.send_chunks(chunk.with_entity_path("/blob"), recording=recording)
            recording.flush(timeout_sec=30)
    assert proxy.url in str(raised.value)


def test_bad_urls_raise_the_references_errors() -> None:
    recording = rrflow.RecordingStream("rrflow_viewer_test")
    with pytest.raises(RuntimeError, match=r'invalid endpoint "http://127.0.0.1:1/proxy": Invalid or missing scheme'):
        recording.connect_grpc("http://127.0.0.1:1/proxy")
    with pytest.raises(RuntimeError, match=r"Unexpected URI:: proxy/"):
        recording.connect_grpc("rerun+http://127.0.0.1:1/proxy/x")


def test_cli_send_streams_files_into_the_proxy(proxy: Proxy, tmp_path: Path) -> None:
    source = DATA / "rerun_0_28_2_recording.rrd"
    cli = rrflow_command()  # skips where the command is not installed
    result = subprocess.run(
        [cli, "send", source, "--url", proxy.url, "--recording-id", "sent", "--content", "/world/**"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert proxy.url in result.stderr
    received = proxy.read_back(tmp_path / "received.rrd")
    # This 0.28 file's chunks get fresh ids each time they are read (migrated
    # on the fly), so compare what they hold.
    expected = [chunk for chunk in rrflow.RrdReader(source).stream() if chunk.entity_path.startswith("/world")]
    assert expected
    assert sorted((c.entity_path, c.num_rows, c.timeline_names) for c in received) == sorted(
        (c.entity_path, c.num_rows, c.timeline_names) for c in expected
    )
    assert [e.recording_id for e in rrflow.RrdReader(tmp_path / "received.rrd").recordings()] == ["sent"]


def test_cli_send_with_nothing_listening_fails_naming_the_url() -> None:
    url = f"rerun+http://127.0.0.1:{free_port()}/proxy"
    cli = rrflow_command()  # skips where the command is not installed
    result = subprocess.run(
        [cli, "send", DATA / "rerun_0_28_2_recording.rrd", "--url", url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert url in result.stderr
