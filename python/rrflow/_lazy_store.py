from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy_chunk_stream import LazyChunkStream, _entities
from ._schema import Schema

if TYPE_CHECKING:
    from pathlib import Path

    from . import _core
    from ._store_entry import StoreEntry


class LazyStore:
    """
    One store of an RRD file, read on demand through the file's footer.

    ``len()``, :meth:`schema` and :meth:`summary` answer from the manifest
    without reading any chunk; :meth:`stream` reads chunks only when it runs,
    and filters placed right after it are decided on the manifest, so chunks
    they reject are never read.
    """

    __slots__ = ("_internal", "_origin", "_store")

    def __init__(self, internal: _core.LazyStore, store: StoreEntry, origin: str) -> None:
        self._internal = internal
        self._store = store
        # The call that opened it, e.g. ``RrdReader(robot.rrd).store()`` (for reprs).
        self._origin = origin

    def schema(self) -> Schema:
        """Every column of the store, from the manifest."""
        return Schema(self._internal.schema())

    def summary(self) -> str:
        """One line per chunk, from the manifest (see :meth:`ChunkStore.summary`)."""
        return self._internal.summary()

    def stream(self) -> LazyChunkStream:
        """A lazy stream over the store's chunks, in manifest order."""
        return LazyChunkStream(self._internal.stream(), f"{self._origin}.stream()")

    def write_rrd(self, path: str | Path, *, application_id: str, recording_id: str) -> None:
        """Write every chunk to a new RRD file under the given ids."""
        self.stream().write_rrd(path, application_id=application_id, recording_id=recording_id)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """
        The store's chunks as one Arrow table in the layout of :meth:`schema`
        (as for :meth:`ChunkStore.__arrow_c_stream__`), read chunk by chunk as
        the consumer pulls, so memory stays bounded whatever the file's size.
        """
        return self._internal.__arrow_c_stream__(requested_schema)

    @property
    def _chunks_loaded(self) -> int:
        """How many chunks the store's streams have read so far (for tests)."""
        return self._internal.chunks_loaded()

    def __len__(self) -> int:
        return self._internal.num_chunks()

    def __repr__(self) -> str:
        store = self._store
        return (f"LazyStore({len(self)} chunks, {store.kind} {store.recording_id!r} of {store.application_id!r}, "
                f"{_entities(self.schema())})")
