#include "io/mcap/protobuf_schema_internal.h"

#include <arrow/api.h>
#include <arrow/util/key_value_metadata.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_test_util.h"

namespace rrflow::internal {
namespace {

using rrflow::testing::DescriptorSet;
using rrflow::testing::SchemaOf;

std::shared_ptr<arrow::Field> Nullable(const std::string& name,
                                       std::shared_ptr<arrow::DataType> type) {
  return arrow::field(name, std::move(type), true);
}

std::shared_ptr<arrow::Field> WithExtension(std::shared_ptr<arrow::Field> field,
                                            const std::string& extension) {
  return field->WithMetadata(arrow::key_value_metadata({"ARROW:extension:name"}, {extension}));
}

std::shared_ptr<arrow::DataType> EnumStruct() {
  return arrow::struct_({Nullable("name", arrow::utf8()), Nullable("value", arrow::int32())});
}

std::shared_ptr<arrow::DataType> ListOf(std::shared_ptr<arrow::DataType> item) {
  return arrow::list(Nullable("item", std::move(item)));
}

void ExpectType(const ProtobufSchema& schema, const arrow::FieldVector& fields) {
  const auto expected = arrow::struct_(fields);
  EXPECT_TRUE(schema.type()->Equals(*expected, /*check_metadata=*/true))
      << "got      " << schema.type()->ToString(true) << "\nexpected " << expected->ToString(true);
}

TEST(McapProtobufSchema, ScalarKindsMapToArrowPrimitivesAllNullable) {
  auto schema = SchemaOf("t.Scalars", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Scalars"
      field { name: "d" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
      field { name: "f" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL }
      field { name: "i32" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "s32" number: 4 type: TYPE_SINT32 label: LABEL_OPTIONAL }
      field { name: "sf32" number: 5 type: TYPE_SFIXED32 label: LABEL_OPTIONAL }
      field { name: "i64" number: 6 type: TYPE_INT64 label: LABEL_OPTIONAL }
      field { name: "s64" number: 7 type: TYPE_SINT64 label: LABEL_OPTIONAL }
      field { name: "sf64" number: 8 type: TYPE_SFIXED64 label: LABEL_OPTIONAL }
      field { name: "u32" number: 9 type: TYPE_UINT32 label: LABEL_OPTIONAL }
      field { name: "f32" number: 10 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
      field { name: "u64" number: 11 type: TYPE_UINT64 label: LABEL_OPTIONAL }
      field { name: "f64" number: 12 type: TYPE_FIXED64 label: LABEL_OPTIONAL }
      field { name: "b" number: 13 type: TYPE_BOOL label: LABEL_OPTIONAL }
      field { name: "s" number: 14 type: TYPE_STRING label: LABEL_OPTIONAL }
      field { name: "by" number: 15 type: TYPE_BYTES label: LABEL_OPTIONAL }
    })");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->message().full_name(), "t.Scalars");
  ExpectType(*schema, {Nullable("d", arrow::float64()), Nullable("f", arrow::float32()),
                       Nullable("i32", arrow::int32()), Nullable("s32", arrow::int32()),
                       Nullable("sf32", arrow::int32()), Nullable("i64", arrow::int64()),
                       Nullable("s64", arrow::int64()), Nullable("sf64", arrow::int64()),
                       Nullable("u32", arrow::uint32()), Nullable("f32", arrow::uint32()),
                       Nullable("u64", arrow::uint64()), Nullable("f64", arrow::uint64()),
                       Nullable("b", arrow::boolean()), Nullable("s", arrow::utf8()),
                       Nullable("by", arrow::binary())});
}

TEST(McapProtobufSchema, EnumsRepeatedNestedAndWellKnownTimestamp) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto3" dependency: "google/protobuf/timestamp.proto"
    enum_type { name: "Color" value { name: "RED" number: 0 } value { name: "BLUE" number: 2 } }
    message_type { name: "Inner" field { name: "x" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL } }
    message_type { name: "M"
      field { name: "color" number: 5 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_OPTIONAL }
      field { name: "colors" number: 2 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_REPEATED }
      field { name: "inner" number: 3 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_OPTIONAL }
      field { name: "inners" number: 4 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_REPEATED }
      field { name: "values" number: 1 type: TYPE_DOUBLE label: LABEL_REPEATED }
      field { name: "stamp" number: 6 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
    })");
  ASSERT_NE(schema, nullptr);
  const auto inner = arrow::struct_({Nullable("x", arrow::int32())});
  // Declaration order, not field-number order; the enum metadata sits on the list field.
  ExpectType(
      *schema,
      {WithExtension(Nullable("color", EnumStruct()), "rerun.datatypes.ProtobufEnum"),
       WithExtension(Nullable("colors", ListOf(EnumStruct())), "rerun.datatypes.ProtobufEnum"),
       Nullable("inner", inner), Nullable("inners", ListOf(inner)),
       Nullable("values", ListOf(arrow::float64())),
       Nullable("stamp", arrow::struct_({Nullable("seconds", arrow::int64()),
                                         Nullable("nanos", arrow::int32())}))});
}

TEST(McapProtobufSchema, MapsHaveNonNullKeysAndNoEnumMetadataOnValues) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    enum_type { name: "Color" value { name: "RED" number: 0 } }
    message_type { name: "M"
      field { name: "counts" number: 1 type: TYPE_MESSAGE type_name: ".t.M.CountsEntry" label: LABEL_REPEATED }
      field { name: "colors" number: 2 type: TYPE_MESSAGE type_name: ".t.M.ColorsEntry" label: LABEL_REPEATED }
      nested_type { name: "CountsEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_UINT64 label: LABEL_OPTIONAL } }
      nested_type { name: "ColorsEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_BOOL label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_ENUM type_name: ".t.Color" label: LABEL_OPTIONAL } }
    })");
  ASSERT_NE(schema, nullptr);
  ExpectType(*schema, {Nullable("counts", std::make_shared<arrow::MapType>(
                                              arrow::field("key", arrow::utf8(), false),
                                              Nullable("value", arrow::uint64()))),
                       Nullable("colors", std::make_shared<arrow::MapType>(
                                              arrow::field("key", arrow::boolean(), false),
                                              Nullable("value", EnumStruct())))});
  const auto& map = static_cast<const arrow::MapType&>(*schema->type()->field(0)->type());
  EXPECT_EQ(map.field(0)->name(), "entries");
  EXPECT_FALSE(map.field(0)->nullable());
  EXPECT_FALSE(map.keys_sorted());
}

TEST(McapProtobufSchema, RealOneofsCollapseWhereTheirFirstMemberIs) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Inner" field { name: "x" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL } }
    message_type { name: "M"
      field { name: "before" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "text" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
      field { name: "inner" number: 4 type: TYPE_MESSAGE type_name: ".t.Inner" label: LABEL_OPTIONAL oneof_index: 0 }
      field { name: "middle" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "alone" number: 5 type: TYPE_INT32 label: LABEL_OPTIONAL oneof_index: 1 }
      field { name: "maybe" number: 6 type: TYPE_INT64 label: LABEL_OPTIONAL oneof_index: 2 proto3_optional: true }
      oneof_decl { name: "choice" } oneof_decl { name: "single" } oneof_decl { name: "_maybe" }
    })");
  ASSERT_NE(schema, nullptr);
  // A oneof of one member (real or the synthetic one of `optional`) stays a plain field.
  ExpectType(
      *schema,
      {Nullable("before", arrow::int32()),
       WithExtension(
           Nullable("choice", arrow::struct_({Nullable("text", arrow::utf8()),
                                              Nullable("inner", arrow::struct_({Nullable(
                                                                    "x", arrow::int32())}))})),
           "rerun.datatypes.ProtobufOneOf"),
       Nullable("middle", arrow::int32()), Nullable("alone", arrow::int32()),
       Nullable("maybe", arrow::int64())});
  const auto& columns = schema->ColumnsOf(schema->message());
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[1].oneof->name(), "choice");
  EXPECT_EQ(columns[3].field->name(), "alone");
}

