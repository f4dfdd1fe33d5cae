"""rrflow.ViewerClient against the real Rerun 0.33.1 proxy: eager connection,
URL errors, send_table read back through ReadTables, spawn and close."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pyarrow as pa
import pytest

import rrflow

sys.path.insert(0, str(Path(__file__).parent))
from test_viewer_interop import Proxy, find_tool, free_port, port_answers, proxy  # noqa: E402,F401

pytestmark = pytest.mark.timeout(120)


def read_table(proxy: Proxy, path: Path) -> tuple[str, pa.Table]:
    result = subprocess.run(
        [find_tool("proxy_read"), proxy.url, path, "5", "--tables"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), pa.ipc.open_stream(path.read_bytes()).read_all()


def test_nothing_listening_is_a_connection_error_at_construction() -> None:
    with pytest.raises(ConnectionError):
        rrflow.ViewerClient(f"rerun+http://127.0.0.1:{free_port()}/proxy")


def test_bad_urls_are_value_errors() -> None:
    with pytest.raises(ValueError, match="Invalid URI: Invalid or missing scheme"):
        rrflow.ViewerClient.connect("http://127.0.0.1:1/proxy")
    with pytest.raises(ValueError, match="Invalid URI: invalid port number"):
        rrflow.ViewerClient.connect("rerun+http://127.0.0.1:99999")


def test_send_table_arrives_as_one_batch(proxy: Proxy, tmp_path: Path) -> None:
    client = rrflow.ViewerClient.connect(proxy.url)
    assert client.url == proxy.url
    batches = [pa.record_batch({"x": [1, 2], "name": ["a", "b"]}), pa.record_batch({"x": [3], "name": ["c"]})]
    client.send_table("my table", batches)
    name, table = read_table(proxy, tmp_path / "table.arrow")
    assert name == "my table"
    assert table.num_rows == 3
    assert table.combine_chunks().to_pylist() == pa.Table.from_batches(batches).to_pylist()


def test_send_table_takes_arrow_stream_exporters(proxy: Proxy, tmp_path: Path) -> None:
    client = rrflow.ViewerClient.connect(proxy.url)
    client.send_table("t", pa.table({"y": [1.5, 2.5]}))
    name, table = read_table(proxy, tmp_path / "table.arrow")
    assert (name, table.column("y").to_pylist()) == ("t", [1.5, 2.5])


def test_close_without_a_spawned_viewer_warns(proxy: Proxy) -> None:
    client = rrflow.ViewerClient.connect(proxy.url)
    with pytest.warns(UserWarning, match="no viewer process"):
        client.close()


def test_spawn_with_the_port_taken_starts_nothing(proxy: Proxy) -> None:
    client = rrflow.ViewerClient.spawn(headless=True, port=proxy.port)
    assert client._pid is None
    with pytest.warns(UserWarning):
        client.close()


def test_spawn_without_the_executable_says_so(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="Failed to find Rerun Viewer executable in PATH"):
        rrflow.ViewerClient.spawn(port=free_port(), executable_name="no-such-rerun-viewer")
    with pytest.raises(RuntimeError, match="Failed to find Rerun Viewer executable at"):
        rrflow.ViewerClient.spawn(port=free_port(), executable_path=str(tmp_path / "missing"))


def fake_viewer(tmp_path: Path) -> Path:
    """An executable that records its arguments and serves a proxy (the real
    binary with --serve-grpc), standing in for a viewer without graphics."""
    script = tmp_path / "fake-rerun"
    rerun = Path(sys.executable).parent / "rerun"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then exec {rerun} --version; fi\n'
        f'echo "$@" > {tmp_path / "argv.txt"}\n'
        f'port=$(echo "$1" | sed "s/--port=//")\n'
        f"exec {rerun} --serve-grpc --bind 127.0.0.1 --port $port\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_spawn_command_line_and_attached_lifetime(tmp_path: Path) -> None:
    port = free_port()
    with rrflow.ViewerClient.spawn(
        headless=True, port=port, hide_welcome_screen=True, executable_path=str(fake_viewer(tmp_path))
    ) as client:
        assert client.url == f"rerun+http://127.0.0.1:{port}/proxy"
        pid = client._pid
        assert pid is not None
        assert os.getpgid(pid) == pid
    assert (tmp_path / "argv.txt").read_text().split() == [
        f"--port={port}", "--memory-limit=75%", "--server-memory-limit=1GiB", "--expect-data-soon",
        "--hide-welcome-screen", "--headless",
    ]
    # Leaving the block ended the attached viewer: the port is free again.
    deadline = time.monotonic() + 15
    while port_answers(port):
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_a_detached_viewer_survives_the_block(tmp_path: Path) -> None:
    port = free_port()
    with rrflow.ViewerClient.spawn(
        headless=True, port=port, detach_process=True, executable_path=str(fake_viewer(tmp_path))
    ) as client:
        pass
    try:
        assert port_answers(port)
    finally:
        client.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.close()
    assert caught and issubclass(caught[0].category, UserWarning)


def test_headless_screenshot(tmp_path: Path) -> None:
    # The headless viewer renders through wgpu; without any Vulkan driver
    # (Mesa's lavapipe: mesa-vulkan-drivers) it panics before listening.
    if not any(Path(folder).is_dir() and any(Path(folder).iterdir())
               for folder in ("/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d")):
        pytest.skip("no Vulkan driver installed (mesa-vulkan-drivers): a headless viewer cannot render")
    port = free_port()
    with rrflow.ViewerClient.spawn(headless=True, port=port, executable_path=str(Path(sys.executable).parent / "rerun")) as client:
        target = tmp_path / "shot.png"
        client.save_screenshot(str(target))
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
