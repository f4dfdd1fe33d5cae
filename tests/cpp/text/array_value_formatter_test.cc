// Values of arrays, as printed by the reference (arrow-rs 57 `ArrayFormatter`).
#include "text/array_value_formatter_internal.h"

#include <cmath>
#include <limits>

#include <arrow/api.h>
#include <arrow/util/float16.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow::internal {
namespace {

using testing::Build;
using Strings = std::vector<std::string>;

/// Every value of `array`, formatted.
std::vector<std::string> FormatAll(const std::shared_ptr<arrow::Array>& array) {
  auto formatter = ArrayValueFormatter::Make(array);
  EXPECT_TRUE(formatter.ok()) << formatter.status().ToString();
  std::vector<std::string> out;
  for (int64_t i = 0; i < array->length(); ++i) out.push_back(formatter->Format(i));
  return out;
}

TEST(FormatValue, Float64LikeRyu) {
  EXPECT_EQ(FormatAll(Build<arrow::DoubleBuilder, double>(
                arrow::float64(), {1.0, 0.1, 1e20, 1e-7, 123456789.0, 1e16, 1e15, 1e-5, 1e-6,
                                   1234567890123456.8, 5e-324, -0.0, std::nullopt})),
            (Strings{"1.0", "0.1", "1e20", "1e-7", "123456789.0", "1e16", "1000000000000000.0",
                     "0.00001", "1e-6", "1234567890123456.8", "5e-324", "-0.0", "null"}));
  EXPECT_EQ(FormatAll(Build<arrow::DoubleBuilder, double>(
                arrow::float64(), {std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   3.4028234663852886e38})),
            (Strings{"NaN", "inf", "-inf", "3.4028234663852886e38"}));
}

TEST(FormatValue, Float32HasItsOwnThresholds) {
  EXPECT_EQ(FormatAll(Build<arrow::FloatBuilder, float>(
                arrow::float32(), {1e-6f, 1e-7f, 1.5e12f, 1e13f, 9.99e15f, 0.3f, 16777216.0f})),
            (Strings{"0.000001", "1e-7", "1500000000000.0", "1e13", "9.99e15", "0.3",
                     "16777216.0"}));
}

TEST(FormatValue, Float16LikeRustDisplay) {
  const auto half = [](float value) { return arrow::util::Float16(value).bits(); };
  EXPECT_EQ(FormatAll(Build<arrow::HalfFloatBuilder, uint16_t>(
                arrow::float16(), {half(1.0f), half(0.1f), half(65504.0f), half(1e-7f),
                                   half(-0.0f), half(1.0f / 3)})),
            (Strings{"1", "0.099975586", "65504", "0.00000011920929", "-0", "0.33325195"}));
}

TEST(FormatValue, IntegersBooleansStringsBinary) {
  EXPECT_EQ(FormatAll(Build<arrow::Int8Builder, int8_t>(arrow::int8(), {-128, 127, std::nullopt})),
            (Strings{"-128", "127", "null"}));
  EXPECT_EQ(FormatAll(Build<arrow::BooleanBuilder, bool>(arrow::boolean(), {true, false})),
            (Strings{"true", "false"}));
  EXPECT_EQ(FormatAll(Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"a b", "x\ny"})),
            (Strings{"a b", "x\ny"}));
  EXPECT_EQ(FormatAll(Build<arrow::BinaryBuilder, std::string>(arrow::binary(),
                                                               {std::string("ab\0\xff", 4), ""})),
            (Strings{"616200ff", ""}));
}

TEST(FormatValue, Decimals) {
  arrow::Decimal128Builder builder(arrow::decimal128(5, 2));
  for (int64_t raw : {123, -5, 10000, 0}) ASSERT_OK(builder.Append(arrow::Decimal128(raw)));
  ASSERT_OK_AND_ASSIGN(auto decimals, builder.Finish());
  EXPECT_EQ(FormatAll(decimals), (Strings{"1.23", "-0.05", "100.00", "0.00"}));
  arrow::Decimal128Builder negative_scale(arrow::decimal128(5, -2));
  ASSERT_OK(negative_scale.Append(arrow::Decimal128(123)));
  ASSERT_OK_AND_ASSIGN(auto scaled, negative_scale.Finish());
  EXPECT_EQ(FormatAll(scaled), (Strings{"12300"}));
}

