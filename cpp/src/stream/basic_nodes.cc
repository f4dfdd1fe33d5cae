// Sources, filter/drop and per-chunk transforms: the nodes that run on the
// pulling thread.
#include <algorithm>
#include <deque>

#include "rrflow/stream/lazy_chunk_stream.h"
#include "stream/execution_context_internal.h"
#include "stream/selectable_source_internal.h"

namespace rrflow {
namespace {

class ChunkListIterator final : public ChunkIterator {
 public:
  explicit ChunkListIterator(std::shared_ptr<const std::vector<ChunkPtr>> chunks)
      : chunks_(std::move(chunks)) {}
  arrow::Result<ChunkPtr> Next() override {
    if (next_ >= chunks_->size()) return nullptr;
    return (*chunks_)[next_++];
  }

 private:
  std::shared_ptr<const std::vector<ChunkPtr>> chunks_;
  size_t next_ = 0;
};

class ChunkListSource final : public StreamNode {
 public:
  explicit ChunkListSource(std::vector<ChunkPtr> chunks)
      : chunks_(std::make_shared<const std::vector<ChunkPtr>>(std::move(chunks))) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(internal::ExecutionContext&) const override {
    return std::make_unique<ChunkListIterator>(chunks_);
  }

 private:
  std::shared_ptr<const std::vector<ChunkPtr>> chunks_;
};

class PullIterator final : public ChunkIterator {
 public:
  explicit PullIterator(ChunkPull pull) : pull_(std::move(pull)) {}
  arrow::Result<ChunkPtr> Next() override {
    if (done_) return nullptr;
    auto chunk = pull_();
    if (!chunk.ok() || *chunk == nullptr) done_ = true;
    return chunk;
  }

 private:
  ChunkPull pull_;
  bool done_ = false;
};

class PullSource final : public StreamNode {
 public:
  explicit PullSource(ChunkPullFactory factory) : factory_(std::move(factory)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(internal::ExecutionContext&) const override {
    ARROW_ASSIGN_OR_RAISE(auto pull, factory_());
    return std::make_unique<PullIterator>(std::move(pull));
  }

 private:
  ChunkPullFactory factory_;
};

// Emits, for each input chunk, the outputs of `transform` in order.
class TransformIterator final : public ChunkIterator {
 public:
  TransformIterator(std::unique_ptr<ChunkIterator> input, ChunkTransform transform)
      : input_(std::move(input)), transform_(std::move(transform)) {}

  arrow::Result<ChunkPtr> Next() override {
    while (pending_.empty()) {
      ARROW_ASSIGN_OR_RAISE(auto chunk, input_->Next());
      if (chunk == nullptr) return nullptr;
      ARROW_ASSIGN_OR_RAISE(auto outputs, transform_(chunk));
      for (auto& output : outputs) pending_.push_back(std::move(output));
    }
    ChunkPtr next = std::move(pending_.front());
    pending_.pop_front();
    return next;
  }

 private:
  std::unique_ptr<ChunkIterator> input_;
  ChunkTransform transform_;
  std::deque<ChunkPtr> pending_;
};

// Keeps one side of FilterCriteria::Divide of each chunk: filter() keeps the
// matched part, drop() the unmatched one.
class SelectIterator final : public ChunkIterator {
 public:
  SelectIterator(std::unique_ptr<ChunkIterator> input, FilterCriteria criteria, bool keep_matched)
      : input_(std::move(input)), criteria_(std::move(criteria)), keep_matched_(keep_matched) {}

  arrow::Result<ChunkPtr> Next() override {
    while (true) {
      ARROW_ASSIGN_OR_RAISE(auto chunk, input_->Next());
      if (chunk == nullptr) return nullptr;
      // Most chunks fail or pass the chunk-level predicates outright.
      if (!criteria_.PredicatesHold(*chunk, &memo_)) {
        if (keep_matched_) continue;
        return chunk;
      }
      if (!criteria_.components) {
        if (keep_matched_) return chunk;
        continue;
      }
      auto parts = criteria_.Divide(chunk, &memo_);
      ChunkPtr kept = keep_matched_ ? std::move(parts.matched) : std::move(parts.unmatched);
      if (kept != nullptr) return kept;
    }
  }

 private:
  std::unique_ptr<ChunkIterator> input_;
  FilterCriteria criteria_;
  bool keep_matched_;
  FilterCriteria::ContentMemo memo_;
};

class SelectNode final : public StreamNode {
 public:
  SelectNode(StreamNodePtr input, FilterCriteria criteria, bool keep_matched)
      : input_(std::move(input)), criteria_(std::move(criteria)), keep_matched_(keep_matched) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(
      internal::ExecutionContext& context) const override {
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context));
    return std::make_unique<SelectIterator>(std::move(input), criteria_, keep_matched_);
  }
  std::vector<StreamNodePtr> inputs() const override { return {input_}; }

