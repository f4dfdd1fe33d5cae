// The Arrow columns the MCAP decoders fill: Rerun's blob, text and key/value
// components, and times converted from MCAP's unsigned nanoseconds.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/buffer.h>
#include <arrow/result.h>

#include "rrflow/core/component_descriptor.h"

namespace rrflow::internal::mcap {

/// MCAP times are u64 nanoseconds; Rerun's are i64, saturating at its maximum.
inline int64_t SaturatingTime(uint64_t nanoseconds) {
  constexpr auto kMax = static_cast<uint64_t>(INT64_MAX);
  return static_cast<int64_t>(nanoseconds > kMax ? kMax : nanoseconds);
}

using KeyValuePairs = std::vector<std::pair<std::string, std::string>>;

/// A component column under construction: its descriptor and its values,
/// one list per row.
struct McapComponent {
  ComponentDescriptor descriptor;
  std::shared_ptr<arrow::ListArray> column;
};

/// Rows of instances: `offsets` (rows + 1 entries) delimit each row's
/// instances in `instances`. The list's item is nullable unless
/// `item_nullable` is false.
arrow::Result<std::shared_ptr<arrow::ListArray>> Rows(const std::vector<int32_t>& offsets,
                                                      const std::shared_ptr<arrow::Array>& instances,
                                                      bool item_nullable = true);

/// One row holding all of `instances`.
arrow::Result<std::shared_ptr<arrow::ListArray>> OneRow(
    const std::shared_ptr<arrow::Array>& instances);

arrow::Result<std::shared_ptr<arrow::Array>> Utf8Values(const std::vector<std::string>& values);
arrow::Result<std::shared_ptr<arrow::Array>> UInt16Values(const std::vector<uint16_t>& values);
arrow::Result<std::shared_ptr<arrow::Array>> UInt64Values(const std::vector<uint64_t>& values);
arrow::Result<std::shared_ptr<arrow::Array>> Int64Values(const std::vector<int64_t>& values);

/// Blobs (Rerun's Blob: List<non-null UInt8>), one per instance; the bytes
/// are copied into one values buffer.
arrow::Result<std::shared_ptr<arrow::Array>> BlobValues(
    const std::vector<std::shared_ptr<arrow::Buffer>>& blobs);
arrow::Result<std::shared_ptr<arrow::Array>> BlobValues(
    const std::vector<std::span<const uint8_t>>& blobs);

/// KeyValuePairs instances: List<non-null Struct{first, second: non-null Utf8}>.
arrow::Result<std::shared_ptr<arrow::Array>> KeyValuePairsValues(
    const std::vector<KeyValuePairs>& instances);

}  // namespace rrflow::internal::mcap
