#include "io/rrd/arrow_msg_decoding_internal.h"

#include "rrflow/stream/execution_context.h"

namespace rrflow::internal {

int64_t DecodeWindowBytes(int64_t byte_budget) {
  return (byte_budget > 0 ? byte_budget : ExecuteOptions::kDefaultByteBudget) / 2;
}

ArrowMsgDecoding::ArrowMsgDecoding(MessageSource next_message, int64_t max_bytes,
                                   ErrorContext decode_error, bool keep_encodings)
    : next_message_(std::move(next_message)),
      decode_error_(std::move(decode_error)),
      decoding_(/*max_tasks=*/0, max_bytes),
      keep_encodings_(keep_encodings) {}

arrow::Result<std::optional<DecodedArrowMsg>> ArrowMsgDecoding::Next() {
  if (finished_) return std::nullopt;
  while (!source_done_ && !decoding_.full()) {
    auto message = next_message_();
    if (!message.ok() || !message->has_value()) {
      source_done_ = true;
      read_error_ = message.status();
      break;
    }
    const int64_t payload_bytes = (*message)->payload->size();
    auto submitted = decoding_.Submit(
        [message = std::move(**message), payload_bytes, keep = keep_encodings_]() -> arrow::Result<DecodedArrowMsg> {
          ARROW_ASSIGN_OR_RAISE(auto decoded, DecodeArrowMsg(message));
          if (keep) decoded.chunk = KeepArrowMsgEncoding(decoded, message);
          return DecodedArrowMsg{std::move(decoded), payload_bytes};
        },
        payload_bytes);
    if (!submitted.ok()) {
      finished_ = true;
      return submitted;
    }
  }
  if (decoding_.empty()) {
    finished_ = true;
    if (!read_error_.ok()) return read_error_;
    return std::nullopt;
  }
  auto decoded = decoding_.TakeOldest();
  if (!decoded.ok()) {
    finished_ = true;
    return decode_error_(decoded.status());
  }
  return std::move(*decoded);
}

}  // namespace rrflow::internal
