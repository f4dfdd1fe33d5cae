// Arrays as the reference (arrow-rs) prints them with `{:?}`, for the
// static-column errors that quote them.
#pragma once

#include <memory>
#include <string>

#include <arrow/array.h>
#include <arrow/result.h>

namespace rrflow::internal {

/// arrow-rs's `{:?}` of an array: a header (`PrimitiveArray<UInt8>`,
/// `BooleanArray`, `StringArray`, `ListArray`, ...), then one `  value,` line
/// per element between brackets, only the first and last ten when there are
/// more than twenty. Types arrow-rs prints in other shapes (structs, maps,
/// unions) get the same list layout under their type name.
arrow::Result<std::string> ArrowRsDebugText(const std::shared_ptr<arrow::Array>& array);

}  // namespace rrflow::internal
