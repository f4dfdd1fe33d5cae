#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/builder.h>
#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>

#include "io/rrd/sorbet_migration_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/core/component_descriptor.h"

namespace rrflow::internal {
namespace {

using SorbetVersion = std::array<int, 3>;
constexpr SorbetVersion kV0_0_2 = {0, 0, 2};
constexpr SorbetVersion kV0_1_0 = {0, 1, 0};
constexpr SorbetVersion kV0_1_1 = {0, 1, 1};
constexpr SorbetVersion kV0_1_2 = {0, 1, 2};
constexpr SorbetVersion kV0_1_3 = {0, 1, 3};

// Ordered key/value pairs that are cheap to edit.
class Metadata {
 public:
  Metadata() = default;
  explicit Metadata(const arrow::KeyValueMetadata* metadata) {
    if (metadata == nullptr) return;
    for (int64_t i = 0; i < metadata->size(); ++i) {
      entries_.emplace_back(metadata->key(i), metadata->value(i));
    }
  }

  std::optional<std::string> Get(std::string_view key) const {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return std::nullopt;
  }
  void Set(std::string_view key, std::string value) {
    for (auto& [k, v] : entries_) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    entries_.emplace_back(std::string(key), std::move(value));
  }
  std::optional<std::string> Remove(std::string_view key) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == key) {
        std::string value = std::move(it->second);
        entries_.erase(it);
        return value;
      }
    }
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>>& entries() { return entries_; }

  std::shared_ptr<const arrow::KeyValueMetadata> ToArrow() const {
    if (entries_.empty()) return nullptr;
    std::vector<std::string> keys, values;
    for (const auto& [k, v] : entries_) {
      keys.push_back(k);
      values.push_back(v);
    }
    return arrow::key_value_metadata(std::move(keys), std::move(values));
  }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct Column {
  std::string name;
  bool nullable = true;
  Metadata metadata;
  std::shared_ptr<arrow::Array> array;
};

enum class Role { kRowId, kIndex, kData };

Role RoleOf(const Column& column) {
  const auto kind = column.metadata.Get("rerun:kind")
                        .value_or(column.metadata.Get("rerun.kind").value_or("data"));
  if (kind == "control" || kind == "row_id" || column.name == "rerun.controls.RowId") {
    return Role::kRowId;
  }
  if (kind == "index" || kind == "time") return Role::kIndex;
  return Role::kData;
}

std::optional<SorbetVersion> ParseVersion(std::string_view text) {
  SorbetVersion version{};
  const char* pos = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, error] = std::from_chars(pos, end, version[i]);
    if (error != std::errc()) return std::nullopt;
    pos = next;
    if (i < 2) {
      if (pos == end || *pos != '.') return std::nullopt;
      ++pos;
    }
  }
  return version;  // anything after the patch (a pre-release) is ignored
}

SorbetVersion DetectVersion(Metadata& schema_metadata) {
  if (auto text = schema_metadata.Get("sorbet:version")) {
    if (auto version = ParseVersion(*text)) return *version;
  }
  for (const auto& [key, value] : schema_metadata.entries()) {
    if (key.starts_with("rerun.")) return {0, 0, 1};
  }
  if (schema_metadata.Get("rerun:version")) return kV0_0_2;
  return {0, 0, 1};
}

bool IsTrue(const std::optional<std::string>& value) {
  if (!value) return false;
  std::string lowered = *value;
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered != "false" && lowered != "no";
}

// --- 0.0.1 -> 0.0.2 ---------------------------------------------------------

// A legacy TUID column Struct{time_ns: UInt64, inc: UInt64} as big-endian FixedSizeBinary(16).
arrow::Result<std::shared_ptr<arrow::Array>> StructTuidsToBinary(const arrow::Array& array) {
  const auto& tuids = static_cast<const arrow::StructArray&>(array);
  auto time_ns = tuids.GetFieldByName("time_ns");
  auto inc = tuids.GetFieldByName("inc");
  if (time_ns == nullptr || inc == nullptr || time_ns->type_id() != arrow::Type::UINT64 ||
      inc->type_id() != arrow::Type::UINT64) {
    return arrow::Status::Invalid("legacy TUID column is not Struct{time_ns: UInt64, inc: UInt64}");
  }
  const auto& times = static_cast<const arrow::UInt64Array&>(*time_ns);
  const auto& counters = static_cast<const arrow::UInt64Array&>(*inc);
  arrow::FixedSizeBinaryBuilder builder(arrow::fixed_size_binary(16));
  ARROW_RETURN_NOT_OK(builder.Reserve(array.length()));
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    const auto bytes = Tuid{times.Value(i), counters.Value(i)}.ToBytes();
    ARROW_RETURN_NOT_OK(builder.Append(bytes.data()));
  }
  return builder.Finish();
}

