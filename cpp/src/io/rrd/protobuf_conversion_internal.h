// Conversions between rrflow's values and the generated protobuf messages.
#pragma once

#include <arrow/result.h>

#include "rerun/common.pb.h"
#include "rerun/log_msg.pb.h"
#include "rrflow/core/store_id.h"
#include "rrflow/core/tuid.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/store_info.h"

namespace rrflow::internal {

namespace pb_common = rerun::common::v1alpha1;
namespace pb_log = rerun::log_msg::v1alpha1;

void ToProto(const Tuid& tuid, pb_common::Tuid* out);
/// Both halves are required.
arrow::Result<Tuid> FromProto(const pb_common::Tuid& tuid);

void ToProto(const StoreId& store_id, pb_common::StoreId* out);
/// The application id may be absent (streams older than 0.25); it is then empty.
StoreId FromProto(const pb_common::StoreId& store_id);

void ToProto(const StoreInfo& info, pb_log::SetStoreInfo* out);
/// Checks the fields the reference requires: row id, info, store id,
/// store source (with `extra` for the kinds that carry one).
arrow::Result<StoreInfo> FromProto(const pb_log::SetStoreInfo& message);

void ToProto(const BlueprintActivationCommand& command, pb_log::BlueprintActivationCommand* out);
arrow::Result<BlueprintActivationCommand> FromProto(
    const pb_log::BlueprintActivationCommand& message);

}  // namespace rrflow::internal
