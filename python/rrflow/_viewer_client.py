"""ViewerClient: tables and screenshots to a running viewer, and viewers to spawn."""

from __future__ import annotations

import os
import signal
import warnings
from types import TracebackType
from typing import Any
from uuid import UUID

import pyarrow as pa

from . import _core
from ._spawn import spawn_viewer
from ._warnings import RrflowWarning

_DEFAULT_URL = "rerun+http://127.0.0.1:9876/proxy"


class ViewerClient:
    """
    A connection to a running Rerun viewer (or proxy), opened at construction.

    Made with :meth:`connect`, or :meth:`spawn`, which also starts the viewer.
    A spawned viewer that is attached (``detach_process=False``) ends with
    :meth:`close`, at the end of a ``with`` block and when the client is
    garbage collected; a detached one only with :meth:`close`.
    """

    def __init__(self, url: str = _DEFAULT_URL, *, _pid: int | None = None, _kill_on_exit: bool = False) -> None:
        """
        Parameters
        ----------
        url:
            ``rerun+http://HOST:PORT/proxy``; only scheme, host and port are
            used (without a port: 80).

        Raises
        ------
        ValueError
            If the URL cannot be parsed (``Invalid URI: ...``).
        ConnectionError
            If nothing answers there.

        """
        # Set first: __del__ looks at them even when checks or connecting fail.
        self._pid: int | None = None
        self._kill_on_exit = False
        if not isinstance(url, str):
            raise TypeError(f"ViewerClient(): argument 'url' must be a str, not {type(url).__name__}")
        if _pid is not None and (not isinstance(_pid, int) or isinstance(_pid, bool)):
            raise TypeError(f"ViewerClient(): argument '_pid' must be an int or None, not {type(_pid).__name__}")
        if not isinstance(_kill_on_exit, bool):
            raise TypeError(
                f"ViewerClient(): argument '_kill_on_exit' must be a bool, not {type(_kill_on_exit).__name__}"
            )
        self._pid = _pid
        self._kill_on_exit = _kill_on_exit
        self._url = url
        self._internal = _core.ViewerConnection(url)

    @classmethod
    def connect(cls, url: str = _DEFAULT_URL) -> ViewerClient:
        """A client of the viewer already listening at ``url``."""
        return cls(url)

    @classmethod
    def spawn(
        cls,
        *,
        headless: bool = False,
        port: int = 9876,
        memory_limit: str = "75%",
        server_memory_limit: str = "1GiB",
        hide_welcome_screen: bool = False,
        detach_process: bool | None = None,
        executable_name: str = "rerun",
        executable_path: str | None = None,
    ) -> ViewerClient:
        """
        Start a viewer on ``port`` and connect to it.

        When something already answers on the port, nothing is started and
        the client connects to it (then :meth:`close` has nothing to end).
        ``detach_process`` defaults to ``not headless``. The executable is
        ``executable_path``, or ``executable_name`` looked up on ``PATH``.

        Raises
        ------
        RuntimeError
            If the executable is not found.
        ConnectionError
            If the viewer is not reachable once started.

        """
        detach = (not headless) if detach_process is None else detach_process
        pid = spawn_viewer(
            port=port,
            memory_limit=memory_limit,
            server_memory_limit=server_memory_limit,
            hide_welcome_screen=hide_welcome_screen,
            detach_process=detach,
            executable_name=executable_name,
            executable_path=executable_path,
            headless=headless,
        )
        return cls(f"rerun+http://127.0.0.1:{port}/proxy", _pid=pid, _kill_on_exit=not detach)

    @property
    def url(self) -> str:
        """The URL given at construction, as given."""
        return self._url

    def send_table(self, name: str, table: Any) -> None:
        """
        Show ``table`` in the viewer under ``name`` (replacing a table of that name).

        ``table`` is a ``pyarrow.RecordBatch``, a list of them (sent as one
        batch), or any dataframe exporting the Arrow stream interface
        (``__arrow_c_stream__``: a pyarrow Table, a DataFusion DataFrame, ...).

        Raises
        ------
        ConnectionError
            If the viewer refused the table or cannot be reached.

        """
        if isinstance(table, list):
            if not all(isinstance(batch, pa.RecordBatch) for batch in table):
                raise TypeError("send_table(): argument 'table' must hold only pyarrow.RecordBatch items")
            table = pa.Table.from_batches(table).combine_chunks()
        self._internal.send_table(name, table)

    def save_screenshot(self, file_path: str, view_id: str | UUID | None = None) -> None:
        """
        Have the viewer save a screenshot to ``file_path`` (resolved in the
        viewer's working directory; the extension picks the format) and wait
        until it has.

        ``view_id`` names one view (a UUID); None: the whole window.

        Raises
        ------
        ConnectionError
            If the viewer could not take or write it (a bad ``view_id`` too).
        TimeoutError
            If the viewer's answer timed out.

        """
        self._internal.save_screenshot(str(file_path), None if view_id is None else str(view_id), None)

    def close(self) -> None:
        """
        End the viewer this client spawned (its whole process group).

        Warns (``UserWarning``) when there is none: a client made by
        :meth:`connect`, a spawn that found a viewer already running, or a
        second call.
        """
        pid, self._pid = self._pid, None
        if pid is None:
            warnings.warn(
                "ViewerClient.close(): this client holds no viewer process to end (it connected to an "
                "existing viewer, or close() ran already)",
                category=RrflowWarning,
                stacklevel=2,
            )
            return
        try:
            os.killpg(pid, signal.SIGTERM) if os.name == "posix" else os.kill(pid, signal.SIGTERM)
        except OSError as error:
            warnings.warn(f"ViewerClient.close(): cannot end viewer process {pid}: {error}", category=RrflowWarning, stacklevel=2)

    def __enter__(self) -> ViewerClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._kill_on_exit and self._pid is not None:
            self.close()

    def __del__(self) -> None:
        if not getattr(self, "_kill_on_exit", False) or getattr(self, "_pid", None) is None:
            return
        try:
            self.close()
        except Exception:  # noqa: BLE001  (nothing can be raised from a finalizer)
            pass

    def __repr__(self) -> str:
        return f"ViewerClient({self._url!r})"
