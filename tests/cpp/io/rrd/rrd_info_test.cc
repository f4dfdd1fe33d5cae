// DescribeRrdFile: the per-store, per-entity and per-component tallies.
#include "rrflow/io/rrd/rrd_info.h"

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;

TEST(DescribeRrdFile, TalliesStoresEntitiesAndComponents) {
  const auto path = (TestDirectory() / "described.rrd").string();
  // The sparse `value` column has data on even rows only.
  WriteChunks(path, {StaticChunk("/text"), TemporalChunk("/points", 0, 5), TemporalChunk("/points", 10, 3)});
  ASSERT_OK_AND_ASSIGN(auto info, DescribeRrdFile(path));
  ASSERT_EQ(info.stores.size(), 1u);
  const RrdStoreInfo& store = info.stores[0];
  EXPECT_EQ(store.num_chunks, 3);
  EXPECT_EQ(store.num_rows, 9);
  ASSERT_EQ(store.entities.size(), 2u);

  const RrdEntityStats& points = store.entities.at("/points");
  EXPECT_EQ(points.chunks, 2);
  EXPECT_EQ(points.rows, 8);
  const RrdComponentStats& positions = points.components.at("Points2D:positions");
  EXPECT_EQ(positions.chunks, 2);
  EXPECT_EQ(positions.rows, 8);
  EXPECT_EQ(positions.time_ranges.at("frame"), (std::pair<int64_t, int64_t>{0, 12}));
  const RrdComponentStats& value = points.components.at("value");
  EXPECT_EQ(value.rows, 3 + 2);  // rows 0, 2, 4 and 10, 12
  EXPECT_EQ(value.time_ranges.at("frame"), (std::pair<int64_t, int64_t>{0, 12}));
  EXPECT_GT(value.uncompressed_bytes, 0);
  EXPECT_GT(value.compressed_bytes, 0);

  const RrdComponentStats& text = store.entities.at("/text").components.at("TextDocument:text");
  EXPECT_EQ(text.static_chunks, 1);
  EXPECT_TRUE(text.time_ranges.empty());

  int64_t entity_bytes = 0;
  for (const auto& [name, entity] : store.entities) entity_bytes += entity.compressed_bytes;
  EXPECT_EQ(entity_bytes, store.compressed_bytes);
}

}  // namespace
}  // namespace rrflow
