#include "rrflow/stream/lazy_chunk_stream.h"

#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr MakeChunk(const std::string& path, std::vector<std::string> components, bool temporal = true) {
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
  if (temporal) times.push_back({"frame", Int64s({1})});
  std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> columns;
  for (auto& c : components) columns.push_back({ComponentDescriptor(c), Doubles({1})});
  return Chunk::FromColumns(EntityPath::Parse(path), times, columns).ValueOrDie();
}

std::vector<ChunkPtr> RunAll(const StreamNodePtr& node) {
  auto chunks = ToChunks(node);
  EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
  return chunks.ValueOr({});
}

FilterCriteria Components(std::vector<std::string> components) {
  FilterCriteria criteria;
  criteria.components = std::move(components);
  return criteria;
}

TEST(LazyChunkStream, SourceRunsAgainAtEveryExecution) {
  auto source = MakeChunkListSource({MakeChunk("/a", {"A"}), MakeChunk("/b", {"B"})});
  EXPECT_EQ(RunAll(source).size(), 2u);
  EXPECT_EQ(RunAll(source).size(), 2u);
}

TEST(LazyChunkStream, FilterByComponentsGivesFreshIds) {
  auto chunk = MakeChunk("/a", {"A", "B"});
  auto out = RunAll(MakeFilter(MakeChunkListSource({chunk}), Components({"A", "missing"})));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0]->id(), chunk->id());
  ASSERT_EQ(out[0]->components().size(), 1u);
  EXPECT_EQ(out[0]->components()[0].descriptor.component, "A");
  EXPECT_EQ(out[0]->num_rows(), chunk->num_rows());
  EXPECT_EQ(out[0]->timelines().size(), 1u);
  // All listed: still a fresh id.
  auto all = RunAll(MakeFilter(MakeChunkListSource({chunk}), Components({"A", "B"})));
  EXPECT_NE(all[0]->id(), chunk->id());
}

TEST(LazyChunkStream, DropKeepsIdWhenNothingRemoved) {
  auto chunk = MakeChunk("/a", {"A", "B"});
  auto kept = RunAll(MakeDrop(MakeChunkListSource({chunk}), Components({"C"})));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]->id(), chunk->id());
  auto reduced = RunAll(MakeDrop(MakeChunkListSource({chunk}), Components({"A"})));
  ASSERT_EQ(reduced.size(), 1u);
  EXPECT_NE(reduced[0]->id(), chunk->id());
  EXPECT_TRUE(RunAll(MakeDrop(MakeChunkListSource({chunk}), Components({"A", "B"}))).empty());
}

TEST(LazyChunkStream, NoCriteria) {
  auto source = MakeChunkListSource({MakeChunk("/a", {"A"})});
  EXPECT_EQ(RunAll(MakeFilter(source, {})).size(), 1u);
  EXPECT_TRUE(RunAll(MakeDrop(source, {})).empty());
  auto [matched, unmatched] = MakeSplit(source, {});
  EXPECT_EQ(RunAll(MakeMerge({matched, unmatched})).size(), 1u);
}

TEST(LazyChunkStream, EmptyComponentList) {
  auto chunk = MakeChunk("/a", {"A"});
  auto source = MakeChunkListSource({chunk});
  EXPECT_TRUE(RunAll(MakeFilter(source, Components({}))).empty());
  auto dropped = RunAll(MakeDrop(source, Components({})));
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0]->id(), chunk->id());
}

TEST(LazyChunkStream, PredicatesAreAnded) {
  FilterCriteria criteria;
  criteria.is_static = false;
  criteria.content = ContentFilter::Parse("/robots/**");
  auto source = MakeChunkListSource(
      {MakeChunk("/robots/arm", {"A"}), MakeChunk("/robots/cfg", {"A"}, false), MakeChunk("/cam", {"A"})});
  auto out = RunAll(MakeFilter(source, criteria));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->entity_path().ToString(), "/robots/arm");
  FilterCriteria timeline;
  timeline.has_timeline = "frame";
  EXPECT_EQ(RunAll(MakeFilter(source, timeline)).size(), 2u);
}

