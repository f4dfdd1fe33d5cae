// Running pipelines: Execute and the terminals built on it.
#include "rrflow/stream/lazy_chunk_stream.h"
#include "stream/execution_context_internal.h"

namespace rrflow {

arrow::Result<std::unique_ptr<ChunkIterator>> Execute(const StreamNodePtr& node) {
  internal::ExecutionContext context(node);
  return node->Open(context);
}

arrow::Result<std::vector<ChunkPtr>> ToChunks(const StreamNodePtr& node) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node));
  std::vector<ChunkPtr> chunks;
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
    if (chunk == nullptr) return chunks;
    chunks.push_back(std::move(chunk));
  }
}

arrow::Result<ChunkStorePtr> Collect(const StreamNodePtr& node, const ChunkStoreConfig& config) {
  ARROW_ASSIGN_OR_RAISE(auto iterator, Execute(node));
  ChunkStoreBuilder builder(config);
  while (true) {
    ARROW_ASSIGN_OR_RAISE(auto chunk, iterator->Next());
    if (chunk == nullptr) return builder.Finish();
    auto inserted = builder.Insert(std::move(chunk));
    if (!inserted.ok()) {
      return arrow::Status(inserted.code(), "Failed to add chunk to store: " + inserted.message());
    }
  }
}

}  // namespace rrflow
