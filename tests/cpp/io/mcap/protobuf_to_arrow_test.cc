#include "io/mcap/protobuf_to_arrow_internal.h"

#include <arrow/api.h>
#include <arrow/util/string.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_test_util.h"
#include "test_util.h"

namespace rrflow::internal {
namespace {

using rrflow::testing::AppendBytes;
using rrflow::testing::Decode;
using rrflow::testing::Encode;
using rrflow::testing::Json;
using rrflow::testing::SchemaOf;

void ExpectRows(const std::shared_ptr<arrow::StructArray>& column, const std::string& json) {
  const auto expected = Json(column->type(), json);
  EXPECT_TRUE(column->Equals(*expected))
      << "got      " << column->ToString() << "\nexpected " << expected->ToString();
}

const char kProto3[] = R"(
  name: "t.proto" package: "t" syntax: "proto3"
  enum_type { name: "Color" value { name: "RED" number: 0 } value { name: "GREEN" number: 1 } value { name: "BLUE" number: 5 } }
  message_type { name: "Inner"
    field { name: "x" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "color" number: 2 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_OPTIONAL } }
  message_type { name: "M"
    field { name: "i" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "s" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "c" number: 3 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_OPTIONAL }
    field { name: "inner" number: 4 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_OPTIONAL }
    field { name: "maybe" number: 5 type: TYPE_INT64 label: LABEL_OPTIONAL proto3_optional: true oneof_index: 1 }
    field { name: "d" number: 6 type: TYPE_DOUBLE label: LABEL_REPEATED }
    field { name: "colors" number: 7 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_REPEATED }
    field { name: "inners" number: 8 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_REPEATED }
    field { name: "by_name" number: 9 type: TYPE_MESSAGE type_name: ".t.M.ByNameEntry" label: LABEL_REPEATED }
    field { name: "text" number: 10 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
    field { name: "other" number: 11 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_OPTIONAL oneof_index: 0 }
    field { name: "by_id" number: 12 type: TYPE_MESSAGE type_name: ".t.M.ByIdEntry" label: LABEL_REPEATED }
    field { name: "by_flag" number: 13 type: TYPE_MESSAGE type_name: ".t.M.ByFlagEntry" label: LABEL_REPEATED }
    field { name: "u" number: 14 type: TYPE_UINT64 label: LABEL_OPTIONAL }
    field { name: "f" number: 15 type: TYPE_FIXED32 label: LABEL_REPEATED }
    nested_type { name: "ByNameEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL } }
    nested_type { name: "ByIdEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_SINT64 label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_OPTIONAL } }
    nested_type { name: "ByFlagEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_BOOL label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_OPTIONAL } }
    oneof_decl { name: "choice" } oneof_decl { name: "_maybe" }
  })";

constexpr char kUnsetRow[] =
    R"({"i": 0, "s": "", "c": {"name": "RED", "value": 0}, "inner": null, "maybe": null, "d": null,
        "colors": null, "inners": null, "by_name": null, "choice": null, "by_id": null,
        "by_flag": null, "u": 0, "f": null})";

TEST(McapProtobufColumn, Proto3DefaultsPresenceRepeatedMapsAndOneofs) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  auto column = Decode(
      schema,
      {
          Encode(*schema, R"(i: -3 s: "hé" c: BLUE inner { x: 1 color: GREEN } maybe: 0 d: [1.5, -2]
                         colors: [GREEN, RED] inners { x: 2 } inners { }
                         by_name { key: "b" value: 2 } by_name { key: "a" value: 1 } by_name { key: "" value: 0 }
                         text: "hi" by_id { key: 5 value { x: 5 } } by_id { key: -7 }
                         by_flag { key: true value: BLUE } by_flag { key: false value: GREEN }
                         u: 18446744073709551615 f: [7, 8])"),
          "",
          Encode(*schema, R"(other { x: 9 })"),
      });
  // Map entries come sorted by key; an entry without a value gets the value's default.
  ExpectRows(column, std::string("[") + R"(
      {"i": -3, "s": "hé", "c": {"name": "BLUE", "value": 5},
       "inner": {"x": 1, "color": {"name": "GREEN", "value": 1}}, "maybe": 0, "d": [1.5, -2],
       "colors": [{"name": "GREEN", "value": 1}, {"name": "RED", "value": 0}],
       "inners": [{"x": 2, "color": {"name": "RED", "value": 0}}, {"x": 0, "color": {"name": "RED", "value": 0}}],
       "by_name": [["", 0], ["a", 1], ["b", 2]], "choice": {"text": "hi", "other": null},
       "by_id": [[-7, {"x": 0, "color": {"name": "RED", "value": 0}}], [5, {"x": 5, "color": {"name": "RED", "value": 0}}]],
       "by_flag": [[false, {"name": "GREEN", "value": 1}], [true, {"name": "BLUE", "value": 5}]],
       "u": 18446744073709551615, "f": [7, 8]},)" +
                         kUnsetRow + "," + R"(
      {"i": 0, "s": "", "c": {"name": "RED", "value": 0}, "inner": null, "maybe": null, "d": null,
       "colors": null, "inners": null, "by_name": null,
       "choice": {"text": null, "other": {"x": 9, "color": {"name": "RED", "value": 0}}},
       "by_id": null, "by_flag": null, "u": 0, "f": null}])");
  EXPECT_TRUE(column->type()->Equals(*schema->type(), /*check_metadata=*/true));
}

