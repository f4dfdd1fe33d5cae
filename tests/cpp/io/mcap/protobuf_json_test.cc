#include "io/mcap/protobuf_json_internal.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_test_util.h"

namespace rrflow::internal {
namespace {

using rrflow::testing::Decode;
using rrflow::testing::Encode;
using rrflow::testing::SchemaOf;

const char kDynamic[] = R"(
  name: "t.proto" package: "t" syntax: "proto3" dependency: "google/protobuf/struct.proto"
  message_type { name: "M"
    field { name: "config" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" label: LABEL_OPTIONAL }
    field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".google.protobuf.Value" label: LABEL_OPTIONAL }
    field { name: "list" number: 3 type: TYPE_MESSAGE type_name: ".google.protobuf.ListValue" label: LABEL_OPTIONAL } })";

// The JSON texts of `config`, `value` and `list` in each row ("<null>" for a null).
std::vector<std::vector<std::string>> JsonTexts(const std::vector<std::string>& payloads) {
  auto schema = SchemaOf("t.M", kDynamic);
  auto column = Decode(schema, payloads);
  std::vector<std::vector<std::string>> rows(static_cast<size_t>(column->length()));
  for (int field = 0; field < 3; ++field) {
    const auto& texts = static_cast<const arrow::StringArray&>(*column->field(field));
    for (int64_t row = 0; row < column->length(); ++row) {
      rows[static_cast<size_t>(row)].push_back(texts.IsNull(row) ? "<null>" : texts.GetString(row));
    }
  }
  return rows;
}

TEST(McapProtobufJson, ObjectKeysAreSortedAndTheOutputIsCompact) {
  auto schema = SchemaOf("t.M", kDynamic);
  ASSERT_NE(schema, nullptr);
  // The case of newer Rerun's snapshot `dynamic_value_messages_are_stored_as_json_text`.
  const auto rows = JsonTexts({Encode(*schema, R"(config {
      fields { key: "tags" value { list_value { values { string_value: "a" } values { number_value: 2 } } } }
      fields { key: "nothing" value { null_value: NULL_VALUE } }
      fields { key: "enabled" value { bool_value: true } }
      fields { key: "empty" value { struct_value { } } }
      fields { key: "camera" value { struct_value {
          fields { key: "mode" value { string_value: "auto" } }
          fields { key: "ev" value { number_value: -0.5 } } } } } })")});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(
      rows[0][0],
      R"({"camera":{"ev":-0.5,"mode":"auto"},"empty":{},"enabled":true,"nothing":null,"tags":["a",2.0]})");
  EXPECT_EQ(rows[0][1], "<null>");
  EXPECT_EQ(rows[0][2], "<null>");
}

TEST(McapProtobufJson, NumbersUseRyuFormAndNonFiniteOnesAreStrings) {
  auto schema = SchemaOf("t.M", kDynamic);
  ASSERT_NE(schema, nullptr);
  const auto rows = JsonTexts({Encode(*schema, R"(list {
      values { number_value: 0 } values { number_value: 1 } values { number_value: 0.1 }
      values { number_value: 1e20 } values { number_value: 1e-7 } values { number_value: 123456.25 }
      values { number_value: nan } values { number_value: inf } values { number_value: -inf } })")});
  EXPECT_EQ(rows[0][2], R"([0.0,1.0,0.1,1e20,1e-7,123456.25,"NaN","Infinity","-Infinity"])");
}

TEST(McapProtobufJson, StringsAreEscapedLikeSerdeJson) {
  auto schema = SchemaOf("t.M", kDynamic);
  ASSERT_NE(schema, nullptr);
  const auto rows =
      JsonTexts({Encode(*schema, R"(value { string_value: "q\"b\\s/\n\t\r\b\f\001\177 é" }
                  config { fields { key: "k\"" value { } } })")});
  EXPECT_EQ(rows[0][1], "\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\x7f é\"");
  // A Value with no kind set is JSON null (the field itself is set, so not an Arrow null).
  EXPECT_EQ(rows[0][0], R"({"k\"":null})");
}

TEST(McapProtobufJson, EmptyContainersAndRepeatedKeys) {
  auto schema = SchemaOf("t.M", kDynamic);
  ASSERT_NE(schema, nullptr);
  const std::string first =
      Encode(*schema, R"(config { fields { key: "k" value { number_value: 1 } } })");
  const std::string second =
      Encode(*schema, R"(config { fields { key: "k" value { bool_value: false } } })");
  const auto rows =
      JsonTexts({Encode(*schema, "config { } value { list_value { } } list { }"), first + second});
  EXPECT_EQ(rows[0], (std::vector<std::string>{"{}", "[]", "[]"}));
  // The second `config` merges into the first; its entry for "k" comes later and wins.
  EXPECT_EQ(rows[1][0], R"({"k":false})");
}

TEST(McapProtobufJson, TheSchemasOwnMessageCanBeAStruct) {
  auto schema = SchemaOf("google.protobuf.Struct", kDynamic);
  ASSERT_NE(schema, nullptr);
  auto column = Decode(schema, {Encode(*schema, R"(fields { key: "b" value { number_value: 3 } }
                                                   fields { key: "a" value { list_value { } } })")});
  ASSERT_EQ(column->num_fields(), 1);
  const auto& map = static_cast<const arrow::MapArray&>(*column->field(0));
  ASSERT_EQ(map.value_length(0), 2);
  EXPECT_EQ(static_cast<const arrow::StringArray&>(*map.keys()).GetString(0), "a");
  EXPECT_EQ(static_cast<const arrow::StringArray&>(*map.items()).GetString(0), "[]");
  EXPECT_EQ(static_cast<const arrow::StringArray&>(*map.items()).GetString(1), "3.0");
}

}  // namespace
}  // namespace rrflow::internal
