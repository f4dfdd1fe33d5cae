// Timeline values from index columns, converted as the reference does.
#pragma once

#include <cstdint>
#include <memory>

#include <arrow/array.h>
#include <arrow/result.h>

#include "io/parquet/null_slots_internal.h"
#include "io/parquet/read_plan_internal.h"

namespace rrflow::internal {

/// The times of `source`'s column over one window: integers widened (uint64
/// reinterpreted), floats truncated toward zero (NaN to 0, out of range
/// saturated), timestamps and durations as stored whatever their unit, all
/// then multiplied by the unit's multiplier with 64-bit wrap-around. Nulls
/// take the decoder's slot values.
arrow::Result<std::shared_ptr<arrow::Array>> TimelineValues(const arrow::Array& column,
                                                            const TimelineSource& source,
                                                            const DecodeRuns& runs);

/// The synthetic `row_index` sequence: first_row, first_row + 1, ...
arrow::Result<std::shared_ptr<arrow::Array>> RowIndexValues(int64_t first_row, int64_t length);

}  // namespace rrflow::internal