TEST(LazyChunkStream, SplitBothBranchesRunsUpstreamOnce) {
  std::atomic<int> pulls{0};
  auto counted = MakeTransform(
      MakeChunkListSource({MakeChunk("/a", {"A", "B"}), MakeChunk("/b", {"B"})}),
      [&](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
        ++pulls;
        return std::vector<ChunkPtr>{chunk};
      });
  auto [matched, unmatched] = MakeSplit(counted, Components({"A"}));
  auto out = RunAll(MakeMerge({matched, unmatched}));
  EXPECT_EQ(pulls.load(), 2);
  EXPECT_EQ(out.size(), 3u);  // /a:A, /a:B, /b:B
  pulls = 0;
  EXPECT_EQ(RunAll(matched).size(), 1u);  // one branch alone: a filter
  EXPECT_EQ(pulls.load(), 2);
}

TEST(LazyChunkStream, MergeKeepsPerInputOrder) {
  std::vector<StreamNodePtr> inputs;
  for (int input = 0; input < 8; ++input) {
    std::vector<ChunkPtr> chunks;
    for (int i = 0; i < 50; ++i) chunks.push_back(MakeChunk("/in" + std::to_string(input), {"A"}));
    inputs.push_back(MakeChunkListSource(chunks));
  }
  auto out = RunAll(MakeMerge(inputs));
  ASSERT_EQ(out.size(), 400u);
  std::map<std::string, ChunkId> last;
  for (const auto& chunk : out) {
    const auto& path = chunk->entity_path().ToString();
    if (last.count(path)) {
      EXPECT_LT(last[path], chunk->id());
    }
    last[path] = chunk->id();
  }
  EXPECT_TRUE(RunAll(MakeMerge({})).empty());
}

TEST(LazyChunkStream, ErrorsReachTheTerminal) {
  auto failing = MakeTransform(MakeChunkListSource({MakeChunk("/a", {"A"})}),
                               [](const ChunkPtr&) -> arrow::Result<std::vector<ChunkPtr>> {
                                 return arrow::Status::Invalid("boom");
                               });
  EXPECT_EQ(ToChunks(failing).status().message(), "boom");
  // The other input's chunk may come before the error or not.
  auto merged = MakeMerge({failing, MakeChunkListSource({MakeChunk("/b", {"B"})})});
  EXPECT_EQ(ToChunks(merged).status().message().substr(0, 4), "boom");
  auto [matched, unmatched] = MakeSplit(failing, Components({"A"}));
  EXPECT_EQ(ToChunks(MakeMerge({matched, unmatched})).status().message(), "boom");
}

TEST(LazyChunkStream, ToChunksSaysHowManyChunksCameBeforeTheError) {
  int calls = 0;
  auto failing_third = MakeTransform(
      MakeChunkListSource({MakeChunk("/a", {"A"}), MakeChunk("/b", {"A"}), MakeChunk("/c", {"A"})}),
      [&calls](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
        if (++calls == 3) return arrow::Status::Invalid("boom");
        return std::vector<ChunkPtr>{chunk};
      });
  EXPECT_EQ(ToChunks(failing_third).status().message(),
            "boom (after 2 chunks; iterate the stream to receive them before the error)");
}

TEST(LazyChunkStream, AbandoningAnIteratorStopsProducers) {
  std::atomic<int> produced{0};
  auto endless = MakePullSource([&]() -> arrow::Result<ChunkPull> {
    auto chunk = MakeChunk("/e", {"A"});
    return ChunkPull([&, chunk]() -> arrow::Result<ChunkPtr> {
      ++produced;
      return chunk;
    });
  });
  {
    ASSERT_OK_AND_ASSIGN(auto iterator, Execute(MakeMerge({endless, endless})));
    for (int i = 0; i < 5; ++i) ASSERT_NE(*iterator->Next(), nullptr);
  }
  const int after = produced.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(produced.load(), after);
}

TEST(LazyChunkStream, CollectBuildsAStore) {
  auto source = MakeChunkListSource({MakeChunk("/a", {"A"}), MakeChunk("/b", {"B"})});
  ASSERT_OK_AND_ASSIGN(auto store, Collect(source));
  EXPECT_EQ(store->num_chunks(), 2);
}

}  // namespace
}  // namespace rrflow
