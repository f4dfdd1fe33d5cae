// Schemas and payloads for the MCAP protobuf tests, written as protobuf text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_schema_internal.h"
#include "io/mcap/protobuf_to_arrow_internal.h"

namespace rrflow::testing {

/// A FileDescriptorSet holding the files given as FileDescriptorProto text,
/// after struct.proto and timestamp.proto (taken from libprotobuf).
inline std::string DescriptorSet(const std::vector<std::string>& file_texts) {
  google::protobuf::FileDescriptorSet set;
  google::protobuf::Struct::descriptor()->file()->CopyTo(set.add_file());
  google::protobuf::Timestamp::descriptor()->file()->CopyTo(set.add_file());
  for (const auto& text : file_texts) {
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, set.add_file())) << text;
  }
  return set.SerializeAsString();
}

/// The schema of message `name` in the single file `file_text`.
inline std::shared_ptr<const internal::ProtobufSchema> SchemaOf(const std::string& name,
                                                                const std::string& file_text) {
  auto schema = internal::ProtobufSchema::Make(name, DescriptorSet({file_text}));
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ValueOr(nullptr);
}

/// A message of `schema` from protobuf text, encoded.
inline std::string Encode(const internal::ProtobufSchema& schema, const std::string& text) {
  auto message = schema.NewMessage();
  google::protobuf::TextFormat::Parser parser;
  parser.AllowPartialMessage(true);
  EXPECT_TRUE(parser.ParseFromString(text, message.get())) << text;
  return message->SerializePartialAsString();
}

inline arrow::Status AppendBytes(internal::ProtobufColumnBuilder* builder,
                                 const std::string& payload) {
  return builder->Append(reinterpret_cast<const uint8_t*>(payload.data()), payload.size());
}

/// The struct column of `payloads` (each must decode).
inline std::shared_ptr<arrow::StructArray> Decode(
    const std::shared_ptr<const internal::ProtobufSchema>& schema,
    const std::vector<std::string>& payloads,
    internal::ProtobufDecodePath path = internal::ProtobufDecodePath::kFastest) {
  auto builder =
      internal::ProtobufColumnBuilder::Make(schema, arrow::default_memory_pool(), path)
          .ValueOrDie();
  for (const auto& payload : payloads) {
    const arrow::Status status = AppendBytes(builder.get(), payload);
    EXPECT_TRUE(status.ok()) << status.ToString();
  }
  auto column = builder->Finish().ValueOrDie();
  EXPECT_TRUE(column->ValidateFull().ok());
  return column;
}

}  // namespace rrflow::testing
