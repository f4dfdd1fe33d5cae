// Turning arrow::Status into the Python exception the API documents.
#pragma once

#include <utility>

#include <arrow/result.h>
#include <arrow/status.h>

namespace rrflow::python {

/// Raises the Python exception for a failed status: Invalid -> ValueError,
/// TypeError -> TypeError, KeyError -> KeyError, IndexError -> IndexError,
/// IOError -> OSError (ConnectionError or TimeoutError for net errors),
/// NotImplemented -> NotImplementedError, anything else
/// (ExecutionError included) -> RuntimeError. The message is kept as is.
[[noreturn]] void ThrowStatus(const arrow::Status& status);

inline void ThrowIfError(const arrow::Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

template <typename T>
T ValueOrThrow(arrow::Result<T> result) {
  if (!result.ok()) ThrowStatus(result.status());
  return std::move(result).ValueUnsafe();
}

}  // namespace rrflow::python
