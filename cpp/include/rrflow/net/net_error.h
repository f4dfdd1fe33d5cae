// Errors of talking to a viewer: a Status whose detail says whether the peer
// could not be reached or did not answer in time, so that callers (and the
// Python layer: ConnectionError, TimeoutError) can tell them from other
// failures.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <arrow/status.h>

namespace rrflow {

/// What went wrong on the way to a viewer.
enum class NetErrorKind {
  kConnection,  ///< nothing listens, the connection broke, or the peer refused the call
  kTimeout,     ///< the peer did not answer within the deadline
};

/// The detail attached to net errors.
class NetErrorDetail final : public arrow::StatusDetail {
 public:
  explicit NetErrorDetail(NetErrorKind kind) : kind_(kind) {}
  const char* type_id() const override;
  std::string ToString() const override;
  NetErrorKind kind() const { return kind_; }

 private:
  NetErrorKind kind_;
};

/// Whether `status` is a net error of `kind`.
bool IsNetError(const arrow::Status& status, NetErrorKind kind);

/// An IOError with NetErrorKind::kConnection.
template <typename... Args>
arrow::Status ConnectionError(Args&&... args) {
  return arrow::Status::FromDetailAndArgs(arrow::StatusCode::IOError,
                                          std::make_shared<NetErrorDetail>(NetErrorKind::kConnection),
                                          std::forward<Args>(args)...);
}

/// An IOError with NetErrorKind::kTimeout.
template <typename... Args>
arrow::Status TimeoutError(Args&&... args) {
  return arrow::Status::FromDetailAndArgs(arrow::StatusCode::IOError,
                                          std::make_shared<NetErrorDetail>(NetErrorKind::kTimeout),
                                          std::forward<Args>(args)...);
}

}  // namespace rrflow
