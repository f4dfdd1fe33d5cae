// Shaping the per-row results of derive lenses into chunk columns: time
// columns, and the 1:N rows of scattering lenses.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// The values of a per-row result that holds exactly one non-null value in
/// every row (what a time column needs). Anything else is an error naming
/// the first offending row. (The reference reads the raw values buffer
/// instead, which shifts or invents times when rows are not exactly one
/// non-null value.)
arrow::Result<std::shared_ptr<arrow::Array>> OneValuePerRow(const arrow::ListArray& rows);

/// How many rows each input row becomes when scattered by `reference`: its
/// length, or one for a null or empty row.
std::vector<int32_t> ScatterCounts(const arrow::ListArray& reference);

/// The scattered form of a per-row result: each element becomes a row
/// holding that one element (a null element a null row); a null row stays
/// one null row and an empty row one empty row. Values are shared.
arrow::Result<std::shared_ptr<arrow::ListArray>> Explode(const arrow::ListArray& rows);

/// Each row of `array` repeated `counts[row]` times.
arrow::Result<std::shared_ptr<arrow::Array>> RepeatRows(const std::shared_ptr<arrow::Array>& array,
                                                        const std::vector<int32_t>& counts);

}  // namespace rrflow::internal
