"""Sending chunks to a local message proxy: rrflow vs rerun-sdk's send_chunks.

Each worker process starts its own `rerun --serve-grpc --bind 127.0.0.1` on a
free port with `--server-memory-limit 0` (no history, so repeats do not pile
up in the proxy) and kills it when it exits. One repeat is: a new
RecordingStream, connect_grpc, send_chunks of every chunk, flush,
disconnect (so the time includes the proxy taking the last message).

Cases: `small` sends `--small-chunks` chunks of one scalar row each;
`images` sends `--images` chunks of one `--image-mib` MiB image buffer each.
The chunks are built before timing (rerun-sdk gets the same record batches
as its own Chunks).

Run: .venv/bin/python bench/viewer_bench.py [--small-chunks N] [--images N] [--image-mib M] [--repeat K]
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

import rrflow  # noqa: E402  (builds the chunks for both libraries)

RERUN = Path(sys.executable).parent / "rerun"


def start_proxy() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [RERUN, "--serve-grpc", "--bind", "127.0.0.1", "--port", str(port), "--server-memory-limit", "0"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    atexit.register(lambda: os.killpg(process.pid, signal.SIGKILL))
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("rerun --serve-grpc did not start") from None
            time.sleep(0.05)
    return f"rerun+http://127.0.0.1:{port}/proxy"


def small_chunks(count: int) -> list[rrflow.Chunk]:
    return [
        rrflow.Chunk.from_columns(
            "/scalars", [rrflow.TimeColumn("frame", sequence=[i])],
            [rrflow.ComponentColumn("Scalars:scalars", np.array([float(i)]))],
        )
        for i in range(count)
    ]


def image_chunks(count: int, mib: int) -> list[rrflow.Chunk]:
    size = mib * 1024 * 1024
    chunks = []
    for i in range(count):
        values = pa.array(((np.arange(size, dtype=np.uint32) + i) % 251).astype(np.uint8))
        column = pa.ListArray.from_arrays(pa.array([0, size], pa.int32()), values)
        chunks.append(rrflow.Chunk.from_columns(
            "/camera/image", [rrflow.TimeColumn("frame", sequence=[i])],
            [rrflow.ComponentColumn("Image:buffer", column)],
        ))
    return chunks


def sender(lib: Any, chunks: list[rrflow.Chunk]) -> Any:
    url = start_proxy()
    if lib is rrflow:
        def send() -> None:
            recording = rrflow.RecordingStream("viewer_bench")
            recording.connect_grpc(url)
            rrflow.send_chunks(chunks, recording=recording)
            recording.flush()
            recording.disconnect()
        return send
    import rerun as rr

    theirs = [lib.Chunk.from_record_batch(chunk.to_record_batch()) for chunk in chunks]

    def send_rerun() -> None:
        recording = rr.RecordingStream("viewer_bench")
        recording.connect_grpc(url)
        lib.send_chunks(theirs, recording=recording)
        recording.flush()
        recording.disconnect()
    return send_rerun


def case_small(lib: Any, extra: dict[str, Any]) -> Any:
    return sender(lib, small_chunks(extra["small_chunks"]))


def case_images(lib: Any, extra: dict[str, Any]) -> Any:
    return sender(lib, image_chunks(extra["images"], extra["image_mib"]))


if __name__ == "__main__":
    harness.main(sys.modules[__name__], ["small", "images"], "send_chunks to a local proxy",
                 {"small_chunks": 10_000, "images": 3, "image_mib": 100})
