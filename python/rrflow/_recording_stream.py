"""RecordingStream: a destination for chunks, an ``.rrd`` file or a viewer over gRPC."""

from __future__ import annotations

import contextvars
import math
import uuid
import warnings
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import _core
from ._chunk import Chunk
from ._lazy_chunk_stream import ChunkStore, LazyChunkStream
from ._lazy_store import LazyStore
from ._spawn import spawn_viewer
from ._warnings import RrflowWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

DEFAULT_CONNECT_URL = "rerun+http://127.0.0.1:9876/proxy"

# The recording of the innermost `with recording:` block, which
# send_chunks(recording=None) sends to.
_active_recording: contextvars.ContextVar[RecordingStream | None] = contextvars.ContextVar(
    "rrflow_active_recording", default=None
)


def active_recording() -> RecordingStream | None:
    """The recording of the innermost ``with`` block in this context, if any."""
    return _active_recording.get()


class RecordingStream:
    """
    One recording (an application id and a recording id) and where its chunks go.

    Chunks sent with :func:`send_chunks` (or :meth:`send_chunks`) go to the
    current sink: a file opened by :meth:`save`, or a viewer or proxy reached
    by :meth:`connect_grpc` / :meth:`spawn`. Choosing a sink completes the
    previous one. Chunks keep their ids, rows, entity paths, timelines and
    components but take this recording's identity.

    Used as a context manager, the recording becomes the default destination
    of ``send_chunks(..., recording=None)`` inside the block; leaving it
    flushes, and completes a file sink so that the file is readable.
    """

    def __init__(self, application_id: str, *, recording_id: str | None = None) -> None:
        """
        Parameters
        ----------
        application_id:
            The application the recording belongs to (non-empty).
        recording_id:
            The recording's id; a random UUID when not given.

        """
        if not isinstance(application_id, str):
            raise TypeError(f"application_id must be a str, not {type(application_id).__name__}")
        if not application_id:
            raise ValueError("application_id must not be empty")
        if recording_id is not None and not isinstance(recording_id, str):
            raise TypeError(f"recording_id must be a str or None, not {type(recording_id).__name__}")
        self._application_id = application_id
        self._recording_id = str(uuid.uuid4()) if recording_id is None else recording_id
        self._sink: _core.RecordingSink | None = None
        self._is_file = False
        self._tokens: list[contextvars.Token[RecordingStream | None]] = []

    def get_application_id(self) -> str:
        """The application id chunks are sent under."""
        return self._application_id

    def get_recording_id(self) -> str:
        """The recording id chunks are sent under."""
        return self._recording_id

    def connect_grpc(self, url: str | None = None) -> None:
        """
        Stream to a viewer or proxy at ``url``; returns at once.

        ``url`` defaults to ``rerun+http://127.0.0.1:9876/proxy``; its scheme
        must be ``rerun://``, ``rerun+http://`` or ``rerun+https://`` and its
        path ``/proxy``. The connection is made in the background: chunks
        queue until it is up (sending blocks once the queue is full), and
        :meth:`flush` fails if it does not come up within about 5 s.

        Raises
        ------
        RuntimeError
            If the URL is not a proxy URL (``invalid endpoint "<url>": ...``).

        """
        self._replace_sink(
            _core.RecordingSink.connect_grpc(
                DEFAULT_CONNECT_URL if url is None else url, self._application_id, self._recording_id
            ),
            is_file=False,
        )

    def save(self, path: str | Path) -> None:
        """
        Write the recording to a new ``.rrd`` file at ``path``.

        The file appears once the sink completes: on :meth:`disconnect`, when
        another sink is chosen, or when a ``with`` block of this recording ends.
        """
        self._replace_sink(
            _core.RecordingSink.save(str(path), self._application_id, self._recording_id), is_file=True
        )

    def spawn(
        self,
        *,
        port: int = 9876,
        connect: bool = True,
        memory_limit: str = "75%",
        hide_welcome_screen: bool = False,
        detach_process: bool = True,
    ) -> None:
        """
        Start a Rerun viewer listening on ``port`` (unless one already answers
        there) and, with ``connect``, stream to it.

        The viewer is the ``rerun`` executable on ``PATH``.

        Raises
        ------
        RuntimeError
            If no viewer executable is found.

        """
        spawn_viewer(
            port=port,
            memory_limit=memory_limit,
            server_memory_limit="1GiB",
            hide_welcome_screen=hide_welcome_screen,
            detach_process=detach_process,
            executable_name="rerun",
            executable_path=None,
            headless=False,
        )
        if connect:
            self.connect_grpc(f"rerun+http://127.0.0.1:{port}/proxy")

    def send_chunks(self, chunks: Chunk | LazyChunkStream | LazyStore | ChunkStore | Iterable[Chunk]) -> None:
        """Send chunks to this recording; see :func:`rrflow.send_chunks`."""
        dropped = 0
        if isinstance(chunks, (LazyStore, ChunkStore)):
            dropped = self._send(chunks.stream()._internal)
        elif isinstance(chunks, LazyChunkStream):
            dropped = self._send(chunks._internal)
        elif isinstance(chunks, Chunk):
            dropped = self._send(chunks._internal)
        else:
            for chunk in checked_chunks(chunks):
                dropped += self._send(chunk._internal)
        if dropped:
            warnings.warn(
                f"send_chunks dropped {dropped} chunk{'s' if dropped != 1 else ''} without component "
                "columns (a viewer has nothing to show for them)",
                category=RrflowWarning,
                stacklevel=2,
            )

    def flush(self, *, timeout_sec: float = 1e38) -> None:
        """
        Wait until every chunk sent so far has been handed to the network.

        Raises
        ------
        ConnectionError
            If the viewer could not be reached within about 5 s, or the
            connection broke; the message names the URL.
        TimeoutError
            If ``timeout_sec`` passed first.

        """
        if self._sink is None:
            return
        timeout = None if math.isinf(timeout_sec) or timeout_sec >= 1e30 else float(timeout_sec)
        self._sink.flush(timeout)

    def disconnect(self) -> None:
        """
        Complete the current sink: finish the file, or end the gRPC stream
        and wait for the proxy to confirm it took everything.

        Raises
        ------
        ConnectionError
            If the proxy could not be reached or the stream failed.

        """
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.finish()

    def _send(self, chunk_or_stream: _core.Chunk | _core.LazyChunkStream) -> int:
        # The number of chunks dropped for having no component columns.
        if self._sink is None:
            return 0
        if isinstance(chunk_or_stream, _core.LazyChunkStream):
            return self._sink.send_stream(chunk_or_stream)
        return 0 if self._sink.send_chunk(chunk_or_stream) else 1

    def _has_sink(self) -> bool:
        return self._sink is not None

    def _replace_sink(self, sink: _core.RecordingSink, *, is_file: bool) -> None:
        previous, self._sink, self._is_file = self._sink, sink, is_file
        if previous is not None:
            previous.finish()

    def __enter__(self) -> RecordingStream:
        self._tokens.append(_active_recording.set(self))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        _active_recording.reset(self._tokens.pop())
        if exc_type is not None:
            return
        self.flush()
        if self._is_file:
            self.disconnect()

    def __del__(self) -> None:
        sink = getattr(self, "_sink", None)
        if sink is not None:
            try:
                sink.finish()
            except Exception:  # noqa: BLE001  (nothing can be raised from a finalizer)
                pass

    def __repr__(self) -> str:
        return f"RecordingStream(application_id={self._application_id!r}, recording_id={self._recording_id!r})"


def checked_chunks(chunks: object) -> Iterator[Chunk]:
    """The items of ``chunks``, each checked to be a Chunk when reached."""
    try:
        items = iter(chunks)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            "send_chunks(): argument 'chunks' must be a Chunk, LazyChunkStream, LazyStore, "
            f"ChunkStore or an iterable of Chunk, not {type(chunks).__name__}"
        ) from None
    for item in items:
        if not isinstance(item, Chunk):
            raise TypeError(f"send_chunks(): the iterable yielded a {type(item).__name__}, not a Chunk")
        yield item
