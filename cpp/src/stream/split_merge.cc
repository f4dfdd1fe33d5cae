// split and merge: the nodes that run producer threads.
#include <atomic>
#include <deque>
#include <optional>

#include "rrflow/stream/bounded_queue.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "rrflow/stream/producer_thread.h"

namespace rrflow {
namespace {

// How many chunks a merge or split queue holds before its producers wait;
// the execution's byte budget bounds it too.
constexpr size_t kQueueChunks = 64;

// A queue item: a chunk, or (chunk null) the error that ends the producer.
struct QueueItem {
  ChunkPtr chunk;
  arrow::Status status;
};

using ChunkQueue = BoundedQueue<QueueItem>;

QueueLimits QueueLimitsFor(const ExecutionContext& context) {
  return QueueLimits{kQueueChunks, context.byte_budget()};
}

bool PushChunk(ChunkQueue& queue, ChunkPtr chunk) {
  const int64_t bytes = chunk->byte_size();
  return queue.Push({std::move(chunk), {}}, bytes);
}

// Reads a queue until it reports the end.
class QueueIterator : public ChunkIterator {
 public:
  arrow::Result<ChunkPtr> Next() override {
    if (finished_) return nullptr;
    if (taken_.empty() && !queue()->TakeAll(&taken_)) {
      finished_ = true;
      return nullptr;
    }
    QueueItem item = std::move(taken_.front());
    taken_.pop_front();
    if (item.chunk == nullptr) {
      finished_ = true;
      return std::move(item.status);
    }
    return std::move(item.chunk);
  }

 protected:
  virtual ChunkQueue* queue() = 0;

 private:
  // Items taken from the queue and not yet handed out.
  std::deque<QueueItem> taken_;
  bool finished_ = false;
};

struct SplitOrigin {
  SplitOrigin(StreamNodePtr input, FilterCriteria criteria)
      : input(std::move(input)), criteria(std::move(criteria)) {}
  const StreamNodePtr input;
  const FilterCriteria criteria;
  // The two branch nodes, set once by MakeSplit: an execution asks whether
  // it reaches the other branch of the one it opens.
  std::weak_ptr<const StreamNode> matched;
  std::weak_ptr<const StreamNode> unmatched;
};

// Pulls the split's input once and routes each chunk's parts to the branch
// queues. Stops when both branches are gone or the input ends.
class SplitRouter {
 public:
  SplitRouter(std::unique_ptr<ChunkIterator> input, const SplitOrigin* origin, QueueLimits limits)
      : input_(std::move(input)), origin_(origin), matched_(limits), unmatched_(limits) {
    thread_.emplace([this] { Run(); });
  }

  ~SplitRouter() {
    matched_.Close();
    unmatched_.Close();
    thread_.reset();
  }

  ChunkQueue* queue(bool matched) { return matched ? &matched_ : &unmatched_; }

  // A branch reader going away: the router keeps feeding the other one.
  void Release(bool matched) {
    (matched ? matched_ : unmatched_).Close();
    (matched ? matched_gone_ : unmatched_gone_) = true;
  }

 private:
  void Run() {
    while (!(matched_gone_ && unmatched_gone_)) {
      auto chunk = input_->Next();
      if (!chunk.ok()) {
        matched_.Push({nullptr, chunk.status()});
        unmatched_.Push({nullptr, chunk.status()});
        break;
      }
      if (*chunk == nullptr) break;
      auto parts = origin_->criteria.Divide(*chunk, &memo_);
      if (parts.matched) PushChunk(matched_, std::move(parts.matched));
      if (parts.unmatched) PushChunk(unmatched_, std::move(parts.unmatched));
    }
    matched_.Close();
    unmatched_.Close();
  }

  std::unique_ptr<ChunkIterator> input_;
  const SplitOrigin* origin_;
  FilterCriteria::ContentMemo memo_;
  ChunkQueue matched_;
  ChunkQueue unmatched_;
  std::atomic<bool> matched_gone_{false};
  std::atomic<bool> unmatched_gone_{false};
  // Last member: started once the queues exist, joined before they go.
  std::optional<ProducerThread> thread_;
};

class SplitBranchIterator final : public QueueIterator {
 public:
  SplitBranchIterator(std::shared_ptr<SplitRouter> router, bool matched)
      : router_(std::move(router)), matched_(matched) {}
  ~SplitBranchIterator() override { router_->Release(matched_); }

 protected:
  ChunkQueue* queue() override { return router_->queue(matched_); }

