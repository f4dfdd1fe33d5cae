// The column layout of RRD footer manifests, shared by reader and writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <arrow/type_fwd.h>

#include "rrflow/core/component_descriptor.h"

namespace rrflow::internal {

/// Names of the seven fixed manifest columns.
struct ManifestColumn {
  static constexpr const char* kEntityPath = "chunk_entity_path";
  static constexpr const char* kId = "chunk_id";
  static constexpr const char* kIsStatic = "chunk_is_static";
  static constexpr const char* kNumRows = "chunk_num_rows";
  static constexpr const char* kByteOffset = "chunk_byte_offset";
  static constexpr const char* kByteSize = "chunk_byte_size";
  static constexpr const char* kByteSizeUncompressed = "chunk_byte_size_uncompressed";
};

/// The fixed columns with their types, in order, all non-null.
const arrow::FieldVector& ManifestFixedFields();

/// The name of a per-timeline or per-component manifest column: the
/// non-empty parts among timeline, archetype short name, archetype field and
/// suffix joined by `:`, then `,`, space, `-`, `.` and `\` replaced by `_`
/// and leading `_` removed. E.g. `log_time:Points3D:positions:start`.
std::string ManifestColumnName(std::optional<std::string_view> timeline,
                               const ComponentDescriptor* descriptor, std::string_view suffix);

}  // namespace rrflow::internal
