"""Comparable, JSON-serialisable summaries of MCAP import results.

`summarize_chunk` works on any object with the rerun-sdk `Chunk` API (`entity_path`,
`is_static`, `timeline_names`, `num_rows`, `to_record_batch()`), so rerun-sdk's and
rrflow's chunks summarise the same way. Row ids and chunk ids are random and left out;
everything else is kept: entity path, static flag, timelines and their Arrow types,
batch metadata, every column's name, Arrow type, nullability, field metadata (also of
nested fields) and values.

Values are made JSON-safe by type: timestamps and durations become their int64 ns,
NaN/±inf become the strings "NaN"/"inf"/"-inf", byte strings and lists of uint8 become
hex (or length and SHA-256 when longer than `BLOB_INLINE_BYTES`), structs become
objects, maps lists of [key, value] pairs.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

import pyarrow as pa

BLOB_INLINE_BYTES = 64
CONTROL_PREFIX = "rerun.controls"
RANDOM_BATCH_METADATA = {"rerun:id"}


def summarize_chunk(chunk: Any) -> dict[str, Any]:
    batch = chunk.to_record_batch()
    metadata = {key.decode(): value.decode() for key, value in (batch.schema.metadata or {}).items()}
    columns = [_summarize_column(field, column) for field, column in zip(batch.schema, batch.columns)
               if not field.name.startswith(CONTROL_PREFIX)]
    return {
        "entity_path": chunk.entity_path,
        "is_static": chunk.is_static,
        "num_rows": chunk.num_rows,
        "timelines": {column["name"]: column["type"] for column in columns if column["kind"] == "index"},
        "timeline_names": sorted(chunk.timeline_names),
        "batch_metadata": {key: metadata[key] for key in sorted(metadata) if key not in RANDOM_BATCH_METADATA},
        "columns": columns,
    }


def summarize_stream(chunks: Any) -> dict[str, Any]:
    """Summaries of the chunks an iterable yields, in order, and the exception that ended it."""
    summaries: list[dict[str, Any]] = []
    try:
        for chunk in chunks:
            summaries.append(summarize_chunk(chunk))
    except Exception as error:  # noqa: BLE001  (the exception is part of the result)
        return {"chunks": summaries, "error": describe_error("iterate", error)}
    return {"chunks": summaries, "error": None}


def summarize_mcap(module: Any, path: Path, options: dict[str, Any]) -> dict[str, Any]:
    """`module.McapReader(path, **options).stream()` summarised; an exception is recorded with the
    stage it happened in (`construct`, `stream` or `iterate`), with the path replaced by `<path>`."""
    try:
        reader = module.McapReader(str(path), **options)
    except Exception as error:  # noqa: BLE001
        return {"chunks": [], "error": describe_error("construct", error, path)}
    try:
        stream = reader.stream()
    except Exception as error:  # noqa: BLE001
        return {"chunks": [], "error": describe_error("stream", error, path)}
    outcome = summarize_stream(stream)
    if outcome["error"] is not None:
        outcome["error"]["message"] = outcome["error"]["message"].replace(str(path), "<path>")
    return outcome


def comparable(outcome: dict[str, Any]) -> dict[str, Any]:
    """`outcome` with the one order rerun-sdk leaves to chance fixed: the `schema` decoder emits
    its per-channel `McapChannel`/`McapSchema` chunks in hash-map order, so each run of
    consecutive such chunks is sorted by channel id. All other chunks keep emission order."""
    chunks = outcome["chunks"]
    ordered: list[dict[str, Any]] = []
    index = 0
    while index < len(chunks):
        end = index
        while end < len(chunks) and _channel_id(chunks[end]) is not None:
            end += 1
        if end == index:
            ordered.append(chunks[index])
            index += 1
        else:
            ordered.extend(sorted(chunks[index:end], key=_channel_id))
            index = end
    return {**outcome, "chunks": ordered}


def _channel_id(chunk: dict[str, Any]) -> int | None:
    for column in chunk["columns"]:
        if column["name"] == "McapChannel:id" and chunk["num_rows"] == 1:
            return column["values"][0][0]
    return None


def describe_error(stage: str, error: BaseException, path: Path | None = None) -> dict[str, str]:
    message = str(error)
    if path is not None:
        message = message.replace(str(path), "<path>")
    return {"stage": stage, "type": type(error).__name__, "message": message}


def _summarize_column(field: pa.Field, column: pa.Array) -> dict[str, Any]:
    metadata = {key.decode(): value.decode() for key, value in (field.metadata or {}).items()}
    summary: dict[str, Any] = {
        "name": field.name,
        "kind": metadata.get("rerun:kind", ""),
        "type": type_text(field.type),
        "nullable": field.nullable,
        "metadata": {key: metadata[key] for key in sorted(metadata)},
    }
    nested = _nested_metadata(field.type, "")
    if nested:
        summary["nested_metadata"] = nested
    summary["values"] = plain_values(column)
    return summary


def type_text(data_type: pa.DataType) -> str:
    """pyarrow's type string, made complete for maps (key/item field names and nullability,
    keys_sorted), which pyarrow abbreviates to `map<K, V>`."""
    if pa.types.is_map(data_type):
        sorted_flag = ", keys_sorted" if data_type.keys_sorted else ""
        return f"map<{_field_text(data_type.key_field)}, {_field_text(data_type.item_field)}{sorted_flag}>"
    if pa.types.is_struct(data_type):
        return "struct<" + ", ".join(_field_text(field) for field in _child_fields(data_type)) + ">"
    if pa.types.is_fixed_size_list(data_type):
        return f"fixed_size_list<{_field_text(data_type.value_field)}>[{data_type.list_size}]"
    if pa.types.is_large_list(data_type):
        return f"large_list<{_field_text(data_type.value_field)}>"
    if pa.types.is_list(data_type):
        return f"list<{_field_text(data_type.value_field)}>"
    return str(data_type)


def _field_text(field: pa.Field) -> str:
    return f"{field.name}: {type_text(field.type)}" + ("" if field.nullable else " not null")


def _child_fields(data_type: pa.DataType) -> list[pa.Field]:
    if pa.types.is_struct(data_type):
        return [data_type.field(index) for index in range(data_type.num_fields)]
    if pa.types.is_map(data_type):
        return [data_type.key_field, data_type.item_field]
    if pa.types.is_list(data_type) or pa.types.is_large_list(data_type) or pa.types.is_fixed_size_list(data_type):
        return [data_type.value_field]
    return []


def _nested_metadata(data_type: pa.DataType, prefix: str) -> dict[str, dict[str, str]]:
    """Field metadata of nested fields by dotted path (pyarrow's type string does not show it)."""
    found: dict[str, dict[str, str]] = {}
    for child in _child_fields(data_type):
        path = f"{prefix}.{child.name}" if prefix else child.name
        if child.metadata:
            found[path] = {key.decode(): value.decode() for key, value in sorted(child.metadata.items())}
        found.update(_nested_metadata(child.type, path))
    return found


def _without_time(data_type: pa.DataType) -> pa.DataType:
    """The same type with every timestamp/duration/date/time replaced by int64."""
    if pa.types.is_temporal(data_type):
        return pa.int64()
    if pa.types.is_struct(data_type):
        return pa.struct([_retyped(data_type.field(index)) for index in range(data_type.num_fields)])
    if pa.types.is_fixed_size_list(data_type):
        return pa.list_(_retyped(data_type.value_field), data_type.list_size)
    if pa.types.is_large_list(data_type):
        return pa.large_list(_retyped(data_type.value_field))
    if pa.types.is_list(data_type):
        return pa.list_(_retyped(data_type.value_field))
    if pa.types.is_map(data_type):
        return pa.map_(_retyped(data_type.key_field), _retyped(data_type.item_field), data_type.keys_sorted)
    return data_type


def _retyped(field: pa.Field) -> pa.Field:
    return field.with_type(_without_time(field.type))


def plain_values(array: pa.Array) -> list[Any]:
    """One JSON-safe value per element of `array`."""
    integer_type = _without_time(array.type)
    if integer_type != array.type:
        array = array.cast(integer_type)
    return [_json_value(value, array.type) for value in array.to_pylist()]


def _blob(data: bytes) -> Any:
    if len(data) <= BLOB_INLINE_BYTES:
        return {"hex": data.hex()}
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _json_value(value: Any, data_type: pa.DataType) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, bytes):
        return _blob(value)
    if pa.types.is_map(data_type):
        return [[_json_value(key, data_type.key_type), _json_value(item, data_type.item_type)]
                for key, item in value]
    if pa.types.is_struct(data_type):
        return {data_type.field(index).name: _json_value(value[data_type.field(index).name],
                                                         data_type.field(index).type)
                for index in range(data_type.num_fields)}
    if _child_fields(data_type):
        item_type = data_type.value_type
        if pa.types.is_uint8(item_type) and None not in value:
            return _blob(bytes(value))
        return [_json_value(item, item_type) for item in value]
    return value
