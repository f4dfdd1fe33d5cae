from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import _core
from ._lazy_chunk_stream import LazyChunkStream
from ._mcap_info import McapInfo

if TYPE_CHECKING:
    from collections.abc import Sequence

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1


class McapReader:
    """
    Read an MCAP file as a stream of chunks.

    File-wide information comes first: attachments (``/__mcap_attachments``),
    metadata records (``/__mcap_metadata``), the recording's start time and
    the file's statistics (``/__mcap_properties``), and a static description
    of each channel and its schema at the channel's topic. Then the messages:
    protobuf channels decoded into Arrow structs (``<message type>:message``),
    every other channel as raw payloads (``McapMessage:data``), one chunk per
    channel and MCAP chunk, on the ``message_log_time`` and
    ``message_publish_time`` timelines.

    Parameters
    ----------
    path:
        The MCAP file.
    timeline_type:
        ``"timestamp"`` or ``"duration"``: the type of every timeline made.
    timestamp_offset_ns:
        Added to every timestamp timeline (not to durations, not to values).
    decoders:
        The decoders to run (see :meth:`available_decoders`); all by default.
    include_topic_regex:
        Decode only channels whose topic one of these RE2 patterns is found in
        (not anchored: use ``^…$`` for whole topics).
    exclude_topic_regex:
        Skip channels whose topic one of these patterns is found in; excludes
        win over includes.
    start_time_ns, end_time_ns:
        Keep only messages whose log time (before ``timestamp_offset_ns``) lies in
        ``[start_time_ns, end_time_ns)``: MCAP chunks entirely outside are not read.
        A missing start is 0, a missing end is open. File-wide information (attachments,
        metadata, properties, channel descriptions) is not filtered.
    recover:
        Read a file whose summary or footer is missing or damaged (a recording cut
        short) from its data section: every intact chunk is delivered, then an
        :class:`RrflowWarning` says that the summary was rebuilt and what was lost.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        For an unknown timeline type or decoder, a pattern that does not
        compile, a negative time bound or ``start_time_ns >= end_time_ns``. The
        file itself is read only when the stream runs; problems with it raise
        ``RuntimeError`` then, after every chunk made before them.

    """

    __slots__ = ("_internal", "_path")

    def __init__(
        self,
        path: str | Path,
        *,
        timeline_type: str = "timestamp",
        timestamp_offset_ns: int | None = None,
        decoders: Sequence[str] | None = None,
        include_topic_regex: Sequence[str] | None = None,
        exclude_topic_regex: Sequence[str] | None = None,
        start_time_ns: int | None = None,
        end_time_ns: int | None = None,
        recover: bool = False,
    ) -> None:
        for value in (timestamp_offset_ns, start_time_ns, end_time_ns):
            _check_int64(value)
        self._path = Path(path)
        self._internal = _core.McapReader(
            str(path),
            timeline_type,
            timestamp_offset_ns,
            None if decoders is None else list(decoders),
            list(include_topic_regex or []),
            list(exclude_topic_regex or []),
            start_time_ns,
            end_time_ns,
            bool(recover),
        )

    @staticmethod
    def available_decoders() -> list[str]:
        """Every decoder identifier ``decoders`` accepts, sorted."""
        return _core.McapReader.available_decoders()

    @property
    def path(self) -> Path:
        """The file's path."""
        return self._path

    def stream(self, *, start_time_ns: int | None = None, end_time_ns: int | None = None) -> LazyChunkStream:
        """
        A lazy stream over the file's chunks, read anew at every run.

        When either bound is given, ``[start_time_ns, end_time_ns)`` replaces the
        constructor's time window for this stream (a missing bound is open), with the
        same checks.
        """
        _check_int64(start_time_ns)
        _check_int64(end_time_ns)
        bounds = ", ".join(f"{name}={value}" for name, value in (("start_time_ns", start_time_ns),
                                                                 ("end_time_ns", end_time_ns)) if value is not None)
        return LazyChunkStream(self._internal.stream(start_time_ns, end_time_ns), f"{self!r}.stream({bounds})")

    def time_bounds(self) -> tuple[int, int]:
        """
        The first and last message log time of the file in nanoseconds, both inclusive.

        From the file's Statistics record when it counts messages, otherwise from its
        chunk indexes. Raises ``ValueError`` when the file has no messages, is not an
        MCAP file, or its summary cannot be read (unless ``recover=True``).
        """
        return self._internal.time_bounds()

    def info(self) -> McapInfo:
        """
        What the file holds (see :class:`McapInfo`): schemas, channels and their message
        counts, time bounds, chunks by compression and their sizes, attachment and
        metadata counts. Independent of the decoder, topic and time options. Raises
        ``ValueError`` like :meth:`time_bounds`, but not for a file without messages.
        """
        return McapInfo._from_core(self._internal.info())

    def __repr__(self) -> str:
        return f"McapReader({self._path})"


def _check_int64(value: int | None) -> None:
    if value is not None and not _INT64_MIN <= value <= _INT64_MAX:
        raise OverflowError("Python int too large to convert to C long")
