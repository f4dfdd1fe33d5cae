// Errors about damaged or unsupported RRD data: every one names the file and
// the byte offset where the problem was found.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <arrow/status.h>

namespace rrflow::internal {

/// `<source>: <what...> at byte <offset>`, as Status::Invalid.
template <typename... Args>
arrow::Status RrdError(const std::string& source, int64_t offset, Args&&... what) {
  return arrow::Status::Invalid(source, ": ", std::forward<Args>(what)..., " at byte ", offset);
}

/// Adds the file and offset to an error from a lower layer (Arrow, LZ4,
/// chunk validation), keeping its status code.
inline arrow::Status WithRrdLocation(const arrow::Status& status, const std::string& source,
                                     int64_t offset, const std::string& context) {
  if (status.ok()) return status;
  return status.WithMessage(source, ": ", context, " at byte ", offset, ": ", status.message());
}

}  // namespace rrflow::internal
