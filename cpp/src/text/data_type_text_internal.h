// Arrow data types named the way the reference (arrow-rs 57) prints them: its
// `Display`, used by Chunk.format and most error messages, and its `{:?}`
// (Debug), used by the few errors that print that form.
#pragma once

#include <string>

#include <arrow/type_fwd.h>

namespace rrflow::internal {

/// arrow-rs's Display of a data type, e.g. `Int64`, `Timestamp(ns, "UTC")`,
/// `List(non-null Float32)`, `FixedSizeList(3 x Float32, field: 'xyz')`,
/// `Struct("x": Float64, "y": non-null Utf8)`. Extension types print as their
/// storage type; as the type of a nested field they also add the extension
/// name and metadata to the field's metadata, as arrow-rs sees them.
std::string FormatDataType(const arrow::DataType& type);

/// The Display of a field's type with its nullability: `Float32` or
/// `non-null Float32`.
std::string FormatFieldType(const arrow::Field& field);

/// arrow-rs's `{:?}` of a data type, e.g. `Int64`,
/// `Timestamp(Nanosecond, Some("UTC"))`,
/// `LargeList(Field { data_type: Int64, nullable: true })`,
/// `Struct([Field { name: "x", data_type: Float64 }])`. Fields omit the name
/// `item`, a false `nullable` and empty metadata, as arrow-rs 57 does.
std::string RustDebugDataType(const arrow::DataType& type);

}  // namespace rrflow::internal
