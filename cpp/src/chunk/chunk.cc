#include "rrflow/chunk/chunk.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <arrow/status.h>
#include <arrow/type.h>
#include <arrow/util/logging.h>

namespace rrflow {
namespace {

arrow::Status Malformed(std::string_view what) {
  return arrow::Status::Invalid("Detected malformed Chunk: ", what);
}

// The emitted Arrow type drops any time zone: rebuild the array's data with
// the canonical type, sharing the buffers.
std::shared_ptr<arrow::Array> WithCanonicalTimeType(const std::shared_ptr<arrow::Array>& times,
                                                    TimeType type) {
  const auto canonical = TimeTypeToArrow(type);
  if (times->type()->Equals(*canonical)) return times;
  auto data = times->data()->Copy();
  data->type = canonical;
  return arrow::MakeArray(data);
}

// Sums every buffer of an array and its children. Unlike Arrow's
// TotalBufferSize it does not look for buffers shared between them, which
// would need a set per call.
int64_t BufferBytes(const arrow::ArrayData& data) {
  int64_t bytes = 0;
  for (const auto& buffer : data.buffers) {
    if (buffer != nullptr) bytes += buffer->size();
  }
  for (const auto& child : data.child_data) bytes += BufferBytes(*child);
  if (data.dictionary != nullptr) bytes += BufferBytes(*data.dictionary);
  return bytes;
}

}  // namespace

arrow::Result<TimeColumn> TimeColumn::MakeTrustingSorted(std::string name,
                                                         std::shared_ptr<arrow::Array> times) {
  auto type = TimeTypeFromArrow(*times->type());
  if (!type.ok()) {
    return Malformed("Invalid data_type for timeline: " + name);
  }
  if (times->null_count() > 0) {
    return Malformed("Invalid timeline " + name + ": Time columns had nulls, but should be dense");
  }
  TimeColumn column;
  column.timeline_ = Timeline{std::move(name), *type};
  column.times_ = WithCanonicalTimeType(times, *type);
  column.is_sorted_ = true;
  return column;
}

arrow::Result<TimeColumn> TimeColumn::Make(std::string name, std::shared_ptr<arrow::Array> times) {
  ARROW_ASSIGN_OR_RAISE(auto column, MakeTrustingSorted(std::move(name), std::move(times)));
  const int64_t* values = column.values();
  column.is_sorted_ = std::is_sorted(values, values + column.length());
  return column;
}

const int64_t* TimeColumn::values() const {
  return times_->data()->GetValues<int64_t>(1);
}

TimeColumn TimeColumn::Slice(int64_t offset, int64_t slice_length) const {
  TimeColumn sliced = *this;
  sliced.times_ = times_->Slice(offset, slice_length);
  if (!is_sorted_) {
    const int64_t* v = sliced.values();
    sliced.is_sorted_ = std::is_sorted(v, v + slice_length);
  }
  return sliced;
}

arrow::Result<ChunkPtr> Chunk::Make(ChunkId id, EntityPath entity_path,
                                    std::shared_ptr<arrow::FixedSizeBinaryArray> row_ids,
                                    std::vector<TimeColumn> timelines,
                                    std::vector<ComponentColumn> components,
                                    RowIdOrder row_id_order) {
  if (row_ids == nullptr) return Malformed("missing row ids");
  if (row_ids->byte_width() != 16) {
    return Malformed("RowId column must be FixedSizeBinary(16), got " +
                     row_ids->type()->ToString());
  }
  if (row_ids->null_count() > 0) return Malformed("RowId column contains nulls");
  const int64_t num_rows = row_ids->length();

  std::sort(timelines.begin(), timelines.end(),
            [](const TimeColumn& a, const TimeColumn& b) { return a.timeline() < b.timeline(); });
  for (size_t i = 0; i < timelines.size(); ++i) {
    const auto& column = timelines[i];
    if (column.length() != num_rows) {
      return Malformed(
          "All timelines in a chunk must have the same number of timestamps, matching the "
          "number of row IDs. Found " +
          std::to_string(num_rows) + " row IDs but " + std::to_string(column.length()) +
          " timestamps for timeline '" + column.name() + "'");
    }
    if (i > 0 && timelines[i - 1].name() == column.name()) {
      return Malformed("timeline '" + column.name() + "' was specified more than once");
    }
  }

  std::sort(components.begin(), components.end(),
            [](const ComponentColumn& a, const ComponentColumn& b) {
              return ComponentDescriptor::ColumnOrderLess(a.descriptor, b.descriptor);
            });
  std::set<std::string_view> identifiers;
  for (const auto& column : components) {
    if (column.list == nullptr) {
      return Malformed("component '" + column.descriptor.component + "' has no data");
    }
    if (column.list->length() != num_rows) {
      return Malformed(
          "All component batches in a chunk must have the same number of rows, matching the "
          "number of row IDs. Found " +
          std::to_string(num_rows) + " row IDs but " + std::to_string(column.list->length()) +
          " rows for component '" + column.descriptor.component + "'");
    }
    if (!identifiers.insert(column.descriptor.component).second) {
      return Malformed("component '" + column.descriptor.component +
                       "' was specified more than once");
    }
  }

  auto chunk = std::shared_ptr<Chunk>(new Chunk());
  chunk->id_ = id;
  chunk->entity_path_ = std::move(entity_path);
  chunk->row_ids_ = std::move(row_ids);
  chunk->timelines_ = std::move(timelines);
  chunk->components_ = std::move(components);
  for (int64_t row = 1;
       row_id_order == RowIdOrder::kCheck && row < num_rows && chunk->is_sorted_; ++row) {
    chunk->is_sorted_ = std::memcmp(chunk->row_ids_->GetValue(row - 1),
                                    chunk->row_ids_->GetValue(row), 16) <= 0;
  }
  chunk->CountBytes();
  return chunk;
}

ChunkPtr Chunk::WithEntityPath(EntityPath entity_path) const {
  auto chunk = std::shared_ptr<Chunk>(new Chunk(*this));
  chunk->id_ = ChunkId::New();
  chunk->entity_path_ = std::move(entity_path);
  chunk->encoding_ = nullptr;  // encodes the old path and id
  return chunk;
}

ChunkPtr Chunk::WithEncoding(std::shared_ptr<const ChunkEncoding> encoding) const {
  auto chunk = std::shared_ptr<Chunk>(new Chunk(*this));
  chunk->encoding_ = std::move(encoding);
  return chunk;
}

ChunkPtr Chunk::WithComponents(const std::vector<size_t>& indices) const {
  auto chunk = std::shared_ptr<Chunk>(new Chunk());
  chunk->id_ = ChunkId::New();
  chunk->entity_path_ = entity_path_;
  chunk->row_ids_ = row_ids_;
  chunk->timelines_ = timelines_;
  chunk->is_sorted_ = is_sorted_;
  chunk->components_.reserve(indices.size());
  chunk->row_and_time_bytes_ = row_and_time_bytes_;
  chunk->byte_size_ = row_and_time_bytes_;
  chunk->component_bytes_.reserve(indices.size());
  for (size_t index : indices) {
    chunk->components_.push_back(components_[index]);
    chunk->component_bytes_.push_back(component_bytes_[index]);
    chunk->byte_size_ += component_bytes_[index];
  }
  return chunk;
}

std::vector<std::string> Chunk::timeline_names() const {
  std::vector<std::string> names;
  names.reserve(timelines_.size());
  for (const auto& column : timelines_) names.push_back(column.name());
  return names;
}

const TimeColumn* Chunk::FindTimeline(std::string_view name) const {
  for (const auto& column : timelines_) {
    if (column.name() == name) return &column;
  }
  return nullptr;
}

const ComponentColumn* Chunk::FindComponent(std::string_view identifier) const {
  for (const auto& column : components_) {
    if (column.descriptor.Matches(identifier)) return &column;
  }
  return nullptr;
}

void Chunk::CountBytes() {
  row_and_time_bytes_ = BufferBytes(*row_ids_->data());
  for (const auto& timeline : timelines_) {
    row_and_time_bytes_ += BufferBytes(*timeline.times()->data());
  }
  byte_size_ = row_and_time_bytes_;
  component_bytes_.clear();
  component_bytes_.reserve(components_.size());
  for (const auto& component : components_) {
    component_bytes_.push_back(BufferBytes(*component.list->data()));
    byte_size_ += component_bytes_.back();
  }
}

std::string Chunk::ToString() const {
  return "Chunk(id=" + id_.ToString() + ", entity_path=" + entity_path_.ToString() +
         ", num_rows=" + std::to_string(num_rows()) +
         ", num_columns=" + std::to_string(num_columns()) + ")";
}

}  // namespace rrflow
