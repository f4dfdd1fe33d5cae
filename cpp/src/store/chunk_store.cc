#include "rrflow/store/chunk_store.h"

#include <algorithm>

#include "rrflow/chunk/chunk_ops.h"
#include "rrflow/chunk/chunk_summary.h"
#include "rrflow/core/status.h"

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

bool AllTimelinesSorted(const Chunk& chunk) {
  return std::all_of(chunk.timelines().begin(), chunk.timelines().end(),
                     [](const TimeColumn& column) { return column.is_sorted(); });
}

// The time range of `timeline` over the rows where `column` has data.
std::optional<std::pair<int64_t, int64_t>> ComponentTimeRange(const TimeColumn& timeline,
                                                              const ComponentColumn& column) {
  std::optional<std::pair<int64_t, int64_t>> range;
  const int64_t* times = timeline.values();
  for (int64_t row = 0; row < timeline.length(); ++row) {
    if (!column.list->IsValid(row)) continue;
    if (!range) {
      range = {times[row], times[row]};
    } else {
      range->first = std::min(range->first, times[row]);
      range->second = std::max(range->second, times[row]);
    }
  }
  return range;
}

// Pieces of `chunk` that respect the thresholds, or just the chunk.
arrow::Result<std::vector<ChunkPtr>> SplitIfNeeded(const ChunkPtr& chunk,
                                                   const ChunkStoreConfig& config) {
  const int64_t rows = chunk->num_rows();
  const int64_t bytes = EstimatedChunkBytes(*chunk);
  if (rows < 2) return std::vector<ChunkPtr>{chunk};
  const bool too_big = config.max_bytes > 0 && bytes > config.max_bytes;
  const bool too_long = config.max_rows > 0 && rows > config.max_rows;
  const bool too_long_unsorted = config.max_rows_if_unsorted > 0 &&
                                 rows > config.max_rows_if_unsorted && !AllTimelinesSorted(*chunk);
  if (!too_big && !too_long && !too_long_unsorted) return std::vector<ChunkPtr>{chunk};

  int64_t target = too_long_unsorted ? config.max_rows_if_unsorted
                   : too_long        ? config.max_rows
                                     : config.max_bytes / std::max<int64_t>(1, bytes / rows);
  target = std::max<int64_t>(1, target);
  std::vector<ChunkPtr> pieces;
  for (int64_t offset = 0; offset < rows; offset += target) {
    ARROW_ASSIGN_OR_RAISE(auto piece, SliceRows(*chunk, offset, std::min(target, rows - offset)));
    // Byte-based pieces can still be too large: check them again.
    ARROW_ASSIGN_OR_RAISE(auto smaller, SplitIfNeeded(piece, config));
    pieces.insert(pieces.end(), smaller.begin(), smaller.end());
  }
  return pieces;
}

}  // namespace

arrow::Status ChunkStoreBuilder::Insert(ChunkPtr chunk) {
  if (derived_.count(chunk->id()) != 0) return arrow::Status::OK();
  if (chunk->is_empty() || chunk->components().empty()) return arrow::Status::OK();
  if (chunks_.count(chunk->id()) != 0) return arrow::Status::OK();
  if (!chunk->is_sorted()) {
    return RuntimeError("Chunks must be sorted before insertion in the chunk store");
  }
  if (AbsorbedIntoPresentChunk(chunk->id())) return arrow::Status::OK();
  schema_.Add(*chunk);
  if (chunk->is_static()) {
    InsertStatic(chunk);
    AddPhysical(std::move(chunk), /*split_child=*/false);
    return arrow::Status::OK();
  }
  ARROW_ASSIGN_OR_RAISE(auto pieces, SplitIfNeeded(chunk, config_));
  if (pieces.size() > 1) {
    for (auto& piece : pieces) {
      derived_.insert(piece->id());
      AddPhysical(std::move(piece), /*split_child=*/true);
    }
    return arrow::Status::OK();
  }
  return InsertTemporal(std::move(chunk));
}

bool ChunkStoreBuilder::AbsorbedIntoPresentChunk(ChunkId id) const {
  for (auto it = absorbed_into_.find(id); it != absorbed_into_.end();
       it = absorbed_into_.find(it->second)) {
    if (chunks_.count(it->second) != 0) return true;
  }
  return false;
}

int64_t ChunkStoreBuilder::RowLimit(const Chunk& chunk) const {
  return AllTimelinesSorted(chunk) ? config_.max_rows : config_.max_rows_if_unsorted;
}

