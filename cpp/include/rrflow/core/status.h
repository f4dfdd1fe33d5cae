// Error conventions shared by every layer.
#pragma once

#include <arrow/status.h>

namespace rrflow {

/// An error that is not the caller's bad argument but a failure to build or
/// run something from it; the Python layer raises it as RuntimeError (every
/// Status::Invalid becomes ValueError, TypeError stays TypeError).
template <typename... Args>
arrow::Status RuntimeError(Args&&... args) {
  return arrow::Status::ExecutionError(std::forward<Args>(args)...);
}

}  // namespace rrflow
