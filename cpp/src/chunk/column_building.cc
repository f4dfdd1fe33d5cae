#include <cstring>
#include <numeric>

#include <arrow/buffer.h>
#include <arrow/type.h>
#include <arrow/util/bit_util.h>
#include <arrow/util/bitmap_ops.h>
#include <arrow/util/endian.h>

#include "chunk/column_building_internal.h"

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::FixedSizeBinaryArray>> SequentialRowIds(Tuid first,
                                                                             int64_t count) {
  ARROW_ASSIGN_OR_RAISE(auto buffer, arrow::AllocateBuffer(count * 16));
  uint8_t* out = buffer->mutable_data();
  // Every id shares the time half; only the big-endian counter half changes.
  const auto time_bytes = first.ToBytes();
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t counter = arrow::bit_util::ToBigEndian(first.counter + static_cast<uint64_t>(i) + 1);
    std::memcpy(out + i * 16, time_bytes.data(), 8);
    std::memcpy(out + i * 16 + 8, &counter, 8);
  }
  return std::make_shared<arrow::FixedSizeBinaryArray>(arrow::fixed_size_binary(16), count,
                                                       std::move(buffer));
}

arrow::Result<std::shared_ptr<arrow::ListArray>> AsListColumn(
    const std::shared_ptr<arrow::Array>& array, NullValueAs nulls) {
  if (array->type_id() == arrow::Type::LIST) {
    return std::static_pointer_cast<arrow::ListArray>(array);
  }
  return WrapEachValue(array, nulls);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> WrapEachValue(
    const std::shared_ptr<arrow::Array>& array, NullValueAs nulls) {
  const int64_t length = array->length();
  ARROW_ASSIGN_OR_RAISE(auto offsets, arrow::AllocateBuffer((length + 1) * sizeof(int32_t)));
  auto* out = reinterpret_cast<int32_t*>(offsets->mutable_data());
  std::iota(out, out + length + 1, 0);
  std::shared_ptr<arrow::Buffer> validity;
  int64_t null_rows = 0;
  if (nulls == NullValueAs::kNullRow && array->null_count() > 0) {
    const auto& data = *array->data();
    if (!data.buffers.empty() && data.buffers[0] != nullptr) {
      // The values' validity, re-based to offset 0, marks the null rows.
      ARROW_ASSIGN_OR_RAISE(validity, arrow::internal::CopyBitmap(arrow::default_memory_pool(),
                                                                   data.buffers[0]->data(),
                                                                   data.offset, length));
    } else {
      // Types without a validity bitmap (null, unions) answer per value.
      ARROW_ASSIGN_OR_RAISE(validity, arrow::AllocateEmptyBitmap(length));
      for (int64_t i = 0; i < length; ++i) {
        if (array->IsValid(i)) arrow::bit_util::SetBit(validity->mutable_data(), i);
      }
    }
    null_rows = array->null_count();
  }
  return std::make_shared<arrow::ListArray>(arrow::list(arrow::field("item", array->type())),
                                            length, std::move(offsets), array,
                                            std::move(validity), null_rows);
}

}  // namespace rrflow::internal
