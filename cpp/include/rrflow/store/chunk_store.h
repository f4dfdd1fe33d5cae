// ChunkStore: a fully materialised, in-memory set of chunks.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/store/store_schema.h"

namespace rrflow {

class ChunkStore;
using ChunkStorePtr = std::shared_ptr<const ChunkStore>;

/// Size thresholds of insert-time compaction; 0 disables the matching rule.
struct ChunkStoreConfig {
  /// Largest estimated chunk size in bytes.
  int64_t max_bytes = 0;
  /// Most rows in a chunk whose timelines are all sorted.
  int64_t max_rows = 0;
  /// Most rows in a chunk with an unsorted timeline.
  int64_t max_rows_if_unsorted = 0;

  /// The reference's defaults: 384 KiB, 4096 rows, 1024 unsorted rows.
  static ChunkStoreConfig Default() { return {393216, 4096, 1024}; }
  /// No splitting and no merging: chunks are kept as given.
  static ChunkStoreConfig AllDisabled() { return {0, 0, 0}; }
};

/// Builds a ChunkStore by inserting chunks one at a time, with the
/// reference's insertion rules: chunks with no rows or no components are
/// dropped, a chunk id already stored is ignored, row ids must be sorted, and
/// a newer static chunk takes over the components it holds from older static
/// chunks of the same entity, removing a holder left with nothing (except
/// for Transform3D and Pinhole data). With thresholds enabled, an oversized
/// temporal chunk is split into pieces, and a temporal chunk is merged with
/// the stored chunk of the same entity that best continues it in time.
class ChunkStoreBuilder {
 public:
  /// A builder with the given thresholds, whose schema starts as `schema`
  /// (rebuilding a store keeps the columns its schema ever had).
  explicit ChunkStoreBuilder(ChunkStoreConfig config = ChunkStoreConfig::AllDisabled(),
                             StoreSchema schema = {})
      : config_(config), schema_(std::move(schema)) {}

  arrow::Status Insert(ChunkPtr chunk);

  /// The store built so far; the builder is empty afterwards.
  ChunkStorePtr Finish();

 private:
  struct StoredChunk {
    ChunkPtr chunk;
    int64_t bytes = 0;
    bool split_child = false;  // never split again, never compacted
  };
  struct StaticHolder {
    ChunkId chunk_id;
    RowId row_id;  // the holder's first non-null row for the component
  };
  // (entity path, timeline, component) of the temporal index.
  using IndexKey = std::tuple<std::string, std::string, std::string>;

  void InsertStatic(const ChunkPtr& chunk);
  arrow::Status InsertTemporal(ChunkPtr chunk);
  void AddPhysical(ChunkPtr chunk, bool split_child);
  void RemovePhysical(const ChunkId& id);
  const StoredChunk* ElectCompactionPartner(const Chunk& chunk, int64_t bytes) const;
  int64_t RowLimit(const Chunk& chunk) const;
  bool AbsorbedIntoPresentChunk(ChunkId id) const;

  ChunkStoreConfig config_;
  std::map<ChunkId, StoredChunk> chunks_;
  // Ids of chunks this store made (split pieces, compaction results).
  std::set<ChunkId> derived_;
  // Chunk id -> the compacted chunk that absorbed it.
  std::map<ChunkId, ChunkId> absorbed_into_;
  // Per (entity, timeline, component): start time of each chunk holding it.
  std::map<IndexKey, std::multimap<int64_t, ChunkId>> temporal_index_;
  std::map<std::pair<std::string, std::string>, StaticHolder> static_holders_;
  // How many (entity path, component) pairs each static chunk currently provides.
  std::map<ChunkId, int> static_holdings_;
  StoreSchema schema_;
};

/// An immutable set of chunks keyed by chunk id, with the schema of every
/// column ever inserted.
class ChunkStore {
 public:
  /// Inserts `chunks` in order into an empty store with compaction disabled.
  static arrow::Result<ChunkStorePtr> FromChunks(const std::vector<ChunkPtr>& chunks);

  /// The physical chunks in ascending chunk-id order.
  const std::vector<ChunkPtr>& chunks() const { return chunks_; }
  int64_t num_chunks() const { return static_cast<int64_t>(chunks_.size()); }
  const StoreSchema& schema() const { return schema_; }

  /// One summary line per chunk (see Summarize in chunk_summary.h).
  std::string Summary() const;

 private:
  friend class ChunkStoreBuilder;
  std::vector<ChunkPtr> chunks_;
  StoreSchema schema_;
};

}  // namespace rrflow
