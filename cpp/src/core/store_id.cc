#include "rrflow/core/store_id.h"

#include "core/hash_combine_internal.h"

namespace rrflow {

std::string_view StoreKindName(StoreKind kind) {
  return kind == StoreKind::kBlueprint ? "blueprint" : "recording";
}

arrow::Result<StoreKind> StoreKindFromName(std::string_view name) {
  if (name == "recording") return StoreKind::kRecording;
  if (name == "blueprint") return StoreKind::kBlueprint;
  return arrow::Status::Invalid("unknown store kind '", name, "'");
}

std::string StoreId::ToString() const {
  const char* kind_name = kind == StoreKind::kBlueprint ? "Blueprint" : "Recording";
  return std::string("StoreId(") + kind_name + ", \"" + application_id + "\", \"" + recording_id +
         "\")";
}

}  // namespace rrflow

size_t std::hash<rrflow::StoreId>::operator()(const rrflow::StoreId& id) const noexcept {
  size_t seed = 0;
  rrflow::internal::HashCombine(&seed, static_cast<int>(id.kind));
  rrflow::internal::HashCombine(&seed, id.application_id);
  rrflow::internal::HashCombine(&seed, id.recording_id);
  return seed;
}
