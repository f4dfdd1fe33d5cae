// Building the columns of new chunks: row ids and per-row list wrapping.
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/result.h>

#include "rrflow/core/tuid.h"

namespace rrflow::internal {

/// `count` row ids following `first` by one each: first+1, first+2, ...
arrow::Result<std::shared_ptr<arrow::FixedSizeBinaryArray>> SequentialRowIds(Tuid first,
                                                                             int64_t count);

/// What a null value becomes when values are wrapped one per row.
enum class NullValueAs { kNullElement, kNullRow };

/// One single-value list per value, whatever the values' type (zero copy of
/// the values).
arrow::Result<std::shared_ptr<arrow::ListArray>> WrapEachValue(
    const std::shared_ptr<arrow::Array>& array, NullValueAs nulls);

/// A List array as it is; any other array through WrapEachValue.
arrow::Result<std::shared_ptr<arrow::ListArray>> AsListColumn(
    const std::shared_ptr<arrow::Array>& array, NullValueAs nulls);

}  // namespace rrflow::internal