TEST(FormatValue, TimestampsShowFractionsOnlyWhenNeeded) {
  const auto timestamps = [](arrow::TimeUnit::type unit, std::string zone = "") {
    return Build<arrow::TimestampBuilder, int64_t>(arrow::timestamp(unit, zone),
                                                   {0, 1, 1500, -1});
  };
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::SECOND)),
            (Strings{"1970-01-01T00:00:00", "1970-01-01T00:00:01", "1970-01-01T00:25:00",
                     "1969-12-31T23:59:59"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::MILLI)),
            (Strings{"1970-01-01T00:00:00", "1970-01-01T00:00:00.001", "1970-01-01T00:00:01.500",
                     "1969-12-31T23:59:59.999"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::MICRO, "UTC")),
            (Strings{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z",
                     "1970-01-01T00:00:00.001500Z", "1969-12-31T23:59:59.999999Z"}));
  EXPECT_EQ(FormatAll(timestamps(arrow::TimeUnit::NANO, "-0330")),
            (Strings{"1969-12-31T20:30:00-03:30", "1969-12-31T20:30:00.000000001-03:30",
                     "1969-12-31T20:30:00.000001500-03:30",
                     "1969-12-31T20:29:59.999999999-03:30"}));
  EXPECT_EQ(FormatAll(Build<arrow::TimestampBuilder, int64_t>(
                arrow::timestamp(arrow::TimeUnit::MILLI, "Europe/Paris"), {0})),
            (Strings{"1970-01-01T01:00:00+01:00"}));
}

TEST(FormatValue, OutOfRangeTimesAreReportedInPlace) {
  EXPECT_EQ(FormatAll(Build<arrow::TimestampBuilder, int64_t>(
                arrow::timestamp(arrow::TimeUnit::SECOND), {INT64_MAX})),
            (Strings{"ERROR: Cast error: Failed to convert 9223372036854775807 to datetime for "
                     "Timestamp(s)"}));
  EXPECT_EQ(FormatAll(Build<arrow::Date32Builder, int32_t>(arrow::date32(),
                                                           {95026236, 95026237, -719529})),
            (Strings{"+262142-12-31",
                     "ERROR: Cast error: Failed to convert 95026237 to temporal for Date32",
                     "-0001-12-31"}));
  EXPECT_EQ(FormatAll(Build<arrow::Time32Builder, int32_t>(arrow::time32(arrow::TimeUnit::SECOND),
                                                           {3661, -1})),
            (Strings{"01:01:01",
                     "ERROR: Cast error: Failed to convert -1 to temporal for Time32(s)"}));
}

TEST(FormatValue, UnknownTimeZoneFailsTheWholeArray) {
  auto array = Build<arrow::TimestampBuilder, int64_t>(
      arrow::timestamp(arrow::TimeUnit::MILLI, "Mars/Olympus"), {0});
  auto formatter = ArrayValueFormatter::Make(array);
  ASSERT_FALSE(formatter.ok());
  EXPECT_EQ(formatter.status().message(),
            "Parser error: Invalid timezone \"Mars/Olympus\": failed to parse timezone");
}

TEST(FormatValue, DurationsInIso8601) {
  EXPECT_EQ(FormatAll(Build<arrow::DurationBuilder, int64_t>(
                arrow::duration(arrow::TimeUnit::NANO), {0, 1, 1500, -1, 3600000000005, INT64_MIN})),
            (Strings{"P0D", "PT0.000000001S", "PT0.0000015S", "-PT0.000000001S",
                     "PT3600.000000005S", "-PT9223372036.854775808S"}));
  EXPECT_EQ(FormatAll(Build<arrow::DurationBuilder, int64_t>(
                arrow::duration(arrow::TimeUnit::SECOND), {1500, INT64_MAX})),
            (Strings{"PT1500S", "<invalid>"}));
}

