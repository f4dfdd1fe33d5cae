// The values the reference finds under the nulls of a Parquet column.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// The offsets within a window at which a new decode run starts: 0, then
/// each row-group boundary inside the window.
using DecodeRuns = std::vector<int64_t>;

/// The fixed-width values of `array` as the reference's Parquet decoder
/// (arrow-rs) leaves them, nulls included. It decodes a run's non-null values
/// densely and then moves them to their slots back to front, so the null at
/// position j of a run still holds the run's j-th non-null value, or zero
/// when the run has fewer. The reference reads these slots when it makes
/// timelines and casts rule columns, so they decide its output. Without
/// nulls this is the array's own value buffer (zero copy).
arrow::Result<std::shared_ptr<arrow::Buffer>> ValuesWithDecoderNullSlots(const arrow::Array& array,
                                                                         const DecodeRuns& runs);

}  // namespace rrflow::internal
