// OptimizationProfile: how collect() compacts a store beyond insertion.
#pragma once

#include <cstdint>
#include <optional>

#include <arrow/result.h>

#include "rrflow/store/chunk_store.h"

namespace rrflow {

/// Thresholds and passes of an optimised collect. Absent thresholds take the
/// LIVE (default) values.
struct OptimizationProfile {
  std::optional<int64_t> max_bytes;
  std::optional<int64_t> max_rows;
  std::optional<int64_t> max_rows_if_unsorted;
  /// Re-insertion passes after the first, stopping once a pass merges nothing.
  int64_t extra_passes = 50;
  /// Rebatch video streams on keyframe boundaries.
  bool gop_batching = true;
  /// Separate archetypes whose byte sizes differ by at least this factor.
  std::optional<double> split_size_ratio;
  /// Re-derive keyframe flags during video rebatching.
  bool fix_keyframe = false;

  static OptimizationProfile Live();
  static OptimizationProfile ObjectStore();

  /// The insertion thresholds of this profile.
  ChunkStoreConfig config() const;
};

/// Applies the profile's passes to a store built with its thresholds: the
/// thick/thin split (when `split_size_ratio` is set), then the extra passes.
/// Video GoP rebatching is not implemented: a store holding video samples
/// with `gop_batching` set gives a NotImplemented error.
arrow::Result<ChunkStorePtr> Optimize(const ChunkStorePtr& store,
                                      const OptimizationProfile& profile);

}  // namespace rrflow