TEST(McapProtobufColumn, LaterOccurrencesWinAsInProtobuf) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  // i twice, the oneof's `other` then `text`, map key "k" twice, `inner` twice (merged).
  const std::string payload =
      Encode(*schema, "i: 1 other { x: 1 } by_name { key: \"k\" value: 1 } inner { x: 4 }") +
      Encode(*schema, "i: 2 text: \"t\" by_name { key: \"k\" value: 2 } inner { color: GREEN }");
  auto column = Decode(schema, {payload});
  ExpectRows(column, R"([{"i": 2, "s": "", "c": {"name": "RED", "value": 0},
      "inner": {"x": 4, "color": {"name": "GREEN", "value": 1}}, "maybe": null, "d": null,
      "colors": null, "inners": null, "by_name": [["k", 2]], "choice": {"text": "t", "other": null},
      "by_id": null, "by_flag": null, "u": 0, "f": null}])");
}

TEST(McapProtobufColumn, NullStructsHaveNullChildren) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  auto column = Decode(schema, {"", Encode(*schema, "inner { x: 3 }")});
  const auto& inner = static_cast<const arrow::StructArray&>(*column->GetFieldByName("inner"));
  EXPECT_EQ(inner.null_count(), 1);
  EXPECT_TRUE(inner.field(0)->IsNull(0));
  EXPECT_TRUE(inner.field(1)->IsNull(0));
  EXPECT_TRUE(static_cast<const arrow::StructArray&>(*inner.field(1)).field(0)->IsNull(0));
  const auto& choice = static_cast<const arrow::StructArray&>(*column->GetFieldByName("choice"));
  EXPECT_TRUE(choice.field(0)->IsNull(0));
  EXPECT_TRUE(choice.field(1)->IsNull(1));
}

TEST(McapProtobufColumn, Proto2FieldsAreNullUnlessSet) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto2"
    enum_type { name: "E" value { name: "A" number: 3 } value { name: "B" number: 4 } }
    message_type { name: "M"
      field { name: "req" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
      field { name: "opt" number: 2 type: TYPE_INT32 label: LABEL_OPTIONAL default_value: "42" }
      field { name: "e" number: 3 type: TYPE_ENUM type_name: ".t.E" label: LABEL_OPTIONAL }
      field { name: "grp" number: 4 type: TYPE_GROUP type_name: ".t.M.Grp" label: LABEL_OPTIONAL }
      field { name: "packed" number: 6 type: TYPE_SINT32 label: LABEL_REPEATED options { packed: true } }
      nested_type { name: "Grp" field { name: "y" number: 5 type: TYPE_STRING label: LABEL_OPTIONAL } }
    })");
  ASSERT_NE(schema, nullptr);
  // A missing required field is no error (the reference does not check them either).
  auto column =
      Decode(schema, {Encode(*schema, "req: 1 opt: 0 e: B Grp { y: \"g\" } packed: [-1, 2]"),
                      Encode(*schema, "")});
  ExpectRows(column, R"([
      {"req": 1, "opt": 0, "e": {"name": "B", "value": 4}, "grp": {"y": "g"}, "packed": [-1, 2]},
      {"req": null, "opt": null, "e": null, "grp": null, "packed": null}])");
  // The unpacked encoding of a packed field is accepted too.
  auto unpacked = Decode(schema, {std::string("\x30\x01\x30\x04", 4)});
  ExpectRows(unpacked,
             R"([{"req": null, "opt": null, "e": null, "grp": null, "packed": [-1, 2]}])");
}

