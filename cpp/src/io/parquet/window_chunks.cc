#include "io/parquet/window_chunks_internal.h"

#include <algorithm>
#include <map>

#include <arrow/builder.h>
#include <arrow/type.h>

#include "chunk/column_building_internal.h"
#include "io/parquet/row_lists_internal.h"
#include "io/parquet/rule_values_internal.h"
#include "io/parquet/timeline_values_internal.h"
#include "rrflow/core/status.h"

namespace rrflow::internal {
namespace {

using Timelines = std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>>;
using Components = std::vector<std::pair<ComponentDescriptor, std::shared_ptr<arrow::Array>>>;

constexpr const char* kTransform3D = "rerun.archetypes.Transform3D";

ComponentDescriptor TargetDescriptor(RuleTarget target) {
  switch (target) {
    case RuleTarget::kRotationQuat:
      return ComponentDescriptor("Transform3D:quaternion", kTransform3D,
                                 "rerun.components.RotationQuat");
    case RuleTarget::kRotationAxisAngle:
      return ComponentDescriptor("Transform3D:rotation_axis_angle", kTransform3D,
                                 "rerun.components.RotationAxisAngle");
    case RuleTarget::kScale3D:
      return ComponentDescriptor("Transform3D:scale", kTransform3D, "rerun.components.Scale3D");
    case RuleTarget::kScalars:
      return ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars",
                                 "rerun.components.Scalar");
    default:
      return ComponentDescriptor("Transform3D:translation", kTransform3D,
                                 "rerun.components.Translation3D");
  }
}

std::shared_ptr<arrow::DataType> VectorType(std::shared_ptr<arrow::DataType> item, int32_t size) {
  return arrow::fixed_size_list(arrow::field("item", std::move(item), false), size);
}

template <typename Float>
std::shared_ptr<arrow::DataType> FloatType() {
  if constexpr (sizeof(Float) == 4) {
    return arrow::float32();
  } else {
    return arrow::float64();
  }
}

// Columns [begin, begin + count) of `columns` packed row by row into
// fixed-size lists; null when one of them cannot be cast.
template <typename Float>
arrow::Result<std::shared_ptr<arrow::Array>> PackColumns(const RowWindow& window,
                                                         const std::vector<int>& columns,
                                                         size_t begin, size_t count) {
  const int64_t rows = window.batch->num_rows();
  const auto width = static_cast<int64_t>(count);
  ARROW_ASSIGN_OR_RAISE(auto buffer, arrow::AllocateBuffer(rows * width * sizeof(Float)));
  auto* out = reinterpret_cast<Float*>(buffer->mutable_data());
  for (int64_t k = 0; k < width; ++k) {
    ARROW_ASSIGN_OR_RAISE(auto values,
                          RuleValues<Float>(*window.batch->column(columns[begin + k]), window.runs));
    if (!values) return nullptr;
    for (int64_t row = 0; row < rows; ++row) out[row * width + k] = (*values)[row];
  }
  auto items = arrow::MakeArray(
      arrow::ArrayData::Make(FloatType<Float>(), rows * width, {nullptr, std::move(buffer)}, 0));
  return std::make_shared<arrow::FixedSizeListArray>(
      VectorType(FloatType<Float>(), static_cast<int32_t>(width)), rows, std::move(items));
}

// Every row holds the same names.
arrow::Result<std::shared_ptr<arrow::Array>> RepeatedNames(const std::vector<std::string>& names,
                                                           int64_t rows) {
  arrow::StringBuilder builder;
  ARROW_RETURN_NOT_OK(builder.Reserve(rows * static_cast<int64_t>(names.size())));
  for (int64_t row = 0; row < rows; ++row) ARROW_RETURN_NOT_OK(builder.AppendValues(names));
  ARROW_ASSIGN_OR_RAISE(auto values, builder.Finish());
  return std::make_shared<arrow::FixedSizeListArray>(
      VectorType(arrow::utf8(), static_cast<int32_t>(names.size())), rows, std::move(values));
}

// A transform's translation and quaternion, or nulls if a column cannot be cast.
arrow::Result<std::pair<std::shared_ptr<arrow::Array>, std::shared_ptr<arrow::Array>>>
TransformParts(const RowWindow& window, const GroupEntry& entry) {
  ARROW_ASSIGN_OR_RAISE(auto translation, PackColumns<float>(window, entry.columns, 0, 3));
  ARROW_ASSIGN_OR_RAISE(auto quaternion, PackColumns<float>(window, entry.columns, 3, 4));
  if (translation == nullptr || quaternion == nullptr) return std::make_pair(nullptr, nullptr);
  return std::make_pair(std::move(translation), std::move(quaternion));
}

// Where the flat layout puts a rule output: below the group, at its field name.
EntityPath EntryPath(const ColumnGroup& group, const GroupEntry& entry) {
  return entry.name.empty() ? group.entity_path : JoinEntityPath(group.entity_path, entry.name);
}

// Whether the rows are already in time order (timelines compared in name
// order, the last of equally named ones counting).
bool RowsInTimeOrder(const Timelines& timelines) {
  std::map<std::string, const int64_t*> by_name;
  int64_t rows = 0;
  for (const auto& [name, times] : timelines) {
    by_name[name] = times->data()->GetValues<int64_t>(1);
    rows = times->length();
  }
  for (int64_t row = 1; row < rows; ++row) {
    for (const auto& [name, values] : by_name) {
      if (values[row - 1] != values[row]) {
        if (values[row - 1] > values[row]) return false;
        break;
      }
    }
  }
  return true;
}

// The chunk under `id`, with row ids following it. When the rows needed no
// sorting the reference declares every timeline sorted (even a later one
// whose values are not); otherwise each says whether it is.
arrow::Result<ChunkPtr> Renumbered(const Chunk& chunk, ChunkId id, bool rows_in_time_order) {
  std::vector<TimeColumn> timelines = chunk.timelines();
  if (rows_in_time_order) {
    for (auto& column : timelines) {
      ARROW_ASSIGN_OR_RAISE(column, TimeColumn::MakeTrustingSorted(column.name(), column.times()));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto row_ids, SequentialRowIds(id.tuid, chunk.num_rows()));
  return Chunk::Make(id, chunk.entity_path(), std::move(row_ids), std::move(timelines),
                     chunk.components(), RowIdOrder::kKnownSorted);
}

arrow::Result<std::shared_ptr<arrow::Array>> ListPerRow(std::shared_ptr<arrow::Array> values) {
  return OneValuePerRow(std::move(values), /*item_nullable=*/true);
}

class GroupConverter {
 public:
  GroupConverter(const ReadPlan& plan, const RowWindow& window, const Timelines& timelines,
                 ChunkId first_id, std::vector<ChunkPtr>* out)
      : plan_(plan),
        window_(window),
        timelines_(timelines),
        rows_in_time_order_(RowsInTimeOrder(timelines)),
        first_id_(first_id),
        out_(*out) {}

  arrow::Status Convert(const ColumnGroup& group) {
    if (!plan_.structs) return Flat(group);
    const auto& entries = group.entries;
    const bool packs = std::any_of(entries.begin(), entries.end(), [](const GroupEntry& e) {
      return e.kind == EntryKind::kScalars || e.kind == EntryKind::kTransform;
    });
    if (entries.size() >= 2 || packs) return Struct(group);
    return Single(group);
  }

 private:
  std::shared_ptr<arrow::Array> Column(int index) const {
    return window_.batch->column(index);
  }
  const arrow::Field& SchemaField(int index) const { return *window_.batch->schema()->field(index); }

  arrow::Status Emit(const EntityPath& path, Components components) {
    auto chunk = Chunk::FromColumns(path, timelines_, std::move(components));
    if (!chunk.ok()) {
      return RuntimeError("Failed to build chunk from Parquet batch: ", chunk.status().message());
    }
    // Ids leave room for each chunk's row ids, which follow its id.
    const auto step = static_cast<uint64_t>(window_.batch->num_rows() + 1);
    const ChunkId id{first_id_.tuid.IncrementedBy(out_.size() * step)};
    ARROW_ASSIGN_OR_RAISE(auto numbered, Renumbered(**chunk, id, rows_in_time_order_));
    out_.push_back(std::move(numbered));
    return arrow::Status::OK();
  }

  arrow::Result<std::shared_ptr<arrow::Array>> RawList(const GroupEntry& entry) const {
    const int column = entry.columns.front();
    return OneValuePerRow(Column(column), SchemaField(column).nullable());
  }

  // One entry at the group's path: a raw column or one Transform3D component.
  arrow::Status Single(const ColumnGroup& group) {
    const GroupEntry& entry = group.entries.front();
    Components components;
    if (entry.kind == EntryKind::kRaw) {
      ARROW_ASSIGN_OR_RAISE(auto list, RawList(entry));
      components.emplace_back(ComponentDescriptor(entry.name), std::move(list));
    } else {
      const size_t width = entry.columns.size();
      ARROW_ASSIGN_OR_RAISE(auto packed, PackColumns<float>(window_, entry.columns, 0, width));
      if (packed != nullptr) {
        ARROW_ASSIGN_OR_RAISE(auto list, ListPerRow(std::move(packed)));
        components.emplace_back(TargetDescriptor(entry.target), std::move(list));
      }
    }
    return Emit(group.entity_path, std::move(components));
  }

  // Every entry a field of one `data` struct; a rule column that cannot be
  // cast loses the whole struct, as in the reference.
  arrow::Status Struct(const ColumnGroup& group) {
    arrow::FieldVector fields;
    arrow::ArrayVector children;
    bool complete = true;
    const auto add = [&](const std::string& name, std::shared_ptr<arrow::Array> array,
                         bool nullable = true) {
      if (array == nullptr) {
        complete = false;
        return;
      }
      fields.push_back(arrow::field(name, array->type(), nullable));
      children.push_back(std::move(array));
    };
    for (const auto& entry : group.entries) {
      const size_t width = entry.columns.size();
      switch (entry.kind) {
        case EntryKind::kRaw: {
          const int column = entry.columns.front();
          add(entry.name, Column(column), SchemaField(column).nullable());
          break;
        }
        case EntryKind::kComponent: {
          ARROW_ASSIGN_OR_RAISE(auto packed, PackColumns<float>(window_, entry.columns, 0, width));
          add(entry.name, std::move(packed));
          break;
        }
        case EntryKind::kScalars: {
          ARROW_ASSIGN_OR_RAISE(auto packed, PackColumns<double>(window_, entry.columns, 0, width));
          add(entry.name, std::move(packed));
          // The reference cannot build a zero-size list of names.
          std::shared_ptr<arrow::Array> names;
          if (!entry.series_names.empty()) {
            ARROW_ASSIGN_OR_RAISE(names, RepeatedNames(entry.series_names, window_.batch->num_rows()));
          }
          add(entry.name + "_names", std::move(names));
          break;
        }
        case EntryKind::kTransform: {
          ARROW_ASSIGN_OR_RAISE(auto parts, TransformParts(window_, entry));
          std::shared_ptr<arrow::Array> transform;
          if (parts.first != nullptr) {
            ARROW_ASSIGN_OR_RAISE(transform, arrow::StructArray::Make(
                                                 {parts.first, parts.second},
                                                 std::vector<std::string>{"translation", "quaternion"}));
          }
          add(entry.name, std::move(transform));
          break;
        }
      }
    }
    Components components;
    if (complete) {
      ARROW_ASSIGN_OR_RAISE(auto data, arrow::StructArray::Make(children, fields));
      ARROW_ASSIGN_OR_RAISE(auto list, ListPerRow(std::move(data)));
      components.emplace_back(ComponentDescriptor("data"), std::move(list));
    }
    return Emit(group.entity_path, std::move(components));
  }

  // Raw columns at the group's path, each rule output at the path of its
  // field name below it; one chunk per path, in entity-path order. A rule
  // column that cannot be cast drops only its own output.
  arrow::Status Flat(const ColumnGroup& group) {
    const auto natural = [](const EntityPath& a, const EntityPath& b) {
      return EntityPath::CompareNatural(a, b) < 0;
    };
    std::map<EntityPath, Components, decltype(natural)> by_path(natural);
    for (const auto& entry : group.entries) {
      if (entry.kind == EntryKind::kRaw) {
        ARROW_ASSIGN_OR_RAISE(auto list, RawList(entry));
        by_path[group.entity_path].emplace_back(ComponentDescriptor(entry.name), std::move(list));
        continue;
      }
      const EntityPath path = EntryPath(group, entry);
      const size_t width = entry.columns.size();
      if (entry.kind == EntryKind::kTransform) {
        ARROW_ASSIGN_OR_RAISE(auto parts, TransformParts(window_, entry));
        if (parts.first == nullptr) continue;
        ARROW_ASSIGN_OR_RAISE(auto translation, ListPerRow(std::move(parts.first)));
        ARROW_ASSIGN_OR_RAISE(auto quaternion, ListPerRow(std::move(parts.second)));
        by_path[path].emplace_back(TargetDescriptor(RuleTarget::kTranslation3D), std::move(translation));
        by_path[path].emplace_back(TargetDescriptor(RuleTarget::kRotationQuat), std::move(quaternion));
        continue;
      }
      std::shared_ptr<arrow::Array> packed;
      if (entry.kind == EntryKind::kScalars) {
        ARROW_ASSIGN_OR_RAISE(packed, PackColumns<double>(window_, entry.columns, 0, width));
      } else {
        ARROW_ASSIGN_OR_RAISE(packed, PackColumns<float>(window_, entry.columns, 0, width));
      }
      if (packed == nullptr) continue;
      ARROW_ASSIGN_OR_RAISE(auto list, ListPerRow(std::move(packed)));
      by_path[path].emplace_back(TargetDescriptor(entry.target), std::move(list));
    }
    for (auto& [path, components] : by_path) ARROW_RETURN_NOT_OK(Emit(path, std::move(components)));
    return arrow::Status::OK();
  }

  const ReadPlan& plan_;
  const RowWindow& window_;
  const Timelines& timelines_;
  const bool rows_in_time_order_;
  ChunkId first_id_;
  std::vector<ChunkPtr>& out_;
};

}  // namespace

arrow::Result<std::vector<ChunkPtr>> WindowChunks(const ReadPlan& plan, const RowWindow& window,
                                                  ChunkId first_id) {
  Timelines timelines;
  const int64_t rows = window.batch->num_rows();
  if (plan.timelines.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto values, RowIndexValues(window.first_row, rows));
    timelines.emplace_back("row_index", std::move(values));
  }
  for (const auto& source : plan.timelines) {
    ARROW_ASSIGN_OR_RAISE(auto values,
                          TimelineValues(*window.batch->column(source.column), source, window.runs));
    timelines.emplace_back(source.name, std::move(values));
  }
  std::vector<ChunkPtr> chunks;
  GroupConverter converter(plan, window, timelines, first_id, &chunks);
  for (const auto& group : plan.groups) ARROW_RETURN_NOT_OK(converter.Convert(group));
  return chunks;
}

