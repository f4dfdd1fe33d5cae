// LensSet::Apply: the outputs the lenses make of one chunk.
#include <algorithm>
#include <string>
#include <vector>

#include "chunk/column_building_internal.h"
#include "lens/derived_rows_internal.h"
#include "lens/lens_plan_internal.h"
#include "rrflow/query/lens.h"
#include "text/data_type_text_internal.h"

namespace rrflow {
namespace {

// One output of a chunk: a chunk, errors, or both (a partial chunk).
struct OutputItem {
  ChunkPtr chunk;
  std::vector<std::string> errors;
};

std::string OperationsFailed(const char* what, const std::string& name, const EntityPath& target,
                             const std::string& input, const arrow::Status& status) {
  return std::string("Failed to apply operations to ") + what + " '" + name + "' (entity: `" +
         target.ToString() + "`, input: `" + input + "`): " + status.message();
}

// A time column of `type` over Int64 `values` (the buffers are shared).
std::shared_ptr<arrow::Array> AsTimeArray(const std::shared_ptr<arrow::Array>& values,
                                          TimeType type) {
  auto data = values->data()->Copy();
  data->type = TimeTypeToArrow(type);
  return arrow::MakeArray(data);
}

arrow::Status CheckTimeType(const DerivedTimeline& timeline, const arrow::ListArray& rows) {
  const auto& item_type = *rows.value_type();
  if (item_type.id() == arrow::Type::INT64) return arrow::Status::OK();
  return arrow::Status::Invalid("Invalid time column type for timeline '", timeline.name,
                                "': expected List<Int64>, got ", internal::FormatDataType(item_type));
}

// A chunk with a fresh id and sequential row ids, its rows stably sorted by
// time (timelines in name order) as `from_columns` does; its errors are the
// reference's validation failures.
arrow::Result<ChunkPtr> NewChunk(const EntityPath& entity, std::vector<TimeColumn> timelines,
                                 std::vector<ComponentColumn> columns) {
  arrow::Result<ChunkPtr> chunk;
  // Timelines that are each sorted are sorted together: the rows stay in place.
  if (std::all_of(timelines.begin(), timelines.end(),
                  [](const TimeColumn& column) { return column.is_sorted(); })) {
    const int64_t num_rows = !columns.empty()     ? columns.front().list->length()
                             : !timelines.empty() ? timelines.front().length()
                                                  : 0;
    const auto id = ChunkId::New();
    ARROW_ASSIGN_OR_RAISE(auto row_ids, internal::SequentialRowIds(id.tuid, num_rows));
    chunk = Chunk::Make(id, entity, std::move(row_ids), std::move(timelines), std::move(columns),
                        RowIdOrder::kKnownSorted);
  } else {
    std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> times;
    for (const auto& column : timelines) times.emplace_back(column.name(), column.times());
    std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>> components;
    for (auto& column : columns) {
      components.emplace_back(std::move(column.descriptor), std::move(column.list));
    }
    chunk = Chunk::FromColumns(entity, std::move(times), std::move(components));
  }
  if (!chunk.ok()) {
    return arrow::Status::Invalid("Chunk validation failed: ", chunk.status().message());
  }
  return chunk;
}

// Adds `column`, or replaces the timeline of the same name.
void SetTimeline(std::vector<TimeColumn>* timelines, TimeColumn column) {
  auto same = std::find_if(timelines->begin(), timelines->end(),
                           [&](const TimeColumn& c) { return c.name() == column.name(); });
  if (same != timelines->end()) {
    *same = std::move(column);
  } else {
    timelines->push_back(std::move(column));
  }
}

void SetColumn(std::vector<ComponentColumn>* columns, ComponentColumn column) {
  auto same = std::find_if(columns->begin(), columns->end(), [&](const ComponentColumn& c) {
    return c.descriptor.component == column.descriptor.component;
  });
  if (same != columns->end()) {
    *same = std::move(column);
  } else {
    columns->push_back(std::move(column));
  }
}

class ChunkLenses {
 public:
  ChunkLenses(const ChunkPtr& chunk, const internal::LensPlan& plan) : chunk_(chunk), plan_(plan) {}

