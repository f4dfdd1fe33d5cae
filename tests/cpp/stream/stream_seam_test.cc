// The public seam: sources, operators and sinks written outside the engine,
// scan hints, problems, and the byte-bounded utilities.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "rrflow/stream/bounded_queue.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "rrflow/stream/ordered_tasks.h"
#include "test_util.h"

namespace rrflow {
namespace {

using testing::Doubles;
using testing::Int64s;

ChunkPtr MakeChunk(const std::string& path, const std::string& component, bool temporal = true) {
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
  if (temporal) times.push_back({"frame", Int64s({1, 2})});
  return Chunk::FromColumns(EntityPath::Parse(path), times,
                            {{ComponentDescriptor(component), Doubles({1, 2})}})
      .ValueOrDie();
}

FilterCriteria Content(const std::string& rule) {
  FilterCriteria criteria;
  criteria.content = ContentFilter::Parse(std::vector<std::string>{rule});
  return criteria;
}

// A source written as a user would: it records the hints it was opened with.
class RecordingSource final : public ChunkSource {
 public:
  explicit RecordingSource(std::vector<ChunkPtr> chunks) : chunks_(std::move(chunks)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    seen_hints_ = hints;
    seen_budget_ = context.byte_budget();
    ++opens_;
    class Iterator final : public ChunkIterator {
     public:
      explicit Iterator(std::vector<ChunkPtr> chunks) : chunks_(std::move(chunks)) {}
      arrow::Result<ChunkPtr> Next() override {
        return next_ < chunks_.size() ? chunks_[next_++] : nullptr;
      }

     private:
      std::vector<ChunkPtr> chunks_;
      size_t next_ = 0;
    };
    // Push-down: only what the leading filters keep.
    std::vector<ChunkPtr> selected;
    const FilterCriteria selection = hints.Selection();
    for (const auto& chunk : chunks_) {
      if (selection.PredicatesHold(*chunk)) selected.push_back(chunk);
    }
    return std::make_unique<Iterator>(std::move(selected));
  }

  mutable ScanHints seen_hints_;
  mutable int64_t seen_budget_ = 0;
  mutable int opens_ = 0;

 private:
  std::vector<ChunkPtr> chunks_;
};

// An operator written outside the engine: renames every chunk's entity.
class RehomeNode final : public StreamNode {
 public:
  explicit RehomeNode(StreamNodePtr input) : input_(std::move(input)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context, hints.BudgetOnly()));
    class Iterator final : public ChunkIterator {
     public:
      explicit Iterator(std::unique_ptr<ChunkIterator> input) : input_(std::move(input)) {}
      arrow::Result<ChunkPtr> Next() override {
        ARROW_ASSIGN_OR_RAISE(auto chunk, input_->Next());
        if (chunk == nullptr) return nullptr;
        return chunk->WithEntityPath(EntityPath::Parse("/moved" + chunk->entity_path().ToString()));
      }

     private:
      std::unique_ptr<ChunkIterator> input_;
    };
    return std::make_unique<Iterator>(std::move(input));
  }
  std::vector<StreamNodePtr> inputs() const override { return {input_}; }

 private:
  StreamNodePtr input_;
};

class VectorSink final : public ChunkSink {
 public:
  arrow::Status Write(ChunkPtr chunk) override {
    if (finished) return arrow::Status::Invalid("write after finish");
    chunks.push_back(std::move(chunk));
    return arrow::Status::OK();
  }
  arrow::Status Finish() override {
    ++finishes;
    finished = true;
    return arrow::Status::OK();
  }
  std::vector<ChunkPtr> chunks;
  int finishes = 0;
  bool finished = false;
};

TEST(StreamSeam, FiltersReachTheSourceNearestFirst) {
  auto source = std::make_shared<RecordingSource>(
      std::vector<ChunkPtr>{MakeChunk("/a", "A"), MakeChunk("/b", "B"), MakeChunk("/a", "C", false)});
  FilterCriteria temporal;
  temporal.is_static = false;
  auto node = MakeFilter(MakeFilter(source, Content("/a")), temporal);
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(node));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/a");
  ASSERT_EQ(source->seen_hints_.filters.size(), 2u);
  EXPECT_TRUE(source->seen_hints_.filters[0].content.has_value());
  EXPECT_EQ(source->seen_hints_.filters[1].is_static, std::optional<bool>(false));
  const FilterCriteria fused = source->seen_hints_.Selection();
  EXPECT_TRUE(fused.content.has_value());
  EXPECT_EQ(fused.is_static, std::optional<bool>(false));
}

