from __future__ import annotations

from typing import TYPE_CHECKING

from . import _core
from ._schema import Schema

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ._chunk import Chunk
    from ._lazy_chunk_stream import LazyChunkStream


class ChunkStore:
    """
    A fully materialised, in-memory set of chunks.

    Build one with :meth:`from_chunks` or by collecting a stream
    (``stream.collect()``); process it again with :meth:`stream`.
    """

    __slots__ = ("_internal",)

    def __init__(self, internal: _core.ChunkStore) -> None:
        self._internal = internal

    @staticmethod
    def from_chunks(chunks: Sequence[Chunk]) -> ChunkStore:
        """
        A store holding ``chunks``, inserted in order as they are.

        Chunks without rows or components and repeated chunk ids are left out,
        and newer static data replaces older static data of the same entity.

        Raises
        ------
        RuntimeError
            If a chunk's row ids are not sorted.

        """
        return ChunkStore(_core.ChunkStore.from_chunks([chunk._internal for chunk in chunks]))

    def schema(self) -> Schema:
        """Every column the store holds: timelines, then entity components."""
        return Schema(self._internal.schema())

    def summary(self) -> str:
        """
        One line per chunk, deterministic, for snapshot tests.

        ``{entity_path} rows={n} static={True|False} timelines=[...] cols=[...]``,
        sorted by entity path with static chunks first.
        """
        return self._internal.summary()

    def stream(self) -> LazyChunkStream:
        """A lazy stream over the store's chunks, in chunk-id order."""
        from ._lazy_chunk_stream import LazyChunkStream

        return LazyChunkStream(self._internal.stream())

    def write_rrd(self, path: str | Path, *, application_id: str, recording_id: str) -> None:
        """Write every chunk to a new RRD file under the given ids."""
        self.stream().write_rrd(path, application_id=application_id, recording_id=recording_id)

    def __len__(self) -> int:
        return self._internal.num_chunks()

    def __repr__(self) -> str:
        return f"ChunkStore({len(self)} chunks)"
