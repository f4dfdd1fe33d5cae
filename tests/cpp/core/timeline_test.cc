#include "rrflow/core/timeline.h"

#include <arrow/type.h>
#include <gtest/gtest.h>

namespace rrflow {
namespace {

TEST(Timeline, ArrowTypes) {
  EXPECT_TRUE(TimeTypeToArrow(TimeType::kSequence)->Equals(arrow::int64()));
  EXPECT_TRUE(TimeTypeToArrow(TimeType::kDurationNs)->Equals(arrow::duration(arrow::TimeUnit::NANO)));
  EXPECT_TRUE(
      TimeTypeToArrow(TimeType::kTimestampNs)->Equals(arrow::timestamp(arrow::TimeUnit::NANO)));
}

TEST(Timeline, AcceptedInputTypes) {
  EXPECT_EQ(*TimeTypeFromArrow(*arrow::int64()), TimeType::kSequence);
  EXPECT_EQ(*TimeTypeFromArrow(*arrow::duration(arrow::TimeUnit::NANO)), TimeType::kDurationNs);
  EXPECT_EQ(*TimeTypeFromArrow(*arrow::timestamp(arrow::TimeUnit::NANO, "Europe/Paris")),
            TimeType::kTimestampNs);
  for (const auto& type : {arrow::int32(), arrow::timestamp(arrow::TimeUnit::MICRO),
                           arrow::duration(arrow::TimeUnit::MILLI), arrow::time64(arrow::TimeUnit::NANO),
                           arrow::float64()}) {
    EXPECT_FALSE(TimeTypeFromArrow(*type).ok()) << type->ToString();
  }
}

TEST(Timeline, Names) {
  for (auto type : {TimeType::kSequence, TimeType::kDurationNs, TimeType::kTimestampNs}) {
    EXPECT_EQ(*TimeTypeFromName(TimeTypeName(type)), type);
  }
  const auto unknown = TimeTypeFromName("seconds");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "Unknown timeline type 'seconds', expected 'sequence', 'duration_ns', or 'timestamp_ns'");
}

TEST(Timeline, OrdersByNameThenType) {
  EXPECT_LT((Timeline{"a", TimeType::kTimestampNs}), (Timeline{"b", TimeType::kSequence}));
  EXPECT_LT((Timeline{"a", TimeType::kSequence}), (Timeline{"a", TimeType::kDurationNs}));
  EXPECT_LT((Timeline{"B", TimeType::kSequence}), (Timeline{"a", TimeType::kSequence}));
}

}  // namespace
}  // namespace rrflow
