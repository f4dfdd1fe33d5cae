#include "rrflow/chunk/chunk_ops.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include <arrow/array/concatenate.h>
#include <arrow/util/byte_size.h>

#include "chunk/take_rows_internal.h"

namespace rrflow {
namespace {

// Bookkeeping a chunk carries besides its buffers (ids, names, map entries).
constexpr int64_t kChunkOverheadBytes = 64;
constexpr int64_t kColumnOverheadBytes = 32;

int64_t ReferencedBytes(const arrow::ArrayData& data, int64_t offset, int64_t length);

// Bytes of the rows [offset, offset+length) of a child array.
int64_t ChildBytes(const arrow::ArrayData& child, int64_t first, int64_t last) {
  return ReferencedBytes(child, child.offset + first, last - first);
}

// The bytes the rows [offset, offset+length) of `data` reference (offset
// absolute, i.e. data.offset already applied), walking nested layouts. The
// compaction thresholds ask for this on every insert, so it must not allocate.
int64_t ReferencedBytes(const arrow::ArrayData& data, int64_t offset, int64_t length) {
  if (length <= 0) return 0;
  const bool has_offsets = data.buffers.size() > 1 && data.buffers[1] != nullptr;
  const bool has_validity = !data.buffers.empty() && data.buffers[0] != nullptr;
  int64_t bytes = has_validity ? (length + 7) / 8 : 0;
  const auto& type = *data.type;
  switch (type.id()) {
    case arrow::Type::NA:
      return 0;
    case arrow::Type::BOOL:
      return bytes + (length + 7) / 8;
    case arrow::Type::STRING:
    case arrow::Type::BINARY: {
      if (!has_offsets) break;
      const auto* offsets = data.buffers[1]->data_as<int32_t>() + offset;
      return bytes + (length + 1) * 4 + (offsets[length] - offsets[0]);
    }
    case arrow::Type::LARGE_STRING:
    case arrow::Type::LARGE_BINARY: {
      if (!has_offsets) break;
      const auto* offsets = data.buffers[1]->data_as<int64_t>() + offset;
      return bytes + (length + 1) * 8 + (offsets[length] - offsets[0]);
    }
    case arrow::Type::LIST:
    case arrow::Type::MAP: {
      if (!has_offsets) break;
      const auto* offsets = data.buffers[1]->data_as<int32_t>() + offset;
      return bytes + (length + 1) * 4 + ChildBytes(*data.child_data[0], offsets[0], offsets[length]);
    }
    case arrow::Type::LARGE_LIST: {
      if (!has_offsets) break;
      const auto* offsets = data.buffers[1]->data_as<int64_t>() + offset;
      return bytes + (length + 1) * 8 + ChildBytes(*data.child_data[0], offsets[0], offsets[length]);
    }
    case arrow::Type::FIXED_SIZE_LIST: {
      const int64_t size = static_cast<const arrow::FixedSizeListType&>(type).list_size();
      return bytes + ChildBytes(*data.child_data[0], offset * size, (offset + length) * size);
    }
    case arrow::Type::STRUCT:
      for (const auto& child : data.child_data) bytes += ChildBytes(*child, offset, offset + length);
      return bytes;
    default:
      break;
  }
  if (arrow::is_fixed_width(type.id()) && type.id() != arrow::Type::DICTIONARY &&
      type.id() != arrow::Type::EXTENSION) {
    return bytes + length * static_cast<const arrow::FixedWidthType&>(type).bit_width() / 8;
  }
  // Unions, dictionaries, views, run-ends: the whole buffers, an overestimate.
  return arrow::util::TotalBufferSize(data);
}

int64_t ArrayBytes(const arrow::Array& array) {
  const auto& data = *array.data();
  return ReferencedBytes(data, data.offset, data.length);
}

const ComponentColumn* FindColumn(const Chunk& chunk, const std::string& component) {
  return chunk.FindComponent(component);
}

arrow::Result<std::shared_ptr<arrow::Array>> Concat(const std::shared_ptr<arrow::Array>& first,
                                                    const std::shared_ptr<arrow::Array>& second) {
  return arrow::Concatenate({first, second});
}

// The column of `component` in `chunk`, or null rows of `type` if absent.
arrow::Result<std::shared_ptr<arrow::Array>> ColumnOrNulls(
    const Chunk& chunk, const std::string& component,
    const std::shared_ptr<arrow::DataType>& type) {
  if (const auto* column = FindColumn(chunk, component)) return column->list;
  return arrow::MakeArrayOfNull(type, chunk.num_rows());
}

// Whether `first` then `second` is in row-id order; both are sorted chunks in
// the common case, where only the seam needs a look.
bool RowIdsSortedAfterConcat(const Chunk& first, const Chunk& second) {
  if (!first.is_sorted() || !second.is_sorted()) return false;
  if (first.num_rows() == 0 || second.num_rows() == 0) return true;
  return first.row_id(first.num_rows() - 1) <= second.row_id(0);
}

}  // namespace

bool AreConcatenable(const Chunk& a, const Chunk& b) {
  if (!(a.entity_path() == b.entity_path())) return false;
  if (a.timelines().size() != b.timelines().size()) return false;
  for (size_t i = 0; i < a.timelines().size(); ++i) {
    if (a.timelines()[i].timeline() != b.timelines()[i].timeline()) return false;
  }
  for (const auto& column : a.components()) {
    const auto* other = FindColumn(b, column.descriptor.component);
    if (other != nullptr && !other->list->type()->Equals(*column.list->type())) return false;
  }
  return true;
}

arrow::Result<ChunkPtr> ConcatAndSort(const ChunkPtr& a, const ChunkPtr& b) {
  const bool a_first = a->num_rows() == 0 || b->num_rows() == 0 || a->row_id(0) <= b->row_id(0);
  const Chunk& first = a_first ? *a : *b;
  const Chunk& second = a_first ? *b : *a;

  ARROW_ASSIGN_OR_RAISE(auto row_ids_array, Concat(first.row_ids(), second.row_ids()));
  auto row_ids = std::static_pointer_cast<arrow::FixedSizeBinaryArray>(row_ids_array);

  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
  for (size_t i = 0; i < first.timelines().size(); ++i) {
    ARROW_ASSIGN_OR_RAISE(auto joined,
                          Concat(first.timelines()[i].times(), second.timelines()[i].times()));
    times.emplace_back(first.timelines()[i].name(), std::move(joined));
  }

  // Descriptors of both sides, the older (left) chunk's where they share one.
  std::vector<ComponentDescriptor> descriptors;
  std::vector<std::shared_ptr<arrow::DataType>> types;
  for (const auto* chunk : {a.get(), b.get()}) {
    for (const auto& column : chunk->components()) {
      const bool known = std::any_of(descriptors.begin(), descriptors.end(), [&](const auto& d) {
        return d.component == column.descriptor.component;
      });
      if (!known) {
        descriptors.push_back(column.descriptor);
        types.push_back(column.list->type());
      }
    }
  }
  std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> lists;
  for (size_t i = 0; i < descriptors.size(); ++i) {
    ARROW_ASSIGN_OR_RAISE(auto head, ColumnOrNulls(first, descriptors[i].component, types[i]));
    ARROW_ASSIGN_OR_RAISE(auto tail, ColumnOrNulls(second, descriptors[i].component, types[i]));
    ARROW_ASSIGN_OR_RAISE(auto joined, Concat(head, tail));
    lists.emplace_back(descriptors[i].component, std::move(joined));
  }

  if (!RowIdsSortedAfterConcat(first, second)) {
    std::vector<int64_t> order(static_cast<size_t>(row_ids->length()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
      return std::memcmp(row_ids->GetValue(x), row_ids->GetValue(y), 16) < 0;
    });
    ARROW_ASSIGN_OR_RAISE(auto sorted_ids, internal::TakeRows(row_ids, order));
    row_ids = std::static_pointer_cast<arrow::FixedSizeBinaryArray>(sorted_ids);
    for (auto& entry : times) {
      ARROW_ASSIGN_OR_RAISE(entry.second, internal::TakeRows(entry.second, order));
    }
    for (auto& entry : lists) {
      ARROW_ASSIGN_OR_RAISE(entry.second, internal::TakeRows(entry.second, order));
    }
  }

  std::vector<TimeColumn> timelines;
  for (auto& [name, column] : times) {
    ARROW_ASSIGN_OR_RAISE(auto time, TimeColumn::Make(name, std::move(column)));
    timelines.push_back(std::move(time));
  }
  std::vector<ComponentColumn> components;
  for (size_t i = 0; i < descriptors.size(); ++i) {
    components.push_back(ComponentColumn{
        descriptors[i], std::static_pointer_cast<arrow::ListArray>(lists[i].second)});
  }
  return Chunk::Make(ChunkId::New(), first.entity_path(), std::move(row_ids), std::move(timelines),
                     std::move(components), RowIdOrder::kKnownSorted);
}

arrow::Result<ChunkPtr> SliceRows(const Chunk& chunk, int64_t offset, int64_t length) {
  auto row_ids =
      std::static_pointer_cast<arrow::FixedSizeBinaryArray>(chunk.row_ids()->Slice(offset, length));
  std::vector<TimeColumn> timelines;
  for (const auto& column : chunk.timelines()) timelines.push_back(column.Slice(offset, length));
  std::vector<ComponentColumn> components;
  for (const auto& column : chunk.components()) {
    components.push_back(ComponentColumn{
        column.descriptor,
        std::static_pointer_cast<arrow::ListArray>(column.list->Slice(offset, length))});
  }
  return Chunk::Make(ChunkId::New(), chunk.entity_path(), std::move(row_ids), std::move(timelines),
                     std::move(components),
                     chunk.is_sorted() ? RowIdOrder::kKnownSorted : RowIdOrder::kCheck);
}

arrow::Result<ChunkPtr> RowsInTimeRange(const ChunkPtr& chunk, std::string_view timeline, int64_t start,
                                        int64_t end) {
  if (chunk->is_static()) return chunk;
  const TimeColumn* column = chunk->FindTimeline(timeline);
  if (column == nullptr) return nullptr;
  std::vector<int64_t> rows;
  const int64_t* times = column->values();
  for (int64_t row = 0; row < column->length(); ++row) {
    if (times[row] >= start && times[row] <= end) rows.push_back(row);
  }
  if (rows.empty()) return nullptr;
  if (static_cast<int64_t>(rows.size()) == rows.back() - rows.front() + 1) {  // one contiguous run
    if (static_cast<int64_t>(rows.size()) == chunk->num_rows()) return chunk;
    return SliceRows(*chunk, rows.front(), static_cast<int64_t>(rows.size()));
  }
  const auto gather = [&](const std::shared_ptr<arrow::Array>& array) { return internal::TakeRows(array, rows); };
  ARROW_ASSIGN_OR_RAISE(auto row_ids, gather(chunk->row_ids()));
  std::vector<TimeColumn> timelines;
  for (const auto& time_column : chunk->timelines()) {
    ARROW_ASSIGN_OR_RAISE(auto gathered, gather(time_column.times()));
    ARROW_ASSIGN_OR_RAISE(auto rebuilt, TimeColumn::Make(time_column.name(), std::move(gathered)));
    timelines.push_back(std::move(rebuilt));
  }
  std::vector<ComponentColumn> components;
  for (const auto& component : chunk->components()) {
    ARROW_ASSIGN_OR_RAISE(auto gathered, gather(component.list));
    components.push_back(ComponentColumn{component.descriptor, std::static_pointer_cast<arrow::ListArray>(gathered)});
  }
  // A subsequence of sorted row ids is sorted.
  return Chunk::Make(ChunkId::New(), chunk->entity_path(),
                     std::static_pointer_cast<arrow::FixedSizeBinaryArray>(row_ids), std::move(timelines),
                     std::move(components), chunk->is_sorted() ? RowIdOrder::kKnownSorted : RowIdOrder::kCheck);
}

arrow::Result<ChunkPtr> WithoutTimelines(const ChunkPtr& chunk, const std::vector<std::string>& names) {
  std::vector<TimeColumn> kept;
  for (const auto& column : chunk->timelines()) {
    if (std::find(names.begin(), names.end(), column.name()) == names.end()) kept.push_back(column);
  }
  if (kept.size() == chunk->timelines().size()) return chunk;
  return Chunk::Make(ChunkId::New(), chunk->entity_path(), chunk->row_ids(), std::move(kept), chunk->components(),
                     chunk->is_sorted() ? RowIdOrder::kKnownSorted : RowIdOrder::kCheck);
}

int64_t EstimatedChunkBytes(const Chunk& chunk) {
  int64_t bytes = kChunkOverheadBytes + ArrayBytes(*chunk.row_ids());
  for (const auto& column : chunk.timelines()) {
    bytes += kColumnOverheadBytes + ArrayBytes(*column.times());
  }
  for (const auto& column : chunk.components()) {
    bytes += kColumnOverheadBytes + ArrayBytes(*column.list);
  }
  return bytes;
}

}  // namespace rrflow
