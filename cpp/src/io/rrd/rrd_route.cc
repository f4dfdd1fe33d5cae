#include "rrflow/io/rrd/rrd_route.h"

#include <memory>
#include <utility>

#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"

namespace rrflow {
namespace {

class Router {
 public:
  Router(const RrdRouteOptions& options, bool several_inputs)
      : options_(options),
        drop_blueprint_activations_(several_inputs && options.recording_id.has_value()) {}

  StoreId Routed(StoreId store_id) const {
    if (options_.application_id) store_id.application_id = *options_.application_id;
    if (options_.recording_id) store_id.recording_id = *options_.recording_id;
    return store_id;
  }

  arrow::Status Route(const RrdMessage& message, RrdWriter& writer) {
    ++result_.messages;
    switch (message.kind) {
      case RrdMessageKind::kEnd:
        return arrow::Status::OK();  // the writer ends its one stream itself
      case RrdMessageKind::kSetStoreInfo: {
        ARROW_ASSIGN_OR_RAISE(auto info, DecodeSetStoreInfo(message));
        info.store_id = Routed(std::move(info.store_id));
        return writer.WriteStoreInfo(info);
      }
      case RrdMessageKind::kArrowMsg: {
        ARROW_ASSIGN_OR_RAISE(auto decoded, DecodeArrowMsg(message));
        const StoreId store_id = Routed(std::move(decoded.store_id));
        ARROW_ASSIGN_OR_RAISE(auto payload, RewriteArrowMsgStoreId(message, store_id, *decoded.chunk));
        ++result_.chunks;
        return writer.WriteEncoded(
            EncodedArrowMsg{store_id, std::move(decoded.chunk), std::move(payload), decoded.ipc_size});
      }
      case RrdMessageKind::kBlueprintActivationCommand: {
        if (drop_blueprint_activations_) {
          ++result_.dropped_blueprint_activations;
          return arrow::Status::OK();
        }
        ARROW_ASSIGN_OR_RAISE(auto command, DecodeBlueprintActivationCommand(message));
        command.blueprint_id = Routed(std::move(command.blueprint_id));
        return writer.WriteBlueprintActivation(command);
      }
    }
    return arrow::Status::OK();
  }

  RrdRouteResult result() const { return result_; }

 private:
  const RrdRouteOptions& options_;
  const bool drop_blueprint_activations_;
  RrdRouteResult result_;
};

}  // namespace

arrow::Result<RrdRouteResult> RouteRrdFiles(const std::vector<std::string>& inputs,
                                            const std::string& output,
                                            const RrdRouteOptions& options) {
  // Every input is opened first, so that a missing one fails before any work.
  std::vector<std::unique_ptr<RrdMessageReader>> readers;
  int64_t total_bytes = 0;
  for (const auto& input : inputs) {
    ARROW_ASSIGN_OR_RAISE(auto reader, RrdMessageReader::Open(input));
    total_bytes += reader->file_size();
    readers.push_back(std::move(reader));
  }
  ARROW_ASSIGN_OR_RAISE(auto writer, RrdWriter::Open(output));
  Router router(options, inputs.size() > 1);
  int64_t bytes_before = 0;
  for (auto& reader : readers) {
    while (true) {
      if (options.interrupt_check) ARROW_RETURN_NOT_OK(options.interrupt_check());
      ARROW_ASSIGN_OR_RAISE(auto message, reader->Next());
      if (!message) break;
      ARROW_RETURN_NOT_OK(router.Route(*message, *writer));
      if (options.progress) {
        options.progress(bytes_before + message->payload_offset() + message->payload->size(),
                         total_bytes);
      }
    }
    bytes_before += reader->file_size();
  }
  ARROW_RETURN_NOT_OK(writer->Finish());
  if (options.progress) options.progress(total_bytes, total_bytes);
  return router.result();
}

}  // namespace rrflow
