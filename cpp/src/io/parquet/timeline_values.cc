#include "io/parquet/timeline_values_internal.h"

#include <cmath>
#include <limits>
#include <numeric>

#include <arrow/buffer.h>
#include <arrow/type.h>

namespace rrflow::internal {
namespace {

// Rust's `f as i64`: toward zero, NaN to 0, saturating at the ends.
template <typename Float>
int64_t TruncateLikeRust(Float value) {
  if (std::isnan(value)) return 0;
  if (value >= static_cast<Float>(std::numeric_limits<int64_t>::max())) {
    return std::numeric_limits<int64_t>::max();
  }
  if (value <= static_cast<Float>(std::numeric_limits<int64_t>::min())) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(value);
}

template <typename T, typename Convert>
void ConvertAll(const arrow::Buffer& values, int64_t length, Convert convert, int64_t* out) {
  const T* in = reinterpret_cast<const T*>(values.data());
  for (int64_t i = 0; i < length; ++i) out[i] = convert(in[i]);
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Array>> TimelineValues(const arrow::Array& column,
                                                            const TimelineSource& source,
                                                            const DecodeRuns& runs) {
  const int64_t length = column.length();
  ARROW_ASSIGN_OR_RAISE(auto values, ValuesWithDecoderNullSlots(column, runs));
  ARROW_ASSIGN_OR_RAISE(auto out, arrow::AllocateBuffer(length * sizeof(int64_t)));
  auto* times = reinterpret_cast<int64_t*>(out->mutable_data());
  const auto same = [](auto v) { return static_cast<int64_t>(v); };
  switch (column.type_id()) {
    case arrow::Type::INT64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      ConvertAll<int64_t>(*values, length, same, times);
      break;
    case arrow::Type::UINT64:
      ConvertAll<uint64_t>(*values, length, same, times);
      break;
    case arrow::Type::INT32:
      ConvertAll<int32_t>(*values, length, same, times);
      break;
    case arrow::Type::UINT32:
      ConvertAll<uint32_t>(*values, length, same, times);
      break;
    case arrow::Type::INT16:
      ConvertAll<int16_t>(*values, length, same, times);
      break;
    case arrow::Type::DOUBLE:
      ConvertAll<double>(*values, length, TruncateLikeRust<double>, times);
      break;
    case arrow::Type::FLOAT:
      ConvertAll<float>(*values, length, TruncateLikeRust<float>, times);
      break;
    default:
      return arrow::Status::TypeError("Cannot use column with type ", *column.type(),
                                      " as a timeline index");
  }
  if (source.multiplier != 1) {
    const auto multiplier = static_cast<uint64_t>(source.multiplier);
    for (int64_t i = 0; i < length; ++i) {
      times[i] = static_cast<int64_t>(static_cast<uint64_t>(times[i]) * multiplier);
    }
  }
  return arrow::MakeArray(arrow::ArrayData::Make(TimeTypeToArrow(source.type), length,
                                                 {nullptr, std::move(out)}, 0));
}

arrow::Result<std::shared_ptr<arrow::Array>> RowIndexValues(int64_t first_row, int64_t length) {
  ARROW_ASSIGN_OR_RAISE(auto out, arrow::AllocateBuffer(length * sizeof(int64_t)));
  auto* rows = reinterpret_cast<int64_t*>(out->mutable_data());
  std::iota(rows, rows + length, first_row);
  return arrow::MakeArray(arrow::ArrayData::Make(arrow::int64(), length, {nullptr, std::move(out)}, 0));
}

}  // namespace rrflow::internal
