// Data type names, as printed by the reference (arrow-rs 57): every expected
// string below was produced by rerun-sdk 0.33.1.
#include "text/data_type_text_internal.h"

#include <arrow/api.h>
#include <arrow/util/key_value_metadata.h>
#include <gtest/gtest.h>

namespace rrflow::internal {
namespace {

TEST(FormatDataType, Primitives) {
  EXPECT_EQ(FormatDataType(*arrow::null()), "Null");
  EXPECT_EQ(FormatDataType(*arrow::boolean()), "Boolean");
  EXPECT_EQ(FormatDataType(*arrow::int8()), "Int8");
  EXPECT_EQ(FormatDataType(*arrow::uint64()), "UInt64");
  EXPECT_EQ(FormatDataType(*arrow::float16()), "Float16");
  EXPECT_EQ(FormatDataType(*arrow::float32()), "Float32");
  EXPECT_EQ(FormatDataType(*arrow::float64()), "Float64");
  EXPECT_EQ(FormatDataType(*arrow::utf8()), "Utf8");
  EXPECT_EQ(FormatDataType(*arrow::large_utf8()), "LargeUtf8");
  EXPECT_EQ(FormatDataType(*arrow::utf8_view()), "Utf8View");
  EXPECT_EQ(FormatDataType(*arrow::binary()), "Binary");
  EXPECT_EQ(FormatDataType(*arrow::large_binary()), "LargeBinary");
  EXPECT_EQ(FormatDataType(*arrow::binary_view()), "BinaryView");
  EXPECT_EQ(FormatDataType(*arrow::fixed_size_binary(16)), "FixedSizeBinary(16)");
  EXPECT_EQ(FormatDataType(*arrow::decimal128(5, 2)), "Decimal128(5, 2)");
  EXPECT_EQ(FormatDataType(*arrow::decimal128(5, -2)), "Decimal128(5, -2)");
  EXPECT_EQ(FormatDataType(*arrow::decimal256(40, 3)), "Decimal256(40, 3)");
  EXPECT_EQ(FormatDataType(*arrow::decimal32(5, 1)), "Decimal32(5, 1)");
}

TEST(FormatDataType, Temporal) {
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::NANO)), "Timestamp(ns)");
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
            "Timestamp(µs, \"UTC\")");
  EXPECT_EQ(FormatDataType(*arrow::timestamp(arrow::TimeUnit::SECOND, "+05:30")),
            "Timestamp(s, \"+05:30\")");
  EXPECT_EQ(FormatDataType(*arrow::duration(arrow::TimeUnit::MILLI)), "Duration(ms)");
  EXPECT_EQ(FormatDataType(*arrow::date32()), "Date32");
  EXPECT_EQ(FormatDataType(*arrow::date64()), "Date64");
  EXPECT_EQ(FormatDataType(*arrow::time32(arrow::TimeUnit::SECOND)), "Time32(s)");
  EXPECT_EQ(FormatDataType(*arrow::time64(arrow::TimeUnit::MICRO)), "Time64(µs)");
  EXPECT_EQ(FormatDataType(*arrow::month_day_nano_interval()), "Interval(MonthDayNano)");
}

TEST(FormatDataType, Nested) {
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::float64())), "List(Float64)");
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("item", arrow::int32(), false))),
            "List(non-null Int32)");
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("foo", arrow::int32(), false))),
            "List(non-null Int32, field: 'foo')");
  EXPECT_EQ(FormatDataType(*arrow::large_list(arrow::int32())), "LargeList(Int32)");
  EXPECT_EQ(FormatDataType(*arrow::list_view(arrow::int8())), "ListView(Int8)");
  EXPECT_EQ(FormatDataType(*arrow::list(
                arrow::fixed_size_list(arrow::field("item", arrow::float32(), false), 3))),
            "List(FixedSizeList(3 x non-null Float32))");
  EXPECT_EQ(FormatDataType(*arrow::fixed_size_list(arrow::field("xyz", arrow::float32()), 3)),
            "FixedSizeList(3 x Float32, field: 'xyz')");
  EXPECT_EQ(FormatDataType(*arrow::struct_({arrow::field("x", arrow::float64(), false),
                                            arrow::field("s", arrow::utf8())})),
            "Struct(\"x\": non-null Float64, \"s\": Utf8)");
  EXPECT_EQ(FormatDataType(*arrow::struct_({})), "Struct()");
  EXPECT_EQ(FormatDataType(*arrow::map(arrow::utf8(), arrow::int32())),
            "Map(\"entries\": non-null Struct(\"key\": non-null Utf8, \"value\": Int32), "
            "unsorted)");
  EXPECT_EQ(FormatDataType(*arrow::dictionary(arrow::int32(), arrow::utf8())),
            "Dictionary(Int32, Utf8)");
  EXPECT_EQ(FormatDataType(*arrow::sparse_union({arrow::field("0", arrow::int64()),
                                                 arrow::field("1", arrow::utf8())})),
            "Union(Sparse, 0: (\"0\": Int64), 1: (\"1\": Utf8))");
  EXPECT_EQ(FormatDataType(*arrow::run_end_encoded(arrow::int32(), arrow::utf8())),
            "RunEndEncoded(\"run_ends\": non-null Int32, \"values\": Utf8)");
}

