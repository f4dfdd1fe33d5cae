#include "rrflow/store/optimization_profile.h"

#include <algorithm>
#include <map>

#include "rrflow/chunk/chunk_ops.h"

namespace rrflow {
namespace {

// The component of video samples, whose chunks GoP rebatching reshapes.
constexpr std::string_view kVideoSampleComponent = "VideoStream:sample";

arrow::Result<ChunkStorePtr> Reinsert(const ChunkStore& store, const std::vector<ChunkPtr>& chunks,
                                      const ChunkStoreConfig& config) {
  ChunkStoreBuilder builder(config, store.schema());
  for (const auto& chunk : chunks) ARROW_RETURN_NOT_OK(builder.Insert(chunk));
  return builder.Finish();
}

// One chunk per run of archetype groups of similar size: groups sorted by
// bytes (heaviest first) are cut wherever a group outweighs the next by `ratio`.
std::vector<ChunkPtr> SplitThickAndThin(const ChunkPtr& chunk, double ratio) {
  if (chunk->components().size() < 2) return {chunk};
  // Archetype -> component indices; a component without archetype is its own group.
  std::map<std::string, std::vector<size_t>> by_archetype;
  std::vector<std::vector<size_t>> groups;
  const auto& components = chunk->components();
  for (size_t i = 0; i < components.size(); ++i) {
    if (const auto& archetype = components[i].descriptor.archetype) {
      by_archetype[*archetype].push_back(i);
    } else {
      groups.push_back({i});
    }
  }
  for (auto& [archetype, indices] : by_archetype) groups.push_back(std::move(indices));
  if (groups.size() < 2) return {chunk};

  std::vector<std::pair<int64_t, std::vector<size_t>>> sized;
  for (auto& group : groups) {
    int64_t bytes = 0;
    for (size_t i : group) bytes += EstimatedChunkBytes(*chunk->WithComponents({i}));
    sized.emplace_back(bytes, std::move(group));
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });

  std::vector<ChunkPtr> pieces;
  std::vector<size_t> current = sized[0].second;
  for (size_t g = 1; g < sized.size(); ++g) {
    const double heavier = static_cast<double>(sized[g - 1].first);
    const double lighter = static_cast<double>(std::max<int64_t>(1, sized[g].first));
    if (heavier / lighter >= ratio) {
      pieces.push_back(chunk->WithComponents(current));
      current.clear();
    }
    current.insert(current.end(), sized[g].second.begin(), sized[g].second.end());
  }
  if (pieces.empty()) return {chunk};
  pieces.push_back(chunk->WithComponents(current));
  return pieces;
}

}  // namespace

OptimizationProfile OptimizationProfile::Live() {
  OptimizationProfile profile;
  profile.max_bytes = 393216;
  profile.max_rows = 4096;
  profile.max_rows_if_unsorted = 1024;
  return profile;
}

OptimizationProfile OptimizationProfile::ObjectStore() {
  OptimizationProfile profile;
  profile.max_bytes = 2097152;
  profile.max_rows = 65536;
  profile.max_rows_if_unsorted = 8192;
  return profile;
}

ChunkStoreConfig OptimizationProfile::config() const {
  const auto defaults = ChunkStoreConfig::Default();
  return {max_bytes.value_or(defaults.max_bytes), max_rows.value_or(defaults.max_rows),
          max_rows_if_unsorted.value_or(defaults.max_rows_if_unsorted)};
}

arrow::Result<ChunkStorePtr> Optimize(const ChunkStorePtr& store,
                                      const OptimizationProfile& profile) {
  const auto config = profile.config();
  ChunkStorePtr current = store;
  if (profile.split_size_ratio) {
    std::vector<ChunkPtr> pieces;
    for (const auto& chunk : current->chunks()) {
      auto split = SplitThickAndThin(chunk, *profile.split_size_ratio);
      pieces.insert(pieces.end(), split.begin(), split.end());
    }
    ARROW_ASSIGN_OR_RAISE(current, Reinsert(*current, pieces, config));
  }
  for (int64_t pass = 0; pass < profile.extra_passes; ++pass) {
    ARROW_ASSIGN_OR_RAISE(auto next, Reinsert(*current, current->chunks(), config));
    const bool reduced = next->num_chunks() < current->num_chunks();
    current = std::move(next);
    if (!reduced) break;
  }
  if (profile.gop_batching) {
    for (const auto& chunk : current->chunks()) {
      if (chunk->FindComponent(kVideoSampleComponent) != nullptr) {
        return arrow::Status::NotImplemented(
            "GoP rebatching of video streams is not implemented; collect with "
            "gop_batching=False (entity ", chunk->entity_path().ToString(), ")");
      }
    }
  }
  return current;
}

}  // namespace rrflow
