// Chunk::FromColumns: the columnar constructor behind `Chunk.from_columns`.
#include <algorithm>
#include <numeric>

#include <arrow/type.h>

#include "chunk/column_building_internal.h"
#include "chunk/take_rows_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/core/status.h"

namespace rrflow {

namespace {

// Row order that sorts the rows by their times, timelines in name order, ties
// kept in input order; empty when the rows are already in that order.
std::vector<int64_t> TimeSortPermutation(const std::vector<TimeColumn>& timelines,
                                         int64_t num_rows) {
  if (timelines.empty()) return {};
  const auto row_less = [&](int64_t a, int64_t b) {
    for (const auto& column : timelines) {
      const int64_t* v = column.values();
      if (v[a] != v[b]) return v[a] < v[b];
    }
    return a < b;
  };
  bool sorted = true;
  for (int64_t row = 1; row < num_rows && sorted; ++row) sorted = row_less(row - 1, row);
  if (sorted) return {};

  std::vector<int64_t> order(static_cast<size_t>(num_rows));
  if (timelines.size() == 1) {
    // (time, row) pairs sort contiguously in memory; the row breaks ties stably.
    const int64_t* times = timelines.front().values();
    std::vector<std::pair<int64_t, int64_t>> keyed(static_cast<size_t>(num_rows));
    for (int64_t row = 0; row < num_rows; ++row) keyed[row] = {times[row], row};
    std::sort(keyed.begin(), keyed.end());
    for (int64_t i = 0; i < num_rows; ++i) order[i] = keyed[i].second;
  } else {
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), row_less);
  }
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
      for (auto& column : timelines) {
        ARROW_ASSIGN_OR_RAISE(auto taken, internal::TakeRows(column.times(), order));
        ARROW_ASSIGN_OR_RAISE(column, TimeColumn::Make(column.name(), taken));
      }
      for (auto& column : components) {
        ARROW_ASSIGN_OR_RAISE(auto taken, internal::TakeRows(column.list, order));
        column.list = std::static_pointer_cast<arrow::ListArray>(taken);
      }
    }
  }

  const auto id = ChunkId::New();
  ARROW_ASSIGN_OR_RAISE(auto row_ids, internal::SequentialRowIds(id.tuid, num_rows));
  auto chunk = Make(id, std::move(entity_path), std::move(row_ids), std::move(timelines),
                    std::move(components), RowIdOrder::kKnownSorted);
  if (!chunk.ok()) return RuntimeError(chunk.status().message());
  return chunk;
}

}  // namespace rrflow
