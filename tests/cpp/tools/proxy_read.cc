// proxy_read: reads a message proxy's history (ReadMessages) and writes the
// messages to an .rrd file with rrflow's writer, for the viewer interop
// tests: what reached `rerun --serve-grpc` can then be compared chunk by
// chunk with what was sent.
//
// usage: proxy_read URL OUTPUT [IDLE_SECONDS]
//        proxy_read URL OUTPUT IDLE_SECONDS --tables
// Stops after IDLE_SECONDS (default 2) without a message: the stream never
// ends by itself. With --tables it reads ReadTables instead: the first
// table's name goes to stdout and its Arrow IPC stream (LZ4 undone) to OUTPUT.
#include <chrono>
#include <climits>
#include <iostream>
#include <string>

#include <fstream>

#include <grpcpp/grpcpp.h>
#include <lz4.h>

#include "rerun/sdk_comms.grpc.pb.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "rrflow/net/proxy_url.h"

namespace {

namespace pb = rerun::sdk_comms::v1alpha1;

rrflow::RrdMessage Message(rrflow::RrdMessageKind kind, const std::string& bytes) {
  rrflow::RrdMessage message;
  message.kind = kind;
  message.payload = arrow::Buffer::FromString(bytes);
  message.source = std::make_shared<const std::string>("ReadMessages");
  return message;
}

arrow::Status Read(const std::string& url, const std::string& output, double idle_seconds) {
  ARROW_ASSIGN_OR_RAISE(auto parsed, rrflow::ParseProxyUrl(url));
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(INT_MAX);
  auto channel =
      grpc::CreateCustomChannel(parsed.target(), grpc::InsecureChannelCredentials(), arguments);
  auto stub = pb::MessageProxyService::NewStub(channel);
  grpc::ClientContext context;
  grpc::CompletionQueue queue;
  pb::ReadMessagesRequest request;
  auto reader = stub->PrepareAsyncReadMessages(&context, request, &queue);
  reader->StartCall(nullptr);
  ARROW_ASSIGN_OR_RAISE(auto writer, rrflow::RrdWriter::Open(output));
  pb::ReadMessagesResponse response;
  bool reading = false;
  const auto idle = std::chrono::duration<double>(idle_seconds);
  while (true) {
    void* tag = nullptr;
    bool ok = false;
    const auto deadline = std::chrono::system_clock::now() +
                          std::chrono::duration_cast<std::chrono::system_clock::duration>(idle);
    const auto status = queue.AsyncNext(&tag, &ok, deadline);
    if (status == grpc::CompletionQueue::TIMEOUT) break;
    if (status != grpc::CompletionQueue::GOT_EVENT || !ok) {
      return arrow::Status::IOError("ReadMessages from ", url, " failed");
    }
    if (reading) {
      const auto& log_msg = response.log_msg();
      if (log_msg.has_set_store_info()) {
        ARROW_ASSIGN_OR_RAISE(auto info,
                              rrflow::DecodeSetStoreInfo(Message(
                                  rrflow::RrdMessageKind::kSetStoreInfo,
                                  log_msg.set_store_info().SerializeAsString())));
        ARROW_RETURN_NOT_OK(writer->WriteStoreInfo(info));
      } else if (log_msg.has_arrow_msg()) {
        ARROW_ASSIGN_OR_RAISE(auto decoded,
                              rrflow::DecodeArrowMsg(Message(rrflow::RrdMessageKind::kArrowMsg,
                                                             log_msg.arrow_msg().SerializeAsString())));
        ARROW_RETURN_NOT_OK(writer->WriteChunk(decoded.store_id, decoded.chunk));
      }
    }
    reading = true;
    reader->Read(&response, nullptr);
  }
  context.TryCancel();
  grpc::Status finished;
  reader->Finish(&finished, nullptr);
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
  return writer->Finish();
}

arrow::Status ReadTable(const std::string& url, const std::string& output, double idle_seconds) {
  ARROW_ASSIGN_OR_RAISE(auto parsed, rrflow::ParseProxyUrl(url));
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(INT_MAX);
  auto stub = pb::MessageProxyService::NewStub(
      grpc::CreateCustomChannel(parsed.target(), grpc::InsecureChannelCredentials(), arguments));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(static_cast<int64_t>(idle_seconds * 1000)));
  auto reader = stub->ReadTables(&context, pb::ReadTablesRequest());
  pb::ReadTablesResponse response;
  if (!reader->Read(&response)) return arrow::Status::IOError("no table arrived at ", url);
  context.TryCancel();
  reader->Finish();
  const auto& part = response.data();
  if (part.encoder_version() != rerun::common::v1alpha1::ENCODER_VERSION_V0 ||
      part.compression() != rerun::common::v1alpha1::COMPRESSION_LZ4) {
    return arrow::Status::Invalid("unexpected DataframePart encoding");
  }
  std::string ipc(part.uncompressed_size(), '\0');
  const int size = LZ4_decompress_safe(part.payload().data(), ipc.data(),
                                       static_cast<int>(part.payload().size()),
                                       static_cast<int>(ipc.size()));
  if (size != static_cast<int>(ipc.size())) return arrow::Status::Invalid("bad LZ4 block");
  std::ofstream(output, std::ios::binary) << ipc;
  std::cout << response.id().id() << "\n";
  return arrow::Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: proxy_read URL OUTPUT [IDLE_SECONDS]\n";
    return 2;
  }
  const double idle = argc > 3 ? std::stod(argv[3]) : 2.0;
  const bool tables = argc > 4 && std::string(argv[4]) == "--tables";
  const auto status = tables ? ReadTable(argv[1], argv[2], idle) : Read(argv[1], argv[2], idle);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
