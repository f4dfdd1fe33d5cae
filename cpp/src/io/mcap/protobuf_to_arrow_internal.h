// Decodes protobuf payloads of one MCAP channel into rows of an Arrow struct
// column, laid out by ProtobufSchema.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <arrow/array/builder_nested.h>
#include <arrow/memory_pool.h>
#include <arrow/result.h>

#include "io/mcap/protobuf_schema_internal.h"
#include "io/mcap/protobuf_wire_decoder_internal.h"

namespace rrflow::internal {

/// How ProtobufColumnBuilder turns checked payloads into rows.
enum class ProtobufDecodePath {
  /// Straight from the wire bytes when the schema allows it (see
  /// ProtobufWireDecoder), else as kReflection.
  kFastest,
  /// Parsed into a protobuf message, then read by reflection: every schema.
  kReflection,
};

/// Appends one row per protobuf message; not thread-safe (one per channel and chunk).
class ProtobufColumnBuilder {
 public:
  static arrow::Result<std::unique_ptr<ProtobufColumnBuilder>> Make(
      std::shared_ptr<const ProtobufSchema> schema,
      arrow::MemoryPool* pool = arrow::default_memory_pool(),
      ProtobufDecodePath path = ProtobufDecodePath::kFastest);

  /// Decodes one payload and appends it as a row. A payload that is not a
  /// valid message of the schema (bad wire bytes, an undefined enum number,
  /// nesting deeper than kMaxProtobufNesting) returns Invalid naming the
  /// byte offset and field path and appends nothing: the payload is checked
  /// in full before any builder is touched. Only a failure to allocate can
  /// stop an append half-way; the builder then refuses every later call.
  arrow::Status Append(const uint8_t* data, size_t size);

  int64_t length() const { return root_->length(); }

  /// The rows appended so far, as a struct array of schema().type(); the
  /// builder is empty afterwards.
  arrow::Result<std::shared_ptr<arrow::StructArray>> Finish();

  const ProtobufSchema& schema() const { return *schema_; }

  /// Whether payloads are decoded straight from the wire bytes.
  bool decodes_wire_directly() const { return wire_decoder_ != nullptr; }

 private:
  ProtobufColumnBuilder() = default;

  arrow::Status AppendMessage(const google::protobuf::Message& message,
                              arrow::StructBuilder* builder);
  arrow::Status AppendField(const google::protobuf::Message& message,
                            const google::protobuf::FieldDescriptor& field,
                            arrow::ArrayBuilder* builder);
  arrow::Status AppendMap(const google::protobuf::Message& message,
                          const google::protobuf::FieldDescriptor& field,
                          arrow::MapBuilder* builder);
  /// Element `index` of a repeated field, or the value of a singular one (index < 0).
  arrow::Status AppendElement(const google::protobuf::Message& message,
                              const google::protobuf::FieldDescriptor& field, int index,
                              arrow::ArrayBuilder* builder);

  std::shared_ptr<const ProtobufSchema> schema_;
  std::unique_ptr<arrow::StructBuilder> root_;
  // Declared after root_, into whose builders it appends.
  std::unique_ptr<ProtobufWireDecoder> wire_decoder_;
  std::unique_ptr<google::protobuf::Message> message_;
  std::string scratch_;
  arrow::Status broken_;
};

}  // namespace rrflow::internal
