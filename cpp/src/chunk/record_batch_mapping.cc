// Chunk <-> Arrow RecordBatch in the sorbet layout: a row-id column, the time
// columns, then the component columns, with Rerun's field and batch metadata.
#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>

#include "chunk/column_building_internal.h"
#include "rrflow/chunk/chunk.h"
#include "text/data_type_text_internal.h"

namespace rrflow {
namespace {

constexpr std::string_view kRowIdFieldName = "rerun.controls.RowId";

std::shared_ptr<arrow::Field> RowIdField(bool is_sorted) {
  std::vector<std::string> keys = {"ARROW:extension:metadata", "ARROW:extension:name",
                                   "rerun:kind"};
  std::vector<std::string> values = {R"({"namespace":"row"})", "rerun.datatypes.TUID", "control"};
  if (is_sorted) {
    keys.emplace_back("rerun:is_sorted");
    values.emplace_back("true");
  }
  return arrow::field(std::string(kRowIdFieldName), arrow::fixed_size_binary(16),
                      /*nullable=*/false, arrow::key_value_metadata(keys, values));
}

std::shared_ptr<arrow::Field> TimeField(const TimeColumn& column) {
  std::vector<std::string> keys = {"rerun:kind", "rerun:index_name"};
  std::vector<std::string> values = {"index", column.name()};
  if (column.is_sorted()) {
    keys.emplace_back("rerun:is_sorted");
    values.emplace_back("true");
  }
  return arrow::field(column.name(), column.times()->type(), /*nullable=*/true,
                      arrow::key_value_metadata(keys, values));
}

std::shared_ptr<arrow::Field> ComponentField(const ComponentColumn& column) {
  const auto& descriptor = column.descriptor;
  std::vector<std::string> keys = {"rerun:kind", "rerun:component"};
  std::vector<std::string> values = {"data", descriptor.component};
  if (descriptor.archetype) {
    keys.emplace_back("rerun:archetype");
    values.push_back(*descriptor.archetype);
  }
  if (descriptor.component_type) {
    keys.emplace_back("rerun:component_type");
    values.push_back(*descriptor.component_type);
  }
  return arrow::field(descriptor.component, column.list->type(), /*nullable=*/true,
                      arrow::key_value_metadata(keys, values));
}

// Field metadata lookup; absent metadata or key gives nullopt.
std::optional<std::string> MetadataValue(const arrow::KeyValueMetadata* metadata,
                                         std::string_view key) {
  if (metadata == nullptr) return std::nullopt;
  const int index = metadata->FindKey(std::string(key));
  if (index < 0) return std::nullopt;
  return metadata->value(index);
}

// Boolean metadata is true when present and not "false"/"no" (any case).
bool MetadataFlag(const arrow::KeyValueMetadata* metadata, std::string_view key) {
  auto value = MetadataValue(metadata, key);
  if (!value) return false;
  std::string lowered = *value;
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered != "false" && lowered != "no";
}

enum class ColumnKind { kRowId, kIndex, kData };

arrow::Result<ColumnKind> KindOf(const arrow::Field& field) {
  const auto kind = MetadataValue(field.metadata().get(), "rerun:kind");
  if (!kind || *kind == "data" || *kind == "component") return ColumnKind::kData;
  if (*kind == "control" || *kind == "row_id") return ColumnKind::kRowId;
  if (*kind == "index" || *kind == "time") return ColumnKind::kIndex;
  return arrow::Status::Invalid("Unknown `rerun:kind` \"", *kind, "\" in column \"", field.name(),
                                "\". Expect one of `row_id`, `index`, or `component`.");
}

}  // namespace

std::shared_ptr<arrow::RecordBatch> Chunk::ToRecordBatch() const {
  arrow::FieldVector fields;
  arrow::ArrayVector columns;
  fields.reserve(static_cast<size_t>(num_columns()));
  columns.reserve(static_cast<size_t>(num_columns()));
  fields.push_back(RowIdField(is_sorted_));
  columns.push_back(row_ids_);
  for (const auto& column : timelines_) {
    fields.push_back(TimeField(column));
    columns.push_back(column.times());
  }
  for (const auto& column : components_) {
    fields.push_back(ComponentField(column));
    columns.push_back(column.list);
  }
  auto metadata = arrow::key_value_metadata(
      {"sorbet:version", "rerun:id", "rerun:entity_path"},
      {std::string(kSorbetVersion), id_.ToString(), entity_path_.ToString()});
  return arrow::RecordBatch::Make(arrow::schema(std::move(fields), std::move(metadata)),
                                  num_rows(), std::move(columns));
}

arrow::Result<ChunkPtr> Chunk::FromRecordBatch(const arrow::RecordBatch& batch) {
  const auto& schema = *batch.schema();
  std::shared_ptr<arrow::FixedSizeBinaryArray> row_ids;
  RowIdOrder row_id_order = RowIdOrder::kCheck;
  int row_id_columns = 0;
  std::vector<TimeColumn> timelines;
  std::vector<ComponentColumn> components;

  for (int i = 0; i < schema.num_fields(); ++i) {
    const auto& field = *schema.field(i);
    const auto* metadata = field.metadata().get();
    const auto& array = batch.column(i);
    ARROW_ASSIGN_OR_RAISE(const auto kind, KindOf(field));
    switch (kind) {
      case ColumnKind::kRowId: {
        if (++row_id_columns > 1) break;  // counted, reported below
        if (i != 0) {
          return arrow::Status::Invalid(
              "Invalid column order: RowId column must be the first column; but the columns "
              "were: ",
              schema.ToString());
        }
        if (array->type()->id() != arrow::Type::FIXED_SIZE_BINARY ||
            static_cast<const arrow::FixedSizeBinaryType&>(*array->type()).byte_width() != 16) {
          return arrow::Status::Invalid("Expected column \"", field.name(),
                                        "\" to be FixedSizeBinary(16), got ",
                                        internal::FormatDataType(*array->type()));
        }
        row_ids = std::static_pointer_cast<arrow::FixedSizeBinaryArray>(array);
        if (MetadataFlag(metadata, "rerun:is_sorted")) row_id_order = RowIdOrder::kKnownSorted;
        break;
      }
      case ColumnKind::kIndex: {
        if (!components.empty()) {
          return arrow::Status::Invalid(
              "Invalid column order: Index columns must come before any data columns");
        }
        std::string name = MetadataValue(metadata, "rerun:index_name").value_or(field.name());
        if (!TimeTypeFromArrow(*array->type()).ok()) {
          return arrow::Status::Invalid("Unsupported time type: ",
                                        internal::FormatDataType(*array->type()));
        }
        if (array->null_count() > 0) {
          return arrow::Status::Invalid("Detected malformed Chunk: Bad time column '", name,
                                        "': Time columns had nulls, but should be dense");
        }
        const bool trusted_sorted = MetadataFlag(metadata, "rerun:is_sorted");
        ARROW_ASSIGN_OR_RAISE(auto column, trusted_sorted
                                               ? TimeColumn::MakeTrustingSorted(name, array)
                                               : TimeColumn::Make(name, array));
        for (const auto& existing : timelines) {
          if (existing.name() == name) {
            return arrow::Status::Invalid("Detected malformed Chunk: time column '", name,
                                          "' was specified more than once");
          }
        }
        timelines.push_back(std::move(column));
        break;
      }
      case ColumnKind::kData: {
        ComponentDescriptor descriptor(
            MetadataValue(metadata, "rerun:component").value_or(field.name()),
            MetadataValue(metadata, "rerun:archetype"),
            MetadataValue(metadata, "rerun:component_type"));
        for (const auto& existing : components) {
          if (existing.descriptor.component == descriptor.component) {
            return arrow::Status::Invalid("Detected malformed Chunk: component column '\"",
                                          descriptor.component, "\"' was specified more than once");
          }
        }
        ARROW_ASSIGN_OR_RAISE(auto list,
                              internal::AsListColumn(array, internal::NullValueAs::kNullRow));
        components.push_back(ComponentColumn{std::move(descriptor), std::move(list)});
        break;
      }
    }
  }
  if (row_id_columns > 1) {
    return arrow::Status::Invalid("Multiple RowId columns found: ", row_id_columns);
  }
  if (row_ids == nullptr) return arrow::Status::Invalid("Missing RowId column");

  const auto* batch_metadata = schema.metadata().get();
  const auto id_text = MetadataValue(batch_metadata, "rerun:id");
  if (!id_text) return arrow::Status::Invalid("Missing chunk ID");
  auto id = ChunkId::Parse(*id_text);
  if (!id.ok()) {
    return arrow::Status::Invalid("Failed to deserialize chunk ID: Failed to deserialize chunk id \"",
                                  *id_text, "\": ", id.status().message());
  }
  const auto entity_path = MetadataValue(batch_metadata, "rerun:entity_path");
  if (!entity_path) return arrow::Status::Invalid("Missing entity path");

  return Make(*id, EntityPath::Parse(*entity_path), std::move(row_ids), std::move(timelines),
              std::move(components), row_id_order);
}

}  // namespace rrflow