TEST(McapProtobufColumn, UndefinedEnumNumbersRejectTheWholeRow) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  auto builder = ProtobufColumnBuilder::Make(schema).ValueOrDie();
  ASSERT_OK(AppendBytes(builder.get(), Encode(*schema, "i: 1")));
  // The undefined number comes after fields that would already be appended.
  const std::string nested = std::string("\x08\x07\x12\x01x\x22\x04\x08\x01\x10\x07", 11);
  const arrow::Status status = AppendBytes(builder.get(), nested);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(),
            "invalid message for schema t.M: at byte 9, field inner.color: undefined number 7 "
            "for enum t.Color");
  // Packed repeated, and as a map value.
  EXPECT_FALSE(AppendBytes(builder.get(), std::string("\x3a\x02\x01\x09", 4)).ok());
  EXPECT_FALSE(AppendBytes(builder.get(), std::string("\x6a\x04\x08\x01\x10\x02", 6)).ok());
  EXPECT_EQ(builder->length(), 1);
  ASSERT_OK(AppendBytes(builder.get(), Encode(*schema, "i: 2")));
  ASSERT_OK_AND_ASSIGN(auto column, builder->Finish());
  ASSERT_OK(column->ValidateFull());
  ASSERT_EQ(column->length(), 2);
  const auto& i = static_cast<const arrow::Int32Array&>(*column->GetFieldByName("i"));
  EXPECT_EQ(i.Value(0), 1);
  EXPECT_EQ(i.Value(1), 2);
}

TEST(McapProtobufColumn, CorruptPayloadsNameTheByteAndField) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string("\x08", 1), "at byte 1, field i: varint is cut off by the end of the data"},
      {std::string("\x12\x05"
                   "ab",
                   4),
       "at byte 1, field s: length 5 exceeds the 2 bytes that remain"},
      {std::string("\x0d\x01\x00\x00\x00", 5),
       "at byte 0, field i: wire type 5 does not match the field's type (int32, wire type 0)"},
      {std::string("\x22\x01\x01", 3), "at byte 2, field inner: invalid field number 0"},
      {std::string("\xa7\x01", 2), "at byte 0: invalid wire type 7"},
      {std::string("\x00", 1), "at byte 0: invalid field number 0"},
      {std::string("\x12\x02\xff\xfe", 4), "at byte 2, field s: string is not valid UTF-8"},
      {std::string("\x7a\x03\x01\x02\x03", 5),
       "at byte 2, field f: packed length 3 is not a multiple of the element size"},
      {std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 11),
       "at byte 1, field i: varint does not fit in 64 bits"},
      {std::string("\xa3\x01\x08\x01", 4), "at byte 4: group of field number 20 is not closed"},
      {std::string("\x0c", 1), "at byte 0: end-group tag for field number 1 without its group"},
      {std::string("\x22\x02\x08\x80", 4),
       "at byte 3, field inner.x: varint is cut off by the end of the data"},
      {std::string("\x31\x00\x00", 3),
       "at byte 1, field d: 8-byte value is cut off by the end of the data"},
  };
  auto builder = ProtobufColumnBuilder::Make(schema).ValueOrDie();
  for (const auto& [payload, message] : cases) {
    const arrow::Status status = AppendBytes(builder.get(), payload);
    EXPECT_EQ(status.message(), "invalid message for schema t.M: " + message);
  }
  EXPECT_EQ(builder->length(), 0);
  ASSERT_OK(AppendBytes(builder.get(), ""));
  ASSERT_OK_AND_ASSIGN(auto column, builder->Finish());
  ExpectRows(column, std::string("[") + kUnsetRow + "]");
}

TEST(McapProtobufColumn, UnknownFieldsAreSkipped) {
  auto schema = SchemaOf("t.M", kProto3);
  ASSERT_NE(schema, nullptr);
  // Field 20 as varint, fixed64, length-delimited, fixed32 and a group with a nested group.
  const std::string unknown(
      "\xa0\x01\x05\xa1\x01\x01\x02\x03\x04\x05\x06\x07\x08\xa2\x01\x02zz"
      "\xa5\x01\x01\x02\x03\x04\xa3\x01\xab\x01\xac\x01\xa4\x01\x08\x07",
      34);
  auto column = Decode(schema, {unknown});
  ExpectRows(column, std::string("[") + R"({"i": 7, "s": "", "c": {"name": "RED", "value": 0},
      "inner": null, "maybe": null, "d": null, "colors": null, "inners": null, "by_name": null,
      "choice": null, "by_id": null, "by_flag": null, "u": 0, "f": null}])");
}

