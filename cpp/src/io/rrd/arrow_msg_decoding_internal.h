// The one loop that turns a sequence of ArrowMsg messages into chunks:
// decoded in parallel on the CPU pool, handed back in message order.
#pragma once

#include <functional>
#include <optional>

#include <arrow/result.h>

#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/stream/ordered_tasks.h"

namespace rrflow::internal {

/// The payload bytes a decoding window may hold within a stage's byte
/// budget (0 for the default budget): half of it, leaving the other half for
/// the chunks handed out.
int64_t DecodeWindowBytes(int64_t byte_budget);

/// A decoded ArrowMsg with the size of the payload it came from.
struct DecodedArrowMsg {
  StoreChunk decoded;
  int64_t payload_bytes = 0;
};

/// Pulls ArrowMsg messages from `next_message` ahead of the consumer, keeping
/// a window of decodes in flight bounded by count and by payload bytes.
/// `next_message` returns nullopt at the end; its errors are returned by
/// Next() once every message before the failure has been handed out, so a
/// damaged file yields every chunk before the damage. Decode failures pass
/// through `decode_error`, which lets callers say where they read.
class ArrowMsgDecoding {
 public:
  using MessageSource = std::function<arrow::Result<std::optional<RrdMessage>>()>;
  using ErrorContext = std::function<arrow::Status(const arrow::Status&)>;

  /// `keep_encodings`: chunks remember their payloads (KeepArrowMsgEncoding).
  ArrowMsgDecoding(MessageSource next_message, int64_t max_bytes, ErrorContext decode_error,
                   bool keep_encodings = false);

  /// The next decoded message, nullopt at the end. After an error, the end.
  arrow::Result<std::optional<DecodedArrowMsg>> Next();

 private:
  MessageSource next_message_;
  ErrorContext decode_error_;
  OrderedTasks<DecodedArrowMsg> decoding_;
  arrow::Status read_error_;
  const bool keep_encodings_;
  bool source_done_ = false;
  bool finished_ = false;
};

}  // namespace rrflow::internal
