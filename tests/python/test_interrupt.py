"""Ctrl-C stops a running terminal promptly with KeyboardInterrupt itself, leaving the target of
write_rrd untouched and no temporary file behind (issue: robustness, fault 5).

Before the fix, a callback interrupted during write_rrd surfaced as
`RuntimeError: KeyboardInterrupt:`, and pure C++ work ignored Ctrl-C until it finished.
Each case runs in a child process that is sent SIGINT; every case has a timeout.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

_CHILD = textwrap.dedent("""
    import sys, time, numpy as np, rrflow
    target, terminal, with_callback = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    chunks = [rrflow.Chunk.from_columns(f"/e/{i % 50}", [rrflow.TimeColumn("frame", sequence=[i])],
                                        [rrflow.ComponentColumn("Scalars:scalars", [float(i)])])
              for i in range(50_000)]
    store = rrflow.ChunkStore.from_chunks(chunks)
    def slow(chunk):
        time.sleep(0.002)
        return chunk
    # One call into the engine that runs for minutes unless interrupted: ten million chunks,
    # or a callback that sleeps for each of fifty thousand.
    if with_callback:
        stream = store.stream().map(slow)
    else:
        stream = rrflow.LazyChunkStream.merge(*[store.stream() for _ in range(200)])
    print("ready", flush=True)
    try:
        if terminal == "write_rrd":
            stream.write_rrd(target, application_id="app", recording_id="rec")
        elif terminal == "to_chunks":
            stream.to_chunks()
        else:
            stream.collect()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(7)
    """)


@pytest.mark.parametrize("with_callback", [False, True])
@pytest.mark.parametrize("terminal", ["write_rrd", "to_chunks", "collect"])
def test_ctrl_c_raises_keyboard_interrupt_promptly(terminal: str, with_callback: bool,
                                                   tmp_path: Path) -> None:
    target = tmp_path / "out.rrd"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(target), terminal,
                              "1" if with_callback else "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        # Far less than the work would take: only the interrupt ends it in time.
        stdout, stderr = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == 7, stderr
    assert "interrupted" in stdout
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
