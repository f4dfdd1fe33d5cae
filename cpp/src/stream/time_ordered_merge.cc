// merge by time: several inputs into one stream ordered by time, pulling one
// chunk at a time from each input on the calling thread.
#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {
namespace {

// Static chunks first, then temporal ones by their first time on the timeline;
// one without that timeline has no place in its order and goes first too.
std::pair<int, int64_t> OrderKey(const Chunk& chunk, const std::string& timeline) {
  if (chunk.is_static()) return {0, 0};
  const TimeColumn* column = chunk.FindTimeline(timeline);
  if (column == nullptr || column->length() == 0) return {1, std::numeric_limits<int64_t>::min()};
  const int64_t* values = column->values();
  if (column->is_sorted()) return {1, values[0]};
  return {1, *std::min_element(values, values + column->length())};
}

class TimeOrderedMergeIterator final : public ChunkIterator {
 public:
  TimeOrderedMergeIterator(std::vector<std::unique_ptr<ChunkIterator>> inputs, std::string timeline)
      : inputs_(std::move(inputs)), heads_(inputs_.size()), timeline_(std::move(timeline)) {}

  arrow::Result<ChunkPtr> Next() override {
    if (!started_) {
      for (size_t i = 0; i < inputs_.size(); ++i) ARROW_RETURN_NOT_OK(Advance(i));
      started_ = true;
    }
    std::optional<size_t> first;
    for (size_t i = 0; i < heads_.size(); ++i) {
      if (heads_[i].chunk == nullptr) continue;
      if (!first || heads_[i].key < heads_[*first].key) first = i;  // ties: the earlier input
    }
    if (!first) return nullptr;
    ChunkPtr chunk = std::move(heads_[*first].chunk);
    ARROW_RETURN_NOT_OK(Advance(*first));
    return chunk;
  }

 private:
  struct Head {
    ChunkPtr chunk;
    std::pair<int, int64_t> key;
  };

  arrow::Status Advance(size_t input) {
    ARROW_ASSIGN_OR_RAISE(heads_[input].chunk, inputs_[input]->Next());
    if (heads_[input].chunk != nullptr) heads_[input].key = OrderKey(*heads_[input].chunk, timeline_);
    return arrow::Status::OK();
  }

  std::vector<std::unique_ptr<ChunkIterator>> inputs_;
  std::vector<Head> heads_;
  const std::string timeline_;
  bool started_ = false;
};

class TimeOrderedMergeNode final : public StreamNode {
 public:
  TimeOrderedMergeNode(std::vector<StreamNodePtr> inputs, std::string timeline)
      : inputs_(std::move(inputs)), timeline_(std::move(timeline)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    std::vector<std::unique_ptr<ChunkIterator>> iterators;
    for (const auto& input : inputs_) {
      ARROW_ASSIGN_OR_RAISE(auto iterator, input->Open(context, hints.BudgetOnly()));
      iterators.push_back(std::move(iterator));
    }
    return std::make_unique<TimeOrderedMergeIterator>(std::move(iterators), timeline_);
  }

  std::vector<StreamNodePtr> inputs() const override { return inputs_; }

 private:
  std::vector<StreamNodePtr> inputs_;
  std::string timeline_;
};

}  // namespace

StreamNodePtr MakeTimeOrderedMerge(std::vector<StreamNodePtr> inputs, std::string timeline) {
  return std::make_shared<TimeOrderedMergeNode>(std::move(inputs), std::move(timeline));
}

}  // namespace rrflow
