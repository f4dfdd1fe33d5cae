#include "rrflow/io/rrd/rrd_route.h"

#include <map>
#include <memory>
#include <set>
#include <utility>

#include "io/rrd/rrd_error_internal.h"
#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_writer.h"

namespace rrflow {
namespace {

StoreId Routed(StoreId store_id, const RrdRouteOptions& options) {
  if (options.application_id) store_id.application_id = *options.application_id;
  if (options.recording_id) store_id.recording_id = *options.recording_id;
  return store_id;
}

// One input file: its messages, and the manifests its footer has for its
// stores when the footer describes the whole file.
struct Input {
  std::unique_ptr<RrdMessageReader> messages;
  std::map<StoreId, RrdManifest> manifests;
  std::set<StoreId> stores;
  // Stores whose output manifest is this input's, with the places its rows
  // give and how many of them were met.
  struct Carried {
    std::vector<ChunkLocation> locations;
    size_t next = 0;
  };
  std::map<StoreId, Carried> carried;
};

arrow::Result<Input> OpenInput(const std::string& path) {
  Input input;
  ARROW_ASSIGN_OR_RAISE(input.messages, RrdMessageReader::Open(path));
  // A footer that cannot be used only means the chunks get decoded to
  // describe them; damage is then found by the message reader.
  if (input.messages->file_size() > 0) {
    if (auto file = RrdFile::Open(path); file.ok()) {
      auto stream_offset = (*file)->FooterStreamOffset();
      auto footer = (*file)->ReadFooter();
      if (stream_offset.ok() && *stream_offset == 0 && footer.ok() && footer->has_value()) {
        for (auto& manifest : **footer) {
          input.stores.insert(manifest.store_id);
          input.manifests.emplace(manifest.store_id, std::move(manifest));
        }
        return input;
      }
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto scanner, RrdMessageReader::Open(path));
  ARROW_ASSIGN_OR_RAISE(auto entries, ScanRrdStores(*scanner));
  for (const auto& entry : entries) input.stores.insert(entry.store_id);
  return input;
}

// Where the footer's manifest of an output store comes from: carried over
// from the one input store that becomes it, when that input's footer has it;
// else from the chunks, decoded.
arrow::Status PlanManifests(std::vector<Input>& inputs, const RrdRouteOptions& options, RrdWriter& writer) {
  std::map<StoreId, std::vector<std::pair<Input*, StoreId>>> sources;
  for (auto& input : inputs) {
    for (const auto& store : input.stores) sources[Routed(store, options)].emplace_back(&input, store);
  }
  for (const auto& [routed, from] : sources) {
    if (from.size() != 1) continue;
    auto& [input, store] = from.front();
    auto manifest = input->manifests.find(store);
    if (manifest == input->manifests.end()) continue;
    ARROW_ASSIGN_OR_RAISE(auto locations, manifest->second.ChunkLocations());
    ARROW_RETURN_NOT_OK(writer.CarryManifest(routed, manifest->second));
    input->carried.emplace(store, Input::Carried{std::move(locations), 0});
  }
  return arrow::Status::OK();
}

class Router {
 public:
  Router(const RrdRouteOptions& options, bool several_inputs)
      : options_(options),
        drop_blueprint_activations_(several_inputs && options.recording_id.has_value()) {}

  arrow::Status Route(const RrdMessage& message, Input& input, RrdWriter& writer) {
    ++result_.messages;
    switch (message.kind) {
      case RrdMessageKind::kEnd:
        return arrow::Status::OK();  // the writer ends its one stream itself
      case RrdMessageKind::kSetStoreInfo: {
        ARROW_ASSIGN_OR_RAISE(auto info, DecodeSetStoreInfo(message));
        info.store_id = Routed(std::move(info.store_id), options_);
        return writer.WriteStoreInfo(info);
      }
      case RrdMessageKind::kArrowMsg:
        ++result_.chunks;
        return RouteChunk(message, input, writer);
      case RrdMessageKind::kBlueprintActivationCommand: {
        if (drop_blueprint_activations_) {
          ++result_.dropped_blueprint_activations;
          return arrow::Status::OK();
        }
        ARROW_ASSIGN_OR_RAISE(auto command, DecodeBlueprintActivationCommand(message));
        command.blueprint_id = Routed(std::move(command.blueprint_id), options_);
        return writer.WriteBlueprintActivation(command);
      }
    }
    return arrow::Status::OK();
  }

  RrdRouteResult result() const { return result_; }

 private:
  arrow::Status RouteChunk(const RrdMessage& message, Input& input, RrdWriter& writer) {
    const StoreId store = message.store_id.value();  // the reader resolves it for every ArrowMsg
    const StoreId routed = Routed(store, options_);
    auto carried = input.carried.find(store);
    if (carried == input.carried.end()) {
      ARROW_ASSIGN_OR_RAISE(auto decoded, DecodeArrowMsg(message));
      ARROW_ASSIGN_OR_RAISE(auto payload, RewriteArrowMsgStoreId(message, routed, decoded.chunk.get()));
      return writer.WriteEncoded(EncodedArrowMsg{routed, std::move(decoded.chunk), std::move(payload), decoded.ipc_size});
    }
    // The footer's next row of the store must be this very message.
    auto& [locations, next] = carried->second;
    if (next == locations.size() || locations[next].byte_offset != message.payload_offset() ||
        locations[next].byte_size != message.payload->size()) {
      return internal::RrdError(*message.source, message.payload_offset(),
                                "the footer does not describe this ArrowMsg of ", store.ToString(),
                                " (rrflow verify tells more)");
    }
    const int64_t ipc_size = locations[next++].byte_size_uncompressed;
    ARROW_ASSIGN_OR_RAISE(auto payload, RewriteArrowMsgStoreId(message, routed));
    return writer.WriteEncoded(EncodedArrowMsg{routed, nullptr, std::move(payload), ipc_size});
  }

  const RrdRouteOptions& options_;
  const bool drop_blueprint_activations_;
  RrdRouteResult result_;
};

}  // namespace

arrow::Result<RrdRouteResult> RouteRrdFiles(const std::vector<std::string>& paths,
                                            const std::string& output,
                                            const RrdRouteOptions& options) {
  // Every input is opened first, so that a missing one fails before any work.
  std::vector<Input> inputs;
  int64_t total_bytes = 0;
  for (const auto& path : paths) {
    ARROW_ASSIGN_OR_RAISE(auto input, OpenInput(path));
    total_bytes += input.messages->file_size();
    inputs.push_back(std::move(input));
  }
  ARROW_ASSIGN_OR_RAISE(auto writer, RrdWriter::Open(output));
  ARROW_RETURN_NOT_OK(PlanManifests(inputs, options, *writer));
  Router router(options, paths.size() > 1);
  int64_t bytes_before = 0;
  for (auto& input : inputs) {
    while (true) {
      if (options.interrupt_check) ARROW_RETURN_NOT_OK(options.interrupt_check());
      ARROW_ASSIGN_OR_RAISE(auto message, input.messages->Next());
      if (!message) break;
      ARROW_RETURN_NOT_OK(router.Route(*message, input, *writer));
      if (options.progress) {
        options.progress(bytes_before + message->payload_offset() + message->payload->size(), total_bytes);
      }
    }
    bytes_before += input.messages->file_size();
  }
  ARROW_RETURN_NOT_OK(writer->Finish());
  if (options.progress) options.progress(total_bytes, total_bytes);
  return router.result();
}

}  // namespace rrflow
