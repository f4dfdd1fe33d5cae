// Reordering the rows of chunk columns.
#pragma once

#include <memory>
#include <vector>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// The rows of `array` in the order `order` lists them (each index in range).
/// List columns whose values are fixed-width without nulls (primitives and
/// fixed-size lists of them, e.g. points, colours, image bytes) are gathered
/// with one copy per row; everything else goes through Arrow's Take kernel.
arrow::Result<std::shared_ptr<arrow::Array>> TakeRows(const std::shared_ptr<arrow::Array>& array,
                                                      const std::vector<int64_t>& order);

}  // namespace rrflow::internal
