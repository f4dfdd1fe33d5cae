#include "chunk/take_rows_internal.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/api_vector.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow::internal {
namespace {

// The reference result: Arrow's own Take kernel.
std::shared_ptr<arrow::Array> ArrowTake(const std::shared_ptr<arrow::Array>& array,
                                        const std::vector<int64_t>& order) {
  arrow::Int64Builder builder;
  EXPECT_TRUE(builder.AppendValues(order).ok());
  return arrow::compute::Take(*array, *builder.Finish().ValueOrDie()).ValueOrDie();
}

void ExpectSameAsArrow(const std::shared_ptr<arrow::Array>& array, const std::vector<int64_t>& order) {
  ASSERT_OK_AND_ASSIGN(auto taken, TakeRows(array, order));
  ASSERT_OK(taken->ValidateFull());
  const auto expected = ArrowTake(array, order);
  EXPECT_TRUE(taken->Equals(*expected)) << taken->ToString() << "\nvs\n" << expected->ToString();
}

std::shared_ptr<arrow::Array> ListOfPoints() {
  auto point_builder = std::make_shared<arrow::FixedSizeListBuilder>(
      arrow::default_memory_pool(), std::make_shared<arrow::FloatBuilder>(), 3);
  arrow::ListBuilder builder(arrow::default_memory_pool(), point_builder);
  auto* floats = static_cast<arrow::FloatBuilder*>(point_builder->value_builder());
  for (int row = 0; row < 5; ++row) {
    if (row == 3) {
      EXPECT_TRUE(builder.AppendNull().ok());
      continue;
    }
    EXPECT_TRUE(builder.Append().ok());
    for (int point = 0; point < row; ++point) {
      EXPECT_TRUE(point_builder->Append().ok());
      EXPECT_TRUE(floats->AppendValues({float(row), float(point), 0.5f}).ok());
    }
  }
  return builder.Finish().ValueOrDie();
}

TEST(TakeRows, ListOfFixedSizeListsIsGatheredDirectly) {
  ExpectSameAsArrow(ListOfPoints(), {4, 0, 3, 2, 1});
  ExpectSameAsArrow(ListOfPoints()->Slice(1, 3), {2, 0, 1});
}

TEST(TakeRows, ListOfPrimitives) {
  ExpectSameAsArrow(testing::ListOfDoubles({{1, 2}, {}, {3}, {4, 5, 6}}), {3, 1, 0, 2});
}

TEST(TakeRows, ValuesWithNullsFallBackToArrow) {
  arrow::ListBuilder builder(arrow::default_memory_pool(), std::make_shared<arrow::DoubleBuilder>());
  auto* values = static_cast<arrow::DoubleBuilder*>(builder.value_builder());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->AppendNull());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->Append(2));
  ExpectSameAsArrow(builder.Finish().ValueOrDie(), {1, 0});
}

TEST(TakeRows, NonListColumns) {
  ExpectSameAsArrow(testing::Int64s({5, 6, 7}), {2, 0, 1});
  arrow::StringBuilder strings;
  ASSERT_OK(strings.AppendValues({"a", "bb", "ccc"}));
  ExpectSameAsArrow(strings.Finish().ValueOrDie(), {1, 2, 0});
}

TEST(TakeRows, ListOfStrings) {
  arrow::ListBuilder builder(arrow::default_memory_pool(), std::make_shared<arrow::StringBuilder>());
  auto* values = static_cast<arrow::StringBuilder*>(builder.value_builder());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->AppendValues({"x", "yy"}));
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->Append("z"));
  ExpectSameAsArrow(builder.Finish().ValueOrDie(), {1, 0});
}

}  // namespace
}  // namespace rrflow::internal
