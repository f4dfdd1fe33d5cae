// RrdFileInfo: what an `.rrd` file holds, gathered in one decoding pass.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "rrflow/core/store_id.h"
#include "rrflow/core/timeline.h"

namespace rrflow {

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
};

/// What a whole file holds.
struct RrdFileInfo {
  std::string path;
  int64_t file_bytes = 0;
  bool has_footer = false;
  /// Stores in order of first appearance.
  std::vector<RrdStoreInfo> stores;
};

/// Decodes every chunk of `path` (in parallel) and tallies them per store.
arrow::Result<RrdFileInfo> DescribeRrdFile(const std::string& path);

}  // namespace rrflow