const char kTree[] = R"(
  name: "t.proto" package: "t" syntax: "proto3"
  message_type { name: "Tree"
    field { name: "v" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
    field { name: "kids" number: 2 type: TYPE_MESSAGE type_name: ".t.Tree" label: LABEL_REPEATED }
    field { name: "by_name" number: 3 type: TYPE_MESSAGE type_name: ".t.Tree.ByNameEntry" label: LABEL_REPEATED }
    nested_type { name: "ByNameEntry" options { map_entry: true }
      field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".t.Tree" label: LABEL_OPTIONAL } } })";

TEST(McapProtobufColumn, SelfReferentialFieldsHoldTheReencodedMessage) {
  auto schema = SchemaOf("t.Tree", kTree);
  ASSERT_NE(schema, nullptr);
  auto column = Decode(schema, {Encode(*schema, R"(v: 1 kids { v: 2 kids { v: 3 } } kids { }
                                                   by_name { key: "b" value { v: 4 } })")});
  const auto& kids = static_cast<const arrow::ListArray&>(*column->GetFieldByName("kids"));
  const auto& bytes = static_cast<const arrow::BinaryArray&>(*kids.values());
  ASSERT_EQ(bytes.length(), 2);
  EXPECT_EQ(bytes.GetString(0), Encode(*schema, "v: 2 kids { v: 3 }"));
  EXPECT_EQ(bytes.GetString(1), "");
  const auto& by_name = static_cast<const arrow::MapArray&>(*column->GetFieldByName("by_name"));
  EXPECT_EQ(static_cast<const arrow::BinaryArray&>(*by_name.items()).GetString(0),
            Encode(*schema, "v: 4"));
}

TEST(McapProtobufColumn, PayloadsThatExpandTooMuchAreRejected) {
  // Each two-byte empty element of `items` fills a row of 1000 fields.
  std::string file = R"(name: "t.proto" package: "t" syntax: "proto3" message_type { name: "Big")";
  for (int i = 1; i <= 1000; ++i) {
    file += " field { name: \"f" + std::to_string(i) + "\" number: " + std::to_string(i) +
            " type: TYPE_INT32 label: LABEL_OPTIONAL }";
  }
  file += R"( } message_type { name: "M"
    field { name: "items" number: 1 type: TYPE_MESSAGE type_name: ".t.Big" label: LABEL_REPEATED } })";
  auto schema = SchemaOf("t.M", file);
  ASSERT_NE(schema, nullptr);
  std::string payload;
  for (int i = 0; i < 100; ++i) payload += std::string("\x0a\x00", 2);
  auto builder = ProtobufColumnBuilder::Make(schema).ValueOrDie();
  ASSERT_OK(AppendBytes(builder.get(), payload));
  for (int i = 0; i < 200; ++i) payload += payload.substr(0, 200);  // 20100 elements
  const arrow::Status status = AppendBytes(builder.get(), payload);
  EXPECT_EQ(status.message(),
            "invalid message for schema t.M: at byte 33556, field items: the message expands into "
            "more than 16777216 Arrow values");
  EXPECT_EQ(builder->length(), 1);
}

// Forwards to the default pool until `limit` bytes are in use, then fails.
class LimitedPool : public arrow::ProxyMemoryPool {
 public:
  explicit LimitedPool(int64_t limit)
      : ProxyMemoryPool(arrow::default_memory_pool()), limit_(limit) {}
  using arrow::ProxyMemoryPool::Allocate;
  using arrow::ProxyMemoryPool::Reallocate;
  arrow::Status Allocate(int64_t size, int64_t alignment, uint8_t** out) override {
    if (bytes_allocated() + size > limit_) return arrow::Status::OutOfMemory("test limit");
    return ProxyMemoryPool::Allocate(size, alignment, out);
  }
  arrow::Status Reallocate(int64_t old_size, int64_t new_size, int64_t alignment,
                           uint8_t** ptr) override {
    if (bytes_allocated() - old_size + new_size > limit_) {
      return arrow::Status::OutOfMemory("test limit");
    }
    return ProxyMemoryPool::Reallocate(old_size, new_size, alignment, ptr);
  }

 private:
  int64_t limit_;
};

