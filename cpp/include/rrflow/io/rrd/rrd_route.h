// RouteRrdFiles: give the stores of `.rrd` files a new application or
// recording id, copying every chunk's encoded bytes unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

namespace rrflow {

/// What RouteRrdFiles changes, and how it reports.
struct RrdRouteOptions {
  /// The application id every store (recordings and blueprints) gets.
  std::optional<std::string> application_id;
  /// The recording id every store gets. With several inputs their stores
  /// become one, so their blueprint activations, which would contradict each
  /// other, are dropped (as `rerun rrd route` does).
  std::optional<std::string> recording_id;
  /// Polled between messages; a non-OK status stops the routing with it
  /// (Ctrl-C in the CLI) and nothing is written.
  std::function<arrow::Status()> interrupt_check;
  /// Told, between messages, how many bytes of all inputs have been read and
  /// how many there are (for a progress display).
  std::function<void(int64_t done, int64_t total)> progress;
};

/// What RouteRrdFiles did.
struct RrdRouteResult {
  int64_t messages = 0;  ///< messages read (End messages included)
  int64_t chunks = 0;    ///< chunks copied
  int64_t dropped_blueprint_activations = 0;  ///< see RrdRouteOptions::recording_id
};

/// Writes the messages of `inputs`, in order, as one RRD stream to `output`
/// with the store ids rewritten: SetStoreInfo and BlueprintActivationCommand
/// messages are re-encoded, each ArrowMsg keeps its compressed chunk byte for
/// byte (RewriteArrowMsgStoreId), and a new footer describes the result.
/// Where an input's footer describes a store that alone becomes an output
/// store, its manifest is carried over with the new places of the chunks,
/// which are then not even decompressed; other chunks are decoded to be
/// described. No migration of old encodings takes place. Any damage in an
/// input is an error naming the file and offset, and then nothing is written
/// (see RrdWriter).
arrow::Result<RrdRouteResult> RouteRrdFiles(const std::vector<std::string>& inputs,
                                            const std::string& output,
                                            const RrdRouteOptions& options = {});

}  // namespace rrflow
