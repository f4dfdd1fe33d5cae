"""Starting a Rerun viewer process, the way rerun-sdk 0.33.1 starts one."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import warnings

from ._warnings import RrflowWarning

# The readiness probe of 0.33.1: 20 connection attempts, 1 s each at most,
# 200 ms apart after a refusal.
_READY_ATTEMPTS = 20
_READY_PAUSE_SECONDS = 0.2


def _port_answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def _find_executable(executable_name: str, executable_path: str | None) -> str:
    if executable_path is not None:
        if os.path.isfile(executable_path) and os.access(executable_path, os.X_OK):
            return executable_path
        raise RuntimeError(f'Failed to find Rerun Viewer executable at "{executable_path}"')
    found = shutil.which(executable_name)
    if found is None:
        raise RuntimeError(
            f"Failed to find Rerun Viewer executable in PATH: there is no {executable_name!r}. "
            "Install the viewer that matches this API with `pip install rerun-sdk==0.33.1`, "
            f"or pass executable_path.\nPATH={os.environ.get('PATH', '')!r}"
        )
    return found


def spawn_viewer(
    *,
    port: int,
    memory_limit: str,
    server_memory_limit: str,
    hide_welcome_screen: bool,
    detach_process: bool,
    executable_name: str,
    executable_path: str | None,
    headless: bool,
) -> int | None:
    """
    Start a viewer listening on ``port`` and wait until the port answers.

    Returns the viewer's pid, which is also its process group, or None when
    nothing was started: something already answers on the port (taken to be
    a viewer), or ``_RERUN_TEST_FORCE_SAVE`` is set.
    """
    if os.environ.get("_RERUN_TEST_FORCE_SAVE") is not None:
        return None
    if _port_answers(port):
        return None
    executable = _find_executable(executable_name, executable_path)
    _warn_on_version_mismatch(executable)
    arguments = [
        executable,
        f"--port={port}",
        f"--memory-limit={memory_limit}",
        f"--server-memory-limit={server_memory_limit}",
        "--expect-data-soon",
    ]
    if hide_welcome_screen:
        arguments.append("--hide-welcome-screen")
    if headless:
        arguments.append("--headless")
    # Its own process group (a new session when detached and windowed), so
    # that closing it also ends the native binary the `rerun` launcher runs.
    new_session = detach_process and not headless
    process = subprocess.Popen(
        arguments,
        stdin=subprocess.DEVNULL,
        start_new_session=new_session,
        preexec_fn=None if new_session else os.setpgrp,  # noqa: PLW1509 (no threads run in the child)
    )
    for _ in range(_READY_ATTEMPTS):
        if _port_answers(port):
            break
        if process.poll() is not None:
            break
        time.sleep(_READY_PAUSE_SECONDS)
    return process.pid


def _warn_on_version_mismatch(executable: str) -> None:
    try:
        output = subprocess.check_output([executable, "--version"], text=True, timeout=30, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return
    words = output.split()
    version = words[1] if len(words) > 1 else ""
    if version.split(".")[:2] != ["0", "33"]:
        warnings.warn(
            f"the viewer at {executable} reports version {version or '?'}; rrflow speaks the protocol of Rerun 0.33",
            category=RrflowWarning,
            stacklevel=3,
        )
