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
#include "rrflow/store/store_schema.h"

namespace rrflow::internal {

class ManifestBuilder {
 public:
  explicit ManifestBuilder(StoreId store_id) : store_id_(std::move(store_id)) {}

  /// Adds the row of `chunk`, whose ArrowMsg payload of `byte_size` bytes
  /// starts `byte_offset` bytes after the start of the stream.
  void Add(const Chunk& chunk, int64_t byte_offset, int64_t byte_size, int64_t ipc_size);

  const StoreId& store_id() const { return store_id_; }

  /// One row per chunk in the order added.
  arrow::Result<std::shared_ptr<arrow::RecordBatch>> BuildRecordBatch() const;

  /// The store-wide schema: every column of every chunk, as a dataframe names them.
  std::shared_ptr<arrow::Schema> BuildSorbetSchema() const;

  /// The protobuf manifest: store id, schema and its SHA-256, and the record
  /// batch as an LZ4-compressed DataframePart.
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

  StoreId store_id_;
  std::vector<Row> rows_;
  std::map<std::string, TimeType> timelines_;
  std::map<DescriptorKey, ComponentDescriptor> descriptors_;
  StoreSchema schema_;
};

}  // namespace rrflow::internal
