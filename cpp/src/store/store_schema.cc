#include "rrflow/store/store_schema.h"

#include <algorithm>

#include <arrow/array.h>
#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>

namespace rrflow {
namespace {

// A column is semantically empty when every row is null or an empty list.
bool IsSemanticallyEmpty(const arrow::ListArray& list) {
  const int64_t length = list.length();
  if (length == 0) return true;
  return list.value_offset(length) == list.value_offset(0);
}

std::shared_ptr<arrow::DataType> CanonicalListType(const arrow::ListArray& list) {
  return arrow::list(arrow::field("item", list.value_type(), /*nullable=*/true));
}

}  // namespace

std::string IndexColumn::ToString() const { return "Index(timeline:" + timeline.name + ")"; }

std::string ComponentColumnInfo::ColumnName() const {
  const auto& parts = entity_path.parts();
  if (!parts.empty() && parts[0] == "__properties") {
    std::string name = "property:";
    for (size_t i = 1; i < parts.size(); ++i) {
      name += parts[i];
      name += i + 1 < parts.size() ? "/" : ":";
    }
    return name + descriptor.component;
  }
  return entity_path.ToString() + ":" + descriptor.component;
}

std::string ComponentColumnInfo::ToString() const {
  std::string out = "Column name: " + ColumnName() + "\n";
  out += "\tEntity path: " + entity_path.ToString() + "\n";
  out += "\tArchetype: " + descriptor.archetype.value_or("None") + "\n";
  out += "\tComponent type: " + descriptor.component_type.value_or("") + "\n";
  out += "\tComponent: " + descriptor.component;
  if (is_static) out += "\n\tStatic: true";
  return out;
}

bool ComponentColumnInfo::operator==(const ComponentColumnInfo& other) const {
  return entity_path == other.entity_path && descriptor == other.descriptor &&
         store_datatype->Equals(*other.store_datatype) && is_static == other.is_static &&
         is_semantically_empty == other.is_semantically_empty &&
         is_tombstone == other.is_tombstone;
}

void StoreSchema::Add(const Chunk& chunk) {
  for (const auto& column : chunk.timelines()) timelines_[column.name()] = column.type();
  for (const auto& column : chunk.components()) {
    const auto& d = column.descriptor;
    ComponentKey key{chunk.entity_path().ToString(), d.archetype, d.component, d.component_type};
    auto [it, inserted] = components_.try_emplace(std::move(key));
    auto& info = it->second;
    if (inserted) {
      info.entity_path = chunk.entity_path();
      info.descriptor = d;
      info.store_datatype = CanonicalListType(*column.list);
      info.is_tombstone = d.archetype == "rerun.archetypes.Clear";
    }
    info.is_static = info.is_static || chunk.is_static();
    info.is_semantically_empty = info.is_semantically_empty && IsSemanticallyEmpty(*column.list);
  }
}

arrow::Result<StoreSchema> StoreSchema::FromArrowSchema(const arrow::Schema& schema) {
  StoreSchema result;
  for (const auto& field : schema.fields()) {
    const auto metadata = field->metadata();
    auto value = [&](const std::string& key) -> std::optional<std::string> {
      if (metadata == nullptr) return std::nullopt;
      auto found = metadata->Get(key);
      if (!found.ok()) return std::nullopt;
      return *found;
    };
    auto flag = [&](const std::string& key) {
      auto text = value(key);
      return text && *text != "false" && *text != "no";
    };
    const std::string kind = value("rerun:kind").value_or("data");
    if (kind == "control" || kind == "row_id") continue;
    if (kind == "index" || kind == "time") {
      auto type = TimeTypeFromArrow(*field->type());
      if (!type.ok()) {
        return arrow::Status::Invalid("index column '", field->name(), "': ", type.status().message());
      }
      result.timelines_[value("rerun:index_name").value_or(field->name())] = *type;
      continue;
    }
    if (field->type()->id() != arrow::Type::LIST) {
      return arrow::Status::Invalid("component column '", field->name(), "' is not a List but ",
                                    field->type()->ToString());
    }
    ComponentColumnInfo info;
    info.entity_path = EntityPath::Parse(value("rerun:entity_path").value_or("/"));
    info.descriptor = ComponentDescriptor(value("rerun:component").value_or(field->name()),
                                          value("rerun:archetype"), value("rerun:component_type"));
    const auto& list_type = static_cast<const arrow::ListType&>(*field->type());
    info.store_datatype = arrow::list(arrow::field("item", list_type.value_type(), true));
    info.is_static = flag("rerun:is_static");
    info.is_tombstone = flag("rerun:is_tombstone");
    info.is_semantically_empty = flag("rerun:is_semantically_empty");
    ComponentKey key{info.entity_path.ToString(), info.descriptor.archetype,
                     info.descriptor.component, info.descriptor.component_type};
    result.components_[std::move(key)] = std::move(info);
  }
  return result;
}

std::vector<IndexColumn> StoreSchema::index_columns() const {
  std::vector<IndexColumn> columns;
  for (const auto& [name, type] : timelines_) columns.push_back({Timeline{name, type}});
  return columns;  // std::map keeps names in byte order
}

std::vector<ComponentColumnInfo> StoreSchema::component_columns() const {
  std::vector<ComponentColumnInfo> columns;
  columns.reserve(components_.size());
  for (const auto& [key, info] : components_) columns.push_back(info);
  std::stable_sort(columns.begin(), columns.end(),
                   [](const ComponentColumnInfo& a, const ComponentColumnInfo& b) {
                     if (const int c = EntityPath::CompareNatural(a.entity_path, b.entity_path);
                         c != 0) {
                       return c < 0;
                     }
                     return ComponentDescriptor::ColumnOrderLess(a.descriptor, b.descriptor);
                   });
  return columns;
}

std::string StoreSchema::ToString() const {
  std::string out;
  for (const auto& column : index_columns()) {
    if (!out.empty()) out += "\n";
    out += column.ToString();
  }
  for (const auto& column : component_columns()) {
    if (!out.empty()) out += "\n";
    out += column.ToString();
  }
  return out;
}

std::shared_ptr<arrow::Schema> StoreSchema::ToArrowSchema() const {
  arrow::FieldVector fields;
  fields.push_back(arrow::field(
      "rerun.controls.RowId", arrow::fixed_size_binary(16), /*nullable=*/false,
      arrow::key_value_metadata({"ARROW:extension:metadata", "ARROW:extension:name", "rerun:kind"},
                                {R"({"namespace":"row"})", "rerun.datatypes.TUID", "control"})));
  for (const auto& column : index_columns()) {
    fields.push_back(arrow::field(
        column.timeline.name, TimeTypeToArrow(column.timeline.type), /*nullable=*/true,
        arrow::key_value_metadata({"rerun:kind", "rerun:index_name"},
                                  {"index", column.timeline.name})));
  }
  for (const auto& column : component_columns()) {
    std::vector<std::string> keys = {"rerun:kind", "rerun:entity_path", "rerun:component"};
    std::vector<std::string> values = {"data", column.entity_path.ToString(),
                                       column.descriptor.component};
    if (column.descriptor.archetype) {
      keys.emplace_back("rerun:archetype");
      values.push_back(*column.descriptor.archetype);
    }
    if (column.descriptor.component_type) {
      keys.emplace_back("rerun:component_type");
      values.push_back(*column.descriptor.component_type);
    }
    if (column.is_static) {
      keys.emplace_back("rerun:is_static");
      values.emplace_back("true");
    }
    if (column.is_tombstone) {
      keys.emplace_back("rerun:is_tombstone");
      values.emplace_back("true");
    }
    fields.push_back(arrow::field(column.ColumnName(), column.store_datatype, /*nullable=*/true,
                                  arrow::key_value_metadata(keys, values)));
  }
  return arrow::schema(std::move(fields));
}

bool StoreSchema::operator==(const StoreSchema& other) const {
  return index_columns() == other.index_columns() &&
         component_columns() == other.component_columns();
}

}  // namespace rrflow
