// Value conversions of the Parquet reader: decoder null slots, timelines,
// rule casts and static-column checks.
#include <gtest/gtest.h>

#include "io/parquet/null_slots_internal.h"
#include "io/parquet/parquet_test_util.h"
#include "io/parquet/rule_values_internal.h"
#include "io/parquet/static_columns_internal.h"
#include "io/parquet/timeline_values_internal.h"
#include "test_util.h"

namespace rrflow::internal {
namespace {

using testing::Json;

std::vector<int64_t> Times(const std::shared_ptr<arrow::Array>& array) {
  const auto* values = array->data()->GetValues<int64_t>(1);
  return {values, values + array->length()};
}

TEST(ParquetNullSlots, NullsKeepTheRunsDenseValues) {
  // Decoded densely as [1, 3, 6, 7], then spread back to front.
  auto column = Json(arrow::int64(), "[1, null, 3, null, null, 6, 7, null]");
  ASSERT_OK_AND_ASSIGN(auto buffer, ValuesWithDecoderNullSlots(*column, {0}));
  const auto* values = reinterpret_cast<const int64_t*>(buffer->data());
  EXPECT_EQ(std::vector<int64_t>(values, values + 8), (std::vector<int64_t>{1, 3, 3, 7, 0, 6, 7, 0}));
}

TEST(ParquetNullSlots, EachRowGroupIsARun) {
  auto column = Json(arrow::int32(), "[5, null, null, 8, null]");
  ASSERT_OK_AND_ASSIGN(auto buffer, ValuesWithDecoderNullSlots(*column, {0, 2}));
  const auto* values = reinterpret_cast<const int32_t*>(buffer->data());
  EXPECT_EQ(std::vector<int32_t>(values, values + 5), (std::vector<int32_t>{5, 0, 8, 8, 0}));
}

TEST(ParquetNullSlots, WithoutNullsTheBufferIsShared) {
  auto column = Json(arrow::int64(), "[1, 2, 3]")->Slice(1);
  ASSERT_OK_AND_ASSIGN(auto buffer, ValuesWithDecoderNullSlots(*column, {0}));
  EXPECT_EQ(buffer->data(), column->data()->buffers[1]->data() + 8);
}

TEST(ParquetTimelines, IntegersFloatsAndUnits) {
  TimelineSource seconds{0, "t", TimeType::kDurationNs, 1'000'000'000};
  ASSERT_OK_AND_ASSIGN(auto floats, TimelineValues(*Json(arrow::float64(), "[0.5, 1.5, -1.5]"), seconds, {0}));
  EXPECT_EQ(Times(floats), (std::vector<int64_t>{0, 1'000'000'000, -1'000'000'000}));
  EXPECT_TRUE(floats->type()->Equals(arrow::duration(arrow::TimeUnit::NANO)));

  TimelineSource sequence{0, "u", TimeType::kSequence, 1};
  ASSERT_OK_AND_ASSIGN(auto unsigned_values,
                       TimelineValues(*Json(arrow::uint64(), "[18446744073709551615, 5]"), sequence, {0}));
  EXPECT_EQ(Times(unsigned_values), (std::vector<int64_t>{-1, 5}));

  ASSERT_OK_AND_ASSIGN(auto saturated,
                       TimelineValues(*Json(arrow::float64(), "[1e300, -1e300]"), sequence, {0}));
  EXPECT_EQ(Times(saturated), (std::vector<int64_t>{INT64_MAX, INT64_MIN}));

  // A timestamp's own unit is ignored: only the configured one counts.
  TimelineSource millis{0, "ts", TimeType::kTimestampNs, 1'000'000};
  auto stamps = Json(arrow::timestamp(arrow::TimeUnit::MILLI, "UTC"), "[1000, 2000]");
  ASSERT_OK_AND_ASSIGN(auto scaled, TimelineValues(*stamps, millis, {0}));
  EXPECT_EQ(Times(scaled), (std::vector<int64_t>{1'000'000'000, 2'000'000'000}));
  EXPECT_TRUE(scaled->type()->Equals(arrow::timestamp(arrow::TimeUnit::NANO)));

  // Scaling wraps around like the reference's release build.
  ASSERT_OK_AND_ASSIGN(auto wrapped,
                       TimelineValues(*Json(arrow::int64(), "[4611686018427387904]"), millis, {0}));
  EXPECT_EQ(Times(wrapped), (std::vector<int64_t>{0}));
}

TEST(ParquetTimelines, RowIndexContinues) {
  ASSERT_OK_AND_ASSIGN(auto rows, RowIndexValues(1024, 3));
  EXPECT_EQ(Times(rows), (std::vector<int64_t>{1024, 1025, 1026}));
}

TEST(ParquetRuleValues, CastsLikeTheReference) {
  const DecodeRuns runs{0};
  const auto cast = [&](const std::shared_ptr<arrow::Array>& column) {
    auto values = RuleValues<double>(*column, runs);
    EXPECT_TRUE(values.ok());
    return values.ValueOr(std::nullopt);
  };
  using Doubles = std::vector<double>;
  EXPECT_EQ(cast(Json(arrow::int32(), "[1, null, 3]")), (Doubles{1, 0, 3}));
  EXPECT_EQ(cast(Json(arrow::float64(), "[1, null, 3]")), (Doubles{1, 3, 3}));  // same type: slots kept
  EXPECT_EQ(cast(Json(arrow::boolean(), "[true, null, false]")), (Doubles{1, 0, 0}));
  EXPECT_EQ(cast(Json(arrow::utf8(), R"(["1e3", " 2", "+3", ".5", "0x10", null])")),
            (Doubles{1000, 0, 3, 0.5, 0, 0}));
  EXPECT_EQ(cast(Json(arrow::decimal128(5, 1), R"(["1.5", null, "-2.0"])")), (Doubles{1.5, -2, -2}));
  EXPECT_EQ(cast(Json(arrow::timestamp(arrow::TimeUnit::MILLI), "[7, null]")), (Doubles{7, 0}));
  ASSERT_OK_AND_ASSIGN(auto dictionary, arrow::DictionaryArray::FromArrays(
                                       arrow::dictionary(arrow::int32(), arrow::float64()),
                                       Json(arrow::int32(), "[1, null, 0]"),
                                       Json(arrow::float64(), "[4, 9]")));
  EXPECT_EQ(cast(dictionary), (Doubles{9, 4, 4}));  // the null holds the second key
  EXPECT_FALSE(cast(Json(arrow::date32(), "[1]")).has_value());
  EXPECT_FALSE(cast(Json(arrow::binary(), R"(["a"])")).has_value());

  auto floats = RuleValues<float>(*Json(arrow::float64(), "[1.5, null]"), runs);
  ASSERT_TRUE(floats.ok());
  EXPECT_EQ(**floats, (std::vector<float>{1.5f, 0.0f}));
}

std::shared_ptr<arrow::RecordBatch> Batch(const std::shared_ptr<arrow::Array>& column) {
  return arrow::RecordBatch::Make(arrow::schema({arrow::field("s", column->type())}),
                                  column->length(), {column});
}

TEST(ParquetStaticColumns, UniformityAndChanges) {
  const auto check = [](const std::vector<std::shared_ptr<arrow::Array>>& windows) {
    StaticColumns statics({StaticSource{0, "s"}});
    for (const auto& window : windows) ARROW_RETURN_NOT_OK(statics.Check(*Batch(window)));
    return arrow::Status::OK();
  };
  EXPECT_TRUE(check({Json(arrow::utf8(), R"(["a", "a"])"), Json(arrow::utf8(), R"(["a"])")}).ok());
  EXPECT_EQ(check({Json(arrow::utf8(), R"(["a", "b"])")}).message(),
            "Static column 's' contains non-uniform values");
  EXPECT_EQ(check({Json(arrow::utf8(), R"(["a", null])")}).message(),
            "Static column 's' contains non-uniform values");
  EXPECT_TRUE(check({Json(arrow::utf8(), "[null]")}).ok());
  EXPECT_TRUE(check({Json(arrow::float64(), "[NaN, NaN]")}).ok());
  EXPECT_FALSE(check({Json(arrow::float64(), "[0.0, -0.0]")}).ok());
  EXPECT_FALSE(check({Json(arrow::null(), "[null, null]")}).ok());
  EXPECT_TRUE(check({Json(arrow::list(arrow::int64()), "[[1], [2]]")}).ok());  // no equality
  EXPECT_EQ(check({Json(arrow::float64(), "[1, 1]"), Json(arrow::float64(), "[2]")}).message(),
            "Static column 's' changed between batches: '1' \u2192 '2'");
  // Other types compare the whole later window's text, as the reference does.
  EXPECT_EQ(check({Json(arrow::boolean(), "[true]"), Json(arrow::boolean(), "[true, true]")}).message(),
            "Static column 's' changed between batches: 'BooleanArray\n[\n  true,\n]' \u2192 "
            "'BooleanArray\n[\n  true,\n  true,\n]'");
  EXPECT_TRUE(check({Json(arrow::boolean(), "[true, true]"), Json(arrow::boolean(), "[true]")}).ok());
}

TEST(ParquetStaticColumns, ChunkHoldsTheFirstValue) {
  StaticColumns statics({StaticSource{0, "s"}});
  ASSERT_OK_AND_ASSIGN(auto none, statics.MakeChunk(EntityPath::Root()));
  EXPECT_EQ(none, nullptr);
  ASSERT_OK(statics.Check(*Batch(Json(arrow::utf8(), R"(["x", "x"])"))));
  ASSERT_OK_AND_ASSIGN(auto chunk, statics.MakeChunk(EntityPath::Parse("/world")));
  ASSERT_NE(chunk, nullptr);
  EXPECT_TRUE(chunk->is_static());
  EXPECT_EQ(chunk->entity_path().ToString(), "/world");
  ASSERT_EQ(chunk->num_rows(), 1);
  const auto* component = chunk->FindComponent("s");
  ASSERT_NE(component, nullptr);
  EXPECT_EQ(component->list->ToString(), Json(arrow::list(arrow::utf8()), R"([["x"]])")->ToString());
}

}  // namespace
}  // namespace rrflow::internal
