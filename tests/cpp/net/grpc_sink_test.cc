// The gRPC sink against an in-process proxy that records every request:
// what goes on the wire, in which order, and how failures surface.
#include "rrflow/net/grpc_sink.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "io/rrd/rrd_test_util.h"
#include "rerun/sdk_comms.grpc.pb.h"
#include "rrflow/net/net_error.h"
#include "test_util.h"

namespace rrflow {
namespace {

namespace pb = rerun::sdk_comms::v1alpha1;
using testing::MessageOver;
using testing::Recording;
using testing::StaticChunk;
using testing::TemporalChunk;

// Records WriteMessages requests; can hold back reading to test back-pressure.
class RecordingProxy final : public pb::MessageProxyService::Service {
 public:
  grpc::Status WriteMessages(grpc::ServerContext*, grpc::ServerReader<pb::WriteMessagesRequest>* reader,
                             pb::WriteMessagesResponse*) override {
    pb::WriteMessagesRequest request;
    while (true) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !paused_; });
      }
      if (!reader->Read(&request)) break;
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      changed_.notify_all();
    }
    std::lock_guard lock(mutex_);
    ++streams_ended_;
    changed_.notify_all();
    return grpc::Status::OK;
  }

  void SetPaused(bool paused) {
    std::lock_guard lock(mutex_);
    paused_ = paused;
    changed_.notify_all();
  }
  std::vector<pb::WriteMessagesRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int streams_ended() {
    std::lock_guard lock(mutex_);
    return streams_ended_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool paused_ = false;
  std::vector<pb::WriteMessagesRequest> requests_;
  int streams_ended_ = 0;
};

class TestProxy {
 public:
  TestProxy() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.SetMaxReceiveMessageSize(INT32_MAX);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
  }
  ~TestProxy() { Stop(); }
  void Stop() {
    if (server_) server_->Shutdown(std::chrono::system_clock::now());
    server_.reset();
  }
  std::string url() const { return "rerun+http://127.0.0.1:" + std::to_string(port_) + "/proxy"; }
  RecordingProxy& service() { return service_; }

 private:
  RecordingProxy service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// A port nothing listens on (bound, then released).
std::string UnusedUrl() {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  EXPECT_EQ(::bind(socket, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(socket);
  return "rerun+http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/proxy";
}

StoreInfo Info(const std::string& recording_id = "rec") {
  return ChunkPipelineStoreInfo(Recording(recording_id));
}

StoreChunk Decode(const rerun::log_msg::v1alpha1::ArrowMsg& message) {
  const std::string bytes = message.SerializeAsString();
  auto decoded = DecodeArrowMsg(
      MessageOver(RrdMessageKind::kArrowMsg, testing::Bytes(bytes.begin(), bytes.end())));
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  return decoded.ok() ? *decoded : StoreChunk{};
}

TEST(GrpcSinkTest, StoreInfoFirstThenChunksInOrder) {
  TestProxy proxy;
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(proxy.url(), Info("dest")));
  std::vector<ChunkPtr> chunks = {TemporalChunk("/a", 0, 3), StaticChunk("/b"),
                                  TemporalChunk("/c", 10, 2)};
  for (const auto& chunk : chunks) ASSERT_OK(sink->Write(chunk));
  ASSERT_OK(sink->Finish());

  const auto requests = proxy.service().requests();
  ASSERT_EQ(requests.size(), 4u);
  ASSERT_TRUE(requests[0].log_msg().has_set_store_info());
  EXPECT_EQ(requests[0].log_msg().set_store_info().info().store_id().recording_id(), "dest");
  for (size_t i = 0; i < chunks.size(); ++i) {
    const auto& message = requests[i + 1].log_msg();
    ASSERT_TRUE(message.has_arrow_msg());
    EXPECT_EQ(message.arrow_msg().compression(), rerun::common::v1alpha1::COMPRESSION_LZ4);
    EXPECT_EQ(message.arrow_msg().encoding(), rerun::log_msg::v1alpha1::ENCODING_ARROW_IPC);
    EXPECT_EQ(message.arrow_msg().is_static(), chunks[i]->is_static());
    const StoreChunk decoded = Decode(message.arrow_msg());
    EXPECT_EQ(decoded.store_id, Recording("dest"));
    ASSERT_NE(decoded.chunk, nullptr);
    EXPECT_EQ(decoded.chunk->id(), chunks[i]->id());
    EXPECT_TRUE(decoded.chunk->ToRecordBatch()->Equals(*chunks[i]->ToRecordBatch()));
  }
}

TEST(GrpcSinkTest, FlushWaitsForTheTransport) {
  TestProxy proxy;
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(proxy.url(), Info()));
  ASSERT_OK(sink->Write(TemporalChunk("/a", 0, 3)));
  ASSERT_OK(sink->Flush(std::chrono::seconds(10)));
  ASSERT_OK(sink->Finish());
  EXPECT_EQ(proxy.service().streams_ended(), 1);
}

