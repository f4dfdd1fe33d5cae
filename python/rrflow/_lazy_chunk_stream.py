"""LazyChunkStream and ChunkStore.

They share a module because each hands out the other (``stream.collect()``
and ``store.stream()``): apart, their modules would import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from . import _core
from ._arguments import require_callable
from ._chunk import Chunk
from ._filter_criteria import _content_filter, _filter_criteria
from ._lens import DeriveLens, MutateLens, _internal_lenses
from ._schema import Schema

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from pathlib import Path

    from ._component_descriptor import ComponentDescriptor
    from ._content_filter import ContentFilter
    from ._lens import Lens
    from ._optimization_profile import OptimizationProfile


class LazyChunkStream:
    """
    A lazy pipeline over chunks, run by the C++ engine.

    Builders (``filter``, ``drop``, ``split``, ``map``, ``flat_map``, ``merge``)
    consume the stream(s) they are called on and return new ones; using a
    consumed stream again raises ``ValueError``. Terminals (``to_chunks``,
    iteration, ``collect``) leave the stream usable and run the whole pipeline
    afresh on every call.

    Its ``repr`` shows the pipeline as the calls that built it, without running it.
    """

    __slots__ = ("_internal", "_pipeline")

    def __init__(self, internal: _core.LazyChunkStream, pipeline: str) -> None:
        self._internal = internal
        # What the stream reads and does, as the calls that made it (for repr).
        self._pipeline = pipeline

    def _then(self, internal: _core.LazyChunkStream, step: str, **arguments: Any) -> LazyChunkStream:
        return LazyChunkStream(internal, f"{self._pipeline}.{_call(step, **arguments)}")

    # --- selection ---

    def filter(
        self,
        *,
        content: ContentFilter | str | Sequence[str] | None = None,
        has_timeline: str | None = None,
        is_static: bool | None = None,
        components: ComponentDescriptor | str | Sequence[ComponentDescriptor | str] | None = None,
    ) -> LazyChunkStream:
        """
        Keep what matches; consumes this stream.

        ``content``, ``has_timeline`` and ``is_static`` take or leave whole chunks
        (all given must hold). ``components`` then keeps only the listed component
        columns of each chunk (any of them; the chunk gets a fresh id), dropping
        chunks that have none of them.

        Parameters
        ----------
        content:
            Entity-path rules: one expression, a list, or a :class:`ContentFilter`.
        has_timeline:
            Only chunks with a column for this timeline.
        is_static:
            ``True`` for static chunks only, ``False`` for temporal ones only.
        components:
            Component identifiers (e.g. ``"Points3D:positions"``) or descriptors.

        """
        return self._then(
            self._internal.filter(_filter_criteria(content, has_timeline, is_static, components)),
            "filter", content=content, has_timeline=has_timeline, is_static=is_static, components=components,
        )

    def drop(
        self,
        *,
        content: ContentFilter | str | Sequence[str] | None = None,
        has_timeline: str | None = None,
        is_static: bool | None = None,
        components: ComponentDescriptor | str | Sequence[ComponentDescriptor | str] | None = None,
    ) -> LazyChunkStream:
        """
        Remove what :meth:`filter` would keep and keep the rest; consumes this stream.

        A chunk whose listed components are all absent passes unchanged (same id);
        a chunk left without components disappears.
        """
        return self._then(
            self._internal.drop(_filter_criteria(content, has_timeline, is_static, components)),
            "drop", content=content, has_timeline=has_timeline, is_static=is_static, components=components,
        )

    def split(
        self,
        *,
        content: ContentFilter | str | Sequence[str] | None = None,
        has_timeline: str | None = None,
        is_static: bool | None = None,
        components: ComponentDescriptor | str | Sequence[ComponentDescriptor | str] | None = None,
    ) -> tuple[LazyChunkStream, LazyChunkStream]:
        """
        ``(matching, non_matching)``: :meth:`filter` and :meth:`drop` in one pass; consumes this stream.

        When one execution reaches both branches (through :meth:`merge`), the
        upstream runs once. A branch that is never used does not block the other.
        """
        matched, unmatched = self._internal.split(_filter_criteria(content, has_timeline, is_static, components))
        split = f"{self._pipeline}." + _call(
            "split", content=content, has_timeline=has_timeline, is_static=is_static, components=components
        )
        return LazyChunkStream(matched, f"{split}[0]"), LazyChunkStream(unmatched, f"{split}[1]")

    @staticmethod
    def merge(*streams: LazyChunkStream) -> LazyChunkStream:
        """
        All chunks of all ``streams``, which run concurrently; consumes them.

        Each input keeps its order; how inputs interleave is not specified.
        """
        pipelines = ", ".join(stream._pipeline for stream in streams)
        return LazyChunkStream(
            _core.LazyChunkStream.merge([s._internal for s in streams]), f"LazyChunkStream.merge({pipelines})"
        )

    def lenses(
        self,
        lenses: Sequence[Lens] | Lens,
        *,
        output_mode: Literal["drop_unmatched", "forward_unmatched", "forward_all"] = "drop_unmatched",
        content: ContentFilter | str | Sequence[str] | None = None,
    ) -> LazyChunkStream:
        """
        Transform chunks with lenses; consumes this stream.

        Each chunk goes through the lenses as in :meth:`Chunk.apply_lenses`,
        with ``output_mode`` deciding what else is kept:

        * ``"drop_unmatched"`` (default): only lens outputs (and mutated
          columns); chunks no lens matches disappear;
        * ``"forward_unmatched"``: also the columns no derive consumed, and
          unmatched chunks unchanged;
        * ``"forward_all"``: also every original column, and unmatched chunks.

        With ``content`` (entity-path rules, as for :meth:`filter`), only
        chunks it matches go through the lenses; the others pass unchanged
        whatever the mode. Property chunks are never transformed.

        Raises
        ------
        ValueError
            At call time, for an unknown ``output_mode`` or an incomplete lens
            (after this stream has been consumed).
        RuntimeError
            While the stream runs, ``Lenses error: <messages>`` when a lens fails.

        """
        internal = _core.stream_lenses(self._internal, _internal_lenses(lenses), output_mode, _content_filter(content))
        count = 1 if isinstance(lenses, (DeriveLens, MutateLens)) else len(lenses)
        return self._then(
            internal, "lenses", lenses=_Shown(f"<{count} lens{'' if count == 1 else 'es'}>"), output_mode=output_mode,
            content=content,
        )

    # --- Python callbacks ---

    def map(self, fn: Callable[[Chunk], Chunk]) -> LazyChunkStream:
        """Replace each chunk by ``fn(chunk)``; consumes this stream. ``fn`` runs once per chunk, in order."""

        require_callable(fn, "LazyChunkStream.map()", "fn")

        def call(internal: _core.Chunk) -> _core.Chunk:
            return _returned_chunk(fn(Chunk(internal)), "map")._internal

        return self._then(self._internal.map(call), "map", fn=_Shown(_callable_name(fn)))

    def flat_map(self, fn: Callable[[Chunk], Iterable[Chunk]]) -> LazyChunkStream:
        """Replace each chunk by the chunks ``fn(chunk)`` yields (maybe none); consumes this stream."""

        require_callable(fn, "LazyChunkStream.flat_map()", "fn")

        def call(internal: _core.Chunk) -> list[_core.Chunk]:
            return [_returned_chunk(chunk, "flat_map")._internal for chunk in fn(Chunk(internal))]

        return self._then(self._internal.flat_map(call), "flat_map", fn=_Shown(_callable_name(fn)))

    @staticmethod
    def from_iter(chunks: Iterable[Chunk]) -> LazyChunkStream:
        """
        A stream over a Python iterable of chunks.

        The iterable is consumed once, lazily: a second execution continues where
        the first stopped (and yields nothing after a full run).
        """
        return LazyChunkStream(
            _core.LazyChunkStream.from_iter(_returned_chunk(chunk, "from_iter")._internal for chunk in chunks),
            f"LazyChunkStream.from_iter(<{type(chunks).__name__}>)",
        )

    # --- terminals ---

    def to_chunks(self) -> list[Chunk]:
        """Run the pipeline and return every chunk."""
        return [Chunk(internal) for internal in self._internal.to_chunks()]

    def __iter__(self) -> Iterator[Chunk]:
        """Run the pipeline, yielding chunks as they come."""
        for internal in self._internal.iterate():
            yield Chunk(internal)

    def collect(self, *, optimize: OptimizationProfile | None = None) -> ChunkStore:
        """
        Run the pipeline and gather every chunk into a :class:`ChunkStore`.

        Chunks are compacted as they are inserted (neighbouring chunks of an
        entity merge up to the default size limits; oversized ones are split).
        With ``optimize``, the profile's limits apply instead and its extra
        passes run afterwards.

        Raises
        ------
        RuntimeError
            If a chunk cannot be inserted (e.g. its row ids are not sorted).

        """
        return ChunkStore(self._internal.collect(None if optimize is None else optimize._fields()))

    def write_rrd(self, path: str | Path, *, application_id: str, recording_id: str) -> None:
        """
        Run the pipeline and write its chunks to a new RRD file, as a recording
        with the given ids.

        Chunks are encoded in parallel and written in order, then the footer;
        the file appears at ``path`` only once complete.

        Raises
        ------
        RuntimeError
            If the pipeline or the write fails (a callback's exception reads
            ``TypeName: message``).

        """
        _core.write_rrd(self._internal, str(path), application_id, recording_id)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """
        The stream's chunks as one Arrow table, read as the pipeline runs.

        The table has the layout of :meth:`ChunkStore.schema` (see
        :meth:`ChunkStore.__arrow_c_stream__`); each chunk is one record batch,
        whose own columns share the chunk's buffers. Chunks are read one at a
        time, never collected. With ``requested_schema`` (a schema in that
        layout, such as ``store.schema()``), the pipeline runs once; without, it
        runs once first to learn every column, then again as the table is read
        (a stream over :meth:`from_iter` runs only once: it needs the schema).
        A chunk column the schema lacks fails the read.
        """
        return self._internal.__arrow_c_stream__(requested_schema)

    def __repr__(self) -> str:
        consumed = ", consumed" if self._internal.consumed else ""
        return f"LazyChunkStream({self._pipeline}{consumed})"


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
        return LazyChunkStream(self._internal.stream(), f"ChunkStore({len(self)} chunks).stream()")

    def write_rrd(self, path: str | Path, *, application_id: str, recording_id: str) -> None:
        """Write every chunk to a new RRD file under the given ids."""
        self.stream().write_rrd(path, application_id=application_id, recording_id=recording_id)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """
        The store's chunks as one Arrow table (``polars.DataFrame(store)``,
        ``duckdb.sql("FROM store")``, ``pyarrow.table(store)``).

        Its columns are those of :meth:`schema`: the row id, one per timeline,
        then one per entity component, named ``<entity_path>:<component>``.
        Every chunk is one record batch, one table row per chunk row: the
        chunk's own columns share its buffers (nothing is copied), the others
        are null. Rows are not joined across entities or chunks.

        ``requested_schema``, a schema in the same layout, replaces the store's;
        a chunk column it lacks fails the read.
        """
        return self._internal.__arrow_c_stream__(requested_schema)

    def __len__(self) -> int:
        return self._internal.num_chunks()

    def __repr__(self) -> str:
        return f"ChunkStore({len(self)} chunks, {_entities(self.schema())})"


class _Shown:
    """An argument shown in a pipeline as the given text instead of its repr."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def __repr__(self) -> str:
        return self._text


def _call(name: str, **arguments: Any) -> str:
    """`name(a=..., b=...)` with the arguments that were given (not None)."""
    given = ", ".join(f"{key}={value!r}" for key, value in arguments.items() if value is not None)
    return f"{name}({given})"


def _callable_name(fn: Callable[..., Any]) -> str:
    return str(getattr(fn, "__qualname__", None) or type(fn).__name__)


# More than this many entities are counted, not listed.
_ENTITIES_SHOWN = 5


def _entities(schema: Schema) -> str:
    """``entities=[/a, /b]``, or the first few and how many more."""
    paths = schema.entity_paths()
    shown = ", ".join(paths[:_ENTITIES_SHOWN])
    more = f", … {len(paths) - _ENTITIES_SHOWN} more" if len(paths) > _ENTITIES_SHOWN else ""
    return f"entities=[{shown}{more}]"


def _returned_chunk(value: object, builder: str) -> Chunk:
    # rerun-sdk fails later, with "AttributeError: 'X' object has no attribute '_internal'".
    if not isinstance(value, Chunk):
        given = "iterable given to from_iter() must yield" if builder == "from_iter" else (
            f"function given to {builder}() must return")
        raise TypeError(f"the {given} Chunks, not {type(value).__name__}")
    return value
