#include "rrflow/core/store_id.h"

namespace rrflow {

std::string_view StoreKindName(StoreKind kind) {
  return kind == StoreKind::kBlueprint ? "blueprint" : "recording";
}

std::string StoreId::ToString() const {
  const char* kind_name = kind == StoreKind::kBlueprint ? "Blueprint" : "Recording";
  return std::string("StoreId(") + kind_name + ", \"" + application_id + "\", \"" + recording_id +
         "\")";
}

}  // namespace rrflow
