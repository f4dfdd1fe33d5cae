"""Column helpers for :meth:`Chunk.from_columns`: time columns and component columns."""

from __future__ import annotations

from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc

from . import _core
from ._component_descriptor import ComponentDescriptor

_NANOS_PER_SECOND = 1_000_000_000
# Numbers above this are almost surely milliseconds, not seconds since the epoch.
_MAX_EPOCH_SECONDS = 1e11


def _as_arrow(data: Any, argument: str) -> pa.Array[Any]:
    """`data` as an Arrow array; `argument` names it in errors (`ComponentColumn() argument 'array'`)."""
    if isinstance(data, pa.ChunkedArray):
        return data.combine_chunks()
    if isinstance(data, pa.Array):
        return data
    if hasattr(data, "as_arrow_array"):
        array: pa.Array[Any] = data.as_arrow_array()
        return array
    # A string is a sequence of characters to pyarrow: never what a column of values means.
    if isinstance(data, (str, bytes)):
        raise TypeError(f"{argument} must be an Arrow array or a sequence of values, got {type(data).__name__}")
    try:
        converted: pa.Array[Any] = pa.array(data)
        return converted
    except TypeError as error:
        raise TypeError(f"{argument} must be an Arrow array or a sequence of values, "
                        f"got {type(data).__name__}: {error}") from error


class ComponentColumn:
    """
    A column of component data for :meth:`Chunk.from_columns`: one batch of instances per row.

    By default every value is its own row; ``lengths`` or ``offsets`` group
    consecutive values into rows instead.
    """

    __slots__ = ("_array", "_descriptor", "_offsets")

    def __init__(
        self,
        descriptor: str | ComponentDescriptor,
        array: Any,
        *,
        lengths: Any | None = None,
        offsets: Any | None = None,
    ) -> None:
        if lengths is not None and offsets is not None:
            raise ValueError("Cannot specify both `lengths` and `offsets`.")
        if isinstance(descriptor, str):
            descriptor = ComponentDescriptor(descriptor)
        self._descriptor = descriptor
        self._array = _as_arrow(array, "ComponentColumn() argument 'array'")
        self._offsets: pa.Array[Any] | None = None
        if offsets is not None:
            self._offsets = pa.array(offsets, pa.int32())
        elif lengths is not None:
            self._offsets = _offsets_from_lengths(lengths, len(self._array))

    def component_descriptor(self) -> ComponentDescriptor:
        """The descriptor of this column."""
        return self._descriptor

    def partition(self, lengths: Any) -> ComponentColumn:
        """The same values regrouped into rows of the given lengths."""
        return ComponentColumn(self._descriptor, self._array, lengths=lengths)

    def as_arrow_array(self) -> pa.ListArray[Any]:
        """The column as a list array with one entry per row."""
        rows: object
        if self._offsets is None:
            rows = pa.Array._import_from_c_capsule(*_core.wrap_values_as_rows(self._array))
        else:
            rows = pa.ListArray.from_arrays(self._offsets, self._array)  # type: ignore[call-overload]
        return cast("pa.ListArray[Any]", rows)

    def __len__(self) -> int:
        return len(self._array) if self._offsets is None else len(self._offsets) - 1

    def __repr__(self) -> str:
        return f"ComponentColumn({self._descriptor.component!r}, rows={len(self)})"


def _offsets_from_lengths(lengths: Any, num_values: int) -> pa.Array[Any]:
    lengths = pa.array(lengths, pa.int32())
    if lengths.null_count:
        raise ValueError("Lengths must not contain nulls.")
    total = pc.sum(lengths).as_py() or 0
    if total != num_values:
        raise ValueError(f"Lengths sum to {total}, but the column holds {num_values} values.")
    ends = pc.cumulative_sum(lengths)
    return pa.concat_arrays([pa.array([0], pa.int32()), ends.cast(pa.int32())])


