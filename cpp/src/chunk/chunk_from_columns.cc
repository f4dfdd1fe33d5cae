// Chunk::FromColumns: the columnar constructor behind `Chunk.from_columns`.
#include <algorithm>
#include <numeric>

#include <arrow/array/builder_primitive.h>
#include <arrow/compute/api_vector.h>
#include <arrow/type.h>

#include "chunk/column_building_internal.h"
#include "rrflow/chunk.h"
#include "rrflow/status.h"

namespace rrflow {

namespace {

// Row order that sorts the rows by their times, timelines in name order; empty
// when the rows are already in that order.
std::vector<int64_t> TimeSortPermutation(const std::vector<TimeColumn>& timelines,
                                         int64_t num_rows) {
  if (timelines.empty()) return {};
  const int64_t* first = timelines.front().values();
  bool sorted = timelines.front().is_sorted();
  // With the first timeline sorted, later ones only matter among equal times.
  for (int64_t row = 1; row < num_rows && sorted && timelines.size() > 1; ++row) {
    if (first[row - 1] != first[row]) continue;
    for (size_t t = 1; t < timelines.size(); ++t) {
      const int64_t* v = timelines[t].values();
      if (v[row - 1] != v[row]) {
        sorted = v[row - 1] < v[row];
        break;
      }
    }
  }
  if (sorted) return {};
  std::vector<int64_t> order(static_cast<size_t>(num_rows));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    for (const auto& column : timelines) {
      const int64_t* v = column.values();
      if (v[a] != v[b]) return v[a] < v[b];
    }
    return false;
  });
  return order;
}

}  // namespace

arrow::Result<ChunkPtr> Chunk::FromColumns(
    EntityPath entity_path,
    std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> timeline_arrays,
    std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> component_arrays) {
  // Every column must have the length of the first one seen.
  std::optional<int64_t> expected;
  for (const auto& [name, array] : timeline_arrays) {
    if (!expected) expected = array->length();
    if (array->length() != *expected) {
      return arrow::Status::Invalid("All columns must have the same length. Expected ", *expected,
                                    " but timeline '", name, "' has ", array->length(), ".");
    }
  }
  for (const auto& [descriptor, array] : component_arrays) {
    if (!expected) expected = array->length();
    if (array->length() != *expected) {
      return arrow::Status::Invalid("All columns must have the same length. Expected ", *expected,
                                    " but component '", descriptor.component, "' has ",
                                    array->length(), ".");
    }
  }

  // A repeated name or identifier: the last one wins, in the first one's place.
  std::vector<TimeColumn> timelines;
  for (auto& [name, array] : timeline_arrays) {
    auto column = TimeColumn::Make(name, array);
    if (!column.ok()) {
      return RuntimeError("Error converting temporal data: ", column.status().message());
    }
    auto same = std::find_if(timelines.begin(), timelines.end(),
                             [&](const TimeColumn& c) { return c.name() == name; });
    if (same != timelines.end()) {
      *same = std::move(*column);
    } else {
      timelines.push_back(std::move(*column));
    }
  }
  std::vector<ComponentColumn> components;
  for (auto& [descriptor, array] : component_arrays) {
    ARROW_ASSIGN_OR_RAISE(auto list, internal::AsListColumn(array, internal::NullValueAs::kNullElement));
    auto same = std::find_if(components.begin(), components.end(), [&](const ComponentColumn& c) {
      return c.descriptor.component == descriptor.component;
    });
    ComponentColumn column{descriptor, std::move(list)};
    if (same != components.end()) {
      *same = std::move(column);
    } else {
      components.push_back(std::move(column));
    }
  }

  const int64_t num_rows = components.empty() ? 0 : components.front().list->length();
  std::sort(timelines.begin(), timelines.end(),
            [](const TimeColumn& a, const TimeColumn& b) { return a.timeline() < b.timeline(); });
  if (std::all_of(timelines.begin(), timelines.end(),
                  [&](const TimeColumn& c) { return c.length() == num_rows; })) {
    const auto order = TimeSortPermutation(timelines, num_rows);
    if (!order.empty()) {
      arrow::Int64Builder builder;
      ARROW_RETURN_NOT_OK(builder.AppendValues(order));
      ARROW_ASSIGN_OR_RAISE(auto indices, builder.Finish());
      for (auto& column : timelines) {
        ARROW_ASSIGN_OR_RAISE(auto taken, arrow::compute::Take(*column.times(), *indices));
        ARROW_ASSIGN_OR_RAISE(column, TimeColumn::Make(column.name(), taken));
      }
      for (auto& column : components) {
        ARROW_ASSIGN_OR_RAISE(auto taken, arrow::compute::Take(*column.list, *indices));
        column.list = std::static_pointer_cast<arrow::ListArray>(taken);
      }
    }
  }

  const auto id = ChunkId::New();
  ARROW_ASSIGN_OR_RAISE(auto row_ids, internal::SequentialRowIds(id.tuid, num_rows));
  auto chunk = Make(id, std::move(entity_path), std::move(row_ids), std::move(timelines),
                    std::move(components));
  if (!chunk.ok()) return RuntimeError(chunk.status().message());
  return chunk;
}

}  // namespace rrflow