TEST(McapProtobufColumn, AnAllocationFailureMidRowBreaksTheBuilderForGood) {
  // t.M is decoded by reflection, t.S straight from the wire bytes.
  const std::string two_fields = R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "S"
      field { name: "i" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "s" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL } })";
  for (const char* name : {"t.M", "t.S"}) {
    auto schema = SchemaOf(name, std::string(name) == "t.M" ? kProto3 : two_fields);
    ASSERT_NE(schema, nullptr);
    LimitedPool pool(1 << 16);
    ASSERT_OK_AND_ASSIGN(auto builder, ProtobufColumnBuilder::Make(schema, &pool));
    EXPECT_EQ(builder->decodes_wire_directly(), std::string(name) == "t.S");
    ASSERT_OK(AppendBytes(builder.get(), Encode(*schema, "i: 1 s: \"small\"")));
    const arrow::Status failed = AppendBytes(
        builder.get(), Encode(*schema, "i: 2 s: \"" + std::string(1 << 17, 'x') + "\""));
    ASSERT_TRUE(failed.IsOutOfMemory()) << failed.ToString();
    EXPECT_TRUE(AppendBytes(builder.get(), Encode(*schema, "i: 3")).IsOutOfMemory());
    EXPECT_TRUE(builder->Finish().status().IsOutOfMemory());
  }
}

TEST(McapProtobufColumn, SelfReferentialMapValuesAsInNewerRerunsSnapshot) {
  // The case of newer Rerun's snapshot `recursive_message_fields_are_stored_as_bytes`.
  auto schema = SchemaOf("t.Config", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Config"
      field { name: "name" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "fields" number: 2 type: TYPE_MESSAGE type_name: ".t.Config.FieldsEntry" label: LABEL_REPEATED }
      nested_type { name: "FieldsEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".t.Config" label: LABEL_OPTIONAL } } })");
  ASSERT_NE(schema, nullptr);
  const std::string child = std::string(
      "\x12\x10\x12\x0e\x0a\x04leaf\x12\x06\x0a\x04"
      "deep",
      18);
  const std::string payload = std::string(
                                  "\x0a\x07session\x12\x1b\x0a\x05"
                                  "child\x12\x12",
                                  20) +
                              child;
  auto column = Decode(schema, {payload, ""});
  const auto& fields = static_cast<const arrow::MapArray&>(*column->GetFieldByName("fields"));
  ASSERT_EQ(fields.value_length(0), 1);
  EXPECT_EQ(static_cast<const arrow::StringArray&>(*fields.keys()).GetString(0), "child");
  const std::string bytes = static_cast<const arrow::BinaryArray&>(*fields.items()).GetString(0);
  // libprotobuf writes a map entry's key and value even when they are the
  // defaults, newer Rerun (prost) leaves them out: the same message either way.
  EXPECT_EQ(arrow::HexEncode(bytes), "12140A0012100A046C65616612080A04646565701200");
  EXPECT_EQ(Decode(schema, {bytes})->ToString(), Decode(schema, {child})->ToString());
  EXPECT_TRUE(fields.IsNull(1));
}

std::string NestedKids(int depth) {
  // kids { kids { … } }: each level is field 2, length-delimited, with a varint length.
  std::string payload;
  for (int i = 0; i < depth; ++i) {
    std::string length;
    for (size_t n = payload.size();; n >>= 7) {
      length.push_back(static_cast<char>((n & 0x7F) | (n >= 0x80 ? 0x80 : 0)));
      if (n < 0x80) break;
    }
    payload = "\x12" + length + payload;
  }
  return payload;
}

TEST(McapProtobufColumn, NestingDeeperThanTheLimitIsRejected) {
  auto schema = SchemaOf("t.Tree", kTree);
  ASSERT_NE(schema, nullptr);
  auto builder = ProtobufColumnBuilder::Make(schema).ValueOrDie();
  ASSERT_OK(AppendBytes(builder.get(), NestedKids(kMaxProtobufNesting)));
  const arrow::Status too_deep = AppendBytes(builder.get(), NestedKids(kMaxProtobufNesting + 1));
  ASSERT_FALSE(too_deep.ok());
  EXPECT_NE(too_deep.message().find("messages nest deeper than 100 levels"), std::string::npos);
  // Unknown groups count as nesting too.
  std::string groups;
  for (int i = 0; i <= kMaxProtobufNesting; ++i) groups += "\xa3\x01";
  for (int i = 0; i <= kMaxProtobufNesting; ++i) groups += "\xa4\x01";
  EXPECT_FALSE(AppendBytes(builder.get(), groups).ok());
  EXPECT_EQ(builder->length(), 1);
}

}  // namespace
}  // namespace rrflow::internal