arrow::Result<std::vector<ChunkPtr>> SeriesNamesChunks(const ReadPlan& plan) {
  std::vector<ChunkPtr> chunks;
  if (plan.structs) return chunks;
  const ComponentDescriptor descriptor("SeriesLines:names", "rerun.archetypes.SeriesLines",
                                       "rerun.components.Name");
  for (const auto& group : plan.groups) {
    for (const auto& entry : group.entries) {
      if (entry.kind != EntryKind::kScalars) continue;
      arrow::StringBuilder builder;
      ARROW_RETURN_NOT_OK(builder.AppendValues(entry.series_names));
      ARROW_ASSIGN_OR_RAISE(auto names, builder.Finish());
      // One row holding the names; the reference has no row without names.
      const int64_t rows = names->length() > 0 ? 1 : 0;
      ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer((rows + 1) * sizeof(int32_t)));
      auto* bounds = reinterpret_cast<int32_t*>(offsets->mutable_data());
      bounds[0] = 0;
      bounds[rows] = static_cast<int32_t>(names->length());
      auto list = std::make_shared<arrow::ListArray>(
          arrow::list(arrow::field("item", arrow::utf8(), false)), rows, std::move(offsets),
          std::move(names));
      ARROW_ASSIGN_OR_RAISE(auto chunk,
                            Chunk::FromColumns(EntryPath(group, entry), {}, {{descriptor, list}}));
      chunks.push_back(std::move(chunk));
    }
  }
  return chunks;
}

}  // namespace rrflow::internal
