// Decodes protobuf wire bytes straight into the Arrow builders of a
// ProtobufSchema's struct, without parsing into a protobuf message first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <arrow/array/builder_base.h>
#include <arrow/array/builder_nested.h>
#include <arrow/status.h>

#include "io/mcap/protobuf_schema_internal.h"

namespace rrflow::internal {

/// Appends rows decoded from wire bytes to a struct builder of a schema's
/// type, giving the same values as parsing the bytes into a protobuf message
/// and reading it by reflection (last value wins for singular fields,
/// repeated elements accumulate, occurrences of a singular message merge).
/// It handles messages whose every column, nested ones included, is a
/// field laid out as kPlain, kEnum or kMessage that is not a map or a group:
/// the common sensor and geometry messages. Not thread-safe.
class ProtobufWireDecoder {
 public:
  /// A decoder appending to `root` (a builder of `schema.type()`, which must
  /// outlive the decoder), or null when the schema has a column it does not
  /// handle (a real oneof, a map, a group, JSON text, self-reference).
  static std::unique_ptr<ProtobufWireDecoder> Make(const ProtobufSchema& schema,
                                                   arrow::StructBuilder* root);
  ~ProtobufWireDecoder();

  /// Whether CheckProtobufWire accepts `data`, answered from the decoder's
  /// own tables (no descriptor lookups) and without saying why not: the
  /// caller runs CheckProtobufWire for the message of a payload it refuses.
  bool Accepts(const uint8_t* data, size_t size);

  /// Appends one row. `data` must have passed CheckProtobufWire for the
  /// schema: the decoder trusts its structure and only guards its reads.
  /// An error (a failed allocation, or bytes the check should have refused)
  /// can leave the row half-appended.
  arrow::Status Append(const uint8_t* data, size_t size);

  /// The bytes of one field value, as the wire gave them.
  struct Span {
    const uint8_t* begin;
    const uint8_t* end;
    uint32_t wire_type;
  };
  struct Node;

 private:
  explicit ProtobufWireDecoder(std::unique_ptr<Node> root);

  std::unique_ptr<Node> root_;
};

/// Appends a null to `builder`; a struct's children get nulls too, as in the
/// reference (Arrow's StructBuilder::AppendNull would give them empty values).
arrow::Status AppendProtobufNull(arrow::ArrayBuilder* builder);

}  // namespace rrflow::internal
