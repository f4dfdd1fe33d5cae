from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from . import _core
from ._component_descriptor import _component_identifier, _core_descriptor
from ._lens import _internal_lenses
from ._selector import _as_selector

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._component_descriptor import ComponentDescriptor
    from ._lens import Lens
    from ._selector import Selector


class Chunk:
    """An immutable batch of rows for one entity: row ids, timelines and component columns.

    Chunks are backed by Arrow arrays held in C++; converting to and from
    pyarrow shares the buffers instead of copying them.
    """

    __slots__ = ("_internal",)

    def __init__(self, internal: _core.Chunk) -> None:
        self._internal = internal

    @classmethod
    def from_columns(cls, entity_path: str, indexes: Iterable[Any], columns: Iterable[Any]) -> Chunk:
        """
        Build a chunk from time columns and component columns, like ``send_columns``.

        The chunk gets a fresh id; its rows are sorted by time (timelines taken in
        name order) and receive sequential row ids.

        Parameters
        ----------
        entity_path:
            Where the data lives, e.g. ``"/robot/arm"``.
        indexes:
            Time columns: objects with ``timeline_name()`` and ``as_arrow_array()``,
            such as :class:`TimeColumn`. Empty for static data.
        columns:
            Component columns: objects with ``component_descriptor()`` and
            ``as_arrow_array()``, such as :class:`ComponentColumn` or an archetype's
            ``.columns(...)`` from rerun-sdk.

        Raises
        ------
        ValueError
            If the columns do not all have the same length.
        RuntimeError
            If a time column has an unsupported type or contains nulls.

        """
        timelines = [(index.timeline_name(), index.as_arrow_array()) for index in indexes]
        components = [(_core_descriptor(column.component_descriptor()), column.as_arrow_array()) for column in columns]
        return cls(_core.Chunk.from_columns(str(entity_path), timelines, components))

    @classmethod
    def from_record_batch(cls, record_batch: pa.RecordBatch) -> Chunk:
        """
        Rebuild a chunk from a record batch laid out like :meth:`to_record_batch`'s.

        The chunk id and row ids stored in the batch are kept, so a chunk can make
        a round trip through pyarrow transformations.

        Raises
        ------
        ValueError
            If the batch lacks the Rerun metadata (row ids, chunk id, entity path)
            or its columns are malformed.

        """
        return cls(_core.Chunk.from_record_batch(record_batch))

    @property
    def id(self) -> str:
        """The chunk's unique id, as ``chunk_<32 hex digits>``."""
        return self._internal.id

    @property
    def entity_path(self) -> str:
        """The entity path the rows belong to, in printed (escaped) form."""
        return self._internal.entity_path

    @property
    def num_rows(self) -> int:
        """How many rows the chunk holds."""
        return self._internal.num_rows

    @property
    def num_columns(self) -> int:
        """The row-id column plus one per timeline and one per component."""
        return self._internal.num_columns

    @property
    def is_static(self) -> bool:
        """True when the chunk has no timelines."""
        return self._internal.is_static

    @property
    def is_empty(self) -> bool:
        """True when the chunk has no rows."""
        return self._internal.is_empty

    @property
    def timeline_names(self) -> list[str]:
        """The names of the chunk's timelines."""
        return self._internal.timeline_names

    def to_record_batch(self) -> pa.RecordBatch:
        """The chunk as a pyarrow RecordBatch with Rerun's schema and metadata (no copy)."""
        return pa.record_batch(self._internal)

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]:
        """Export the chunk's record batch through the Arrow PyCapsule interface."""
        return self._internal.__arrow_c_array__(requested_schema)

    def __arrow_c_schema__(self) -> object:
        """Export the schema of the chunk's record batch through the Arrow PyCapsule interface."""
        return self._internal.__arrow_c_schema__()

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """Export the chunk as a one-batch Arrow stream (``pyarrow.table(chunk)`` works)."""
        return self._internal.__arrow_c_stream__(requested_schema)

    def with_entity_path(self, entity_path: str) -> Chunk:
        """
        The same rows under another entity path.

        The copy gets a fresh chunk id so that it never aliases the original;
        row ids, timelines and components are shared unchanged.
        """
        return Chunk(self._internal.with_entity_path(entity_path))

    def apply_lenses(self, lenses: Sequence[Lens] | Lens) -> list[Chunk]:
        """
        The chunks the lenses make of this one.

        Lenses match by input component. The result starts with this chunk's
        remaining columns (mutated ones, and the outputs of derives that join
        it), followed by one chunk per derive writing elsewhere (or scattering,
        or adding timelines). Columns no derive consumed are kept. When no lens
        matches (or ``lenses`` is empty) the result is ``[self]``.

        Raises
        ------
        ValueError
            If a lens is incomplete or collides with another, or a selector
            fails; the messages of the failing output are joined by ``"; "``.

        """
        return [Chunk(c) for c in _core.apply_lenses(self._internal, _internal_lenses(lenses))]

    def apply_selector(self, source: ComponentDescriptor | str, selector: Selector | str) -> Chunk:
        """
        This chunk with one component replaced by ``selector``'s per-row result.

        ``source`` names the component (a descriptor or an identifier); its
        descriptor, the timelines, the other columns and the row order are
        kept; the chunk id and row ids are new. For several transformations,
        :class:`MutateLens` with :meth:`apply_lenses` does them in one pass.

        Raises
        ------
        ValueError
            If the component is not in the chunk, the selector fails, or its
            result is absent.

        """
        component = _component_identifier(source)
        return Chunk(_core.apply_selector(self._internal, component, _as_selector(selector)._internal))

    def format(self, *, width: int = 240, redact: bool = False, trim_metadata_keys: bool = True) -> str:
        """
        Render the chunk as a text table: batch metadata, then one column per field.

        Parameters
        ----------
        width:
            The widest the table may be; cells wrap to stay within it.
        redact:
            Hide values that change from run to run (chunk and row ids, version),
            for snapshot tests.
        trim_metadata_keys:
            Drop the ``rerun:`` / ``sorbet:`` prefixes of metadata keys.

        """
        return self._internal.format(width, redact, trim_metadata_keys)

    def __len__(self) -> int:
        return self._internal.num_rows

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return repr(self._internal)



def summarize(chunks: Iterable[Chunk]) -> str:
    """
    One line per chunk, in the format of ``ChunkStore.summary()``.

    ``{entity_path} rows={n} static={True|False} timelines=[...] cols=[...]``,
    sorted by entity path with static chunks first, joined by newlines.
    """
    return _core.summarize([chunk._internal for chunk in chunks])
