// Arrow data types in the text of arrow-rs's `{:?}` (Debug), which the
// reference prints in `execute_per_row`'s TypeError.
#pragma once

#include <string>

#include <arrow/type_fwd.h>

namespace rrflow::internal {

/// e.g. `Int64`, `Timestamp(Nanosecond, Some("UTC"))`,
/// `LargeList(Field { data_type: Int64, nullable: true })`,
/// `Struct([Field { name: "x", data_type: Float64 }])`. Fields omit the name
/// `item`, a false `nullable` and empty metadata, as arrow-rs 57 does.
std::string RustDebugDataType(const arrow::DataType& type);

}  // namespace rrflow::internal
