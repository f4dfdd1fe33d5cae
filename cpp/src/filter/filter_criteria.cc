#include "rrflow/query/filter_criteria.h"

#include <algorithm>

namespace rrflow {

bool FilterCriteria::ContentMemo::Matches(const ContentFilter& filter, const EntityPath& path) {
  auto& candidates = verdicts_[path.hash()];
  for (const auto& [printed, verdict] : candidates) {
    if (printed == path.ToString()) return verdict;
  }
  const bool verdict = filter.Matches(path);
  candidates.emplace_back(path.ToString(), verdict);
  return verdict;
}

bool FilterCriteria::PredicatesHold(const Chunk& chunk, ContentMemo* memo) const {
  if (content) {
    const auto& path = chunk.entity_path();
    const bool matches = memo != nullptr ? memo->Matches(*content, path) : content->Matches(path);
    if (!matches) return false;
  }
  if (has_timeline && chunk.FindTimeline(*has_timeline) == nullptr) return false;
  if (is_static && chunk.is_static() != *is_static) return false;
  return true;
}

FilterCriteria::Parts FilterCriteria::Divide(const ChunkPtr& chunk, ContentMemo* memo) const {
  if (!PredicatesHold(*chunk, memo)) return {nullptr, chunk};
  if (!components) return {chunk, nullptr};

  std::vector<size_t> listed;
  std::vector<size_t> others;
  const auto& columns = chunk->components();
  for (size_t i = 0; i < columns.size(); ++i) {
    const bool is_listed = std::find(components->begin(), components->end(),
                                     columns[i].descriptor.component) != components->end();
    (is_listed ? listed : others).push_back(i);
  }
  Parts parts;
  if (!listed.empty()) parts.matched = chunk->WithComponents(listed);
  if (!others.empty()) parts.unmatched = listed.empty() ? chunk : chunk->WithComponents(others);
  return parts;
}

}  // namespace rrflow