void RenameArchetype(Metadata& metadata, std::string_view key, std::string_view from,
                     std::string_view to,
                     const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
  auto archetype = metadata.Get(key);
  if (!archetype) return;
  const std::string full_from = "rerun.archetypes." + std::string(from);
  if (*archetype != full_from && *archetype != from) return;
  metadata.Set(key, *archetype == from ? std::string(to) : "rerun.archetypes." + std::string(to));
  for (const char* field_key : {"rerun.archetype_field", "rerun:archetype_field"}) {
    auto field = metadata.Get(field_key);
    if (!field) continue;
    for (const auto& [old_name, new_name] : fields) {
      if (*field == old_name) metadata.Set(field_key, std::string(new_name));
    }
  }
}

arrow::Status MigrateTo0_0_2(std::vector<Column>& columns) {
  std::stable_sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) {
    return static_cast<int>(RoleOf(a)) < static_cast<int>(RoleOf(b));
  });
  for (auto& column : columns) {
    const bool is_tuid = column.metadata.Get("ARROW:extension:name") == "rerun.datatypes.TUID" ||
                         column.name == "rerun.controls.RowId";
    if (is_tuid && column.array->type_id() == arrow::Type::STRUCT) {
      ARROW_ASSIGN_OR_RAISE(column.array, StructTuidsToBinary(*column.array));
    }
    for (const char* key : {"rerun.archetype", "rerun:archetype"}) {
      RenameArchetype(column.metadata, key, "Scalar", "Scalars", {{"scalar", "scalars"}});
      RenameArchetype(column.metadata, key, "SeriesLine", "SeriesLines",
                      {{"color", "colors"}, {"width", "widths"}, {"name", "names"}});
      RenameArchetype(column.metadata, key, "SeriesPoint", "SeriesPoints",
                      {{"color", "colors"},
                       {"marker", "markers"},
                       {"name", "names"},
                       {"marker_size", "marker_sizes"}});
    }
  }
  return arrow::Status::OK();
}

// --- 0.0.2 -> 0.1.0 ---------------------------------------------------------

constexpr std::string_view kOldPropertiesEntity = "/__properties/recording";
constexpr std::string_view kPropertiesEntity = "/__properties";

void MigrateEntityPath(Metadata& metadata, std::string_view key) {
  if (metadata.Get(key) == kOldPropertiesEntity) metadata.Set(key, std::string(kPropertiesEntity));
}

void MigrateTo0_1_0(Metadata& schema_metadata, std::vector<Column>& columns) {
  // Schema keys: `rerun.version` goes, other `rerun.x` become `rerun:x`.
  schema_metadata.Remove("rerun.version");
  for (auto& [key, value] : schema_metadata.entries()) {
    if (key.starts_with("rerun.")) key[5] = ':';
  }
  MigrateEntityPath(schema_metadata, "rerun:entity_path");

  for (auto& column : columns) {
    auto& metadata = column.metadata;
    auto archetype = metadata.Remove("rerun.archetype");
    auto archetype_field = metadata.Remove("rerun.archetype_field");
    auto component = metadata.Remove("rerun.component");
    for (auto& [key, value] : metadata.entries()) {
      if (key.starts_with("rerun.")) key[5] = ':';
    }
    MigrateEntityPath(metadata, "rerun:entity_path");
    if (RoleOf(column) != Role::kData) continue;

    if (archetype == "rerun.archetypes.RecordingProperties") {
      archetype = "rerun.archetypes.RecordingInfo";
    }
    if (archetype) metadata.Set("rerun:archetype", *archetype);
    if (archetype_field) {
      const std::string identifier =
          archetype ? ShortArchetypeName(*archetype) + ":" + *archetype_field : *archetype_field;
      metadata.Set("rerun:component", identifier);
      if (component) metadata.Set("rerun:component_type", *component);
    } else if (component) {
      metadata.Set("rerun:component", *component);
    }
  }
}