TEST(McapProtobufSchema, Proto2GroupsAndDefaultsAreNullableStructsAndScalars) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto2"
    message_type { name: "M"
      field { name: "req" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
      field { name: "opt" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL default_value: "x" }
      field { name: "grp" number: 3 type: TYPE_GROUP type_name: ".t.M.Grp" label: LABEL_OPTIONAL }
      nested_type { name: "Grp" field { name: "y" number: 4 type: TYPE_INT32 label: LABEL_OPTIONAL } }
    })");
  ASSERT_NE(schema, nullptr);
  ExpectType(*schema, {Nullable("req", arrow::int32()), Nullable("opt", arrow::utf8()),
                       Nullable("grp", arrow::struct_({Nullable("y", arrow::int32())}))});
}

TEST(McapProtobufSchema, StructValueListValueAreJsonText) {
  auto schema = SchemaOf("t.M", R"(
    name: "t.proto" package: "t" syntax: "proto3" dependency: "google/protobuf/struct.proto"
    message_type { name: "M"
      field { name: "config" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" label: LABEL_OPTIONAL }
      field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".google.protobuf.Value" label: LABEL_OPTIONAL }
      field { name: "lists" number: 3 type: TYPE_MESSAGE type_name: ".google.protobuf.ListValue" label: LABEL_REPEATED }
      field { name: "by_name" number: 4 type: TYPE_MESSAGE type_name: ".t.M.ByNameEntry" label: LABEL_REPEATED }
      nested_type { name: "ByNameEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".google.protobuf.Value" label: LABEL_OPTIONAL } }
    })");
  ASSERT_NE(schema, nullptr);
  const std::string json = "google.protobuf.Struct";
  ExpectType(*schema,
             {WithExtension(Nullable("config", arrow::utf8()), json),
              WithExtension(Nullable("value", arrow::utf8()), json),
              WithExtension(Nullable("lists", ListOf(arrow::utf8())), json),
              Nullable("by_name", std::make_shared<arrow::MapType>(
                                      arrow::field("key", arrow::utf8(), false),
                                      WithExtension(Nullable("value", arrow::utf8()), json)))});
}

TEST(McapProtobufSchema, FieldsOfSelfReferentialTypesAreBinary) {
  // Tree reaches itself directly, Ping and Pong through each other, Graph
  // through a map value; Holder only refers to them and stays a struct.
  auto schema = SchemaOf("t.Holder", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Tree"
      field { name: "v" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "kids" number: 2 type: TYPE_MESSAGE type_name: ".t.Tree" label: LABEL_REPEATED } }
    message_type { name: "Ping" field { name: "pong" number: 1 type: TYPE_MESSAGE type_name: ".t.Pong" label: LABEL_OPTIONAL } }
    message_type { name: "Pong" field { name: "ping" number: 1 type: TYPE_MESSAGE type_name: ".t.Ping" label: LABEL_OPTIONAL } }
    message_type { name: "Graph"
      field { name: "nodes" number: 1 type: TYPE_MESSAGE type_name: ".t.Graph.NodesEntry" label: LABEL_REPEATED }
      nested_type { name: "NodesEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".t.Graph" label: LABEL_OPTIONAL } } }
    message_type { name: "Holder"
      field { name: "tree" number: 1 type: TYPE_MESSAGE type_name: ".t.Tree" label: LABEL_OPTIONAL }
      field { name: "ping" number: 2 type: TYPE_MESSAGE type_name: ".t.Ping" label: LABEL_OPTIONAL }
      field { name: "graph" number: 3 type: TYPE_MESSAGE type_name: ".t.Graph" label: LABEL_OPTIONAL } }
  )");
  ASSERT_NE(schema, nullptr);
  const std::string self = "rerun.datatypes.ProtobufSelfReferential";
  ExpectType(*schema, {WithExtension(Nullable("tree", arrow::binary()), self),
                       WithExtension(Nullable("ping", arrow::binary()), self),
                       WithExtension(Nullable("graph", arrow::binary()), self)});

  // As the schema's own message, a recursive type is a struct whose recursive fields are bytes.
  auto tree = SchemaOf("t.Tree", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Tree"
      field { name: "v" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL }
      field { name: "kids" number: 2 type: TYPE_MESSAGE type_name: ".t.Tree" label: LABEL_REPEATED } })");
  ASSERT_NE(tree, nullptr);
  ExpectType(*tree, {Nullable("v", arrow::int32()),
                     WithExtension(Nullable("kids", ListOf(arrow::binary())), self)});

  auto graph = SchemaOf("t.Graph", R"(
    name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "Graph"
      field { name: "nodes" number: 1 type: TYPE_MESSAGE type_name: ".t.Graph.NodesEntry" label: LABEL_REPEATED }
      nested_type { name: "NodesEntry" options { map_entry: true }
        field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
        field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".t.Graph" label: LABEL_OPTIONAL } } })");
  ASSERT_NE(graph, nullptr);
  ExpectType(*graph,
             {Nullable("nodes", std::make_shared<arrow::MapType>(
                                    arrow::field("key", arrow::utf8(), false),
                                    WithExtension(Nullable("value", arrow::binary()), self)))});
}

