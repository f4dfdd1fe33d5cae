from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import _core
from ._lazy_chunk_stream import LazyChunkStream

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

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        For an unknown timeline type or decoder, or a pattern that does not
        compile. The file itself is read only when the stream runs; problems
        with it raise ``RuntimeError`` then, after every chunk made before them.

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
    ) -> None:
        if timestamp_offset_ns is not None and not _INT64_MIN <= timestamp_offset_ns <= _INT64_MAX:
            raise OverflowError("Python int too large to convert to C long")
        self._path = Path(path)
        self._internal = _core.McapReader(
            str(path),
            timeline_type,
            timestamp_offset_ns,
            None if decoders is None else list(decoders),
            list(include_topic_regex or []),
            list(exclude_topic_regex or []),
        )

    @staticmethod
    def available_decoders() -> list[str]:
        """Every decoder identifier ``decoders`` accepts, sorted."""
        return _core.McapReader.available_decoders()

    @property
    def path(self) -> Path:
        """The file's path."""
        return self._path

    def stream(self) -> LazyChunkStream:
        """A lazy stream over the file's chunks, read anew at every run."""
        return LazyChunkStream(self._internal.stream())

    def __repr__(self) -> str:
        return f"McapReader({self._path})"
