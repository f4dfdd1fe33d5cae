// Component columns from plain arrays: one single-value list per row.
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// A list per row holding that row's value of `values` (zero copy of the
/// values), the item field named `item` with the given nullability.
arrow::Result<std::shared_ptr<arrow::ListArray>> OneValuePerRow(std::shared_ptr<arrow::Array> values,
                                                                bool item_nullable);

}  // namespace rrflow::internal
