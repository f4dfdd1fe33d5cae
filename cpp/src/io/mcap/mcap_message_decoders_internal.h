// The message decoders: the messages of one MCAP chunk become one output
// chunk per channel, raw payloads, or protobuf or ROS 2 messages as Arrow structs.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "io/mcap/mcap_chunk_internal.h"
#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/mcap_import_plan_internal.h"
#include "io/mcap/ros2_cdr_to_arrow_internal.h"
#include "rrflow/chunk/chunk.h"
#include "rrflow/core/timeline.h"
#include "rrflow/stream/problem.h"

namespace rrflow::internal::mcap {

/// What the message decoders share over one import.
struct MessageDecoding {
  const McapSummary* summary = nullptr;
  const ImportPlan* plan = nullptr;
  /// The type of the `message_log_time` and `message_publish_time` timelines.
  TimeType timeline_type = TimeType::kTimestampNs;
  /// The file, as problems name it.
  std::string source;
  ProblemHandler* problems = nullptr;
  /// Channels met in chunks but missing from the summary, reported once each.
  std::set<uint16_t> unknown_channels;
  /// The CDR builder of each reflected channel, kept from chunk to chunk.
  std::map<uint16_t, std::unique_ptr<Ros2CdrColumnBuilder>> ros2_builders;
};

/// One chunk per channel that `decoder` decodes and that has messages in
/// `contents`, in channel id order, at the channel's topic. Rows are sorted
/// by log time (then publish time), as the reference sorts them. A message
/// the protobuf or ros2_reflection decoder cannot decode is left out with a
/// warning naming the channel, topic and log time.
arrow::Result<std::vector<ChunkPtr>> DecodeMessages(const ChunkContents& contents,
                                                    MessageDecoder decoder,
                                                    MessageDecoding& decoding);

}  // namespace rrflow::internal::mcap
