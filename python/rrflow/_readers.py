from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ._lazy_chunk_stream import LazyChunkStream
    from ._lazy_store import LazyStore


@runtime_checkable
class StreamingReader(Protocol):
    """A reader that produces its chunks as one sequential stream."""

    def stream(self) -> LazyChunkStream:
        """A lazy stream over all chunks of the source."""
        ...


@runtime_checkable
class IndexedReader(StreamingReader, Protocol):
    """A streaming reader whose source also has an index, opened lazily with :meth:`store`."""

    def store(self) -> LazyStore:
        """A lazy, index-backed view of the source."""
        ...
