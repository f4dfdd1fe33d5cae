#include "rrflow/net/viewer_client.h"

#include <grpcpp/grpcpp.h>

#include "rerun/sdk_comms.grpc.pb.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/net/net_error.h"

namespace rrflow {
namespace {

namespace pb = rerun::sdk_comms::v1alpha1;

arrow::Status FromGrpc(const grpc::Status& status, std::string_view call) {
  if (status.ok()) return arrow::Status::OK();
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return TimeoutError(call, ": ", status.error_message());
  }
  return ConnectionError(call, ": ", status.error_message());
}

}  // namespace

struct ViewerClient::Connection {
  ProxyUrl url;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<pb::MessageProxyService::Stub> stub;
};

ViewerClient::ViewerClient(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

ViewerClient::~ViewerClient() = default;

const ProxyUrl& ViewerClient::url() const { return connection_->url; }

arrow::Result<std::unique_ptr<ViewerClient>> ViewerClient::Connect(std::string_view url,
                                                                   std::chrono::milliseconds timeout) {
  ARROW_ASSIGN_OR_RAISE(auto origin, ParseViewerOrigin(url));
  if (origin.tls) {
    return arrow::Status::NotImplemented("cannot connect to ", url,
                                         ": this build of rrflow speaks gRPC without TLS");
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(-1);
  arguments.SetMaxReceiveMessageSize(-1);
  auto channel =
      grpc::CreateCustomChannel(origin.target(), grpc::InsecureChannelCredentials(), arguments);
  // One attempt: a refused connection fails at once, as the reference's does.
  const auto deadline = std::chrono::system_clock::now() + timeout;
  auto state = channel->GetState(/*try_to_connect=*/true);
  while (state != GRPC_CHANNEL_READY) {
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_SHUTDOWN ||
        !channel->WaitForStateChange(state, deadline)) {
      return ConnectionError("cannot connect to ", url, ": nothing answers at ", origin.target());
    }
    state = channel->GetState(/*try_to_connect=*/false);
  }
  auto connection = std::make_unique<Connection>();
  connection->url = std::move(origin);
  connection->stub = pb::MessageProxyService::NewStub(channel);
  connection->channel = std::move(channel);
  return std::unique_ptr<ViewerClient>(new ViewerClient(std::move(connection)));
}

arrow::Status ViewerClient::SendTable(const std::string& name, const arrow::RecordBatch& batch) {
  ARROW_ASSIGN_OR_RAISE(auto part, EncodeDataframePart(batch));
  pb::WriteTableRequest request;
  request.mutable_id()->set_id(name);
  if (!request.mutable_data()->ParseFromArray(part->data(), static_cast<int>(part->size()))) {
    return arrow::Status::Invalid("table ", name, " is too large to send");
  }
  pb::WriteTableResponse response;
  grpc::ClientContext context;
  return FromGrpc(connection_->stub->WriteTable(&context, request, &response), "send_table");
}

arrow::Status ViewerClient::SaveScreenshot(const std::string& file_path,
                                           const std::optional<std::string>& view_id,
                                           std::optional<std::chrono::duration<double>> timeout) {
  pb::SaveScreenshotRequest request;
  request.set_file_path(file_path);
  if (view_id) request.set_view_id(*view_id);
  pb::SaveScreenshotResponse response;
  grpc::ClientContext context;
  if (timeout) {
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::duration_cast<std::chrono::system_clock::duration>(*timeout));
  }
  return FromGrpc(connection_->stub->SaveScreenshot(&context, request, &response),
                  "save_screenshot");
}

}  // namespace rrflow
