// RrdManifest: the footer's table of where every chunk of a store is in an
// RRD stream and what it holds, for random access without a full scan.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "rrflow/core/store_id.h"
#include "rrflow/core/tuid.h"
#include "rrflow/io/rrd/rrd_message.h"

namespace rrflow {

/// Where one chunk's ArrowMsg is, from one manifest row.
struct ChunkLocation {
  ChunkId chunk_id;  ///< the chunk's id
  /// The entity path as printed (`/points`).
  std::string entity_path;
  bool is_static = false;  ///< the chunk has no timelines
  int64_t num_rows = 0;    ///< the chunk's row count
  /// Absolute file offset of the ArrowMsg payload (after its 16-byte header).
  int64_t byte_offset = 0;
  /// Length of the ArrowMsg payload.
  int64_t byte_size = 0;
  /// Length of the chunk's uncompressed Arrow IPC stream (advisory).
  int64_t byte_size_uncompressed = 0;
};

/// What one manifest row says about its chunk beyond its location: enough to
/// decide filters and time ranges without loading the chunk.
struct ManifestChunk {
  ChunkLocation location;
  /// The range of the chunk's times on one timeline, inclusive.
  struct TimeRange {
    std::string timeline;
    int64_t start = 0;
    int64_t end = 0;
  };
  /// The chunk's time range on each timeline it has, from the per-timeline
  /// `:start`/`:end` columns, in manifest column order.
  std::vector<TimeRange> time_ranges;
  /// The timelines on which some component of the chunk has data, sorted.
  std::vector<std::string> timelines;
  /// The components with data on some timeline, sorted.
  std::vector<std::string> temporal_components;
  /// The components whose `:has_static_data` is true, in manifest order.
  std::vector<std::string> static_components;
  /// The timelines the manifest has range columns for, shared by all rows:
  /// every timeline of the store (so a timeline missing from `time_ranges`
  /// has no rows of the chunk), or none for writers that omit them.
  std::shared_ptr<const std::vector<std::string>> ranged_timelines;
};

/// The manifest of one store in a stream footer.
struct RrdManifest {
  StoreId store_id;  ///< the store described
  /// The store-wide schema: every column of every chunk, as a dataframe
  /// names them (`/points:Points3D:positions`), with Rerun's metadata.
  std::shared_ptr<arrow::Schema> sorbet_schema;
  /// The writer's hash of its encoding of `sorbet_schema` (not reproducible
  /// across Arrow implementations; informational).
  std::optional<std::array<uint8_t, 32>> sorbet_schema_sha256;
  /// One row per chunk in file order: the seven `chunk_*` columns, then
  /// `:has_static_data`, per-timeline `:start`/`:end` and per-(timeline,
  /// component) `:start`/`:end`/`:num_rows` columns.
  std::shared_ptr<arrow::RecordBatch> data;
  /// Absolute file offset of the stream the manifest's byte offsets are
  /// relative to (0 unless streams were concatenated).
  int64_t stream_offset = 0;

  /// The `chunk_*` columns as locations with absolute byte offsets.
  arrow::Result<std::vector<ChunkLocation>> ChunkLocations() const;

  /// Every row read in full: location, time ranges, timelines, components.
  /// The one place that knows what the index columns mean.
  arrow::Result<std::vector<ManifestChunk>> Chunks() const;
};

/// Decodes the RrdFooter in an End message's payload; an empty payload has
/// no manifests. Checks each manifest's fixed columns and column names.
arrow::Result<std::vector<RrdManifest>> DecodeRrdFooter(const RrdMessage& end_message);

}  // namespace rrflow
