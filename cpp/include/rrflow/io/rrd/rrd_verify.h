// VerifyRrdFile: decode every message of an `.rrd` file and check each
// stream's footer against the chunks it describes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

namespace rrflow {

/// What VerifyRrdFile checks besides decoding.
struct RrdVerifyOptions {
  /// Every stream must end with a footer (as `rerun rrd verify` requires by
  /// default); without this, a stream without one is fine.
  bool check_footers = true;
  /// Polled between messages; a non-OK status stops the verification with it
  /// (Ctrl-C in the CLI).
  std::function<arrow::Status()> interrupt_check;
  /// Told, between messages, how many bytes of the file have been read and
  /// how large it is (for a progress display).
  std::function<void(int64_t done, int64_t total)> progress;
};

/// The outcome of VerifyRrdFile.
struct RrdVerification {
  int64_t streams = 0;   ///< RRD streams (more than one when files were concatenated)
  int64_t messages = 0;  ///< framed messages read
  int64_t chunks = 0;    ///< ArrowMsg chunks decoded
  int64_t footer_entries = 0;  ///< manifest rows checked against the chunks
  /// Each problem found, naming the file and byte offset, in file order.
  std::vector<std::string> problems;

  bool ok() const { return problems.empty(); }
};

/// Reads `path` front to back: every message is decoded (chunks included,
/// down to their Arrow arrays), and every manifest row of every footer is
/// compared with the chunk at its offset (chunk id, entity path, static flag,
/// rows, payload size, time ranges); a chunk the footer does not list is a
/// problem too. Damage inside intact framing is a problem and the reading goes
/// on; damaged framing is a problem that ends it. An error only when the file
/// cannot be opened or is not an RRD file at all.
arrow::Result<RrdVerification> VerifyRrdFile(const std::string& path,
                                             const RrdVerifyOptions& options = {});

}  // namespace rrflow