 private:
  std::shared_ptr<SplitRouter> router_;
  bool matched_;
};

class SplitBranch final : public StreamNode {
 public:
  SplitBranch(std::shared_ptr<SplitOrigin> origin, bool matched)
      : origin_(std::move(origin)), matched_(matched) {}

  std::vector<StreamNodePtr> inputs() const override { return {origin_->input}; }

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    const auto other = (matched_ ? origin_->unmatched : origin_->matched).lock();
    if (other != nullptr && context.Reaches(*other)) {
      // Both branches pull from one run of the input, started by whichever
      // branch opens first.
      ARROW_ASSIGN_OR_RAISE(
          auto state, context.SharedState(origin_.get(), [&]() -> arrow::Result<std::shared_ptr<void>> {
            ARROW_ASSIGN_OR_RAISE(auto input, origin_->input->Open(context, hints.BudgetOnly()));
            return std::make_shared<SplitRouter>(std::move(input), origin_.get(),
                                                 QueueLimitsFor(context));
          }));
      return std::make_unique<SplitBranchIterator>(std::static_pointer_cast<SplitRouter>(state),
                                                   matched_);
    }
    // Only this branch is reached: it is a plain filter or drop of a private run.
    context.Report(Problem{Problem::Severity::kInfo,
                           "Only one branch of a split is connected to the pipeline. The split "
                           "has been optimized into a filter/drop operation.",
                           {},
                           std::nullopt});
    // Like a split router, it opens its input with the byte budget only.
    auto node = matched_ ? MakeFilter(origin_->input, origin_->criteria)
                         : MakeDrop(origin_->input, origin_->criteria);
    return node->Open(context, hints.BudgetOnly());
  }

 private:
  std::shared_ptr<SplitOrigin> origin_;
  bool matched_;
};

// Drains each input on a producer thread of its own into one queue.
class MergeIterator final : public QueueIterator {
 public:
  MergeIterator(std::vector<std::unique_ptr<ChunkIterator>> inputs, QueueLimits limits)
      : queue_(limits), live_producers_(inputs.size()) {
    if (inputs.empty()) queue_.Close();
    producers_.reserve(inputs.size());
    for (auto& input : inputs) {
      producers_.push_back(std::make_unique<ProducerThread>(
          [this, input = std::shared_ptr<ChunkIterator>(std::move(input))] { Drain(*input); }));
    }
  }

  ~MergeIterator() override {
    queue_.Close();
    producers_.clear();
  }

 protected:
  ChunkQueue* queue() override { return &queue_; }

 private:
  void Drain(ChunkIterator& input) {
    while (true) {
      auto chunk = input.Next();
      if (!chunk.ok()) {
        queue_.Push({nullptr, chunk.status()});
        break;
      }
      if (*chunk == nullptr || !PushChunk(queue_, std::move(*chunk))) break;
    }
    if (--live_producers_ == 0) queue_.Close();
  }

  ChunkQueue queue_;
  std::atomic<size_t> live_producers_;
  std::vector<std::unique_ptr<ProducerThread>> producers_;
};

class MergeNode final : public StreamNode {
 public:
  explicit MergeNode(std::vector<StreamNodePtr> inputs) : inputs_(std::move(inputs)) {}
  std::vector<StreamNodePtr> inputs() const override { return inputs_; }

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    std::vector<std::unique_ptr<ChunkIterator>> opened;
    for (const auto& input : inputs_) {
      ARROW_ASSIGN_OR_RAISE(auto iterator, input->Open(context, hints.BudgetOnly()));
      opened.push_back(std::move(iterator));
    }
    return std::make_unique<MergeIterator>(std::move(opened), QueueLimitsFor(context));
  }

 private:
  std::vector<StreamNodePtr> inputs_;
};

}  // namespace

std::pair<StreamNodePtr, StreamNodePtr> MakeSplit(StreamNodePtr input, FilterCriteria criteria) {
  auto origin = std::make_shared<SplitOrigin>(std::move(input), std::move(criteria));
  auto matched = std::make_shared<const SplitBranch>(origin, true);
  auto unmatched = std::make_shared<const SplitBranch>(origin, false);
  origin->matched = matched;
  origin->unmatched = unmatched;
  return {std::move(matched), std::move(unmatched)};
}

StreamNodePtr MakeMerge(std::vector<StreamNodePtr> inputs) {
  return std::make_shared<MergeNode>(std::move(inputs));
}

}  // namespace rrflow