TEST(FormatDataType, FieldMetadataAndQuoting) {
  auto metadata = arrow::key_value_metadata({"k", "a"}, {"v", "b"});
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("item", arrow::int8(), true, metadata))),
            "List(Int8, metadata: {\"a\": \"b\", \"k\": \"v\"})");
  auto odd = arrow::key_value_metadata({"x\n"}, {"y\"é\t"});
  EXPECT_EQ(FormatDataType(*arrow::list(arrow::field("it em\"'", arrow::int8(), false, odd))),
            "List(non-null Int8, field: 'it em\"'', metadata: {\"x\\n\": \"y\\\"é\\t\"})");
  EXPECT_EQ(FormatDataType(*arrow::struct_({arrow::field("e\u0301", arrow::int8()),
                                            arrow::field("\u00a0", arrow::int8())})),
            "Struct(\"e\\u{301}\": Int8, \"\\u{a0}\": Int8)");
}

TEST(FormatFieldType, AddsNullability) {
  EXPECT_EQ(FormatFieldType(*arrow::field("x", arrow::float32())), "Float32");
  EXPECT_EQ(FormatFieldType(*arrow::field("x", arrow::list(arrow::int8()), false)),
            "non-null List(Int8)");
}

// The texts of `execute_per_row`'s TypeError for arrays that are not lists.
TEST(RustDebugDataType, ParameterlessAndTemporal) {
  EXPECT_EQ(RustDebugDataType(*arrow::int64()), "Int64");
  EXPECT_EQ(RustDebugDataType(*arrow::utf8_view()), "Utf8View");
  EXPECT_EQ(RustDebugDataType(*arrow::fixed_size_binary(16)), "FixedSizeBinary(16)");
  EXPECT_EQ(RustDebugDataType(*arrow::decimal128(5, 2)), "Decimal128(5, 2)");
  EXPECT_EQ(RustDebugDataType(*arrow::month_day_nano_interval()), "Interval(MonthDayNano)");
  EXPECT_EQ(RustDebugDataType(*arrow::timestamp(arrow::TimeUnit::NANO, "UTC")),
            "Timestamp(Nanosecond, Some(\"UTC\"))");
  EXPECT_EQ(RustDebugDataType(*arrow::timestamp(arrow::TimeUnit::SECOND)),
            "Timestamp(Second, None)");
  EXPECT_EQ(RustDebugDataType(*arrow::time32(arrow::TimeUnit::MILLI)), "Time32(Millisecond)");
  EXPECT_EQ(RustDebugDataType(*arrow::time64(arrow::TimeUnit::MICRO)), "Time64(Microsecond)");
  EXPECT_EQ(RustDebugDataType(*arrow::duration(arrow::TimeUnit::NANO)), "Duration(Nanosecond)");
}

TEST(RustDebugDataType, Nested) {
  EXPECT_EQ(RustDebugDataType(*arrow::large_list(arrow::field("item", arrow::int64(), false))),
            "LargeList(Field { data_type: Int64 })");
  EXPECT_EQ(RustDebugDataType(*arrow::fixed_size_list(arrow::field("xyz", arrow::float32()), 3)),
            "FixedSizeList(Field { name: \"xyz\", data_type: Float32, nullable: true }, 3)");
  auto metadata = arrow::key_value_metadata({"b", "a"}, {"1", "2"});
  EXPECT_EQ(RustDebugDataType(*arrow::struct_({arrow::field("x", arrow::float64(), false, metadata),
                                               arrow::field("s", arrow::utf8())})),
            "Struct([Field { name: \"x\", data_type: Float64, metadata: {\"a\": \"2\", \"b\": "
            "\"1\"} }, Field { name: \"s\", data_type: Utf8, nullable: true }])");
  EXPECT_EQ(RustDebugDataType(*arrow::map(arrow::utf8(), arrow::int32(), true)),
            "Map(Field { name: \"entries\", data_type: Struct([Field { name: \"key\", data_type: "
            "Utf8 }, Field { name: \"value\", data_type: Int32, nullable: true }]) }, true)");
  EXPECT_EQ(RustDebugDataType(*arrow::dictionary(arrow::int8(), arrow::utf8())),
            "Dictionary(Int8, Utf8)");
  EXPECT_EQ(RustDebugDataType(*arrow::sparse_union(
                {arrow::field("i", arrow::int64()), arrow::field("s", arrow::utf8())}, {3, 5})),
            "Union([(3, Field { name: \"i\", data_type: Int64, nullable: true }), (5, Field { "
            "name: \"s\", data_type: Utf8, nullable: true })], Sparse)");
  EXPECT_EQ(RustDebugDataType(*arrow::dense_union({arrow::field("i", arrow::int64())})),
            "Union([(0, Field { name: \"i\", data_type: Int64, nullable: true })], Dense)");
  EXPECT_EQ(RustDebugDataType(*arrow::run_end_encoded(arrow::int32(), arrow::utf8())),
            "RunEndEncoded(Field { name: \"run_ends\", data_type: Int32 }, Field { name: "
            "\"values\", data_type: Utf8, nullable: true })");
}

}  // namespace
}  // namespace rrflow::internal
