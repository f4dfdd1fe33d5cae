// The direct wire decoder gives the rows that parsing and reflection give.
#include "io/mcap/protobuf_wire_decoder_internal.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_test_util.h"
#include "io/mcap/protobuf_to_arrow_internal.h"
#include "io/mcap/protobuf_wire_check_internal.h"
#include "test_util.h"

namespace rrflow::internal {
namespace {

using rrflow::testing::AppendBytes;
using rrflow::testing::Decode;
using rrflow::testing::Encode;
using rrflow::testing::Json;
using rrflow::testing::SchemaOf;

const char kFlat[] = R"(
  name: "w.proto" package: "w" syntax: "proto3"
  enum_type { name: "Color" value { name: "RED" number: 0 } value { name: "BLUE" number: 5 } }
  message_type { name: "Vec" field { name: "x" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
                             field { name: "y" number: 2 type: TYPE_SINT32 label: LABEL_OPTIONAL } }
  message_type { name: "M"
    field { name: "d" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
    field { name: "f" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL }
    field { name: "i32" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "u64" number: 4 type: TYPE_UINT64 label: LABEL_OPTIONAL }
    field { name: "s64" number: 5 type: TYPE_SINT64 label: LABEL_OPTIONAL }
    field { name: "sf32" number: 6 type: TYPE_SFIXED32 label: LABEL_OPTIONAL }
    field { name: "fx64" number: 7 type: TYPE_FIXED64 label: LABEL_OPTIONAL }
    field { name: "flag" number: 8 type: TYPE_BOOL label: LABEL_OPTIONAL }
    field { name: "text" number: 9 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "blob" number: 10 type: TYPE_BYTES label: LABEL_OPTIONAL }
    field { name: "color" number: 11 type: TYPE_ENUM type_name: ".w.Color" label: LABEL_OPTIONAL }
    field { name: "vec" number: 12 type: TYPE_MESSAGE type_name: ".w.Vec" label: LABEL_OPTIONAL }
    field { name: "vecs" number: 13 type: TYPE_MESSAGE type_name: ".w.Vec" label: LABEL_REPEATED }
    field { name: "ds" number: 14 type: TYPE_DOUBLE label: LABEL_REPEATED }
    field { name: "u32s" number: 15 type: TYPE_UINT32 label: LABEL_REPEATED }
    field { name: "texts" number: 16 type: TYPE_STRING label: LABEL_REPEATED }
    field { name: "colors" number: 17 type: TYPE_ENUM type_name: ".w.Color" label: LABEL_REPEATED }
    field { name: "maybe" number: 18 type: TYPE_UINT32 label: LABEL_OPTIONAL proto3_optional: true oneof_index: 0 }
    oneof_decl { name: "_maybe" } })";

// Both paths, rows equal; returns the direct one.
std::shared_ptr<arrow::StructArray> DecodeBothWays(
    const std::shared_ptr<const ProtobufSchema>& schema, const std::vector<std::string>& payloads) {
  auto direct = Decode(schema, payloads, ProtobufDecodePath::kFastest);
  auto reflected = Decode(schema, payloads, ProtobufDecodePath::kReflection);
  EXPECT_TRUE(direct->Equals(*reflected))
      << "direct    " << direct->ToString() << "\nreflected " << reflected->ToString();
  return direct;
}

TEST(ProtobufWireDecoder, TakesSchemasWithoutMapsOneofsOrGroups) {
  auto flat = SchemaOf("w.M", kFlat);
  ASSERT_NE(flat, nullptr);
  ASSERT_OK_AND_ASSIGN(auto builder, ProtobufColumnBuilder::Make(flat));
  EXPECT_TRUE(builder->decodes_wire_directly());
  ASSERT_OK_AND_ASSIGN(auto reflecting, ProtobufColumnBuilder::Make(
                                            flat, arrow::default_memory_pool(),
                                            ProtobufDecodePath::kReflection));
  EXPECT_FALSE(reflecting->decodes_wire_directly());
  auto with_map = SchemaOf("w.M", R"(
    name: "w.proto" package: "w" syntax: "proto3"
    message_type { name: "M"
      field { name: "m" number: 1 type: TYPE_MESSAGE type_name: ".w.M.MEntry" label: LABEL_REPEATED }
      nested_type { name: "MEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL } } })");
  ASSERT_NE(with_map, nullptr);
  ASSERT_OK_AND_ASSIGN(auto map_builder, ProtobufColumnBuilder::Make(with_map));
  EXPECT_FALSE(map_builder->decodes_wire_directly());
}

TEST(ProtobufWireDecoder, EveryFieldKindDefaultsAndPresence) {
  auto schema = SchemaOf("w.M", kFlat);
  ASSERT_NE(schema, nullptr);
  auto column = DecodeBothWays(
      schema, {Encode(*schema, R"(d: -1.5 f: 0.25 i32: -7 u64: 18446744073709551615
                      s64: -9000000000 sf32: -3 fx64: 12 flag: true text: "hé" blob: "\001\000"
                      color: BLUE vec { x: 2 y: -4 } vecs { x: 1 } vecs { } ds: [1, 2.5]
                      u32s: [4294967295, 0] texts: ["a", ""] colors: [BLUE, RED] maybe: 0)"),
               ""});
  const auto expected = Json(column->type(), R"([
    {"d": -1.5, "f": 0.25, "i32": -7, "u64": 18446744073709551615, "s64": -9000000000,
     "sf32": -3, "fx64": 12, "flag": true, "text": "hé", "blob": "\u0001\u0000",
     "color": {"name": "BLUE", "value": 5}, "vec": {"x": 2, "y": -4},
     "vecs": [{"x": 1, "y": 0}, {"x": 0, "y": 0}], "ds": [1, 2.5], "u32s": [4294967295, 0],
     "texts": ["a", ""], "colors": [{"name": "BLUE", "value": 5}, {"name": "RED", "value": 0}],
     "maybe": 0},
    {"d": 0, "f": 0, "i32": 0, "u64": 0, "s64": 0, "sf32": 0, "fx64": 0, "flag": false,
     "text": "", "blob": "", "color": {"name": "RED", "value": 0}, "vec": null, "vecs": null,
     "ds": null, "u32s": null, "texts": null, "colors": null, "maybe": null}])");
  EXPECT_TRUE(column->Equals(*expected))
      << "got      " << column->ToString() << "\nexpected " << expected->ToString();
}

TEST(ProtobufWireDecoder, LaterValuesWinRepeatedAccumulateMessagesMerge) {
  auto schema = SchemaOf("w.M", kFlat);
  ASSERT_NE(schema, nullptr);
  // Packed and unpacked runs of `ds` mixed; `vec` twice; an empty packed run
  // of `u32s` alone (null) next to one that is not.
  const std::string payload =
      Encode(*schema, "d: 1 text: \"first\" vec { x: 3 } ds: [1, 2]") +
      std::string("\x71\x00\x00\x00\x00\x00\x00\x08\x40", 9) +  // ds: 3, unpacked
      Encode(*schema, "d: 2 text: \"second\" vec { y: 5 } ds: [4] colors: [BLUE]") +
      std::string("\x7a\x00", 2);  // u32s: an empty packed run
  auto column = DecodeBothWays(schema, {payload, std::string("\x7a\x00\x7a\x01\x07", 5)});
  EXPECT_TRUE(column->GetFieldByName("d")->Equals(*Json(arrow::float64(), "[2, 0]")));
  EXPECT_TRUE(column->GetFieldByName("text")->Equals(*Json(arrow::utf8(), R"(["second", ""])")));
}

TEST(ProtobufWireDecoder, UnknownFieldsAndProto2Defaults) {
  auto schema = SchemaOf("p.M", R"(
    name: "p.proto" package: "p" syntax: "proto2"
    enum_type { name: "E" value { name: "A" number: 3 } value { name: "B" number: 4 } }
    message_type { name: "M"
      field { name: "req" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
      field { name: "opt" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL default_value: "42" }
      field { name: "e" number: 3 type: TYPE_ENUM type_name: ".p.E" label: LABEL_OPTIONAL default_value: "B" }
      field { name: "packed" number: 6 type: TYPE_SINT32 label: LABEL_REPEATED options { packed: true } } })");
  ASSERT_NE(schema, nullptr);
  // Field 20 as varint, fixed64, length-delimited, fixed32 and a group with a nested group.
  const std::string unknown(
      "\xa0\x01\x05\xa1\x01\x01\x02\x03\x04\x05\x06\x07\x08\xa2\x01\x02zz"
      "\xa5\x01\x01\x02\x03\x04\xa3\x01\xab\x01\xac\x01\xa4\x01\x08\x07",
      34);
  auto column = DecodeBothWays(
      schema, {unknown, Encode(*schema, "opt: 1 e: A packed: [-1, 2]"), "\x30\x01\x30\x04"});
  EXPECT_EQ(column->GetFieldByName("req")->null_count(), 2);
}

TEST(ProtobufWireDecoder, QuickCheckAgreesWithTheWireCheck) {
  auto schema = SchemaOf("w.M", kFlat);
  ASSERT_NE(schema, nullptr);
  auto root = ProtobufColumnBuilder::Make(schema).ValueOrDie();
  std::unique_ptr<arrow::ArrayBuilder> builder;
  ASSERT_OK(arrow::MakeBuilder(arrow::default_memory_pool(), schema->type(), &builder));
  auto decoder =
      ProtobufWireDecoder::Make(*schema, static_cast<arrow::StructBuilder*>(builder.get()));
  ASSERT_NE(decoder, nullptr);
  const std::string good = Encode(*schema, "d: 1 text: \"ok\" vec { x: 1 } ds: [1] colors: [BLUE]");
  const std::vector<std::string> payloads = {
      good,
      "",
      std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11),  // wrong wire type for d
      std::string("\x18\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 11),  // varint over 64 bits
      std::string("\x18\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11),  // -1 as int32: fine
      "\x4a\x02\xc3\x28",                                     // text not UTF-8
      "\x52\x02\xc3\x28",                                     // blob: any bytes
      "\x58\x03",                                              // color 3 is undefined
      "\x8a\x01\x01\x88\x01\x03",                                  // colors packed: 3 undefined
      "\x72\x07\x00\x00\x00\x00\x00\x00\x00",                    // ds packed, 7 bytes
      "\x62\x03\x08\x01",                                     // vec longer than the data
      "\x62\x02\x0c\x00",                                     // end group inside vec
      "\x00\x01",                                              // field number 0
      "\xfb\x01\x08\x01\xfc\x01",                                  // unknown group, closed
      "\xfb\x01\x08\x01\xf4\x01",                                  // closed by another number
      "\x0e",                                                  // wire type 6
      good.substr(0, good.size() - 1),
  };
  for (const auto& payload : payloads) {
    const auto* data = reinterpret_cast<const uint8_t*>(payload.data());
    EXPECT_EQ(decoder->Accepts(data, payload.size()), CheckProtobufWire(*schema, payload).ok())
        << ::testing::PrintToString(payload);
  }
  // Nesting deeper than the limit through unknown groups.
  std::string deep;
  for (int i = 0; i < kMaxProtobufNesting + 1; ++i) deep += "\xfb\x01";
  for (int i = 0; i < kMaxProtobufNesting + 1; ++i) deep += "\xfc\x01";
  EXPECT_FALSE(CheckProtobufWire(*schema, deep).ok());
  EXPECT_FALSE(decoder->Accepts(reinterpret_cast<const uint8_t*>(deep.data()), deep.size()));
  deep = deep.substr(2, deep.size() - 4);
  EXPECT_TRUE(CheckProtobufWire(*schema, deep).ok());
  EXPECT_TRUE(decoder->Accepts(reinterpret_cast<const uint8_t*>(deep.data()), deep.size()));
}

TEST(ProtobufWireDecoder, RefusedPayloadsSayWhyAndAppendNothing) {
  auto schema = SchemaOf("w.M", kFlat);
  ASSERT_NE(schema, nullptr);
  ASSERT_OK_AND_ASSIGN(auto builder, ProtobufColumnBuilder::Make(schema));
  ASSERT_TRUE(builder->decodes_wire_directly());
  const arrow::Status refused = AppendBytes(builder.get(), "\x18\x01\x58\x03");
  EXPECT_EQ(refused.message(),
            "invalid message for schema w.M: at byte 2, field color: undefined number 3 for enum "
            "w.Color");
  ASSERT_OK(AppendBytes(builder.get(), Encode(*schema, "d: 4")));
  EXPECT_EQ(builder->length(), 1);
}

}  // namespace
}  // namespace rrflow::internal
