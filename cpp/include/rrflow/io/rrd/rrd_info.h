// RrdFileInfo: what an `.rrd` file holds, gathered in one decoding pass.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/store_id.h"
#include "rrflow/core/timeline.h"

namespace rrflow {

/// What one component of one entity holds across a store's chunks.
struct RrdComponentStats {
  int64_t chunks = 0;         ///< chunks with a column for it
  int64_t static_chunks = 0;  ///< of those, static ones
  int64_t rows = 0;           ///< rows with data (a non-null list)
  /// Bytes of the column's Arrow buffers once decoded.
  int64_t uncompressed_bytes = 0;
  /// The column's decoded bytes times its chunk's compression ratio (stored
  /// payload over Arrow IPC stream): LZ4 compresses a chunk whole. A chunk's
  /// schema, row ids and times belong to no component.
  int64_t compressed_bytes = 0;
  /// Per timeline, the first and last time of the rows with data (inclusive).
  std::map<std::string, std::pair<int64_t, int64_t>> time_ranges;
};

/// What one entity holds across a store's chunks.
struct RrdEntityStats {
  int64_t chunks = 0;
  int64_t rows = 0;
  int64_t compressed_bytes = 0;    ///< its chunks' stored payloads
  int64_t uncompressed_bytes = 0;  ///< its chunks' Arrow IPC streams
  /// By component identifier (`Points3D:positions`).
  std::map<std::string, RrdComponentStats> components;
};

/// What one store of a file holds.
struct RrdStoreInfo {
  StoreId store_id;
  int64_t num_chunks = 0;
  int64_t num_rows = 0;
  int64_t static_chunks = 0;
  std::set<std::string> entity_paths;
  std::map<std::string, TimeType> timelines;
  /// Bytes of the chunks' ArrowMsg payloads as stored (LZ4-compressed).
  int64_t compressed_bytes = 0;
  /// Bytes of the chunks' Arrow IPC streams once decompressed.
  int64_t uncompressed_bytes = 0;
  /// By entity path as printed.
  std::map<std::string, RrdEntityStats> entities;
};

/// What a whole file holds.
struct RrdFileInfo {
  std::string path;
  int64_t file_bytes = 0;
  bool has_footer = false;
  /// Stores in order of first appearance.
  std::vector<RrdStoreInfo> stores;
};

/// Decodes every chunk of `path` (in parallel) and tallies them per store,
/// entity and component.
arrow::Result<RrdFileInfo> DescribeRrdFile(const std::string& path);

}  // namespace rrflow
