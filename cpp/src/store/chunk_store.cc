#include "rrflow/chunk_store.h"

#include "rrflow/chunk_summary.h"
#include "rrflow/status.h"

namespace rrflow {
namespace {

// Data of these archetypes accumulates: an older static holder is never removed.
bool KeepsOverwrittenHolders(const ComponentDescriptor& descriptor) {
  return descriptor.archetype == "rerun.archetypes.Transform3D" ||
         descriptor.archetype == "rerun.archetypes.Pinhole";
}

std::optional<RowId> FirstNonNullRowId(const Chunk& chunk, const ComponentColumn& column) {
  for (int64_t row = 0; row < chunk.num_rows(); ++row) {
    if (column.list->IsValid(row)) return chunk.row_id(row);
  }
  return std::nullopt;
}

}  // namespace

arrow::Status ChunkStoreBuilder::Insert(ChunkPtr chunk) {
  if (chunk->is_empty() || chunk->components().empty()) return arrow::Status::OK();
  if (chunks_.count(chunk->id()) != 0) return arrow::Status::OK();
  if (!chunk->is_sorted()) {
    return RuntimeError("Chunks must be sorted before insertion in the chunk store");
  }
  schema_.Add(*chunk);
  if (chunk->is_static()) InsertStatic(chunk);
  chunks_.emplace(chunk->id(), std::move(chunk));
  return arrow::Status::OK();
}

void ChunkStoreBuilder::InsertStatic(const ChunkPtr& chunk) {
  const std::string& entity = chunk->entity_path().ToString();
  for (const auto& column : chunk->components()) {
    const auto row_id = FirstNonNullRowId(*chunk, column);
    if (!row_id) continue;
    auto [it, inserted] = static_holders_.try_emplace({entity, column.descriptor.component},
                                                      StaticHolder{chunk->id(), *row_id});
    if (inserted) {
      ++static_holdings_[chunk->id()];
      continue;
    }
    StaticHolder& holder = it->second;
    if (*row_id <= holder.row_id) continue;  // the stored data is newer
    // The older holder loses this component; with nothing left to provide, it goes.
    if (--static_holdings_[holder.chunk_id] == 0) {
      static_holdings_.erase(holder.chunk_id);
      if (!KeepsOverwrittenHolders(column.descriptor)) chunks_.erase(holder.chunk_id);
    }
    holder = StaticHolder{chunk->id(), *row_id};
    ++static_holdings_[chunk->id()];
  }
}

ChunkStorePtr ChunkStoreBuilder::Finish() {
  auto store = std::shared_ptr<ChunkStore>(new ChunkStore());
  store->chunks_.reserve(chunks_.size());
  for (auto& [id, chunk] : chunks_) store->chunks_.push_back(std::move(chunk));
  store->schema_ = std::move(schema_);
  chunks_.clear();
  static_holders_.clear();
  static_holdings_.clear();
  schema_ = StoreSchema();
  return store;
}

arrow::Result<ChunkStorePtr> ChunkStore::FromChunks(const std::vector<ChunkPtr>& chunks) {
  ChunkStoreBuilder builder;
  for (const auto& chunk : chunks) ARROW_RETURN_NOT_OK(builder.Insert(chunk));
  return builder.Finish();
}

std::string ChunkStore::Summary() const { return Summarize(chunks_); }

}  // namespace rrflow