 private:
  StreamNodePtr input_;
  FilterCriteria criteria_;
  bool keep_matched_;
};

class TransformNode final : public StreamNode {
 public:
  TransformNode(StreamNodePtr input, ChunkTransform transform)
      : input_(std::move(input)), transform_(std::move(transform)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(
      internal::ExecutionContext& context) const override {
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context));
    return std::make_unique<TransformIterator>(std::move(input), transform_);
  }
  std::vector<StreamNodePtr> inputs() const override { return {input_}; }

 private:
  StreamNodePtr input_;
  ChunkTransform transform_;
};

// filter(): also lets a selectable source below a run of filters skip the
// chunks they would all reject.
class FilterNode final : public StreamNode {
 public:
  FilterNode(StreamNodePtr input, FilterCriteria criteria)
      : input_(std::move(input)), criteria_(std::move(criteria)) {}

  std::vector<StreamNodePtr> inputs() const override { return {input_}; }
  const FilterCriteria& criteria() const { return criteria_; }
  const StreamNodePtr& input() const { return input_; }

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(
      internal::ExecutionContext& context) const override {
    // This filter and the filters below it, outermost first.
    std::vector<const FilterNode*> chain = {this};
    while (const auto* below = dynamic_cast<const FilterNode*>(chain.back()->input_.get())) {
      chain.push_back(below);
    }
    const auto* source = dynamic_cast<const internal::SelectableSource*>(chain.back()->input_.get());
    std::unique_ptr<ChunkIterator> iterator;
    if (source != nullptr) {
      std::vector<const FilterCriteria*> leading;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) leading.push_back(&(*it)->criteria_);
      ARROW_ASSIGN_OR_RAISE(iterator,
                            source->OpenSelected(context, internal::FuseLeadingFilters(leading)));
    } else {
      ARROW_ASSIGN_OR_RAISE(iterator, chain.back()->input_->Open(context));
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      iterator = std::make_unique<SelectIterator>(std::move(iterator), (*it)->criteria_, true);
    }
    return iterator;
  }

 private:
  StreamNodePtr input_;
  FilterCriteria criteria_;
};

}  // namespace

namespace internal {

FilterCriteria FuseLeadingFilters(const std::vector<const FilterCriteria*>& filters) {
  FilterCriteria fused;
  for (const FilterCriteria* next : filters) {
    FilterCriteria merged = fused;
    bool mergeable = true;
    if (next->content) {
      if (merged.content && !(*merged.content == *next->content)) mergeable = false;
      merged.content = next->content;
    }
    if (next->has_timeline) {
      if (merged.has_timeline && *merged.has_timeline != *next->has_timeline) mergeable = false;
      merged.has_timeline = next->has_timeline;
    }
    if (next->is_static) {
      if (merged.is_static && *merged.is_static != *next->is_static) mergeable = false;
      merged.is_static = next->is_static;
    }
    if (next->components) {
      if (merged.components) {
        std::vector<std::string> both;
        for (const auto& c : *merged.components) {
          if (std::find(next->components->begin(), next->components->end(), c) !=
              next->components->end()) {
            both.push_back(c);
          }
        }
        if (both.empty()) mergeable = false;
        merged.components = std::move(both);
      } else {
        merged.components = next->components;
      }
    }
    if (!mergeable) break;
    fused = std::move(merged);
  }
  return fused;
}

}  // namespace internal

StreamNodePtr MakeChunkListSource(std::vector<ChunkPtr> chunks) {
  return std::make_shared<ChunkListSource>(std::move(chunks));
}

StreamNodePtr MakePullSource(ChunkPullFactory factory) {
  return std::make_shared<PullSource>(std::move(factory));
}

StreamNodePtr MakeTransform(StreamNodePtr input, ChunkTransform transform) {
  return std::make_shared<TransformNode>(std::move(input), std::move(transform));
}

StreamNodePtr MakeFilter(StreamNodePtr input, FilterCriteria criteria) {
  return std::make_shared<FilterNode>(std::move(input), std::move(criteria));
}

StreamNodePtr MakeDrop(StreamNodePtr input, FilterCriteria criteria) {
  return std::make_shared<SelectNode>(std::move(input), std::move(criteria), false);
}

}  // namespace rrflow
