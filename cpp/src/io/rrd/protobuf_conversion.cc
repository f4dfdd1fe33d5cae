#include "io/rrd/protobuf_conversion_internal.h"

namespace rrflow::internal {

void ToProto(const Tuid& tuid, pb_common::Tuid* out) {
  out->set_time_ns(tuid.time_ns);
  out->set_inc(tuid.counter);
}

arrow::Result<Tuid> FromProto(const pb_common::Tuid& tuid) {
  if (!tuid.has_time_ns() || !tuid.has_inc()) {
    return arrow::Status::Invalid("Tuid is missing its ", tuid.has_time_ns() ? "inc" : "time_ns",
                                  " half");
  }
  return Tuid{tuid.time_ns(), tuid.inc()};
}

void ToProto(const StoreId& store_id, pb_common::StoreId* out) {
  out->set_kind(store_id.kind == StoreKind::kBlueprint ? pb_common::STORE_KIND_BLUEPRINT
                                                       : pb_common::STORE_KIND_RECORDING);
  out->set_recording_id(store_id.recording_id);
  out->mutable_application_id()->set_id(store_id.application_id);
}

StoreId FromProto(const pb_common::StoreId& store_id) {
  return StoreId{store_id.kind() == pb_common::STORE_KIND_BLUEPRINT ? StoreKind::kBlueprint
                                                                    : StoreKind::kRecording,
                 store_id.application_id().id(), store_id.recording_id()};
}

void ToProto(const StoreInfo& info, pb_log::SetStoreInfo* out) {
  ToProto(info.row_id, out->mutable_row_id());
  auto* proto_info = out->mutable_info();
  ToProto(info.store_id, proto_info->mutable_store_id());
  auto* source = proto_info->mutable_store_source();
  source->set_kind(static_cast<pb_log::StoreSourceKind>(info.store_source.kind));
  source->mutable_extra()->set_payload(info.store_source.extra);
  if (info.store_version) {
    proto_info->mutable_store_version()->set_crate_version_bits(
        info.store_version->ToStoreVersionBits());
  }
}

arrow::Result<StoreInfo> FromProto(const pb_log::SetStoreInfo& message) {
  if (!message.has_row_id()) return arrow::Status::Invalid("SetStoreInfo is missing its row_id");
  if (!message.has_info()) return arrow::Status::Invalid("SetStoreInfo is missing its info");
  const auto& proto_info = message.info();
  if (!proto_info.has_store_id())
    return arrow::Status::Invalid("StoreInfo is missing its store_id");
  if (!proto_info.has_store_source()) {
    return arrow::Status::Invalid("StoreInfo is missing its store_source");
  }
  StoreInfo info;
  ARROW_ASSIGN_OR_RAISE(info.row_id, FromProto(message.row_id()));
  info.store_id = FromProto(proto_info.store_id());
  if (!proto_info.store_id().has_application_id()) {
    info.store_id.application_id = proto_info.application_id().id();  // written by <= 0.24
  }
  const auto& source = proto_info.store_source();
  const int kind = source.kind();
  info.store_source.kind = kind >= 0 && kind <= static_cast<int>(StoreSourceKind::kOther)
                               ? static_cast<StoreSourceKind>(kind)
                               : StoreSourceKind::kUnspecified;
  switch (info.store_source.kind) {
    case StoreSourceKind::kPythonSdk:
    case StoreSourceKind::kRustSdk:
    case StoreSourceKind::kFile:
    case StoreSourceKind::kOther:
      if (!source.has_extra()) {
        return arrow::Status::Invalid("StoreSource of kind ", kind, " is missing its extra");
      }
      break;
    default:
      break;
  }
  info.store_source.extra = source.extra().payload();
  if (proto_info.has_store_version()) {
    info.store_version =
        RerunVersion::FromStoreVersionBits(proto_info.store_version().crate_version_bits());
  }
  return info;
}

void ToProto(const BlueprintActivationCommand& command, pb_log::BlueprintActivationCommand* out) {
  ToProto(command.blueprint_id, out->mutable_blueprint_id());
  out->set_make_active(command.make_active);
  out->set_make_default(command.make_default);
}

arrow::Result<BlueprintActivationCommand> FromProto(
    const pb_log::BlueprintActivationCommand& message) {
  if (!message.has_blueprint_id()) {
    return arrow::Status::Invalid("BlueprintActivationCommand is missing its blueprint_id");
  }
  return BlueprintActivationCommand{FromProto(message.blueprint_id()), message.make_active(),
                                    message.make_default()};
}

}  // namespace rrflow::internal
