// libFuzzer target: any bytes as a protobuf message of one of a fixed set of
// MCAP protobuf schemas (the first byte picks the schema). The decoder must
// answer with a Status, never crash, hang or over-allocate; a rejected message
// must leave no partial row behind, and every column must validate. Schemas
// that the direct wire decoder handles are decoded by reflection too, and
// both columns must be equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <arrow/compare.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/text_format.h>

#include "io/mcap/protobuf_to_arrow_internal.h"

namespace {

namespace pb = google::protobuf;
using rrflow::internal::ProtobufColumnBuilder;
using rrflow::internal::ProtobufDecodePath;
using rrflow::internal::ProtobufSchema;

// Scalars of every kind, enums, nesting, repeated and packed fields, maps and
// oneofs (proto3); recursion directly and through a map value; the JSON
// types; proto2 presence, groups and closed enums.
constexpr const char* kFile = R"(
  name: "fuzz.proto" package: "fuzz" syntax: "proto3" dependency: "google/protobuf/struct.proto"
  enum_type { name: "Color" value { name: "RED" number: 0 } value { name: "BLUE" number: 5 } }
  message_type { name: "Inner"
    field { name: "x" number: 1 type: TYPE_SINT32 label: LABEL_OPTIONAL }
    field { name: "color" number: 2 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_OPTIONAL } }
  message_type { name: "Everything"
    field { name: "d" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "f" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL }
    field { name: "i64" number: 3 type: TYPE_INT64 label: LABEL_OPTIONAL }
    field { name: "u32" number: 4 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "flag" number: 5 type: TYPE_BOOL label: LABEL_OPTIONAL }
    field { name: "text" number: 6 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "blob" number: 7 type: TYPE_BYTES label: LABEL_OPTIONAL }
    field { name: "color" number: 8 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_OPTIONAL }
    field { name: "inner" number: 9 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_OPTIONAL }
    field { name: "values" number: 10 type: TYPE_UINT64 label: LABEL_REPEATED }
    field { name: "colors" number: 11 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_REPEATED }
    field { name: "inners" number: 12 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_REPEATED }
    field { name: "names" number: 13 type: TYPE_MESSAGE type_name: ".fuzz.Everything.NamesEntry" label: LABEL_REPEATED }
    field { name: "by_id" number: 14 type: TYPE_MESSAGE type_name: ".fuzz.Everything.ByIdEntry" label: LABEL_REPEATED }
    field { name: "label" number: 15 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
    field { name: "at" number: 16 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_OPTIONAL oneof_index: 0 }
    field { name: "maybe" number: 17 type: TYPE_SFIXED64 label: LABEL_OPTIONAL proto3_optional: true oneof_index: 1 }
    nested_type { name: "NamesEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL } }
    nested_type { name: "ByIdEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_BOOL label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_OPTIONAL } }
    oneof_decl { name: "target" } oneof_decl { name: "_maybe" } }
  message_type { name: "Flat"
    field { name: "d" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "f" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL }
    field { name: "i32" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "u64" number: 4 type: TYPE_UINT64 label: LABEL_OPTIONAL }
    field { name: "s64" number: 5 type: TYPE_SINT64 label: LABEL_OPTIONAL }
    field { name: "sf32" number: 6 type: TYPE_SFIXED32 label: LABEL_OPTIONAL }
    field { name: "f64" number: 7 type: TYPE_FIXED64 label: LABEL_OPTIONAL }
    field { name: "flag" number: 8 type: TYPE_BOOL label: LABEL_OPTIONAL }
    field { name: "text" number: 9 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "blob" number: 10 type: TYPE_BYTES label: LABEL_OPTIONAL }
    field { name: "color" number: 11 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_OPTIONAL }
    field { name: "inner" number: 12 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_OPTIONAL }
    field { name: "inners" number: 13 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_REPEATED }
    field { name: "doubles" number: 14 type: TYPE_DOUBLE label: LABEL_REPEATED }
    field { name: "sints" number: 15 type: TYPE_SINT32 label: LABEL_REPEATED }
    field { name: "u32s" number: 16 type: TYPE_UINT32 label: LABEL_REPEATED }
    field { name: "texts" number: 17 type: TYPE_STRING label: LABEL_REPEATED }
    field { name: "colors" number: 18 type: TYPE_ENUM type_name: ".fuzz.Color" label: LABEL_REPEATED }
    field { name: "maybe" number: 19 type: TYPE_UINT32 label: LABEL_OPTIONAL proto3_optional: true oneof_index: 0 }
    field { name: "sf64" number: 20 type: TYPE_SFIXED64 label: LABEL_OPTIONAL }
    field { name: "u32" number: 21 type: TYPE_UINT32 label: LABEL_OPTIONAL }
    field { name: "i64" number: 22 type: TYPE_INT64 label: LABEL_OPTIONAL }
    field { name: "fx32" number: 23 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
    field { name: "s32" number: 24 type: TYPE_SINT32 label: LABEL_OPTIONAL }
    field { name: "holder" number: 25 type: TYPE_MESSAGE type_name: ".fuzz.Nest" label: LABEL_OPTIONAL }
    oneof_decl { name: "_maybe" } }
  message_type { name: "Nest"
    field { name: "inner" number: 1 type: TYPE_MESSAGE type_name: ".fuzz.Inner" label: LABEL_OPTIONAL }
    field { name: "floats" number: 2 type: TYPE_FLOAT label: LABEL_REPEATED } }
  message_type { name: "Tree"
    field { name: "v" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "kids" number: 2 type: TYPE_MESSAGE type_name: ".fuzz.Tree" label: LABEL_REPEATED }
    field { name: "by_name" number: 3 type: TYPE_MESSAGE type_name: ".fuzz.Tree.ByNameEntry" label: LABEL_REPEATED }
    field { name: "json" number: 4 type: TYPE_MESSAGE type_name: ".google.protobuf.Value" label: LABEL_OPTIONAL }
    nested_type { name: "ByNameEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".fuzz.Tree" label: LABEL_OPTIONAL } } }
  message_type { name: "Holder"
    field { name: "tree" number: 1 type: TYPE_MESSAGE type_name: ".fuzz.Tree" label: LABEL_OPTIONAL }
    field { name: "config" number: 2 type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" label: LABEL_OPTIONAL }
    field { name: "lists" number: 3 type: TYPE_MESSAGE type_name: ".google.protobuf.ListValue" label: LABEL_REPEATED }
    field { name: "everything" number: 4 type: TYPE_MESSAGE type_name: ".fuzz.Everything" label: LABEL_OPTIONAL } })";

constexpr const char* kLegacyFile = R"(
  name: "legacy.proto" package: "legacy" syntax: "proto2"
  enum_type { name: "Mode" value { name: "OFF" number: 1 } value { name: "ON" number: 2 } }
  message_type { name: "Legacy"
    field { name: "id" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
    field { name: "mode" number: 2 type: TYPE_ENUM type_name: ".legacy.Mode" label: LABEL_OPTIONAL }
    field { name: "samples" number: 3 type: TYPE_SINT64 label: LABEL_REPEATED options { packed: true } }
    field { name: "modes" number: 4 type: TYPE_ENUM type_name: ".legacy.Mode" label: LABEL_REPEATED }
    field { name: "settings" number: 5 type: TYPE_GROUP type_name: ".legacy.Legacy.Settings" label: LABEL_OPTIONAL }
    nested_type { name: "Settings" field { name: "level" number: 6 type: TYPE_UINT32 label: LABEL_OPTIONAL } } }
  message_type { name: "Plain"
    field { name: "id" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
    field { name: "mode" number: 2 type: TYPE_ENUM type_name: ".legacy.Mode" label: LABEL_OPTIONAL default_value: "ON" }
    field { name: "samples" number: 3 type: TYPE_SINT64 label: LABEL_REPEATED options { packed: true } }
    field { name: "modes" number: 4 type: TYPE_ENUM type_name: ".legacy.Mode" label: LABEL_REPEATED }
    field { name: "name" number: 5 type: TYPE_STRING label: LABEL_OPTIONAL default_value: "none" }
    field { name: "ratio" number: 6 type: TYPE_FLOAT label: LABEL_OPTIONAL default_value: "0.5" } })";

std::vector<std::shared_ptr<const ProtobufSchema>> MakeSchemas() {
  pb::FileDescriptorSet set;
  pb::Struct::descriptor()->file()->CopyTo(set.add_file());
  if (!pb::TextFormat::ParseFromString(kFile, set.add_file()) ||
      !pb::TextFormat::ParseFromString(kLegacyFile, set.add_file())) {
    std::abort();
  }
  const std::string bytes = set.SerializeAsString();
  std::vector<std::shared_ptr<const ProtobufSchema>> schemas;
  for (const char* name :
       {"fuzz.Everything", "fuzz.Tree", "fuzz.Holder", "google.protobuf.Struct", "legacy.Legacy",
        "fuzz.Flat", "fuzz.Inner", "legacy.Plain"}) {
    auto schema = ProtobufSchema::Make(name, bytes);
    if (!schema.ok()) std::abort();
    schemas.push_back(*std::move(schema));
  }
  return schemas;
}

// Every child of a struct is as long as the struct, every list's values as
// long as its offsets say: a half-appended row would break one of these.
bool LengthsAgree(const arrow::ArrayData& data) {
  const arrow::Type::type id = data.type->id();
  for (const auto& child : data.child_data) {
    if (id == arrow::Type::STRUCT && child->length != data.offset + data.length) return false;
    if ((id == arrow::Type::LIST || id == arrow::Type::MAP) && data.length > 0 &&
        child->length != data.GetValues<int32_t>(1)[data.length]) {
      return false;
    }
    if (!LengthsAgree(*child)) return false;
  }
  return true;
}

struct Decoded {
  std::shared_ptr<arrow::StructArray> column;
  bool decoded_directly = false;
};

// The payload twice, and its second half as a message of its own, as rows
// of one column, checked.
Decoded Decode(const std::shared_ptr<const ProtobufSchema>& schema, const uint8_t* payload,
               size_t payload_size, ProtobufDecodePath path) {
  auto builder = ProtobufColumnBuilder::Make(schema, arrow::default_memory_pool(), path);
  if (!builder.ok()) std::abort();
  const uint8_t* half = payload + payload_size / 2;
  const size_t half_size = payload_size - payload_size / 2;
  int64_t rows = 0;
  for (const auto& [bytes, length] :
       {std::pair{payload, payload_size}, std::pair{payload, payload_size},
        std::pair{half, half_size}}) {
    if ((*builder)->Append(bytes, length).ok()) ++rows;
  }
  const bool directly = (*builder)->decodes_wire_directly();
  auto column = (*builder)->Finish();
  if (!column.ok() || (*column)->length() != rows || !(*column)->ValidateFull().ok() ||
      !LengthsAgree(*(*column)->data()) ||
      !(*column)->type()->Equals(*schema->type(), /*check_metadata=*/true)) {
    std::abort();
  }
  return Decoded{*std::move(column), directly};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto schemas = MakeSchemas();
  if (size == 0) return 0;
  const auto& schema = schemas[data[0] % schemas.size()];
  const auto direct = Decode(schema, data + 1, size - 1, ProtobufDecodePath::kFastest);
  if (direct.decoded_directly) {
    const auto reflected = Decode(schema, data + 1, size - 1, ProtobufDecodePath::kReflection);
    const auto options = arrow::EqualOptions::Defaults().nans_equal(true);
    if (!direct.column->Equals(*reflected.column, options)) {
      std::abort();
    }
  }
  return 0;
}
