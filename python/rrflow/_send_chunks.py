"""send_chunks: chunks into a RecordingStream, ours or rerun-sdk's."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._chunk import Chunk
from ._lazy_chunk_stream import ChunkStore, LazyChunkStream
from ._lazy_store import LazyStore
from ._recording_stream import RecordingStream, active_recording, checked_chunks

if TYPE_CHECKING:
    from collections.abc import Iterable


def send_chunks(
    chunks: Chunk | LazyChunkStream | LazyStore | ChunkStore | Iterable[Chunk],
    *,
    recording: Any = None,
) -> None:
    """
    Send chunks to a recording; returns once every chunk is queued.

    Parameters
    ----------
    chunks:
        A :class:`Chunk`; a :class:`LazyChunkStream`, :class:`LazyStore` or
        :class:`ChunkStore`, which runs (loads) to the end during the call; or
        any iterable of chunks, taken one at a time. Chunks keep their ids,
        row ids, entity paths, timelines and components, and take the
        destination's application and recording ids. Chunks without
        component columns are dropped, with a warning.
    recording:
        An :class:`rrflow.RecordingStream`; or a ``rerun.RecordingStream``
        of rerun-sdk (its ``send_chunks`` receives the chunks as rerun-sdk
        chunks, so they join whatever else that recording logs). None: the
        recording of the innermost ``with recording:`` block; without one,
        nothing is sent and the input is not run.

    Raises
    ------
    TypeError
        If ``chunks`` is not iterable, or (when reached) an item is not a Chunk.
    ValueError
        If a LazyChunkStream was already consumed by an operator.

    """
    # A wrong kind of input is refused even without a destination (rerun-sdk
    # would ignore it), as every public call of the package names its bad
    # argument; the items of an iterable are still only looked at when sent.
    if not isinstance(chunks, (Chunk, LazyChunkStream, LazyStore, ChunkStore)) and not hasattr(chunks, "__iter__"):
        raise TypeError(
            "send_chunks(): argument 'chunks' must be a Chunk, LazyChunkStream, LazyStore, "
            f"ChunkStore or an iterable of Chunk, not {type(chunks).__name__}"
        )
    if recording is None:
        recording = active_recording()
        if recording is None:
            return
    if isinstance(recording, RecordingStream):
        recording.send_chunks(chunks)
    elif callable(getattr(recording, "send_chunks", None)):
        _send_to_rerun(chunks, recording)
    else:
        raise TypeError(
            "send_chunks(): argument 'recording' must be an rrflow.RecordingStream, a "
            f"rerun.RecordingStream or None, not {type(recording).__name__}"
        )


def _send_to_rerun(chunks: object, recording: Any) -> None:
    # The recording's own package is loaded already; its public Chunk type
    # rebuilds each of ours from the record batch, ids included.
    package = type(recording).__module__.partition(".")[0]
    experimental = sys.modules.get(f"{package}.experimental")
    if experimental is None:
        import importlib

        experimental = importlib.import_module(f"{package}.experimental")
    from_record_batch = experimental.Chunk.from_record_batch

    if isinstance(chunks, (LazyStore, ChunkStore)):
        source: Iterable[Chunk] = chunks.stream()
    elif isinstance(chunks, (LazyChunkStream, Chunk)):
        source = chunks if isinstance(chunks, LazyChunkStream) else [chunks]
    else:
        source = checked_chunks(chunks)
    recording.send_chunks(from_record_batch(chunk.to_record_batch()) for chunk in source)
