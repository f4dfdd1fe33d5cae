// WriteMessagesRequest bytes around an already encoded SetStoreInfo or
// ArrowMsg payload, without copying the payload.
#pragma once

#include <memory>

#include <arrow/buffer.h>
#include <grpcpp/support/byte_buffer.h>

namespace rrflow::internal {

/// The field of LogMsg's `msg` oneof a payload goes into.
enum class LogMsgField : uint32_t {
  kSetStoreInfo = 1,
  kArrowMsg = 2,
};

/// `WriteMessagesRequest{log_msg: LogMsg{<field>: <payload>}}` as gRPC
/// sends it: a few header bytes, then the payload itself, which the buffer
/// keeps alive.
grpc::ByteBuffer FrameWriteMessagesRequest(LogMsgField field,
                                           std::shared_ptr<arrow::Buffer> payload);

}  // namespace rrflow::internal
