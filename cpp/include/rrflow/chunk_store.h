// ChunkStore: a fully materialised, in-memory set of chunks.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

#include "rrflow/chunk.h"
#include "rrflow/store_schema.h"

namespace rrflow {

class ChunkStore;
using ChunkStorePtr = std::shared_ptr<const ChunkStore>;

/// Builds a ChunkStore by inserting chunks one at a time, with the
/// reference's insertion rules (compaction thresholds all disabled):
/// chunks with no rows or no components are dropped, a chunk id already
/// stored is ignored, row ids must be sorted, and a newer static chunk takes
/// over the components it holds from older static chunks of the same entity,
/// removing a holder left with nothing (except for Transform3D and Pinhole
/// data, which keep every holder).
class ChunkStoreBuilder {
 public:
  arrow::Status Insert(ChunkPtr chunk);
  ChunkStorePtr Finish();

 private:
  struct StaticHolder {
    ChunkId chunk_id;
    RowId row_id;  // the holder's first non-null row for the component
  };

  void InsertStatic(const ChunkPtr& chunk);

  std::map<ChunkId, ChunkPtr> chunks_;
  // (entity path, component) -> the chunk currently providing that static data.
  std::map<std::pair<std::string, std::string>, StaticHolder> static_holders_;
  // How many (entity path, component) pairs each static chunk currently provides.
  std::map<ChunkId, int> static_holdings_;
  StoreSchema schema_;
};

/// An immutable set of chunks keyed by chunk id, with the schema of every
/// column ever inserted.
class ChunkStore {
 public:
  /// Inserts `chunks` in order into an empty store (see ChunkStoreBuilder).
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
