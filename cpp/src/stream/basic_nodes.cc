// Sources, filter/drop and per-chunk transforms: the nodes that run on the
// pulling thread.
#include <deque>

#include "rrflow/lazy_chunk_stream.h"
#include "stream/execution_context_internal.h"

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

ChunkTransform DivideAndKeep(FilterCriteria criteria, bool keep_matched) {
  return [criteria = std::move(criteria),
          keep_matched](const ChunkPtr& chunk) -> arrow::Result<std::vector<ChunkPtr>> {
    auto parts = criteria.Divide(chunk);
    ChunkPtr kept = keep_matched ? std::move(parts.matched) : std::move(parts.unmatched);
    if (kept == nullptr) return std::vector<ChunkPtr>{};
    return std::vector<ChunkPtr>{std::move(kept)};
  };
}

}  // namespace

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
  return MakeTransform(std::move(input), DivideAndKeep(std::move(criteria), true));
}

StreamNodePtr MakeDrop(StreamNodePtr input, FilterCriteria criteria) {
  return MakeTransform(std::move(input), DivideAndKeep(std::move(criteria), false));
}

}  // namespace rrflow
