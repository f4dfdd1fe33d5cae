// One WriteMessages call to a proxy, fed from a bounded queue by its own
// thread: connects (retrying while nothing listens), sends the store's
// SetStoreInfo first, then every queued message in order.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <arrow/buffer.h>
#include <arrow/result.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/byte_buffer.h>

#include "rrflow/net/proxy_url.h"
#include "rrflow/stream/bounded_queue.h"

namespace rrflow::internal {

struct MessageStreamOptions {
  /// Messages and bytes queued before producers wait (the reference's gRPC
  /// client holds 100 messages).
  QueueLimits limits{100, 128LL * 1024 * 1024};
  /// A flush fails once the first connection has been tried this long, as
  /// the reference's does; connecting goes on in the background.
  std::chrono::milliseconds connect_timeout_on_flush{5000};
};

/// Thread-safe. Once the call fails (the proxy went away), it stays failed:
/// there is no reconnect, and Push, Flush and Close report the failure.
class MessageStream {
 public:
  /// Starts connecting to `url`; the first message sent is `store_info`
  /// (an encoded SetStoreInfo).
  static arrow::Result<std::unique_ptr<MessageStream>> Open(
      ProxyUrl url, std::shared_ptr<arrow::Buffer> store_info, MessageStreamOptions options = {});

  /// Cancels the call if Close did not end it.
  ~MessageStream();
  MessageStream(const MessageStream&) = delete;
  MessageStream& operator=(const MessageStream&) = delete;

  /// Queues a framed WriteMessagesRequest counted as `bytes`; blocks while
  /// the queue is full (a slow proxy slows the producer down).
  arrow::Status Push(grpc::ByteBuffer request, int64_t bytes);

  /// Waits until every message pushed so far was handed to the transport.
  /// ConnectionError if the call failed or connecting has been tried for
  /// too long, TimeoutError when `timeout` passes first (none: no limit).
  arrow::Status Flush(std::optional<std::chrono::duration<double>> timeout);

  /// Flushes, ends the stream and waits for the proxy's answer, which is the
  /// only confirmation that it took every message. Never connected after
  /// the connect timeout: gives up, dropping what was queued.
  arrow::Status Close();

  const ProxyUrl& url() const { return url_; }

 private:
  struct Request {
    grpc::ByteBuffer bytes;
  };
  enum class State { kConnecting, kStreaming, kFailed, kClosed };

  MessageStream(ProxyUrl url, std::shared_ptr<grpc::Channel> channel,
                std::shared_ptr<arrow::Buffer> store_info, MessageStreamOptions options);
  void Run();
  bool Connect();
  arrow::Status Stream();
  void SetState(State state, arrow::Status status = arrow::Status::OK());
  // Why waiting must stop now, under the lock: failure, a connect that
  // took too long, or nothing (keep waiting).
  std::optional<arrow::Status> StopReason() const;

  const ProxyUrl url_;
  const std::shared_ptr<grpc::Channel> channel_;
  const std::shared_ptr<arrow::Buffer> store_info_;
  const MessageStreamOptions options_;
  BoundedQueue<Request> queue_;
  grpc::ClientContext context_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  State state_ = State::kConnecting;
  arrow::Status error_;
  std::chrono::steady_clock::time_point connecting_since_;
  uint64_t pushed_ = 0;
  uint64_t sent_ = 0;
  bool abandon_ = false;
  std::thread thread_;
};

}  // namespace rrflow::internal