class TimeColumn:
    """
    A column of time values, one per row, for :meth:`Chunk.from_columns`.

    Give exactly one of ``sequence`` (integers, e.g. frame numbers), ``duration``
    (elapsed time) or ``timestamp`` (time since the Unix epoch). Plain numbers
    given for ``duration``/``timestamp`` are seconds; ``timedelta``/``datetime``
    and numpy ``timedelta64``/``datetime64`` values convert exactly, naive
    datetimes being taken as UTC.
    """

    __slots__ = ("_times", "timeline")

    def __init__(
        self,
        timeline: str,
        *,
        sequence: Any | None = None,
        duration: Any | None = None,
        timestamp: Any | None = None,
    ) -> None:
        if not isinstance(timeline, str):
            # rerun-sdk accepts any value here and fails only when the column is sent.
            raise TypeError(f"TimeColumn(): argument 'timeline' must be str, not {type(timeline).__name__}")
        if sum(x is not None for x in (sequence, duration, timestamp)) != 1:
            raise ValueError(
                "TimeColumn: Exactly one of `sequence`, `duration`, and `timestamp` must be set "
                f"(timeline='{timeline}')",
            )
        self.timeline = timeline
        self._times: pa.Array[Any]
        if sequence is not None:
            self._times = pa.array(sequence, pa.int64())
        elif duration is not None:
            self._times = _nanoseconds(duration, pa.duration("ns"), "duration")
        else:
            self._times = _nanoseconds(timestamp, pa.timestamp("ns"), "timestamp")

    def timeline_name(self) -> str:
        """The timeline's name."""
        return self.timeline

    def as_arrow_array(self) -> pa.Array[Any]:
        """The times: Int64, Duration(ns) or Timestamp(ns)."""
        return self._times

    def __repr__(self) -> str:
        return f"TimeColumn({self.timeline!r}, {self._times.type}, rows={len(self._times)})"


def _nanoseconds(values: Any, target: pa.DataType, kind: str) -> pa.Array[Any]:
    """Converts seconds, datetime-likes or numpy time arrays to nanoseconds of `target` type."""
    if type(values).__module__ == "numpy":
        return _numpy_nanoseconds(values, target, kind)
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        array = values
    else:
        array = pa.array(values if isinstance(values, (list, tuple)) else list(values))
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_null(array.type):
        if len(array) == 0:
            return pa.array([], target)
        raise ValueError(f"{kind} values must not be null")
    if pa.types.is_timestamp(array.type) or pa.types.is_duration(array.type):
        if pa.types.is_timestamp(array.type) and array.type.tz is not None:
            array = array.cast(pa.timestamp(array.type.unit))  # stored as UTC already
        return array.cast(target)
    if pa.types.is_integer(array.type) or pa.types.is_floating(array.type):
        if kind == "timestamp" and len(array) and (pc.max(array).as_py() or 0) > _MAX_EPOCH_SECONDS:
            raise ValueError("set_time: Expected seconds since unix epoch, but it looks like this is in milliseconds")
        if pa.types.is_integer(array.type):
            nanos = pc.multiply_checked(array.cast(pa.int64()), _NANOS_PER_SECOND)
        else:
            nanos = pc.round(pc.multiply(array.cast(pa.float64()), 1e9)).cast(pa.int64())
        return nanos.cast(target)
    raise TypeError(f"{kind} values must be numbers (seconds) or {kind}s, got {array.type}")


def _numpy_nanoseconds(values: Any, target: pa.DataType, kind: str) -> pa.Array[Any]:
    import numpy as np

    if np.issubdtype(values.dtype, np.timedelta64):
        nanoseconds = values.astype("timedelta64[ns]").view("int64")
    elif np.issubdtype(values.dtype, np.datetime64):
        nanoseconds = values.astype("datetime64[ns]").view("int64")
    elif np.issubdtype(values.dtype, np.number):
        # Like numpy's own conversion: scaled to nanoseconds and truncated.
        nanoseconds = (values * 1e9).astype("int64")
    else:
        raise TypeError(f"Unsupported numpy array dtype: {values.dtype}")
    times: pa.Array[Any] = pa.array(nanoseconds).cast(target)
    return times