TEST(StreamSeam, OperatorsThatReshapeChunksPassOnlyTheBudget) {
  auto source = std::make_shared<RecordingSource>(std::vector<ChunkPtr>{MakeChunk("/a", "A")});
  auto node = MakeFilter(std::make_shared<RehomeNode>(source), Content("/moved/**"));
  ExecuteOptions options;
  options.byte_budget = 12345;
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(node, options));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/moved/a");
  EXPECT_TRUE(source->seen_hints_.filters.empty());
  EXPECT_EQ(source->seen_hints_.byte_budget, 12345);
  EXPECT_EQ(source->seen_budget_, 12345);
}

TEST(StreamSeam, DropDoesNotPushItsConsumersFilters) {
  auto source = std::make_shared<RecordingSource>(std::vector<ChunkPtr>{MakeChunk("/a", "A")});
  auto node = MakeFilter(MakeDrop(source, Content("/b")), Content("/a"));
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(node));
  EXPECT_EQ(chunks.size(), 1u);
  EXPECT_TRUE(source->seen_hints_.filters.empty());
}

TEST(StreamSeam, DefaultBudgetIsNeverZero) {
  auto source = std::make_shared<RecordingSource>(std::vector<ChunkPtr>{});
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(source));
  EXPECT_TRUE(chunks.empty());
  EXPECT_EQ(source->seen_budget_, ExecuteOptions::kDefaultByteBudget);
}

TEST(StreamSeam, DrainWritesInOrderAndFinishesOnce) {
  auto first = MakeChunk("/a", "A");
  auto second = MakeChunk("/b", "B");
  VectorSink sink;
  ASSERT_OK(Drain(MakeChunkListSource({first, second}), sink));
  ASSERT_EQ(sink.chunks.size(), 2u);
  EXPECT_EQ(sink.chunks[0], first);
  EXPECT_EQ(sink.chunks[1], second);
  EXPECT_EQ(sink.finishes, 1);
}

TEST(StreamSeam, DrainDoesNotFinishAfterAnError) {
  auto failing = MakePullSource([]() -> arrow::Result<ChunkPull> {
    return ChunkPull([]() -> arrow::Result<ChunkPtr> { return arrow::Status::IOError("gone"); });
  });
  VectorSink sink;
  auto status = Drain(failing, sink);
  EXPECT_TRUE(status.IsIOError());
  EXPECT_EQ(sink.finishes, 0);
}

TEST(StreamSeam, SingleSplitBranchIsReportedNotPrinted) {
  auto problems = std::make_shared<CollectingProblemHandler>();
  ExecuteOptions options;
  options.problems = problems;
  FilterCriteria criteria;
  criteria.components = std::vector<std::string>{"A"};
  auto [matched, unmatched] = MakeSplit(MakeChunkListSource({MakeChunk("/a", "A")}), criteria);
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(matched, options));
  EXPECT_EQ(chunks.size(), 1u);
  auto reported = problems->Take();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].severity, Problem::Severity::kInfo);
  EXPECT_NE(reported[0].message.find("Only one branch of a split"), std::string::npos);
  // Both branches reached: nothing to report.
  ASSERT_OK_AND_ASSIGN(auto merged, ToChunks(MakeMerge({matched, unmatched}), options));
  EXPECT_EQ(merged.size(), 1u);
  EXPECT_TRUE(problems->Take().empty());
}

TEST(StreamSeam, SplitStillRoutesWhenTheOtherBranchIsGone) {
  FilterCriteria criteria;
  criteria.components = std::vector<std::string>{"A"};
  auto problems = std::make_shared<CollectingProblemHandler>();
  ExecuteOptions options;
  options.problems = problems;
  StreamNodePtr matched;
  {
    auto branches = MakeSplit(MakeChunkListSource({MakeChunk("/a", "A")}), criteria);
    matched = branches.first;
  }
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(matched, options));
  EXPECT_EQ(chunks.size(), 1u);
  EXPECT_EQ(problems->Take().size(), 1u);
}

TEST(StreamSeam, ProblemTextNamesWhere) {
  Problem problem{Problem::Severity::kWarning, "bad frame", "f.rrd", 1234};
  EXPECT_EQ(problem.ToString(), "bad frame (f.rrd at offset 1234)");
  EXPECT_EQ((Problem{Problem::Severity::kInfo, "note", {}, std::nullopt}).ToString(), "note");
}

