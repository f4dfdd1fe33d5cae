#include "lens/derived_rows_internal.h"

#include <arrow/array/builder_primitive.h>
#include <arrow/compute/api_vector.h>
#include <arrow/util/bit_util.h>

#include "rrflow/core/status.h"

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::Array>> OneValuePerRow(const arrow::ListArray& rows) {
  const int64_t n = rows.length();
  const int32_t* o = rows.raw_value_offsets();
  const auto& values = rows.values();
  for (int64_t r = 0; r < n; ++r) {
    const int32_t length = rows.IsNull(r) ? 0 : o[r + 1] - o[r];
    if (length != 1) {
      return RuntimeError("expected exactly one time value per row, got ", length, " in row ", r);
    }
    if (values->IsNull(o[r])) return RuntimeError("got a null time value in row ", r);
  }
  return values->Slice(o[0], n);
}

std::vector<int32_t> ScatterCounts(const arrow::ListArray& reference) {
  std::vector<int32_t> counts(static_cast<size_t>(reference.length()));
  const int32_t* o = reference.raw_value_offsets();
  for (int64_t r = 0; r < reference.length(); ++r) {
    const int32_t length = reference.IsNull(r) ? 0 : o[r + 1] - o[r];
    counts[static_cast<size_t>(r)] = std::max(length, 1);
  }
  return counts;
}

arrow::Result<std::shared_ptr<arrow::ListArray>> Explode(const arrow::ListArray& rows) {
  const int64_t n = rows.length();
  const int32_t* o = rows.raw_value_offsets();
  const auto counts = ScatterCounts(rows);
  int64_t total = 0;
  for (int32_t count : counts) total += count;

  // A null row keeps its whole (ignored) range so that every value stays in
  // place and the values are shared as they are.
  ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer((total + 1) * sizeof(int32_t)));
  ARROW_ASSIGN_OR_RAISE(auto validity, arrow::AllocateBitmap(total));
  auto* out = reinterpret_cast<int32_t*>(offsets->mutable_data());
  uint8_t* valid = validity->mutable_data();
  const auto& values = rows.values();
  int64_t next = 0;
  int64_t nulls = 0;
  for (int64_t r = 0; r < n; ++r) {
    const bool row_valid = rows.IsValid(r);
    if (!row_valid || o[r + 1] == o[r]) {
      out[next] = o[r];
      arrow::bit_util::SetBitTo(valid, next, row_valid);
      nulls += row_valid ? 0 : 1;
      ++next;
      continue;
    }
    for (int32_t p = o[r]; p < o[r + 1]; ++p, ++next) {
      out[next] = p;
      const bool element_valid = values->IsValid(p);
      arrow::bit_util::SetBitTo(valid, next, element_valid);
      nulls += element_valid ? 0 : 1;
    }
  }
  out[total] = o[n];
  return std::make_shared<arrow::ListArray>(rows.type(), total, std::move(offsets), values,
                                            nulls > 0 ? std::move(validity) : nullptr, nulls);
}

arrow::Result<std::shared_ptr<arrow::Array>> RepeatRows(const std::shared_ptr<arrow::Array>& array,
                                                        const std::vector<int32_t>& counts) {
  arrow::Int64Builder positions;
  int64_t total = 0;
  for (int32_t count : counts) total += count;
  ARROW_RETURN_NOT_OK(positions.Reserve(total));
  for (size_t row = 0; row < counts.size(); ++row) {
    for (int32_t i = 0; i < counts[row]; ++i) positions.UnsafeAppend(static_cast<int64_t>(row));
  }
  ARROW_ASSIGN_OR_RAISE(auto indices, positions.Finish());
  return arrow::compute::Take(*array, *indices);
}

}  // namespace rrflow::internal
