// ManifestBuilder: collects, chunk by chunk, what a store's footer manifest
// says (spec rrd-format.md §7.2-7.4) and encodes it when the stream ends.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "io/rrd/protobuf_conversion_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/core/store_id.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/store/store_schema.h"

namespace rrflow::internal {

class ManifestBuilder {
 public:
  explicit ManifestBuilder(StoreId store_id) : store_id_(std::move(store_id)) {}

  /// A builder whose rows are those of `source`, a manifest read from another
  /// file, in its order: for chunks copied there without being decoded. Each
  /// AddCopied() gives the next row its place in the new stream.
  static std::unique_ptr<ManifestBuilder> Carrying(StoreId store_id, RrdManifest source);

  /// Whether the rows come from a carried manifest (AddCopied, not Add).
  bool carrying() const { return carried_.has_value(); }
  /// The next carried row's chunk is at `byte_offset` with `byte_size` bytes.
  void AddCopied(int64_t byte_offset, int64_t byte_size);

  /// Adds the row of `chunk`, whose ArrowMsg payload of `byte_size` bytes
  /// starts `byte_offset` bytes after the start of the stream.
  void Add(const Chunk& chunk, int64_t byte_offset, int64_t byte_size, int64_t ipc_size);

  const StoreId& store_id() const { return store_id_; }

  /// One row per chunk in the order added.
  arrow::Result<std::shared_ptr<arrow::RecordBatch>> BuildRecordBatch() const;

  /// The store-wide schema: every column of every chunk, as a dataframe names them.
  std::shared_ptr<arrow::Schema> BuildSorbetSchema() const;

  /// The protobuf manifest: store id, schema and its SHA-256, and the record
  /// batch as an LZ4-compressed DataframePart. A carried manifest must have
  /// had a chunk copied for each of its rows.
  arrow::Result<pb_log::RrdManifest> Finish() const;

 private:
  using DescriptorKey =
      std::tuple<std::optional<std::string>, std::string, std::optional<std::string>>;

  struct TimeRange {
    int64_t start = 0;
    int64_t end = 0;
  };
  // A component's rows (non-null entries) on one timeline within one chunk.
  struct ComponentRange {
    std::optional<TimeRange> range;
    uint64_t num_rows = 0;
  };
  struct Row {
    std::string entity_path;
    ChunkId id;
    bool is_static = false;
    uint64_t num_rows = 0;
    uint64_t byte_offset = 0;
    uint64_t byte_size = 0;
    uint64_t ipc_size = 0;
    std::vector<DescriptorKey> static_components;
    std::map<std::string, TimeRange> timeline_ranges;
    std::map<std::pair<std::string, DescriptorKey>, ComponentRange> component_ranges;
  };

  // The carried manifest's rows with their new places (see Carrying).
  struct Carried {
    RrdManifest source;
    std::vector<uint64_t> byte_offsets;
    std::vector<uint64_t> byte_sizes;
  };
  arrow::Result<std::shared_ptr<arrow::RecordBatch>> CarriedRecordBatch() const;

  StoreId store_id_;
  std::optional<Carried> carried_;
  std::vector<Row> rows_;
  std::map<std::string, TimeType> timelines_;
  std::map<DescriptorKey, ComponentDescriptor> descriptors_;
  StoreSchema schema_;
};

}  // namespace rrflow::internal
