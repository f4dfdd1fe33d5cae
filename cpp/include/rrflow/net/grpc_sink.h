// The gRPC sink: a stream's chunks sent as one store to a running viewer or
// proxy (`rerun --serve-grpc`), over MessageProxyService/WriteMessages.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include <arrow/result.h>

#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/store_info.h"
#include "rrflow/net/proxy_url.h"
#include "rrflow/stream/ordered_tasks.h"
#include "rrflow/stream/stream_node.h"

namespace rrflow {

namespace internal {
class MessageStream;
}  // namespace internal

/// Options of GrpcSink.
struct GrpcSinkOptions {
  /// About how many bytes of chunks wait to be encoded and, separately, to
  /// be sent (0: ExecuteOptions::kDefaultByteBudget).
  int64_t byte_budget = 0;
  /// How long Flush and Finish wait for a first connection before failing.
  std::chrono::milliseconds connect_timeout{5000};
};

/// Sends `store_info` and then one ArrowMsg per chunk, encoded as RrdSink
/// encodes them (LZ4, in parallel on the CPU pool, sent in order), with the
/// store's id whatever store the chunks came from.
///
/// Opening does not wait for the proxy: connecting is retried in the
/// background while Write queues chunks; once the queues are full, Write
/// blocks (also while a slow proxy does not keep up), so memory stays
/// bounded. Flush fails with a ConnectionError naming the URL when no
/// connection came up within the connect timeout, or when the proxy went
/// away; after that the sink stays failed (no reconnect).
class GrpcSink final : public ChunkSink {
 public:
  /// `url` as ParseProxyUrl reads it; TLS URLs (`rerun://`,
  /// `rerun+https://`) are NotImplemented: the sink speaks plain HTTP/2.
  static arrow::Result<std::unique_ptr<GrpcSink>> Open(std::string_view url, StoreInfo store_info,
                                                       GrpcSinkOptions options = {});
  /// Cancels the stream if Finish did not end it.
  ~GrpcSink() override;

  arrow::Status Write(ChunkPtr chunk) override;

  /// Waits until every chunk written so far was handed to the transport;
  /// TimeoutError after `timeout` (none: no limit).
  arrow::Status Flush(std::optional<std::chrono::duration<double>> timeout = std::nullopt);

  /// Flushes, ends the stream and returns the proxy's verdict: OK means the
  /// proxy took every message.
  arrow::Status Finish() override;

  /// The parsed URL.
  const ProxyUrl& url() const;
  /// The store the chunks are sent as.
  const StoreId& store_id() const { return store_id_; }

 private:
  GrpcSink(std::unique_ptr<internal::MessageStream> stream, StoreId store_id, int64_t byte_budget);
  arrow::Status SendOldest();

  std::unique_ptr<internal::MessageStream> stream_;
  StoreId store_id_;
  OrderedTasks<EncodedArrowMsg> encoding_;
};

}  // namespace rrflow
