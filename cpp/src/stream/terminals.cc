// Running pipelines: Execute and the terminals built on it.
#include "rrflow/stream/lazy_chunk_stream.h"

namespace rrflow {
namespace {

arrow::Status CheckInterrupt(const ExecuteOptions& options) {
  return options.interrupt_check ? options.interrupt_check() : arrow::Status::OK();
}

}  // namespace

arrow::Result<std::unique_ptr<ChunkIterator>> Execute(const StreamNodePtr& node,
                                                      const ExecuteOptions& options) {
  ExecutionContext context(*node, options);
  ScanHints hints;
  hints.byte_budget = context.byte_budget();
  return node->Open(context, hints);
}

arrow::Status Drain(const StreamNodePtr& node, ChunkSink& sink, const ExecuteOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node, options));
  while (true) {
    ARROW_RETURN_NOT_OK(CheckInterrupt(options));
    ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
    if (chunk == nullptr) return sink.Finish();
    ARROW_RETURN_NOT_OK(sink.Write(std::move(chunk)));
  }
}

arrow::Result<std::vector<ChunkPtr>> ToChunks(const StreamNodePtr& node,
                                              const ExecuteOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node, options));
  std::vector<ChunkPtr> chunks;
  while (true) {
    ARROW_RETURN_NOT_OK(CheckInterrupt(options));
    auto chunk = iterator->Next();
    if (!chunk.ok()) {
      if (chunks.empty()) return chunk.status();
      // The chunks before the error are lost to this terminal; say how to get them.
      return chunk.status().WithMessage(
          chunk.status().message(), " (after ", chunks.size(),
          chunks.size() == 1 ? " chunk" : " chunks",
          "; iterate the stream to receive them before the error)");
    }
    if (*chunk == nullptr) return chunks;
    chunks.push_back(std::move(*chunk));
  }
}

arrow::Result<ChunkStorePtr> Collect(const StreamNodePtr& node, const ChunkStoreConfig& config,
                                     const ExecuteOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node, options));
  ChunkStoreBuilder builder(config);
  while (true) {
    ARROW_RETURN_NOT_OK(CheckInterrupt(options));
    ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
    if (chunk == nullptr) return builder.Finish();
    auto inserted = builder.Insert(std::move(chunk));
    if (!inserted.ok()) {
      return arrow::Status(inserted.code(), "Failed to add chunk to store: " + inserted.message());
    }
  }
}

}  // namespace rrflow