TEST(GrpcSinkTest, NothingListeningFailsFlushNamingTheUrl) {
  GrpcSinkOptions options;
  options.connect_timeout = std::chrono::milliseconds(300);
  const std::string url = UnusedUrl();
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(url, Info(), options));
  // Writing only queues.
  ASSERT_OK(sink->Write(TemporalChunk("/a", 0, 3)));
  const auto flushed = sink->Flush(std::chrono::seconds(10));
  EXPECT_TRUE(IsNetError(flushed, NetErrorKind::kConnection)) << flushed.ToString();
  EXPECT_NE(flushed.message().find("unable to connect"), std::string::npos);
  EXPECT_NE(flushed.message().find(url), std::string::npos);
  EXPECT_TRUE(IsNetError(sink->Finish(), NetErrorKind::kConnection));
}

TEST(GrpcSinkTest, ProxyAppearingLaterGetsWhatWasQueued) {
  // Bind the port first so that the proxy can come up on it later.
  const std::string url = UnusedUrl();
  const std::string port = url.substr(url.rfind(':') + 1, url.rfind('/') - url.rfind(':') - 1);
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(url, Info()));
  ASSERT_OK(sink->Write(TemporalChunk("/a", 0, 3)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  RecordingProxy service;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:" + port, grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  ASSERT_OK(sink->Finish());
  EXPECT_EQ(service.requests().size(), 2u);
  server->Shutdown();
}

TEST(GrpcSinkTest, WriteBlocksWhileTheProxyDoesNotRead) {
  TestProxy proxy;
  proxy.service().SetPaused(true);
  GrpcSinkOptions options;
  options.byte_budget = 1 << 20;
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(proxy.url(), Info(), options));
  // More than the HTTP/2 windows and the queues hold.
  std::atomic<bool> written{false};
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) ASSERT_OK(sink->Write(TemporalChunk("/a", i * 20000, 20000)));
    written = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(written);
  proxy.service().SetPaused(false);
  writer.join();
  ASSERT_OK(sink->Finish());
  EXPECT_EQ(proxy.service().requests().size(), 41u);
}

TEST(GrpcSinkTest, FlushTimesOutWhileTheProxyDoesNotRead) {
  TestProxy proxy;
  proxy.service().SetPaused(true);
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(proxy.url(), Info()));
  for (int i = 0; i < 40; ++i) ASSERT_OK(sink->Write(TemporalChunk("/a", i * 20000, 20000)));
  const auto flushed = sink->Flush(std::chrono::milliseconds(200));
  EXPECT_TRUE(IsNetError(flushed, NetErrorKind::kTimeout)) << flushed.ToString();
  proxy.service().SetPaused(false);
  ASSERT_OK(sink->Finish());
  EXPECT_EQ(proxy.service().requests().size(), 41u);
}

TEST(GrpcSinkTest, ProxyGoneMidStreamFailsWithoutHanging) {
  auto proxy = std::make_unique<TestProxy>();
  ASSERT_OK_AND_ASSIGN(auto sink, GrpcSink::Open(proxy->url(), Info()));
  ASSERT_OK(sink->Write(TemporalChunk("/a", 0, 3)));
  ASSERT_OK(sink->Flush(std::chrono::seconds(10)));
  proxy->Stop();
  arrow::Status status;
  for (int i = 0; i < 200 && status.ok(); ++i) {
    status = sink->Write(TemporalChunk("/a", i, 1000));
    if (status.ok()) status = sink->Flush(std::chrono::seconds(10));
  }
  EXPECT_TRUE(IsNetError(status, NetErrorKind::kConnection)) << status.ToString();
  EXPECT_NE(status.message().find(proxy->url()), std::string::npos);
  EXPECT_FALSE(sink->Finish().ok());
}

TEST(GrpcSinkTest, BadUrlFailsAtOpen) {
  auto opened = GrpcSink::Open("http://127.0.0.1:1/proxy", Info());
  EXPECT_TRUE(opened.status().IsExecutionError());
}

}  // namespace
}  // namespace rrflow