TEST(FormatValue, Intervals) {
  arrow::MonthDayNanoIntervalBuilder builder;
  ASSERT_OK(builder.Append({1, 2, 3}));
  ASSERT_OK(builder.Append({0, 0, 0}));
  ASSERT_OK(builder.Append({0, 0, 3661000000005}));
  ASSERT_OK(builder.Append({0, 0, -3600000000001}));
  ASSERT_OK_AND_ASSIGN(auto intervals, builder.Finish());
  EXPECT_EQ(FormatAll(intervals),
            (Strings{"1 mons 2 days 0.000000003 secs", "", "1 hours 1 mins 1.000000005 secs",
                     "-1 hours -0.000000001 secs"}));
}

TEST(FormatValue, NestedValues) {
  // Points3D positions: List<FixedSizeList<3 x non-null Float32>>.
  const auto positions = testing::Json(
      arrow::list(arrow::fixed_size_list(arrow::field("item", arrow::float32(), false), 3)),
      "[[[1, 2, 3]]]");
  EXPECT_EQ(FormatAll(positions), (Strings{"[[1.0, 2.0, 3.0]]"}));
  auto xy = arrow::struct_({arrow::field("x", arrow::float64()), arrow::field("y", arrow::float64())});
  arrow::StructBuilder structs(xy, arrow::default_memory_pool(),
                               {std::make_shared<arrow::DoubleBuilder>(),
                                std::make_shared<arrow::DoubleBuilder>()});
  auto* x = static_cast<arrow::DoubleBuilder*>(structs.field_builder(0));
  auto* y = static_cast<arrow::DoubleBuilder*>(structs.field_builder(1));
  ASSERT_OK(structs.Append());
  ASSERT_OK(x->Append(1.0));
  ASSERT_OK(y->AppendNull());
  ASSERT_OK(structs.AppendNull());
  ASSERT_OK(x->AppendNull());
  ASSERT_OK(y->AppendNull());
  ASSERT_OK_AND_ASSIGN(auto struct_array, structs.Finish());
  EXPECT_EQ(FormatAll(struct_array), (Strings{"{x: 1.0, y: null}", "null"}));

  arrow::MapBuilder maps(arrow::default_memory_pool(), std::make_shared<arrow::StringBuilder>(),
                         std::make_shared<arrow::Int32Builder>());
  ASSERT_OK(maps.Append());
  ASSERT_OK(static_cast<arrow::StringBuilder*>(maps.key_builder())->Append("a"));
  ASSERT_OK(static_cast<arrow::Int32Builder*>(maps.item_builder())->AppendNull());
  ASSERT_OK(maps.Append());
  ASSERT_OK_AND_ASSIGN(auto map_array, maps.Finish());
  EXPECT_EQ(FormatAll(map_array), (Strings{"{a: null}", "{}"}));

  auto dictionary = arrow::DictionaryArray::FromArrays(
                        Build<arrow::Int8Builder, int8_t>(arrow::int8(), {0, std::nullopt, 1}),
                        Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"x", std::nullopt}))
                        .ValueOrDie();
  EXPECT_EQ(FormatAll(dictionary), (Strings{"x", "null", "null"}));
}

TEST(FormatValue, UnionsNameTheirVariant) {
  auto type_ids = Build<arrow::Int8Builder, int8_t>(arrow::int8(), {0, 1});
  auto ints = Build<arrow::Int64Builder, int64_t>(arrow::int64(), {1, std::nullopt});
  auto strings = Build<arrow::StringBuilder, std::string>(arrow::utf8(), {"a", "b"});
  ASSERT_OK_AND_ASSIGN(auto sparse,
                       arrow::SparseUnionArray::Make(*type_ids, {ints, strings},
                                                     std::vector<std::string>{"i", "s"}));
  EXPECT_EQ(FormatAll(sparse), (Strings{"{i=1}", "{s=b}"}));
}

TEST(FormatValue, ListViewsAreNotSupported) {
  auto formatter = ArrayValueFormatter::Make(
      arrow::MakeEmptyArray(arrow::list_view(arrow::int8())).ValueOrDie());
  ASSERT_FALSE(formatter.ok());
  EXPECT_EQ(formatter.status().message(),
            "Not yet implemented: formatting ListView(Int8) is not yet supported");
}

}  // namespace
}  // namespace rrflow::internal
