#include "rrflow/chunk/chunk.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;
using testing::ListOfDoubles;

ChunkPtr MakeTemporalChunk() {
  auto chunk = Chunk::FromColumns(
      EntityPath::Parse("/robot/arm"),
      {{"frame", Int64s({2, 0, 1})}, {"alpha", Int64s({5, 5, 4})}},
      {{ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars"),
        ListOfDoubles({{2.0}, {0.0}, {1.0}})},
       {ComponentDescriptor("Custom:plain"), Doubles({20, 0, 10})}});
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return *chunk;
}

TEST(Chunk, FromColumnsBasics) {
  const auto chunk = MakeTemporalChunk();
  EXPECT_EQ(chunk->entity_path().ToString(), "/robot/arm");
  EXPECT_EQ(chunk->num_rows(), 3);
  EXPECT_EQ(chunk->num_columns(), 1 + 2 + 2);
  EXPECT_FALSE(chunk->is_static());
  EXPECT_FALSE(chunk->is_empty());
  EXPECT_TRUE(chunk->is_sorted());
  EXPECT_EQ(chunk->timeline_names(), (std::vector<std::string>{"alpha", "frame"}));
}

TEST(Chunk, FromColumnsSortsRowsByTimelinesInNameOrder) {
  const auto chunk = MakeTemporalChunk();
  // "alpha" comes first by name: (4,1) < (5,0) < (5,2).
  const auto* alpha = chunk->FindTimeline("alpha");
  const auto* frame = chunk->FindTimeline("frame");
  ASSERT_NE(alpha, nullptr);
  ASSERT_NE(frame, nullptr);
  EXPECT_EQ(std::vector<int64_t>(alpha->values(), alpha->values() + 3),
            (std::vector<int64_t>{4, 5, 5}));
  EXPECT_EQ(std::vector<int64_t>(frame->values(), frame->values() + 3),
            (std::vector<int64_t>{1, 0, 2}));
  EXPECT_TRUE(alpha->is_sorted());
  EXPECT_FALSE(frame->is_sorted());
  const auto* plain = chunk->FindComponent("Custom:plain");
  ASSERT_NE(plain, nullptr);
  auto values = std::static_pointer_cast<arrow::DoubleArray>(plain->list->Flatten().ValueOrDie());
  EXPECT_EQ(values->Value(0), 10);
  EXPECT_EQ(values->Value(1), 0);
  EXPECT_EQ(values->Value(2), 20);
}

TEST(Chunk, RowIdsFollowTheChunkId) {
  const auto chunk = MakeTemporalChunk();
  for (int64_t row = 0; row < chunk->num_rows(); ++row) {
    EXPECT_EQ(chunk->row_id(row).tuid, chunk->id().tuid.IncrementedBy(row + 1));
  }
}

TEST(Chunk, ComponentsAreInRecordBatchOrder) {
  const auto chunk = MakeTemporalChunk();
  ASSERT_EQ(chunk->components().size(), 2u);
  EXPECT_EQ(chunk->components()[0].descriptor.component, "Custom:plain");  // no archetype first
  EXPECT_EQ(chunk->components()[1].descriptor.component, "Scalars:scalars");
}

TEST(Chunk, PlainArraysBecomeSingleElementListsKeepingNullValues) {
  arrow::DoubleBuilder builder;
  ASSERT_TRUE(builder.Append(1.0).ok());
  ASSERT_TRUE(builder.AppendNull().ok());
  auto values = builder.Finish().ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto chunk, Chunk::FromColumns(EntityPath::Parse("/t"), {},
                                                      {{ComponentDescriptor("c"), values}}));
  const auto& list = chunk->components()[0].list;
  EXPECT_EQ(list->null_count(), 0);
  EXPECT_EQ(list->value_length(1), 1);
  EXPECT_TRUE(list->values()->IsNull(1));
  EXPECT_TRUE(chunk->is_static());
}

TEST(Chunk, RepeatedIdentifierLastOneWins) {
  ASSERT_OK_AND_ASSIGN(
      auto chunk, Chunk::FromColumns(EntityPath::Parse("/t"), {},
                                     {{ComponentDescriptor("c", "A"), Doubles({1})},
                                      {ComponentDescriptor("c", "B"), Doubles({2})}}));
  ASSERT_EQ(chunk->components().size(), 1u);
  EXPECT_EQ(chunk->components()[0].descriptor.archetype, "B");
}

