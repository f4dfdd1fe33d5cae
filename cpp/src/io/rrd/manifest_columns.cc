#include <arrow/type.h>

#include "io/rrd/manifest_columns_internal.h"

namespace rrflow::internal {

const arrow::FieldVector& ManifestFixedFields() {
  static const arrow::FieldVector fields = {
      arrow::field(ManifestColumn::kEntityPath, arrow::utf8(), /*nullable=*/false),
      arrow::field(ManifestColumn::kId, arrow::fixed_size_binary(16), /*nullable=*/false),
      arrow::field(ManifestColumn::kIsStatic, arrow::boolean(), /*nullable=*/false),
      arrow::field(ManifestColumn::kNumRows, arrow::uint64(), /*nullable=*/false),
      arrow::field(ManifestColumn::kByteOffset, arrow::uint64(), /*nullable=*/false),
      arrow::field(ManifestColumn::kByteSize, arrow::uint64(), /*nullable=*/false),
      arrow::field(ManifestColumn::kByteSizeUncompressed, arrow::uint64(), /*nullable=*/false),
  };
  return fields;
}

std::string ManifestColumnName(std::optional<std::string_view> timeline,
                               const ComponentDescriptor* descriptor, std::string_view suffix) {
  std::string name;
  auto append = [&](std::string_view part) {
    if (part.empty()) return;
    if (!name.empty()) name += ':';
    name += part;
  };
  if (timeline) append(*timeline);
  if (descriptor != nullptr) {
    std::string_view field = descriptor->component;
    if (descriptor->archetype) {
      const std::string short_name = ShortArchetypeName(*descriptor->archetype);
      append(short_name);
      if (field.starts_with(short_name + ":")) field.remove_prefix(short_name.size() + 1);
    }
    append(field);
  }
  append(suffix);
  for (char& c : name) {
    if (c == ',' || c == ' ' || c == '-' || c == '.' || c == '\\') c = '_';
  }
  name.erase(0, name.find_first_not_of('_') == std::string::npos ? name.size()
                                                                 : name.find_first_not_of('_'));
  return name;
}

}  // namespace rrflow::internal