  // The chunk's own columns, mutated and with merged outputs; or the plan's
  // errors alone.
  arrow::Result<OutputItem> Prefix() const {
    OutputItem item;
    item.errors = plan_.errors;
    const auto& components = chunk_->components();
    std::vector<ComponentColumn> columns;
    for (size_t i = 0; i < components.size(); ++i) {
      if (plan_.forwarded[i]) columns.push_back(components[i]);
    }
    if (plan_.mutates.empty() && plan_.merges.empty()) {
      if (columns.size() == components.size()) {
        item.chunk = chunk_;
      } else if (!columns.empty()) {
        std::vector<size_t> kept;
        for (size_t i = 0; i < components.size(); ++i) {
          if (plan_.forwarded[i]) kept.push_back(i);
        }
        item.chunk = chunk_->WithComponents(kept);
      }
      return item;
    }

    bool new_row_ids = false;
    for (const auto* mutate : plan_.mutates) {
      new_row_ids = new_row_ids || !mutate->keep_row_ids();
      auto column = std::find_if(columns.begin(), columns.end(), [&](const ComponentColumn& c) {
        return c.descriptor.component == mutate->input_component();
      });
      auto rows = mutate->selector().ExecutePerRow(column->list);
      if (!rows.ok()) {
        item.errors.push_back(OperationsFailed("component", mutate->input_component(),
                                               chunk_->entity_path(), mutate->input_component(),
                                               rows.status()));
      } else if (*rows == nullptr) {
        columns.erase(column);
      } else {
        column->list = std::move(*rows);
      }
    }
    for (const auto* merge : plan_.merges) {
      for (auto& column : DeriveComponents(*merge, chunk_->entity_path(), &item.errors)) {
        SetColumn(&columns, std::move(column));
      }
    }
    if (columns.empty()) return item;
    if (new_row_ids) {
      ARROW_ASSIGN_OR_RAISE(item.chunk,
                            NewChunk(chunk_->entity_path(), chunk_->timelines(), std::move(columns)));
    } else {
      ARROW_ASSIGN_OR_RAISE(
          item.chunk,
          Chunk::Make(ChunkId::New(), chunk_->entity_path(), chunk_->row_ids(), chunk_->timelines(),
                      std::move(columns),
                      chunk_->is_sorted() ? RowIdOrder::kKnownSorted : RowIdOrder::kCheck));
    }
    return item;
  }

  arrow::Result<OutputItem> Separate(const DeriveLens& lens) const {
    return lens.scatter() ? Scatter(lens) : OneToOne(lens);
  }

 private:
  const ComponentColumn& Input(const DeriveLens& lens) const {
    return *chunk_->FindComponent(lens.input_component());
  }

  const EntityPath& Target(const DeriveLens& lens) const {
    return lens.output_entity().has_value() ? *lens.output_entity() : chunk_->entity_path();
  }

  // Each component output run per row; absent outputs are skipped.
  std::vector<ComponentColumn> DeriveComponents(const DeriveLens& lens, const EntityPath& target,
                                                std::vector<std::string>* errors) const {
    std::vector<ComponentColumn> columns;
    for (const auto& output : lens.components()) {
      auto rows = output.selector.ExecutePerRow(Input(lens).list);
      if (!rows.ok()) {
        errors->push_back(OperationsFailed("component", output.descriptor.component, target,
                                           lens.input_component(), rows.status()));
      } else if (*rows != nullptr) {
        columns.push_back(ComponentColumn{output.descriptor, std::move(*rows)});
      }
    }
    return columns;
  }

