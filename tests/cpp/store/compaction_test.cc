#include <gtest/gtest.h>

#include "rrflow/chunk/chunk_ops.h"
#include "rrflow/store/chunk_store.h"
#include "rrflow/store/optimization_profile.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr Scalars(const char* path, std::vector<int64_t> frames, const char* component = "S") {
  std::vector<double> values(frames.begin(), frames.end());
  return Chunk::FromColumns(EntityPath::Parse(path), {{"frame", Int64s(frames)}},
                            {{ComponentDescriptor(component), Doubles(values)}})
      .ValueOrDie();
}

std::vector<int64_t> RowCounts(const ChunkStore& store) {
  std::vector<int64_t> rows;
  for (const auto& chunk : store.chunks()) rows.push_back(chunk->num_rows());
  std::sort(rows.begin(), rows.end());
  return rows;
}

arrow::Result<ChunkStorePtr> Build(const std::vector<ChunkPtr>& chunks, ChunkStoreConfig config) {
  ChunkStoreBuilder builder(config);
  for (const auto& chunk : chunks) ARROW_RETURN_NOT_OK(builder.Insert(chunk));
  return builder.Finish();
}

TEST(Compaction, SingleRowsAccumulateUpToTheRowLimit) {
  std::vector<ChunkPtr> chunks;
  for (int64_t i = 0; i < 4200; ++i) chunks.push_back(Scalars("/s", {i}));
  ASSERT_OK_AND_ASSIGN(auto store, Build(chunks, ChunkStoreConfig::Default()));
  EXPECT_EQ(RowCounts(*store), (std::vector<int64_t>{104, 4096}));
}

TEST(Compaction, OversizedChunksAreSplit) {
  std::vector<int64_t> frames(10000);
  std::iota(frames.begin(), frames.end(), 0);
  ASSERT_OK_AND_ASSIGN(auto store, Build({Scalars("/b", frames)}, ChunkStoreConfig::Default()));
  EXPECT_EQ(RowCounts(*store), (std::vector<int64_t>{1808, 4096, 4096}));
  int64_t total = 0;
  for (const auto& chunk : store->chunks()) total += chunk->num_rows();
  EXPECT_EQ(total, 10000);
}

TEST(Compaction, DisabledConfigKeepsChunks) {
  std::vector<ChunkPtr> chunks;
  for (int64_t i = 0; i < 10; ++i) chunks.push_back(Scalars("/s", {i}));
  ASSERT_OK_AND_ASSIGN(auto store, Build(chunks, ChunkStoreConfig::AllDisabled()));
  EXPECT_EQ(store->num_chunks(), 10);
}

TEST(Compaction, OnlyChunksSharingAComponentMerge) {
  std::vector<ChunkPtr> chunks;
  for (int64_t i = 0; i < 10; ++i) chunks.push_back(Scalars("/m", {i}, i % 2 ? "A" : "B"));
  ASSERT_OK_AND_ASSIGN(auto store, Build(chunks, ChunkStoreConfig::Default()));
  EXPECT_EQ(RowCounts(*store), (std::vector<int64_t>{5, 5}));
}

TEST(Compaction, ReinsertingAnAbsorbedChunkIsANoOp) {
  auto a = Scalars("/s", {1});
  auto b = Scalars("/s", {2});
  ChunkStoreBuilder builder(ChunkStoreConfig::Default());
  ASSERT_OK(builder.Insert(a));
  ASSERT_OK(builder.Insert(b));
  ASSERT_OK(builder.Insert(a));
  auto store = builder.Finish();
  EXPECT_EQ(RowCounts(*store), (std::vector<int64_t>{2}));
}

TEST(ChunkOps, ConcatPadsMissingComponentsAndOrdersByRowId) {
  auto first = Scalars("/c", {5}, "A");
  auto second = Scalars("/c", {1}, "B");
  ASSERT_TRUE(AreConcatenable(*first, *second));
  ASSERT_OK_AND_ASSIGN(auto merged, ConcatAndSort(second, first));
  EXPECT_EQ(merged->num_rows(), 2);
  EXPECT_EQ(merged->row_id(0), first->row_id(0));  // the older row first
  EXPECT_TRUE(merged->is_sorted());
  EXPECT_FALSE(merged->FindTimeline("frame")->is_sorted());
  EXPECT_TRUE(merged->FindComponent("A")->list->IsNull(1));
  EXPECT_TRUE(merged->FindComponent("B")->list->IsNull(0));
  EXPECT_NE(merged->id(), first->id());
}

TEST(ChunkOps, DifferentTimelinesOrTypesDoNotConcatenate) {
  auto a = Scalars("/c", {1});
  auto other_entity = Scalars("/d", {1});
  EXPECT_FALSE(AreConcatenable(*a, *other_entity));
  auto other_type = Chunk::FromColumns(EntityPath::Parse("/c"), {{"frame", Int64s({2})}},
                                       {{ComponentDescriptor("S"), Int64s({2})}})
                        .ValueOrDie();
  EXPECT_FALSE(AreConcatenable(*a, *other_type));
}

TEST(Optimization, ExtraPassesNeverGrowTheStore) {
  std::vector<ChunkPtr> chunks;
  for (int64_t i = 0; i < 3000; ++i) chunks.push_back(Scalars("/u", {(i * 7919) % 3000}));
  const auto profile = OptimizationProfile::Live();
  ASSERT_OK_AND_ASSIGN(auto inserted, Build(chunks, profile.config()));
  ASSERT_OK_AND_ASSIGN(auto optimized, Optimize(inserted, profile));
  EXPECT_LE(optimized->num_chunks(), inserted->num_chunks());
  EXPECT_EQ(optimized->schema(), inserted->schema());
  for (const auto& chunk : optimized->chunks()) EXPECT_LE(chunk->num_rows(), 1024);
}

}  // namespace
}  // namespace rrflow
