// MakeTimeOrderedMerge: a k-way merge by time, one chunk held per input.
#include <gtest/gtest.h>

#include "rrflow/stream/lazy_chunk_stream.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr At(const std::string& path, std::vector<int64_t> frames, const std::string& timeline = "frame") {
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
  if (!frames.empty()) times.push_back({timeline, Int64s(frames)});
  const size_t rows = frames.empty() ? 1 : frames.size();
  return Chunk::FromColumns(EntityPath::Parse(path), times,
                            {{ComponentDescriptor("A"), Doubles(std::vector<double>(rows, 1.0))}})
      .ValueOrDie();
}

std::vector<std::string> Paths(const StreamNodePtr& node) {
  auto chunks = ToChunks(node);
  EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
  std::vector<std::string> paths;
  for (const auto& chunk : chunks.ValueOr({})) paths.push_back(chunk->entity_path().ToString());
  return paths;
}

TEST(TimeOrderedMerge, InterleavesInputsByTheirFirstTime) {
  auto a = MakeChunkListSource({At("/a0", {0, 1}), At("/a5", {5}), At("/a9", {9, 12})});
  auto b = MakeChunkListSource({At("/b3", {3}), At("/b5", {5}), At("/b20", {20})});
  EXPECT_EQ(Paths(MakeTimeOrderedMerge({a, b}, "frame")),
            (std::vector<std::string>{"/a0", "/b3", "/a5", "/b5", "/a9", "/b20"}));
}

TEST(TimeOrderedMerge, StaticFirstAndChunksWithoutTheTimelineAsSoonAsTheyAreNext) {
  auto a = MakeChunkListSource({At("/a4", {4}), At("/other", {1}, "sim"), At("/a6", {6})});
  auto b = MakeChunkListSource({At("/b2", {2}), At("/static", {})});
  // /static waits behind /b2 in its input; /other goes out once /a4 has.
  EXPECT_EQ(Paths(MakeTimeOrderedMerge({a, b}, "frame")),
            (std::vector<std::string>{"/b2", "/static", "/a4", "/other", "/a6"}));
}

TEST(TimeOrderedMerge, UnsortedChunksUseTheirEarliestTimeAndEmptyInputsEnd) {
  auto a = MakeChunkListSource({At("/late_first", {7, 2})});
  auto b = MakeChunkListSource({At("/b5", {5})});
  auto empty = MakeChunkListSource({});
  EXPECT_EQ(Paths(MakeTimeOrderedMerge({empty, a, b}, "frame")), (std::vector<std::string>{"/late_first", "/b5"}));
  EXPECT_TRUE(Paths(MakeTimeOrderedMerge({empty}, "frame")).empty());
}

}  // namespace
}  // namespace rrflow