TEST(McapProtobufSchema, SchemaErrorsNameTheSchema) {
  const std::string file = R"(name: "t.proto" package: "t" syntax: "proto3"
    message_type { name: "M" field { name: "x" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL } })";
  auto missing = ProtobufSchema::Make("t.Nope", DescriptorSet({file}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "Channel t.Nope does not define a schema");

  auto garbage = ProtobufSchema::Make("t.M", std::string("\xff\xff", 2));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().message(),
            "Invalid schema t.M: failed to decode the FileDescriptorSet");

  auto no_dependency = ProtobufSchema::Make("t.M", DescriptorSet({R"(
    name: "t.proto" package: "t" dependency: "other.proto"
    message_type { name: "M" })"}));
  ASSERT_FALSE(no_dependency.ok());
  EXPECT_EQ(no_dependency.status().message(),
            "Invalid schema t.M: t.proto imports other.proto, which the FileDescriptorSet does "
            "not contain");

  auto unresolved = ProtobufSchema::Make("t.M", DescriptorSet({R"(
    name: "t.proto" package: "t"
    message_type { name: "M" field { name: "x" number: 1 type: TYPE_MESSAGE type_name: ".t.Gone" label: LABEL_OPTIONAL } })"}));
  ASSERT_FALSE(unresolved.ok());
  EXPECT_NE(unresolved.status().message().find("Invalid schema t.M: t.proto: t.M.x: "),
            std::string::npos)
      << unresolved.status().message();

  auto conflicting = ProtobufSchema::Make(
      "t.M", DescriptorSet({file, R"(name: "t.proto" package: "t" message_type { name: "M" })"}));
  ASSERT_FALSE(conflicting.ok());
  EXPECT_EQ(conflicting.status().message(),
            "Invalid schema t.M: the FileDescriptorSet holds two different files named t.proto");
  EXPECT_TRUE(ProtobufSchema::Make("t.M", DescriptorSet({file, file})).ok());

  auto cycle = ProtobufSchema::Make(
      "a.M",
      DescriptorSet(
          {R"(name: "a.proto" package: "a" dependency: "b.proto" message_type { name: "M" })",
           R"(name: "b.proto" package: "b" dependency: "a.proto")"}));
  ASSERT_FALSE(cycle.ok());
  EXPECT_NE(cycle.status().message().find("form a cycle"), std::string::npos);
}

TEST(McapProtobufSchema, RefusesRedefinedJsonTypes) {
  google::protobuf::FileDescriptorSet set;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"(
    file { name: "google/protobuf/struct.proto" package: "google.protobuf" syntax: "proto3"
      message_type { name: "Struct" field { name: "x" number: 1 type: TYPE_INT32 label: LABEL_OPTIONAL } }
      message_type { name: "Value" }
      message_type { name: "ListValue" } }
    file { name: "t.proto" package: "t" dependency: "google/protobuf/struct.proto" syntax: "proto3"
      message_type { name: "M" field { name: "s" number: 1 type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" label: LABEL_OPTIONAL } } })",
                                                            &set));
  auto schema = ProtobufSchema::Make("t.M", set.SerializeAsString());
  ASSERT_FALSE(schema.ok());
  EXPECT_NE(schema.status().message().find("must have their standard fields"), std::string::npos)
      << schema.status().message();
}

TEST(McapProtobufSchema, RefusesSchemasThatExpandWithoutBound) {
  // Each level holds the next one twice: 2^40 leaf fields once inlined.
  std::string file = R"(name: "t.proto" package: "t" syntax: "proto3")";
  for (int level = 0; level < 40; ++level) {
    const std::string next = ".t.L" + std::to_string(level + 1);
    file += " message_type { name: \"L" + std::to_string(level) + "\"";
    if (level + 1 < 40) {
      file += " field { name: \"a\" number: 1 type: TYPE_MESSAGE type_name: \"" + next +
              "\" label: LABEL_OPTIONAL } field { name: \"b\" number: 2 type: TYPE_MESSAGE "
              "type_name: \"" +
              next + "\" label: LABEL_OPTIONAL }";
    }
    file += " }";
  }
  file += R"( message_type { name: "L40" })";
  auto schema = ProtobufSchema::Make("t.L0", DescriptorSet({file}));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(),
            "Invalid schema t.L0: the message expands into more than 100000 Arrow fields");

  // A chain of distinct types deeper than the nesting limit.
  std::string chain = R"(name: "c.proto" package: "c" syntax: "proto3")";
  for (int level = 0; level <= 1001; ++level) {
    chain += " message_type { name: \"C" + std::to_string(level) +
             "\" field { name: \"n\" number: 1 "
             "type: TYPE_MESSAGE type_name: \".c.C" +
             std::to_string(level + 1) + "\" label: LABEL_OPTIONAL } }";
  }
  chain += R"( message_type { name: "C1002" })";
  auto deep = ProtobufSchema::Make("c.C0", DescriptorSet({chain}));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().message(),
            "Invalid schema c.C0: message types nest deeper than 1000 levels");
}

}  // namespace
}  // namespace rrflow::internal
