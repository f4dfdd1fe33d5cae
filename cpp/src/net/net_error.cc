#include "rrflow/net/net_error.h"

namespace rrflow {

const char* NetErrorDetail::type_id() const { return "rrflow::NetErrorDetail"; }

std::string NetErrorDetail::ToString() const {
  return kind_ == NetErrorKind::kTimeout ? "timeout" : "connection";
}

bool IsNetError(const arrow::Status& status, NetErrorKind kind) {
  const auto& detail = status.detail();
  if (detail == nullptr || std::string(detail->type_id()) != "rrflow::NetErrorDetail") {
    return false;
  }
  return static_cast<const NetErrorDetail&>(*detail).kind() == kind;
}

}  // namespace rrflow
