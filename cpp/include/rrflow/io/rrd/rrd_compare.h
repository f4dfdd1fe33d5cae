// CompareRrdFiles: whether two `.rrd` files hold the same recording, chunk
// by chunk, and if not, the first difference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <arrow/result.h>

#include "rrflow/chunk/chunk_difference.h"
#include "rrflow/stream/execution_context.h"

namespace rrflow {

/// How CompareRrdFiles matches chunks.
struct RrdCompareOptions {
  /// Each chunk of one file must equal some chunk of the other, one for one,
  /// in any order. Otherwise the n-th chunks of the two files must be equal.
  bool unordered = false;
  /// What counts as a chunk's data.
  ChunkComparisonOptions chunks;
  /// The reads' problem handler, byte budget and interrupt check (asked
  /// between chunks).
  ExecuteOptions execution;
};

/// The outcome of CompareRrdFiles.
struct RrdComparison {
  int64_t first_chunks = 0;   ///< chunks read from the first file
  int64_t second_chunks = 0;  ///< chunks read from the second file
  /// The first difference found, naming the files, the chunks (position,
  /// entity path, chunk id) and what differs; empty when the recordings are
  /// the same.
  std::optional<std::string> difference;

  bool equal() const { return !difference; }
};

/// Compares the one recording each file must hold (blueprints are left
/// out): the application ids must be the same, the recording ids may differ,
/// and the chunks must be equal as FindChunkDifference sees them, in file
/// order unless `unordered`. Both files are streamed: an ordered comparison
/// holds a chunk of each at a time, an unordered one the chunks not yet
/// matched. An error when a file cannot be read (damage included) or does
/// not hold exactly one recording.
arrow::Result<RrdComparison> CompareRrdFiles(const std::string& first, const std::string& second,
                                             const RrdCompareOptions& options = {});

}  // namespace rrflow
