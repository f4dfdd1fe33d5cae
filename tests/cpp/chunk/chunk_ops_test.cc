// Chunk operations: rows in a time range, dropping timelines.
#include "rrflow/chunk/chunk_ops.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Int64s;
using testing::ListOfDoubles;

// Rows sort by `alpha` (the first timeline by name), so `frame` is unsorted.
ChunkPtr UnsortedOnFrame() {
  auto chunk = Chunk::FromColumns(EntityPath::Parse("/robot"),
                                  {{"alpha", Int64s({0, 1, 2, 3, 4})}, {"frame", Int64s({5, 1, 7, 2, 6})}},
                                  {{ComponentDescriptor("Scalars:scalars"),
                                    ListOfDoubles({{0.0}, {1.0}, {2.0}, {3.0}, {4.0}})}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

std::vector<int64_t> Times(const ChunkPtr& chunk, const std::string& timeline) {
  const TimeColumn* column = chunk->FindTimeline(timeline);
  return std::vector<int64_t>(column->values(), column->values() + column->length());
}

TEST(RowsInTimeRange, KeepsTheRowsInsideInTheirOrder) {
  const auto chunk = UnsortedOnFrame();
  ASSERT_OK_AND_ASSIGN(auto inside, RowsInTimeRange(chunk, "frame", 5, 7));
  ASSERT_NE(inside, nullptr);
  EXPECT_NE(inside->id(), chunk->id());
  EXPECT_EQ(Times(inside, "frame"), (std::vector<int64_t>{5, 7, 6}));
  EXPECT_EQ(Times(inside, "alpha"), (std::vector<int64_t>{0, 2, 4}));
  EXPECT_EQ(inside->row_id(1), chunk->row_id(2));
  ASSERT_OK(inside->ToRecordBatch()->ValidateFull());
}

TEST(RowsInTimeRange, ContiguousAllAndNone) {
  const auto chunk = UnsortedOnFrame();
  ASSERT_OK_AND_ASSIGN(auto contiguous, RowsInTimeRange(chunk, "alpha", 1, 2));
  EXPECT_EQ(Times(contiguous, "frame"), (std::vector<int64_t>{1, 7}));
  ASSERT_OK_AND_ASSIGN(auto all, RowsInTimeRange(chunk, "frame", 0, 100));
  EXPECT_EQ(all, chunk);
  ASSERT_OK_AND_ASSIGN(auto none, RowsInTimeRange(chunk, "frame", 8, 100));
  EXPECT_EQ(none, nullptr);
  ASSERT_OK_AND_ASSIGN(auto elsewhere, RowsInTimeRange(chunk, "log_time", 0, 100));
  EXPECT_EQ(elsewhere, nullptr);
}

TEST(RowsInTimeRange, StaticChunksHaveNoTimesAndStay) {
  auto chunk = Chunk::FromColumns(EntityPath::Parse("/s"), {},
                                  {{ComponentDescriptor("Scalars:scalars"), ListOfDoubles({{1.0}})}});
  ASSERT_OK(chunk.status());
  ASSERT_OK_AND_ASSIGN(auto kept, RowsInTimeRange(*chunk, "frame", 0, 1));
  EXPECT_EQ(kept, *chunk);
}

TEST(WithoutTimelines, DropsTheNamedOnesAndTheLastMakesTheChunkStatic) {
  const auto chunk = UnsortedOnFrame();
  ASSERT_OK_AND_ASSIGN(auto untouched, WithoutTimelines(chunk, {"log_time"}));
  EXPECT_EQ(untouched, chunk);
  ASSERT_OK_AND_ASSIGN(auto one, WithoutTimelines(chunk, {"alpha"}));
  EXPECT_EQ(one->timeline_names(), (std::vector<std::string>{"frame"}));
  EXPECT_EQ(one->num_rows(), 5);
  ASSERT_OK_AND_ASSIGN(auto none, WithoutTimelines(chunk, {"alpha", "frame"}));
  EXPECT_TRUE(none->is_static());
  EXPECT_EQ(none->num_rows(), 5);
}

}  // namespace
}  // namespace rrflow