  // Each timeline output run per row (nullptr when absent).
  std::vector<std::shared_ptr<arrow::ListArray>> DeriveTimelines(
      const DeriveLens& lens, const EntityPath& target, std::vector<std::string>* errors) const {
    std::vector<std::shared_ptr<arrow::ListArray>> rows_per_timeline;
    for (const auto& timeline : lens.timelines()) {
      auto rows = timeline.selector.ExecutePerRow(Input(lens).list);
      if (!rows.ok()) {
        errors->push_back(OperationsFailed("timeline", timeline.name, target,
                                           lens.input_component(), rows.status()));
        rows = std::shared_ptr<arrow::ListArray>();
      } else if (*rows != nullptr) {
        auto type_check = CheckTimeType(timeline, **rows);
        if (!type_check.ok()) {
          errors->push_back(type_check.message());
          rows = std::shared_ptr<arrow::ListArray>();
        }
      }
      rows_per_timeline.push_back(std::move(*rows));
    }
    return rows_per_timeline;
  }

  // Adds the timelines whose results hold one time per output row to
  // `timelines` (a same-named one replaces the source's).
  void AddTimelines(const DeriveLens& lens, const EntityPath& target,
                    const std::vector<std::shared_ptr<arrow::ListArray>>& rows_per_timeline,
                    std::vector<TimeColumn>* timelines, std::vector<std::string>* errors) const {
    for (size_t i = 0; i < rows_per_timeline.size(); ++i) {
      if (rows_per_timeline[i] == nullptr) continue;
      const auto& timeline = lens.timelines()[i];
      auto column = internal::OneValuePerRow(*rows_per_timeline[i]).Map([&](auto values) {
        return TimeColumn::Make(timeline.name, AsTimeArray(values, timeline.type));
      });
      if (!column.ok()) {
        errors->push_back(OperationsFailed("timeline", timeline.name, target,
                                           lens.input_component(), column.status()));
        continue;
      }
      SetTimeline(timelines, std::move(*column));
    }
  }

  arrow::Result<OutputItem> OneToOne(const DeriveLens& lens) const {
    OutputItem item;
    const EntityPath& target = Target(lens);
    auto columns = DeriveComponents(lens, target, &item.errors);
    const auto rows_per_timeline = DeriveTimelines(lens, target, &item.errors);
    auto timelines = chunk_->timelines();
    AddTimelines(lens, target, rows_per_timeline, &timelines, &item.errors);
    if (!item.errors.empty()) return item;
    if (columns.empty()) {
      // Every output is absent: an empty chunk (the reference fails chunk
      // validation here when the source has timelines).
      for (auto& column : timelines) column = column.Slice(0, 0);
    }
    ARROW_ASSIGN_OR_RAISE(item.chunk, NewChunk(target, std::move(timelines), std::move(columns)));
    return item;
  }