// --- 0.1.0 -> 0.1.1 ---------------------------------------------------------

bool IsIndicator(const Column& column) {
  if (IsTrue(column.metadata.Get("rerun:is_indicator"))) return true;
  for (const char* key : {"rerun:component", "rerun:component_type"}) {
    auto name = column.metadata.Get(key);
    if (name && name->starts_with("rerun.") && name->ends_with("Indicator")) return true;
  }
  return false;
}

void MigrateTo0_1_1(std::vector<Column>& columns) {
  std::erase_if(columns,
                [](const Column& c) { return RoleOf(c) == Role::kData && IsIndicator(c); });
}

// --- 0.1.1 -> 0.1.2 and 0.1.2 -> 0.1.3 ---------------------------------------

void MigrateTo0_1_2(std::vector<Column>& columns) {
  constexpr std::string_view kPosePrefix = "rerun.components.Pose";
  for (auto& column : columns) {
    auto& metadata = column.metadata;
    if (auto type = metadata.Get("rerun:component_type"); type && type->starts_with(kPosePrefix)) {
      metadata.Set("rerun:component_type", "rerun.components." + type->substr(kPosePrefix.size()));
    }
    const auto component = metadata.Get("rerun:component");
    if (component == "Transform3D:axis_length") {
      metadata.Set("rerun:component", "TransformAxes3D:axis_length");
      metadata.Set("rerun:archetype", "rerun.archetypes.TransformAxes3D");
    } else if (component == "CoordinateFrame:frame_id") {
      metadata.Set("rerun:component", "CoordinateFrame:frame");
    }
  }
}

void MigrateTo0_1_3(std::vector<Column>& columns) {
  for (auto& column : columns) {
    if (column.metadata.Get("rerun:component_type") == "rerun.components.SeriesVisible") {
      column.metadata.Set("rerun:component_type", "rerun.components.Visible");
    }
  }
}

ComponentDescriptor DescriptorOf(const Column& column) {
  return ComponentDescriptor(column.metadata.Get("rerun:component").value_or(column.name),
                             column.metadata.Get("rerun:archetype"),
                             column.metadata.Get("rerun:component_type"));
}

// Data columns in the reference's order, named by their identifier.
void SortDataColumns(std::vector<Column>& columns) {
  auto first_data = std::find_if(columns.begin(), columns.end(),
                                 [](const Column& c) { return RoleOf(c) == Role::kData; });
  for (auto it = first_data; it != columns.end(); ++it) {
    if (auto component = it->metadata.Get("rerun:component")) it->name = *component;
  }
  std::stable_sort(first_data, columns.end(), [](const Column& a, const Column& b) {
    return ComponentDescriptor::ColumnOrderLess(DescriptorOf(a), DescriptorOf(b));
  });
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::RecordBatch>> MigrateToCurrentSorbet(
    std::shared_ptr<arrow::RecordBatch> batch) {
  const auto& schema = *batch->schema();
  Metadata schema_metadata(schema.metadata().get());
  const SorbetVersion version = DetectVersion(schema_metadata);
  if (version >= kV0_1_3) return batch;

  std::vector<Column> columns;
  columns.reserve(static_cast<size_t>(schema.num_fields()));
  for (int i = 0; i < schema.num_fields(); ++i) {
    const auto& field = *schema.field(i);
    columns.push_back(
        Column{field.name(), field.nullable(), Metadata(field.metadata().get()), batch->column(i)});
  }

  if (version < kV0_0_2) ARROW_RETURN_NOT_OK(MigrateTo0_0_2(columns));
  if (version < kV0_1_0) MigrateTo0_1_0(schema_metadata, columns);
  if (version < kV0_1_1) MigrateTo0_1_1(columns);
  if (version < kV0_1_2) MigrateTo0_1_2(columns);
  MigrateTo0_1_3(columns);
  SortDataColumns(columns);
  schema_metadata.Set("sorbet:version", std::string(kSorbetVersion));

  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (auto& column : columns) {
    fields.push_back(arrow::field(column.name, column.array->type(), column.nullable,
                                  column.metadata.ToArrow()));
    arrays.push_back(std::move(column.array));
  }
  return arrow::RecordBatch::Make(arrow::schema(std::move(fields), schema_metadata.ToArrow()),
                                  batch->num_rows(), std::move(arrays));
}

}  // namespace rrflow::internal