const ChunkStoreBuilder::StoredChunk* ChunkStoreBuilder::ElectCompactionPartner(
    const Chunk& chunk, int64_t bytes) const {
  if (config_.max_bytes <= 0 || bytes > config_.max_bytes) return nullptr;
  if (chunk.num_rows() > RowLimit(chunk)) return nullptr;

  // Candidates next to the chunk in time, per (timeline, component) it holds.
  std::map<ChunkId, int64_t> scores;
  const std::string& entity = chunk.entity_path().ToString();
  for (const auto& timeline : chunk.timelines()) {
    for (const auto& column : chunk.components()) {
      const auto range = ComponentTimeRange(timeline, column);
      if (!range) continue;
      const auto index = temporal_index_.find({entity, timeline.name(), column.descriptor.component});
      if (index == temporal_index_.end()) continue;
      const auto& starts = index->second;
      auto add = [&](auto first, auto last, int64_t weight) {
        for (auto it = first; it != last; ++it) {
          scores[it->second] += weight * chunks_.at(it->second).chunk->num_rows();
        }
      };
      // The start right below, the start equal to, and the start right above ours.
      auto below = starts.lower_bound(range->first);
      if (below != starts.begin()) {
        const int64_t start = std::prev(below)->first;
        add(starts.lower_bound(start), starts.upper_bound(start), 1);
      }
      add(starts.lower_bound(range->first), starts.upper_bound(range->first), 2);
      auto above = starts.upper_bound(range->second);
      if (above != starts.end()) {
        const int64_t start = above->first;
        add(starts.lower_bound(start), starts.upper_bound(start), 1);
      }
    }
  }

  const StoredChunk* best = nullptr;
  int64_t best_score = 0;
  for (const auto& [id, score] : scores) {
    const StoredChunk& candidate = chunks_.at(id);
    if (candidate.split_child || candidate.chunk->id() == chunk.id()) continue;
    if (!AreConcatenable(*candidate.chunk, chunk)) continue;
    if (candidate.bytes + bytes > config_.max_bytes) continue;
    if (candidate.chunk->num_rows() + chunk.num_rows() > RowLimit(*candidate.chunk)) continue;
    if (score > best_score) {  // ties: the oldest chunk id, visited first
      best = &candidate;
      best_score = score;
    }
  }
  return best;
}

arrow::Status ChunkStoreBuilder::InsertTemporal(ChunkPtr chunk) {
  const int64_t bytes = EstimatedChunkBytes(*chunk);
  const StoredChunk* partner = ElectCompactionPartner(*chunk, bytes);
  if (partner == nullptr) {
    AddPhysical(std::move(chunk), /*split_child=*/false);
    return arrow::Status::OK();
  }
  ChunkPtr winner = partner->chunk;
  ARROW_ASSIGN_OR_RAISE(auto merged, ConcatAndSort(winner, chunk));
  absorbed_into_[winner->id()] = merged->id();
  absorbed_into_[chunk->id()] = merged->id();
  derived_.insert(merged->id());
  RemovePhysical(winner->id());
  AddPhysical(std::move(merged), /*split_child=*/false);
  return arrow::Status::OK();
}

void ChunkStoreBuilder::AddPhysical(ChunkPtr chunk, bool split_child) {
  const std::string& entity = chunk->entity_path().ToString();
  for (const auto& timeline : chunk->timelines()) {
    for (const auto& column : chunk->components()) {
      if (const auto range = ComponentTimeRange(timeline, column)) {
        temporal_index_[{entity, timeline.name(), column.descriptor.component}].emplace(
            range->first, chunk->id());
      }
    }
  }
  const int64_t bytes = EstimatedChunkBytes(*chunk);
  const ChunkId id = chunk->id();
  chunks_.emplace(id, StoredChunk{std::move(chunk), bytes, split_child});
}

void ChunkStoreBuilder::RemovePhysical(const ChunkId& id) {
  auto it = chunks_.find(id);
  if (it == chunks_.end()) return;
  const Chunk& chunk = *it->second.chunk;
  const std::string& entity = chunk.entity_path().ToString();
  for (const auto& timeline : chunk.timelines()) {
    for (const auto& column : chunk.components()) {
      auto index = temporal_index_.find({entity, timeline.name(), column.descriptor.component});
      if (index == temporal_index_.end()) continue;
      auto& starts = index->second;
      for (auto entry = starts.begin(); entry != starts.end();) {
        entry = entry->second == id ? starts.erase(entry) : std::next(entry);
      }
    }
  }
  chunks_.erase(it);
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
      if (!KeepsOverwrittenHolders(column.descriptor)) RemovePhysical(holder.chunk_id);
    }
    holder = StaticHolder{chunk->id(), *row_id};
    ++static_holdings_[chunk->id()];
  }
}

ChunkStorePtr ChunkStoreBuilder::Finish() {
  auto store = std::shared_ptr<ChunkStore>(new ChunkStore());
  store->chunks_.reserve(chunks_.size());
  for (auto& [id, stored] : chunks_) store->chunks_.push_back(std::move(stored.chunk));
  store->schema_ = std::move(schema_);
  *this = ChunkStoreBuilder(config_);
  return store;
}

arrow::Result<ChunkStorePtr> ChunkStore::FromChunks(const std::vector<ChunkPtr>& chunks) {
  ChunkStoreBuilder builder;
  for (const auto& chunk : chunks) ARROW_RETURN_NOT_OK(builder.Insert(chunk));
  return builder.Finish();
}

std::string ChunkStore::Summary() const { return Summarize(chunks_); }

}  // namespace rrflow