TEST(Chunk, FromColumnsLengthMismatchNamesTheColumn) {
  auto result = Chunk::FromColumns(EntityPath::Parse("/t"), {{"f", Int64s({1, 2})}},
                                   {{ComponentDescriptor("Points3D:positions"), Doubles({1})}});
  ASSERT_TRUE(result.status().IsInvalid());
  EXPECT_EQ(result.status().message(),
            "All columns must have the same length. Expected 2 but component "
            "'Points3D:positions' has 1.");
}

TEST(Chunk, FromColumnsRejectsBadTimeColumns) {
  arrow::Int32Builder int32s;
  ASSERT_TRUE(int32s.AppendValues({1, 2}).ok());
  auto bad_type = Chunk::FromColumns(EntityPath::Parse("/t"), {{"tt", int32s.Finish().ValueOrDie()}},
                                     {{ComponentDescriptor("c"), Doubles({1, 2})}});
  EXPECT_TRUE(bad_type.status().IsExecutionError());
  EXPECT_EQ(bad_type.status().message(),
            "Error converting temporal data: Detected malformed Chunk: Invalid data_type for "
            "timeline: tt");

  arrow::Int64Builder with_null;
  ASSERT_TRUE(with_null.Append(1).ok());
  ASSERT_TRUE(with_null.AppendNull().ok());
  auto nulls = Chunk::FromColumns(EntityPath::Parse("/t"), {{"tt", with_null.Finish().ValueOrDie()}},
                                  {{ComponentDescriptor("c"), Doubles({1, 2})}});
  EXPECT_EQ(nulls.status().message(),
            "Error converting temporal data: Detected malformed Chunk: Invalid timeline tt: Time "
            "columns had nulls, but should be dense");
}

TEST(Chunk, FromColumnsWithoutComponents) {
  ASSERT_OK_AND_ASSIGN(auto empty, Chunk::FromColumns(EntityPath::Parse("/t"), {}, {}));
  EXPECT_TRUE(empty->is_empty());
  EXPECT_EQ(empty->num_columns(), 1);

  auto timed = Chunk::FromColumns(EntityPath::Parse("/t"), {{"f", Int64s({1, 2})}}, {});
  EXPECT_EQ(timed.status().message(),
            "Detected malformed Chunk: All timelines in a chunk must have the same number of "
            "timestamps, matching the number of row IDs. Found 0 row IDs but 2 timestamps for "
            "timeline 'f'");
}

TEST(Chunk, TimestampZoneIsDropped) {
  arrow::TimestampBuilder builder(arrow::timestamp(arrow::TimeUnit::NANO, "UTC"),
                                  arrow::default_memory_pool());
  ASSERT_TRUE(builder.AppendValues({1, 2}).ok());
  ASSERT_OK_AND_ASSIGN(auto chunk,
                       Chunk::FromColumns(EntityPath::Parse("/t"),
                                          {{"t", builder.Finish().ValueOrDie()}},
                                          {{ComponentDescriptor("c"), Doubles({1, 2})}}));
  EXPECT_TRUE(chunk->timelines()[0].times()->type()->Equals(arrow::timestamp(arrow::TimeUnit::NANO)));
}

TEST(Chunk, WithEntityPathKeepsRowsAndMintsANewId) {
  const auto chunk = MakeTemporalChunk();
  const auto moved = chunk->WithEntityPath(EntityPath::Parse("/left/arm"));
  EXPECT_EQ(moved->entity_path().ToString(), "/left/arm");
  EXPECT_NE(moved->id(), chunk->id());
  EXPECT_TRUE(moved->row_ids()->Equals(*chunk->row_ids()));
  EXPECT_EQ(moved->timeline_names(), chunk->timeline_names());
  EXPECT_EQ(chunk->entity_path().ToString(), "/robot/arm");
}

TEST(Chunk, MakeChecksColumnLengths) {
  ASSERT_OK_AND_ASSIGN(auto row_ids, [] {
    return Chunk::FromColumns(EntityPath::Parse("/t"), {},
                              {{ComponentDescriptor("c"), Doubles({1, 2})}});
  }());
  ASSERT_OK_AND_ASSIGN(auto time, TimeColumn::Make("f", Int64s({1, 2, 3})));
  auto result = Chunk::Make(ChunkId::New(), EntityPath::Root(), row_ids->row_ids(), {time}, {});
  EXPECT_TRUE(result.status().IsInvalid());
  EXPECT_NE(result.status().message().find("Found 2 row IDs but 3 timestamps"), std::string::npos);
}

TEST(Chunk, ReprNamesIdPathAndCounts) {
  const auto chunk = MakeTemporalChunk();
  EXPECT_EQ(chunk->ToString(), "Chunk(id=" + chunk->id().ToString() +
                                   ", entity_path=/robot/arm, num_rows=3, num_columns=5)");
}

}  // namespace
}  // namespace rrflow
