"""Comparable Python values of Arrow columns and batches."""

from __future__ import annotations

import pyarrow as pa


def values(column: pa.Array) -> list:
    """Python values of a column; times as integers (pylist cannot hold nanosecond datetimes)."""
    if pa.types.is_timestamp(column.type) or pa.types.is_duration(column.type):
        return column.cast(pa.int64()).to_pylist()
    return column.to_pylist()


def data_values(batch: pa.RecordBatch) -> list[list]:
    """Every column but the row ids."""
    return [values(c) for c in batch.columns[1:]]
