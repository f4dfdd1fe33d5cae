#include "net/message_stream_internal.h"

#include <deque>

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/channel_arguments.h>

#include "net/log_msg_framing_internal.h"
#include "rrflow/net/net_error.h"

namespace rrflow::internal {
namespace {

constexpr const char* kWriteMessagesMethod =
    "/rerun.sdk_comms.v1alpha1.MessageProxyService/WriteMessages";
// How often a proxy that is not there yet is tried, as the reference does.
constexpr int kReconnectMilliseconds = 100;

// Waits for the one operation in flight on `queue`; false when it failed.
bool Await(grpc::CompletionQueue& queue) {
  void* tag = nullptr;
  bool ok = false;
  return queue.Next(&tag, &ok) && ok;
}

std::string StatusText(const grpc::Status& status) {
  return status.error_message().empty() ? "gRPC status " + std::to_string(status.error_code())
                                        : status.error_message();
}

std::shared_ptr<grpc::Channel> OpenChannel(const ProxyUrl& url) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, kReconnectMilliseconds);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, kReconnectMilliseconds);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, kReconnectMilliseconds);
  arguments.SetMaxSendMessageSize(-1);
  arguments.SetMaxReceiveMessageSize(-1);
  return grpc::CreateCustomChannel(url.target(), grpc::InsecureChannelCredentials(), arguments);
}

}  // namespace

MessageStream::MessageStream(ProxyUrl url, std::shared_ptr<grpc::Channel> channel,
                             std::shared_ptr<arrow::Buffer> store_info,
                             MessageStreamOptions options)
    : url_(std::move(url)),
      channel_(std::move(channel)),
      store_info_(std::move(store_info)),
      options_(options),
      queue_(options.limits),
      connecting_since_(std::chrono::steady_clock::now()) {}

arrow::Result<std::unique_ptr<MessageStream>> MessageStream::Open(
    ProxyUrl url, std::shared_ptr<arrow::Buffer> store_info, MessageStreamOptions options) {
  if (url.tls) {
    return arrow::Status::NotImplemented("cannot connect to ", url.ToString(),
                                         ": this build of rrflow speaks gRPC without TLS "
                                         "(use a rerun+http:// URL)");
  }
  auto channel = OpenChannel(url);
  std::unique_ptr<MessageStream> stream(
      new MessageStream(std::move(url), std::move(channel), std::move(store_info), options));
  stream->thread_ = std::thread([raw = stream.get()] { raw->Run(); });
  return stream;
}

MessageStream::~MessageStream() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    abandon_ = true;
  }
  context_.TryCancel();
  queue_.Close();
  thread_.join();
}

void MessageStream::SetState(State state, arrow::Status status) {
  std::lock_guard lock(mutex_);
  if (state_ == State::kFailed) return;
  state_ = state;
  if (!status.ok()) error_ = std::move(status);
  changed_.notify_all();
}

void MessageStream::Run() {
  if (!Connect()) return;
  SetState(State::kStreaming);
  arrow::Status status = Stream();
  if (!status.ok()) {
    SetState(State::kFailed, std::move(status));
    // Producers waiting for room learn of the failure; what is queued is dropped.
    queue_.Close();
    std::deque<Request> dropped;
    while (queue_.TakeAll(&dropped)) dropped.clear();
    return;
  }
  SetState(State::kClosed);
}

bool MessageStream::Connect() {
  auto state = channel_->GetState(/*try_to_connect=*/true);
  while (state != GRPC_CHANNEL_READY) {
    {
      std::lock_guard lock(mutex_);
      if (abandon_) return false;
    }
    channel_->WaitForStateChange(
        state, std::chrono::system_clock::now() + std::chrono::milliseconds(kReconnectMilliseconds));
    state = channel_->GetState(/*try_to_connect=*/true);
  }
  return true;
}

