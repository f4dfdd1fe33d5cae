// Chunk: N rows of data for one entity, backed by Arrow arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/record_batch.h>
#include <arrow/result.h>

#include "rrflow/core/component_descriptor.h"
#include "rrflow/core/entity_path.h"
#include "rrflow/core/timeline.h"
#include "rrflow/core/tuid.h"

namespace rrflow {

class Chunk;
using ChunkPtr = std::shared_ptr<const Chunk>;

/// One timeline's values, one per row. Never null. Immutable.
class TimeColumn {
 public:
  /// Validates the Arrow type (Int64, Duration(ns), Timestamp(ns)) and the
  /// absence of nulls, and computes the sorted flag and range.
  static arrow::Result<TimeColumn> Make(std::string name, std::shared_ptr<arrow::Array> times);
  /// As Make, but trusts `is_sorted` (from metadata that says so).
  static arrow::Result<TimeColumn> MakeTrustingSorted(std::string name,
                                                      std::shared_ptr<arrow::Array> times);

  const Timeline& timeline() const { return timeline_; }
  const std::string& name() const { return timeline_.name; }
  TimeType type() const { return timeline_.type; }
  /// The column as emitted: Int64, Duration(ns) or Timestamp(ns) without zone.
  const std::shared_ptr<arrow::Array>& times() const { return times_; }
  const int64_t* values() const;
  int64_t length() const { return times_->length(); }
  bool is_sorted() const { return is_sorted_; }

  /// A column over the same values with `offset`/`length` (zero copy).
  TimeColumn Slice(int64_t offset, int64_t length) const;

 private:
  Timeline timeline_;
  std::shared_ptr<arrow::Array> times_;
  bool is_sorted_ = true;
  // byte_size() in parts, so that a chunk keeping some of these components
  // sums their sizes without reading their (by then cold) arrays again.
  int64_t row_and_time_bytes_ = 0;
  std::vector<int64_t> component_bytes_;
  int64_t byte_size_ = 0;
};

/// One component's data: a list array with one entry (a batch of instances)
/// per row. A null entry means no data for that row.
struct ComponentColumn {
  ComponentDescriptor descriptor;
  std::shared_ptr<arrow::ListArray> list;
};

/// Whether Chunk::Make checks that row ids are sorted or takes it as known
/// (from metadata that says so, or because the ids were just generated in order).
enum class RowIdOrder { kCheck, kKnownSorted };

/// The bytes a chunk was decoded from, kept by the reader that decoded it so
/// that a writer of the same format can copy them rather than encode the
/// chunk again. Opaque here: `format` names whose bytes they are.
struct ChunkEncoding {
  std::string format;                          ///< e.g. "rrd.ArrowMsg"
  std::shared_ptr<const arrow::Buffer> bytes;  ///< the encoded chunk
  int64_t decoded_size = 0;                    ///< the format's own measure of its decoded size
};

/// Options of Chunk::Format.
struct FormatOptions {
  int width = 240;
  bool redact = false;
  bool trim_metadata_keys = true;
};

/// An immutable batch of rows for one entity: row ids, zero or more timelines
/// (none means static), and component columns. Shared as ChunkPtr; every
/// transformation returns a new chunk that shares the Arrow buffers.
class Chunk {
 public:
  /// Builds a chunk and checks its invariants: every column has one entry
  /// per row id, row ids are FixedSizeBinary(16) without nulls, timelines and
  /// component identifiers are unique. Timelines are put in name order and
  /// components in record-batch order.
  static arrow::Result<ChunkPtr> Make(ChunkId id, EntityPath entity_path,
                                      std::shared_ptr<arrow::FixedSizeBinaryArray> row_ids,
                                      std::vector<TimeColumn> timelines,
                                      std::vector<ComponentColumn> components,
                                      RowIdOrder row_id_order = RowIdOrder::kCheck);

