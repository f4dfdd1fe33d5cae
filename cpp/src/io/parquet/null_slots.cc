#include "io/parquet/null_slots_internal.h"

#include <cstring>

#include <arrow/buffer.h>
#include <arrow/type.h>
#include <arrow/util/bit_util.h>

namespace rrflow::internal {

arrow::Result<std::shared_ptr<arrow::Buffer>> ValuesWithDecoderNullSlots(const arrow::Array& array,
                                                                         const DecodeRuns& runs) {
  const auto& data = *array.data();
  const int64_t width = array.type()->byte_width();
  if (width <= 0) return arrow::Status::TypeError("not a fixed-width type: ", *array.type());
  const int64_t length = array.length();
  const uint8_t* values = data.buffers[1]->data() + data.offset * width;
  if (array.null_count() == 0) {
    return arrow::SliceBuffer(data.buffers[1], data.offset * width, length * width);
  }
  ARROW_ASSIGN_OR_RAISE(auto out, arrow::AllocateBuffer(length * width));
  uint8_t* dest = out->mutable_data();
  for (size_t r = 0; r < runs.size(); ++r) {
    const int64_t begin = runs[r];
    const int64_t end = r + 1 < runs.size() ? runs[r + 1] : length;
    // `next_valid` walks the run's non-null values in order, one per slot.
    int64_t next_valid = begin - 1;
    for (int64_t slot = begin; slot < end; ++slot) {
      do {
        ++next_valid;
      } while (next_valid < end && array.IsNull(next_valid));
      const uint8_t* source = nullptr;
      if (array.IsValid(slot)) {
        source = values + slot * width;
      } else if (next_valid < end) {
        source = values + next_valid * width;
      }
      if (source != nullptr) {
        std::memcpy(dest + slot * width, source, width);
      } else {
        std::memset(dest + slot * width, 0, width);
      }
    }
  }
  return std::shared_ptr<arrow::Buffer>(std::move(out));
}

}  // namespace rrflow::internal