arrow::Status MessageStream::Stream() {
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue completions;
  auto call = stub.PrepareCall(&context_, kWriteMessagesMethod, &completions);
  // Ends the call after a failed operation and says why.
  auto fail = [&](std::string_view what) {
    grpc::Status status;
    call->Finish(&status, nullptr);
    Await(completions);
    completions.Shutdown();
    while (Await(completions)) {
    }
    return ConnectionError("connection to ", url_.ToString(), " lost while ", what, ": ",
                           StatusText(status));
  };
  call->StartCall(nullptr);
  if (!Await(completions)) return fail("starting the stream");
  call->Write(FrameWriteMessagesRequest(LogMsgField::kSetStoreInfo, store_info_), nullptr);
  if (!Await(completions)) return fail("sending");
  std::deque<Request> batch;
  while (queue_.TakeAll(&batch)) {
    while (!batch.empty()) {
      grpc::WriteOptions write_options;
      // More follow at once: let gRPC gather them into fewer frames.
      if (batch.size() > 1) write_options.set_buffer_hint();
      call->Write(batch.front().bytes, write_options, nullptr);
      if (!Await(completions)) return fail("sending");
      batch.pop_front();
      std::lock_guard lock(mutex_);
      ++sent_;
      changed_.notify_all();
    }
  }
  call->WritesDone(nullptr);
  if (!Await(completions)) return fail("ending the stream");
  grpc::ByteBuffer response;
  call->Read(&response, nullptr);
  Await(completions);
  grpc::Status status;
  call->Finish(&status, nullptr);
  Await(completions);
  completions.Shutdown();
  while (Await(completions)) {
  }
  if (!status.ok()) {
    return ConnectionError("WriteMessages to ", url_.ToString(), " failed: ", StatusText(status));
  }
  return arrow::Status::OK();
}

arrow::Status MessageStream::Push(grpc::ByteBuffer request, int64_t bytes) {
  {
    std::lock_guard lock(mutex_);
    if (state_ == State::kFailed) return error_;
    ++pushed_;
  }
  if (queue_.Push(Request{std::move(request)}, bytes)) return arrow::Status::OK();
  std::lock_guard lock(mutex_);
  if (!error_.ok()) return error_;
  return arrow::Status::Invalid("the stream to ", url_.ToString(), " is closed");
}

std::optional<arrow::Status> MessageStream::StopReason() const {
  if (state_ == State::kFailed) return error_;
  if (state_ == State::kConnecting) {
    const auto waited = std::chrono::steady_clock::now() - connecting_since_;
    if (waited >= options_.connect_timeout_on_flush) {
      return ConnectionError(
          "gRPC has been unable to connect for ",
          std::chrono::duration_cast<std::chrono::seconds>(waited).count(), "s, uri: ",
          url_.ToString());
    }
  }
  return std::nullopt;
}

arrow::Status MessageStream::Flush(std::optional<std::chrono::duration<double>> timeout) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  const uint64_t target = pushed_;
  while (sent_ < target) {
    if (auto reason = StopReason()) return *reason;
    auto wake = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    if (timeout) {
      const auto deadline =
          start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(*timeout);
      if (std::chrono::steady_clock::now() >= deadline) {
        return TimeoutError("flushing to ", url_.ToString(), " timed out after ",
                            timeout->count(), " s with ", target - sent_,
                            " messages not yet sent");
      }
      wake = std::min(wake, deadline);
    }
    changed_.wait_until(lock, wake);
  }
  return arrow::Status::OK();
}

arrow::Status MessageStream::Close() {
  if (!thread_.joinable()) {
    std::lock_guard lock(mutex_);
    return error_;
  }
  arrow::Status flushed = Flush(std::nullopt);
  if (!flushed.ok()) {
    {
      std::lock_guard lock(mutex_);
      abandon_ = true;
    }
    context_.TryCancel();
  }
  queue_.Close();
  thread_.join();
  if (!flushed.ok()) return flushed;
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace rrflow::internal
