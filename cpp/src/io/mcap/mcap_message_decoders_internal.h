// The message decoders: the messages of one MCAP chunk become one output
// chunk per channel, raw payloads, or protobuf or ROS 2 messages as Arrow structs.
#pragma once

#include <cstdint>
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

/// What the message decoders share over one import; read from several
/// threads at once.
struct MessageDecoding {
  const McapSummary* summary = nullptr;
  const ImportPlan* plan = nullptr;
  /// The type of the `message_log_time` and `message_publish_time` timelines.
  TimeType timeline_type = TimeType::kTimestampNs;
  /// The file, as problems name it.
  std::string source;
};

/// The output of one MCAP chunk's messages for one decoder.
struct DecodedMessages {
  std::vector<ChunkPtr> chunks;
  /// Channels of the chunk's messages that the summary does not define, in
  /// order of first appearance: their messages are skipped, and the caller
  /// reports each once per import (UnknownChannelProblem).
  std::vector<uint16_t> unknown_channels;
};

/// One chunk per channel that `decoder` decodes and that has messages in
/// `contents`, in channel id order, at the channel's topic. Rows are sorted
/// by log time (then publish time), as the reference sorts them. A message
/// the protobuf or ros2_reflection decoder cannot decode is left out with a
/// warning to `problems` (may be null) naming the channel, topic and log time.
arrow::Result<DecodedMessages> DecodeMessages(const ChunkContents& contents,
                                              MessageDecoder decoder,
                                              const MessageDecoding& decoding,
                                              ProblemHandler* problems);

/// The warning for messages on `channel`, which the summary does not define,
/// met in the chunk at `chunk_offset`.
Problem UnknownChannelProblem(uint16_t channel, const std::string& source, int64_t chunk_offset);

}  // namespace rrflow::internal::mcap
