#include "rrflow/store/chunk_store.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr Static(const char* path, std::vector<std::string> components,
                std::optional<std::string> archetype = std::nullopt) {
  std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> columns;
  for (auto& c : components) columns.push_back({ComponentDescriptor(c, archetype), Doubles({1})});
  return Chunk::FromColumns(EntityPath::Parse(path), {}, std::move(columns)).ValueOrDie();
}

ChunkPtr Temporal(const char* path, int64_t frame) {
  return Chunk::FromColumns(EntityPath::Parse(path), {{"frame", Int64s({frame})}},
                            {{ComponentDescriptor("A"), Doubles({1})}})
      .ValueOrDie();
}

std::vector<ChunkId> Ids(const ChunkStore& store) {
  std::vector<ChunkId> ids;
  for (const auto& chunk : store.chunks()) ids.push_back(chunk->id());
  return ids;
}

TEST(ChunkStore, KeepsTemporalChunksAsGivenInIdOrder) {
  auto b = Temporal("/e", 2);
  auto a = Temporal("/e", 1);
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({a, b}));
  EXPECT_EQ(store->num_chunks(), 2);
  EXPECT_EQ(Ids(*store), (std::vector<ChunkId>{b->id(), a->id()}));
}

TEST(ChunkStore, DropsEmptyChunksChunksWithoutComponentsAndDuplicates) {
  auto empty = Chunk::FromColumns(EntityPath::Parse("/x"), {}, {}).ValueOrDie();
  auto a = Temporal("/e", 1);
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({empty, a, a}));
  EXPECT_EQ(store->num_chunks(), 1);
}

TEST(ChunkStore, NewerStaticChunkReplacesOlderOne) {
  auto ab = Static("/e", {"A", "B"});
  auto a = Static("/e", {"A"});
  auto b = Static("/e", {"B"});
  ASSERT_OK_AND_ASSIGN(auto partial, ChunkStore::FromChunks({ab, a}));
  EXPECT_EQ(partial->num_chunks(), 2);  // ab still provides B
  ASSERT_OK_AND_ASSIGN(auto full, ChunkStore::FromChunks({ab, a, b}));
  EXPECT_EQ(Ids(*full), (std::vector<ChunkId>{a->id(), b->id()}));
  ASSERT_OK_AND_ASSIGN(auto older_last, ChunkStore::FromChunks({b, a, ab}));
  EXPECT_EQ(older_last->num_chunks(), 3);  // an older chunk is still stored
}

TEST(ChunkStore, TransformDataKeepsEveryHolder) {
  auto t1 = Static("/t", {"Transform3D:translation"}, "rerun.archetypes.Transform3D");
  auto t2 = Static("/t", {"Transform3D:translation"}, "rerun.archetypes.Transform3D");
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({t1, t2}));
  EXPECT_EQ(store->num_chunks(), 2);
}

TEST(ChunkStore, UnsortedRowIdsAreRejected) {
  auto chunk = Temporal("/e", 1);
  arrow::FixedSizeBinaryBuilder builder(arrow::fixed_size_binary(16));
  ASSERT_OK(builder.Append(RowId{Tuid{1, 2}}.tuid.ToBytes().data()));
  ASSERT_OK(builder.Append(RowId{Tuid{1, 1}}.tuid.ToBytes().data()));
  auto row_ids = std::static_pointer_cast<arrow::FixedSizeBinaryArray>(builder.Finish().ValueOrDie());
  ASSERT_OK_AND_ASSIGN(auto time, TimeColumn::Make("f", Int64s({1, 2})));
  auto list = std::static_pointer_cast<arrow::ListArray>(testing::ListOfDoubles({{1}, {2}}));
  ASSERT_OK_AND_ASSIGN(auto unsorted, Chunk::Make(ChunkId::New(), EntityPath::Parse("/e"), row_ids,
                                                  {time}, {{ComponentDescriptor("A"), list}}));
  EXPECT_FALSE(unsorted->is_sorted());
  auto result = ChunkStore::FromChunks({unsorted});
  EXPECT_TRUE(result.status().IsExecutionError());
  EXPECT_EQ(result.status().message(), "Chunks must be sorted before insertion in the chunk store");
}

TEST(StoreSchema, ColumnsAndOrder) {
  auto e10 = Temporal("/e10", 1);
  auto e2 = Temporal("/e2", 1);
  auto props = Static("/__properties", {"RecordingInfo:name"}, "rerun.archetypes.RecordingInfo");
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({props, e10, e2}));
  const auto columns = store->schema().component_columns();
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].ColumnName(), "/e2:A");
  EXPECT_EQ(columns[1].ColumnName(), "/e10:A");
  EXPECT_EQ(columns[2].ColumnName(), "property:RecordingInfo:name");
  EXPECT_TRUE(columns[2].is_static);
  EXPECT_EQ(store->schema().index_columns().size(), 1u);
  EXPECT_EQ(store->schema().ToString().substr(0, 22), "Index(timeline:frame)\n");
  EXPECT_EQ(columns[0].ToString(),
            "Column name: /e2:A\n\tEntity path: /e2\n\tArchetype: None\n\tComponent type: \n\t"
            "Component: A");
}

TEST(StoreSchema, NeverShrinksAfterStaticOverwrite) {
  auto old_chunk = Static("/e", {"A", "B"});
  auto newer_a = Static("/e", {"A"});
  auto newer_b = Static("/e", {"B"});
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({old_chunk, newer_a, newer_b}));
  EXPECT_EQ(store->num_chunks(), 2);
  EXPECT_EQ(store->schema().component_columns().size(), 2u);
}

TEST(StoreSchema, PropertyColumnNames) {
  ComponentColumnInfo info;
  info.descriptor = ComponentDescriptor("c");
  info.entity_path = EntityPath::Parse("/__properties/x/y");
  EXPECT_EQ(info.ColumnName(), "property:x/y:c");
  info.entity_path = EntityPath::Parse("/__properties");
  EXPECT_EQ(info.ColumnName(), "property:c");
}

}  // namespace
}  // namespace rrflow
