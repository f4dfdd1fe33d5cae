// LazyChunkStream.lenses: lenses as a stream step that transforms several
// chunks at once on the process-wide CPU pool and emits them in input order.
#include <deque>

#include "rrflow/core/status.h"
#include "rrflow/query/lens.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "rrflow/stream/ordered_tasks.h"

namespace rrflow {
namespace {

using Outputs = std::vector<ChunkPtr>;

class LensStep {
 public:
  LensStep(LensSet lenses, LensOutputMode mode, std::optional<ContentFilter> content)
      : lenses_(std::move(lenses)), mode_(mode), content_(std::move(content)) {}

  arrow::Result<Outputs> operator()(const ChunkPtr& chunk) const {
    // Outside `content` a chunk passes as it is, whatever the mode.
    if (content_.has_value() && !content_->Matches(chunk->entity_path())) return Outputs{chunk};
    auto outputs = lenses_.Apply(chunk, mode_);
    if (!outputs.ok()) return RuntimeError("Lenses error: ", outputs.status().message());
    return outputs;
  }

 private:
  LensSet lenses_;
  LensOutputMode mode_;
  std::optional<ContentFilter> content_;
};

// Work is handed to the pool in batches of chunks: lenses on a small chunk
// take about a microsecond, less than a task hand-off costs.
constexpr int64_t kRowsPerTask = 1 << 16;
constexpr size_t kChunksPerTask = 256;

// Pulls ahead of the consumer, keeping a bounded window of batches in work.
class LensIterator final : public ChunkIterator {
 public:
  LensIterator(std::unique_ptr<ChunkIterator> input, std::shared_ptr<const LensStep> step)
      : input_(std::move(input)), step_(std::move(step)) {}

  arrow::Result<ChunkPtr> Next() override {
    while (ready_.empty()) {
      while (!input_done_ && !tasks_.full()) {
        ARROW_ASSIGN_OR_RAISE(auto batch, NextBatch());
        if (batch.empty()) break;
        ARROW_RETURN_NOT_OK(tasks_.Submit([step = step_, batch = std::move(batch)]() -> arrow::Result<Outputs> {
          Outputs outputs;
          for (const auto& chunk : batch) {
            ARROW_ASSIGN_OR_RAISE(auto produced, (*step)(chunk));
            outputs.insert(outputs.end(), produced.begin(), produced.end());
          }
          return outputs;
        }));
      }
      if (tasks_.empty()) return nullptr;
      ARROW_ASSIGN_OR_RAISE(auto outputs, tasks_.TakeOldest());
      for (auto& output : outputs) ready_.push_back(std::move(output));
    }
    ChunkPtr next = std::move(ready_.front());
    ready_.pop_front();
    return next;
  }

 private:
  arrow::Result<std::vector<ChunkPtr>> NextBatch() {
    std::vector<ChunkPtr> batch;
    int64_t rows = 0;
    while (rows < kRowsPerTask && batch.size() < kChunksPerTask) {
      ARROW_ASSIGN_OR_RAISE(auto chunk, input_->Next());
      if (chunk == nullptr) {
        input_done_ = true;
        break;
      }
      rows += chunk->num_rows();
      batch.push_back(std::move(chunk));
    }
    return batch;
  }

  std::unique_ptr<ChunkIterator> input_;
  std::shared_ptr<const LensStep> step_;
  OrderedTasks<Outputs> tasks_;
  std::deque<ChunkPtr> ready_;
  bool input_done_ = false;
};

class LensNode final : public StreamNode {
 public:
  LensNode(StreamNodePtr input, std::shared_ptr<const LensStep> step)
      : input_(std::move(input)), step_(std::move(step)) {}

  arrow::Result<std::unique_ptr<ChunkIterator>> Open(ExecutionContext& context,
                                                     const ScanHints& hints) const override {
    ARROW_ASSIGN_OR_RAISE(auto input, input_->Open(context, hints.BudgetOnly()));
    return std::make_unique<LensIterator>(std::move(input), step_);
  }

  std::vector<StreamNodePtr> inputs() const override { return {input_}; }

 private:
  StreamNodePtr input_;
  std::shared_ptr<const LensStep> step_;
};

}  // namespace

StreamNodePtr MakeLenses(StreamNodePtr input, LensSet lenses, LensOutputMode mode,
                         std::optional<ContentFilter> content) {
  return std::make_shared<LensNode>(
      std::move(input), std::make_shared<const LensStep>(std::move(lenses), mode, std::move(content)));
}

}  // namespace rrflow
