#include "rrflow/stream/scan_hints.h"

#include <algorithm>

namespace rrflow {

FilterCriteria ScanHints::Selection() const {
  FilterCriteria fused;
  for (const FilterCriteria& filter : filters) {
    FilterCriteria merged = fused;
    bool mergeable = true;
    if (filter.content) {
      if (merged.content && !(*merged.content == *filter.content)) mergeable = false;
      merged.content = filter.content;
    }
    if (filter.has_timeline) {
      if (merged.has_timeline && *merged.has_timeline != *filter.has_timeline) mergeable = false;
      merged.has_timeline = filter.has_timeline;
    }
    if (filter.is_static) {
      if (merged.is_static && *merged.is_static != *filter.is_static) mergeable = false;
      merged.is_static = filter.is_static;
    }
    if (filter.components) {
      if (merged.components) {
        std::vector<std::string> both;
        for (const auto& c : *merged.components) {
          if (std::find(filter.components->begin(), filter.components->end(), c) !=
              filter.components->end()) {
            both.push_back(c);
          }
        }
        if (both.empty()) mergeable = false;
        merged.components = std::move(both);
      } else {
        merged.components = filter.components;
      }
    }
    if (!mergeable) break;
    fused = std::move(merged);
  }
  return fused;
}

ScanHints ScanHints::BudgetOnly() const {
  ScanHints hints;
  hints.byte_budget = byte_budget;
  return hints;
}

}  // namespace rrflow