  /// Builds a chunk the way `send_columns` does: fresh chunk id, rows stably
  /// sorted by their times (timelines taken in name order), sequential row
  /// ids derived from the chunk id. Non-list component arrays are wrapped one
  /// value per row. A later column with an identifier already seen replaces
  /// the earlier one.
  static arrow::Result<ChunkPtr> FromColumns(
      EntityPath entity_path,
      std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> timelines,
      std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> components);

  /// Rebuilds a chunk from a record batch in the layout ToRecordBatch
  /// produces, keeping its chunk id and row ids.
  static arrow::Result<ChunkPtr> FromRecordBatch(const arrow::RecordBatch& batch);

  /// The chunk as a record batch with the sorbet schema: row ids, timelines,
  /// components, with their metadata. Zero copy.
  std::shared_ptr<arrow::RecordBatch> ToRecordBatch() const;

  /// The same rows under another entity path, with a fresh chunk id.
  ChunkPtr WithEntityPath(EntityPath entity_path) const;

  /// The same rows with only the components at `indices` (into components()),
  /// with a fresh chunk id. Row ids and timelines are shared.
  ChunkPtr WithComponents(const std::vector<size_t>& indices) const;

  /// This chunk, remembering the bytes it was decoded from. Any chunk made
  /// from it (other rows, components, entity path) has no encoding.
  ChunkPtr WithEncoding(std::shared_ptr<const ChunkEncoding> encoding) const;
  /// The bytes this very chunk was decoded from, when its reader kept them.
  const std::shared_ptr<const ChunkEncoding>& encoding() const { return encoding_; }

  /// A human-readable table of the chunk, identical to the reference's.
  arrow::Result<std::string> Format(const FormatOptions& options = {}) const;

  const ChunkId& id() const { return id_; }
  const EntityPath& entity_path() const { return entity_path_; }
  const std::shared_ptr<arrow::FixedSizeBinaryArray>& row_ids() const { return row_ids_; }
  RowId row_id(int64_t row) const { return RowId{Tuid::FromBytes(row_ids_->GetValue(row))}; }
  const std::vector<TimeColumn>& timelines() const { return timelines_; }
  const std::vector<ComponentColumn>& components() const { return components_; }

  int64_t num_rows() const { return row_ids_->length(); }
  bool is_empty() const { return num_rows() == 0; }
  bool is_static() const { return timelines_.empty(); }
  /// The row-id column, the timelines and the components.
  int64_t num_columns() const {
    return 1 + static_cast<int64_t>(timelines_.size() + components_.size());
  }
  /// Row ids are non-decreasing.
  bool is_sorted() const { return is_sorted_; }
  /// Bytes of the Arrow buffers the chunk's columns hold (whole buffers,
  /// even where a column views only part of one): what keeping it costs.
  int64_t byte_size() const { return byte_size_; }

  std::vector<std::string> timeline_names() const;
  const TimeColumn* FindTimeline(std::string_view name) const;
  const ComponentColumn* FindComponent(std::string_view identifier) const;

  /// `Chunk(id=..., entity_path=..., num_rows=..., num_columns=...)`.
  std::string ToString() const;

 private:
  Chunk() = default;
  // Sums the buffers once, while the new chunk's arrays are still in cache:
  // queues ask every chunk its size, often long after it was made.
  void CountBytes();

  ChunkId id_;
  EntityPath entity_path_;
  std::shared_ptr<arrow::FixedSizeBinaryArray> row_ids_;
  std::vector<TimeColumn> timelines_;
  std::vector<ComponentColumn> components_;
  bool is_sorted_ = true;
  // byte_size() in parts, so that a chunk keeping some of these components
  // sums their sizes without reading their (by then cold) arrays again.
  int64_t row_and_time_bytes_ = 0;
  std::vector<int64_t> component_bytes_;
  int64_t byte_size_ = 0;
  std::shared_ptr<const ChunkEncoding> encoding_;
};

/// The sorbet version written into every record batch.
inline constexpr std::string_view kSorbetVersion = "0.1.3";

}  // namespace rrflow
