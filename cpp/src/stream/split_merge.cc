// split and merge: the nodes that run producer threads.
#include <atomic>
#include <deque>
#include <iostream>
#include <thread>

#include "rrflow/stream/lazy_chunk_stream.h"
#include "stream/bounded_queue_internal.h"
#include "stream/execution_context_internal.h"

namespace rrflow {
namespace internal {

// How many chunks a merge or split queue holds before its producers wait.
constexpr size_t kQueueCapacity = 64;

// A queue item: a chunk, or (chunk null) the error that ends the producer.
struct QueueItem {
  ChunkPtr chunk;
  arrow::Status status;
};

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
  virtual BoundedQueue<QueueItem>* queue() = 0;

 private:
  // Items taken from the queue and not yet handed out.
  std::deque<QueueItem> taken_;
  bool finished_ = false;
};

class SplitOrigin {
 public:
  SplitOrigin(StreamNodePtr input, FilterCriteria criteria)
      : input(std::move(input)), criteria(std::move(criteria)) {}
  const StreamNodePtr input;
  const FilterCriteria criteria;
};

// Pulls the split's input once and routes each chunk's parts to the branch
// queues. Stops when both branches are gone or the input ends.
class SplitRouter {
 public:
  SplitRouter(std::unique_ptr<ChunkIterator> input, const SplitOrigin* origin)
      : input_(std::move(input)), origin_(origin) {}

  ~SplitRouter() {
    matched_.Close();
    unmatched_.Close();
    if (thread_.joinable()) thread_.join();
  }

  void Start() {
    thread_ = std::thread([this] { Run(); });
  }

  BoundedQueue<QueueItem>* queue(bool matched) { return matched ? &matched_ : &unmatched_; }

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
      if (parts.matched) matched_.Push({std::move(parts.matched), {}});
      if (parts.unmatched) unmatched_.Push({std::move(parts.unmatched), {}});
    }
    matched_.Close();
    unmatched_.Close();
  }

  std::unique_ptr<ChunkIterator> input_;
  const SplitOrigin* origin_;
  FilterCriteria::ContentMemo memo_;
  BoundedQueue<QueueItem> matched_{kQueueCapacity};
  BoundedQueue<QueueItem> unmatched_{kQueueCapacity};
  std::atomic<bool> matched_gone_{false};
  std::atomic<bool> unmatched_gone_{false};
  std::thread thread_;
};

namespace {

class SplitBranchIterator final : public QueueIterator {
 public:
  SplitBranchIterator(std::shared_ptr<SplitRouter> router, bool matched)
      : router_(std::move(router)), matched_(matched) {}
  ~SplitBranchIterator() override { router_->Release(matched_); }

 protected:
  BoundedQueue<QueueItem>* queue() override { return router_->queue(matched_); }

 private:
  std::shared_ptr<SplitRouter> router_;
  bool matched_;
};

class SplitBranch final : public SplitBranchNode {
 public:
  SplitBranch(std::shared_ptr<const SplitOrigin> origin, bool matched)
      : origin_(std::move(origin)), matched_(matched) {}

  const SplitOrigin* origin() const override { return origin_.get(); }
  bool is_matched() const override { return matched_; }
  std::vector<StreamNodePtr> inputs() const override { return {origin_->input}; }

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context) const override {
    if (context.Reaches(origin_.get(), !matched_)) {
      ARROW_ASSIGN_OR_RAISE(auto router, context.RouterFor(origin_.get()));
      return std::make_unique<SplitBranchIterator>(std::move(router), matched_);
    }
    // Only this branch is reached: it is a plain filter or drop of a private run.
    std::cerr << "Only one branch of a split is connected to the pipeline. The split has been "
                 "optimized into a filter/drop operation.\n";
    auto node = matched_ ? MakeFilter(origin_->input, origin_->criteria)
                         : MakeDrop(origin_->input, origin_->criteria);
    return node->Open(context);
  }

 private:
  std::shared_ptr<const SplitOrigin> origin_;
  bool matched_;
};

// Drains each input on its own thread into one queue.
class MergeIterator final : public QueueIterator {
 public:
  explicit MergeIterator(std::vector<std::unique_ptr<ChunkIterator>> inputs)
      : live_producers_(inputs.size()) {
    if (inputs.empty()) queue_.Close();
    for (auto& input : inputs) {
      threads_.emplace_back([this, input = std::move(input)]() mutable { Drain(*input); });
    }
  }

  ~MergeIterator() override {
    queue_.Close();
    for (auto& thread : threads_) thread.join();
  }

 protected:
  BoundedQueue<QueueItem>* queue() override { return &queue_; }

 private:
  void Drain(ChunkIterator& input) {
    while (true) {
      auto chunk = input.Next();
      if (!chunk.ok()) {
        queue_.Push({nullptr, chunk.status()});
        break;
      }
      if (*chunk == nullptr || !queue_.Push({std::move(*chunk), {}})) break;
    }
    if (--live_producers_ == 0) queue_.Close();
  }

  BoundedQueue<QueueItem> queue_{kQueueCapacity};
  std::atomic<size_t> live_producers_;
  std::vector<std::thread> threads_;
};

class MergeNode final : public StreamNode {
 public:
  explicit MergeNode(std::vector<StreamNodePtr> inputs) : inputs_(std::move(inputs)) {}
  std::vector<StreamNodePtr> inputs() const override { return inputs_; }

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context) const override {
    std::vector<std::unique_ptr<ChunkIterator>> opened;
    for (const auto& input : inputs_) {
      ARROW_ASSIGN_OR_RAISE(auto iterator, input->Open(context));
      opened.push_back(std::move(iterator));
    }
    return std::make_unique<MergeIterator>(std::move(opened));
  }

 private:
  std::vector<StreamNodePtr> inputs_;
};

}  // namespace

ExecutionContext::ExecutionContext(const StreamNodePtr& sink) {
  std::vector<const StreamNode*> pending = {sink.get()};
  std::set<const StreamNode*> seen;
  while (!pending.empty()) {
    const StreamNode* node = pending.back();
    pending.pop_back();
    if (!seen.insert(node).second) continue;
    if (const auto* branch = dynamic_cast<const SplitBranchNode*>(node)) {
      reached_.insert({branch->origin(), branch->is_matched()});
    }
    for (const auto& input : node->inputs()) pending.push_back(input.get());
  }
}

arrow::Result<std::shared_ptr<SplitRouter>> ExecutionContext::RouterFor(const SplitOrigin* origin) {
  auto& router = routers_[origin];
  if (router == nullptr) {
    ARROW_ASSIGN_OR_RAISE(auto input, origin->input->Open(*this));
    router = std::make_shared<SplitRouter>(std::move(input), origin);
    router->Start();
  }
  return router;
}

}  // namespace internal

std::pair<StreamNodePtr, StreamNodePtr> MakeSplit(StreamNodePtr input, FilterCriteria criteria) {
  auto origin = std::make_shared<const internal::SplitOrigin>(std::move(input), std::move(criteria));
  return {std::make_shared<internal::SplitBranch>(origin, true),
          std::make_shared<internal::SplitBranch>(origin, false)};
}

StreamNodePtr MakeMerge(std::vector<StreamNodePtr> inputs) {
  return std::make_shared<internal::MergeNode>(std::move(inputs));
}

}  // namespace rrflow
