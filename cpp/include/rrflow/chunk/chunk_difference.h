// FindChunkDifference: whether two chunks hold the same data, and if not,
// the first place where they part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rrflow/chunk/chunk.h"

namespace rrflow {

/// The first way two chunks differ as data.
struct ChunkDifference {
  /// The timeline or component that differs; empty when the chunks differ as
  /// a whole (entity path, static flag, number of rows).
  std::string column;
  /// The first row whose values differ, when it comes down to one row.
  std::optional<int64_t> row;
  /// What differs, the first chunk's side first: `[1.0, 2.0] vs [1.0, 3.0]`.
  std::string description;

  /// `<column>, row <row>: <description>`, leaving out what is absent.
  std::string ToString() const;
};

/// What FindChunkDifference leaves out.
struct ChunkComparisonOptions {
  /// Timelines compared neither for presence nor for values: by default
  /// `log_time`, which says when the data was logged, not what it is.
  std::vector<std::string> ignored_timelines = {"log_time"};
  /// Components compared neither for presence nor for values: by default the
  /// recording's start time, for the same reason (as `rerun rrd compare`).
  std::vector<std::string> ignored_components = {"RecordingInfo:start_time"};
};

/// Nothing when `a` and `b` hold the same data: the same entity path, static
/// flag and rows in the same order, the same times on every timeline but the
/// ignored ones, and under each component identifier but the ignored ones the same descriptor,
/// Arrow type and values (NaN equal to NaN). Chunk ids, row ids and the order
/// of columns are not data and do not count. Otherwise the first difference,
/// in that order of checks.
std::optional<ChunkDifference> FindChunkDifference(const Chunk& a, const Chunk& b,
                                                   const ChunkComparisonOptions& options = {});

}  // namespace rrflow