TEST(StreamSeam, ChunkStoreSourceSkipsWhatLeadingFiltersReject) {
  ASSERT_OK_AND_ASSIGN(auto store, ChunkStore::FromChunks({MakeChunk("/a", "A"), MakeChunk("/b", "B")}));
  auto node = MakeFilter(MakeChunkStoreSource(store), Content("/b"));
  ASSERT_OK_AND_ASSIGN(auto chunks, ToChunks(node));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->entity_path().ToString(), "/b");
  ASSERT_OK_AND_ASSIGN(auto all, ToChunks(MakeChunkStoreSource(store)));
  EXPECT_EQ(all.size(), 2u);
}

TEST(StreamSeam, ChunkByteSizeCountsItsBuffers) {
  auto small = MakeChunk("/a", "A");
  std::vector<double> many(100000, 1.0);
  std::vector<int64_t> frames(100000, 1);
  auto large = Chunk::FromColumns(EntityPath::Parse("/a"), {{"frame", Int64s(frames)}},
                                  {{ComponentDescriptor("A"), Doubles(many)}})
                   .ValueOrDie();
  EXPECT_GT(small->byte_size(), 0);
  // Row ids (16 B), times (8 B), values (8 B) and list offsets (4 B) per row.
  EXPECT_GE(large->byte_size(), 100000 * (16 + 8 + 8 + 4));
  EXPECT_LT(large->byte_size(), 100000 * (16 + 8 + 8 + 4) * 2);
}

TEST(StreamSeam, ChunkKeepingSomeComponentsCountsOnlyTheirBytes) {
  std::vector<double> many(100000, 1.0);
  std::vector<int64_t> frames(100000, 1);
  auto both = Chunk::FromColumns(EntityPath::Parse("/a"), {{"frame", Int64s(frames)}},
                                 {{ComponentDescriptor("A"), Doubles(many)},
                                  {ComponentDescriptor("B"), Doubles(std::vector<double>(100000, 2.0))}})
                  .ValueOrDie();
  auto only_a = Chunk::FromColumns(EntityPath::Parse("/a"), {{"frame", Int64s(frames)}},
                                   {{ComponentDescriptor("A"), Doubles(many)}})
                    .ValueOrDie();
  const auto a_index = static_cast<size_t>(both->FindComponent("A") - &both->components()[0]);
  const auto b_index = 1 - a_index;
  EXPECT_EQ(both->WithComponents({a_index})->byte_size(), only_a->byte_size());
  EXPECT_EQ(both->WithComponents({a_index, b_index})->byte_size(), both->byte_size());
  EXPECT_EQ(both->WithComponents({b_index})->byte_size(), only_a->byte_size());
  EXPECT_EQ(both->WithEntityPath(EntityPath::Parse("/b"))->byte_size(), both->byte_size());
}

TEST(BoundedQueue, ProducerWaitsAtTheByteLimit) {
  BoundedQueue<int> queue(QueueLimits{100, 10});
  ASSERT_TRUE(queue.Push(1, 6));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    queue.Push(2, 6);  // 12 bytes would exceed the limit of 10
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  std::deque<int> taken;
  ASSERT_TRUE(queue.TakeAll(&taken));
  producer.join();
  EXPECT_TRUE(pushed.load());
  ASSERT_TRUE(queue.TakeAll(&taken));
  EXPECT_EQ(taken, (std::deque<int>{1, 2}));
}

TEST(BoundedQueue, AdmitsAnOversizedItemIntoAnEmptyQueue) {
  BoundedQueue<int> queue(QueueLimits{100, 10});
  ASSERT_TRUE(queue.Push(1, 1000));
  queue.Close();
  std::deque<int> taken;
  ASSERT_TRUE(queue.TakeAll(&taken));
  EXPECT_FALSE(queue.TakeAll(&taken));
  EXPECT_FALSE(queue.Push(2, 1));
}

TEST(OrderedTasks, FullByBytesAndInOrder) {
  OrderedTasks<int> tasks(/*max_tasks=*/100, /*max_bytes=*/10);
  ASSERT_OK(tasks.Submit([] { return 1; }, 4));
  EXPECT_FALSE(tasks.full());
  ASSERT_OK(tasks.Submit([] { return 2; }, 6));
  EXPECT_TRUE(tasks.full());
  ASSERT_OK_AND_ASSIGN(auto first, tasks.TakeOldest());
  EXPECT_EQ(first, 1);
  EXPECT_FALSE(tasks.full());
  ASSERT_OK_AND_ASSIGN(auto second, tasks.TakeOldest());
  EXPECT_EQ(second, 2);
  EXPECT_TRUE(tasks.empty());
}

}  // namespace
}  // namespace rrflow