  arrow::Result<OutputItem> Scatter(const DeriveLens& lens) const {
    OutputItem item;
    const EntityPath& target = Target(lens);
    // Outputs in declaration order; the first present one sets the row counts.
    auto outputs = DeriveComponents(lens, target, &item.errors);
    if (!item.errors.empty()) return item;
    if (outputs.empty()) {
      item.errors.push_back("No component outputs were produced for target entity `" +
                            target.ToString() + "`");
      return item;
    }
    const auto counts = internal::ScatterCounts(*outputs.front().list);
    int64_t total = 0;
    for (int32_t count : counts) total += count;

    std::vector<ComponentColumn> columns;
    for (auto& output : outputs) {
      auto mismatch = CountMismatch(counts, total, *output.list, output.descriptor.component, target);
      if (!mismatch.empty()) {
        item.errors.push_back(std::move(mismatch));
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto exploded, internal::Explode(*output.list));
      columns.push_back(ComponentColumn{std::move(output.descriptor), std::move(exploded)});
    }

    std::vector<TimeColumn> timelines;
    for (const auto& column : chunk_->timelines()) {
      ARROW_ASSIGN_OR_RAISE(auto repeated, internal::RepeatRows(column.times(), counts));
      // Repeating rows keeps sorted times sorted.
      ARROW_ASSIGN_OR_RAISE(auto times, column.is_sorted()
                                            ? TimeColumn::MakeTrustingSorted(column.name(), repeated)
                                            : TimeColumn::Make(column.name(), repeated));
      timelines.push_back(std::move(times));
    }
    auto rows_per_timeline = DeriveTimelines(lens, target, &item.errors);
    for (size_t i = 0; i < rows_per_timeline.size(); ++i) {
      if (rows_per_timeline[i] == nullptr) continue;
      const auto own = internal::ScatterCounts(*rows_per_timeline[i]);
      const auto row = std::mismatch(own.begin(), own.end(), counts.begin()).first - own.begin();
      if (static_cast<size_t>(row) < own.size()) {
        item.errors.push_back(OperationsFailed(
            "timeline", lens.timelines()[i].name, target, lens.input_component(),
            arrow::Status::Invalid("scatters input row ", row, " into ", own[row],
                                   " rows, expected ", counts[row])));
        rows_per_timeline[i] = nullptr;
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(rows_per_timeline[i], internal::Explode(*rows_per_timeline[i]));
    }
    AddTimelines(lens, target, rows_per_timeline, &timelines, &item.errors);
    if (!item.errors.empty()) return item;
    ARROW_ASSIGN_OR_RAISE(item.chunk, NewChunk(target, std::move(timelines), std::move(columns)));
    return item;
  }

  // Empty when `rows` scatters into the same rows as the reference. The
  // reference compares totals only; rows that differ one by one but add up
  // would pair values of different source rows, so they are an error too.
  static std::string CountMismatch(const std::vector<int32_t>& counts, int64_t total,
                                   const arrow::ListArray& rows, const std::string& component,
                                   const EntityPath& target) {
    const auto own = internal::ScatterCounts(rows);
    int64_t own_total = 0;
    for (int32_t count : own) own_total += count;
    const std::string prefix = "Output component '" + component + "' for entity `" +
                               target.ToString() + "` produced ";
    const std::string suffix = " — row counts must be consistent across all output components";
    if (own_total != total) {
      return prefix + std::to_string(own_total) + " rows, expected " + std::to_string(total) + suffix;
    }
    for (size_t row = 0; row < counts.size(); ++row) {
      if (own[row] != counts[row]) {
        return prefix + std::to_string(own[row]) + " rows for input row " + std::to_string(row) +
               ", expected " + std::to_string(counts[row]) + suffix;
      }
    }
    return {};
  }

  const ChunkPtr& chunk_;
  const internal::LensPlan& plan_;
};

}  // namespace

arrow::Result<std::vector<ChunkPtr>> LensSet::Apply(const ChunkPtr& chunk,
                                                    LensOutputMode mode) const {
  const auto plan = internal::PlanLenses(*chunk, lenses_, mode);
  if (!plan.matched) {
    if (mode == LensOutputMode::kDropUnmatched) return std::vector<ChunkPtr>{};
    return std::vector<ChunkPtr>{chunk};
  }
  const ChunkLenses lenses(chunk, plan);
  std::vector<ChunkPtr> outputs;
  // The first failing output fails the whole chunk, so nothing after it runs.
  const auto take = [&](const OutputItem& item) -> arrow::Status {
    if (!item.errors.empty()) {
      std::string message;
      for (const auto& error : item.errors) message += (message.empty() ? "" : "; ") + error;
      return arrow::Status::Invalid(message);
    }
    if (item.chunk != nullptr) outputs.push_back(item.chunk);
    return arrow::Status::OK();
  };
  ARROW_ASSIGN_OR_RAISE(auto prefix, lenses.Prefix());
  ARROW_RETURN_NOT_OK(take(prefix));
  for (const auto* derive : plan.separates) {
    ARROW_ASSIGN_OR_RAISE(auto item, lenses.Separate(*derive));
    ARROW_RETURN_NOT_OK(take(item));
  }
  return outputs;
}

}  // namespace rrflow
