// Sources, filter/drop and per-chunk transforms: the nodes that run on the
// pulling thread.
#include <deque>

#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {
namespace {

// Hands out a shared list of chunks, skipping those the leading filters'
// chunk-level predicates reject.
class ChunkListIterator final : public ChunkIterator {
 public:
  ChunkListIterator(std::shared_ptr<const std::vector<ChunkPtr>> chunks, FilterCriteria selection)
      : chunks_(std::move(chunks)), selection_(std::move(selection)) {}
  arrow::Result<ChunkPtr> Next() override {
    while (next_ < chunks_->size()) {
      const ChunkPtr& chunk = (*chunks_)[next_++];
      if (selection_.PredicatesHold(*chunk, &memo_)) return chunk;
    }
    return nullptr;
  }

 private:
  std::shared_ptr<const std::vector<ChunkPtr>> chunks_;
  FilterCriteria selection_;
  FilterCriteria::ContentMemo memo_;
  size_t next_ = 0;
};

class ChunkListSource final : public ChunkSource {
 public:
  explicit ChunkListSource(std::shared_ptr<const std::vector<ChunkPtr>> chunks)
      : chunks_(std::move(chunks)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext&,
                                                     const ScanHints& hints) const override {
    return std::make_unique<ChunkListIterator>(chunks_, hints.Selection());
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

class PullSource final : public ChunkSource {
 public:
  explicit PullSource(ChunkPullFactory factory) : factory_(std::move(factory)) {}
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext&,
                                                     const ScanHints&) const override {
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

// filter() and drop(). A filter adds its criteria to the hints it passes
// down, so that the source below a run of filters can skip what they would
// all reject; a drop keeps what its consumer's filters would not see, so it
// passes only the byte budget.
class SelectNode final : public StreamNode {
 public:
  SelectNode(StreamNodePtr input, FilterCriteria criteria, bool keep_matched)
      : input_(std::move(input)), criteria_(std::move(criteria)), keep_matched_(keep_matched) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    ScanHints below = hints.BudgetOnly();
    if (keep_matched_) {
      below = hints;
      below.filters.insert(below.filters.begin(), criteria_);
    }
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context, below));
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
  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context, hints.BudgetOnly()));
    return std::make_unique<TransformIterator>(std::move(input), transform_);
  }
  std::vector<StreamNodePtr> inputs() const override { return {input_}; }

 private:
  StreamNodePtr input_;
  ChunkTransform transform_;
};

}  // namespace

StreamNodePtr MakeChunkListSource(std::vector<ChunkPtr> chunks) {
  return std::make_shared<ChunkListSource>(
      std::make_shared<const std::vector<ChunkPtr>>(std::move(chunks)));
}

StreamNodePtr MakeChunkStoreSource(ChunkStorePtr store) {
  // The store's chunk list is immutable and shared: no copy per execution.
  auto chunks = std::shared_ptr<const std::vector<ChunkPtr>>(store, &store->chunks());
  return std::make_shared<ChunkListSource>(std::move(chunks));
}

StreamNodePtr MakePullSource(ChunkPullFactory factory) {
  return std::make_shared<PullSource>(std::move(factory));
}

StreamNodePtr MakeTransform(StreamNodePtr input, ChunkTransform transform) {
  return std::make_shared<TransformNode>(std::move(input), std::move(transform));
}

StreamNodePtr MakeFilter(StreamNodePtr input, FilterCriteria criteria) {
  return std::make_shared<SelectNode>(std::move(input), std::move(criteria), true);
}

StreamNodePtr MakeDrop(StreamNodePtr input, FilterCriteria criteria) {
  return std::make_shared<SelectNode>(std::move(input), std::move(criteria), false);
}

}  // namespace rrflow
