#include "rrflow/net/grpc_sink.h"

#include "net/log_msg_framing_internal.h"
#include "net/message_stream_internal.h"
#include "rrflow/stream/execution_context.h"

namespace rrflow {

GrpcSink::GrpcSink(std::unique_ptr<internal::MessageStream> stream, StoreId store_id,
                   int64_t byte_budget)
    : stream_(std::move(stream)),
      store_id_(std::move(store_id)),
      encoding_(/*max_tasks=*/0, byte_budget) {}

GrpcSink::~GrpcSink() = default;

arrow::Result<std::unique_ptr<GrpcSink>> GrpcSink::Open(std::string_view url,
                                                        StoreInfo store_info,
                                                        GrpcSinkOptions options) {
  ARROW_ASSIGN_OR_RAISE(auto parsed, ParseProxyUrl(url));
  ARROW_ASSIGN_OR_RAISE(auto encoded_info, EncodeSetStoreInfo(store_info));
  const int64_t budget =
      options.byte_budget > 0 ? options.byte_budget : ExecuteOptions::kDefaultByteBudget;
  internal::MessageStreamOptions stream_options;
  stream_options.limits.max_bytes = budget;
  stream_options.connect_timeout_on_flush = options.connect_timeout;
  ARROW_ASSIGN_OR_RAISE(auto stream, internal::MessageStream::Open(
                                         std::move(parsed), std::move(encoded_info), stream_options));
  return std::unique_ptr<GrpcSink>(
      new GrpcSink(std::move(stream), std::move(store_info.store_id), budget));
}

arrow::Status GrpcSink::Write(ChunkPtr chunk) {
  // A chunk and its encoding are both alive until sent: count it twice.
  const int64_t bytes = 2 * chunk->byte_size();
  while (encoding_.full()) ARROW_RETURN_NOT_OK(SendOldest());
  return encoding_.Submit(
      [store = store_id_, chunk = std::move(chunk)] { return EncodeArrowMsg(store, chunk); },
      bytes);
}

arrow::Status GrpcSink::SendOldest() {
  ARROW_ASSIGN_OR_RAISE(auto encoded, encoding_.TakeOldest());
  const int64_t bytes = encoded.payload->size();
  return stream_->Push(
      internal::FrameWriteMessagesRequest(internal::LogMsgField::kArrowMsg,
                                          std::move(encoded.payload)),
      bytes);
}

arrow::Status GrpcSink::Flush(std::optional<std::chrono::duration<double>> timeout) {
  while (!encoding_.empty()) ARROW_RETURN_NOT_OK(SendOldest());
  return stream_->Flush(timeout);
}

arrow::Status GrpcSink::Finish() {
  while (!encoding_.empty()) ARROW_RETURN_NOT_OK(SendOldest());
  return stream_->Close();
}

const ProxyUrl& GrpcSink::url() const { return stream_->url(); }

}  // namespace rrflow
