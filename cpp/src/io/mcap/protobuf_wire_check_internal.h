// Checks a protobuf payload against its schema before it is decoded, so that
// decoding cannot fail half-way and every error says where the bytes are bad.
#pragma once

#include <string_view>

#include <arrow/status.h>

#include "io/mcap/protobuf_schema_internal.h"

namespace rrflow::internal {

/// OK when `payload` is a well-formed encoding of `schema`'s message that the
/// Arrow layout can hold: every tag, varint and length fits in the bytes that
/// remain, known fields have their type's wire type (or the packed form),
/// strings are UTF-8, groups are closed, messages nest at most
/// kMaxProtobufNesting deep, the rows expand into at most kMaxProtobufValues
/// Arrow values, and enum fields laid out as Arrow structs hold numbers their
/// enum defines. Unknown fields are skipped, as protobuf does.
/// The error names the byte offset and the path of the field.
arrow::Status CheckProtobufWire(const ProtobufSchema& schema, std::string_view payload);

}  // namespace rrflow::internal
